"""Keep a workbook's own totals true after an edit: a per-row "I alt" and the totals row.

Excel and LibreOffice recalculate formulas on open (the writer sets fullCalcOnLoad), but programs
that read cached values (our reader, calamine, pandas) would see the old totals and report them as
wrong. So when a total agreed with its figures before the edit, it is made to agree after it:
a formula keeps its formula and gets the new cached result; a plain number gets the new sum. A total
that did not agree before (a colleague's deliberate figure, the seed's own disagreements) is left alone.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from planner.amounts import AmountError, parse_amount
from planner.model import Initiative, Portfolio, SourceInfo
from planner.xlsx_patch import SheetXml

ZERO = Decimal(0)
TOLERANCE = Decimal("0.05")  # totals are shown with one decimal


def _amount(value: Any) -> Decimal:
    if value is None or value == "" or isinstance(value, bool):
        return ZERO
    if isinstance(value, float):
        return Decimal(repr(value))
    try:
        return parse_amount(value)
    except AmountError:
        return ZERO


def _float(value: Any) -> float:
    """Fast float of a grid value (the before-edit sums only need to be right to far below 0,05)."""
    if type(value) is float or type(value) is int:
        return value
    if value is None or value == "" or isinstance(value, bool):
        return 0.0
    return float(_amount(value))


def _close(a: Decimal | float, b: Decimal | float) -> bool:
    return abs(float(a) - float(b)) < 0.05


def refresh_totals(portfolio: Portfolio, src: SourceInfo, sheet: SheetXml, grid: list[list[Any]],
                   home_row: Callable[[Initiative], int | None],
                   edited: list[Initiative], removed_rows: list[int] | None = None,
                   ) -> list[tuple[Initiative, Decimal]]:
    """Queue new totals on ``sheet``; returns (initiative, new stated total) to set after a good save.

    ``edited``: the initiatives whose yearly amounts were written (only their own totals can move).
    """
    if not grid:
        return []
    year_cols = {int(k[5:]): c for k, c in src.columns.items() if k.startswith("year:")}
    stated_col = src.columns.get("stated_total")

    def original(row: int, col: int) -> float:
        line = grid[row - 1] if row - 1 < len(grid) else []
        return _float(line[col - 1]) if col - 1 < len(line) else 0.0

    stated_updates: list[tuple[Initiative, Decimal]] = []
    for ini in {id(i): i for i in edited}.values():
        row = home_row(ini)
        ref = ini.sources.get("stated_total")
        if row is None or ref is None or ref.row is None or ref.column is None or ref.sheet != src.sheet:
            continue
        old_sum = math.fsum(original(row, c) for c in year_cols.values())
        new_sum = ini.total
        cell = sheet.cell(ref.row, ref.column)
        if abs(float(new_sum) - old_sum) < 1e-9 or not cell.formula or not isinstance(cell.value, Decimal):
            continue
        if _close(cell.value, old_sum) and ini.stated_total is not None and _close(ini.stated_total, cell.value):
            sheet.set_cached(ref.row, ref.column, new_sum)
            stated_updates.append((ini, new_sum))

    totals_row = src.totals_row
    rows = [r for ini in portfolio.initiatives if ini.sources and (r := home_row(ini)) is not None]
    rows += removed_rows or []
    if totals_row is None or not rows:
        return stated_updates
    lines = [grid[r - 1] if r - 1 < len(grid) else [] for r in rows]

    def column_sum(col: int) -> float:
        i = col - 1
        return math.fsum(_float(line[i]) if i < len(line) else 0.0 for line in lines)

    new_stated = {id(ini): new for ini, new in stated_updates}
    old_all = 0.0
    for y, col in year_cols.items():
        old = column_sum(col)
        old_all += old
        new_sum = sum((ini.amounts.get(y, ZERO) for ini in portfolio.initiatives), ZERO)
        _retotal(sheet, totals_row, col, [(old, new_sum)])
    if stated_col is not None:
        new_stated_sum = sum((new_stated.get(id(ini), ini.stated_total or ZERO) for ini in portfolio.initiatives),
                             ZERO)
        # A formula there sums the column (Excel's answer); a typed figure is read as the sum of the years.
        pairs = [(column_sum(stated_col), new_stated_sum)]
        if not sheet.cell(totals_row, stated_col).formula:
            pairs.insert(0, (old_all, portfolio.total()))
        _retotal(sheet, totals_row, stated_col, pairs)
    return stated_updates


def _retotal(sheet: SheetXml, row: int, col: int, candidates: list[tuple[float, Decimal]]) -> None:
    """Give the total cell the new sum of the first (old, new) pair whose old sum it agreed with."""
    cell = sheet.cell(row, col)
    if not isinstance(cell.value, Decimal) and not (isinstance(cell.value, str) and cell.value.strip()):
        return
    current = _amount(cell.value)
    for old_sum, new_sum in candidates:
        if not _close(current, old_sum):
            continue
        if abs(float(new_sum) - old_sum) < 1e-9 or current == new_sum:
            return
        if cell.formula:
            sheet.set_cached(row, col, new_sum)
        else:
            sheet.set(row, col, new_sum)
        return
