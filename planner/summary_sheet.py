"""The optional summary sheet "Oversigt": the portfolio's totals for colleagues who only have Excel.

Totals per year (split by phase, with the frame and the difference), per phase and per area, and the
frame against what is allocated, in mio. kr. shown with one decimal (number format ``0.0``; the cells
hold the exact amounts). Beside the tables a native chart: stacked bars per year by phase with the
yearly frame as a line, so it is there in Excel and LibreOffice without the app.

How it gets into a colleague's workbook without touching anything else: the chart and its drawing are
built by openpyxl in a scratch workbook whose sheet has the same name and cells as ours, and those two
parts are transplanted into the package (:mod:`planner.xlsx_parts`); the worksheet itself is written as
XML with inline strings and two cell styles added to styles.xml. The chart's series point at the summary
sheet's cells and carry their values (``numCache``/``strCache``), so it shows before any recalculation.
The sheet is replaced on each save; a sheet called "Oversigt" that the planner did not write is left
alone and the summary goes to "Oversigt (planner)" instead.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from planner.amounts import ZERO
from planner.cells import column_letter
from planner.errors import WorkbookError
from planner.model import Portfolio, area_label
from planner.phases import PHASES
from planner.xlsx_package import NS_MAIN, NS_REL, XlsxPackage
from planner.xlsx_parts import ensure_cell_style, package_from_bytes, put_chart, put_sheet_xml
from planner.xlsx_patch import CellInput, SheetXml, cell_xml

SHEET = "Oversigt"
MARK = "Oversigt – skrevet af Portfolio Planner"
NUMBER_FORMAT = "0.0"
UNKNOWN_PHASE = "Ukendt fase"
YEAR_HEADER = "År"
TOTAL = "I alt"
FRAME = "Ramme"
DIFFERENCE = "Forskel (ramme − bevilget)"
ALLOCATED = "Bevilget"
CHART_TITLE = "Bevillinger pr. år og fase mod rammen (mio. kr.)"
HEADER_ROW = 4


@dataclass
class Summary:
    """The summary sheet's grid (row 1 = rows[0]) and what the chart needs from it.

    ``kinds`` marks cells as "num" (amount, format 0.0) or "bold"; ``series_cols`` are the phase columns
    of the year table (stacked bars), ``frame_col`` the yearly frame column (the line) or None.
    """

    rows: list[list[object]]
    kinds: dict[tuple[int, int], str] = field(default_factory=dict)
    first_year_row: int = HEADER_ROW + 1
    last_year_row: int = HEADER_ROW
    series_cols: list[int] = field(default_factory=list)
    frame_col: int | None = None
    width: int = 1

    def put(self, row: int, col: int, value: object, kind: str = "") -> None:
        while len(self.rows) < row:
            self.rows.append([])
        line = self.rows[row - 1]
        while len(line) < col:
            line.append(None)
        line[col - 1] = value
        if kind:
            self.kinds[(row, col)] = kind
        self.width = max(self.width, col)


def _phase_groups(portfolio: Portfolio) -> list[tuple[str, str | None]]:
    """(column label, phase value or None for no phase) for the phases that hold money, ladder order."""
    used = {ini.phase.value if ini.phase else None for ini in portfolio.initiatives if ini.total != 0}
    groups: list[tuple[str, str | None]] = [(p.label_da, p.value) for p in PHASES if p.value in used]
    if None in used:
        groups.append((UNKNOWN_PHASE, None))
    return groups


def build_summary(portfolio: Portfolio, *, now: datetime | None = None) -> Summary:
    """The figures of the summary sheet (exact Decimals) laid out as they are written."""
    s = Summary(rows=[])
    s.put(1, 1, MARK, "bold")
    stamp = (now or datetime.now()).strftime("%Y-%m-%d %H:%M")
    unit = f"mio. kr. {portfolio.price_level}".strip()
    s.put(2, 1, " · ".join(x for x in (portfolio.name, unit, f"opdateret {stamp}") if x))
    years = portfolio.all_years()
    groups = _phase_groups(portfolio)
    frame = portfolio.frame
    by_year_phase: dict[tuple[int, str | None], Decimal] = {}
    for ini in portfolio.initiatives:
        key = ini.phase.value if ini.phase else None
        for year, amount in ini.amounts.items():
            by_year_phase[(year, key)] = by_year_phase.get((year, key), ZERO) + amount
    headers = [YEAR_HEADER, *(label for label, _ in groups), TOTAL, FRAME, DIFFERENCE]
    for c, text in enumerate(headers, start=1):
        s.put(HEADER_ROW, c, text, "bold")
    total_col = len(groups) + 2
    s.series_cols = list(range(2, total_col))
    s.frame_col = total_col + 1 if any(y in frame.by_year for y in years) else None
    totals = portfolio.totals_by_year()
    row = HEADER_ROW
    for year in years:
        row += 1
        s.put(row, 1, year)
        for c, (_, key) in enumerate(groups, start=2):
            s.put(row, c, by_year_phase.get((year, key), ZERO), "num")
        s.put(row, total_col, totals.get(year, ZERO), "num")
        if year in frame.by_year:
            s.put(row, total_col + 1, frame.by_year[year], "num")
            s.put(row, total_col + 2, frame.by_year[year] - totals.get(year, ZERO), "num")
    s.first_year_row, s.last_year_row = HEADER_ROW + 1, row
    row += 1
    s.put(row, 1, TOTAL, "bold")
    for c, (_, key) in enumerate(groups, start=2):
        s.put(row, c, sum((a for (_, k), a in by_year_phase.items() if k == key), ZERO), "num")
    allocated = portfolio.total()
    frame_total = frame.effective_total()
    s.put(row, total_col, allocated, "num")
    if frame_total is not None:
        s.put(row, total_col + 1, frame_total, "num")
        s.put(row, total_col + 2, frame_total - allocated, "num")

    row += 2
    s.put(row, 1, "Fase", "bold")
    s.put(row, 2, "Mio. kr.", "bold")
    phase_totals = portfolio.by_phase()
    for label, key in groups:
        row += 1
        s.put(row, 1, label)
        s.put(row, 2, phase_totals.get(key or "ukendt", ZERO), "num")
    row += 1
    s.put(row, 1, TOTAL, "bold")
    s.put(row, 2, allocated, "num")

    row += 2
    s.put(row, 1, "Område", "bold")
    s.put(row, 2, "Mio. kr.", "bold")
    for area, amount in sorted(portfolio.by_area().items(), key=lambda kv: (kv[0] == "", kv[0])):
        row += 1
        s.put(row, 1, area_label(area) if area else "(uden område)")
        s.put(row, 2, amount, "num")
    row += 1
    s.put(row, 1, TOTAL, "bold")
    s.put(row, 2, allocated, "num")

    row += 2
    s.put(row, 1, FRAME, "bold")
    s.put(row, 2, frame_total, "num")
    s.put(row + 1, 1, ALLOCATED, "bold")
    s.put(row + 1, 2, allocated, "num")
    s.put(row + 2, 1, DIFFERENCE, "bold")
    s.put(row + 2, 2, None if frame_total is None else frame_total - allocated, "num")
    return s


# -- the chart, made by openpyxl ----------------------------------------------------------------------

def chart_parts(summary: Summary, sheet: str) -> tuple[str, bytes, str] | None:
    """(drawing XML, chart XML, the drawing's rId for its chart) from a scratch openpyxl workbook whose
    sheet ``sheet`` holds the same cells; None when there is nothing to chart."""
    if not summary.series_cols or summary.last_year_row < summary.first_year_row:
        return None
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, LineChart, Reference
    from openpyxl.chart.data_source import NumData, NumVal, StrData, StrVal

    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for r, line in enumerate(summary.rows, start=1):
        for c, value in enumerate(line, start=1):
            if value is not None:
                ws.cell(r, c, float(value) if isinstance(value, Decimal) else value)
    first, last = summary.first_year_row, summary.last_year_row
    years = [summary.rows[r - 1][0] for r in range(first, last + 1)]

    def cell(r: int, c: int) -> object:
        line = summary.rows[r - 1]
        return line[c - 1] if c - 1 < len(line) else None

    def fill(series, col: int) -> None:  # type: ignore[no-untyped-def]
        points = [NumVal(idx=i, v=float(v)) for i, r in enumerate(range(first, last + 1))
                  if isinstance(v := cell(r, col), Decimal)]
        series.val.numRef.numCache = NumData(formatCode=NUMBER_FORMAT, ptCount=last - first + 1, pt=points)
        series.tx.strRef.strCache = StrData(ptCount=1, pt=[StrVal(idx=0, v=str(cell(HEADER_ROW, col)))])
        series.cat.numRef.numCache = NumData(formatCode="General", ptCount=len(years),
                                             pt=[NumVal(idx=i, v=y) for i, y in enumerate(years)])

    cats = Reference(ws, min_col=1, min_row=first, max_row=last)
    bar = BarChart()
    bar.type = "col"
    bar.grouping = "stacked"
    bar.overlap = 100
    bar.gapWidth = 60
    bar.title = CHART_TITLE
    bar.y_axis.title = "Mio. kr."
    bar.y_axis.majorGridlines = bar.y_axis.majorGridlines
    bar.x_axis.delete = False
    bar.y_axis.delete = False
    bar.legend.position = "b"
    for col in summary.series_cols:
        bar.add_data(Reference(ws, min_col=col, min_row=HEADER_ROW, max_row=last), titles_from_data=True)
    bar.set_categories(cats)
    for series, col in zip(bar.series, summary.series_cols, strict=True):
        fill(series, col)
    if summary.frame_col is not None:
        line = LineChart()
        line.add_data(Reference(ws, min_col=summary.frame_col, min_row=HEADER_ROW, max_row=last),
                      titles_from_data=True)
        line.set_categories(cats)
        frame_series = line.series[0]
        fill(frame_series, summary.frame_col)
        frame_series.graphicalProperties.line.solidFill = "C0392B"
        frame_series.graphicalProperties.line.width = 28575
        frame_series.smooth = False
        bar += line
    bar.width, bar.height = 18, 9
    ws.add_chart(bar, f"{column_letter(summary.width + 2)}{HEADER_ROW}")
    buf = io.BytesIO()
    wb.save(buf)
    scratch = package_from_bytes(buf.getvalue())
    sheet_part = scratch.sheet_parts()[sheet]
    drawing = next(r for r in scratch.relationships(sheet_part) if r.type.endswith("/drawing"))
    chart = next(r for r in scratch.relationships(drawing.part) if r.type.endswith("/chart"))
    return scratch.read_text(drawing.part), _shortest_numbers(scratch.read_text(chart.part)), chart.id


def _shortest_numbers(xml: str) -> bytes:
    """openpyxl writes cached numbers with '%.16g' (69.1 → 69.09999999999999); give them their
    shortest exact text again so the cache says what the cells say."""
    def sub(m: re.Match[str]) -> str:
        try:
            number = float(m.group(2))
        except ValueError:
            return m.group(0)
        text = str(int(number)) if number.is_integer() and abs(number) < 1e15 else repr(number)
        prefix = m.group(1) or ""
        return f"<{prefix}v>{text}</{prefix}v>"

    return re.sub(r"<(\w+:)?v>([-+0-9.eE]+)</(?:\w+:)?v>", sub, xml).encode("utf-8")


# -- into the package ---------------------------------------------------------------------------------

def summary_sheet_name(pkg: XlsxPackage, protect: str = "") -> str:
    """"Oversigt" when free or written by us; otherwise the first free or ours of "Oversigt (planner)" …"""
    parts = {n.casefold(): part for n, part, _ in pkg.sheets()}
    candidates = [SHEET, f"{SHEET} (planner)", *(f"{SHEET} (planner {n})" for n in range(2, 50))]
    for name in candidates:
        part = parts.get(name.casefold())
        if name.casefold() == protect.casefold():
            continue
        if part is None or _is_ours(pkg, part):
            return name
    raise WorkbookError("bad_argument", path=pkg.path,
                        reason="no free sheet name for the summary (rename the sheets called 'Oversigt …')")


def _is_ours(pkg: XlsxPackage, part: str) -> bool:
    try:
        value = SheetXml(pkg.read_text(part), pkg.shared_strings).cell(1, 1).value
    except (KeyError, ValueError):
        return False
    return value == MARK


def sheet_xml(summary: Summary, styles: dict[str, str | None], drawing_rid: str | None) -> bytes:
    """The worksheet part: cells (amounts styled 0.0, headers bold), column widths, the drawing."""
    body = []
    for r, line in enumerate(summary.rows, start=1):
        cells = []
        for c, value in enumerate(line, start=1):
            if value is None or value == "":
                continue
            kind = summary.kinds.get((r, c), "")
            cells.append(cell_xml(f"{column_letter(c)}{r}", _input(value), styles.get(kind)))
        if cells:
            body.append(f'<row r="{r}">{"".join(cells)}</row>')
    last = f"{column_letter(summary.width)}{max(len(summary.rows), 1)}"
    cols = '<col min="1" max="1" width="30" customWidth="1"/>'
    if summary.width > 1:
        cols += f'<col min="2" max="{summary.width}" width="14" customWidth="1"/>'
    drawing = f'<drawing r:id="{drawing_rid}"/>' if drawing_rid else ""
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<worksheet xmlns="{NS_MAIN}" xmlns:r="{NS_REL}">'
            f'<dimension ref="A1:{last}"/><cols>{cols}</cols>'
            f'<sheetData>{"".join(body)}</sheetData>'
            '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
            f"{drawing}</worksheet>").encode()


def _input(value: object) -> CellInput:
    if isinstance(value, (int, Decimal, str)):
        return value
    return str(value)


def put_summary(pkg: XlsxPackage, portfolio: Portfolio, *, protect: str = "",
                now: datetime | None = None) -> str:
    """Write (or replace) the summary sheet with its chart in ``pkg``; returns the sheet's name."""
    name = summary_sheet_name(pkg, protect)
    summary = build_summary(portfolio, now=now)
    styles = {"num": ensure_cell_style(pkg, number_format=NUMBER_FORMAT),
              "bold": ensure_cell_style(pkg, bold=True)}
    part = put_sheet_xml(pkg, name, sheet_xml(summary, styles, None))
    parts = chart_parts(summary, name)
    if parts is not None:
        drawing_xml, chart_xml, placeholder = parts
        rid = put_chart(pkg, part, drawing_xml, chart_xml, placeholder)
        pkg.replace(part, sheet_xml(summary, styles, rid))
    return name


def summary_edit(portfolio: Portfolio, *, now: datetime | None = None) -> Callable[[XlsxPackage], None]:
    """A package edit for ``save_portfolio(..., package_edits=[...])`` that adds the summary sheet."""
    protect = portfolio.source.sheet if portfolio.source is not None else ""

    def edit(pkg: XlsxPackage) -> None:
        put_summary(pkg, portfolio, protect=protect, now=now)

    return edit
