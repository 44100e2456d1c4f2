"""Whole-list sums for the charts after a change set that names many initiatives (no Qt).

Fit to frame, its undo and redo, reset to baseline and a scenario switch change amounts of nearly every
initiative. Adding each one's differences to a chart's sums in Python costs ≈ 20–40 µs per initiative; past
a few hundred ids one recomputation from :func:`planner.amount_cells.cells_of` (integer tenths as numpy
arrays, checked against the model on every call) costs a few milliseconds at 10,000. The sums come back as
exact Decimals (tenths / 10): the same values a Decimal sum gives, so the same texts and heights.
"""

from __future__ import annotations

from decimal import Decimal
from operator import attrgetter

import numpy as np

from planner.amount_cells import AmountCells, cells_of
from planner.model import Portfolio
from planner.tenths import from_tenths

BIG_CHANGE = 300
"""More changed ids than this: recompute the sums in whole-list passes instead of adding differences."""

AMOUNTS = attrgetter("amounts")


def current_cells(portfolio: Portfolio, order: list[str]) -> AmountCells | None:
    """The portfolio's cells when its initiatives are still ``order`` (same ids, same order, unique) and
    every amount is a whole number of tenths; None otherwise (the caller takes its per-change path or
    rebuilds)."""
    cells = cells_of(portfolio)
    if not cells.unique or cells.ini_ids != order:
        return None
    arrays = cells.arrays()
    return cells if arrays.tenths is not None else None


def cell_rows(cells: AmountCells) -> np.ndarray:
    """The initiative (its position in the portfolio) of every cell."""
    counts = np.diff(np.asarray(cells.starts, dtype=np.int64))
    return np.repeat(np.arange(len(counts), dtype=np.int64), counts)


def cell_columns(cells: AmountCells, years: list[int]) -> np.ndarray | None:
    """The position in ``years`` of every cell's year; None when a cell has a year not in ``years``."""
    col = {y: j for j, y in enumerate(years)}
    out = np.empty(len(cells.values), dtype=np.int64)
    for year, positions in cells.arrays().by_year.items():
        j = col.get(year)
        if j is None:
            return None
        out[positions] = j
    return out


def group_year_tenths(cells: AmountCells, groups: np.ndarray, n_groups: int, years: list[int]
                      ) -> np.ndarray | None:
    """groups × years: the tenths of each group (``groups[k]`` is the k-th initiative's group) per year;
    None when a cell has a year not in ``years``."""
    cols = cell_columns(cells, years)
    if cols is None:
        return None
    ny = len(years)
    flat = groups[cell_rows(cells)] * ny + cols
    tenths = cells.arrays().tenths
    sums = np.bincount(flat, weights=tenths, minlength=n_groups * ny)  # exact: far below 2**53
    return np.rint(sums).astype(np.int64).reshape(n_groups, ny)


def decimal_row(tenths: np.ndarray, years: list[int]) -> dict[int, Decimal]:
    """year → the exact amount of a row of tenths."""
    return dict(zip(years, map(from_tenths, tenths.tolist()), strict=True))


def funded_spans(cells: AmountCells) -> tuple[np.ndarray, np.ndarray]:
    """Per initiative the first and last year with money (cells in year order), -1 when none."""
    n = len(cells.starts) - 1
    lo = np.full(n, -1, dtype=np.int64)
    hi = np.full(n, -1, dtype=np.int64)
    arrays = cells.arrays()
    funded = np.nonzero(arrays.tenths != 0)[0]
    if len(funded):
        rows = cell_rows(cells)[funded]
        years = arrays.years[funded].astype(np.int64)
        first = np.ones(len(rows), dtype=bool)
        first[1:] = rows[1:] != rows[:-1]
        last = np.ones(len(rows), dtype=bool)
        last[:-1] = rows[1:] != rows[:-1]
        lo[rows[first]] = years[first]
        hi[rows[last]] = years[last]
    return lo, hi


def refresh_copies(copies: list[dict[int, Decimal]], cells: AmountCells) -> None:
    """Make each of a chart's copies of the initiatives' amounts (what it remembers as summed, portfolio
    order) equal the initiative's amounts again, in place: new dicts for 10,000 initiatives on every big
    change would survive into the oldest garbage-collector generation and set off full collections
    (≈ 0.2 s each at 10,000)."""
    any(map(dict.clear, copies))
    any(map(dict.update, copies, map(AMOUNTS, cells.inis)))


def same_fields(objects: list[object], names: tuple[str, ...], kept: dict[str, list[object]]) -> bool:
    """Every object's attribute ``name`` equals ``kept[name]`` (one pass per field, no tuple per object)."""
    return all(list(map(attrgetter(name), objects)) == kept.get(name) for name in names)


def field_lists(objects: list[object], names: tuple[str, ...]) -> dict[str, list[object]]:
    return {name: list(map(attrgetter(name), objects)) for name in names}
