"""Widths for the initiatives table's columns that fit their texts, found without measuring every row.

Qt's ``resizeColumnToContents`` asks the model for up to 1,000 rows per column (≈ 0.4 s a column through
Python), and formatting all 10,000 texts of a column to find the longest costs ≈ 10 ms a column. An
amount's text only grows with its size (more digits, a sign), so for amount columns the widest texts are
among the largest and the most negative values: those few cells are measured with the view's delegate.
Text columns are measured on the rows with the longest texts.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import QStyleOptionViewItem, QTableView

from planner.amounts import ZERO
from planner.model import CostCategory
from ui.initiatives_model import InitiativesModel

CANDIDATES = 24
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


def candidate_rows(model: InitiativesModel, column: int, count: int = CANDIDATES) -> list[int]:
    """Source rows whose cells in ``column`` are the widest candidates (at most 2 × ``count``)."""
    if is_amount_key(model.column_key(column)):
        try:
            return extreme_rows(amount_values(model, column), count)
        except (ArithmeticError, TypeError):  # a NaN somewhere: measure by the texts instead
            pass
    return longest_rows(model.column_texts(column), count)


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
    for col in columns:
        width = header.sectionSizeHint(col)
        for row in candidate_rows(model, col, count):
            width = max(width, delegate.sizeHint(option, model.index(row, col)).width() + grid)
        header.resizeSection(col, width)
