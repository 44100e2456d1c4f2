"""The totals under the initiatives table: allocated per year, the frame, and what remains (red when over).

:class:`TotalsModel` has the same columns as the :class:`~ui.initiatives_model.InitiativesModel` it
follows (so a view can line them up) and three rows: allocated, frame, remaining = frame − allocated.
It listens to the initiatives model: a reset resets it, a change of columns sums the new columns only;
``dataChanged`` there (one signal per changed cell) schedules one recompute on the next event-loop turn,
and ``refresh()`` recomputes at once; either emits ``dataChanged`` here only for the cells whose value changed.
Once it follows a document (:meth:`~TotalsModel.follow`), an amount edit is applied from its ChangeSet in
O(changed cells) (:meth:`~TotalsModel.apply_changes`) instead of summing the whole portfolio again.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from itertools import repeat
from operator import is_, sub
from typing import Any, Protocol

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont

from planner.amount_cells import cells_of
from planner.amounts import ZERO, format_amount
from planner.tenths import from_tenths
from ui.column_fit import amount_values
from ui.initiatives_model import AMOUNT_ROLE, InitiativesModel
from ui.plain_text import tooltip

_Index = QModelIndex | QPersistentModelIndex
ALLOCATED, FRAME, REMAINING = 0, 1, 2
OVER_ROLE = Qt.ItemDataRole.UserRole + 20  # True on a remaining cell that is below zero
_OVER_FG = QColor("#b71c1c")
_OVER_BG = QColor("#fde2e1")
_ROW_BG = QColor("#f1f3f6")
_FEW_CELLS = 32  # up to this many changed cells, one id look-up per cell beats indexing every id


class _Changes(Protocol):
    """What :meth:`TotalsModel.apply_changes` reads of a ``planner.edits.ChangeSet``."""

    ids: tuple[str, ...]
    years: tuple[int, ...]
    olds: tuple[Decimal | None, ...]
    news: tuple[Decimal | None, ...]


class TotalsModel(QAbstractTableModel):
    """Three rows of sums over the portfolio of ``source``; columns mirror ``source``'s column keys.

    Invariant: ``value(REMAINING, c) == value(FRAME, c) − value(ALLOCATED, c)`` wherever a frame is given
    for the column; blank (None) where there is none.
    """

    def __init__(self, source: InitiativesModel, lang: str = "da", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self._lang = lang
        self._keys: list[str] = []
        self._label_key = "name"
        self._values: list[list[Decimal | None]] = [[], [], []]
        self._texts: list[list[str]] = [[], [], []]
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refresh)
        self._following = False
        self._synced = False
        self._recompute()
        source.modelReset.connect(self._reset)
        source.columnsInserted.connect(self._columns_changed)
        source.columnsRemoved.connect(self._columns_changed)
        source.rowsInserted.connect(self._schedule)
        source.rowsRemoved.connect(self._schedule)
        source.dataChanged.connect(self._schedule)

    def column_key(self, column: int) -> str:
        return self._keys[column] if 0 <= column < len(self._keys) else ""

    def value(self, row: int, column: int) -> Decimal | None:
        return self._values[row][column]

    def label_key(self) -> str:
        return self._label_key

    def set_label_key(self, key: str) -> None:
        """Show the row labels in column ``key`` (a text column), e.g. the leftmost one still in view."""
        if key == self._label_key or key not in self._keys:
            return
        old, self._label_key = self._label_key, key
        self._texts = [[self._text(r, c) for c in range(len(self._keys))] for r in range(3)]
        for k in (old, key):
            if k in self._keys:
                col = self._keys.index(k)
                self.dataChanged.emit(self.index(0, col), self.index(2, col))

    def value_of(self, row: int, key: str) -> Decimal | None:
        return self._values[row][self._keys.index(key)] if key in self._keys else None

    # -- sums ----------------------------------------------------------------------------------------
    def _sums(self, keys: list[str] | None = None) -> list[list[Decimal | None]]:
        """Allocated, frame and remaining of the columns ``keys`` (all columns when None)."""
        keys = self._keys if keys is None else keys
        portfolio = self._source.portfolio
        by_year: dict[int, Decimal] = {y: ZERO for y in portfolio.years}
        if any(key.startswith("year:") or key == "total" for key in keys):
            for ini in portfolio.initiatives:
                for y, a in ini.amounts.items():
                    by_year[y] = by_year.get(y, ZERO) + a
        grand = sum(by_year.values(), ZERO)
        frame = portfolio.frame
        allocated: list[Decimal | None] = []
        framed: list[Decimal | None] = []
        for key in keys:
            if key.startswith("year:"):
                year = int(key[5:])
                allocated.append(by_year.get(year, ZERO))
                framed.append(frame.by_year.get(year))
            elif key == "total":
                allocated.append(grand)
                framed.append(frame.effective_total())
            elif key == "delta":
                allocated.append(sum(amount_values(self._source, self._source.column_of("delta")), ZERO))
                framed.append(None)
            elif key.startswith("cost:"):
                allocated.append(sum(filter(None, amount_values(self._source, self._source.column_of(key))), ZERO))
                framed.append(None)
            else:
                allocated.append(None)
                framed.append(None)
        remaining = [f - a if f is not None and a is not None else None for f, a in zip(framed, allocated)]
        return [allocated, framed, remaining]

    def _label(self, row: int) -> str:
        return (self.tr("Bevilget i alt"), self.tr("Ramme"), self.tr("Rest (ramme − bevilget)"))[row]

    def _text(self, row: int, column: int) -> str:
        key = self._keys[column]
        if key == self._label_key:
            return self._label(row)
        value = self._values[row][column]
        if value is None:
            return ""
        if key == "delta" and value:
            return ("+" if value > 0 else "−") + format_amount(abs(value), self._lang)
        return format_amount(value, self._lang)

    def _recompute(self) -> None:
        self._keys = [self._source.column_key(c) for c in range(self._source.columnCount())]
        self._values = self._sums()
        self._texts = [[self._text(r, c) for c in range(len(self._keys))] for r in range(3)]

    def _reset(self, *_args: object) -> None:
        self._timer.stop()
        self.beginResetModel()
        self._recompute()
        self.endResetModel()

    def _columns_changed(self, *_args: object) -> None:
        """The table showed or hid columns: the sums of the columns it kept are carried over and only the
        new columns are summed (showing the cost columns re-summed every year of 10,000 initiatives)."""
        if self._timer.isActive():  # a recompute is due: the kept sums may be out of date
            self._reset()
            return
        kept = {key: [row[col] for row in self._values] for col, key in enumerate(self._keys)}
        keys = [self._source.column_key(c) for c in range(self._source.columnCount())]
        new = [key for key in keys if key not in kept]
        kept.update(zip(new, zip(*self._sums(new), strict=True), strict=True))
        self.beginResetModel()
        self._keys = keys
        self._values = [[kept[key][row] for key in keys] for row in range(3)]
        self._texts = [[self._text(r, c) for c in range(len(keys))] for r in range(3)]
        self.endResetModel()

    def _schedule(self, *_args: object) -> None:
        if not self._following:
            self._timer.start()

    def follow(self, document: Any) -> None:
        """Take figure changes from ``document`` (``amounts_changed(ChangeSet)`` and ``changed``) instead of
        re-summing after every ``dataChanged`` of the table: amount edits are applied incrementally, other
        changes (costs, locks) recompute on ``changed`` (connected to :meth:`refresh` by the window)."""
        self._following = True
        document.amounts_changed.connect(self.apply_changes)

    def apply_changes(self, changes: _Changes) -> None:
        """Add the ChangeSet's differences to the year, total and Δ sums; only those cells are re-texted.

        The document reports a ChangeSet after ``redo`` and after ``undo``; which one it was is read from
        the portfolio (each cell then holds either ``new`` or ``old``, never both: they differ).

        The ``refresh()`` that follows for the same edit (the document's ``changed``) is then skipped.
        Falls back to a full recompute when a changed year has no column (the columns are about to change).
        """
        by_year = self._year_differences(changes)
        deltas = {f"year:{year}": diff for year, diff in by_year.items()}
        if any(k not in self._keys for k in deltas):
            self._synced = False
            self.refresh()
            return
        grand = sum(deltas.values(), ZERO)
        for key in ("total", "delta"):
            if key in self._keys:
                deltas[key] = grand
        self._timer.stop()
        changed: list[tuple[int, int]] = []
        for key, diff in deltas.items():
            if not diff:
                continue
            col = self._keys.index(key)
            old = self._values[ALLOCATED][col]
            self._values[ALLOCATED][col] = (old or ZERO) + diff
            framed = self._values[FRAME][col]
            if framed is not None:
                self._values[REMAINING][col] = framed - self._values[ALLOCATED][col]  # type: ignore[operator]
            for row in (ALLOCATED, REMAINING):
                text = self._text(row, col)
                if text != self._texts[row][col] or row == REMAINING:
                    self._texts[row][col] = text
                    changed.append((row, col))
        if changed:  # one signal around the changed cells (the totals bar re-measures what it covers)
            rows, cols = [r for r, _ in changed], [c for _, c in changed]
            self.dataChanged.emit(self.index(min(rows), min(cols)), self.index(max(rows), max(cols)))
        self._synced = True

    def _year_differences(self, changes: _Changes) -> dict[int, Decimal]:
        """year → what the ChangeSet just applied (or reverted) added to that year's allocations."""
        by_year: dict[int, Decimal] = {}
        if len(changes.ids) > _FEW_CELLS:
            # A big set (fit to frame, reset, a scenario: ≈ 35,000 cells at 10,000) was applied or reverted
            # whole (planner.edits checks every cell first): its first cell tells which, and the differences
            # are summed per year in one pass, not one id look-up and direction test per cell.
            portfolio = self._source.portfolio
            ini = portfolio.get(changes.ids[0])
            now = ini.amounts.get(changes.years[0]) if ini is not None else None
            reverted = now == changes.olds[0] and now != changes.news[0]
            kept = vars(changes).get("year_sums") if hasattr(changes, "__dict__") else None
            if isinstance(kept, dict):  # planner.edits.ChangeSet: worked out already (an undo or redo)
                return {year: -diff for year, diff in kept.items()} if reverted else dict(kept)
            now_sums = self._cell_year_sums(portfolio, set(changes.years))
            if now_sums is not None:
                return now_sums
            sums = getattr(changes, "year_sums", None)
            if isinstance(sums, dict):
                return {year: -diff for year, diff in sums.items()} if reverted else dict(sums)
            news, olds = (changes.olds, changes.news) if reverted else (changes.news, changes.olds)
            if any(map(is_, news, repeat(None))) or any(map(is_, olds, repeat(None))):  # blanks
                news = [ZERO if n is None else n for n in news]
                olds = [ZERO if o is None else o for o in olds]
            by_year = dict.fromkeys(changes.years, ZERO)
            for year, diff in zip(changes.years, map(sub, news, olds)):
                by_year[year] += diff
            return by_year
        amounts_of = self._amounts_lookup(changes.ids)
        for iid, year, old, new in zip(changes.ids, changes.years, changes.olds, changes.news, strict=True):
            amounts = amounts_of(iid)
            now = amounts.get(year) if amounts is not None else None
            diff = (new or ZERO) - (old or ZERO)
            if now == old and now != new:  # the same ChangeSet reports its undo too: then it was reverted
                diff = -diff
            by_year[year] = by_year.get(year, ZERO) + diff
        return by_year

    def _cell_year_sums(self, portfolio: Any, years: set[int]) -> dict[int, Decimal] | None:
        """year → its new sum minus the allocation shown, for ``years``, the sums taken from the cell columns
        as integer tenths (exact; planner.amount_cells, checked against the model): a new big change set
        (fit, reset, a scenario) is not summed cell by cell. None when the columns cannot tell (an amount
        finer than 0,1 or too large) or a year has no column (the caller's path then falls back)."""
        shown = {}
        for year in years:
            key = f"year:{year}"
            if key not in self._keys:
                return None
            shown[year] = self._values[ALLOCATED][self._keys.index(key)] or ZERO
        cells = cells_of(portfolio)
        if not cells.exact:
            return None
        try:
            arrays = cells.arrays()
        except OverflowError:
            return None
        tenths = arrays.tenths
        limit = (1 << 62) // max(1, len(tenths))  # no int64 sum can wrap around
        if tenths is None or (len(tenths) and (int(tenths.max()) > limit or int(tenths.min()) < -limit)):
            return None
        empty = np.zeros(0, dtype=np.int64)
        return {year: from_tenths(int(tenths[arrays.by_year.get(year, empty)].sum())) - old
                for year, old in shown.items()}

    def _amounts_lookup(self, ids: tuple[str, ...]) -> Callable[[str], dict[int, Decimal] | None]:
        """id → that initiative's amounts (the first initiative with the id, as ``Portfolio.get``): one id
        index for a big ChangeSet (fitting 10,000 initiatives changes ≈35,000 cells) instead of a look-up
        per cell."""
        portfolio = self._source.portfolio
        if len(ids) <= _FEW_CELLS:
            def one(iid: str) -> dict[int, Decimal] | None:
                ini = portfolio.get(iid)
                return ini.amounts if ini is not None else None
            return one
        index: dict[str, dict[int, Decimal]] = {}
        for ini in reversed(portfolio.initiatives):
            index[ini.id] = ini.amounts
        return index.get

    def refresh(self) -> None:
        """Recompute now (the figures changed), unless :meth:`apply_changes` already did for this change."""
        self._timer.stop()
        if self._synced:
            self._synced = False
            return
        if [self._source.column_key(c) for c in range(self._source.columnCount())] != self._keys:
            self._reset()
            return
        old_values, old_texts = self._values, self._texts
        self._recompute()
        for r in range(3):
            for c in range(len(self._keys)):
                if old_texts[r][c] != self._texts[r][c] or old_values[r][c] != self._values[r][c]:
                    self.dataChanged.emit(self.index(r, c), self.index(r, c))

    # -- Qt model API --------------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else 3

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._keys)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical and 0 <= section < 3:
            return self._label(section)
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._keys):
            return self._source.headerData(section, orientation, role)
        return None

    def is_over(self, row: int, column: int) -> bool:
        value = self._values[row][column]
        return row == REMAINING and value is not None and value < 0

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= 3 or index.column() >= len(self._keys):
            return None
        row, col = index.row(), index.column()
        key = self._keys[col]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[row][col]
        if role == AMOUNT_ROLE:
            return self._values[row][col]
        if role == OVER_ROLE:
            return self.is_over(row, col)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if key == self._label_key:
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and self.is_over(row, col):
            return QBrush(_OVER_FG)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(_OVER_BG if self.is_over(row, col) else _ROW_BG)
        if role == Qt.ItemDataRole.FontRole and (row == REMAINING or key == self._label_key):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(self._tooltip(row, col))
        return None

    def _tooltip(self, row: int, col: int) -> str | None:
        key = self._keys[col]
        text = self._texts[row][col]
        if not text or key == self._label_key:
            return self._label(row) if key == self._label_key else None
        unit = self._source.portfolio.unit or "mio. kr."
        head = self._source.headerData(col, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        tip = f"{self._label(row)} · {head}: {text} {unit}"
        if self.is_over(row, col):
            tip += "\n" + self.tr("Over rammen med {amount} {unit}").format(
                amount=format_amount(-self._values[row][col], self._lang), unit=unit)  # type: ignore[operator]
        return tip

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled
