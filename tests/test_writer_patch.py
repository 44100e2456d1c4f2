"""The pieces under the writer: moving references, reading and rewriting cells in raw sheet XML."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planner.xlsx_package import parse_shared_strings, set_full_calc_on_load
from planner.xlsx_patch import SheetXml, cell_xml, escape_text, number_text
from planner.xlsx_shift import RowShift


@pytest.mark.parametrize(("formula", "expected"), [
    ("SUM(D5:D10)", "SUM(D5:D12)"),                      # range ending at the last row grows
    ("SUM(D5:D9)", "SUM(D5:D9)"),                        # above the insertion: unchanged
    ("D11*2+$E$12", "D13*2+$E$14"),                      # below: moves, absolute or not
    ("LOG10(D11)", "LOG10(D13)"),                        # a function name is no cell
    ("'Initiativer'!D11+Noter!D11", "'Initiativer'!D13+Noter!D11"),  # other sheets stay
    ('"D11"&D11', '"D11"&D13'),                          # text in quotes stays
    ("SUM(11:11)", "SUM(13:13)"),                        # whole rows
    ("D10:D5", "D12:D5"),                                # reversed range still grows at its end
])
def test_insertion_moves_references_like_excel(formula: str, expected: str) -> None:
    shift = RowShift("Initiativer", at=11, delta=2, grow_end=10)
    assert shift.formula(formula, local=True) == expected


def test_other_parts_shift_only_references_to_the_sheet() -> None:
    shift = RowShift("Mit ark", at=5, delta=1)
    assert shift.formula("'Mit ark'!$B$5:$B$9", local=False) == "'Mit ark'!$B$6:$B$10"
    assert shift.formula("B5+Andet!B5", local=False) == "B5+Andet!B5"
    assert shift.sqref("A1:B4 C5 D2:D8", grow=False) == "A1:B4 C6 D2:D9"


SHEET = ('<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
         '<x:dimension ref="A1:C3"/><x:sheetData>'
         '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>in&amp;line</x:t>'
         '</x:is></x:c><x:c r="C1" t="b"><x:v>1</x:v></x:c></x:row>'
         '<x:row><x:c s="3"><x:v>1.10</x:v></x:c><x:c t="str"><x:f>A2&amp;"x"</x:f><x:v>1.1x</x:v></x:c>'
         '<x:c r="C2" t="e"><x:v>#REF!</x:v></x:c></x:row>'
         '<x:row r="3"/></x:sheetData></x:worksheet>')


def test_reads_every_kind_of_cell_including_prefixed_and_implicit_positions() -> None:
    sheet = SheetXml(SHEET, lambda: ["delt"])
    assert sheet.cell(1, 1).value == "delt"
    assert sheet.cell(1, 2).value == "in&line"
    assert sheet.cell(1, 3).value is True
    assert sheet.cell(2, 1).value == Decimal("1.10") and sheet.cell(2, 1).style == "3"
    assert sheet.cell(2, 2).value == "1.1x" and sheet.cell(2, 2).formula
    assert sheet.cell(2, 3).kind == "e"
    assert sheet.cell(3, 1).blank and sheet.cell(9, 9).blank


def test_rewrites_only_the_edited_cells_keeping_prefix_and_style() -> None:
    sheet = SheetXml(SHEET, lambda: ["delt"])
    sheet.set(2, 1, Decimal("2.5"))
    sheet.set(3, 2, "=ikke formel")
    sheet.set(5, 1, Decimal(1))
    sheet.apply()
    xml = sheet.xml
    assert '<x:c r="A2" s="3"><x:v>2.5</x:v></x:c>' in xml
    assert '<x:row r="3"><x:c r="B3" t="inlineStr"><x:is><x:t xml:space="preserve">=ikke formel</x:t>' in xml
    assert '<x:row r="5"><x:c r="A5"><x:v>1</x:v></x:c></x:row></x:sheetData>' in xml
    assert '<x:dimension ref="A1:C5"/>' in xml
    row1 = SHEET.split("<x:sheetData>")[1].split("<x:row>")[0]
    assert "<x:sheetData>" + row1 + "<x:row" in xml  # row 1 untouched, byte for byte
    again = SheetXml(xml, lambda: ["delt"])
    assert again.cell(2, 1).value == Decimal("2.5") and again.cell(3, 2).value == "=ikke formel"


def test_inserted_rows_shift_cells_formulas_and_ranges() -> None:
    xml = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:B4"/>'
           '<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2" s="4" customFormat="1"><c r="A2" s="7">'
           '<v>2</v></c><c r="B2" s="8"/></row><row r="3"><c r="A3"><f>SUM(A1:A2)</f><v>3</v></c></row>'
           '<row r="4"><c r="A4"><f>A3*2</f><v>6</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A3:B3"/>'
           '</mergeCells><conditionalFormatting sqref="A1:A2"><cfRule type="expression" priority="1"><formula>A2&gt;A3'
           '</formula></cfRule></conditionalFormatting></worksheet>')
    sheet = SheetXml(xml)
    sheet.insert_rows(3, [{1: Decimal(9)}], like_row=2, sheet="S", grow_end=2)
    out = sheet.xml
    assert '<row r="3" s="4" customFormat="1"><c r="A3" s="7"><v>9</v></c><c r="B3" s="8"/></row>' in out
    assert '<row r="4"><c r="A4"><f>SUM(A1:A3)</f><v>3</v></c></row>' in out
    assert '<row r="5"><c r="A5"><f>A4*2</f><v>6</v></c></row>' in out
    assert '<mergeCell ref="A4:B4"/>' in out and '<dimension ref="A1:B5"/>' in out
    assert 'sqref="A1:A3"' in out and "<formula>A2&gt;A4</formula>" in out


def test_text_and_numbers_are_written_exactly() -> None:
    assert number_text(Decimal("0.1") + Decimal("0.2")) == "0.3"
    assert number_text(Decimal("1E+3")) == "1000" and number_text(Decimal("-0.0")) == "0"
    assert escape_text("a\x01b_x0041_<&>") == "a_x0001_b_x005F_x0041_&lt;&amp;&gt;"
    assert cell_xml("A1", None, "5") == '<c r="A1" s="5"/>'
    assert cell_xml("A1", True, None) == '<c r="A1" t="b"><v>1</v></c>'


def test_shared_strings_join_rich_text_and_skip_phonetics() -> None:
    sst = ('<sst><si><t>a</t></si><si><r><t>b</t></r><r><t xml:space="preserve"> c</t></r><rPh><t>x</t></rPh></si>'
           '<si><t/></si><si><t>_x000D_&lt;</t></si></sst>')
    assert parse_shared_strings(sst) == ["a", "b c", "", "\r<"]


def test_full_calc_on_load_goes_in_schema_order() -> None:
    wb = '<workbook><sheets/><definedNames/><extLst/></workbook>'
    assert set_full_calc_on_load(wb) == '<workbook><sheets/><definedNames/><calcPr fullCalcOnLoad="1"/><extLst/></workbook>'
    assert set_full_calc_on_load('<workbook><calcPr calcId="1"/></workbook>') == (
        '<workbook><calcPr calcId="1" fullCalcOnLoad="1"/></workbook>')


@pytest.mark.parametrize(("formula", "expected"), [
    ("SUM(D5:D10)", "SUM(D5:D8)"),      # a range over the deleted rows shrinks
    ("D6*2", "#REF!*2"),                # a reference into them is gone, as in Excel
    ("D8+D5", "D6+D5"),                 # below moves up, above stays
    ("SUM(D6:D7)", "SUM(#REF!)"),
    ("'S'!D9", "'S'!D7"),
])
def test_deletion_moves_references_like_excel(formula: str, expected: str) -> None:
    assert RowShift("S", at=6, delta=-2).formula(formula, local=True) == expected


def test_deleted_rows_take_their_merges_validations_and_formats_along() -> None:
    xml = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:B4"/>'
           '<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>'
           '<row r="3"><c r="A3"><v>3</v></c></row><row r="4"><c r="A4"><f>SUM(A1:A3)</f><v>6</v></c></row>'
           '</sheetData><mergeCells count="3"><mergeCell ref="A2:B2"/><mergeCell ref="A3:B3"/><mergeCell ref="C2:C3"/></mergeCells>'
           '<conditionalFormatting sqref="A2"><cfRule type="expression" priority="1"><formula>A2&gt;1</formula>'
           '</cfRule></conditionalFormatting><dataValidations count="1"><dataValidation sqref="A1:A3"/>'
           '</dataValidations></worksheet>')
    sheet = SheetXml(xml)
    sheet.delete_rows(2, 1, sheet="S")
    out = sheet.xml
    assert '<row r="2"><c r="A2"><v>3</v></c></row><row r="3"><c r="A3"><f>SUM(A1:A2)</f><v>6</v></c></row>' in out
    assert '<mergeCells count="1"><mergeCell ref="A2:B2"/></mergeCells>' in out
    assert "conditionalFormatting" not in out
    assert '<dataValidation sqref="A1:A2"/>' in out and '<dimension ref="A1:B3"/>' in out
