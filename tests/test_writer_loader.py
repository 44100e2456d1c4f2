"""Round trips through the real reader: load, (edit,) save, load again."""

from __future__ import annotations

import csv
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from planner.loader import load_portfolio
from planner.model import Initiative
from planner.synthetic import write_workbook
from planner.writer import save_portfolio
from test_writer_roundtrip import SHEET, build_workbook, diff_cells

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


def test_synthetic_workbook_one_edit(tmp_path: Path) -> None:
    book = write_workbook(300, tmp_path / "syn.xlsx")
    p = load_portfolio(book)
    target = p.initiatives[150]
    year = next(iter(target.amounts))
    p.set_amount(target.id, year, target.amounts[year] + Decimal("0.1"))
    out = tmp_path / "o.xlsx"
    save_portfolio(p, out)
    changed = diff_cells(book, out)
    assert len(changed) == 1
    back = load_portfolio(out)
    assert back.get(target.id).amounts[year] == p.get(target.id).amounts[year]  # type: ignore[union-attr]


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
                            capture_output=True, text=True, timeout=180)
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
