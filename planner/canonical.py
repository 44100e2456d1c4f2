"""The canonical workbook layout, for a portfolio that has no workbook of its own (new, or from CSV).

Written with openpyxl (nothing to preserve here); read back by the ordinary reader. See
docs/canonical-format.md. After writing, the portfolio's ``source`` and every initiative's
``sources`` point at the cells written, so the next save patches this file cell by cell.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from planner.cells import CellRef
from planner.errors import WorkbookError
from planner.model import CostCategory, Initiative, Portfolio, SourceInfo
from planner.safe_save import Fault, atomic_write

if TYPE_CHECKING:
    from planner.xlsx_package import XlsxPackage

SHEET = "Initiativer"
TITLE_ROW, PROGRAM_ROW, PRICE_ROW, UNIT_ROW = 1, 2, 3, 4
HEADER_ROW = 6
FRAME_LABEL = "Ramme"
AMOUNT_FORMAT = "#,##0.0##"
BEFORE_YEARS = (("id", "ID"), ("name", "Initiativ"), ("area", "Område"), ("phase", "Fase"), ("theme", "Tema"),
                ("recipients", "Tilskudsmodtagere"), ("start", "Start"), ("end", "Slut"),
                ("next_phase", "Næste fase"), ("next_round", "Runde"))


def columns(years: Sequence[int]) -> list[tuple[str, str]]:
    """(field key, header) in column order."""
    cols = list(BEFORE_YEARS)
    cols += [(f"year:{y}", str(y)) for y in years]
    cols.append(("stated_total", "I alt"))
    cols += [(f"cost:{c.value}", c.label("da")) for c in CostCategory]
    cols.append(("notes", "Bemærkning"))
    return cols


def _value(ini: Initiative, key: str) -> object:
    if key.startswith("year:"):
        return ini.amounts.get(int(key[5:]))
    if key.startswith("cost:"):
        return ini.costs.get(CostCategory(key[5:]))
    if key in ("phase", "next_phase"):
        phase = getattr(ini, key)
        return phase.label_da if phase else (ini.phase_text or None if key == "phase" else None)
    return {"id": ini.id, "name": ini.name, "area": ini.area, "theme": ini.theme, "recipients": ini.recipients,
            "start": ini.start_year, "end": ini.end_year, "next_round": ini.next_round,
            "stated_total": ini.stated_total, "notes": ini.notes}.get(key)


def write_canonical(portfolio: Portfolio, out: Path, *,
                    extra_sheets: Mapping[str, Sequence[Sequence[object]]] | None = None,
                    fault: Fault | None = None,
                    package_edits: Sequence[Callable[[XlsxPackage], None]] | None = None) -> None:
    """Write ``portfolio`` in the canonical layout to ``out`` atomically; then point its sources there.

    ``package_edits`` (see ``save_portfolio``) edit the written package before it goes to disk."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    if SHEET in (extra_sheets or {}):
        raise WorkbookError("bad_argument", path=str(out),
                            reason=f"the sheet '{SHEET}' holds the initiatives and cannot be replaced")
    years = portfolio.all_years()
    cols = columns(years)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    bold = Font(bold=True)
    ws.cell(TITLE_ROW, 1, f"Portefølje – {portfolio.name}" if portfolio.name else "Portefølje").font = Font(
        bold=True, size=14)
    for row, label, value in ((PROGRAM_ROW, "Program", portfolio.name), (PRICE_ROW, "Prisniveau",
                              portfolio.price_level), (UNIT_ROW, "Enhed", portfolio.unit)):
        ws.cell(row, 1, label)
        ws.cell(row, 2, value or None)
    for c, (_, header) in enumerate(cols, start=1):
        ws.cell(HEADER_ROW, c, int(header) if header.isdigit() else header).font = bold
    sources: list[dict[str, CellRef]] = []
    row = HEADER_ROW
    for ini in portfolio.initiatives:
        row += 1
        cells: dict[str, CellRef] = {}
        for c, (key, _) in enumerate(cols, start=1):
            value = _value(ini, key)
            cell = _put(ws, row, c, value)
            if isinstance(value, Decimal):
                cell.number_format = AMOUNT_FORMAT
            cells[key] = CellRef(sheet=SHEET, row=row, column=c)
        sources.append(cells)
    last_row = row if portfolio.initiatives else None
    frame_row = row + 2
    col_of = {key: c for c, (key, _) in enumerate(cols, start=1)}
    ws.cell(frame_row, col_of["name"], FRAME_LABEL).font = bold
    frame_sources: dict[str, CellRef] = {}
    frame = portfolio.frame
    for y, amount in frame.by_year.items():
        if f"year:{y}" in col_of:
            ws.cell(frame_row, col_of[f"year:{y}"], amount).number_format = AMOUNT_FORMAT
            frame_sources[f"year:{y}"] = CellRef(sheet=SHEET, row=frame_row, column=col_of[f"year:{y}"])
    ws.cell(frame_row, col_of["stated_total"], frame.total).number_format = AMOUNT_FORMAT
    frame_sources["total"] = CellRef(sheet=SHEET, row=frame_row, column=col_of["stated_total"])
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 3)
    ws.column_dimensions["B"].width = 40
    for name, rows in (extra_sheets or {}).items():
        extra = wb[name] if name in wb.sheetnames else wb.create_sheet(name)
        for r, values in enumerate(rows, start=1):
            for c, v in enumerate(values, start=1):
                if v is not None and v != "":
                    _put(extra, r, c, v)
    buf = io.BytesIO()
    wb.save(buf)
    if package_edits:
        from planner.xlsx_parts import package_from_bytes

        pkg = package_from_bytes(buf.getvalue(), str(out))
        for edit in package_edits:
            edit(pkg)
        buf = io.BytesIO()
        pkg.write(buf)
    atomic_write(out, lambda fh: fh.write(buf.getbuffer()), fault=fault)

    for ini, cells in zip(portfolio.initiatives, sources, strict=True):
        ini.sources = cells
    frame.sources = frame_sources
    from planner.writer import record_source

    record_source(portfolio, out, SourceInfo(
        format="xlsx", sheet=SHEET, header_row=HEADER_ROW, columns={k: c for k, c in col_of.items()},
        first_row=HEADER_ROW + 1 if last_row else None, last_row=last_row, totals_row=None))


def _put(ws, row: int, col: int, value: object):  # type: ignore[no-untyped-def]
    """Set a cell; text stays text even when it starts with '=' (openpyxl would make it a formula)."""
    if isinstance(value, str):
        from planner.xlsx_patch import excel_escape

        cell = ws.cell(row, col)
        cell.value = excel_escape(value) or None
        cell.data_type = "s"
        return cell
    return ws.cell(row, col, value)
