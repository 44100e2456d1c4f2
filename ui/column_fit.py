"""Widths for the initiatives table's columns that fit their texts, found without measuring every row.

Qt's ``resizeColumnToContents`` asks the model for up to 1,000 rows per column (≈ 0.4 s a column through
Python), and formatting all 10,000 texts of a column to find the longest costs ≈ 10 ms a column. An
amount's text only grows with its size (more digits, a sign), so for amount columns the widest texts are
among the largest and the most negative values: those few cells are measured with the view's delegate.
Text columns: the delegate's width of a cell is its text's natural width (the same shaping as
``QFontMetricsF.horizontalAdvance``) plus the style's margins, and an icon's room when the cell has one, so
of the cells with (and of those without) an icon the one whose text has the largest advance is the widest;
the advance of a text is at most the sum of its characters' advances (kerning and ligatures only narrow a
Latin or Danish text), so the texts are measured exactly in order of that bound, until the bound of the next
is below the widest found. The delegate measures the few widest (ties within a pixel), so rounding in the
style cannot pick a narrower one. The year and total columns read their values from the cell columns
(:func:`planner.amount_cells.cells_of`) when every amount is a whole number of tenths.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

import numpy as np
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QStyleOptionViewItem, QTableView

from planner.amount_cells import cells_of
from planner.amounts import ZERO
from planner.model import CostCategory
from planner.tenths import from_tenths
from ui.cell_sums import cell_rows
from ui.initiatives_model import InitiativesModel

CANDIDATES = 24
TIE_PX = 1.0  # texts this near the widest advance are measured by the delegate too
_AMOUNT_KEYS = ("total", "stated_total", "delta")


def is_amount_key(key: str) -> bool:
    return key.startswith(("year:", "cost:")) or key in _AMOUNT_KEYS


def amount_values(model: InitiativesModel, column: int) -> list[Any]:
    """``model.column_values(column)`` (the amounts by source row, None for a blank cell), with the cost
    and Δ columns read straight from the initiatives (the model asks ``value`` per row: ≈ 4× slower)."""
    key = model.column_key(column)
    inis = model.portfolio.initiatives[:model.rowCount()]
    if key.startswith("cost:"):
        category = CostCategory(key[5:])
        return [ini.costs.get(category) for ini in inis]
    if key == "delta":  # the total minus the baseline's total, as InitiativesModel.value
        baseline = getattr(model.edit_target(), "baseline", None)
        base: dict[str, dict[int, Decimal]] = {} if baseline is None else baseline.amounts
        none: dict[int, Decimal] = {}
        return [sum(ini.amounts.values(), ZERO) - sum((base.get(ini.id) or none).values(), ZERO) for ini in inis]
    return model.column_values(column)


def extreme_rows(values: Sequence[Decimal | None], count: int = CANDIDATES) -> list[int]:
    """Rows holding the ``count`` largest and the ``count`` most negative distinct values (None left out).

    A formatted amount is at least as long as that of any value nearer zero with the same sign, so the
    widest texts are among these. Raises ArithmeticError/TypeError for values that cannot be ordered
    or hashed (a NaN), for the caller to fall back on the texts."""
    row_of = dict(zip(values, range(len(values)), strict=True))  # a row for each distinct value
    row_of.pop(None, None)
    distinct = list(row_of)
    picks = heapq.nlargest(count, distinct) + [v for v in heapq.nsmallest(count, distinct) if v < 0]
    return list(dict.fromkeys(row_of[value] for value in picks))


def longest_rows(texts: Sequence[str], count: int = CANDIDATES) -> list[int]:
    lengths = list(map(len, texts))
    return heapq.nlargest(count, range(len(lengths)), key=lengths.__getitem__)


def widest_rows(texts: Sequence[str], fm: QFontMetricsF, rows: Iterable[int] | None = None,
                slack: float = TIE_PX) -> list[int]:
    """Of ``rows`` (default: all), a row for each distinct advance in ``fm`` within ``slack`` of the largest
    found. Texts are measured in order of the sum of their characters' advances (a bound of their own
    advance, see the module) until that bound is no more than the largest advance found: no text left can
    be wider (one as wide lays out as wide)."""
    row_of: dict[str, int] = {}
    for row in (range(len(texts)) if rows is None else rows):
        row_of.setdefault(texts[row], row)
    if not row_of:
        return []
    advance = fm.horizontalAdvance
    distinct = list(row_of)
    codes = np.frombuffer("".join(distinct).encode("utf-32-le"), dtype=np.uint32)
    chars, of_char = np.unique(codes, return_inverse=True)
    char_width = np.array([advance(chr(c)) for c in chars.tolist()], dtype=np.float64)
    ends = np.cumsum(np.fromiter(map(len, distinct), dtype=np.int64, count=len(distinct)))
    summed = np.concatenate(([0.0], np.cumsum(char_width[of_char])))
    bounds = summed[ends] - summed[ends - np.fromiter(map(len, distinct), dtype=np.int64, count=len(distinct))]
    widths: dict[str, float] = {}
    best = -1.0
    for k in np.argsort(-bounds, kind="stable").tolist():
        if bounds[k] <= best + 1e-6:  # (the sums' rounding: far below a pixel)
            break
        width = widths[distinct[k]] = advance(distinct[k])
        best = max(best, width)
    picked: dict[float, int] = {}
    for text, width in widths.items():
        if width >= best - slack:
            picked.setdefault(width, row_of[text])
    return list(picked.values())


def may_have_icon(model: InitiativesModel) -> list[int]:
    """Source rows whose cells may show an icon (a lock: a locked initiative or a locked year)."""
    inis = model.portfolio.initiatives[:model.rowCount()]
    return [row for row, ini in enumerate(inis) if ini.locked or ini.locked_years]


def icon_rows(model: InitiativesModel, key: str, locks: list[int]) -> list[int]:
    """Of ``locks`` (:func:`may_have_icon`), the rows whose cell in column ``key`` shows the lock icon, as
    ``InitiativesModel`` decorates them: the id of a locked initiative, the amount of a locked year of an
    initiative not locked as a whole."""
    inis = model.portfolio.initiatives
    if key == "id":
        return [r for r in locks if inis[r].locked]
    if key.startswith("year:"):
        year = int(key[5:])
        return [r for r in locks if not inis[r].locked and year in inis[r].locked_years]
    return []


class _Cells:
    """The model's portfolio's cell columns and each cell's source row, read once for all the columns fitted."""

    def __init__(self, model: InitiativesModel) -> None:
        portfolio = model.portfolio
        cells = cells_of(portfolio)
        self.n = model.rowCount()
        self.count = len(cells.starts) - 1
        self.tenths = cells.arrays().tenths
        self.usable = self.tenths is not None and self.count == len(portfolio.initiatives) and self.n <= self.count
        self.by_year = cells.arrays().by_year
        self.owner = cell_rows(cells) if self.usable else None

    def values(self, key: str) -> np.ndarray | None:
        """The year (NaN: a blank cell) or total column as integer tenths by source row; None when the
        cells cannot say (an amount with a finer digit than 0,1)."""
        if not self.usable or self.owner is None or self.tenths is None:
            return None
        if key == "total":
            return np.bincount(self.owner, weights=self.tenths, minlength=self.count)[:self.n].round()
        positions = self.by_year.get(int(key[5:]))
        out = np.full(self.count, np.nan)
        if positions is not None:
            out[self.owner[positions]] = self.tenths[positions]
        return out[:self.n]


def extreme_cells(values: np.ndarray, count: int = CANDIDATES) -> list[int]:
    """:func:`extreme_rows` of an array (NaN: a blank cell): a row for each of the ``count`` largest and
    ``count`` most negative distinct values."""
    shown = np.nonzero(~np.isnan(values))[0]
    if not len(shown):
        return []
    distinct, first = np.unique(values[shown], return_index=True)
    picks = list(range(max(0, len(distinct) - count), len(distinct)))
    picks += [k for k in range(min(count, len(distinct))) if distinct[k] < 0]
    return list(dict.fromkeys(int(shown[first[k]]) for k in picks))


def candidate_rows(model: InitiativesModel, column: int, count: int = CANDIDATES,
                   fm: QFontMetricsF | None = None, *, icons: list[int] | None = None,
                   cells: _Cells | None = None) -> list[int]:
    """Source rows whose cells in ``column`` are the widest candidates. ``fm``: the metrics of the cells'
    font (text columns are then picked by their advances; else by their length). ``icons``
    (:func:`may_have_icon`, narrowed here to the column's) and ``cells`` are read from the model when
    not given."""
    key = model.column_key(column)
    icons = icon_rows(model, key, may_have_icon(model) if icons is None else icons)
    if is_amount_key(key):
        values = None
        if key == "total" or key.startswith("year:"):
            values = (cells or _Cells(model)).values(key)
        if values is not None:
            rows = extreme_cells(values, count)
            if icons:
                rows += [icons[k] for k in extreme_cells(values[np.asarray(icons, dtype=np.intp)], count)]
            rows = list(dict.fromkeys(rows))
            if fm is None:
                return rows
            return _widest_amounts(model, {r: from_tenths(int(values[r])) for r in rows}, fm, icons)
        try:
            amounts = amount_values(model, column)
            rows = extreme_rows(amounts, count)
            if icons:
                rows += [icons[k] for k in extreme_rows([amounts[r] for r in icons], count)]
            rows = list(dict.fromkeys(rows))
            if fm is None or key == "delta":  # Δ texts carry a sign of their own
                return rows
            return _widest_amounts(model, {r: amounts[r] for r in rows}, fm, icons)
        except (ArithmeticError, TypeError):  # a NaN somewhere: measure by the texts instead
            pass
    texts = model.column_texts(column)
    if fm is None:
        return longest_rows(texts, count)
    if not icons:
        return widest_rows(texts, fm)
    marked = set(icons)
    return widest_rows(texts, fm, (r for r in range(len(texts)) if r not in marked)) + widest_rows(texts, fm, icons)


def _widest_amounts(model: InitiativesModel, values: dict[int, Decimal | None], fm: QFontMetricsF,
                    icons: list[int]) -> list[int]:
    """Of an amount column's candidate rows (``values``: row → its amount), those the delegate must measure:
    the widest texts (as the model writes them, :meth:`InitiativesModel.amount_text`) by their advances,
    with and without the lock icon apart (a delegate size hint makes the texts of the row's every cell)."""
    marked = set(icons)
    picked: list[int] = []
    for group in ([r for r in values if r not in marked], [r for r in values if r in marked]):
        if group:
            texts = [model.amount_text(values[r]) for r in group]
            picked += [group[k] for k in widest_rows(texts, fm)]
    return picked


def fit_columns(table: QTableView, model: InitiativesModel, columns: Iterable[int],
                count: int = CANDIDATES) -> None:
    """Size each of ``columns`` of ``table`` (a view of ``model``, possibly through a proxy) to its header
    and the widest of its candidate cells, as the view's delegate draws them. Every row counts, shown or
    filtered out, so a filter never leaves a cut number behind when it is cleared."""
    header = table.horizontalHeader()
    delegate = table.itemDelegate()
    option = QStyleOptionViewItem()
    table.initViewItemOption(option)
    grid = 1 if table.showGrid() else 0
    fm = QFontMetricsF(option.font)
    icons = may_have_icon(model)
    cells: _Cells | None = None
    for col in columns:
        width = header.sectionSizeHint(col)
        key = model.column_key(col)
        if cells is None and (key == "total" or key.startswith("year:")):
            cells = _Cells(model)
        for row in candidate_rows(model, col, count, fm, icons=icons, cells=cells):
            width = max(width, delegate.sizeHint(option, model.index(row, col)).width() + grid)
        header.resizeSection(col, width)
