"""Follow rows that moved (inserted or deleted) everywhere outside the sheet itself.

Defined names, formulas on other sheets, chart series, comments and their VML boxes, drawing
anchors and table ranges that point at the moved rows are shifted with :class:`RowShift`; see
docs/canonical-format.md for what is covered and what is not.
"""

from __future__ import annotations

import re

from planner.xlsx_package import XlsxPackage, encode_like, xml_unescape
from planner.xlsx_patch import SheetXml, xml_escape_min
from planner.xlsx_shift import RowShift


def _put(pkg: XlsxPackage, part: str, text: str) -> None:
    pkg.replace(part, encode_like(pkg.read(part), text))


def shift_package(pkg: XlsxPackage, parts: dict[str, str], open_sheets: dict[str, SheetXml], sheet_part: str,
                  shift: RowShift) -> None:
    """References to the moved rows from outside the sheet: names, other sheets, charts, comments."""
    wb = pkg.workbook_part()
    _put(pkg, wb, _shift_elements(pkg.read_text(wb), "definedName", shift))
    for name, part in parts.items():
        if part == sheet_part or part not in pkg:
            continue
        if name in open_sheets:
            open_sheets[name].xml = _shift_elements(open_sheets[name].xml, "f", shift)
        else:
            text = pkg.read_text(part)
            if "!" in text:
                _put(pkg, part, _shift_elements(text, "f", shift))
    for part in pkg.names():
        if part.startswith("xl/charts/") and part.endswith(".xml") and "/_rels/" not in part:
            _put(pkg, part, _shift_elements(pkg.read_text(part), "f", shift))
    for part in pkg.related_parts(sheet_part, "/comments"):
        _put(pkg, part, _shift_comments(pkg.read_text(part), shift))
    for part in pkg.related_parts(sheet_part, "/vmlDrawing"):
        _put(pkg, part, _shift_vml(pkg.read_text(part), shift))
    for part in pkg.related_parts(sheet_part, "/drawing"):
        text = re.sub(r"(<xdr:row>)(\d+)(</xdr:row>)",
                      lambda m: f"{m.group(1)}{_row0(int(m.group(2)), shift)}{m.group(3)}", pkg.read_text(part))
        _put(pkg, part, text)
    for part in pkg.related_parts(sheet_part, "/table"):
        text = re.sub(r'(\sref=")([^"]*)"', lambda m: f'{m.group(1)}{shift.sqref(m.group(2)) or m.group(2)}"',
                      pkg.read_text(part))
        _put(pkg, part, text)


def _row0(r0: int, shift: RowShift) -> int:
    """A 0-based row (drawing and VML anchors) moved; an anchor in deleted rows lands at the gap."""
    moved = shift.row(r0 + 1)
    return (moved if moved is not None else shift.at) - 1


def _shift_anchor(text: str, shift: RowShift) -> str:
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != 8:
        return text
    for i in (2, 6):
        if parts[i].isdigit():
            parts[i] = str(_row0(int(parts[i]), shift))
    return ", ".join(parts)


def _shift_comments(xml: str, shift: RowShift) -> str:
    """Comments follow their cells; a comment on a deleted row goes with it."""
    def sub(m: re.Match[str]) -> str:
        new = shift.sqref(m.group(2), grow=False)
        if not new:
            return ""
        return m.group(0) if new == m.group(2) else m.group(0).replace(f'ref="{m.group(2)}"', f'ref="{new}"', 1)

    return re.sub(r'<((?:\w+:)?comment)\b[^>]*\sref="([^"]*)"[^>]*?(?:/>|>.*?</\1>)', sub, xml, flags=re.DOTALL)


def _shift_vml(xml: str, shift: RowShift) -> str:
    """Comment boxes (VML shapes) move with their rows; those on deleted rows go."""
    def shape(m: re.Match[str]) -> str:
        block = m.group(0)
        row = re.search(r"<x:Row>(\d+)</x:Row>", block)
        if row is None:
            return block
        if shift.row(int(row.group(1)) + 1) is None:
            return ""
        block = re.sub(r"(<x:Row>)(\d+)(</x:Row>)",
                       lambda r: f"{r.group(1)}{_row0(int(r.group(2)), shift)}{r.group(3)}",
                       block)
        return re.sub(r"(<x:Anchor>)([^<]*)(</x:Anchor>)",
                      lambda a: a.group(1) + _shift_anchor(a.group(2), shift) + a.group(3), block)

    return re.sub(r"<v:shape\b.*?</v:shape>", shape, xml, flags=re.DOTALL)


def _shift_elements(xml: str, local: str, shift: RowShift) -> str:
    """Shift references qualified with the moved sheet's name inside <local> (or <x:local>) elements."""
    def sub(m: re.Match[str]) -> str:
        inner = m.group(2)
        plain = xml_unescape(inner)
        new = shift.formula(plain, local=False)
        return m.group(0) if new == plain else m.group(0).replace(">" + inner + "<", ">" + xml_escape_min(new) + "<", 1)

    return re.sub(rf"<((?:\w+:)?{local})\b[^>]*>([^<]*)</\1>", sub, xml)
