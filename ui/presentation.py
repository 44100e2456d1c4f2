"""Meeting-room mode (F11): full screen, larger fonts, only the timeline and the key totals.

Arrow keys step through the areas (all areas, then each area in turn); Escape or F11 leaves. The
controller remembers what it hid so leaving restores the window exactly.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from planner.amounts import ZERO, format_amount
from planner.model import Portfolio, area_label
from ui.views import call

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class KeyTotalsBar(QWidget):
    """One line of key figures: initiatives, allocated, frame and what is left (or over).

    Invariant: after ``update_from(portfolio, …)`` the bar keeps every initiative's total by position and
    the count and sum per area, so an edit adjusts them and ``show_area`` (a presentation step) re-shows
    them without re-summing 10,000 initiatives; the window tells the bar about every change.
    """

    def __init__(self, lang: str = "da", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self._area: str | None = None
        # What update_from summed last: the portfolio, each initiative's total and area by position,
        # position by id, and count and sum per area; an edit adjusts these instead of re-summing.
        self._summed: Portfolio | None = None
        self._totals: list[Decimal] = []
        self._areas: list[str] = []
        self._positions: dict[str, int] = {}
        self._by_area: dict[str, list[Any]] = {}  # area → [count, sum]
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.area_label = QLabel()
        self.area_label.setTextFormat(Qt.TextFormat.PlainText)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.area_label)
        layout.addWidget(self.label, 1)
        self.set_large(False)

    def set_large(self, on: bool) -> None:
        font = self.font()
        base = QWidget().font().pointSizeF()
        font.setPointSizeF(base * (1.7 if on else 1.0))
        self.label.setFont(font)
        bold = self.area_label.font()
        bold.setPointSizeF(base * (1.7 if on else 1.0))
        bold.setBold(True)
        self.area_label.setFont(bold)

    def set_area(self, area: str | None) -> None:
        self._area = area
        self.area_label.setText(area_label(area, self._lang) + " ·" if area else "")
        self.area_label.setVisible(bool(area))

    def show_area(self, portfolio: Portfolio, area: str | None) -> None:
        """Show the figures of ``area`` (None: all): from the kept sums when they are of ``portfolio``."""
        self.set_area(area)
        if self._summed is portfolio and len(self._totals) == len(portfolio.initiatives):
            self._show(portfolio)
        else:
            self.update_from(portfolio)

    def update_from(self, portfolio: Portfolio, changes: object = None) -> None:
        """Show the figures of ``portfolio``. ``changes`` (a ChangeSet just applied or reverted) lets the
        allocated sum be updated from those initiatives' totals alone instead of re-summing them all."""
        if changes is None or not self._apply_changes(portfolio, getattr(changes, "ids", ())):
            self._sum_all(portfolio)
        self._show(portfolio)

    def _sum_all(self, portfolio: Portfolio) -> None:
        inis = portfolio.initiatives
        self._totals = [sum(i.amounts.values(), ZERO) for i in inis]  # Initiative.total
        self._areas = [i.area for i in inis]
        self._positions = dict(zip((i.id for i in inis), range(len(inis))))
        by_area: dict[str, list[Any]] = {}
        for area, total in zip(self._areas, self._totals, strict=True):
            kept = by_area.get(area)
            if kept is None:
                by_area[area] = [1, total]
            else:
                kept[0] += 1
                kept[1] += total
        self._by_area = by_area
        self._summed = portfolio

    def _apply_changes(self, portfolio: Portfolio, ids: object) -> bool:
        """Adds the changed initiatives' new totals minus what they were; False when the kept sums do not
        belong to this portfolio, or rows came, went or share an id (then everything is summed)."""
        inis = portfolio.initiatives
        if (self._summed is not portfolio or len(self._totals) != len(inis)
                or len(self._positions) != len(inis)):
            return False
        for ini_id in dict.fromkeys(ids):  # type: ignore[call-overload]
            pos = self._positions.get(ini_id)
            if pos is None or inis[pos].id != ini_id or inis[pos].area != self._areas[pos]:
                return False
            new = inis[pos].total
            self._by_area[self._areas[pos]][1] += new - self._totals[pos]
            self._totals[pos] = new
        return True

    def _figures(self) -> tuple[int, Decimal]:
        """(count, allocated) of the shown area, or of all areas."""
        if self._area is not None:
            count, allocated = self._by_area.get(self._area, (0, ZERO))
            return count, allocated
        return len(self._totals), sum((kept[1] for kept in self._by_area.values()), ZERO)

    def _show(self, portfolio: Portfolio) -> None:
        count, allocated = self._figures()
        unit = portfolio.unit or "mio. kr."
        parts = [self.tr("{n} initiativer").format(n=count),
                 self.tr("Bevilget {amount} {unit}").format(amount=format_amount(allocated, self._lang), unit=unit)]
        frame = portfolio.frame.effective_total()
        if frame is not None and self._area is None:
            parts.append(self.tr("Ramme {amount}").format(amount=format_amount(frame, self._lang)))
            rest = frame - allocated
            if rest >= 0:
                parts.append(self.tr("Rest {amount}").format(amount=format_amount(rest, self._lang)))
            else:
                parts.append(self.tr("Over rammen med {amount}").format(amount=format_amount(-rest, self._lang)))
        self.label.setText("   ·   ".join(parts))
        over = frame is not None and self._area is None and frame < allocated
        self.label.setStyleSheet("color: #b3261e;" if over else "")


class PresentationController(QObject):
    """Enters and leaves presentation mode on a MainWindow and steps through its areas."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._win = window
        self._active = False
        self._was_maximized = False
        self._hidden: list[QWidget] = []
        self._area_index = -1
        self._shortcuts = []
        for key, slot in ((Qt.Key.Key_Right, self.next_area), (Qt.Key.Key_Down, self.next_area),
                          (Qt.Key.Key_Left, self.previous_area), (Qt.Key.Key_Up, self.previous_area),
                          (Qt.Key.Key_Escape, self.leave)):
            shortcut = QShortcut(QKeySequence(key), window)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.setEnabled(False)
            shortcut.activated.connect(slot)
            self._shortcuts.append(shortcut)

    @property
    def active(self) -> bool:
        return self._active

    def areas(self) -> list[str]:
        """The areas in the order they first occur."""
        return [area for area in dict.fromkeys(ini.area for ini in self._win.document.portfolio.initiatives)
                if area]

    def current_area(self) -> str | None:
        if self._area_index < 0:  # all areas (no need to list 10,000 initiatives' areas)
            return None
        areas = self.areas()
        return areas[self._area_index] if 0 <= self._area_index < len(areas) else None

    def toggle(self, on: bool | None = None) -> None:
        want = not self._active if on is None else on
        if want == self._active:
            return
        win = self._win
        win.setUpdatesEnabled(False)  # docks, fonts and the window size change together: paint once after
        try:
            self.enter() if want else self.leave()
        finally:
            QTimer.singleShot(0, lambda: win.setUpdatesEnabled(True))

    def enter(self) -> None:
        win = self._win
        self._active = True
        self._was_maximized = win.isMaximized()
        win.show_view("timeline", remember=False)
        self._hidden = [w for w in win.presentation_hidden_widgets() if w.isVisible()]
        for w in self._hidden:
            w.hide()
        timeline = win.views["timeline"]
        call(timeline, "set_presentation", True)
        win.totals.set_large(True)
        for s in self._shortcuts:
            s.setEnabled(True)
        self._area_index = -1
        self._apply_area()
        win.showFullScreen()
        win.presentation_changed(True)

    def leave(self) -> None:
        if not self._active:
            return
        win = self._win
        self._active = False
        for s in self._shortcuts:
            s.setEnabled(False)
        for w in self._hidden:
            w.show()
        self._hidden = []
        self._area_index = -1
        self._apply_area()
        call(win.views["timeline"], "set_presentation", False)
        win.totals.set_large(False)
        if self._was_maximized:
            win.showMaximized()
        else:
            win.showNormal()
        win.show_view(win.remembered_view(), remember=False)
        win.presentation_changed(False)

    def next_area(self) -> None:
        self._step(+1)

    def previous_area(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        areas = self.areas()
        if not areas:
            return
        # -1 (all areas) and each area in turn, wrapping around.
        self._area_index = (self._area_index + 1 + delta) % (len(areas) + 1) - 1
        self._apply_area(areas[self._area_index] if self._area_index >= 0 else None)

    def _apply_area(self, area: str | None = None) -> None:
        """Show ``area`` (None: all) in the timeline and the key totals."""
        call(self._win.views["timeline"], "show_area", area)
        self._win.totals.show_area(self._win.document.portfolio, area)
