"""Package-level additions beyond plain-value sheets: a worksheet given as XML, a chart transplanted
with its drawing, and cell styles (number formats, bold) added to styles.xml.

Like :mod:`planner.xlsx_sheets` this edits only the parts it must (the new parts, their rels, content
types, workbook.xml and, once, styles.xml); every other part of a colleague's workbook stays byte for
byte. A part that already exists (a summary sheet written by an earlier save) is replaced in place, so
names, ids and relationships stay stable from save to save.
"""

from __future__ import annotations

import io
import re
import zipfile

from planner.xlsx_package import (
    CT_WORKSHEET,
    NS_REL,
    REL_WORKSHEET,
    XlsxPackage,
    add_override,
    add_relationship,
    add_sheet_entry,
    new_part_name,
    next_sheet_id,
)

REL_DRAWING = NS_REL + "/drawing"
REL_CHART = NS_REL + "/chart"
REL_STYLES = NS_REL + "/styles"
CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml"
CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"


def package_from_bytes(data: bytes, path: str = "") -> XlsxPackage:
    """An in-memory package (e.g. a workbook openpyxl just wrote) to edit part by part."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        infos = zf.infolist()
        parts = {i.filename: zf.read(i) for i in infos}
    return XlsxPackage(infos, parts, path)


def put_sheet_xml(pkg: XlsxPackage, name: str, xml: bytes) -> str:
    """Replace the sheet ``name``'s part (keeping part, id and rel) or add it at the end; returns the part."""
    existing = {n.casefold(): part for n, part, _ in pkg.sheets()}
    part = existing.get(name.casefold())
    if part is not None:
        pkg.replace(part, xml)
        return part
    wb = pkg.workbook_part()
    part = new_part_name(pkg, "xl/worksheets", "sheet")
    pkg.add(part, xml)
    add_override(pkg, part, CT_WORKSHEET)
    rid = add_relationship(pkg, wb, REL_WORKSHEET, part)
    wb_xml = pkg.read_text(wb)
    pkg.replace(wb, add_sheet_entry(wb_xml, name, next_sheet_id(wb_xml), rid).encode("utf-8"))
    return part


def put_chart(pkg: XlsxPackage, sheet_part: str, drawing_xml: str, chart_xml: bytes,
              chart_rid_placeholder: str = "rId1") -> str:
    """Give ``sheet_part`` one drawing holding one chart; returns the sheet's rId for ``<drawing r:id>``.

    ``drawing_xml`` refers to its chart as ``chart_rid_placeholder``; that is rewritten to the real id.
    When the sheet already has a drawing with a chart (an earlier save), both parts are replaced in place.
    """
    drawing_rel = next((r for r in pkg.relationships(sheet_part)
                        if r.type == REL_DRAWING and not r.external and r.part in pkg), None)
    chart_rel = None
    if drawing_rel is not None:
        chart_rel = next((r for r in pkg.relationships(drawing_rel.part)
                          if r.type == REL_CHART and not r.external and r.part in pkg), None)
    if drawing_rel is not None and chart_rel is not None:
        pkg.replace(chart_rel.part, chart_xml)
        pkg.replace(drawing_rel.part, _with_rid(drawing_xml, chart_rid_placeholder, chart_rel.id))
        return drawing_rel.id
    drawing = drawing_rel.part if drawing_rel is not None else new_part_name(pkg, "xl/drawings", "drawing")
    chart = new_part_name(pkg, "xl/charts", "chart")
    pkg.add(chart, chart_xml)
    add_override(pkg, chart, CT_CHART)
    chart_rid = add_relationship(pkg, drawing, REL_CHART, chart)
    pkg.add(drawing, _with_rid(drawing_xml, chart_rid_placeholder, chart_rid))
    add_override(pkg, drawing, CT_DRAWING)
    if drawing_rel is not None:
        return drawing_rel.id
    return add_relationship(pkg, sheet_part, REL_DRAWING, drawing)


def _with_rid(xml: str, placeholder: str, rid: str) -> bytes:
    return re.sub(rf'(\br:id=")({re.escape(placeholder)})(")', rf"\g<1>{rid}\g<3>", xml).encode("utf-8")


# -- styles ---------------------------------------------------------------------------------------------

def styles_part(pkg: XlsxPackage) -> str | None:
    for rel in pkg.relationships(pkg.workbook_part()):
        if rel.type == REL_STYLES and not rel.external and rel.part in pkg:
            return rel.part
    return None


def ensure_cell_style(pkg: XlsxPackage, *, number_format: str | None = None, bold: bool = False) -> str | None:
    """The cellXfs index of a style with ``number_format`` and/or a bold default font, added to
    styles.xml when missing (reused when an earlier save added it); None when the package has no
    usable styles part (cells then keep the default style)."""
    part = styles_part(pkg)
    if part is None:
        return None
    xml = pkg.read_text(part)
    p = _prefix(xml)
    if not re.search(rf"<{p}cellXfs\b[^>]*>", xml):
        return None
    fmt_id = 0
    if number_format is not None:
        xml, fmt_id = _ensure_num_fmt(xml, p, number_format)
    font_id = 0
    if bold:
        xml, font_id = _ensure_bold_font(xml, p)
        if font_id is None:
            return None
    attrs = f'numFmtId="{fmt_id}" fontId="{font_id}" fillId="0" borderId="0" xfId="0"'
    if number_format is not None:
        attrs += ' applyNumberFormat="1"'
    if bold:
        attrs += ' applyFont="1"'
    xml, index = _ensure_child(xml, p, "cellXfs", "xf", f"<{p}xf {attrs}/>")
    pkg.replace(part, xml.encode("utf-8"))
    return str(index)


def _prefix(xml: str) -> str:
    m = re.search(r"<(\w+:)?styleSheet\b", xml)
    return (m.group(1) or "") if m else ""


def _children(block: str, p: str, child: str) -> list[str]:
    return re.findall(rf"<{p}{child}\b(?:[^>]*/>|[^>]*>.*?</{p}{child}>)", block, flags=re.DOTALL)


def _ensure_child(xml: str, p: str, parent: str, child: str, element: str) -> tuple[str, int]:
    """(xml, index of ``element`` among ``parent``'s children), appending it when not there."""
    m = re.search(rf"<{p}{parent}\b([^>]*?)(/?)>", xml)
    assert m is not None
    if m.group(2):
        new_block = f'<{p}{parent} count="1">{element}</{p}{parent}>'
        return xml[:m.start()] + new_block + xml[m.end():], 0
    end = xml.index(f"</{p}{parent}>", m.end())
    children = _children(xml[m.end():end], p, child)
    if element in children:
        return xml, children.index(element)
    attrs = re.sub(r'\s*\bcount="\d*"', "", m.group(1))
    head = f'<{p}{parent}{attrs} count="{len(children) + 1}">'
    return xml[:m.start()] + head + xml[m.end():end] + element + xml[end:], len(children)


def _ensure_num_fmt(xml: str, p: str, code: str) -> tuple[str, int]:
    from planner.xlsx_package import attr_escape

    for m in re.finditer(rf"<{p}numFmt\b[^>]*/>", xml):
        code_m = re.search(r'formatCode="([^"]*)"', m.group(0))
        id_m = re.search(r'numFmtId="(\d+)"', m.group(0))
        if code_m and id_m and code_m.group(1) == attr_escape(code):
            return xml, int(id_m.group(1))
    ids = [int(x) for x in re.findall(rf'<{p}numFmt\b[^>]*numFmtId="(\d+)"', xml)]
    new_id = max([163, *ids]) + 1
    element = f'<{p}numFmt numFmtId="{new_id}" formatCode="{attr_escape(code)}"/>'
    if re.search(rf"<{p}numFmts\b", xml):
        xml, _ = _ensure_child(xml, p, "numFmts", "numFmt", element)
        return xml, new_id
    root = re.search(rf"<{p}styleSheet\b[^>]*>", xml)
    assert root is not None
    return xml[:root.end()] + f'<{p}numFmts count="1">{element}</{p}numFmts>' + xml[root.end():], new_id


def _ensure_bold_font(xml: str, p: str) -> tuple[str, int | None]:
    m = re.search(rf"<{p}fonts\b[^>]*>(.*?)</{p}fonts>", xml, flags=re.DOTALL)
    if m is None:
        return xml, None
    fonts = _children(m.group(1), p, "font")
    if not fonts:
        return xml, None
    first = fonts[0]
    if first.endswith("/>"):
        bold = first[:-2] + f"><{p}b/></{p}font>"
    else:
        open_end = first.index(">") + 1
        body = re.sub(rf"<{p}b\b[^>]*/>", "", first[open_end:])
        bold = first[:open_end] + f"<{p}b/>" + body
    xml, index = _ensure_child(xml, p, "fonts", "font", bold)
    return xml, index
