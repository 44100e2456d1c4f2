"""restore() after a change to many initiatives: the same cells, in the same order, as comparing every
year of every initiative one by one (blanks, locks and a subset of ids included)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planner.edits import apply
from planner.model import Portfolio
from planner.rebalance import fit_to_frame
from planner.scenarios import Scenario, capture, restore
from planner.synthetic import make_portfolio


def _reference(portfolio: Portfolio, scenario: Scenario, ids=None, respect_locks=False) -> list[tuple]:
    out = []
    for ini in portfolio.initiatives:
        if ids is not None and ini.id not in ids:
            continue
        target = scenario.amounts.get(ini.id)
        if target is None or (respect_locks and ini.locked):
            continue
        for year in sorted(set(ini.amounts) | set(target)):
            old, new = ini.amounts.get(year), target.get(year)
            if old != new and not (respect_locks and year in ini.locked_years):
                out.append((ini.id, year, old, new))
    return out


@pytest.mark.parametrize("respect_locks", [False, True])
def test_restore_after_a_fit_lists_every_differing_cell(respect_locks: bool) -> None:
    portfolio = make_portfolio(400)
    base = capture(portfolio, "Basis")
    apply(portfolio, fit_to_frame(portfolio))
    inis = portfolio.initiatives
    inis[0].amounts.pop(min(inis[0].amounts))  # a blank the scenario has a value for
    inis[1].amounts[1999] = Decimal("2.5")  # a value the scenario has no year for
    inis[2].amounts = dict(base.amounts[inis[2].id])  # equal figures: nothing to restore
    for ini in inis[3::7]:
        ini.locked = True
    for ini in inis[5::11]:
        ini.locked_years = frozenset(sorted(ini.amounts)[:1])
    changes = restore(portfolio, base, respect_locks=respect_locks)
    assert list(changes) == _reference(portfolio, base, respect_locks=respect_locks)
    assert len(changes) > 400
    some = {ini.id for ini in inis[:60]}
    assert list(restore(portfolio, base, ids=some)) == _reference(portfolio, base, ids=some)
    apply(portfolio, restore(portfolio, base))
    assert {ini.id: ini.amounts for ini in inis} == base.amounts
