"""Keep a workbook's own totals true after an edit: a per-row "I alt" and the totals row.

Excel and LibreOffice recalculate formulas on open (the writer sets fullCalcOnLoad), but programs
that read cached values (our reader, calamine, pandas) would see the old totals and report them as
wrong. So when a total agreed with its figures before the edit, it is made to agree after it:
a formula keeps its formula and gets the new cached result; a plain number gets the new sum. A total
that did not agree before (a colleague's deliberate figure, the seed's own disagreements) is left alone.
"""

from __future__ import annotations

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


def _close(a: Decimal, b: Decimal) -> bool:
    return abs(a - b) < TOLERANCE


def refresh_totals(portfolio: Portfolio, src: SourceInfo, sheet: SheetXml, grid: list[list[Any]],
                   home_row: Callable[[Initiative], int | None]) -> list[tuple[Initiative, Decimal]]:
    """Queue new totals on ``sheet``; returns (initiative, new stated total) to set after a good save."""
    if not grid:
        return []
    year_cols = {int(k[5:]): c for k, c in src.columns.items() if k.startswith("year:")}

    def original(row: int, col: int) -> Decimal:
        line = grid[row - 1] if row - 1 < len(grid) else []
        return _amount(line[col - 1] if col - 1 < len(line) else None)

    stated_updates: list[tuple[Initiative, Decimal]] = []
    stated_col = src.columns.get("stated_total")
    for ini in portfolio.initiatives:
        ref = ini.sources.get("stated_total")
        row = home_row(ini)
        if ref is None or row is None or ref.row is None or ref.column is None or ref.sheet != src.sheet:
            continue
        cell = sheet.cell(ref.row, ref.column)
        if not cell.formula or not isinstance(cell.value, Decimal):
            continue
        old_sum = sum((original(row, c) for c in year_cols.values()), ZERO)
        new_sum = ini.total
        if (new_sum != old_sum and _close(cell.value, old_sum) and ini.stated_total is not None
                and _close(ini.stated_total, cell.value)):
            sheet.set_cached(ref.row, ref.column, new_sum)
            stated_updates.append((ini, new_sum))

    totals_row = src.totals_row
    if totals_row is None:
        return stated_updates
    new_stated = {id(ini): new for ini, new in stated_updates}
    rows = [r for ini in portfolio.initiatives if ini.sources and (r := home_row(ini)) is not None]
    for y, col in year_cols.items():
        old_sum = sum((original(r, col) for r in rows), ZERO)
        new_sum = sum((ini.amount(y) for ini in portfolio.initiatives), ZERO)
        _retotal(sheet, totals_row, col, [(old_sum, new_sum)])
    if stated_col is not None:
        old_stated = sum((original(r, stated_col) for r in rows), ZERO)
        new_stated_sum = sum((new_stated.get(id(ini), ini.stated_total or ZERO) for ini in portfolio.initiatives), ZERO)
        old_all = sum((original(r, c) for r in rows for c in year_cols.values()), ZERO)
        new_all = portfolio.total()
        # A formula there sums the column (Excel's answer); a typed figure is read as the sum of the years.
        if sheet.cell(totals_row, stated_col).formula:
            _retotal(sheet, totals_row, stated_col, [(old_stated, new_stated_sum)])
        else:
            _retotal(sheet, totals_row, stated_col, [(old_all, new_all), (old_stated, new_stated_sum)])
    return stated_updates


def _retotal(sheet: SheetXml, row: int, col: int, candidates: list[tuple[Decimal, Decimal]]) -> None:
    """Give the total cell the new sum of the first (old, new) pair whose old sum it agreed with."""
    cell = sheet.cell(row, col)
    if not isinstance(cell.value, Decimal) and not (isinstance(cell.value, str) and cell.value.strip()):
        return
    current = _amount(cell.value)
    for old_sum, new_sum in candidates:
        if not _close(current, old_sum):
            continue
        if new_sum == old_sum or current == new_sum:
            return
        if cell.formula:
            sheet.set_cached(row, col, new_sum)
        else:
            sheet.set(row, col, new_sum)
        return
