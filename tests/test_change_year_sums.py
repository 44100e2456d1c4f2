"""ChangeSet.year_sums: what a change set adds to each year (blanks count as 0), the same as summing the
cells one by one, and kept for the change set's undo and redo."""

from __future__ import annotations

from decimal import Decimal

from planner.edits import ChangeSet, apply
from planner.rebalance import fit_to_frame
from planner.synthetic import make_portfolio


def _one_by_one(changes: ChangeSet) -> dict[int, Decimal]:
    out: dict[int, Decimal] = {}
    for change in changes:
        out[change.year] = out.get(change.year, Decimal(0)) + (change.new or 0) - (change.old or 0)
    return out


def test_year_sums_of_a_fit_and_of_blanks() -> None:
    portfolio = make_portfolio(300)
    changes = fit_to_frame(portfolio)
    assert changes.year_sums == _one_by_one(changes)
    assert changes.year_sums is changes.year_sums
    apply(portfolio, changes)
    assert sum(changes.year_sums.values()) == changes.delta() != 0
    blanks = ChangeSet(("A", "A", "B"), (2024, 2025, 2024), (Decimal("1.5"), None, Decimal("2")),
                       (None, Decimal("0.25"), Decimal("-1")))
    assert blanks.year_sums == {2024: Decimal("-4.5"), 2025: Decimal("0.25")} == _one_by_one(blanks)
    assert list(blanks.year_sums) == [2024, 2025]
