"""Read .xlsx/.xlsm workbooks: values with python-calamine, and from the raw XML only what it cannot tell.

calamine gives cached values fast but says nothing of formulas without a cached value (openpyxl writes
those), error values, or hidden columns; those come from a cheap byte scan of the chosen sheet's part.
The sheet is chosen by its header row: among several sheets the one whose header names most fields wins.
"""

from __future__ import annotations

import html
import io
import posixpath
import re
import zipfile
from collections.abc import Callable

from defusedxml import ElementTree
from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from planner.cells import CellRef, column_index
from planner.errors import WorkbookError
from planner.findings import Finding, Severity
from planner.headers import HEADER_SCAN_ROWS, HeaderMatch, find_header, header_key
from planner.model import Portfolio
from planner.table_reader import FormulaCell, Metadata, header_error, read_metadata, read_table

_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_META_SHEETS = {"program", "programme", "metadata", "meta", "info", "om", "about", "oplysninger", "ramme",
                "frame", "forside", "cover", "indstillinger", "settings", "stamdata"}

_F_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")
_F_TAG_PLAIN = re.compile(rb"<f[\s>/]")  # no namespace prefix (Excel, LibreOffice, openpyxl): a fast literal search
_C_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?c>")
_V_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?v(?:\s[^>]*)?>(.*?)</(?:[A-Za-z_][\w.-]*:)?v>", re.DOTALL)
_R_ATTR = re.compile(rb'\sr="([A-Z]+)(\d+)"')
_T_ATTR = re.compile(rb'\st="(\w+)"')
_COLS = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?cols\b.*?</(?:[A-Za-z_][\w.-]*:)?cols>", re.DOTALL)
_COL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?col\b([^>]*)>")
_ATTR = re.compile(rb'(\w+)="([^"]*)"')
MAX_COLUMN = 16384


def scan_formulas(xml: bytes) -> dict[tuple[int, int], FormulaCell]:
    """Every formula cell of a worksheet part: (row, column) → formula text, cached value saved?, error.

    Relies on the schema order in a ``<c>`` element (``<f>`` first, then ``<v>``), so the tag before each
    ``<f>`` is its cell. Cheap: only formula cells are looked at.
    """
    out: dict[tuple[int, int], FormulaCell] = {}
    prefixed = b"<sheetData" not in xml
    for m in (_F_TAG if prefixed else _F_TAG_PLAIN).finditer(xml):
        pos = m.start()
        start = xml.rfind(b"<", 0, pos)
        tag = xml[start:pos]
        ref = _R_ATTR.search(tag)
        if ref is None:
            continue
        end_m = _C_END.search(xml, pos)
        end = end_m.start() if end_m else len(xml)
        gt = xml.find(b">", pos)
        if xml[gt - 1:gt] == b"/":
            formula, after = "", gt + 1
        else:
            close = xml.find(b"</", gt)
            formula, after = html.unescape(xml[gt + 1:close].decode("utf-8", "replace")), close
        t_m = _T_ATTR.search(tag)
        kind = t_m.group(1) if t_m else b"n"
        v = _V_TAG.search(xml, after, end)
        value = v.group(1) if v else None
        cached = bool(value) or (kind in (b"str", b"inlineStr") and v is not None)
        error = value.decode("utf-8", "replace") if kind == b"e" and value else ""
        out[(int(ref.group(2)), column_index(ref.group(1).decode()))] = FormulaCell(formula, cached, error)
    return out


def scan_hidden_columns(xml: bytes) -> set[int]:
    """1-based columns marked hidden in the part's ``<cols>`` (which comes before the cell data)."""
    head_end = xml.find(b"sheetData")
    m = _COLS.search(xml, 0, head_end if head_end > 0 else len(xml))
    hidden: set[int] = set()
    if m is None:
        return hidden
    for col in _COL.finditer(m.group(0)):
        attrs = dict(_ATTR.findall(col.group(1)))
        if attrs.get(b"hidden") in (b"1", b"true"):
            lo = int(attrs.get(b"min", b"1"))
            hi = min(int(attrs.get(b"max", lo)), MAX_COLUMN)
            hidden.update(range(lo, hi + 1))
    return hidden


def sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → worksheet part path ("xl/worksheets/sheet1.xml"), from workbook.xml and its rels."""
    names = set(zf.namelist())
    book = "xl/workbook.xml"
    if "_rels/.rels" in names:
        for rel in ElementTree.fromstring(zf.read("_rels/.rels")):
            if rel.get("Type", "").endswith("/officeDocument"):
                book = rel.get("Target", book).lstrip("/")
    rels_path = posixpath.join(posixpath.dirname(book), "_rels", posixpath.basename(book) + ".rels")
    if book not in names or rels_path not in names:
        return {}
    targets: dict[str, str] = {}
    for rel in ElementTree.fromstring(zf.read(rels_path)):
        target = rel.get("Target", "")
        full = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
            posixpath.join(posixpath.dirname(book), target))
        targets[rel.get("Id", "")] = full
    parts: dict[str, str] = {}
    for el in ElementTree.fromstring(zf.read(book)).iter():
        if el.tag.endswith("}sheet") or el.tag == "sheet":
            rid = el.get(f"{{{_REL_NS}}}id", "")
            if rid in targets:
                parts[el.get("name", "")] = targets[rid]
    return parts


PROGRESS_TOTAL, PROGRESS_SHEETS, PROGRESS_ROWS = 100, 30, 95


def _rows_progress(progress: Callable[[int, int], None] | None) -> Callable[[int, int], None] | None:
    """The table's row progress on the one 0–100 scale of a whole load (sheets 0–30, rows 30–95)."""
    if progress is None:
        return None
    span = PROGRESS_ROWS - PROGRESS_SHEETS
    return lambda done, total: progress(PROGRESS_SHEETS + span * done // max(total, 1), PROGRESS_TOTAL)


def read_xlsx(data: bytes, *, path: str = "", progress: Callable[[int, int], None] | None = None,
              cancelled: Callable[[], bool] | None = None, parts_xml: dict[str, bytes] | None = None) -> Portfolio:
    """The portfolio in an .xlsx/.xlsm workbook's best-matching sheet (not yet revalidated).

    ``progress(done, 100)`` rises from 0 to 95; the loader reports 100 when validation is done.
    ``parts_xml`` holds parts already decompressed from these very bytes (by the file guard): part name →
    XML; any part not in it is read from ``data``.
    """
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise WorkbookError("damaged_zip", path=path, reason=str(exc)) from exc
    try:
        parts = sheet_parts(zf)
    except (KeyError, ElementTree.ParseError, ValueError):
        parts = {}
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    sheets = [m for m in book.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
    if not sheets:
        raise WorkbookError("no_sheets", path=path)
    best: tuple[float, str, HeaderMatch] | None = None
    partials: list[tuple[str, HeaderMatch | None]] = []
    heads: dict[str, list[list[object]]] = {}
    loaded: dict[str, object] = {}
    for i, meta in enumerate(sheets):
        if cancelled is not None and cancelled():
            raise WorkbookError("cancelled", path=path)
        sheet = book.get_sheet_by_name(meta.name)
        loaded[meta.name] = sheet
        head = sheet.to_python(skip_empty_area=False, nrows=HEADER_SCAN_ROWS)
        heads[meta.name] = head
        header, partial = find_header(head)
        if header is None:
            partials.append((meta.name, partial))
            continue
        score = header.score + (0.5 if meta.visible == SheetVisibleEnum.Visible else 0.0)
        if best is None or score > best[0]:
            best = (score, meta.name, header)
        if progress is not None:
            progress(PROGRESS_SHEETS * (i + 1) // len(sheets), PROGRESS_TOTAL)
    if best is None:
        if not any(any(v != "" and v is not None for v in row) for head in heads.values() for row in head):
            raise WorkbookError("no_sheets", path=path)
        name, partial = max(partials, key=lambda p: p[1].score if p[1] else 0)
        raise header_error(name, partial, path)
    _, name, header = best
    grid = loaded[name].to_python(skip_empty_area=False)
    formulas, hidden = {}, set()
    part = parts.get(name)
    if part is not None:
        xml = parts_xml.get(part) if parts_xml else None
        if xml is None:
            xml = zf.read(part)
        formulas, hidden = scan_formulas(xml), scan_hidden_columns(xml)
    metadata = Metadata()
    for other, head in heads.items():
        if other != name and (header_key(other) in _META_SHEETS or len(head) < HEADER_SCAN_ROWS):
            found = read_metadata(head, sheet=other)
            found.title = ""
            metadata.fill_from(found)
    portfolio = read_table(grid, sheet=name, path=path, formulas=formulas, hidden_columns=hidden, header=header,
                           metadata=metadata, progress=_rows_progress(progress), cancelled=cancelled)
    links = [n for n in zf.namelist() if n.startswith("xl/externalLinks/externalLink")]
    if links:
        portfolio.read_findings = [*portfolio.read_findings, Finding(
            severity=Severity.WARNING, code="external_links", where=CellRef(sheet=name),
            params={"count": str(len(links))})]
    return portfolio
