"""The summary sheet "Oversigt": figures per year/phase/area/frame, a native chart, replaced per save,
and LibreOffice reads it with the same values."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from planner.amounts import ZERO
from planner.loader import load_portfolio
from planner.model import Portfolio, area_label
from planner.summary_sheet import DIFFERENCE, MARK, NUMBER_FORMAT, SHEET, summary_edit
from planner.synthetic import make_portfolio
from planner.writer import save_portfolio
from planner.xlsx_package import XlsxPackage

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "uip2023.xlsx"


def _framed(n: int = 20, seed: int = 4) -> Portfolio:
    p = make_portfolio(n, seed=seed)
    for year, total in p.totals_by_year().items():
        p.frame.by_year[year] = (total * Decimal("1.05")).quantize(Decimal("0.1"))
    p.frame.total = sum(p.frame.by_year.values(), ZERO)
    return p


def _rows(path: Path, sheet: str = SHEET) -> list[tuple]:
    wb = load_workbook(path)
    return [tuple(r) for r in wb[sheet].iter_rows(values_only=True)]


def _find(rows: list[tuple], label: object, start: int = 0) -> int:
    return next(i for i, r in enumerate(rows) if i >= start and r and r[0] == label)


def _d(value: object) -> Decimal:
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)  # type: ignore[arg-type]


def test_figures_per_year_phase_area_frame_and_difference(tmp_path: Path) -> None:
    p = _framed()
    out = tmp_path / "plan.xlsx"
    save_portfolio(p, out, package_edits=[summary_edit(p)])
    rows = _rows(out)
    assert rows[0][0] == MARK
    header_at = _find(rows, "År")
    header = rows[header_at]
    totals = p.totals_by_year()
    for offset, year in enumerate(p.all_years(), start=1):
        line = dict(zip(header, rows[header_at + offset], strict=False))
        assert line["År"] == year
        assert _d(line["I alt"]) == totals[year]
        assert _d(line["Ramme"]) == p.frame.by_year[year]
        assert _d(line[DIFFERENCE]) == p.frame.by_year[year] - totals[year]
        for phase_label in header[1:header.index("I alt")]:
            expected = sum((i.amount(year) for i in p.initiatives
                            if (i.phase.label_da if i.phase else "Ukendt fase") == phase_label), ZERO)
            assert _d(line[phase_label]) == expected, (year, phase_label)
    phase_at = _find(rows, "Fase")
    by_phase = {r[0]: _d(r[1]) for r in rows[phase_at + 1:_find(rows, "I alt", phase_at)]}
    assert by_phase == {(ph.label_da if ph else "Ukendt fase"): t for ph, t in
                        ((next((i.phase for i in p.initiatives if (i.phase.value if i.phase else "ukendt") == k),
                                None), t) for k, t in p.by_phase().items()) if t != 0}
    area_at = _find(rows, "Område")
    by_area = {r[0]: _d(r[1]) for r in rows[area_at + 1:_find(rows, "I alt", area_at)]}
    assert by_area == {area_label(a): t for a, t in p.by_area().items()}
    frame_at = _find(rows, "Ramme", area_at)
    assert _d(rows[frame_at][1]) == p.frame.total
    assert _d(rows[frame_at + 1][1]) == p.total()
    assert rows[frame_at + 2][0] == DIFFERENCE
    assert _d(rows[frame_at + 2][1]) == p.frame.total - p.total()
    ws = load_workbook(out)[SHEET]
    assert ws.cell(header_at + 2, 2).number_format == NUMBER_FORMAT
    assert ws.cell(frame_at + 1, 2).number_format == NUMBER_FORMAT
    assert ws.cell(header_at + 1, 1).font.b


def _chart_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        charts = [n for n in zf.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n)]
        assert len(charts) == 1
        return zf.read(charts[0]).decode("utf-8")


def test_chart_parts_rels_and_content_types(tmp_path: Path) -> None:
    p = _framed()
    out = tmp_path / "plan.xlsx"
    save_portfolio(p, out, package_edits=[summary_edit(p)])
    pkg = XlsxPackage.open(out)
    sheet_part = pkg.sheet_parts()[SHEET]
    drawing = next(r.part for r in pkg.relationships(sheet_part) if r.type.endswith("/drawing"))
    chart_part = next(r.part for r in pkg.relationships(drawing) if r.type.endswith("/chart"))
    assert re.fullmatch(r"xl/charts/chart\d+\.xml", chart_part) and chart_part in pkg
    assert re.fullmatch(r"xl/drawings/drawing\d+\.xml", drawing) and drawing in pkg
    ct = pkg.read_text("[Content_Types].xml")
    assert f'PartName="/{drawing}" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"' in ct
    assert f'PartName="/{chart_part}" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"' in ct
    assert "<drawing r:id=" in pkg.read_text(sheet_part)
    chart = pkg.read_text(chart_part)
    assert '<grouping val="stacked"' in chart and "<lineChart>" in chart
    years = p.all_years()
    last = 4 + len(years)
    assert f"<f>'Oversigt'!$B$5:$B${last}</f>" in chart
    assert f"<f>'Oversigt'!$A$5:$A${last}</f>" in chart
    # cached values: the chart shows before any recalculation
    frame_series = chart[chart.index("<lineChart>"):]
    cached = [Decimal(v) for v in re.findall(r"<v>([-0-9.E]+)</v>", frame_series.split("<cat>")[0] +
                                              frame_series.split("<val>")[1])]
    assert cached == [p.frame.by_year[y] for y in years]
    assert "<strCache>" in chart and "<v>Ramme</v>" in chart
    ws = load_workbook(out)[SHEET]
    assert len(ws._charts) == 1  # openpyxl reads it back as a chart


def test_other_parts_stay_byte_for_byte_and_second_save_replaces(tmp_path: Path) -> None:
    path = tmp_path / "uip.xlsx"
    shutil.copyfile(SAMPLE, path)
    with zipfile.ZipFile(path) as zf:
        before = {n: zf.read(n) for n in zf.namelist()}
    p = load_portfolio(path)
    save_portfolio(p, path, package_edits=[summary_edit(p)])
    with zipfile.ZipFile(path) as zf:
        after = {n: zf.read(n) for n in zf.namelist()}
    bookkeeping = {"[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml"}
    for name, data in before.items():
        if name not in bookkeeping:
            assert after[name] == data, name
    first_names = set(after)

    ini = p.initiatives[0]
    year = min(ini.amounts)
    p.set_amount(ini.id, year, ini.amount(year) + Decimal(10))
    save_portfolio(p, path, package_edits=[summary_edit(p)])
    with zipfile.ZipFile(path) as zf:
        assert set(zf.namelist()) == first_names, "replaced in place: no new parts"
        styles = zf.read("xl/styles.xml").decode()
    assert styles.count('formatCode="0.0"') == 1, "the style is added once, then reused"
    wb = load_workbook(path)
    assert wb.sheetnames.count(SHEET) == 1
    rows = [tuple(r) for r in wb[SHEET].iter_rows(values_only=True)]
    header_at = _find(rows, "År")
    line = rows[header_at + p.all_years().index(year) + 1]
    assert _d(line[rows[header_at].index("I alt")]) == p.totals_by_year()[year]


def test_a_colleagues_own_oversigt_sheet_is_left_alone(tmp_path: Path) -> None:
    p = _framed(8)
    out = tmp_path / "plan.xlsx"
    save_portfolio(p, out)
    wb = load_workbook(out)
    wb.create_sheet(SHEET)["A1"] = "Min egen oversigt"
    wb.save(out)
    p = load_portfolio(out)
    save_portfolio(p, out, package_edits=[summary_edit(p)])
    wb = load_workbook(out)
    assert wb[SHEET]["A1"].value == "Min egen oversigt"
    assert wb[f"{SHEET} (planner)"]["A1"].value == MARK


def test_empty_portfolio_gets_a_summary_without_a_chart(tmp_path: Path) -> None:
    p = Portfolio(name="Tom")
    out = tmp_path / "tom.xlsx"
    save_portfolio(p, out, package_edits=[summary_edit(p)])
    assert load_workbook(out)[SHEET]["A1"].value == MARK
    with zipfile.ZipFile(out) as zf:
        assert not any(n.startswith("xl/charts/") for n in zf.namelist())


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.libreoffice
@pytest.mark.skipif(_soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_reads_the_summary_with_the_same_values_and_the_chart(tmp_path: Path) -> None:
    path = tmp_path / "uip.xlsx"
    shutil.copyfile(SAMPLE, path)
    p = load_portfolio(path)
    for year, total in p.totals_by_year().items():
        p.frame.by_year[year] = total + Decimal("1.5")
    save_portfolio(p, path, package_edits=[summary_edit(p)])
    expected = _rows(path)
    outdir = tmp_path / "lo"
    profile = f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}"
    # all sheets, one csv each (…-Oversigt.csv), UTF-8
    done = subprocess.run([_soffice() or "soffice", profile, "--headless", "--convert-to",
                           "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                           "--outdir", str(outdir), str(path)], check=False, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    assert "Error" not in done.stderr
    with open(outdir / f"uip-{SHEET}.csv", encoding="utf-8", newline="") as fh:
        got = list(csv.reader(fh))
    assert len(got) == len(expected)
    for want, line in zip(expected, got, strict=True):
        for w, g in zip(want, line, strict=False):
            if w is None:
                assert g == ""
            elif isinstance(w, (int, float)):
                assert Decimal(g) == _d(w)
            else:
                assert g == w
    done = subprocess.run([_soffice() or "soffice", profile, "--headless", "--convert-to", "xlsx", "--outdir",
                           str(tmp_path / "resaved"), str(path)], check=False, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    chart = _chart_xml(tmp_path / "resaved" / "uip.xlsx")
    assert "<c:barChart>" in chart and "<c:lineChart>" in chart
    assert "Oversigt!$B$5" in chart
