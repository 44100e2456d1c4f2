"""The initiatives table: a QAbstractTableModel over a Portfolio's initiatives.

Columns: id, name, area, phase, period, one per year, total, stated total. Amounts are shown the
Danish way (12,7) and right-aligned. ``refresh()`` compares what each cell shows with what it showed
before and emits ``dataChanged`` only for cells that changed; a change in rows or years resets.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from planner.amounts import format_amount
from planner.findings import Severity
from planner.model import Initiative, Portfolio, amount_key, area_label

ID_ROLE = Qt.ItemDataRole.UserRole + 1
FIELD_ROLE = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex
_ERROR_BG = QColor("#fde2e1")
_WARNING_BG = QColor("#fff3cd")


def _period(ini: Initiative) -> str:
    def part(year: int | None, quarter: int | None) -> str:
        if year is None:
            return "?"
        return f"{year}" + (f" K{quarter}" if quarter else "")

    if ini.start_year is None and ini.end_year is None:
        span = ini.years_span()
        return f"{span[0]}–{span[1]}" if span else ""
    return f"{part(ini.start_year, ini.start_quarter)}–{part(ini.end_year, ini.end_quarter)}"


class InitiativesModel(QAbstractTableModel):
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
        self._cells: list[list[str]] = []
        self._flags: dict[tuple[str, str], Severity] = {}
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
        for row, ini in enumerate(self._portfolio.initiatives):
            if ini.id == initiative_id:
                return row
        return -1

    def _rebuild(self) -> None:
        self._years = self._portfolio.all_years()
        self._keys = [*self.FIXED_BEFORE, *(amount_key(y) for y in self._years), *self.FIXED_AFTER]
        self._cells = [self._row_texts(ini) for ini in self._portfolio.initiatives]
        self._flags = self._finding_flags()

    def _finding_flags(self) -> dict[tuple[str, str], Severity]:
        """(initiative id, column key) → the worst severity of a finding pointing at that cell."""
        flags: dict[tuple[str, str], Severity] = {}
        by_cell = {}
        for ini in self._portfolio.initiatives:
            for key, ref in ini.sources.items():
                by_cell[(ref.sheet, ref.row, ref.column)] = (ini.id, key)
        for f in self._portfolio.findings:
            if f.where is None or f.severity == Severity.INFO:
                continue
            hit = by_cell.get((f.where.sheet, f.where.row, f.where.column))
            if hit is None:
                continue
            if hit not in flags or f.severity == Severity.ERROR:
                flags[hit] = f.severity
        return flags

    # -- refresh -----------------------------------------------------------------------------------
    def refresh(self) -> None:
        """The figures changed: emit dataChanged for exactly the cells whose text changed."""
        if self._portfolio.all_years() != self._years or len(self._cells) != len(self._portfolio.initiatives):
            self.set_portfolio(self._portfolio)
            return
        old_flags = self._flags
        self._flags = self._finding_flags()
        changed_flags = {k for k in old_flags.keys() | self._flags.keys() if old_flags.get(k) != self._flags.get(k)}
        for row, ini in enumerate(self._portfolio.initiatives):
            new = self._row_texts(ini)
            old = self._cells[row]
            self._cells[row] = new
            cols = [c for c in range(len(new)) if new[c] != old[c] or (ini.id, self._keys[c]) in changed_flags]
            for col in cols:
                index = self.index(row, col)
                self.dataChanged.emit(index, index)

    # -- texts and values ----------------------------------------------------------------------------
    def _row_texts(self, ini: Initiative) -> list[str]:
        return [self._text(ini, key) for key in self._keys]

    def _text(self, ini: Initiative, key: str) -> str:
        value = self.value(ini, key)
        if isinstance(value, Decimal):
            return format_amount(value, self._lang)
        if key == "phase":
            return ini.phase.label(self._lang) if ini.phase else ini.phase_text
        if key == "area":
            return area_label(ini.area, self._lang)
        if key == "period":
            return _period(ini)
        return "" if value is None else str(value)

    def value(self, ini: Initiative, key: str) -> Any:
        """The cell's underlying value (Decimal for amounts), used for sorting."""
        if key.startswith("year:"):
            year = int(key[5:])
            return ini.amounts.get(year)
        if key == "total":
            return ini.total
        if key == "stated_total":
            return ini.stated_total
        if key == "phase":
            return ini.phase.order if ini.phase else 99
        if key == "period":
            return (ini.start_year or 0, ini.start_quarter or 0, ini.end_year or 0, ini.end_quarter or 0)
        return getattr(ini, key, "")

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
        }.get(key, key)

    def _header_tip(self, key: str) -> str:
        unit = self._portfolio.unit or "mio. kr."
        if key.startswith("year:"):
            return self.tr("Bevilling i {year} ({unit})").format(year=key[5:], unit=unit)
        if key == "total":
            return self.tr("Summen af årene ({unit})").format(unit=unit)
        if key == "stated_total":
            return self.tr("Totalen som den står i projektmappen ({unit})").format(unit=unit)
        return self._header(key)

    @staticmethod
    def _is_amount(key: str) -> bool:
        return key.startswith("year:") or key in ("total", "stated_total")

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._cells) or index.column() >= len(self._keys):
            return None
        row, col = index.row(), index.column()
        key = self._keys[col]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[row][col]
        ini = self._portfolio.initiatives[row]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if self._is_amount(key):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(ini, key, self._cells[row][col])
        if role == Qt.ItemDataRole.BackgroundRole:
            severity = self._flags.get((ini.id, key))
            if severity is not None:
                return QBrush(_ERROR_BG if severity == Severity.ERROR else _WARNING_BG)
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
        if self._is_amount(key) and text:
            return f"{ini.id} · {self._header(key)}: {text} {self._portfolio.unit}"
        return text or None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
