"""A portfolio with no workbook of its own is written in the canonical layout, which the reader reads back."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from planner.canonical import HEADER_ROW, SHEET
from planner.loader import load_portfolio
from planner.model import Frame, Initiative, Portfolio
from planner.writer import save_portfolio


def _portfolio() -> Portfolio:
    return Portfolio(
        name="Nyt program", price_level="2023-PL", years=[2023, 2024, 2025],
        frame=Frame(total=Decimal(10), by_year={2023: Decimal(4), 2024: Decimal(6)}),
        initiatives=[
            Initiative(id="A1", name="=HYPERLINK(\"x\")", area="Voksenområdet", phase="Modning", theme="Hjemløshed",
                       recipients="Kommuner", start_year=2023, end_year=2024, next_phase="Afprøvning",
                       next_round="UIP 2027", stated_total="0,3", amounts={2023: Decimal("0.1"), 2024: Decimal("0.2")},
                       costs={"evaluering": Decimal("0.05")}, notes="Første"),
            Initiative(id="B1", name="Børn\r\nog _x0041_ unge\x01", area="Børne- og ungeområdet", phase="Udbredelse",
                       amounts={2025: Decimal("1234.567891")}),
        ])


def _comparable(p: Portfolio) -> list[dict[str, object]]:
    return [i.model_dump(exclude={"sources", "phase_text"}) for i in p.initiatives]


def test_canonical_write_reads_back_equal(tmp_path: Path) -> None:
    p = _portfolio()
    out = tmp_path / "ny.xlsx"
    save_portfolio(p, out)
    back = load_portfolio(out)
    assert _comparable(back) == _comparable(_portfolio())
    assert (back.name, back.price_level, back.years) == ("Nyt program", "2023-PL", [2023, 2024, 2025])
    assert back.frame.total == Decimal(10) and back.frame.by_year == {2023: 4, 2024: 6}
    assert back.initiatives[0].amounts[2023] + back.initiatives[0].amounts[2024] == Decimal("0.3")
    ws = load_workbook(out)[SHEET]
    assert [c.value for c in ws[HEADER_ROW]][:13] == ["ID", "Initiativ", "Område", "Fase", "Tema",
                                                      "Tilskudsmodtagere", "Start", "Slut", "Næste fase", "Runde",
                                                      2023, 2024, 2025]
    assert ws.cell(HEADER_ROW + 1, 2).data_type == "s"


def test_canonical_file_is_then_patched_in_place(tmp_path: Path) -> None:
    p = _portfolio()
    out = tmp_path / "ny.xlsx"
    save_portfolio(p, out)
    assert p.source is not None and p.source.path == str(out)
    assert p.initiatives[1].sources["year:2025"].row == HEADER_ROW + 2
    same = tmp_path / "same.xlsx"
    save_portfolio(p, same)
    assert same.read_bytes() == out.read_bytes()
    p.set_amount("B1", 2025, "2,5")
    p.initiatives.append(Initiative(id="C1", name="Tredje", phase="Screening", amounts={2023: 1}))
    edited = tmp_path / "edited.xlsx"
    save_portfolio(p, edited)
    back = load_portfolio(edited)
    assert [i.id for i in back.initiatives] == ["A1", "B1", "C1"]
    assert back.get("B1").amounts == {2025: Decimal("2.5")}  # type: ignore[union-attr]
    assert back.frame.total == Decimal(10)


def test_empty_portfolio_writes_a_readable_frame(tmp_path: Path) -> None:
    p = Portfolio(name="Tom", years=[2024], frame=Frame(total=Decimal(5)))
    out = tmp_path / "tom.xlsx"
    save_portfolio(p, out, extra_sheets={"Log": [["a", 1]]})
    wb = load_workbook(out)
    assert wb.sheetnames == [SHEET, "Log"] and wb["Log"]["B1"].value == 1
