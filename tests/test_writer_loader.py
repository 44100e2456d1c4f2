"""Round trips through the real reader: load, (edit,) save, load again."""

from __future__ import annotations

import csv
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from test_writer_roundtrip import SHEET, build_workbook, diff_cells

from planner.cells import column_letter
from planner.loader import load_portfolio
from planner.model import Initiative
from planner.synthetic import write_workbook
from planner.writer import save_portfolio

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def test_load_save_without_edit_is_identical(tmp_path: Path) -> None:
    book = build_workbook(tmp_path / "b.xlsx")
    out = tmp_path / "o.xlsx"
    save_portfolio(load_portfolio(book), out)
    assert out.read_bytes() == book.read_bytes()


def test_edit_and_new_row_read_back(tmp_path: Path) -> None:
    book = build_workbook(tmp_path / "b.xlsx")
    p = load_portfolio(book)
    p.set_amount("V2", 2023, "3,2")
    p.initiatives.append(Initiative(id="V4", name="Delta", phase="Modning", amounts={2023: Decimal("0.1")}))
    out = tmp_path / "o.xlsx"
    save_portfolio(p, out)
    back = load_portfolio(out)
    assert [i.id for i in back.initiatives] == ["V1", "V2", "V3", "V4"]
    assert back.get("V2").amounts[2023] == Decimal("3.2")  # type: ignore[union-attr]
    assert back.get("V4").amounts == {2023: Decimal("0.1")}  # type: ignore[union-attr]
    assert back.source is not None and back.source.totals_row == p.source.totals_row  # type: ignore[union-attr]


def test_totals_stay_true_after_edit_in_the_sample(tmp_path: Path, samples: Path) -> None:
    book = tmp_path / "uip2023.xlsx"
    book.write_bytes((samples / "uip2023.xlsx").read_bytes())
    before = load_portfolio(book)
    p = load_portfolio(book)
    first = p.initiatives[0]
    year = min(first.amounts)
    p.set_amount(first.id, year, first.amounts[year] + 1)
    p.initiatives.append(Initiative(id="X1", name="Ny", phase="Modning", amounts={year: Decimal("0.5")}))
    save_portfolio(p, book)
    back = load_portfolio(book)
    codes = [f.code for f in back.findings]
    assert "totals_row_mismatch" not in codes
    assert codes.count("stated_total_mismatch") == [f.code for f in before.findings].count(
        "stated_total_mismatch") + 1  # the edited initiative now differs from the total its text states
    assert back.totals_by_year()[year] == before.totals_by_year()[year] + Decimal("1.5")
    assert (tmp_path / "uip2023.bak.xlsx").read_bytes() == (samples / "uip2023.xlsx").read_bytes()


def test_synthetic_workbook_one_edit(tmp_path: Path) -> None:
    book = write_workbook(300, tmp_path / "syn.xlsx")
    p = load_portfolio(book)
    target = p.initiatives[150]
    year = next(iter(target.amounts))
    p.set_amount(target.id, year, target.amounts[year] + Decimal("0.1"))
    out = tmp_path / "o.xlsx"
    save_portfolio(p, out)
    changed = diff_cells(book, out)
    edited = p.get(target.id).sources[f"year:{year}"]  # type: ignore[union-attr]
    totals = p.source.totals_row  # type: ignore[union-attr]
    total_col = p.source.columns["stated_total"]  # type: ignore[union-attr]
    assert set(changed) == {(edited.sheet, edited.a1), (edited.sheet, f"{edited.a1.rstrip('0123456789')}{totals}"),
                            (edited.sheet, f"{column_letter(total_col)}{totals}")}
    back = load_portfolio(out)
    assert back.get(target.id).amounts[year] == p.get(target.id).amounts[year]  # type: ignore[union-attr]
    # The totals row agreed before the edit and still agrees after it.
    assert "totals_row_mismatch" not in {f.code for f in back.findings}
    assert back.totals_by_year()[year] == p.totals_by_year()[year]


@pytest.mark.libreoffice
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_saved_file_with_the_same_values(tmp_path: Path) -> None:
    book = build_workbook(tmp_path / "b.xlsx")
    p = load_portfolio(book)
    p.set_amount("V2", 2023, "3,2")
    p.initiatives[0].name = "=1+1"
    p.initiatives.append(Initiative(id="V4", name="Delta", phase="Modning", amounts={2023: Decimal("0.1")}))
    out = tmp_path / "saved.xlsx"
    save_portfolio(p, out)
    conv = tmp_path / "csv"
    conv.mkdir()
    result = subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                             "--convert-to", "csv", "--outdir", str(conv), str(out)],
                            capture_output=True, text=True, timeout=180, check=False)
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader((conv / "saved.csv").open(encoding="utf-8", errors="replace")))
    by_id = {r[0]: r for r in rows if r and r[0]}
    assert by_id["V1"][1] == "=1+1"
    assert float(by_id["V2"][3]) == 3.2
    assert by_id["V4"][:4] == ["V4", "Delta", "Modning", "0.1"]
    totals = next(r for r in rows if len(r) > 1 and r[1] == "I alt")
    assert round(float(totals[3]), 6) == round(1.5 + 3.2 + 0.5 + 0.1, 6)  # recalculated on open
    assert rows.index(totals) == rows.index(by_id["V4"]) + 1
    _ = SHEET


@pytest.mark.libreoffice
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_workbook_resaved_by_libreoffice_round_trips(tmp_path: Path) -> None:
    """LibreOffice writes shared strings, its own styles and attribute order: the writer copes."""
    book = build_workbook(tmp_path / "b.xlsx")
    lo_dir = tmp_path / "lo"
    result = subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                             "--convert-to", "xlsx", "--outdir", str(lo_dir), str(book)],
                            capture_output=True, text=True, timeout=180, check=False)
    assert result.returncode == 0, result.stderr
    resaved = lo_dir / "b.xlsx"
    p = load_portfolio(resaved)
    same = tmp_path / "same.xlsx"
    save_portfolio(p, same)
    assert same.read_bytes() == resaved.read_bytes()
    p.initiatives[1].name = "Beta – omdøbt"
    p.set_amount("V3", 2024, "1,25")
    out = tmp_path / "out.xlsx"
    save_portfolio(p, out)
    assert set(diff_cells(resaved, out)) == {(SHEET, "B6"), (SHEET, "E7")}
    back = load_portfolio(out)
    assert back.get("V2").name == "Beta – omdøbt"  # type: ignore[union-attr]
    assert back.get("V3").amounts[2024] == Decimal("1.25")  # type: ignore[union-attr]
    assert [i.id for i in back.initiatives] == ["V1", "V2", "V3"]


def test_removed_initiative_row_goes_and_everything_moves_up(tmp_path: Path) -> None:
    book = build_workbook(tmp_path / "b.xlsx")
    p = load_portfolio(book)
    p.initiatives = [i for i in p.initiatives if i.id != "V2"]
    out = tmp_path / "o.xlsx"
    save_portfolio(p, out)
    wb = load_workbook(out)
    ws = wb[SHEET]
    assert [ws.cell(r, 1).value for r in (5, 6)] == ["V1", "V3"]
    assert ws["B7"].value == "I alt" and ws["D7"].value == "=SUM(D5:D6)"
    assert ws["A9"].value == "Kilde: aftaletekst"
    assert wb.defined_names["Beloeb"].attr_text == f"'{SHEET}'!$D$5:$E$6"
    assert [str(d.sqref) for d in ws.data_validations.dataValidation] == ["C5:C6"]
    assert wb["Noter"]["B1"].value == f"='{SHEET}'!D7"
    assert ws["B5"].comment is not None and "A1:G1" in {str(r) for r in ws.merged_cells.ranges}
    back = load_portfolio(out)
    assert [i.id for i in back.initiatives] == ["V1", "V3"]
    assert p.source is not None and (p.source.last_row, p.source.totals_row) == (6, 7)
    assert p.get("V3").sources["name"].row == 6  # type: ignore[union-attr]


def test_removing_from_the_sample_keeps_sections_subtotals_and_totals(tmp_path: Path, samples: Path) -> None:
    book = tmp_path / "uip2023.xlsx"
    book.write_bytes((samples / "uip2023.xlsx").read_bytes())
    before = load_portfolio(book)
    p = load_portfolio(book)
    p.initiatives = [i for i in p.initiatives if i.id not in ("V3", "B6")]
    p.initiatives.append(Initiative(id="N1", name="Ny", phase="Modning", amounts={2024: Decimal("0.4")}))
    save_portfolio(p, book)
    back = load_portfolio(book)
    assert [i.id for i in back.initiatives] == [i.id for i in p.initiatives]
    assert back.totals_by_year() == p.totals_by_year()
    skipped = [f.params for f in before.findings if f.code == "rows_skipped"]
    assert [f.params for f in back.findings if f.code == "rows_skipped"] == skipped
    assert "totals_row_mismatch" not in {f.code for f in back.findings}
    assert back.frame.total == before.frame.total
