"""File > Compare with…: the differences between the open portfolio and another version, by initiative,
and taking some, all or none of them into the open portfolio as ONE undo step.

The other version is read in a worker thread (:class:`ui.document.LoadJob`), so a big workbook never
freezes the window. Differences come from :func:`planner.diff.diff_portfolios` (A = the open portfolio,
B = the other version): initiatives only in B ("tilføjes"), only in A ("fjernes"), and per initiative
the fields and yearly amounts that differ. Taking changes pushes a :class:`MergeCommand` holding the
changes and, once done, the reverse changes ``apply_changes`` returned, so undo restores exactly.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.amounts import format_amount
from planner.diff import AMOUNT, Change, apply_changes, diff_portfolios
from planner.errors import WorkbookError
from planner.model import Portfolio
from planner.phases import Phase

if TYPE_CHECKING:
    from ui.main_window import MainWindow

_FIELD_LABELS = {
    AMOUNT: ("Beløb", "Amount"), "name": ("Navn", "Name"), "area": ("Område", "Area"),
    "phase": ("Fase", "Phase"), "start": ("Start", "Start"), "end": ("Slut", "End"),
    "stated_total": ("Angivet total", "Stated total"), "theme": ("Tema", "Theme"),
    "recipients": ("Tilskudsmodtagere", "Recipients"), "next_phase": ("Næste fase", "Next phase"),
    "next_round": ("Næste runde", "Next round"), "notes": ("Noter", "Notes"),
}
CHANGE_ROLE = Qt.ItemDataRole.UserRole + 1


class MergeTarget(Protocol):
    @property
    def portfolio(self) -> Portfolio: ...

    def report_changes(self, changes: Any = None) -> None: ...


class MergeCommand(QUndoCommand):
    """Takes ``changes`` (from planner.diff) into the document; undo applies the reverse changes.

    Invariant: after ``undo`` the portfolio is exactly as before ``redo`` (apply_changes records the
    values it replaced, blanks as None, removed initiatives with their position).
    """

    def __init__(self, target: MergeTarget, changes: list[Change], text: str) -> None:
        super().__init__(text)
        self.target = target
        self.changes = list(changes)
        self.inverse: list[Change] = []

    def redo(self) -> None:
        self.inverse = apply_changes(self.target.portfolio, self.changes)
        self.target.report_changes(None)

    def undo(self) -> None:
        apply_changes(self.target.portfolio, self.inverse)
        self.inverse = []
        self.target.report_changes(None)


def field_label(name: str, lang: str = "da") -> str:
    da, en = _FIELD_LABELS.get(name, (name, name))
    return en if lang.startswith("en") else da


def tooltip_text(text: str) -> str:
    """Workbook text as a tooltip that shows the characters, never markup."""
    import html

    return "<qt>" + html.escape(text) + "</qt>"


def value_text(value: object, lang: str = "da") -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, Decimal):
        return format_amount(value, lang, places=1)
    if isinstance(value, Phase):
        return value.label(lang)
    return str(value)


class CompareDialog(QDialog):
    """Lists the differences between ``target.portfolio`` (this file) and ``other``; the user ticks the
    changes to take. ``taken`` holds what was taken (empty after "take none")."""

    def __init__(self, target: MergeTarget, undo_stack: Any, other: Portfolio, other_label: str,
                 lang: str = "da", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.target, self.undo_stack, self.other = target, undo_stack, other
        self.other_label, self.lang = other_label, lang
        self.taken: list[Change] = []
        self.changes: list[Change] = diff_portfolios(target.portfolio, other).changes
        self.setWindowTitle(self.tr("Sammenlign med {name}").format(name=other_label))
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(5)
        self.tree.setHeaderLabels([self.tr("Initiativ"), self.tr("Ændring"), self.tr("År"),
                                   self.tr("Nu (denne fil)"), self.tr("Den anden version")])
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3, 4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self._items: list[QTreeWidgetItem] = []
        self._fill()
        self.tree.itemChanged.connect(self._update_buttons)

        self.check_all_button = QPushButton(self.tr("Markér alle"))
        self.check_none_button = QPushButton(self.tr("Fjern markeringer"))
        self.check_all_button.clicked.connect(lambda: self.set_all_checked(True))
        self.check_none_button.clicked.connect(lambda: self.set_all_checked(False))
        marks = QHBoxLayout()
        marks.addWidget(self.check_all_button)
        marks.addWidget(self.check_none_button)
        marks.addStretch(1)

        self.buttons = QDialogButtonBox()
        self.take_checked_button = self.buttons.addButton(self.tr("Tag de markerede"),
                                                          QDialogButtonBox.ButtonRole.AcceptRole)
        self.take_all_button = self.buttons.addButton(self.tr("Tag alle"), QDialogButtonBox.ButtonRole.ApplyRole)
        self.take_none_button = self.buttons.addButton(self.tr("Tag ingen"), QDialogButtonBox.ButtonRole.RejectRole)
        self.take_checked_button.clicked.connect(self.take_checked)
        self.take_all_button.clicked.connect(self.take_all)
        self.take_none_button.clicked.connect(self.take_none)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addLayout(marks)
        layout.addWidget(self.buttons)
        self.setMinimumSize(640, 420)
        self.resize(880, 560)
        self._update_buttons()

    # -- filling ----------------------------------------------------------------------------------------
    def _fill(self) -> None:
        lang = self.lang
        a, b = self.target.portfolio, self.other
        groups: dict[str, list[int]] = {}
        for index, change in enumerate(self.changes):
            groups.setdefault(change.id, []).append(index)
        counts = {"added": 0, "removed": 0, "changed": 0}
        for ini_id, indexes in groups.items():
            first = self.changes[indexes[0]]
            counts[first.kind] += len(indexes) if first.kind == "changed" else 1
            ini = first.initiative or a.get(ini_id) or b.get(ini_id)
            name = ini.name if ini is not None else ""
            title = f"{ini_id}  {name}".strip()
            if first.kind == "added":
                total = first.initiative.total if first.initiative else None
                item = self._item(None, [title, self.tr("Tilføjes (kun i den anden version)"), "", "–",
                                         value_text(total, lang)], indexes[0])
            elif first.kind == "removed":
                total = first.initiative.total if first.initiative else None
                item = self._item(None, [title, self.tr("Fjernes (ikke i den anden version)"), "",
                                         value_text(total, lang), "–"], indexes[0])
            else:
                n = len(indexes)
                label = self.tr("1 ændring") if n == 1 else self.tr("{n} ændringer").format(n=n)
                item = QTreeWidgetItem([title, label, "", "", ""])
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsAutoTristate)
                item.setCheckState(0, Qt.CheckState.Unchecked)
                self.tree.addTopLevelItem(item)
                for index in indexes:
                    change = self.changes[index]
                    self._item(item, [field_label(change.field, lang), "",
                                      str(change.year) if change.year is not None else "",
                                      value_text(change.old, lang), value_text(change.new, lang)], index)
                item.setExpanded(True)
            item.setToolTip(0, tooltip_text(title))
            if first.kind != "changed":
                font = item.font(0)
                font.setItalic(True)
                item.setFont(0, font)
        if self.changes:
            self.summary.setText(self.tr("Forskelle mellem denne fil og {name}:\n"
                                         "tilføjes: {added} · fjernes: {removed} · ændrede værdier: {changed}.\n"
                                         "Markér det, du vil tage med herind. Det kan fortrydes i ét trin.").format(
                name=self.other_label, **counts))
        else:
            self.summary.setText(self.tr("Ingen forskelle mellem denne fil og {name}.").format(name=self.other_label))

    def _item(self, parent: QTreeWidgetItem | None, texts: list[str], index: int) -> QTreeWidgetItem:
        item = QTreeWidgetItem(texts)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(0, Qt.CheckState.Unchecked)
        item.setData(0, CHANGE_ROLE, index)
        for col in (3, 4):
            item.setTextAlignment(col, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if parent is None:
            self.tree.addTopLevelItem(item)
        else:
            parent.addChild(item)
        self._items.append(item)
        return item

    # -- choosing ---------------------------------------------------------------------------------------
    def item_for(self, change: Change) -> QTreeWidgetItem:
        index = self.changes.index(change)
        return next(i for i in self._items if i.data(0, CHANGE_ROLE) == index)

    def set_checked(self, change: Change, checked: bool = True) -> None:
        self.item_for(change).setCheckState(0, Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def set_all_checked(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        for item in self._items:
            item.setCheckState(0, state)

    def checked_changes(self) -> list[Change]:
        return [self.changes[i.data(0, CHANGE_ROLE)] for i in self._items
                if i.checkState(0) == Qt.CheckState.Checked]

    def _update_buttons(self, *_args: object) -> None:
        self.take_checked_button.setEnabled(bool(self.checked_changes()))
        self.take_all_button.setEnabled(bool(self.changes))
        self.check_all_button.setEnabled(bool(self.changes))
        self.check_none_button.setEnabled(bool(self.changes))

    # -- taking -----------------------------------------------------------------------------------------
    def take(self, changes: list[Change]) -> None:
        """Take ``changes`` as one undo step and close (nothing is pushed for an empty list)."""
        if changes:
            n = len(changes)
            text = (self.tr("Tag 1 ændring fra {name}") if n == 1 else
                    self.tr("Tag {n} ændringer fra {name}")).format(n=n, name=self.other_label)
            self.undo_stack.push(MergeCommand(self.target, changes, text))
        self.taken = list(changes)
        self.accept()

    def take_checked(self) -> None:
        self.take(self.checked_changes())

    def take_all(self) -> None:
        self.take(list(self.changes))

    def take_none(self) -> None:
        self.taken = []
        self.reject()


class CompareAction(QObject):
    """File > Compare with…: asks for a file, reads it in the background, shows the dialog.

    ``ask_path()`` is a plain method so tests can answer it; ``dialog`` is the open dialog (or None).
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._win = window
        self.job: Any = None
        self.dialog: CompareDialog | None = None

    def ask_path(self) -> str:
        from ui.file_actions import open_file_dialog

        doc = self._win.document
        return open_file_dialog(self._win, str(Path(doc.path).parent) if doc.path else "")

    def run(self) -> None:
        path = self.ask_path()
        if path:
            self.compare_with_path(path)

    def compare_with_path(self, path: str, label: str | None = None) -> None:
        """Read ``path`` in a worker; the dialog opens when it is read (an error is shown instead)."""
        from ui.document import LoadJob

        if self.job is not None:
            self.job.cancel()
            self.job.wait()
        job = LoadJob(path, self)
        self.job = job
        shown = label or Path(path).name
        job.finished.connect(lambda p, result: self._loaded(p, result, shown))
        self._win.statusBar().showMessage(self.tr("Læser {name} …").format(name=Path(path).name))
        job.start()

    def _loaded(self, path: str, result: object, label: str) -> None:
        if self.job is not None:
            self.job.deleteLater()
            self.job = None
        self._win.statusBar().clearMessage()
        if isinstance(result, WorkbookError):
            if result.code != "cancelled":
                self._win.show_error(self.tr("Versionen kan ikke læses"), result.line(self._win.lang))
            return
        assert isinstance(result, Portfolio)
        self.show_dialog(result, label)

    def show_dialog(self, other: Portfolio, label: str) -> CompareDialog:
        doc = self._win.document
        dialog = CompareDialog(doc, doc.undo_stack, other, label, self._win.lang, self._win)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        return dialog
