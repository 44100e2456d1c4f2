"""Validation's whole-array checks over the cell columns (reversed periods, money outside the years,
negative amounts) find exactly the findings of checking every initiative one by one, whatever mix of
blank years, open periods, empty rows and amounts finer than 0,1 the portfolio holds."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from planner.amount_cells import cells_of, kept_cells_of
from planner.findings import Finding
from planner.model import Initiative, Portfolio
from planner.phases import PHASES
from planner.validate import _initiative_findings, _phase_column, validate


def _one_by_one(portfolio: Portfolio) -> list[Finding]:
    column = _phase_column(portfolio)
    out: list[Finding] = []
    for ini in portfolio.initiatives:
        out.extend(_initiative_findings(ini, column, sum(ini.amounts.values(), Decimal(0))) or [])
    return out


def _mixed(seed: int, finer: bool) -> Portfolio:
    rng = random.Random(seed)
    inis = []
    for k in range(300):
        start = rng.choice([None, 2023, 2024, 2025])
        end = rng.choice([None, 2023, 2025, 2026])
        years = sorted(rng.sample(range(2021, 2029), rng.randint(0, 4)))
        amounts = {y: Decimal(rng.choice(["0", "1.5", "2", "-0.5", "12.3", "0.0", "7"])) for y in years}
        if finer and k % 37 == 0 and years:
            amounts[years[0]] = Decimal("1.25")
        inis.append(Initiative(id=f"X{k}", name=f"n{k}", phase=PHASES[k % 4] if k % 5 else None, start_year=start,
                               end_year=end, amounts=amounts,
                               stated_total=rng.choice([None, Decimal("3.5"), sum(amounts.values(), Decimal(0))])))
    return Portfolio(name="mix", initiatives=inis)


@pytest.mark.parametrize("finer", [False, True])
@pytest.mark.parametrize("seed", range(4))
def test_whole_array_checks_equal_one_by_one(seed: int, finer: bool) -> None:
    portfolio = _mixed(seed, finer)
    cells_of(portfolio)  # the columns the window keeps: validation takes the whole-array path
    found = [f for f in validate(portfolio) if f.initiative_id is not None]
    assert found == _one_by_one(portfolio)
    assert any(f.code == "amount_outside_years" for f in found)
    assert any(f.code == "negative_amount" for f in found)
    assert any(f.code == "period_reversed" for f in found)


def test_an_edit_after_validation_is_seen() -> None:
    portfolio = _mixed(9, False)
    cells_of(portfolio)
    validate(portfolio)
    ini = next(i for i in portfolio.initiatives if i.amounts and i.start_year and i.end_year
               and i.start_year <= i.end_year and all(v >= 0 for v in i.amounts.values())
               and all(i.start_year <= y <= i.end_year for y in i.amounts))
    ini.amounts[min(ini.amounts)] = Decimal("-4")
    ini.amounts[ini.end_year + 1] = Decimal("2")
    codes = {f.code for f in validate(portfolio) if f.initiative_id == ini.id}
    assert {"negative_amount", "amount_outside_years"} <= codes
    assert [f for f in validate(portfolio) if f.initiative_id is not None] == _one_by_one(portfolio)


def test_validation_does_not_build_cell_columns_itself() -> None:
    """A load or the CLI keeps no columns; building them (and importing numpy) would cost more than the
    per-initiative checks it saves."""
    portfolio = _mixed(3, False)
    found = [f for f in validate(portfolio) if f.initiative_id is not None]
    assert kept_cells_of(portfolio) is None
    assert found == _one_by_one(portfolio)


def test_empty_portfolio() -> None:
    assert [f for f in validate(Portfolio(name="")) if f.initiative_id is not None] == []


def _fresh_findings(portfolio: Portfolio) -> list[Finding]:
    return validate(portfolio.model_copy(deep=True))


def test_amounts_only_revalidation_after_a_fit_equals_a_full_pass() -> None:
    from planner.edits import apply, revert
    from planner.model import CostCategory
    from planner.rebalance import fit_to_frame
    from planner.synthetic import make_portfolio
    from planner.validate import revalidate_changed

    portfolio = make_portfolio(400)
    portfolio.revalidate()
    changes = fit_to_frame(portfolio)
    apply(portfolio, changes)
    fitted = revalidate_changed(portfolio, changes.ids, amounts_only=True)
    assert fitted == [*portfolio.read_findings, *_fresh_findings(portfolio)]
    codes: dict[str | None, list[str]] = {}
    for f in fitted:
        codes.setdefault(f.initiative_id, []).append(f.code)
    only_sum = [ini for ini in portfolio.initiatives[3:] if codes.get(ini.id) == ["stated_total_mismatch"]]
    # a phase taken away and a cost made negative, reported as a change of those initiatives
    first, second = portfolio.initiatives[1], portfolio.initiatives[2]
    first.phase = None
    second.costs = {**second.costs, next(iter(CostCategory)): Decimal("-1")}
    revalidate_changed(portfolio, [first.id, second.id])
    revert(portfolio, changes)
    found = revalidate_changed(portfolio, changes.ids, amounts_only=True)
    assert found == [*portfolio.read_findings, *_fresh_findings(portfolio)]
    assert any(f.initiative_id == first.id and f.code in ("missing_phase", "unknown_phase") for f in found)
    assert any(f.initiative_id == second.id and f.code == "negative_amount" for f in found)
    # an assignment nobody reported: the amounts-only pass does not trust what it kept
    third = only_sum[0]
    third.phase = None
    apply(portfolio, changes)
    found = revalidate_changed(portfolio, changes.ids, amounts_only=True)
    assert found == [*portfolio.read_findings, *_fresh_findings(portfolio)]
    assert any(f.initiative_id == third.id and f.code in ("missing_phase", "unknown_phase") for f in found)
