"""Write-back into a colleague's workbook: only changed cells change, everything else survives."""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Font, PatternFill
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from planner.cells import CellRef
from planner.errors import WorkbookError
from planner.model import Frame, Initiative, Portfolio, SourceInfo
from planner.writer import save_portfolio

SHEET = "Initiativer"
COLS = {"id": 1, "name": 2, "phase": 3, "year:2023": 4, "year:2024": 5, "stated_total": 6, "notes": 7}
ROWS = [
    ("V1", "Alpha", "Modning", 1.5, 2.0, 3.5, "note a"),
    ("V2", "Beta", "Afprøvning", "3,1", 4, 7.1, None),
    ("V3", "Gamma", "Udbredelse", 0.5, None, 0.5, None),
]
FIRST, LAST, TOTALS = 5, 7, 8
HAVE_PIL = True
try:
    import PIL  # noqa: F401
except ImportError:  # pragma: no cover - depends on the machine
    HAVE_PIL = False


def build_workbook(path: Path) -> Path:
    """A workbook the way colleagues make them: title, merged cells, comment, validation, formats …"""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws["A1"] = "UIP 2023 – forslag"
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells("A1:G1")
    ws["A2"], ws["B2"] = "Ramme", 132.1
    ws.append([])
    ws.append(["Nr.", "Initiativ", "Fase", 2023, 2024, "I alt", "Bemærkning"])
    fill = PatternFill("solid", fgColor="FFEECC")
    for values in ROWS:
        ws.append(list(values))
        r = ws.max_row
        for c in range(1, 8):
            ws.cell(r, c).fill = fill
        ws.cell(r, 4).number_format = "0.0"
        ws.cell(r, 5).number_format = "0.0"
    ws.append([None, "I alt", None, f"=SUM(D{FIRST}:D{LAST})", f"=SUM(E{FIRST}:E{LAST})", f"=SUM(F{FIRST}:F{LAST})"])
    ws.append([])
    ws.append(["Kilde: aftaletekst"])
    ws["B5"].comment = Comment("Tjek navnet", "Mette")
    dv = DataValidation(type="list", formula1='"Screening,Modning,Afprøvning,Udbredelse"')
    dv.add(f"C{FIRST}:C{LAST}")
    ws.add_data_validation(dv)
    ws.conditional_formatting.add(f"D{FIRST}:E{LAST}", CellIsRule(operator="greaterThan", formula=["3"],
                                                                    fill=PatternFill("solid", fgColor="FF9999")))
    ws.column_dimensions["B"].width = 33
    ws.column_dimensions["G"].hidden = True
    ws.freeze_panes = "C5"
    wb.defined_names["Beloeb"] = DefinedName("Beloeb", attr_text=f"'{SHEET}'!$D${FIRST}:$E${LAST}")
    notes = wb.create_sheet("Noter")
    notes["A1"] = "Total 2023"
    notes["B1"] = f"='{SHEET}'!D{TOTALS}"
    notes["A2"] = "Urørt"
    chart = BarChart()
    chart.add_data(Reference(ws, min_col=4, min_row=FIRST - 1, max_row=LAST), titles_from_data=True)
    notes.add_chart(chart, "D2")
    if HAVE_PIL:
        from openpyxl.drawing.image import Image as XLImage
        from PIL import Image

        png = path.with_suffix(".png")
        Image.new("RGB", (8, 8), (200, 30, 30)).save(png)
        ws.add_image(XLImage(str(png)), "I2")
    wb.save(path)
    return path


def portfolio_for(path: Path) -> Portfolio:
    """What the reader gives for :func:`build_workbook` (built by hand, so these tests stand alone)."""
    inis = []
    for n, (iid, name, phase, a23, a24, total, notes) in enumerate(ROWS):
        row = FIRST + n
        amounts = {y: v for y, v in ((2023, a23), (2024, a24)) if v is not None}
        inis.append(Initiative(
            id=iid, name=name, phase=phase, phase_text=phase, amounts=amounts, stated_total=total,
            notes=notes or "", sources={k: CellRef(sheet=SHEET, row=row, column=c) for k, c in COLS.items()}))
    return Portfolio(
        name="UIP 2023", years=[2023, 2024], initiatives=inis,
        frame=Frame(total=Decimal("132.1"), sources={"total": CellRef(sheet=SHEET, row=2, column=2)}),
        source=SourceInfo(path=str(path), format="xlsx", sheet=SHEET, header_row=4, columns=COLS,
                          first_row=FIRST, last_row=LAST, totals_row=TOTALS))


def cells(path: Path) -> dict[tuple[str, str], object]:
    """Every non-empty cell of every sheet (formulas as text), for cell-for-cell comparison."""
    wb = load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None:
                    out[(ws.title, c.coordinate)] = c.value
    return out


def entries(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


def diff_cells(a: Path, b: Path) -> dict[tuple[str, str], tuple[object, object]]:
    ca, cb = cells(a), cells(b)
    return {k: (ca.get(k), cb.get(k)) for k in ca.keys() | cb.keys() if ca.get(k) != cb.get(k)}


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return build_workbook(tmp_path / "budget.xlsx")


def test_save_without_edits_is_byte_identical(book: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    p = portfolio_for(book)
    save_portfolio(p, out)
    assert out.read_bytes() == book.read_bytes()
    assert p.source is not None and p.source.path == str(out) and p.source.sha256 and p.source.size


def test_one_edit_changes_exactly_one_cell(book: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    p = portfolio_for(book)
    p.set_amount("V1", 2024, "2,6")
    save_portfolio(p, out)
    assert diff_cells(book, out) == {(SHEET, "E5"): (2, 2.6)}
    before, after = entries(book), entries(out)
    assert list(before) == list(after)
    changed = {n for n in before if before[n] != after[n]}
    # openpyxl already writes fullCalcOnLoad, so workbook.xml may not need to change.
    assert "xl/worksheets/sheet1.xml" in changed <= {"xl/worksheets/sheet1.xml", "xl/workbook.xml"}
    assert 'fullCalcOnLoad="1"' in after["xl/workbook.xml"].decode()
    with zipfile.ZipFile(book) as a, zipfile.ZipFile(out) as b:
        assert [i.compress_type for i in a.infolist()] == [i.compress_type for i in b.infolist()]


def test_everything_colleagues_put_in_survives_an_edit(book: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    p = portfolio_for(book)
    p.set_amount("V3", 2023, 9)
    save_portfolio(p, out)
    wb = load_workbook(out)
    ws = wb[SHEET]
    assert ws["D7"].value == 9 and ws["D7"].number_format == "0.0"
    assert "A1:G1" in {str(r) for r in ws.merged_cells.ranges}
    assert ws["B5"].comment is not None and ws["B5"].comment.text.startswith("Tjek navnet")
    assert ws.column_dimensions["G"].hidden and ws.column_dimensions["B"].width == 33
    assert [str(d.sqref) for d in ws.data_validations.dataValidation] == [f"C{FIRST}:C{LAST}"]
    assert [str(r.sqref) for r in ws.conditional_formatting] == [f"D{FIRST}:E{LAST}"]
    assert wb.defined_names["Beloeb"].attr_text == f"'{SHEET}'!$D${FIRST}:$E${LAST}"
    assert ws["D8"].value == f"=SUM(D{FIRST}:D{LAST})"
    assert wb["Noter"]["B1"].value == f"='{SHEET}'!D{TOTALS}"
    names = entries(out)
    assert any(n.startswith("xl/charts/chart") for n in names)
    if HAVE_PIL:
        assert any(n.startswith("xl/media/") for n in names)
    assert any(n.startswith("xl/comments") for n in names)


def test_text_amount_edited_becomes_number_with_the_cells_style(book: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    p = portfolio_for(book)
    p.set_amount("V2", 2023, "3,2")
    save_portfolio(p, out)
    a, b = load_workbook(book)[SHEET]["D6"], load_workbook(out)[SHEET]["D6"]
    assert a.value == "3,1" and b.value == 3.2 and b.data_type == "n"
    assert b.number_format == a.number_format == "0.0"
    assert b.fill.fgColor.rgb == a.fill.fgColor.rgb == "00FFEECC"


def test_text_amount_not_edited_stays_text(book: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    p = portfolio_for(book)
    p.set_amount("V2", 2023, Decimal("3.1"))  # same value as the text "3,1"
    p.set_amount("V1", 2023, 1)
    save_portfolio(p, out)
    assert diff_cells(book, out) == {(SHEET, "D5"): (1.5, 1)}
    assert load_workbook(out)[SHEET]["D6"].value == "3,1"


def test_exact_decimal_round_trip(book: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    p = portfolio_for(book)
    p.set_amount("V1", 2023, Decimal("0.1") + Decimal("0.2"))
    p.set_amount("V1", 2024, Decimal("1234567.123456"))
    save_portfolio(p, out)
    sheet = entries(out)["xl/worksheets/sheet1.xml"].decode()
    assert "<v>0.3</v>" in sheet and "<v>1234567.123456</v>" in sheet
    ws = load_workbook(out)[SHEET]
    from planner.amounts import parse_amount

    assert parse_amount(ws["D5"].value) == Decimal("0.3")
    assert parse_amount(ws["E5"].value) == Decimal("1234567.123456")


def test_formula_injection_is_written_as_text(book: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    p = portfolio_for(book)
    evil = "=HYPERLINK(\"http://x\",\"klik\") & <b>"
    p.initiatives[0].name = evil
    p.initiatives[1].notes = "+1-2 @x"
    save_portfolio(p, out)
    ws = load_workbook(out)[SHEET]
    assert ws["B5"].value == evil and ws["B5"].data_type == "s"
    assert ws["G6"].value == "+1-2 @x" and ws["G6"].data_type == "s"
    assert "<f>" not in entries(out)["xl/worksheets/sheet1.xml"].decode().split('r="B5"')[1].split("</c>")[0]


def test_new_initiative_row_goes_before_totals_with_the_style_above(book: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    p = portfolio_for(book)
    p.initiatives.append(Initiative(id="V4", name="Delta", phase="Modning", amounts={2023: "1,2", 2024: 2}))
    save_portfolio(p, out)
    wb = load_workbook(out)
    ws = wb[SHEET]
    new = LAST + 1
    assert [ws.cell(new, c).value for c in range(1, 6)] == ["V4", "Delta", "Modning", 1.2, 2]
    assert ws.cell(new, 4).number_format == "0.0" and ws.cell(new, 1).fill.fgColor.rgb == "00FFEECC"
    assert ws.cell(TOTALS + 1, 2).value == "I alt"
    assert ws.cell(TOTALS + 1, 4).value == f"=SUM(D{FIRST}:D{new})"
    assert ws.cell(TOTALS + 3, 1).value == "Kilde: aftaletekst"
    assert wb["Noter"]["B1"].value == f"='{SHEET}'!D{TOTALS + 1}"
    assert wb.defined_names["Beloeb"].attr_text == f"'{SHEET}'!$D${FIRST}:$E${new}"
    assert [str(d.sqref) for d in ws.data_validations.dataValidation] == [f"C{FIRST}:C{new}"]
    assert "A1:G1" in {str(r) for r in ws.merged_cells.ranges}
    assert ws["B5"].comment is not None
    ini = p.get("V4")
    assert ini is not None and ini.sources["year:2023"] == CellRef(sheet=SHEET, row=new, column=4)
    assert p.source is not None and p.source.last_row == new and p.source.totals_row == TOTALS + 1
    # Saving again without edits changes nothing now that the new row has its sources.
    again = tmp_path / "again.xlsx"
    save_portfolio(p, again)
    assert again.read_bytes() == out.read_bytes()


def test_frame_edit_goes_to_its_cell(book: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    p = portfolio_for(book)
    p.frame.total = Decimal(140)
    save_portfolio(p, out)
    assert diff_cells(book, out) == {(SHEET, "B2"): (132.1, 140)}


def make_xlsm(xlsx: Path, xlsm: Path) -> bytes:
    """An .xlsm made from an .xlsx: a (fake) vbaProject.bin, its content type and relationship."""
    vba = bytes(range(256)) * 40
    with zipfile.ZipFile(xlsx) as src, zipfile.ZipFile(xlsm, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                                    b"application/vnd.ms-excel.sheet.macroEnabled.main+xml")
                data = data.replace(b"</Types>", b'<Default Extension="bin" ContentType='
                                    b'"application/vnd.ms-office.vbaProject"/></Types>')
            if info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdVba" Type="http://schemas.'
                                    b'microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/>'
                                    b"</Relationships>")
            dst.writestr(info, data)
        dst.writestr("xl/vbaProject.bin", vba)
    return vba


def test_xlsm_keeps_its_macros_byte_for_byte(book: Path, tmp_path: Path) -> None:
    xlsm = tmp_path / "budget.xlsm"
    vba = make_xlsm(book, xlsm)
    p = portfolio_for(xlsm)
    p.source = p.source.model_copy(update={"format": "xlsm"})  # type: ignore[union-attr]
    p.set_amount("V1", 2023, 7)
    out = tmp_path / "out.xlsm"
    save_portfolio(p, out)
    after = entries(out)
    assert after["xl/vbaProject.bin"] == vba
    assert b"macroEnabled.main+xml" in after["[Content_Types].xml"]
    assert load_workbook(out, keep_vba=True)[SHEET]["D5"].value == 7
    with pytest.raises(WorkbookError) as err:
        save_portfolio(p, tmp_path / "plain.xlsx")
    assert err.value.code == "macros_need_xlsm"
    assert not (tmp_path / "plain.xlsx").exists()


def test_extra_sheets_are_added_then_replaced_in_place(book: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    p = portfolio_for(book)
    save_portfolio(p, out, extra_sheets={"Ændringslog": [["Initiativ", "År", "Før", "Efter"],
                                                          ["V1", 2023, Decimal("1.5"), Decimal(2)]]})
    wb = load_workbook(out)
    assert wb.sheetnames == [SHEET, "Noter", "Ændringslog"]
    assert [c.value for c in wb["Ændringslog"][2]] == ["V1", 2023, 1.5, 2]
    sheets_xml = entries(out)["xl/workbook.xml"].decode()
    entry = sheets_xml[sheets_xml.index('name="Ændringslog"') - 10:].split("/>")[0]
    out2 = tmp_path / "out2.xlsx"
    save_portfolio(p, out2, extra_sheets={"Ændringslog": [["=ikke en formel"]]})
    wb2 = load_workbook(out2)
    assert wb2.sheetnames == [SHEET, "Noter", "Ændringslog"]
    assert wb2["Ændringslog"]["A1"].value == "=ikke en formel" and wb2["Ændringslog"]["A2"].value is None
    assert entry in entries(out2)["xl/workbook.xml"].decode()
    assert diff_cells(book, out2) == {(("Ændringslog", "A1")): (None, "=ikke en formel")}


def test_overwritten_formula_drops_calc_chain(tmp_path: Path) -> None:
    src = build_workbook(tmp_path / "b.xlsx")
    # Give the package a calcChain as Excel would.
    tmp = tmp_path / "c.xlsx"
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as b:
        for info in a.infolist():
            data = a.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/xl/calcChain.xml" ContentType="application/'
                                    b'vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>')
            if info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdCc" Type="http://schemas.'
                                    b'openxmlformats.org/officeDocument/2006/relationships/calcChain" '
                                    b'Target="calcChain.xml"/></Relationships>')
            b.writestr(info, data)
        b.writestr("xl/calcChain.xml", b'<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
                                       b'main"><c r="F5" i="1"/></calcChain>')
    p = portfolio_for(tmp)
    p.initiatives[0].stated_total = Decimal(9)
    # The stated total cell is a plain number here; make it a formula first to test the drop.
    out = tmp_path / "out.xlsx"
    save_portfolio(p, out)
    after = entries(out)
    assert "xl/calcChain.xml" in after  # a plain number edit keeps calcChain
    p2 = portfolio_for(tmp)
    p2.frame.total = None
    p2.frame.sources = {"total": CellRef(sheet=SHEET, row=TOTALS, column=4)}  # the =SUM cell
    p2.frame.total = Decimal(1)
    save_portfolio(p2, out)
    after = entries(out)
    assert "xl/calcChain.xml" not in after
    assert b"calcChain" not in after["[Content_Types].xml"] and b"calcChain" not in after["xl/_rels/workbook.xml.rels"]
    assert load_workbook(out)[SHEET]["D8"].value == 1


@pytest.mark.parametrize("step", ["write", "fsync", "backup", "replace"])
def test_failed_save_leaves_workbook_and_portfolio_as_they_were(book: Path, tmp_path: Path, step: str) -> None:
    original = book.read_bytes()
    p = portfolio_for(book)
    p.set_amount("V1", 2023, 5)
    p.initiatives.append(Initiative(id="V9", name="Ny", amounts={2023: 1}))
    before = p.model_dump()

    def boom(name: str) -> None:
        if name == step:
            raise OSError(28, "No space left on device")

    with pytest.raises(WorkbookError) as err:
        save_portfolio(p, book, fault=boom)
    assert err.value.code == "write_failed" and "No space" in err.value.message("en")
    assert book.read_bytes() == original
    assert p.model_dump() == before
    assert {f.name for f in tmp_path.iterdir()} <= {"budget.xlsx", "budget.png", "budget.bak.xlsx"}


def test_wrong_suffix_refused(book: Path, tmp_path: Path) -> None:
    with pytest.raises(WorkbookError) as err:
        save_portfolio(portfolio_for(book), tmp_path / "x.ods")
    assert err.value.code == "bad_argument"
