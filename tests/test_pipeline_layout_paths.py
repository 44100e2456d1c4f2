"""The by-phase layout reads spans and lane sums from the cell columns when every amount is whole tenths,
and initiative by initiative otherwise: both must give what the initiatives themselves say."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from planner.model import Portfolio
from planner.synthetic import make_portfolio
from ui.pipeline_layout import build_pipeline
from ui.timeline_items import initiative_span, next_phase_of


def _varied(seed: int, *, fine: bool) -> Portfolio:
    rng = random.Random(seed)
    p = make_portfolio(120, seed=seed)
    for ini in p.initiatives:
        r = rng.random()
        if r < 0.1:
            ini.start_year = rng.choice([2022, 2024, 2026])
        elif r < 0.2:
            ini.end_year = rng.choice([2023, 2025, 2028])
        elif r < 0.3:
            ini.start_quarter, ini.end_quarter = rng.choice([1, 2, 3, 4]), rng.choice([1, 2, 4])
        elif r < 0.35:
            ini.phase = None
        elif r < 0.4:
            ini.amounts = {}
        elif r < 0.45:
            ini.amounts = {y: Decimal("0") for y in ini.amounts}
        elif r < 0.5:
            ini.next_round = "UIP 2029 eller 2030"
        elif r < 0.55:
            ini.start_year, ini.end_year = 2027, 2024
    if fine:  # one amount finer than 0,1: the per-initiative path
        first = next(i for i in p.initiatives if i.amounts)
        year = next(iter(first.amounts))
        first.amounts = {**first.amounts, year: Decimal("1.23")}
    return p


@pytest.mark.parametrize("fine", [False, True])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_bars_and_lane_sums_are_what_the_initiatives_say(seed: int, fine: bool) -> None:
    p = _varied(seed, fine=fine)
    lay = build_pipeline(p)
    assert (lay.spans is None) == fine
    current = {b.initiative_id: (b.x0, b.x1, b.phase) for row in lay.bars_by_row for b in row if not b.next}
    upcoming = {b.initiative_id: (b.x0, b.phase) for row in lay.bars_by_row for b in row if b.next}
    for ini in p.initiatives:
        span = initiative_span(ini)
        if span is None:
            assert ini.id not in current
        else:
            assert current[ini.id] == (span[0], span[1], ini.phase)
        nxt = next_phase_of(ini)
        if nxt is not None and ini.next_round_year is not None:
            assert upcoming[ini.id] == (float(ini.next_round_year), nxt)
        else:
            assert ini.id not in upcoming
    for lane in lay.lanes:
        for year in lay.years:
            expected = sum((i.amount(year) for i in p.initiatives if i.phase == lane.phase), Decimal(0))
            assert lane.amounts[year] == expected, (lane.phase, year)
    assert lay.totals == p.totals_by_year()
