"""FigureCache after change sets naming many initiatives: the groups (phase, area) of every row follow a
phase or area assigned between two big changes, and stay as they are when none was."""

from __future__ import annotations

import numpy as np

from planner.edits import apply, revert
from planner.phases import PHASES
from planner.rebalance import fit_to_frame
from planner.synthetic import make_portfolio
from ui.cell_sums import BIG_CHANGE
from ui.stacked_bars import FigureCache


def _fresh(portfolio: object) -> FigureCache:
    cache = FigureCache()
    cache.rebuild(portfolio)  # type: ignore[arg-type]
    return cache


def _same(a: FigureCache, b: FigureCache) -> bool:
    return (a.areas == b.areas and np.array_equal(a.phase_idx, b.phase_idx)
            and np.array_equal(a.area_idx, b.area_idx) and np.array_equal(a.matrix, b.matrix)
            and a.totals == b.totals)


def test_groups_follow_assignments_between_big_changes() -> None:
    portfolio = make_portfolio(BIG_CHANGE + 200, seed=3)
    cache = _fresh(portfolio)
    changes = fit_to_frame(portfolio)
    apply(portfolio, changes)
    assert not cache.update(portfolio, changes.ids)
    assert _same(cache, _fresh(portfolio))
    version = cache.group_version
    revert(portfolio, changes)
    cache.update(portfolio, changes.ids)
    assert cache.group_version == version  # nothing regrouped
    assert _same(cache, _fresh(portfolio))
    inis = portfolio.initiatives
    inis[5].phase = next(p for p in PHASES if p != inis[5].phase)
    inis[7].area = "Et nyt område"
    apply(portfolio, changes)
    cache.update(portfolio, changes.ids)
    assert cache.group_version > version
    assert "Et nyt område" in cache.areas
    assert _same(cache, _fresh(portfolio))


def test_a_single_edit_after_big_changes_adds_up() -> None:
    """The per-row copies are left behind by a big change; the next edit still gives a fresh cache's sums."""
    from decimal import Decimal

    from planner.edits import edit_cell

    portfolio = make_portfolio(BIG_CHANGE + 200, seed=4)
    cache = _fresh(portfolio)
    changes = fit_to_frame(portfolio)
    for step in (apply, revert, apply):
        step(portfolio, changes)
        cache.update(portfolio, changes.ids)
        assert _same(cache, _fresh(portfolio))
    ini = portfolio.initiatives[10]
    year = max(ini.amounts)
    edit = edit_cell(portfolio, ini.id, year, ini.amounts[year] + Decimal("2.5"))
    apply(portfolio, edit)
    cache.update(portfolio, edit.ids)
    assert _same(cache, _fresh(portfolio))
    apply(portfolio, edit_cell(portfolio, ini.id, year, Decimal("0.5")))
    cache.update(portfolio)  # no ids: every row compared with the copies
    assert _same(cache, _fresh(portfolio))
