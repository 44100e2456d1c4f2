"""The initiatives table: a QAbstractTableModel over a Portfolio's initiatives.

Columns: id, name, area, phase, period, one per year, total, stated total. Amounts are shown the
Danish way (12,7) and right-aligned. ``refresh()`` compares what each cell shows with what it showed
before and emits ``dataChanged`` only for cells that changed; a change in rows or years resets.
``refresh(ids, years)`` (after an amount ChangeSet) does the same for those rows and years only, so an
edit costs O(changed cells), not a re-format of the whole table. Texts, marks and finding flags of the
cells are made lazily by ``ui.initiatives_texts.InitiativeTexts`` (a base class of the model).

Editing (once ``set_edit_target(document)`` is called): yearly amounts and the cost breakdown take typed
amounts; ``setData`` never changes the portfolio itself but pushes an undo command (ui.commands) on the
document's undo stack. Locked cells are tinted with a lock icon and not editable. ``set_show_changes``
adds a Δ column (total − baseline total) and highlights amounts that differ from the baseline;
``set_show_costs`` adds the cost breakdown columns.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from itertools import chain
from operator import attrgetter, is_
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from planner.amounts import ZERO, format_amount
from planner.edits import edit_cell
from planner.findings import Severity
from planner.model import CostCategory, Initiative, Portfolio, amount_key, cost_key, initiative_writes
from ui.amount_delegate import EDITABLE_ROLE, read_amount
from ui.initiatives_texts import _CHANGED, _LOCKED, InitiativeTexts, _exact_text, lock_icon
from ui.plain_text import tooltip

ID_ROLE = Qt.ItemDataRole.UserRole + 1
FIELD_ROLE = Qt.ItemDataRole.UserRole + 2
AMOUNT_ROLE = Qt.ItemDataRole.UserRole + 3  # the exact Decimal of an amount cell (None = blank)
LOCKED_ROLE = Qt.ItemDataRole.UserRole + 4
CHANGED_ROLE = Qt.ItemDataRole.UserRole + 5  # True when the amount differs from the baseline

_Index = QModelIndex | QPersistentModelIndex
_ROLES = frozenset(int(r) for r in (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.DecorationRole,
    Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.BackgroundRole,
    ID_ROLE, FIELD_ROLE, AMOUNT_ROLE, LOCKED_ROLE, CHANGED_ROLE, EDITABLE_ROLE))  # the roles data() answers
_ERROR_BG = QColor("#fde2e1")
_WARNING_BG = QColor("#fff3cd")
_LOCKED_BG = QColor("#e3e7ee")
_CHANGED_BG = QColor("#dbeafe")
_CELL_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_EDITABLE_FLAGS = _CELL_FLAGS | Qt.ItemFlag.ItemIsEditable
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
COST_KEYS = tuple(cost_key(c) for c in CostCategory)
BATCH_CELLS = 64  # more changed cells than this: one dataChanged for their bounding rectangle
BIG_CHANGE_ROWS = 64  # a ChangeSet over more rows: their texts are dropped, not compared
EAGER_ROWS = 256  # up to this many rows, texts and marks are made up front


_ID = attrgetter("id")


class InitiativesModel(QAbstractTableModel, InitiativeTexts):
    """One row per initiative, in the portfolio's order.

    Column keys (``column_key``) are the ``Initiative.sources`` field keys where there is one: "id",
    "name", "area", "phase", "period", "year:2024", "total", "stated_total".
    """

    FIXED_BEFORE = ("id", "name", "area", "phase", "period")
    FIXED_AFTER = ("total", "stated_total")

    def __init__(self, portfolio: Portfolio | None = None, lang: str = "da",
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self._portfolio = portfolio or Portfolio()
        self._years: list[int] = []
        self._keys: list[str] = []
        self._cells: list[list[str] | None] = []  # a row's texts, None until first asked for
        self._marks: list[list[int] | None] = []  # made and dropped together with _cells
        self._amount_texts: dict[Decimal, str] = {}
        self._delta_texts: dict[Decimal, str] = {}
        self._flags: dict[tuple[str, str], Severity] = {}
        self._rows: dict[str, list[int]] = {}
        self._by_cell: dict[tuple[str, int | None, int | None], tuple[str, str]] = {}
        self._target: Any = None
        self._indexed: tuple[list[Initiative], int] = ([], -1)
        self._show_changes = False
        self._show_costs = False
        self._rebuild()

    # -- structure ----------------------------------------------------------------------------------
    @property
    def portfolio(self) -> Portfolio:
        return self._portfolio

    def set_portfolio(self, portfolio: Portfolio) -> None:
        self.beginResetModel()
        self._portfolio = portfolio
        self._rebuild()
        self.endResetModel()

    def years(self) -> list[int]:
        return list(self._years)

    def column_key(self, column: int) -> str:
        return self._keys[column] if 0 <= column < len(self._keys) else ""

    def column_of(self, key: str) -> int:
        try:
            return self._keys.index(key)
        except ValueError:
            return -1

    def initiative(self, row: int) -> Initiative | None:
        items = self._portfolio.initiatives
        return items[row] if 0 <= row < len(items) else None

    def row_of(self, initiative_id: str) -> int:
        rows = self._rows.get(initiative_id)
        if rows and rows[0] < len(self._portfolio.initiatives) and \
                self._portfolio.initiatives[rows[0]].id == initiative_id:
            return rows[0]
        for row, ini in enumerate(self._portfolio.initiatives):
            if ini.id == initiative_id:
                return row
        return -1

    def _column_keys(self) -> list[str]:
        after = list(self.FIXED_AFTER)
        if self._show_changes:
            after.insert(after.index("total") + 1, "delta")
        if self._show_costs:
            after.extend(COST_KEYS)
        return [*self.FIXED_BEFORE, *(amount_key(y) for y in self._years), *after]

    def _rebuild(self) -> None:
        self._years = self._portfolio.all_years()
        self._keys = self._column_keys()
        inis = self._portfolio.initiatives
        if len(inis) <= EAGER_ROWS:
            self._cells = [self._row_texts(ini) for ini in inis]
            self._marks = [self._row_marks(ini) for ini in inis]
        else:
            self._cells = [None] * len(inis)
            self._marks = [None] * len(inis)
        self._index_rows()
        self._flags = self._finding_flags()

    def _index_rows(self) -> None:
        """Rows by initiative id, and (initiative id, column key) by source cell (for the finding flags)."""
        rows: dict[str, list[int]] = {}
        by_cell = {}
        for row, ini in enumerate(self._portfolio.initiatives):
            rows.setdefault(ini.id, []).append(row)
            for key, ref in ini.sources.items():
                by_cell[(ref.sheet, ref.row, ref.column)] = (ini.id, key)
        self._rows = rows
        self._by_cell = by_cell
        self._indexed = (list(self._portfolio.initiatives), initiative_writes())

    def _index_current(self) -> bool:
        """Whether ``_rows`` still holds: the same initiative objects in the same order and no attribute of
        any Initiative (an id) assigned since (one identity pass instead of reading every id)."""
        objects, writes = self._indexed
        inis = self._portfolio.initiatives
        return writes == initiative_writes() and len(objects) == len(inis) and all(map(is_, objects, inis))

    # -- editing, baseline, optional columns -------------------------------------------------------------
    def set_edit_target(self, target: Any) -> None:
        """The document edits go to (``portfolio``, ``undo_stack``, ``baseline``, ``report_changes``)."""
        self._target = target
        self.refresh()

    def edit_target(self) -> Any:
        return self._target

    def baseline_amounts(self, initiative_id: str) -> dict[int, Decimal] | None:
        baseline = getattr(self._target, "baseline", None)
        return None if baseline is None else baseline.amounts.get(initiative_id)

    def show_changes(self) -> bool:
        return self._show_changes

    def set_show_changes(self, on: bool) -> None:
        """Show the Δ column and highlight amounts that differ from the baseline."""
        if on == self._show_changes:
            return
        col = self._keys.index("total") + 1
        self._toggle_columns(on, col, col, lambda: setattr(self, "_show_changes", on))
        self._emit_all_amounts()

    def show_costs(self) -> bool:
        return self._show_costs

    def set_show_costs(self, on: bool) -> None:
        """Show the cost breakdown columns (editable like the yearly amounts)."""
        if on == self._show_costs:
            return
        first = len(self._keys) if on else len(self._keys) - len(COST_KEYS)
        self._toggle_columns(on, first, first + len(COST_KEYS) - 1, lambda: setattr(self, "_show_costs", on))

    def _toggle_columns(self, insert: bool, first: int, last: int, switch: Callable[[], None]) -> None:
        """Insert or remove the columns first..last around ``switch`` (which changes the column set).

        Only the texts of the new columns are made; the others are carried over (a column toggle at
        10,000 rows re-formatted every cell before: ≈ 5 s)."""
        if insert:
            self.beginInsertColumns(QModelIndex(), first, last)
        else:
            self.beginRemoveColumns(QModelIndex(), first, last)
        old_keys = self._keys
        switch()
        self._keys = self._column_keys()
        self._cells = self._carry_over(self._cells, old_keys, lambda ini, key: self._text(ini, key))
        if self._show_changes or "delta" in old_keys:  # the changed-cell marks depend on the Δ switch
            inis = self._portfolio.initiatives
            self._marks = [None if marks is None else self._row_marks(inis[row])
                           for row, marks in enumerate(self._marks)]
        else:
            self._marks = self._carry_over(self._marks, old_keys, lambda ini, key: self._mark(ini, key, None))
        if insert:
            self.endInsertColumns()
        else:
            self.endRemoveColumns()

    def _emit_all_amounts(self) -> None:
        if self._cells and self._years:
            first = self._keys.index(amount_key(self._years[0]))
            self.dataChanged.emit(self.index(0, first), self.index(len(self._cells) - 1, first + len(self._years) - 1))

    def _is_editable(self, ini: Initiative, key: str) -> bool:
        if self._target is None:
            return False
        if key.startswith("year:"):
            return not ini.is_locked(int(key[5:]))
        return key.startswith("cost:")

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Typed text or a Decimal → one undo command on the document's stack (False when refused)."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.row() >= len(self._cells):
            return False
        ini = self._portfolio.initiatives[index.row()]
        key = self._keys[index.column()]
        if not self._is_editable(ini, key):
            return False
        amount, reason = read_amount(value, self._lang)
        if reason:
            return False
        from ui.commands import ChangeSetCommand, CostEditCommand

        if key.startswith("year:"):
            changes = edit_cell(self._portfolio, ini.id, int(key[5:]), amount)
            if changes:
                self._target.undo_stack.push(ChangeSetCommand(self._target, changes, lang=self._lang))
            return True
        category = CostCategory(key[5:])
        if ini.costs.get(category) != amount:
            text = self.tr("Ret {id} {cost}").format(id=ini.id, cost=category.label(self._lang))
            self._target.undo_stack.push(CostEditCommand(self._target, ini.id, category, amount, text))
        return True

    # -- refresh -----------------------------------------------------------------------------------
    def refresh(self, ids: Iterable[str] | None = None, years: Iterable[int] | None = None) -> None:
        """The figures changed: emit dataChanged for exactly the cells whose text changed.

        ``ids`` (and ``years``), from an amount ChangeSet: only the amounts of those initiatives (in those
        years) changed, so only their rows (year cells, total, Δ) are compared, plus the cells whose
        finding flag changed. Without them (or when rows or years came or went) every cell is compared.
        Rows whose texts were never made are announced whole (there is nothing shown to compare with).
        """
        if ids is not None and self._refresh_rows(ids, years):
            return
        if self._portfolio.all_years() != self._years or len(self._cells) != len(self._portfolio.initiatives):
            self.set_portfolio(self._portfolio)
            return
        self._index_rows()
        changed_flags = self._update_flags()
        changed: list[tuple[int, int]] = []
        unknown: list[int] = []
        inis = self._portfolio.initiatives
        for row, old in enumerate(self._cells):
            old_marks = self._marks[row]
            if old is None or old_marks is None:
                unknown.append(row)
                continue
            ini = inis[row]
            new = self._row_texts(ini)
            marks = self._row_marks(ini)
            self._cells[row], self._marks[row] = new, marks
            changed.extend((row, c) for c in range(len(new)) if new[c] != old[c] or marks[c] != old_marks[c]
                           or (ini.id, self._keys[c]) in changed_flags)
        corners = [(unknown[0], 0), (unknown[-1], len(self._keys) - 1)] if unknown and self._keys else []
        self._emit_cells(changed, corners)

    def _refresh_rows(self, ids: Iterable[str], years: Iterable[int] | None) -> bool:
        """``refresh`` for the rows of ``ids``; False (nothing done) when the table's shape may have changed.

        More than ``BIG_CHANGE_ROWS`` rows (fit to frame, reset, a scenario): their texts are dropped (made
        again when shown) and one dataChanged goes out around them, instead of a comparison per cell."""
        inis = self._portfolio.initiatives
        wanted = set(ids)
        year_set = None if years is None else set(years)
        if len(self._cells) != len(inis) or not wanted <= self._rows.keys():
            return False
        known = set(self._portfolio.years)
        if year_set is None or not year_set <= known or not known <= set(self._years):
            if self._portfolio.all_years() != self._years:
                return False
        rows = list(chain.from_iterable(map(self._rows.__getitem__, wanted)))
        if not self._index_current() and not all(map(wanted.__contains__, map(_ID, map(inis.__getitem__, rows)))):
            return False
        big = len(rows) > BIG_CHANGE_ROWS
        if not big:
            rows.sort()
        if year_set is None:
            cols = list(range(len(self._keys)))
        else:
            keys = {amount_key(y) for y in year_set} | {"total", "delta"}
            cols = [c for c, key in enumerate(self._keys) if key in keys]
        changed_flags = self._update_flags()
        changed: list[tuple[int, int]] = []
        corners: list[tuple[int, int]] = []
        if big:
            if len(rows) * 2 > len(inis):  # most rows: drop every row's texts (the others are made again too)
                self._cells = [None] * len(inis)
                self._marks = [None] * len(inis)
            else:
                cells, all_marks = self._cells, self._marks
                for row in rows:
                    cells[row] = None
                    all_marks[row] = None
            if cols:
                corners = [(min(rows), cols[0]), (max(rows), cols[-1])]
        else:
            keys_of = self._keys
            for row in rows:
                ini = inis[row]
                texts, marks = self._cells[row], self._marks[row]
                if texts is None or marks is None:
                    changed.extend((row, col) for col in cols)
                    continue
                base = self.baseline_amounts(ini.id) if self._show_changes else None
                for col in cols:
                    key = keys_of[col]
                    text, mark = self._text(ini, key), self._mark(ini, key, base)
                    if text != texts[col] or mark != marks[col]:
                        texts[col], marks[col] = text, mark
                        changed.append((row, col))
        for ini_id, key in changed_flags:
            col = self.column_of(key)
            changed.extend((row, col) for row in (self._rows.get(ini_id, ()) if col >= 0 else ()))
        self._emit_cells(changed, corners)
        return True

    def _emit_cells(self, cells: list[tuple[int, int]], corners: Sequence[tuple[int, int]] = ()) -> None:
        """dataChanged for these cells: one per cell when few, else one for the rectangle around them
        (a fit to frame changes ≈ 50,000 cells; a signal each cost more than the change itself).
        ``corners`` (of a block changed as a whole) always give one rectangle, around the cells too."""
        if corners:
            cells = [*cells, *corners]
        elif len(cells) <= BATCH_CELLS:
            for row, col in cells:
                index = self.index(row, col)
                self.dataChanged.emit(index, index)
            return
        rows = [r for r, _c in cells]
        cols = [c for _r, c in cells]
        self.dataChanged.emit(self.index(min(rows), min(cols)), self.index(max(rows), max(cols)))

    def sort_key(self, row: int, column: int) -> Any:
        ini = self.initiative(row)
        return None if ini is None else self.value(ini, self._keys[column])

    # -- Qt model API --------------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._cells)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._keys)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._keys):
            return None
        key = self._keys[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._header(key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._header_tip(key)
        if role == Qt.ItemDataRole.TextAlignmentRole and self._is_amount(key):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _header(self, key: str) -> str:
        if key.startswith("year:"):
            return key[5:]
        return {
            "id": self.tr("Nr."),
            "name": self.tr("Initiativ"),
            "area": self.tr("Område"),
            "phase": self.tr("Fase"),
            "period": self.tr("Periode"),
            "total": self.tr("I alt"),
            "stated_total": self.tr("Angivet"),
            "delta": self.tr("Δ basis"),
        }.get(key) or (CostCategory(key[5:]).label(self._lang) if key.startswith("cost:") else key)

    def _header_tip(self, key: str) -> str:
        unit = self._portfolio.unit or "mio. kr."
        if key.startswith("year:"):
            return self.tr("Bevilling i {year} ({unit})").format(year=key[5:], unit=unit)
        if key == "total":
            return self.tr("Summen af årene ({unit})").format(unit=unit)
        if key == "stated_total":
            return self.tr("Totalen som den står i projektmappen ({unit})").format(unit=unit)
        if key == "delta":
            return self.tr("Ændring af totalen mod basis, tallene som indlæst ({unit})").format(unit=unit)
        if key.startswith("cost:"):
            return self.tr("Omkostningsfordeling: {cost} ({unit})").format(cost=self._header(key), unit=unit)
        return self._header(key)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        return self.cell_data(index.row(), index.column(), role)

    def cell_data(self, row: int, col: int, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """``data`` of the cell at ``row``, ``col`` (the proxy asks here without making an index)."""
        if not (0 <= row < len(self._cells) and 0 <= col < len(self._keys)) or role not in _ROLES:
            return None
        key = self._keys[col]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if self._is_amount(key) else _LEFT
        texts, marks = self._row_cells(row)
        if role == Qt.ItemDataRole.DisplayRole:
            return texts[col]
        ini = self._portfolio.initiatives[row]
        mark = marks[col]
        if role == Qt.ItemDataRole.EditRole:
            if key.startswith(("year:", "cost:")):
                return _exact_text(self.value(ini, key), self._lang)
            return texts[col]
        if role == AMOUNT_ROLE:
            return self.value(ini, key) if self._is_amount(key) else None
        if role == EDITABLE_ROLE:
            return self._is_editable(ini, key)
        if role == LOCKED_ROLE:
            return bool(mark & _LOCKED)
        if role == CHANGED_ROLE:
            return bool(mark & _CHANGED)
        if role == Qt.ItemDataRole.DecorationRole:
            return lock_icon() if mark & _LOCKED and (key == "id" or not ini.locked) else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(self._tooltip(ini, key, texts[col]))
        if role == Qt.ItemDataRole.BackgroundRole:
            severity = self._flags.get((ini.id, key))
            if severity is not None:
                return QBrush(_ERROR_BG if severity == Severity.ERROR else _WARNING_BG)
            if mark & _LOCKED:
                return QBrush(_LOCKED_BG)
            if mark & _CHANGED:
                return QBrush(_CHANGED_BG)
            return None
        if role == ID_ROLE:
            return ini.id
        if role == FIELD_ROLE:
            return key
        return None

    def _tooltip(self, ini: Initiative, key: str, text: str) -> str:
        if key in ("id", "name"):
            return f"{ini.id} – {ini.name}"
        if key == "phase" and ini.phase is None and ini.phase_text:
            return self.tr("Ukendt fase: {text}").format(text=ini.phase_text)
        lines = []
        if self._is_amount(key) and text:
            lines.append(f"{ini.id} · {self._header(key)}: {text} {self._portfolio.unit}")
        if key.startswith("year:") and ini.is_locked(int(key[5:])):
            lines.append(self.tr("Låst: ændres ikke af redigering og operationer"))
        if key.startswith("year:") and self._show_changes:
            base = self.baseline_amounts(ini.id)
            if base is not None and ini.amounts.get(int(key[5:]), ZERO) != base.get(int(key[5:]), ZERO):
                lines.append(self.tr("Basis: {amount}").format(
                    amount=format_amount(base.get(int(key[5:]), ZERO), self._lang)))
        if key == "id" and ini.locked:
            lines.append(self.tr("Initiativet er låst"))
        if lines:
            return "\n".join(lines)
        return text or None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        ini = self.initiative(index.row())
        if ini is not None and self._is_editable(ini, self.column_key(index.column())):
            return _EDITABLE_FLAGS
        return _CELL_FLAGS
