"""Validation after a change to every initiative (fit to frame): the findings made on the short path (a
stated total off the sum, built without pydantic's validation pass) are exactly those of the checks made
one by one, with every finding a valid, equal Finding."""

from __future__ import annotations

from decimal import Decimal

from planner.cells import CellRef
from planner.edits import apply, revert
from planner.findings import Finding, Severity
from planner.model import Portfolio
from planner.rebalance import fit_to_frame
from planner.synthetic import make_portfolio
from planner.validate import _initiative_findings, _phase_column, validate


def _one_by_one(portfolio: Portfolio) -> list[Finding]:
    """The per-initiative findings, every initiative checked with all tests (no whole-list shortcut)."""
    column = _phase_column(portfolio)
    out: list[Finding] = []
    for ini in portfolio.initiatives:
        out.extend(_initiative_findings(ini, column, sum(ini.amounts.values(), Decimal(0))) or [])
    return out


def _revalidated(findings: list[Finding]) -> list[Finding]:
    return [Finding.model_validate(f.model_dump()) for f in findings]


def test_after_a_fit_the_findings_are_those_of_checking_each_initiative() -> None:
    portfolio = make_portfolio(600)
    changes = fit_to_frame(portfolio)
    apply(portfolio, changes)
    found = validate(portfolio)
    per_initiative = [f for f in found if f.initiative_id is not None and f.code != "duplicate_id"]
    assert per_initiative == _one_by_one(portfolio)
    mismatches = [f for f in found if f.code == "stated_total_mismatch"]
    assert len(mismatches) > 300
    assert found == _revalidated(found)  # what Finding(...) would have made
    ini = portfolio.get(mismatches[0].initiative_id)
    total = sum(ini.amounts.values(), Decimal(0))
    assert mismatches[0].params["id"] == ini.id
    assert Decimal(mismatches[0].params["stated"]) == ini.stated_total
    assert Decimal(mismatches[0].params["sum"]) == total
    assert Decimal(mismatches[0].params["diff"]) == ini.stated_total - total
    assert mismatches[0].severity is Severity.WARNING
    revert(portfolio, changes)
    assert validate(portfolio) == _revalidated(validate(portfolio))


def test_a_mismatch_with_other_findings_keeps_them_all_in_order() -> None:
    portfolio = make_portfolio(200)
    apply(portfolio, fit_to_frame(portfolio))
    ini = next(i for i in portfolio.initiatives if i.stated_total is not None and len(i.amounts) >= 2)
    year = max(ini.amounts)
    ini.amounts[year] = Decimal("-3.5")
    ini.phase = None
    ini.phase_text = "Ukendt"
    found = [f for f in validate(portfolio) if f.initiative_id == ini.id]
    codes = [f.code for f in found]
    assert codes[0] == "stated_total_mismatch"
    assert "negative_amount" in codes and "unknown_phase" in codes
    assert found == _initiative_findings(ini, _phase_column(portfolio), sum(ini.amounts.values(), Decimal(0)))


def _fresh(portfolio: Portfolio) -> list[Finding]:
    """The findings of a validation that has nothing earlier to take from (on a copy)."""
    copy = portfolio.clone()
    assert copy._validation is None
    return validate(copy)


def test_findings_taken_again_between_two_states_equal_fresh_ones() -> None:
    from planner.scenarios import capture, restore

    portfolio = make_portfolio(300)
    validate(portfolio)
    base = capture(portfolio, "Basis")
    apply(portfolio, fit_to_frame(portfolio))
    fitted = capture(portfolio, "Tilpasset")
    first = validate(portfolio)
    for _ in range(2):  # back and forth: the findings of both states are taken again
        apply(portfolio, restore(portfolio, base))
        assert validate(portfolio) == _fresh(portfolio)
        apply(portfolio, restore(portfolio, fitted))
        again = validate(portfolio)
        assert again == first
        assert sum(a is b for a, b in zip(again, first, strict=True)) > 100  # the same objects
    # what a finding says besides the sum changes: it is made anew
    ini = next(i for i in portfolio.initiatives if any(f.initiative_id == i.id for f in first))
    ini.stated_total = ini.stated_total + Decimal("1")
    other = next(i for i in portfolio.initiatives if i is not ini and any(f.initiative_id == i.id for f in first))
    other.sources = {"stated_total": CellRef(sheet="Initiativer", row=7, column=9)}
    validate(portfolio)
    found = validate(portfolio)
    assert found == _fresh(portfolio)
    assert next(f for f in found if f.initiative_id == other.id).where == other.sources["stated_total"]
    mine = next(f for f in found if f.initiative_id == ini.id)
    assert Decimal(mine.params["stated"]) == ini.stated_total


def test_fitting_again_after_an_undo_takes_the_findings_again(qtbot) -> None:
    from ui.commands import ChangeSetCommand
    from ui.document import Document

    document = Document()
    document.replace(make_portfolio(300), "")
    portfolio = document.portfolio
    portfolio.revalidate()
    stack = document.undo_stack
    stack.push(ChangeSetCommand(document, fit_to_frame(portfolio), "fit"))
    first = list(portfolio.findings)
    stack.undo()
    assert portfolio.findings == _fresh(portfolio)
    stack.push(ChangeSetCommand(document, fit_to_frame(portfolio), "fit"))  # a new change set, equal figures
    again = list(portfolio.findings)
    assert again == first == _fresh(portfolio)
    mismatches = [a for a in again if a.code == "stated_total_mismatch"]
    assert len(mismatches) > 100 and all(any(a is b for b in first) for a in mismatches)
