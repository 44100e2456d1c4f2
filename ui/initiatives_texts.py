"""The texts and marks of the initiatives table's cells, and the values behind them.

``InitiativeTexts`` is the text-making half of ``ui.initiatives_model.InitiativesModel`` (a mixin, so
the model's hot paths stay plain method calls): what each cell shows, the per-row cache of texts and
marks (locked, changed from the baseline) with the lock icon, the finding flags per cell, the column
texts used to size a column, and the cell values the proxy sorts by. Split out of the model by role to
keep both modules small; nothing here changes the portfolio or emits signals.

Texts are made lazily (issue 7: formatting all ≈120,000 cells of a 10,000-row table up front took
≈0.4 s at every open, fit, undo and scenario switch): a row's texts and marks are made when a view first
asks for the row, amounts are formatted once per distinct value (a few hundred at 10,000 rows), and a
change to many rows drops those rows' texts and emits one ``dataChanged`` around them instead of
comparing every cell. Up to ``EAGER_ROWS`` rows everything is made up front, so a refresh names
exactly the cells whose text changed; a row never asked for has nothing shown to compare with, so a
full refresh re-announces it.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from itertools import compress
from operator import attrgetter
from typing import Any

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

from planner.amounts import ZERO, format_amount
from planner.findings import Severity
from planner.model import CostCategory, Initiative, Portfolio, area_label

_LOCKED, _CHANGED = 1, 2  # bits of a cell's mark
_lock_icon: QIcon | None = None
_TEXT_CACHE = 20_000  # distinct amounts remembered per model (a few hundred in practice)
_PERIOD_FIELDS = attrgetter("start_year", "start_quarter", "end_year", "end_quarter")


def lock_icon() -> QIcon:
    """A small padlock drawn once (no icon theme is needed offscreen or on Windows)."""
    global _lock_icon
    if _lock_icon is None:
        pix = QPixmap(12, 12)
        pix.fill(Qt.GlobalColor.transparent)
        p = QPainter(pix)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(QPen(QColor("#4a5568"), 1.4))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawArc(3, 1, 6, 7, 0, 180 * 16)
        p.drawLine(QPointF(3, 4.5), QPointF(3, 6))
        p.drawLine(QPointF(9, 4.5), QPointF(9, 6))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#4a5568"))
        p.drawRoundedRect(2, 6, 8, 6, 1, 1)
        p.end()
        _lock_icon = QIcon(pix)
    return _lock_icon


def _exact_text(value: Decimal | None, lang: str) -> str:
    """An amount for editing: every decimal it has (at least one), no thousands separators."""
    if value is None:
        return ""
    places = max(1, -value.as_tuple().exponent)  # type: ignore[operator]
    return format_amount(value, lang, places, group=False)


def _period(ini: Initiative, lang: str = "da") -> str:
    q = "Q" if lang.startswith("en") else "K"

    def part(year: int | None, quarter: int | None) -> str:
        if year is None:
            return "?"
        return f"{year}" + (f" {q}{quarter}" if quarter else "")

    if ini.start_year is None and ini.end_year is None:
        span = ini.years_span()
        return f"{span[0]}–{span[1]}" if span else ""
    return f"{part(ini.start_year, ini.start_quarter)}–{part(ini.end_year, ini.end_quarter)}"


class InitiativeTexts:
    """Cell texts, marks and values for a model that keeps the attributes below (see InitiativesModel)."""

    _lang: str
    _portfolio: Portfolio
    _keys: list[str]
    _cells: list[list[str] | None]  # a row's texts, None until first asked for
    _marks: list[list[int] | None]  # made and dropped together with _cells
    _amount_texts: dict[Decimal, str]
    _delta_texts: dict[Decimal, str]
    _show_changes: bool
    _flags: dict[tuple[str, str], Severity]
    _by_cell: dict[tuple[str, int | None, int | None], tuple[str, str]]
    baseline_amounts: Callable[[str], dict[int, Decimal] | None]

    def column_texts(self, column: int) -> list[str]:
        """The shown text of every row in ``column`` (for sizing the column without asking Qt per row)."""
        if not 0 <= column < len(self._keys):
            return []
        key = self._keys[column]
        if key.startswith(("year:", "cost:")) or key in ("total", "stated_total"):
            values = self.column_values(column)
            texts = {value: self._amount_text(value) for value in set(values)}
            return list(map(texts.__getitem__, values))
        inis = self._portfolio.initiatives[:len(self._cells)]
        if key in ("id", "name"):
            return list(map(str, self.column_values(column)))
        if key in ("area", "phase", "period"):  # few distinct values: each made into a text once
            if key == "area":
                values: list[Any] = [ini.area for ini in inis]
            elif key == "phase":
                values = [(ini.phase, ini.phase_text) for ini in inis]
            else:
                values = list(map(_PERIOD_FIELDS, inis))
            one_each = dict(zip(values, inis, strict=True))  # an initiative per distinct value
            made = {value: self._text(ini, key) for value, ini in one_each.items()}
            texts = list(map(made.__getitem__, values))
            if key == "period":  # without start and end, the period comes from the amounts
                for row in compress(range(len(values)), [v[0] is None and v[2] is None for v in values]):
                    texts[row] = self._text(inis[row], key)
            return texts
        return [self._text(ini, key) for ini in inis]

    def column_values(self, column: int) -> list[Any]:
        """``value`` of every row in ``column`` (the proxy's sort keys), a column at a time."""
        if not 0 <= column < len(self._keys):
            return []
        key = self._keys[column]
        inis = self._portfolio.initiatives[:len(self._cells)]
        if key.startswith("year:"):
            year = int(key[5:])
            return [ini.amounts.get(year) for ini in inis]
        if key == "total":
            return [sum(ini.amounts.values(), ZERO) for ini in inis]
        if key in ("id", "name", "stated_total"):
            return [getattr(ini, key) for ini in inis]
        return [self.value(ini, key) for ini in inis]

    def _carry_over(self, rows: list[Any], old_keys: list[str], make: Callable[[Initiative, str], Any]
                    ) -> list[Any]:
        """``rows`` laid out for ``self._keys``: old columns copied, new ones made with ``make`` (rows not
        made yet stay so)."""
        where = {key: i for i, key in enumerate(old_keys)}
        picks = [where.get(key, -1) for key in self._keys]
        if all(p >= 0 for p in picks):
            return [None if row is None else [row[p] for p in picks] for row in rows]
        out: list[list[Any] | None] = []
        for ini, row in zip(self._portfolio.initiatives, rows, strict=False):
            out.append(None if row is None else
                       [row[p] if p >= 0 else make(ini, key) for p, key in zip(picks, self._keys, strict=True)])
        return out

    def _row_marks(self, ini: Initiative) -> list[int]:
        base = self.baseline_amounts(ini.id) if self._show_changes else None
        return [self._mark(ini, key, base) for key in self._keys]

    @staticmethod
    def _mark(ini: Initiative, key: str, base: dict[int, Decimal] | None) -> int:
        mark = 0
        if key.startswith("year:"):
            year = int(key[5:])
            if ini.locked or year in ini.locked_years:
                mark |= _LOCKED
            if base is not None and ini.amounts.get(year, ZERO) != base.get(year, ZERO):
                mark |= _CHANGED
        elif key == "id" and ini.locked:
            mark |= _LOCKED
        elif key == "delta" and base is not None and ini.total != sum(base.values(), ZERO):
            mark |= _CHANGED
        return mark

    def _row_texts(self, ini: Initiative) -> list[str]:
        return [self._text(ini, key) for key in self._keys]

    def _row_cells(self, row: int) -> tuple[list[str], list[int]]:
        """The texts and marks of ``row``, made now if they were not yet."""
        texts, marks = self._cells[row], self._marks[row]
        if texts is None or marks is None:
            ini = self._portfolio.initiatives[row]
            texts = self._cells[row] = self._row_texts(ini)
            marks = self._marks[row] = self._row_marks(ini)
        return texts, marks

    def amount_text(self, value: Decimal | None) -> str:
        """The text an amount cell shows for ``value`` (for sizing a column from a few values)."""
        return self._amount_text(value)

    def _amount_text(self, value: Decimal | None) -> str:
        """``format_amount`` in the model's language, once per distinct value (equal Decimals give equal
        texts: the text is made from the value rounded to one decimal)."""
        if value is None:
            return ""
        texts = self._amount_texts
        try:
            return texts[value]
        except KeyError:
            if len(texts) >= _TEXT_CACHE:
                texts.clear()
            text = texts[value] = format_amount(value, self._lang)
            return text
        except TypeError:  # a signalling NaN cannot be hashed
            return format_amount(value, self._lang)

    def _delta_text(self, value: Decimal) -> str:
        if not value:
            return ""
        texts = self._delta_texts
        text = texts.get(value)
        if text is None:
            if len(texts) >= _TEXT_CACHE:
                texts.clear()
            text = texts[value] = ("+" if value > 0 else "−") + format_amount(abs(value), self._lang)
        return text

    def _text(self, ini: Initiative, key: str) -> str:
        value = self.value(ini, key)
        if key == "delta":
            return self._delta_text(value)
        if isinstance(value, Decimal):
            return self._amount_text(value)
        if key == "phase":
            return ini.phase.label(self._lang) if ini.phase else ini.phase_text
        if key == "area":
            return area_label(ini.area, self._lang)
        if key == "period":
            return _period(ini, self._lang)
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
        if key == "delta":
            base = self.baseline_amounts(ini.id)
            return ini.total - sum((base or {}).values(), ZERO)
        if key.startswith("cost:"):
            return ini.costs.get(CostCategory(key[5:]))
        if key == "phase":
            return ini.phase.order if ini.phase else 99
        if key == "period":
            return (ini.start_year or 0, ini.start_quarter or 0, ini.end_year or 0, ini.end_quarter or 0)
        return getattr(ini, key, "")

    @staticmethod
    def _is_amount(key: str) -> bool:
        return key.startswith(("year:", "cost:")) or key in ("total", "stated_total", "delta")

    def _finding_flags(self) -> dict[tuple[str, str], Severity]:
        """(initiative id, column key) → the worst severity of a finding pointing at that cell."""
        flags: dict[tuple[str, str], Severity] = {}
        by_cell = self._by_cell
        for f in self._portfolio.findings:
            if f.where is None or f.severity == Severity.INFO:
                continue
            hit = by_cell.get((f.where.sheet, f.where.row, f.where.column))
            if hit is None:
                continue
            if hit not in flags or f.severity == Severity.ERROR:
                flags[hit] = f.severity
        return flags

    def _update_flags(self) -> set[tuple[str, str]]:
        """Recompute the finding flags; the (initiative id, column key) cells whose flag changed."""
        old_flags = self._flags
        self._flags = self._finding_flags()
        return {k for k in old_flags.keys() | self._flags.keys() if old_flags.get(k) != self._flags.get(k)}
