"""Reading cell values as colleagues store them: text numbers, formulas with and without cached values,
error values, hidden columns, LibreOffice-saved files, and files that are no workbook."""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from builders import HEADER, V1, V2, libreoffice_resave, set_cached_values, soffice, write_sheet

from planner.cells import CellRef
from planner.errors import WorkbookError
from planner.loader import load_portfolio


def findings(p, code):
    return [f for f in p.findings if f.code == code]


@pytest.mark.parametrize(("text", "value"), [
    ("12,7", "12.7"), ("1.250,5", "1250.5"), ("2 500", "2500"), ("3,1 mio. kr.", "3.1"), (" 0,4 ", "0.4"),
    ("1250.5", "1250.5"), ("-", None), ("", None),
])
def test_numbers_stored_as_text(tmp_path: Path, text: str, value: str | None) -> None:
    rows = [["Nr.", "Initiativ", 2023, 2024], ["V1", "A", text, 1]]
    p = load_portfolio(write_sheet(tmp_path / "t.xlsx", rows))
    [ini] = p.initiatives
    assert ini.amounts.get(2023) == (Decimal(value) if value else None)
    assert ini.amounts[2024] == 1
    assert not findings(p, "not_a_number")


def test_text_that_is_no_number_is_an_error_at_the_cell(tmp_path: Path) -> None:
    rows = [["Nr.", "Initiativ", "I alt", 2023, 2024, "Evaluering"], ["V1", "A", "ca. 5", "tolv", 1.5, "x"]]
    p = load_portfolio(write_sheet(tmp_path / "t.xlsx", rows))
    bad = findings(p, "not_a_number")
    assert {f.where.a1 for f in bad} == {"C2", "D2", "F2"}
    assert all(f.severity == "error" and f.initiative_id == "V1" for f in bad)
    [ini] = p.initiatives
    assert ini.amounts == {2024: Decimal("1.5")} and ini.stated_total is None and ini.costs == {}
    assert not p.usable()
    assert "tolv" in next(f for f in bad if f.where.a1 == "D2").message("en")


def test_formula_without_cached_value_is_an_error(tmp_path: Path) -> None:
    # openpyxl writes formulas with no calculated value, as do many scripts.
    rows = [["Nr.", "Initiativ", "I alt", 2023, 2024], ["V1", "A", "=D2+E2", "=1+1", 3]]
    p = load_portfolio(write_sheet(tmp_path / "t.xlsx", rows))
    bad = findings(p, "formula_no_cache")
    assert {f.where.a1 for f in bad} == {"C2", "D2"}
    assert all(f.severity == "error" for f in bad)
    assert next(f for f in bad if f.where.a1 == "D2").params["formula"] == "=1+1"
    assert p.initiatives[0].amounts == {2024: 3}
    assert not p.usable()


def test_formula_with_cached_value_is_read_with_info(tmp_path: Path) -> None:
    rows = [["Nr.", "Initiativ", "I alt", 2023, 2024], ["V1", "A", "=SUM(D2:E2)", 1.5, "=D2*2"]]
    path = write_sheet(tmp_path / "t.xlsx", rows)
    set_cached_values(path, "Initiativer", {"C2": "4.5", "E2": "3"})
    p = load_portfolio(path)
    [ini] = p.initiatives
    assert ini.stated_total == Decimal("4.5") and ini.amounts == {2023: Decimal("1.5"), 2024: 3}
    [info] = findings(p, "formula_values_used")
    assert info.params["count"] == "2" and info.severity == "info"
    assert not findings(p, "formula_no_cache") and p.usable()


def test_formula_text_in_a_text_cell_without_cache_is_a_warning(tmp_path: Path) -> None:
    rows = [["Nr.", "Initiativ", "Tema", 2023], ["V1", "A", '=UPPER("x")', 1]]
    p = load_portfolio(write_sheet(tmp_path / "t.xlsx", rows))
    [f] = findings(p, "formula_no_cache")
    assert f.severity == "warning" and f.where.a1 == "C2"


def test_hidden_columns_are_read_and_reported(tmp_path: Path) -> None:
    rows = [HEADER, V1]
    p = load_portfolio(write_sheet(tmp_path / "t.xlsx", rows, hidden_columns=["C", "G"]))
    [ini] = p.initiatives
    assert ini.phase is not None and ini.amounts[2024] == Decimal("2.8")
    [f] = findings(p, "hidden_columns")
    assert f.severity == "info" and "C (Udviklingstrin)" in f.params["columns"] and "G (2024)" in f.params["columns"]


def test_amount_keeps_its_precision_and_is_decimal(tmp_path: Path) -> None:
    rows = [["Nr.", "Initiativ", 2023, 2024, 2025], ["V1", "A", 0.1, 0.2, 29.75]]
    [ini] = load_portfolio(write_sheet(tmp_path / "t.xlsx", rows)).initiatives
    assert ini.total == Decimal("30.05")
    assert all(type(a) is Decimal for a in ini.amounts.values())


def test_sources_are_real_cellrefs(tmp_path: Path) -> None:
    [ini] = load_portfolio(write_sheet(tmp_path / "t.xlsx", [HEADER, V1])).initiatives
    ref = ini.sources["year:2023"]
    assert isinstance(ref, CellRef) and ref == CellRef(sheet="Initiativer", row=2, column=6)
    assert hash(ref) == hash(CellRef(sheet="Initiativer", row=2, column=6))
    assert ref.model_dump() == {"sheet": "Initiativer", "row": 2, "column": 6}
    assert ini.model_copy(deep=True).sources == ini.sources
    from planner.model import Initiative

    assert list(ini.model_dump()) == list(Initiative.model_fields)  # made without validation, dumps alike
    assert Initiative.model_validate(ini.model_dump()) == ini
    ini.amounts = {2023: Decimal(1)}  # validate_assignment still works on reader-made initiatives
    assert ini.amounts == {2023: Decimal(1)}


def test_library_errors_become_workbook_errors(tmp_path: Path) -> None:
    good = write_sheet(tmp_path / "good.xlsx", [HEADER, V1])
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(WorkbookError) as err:
        load_portfolio(broken)
    assert err.value.code in ("damaged_zip", "unsafe", "not_a_workbook")
    assert err.value.path == str(broken)


def test_zip_that_is_no_workbook(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(WorkbookError):
        load_portfolio(path)


@pytest.mark.parametrize(("name", "content", "code"), [
    ("missing.xlsx", None, "not_found"),
    ("empty.xlsx", b"", "empty_file"),
    ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "old_xls"),
    ("notes.pdf", b"%PDF-1.4 just text", "not_a_workbook"),
])
def test_files_that_are_not_workbooks(tmp_path: Path, name: str, content: bytes | None, code: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(WorkbookError) as err:
        load_portfolio(path)
    assert err.value.code in (code, "unsafe", "not_a_workbook")


def test_source_info_describes_the_file(tmp_path: Path) -> None:
    import hashlib

    path = write_sheet(tmp_path / "t.xlsm", [HEADER, V1, V2])
    p = load_portfolio(path)
    s = p.source
    assert s.format == "xlsm" and s.path == str(path) and s.sheet == "Initiativer"
    assert s.size == path.stat().st_size and s.mtime_ns == path.stat().st_mtime_ns
    assert s.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.libreoffice
@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_workbook_resaved_by_libreoffice(tmp_path: Path) -> None:
    rows = [["UIP 2023"], [], ["Prisniveau:", "2023-PL"], [], HEADER, ["Initiativer på voksenområdet"], V1, V2,
            [None, "I alt", None, None, "=SUM(E7:E8)", "=SUM(F7:F8)", "=SUM(G7:G8)", "=SUM(H7:H8)",
             "=SUM(I7:I8)"]]
    src = write_sheet(tmp_path / "colleague.xlsx", rows, merge=["A1:I1"], hidden_columns=["D"])
    out = libreoffice_resave(src, tmp_path / "lo")
    p = load_portfolio(out)
    assert [i.id for i in p.initiatives] == ["V1", "V2"]
    assert p.initiatives[0].area == "Voksenområdet" and p.price_level == "2023-PL"
    assert p.totals_by_year()[2023] == Decimal("25.2")
    assert p.source.totals_row == 9
    # LibreOffice calculated the formulas, so their values are cached now and agree with the rows.
    assert findings(p, "formula_values_used") and not findings(p, "formula_no_cache")
    assert not findings(p, "totals_row_mismatch")
    assert findings(p, "hidden_columns")
    assert [f.params["id"] for f in findings(p, "stated_total_mismatch")] == ["V2"]


def test_cached_error_value_is_not_a_number(tmp_path: Path) -> None:
    from builders import ErrorValue

    rows = [["Nr.", "Initiativ", 2023, 2024], ["V1", "A", "=1/0", 2]]
    path = write_sheet(tmp_path / "t.xlsx", rows)
    set_cached_values(path, "Initiativer", {"C2": ErrorValue("#DIV/0!")})
    p = load_portfolio(path)
    [f] = findings(p, "not_a_number")
    assert f.where.a1 == "C2" and f.params["value"] == "#DIV/0!" and f.severity == "error"
    assert p.initiatives[0].amounts == {2024: 2}


def test_progress_runs_from_0_to_100(tmp_path: Path) -> None:
    path = write_sheet(tmp_path / "t.xlsx", [HEADER, V1, V2], extra_sheets={"Noter": [["x"]]})
    seen: list[tuple[int, int]] = []
    load_portfolio(path, progress=lambda d, t: seen.append((d, t)))
    assert {t for _d, t in seen} == {100}
    assert [d for d, _t in seen] == sorted(d for d, _t in seen) and seen[-1] == (100, 100)


def test_csv_goes_to_the_csv_reader(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("Nr.;Initiativ;2023;2024\nV1;A;12,7;1.250,5\n", encoding="utf-8")
    p = load_portfolio(path)
    assert p.source.format == "csv" and p.source.sha256
    assert p.initiatives[0].amounts == {2023: Decimal("12.7"), 2024: Decimal("1250.5")}


def test_read_table_takes_a_plain_grid() -> None:
    from planner.table_reader import FormulaCell, read_table

    grid = [["Program: Test"], [], ["ID", "Initiative", "2023", "2024"], ["A1", "Alpha", "1,5", None],
            ["", None], ["A2", "Beta", 2, "=x"]]
    p = read_table(grid, sheet="data", formulas={(6, 4): FormulaCell("B6*2", cached=False)})
    assert p.name == "Test" and [i.id for i in p.initiatives] == ["A1", "A2"]
    assert p.initiatives[0].amounts == {2023: Decimal("1.5")}
    assert [f.where.a1 for f in p.read_findings if f.code == "formula_no_cache"] == ["D6"]


def test_booleans_and_dates_in_amount_cells_are_not_numbers(tmp_path: Path) -> None:
    import datetime as dt

    rows = [["Nr.", "Initiativ", 2023, 2024, 2025], ["V1", "A", 1.0, True, dt.date(2024, 1, 1)], ["V2", "B", "1", 1, 2]]
    p = load_portfolio(write_sheet(tmp_path / "t.xlsx", rows))
    assert {f.where.a1 for f in findings(p, "not_a_number")} == {"D2", "E2"}
    assert p.get("V2").amounts == {2023: 1, 2024: 1, 2025: 2}


def test_sheet_written_with_a_namespace_prefix(tmp_path: Path) -> None:
    """Some tools (the .NET Open XML SDK) write <x:c>, <x:f>: formulas are still found."""
    import re

    src = write_sheet(tmp_path / "plain.xlsx", [HEADER, V1, ["V9", "X", None, None, "=1+1", 1, 2, 3, 4]])
    with zipfile.ZipFile(src) as zin:
        items = [(i, zin.read(i.filename)) for i in zin.infolist()]
    out = tmp_path / "prefixed.xlsx"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in items:
            if info.filename == "xl/worksheets/sheet1.xml":
                xml = data.decode().replace("<worksheet xmlns=", "<x:worksheet xmlns:x=")
                xml = re.sub(r"<(/?)(?!x:)([a-zA-Z]+)([ >/])", r"<\1x:\2\3", xml)
                assert "<sheetData" not in xml and "<x:f>" in xml
                data = xml.encode()
            z.writestr(info, data)
    p = load_portfolio(out)
    assert [i.id for i in p.initiatives] == ["V1", "V9"]
    assert [f.where.a1 for f in findings(p, "formula_no_cache")] == ["E3"]
