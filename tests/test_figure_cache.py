"""ui.stacked_bars.FigureCache.rebuild keeps its invariants on both of its paths: from the cell columns
(every amount whole tenths) and amount by amount (an amount finer than 0,1)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planner.synthetic import make_portfolio
from ui.stacked_bars import PHASE_KEYS, FigureCache


@pytest.mark.parametrize("fine", [False, True])
def test_rebuild_holds_every_amount_and_the_exact_totals(fine: bool) -> None:
    p = make_portfolio(200, seed=7)
    p.initiatives[3].amounts = {}
    if fine:
        ini = next(i for i in p.initiatives if i.amounts)
        ini.amounts = {**ini.amounts, next(iter(ini.amounts)): Decimal("2.35")}
    cache = FigureCache()
    cache.rebuild(p)
    assert cache.ids == [i.id for i in p.initiatives]
    for row, ini in enumerate(p.initiatives):
        for year in cache.years:
            assert cache.matrix[row, cache.col[year]] == float(ini.amount(year))
        assert PHASE_KEYS[cache.phase_idx[row]] == ini.phase
        assert cache.areas[cache.area_idx[row]] == (ini.area or "")
    assert cache.totals == p.totals_by_year()
    assert not cache.update(p, {p.initiatives[0].id}), "an unchanged portfolio is not rebuilt again"
