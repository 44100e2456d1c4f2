"""Save a portfolio: into a copy of its own workbook, changing only the cells whose values changed.

For a portfolio read from an .xlsx/.xlsm, the package is copied entry for entry and only the worksheet
cells whose current value differs from the model are rewritten (:mod:`planner.xlsx_patch`); charts,
images, comments, macros, extLst, validation, formats, defined names and everything else survive by
construction. New initiatives become new rows after the last initiative row (before a totals row),
styled like the row above. A portfolio with no source workbook is written in the canonical layout
(:mod:`planner.canonical`). Every save is atomic (:mod:`planner.safe_save`).
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from planner.amounts import AmountError, parse_amount
from planner.cells import CellRef
from planner.errors import WorkbookError
from planner.log import get_logger
from planner.model import CostCategory, Initiative, Portfolio, SourceInfo, normalise_area
from planner.phases import Phase, parse_phase
from planner.safe_save import Fault, atomic_copy, atomic_write, fingerprint
from planner.xlsx_moves import shift_package
from planner.xlsx_package import (
    CONTENT_TYPES,
    CT_WORKBOOK,
    CT_WORKBOOK_MACRO,
    XlsxPackage,
    drop_calc_chain,
    encode_like,
    set_full_calc_on_load,
)
from planner.xlsx_patch import CellInput, CellValue, SheetXml
from planner.xlsx_sheets import check_sheet_name, put_plain_sheet
from planner.xlsx_shift import RowShift

ExtraSheets = Mapping[str, Sequence[Sequence[object]]]
PackageEdit = Callable[[XlsxPackage], None]

TEXT_KEYS = ("id", "name", "area", "theme", "recipients", "notes", "next_round")
PHASE_KEYS = ("phase", "next_phase")
YEAR_KEYS = ("start", "end")
SUFFIXES = (".xlsx", ".xlsm")


def save_portfolio(portfolio: Portfolio, out_path: str | Path, *, extra_sheets: ExtraSheets | None = None,
                   fault: Fault | None = None, package_edits: Sequence[PackageEdit] | None = None) -> None:
    """Write ``portfolio`` to ``out_path`` (see module doc); ``fault`` injects failures in tests.

    ``package_edits`` are called with the package after the extra sheets, before it is written (e.g.
    :func:`planner.summary_sheet.summary_edit` adding a sheet with a native chart).

    On success ``portfolio.source`` points at ``out_path`` with its new fingerprint, and new
    initiatives carry the cells they were written to. On failure the portfolio and every file on
    disk are as they were, and a WorkbookError says what happened.
    """
    out = Path(out_path)
    if out.suffix.lower() not in SUFFIXES:
        raise WorkbookError("bad_argument", path=str(out),
                            reason=f"save as .xlsx or .xlsm, not '{out.suffix or out.name}'")
    for name in extra_sheets or {}:
        check_sheet_name(name, str(out))
    src = portfolio.source
    if src is None or not src.path or src.format not in ("xlsx", "xlsm"):
        from planner.canonical import write_canonical

        write_canonical(portfolio, out, extra_sheets=extra_sheets, fault=fault, package_edits=package_edits)
        return
    pkg = XlsxPackage.open(src.path)
    macro = pkg.is_macro_enabled()
    if macro and out.suffix.lower() == ".xlsx":
        raise WorkbookError("macros_need_xlsm", path=str(out))
    plan = _WritePlan(pkg, portfolio, src)
    plan.patch_cells()
    plan.find_removed()
    plan.refresh_totals()
    plan.delete_removed()
    plan.add_new_initiatives()
    plan.finish()
    for name, rows in (extra_sheets or {}).items():
        put_plain_sheet(pkg, name, rows, protect=src.sheet)
    for edit in package_edits or ():
        edit(pkg)
    if out.suffix.lower() == ".xlsm" and not macro:
        ct = pkg.read_text(CONTENT_TYPES)
        pkg.replace(CONTENT_TYPES, ct.replace(f'ContentType="{CT_WORKBOOK}"',
                                              f'ContentType="{CT_WORKBOOK_MACRO}"').encode("utf-8"))
    if pkg.changed:
        buf = io.BytesIO()
        pkg.write(buf)
        atomic_write(out, lambda fh: fh.write(buf.getbuffer()), fault=fault)
    else:
        atomic_copy(src.path, out, fault=fault)
    plan.commit_sources()
    record_source(portfolio, out, plan.src)


def record_source(portfolio: Portfolio, out: Path, src: SourceInfo | None) -> None:
    """Point ``portfolio.source`` at the file just written, with its fingerprint."""
    mtime, size, sha = fingerprint(out)
    base = src or SourceInfo()
    portfolio.source = base.model_copy(update={
        "path": str(out), "format": out.suffix.lower().lstrip("."), "mtime_ns": mtime, "size": size,
        "sha256": sha})


class _WritePlan:
    """The cells to change in one package, and the bookkeeping that follows from it."""

    def __init__(self, pkg: XlsxPackage, portfolio: Portfolio, src: SourceInfo) -> None:
        self.pkg, self.portfolio, self.src = pkg, portfolio, src
        self.parts = pkg.sheet_parts()
        self._shared: list[str] | None = None
        self.sheets: dict[str, SheetXml] = {}
        self.shifts: list[RowShift] = []
        self.new_sources: dict[int, dict[str, CellRef]] = {}
        self.changed_cells = 0
        self.stated_updates: list[tuple[Initiative, Decimal]] = []
        self.edited_amounts: list[Initiative] = []
        self.removed_rows: list[int] = []
        self.grid: list[list[Any]] = []
        self.log = get_logger()

    def shared(self) -> list[str]:
        if self._shared is None:
            self._shared = self.pkg.shared_strings()
        return self._shared

    def sheet(self, name: str) -> SheetXml | None:
        if name not in self.sheets:
            part = self.parts.get(name)
            if part is None:
                return None
            self.sheets[name] = SheetXml(self.pkg.read_text(part), self.shared)
        return self.sheets[name]

    # -- changed cells ----------------------------------------------------------------------------
    def _load_grid(self) -> None:
        """The main sheet's cached values via calamine: a fast first look before the exact XML check."""
        self.grid: list[list[Any]] = []
        try:
            from python_calamine import CalamineWorkbook

            book = CalamineWorkbook.from_path(self.pkg.path)
            self.grid = book.get_sheet_by_name(self.src.sheet).to_python(skip_empty_area=False)
        except Exception:  # noqa: BLE001 - calamine has its own error types; any failure: check the XML
            self.grid = []

    def patch_cells(self) -> None:
        """Write every model value that differs from its cell. The hot loop of a save (every cell of the
        table passes here): values are read straight from the model's ``__dict__`` and the obvious
        "unchanged" cases (a Decimal equal to calamine's float, the same text) are decided inline."""
        self._load_grid()
        sheet_name = self.src.sheet
        mapped = [(key, col, *_field(key)) for key, col in self.src.columns.items() if _is_writable_key(key)]
        mapped_keys = {key for key, _, _, _ in mapped}
        mapped_years = {int(key[5:]) for key in mapped_keys if key.startswith("year:")}
        grid = self.grid
        for ini in self.portfolio.initiatives:
            sources = ini.sources
            if not sources:
                continue
            row = _home_row(ini, sheet_name)
            line = grid[row - 1] if grid and row is not None and row - 1 < len(grid) else None
            width = len(line) if line is not None else 0
            if row is not None:
                # The common case, kept tight: the fields in the sheet's columns on the initiative's row.
                values, amounts, costs = ini.__dict__, ini.amounts, ini.costs
                for key, col, kind, arg in mapped:
                    ref = sources.get(key)
                    model = amounts.get(arg) if kind == _AMOUNT else values.get(arg) if kind == _ATTR \
                        else costs.get(arg) if kind == _COST else None
                    if ref is None or (ref.row == row and ref.column == col and ref.sheet == sheet_name):
                        if line is not None:
                            v = line[col - 1] if col <= width else None
                            cls = model.__class__
                            if cls is Decimal:
                                if (v.__class__ is float or v.__class__ is int) and float(model) == v:
                                    continue
                            elif cls is str and model:
                                if v == model:
                                    continue
                            elif model is None or cls is str:
                                if v is None or v == "":
                                    continue
                            elif cls is int:
                                if (v.__class__ is float or v.__class__ is int) and v == model:
                                    continue
                            elif _quick_same(model, v):
                                continue
                        if self._update(ref or CellRef(sheet=sheet_name, row=row, column=col), key, model) \
                                and kind == _AMOUNT:
                            self.edited_amounts.append(ini)
                    elif self._update(ref, key, model) and kind == _AMOUNT:
                        self.edited_amounts.append(ini)
            for key in _extra_keys(ini, mapped_keys, mapped_years) if row is not None else _extra_keys(ini, set()):
                ref = sources.get(key)
                if ref is None or ref.row is None or ref.column is None:
                    if _has_value(ini, key):
                        self.log.warning("save: %s %s has no cell to go to; not written", ini.id, key)
                    continue
                if self._update(ref, key, _model_value(ini, key)) and key.startswith("year:"):
                    self.edited_amounts.append(ini)
        frame = self.portfolio.frame
        for key, ref in frame.sources.items():
            if ref.row is None or ref.column is None:
                continue
            if key == "total":
                self._update(ref, "stated_total", frame.total)
            elif key.startswith("year:"):
                self._update(ref, key, frame.by_year.get(int(key[5:])))

    def _update(self, ref: CellRef, key: str, model: Any) -> bool:
        sheet = self.sheet(ref.sheet)
        if sheet is None:
            self.log.warning("save: sheet %r is gone; %s not written", ref.sheet, ref.describe())
            return False
        assert ref.row is not None and ref.column is not None
        current = sheet.cell(ref.row, ref.column)
        if _same(key, model, current):
            return False
        sheet.set(ref.row, ref.column, _cell_input(key, model))
        self.changed_cells += 1
        return True

    def refresh_totals(self) -> None:
        sheet = self.sheet(self.src.sheet)
        if sheet is None or not (sheet.edited or self.removed_rows
                                 or any(not i.sources for i in self.portfolio.initiatives)):
            return
        from planner.writer_totals import refresh_totals

        self.stated_updates = refresh_totals(self.portfolio, self.src, sheet, self.grid,
                                             lambda ini: _home_row(ini, self.src.sheet), self.edited_amounts,
                                             self.removed_rows)

    # -- removed initiatives ----------------------------------------------------------------------
    def find_removed(self) -> None:
        """Rows that held an initiative the portfolio no longer has (taken out in the app or a merge).

        Cheap first look: unreferenced rows between the first and last initiative row with an id or a
        name. Only when there are such rows is the file read again with the reader, and only rows it
        reads as initiatives are removed: section headings and subtotals are never touched.
        """
        src, grid = self.src, self.grid
        cols = [c for k, c in src.columns.items() if k in ("id", "name")]
        if not grid or not cols or src.first_row is None or src.last_row is None:
            return
        referenced = {r for ini in self.portfolio.initiatives for r in _rows(ini, src.sheet)}
        candidates = [r for r in range(src.first_row, src.last_row + 1) if r not in referenced
                      and any(_grid(grid, r, c) not in (None, "") for c in cols)]
        if not candidates:
            return
        from planner.loader import load_portfolio

        try:
            on_disk = load_portfolio(self.pkg.path)
        except WorkbookError:
            return
        disk_rows = {r for ini in on_disk.initiatives if (r := _home_row(ini, src.sheet)) is not None}
        sheet = self.sheet(src.sheet)
        assert sheet is not None
        self.removed_rows = [r for r in candidates if r in disk_rows and sheet.can_delete(r)]

    def delete_removed(self) -> None:
        if not self.removed_rows:
            return
        sheet = self.sheet(self.src.sheet)
        assert sheet is not None
        blocks: list[list[int]] = []
        for r in self.removed_rows:
            if blocks and r == blocks[-1][-1] + 1:
                blocks[-1].append(r)
            else:
                blocks.append([r])
        for block in reversed(blocks):
            shift = sheet.delete_rows(block[0], len(block), sheet=self.src.sheet)
            self.shifts.append(shift)
            self._shift_package(self.parts[self.src.sheet], shift)
        self.changed_cells += len(self.removed_rows)

    # -- new rows ---------------------------------------------------------------------------------
    def add_new_initiatives(self) -> None:
        new = [(i, ini) for i, ini in enumerate(self.portfolio.initiatives) if not ini.sources]
        if not new:
            return
        src = self.src
        sheet = self.sheet(src.sheet)
        if sheet is None or not src.columns:
            raise WorkbookError("bad_argument", path=src.path,
                                reason=f"cannot add initiatives: sheet '{src.sheet}' or its columns unknown")
        last = src.last_row or max((r for ini in self.portfolio.initiatives for r in _rows(ini, src.sheet)),
                                   default=(src.header_row or 0))
        last -= len(self.removed_rows)
        at = last + 1
        rows = [{col: _cell_input(key, _model_value(ini, key)) for key, col in src.columns.items()
                 if _is_writable_key(key)} for _, ini in new]
        shift = sheet.insert_rows(at, rows, like_row=last if last > (src.header_row or 0) else None,
                                  sheet=src.sheet, grow_end=last)
        self.shifts.append(shift)
        self._shift_package(self.parts[src.sheet], shift)
        for n, (index, _) in enumerate(new):
            self.new_sources[index] = {key: CellRef(sheet=src.sheet, row=at + n, column=col)
                                       for key, col in src.columns.items() if _is_writable_key(key)}
        self.changed_cells += len(new)

    def _shift_package(self, sheet_part: str, shift: RowShift) -> None:
        shift_package(self.pkg, self.parts, self.sheets, sheet_part, shift)

    # -- writing ----------------------------------------------------------------------------------
    def finish(self) -> None:
        """Put edited sheets back into the package; recalc on open; drop a stale calcChain."""
        formulas_gone = False
        for name, sheet in self.sheets.items():
            sheet.apply()
            formulas_gone = formulas_gone or sheet.formulas_overwritten
            part = self.parts[name]
            new = encode_like(self.pkg.read(part), sheet.xml)
            if new != self.pkg.read(part):
                self.pkg.replace(part, new)
        if not self.changed_cells:
            return
        if formulas_gone or self.shifts:
            drop_calc_chain(self.pkg)
        wb = self.pkg.workbook_part()
        self.pkg.replace(wb, set_full_calc_on_load(self.pkg.read_text(wb)).encode("utf-8"))

    def commit_sources(self) -> None:
        """After a successful write: refreshed totals, moved rows and new initiatives' cells in the model."""
        for ini, total in self.stated_updates:
            ini.stated_total = total
        if not self.shifts and not self.new_sources:
            return
        new_ids = set(self.new_sources)
        for index, ini in enumerate(self.portfolio.initiatives):
            if index in new_ids:
                continue
            moved = {k: _moved(r, self.shifts) for k, r in ini.sources.items()}
            if moved != ini.sources:
                ini.sources = moved
        frame = self.portfolio.frame
        frame.sources = {k: _moved(r, self.shifts) for k, r in frame.sources.items()}
        for index, sources in self.new_sources.items():
            self.portfolio.initiatives[index].sources = sources
        src = self.src
        if self.shifts:
            n = sum(s.delta for s in self.shifts)
            upd: dict[str, Any] = {"last_row": (src.last_row or self.shifts[0].at - 1) + n}
            if src.totals_row is not None:
                upd["totals_row"] = _moved_row(src.totals_row, src.sheet, self.shifts)
            if src.first_row is None:
                upd["first_row"] = self.shifts[0].at
            self.src = src.model_copy(update=upd)
            self.portfolio.source = self.src


def _moved_row(row: int, sheet: str, shifts: list[RowShift]) -> int:
    for s in shifts:
        if s.sheet == sheet:
            moved = s.row(row)
            row = moved if moved is not None else s.at  # a deleted row's cells now sit at the gap
    return row


def _moved(ref: CellRef, shifts: list[RowShift]) -> CellRef:
    if ref.row is None:
        return ref
    row = _moved_row(ref.row, ref.sheet, shifts)
    return ref if row == ref.row else ref.model_copy(update={"row": row})


# -- fields: which value goes where, and did it change? ------------------------------------------------

def _is_writable_key(key: str) -> bool:
    return (key in TEXT_KEYS or key in PHASE_KEYS or key in YEAR_KEYS or key == "stated_total"
            or key.startswith(("year:", "cost:")))


def _extra_keys(ini: Initiative, done: set[str], done_years: set[int] | None = None) -> list[str]:
    """Fields not covered by the sheet's columns: their own source cells, or money with nowhere to go.

    ``done_years`` (the years among ``done``) lets the common case, every amount in a mapped year column,
    skip making a key per amount."""
    keys = [k for k in ini.sources if k not in done and _is_writable_key(k)]
    if done_years is None or ini.amounts.keys() - done_years:
        keys += [k for y in ini.amounts if (k := f"year:{y}") not in done and k not in ini.sources]
    if ini.costs:
        keys += [k for c in ini.costs if (k := f"cost:{c.value}") not in done and k not in ini.sources]
    return keys


_AMOUNT, _COST, _ATTR, _NONE = range(4)


def _field(key: str) -> tuple[int, Any]:
    """How the model value of a column's key is found: (kind, year | cost category | attribute name)."""
    if key.startswith("year:"):
        return _AMOUNT, int(key[5:])
    if key.startswith("cost:"):
        try:
            return _COST, CostCategory(key[5:])
        except ValueError:
            return _NONE, None
    attr = _ATTRS.get(key, key)
    return (_ATTR, attr) if attr in Initiative.model_fields else (_NONE, None)


def _rows(ini: Initiative, sheet: str) -> list[int]:
    return [r.row for r in ini.sources.values() if r.sheet == sheet and r.row is not None]


def _home_row(ini: Initiative, sheet: str) -> int | None:
    """The row an initiative lives in (the row most of its source cells are in)."""
    for key in ("id", "name"):
        ref = ini.sources.get(key)
        if ref is not None and ref.sheet == sheet and ref.row is not None:
            return ref.row
    rows = _rows(ini, sheet)
    return Counter(rows).most_common(1)[0][0] if rows else None


_ATTRS = {"start": "start_year", "end": "end_year"}


def _model_value(ini: Initiative, key: str) -> Any:
    if key.startswith("year:"):
        return ini.amounts.get(int(key[5:]))
    if key.startswith("cost:"):
        try:
            return ini.costs.get(CostCategory(key[5:]))
        except ValueError:
            return None
    return getattr(ini, _ATTRS.get(key, key), None)


def _grid(grid: list[list[Any]], row: int, col: int) -> Any:
    if row - 1 < len(grid):
        line = grid[row - 1]
        if col - 1 < len(line):
            return line[col - 1]
    return None


def _quick_same(model: Any, value: Any) -> bool:
    """An obvious "unchanged" from calamine's value (float numbers: exact to ~15 digits, far below a krone).

    False means "look closer" (the exact check on the cell's XML decides), never "changed".
    """
    if model is None or model == "":
        return value is None or value == ""
    if isinstance(value, bool):
        return False
    if isinstance(model, Decimal):
        return isinstance(value, (int, float)) and float(model) == value
    if isinstance(model, Phase):
        return value == model.label_da
    if isinstance(model, int):
        return isinstance(value, (int, float)) and value == model
    return value == model


def _has_value(ini: Initiative, key: str) -> bool:
    v = _model_value(ini, key)
    return v not in (None, "", Decimal(0))


def _cell_input(key: str, value: Any) -> CellInput:
    if value is None:
        return None
    if isinstance(value, Phase):
        return value.label_da
    if key in YEAR_KEYS:
        return int(value)
    if isinstance(value, Decimal):
        return value
    return str(value)


def _text(cell: CellValue) -> str:
    v = cell.value
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, Decimal):
        return str(int(v)) if v == v.to_integral_value() else format(v.normalize(), "f")
    return " ".join(str(v).split())


def _cell_amount(cell: CellValue) -> Decimal | None | str:
    """The cell as an amount; the string "text" when it holds something that is no number."""
    if cell.kind == "e":
        return "text"
    v = cell.value
    if v is None or v == "":
        return None
    if isinstance(v, Decimal):
        return v
    try:
        return parse_amount(v)
    except AmountError:
        return "text"


def _same(key: str, model: Any, cell: CellValue) -> bool:
    """True when the cell already says what the model says (then it is left untouched)."""
    if key.startswith(("year:", "cost:")) or key == "stated_total":
        current = _cell_amount(cell)
        if model is None:
            return current is None or current == "text" or current == 0
        if current is None:
            return model == 0
        if current == model:
            return True
        # A reader that went through float holds the float's shortest text: the same figure.
        return isinstance(current, Decimal) and Decimal(repr(float(current))) == model
    if key in PHASE_KEYS:
        current_phase = parse_phase(_text(cell)) if not cell.blank else None
        return current_phase == model or (model is None and current_phase is None)
    if key in YEAR_KEYS:
        found = re.search(r"(?<!\d)(\d{4})(?!\d)", _text(cell))
        current_year = int(found.group(1)) if found else None
        return current_year == model
    text = _text(cell)
    want = " ".join(str(model or "").split())
    if key == "area":
        return normalise_area(text) == normalise_area(want)
    if key == "id" and not text:
        return True  # the reader made an id up for a row without one; do not write it in
    return text == want
