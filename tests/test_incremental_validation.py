"""Incremental validation (planner.validate.revalidate_changed) gives exactly what a full validate() gives.

Random edits of a few initiatives at a time (amounts with different numbers of decimals, negatives,
money outside the period, stated totals, periods, phases, costs, ids), each followed by
``revalidate_changed(p, changed ids)`` and compared, finding by finding and in order, with a full pass on
the same figures. Also the fallbacks: initiatives added or removed, frame years changed, a copy.
"""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from planner.cells import CellRef
from planner.edits import apply, edit_cell, revert
from planner.model import CostCategory, Frame, Initiative, Portfolio
from planner.phases import PHASES
from planner.synthetic import make_portfolio
from planner.validate import revalidate_changed, validate

YEARS = (2022, 2023, 2024, 2025, 2026, 2027, 2028)
AMOUNTS = ("0", "0.0", "1", "1.5", "1.50", "2.25", "12.7", "-0.4", "-3", "100.000", "0.05", "7.1234")


def _portfolio(seed: int, n: int = 80) -> Portfolio:
    """A synthetic portfolio with a yearly frame, read findings, cell sources and one duplicate id."""
    p = make_portfolio(n, seed=seed)
    totals = p.totals_by_year()
    p.frame = Frame(total=p.frame.total, by_year={y: t * Decimal("0.98") for y, t in totals.items()},
                    sources={"total": CellRef(sheet="Ramme", row=2, column=2)})
    for row, ini in enumerate(p.initiatives, start=5):
        ini.sources = {"id": CellRef(sheet="Ark", row=row, column=1),
                       "stated_total": CellRef(sheet="Ark", row=row, column=12),
                       "year:2024": CellRef(sheet="Ark", row=row, column=7)}
    p.initiatives[7].id = p.initiatives[3].id
    p.read_findings = validate(make_portfolio(3, seed=seed))[:2]
    p.revalidate()
    return p


def _mutate(rng: random.Random, ini: Initiative) -> None:
    """One random change to one initiative, of the kinds validation looks at."""
    kind = rng.randrange(9)
    if kind <= 3:
        year = rng.choice(YEARS)
        if rng.random() < 0.15:
            ini.amounts.pop(year, None)
        else:
            ini.amounts[year] = Decimal(rng.choice(AMOUNTS))
    elif kind == 4:
        ini.stated_total = None if rng.random() < 0.2 else ini.total + Decimal(rng.choice(("0", "0.04", "0.06", "-1")))
    elif kind == 5:
        ini.start_year, ini.end_year = rng.choice(((2023, 2026), (2025, 2024), (None, 2025), (2024, 2024)))
    elif kind == 6:
        ini.phase = None if rng.random() < 0.5 else rng.choice(PHASES)
        ini.phase_text = rng.choice(("", "  ", "ukendt fase", "Modning"))
    elif kind == 7:
        ini.costs[rng.choice(list(CostCategory))] = Decimal(rng.choice(AMOUNTS))
    else:
        ini.locked = not ini.locked  # no finding depends on it


def _full(p: Portfolio) -> list:
    return [*p.read_findings, *validate(p.model_copy())]


@pytest.mark.parametrize("seed", range(12))
def test_random_edits_give_the_findings_of_a_full_validation(seed: int) -> None:
    rng = random.Random(seed)
    p = _portfolio(seed)
    for _step in range(40):
        chosen = rng.sample(p.initiatives, rng.choice((1, 1, 1, 2, 3)))
        for ini in chosen:
            for _ in range(rng.randint(1, 3)):
                _mutate(rng, ini)
        got = revalidate_changed(p, [ini.id for ini in chosen])
        assert got is p.findings
        expected = _full(p)
        assert [f.model_dump() for f in got] == [f.model_dump() for f in expected]


def test_the_findings_follow_the_edit_in_both_directions() -> None:
    p = _portfolio(99)
    ini = p.initiatives[20]
    before = list(p.findings)
    changes = edit_cell(p, ini.id, 2024, "-5,25")
    apply(p, changes)
    after = revalidate_changed(p, changes.ids)
    assert any(f.code == "negative_amount" and f.initiative_id == ini.id for f in after)
    assert after == _full(p)
    revert(p, changes)
    assert revalidate_changed(p, changes.ids) == before


def test_a_stated_total_that_now_disagrees_is_found_and_its_figures_are_the_full_passes() -> None:
    p = Portfolio(name="t", years=[2023, 2024], frame=Frame(by_year={2023: "10", 2024: "10"}),
                  initiatives=[Initiative(id="A", name="a", phase="modning", stated_total="3",
                                          amounts={2023: "1.5", 2024: "1.5"}),
                               Initiative(id="B", name="b", phase="screening", amounts={2023: "2.10", 2024: "2"})])
    p.revalidate()
    assert not [f for f in p.findings if f.code == "stated_total_mismatch"]
    p.initiatives[0].amounts[2023] = Decimal("11.25")
    found = revalidate_changed(p, ["A"])
    assert [f.code for f in found] == ["stated_total_mismatch", "over_frame_year"]
    assert found[1].params["allocated"] == "13.35"  # the trailing digits a full pass keeps
    assert found == _full(p)


def test_structural_changes_fall_back_to_the_full_pass() -> None:
    p = _portfolio(5)
    p.initiatives.append(Initiative(id="NEW", name="ny", amounts={2024: "-1"}))
    assert revalidate_changed(p, ["NEW"]) == _full(p)
    del p.initiatives[10]
    assert revalidate_changed(p, []) == _full(p)
    p.frame = Frame(by_year={2024: "1"})
    assert revalidate_changed(p, []) == _full(p)
    p.initiatives[4].id = "RENAMED"
    p.initiatives[4].amounts[2023] = Decimal("-2")
    assert revalidate_changed(p, ["RENAMED"]) == _full(p)
    copy = p.clone()
    copy.initiatives[0].amounts[2025] = Decimal("-9")
    assert revalidate_changed(copy, [copy.initiatives[0].id]) == _full(copy)
    assert revalidate_changed(p, [p.initiatives[0].id]) == _full(p)


def test_an_unknown_id_is_checked_by_the_full_pass() -> None:
    p = _portfolio(6)
    p.initiatives[2].amounts[2024] = Decimal("-1")
    assert revalidate_changed(p, ["no such id"]) == _full(p)
