"""Turn one sheet's cell grid into a Portfolio: header row, initiative rows, sections, totals, frame, metadata.

The grid is what a spreadsheet shows: ``grid[0]`` is row 1, ``grid[r][0]`` is column A; blank cells are
``""`` or ``None``. Both the xlsx reader and the CSV reader call :func:`read_table`. What the reader
notices goes to ``Portfolio.read_findings``; only a sheet with no usable header raises WorkbookError.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from pydantic import BaseModel

from planner.amounts import ZERO, AmountError, parse_amount
from planner.cells import CellRef, column_letter
from planner.errors import WorkbookError
from planner.findings import Finding, Severity
from planner.headers import (HeaderMatch, find_header, is_frame_label, is_id_like, is_totals_label,
                             metadata_key)
from planner.model import CostCategory, Frame, Initiative, Portfolio, SourceInfo, normalise_area
from planner.periods import PeriodError, parse_next_step, parse_period, parse_period_range
from planner.phases import fold, parse_phase

LONG_TEXT = 1000
CHECK_EVERY = 1000
DASHES = frozenset({"-", "–", "—", "÷", "."})
TEXT_FIELDS = ("area", "theme", "recipients", "notes")
_PLAIN, _TEXT, _YEAR, _COST, _TOTAL = range(5)


def _kind(key: str) -> tuple[int, object]:
    """How the hot loop treats a column: plain text (id, name), text parsed later, year, cost, total."""
    if key in ("id", "name"):
        return _PLAIN, None
    if key.startswith("year:"):
        return _YEAR, int(key[5:])
    if key.startswith("cost:"):
        return _COST, CostCategory(key[5:])
    if key == "stated_total":
        return _TOTAL, None
    return _TEXT, None




@dataclass(frozen=True)
class FormulaCell:
    """A formula cell as stored in the file: its text, whether a calculated value is saved, any error."""

    formula: str
    cached: bool = True
    error: str = ""


@dataclass
class Metadata:
    """Programme facts from title rows or a metadata sheet ("Prisniveau: 2023-PL")."""

    name: str = ""
    title: str = ""
    price_level: str = ""
    unit: str = ""
    frame_total: Decimal | None = None
    frame_source: CellRef | None = None
    findings: list[Finding] = field(default_factory=list)

    def fill_from(self, other: Metadata) -> None:
        """Take ``other``'s values where this has none."""
        self.name = self.name or other.name
        self.title = self.title or other.title
        self.price_level = self.price_level or other.price_level
        self.unit = self.unit or other.unit
        if self.frame_total is None and other.frame_total is not None:
            self.frame_total, self.frame_source = other.frame_total, other.frame_source
        self.findings.extend(other.findings)


def _blank(v: object) -> bool:
    return v is None or v == "" or (isinstance(v, str) and not v.strip())


def _text(v: object) -> str:
    if isinstance(v, float) and v.is_integer():  # False for inf/nan, which int() cannot take
        return str(int(v))
    if isinstance(v, (_dt.date, _dt.datetime)):
        return v.isoformat()
    return str(v).strip()


def _num(d: Decimal) -> str:
    return format(d.normalize(), "f") if d == d.to_integral_value() else str(d)


_new = object.__new__
_REF_FIELDS = {"sheet", "row", "column"}
# pydantic's own slot setters: the fastest way to make a model instance from checked values (~2x setattr).
_set_dict = BaseModel.__dict__["__dict__"].__set__
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__


def _ref(sheet: str, row: int, column: int | None) -> CellRef:
    """A CellRef without pydantic's per-instance validation (the reader makes ~15 per row)."""
    ref = _new(CellRef)
    _set_dict(ref, {"sheet": sheet, "row": row, "column": column})
    _set_fields_set(ref, _REF_FIELDS)
    _set_extra(ref, None)
    _set_private(ref, None)
    return ref


_STATIC_DEFAULTS = {name: f.default for name, f in Initiative.model_fields.items()
                    if f.default_factory is None and name not in ("id", "name")}
_FACTORIES = {name: f.default_factory for name, f in Initiative.model_fields.items() if f.default_factory}


def _initiative(values: dict[str, object]) -> Initiative:
    """An Initiative from values the reader has already checked (no per-field validation).

    ``values`` must hold amounts, costs and sources (the reader always makes them).
    """
    data = _STATIC_DEFAULTS.copy()
    for key, factory in _OTHER_FACTORIES:
        data[key] = factory()  # type: ignore[call-arg]
    data.update(values)
    ini = _new(Initiative)
    _set_dict(ini, data)
    _set_fields_set(ini, set(values))
    _set_extra(ini, None)
    _set_private(ini, None)
    return ini


_OTHER_FACTORIES = [(k, f) for k, f in _FACTORIES.items() if k not in ("amounts", "costs", "sources")]


_SECTION_PREFIXES = ("initiativer paa ", "initiativer inden for ", "initiativer under ", "initiativer for ",
                     "initiatives in the ", "initiatives in ", "initiatives on the ", "initiatives for ",
                     "omraade:", "area:", "sektion:", "section:")


def section_area(text: str) -> str:
    """"Initiativer på voksenområdet" → "Voksenområdet": a section heading as the area of the rows below."""
    t = " ".join(text.replace(":", ": ").split()).rstrip(":").strip()
    folded = fold(t)
    for prefix in _SECTION_PREFIXES:
        if folded.startswith(prefix):
            t = " ".join(t.split()[len(prefix.split()):])
            break
    area = normalise_area(t.strip(" :"))
    return area[:1].upper() + area[1:]


_LABEL_STARTS = ("i alt", "total", "sum", "samlet", "forslag", "initiativer", "alle", "grand", "sub", "hoved",
                 "ramme", "bevilling", "frame", "funding", "budget", "oekonomisk", "økonomisk", "program")


def read_metadata(grid: list[list[object]], *, sheet: str, rows: int | None = None) -> Metadata:
    """Programme facts in the first ``rows`` rows: "Label: value" in one cell, or a label cell and the value
    in the next non-blank cell to its right. The first other text is kept as the title."""
    meta = Metadata()
    for r in range(min(len(grid), rows if rows is not None else len(grid))):
        row = grid[r]
        c = 0
        while c < len(row):
            v = row[c]
            if not isinstance(v, str) or not v.strip():
                c += 1
                continue
            key = metadata_key(v)
            value: object = None
            where = _ref(sheet, r + 1, c + 1)
            if key is not None:
                nxt = next((j for j in range(c + 1, len(row)) if not _blank(row[j])), None)
                if nxt is not None:
                    value, where, c = row[nxt], _ref(sheet, r + 1, nxt + 1), nxt
            elif ":" in v:
                label, _, rest = v.partition(":")
                key = metadata_key(label)
                value = rest.strip() if key else None
            if key and not _blank(value):
                _set_meta(meta, key, value, where)
            elif not meta.title and key is None and not is_id_like(v):
                meta.title = " ".join(v.split())
            c += 1
    return meta


def _set_meta(meta: Metadata, key: str, value: object, where: CellRef) -> None:
    if key == "name" and not meta.name:
        meta.name = _text(value)
    elif key == "price_level" and not meta.price_level:
        meta.price_level = (f"{int(value)}-PL" if isinstance(value, int) or (isinstance(value, float) and value.is_integer())
                            else _text(value))
    elif key == "unit" and not meta.unit:
        meta.unit = _text(value)
    elif key == "frame" and meta.frame_total is None:
        try:
            meta.frame_total, meta.frame_source = parse_amount(value), where
        except AmountError:
            meta.findings.append(Finding(severity=Severity.ERROR, code="not_a_number", where=where,
                                         params={"id": "Ramme", "value": _text(value)[:200], "field": "Ramme"}))


class _TableReader:
    """The state of one pass over a sheet's rows (kept out of read_table to keep that readable)."""

    def __init__(self, grid: list[list[object]], sheet: str, header: HeaderMatch,
                 formulas: Mapping[tuple[int, int], FormulaCell] | None) -> None:
        self.grid, self.sheet, self.header = grid, sheet, header
        self.formulas = formulas or {}
        self.no_cache: dict[int, list[int]] = {}
        for (r, c), f in self.formulas.items():
            if not f.cached or f.error:
                self.no_cache.setdefault(r, []).append(c)
        cols = header.columns
        self.id_col = cols.get("id")
        self.name_col = cols["name"]
        self.amount_cols = [(k, c - 1, int(k[5:]) if k.startswith("year:") else None)
                            for k, c in cols.items() if k.startswith(("year:", "cost:")) or k == "stated_total"]
        self.year_cols = [(y, c - 1) for y, c in sorted(header.years.items())]
        self.spec = [(k, c - 1, *_kind(k)) for k, c in cols.items()]
        self.key_of = {c: k for k, c in cols.items()}
        self.text_spec = [(k, c0) for k, c0, kind, _t in self.spec if kind == _TEXT]
        self.plain_spec = [(k, c0) for k, c0, kind, _t in self.spec if kind == _PLAIN]
        self.amount_spec = [(k, c0, kind, t) for k, c0, kind, t in self.spec if kind not in (_PLAIN, _TEXT)]
        self.text_memo: dict[tuple[str, object], tuple[tuple[tuple[str, object], ...],
                                                       tuple[str, Severity, dict[str, str]] | None]] = {}
        self.findings: list[Finding] = []
        self.decimals: dict[float, Decimal] = {}
        self.initiatives: list[Initiative] = []
        self.skipped = 0
        self.totals_row: int | None = None
        self.frame = Frame()
        self.segment_start = 0

    # -- cells -----------------------------------------------------------------------------------
    def amount(self, v: object, r: int, c0: int, ini_id: str, label: str, *, report: bool = True) -> Decimal | None:
        """The cell's amount; None when blank or not a number (then a finding says so)."""
        if type(v) is float:
            return Decimal(repr(v))
        if _blank(v) or (isinstance(v, str) and v.strip() in DASHES):
            return None
        try:
            if isinstance(v, (_dt.date, _dt.datetime)):
                raise AmountError(str(v))
            return parse_amount(v)
        except AmountError:
            if report:
                self.findings.append(Finding(severity=Severity.ERROR, code="not_a_number",
                                             initiative_id=ini_id or None, where=_ref(self.sheet, r, c0 + 1),
                                             params={"id": ini_id or f"Række {r}", "value": _text(v)[:200],
                                                     "field": label}))
            return None

    def label(self, key: str) -> str:
        return self.header.labels.get(self.header.columns[key], key)

    # -- rows ------------------------------------------------------------------------------------
    def row_label(self, row: list[object], first: int) -> str:
        """The text that may name a totals or frame row: in the id, name or first filled column."""
        for c0 in (self.id_col - 1 if self.id_col else -1, self.name_col - 1, first):
            if 0 <= c0 < len(row):
                v = row[c0]
                if type(v) is str and v:
                    low = v.lstrip().lower()
                    return v if low.startswith(_LABEL_STARTS) else ""
        return ""

    def read_totals(self, row: list[object], r: int) -> None:
        self.totals_row = r
        segment = self.initiatives[self.segment_start:]
        self.segment_start = len(self.initiatives)
        for key, c0, year in self.amount_cols:
            if key.startswith("cost:") or c0 >= len(row):
                continue
            stated = self.amount(row[c0], r, c0, "", self.label(key), report=False)
            if stated is None:
                continue
            if year is not None:
                sums = [sum((i.amounts.get(year, ZERO) for i in s), ZERO) for s in (segment, self.initiatives)]
            else:
                sums = [sum((i.total for i in s), ZERO) for s in (segment, self.initiatives)]
                sums += [sum((i.stated_total or ZERO for i in s), ZERO) for s in (segment, self.initiatives)]
            if all(abs(stated - s) >= Decimal("0.05") for s in sums):
                self.findings.append(Finding(
                    severity=Severity.WARNING, code="totals_row_mismatch", where=_ref(self.sheet, r, c0 + 1),
                    params={"row": str(r), "year": str(year) if year is not None else self.label(key),
                            "stated": _num(stated), "sum": _num(sums[0] if segment else sums[1])}))

    def read_frame(self, row: list[object], r: int) -> None:
        for year, c0 in self.year_cols:
            if c0 < len(row):
                value = self.amount(row[c0], r, c0, "Ramme", str(year))
                if value is not None:
                    self.frame.by_year[year] = value
                    self.frame.sources[f"year:{year}"] = _ref(self.sheet, r, c0 + 1)
        c = self.header.columns.get("stated_total")
        if c is not None and c - 1 < len(row):
            value = self.amount(row[c - 1], r, c - 1, "Ramme", self.label("stated_total"))
            if value is not None:
                self.frame.total = value
                self.frame.sources["total"] = _ref(self.sheet, r, c)

    def read_initiative(self, row: list[object], r: int, section: str) -> None:
        """One initiative row. The hot loop of the reader: every cell of the table passes here once, so
        CellRefs are made with pydantic's slot setters and repeated texts and numbers are parsed once."""
        sheet, decimals = self.sheet, self.decimals
        new, set_dict, set_fields, set_extra, set_private = (_new, _set_dict, _set_fields_set, _set_extra,
                                                             _set_private)
        sources: dict[str, CellRef] = {}
        amounts: dict[int, Decimal] = {}
        costs: dict[CostCategory, Decimal] = {}
        values: dict[str, object] = {"id": "", "name": "", "amounts": amounts, "costs": costs, "sources": sources}
        for key, c0 in self.plain_spec:
            v = row[c0]
            if v.__class__ is str:
                if not v or v.isspace():  # type: ignore[union-attr]
                    continue
                values[key] = v.strip()  # type: ignore[union-attr]
            elif v is None:
                continue
            else:
                values[key] = _text(v)
            ref = new(CellRef)
            set_dict(ref, {"sheet": sheet, "row": r, "column": c0 + 1})
            set_fields(ref, _REF_FIELDS)
            set_extra(ref, None)
            set_private(ref, None)
            sources[key] = ref
        ini_id: str = values["id"]  # type: ignore[assignment]
        for key, c0, kind, target in self.amount_spec:
            v = row[c0]
            if v.__class__ is float:
                value = decimals.get(v)  # type: ignore[call-overload]
                if value is None:
                    if v - v != 0:  # NaN or infinity (only a hostile file has them): not an amount
                        self.amount(str(v), r, c0, ini_id, self.label(key))
                        continue
                    value = decimals[v] = Decimal(repr(v))
            elif v is None or v == "":
                continue
            else:
                value = self.amount(v, r, c0, ini_id, self.label(key))
                if value is None:
                    if v.__class__ is str and (not v.strip() or v.strip() in DASHES):  # type: ignore[union-attr]
                        continue
                    ref = _ref(sheet, r, c0 + 1)  # a cell with text still is the field's cell
                    sources[key] = ref
                    continue
            ref = new(CellRef)
            set_dict(ref, {"sheet": sheet, "row": r, "column": c0 + 1})
            set_fields(ref, _REF_FIELDS)
            set_extra(ref, None)
            set_private(ref, None)
            sources[key] = ref
            if kind == _YEAR:
                amounts[target] = value  # type: ignore[index]
            elif kind == _COST:
                costs[target] = value  # type: ignore[index]
            else:
                values["stated_total"] = value
        memo_get = self.text_memo.get
        for key, c0 in self.text_spec:
            v = row[c0]
            if v.__class__ is str:
                if not v or v.isspace():  # type: ignore[union-attr]
                    continue
            elif v is None:
                continue
            ref = new(CellRef)
            set_dict(ref, {"sheet": sheet, "row": r, "column": c0 + 1})
            set_fields(ref, _REF_FIELDS)
            set_extra(ref, None)
            set_private(ref, None)
            sources[key] = ref
            parsed = memo_get((key, v))
            if parsed is None:
                parsed = self.text_memo[(key, v)] = self.parse_text(key, v)
            values.update(parsed[0])
            if parsed[1] is not None:
                code, severity, params = parsed[1]
                self.findings.append(Finding(severity=severity, code=code, initiative_id=ini_id or None, where=ref,
                                             params={"id": ini_id or f"Række {r}", **params}))
        if "_round" in values:
            round_text = values.pop("_round")
            if round_text and not values.get("next_round"):
                values["next_round"] = round_text
        if r in self.no_cache:
            for c in self.no_cache[r]:
                self.formula_finding(r, c, ini_id)
        if section and "area" not in values:
            values["area"] = section
        name = values["name"]
        if len(name) > LONG_TEXT:  # type: ignore[arg-type]
            self.findings.append(Finding(severity=Severity.INFO, code="long_text", initiative_id=ini_id or None,
                                         where=sources.get("name"),
                                         params={"id": ini_id or f"Række {r}", "field": self.label("name"),
                                                 "length": str(len(name))}))  # type: ignore[arg-type]
        self.initiatives.append(_initiative(values))

    def row_id(self, row: list[object]) -> str:
        if self.id_col is None:
            return ""
        v = row[self.id_col - 1]
        return "" if v is None else _text(v)

    def parse_text(self, key: str, v: object) -> tuple[tuple[tuple[str, object], ...],
                                                       tuple[str, Severity, dict[str, str]] | None]:
        """(field updates, problem) for one text cell; the problem is (code, severity, params)."""
        text = v.strip() if type(v) is str else _text(v)
        problem = None
        if len(text) > LONG_TEXT:
            problem = ("long_text", Severity.INFO, {"field": self.label(key), "length": str(len(text))})
        if key == "area":
            return (("area", normalise_area(text)),), problem
        if key == "phase":
            return (("phase_text", text), ("phase", parse_phase(text))), problem
        if key == "next_round":
            return (("next_round", " ".join(text.split())),), problem
        if key == "next_phase":
            phase, round_text = parse_next_step(text)
            if phase is None and not round_text:
                problem = ("unknown_phase", Severity.WARNING, {"text": text[:200]})
            return (("next_phase", phase), ("_round", round_text)), problem
        try:
            if key == "period":
                (sy, sq), (ey, eq) = parse_period_range(v)
                return (("start_year", sy), ("start_quarter", sq), ("end_year", ey), ("end_quarter", eq)), None
            if key in ("start", "end"):
                year, quarter = parse_period(v, end=key == "end")
                return ((f"{key}_year", year), (f"{key}_quarter", quarter)), None
        except PeriodError:
            return (), ("bad_period", Severity.WARNING, {"value": text[:200]})
        return ((key, text),), problem

    def formula_finding(self, r: int, c: int, ini_id: str) -> None:
        key = self.key_of.get(c)
        if key is None:
            return
        f = self.formulas[(r, c)]
        label_id = ini_id or f"Række {r}"
        is_amount = key.startswith(("year:", "cost:")) or key == "stated_total"
        if f.error:
            if is_amount:
                self.findings.append(Finding(severity=Severity.ERROR, code="not_a_number",
                                             initiative_id=ini_id or None, where=_ref(self.sheet, r, c),
                                             params={"id": label_id, "value": f.error, "field": self.label(key)}))
            return
        self.findings.append(Finding(severity=Severity.ERROR if is_amount else Severity.WARNING,
                                     code="formula_no_cache", initiative_id=ini_id or None,
                                     where=_ref(self.sheet, r, c),
                                     params={"id": label_id, "formula": "=" + f.formula[:200],
                                             "field": self.label(key)}))


def read_table(grid: list[list[object]], *, sheet: str, path: str = "",
               formulas: Mapping[tuple[int, int], FormulaCell] | None = None,
               hidden_columns: set[int] | None = None, header: HeaderMatch | None = None,
               metadata: Metadata | None = None, progress: Callable[[int, int], None] | None = None,
               cancelled: Callable[[], bool] | None = None) -> Portfolio:
    """A sheet's grid as a Portfolio (not yet revalidated); ``source`` holds sheet, header and rows.

    ``formulas`` maps 1-based (row, column) to the cell's formula; ``hidden_columns`` are 1-based.
    ``metadata`` (e.g. from a "Program" sheet) fills what the title rows above the header do not say.
    Raises WorkbookError("no_header"/"missing_column") when the sheet has no usable header row.
    """
    if header is None:
        header, partial = find_header(grid)
        if header is None:
            raise header_error(sheet, partial, path)
    top = header.first_row or header.row
    meta = read_metadata(grid, sheet=sheet, rows=top - 1)
    if metadata is not None:
        meta.fill_from(metadata)
    reader = _TableReader(grid, sheet, header, formulas)
    section = ""
    first_row = last_row = None
    key_cols = [c - 1 for k, c in header.columns.items() if k in ("id", "name")]
    width = max(header.columns.values())
    has_area = "area" in header.columns
    total = len(grid)
    for r0 in range(header.row, total):
        if r0 % CHECK_EVERY == 0:
            if cancelled is not None and cancelled():
                raise WorkbookError("cancelled", path=path)
            if progress is not None:
                progress(r0, total)
        row = grid[r0]
        if len(row) < width:
            row = [*row, *([""] * (width - len(row)))]
        r = r0 + 1
        key_cells = [row[c] for c in key_cols if not _blank(row[c])]
        if key_cells:
            first = key_cells[0]
            label = first if first.__class__ is str and first.lstrip().lower().startswith(_LABEL_STARTS) else ""
            lone = len(key_cells) == 1 and first.__class__ is str and not any(
                not _blank(v) for v in row if v is not first)
        else:
            nonblank = [v for v in row if not _blank(v)]
            if not nonblank:
                continue
            first = nonblank[0]
            label = first if first.__class__ is str else ""
            lone = len(nonblank) == 1 and first.__class__ is str
        if label and is_totals_label(label):
            reader.read_totals(row, r)
            reader.skipped += 1
        elif label and is_frame_label(label):
            reader.read_frame(row, r)
            reader.skipped += 1
        elif lone and not is_id_like(first):  # type: ignore[arg-type]
            section = section_area(first)  # type: ignore[arg-type]
            reader.skipped += 1
        elif key_cells:
            reader.read_initiative(row, r, "" if has_area else section)
            first_row = first_row or r
            last_row = r
        else:
            reader.skipped += 1
    if progress is not None:
        progress(total, total)
    return _portfolio(reader, meta, header, sheet, path, first_row, last_row, hidden_columns or set())


def header_error(sheet: str, partial: HeaderMatch | None, path: str = "") -> WorkbookError:
    """Why a sheet has no usable header: a missing name or year column in the nearest row, or none at all."""
    if partial is not None and "name" in partial.columns:
        return WorkbookError("missing_column", where=CellRef(sheet=sheet, row=partial.row), path=path,
                             column="2023")
    if partial is not None and partial.years:
        return WorkbookError("missing_column", where=CellRef(sheet=sheet, row=partial.row), path=path,
                             column="Initiativ")
    return WorkbookError("no_header", where=CellRef(sheet=sheet), path=path)


def _portfolio(reader: _TableReader, meta: Metadata, header: HeaderMatch, sheet: str, path: str,
               first_row: int | None, last_row: int | None, hidden: set[int]) -> Portfolio:
    findings = [*meta.findings, *reader.findings]
    used = {i.id for i in reader.initiatives if i.id}
    for ini in reader.initiatives:
        if ini.id:
            continue
        row = next(iter(ini.sources.values())).row
        new_id, n = f"R{row}", 1
        while new_id in used:
            n += 1
            new_id = f"R{row}-{n}"
        used.add(new_id)
        ini.__dict__["id"] = new_id
        where = (_ref(sheet, row or 0, reader.id_col) if reader.id_col else CellRef(sheet=sheet, row=row))
        findings.append(Finding(severity=Severity.WARNING, code="missing_id", initiative_id=new_id, where=where,
                                params={"id": new_id, "name": ini.name[:200]}))
    cached = sum(1 for (r, _c), f in reader.formulas.items() if f.cached and not f.error and r > header.row)
    if cached:
        findings.append(Finding(severity=Severity.INFO, code="formula_values_used", where=CellRef(sheet=sheet),
                                params={"count": str(cached)}))
    hidden_used = sorted(c for c in hidden if c in header.labels)
    if hidden_used:
        findings.append(Finding(severity=Severity.INFO, code="hidden_columns", where=CellRef(sheet=sheet),
                                params={"columns": ", ".join(f"{column_letter(c)} ({header.labels[c]})"
                                                             for c in hidden_used)}))
    if not reader.initiatives:
        findings.append(Finding(severity=Severity.WARNING, code="no_initiatives",
                                where=CellRef(sheet=sheet, row=header.row)))
    if reader.skipped:
        findings.append(Finding(severity=Severity.INFO, code="rows_skipped", where=CellRef(sheet=sheet),
                                params={"count": str(reader.skipped)}))
    frame = reader.frame
    if frame.total is None and meta.frame_total is not None:
        frame.total = meta.frame_total
        if meta.frame_source is not None:
            frame.sources["total"] = meta.frame_source
    source = SourceInfo(path=path, sheet=sheet, header_row=header.row, columns=dict(header.columns),
                        first_row=first_row, last_row=last_row, totals_row=reader.totals_row)
    return Portfolio(name=meta.name or meta.title, price_level=meta.price_level, unit=meta.unit or "mio. kr.",
                     years=sorted(header.years), frame=frame, initiatives=reader.initiatives,
                     read_findings=findings, source=source)
