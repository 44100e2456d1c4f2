"""Reading the layouts colleagues really make: title rows, merged titles, blank rows, sections, totals,
several sheets, header variants — and every value remembering its cell."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from builders import B1, HEADER, V1, V2, write_sheet

from planner.cells import CellRef
from planner.errors import WorkbookError
from planner.loader import load_portfolio
from planner.phases import Phase


def codes(p, severity=None):
    return [f.code for f in p.findings if severity is None or f.severity == severity]


def test_title_rows_merged_title_and_metadata_block(tmp_path: Path) -> None:
    rows = [["UIP 2023 – forslag"], [], ["Program:", "Udviklings- og Investeringsprogrammer 2023"],
            ["Prisniveau: 2023-PL"], ["Enhed", None, "mio. kr."], ["Ramme:", "132,1"], [], HEADER, V1, V2]
    p = load_portfolio(write_sheet(tmp_path / "t.xlsx", rows, merge=["A1:I1"]))
    assert p.name == "Udviklings- og Investeringsprogrammer 2023"
    assert p.price_level == "2023-PL"
    assert p.unit == "mio. kr."
    assert p.frame.total == Decimal("132.1")
    assert p.frame.sources["total"] == CellRef(sheet="Initiativer", row=6, column=2)
    assert p.source.header_row == 8 and p.source.first_row == 9 and p.source.last_row == 10
    assert [i.id for i in p.initiatives] == ["V1", "V2"]


def test_title_without_program_label_names_the_portfolio(tmp_path: Path) -> None:
    p = load_portfolio(write_sheet(tmp_path / "t.xlsx", [["Mit program 2024"], HEADER, V1], merge=["A1:F1"]))
    assert p.name == "Mit program 2024"


def test_blank_rows_sections_and_totals_row(tmp_path: Path) -> None:
    rows = [HEADER, [], ["Initiativer på voksenområdet"], V1, V2, [], [None, "Initiativer på børne- og ungeområdet"],
            B1, [], ["", "Forslag i alt", None, None, 45.5, 27.6, 7.5, 6.6, 3.7]]
    p = load_portfolio(write_sheet(tmp_path / "t.xlsx", rows))
    assert [(i.id, i.area) for i in p.initiatives] == [
        ("V1", "Voksenområdet"), ("V2", "Voksenområdet"), ("B1", "Børne- og ungeområdet")]
    assert p.source.totals_row == 10
    assert p.source.last_row == 8
    assert "totals_row_mismatch" not in codes(p)


def test_section_rows_do_not_override_an_area_column(tmp_path: Path) -> None:
    rows = [["Nr.", "Initiativ", "Område", 2023], ["Initiativer på voksenområdet"], ["X1", "A", "Handicap", 1.0]]
    p = load_portfolio(write_sheet(tmp_path / "t.xlsx", rows))
    assert p.initiatives[0].area == "Handicap"


def test_totals_row_that_disagrees_is_a_finding(tmp_path: Path) -> None:
    rows = [HEADER, V1, V2, ["", "I alt", None, None, 40.4, 25.0, 5.9, 5.5, 3.7]]
    p = load_portfolio(write_sheet(tmp_path / "t.xlsx", rows))
    [f] = [f for f in p.findings if f.code == "totals_row_mismatch"]
    assert f.where == CellRef(sheet="Initiativer", row=4, column=6)
    assert f.params["stated"] == "25" and f.params["sum"] == "25.2" and f.params["year"] == "2023"
    assert len(p.initiatives) == 2


@pytest.mark.parametrize("label", ["Total", "Sum", "I alt", "Forslag i alt", "TOTAL:"])
def test_totals_labels_are_not_initiatives(tmp_path: Path, label: str) -> None:
    rows = [HEADER, V1, [label, None, None, None, 19.8, 12.7, 2.8, 2.7, 1.6]]
    p = load_portfolio(write_sheet(tmp_path / "t.xlsx", rows))
    assert [i.id for i in p.initiatives] == ["V1"]
    assert p.source.totals_row == 3


def test_frame_row_gives_yearly_frame_with_sources(tmp_path: Path) -> None:
    rows = [HEADER, V1, ["", "Bevillingsramme", None, None, "40", 20, "10,5", 5, 4.5]]
    p = load_portfolio(write_sheet(tmp_path / "t.xlsx", rows))
    assert p.frame.total == Decimal(40)
    assert p.frame.by_year == {2023: 20, 2024: Decimal("10.5"), 2025: 5, 2026: Decimal("4.5")}
    assert p.frame.sources["year:2024"] == CellRef(sheet="Initiativer", row=3, column=7)
    assert p.frame.sources["total"] == CellRef(sheet="Initiativer", row=3, column=5)
    assert len(p.initiatives) == 1


def test_sources_point_to_the_cells(tmp_path: Path) -> None:
    rows = [["Titel"], [], [None, *HEADER], [None, *V1], [None, *V2]]
    p = load_portfolio(write_sheet(tmp_path / "t.xlsx", rows))
    v2 = p.get("V2")
    assert v2 is not None
    s = "Initiativer"
    assert v2.sources["id"] == CellRef(sheet=s, row=5, column=2)
    assert v2.sources["name"] == CellRef(sheet=s, row=5, column=3)
    assert v2.sources["phase"] == CellRef(sheet=s, row=5, column=4)
    assert v2.sources["stated_total"] == CellRef(sheet=s, row=5, column=6)
    assert v2.sources["year:2023"] == CellRef(sheet=s, row=5, column=7)
    assert v2.sources["year:2026"].a1 == "J5"
    assert p.source.columns["year:2025"] == 9 and p.source.columns["name"] == 3


def test_several_sheets_the_best_header_wins(tmp_path: Path) -> None:
    notes = [["Noter til arbejdsarket"], ["Initiativ", "Kommentar"], ["V1", "ok"]]
    chart = [["Nr.", "Initiativ", 2023], ["X", "Y", 1]]
    rows = [HEADER, V1, V2]
    p = load_portfolio(write_sheet(tmp_path / "t.xlsx", rows, title="Budget",
                                   sheets_before={"Noter": notes, "Kort": chart}))
    assert p.source.sheet == "Budget"
    assert [i.id for i in p.initiatives] == ["V1", "V2"]


def test_metadata_sheet_fills_programme_facts(tmp_path: Path) -> None:
    meta = [["Programme", "UIP 2025"], ["Price level", 2025], ["Frame", "1.250,5"]]
    p = load_portfolio(write_sheet(tmp_path / "t.xlsx", [HEADER, V1], sheets_before={"Program": meta}))
    assert p.name == "UIP 2025" and p.price_level == "2025-PL" and p.frame.total == Decimal("1250.5")
    assert p.frame.sources["total"] == CellRef(sheet="Program", row=3, column=2)


@pytest.mark.parametrize("headers", [
    ["ID", "Initiative", "Phase", "Theme", "Total", "2023", "2024", "2025", "2026"],
    ["nr", "NAVN", "susi-fase", "Tema", "i alt", "2023 (mio. kr.)", "2024 (mio. kr.)", "2025 (mio. kr.)",
     "2026 (mio. kr.)"],
    ["Id ", "  Titel", "Udviklingstrin", "Målgruppe", "Samlet", 2023.0, "2024", "År 2025", "2026 mio. kr."],
    ["Nr", "INITIATIV", "Fase", "Hovedtema", "I alt (mio. kr.)", "2023", 2024, 2025, "2026"],
])
def test_header_variants(tmp_path: Path, headers: list[object]) -> None:
    p = load_portfolio(write_sheet(tmp_path / "t.xlsx", [headers, V1]))
    [v1] = p.initiatives
    assert v1.id == "V1" and v1.phase is Phase.MODNING and v1.theme == "Udviklingshæmning"
    assert v1.amounts == {2023: Decimal("12.7"), 2024: Decimal("2.8"), 2025: Decimal("2.7"), 2026: Decimal("1.6")}
    assert v1.stated_total == Decimal("19.8")
    assert p.years == [2023, 2024, 2025, 2026]


def test_accents_and_danish_letters_in_headers(tmp_path: Path) -> None:
    rows = [["NR.", "Initiativ", "OMRÅDE", "Tilskudsmodtagere", "Næste Fase", "Kan indstilles til",
             "Bemærkninger", "Startår", "Slutår", 2023, "Projektledelse", "Ansøgningspulje", "Direkte tilskud"],
            ["V1", "A", "voksenområdet ", "Kommuner", "Afprøvning", "UIP 2027", "nb", "Q3 2023", "2023-Q4", 1.0,
             0.5, 0.25, 0.25]]
    [ini] = load_portfolio(write_sheet(tmp_path / "t.xlsx", rows)).initiatives
    assert ini.area == "Voksenområdet" and ini.recipients == "Kommuner" and ini.notes == "nb"
    assert ini.next_phase is Phase.AFPROEVNING and ini.next_round == "UIP 2027"
    assert (ini.start_year, ini.start_quarter, ini.end_year, ini.end_quarter) == (2023, 3, 2023, 4)
    assert {c.value: a for c, a in ini.costs.items()} == {
        "projektledelse": Decimal("0.5"), "ansoegningspulje": Decimal("0.25"), "direkte_tilskud": Decimal("0.25")}


@pytest.mark.parametrize(("start", "end", "expected"), [
    (2023, 2026, (2023, None, 2026, None)),
    ("2023", "primo 2024", (2023, None, 2024, 1)),
    ("Q3 2023", "ultimo 2017", (2023, 3, 2017, 4)),
    ("2023-Q3", "4. kvartal 2025", (2023, 3, 2025, 4)),
])
def test_start_and_end_forms(tmp_path: Path, start: object, end: object, expected: tuple) -> None:
    rows = [["Nr.", "Initiativ", "Start", "Slut", 2023], ["V1", "A", start, end, 1]]
    [ini] = load_portfolio(write_sheet(tmp_path / "t.xlsx", rows)).initiatives
    assert (ini.start_year, ini.start_quarter, ini.end_year, ini.end_quarter) == expected


def test_unreadable_period_is_a_warning(tmp_path: Path) -> None:
    rows = [["Nr.", "Initiativ", "Start", 2023], ["V1", "A", "snart", 1]]
    p = load_portfolio(write_sheet(tmp_path / "t.xlsx", rows))
    [f] = [f for f in p.findings if f.code == "bad_period"]
    assert f.where == CellRef(sheet="Initiativer", row=2, column=3) and p.initiatives[0].start_year is None


def test_next_step_text_gives_phase_and_round(tmp_path: Path) -> None:
    rows = [["Nr.", "Initiativ", "Næste skridt", 2023], ["V1", "A", "Afprøvning, UIP 2027", 1]]
    [ini] = load_portfolio(write_sheet(tmp_path / "t.xlsx", rows)).initiatives
    assert ini.next_phase is Phase.AFPROEVNING and ini.next_round == "UIP 2027"


def test_missing_id_column_generates_ids(tmp_path: Path) -> None:
    rows = [["Initiativ", 2023, 2024], ["Alfa", 1, 2], ["Beta", 3, 4]]
    p = load_portfolio(write_sheet(tmp_path / "t.xlsx", rows))
    assert [i.id for i in p.initiatives] == ["R2", "R3"]
    missing = [f for f in p.findings if f.code == "missing_id"]
    assert [f.params["name"] for f in missing] == ["Alfa", "Beta"]
    assert p.usable()


def test_blank_id_cell_gets_an_id_that_does_not_clash(tmp_path: Path) -> None:
    rows = [["Nr.", "Initiativ", 2023], ["R3", "Alfa", 1], [None, "Beta", 2]]
    p = load_portfolio(write_sheet(tmp_path / "t.xlsx", rows))
    assert [i.id for i in p.initiatives] == ["R3", "R3-2"]
    [f] = [f for f in p.findings if f.code == "missing_id"]
    assert f.where == CellRef(sheet="Initiativer", row=3, column=1)


def test_no_name_column_is_an_error_with_the_row(tmp_path: Path) -> None:
    path = write_sheet(tmp_path / "t.xlsx", [["Titel"], ["Nr.", "Beløb", 2023, 2024], ["V1", 1, 2, 3]])
    with pytest.raises(WorkbookError) as err:
        load_portfolio(path)
    assert err.value.code == "missing_column" and err.value.where == CellRef(sheet="Initiativer", row=2)
    assert "Initiativ" in err.value.line("en")


def test_no_year_column_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(WorkbookError) as err:
        load_portfolio(write_sheet(tmp_path / "t.xlsx", [["Nr.", "Initiativ", "Fase"], ["V1", "A", "Modning"]]))
    assert err.value.code == "missing_column" and err.value.params["column"] == "2023"


def test_no_header_at_all(tmp_path: Path) -> None:
    with pytest.raises(WorkbookError) as err:
        load_portfolio(write_sheet(tmp_path / "t.xlsx", [["hej", "med"], ["dig", 1]]))
    assert err.value.code == "no_header" and err.value.where == CellRef(sheet="Initiativer")


def test_header_only_is_usable_but_says_no_initiatives(tmp_path: Path) -> None:
    p = load_portfolio(write_sheet(tmp_path / "t.xlsx", [HEADER]))
    assert p.initiatives == [] and "no_initiatives" in codes(p)


def test_two_row_header_years_below_labels(tmp_path: Path) -> None:
    rows = [["Nr.", "Initiativ", "Mio. kr. i 2023-PL", None], [None, None, 2023, 2024], ["V1", "A", 1.5, 2]]
    p = load_portfolio(write_sheet(tmp_path / "t.xlsx", rows))
    assert p.source.header_row == 2 and p.initiatives[0].amounts == {2023: Decimal("1.5"), 2024: 2}
    assert p.price_level == "2023-PL"


def test_huge_text_cell_is_read_whole(tmp_path: Path) -> None:
    long = "Lang tekst " * 2800  # ~30,000 characters
    rows = [["Nr.", "Initiativ", "Bemærkning", 2023], ["V1", long.strip(), long, 1]]
    p = load_portfolio(write_sheet(tmp_path / "t.xlsx", rows))
    [ini] = p.initiatives
    assert len(ini.name) > 30_000 - 20 and ini.notes == long.strip()
    assert codes(p).count("long_text") == 2 and p.usable()


def test_progress_and_cancel(tmp_path: Path) -> None:
    path = write_sheet(tmp_path / "t.xlsx", [HEADER, V1, V2])
    seen: list[tuple[int, int]] = []
    load_portfolio(path, progress=lambda d, t: seen.append((d, t)))
    assert seen and seen[-1][0] == seen[-1][1]
    with pytest.raises(WorkbookError) as err:
        load_portfolio(path, cancelled=lambda: True)
    assert err.value.code == "cancelled"


def test_breakdown_lines_under_an_initiative_are_not_initiatives(tmp_path: Path) -> None:
    rows = [HEADER, V1, [None, "Heraf ansøgningspulje", None, None, 11.8], [None, "herunder evaluering", None,
                                                                           None, 2.6], V2]
    p = load_portfolio(write_sheet(tmp_path / "t.xlsx", rows))
    assert [i.id for i in p.initiatives] == ["V1", "V2"]


def test_headers_broken_over_lines_still_match(tmp_path: Path) -> None:
    rows = [["Nr.", "Initiativ", "Ansøgnings-\npulje", "Start\når", "I alt\n(mio. kr.)", "2023\n(mio. kr.)"],
            ["V1", "A", 1, 2023, 1, 1]]
    p = load_portfolio(write_sheet(tmp_path / "t.xlsx", rows))
    assert set(p.source.columns) == {"id", "name", "cost:ansoegningspulje", "start", "stated_total", "year:2023"}


def test_summary_row_at_the_top_is_checked_against_all_rows_below(tmp_path: Path) -> None:
    rows = [HEADER, [None, "I alt", None, None, 40.4, 25.2, 5.9, 5.5, 3.7], V1, V2]
    p = load_portfolio(write_sheet(tmp_path / "t.xlsx", rows))
    assert [i.id for i in p.initiatives] == ["V1", "V2"]
    assert "totals_row_mismatch" not in codes(p)


def test_repeated_header_row_is_not_an_initiative(tmp_path: Path) -> None:
    rows = [HEADER, ["Initiativer på voksenområdet"], V1, [], HEADER, ["Initiativer på børne- og ungeområdet"], B1]
    p = load_portfolio(write_sheet(tmp_path / "t.xlsx", rows))
    assert [(i.id, i.area) for i in p.initiatives] == [("V1", "Voksenområdet"), ("B1", "Børne- og ungeområdet")]
