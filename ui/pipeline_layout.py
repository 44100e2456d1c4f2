"""The by-phase view's layout: which lane and line each initiative's bars sit on, and the amounts per
lane and year — plain data, computed without painting, so an edit can update it in place."""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass, field
from decimal import Decimal
from operator import attrgetter
from typing import NamedTuple

import numpy as np

from planner.amount_cells import AmountCells, cells_of
from planner.amounts import ZERO
from planner.model import Initiative, Portfolio
from planner.phases import PHASES, Phase
from ui.cell_sums import (
    BIG_CHANGE,
    current_cells,
    decimal_row,
    field_lists,
    funded_spans,
    group_year_tenths,
    refresh_copies,
    same_fields,
)
from ui.timeline_base import bar_spans
from ui.timeline_data import funded_spans as timeline_spans
from ui.timeline_items import initiative_span, next_phase_of

_PLACING = ("phase", "start_year", "end_year", "start_quarter", "end_quarter", "next_phase", "next_round", "name")
_PHASE = attrgetter("phase")
"""The fields the bars of an initiative depend on, besides the first and last year with money."""


class LaneBar(NamedTuple):
    """One bar of a lane (a named tuple: a lane layout of 10,000 initiatives makes ~17,000 of them)."""

    row: int
    x0: float
    x1: float
    phase: Phase | None
    initiative_id: str
    label: str
    next: bool = False
    name: str = ""


@dataclass
class Lane:
    """A phase's swim lane: an amounts line at ``first_row``, then ``rows`` lines of packed bars."""

    phase: Phase | None
    first_row: int
    rows: int
    ids: list[str] = field(default_factory=list)
    amounts: dict[int, Decimal] = field(default_factory=dict)

    @property
    def last_row(self) -> int:
        return self.first_row + self.rows

    @property
    def total(self) -> Decimal:
        return sum(self.amounts.values(), ZERO)


@dataclass
class PipelineLayout:
    lanes: list[Lane] = field(default_factory=list)
    bars_by_row: list[list[LaneBar]] = field(default_factory=list)
    row_kind: list[str] = field(default_factory=list)  # "amounts" | "bars" | "total" | "gap"
    row_lane: list[int] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    totals: dict[int, Decimal] = field(default_factory=dict)
    x_min: float = 0.0
    x_max: float = 1.0
    shown: dict[str, tuple[tuple[object, ...], dict[int, Decimal]]] = field(default_factory=dict)
    """Initiative id → (what places its bars, its amounts as summed here): see :func:`update_pipeline`."""
    order: list[str] = field(default_factory=list)
    """The initiative ids in portfolio order, as laid out."""
    placing: dict[str, list[object]] = field(default_factory=dict)
    """Field name (``_PLACING``) → its value per initiative (portfolio order): what places the bars."""
    spans: tuple[np.ndarray, np.ndarray] | None = None
    """Per initiative its first and last year with money (:func:`ui.cell_sums.funded_spans`); None when an
    amount has a finer digit than 0,1 (a big change set then takes the per-change path)."""

    def number_rows(self) -> list[int]:
        """The lines that hold numbers: each lane's amounts line, then the total line."""
        return [lane.first_row for lane in self.lanes] + ([len(self.row_kind) - 1] if self.row_kind else [])

    def lane_of(self, initiative_id: str) -> Phase | None | str:
        for lane in self.lanes:
            if initiative_id in lane.ids:
                return lane.phase
        return ""


def _pack(items: list[tuple[float, float, str, bool, Phase | None]]) -> list[int]:
    """Interval packing in start order: reuse the line that frees up first, else open a new one.

    Items must be sorted by start within each group packed together; O(n log n).
    """
    free: list[tuple[float, int]] = []
    lines: list[int] = []
    count = 0
    for x0, x1, *_ in items:
        if free and free[0][0] <= x0 + 1e-9:
            _, line = heapq.heappop(free)
        else:
            line, count = count, count + 1
        heapq.heappush(free, (x1, line))
        lines.append(line)
    return lines


def _placement(ini: Initiative) -> tuple[object, ...]:
    """Everything the bars of an initiative depend on; equal placements give equal bars."""
    return (ini.phase, initiative_span(ini), next_phase_of(ini), ini.next_round_year, ini.name)


def update_pipeline(lay: PipelineLayout, portfolio: Portfolio, ids: set[str]) -> set[int] | None:
    """Add the amount changes of ``ids`` to the lane and total lines in place; the rows whose numbers
    changed, or None when the layout must be rebuilt (an initiative is new or gone, its bars move, or it
    has money in a year the layout does not show)."""
    cells = update_pipeline_cells(lay, portfolio, ids)
    return None if cells is None else {row for row, _year in cells}


def update_pipeline_cells(lay: PipelineLayout, portfolio: Portfolio, ids: set[str]) -> set[tuple[int, int]] | None:
    """:func:`update_pipeline`, telling the (row, year) cells whose numbers changed: only they are repainted."""
    if len(lay.shown) != len(portfolio.initiatives):
        return None
    if len(ids) > BIG_CHANGE:
        cells = _sum_all_lanes(lay, portfolio)
        if cells is not False:
            return cells
    years = set(lay.years)
    updates = []
    for iid in ids:
        ini, shown = portfolio.get(iid), lay.shown.get(iid)
        if ini is None or shown is None or shown[0] != _placement(ini) or not years.issuperset(ini.amounts):
            return None
        updates.append((ini, shown))
    lane_index = {lane.phase: i for i, lane in enumerate(lay.lanes)}
    cells: set[tuple[int, int]] = set()
    for ini, (placement, before) in updates:
        lane = lay.lanes[lane_index[ini.phase]]
        for y in before.keys() | ini.amounts.keys():
            diff = ini.amounts.get(y, ZERO) - before.get(y, ZERO)
            if diff:
                lane.amounts[y] = lane.amounts.get(y, ZERO) + diff
                lay.totals[y] = lay.totals.get(y, ZERO) + diff
                cells.update(((lane.first_row, y), (len(lay.row_kind) - 1, y)))
        lay.shown[ini.id] = (placement, dict(ini.amounts))
    return cells


def _sum_all_lanes(lay: PipelineLayout, portfolio: Portfolio) -> set[tuple[int, int]] | None | bool:
    """The lane and total lines summed again in whole-list passes (a change set naming most initiatives):
    the changed cells, None when the layout must be rebuilt, False when only the per-change path can tell
    (an amount with a finer digit than 0,1, or the initiatives are not the ones laid out)."""
    if lay.spans is None:
        return False
    cells = current_cells(portfolio, lay.order)
    if cells is None:
        return False
    lo, hi = funded_spans(cells)
    if not (np.array_equal(lo, lay.spans[0]) and np.array_equal(hi, lay.spans[1])) \
            or not same_fields(cells.inis, _PLACING, lay.placing):
        return None  # some bars move
    phases = [lane.phase for lane in lay.lanes]
    rank = {p: k for k, p in enumerate(phases)}
    try:
        groups = np.fromiter(map(rank.__getitem__, lay.placing["phase"]), dtype=np.int64, count=len(lay.order))
    except KeyError:
        return None
    sums = group_year_tenths(cells, groups, len(phases), lay.years)
    if sums is None:
        return None  # money in a year the layout does not show
    changed: set[tuple[int, int]] = set()
    total_row = len(lay.row_kind) - 1
    for lane, row in zip(lay.lanes, sums, strict=True):
        amounts = decimal_row(row, lay.years)
        changed.update((lane.first_row, y) for y in lay.years if amounts[y] != lane.amounts.get(y, ZERO))
        lane.amounts = amounts
    totals = decimal_row(sums.sum(axis=0), lay.years)
    changed.update((total_row, y) for y in lay.years if totals[y] != lay.totals.get(y, ZERO))
    lay.totals = totals
    refresh_copies([before for _placement, before in lay.shown.values()], cells)
    return changed


def _lane_amounts(portfolio: Portfolio, cells: AmountCells | None, phases: list[Phase | None],
                  phase_of: list[object], years: list[int]
                  ) -> tuple[dict[Phase | None, dict[int, Decimal]], dict[int, Decimal]]:
    """Per lane year → the sum of its initiatives' amounts, and the totals per year: from the cells'
    tenths in whole-array passes when ``cells`` is given, else amount by amount."""
    if cells is not None:
        rank = {p: k for k, p in enumerate(phases)}
        groups = np.fromiter(map(rank.__getitem__, phase_of), dtype=np.int64, count=len(phase_of))
        sums = group_year_tenths(cells, groups, len(phases), years)
        if sums is not None:
            lanes = {p: decimal_row(row, years) for p, row in zip(phases, sums, strict=True)}
            return lanes, decimal_row(sums.sum(axis=0), years)
    amounts: dict[Phase | None, dict[int, Decimal]] = {p: {y: ZERO for y in years} for p in phases}
    for ini in portfolio.initiatives:
        lane = amounts[ini.phase]
        for y, a in ini.amounts.items():
            lane[y] = lane.get(y, ZERO) + a
    return amounts, portfolio.totals_by_year()


def build_pipeline(portfolio: Portfolio) -> PipelineLayout:
    """The whole layout. One pass over the initiatives with the fields read as lists; the bars' spans in
    whole-array steps (:func:`ui.timeline_base.bar_spans`, the timeline's), and the lane sums from the cell
    columns (``planner.amount_cells``) when every amount is a whole number of tenths (issue 7: at 10,000
    initiatives the phases tab is laid out when shown after a new workbook or a scenario)."""
    inis = portfolio.initiatives
    lay = PipelineLayout(years=portfolio.all_years())
    years = lay.years
    end_of_portfolio = (max(years) + 1) if years else None
    phases: list[Phase | None] = list(PHASES)
    lay.order = [ini.id for ini in inis]
    lay.placing = placing = field_lists(inis, _PLACING)
    if any(p is None for p in placing["phase"]):
        phases.append(None)
    items: dict[Phase | None, list[tuple[float, float, str, bool, Phase | None]]] = {p: [] for p in phases}
    ids: dict[Phase | None, list[str]] = {p: [] for p in phases}
    xs: list[float] = [float(min(years)), float(max(years) + 1)] if years else []
    cells = cells_of(portfolio)
    whole = cells.arrays().tenths is not None and len(cells.starts) - 1 == len(inis)
    first, last, _years = timeline_spans(portfolio)
    x0s, x1s = (column.tolist() for column in bar_spans(
        first, last, placing["start_year"], placing["end_year"], placing["start_quarter"], placing["end_quarter"]))
    next_years: dict[str, int | None] = {}
    names: dict[str, str] = {}
    shown = lay.shown
    for ini, phase, x0, x1, stated_next, next_round, name in zip(
            inis, placing["phase"], x0s, x1s, placing["next_phase"], placing["next_round"], placing["name"],
            strict=True):
        iid = ini.id
        names[iid] = " ".join(name.split())
        span = None if x0 != x0 else (x0, x1)  # NaN: no current bar
        nxt = stated_next if stated_next is not None else (phase.next() if phase is not None else None)
        if next_round in next_years:
            nyear = next_years[next_round]
        else:
            nyear = next_years[next_round] = ini.next_round_year
        shown[iid] = ((phase, span, nxt, nyear, name), dict(ini.amounts))
        ids[phase].append(iid)
        if span is not None:
            items[phase].append((span[0], span[1], iid, False, phase))
            xs.extend(span)
        if nxt is not None and nyear is not None:
            x1 = float(max(nyear + 1, end_of_portfolio or nyear + 1))
            items[nxt].append((float(nyear), x1, iid, True, nxt))
            xs.extend((float(nyear), x1))
    amounts, lay.totals = _lane_amounts(portfolio, cells if whole else None, phases, placing["phase"], years)
    row = 0
    for lane_index, phase in enumerate(phases):
        current = sorted((t for t in items[phase] if not t[3]), key=lambda t: (t[0], t[1]))
        maybe = sorted((t for t in items[phase] if t[3]), key=lambda t: (t[0], t[1]))
        lines_current = _pack(current)
        offset = max(lines_current, default=-1) + 1
        entries = current + maybe
        lines = lines_current + [line + offset for line in _pack(maybe)]
        n_lines = max(lines, default=-1) + 1
        lane = Lane(phase, row, 1 + max(n_lines, 1), ids[phase], amounts[phase])
        lay.lanes.append(lane)
        lay.row_kind.append("amounts")
        lay.row_lane.append(lane_index)
        lay.bars_by_row.append([])
        for _ in range(max(n_lines, 1)):
            lay.row_kind.append("bars")
            lay.row_lane.append(lane_index)
            lay.bars_by_row.append([])
        for (x0, x1, iid, is_next, ph), line in zip(entries, lines, strict=True):
            r = row + 1 + line
            lay.bars_by_row[r].append(LaneBar(r, x0, x1, ph, iid, iid, is_next, names.get(iid, "")))
        row += lane.rows
    lay.row_kind.append("total")
    lay.row_lane.append(-1)
    lay.bars_by_row.append([])
    if whole and len(shown) == len(lay.order):
        lay.spans = funded_spans(cells)
    if xs:
        lay.x_min, lay.x_max = math.floor(min(xs)), math.ceil(max(xs))
    return lay
