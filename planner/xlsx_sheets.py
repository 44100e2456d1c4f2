"""Plain-value worksheets added to or replaced in a package (scenarios, change log).

A replaced sheet keeps its part, sheet id and relationship, so anything pointing at it stays valid;
a new one is declared in [Content_Types].xml, workbook.xml and its rels. Values are written as
numbers or inline text (text is never a formula).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from planner.cells import column_letter
from planner.errors import WorkbookError
from planner.xlsx_package import (
    CT_WORKSHEET,
    REL_WORKSHEET,
    XlsxPackage,
    add_override,
    add_relationship,
    add_sheet_entry,
    new_part_name,
    next_sheet_id,
)
from planner.xlsx_patch import CellInput, cell_xml

_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def check_sheet_name(name: str, path: str) -> None:
    """Refuse names Excel refuses (WorkbookError 'bad_argument')."""
    if not name or len(name) > 31 or _BAD_SHEET_CHARS.search(name) or name.startswith("'") or name.endswith("'"):
        raise WorkbookError("bad_argument", path=path,
                            reason=f"'{name}' cannot be a sheet name (1–31 characters, none of []:*?/\\)")


def plain_sheet_xml(rows: Sequence[Sequence[object]]) -> str:
    """A minimal worksheet of values (numbers as numbers, everything else as text) with fitted widths."""
    widths: dict[int, int] = {}
    body = []
    for r, values in enumerate(rows, start=1):
        cells = []
        for c, value in enumerate(values, start=1):
            if value is None or value == "":
                continue
            cells.append(cell_xml(f"{_col(c)}{r}", _plain(value), None))
            widths[c] = max(widths.get(c, 0), min(60, len(str(value))))
        body.append(f'<row r="{r}">{"".join(cells)}</row>')
    last_col = max(widths, default=1)
    dim = f"A1:{_col(last_col)}{max(len(rows), 1)}"
    cols = "".join(f'<col min="{c}" max="{c}" width="{max(w, 8) + 2}" customWidth="1"/>'
                   for c, w in sorted(widths.items()))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'<dimension ref="{dim}"/>' + (f"<cols>{cols}</cols>" if cols else "")
            + f'<sheetData>{"".join(body)}</sheetData></worksheet>')


def _plain(value: object) -> CellInput:
    if isinstance(value, (bool, int, float, Decimal)):
        return value
    if isinstance(value, date):
        return value
    return str(value)


def _col(c: int) -> str:
    return column_letter(c)


def put_plain_sheet(pkg: XlsxPackage, name: str, rows: Sequence[Sequence[object]], *, protect: str = "") -> None:
    """Replace the sheet called ``name`` (keeping its part, id and rel) or add it at the end."""
    if name == protect:
        raise WorkbookError("bad_argument", path=pkg.path,
                            reason=f"the sheet '{name}' holds the initiatives and cannot be replaced")
    xml = plain_sheet_xml(rows).encode("utf-8")
    existing = {n.casefold(): part for n, part, _ in pkg.sheets()}
    part = existing.get(name.casefold())
    if part is not None:
        pkg.replace(part, xml)
        return
    wb = pkg.workbook_part()
    part = new_part_name(pkg, "xl/worksheets", "sheet")
    pkg.add(part, xml)
    add_override(pkg, part, CT_WORKSHEET)
    rid = add_relationship(pkg, wb, REL_WORKSHEET, part)
    wb_xml = pkg.read_text(wb)
    pkg.replace(wb, add_sheet_entry(wb_xml, name, next_sheet_id(wb_xml), rid).encode("utf-8"))
