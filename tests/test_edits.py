"""Change sets: apply and revert are exact (values, decimals as written, blanks), and all or nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planner.amounts import AmountError
from planner.edits import CellChange, ChangeSet, EditConflict, apply, edit_cell, revert
from planner.model import Initiative, Portfolio

D = Decimal


def _portfolio() -> Portfolio:
    return Portfolio(years=[2023, 2024, 2025], initiatives=[
        Initiative(id="V1", name="Et", amounts={2023: D("12.70"), 2024: D("3")}),
        Initiative(id="V2", name="To", amounts={2024: D("1.25")}),
    ])


def _snapshot(p: Portfolio) -> list[tuple[str, list[tuple[int, str]]]]:
    """Ids with (year, exact text) pairs, so 12.70 and 12.7 or a blank and 0 count as different."""
    return [(i.id, sorted((y, str(a)) for y, a in i.amounts.items())) for i in p.initiatives]


def test_apply_then_revert_restores_exact_values_and_blanks() -> None:
    p = _portfolio()
    before = _snapshot(p)
    cs = ChangeSet.of([
        CellChange("V1", 2023, D("12.70"), D("10.0")),
        CellChange("V1", 2025, None, D("2.7")),
        CellChange("V2", 2024, D("1.25"), None),
    ], op="edit")
    apply(p, cs)
    assert _snapshot(p) == [("V1", [(2023, "10.0"), (2024, "3"), (2025, "2.7")]), ("V2", [])]
    revert(p, cs)
    assert _snapshot(p) == before
    assert str(p.get("V1").amounts[2023]) == "12.70"
    assert 2025 not in p.get("V1").amounts


def test_inverse_applied_equals_revert() -> None:
    p = _portfolio()
    cs = ChangeSet.of([CellChange("V1", 2024, D("3"), D("4.5")), CellChange("V2", 2023, None, D("1"))])
    apply(p, cs)
    apply(p, cs.inverse())
    assert _snapshot(p) == _snapshot(_portfolio())


def test_conflict_changes_nothing() -> None:
    p = _portfolio()
    cs = ChangeSet.of([CellChange("V1", 2023, D("12.7"), D("1")), CellChange("V2", 2024, D("9"), D("1"))])
    with pytest.raises(EditConflict) as info:
        apply(p, cs)
    assert (info.value.initiative_id, info.value.year, info.value.found) == ("V2", 2024, D("1.25"))
    assert _snapshot(p) == _snapshot(_portfolio())


def test_applying_twice_is_a_conflict() -> None:
    p = _portfolio()
    cs = ChangeSet.of([CellChange("V1", 2024, D("3"), D("4"))])
    apply(p, cs)
    with pytest.raises(EditConflict):
        apply(p, cs)
    assert p.get("V1").amounts[2024] == D("4")


def test_blank_and_zero_are_different_cells() -> None:
    p = _portfolio()
    with pytest.raises(EditConflict):
        apply(p, ChangeSet.of([CellChange("V2", 2023, D("0"), D("1"))]))


def test_unknown_initiative_is_a_conflict() -> None:
    with pytest.raises(EditConflict):
        apply(_portfolio(), ChangeSet.of([CellChange("X9", 2023, None, D("1"))]))


def test_change_set_reports_what_it_touches() -> None:
    cs = ChangeSet.of([CellChange("V2", 2024, D("1.25"), D("2")), CellChange("V1", 2023, None, D("1")),
                       CellChange("V2", 2025, D("3"), None)], op="edit", params={"id": "V2"})
    assert len(cs) == 3 and bool(cs)
    assert cs.initiative_ids() == ["V2", "V1"]
    assert cs.delta() == D("-1.25")  # +0.75 + 1 - 3
    first = next(iter(cs))
    assert first == ("V2", 2024, D("1.25"), D("2"))
    assert first.new == D("2")
    assert not ChangeSet()


def test_columns_must_match() -> None:
    with pytest.raises(ValueError):
        ChangeSet(("V1",), (2023,), (None,), ())


@pytest.mark.parametrize("typed, expected", [("2,5", D("2.5")), ("2.5", D("2.5")), ("2 500", D("2500")),
                                             (D("7"), D("7"))])
def test_edit_cell_reads_typed_amounts(typed: object, expected: Decimal) -> None:
    p = _portfolio()
    cs = edit_cell(p, "V1", 2024, typed)
    assert list(cs) == [CellChange("V1", 2024, D("3"), expected)]
    assert p.get("V1").amounts[2024] == D("3"), "computing a change set changes nothing"
    apply(p, cs)
    assert p.get("V1").amounts[2024] == expected


def test_edit_cell_clear_same_and_bad_input() -> None:
    p = _portfolio()
    assert list(edit_cell(p, "V1", 2024, "")) == [CellChange("V1", 2024, D("3"), None)]
    assert not edit_cell(p, "V1", 2024, "3,0")
    assert not edit_cell(p, "V1", 2025, None)
    with pytest.raises(AmountError):
        edit_cell(p, "V1", 2024, "tre")
    with pytest.raises(KeyError):
        edit_cell(p, "X1", 2024, "1")
