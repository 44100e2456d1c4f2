"""Compare and merge: diff_portfolios finds added, removed and changed initiatives; apply_changes merges."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from planner.diff import FIELDS, Change, apply_changes, diff_portfolios
from planner.model import AREA_CHILDREN, Initiative, Portfolio
from planner.phases import Phase
from planner.synthetic import make_portfolio


def _pair() -> tuple[Portfolio, Portfolio]:
    a = make_portfolio(8, seed=3)
    return a, a.clone()


def _snapshot(p: Portfolio) -> list[dict]:
    return [ini.model_dump() for ini in p.initiatives]


def test_identical_portfolios_have_no_differences() -> None:
    a, b = _pair()
    result = diff_portfolios(a, b)
    assert not result
    assert result.to_json() == {"added": [], "removed": [], "changed": []}


def test_added_removed_and_changed_amount_in_json_contract() -> None:
    a, b = _pair()
    v1 = b.get("V1")
    assert v1 is not None
    year = min(v1.amounts)
    old = v1.amounts[year]
    b.set_amount("V1", year, old + Decimal("2.5"))
    b.initiatives = [i for i in b.initiatives if i.id != "B2"]
    b.initiatives = [*b.initiatives, Initiative(id="B99", name="Nyt initiativ", amounts={2024: "1,5"})]
    data = diff_portfolios(a, b).to_json()
    assert data["added"] == ["B99"]
    assert data["removed"] == ["B2"]
    assert data["changed"] == [{"id": "V1", "field": "amount", "year": year, "old": float(old),
                                "new": float(old + Decimal("2.5"))}]
    json.dumps(data)  # plain JSON types only


def test_blank_and_zero_are_the_same_and_new_year_is_a_change() -> None:
    a, b = _pair()
    v2 = b.get("V2")
    assert v2 is not None
    missing = next(y for y in b.years if y not in v2.amounts)
    v2.amounts[missing] = Decimal("0")
    assert not diff_portfolios(a, b)
    v2.amounts[missing] = Decimal("0.1")
    [change] = diff_portfolios(a, b).changed
    assert (change.field, change.year) == ("amount", missing)
    assert (change.old, change.new) == (Decimal(0), Decimal("0.1"))


def test_field_changes_are_strings_and_year_null() -> None:
    a, b = _pair()
    ini = b.initiatives[0]
    ini.phase = Phase.UDBREDELSE if ini.phase != Phase.UDBREDELSE else Phase.SCREENING
    ini.end_year = 2030
    ini.name = "Omdøbt"
    ini.area = "Andet område"
    ini.stated_total = Decimal("99.9")
    changed = {c["field"]: c for c in diff_portfolios(a, b).to_json()["changed"]}
    assert set(changed) == {"phase", "end", "name", "area", "stated_total"}
    assert changed["phase"]["new"] == ini.phase.value
    assert changed["end"]["new"] == "2030" and changed["end"]["year"] is None
    assert changed["end"]["old"] == str(a.initiatives[0].end_year)
    assert changed["name"] == {"id": ini.id, "field": "name", "year": None, "old": a.initiatives[0].name,
                               "new": "Omdøbt"}
    assert changed["stated_total"]["new"] == 99.9
    assert list(FIELDS).index("name") < list(FIELDS).index("phase")


def test_apply_all_makes_a_equal_to_b_and_inverse_undoes_exactly() -> None:
    a, b = _pair()
    b.set_amount("V3", 2025, "7,7")
    b.get("V3").amounts.pop(min(b.get("V3").amounts))  # a year becomes blank
    b.initiatives[1].phase = None
    b.initiatives[1].phase_text = "Ukendt trin"
    b.initiatives = [i for i in b.initiatives if i.id != "V1"]
    b.initiatives = [*b.initiatives, Initiative(id="B50", name="Ny", amounts={2026: 3})]
    before = _snapshot(a)
    result = diff_portfolios(a, b)
    inverse = apply_changes(a, result.changes)
    assert not diff_portfolios(a, b)
    assert [i.id for i in a.initiatives][-1] == "B50"
    apply_changes(a, inverse)
    assert _snapshot(a) == before
    assert [i.id for i in a.initiatives][0] == "V1"  # back in its place


def test_merged_in_initiative_has_no_cells_of_the_other_workbook() -> None:
    from planner.cells import CellRef

    a, b = _pair()
    extra = Initiative(id="B60", name="Fra B", amounts={2025: 2},
                       sources={"name": CellRef(sheet="Initiativer", row=9, column=2)})
    b.initiatives = [*b.initiatives, extra]
    result = diff_portfolios(a, b)
    apply_changes(a, result.changes)
    assert a.get("B60").sources == {}
    assert b.get("B60").sources  # the other portfolio is left as it was


def test_take_one_change_only() -> None:
    a, b = _pair()
    b.set_amount("V1", 2027, 4)
    b.set_amount("B1", 2027, 5)
    b.initiatives[0].notes = "ny note"
    result = diff_portfolios(a, b)
    take = next(c for c in result.changed if c.id == "B1")
    apply_changes(a, [take])
    remaining = diff_portfolios(a, b)
    assert all(c.id != "B1" for c in remaining.changes)
    assert {(c.id, c.field) for c in remaining.changes} == {("V1", "amount"), ("V1", "notes")}
    assert a.get("B1").amount(2027) == Decimal(5)


def test_take_none_leaves_portfolio_unchanged() -> None:
    a, b = _pair()
    b.set_amount("V1", 2027, 4)
    before = _snapshot(a)
    assert apply_changes(a, []) == []
    assert _snapshot(a) == before


def test_both_sides_changed_same_cell_merge_takes_theirs_and_undo_restores_ours() -> None:
    base = make_portfolio(5, seed=9)
    ours, theirs = base.clone(), base.clone()
    ours.set_amount("V1", 2025, "1,1")
    theirs.set_amount("V1", 2025, "2,2")
    ours.set_amount("B1", 2024, "3")
    changes = diff_portfolios(ours, theirs).changed
    assert {(c.id, c.year) for c in changes} >= {("V1", 2025), ("B1", 2024)}
    inverse = apply_changes(ours, [c for c in changes if c.id == "V1"])
    assert ours.get("V1").amount(2025) == Decimal("2.2")
    assert ours.get("B1").amount(2024) == Decimal(3)
    apply_changes(ours, inverse)
    assert ours.get("V1").amount(2025) == Decimal("1.1")


def test_added_twice_is_skipped_and_change_for_missing_initiative_is_skipped() -> None:
    a, _ = _pair()
    new = Initiative(id="V1", name="dublet")
    assert apply_changes(a, [Change("added", "V1", initiative=new)]) == []
    assert a.get("V1").name != "dublet"
    assert apply_changes(a, [Change("changed", "X9", "name", None, "a", "b")]) == []


def test_duplicate_ids_compare_first_occurrence() -> None:
    a, b = _pair()
    dup = a.initiatives[0].model_copy(deep=True)
    a.initiatives = [*a.initiatives, dup]
    b.initiatives = [*b.initiatives, dup.model_copy(deep=True, update={"name": "x"})]
    assert not diff_portfolios(a, b)


def test_merge_from_another_workbook_then_save_and_read_back(tmp_path: Path) -> None:
    from planner.loader import load_portfolio
    from planner.synthetic import write_portfolio_workbook
    from planner.writer import save_portfolio

    base = make_portfolio(10, seed=11)
    theirs = base.clone()
    theirs.set_amount("V2", 2026, "4,4")
    theirs.initiatives = [i for i in theirs.initiatives if i.id != "B1"]
    new = Initiative(id="B70", name="Nyt fra kollega", area=AREA_CHILDREN, phase="modning", amounts={2025: "1,2"})
    theirs.initiatives = [*theirs.initiatives, new]
    path_a = write_portfolio_workbook(base, tmp_path / "a.xlsx")
    path_b = write_portfolio_workbook(theirs, tmp_path / "b.xlsx")
    ours = load_portfolio(path_a)
    result = diff_portfolios(ours, load_portfolio(path_b))
    assert (result.added, result.removed) == (["B70"], ["B1"])
    apply_changes(ours, [c for c in result.changes if c.kind != "removed"])  # keep B1, take the rest
    save_portfolio(ours, tmp_path / "merged.xlsx")
    merged = load_portfolio(tmp_path / "merged.xlsx")
    assert [i.id for i in merged.initiatives] == [i.id for i in base.initiatives] + ["B70"]
    assert merged.get("V2").amount(2026) == Decimal("4.4")
    assert merged.get("B70").amounts == {2025: Decimal("1.2")}
    assert merged.get("B1").amounts == base.get("B1").amounts
    assert diff_portfolios(merged, ours).changes == []
