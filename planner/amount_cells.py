"""The yearly amounts of a portfolio as flat columns of cells, kept beside it and checked on every use.

Fitting 10,000 initiatives to the frame visits ≈ 26,000 cells. Reading them out of 10,000 pydantic objects
and turning every Decimal into integer tenths cost more than the arithmetic itself, so :func:`cells_of`
keeps that work from one call to the next: one column per field (id, year, value, tenths), cells in
portfolio order and, within an initiative, in year order, plus the positions of locked cells. The same
columns as numpy arrays (:meth:`AmountCells.arrays`) let fit to frame do its arithmetic and pick the
changed cells in whole-array steps.

The columns are never trusted to be current. Every call checks, without allocating an object per cell:

- the same initiative objects in the same order (one identity pass);
- no attribute of any Initiative assigned since the columns were made (``planner.model.initiative_writes``,
  a counter bumped by ``Initiative.__setattr__``); when one was, the ids, ``amounts`` dicts and locks are
  compared one by one (``locked_years`` is a frozenset: it cannot change in place);
- the same number of cells, and every cell still holding the very same Decimal object (Decimals are
  immutable: the same object is the same value).

Cells whose object changed (an edit, an undo, a fit) get their tenths worked out again; any other
difference (an initiative added, removed, replaced or renamed, a year added or blanked, a lock changed)
rebuilds the columns. So code may change a portfolio any way it likes (``planner.edits.apply``, the reader,
a test assigning ``ini.amounts[2024]``) and the columns follow.
"""

from __future__ import annotations

from collections import deque
from decimal import Decimal
from itertools import compress, count, repeat
from operator import attrgetter, is_, is_not, setitem
from typing import Any

import numpy as np

from planner.model import Initiative, Portfolio, initiative_writes
from planner.portfolio_memo import PortfolioMemo
from planner.tenths import tenths_of

_ID, _AMOUNTS = attrgetter("id"), attrgetter("amounts")
_LOCKED, _LOCKED_YEARS = attrgetter("locked"), attrgetter("locked_years")
_KEEP = 4  # portfolios remembered at once (the document, its baseline, a scenario being compared, …)
_PATCH_LIMIT = 2_000  # more changed cells than this: convert whole columns rather than patch cell by cell


class CellArrays:
    """The columns as numpy arrays: ``ids``/``years``/``values`` of dtype object (the very objects of the
    lists, so reading cells out gives them back without conversion), ``tenths`` int64.

    ``tenths`` exists only when every amount is a whole number of tenths; ``by_year[y]`` are the positions
    of year y (int64), ``locked`` a boolean mask of the cells the model's locks hold.
    """

    __slots__ = ("by_year", "ids", "locked", "tenths", "values", "years")

    def __init__(self, cells: AmountCells) -> None:
        self.ids = np.array(cells.ids, dtype=object)
        self.values = np.array(cells.values, dtype=object)
        self.years = np.array(cells.years, dtype=object)
        self.tenths = np.array(cells.tenths, dtype=np.int64) if cells.exact else None
        self.by_year = {y: np.array(p, dtype=np.int64) for y, p in cells.by_year.items()}
        self.locked = np.zeros(len(cells.values), dtype=bool)
        if cells.locked:
            self.locked[list(cells.locked)] = True


class AmountCells:
    """Columns of the cells of one portfolio: ``ids[i]``, ``years[i]``, ``values[i]``, ``tenths[i]``.

    ``starts[k]:starts[k + 1]`` are the cells of the k-th initiative, ``by_year[y]`` the positions of the
    cells of year y in portfolio order, ``locked`` the positions the model's own locks hold
    (``Initiative.locked``/``locked_years``). ``tenths[i]`` is None for an amount with a finer digit than
    0,1; ``exact`` tells that none is. ``unique``: the initiative ids are unique. Read-only for callers.
    """

    __slots__ = ("_arrays", "_cell_dicts", "_dicts", "_inexact", "_lock_flags", "_lock_years", "_writes",
                 "by_year", "ids", "ini_ids", "inis", "locked", "starts", "tenths", "unique", "values", "years")

    def __init__(self, portfolio: Portfolio) -> None:
        self._writes = initiative_writes()
        self.inis: list[Initiative] = list(portfolio.initiatives)
        self.ini_ids: list[str] = list(map(_ID, self.inis))
        self._dicts: list[dict[int, Decimal]] = list(map(_AMOUNTS, self.inis))
        self._lock_flags: list[bool] = list(map(_LOCKED, self.inis))
        self._lock_years: list[Any] = list(map(_LOCKED_YEARS, self.inis))
        self.unique = len(set(self.ini_ids)) == len(self.ini_ids)
        self.ids: list[str] = []
        self.years: list[int] = []
        self.values: list[Decimal] = []
        self._cell_dicts: list[dict[int, Decimal]] = []
        self.starts = [0]
        self.locked: set[int] = set()
        for ini_id, amounts, whole, locked_years in zip(self.ini_ids, self._dicts, self._lock_flags,
                                                        self._lock_years):
            ordered = sorted(amounts) if amounts else ()
            start = len(self.ids)
            self.ids.extend(repeat(ini_id, len(ordered)))
            self.years.extend(ordered)
            self.values.extend(map(amounts.__getitem__, ordered))
            self._cell_dicts.extend(repeat(amounts, len(ordered)))
            self.starts.append(len(self.ids))
            if whole:
                self.locked.update(range(start, len(self.ids)))
            elif locked_years:
                self.locked.update(i for i, y in enumerate(ordered, start) if y in locked_years)
        self.tenths = _column_tenths(self.values)
        self._inexact = _nones(self.tenths)
        self.by_year: dict[int, list[int]] = {}
        for i, year in enumerate(self.years):
            positions = self.by_year.get(year)
            if positions is None:
                self.by_year[year] = [i]
            else:
                positions.append(i)
        self._arrays: CellArrays | None = None

    def arrays(self) -> CellArrays:
        """The columns as numpy arrays (made on first use, kept up to date by :meth:`follow`)."""
        if self._arrays is None:
            self._arrays = CellArrays(self)
        return self._arrays

    def follow(self, portfolio: Portfolio) -> bool:
        """Bring the columns up to date with ``portfolio``; False when only a rebuild can (see module).

        One fused pass reads every cell and yields the positions whose object moved; only those are read
        again and converted (a fit after one edit finds one cell, an undo of a fit twenty thousand).
        """
        inis = portfolio.initiatives
        if len(inis) != len(self.inis) or not all(map(is_, inis, self.inis)):
            return False
        writes = initiative_writes()
        if writes != self._writes:
            if not (all(map(is_, map(_AMOUNTS, inis), self._dicts)) and all(map(is_, map(_ID, inis), self.ini_ids))
                    and all(map(is_, map(_LOCKED, inis), self._lock_flags))
                    and all(map(is_, map(_LOCKED_YEARS, inis), self._lock_years))):
                return False
            self._writes = writes
        if sum(map(len, self._dicts)) != len(self.values):
            return False
        cell_dicts, years = self._cell_dicts, self.years
        moved = compress(count(), map(is_not, map(dict.get, cell_dicts, years), self.values))
        first = next(moved, None)
        if first is None:
            return True
        changed = [first, *moved]
        if len(changed) > _PATCH_LIMIT:
            current = list(map(dict.get, cell_dicts, years))
            if _nones(current):
                return False  # a cell was blanked (and, as the count is the same, another one added)
            self.values = current
            self.tenths = _column_tenths(current)
            self._inexact = _nones(self.tenths)
            self._patch_arrays(changed, None, None)
            return True
        news = list(map(dict.get, map(cell_dicts.__getitem__, changed), map(years.__getitem__, changed)))
        if _nones(news):
            return False
        olds = list(map(self.tenths.__getitem__, changed))
        new_tenths = _column_tenths(news)
        deque(map(setitem, repeat(self.values), changed, news), 0)
        deque(map(setitem, repeat(self.tenths), changed, new_tenths), 0)
        self._inexact += _nones(new_tenths) - _nones(olds)
        self._patch_arrays(changed, news, new_tenths)
        return True

    @property
    def exact(self) -> bool:
        """Every amount is a whole number of tenths."""
        return not self._inexact

    def _patch_arrays(self, changed: list[int], news: list[Decimal] | None, new_tenths: list[int | None] | None
                      ) -> None:
        """Values and tenths follow the lists (ids, years, positions and locks cannot have changed);
        ``news``/``new_tenths`` are the changed cells' new values, None after whole columns changed."""
        arrays = self._arrays
        if arrays is None:
            return
        if news is None or new_tenths is None:
            arrays.values = np.array(self.values, dtype=object)
        else:
            arrays.values[changed] = news
        if not self.exact:
            arrays.tenths = None
        elif arrays.tenths is None or new_tenths is None:
            arrays.tenths = np.array(self.tenths, dtype=np.int64)
        else:
            arrays.tenths[changed] = new_tenths


_MAX_TENTHS = 10**12
"""Amounts below 10^11 (mio. kr.) go in the integer columns. A bigger one (a typing slip, a damaged or
hostile file) counts as inexact, like an amount finer than 0,1: every user of the columns then takes its
per-initiative path instead of overflowing int64 (or float64 sums, exact only below 2^53)."""


def _column_tenths(values: list[Decimal]) -> list[int | None]:
    found = tenths_of(values)
    if max(map(abs, filter(None, found)), default=0) >= _MAX_TENTHS:  # type: ignore[arg-type]
        found = [None if t is not None and abs(t) >= _MAX_TENTHS else t for t in found]
    return found


def _nones(items: list[Any]) -> int:
    """How many items are None (by identity: no Decimal or int comparison per item)."""
    return sum(map(is_, items, repeat(None)))


_CELLS: PortfolioMemo[AmountCells] = PortfolioMemo(_KEEP)


def kept_cells_of(portfolio: Portfolio) -> AmountCells | None:
    """The cells of ``portfolio`` when columns are kept for it (brought up to date), else None: for a
    caller with a plain path of its own, for whom building the columns would cost more than it saves."""
    cells = _CELLS.get(portfolio)
    if cells is None:
        return None
    return cells_of(portfolio)


def cells_of(portfolio: Portfolio) -> AmountCells:
    """The current cells of ``portfolio`` (from the columns kept for it when they can be brought up to date)."""
    cells = _CELLS.get(portfolio)
    if cells is None or not cells.follow(portfolio):
        cells = AmountCells(portfolio)
        _CELLS.put(portfolio, cells)
    return cells
