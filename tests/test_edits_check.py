"""planner.edits checks every cell of a big change set before changing any: the very objects after an undo
or redo, equal values written otherwise (12,70 for 12,7), and a single differing cell among thousands is a
conflict that changes nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planner.edits import ChangeSet, EditConflict, apply, revert
from planner.rebalance import fit_to_frame
from planner.synthetic import make_portfolio


def _figures(portfolio) -> dict[str, dict[int, Decimal]]:  # type: ignore[no-untyped-def]
    return {ini.id: dict(ini.amounts) for ini in portfolio.initiatives}


def test_equal_but_not_identical_expected_values_pass() -> None:
    portfolio = make_portfolio(200)
    changes = fit_to_frame(portfolio)
    written = ChangeSet(changes.ids, changes.years, tuple(Decimal(str(o) + "0") if o is not None and "." in str(o)
                                                          else o for o in changes.olds), changes.news)
    assert any(a is not b for a, b in zip(written.olds, changes.olds, strict=True))
    apply(portfolio, written)
    assert all(portfolio.get(i).amounts[y] is n for i, y, n in zip(changes.ids, changes.years, changes.news,
                                                                      strict=True))


def test_one_differing_cell_among_thousands_changes_nothing() -> None:
    portfolio = make_portfolio(600)
    changes = fit_to_frame(portfolio)
    assert len(changes) > 1000
    middle = len(changes) // 2
    ini = portfolio.get(changes.ids[middle])
    ini.amounts[changes.years[middle]] += Decimal("0.1")
    before = _figures(portfolio)
    with pytest.raises(EditConflict) as info:
        apply(portfolio, changes)
    assert (info.value.initiative_id, info.value.year) == (changes.ids[middle], changes.years[middle])
    assert _figures(portfolio) == before
    ini.amounts[changes.years[middle]] -= Decimal("0.1")
    apply(portfolio, changes)
    revert(portfolio, changes)
    with pytest.raises(EditConflict):
        revert(portfolio, changes)  # already reverted: the cells hold the old values
