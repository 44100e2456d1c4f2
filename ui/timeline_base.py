"""The whole portfolio's timeline rows and bars, kept as columns and made into objects only when asked for.

At 10,000 initiatives making a ``Row`` and up to two ``Bar`` objects per initiative cost ≈ 70 ms on every
File > Open and language switch, and painting the zoomed-out picture then walked them all again. Here the
bars are worked out in one pass over the fields (the first and last funded years come from the cell
columns, :class:`ui.timeline_data.Snapshot`) into numpy columns per row; a ``Row`` or a row's ``Bar`` list is
made when first read (painting reads the rows in view only), and the dense picture and the bars' x extents
are taken from the columns in whole-array passes.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import TYPE_CHECKING, overload

import numpy as np

from planner.model import Initiative
from planner.phases import Phase

if TYPE_CHECKING:
    from ui.timeline_items import Bar, Row

_NONE = np.iinfo(np.int64).max  # the Snapshot's "no funded year"


class LazyRows:
    """A read-only sequence of rows, each made by :meth:`_make` when first read and then kept in ``made``
    (edits change a row's label in place); the area headers are in ``made`` from the start."""

    def __init__(self, count: int, heads: list[int], made: dict[int, Row]) -> None:
        self._count = count
        self._heads = heads
        self._made = made

    def _make(self, r: int) -> Row:
        raise NotImplementedError

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, key: int) -> Row: ...

    @overload
    def __getitem__(self, key: slice) -> list[Row]: ...

    def __getitem__(self, key: int | slice) -> Row | list[Row]:
        if isinstance(key, slice):
            return [self[r] for r in range(*key.indices(self._count))]
        r = key + self._count if key < 0 else key
        if not 0 <= r < self._count:
            raise IndexError(key)
        row = self._made.get(r)
        if row is None:
            row = self._made[r] = self._make(r)
        return row

    def __iter__(self) -> Iterator[Row]:
        return (self[r] for r in range(self._count))


class BaseRows(LazyRows):
    """Rows of a laid-out portfolio: the area headers (``made`` from the start) and the initiatives' rows,
    each made from its initiative's id and name as laid out (``ids``/``names``, None on a header row) under
    the header ``heads[r]`` when first read."""

    def __init__(self, ids: list[str | None], names: list[str | None], heads: list[int], made: dict[int, Row]) -> None:
        super().__init__(len(ids), heads, made)
        self._ids = ids
        self._names = names

    def _make(self, r: int) -> Row:
        from ui.timeline_items import Row

        head = self._made[self._heads[r]]
        return Row("initiative", self._names[r] or "", self._ids[r] or "", head.area, head.tint, header=self._heads[r])


class BaseBars:
    """``bars_by_row`` of a laid-out portfolio as columns per row: the current-phase bar (``x0``/``x1``, NaN
    when none, ``phase``) and the possible next-phase bar (``next_x0``/``next_x1``, ``next_phase``) of the
    initiative ``ids[r]`` (None on a header row). A row's ``Bar`` list is made when first read; a list
    set in its place (an edit) is kept and written back into the columns."""

    def __init__(self, ids: list[str | None], x0: np.ndarray, x1: np.ndarray, phase: list[Phase | None],
                 next_x0: np.ndarray, next_x1: np.ndarray, next_phase: list[Phase | None]) -> None:
        self.ids = ids
        self.x0, self.x1, self.phase = x0, x1, phase
        self.next_x0, self.next_x1, self.next_phase = next_x0, next_x1, next_phase
        self._made: dict[int, list[Bar]] = {}

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, r: int) -> list[Bar]:
        if r < 0:
            r += len(self.ids)
        if not 0 <= r < len(self.ids):
            raise IndexError(r)
        bars = self._made.get(r)
        if bars is None:
            from ui.timeline_items import Bar

            iid = self.ids[r]
            bars = []
            if iid is not None:
                x0, x1 = float(self.x0[r]), float(self.x1[r])
                if not math.isnan(x0):
                    bars.append(Bar(r, x0, x1, self.phase[r], iid))
                n0, n1 = float(self.next_x0[r]), float(self.next_x1[r])
                if not math.isnan(n0):
                    bars.append(Bar(r, n0, n1, self.next_phase[r], iid, next=True))
            self._made[r] = bars
        return bars

    def __setitem__(self, r: int, bars: list[Bar]) -> None:
        current = [b for b in bars if not b.next]
        upcoming = [b for b in bars if b.next]
        if len(current) > 1 or len(upcoming) > 1 or any(b.row != r for b in bars):
            raise ValueError("a row holds at most one current-phase and one next-phase bar of its own")
        nan = math.nan
        self.x0[r], self.x1[r], self.phase[r] = (current[0].x0, current[0].x1, current[0].phase) if current \
            else (nan, nan, None)
        self.next_x0[r], self.next_x1[r], self.next_phase[r] = \
            (upcoming[0].x0, upcoming[0].x1, upcoming[0].phase) if upcoming else (nan, nan, None)
        self._made[r] = bars

    def __iter__(self) -> Iterator[list[Bar]]:
        return (self[r] for r in range(len(self.ids)))

    def extents(self) -> tuple[np.ndarray, np.ndarray]:
        """Per row the left end of its leftmost bar and the right end of its rightmost (±inf without bars)."""
        lo = np.fmin(self.x0, self.next_x0)
        hi = np.fmax(self.x1, self.next_x1)
        return np.where(np.isnan(lo), math.inf, lo), np.where(np.isnan(hi), -math.inf, hi)


def _floats(values: list[object]) -> np.ndarray:
    """A column of ints or None as floats, NaN for None."""
    column = np.array(values, dtype=object)
    blank = np.equal(column, None)
    column[blank] = math.nan
    return column.astype(np.float64)


def bar_spans(first: np.ndarray, last: np.ndarray, start_years: list[object], end_years: list[object],
              start_quarters: list[object], end_quarters: list[object]) -> tuple[np.ndarray, np.ndarray]:
    """x0, x1 of each initiative's current-phase bar (NaN: none) from its first and last funded years
    (:func:`ui.timeline_data.funded_spans`) and its stated years and quarters: the arithmetic of
    :func:`ui.timeline_items.initiative_span` in whole-array steps on doubles, so the floats are the same."""
    funded_first = np.where(first == _NONE, math.nan, first.astype(np.float64))
    funded_last = np.where(last == -_NONE, math.nan, last.astype(np.float64))
    start_year, end_year = _floats(start_years), _floats(end_years)
    start = np.where(np.isnan(start_year), funded_first, start_year)
    end = np.where(np.isnan(end_year), funded_last, end_year)
    lo, hi = np.fmin(start, end), np.fmax(start, end)
    lo[np.isnan(start) | np.isnan(end)] = math.nan  # no first or no last year: no bar
    q0, q1 = _floats(start_quarters), _floats(end_quarters)
    x0 = lo + np.where(np.isnan(q0) | (q0 == 0), 0.0, (q0 - 1) / 4)
    x1 = hi + np.where(np.isnan(q1) | (q1 == 0), 1.0, q1 / 4)
    x1 = np.where(x1 > x0, x1, x0 + 0.25)
    x1[np.isnan(x0)] = math.nan
    return x0, x1


def initiative_bars(inis: list[Initiative], shapes: list[tuple[object, ...]], first: np.ndarray, last: np.ndarray,
                    end_of_portfolio: int | None) -> tuple[np.ndarray, ...]:
    """Per initiative (portfolio order) what :func:`ui.timeline_items.bars_for` makes, as columns:
    x0, x1 (NaN: no current bar), next_x0, next_x1 (NaN: no next bar) and the next bars' phases (a list).

    ``shapes`` are :class:`ui.timeline_data.Snapshot`'s fields per initiative and ``first``/``last`` its first
    and last funded years; the arithmetic is :func:`ui.timeline_items.initiative_span`'s, in whole-array
    steps on doubles, so the floats are the same."""
    n = len(inis)
    if not n:
        empty = np.zeros(0)
        return empty, empty.copy(), empty.copy(), empty.copy(), []
    _ids, _names, _areas, phases, sy, ey, sq, eq, stated, rounds = map(list, zip(*shapes, strict=True))
    x0, x1 = bar_spans(first, last, sy, ey, sq, eq)
    ladder: dict[int, Phase | None] = {}  # the next step of each phase object, once
    next_phases: list[Phase | None] = [None] * n
    round_years: dict[object, int | None] = {}
    nx0 = np.full(n, math.nan)
    for k, (phase, own_next, next_round) in enumerate(zip(phases, stated, rounds, strict=True)):
        if own_next is not None:
            nxt = own_next
        elif phase is None:
            continue
        else:
            key = id(phase)
            if key not in ladder:
                ladder[key] = phase.next()  # type: ignore[attr-defined]
            nxt = ladder[key]
        if nxt is None or not next_round:
            continue
        if next_round in round_years:
            nyear = round_years[next_round]
        else:
            nyear = round_years[next_round] = inis[k].next_round_year
        if nyear is not None:
            nx0[k] = nyear
            next_phases[k] = nxt  # type: ignore[assignment]
    nx1 = np.maximum(nx0 + 1, end_of_portfolio) if end_of_portfolio is not None else nx0 + 1
    nx1[np.isnan(nx0)] = math.nan
    return x0, x1, nx0, nx1, next_phases
