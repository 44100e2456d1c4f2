"""Hostile files: entity expansion, zip bombs, lying zip headers and path tricks are refused up front,
with one WorkbookError that names the offending part, before any reader parses a byte."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from bad_file_builders import good_rows, patch_central_directory, sheet_xml, write_xlsx, write_zip

from planner.errors import WorkbookError
from planner.file_guard import MAX_ENTRIES, check_file

BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(f' <!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">\n'
              for i in range(1, 10))
    + ']>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
)
XXE_STRINGS = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
    "<si><t>&xxe;</t></si></sst>"
)


def refused(path: Path) -> WorkbookError:
    with pytest.raises(WorkbookError) as info:
        check_file(path)
    return info.value


def also_refused_by_loader(path: Path, code: str) -> None:
    """Once the loader exists, it must give the very same error (it calls check_file first)."""
    try:
        from planner.loader import load_portfolio
    except ImportError:
        return
    with pytest.raises(WorkbookError) as info:
        load_portfolio(path)
    assert info.value.code == code


def test_a_clean_minimal_package_passes(tmp_path: Path) -> None:
    assert check_file(write_xlsx(tmp_path / "ok.xlsx", good_rows())) == "xlsx"


def test_billion_laughs_in_the_sheet_is_refused(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "laughs.xlsx", sheet_body=BILLION_LAUGHS)
    err = refused(path)
    assert err.code == "unsafe"
    assert "xl/worksheets/sheet1.xml" in err.message("en") and "DOCTYPE" in err.message("en")
    also_refused_by_loader(path, "unsafe")


def test_external_entity_in_shared_strings_is_refused(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "xxe.xlsx", good_rows(), extra={"xl/sharedStrings.xml": XXE_STRINGS})
    err = refused(path)
    assert err.code == "unsafe" and "xl/sharedStrings.xml" in err.line("en")
    also_refused_by_loader(path, "unsafe")


def test_entity_declared_in_utf16_part_is_found_too(tmp_path: Path) -> None:
    body = BILLION_LAUGHS.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>')
    path = write_xlsx(tmp_path / "utf16.xlsx", sheet_body=body.encode("utf-16"))
    assert refused(path).code == "unsafe"


def test_a_dtd_in_the_workbook_rels_is_refused(tmp_path: Path) -> None:
    rels = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "b">]><Relationships/>'
    path = write_xlsx(tmp_path / "rels.xlsx", good_rows(), extra={"xl/_rels/workbook.xml.rels": rels})
    assert refused(path).code == "unsafe"


def test_real_zip_bomb_entry_is_refused_by_its_ratio(tmp_path: Path) -> None:
    # 60 MB of one repeated row compresses about 1000:1: refused from the directory alone.
    row = '<row r="1"><c r="A1"><v>0</v></c></row>'
    body = sheet_xml([["x"]]).replace("</sheetData>", row * (60 * 1024 * 1024 // len(row)) + "</sheetData>")
    path = write_xlsx(tmp_path / "bomb.xlsx", sheet_body=body)
    err = refused(path)
    assert err.code == "unsafe"
    assert "zip bomb" in err.message("en") and "sheet1.xml" in err.message("en")
    also_refused_by_loader(path, "unsafe")


def test_declared_size_beyond_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "huge.xlsx", good_rows())
    patch_central_directory(path, "xl/worksheets/sheet1.xml", file_size=3_000_000_000)
    err = refused(path)
    assert err.code == "too_large" and "sheet1.xml" in err.message("en")


def test_many_parts_adding_up_beyond_the_total_limit_are_refused(tmp_path: Path) -> None:
    # Each part claims 140 MB from 1 MB of noise (ratio 140:1, below the bomb limit); together 560 MB.
    path = write_xlsx(tmp_path / "sum.xlsx", good_rows(),
                      extra={f"xl/media/pad{i}.bin": os.urandom(1024 * 1024) for i in range(4)})
    for i in range(4):
        patch_central_directory(path, f"xl/media/pad{i}.bin", file_size=140 * 1024 * 1024)
    err = refused(path)
    assert err.code == "too_large" and "500 MB" in err.message("en")


def test_a_part_hiding_more_data_than_it_declares_is_refused(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "liar.xlsx", good_rows(200))
    patch_central_directory(path, "xl/worksheets/sheet1.xml", file_size=100)
    err = refused(path)
    assert err.code in {"damaged_zip", "unsafe"} and "sheet1.xml" in err.message("en")


def test_tens_of_thousands_of_entries_are_refused(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "many.xlsx", good_rows(),
                      extra={f"xl/media/{i}.bin": b"" for i in range(MAX_ENTRIES + 1)})
    assert refused(path).code == "too_large"


@pytest.mark.parametrize("name", [
    "../../evil.xml",
    "xl/../../etc/cron.d/evil",
    "/etc/passwd",
    "xl\\worksheets\\sheet2.xml",
    "C:/Windows/evil.xml",
])
def test_path_tricks_inside_the_archive_are_refused(tmp_path: Path, name: str) -> None:
    path = write_xlsx(tmp_path / "trick.xlsx", good_rows(), extra={name: "<x/>"})
    err = refused(path)
    assert err.code == "unsafe"
    assert "path trick" in err.message("en") and name[:20] in err.message("en")


def test_a_part_that_appears_twice_is_refused(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "base.xlsx", good_rows())
    with zipfile.ZipFile(path) as zf:
        parts = [(n, zf.read(n)) for n in zf.namelist()]
    second = sheet_xml(good_rows()).replace("V1", "X1")
    write_zip(tmp_path / "twice.xlsx", [*parts, ("xl/worksheets/sheet1.xml", second)])
    err = refused(tmp_path / "twice.xlsx")
    assert err.code == "unsafe" and "twice" in err.message("en")


def test_zip_level_encryption_flag_is_reported_as_password_protection(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "zipcrypto.xlsx", good_rows())
    patch_central_directory(path, "xl/worksheets/sheet1.xml", flag_bits=0x1)
    assert refused(path).code == "encrypted"


def test_refusal_names_the_file_and_says_what_to_do_in_both_languages(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "laughs.xlsx", sheet_body=BILLION_LAUGHS)
    err = refused(path)
    assert str(path) in err.line("en") and str(path) in err.line("da")
    assert "refused for safety" in err.line("en") and "afvist af sikkerhedshensyn" in err.line("da")


def _with_far_cell(tmp_path: Path, ref: str, body: str = "<v>1</v>") -> Path:
    row = "".join(ch for ch in ref if ch.isdigit())
    far = f'<row r="{row}"><c r="{ref}">{body}</c></row></sheetData>'
    sheet = sheet_xml(good_rows()).replace("</sheetData>", far)
    return write_xlsx(tmp_path / f"far-{ref}.xlsx", sheet_body=sheet)


@pytest.mark.parametrize(("ref", "corner"), [("XFD1048576", "XFD1048576"), ("A1048576", "I1048576"),
                                             ("ZZ60000", "ZZ60000")])
def test_a_cell_far_away_that_would_make_a_giant_grid_is_refused(tmp_path: Path, ref: str, corner: str) -> None:
    """Two cells (A1 and XFD1048576) make a reader allocate 17 billion cells: the process dies."""
    path = _with_far_cell(tmp_path, ref)
    err = refused(path)
    assert err.code == "too_large" and f"spans A1:{corner}" in err.message("en")
    also_refused_by_loader(path, "too_large")


def test_a_formatted_empty_cell_far_away_is_harmless(tmp_path: Path) -> None:
    path = _with_far_cell(tmp_path, "XFD1048576", body="")
    assert check_file(path) == "xlsx"
