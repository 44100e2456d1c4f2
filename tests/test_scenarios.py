"""Baseline and scenarios: capture, restore and compare exactly; the "Scenarier" sheet survives rows
and files.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from planner.edits import apply, revert
from planner.errors import WorkbookError
from planner.model import Frame, Initiative, Portfolio
from planner.rebalance import describe, fit_to_frame
from planner.scenarios import (
    HEADERS,
    SHEET,
    Difference,
    Scenario,
    baseline,
    capture,
    compare,
    read_scenarios,
    restore,
    scenarios_from_rows,
    scenarios_to_rows,
)

D = Decimal
WHEN = datetime(2024, 5, 1, 14, 30, 15)


def make() -> Portfolio:
    return Portfolio(years=[2023, 2024, 2025], frame=Frame(total=D("20"), by_year={2024: D("7.5")}),
                     initiatives=[
                         Initiative(id="V1", name="Et", amounts={2023: D("12.70"), 2024: D("3")}),
                         Initiative(id="B6", name="To", amounts={2024: D("1.25"), 2025: D("0")}),
                     ])


def figures(p: Portfolio) -> list[tuple[str, list[tuple[int, str]]]]:
    return [(i.id, sorted((y, str(a)) for y, a in i.amounts.items())) for i in p.initiatives]


def test_capture_is_a_copy() -> None:
    p = make()
    sc = capture(p, "Forslag", created=WHEN, note="første bud")
    p.get("V1").amounts[2023] = D("1")
    assert sc.amounts["V1"] == {2023: D("12.70"), 2024: D("3")}
    assert sc.frame == Frame(total=D("20"), by_year={2024: D("7.5")})
    assert (sc.name, sc.created, sc.note) == ("Forslag", WHEN, "første bud")
    assert baseline(p).name == "Basis"


def test_restore_gives_back_the_exact_figures_including_blanks() -> None:
    p = make()
    base = baseline(p)
    original = figures(p)
    p.get("V1").amounts[2025] = D("4")
    del p.get("B6").amounts[2024]
    p.get("V1").amounts[2023] = D("9.9")
    cs = restore(p, base)
    assert describe(cs, "da") == "Gendan Basis"
    assert sorted((c.initiative_id, c.year) for c in cs) == [("B6", 2024), ("V1", 2023), ("V1", 2025)]
    apply(p, cs)
    assert figures(p) == original
    revert(p, cs)
    assert p.get("V1").amounts[2025] == D("4")


def test_restore_one_initiative_and_respect_locks() -> None:
    p = make()
    base = baseline(p)
    p.get("V1").amounts[2023] = D("1")
    p.get("B6").amounts[2024] = D("2")
    assert [c.initiative_id for c in restore(p, base, ids=["B6"])] == ["B6"]
    p.get("B6").locked = True
    p.get("V1").locked_years = {2023}
    assert not restore(p, base, respect_locks=True)
    assert len(restore(p, base)) == 2


def test_restore_leaves_initiatives_the_scenario_does_not_know() -> None:
    p = make()
    sc = capture(p, "Før")
    p.initiatives.append(Initiative(id="V9", name="Ny", amounts={2023: D("5")}))
    assert not restore(p, sc)


def test_compare_lists_differences_with_missing_as_zero() -> None:
    p = make()
    a = capture(p, "A")
    apply(p, fit_to_frame(p, frame="10"))
    rows = compare(a, p)
    assert rows[0] == Difference("V1", 2023, D("12.70"), p.get("V1").amounts[2023])
    assert sum((r.delta for r in rows), D(0)) == D("10") - D("16.95")
    b = Scenario(name="B", created=WHEN, amounts={"V1": {2023: D("12.7"), 2024: D("3")}, "X": {2025: D("1")}})
    assert compare(a, b) == [Difference("B6", 2024, D("1.25"), D("0")), Difference("X", 2025, D("0"), D("1"))]


def test_rows_layout_is_one_row_per_scenario_initiative_and_year() -> None:
    sc = capture(make(), "Forslag", created=WHEN, note="n")
    rows = scenarios_to_rows([sc])
    assert rows[0] == list(HEADERS)
    assert rows[1] == ["Forslag", "2024-05-01 14:30:15", "Scenarie", None, None, None, "n"]
    assert rows[2] == ["Forslag", "2024-05-01 14:30:15", "Ramme", None, None, D("20"), None]
    assert rows[3] == ["Forslag", "2024-05-01 14:30:15", "Ramme", None, 2024, D("7.5"), None]
    assert rows[4] == ["Forslag", "2024-05-01 14:30:15", "Beløb", "V1", 2023, D("12.70"), None]
    assert len(rows) == 1 + 1 + 2 + 4


def test_rows_round_trip_exactly() -> None:
    p = make()
    scenarios = [capture(p, "Basis", created=WHEN), capture(p, "Tom", created=WHEN, with_frame=False)]
    scenarios.append(Scenario(name="Udskyd V7", created=WHEN, amounts={}, note="ingen tal"))
    apply(p, fit_to_frame(p, frame="9.9"))
    scenarios.append(capture(p, "Forslag", created=WHEN))
    back = scenarios_from_rows(scenarios_to_rows(scenarios))
    assert back == scenarios
    assert str(back[0].amounts["V1"][2023]) == "12.70"


def test_duplicate_names_are_refused() -> None:
    with pytest.raises(ValueError):
        scenarios_to_rows([capture(make(), "A"), capture(make(), "A")])


def test_rows_written_by_a_person_in_english_and_with_text_numbers() -> None:
    rows = [
        ["Scenarios kept by hand"],
        [],
        ["Scenario", "Created", "Type", "ID", "Year", "Amount", "Note"],
        ["Plan", "2024-01-02T03:04:05", "Amount", 7.0, 2024.0, "2,5", None],
        ["Plan", None, "frame", None, None, 12.5, None],
        [None, None, None, None, None, None, None],
        ["Plan", None, "Beløb", "V2", "2025", 3, None],
    ]
    [sc] = scenarios_from_rows(rows)
    assert sc.created == datetime(2024, 1, 2, 3, 4, 5)
    assert sc.amounts == {"7": {2024: D("2.5")}, "V2": {2025: D("3")}}
    assert sc.frame is not None and sc.frame.total == D("12.5")


@pytest.mark.parametrize("row, column", [
    (["Plan", "2024-01-02", "Beløb", "V1", "2024", "mange", None], "F"),
    (["Plan", "2024-01-02", "Beløb", "V1", "24", "1", None], "E"),
    (["Plan", "2024-01-02", "Noget", "V1", "2024", "1", None], "C"),
    (["Plan", "i går", "Beløb", "V1", "2024", "1", None], "B"),
    (["Plan", "2024-01-02", "Beløb", None, "2024", "1", None], "D"),
])
def test_bad_cells_point_at_the_cell(row: list, column: str) -> None:
    with pytest.raises(WorkbookError) as info:
        scenarios_from_rows([list(HEADERS), row], path="plan.xlsx")
    assert info.value.where is not None and info.value.where.a1 == f"{column}2"
    assert info.value.where.sheet == SHEET
    assert info.value.line("en").startswith(f"plan.xlsx: '{SHEET}'!{column}2: ")


def test_sheet_without_header_is_refused() -> None:
    with pytest.raises(WorkbookError) as info:
        scenarios_from_rows([["Navn", "Tal"], ["x", 1]])
    assert "Scenarie" in info.value.message("en")


def _source_workbook(path: Path) -> Path:
    from planner.synthetic import write_workbook

    return write_workbook(12, path)


def test_file_round_trip_through_the_writer(tmp_path: Path) -> None:
    from planner.loader import load_portfolio
    from planner.writer import save_portfolio

    src = _source_workbook(tmp_path / "uip.xlsx")
    p = load_portfolio(src)
    base = baseline(p)
    apply(p, fit_to_frame(p, frame="123,4"))
    proposal = capture(p, "Forslag", note="tilpasset 123,4")
    out = tmp_path / "ud.xlsx"
    save_portfolio(p, out, extra_sheets={SHEET: scenarios_to_rows([base, proposal])})
    assert read_scenarios(out) == [base, proposal]
    again = load_portfolio(out)
    assert again.total() == D("123.4")
    apply(again, restore(again, read_scenarios(out)[0]))
    assert compare(again, base) == []
    assert SHEET in load_workbook(out, read_only=True).sheetnames


def test_read_scenarios_when_the_workbook_has_none(tmp_path: Path) -> None:
    path = tmp_path / "plain.xlsx"
    wb = Workbook()
    wb.active.append(["ID", "Initiativ"])
    wb.save(path)
    assert read_scenarios(path) == []


def test_read_scenarios_of_a_missing_or_broken_file(tmp_path: Path) -> None:
    with pytest.raises(WorkbookError) as info:
        read_scenarios(tmp_path / "nowhere.xlsx")
    assert info.value.code == "not_found"
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(WorkbookError) as info:
        read_scenarios(broken)
    assert info.value.code == "unreadable"


amounts_strategy = st.dictionaries(
    st.from_regex(r"[VB][0-9]{1,3}", fullmatch=True),
    st.dictionaries(st.integers(2020, 2035),
                    st.decimals(min_value=0, max_value=10**7, places=3, allow_nan=False,
                                allow_infinity=False),
                    max_size=5),
    max_size=6)


@given(st.lists(amounts_strategy, max_size=3), st.booleans())
@settings(max_examples=60, deadline=None)
def test_any_scenarios_survive_the_rows_round_trip(all_amounts: list, with_frame: bool) -> None:
    frame = Frame(total=D("132.1"), by_year={2024: D("30.05")}) if with_frame else None
    scenarios = [Scenario(name=f"S{k}", created=WHEN, amounts=a, frame=frame)
                 for k, a in enumerate(all_amounts)]
    assert scenarios_from_rows(scenarios_to_rows(scenarios)) == scenarios


def test_awkward_amounts_survive_the_file(tmp_path: Path) -> None:
    from planner.writer import save_portfolio

    awkward = [D("0.1"), D("0.3"), D("12.70"), D("3.14159"), D("123456789.1"), D("0.0000001"), D("0"),
               D("99999.9")]
    sc = Scenario(name="Skæve tal", created=WHEN, amounts={"V1": dict(zip(range(2020, 2028), awkward))},
                  note="æøå ÆØÅ – “citat”")
    out = tmp_path / "ud.xlsx"
    save_portfolio(make(), out, extra_sheets={SHEET: scenarios_to_rows([sc])})
    [back] = read_scenarios(out)
    assert back == sc
    assert [str(a) for a in back.amounts["V1"].values()][:4] == ["0.1", "0.3", "12.7", "3.14159"]
