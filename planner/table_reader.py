"""Turn one sheet's cell grid into a Portfolio: header row, initiative rows, sections, totals, frame, metadata.

The grid is what a spreadsheet shows: ``grid[0]`` is row 1, ``grid[r][0]`` is column A; blank cells are
``""`` or ``None``. Both the xlsx reader and the CSV reader call :func:`read_table`. What the reader
notices goes to ``Portfolio.read_findings``; only a sheet with no usable header raises WorkbookError.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from itertools import chain, compress, pairwise, repeat
from operator import attrgetter, is_not, itemgetter, setitem

from planner.amounts import MAX_AMOUNT, ZERO, AmountError, AmountTooLarge, parse_amount
from planner.cells import CellRef, column_letter
from planner.column_batch import AMOUNT_TYPES, SKIP, kept, lookup, plain_texts, set_each, update_each
from planner.errors import WorkbookError
from planner.findings import Finding, Severity
from planner.headers import (
    HeaderMatch,
    find_header,
    is_detail_label,
    is_frame_label,
    is_id_like,
    is_totals_label,
)
from planner.model import CostCategory, Frame, Initiative, Portfolio, SourceInfo, normalise_area
from planner.periods import PeriodError, parse_next_step, parse_period, parse_period_range
from planner.phases import parse_phase
from planner.sheet_metadata import (
    REF_FIELDS,
    Metadata,
    blank,
    cell_text,
    fast_initiatives,
    fast_ref,
    new_object,
    read_metadata,
    section_area,
    set_fields_set,
    set_model_dict,
    set_model_extra,
    set_model_private,
)

LONG_TEXT = 1000
_PRICE_LEVEL = re.compile(r"\b((?:19|20|21)\d{2})\s*-?\s*PL\b", re.IGNORECASE)
TOTALS_TOLERANCE = Decimal("0.05")  # a totals row rounded to one decimal is not a disagreement
CHECK_EVERY = 1000
DASHES = frozenset({"-", "–", "—", "÷", "."})
TEXT_FIELDS = ("area", "theme", "recipients", "notes")
_PLAIN, _TEXT, _YEAR, _COST, _TOTAL = range(5)
_amounts_of = attrgetter("amounts")
_stated_of = attrgetter("stated_total")
_not_none = partial(is_not, None)
_NO_VALUE = object()  # an amount cell holding text that is no number

_MAX = float(MAX_AMOUNT)  # a float cell at least this big is no amount (planner.amounts.checked)


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


def _num(d: Decimal) -> str:
    return format(d.normalize(), "f") if d == d.to_integral_value() else str(d)


_LABEL_STARTS = ("i alt", "total", "sum", "samlet", "forslag", "initiativer", "alle", "grand", "sub", "hoved",
                 "ramme", "bevilling", "frame", "funding", "budget", "oekonomisk", "økonomisk", "program")


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
        self.text_spec = [(k, c0, {}) for k, c0, kind, _t in self.spec if kind == _TEXT]  # {} = memo: value → parsed
        self.plain_spec = [(k, c0) for k, c0, kind, _t in self.spec if kind == _PLAIN]
        self.amount_spec = [(k, c0, kind, t) for k, c0, kind, t in self.spec if kind not in (_PLAIN, _TEXT)]
        self.findings: list[Finding] = []
        self.decimals: dict[float | str, Decimal] = {}  # cell value → amount, for values seen before
        self.amount_memo: dict[object, object] = {None: SKIP, "": SKIP}  # the same, and blank → SKIP (for lookup)
        self.initiatives: list[Initiative] = []
        self.skipped = 0
        self.totals_row: int | None = None
        self.frame = Frame()
        self.segment_start = 0
        self.totals: list[tuple[list[object], int, int, int]] = []
        self.pending: list[tuple[list[object], int, str]] = []  # initiative rows (row, number, section) to read
        self.has_round = any(k == "next_phase" for k, _c0, _memo in self.text_spec)

    # -- cells -----------------------------------------------------------------------------------
    def amount(self, v: object, r: int, c0: int, ini_id: str, label: str, *, report: bool = True,
               into: list[Finding] | None = None) -> Decimal | None:
        """The cell's amount; None when blank or not a number (then a finding says so, in ``into`` when given)."""
        if type(v) is float and -_MAX < v < _MAX:  # the common case (NaN, infinity, too large: parse_amount)
            return Decimal(repr(v))
        if blank(v) or (isinstance(v, str) and v.strip() in DASHES):
            return None
        try:
            if isinstance(v, (_dt.date, _dt.datetime)):
                raise AmountError(str(v))
            return parse_amount(v)
        except AmountError as exc:
            if report:
                too_large = isinstance(exc, AmountTooLarge)
                code = "amount_too_large" if too_large else "not_a_number"
                (self.findings if into is None else into).append(Finding(severity=Severity.ERROR, code=code,
                                             initiative_id=ini_id or None, where=fast_ref(self.sheet, r, c0 + 1),
                                             params={"id": ini_id or f"Række {r}",
                                                     "value": (f"{v:g}" if too_large and isinstance(v, float)
                                                               else cell_text(v))[:200],
                                                     "field": label}))
            return None

    def label(self, key: str) -> str:
        return self.header.labels.get(self.header.columns[key], key)

    # -- rows ------------------------------------------------------------------------------------
    def read_totals(self, row: list[object], r: int) -> None:
        """Remember a totals row; it is checked against the initiatives once all rows are read."""
        self.flush()
        self.totals_row = r
        self.totals.append((row, r, self.segment_start, len(self.initiatives)))
        self.segment_start = len(self.initiatives)

    def _segment_sums(self) -> tuple[list[int], list[dict[object, Decimal]]]:
        """Sums per year, of all years ("total") and of stated totals ("stated") for each stretch of
        initiatives between totals rows: one pass over the initiatives, whatever the number of totals rows
        and columns (a group's sum is then the sum of its stretches). Each year is summed in initiative
        order starting from its first amount, years in the order they first appear (as one loop would)."""
        n = len(self.initiatives)
        cuts = sorted({0, n, *(s for _row, _r, s, _e in self.totals), *(e for _row, _r, _s, e in self.totals)})
        sums: list[dict[object, Decimal]] = []
        for lo, hi in pairwise(cuts):
            seg = self.initiatives[lo:hi]
            every = list(map(_amounts_of, seg))
            by_year: dict[object, Decimal] = {}
            for y in dict.fromkeys(chain.from_iterable(every)):
                col = list(filter(_not_none, map(dict.get, every, repeat(y))))
                by_year[y] = sum(col[1:], col[0])
            by_year["total"] = sum(by_year.values(), ZERO)
            by_year["stated"] = sum(filter(_not_none, map(_stated_of, seg)), ZERO)
            sums.append(by_year)
        return cuts, sums

    def check_totals(self) -> None:
        """Each totals row must match the initiatives since the previous one, all above it, or all of them
        (a summary row at the top); otherwise a totals_row_mismatch warning at the cell."""
        if not self.totals:
            return
        cuts, segment_sums = self._segment_sums()
        at = {cut: k for k, cut in enumerate(cuts)}

        def group_sum(start: int, end: int, key: object) -> Decimal:
            return sum((s.get(key, ZERO) for s in segment_sums[at[start]:at[end]]), ZERO)

        n = len(self.initiatives)
        for row, r, start, end in self.totals:
            groups = [(start, end), (0, end), (0, n)]
            for key, c0, year in self.amount_cols:
                if key.startswith("cost:") or c0 >= len(row):
                    continue
                stated = self.amount(row[c0], r, c0, "", self.label(key), report=False)
                if stated is None:
                    continue
                if year is not None:
                    sums = [group_sum(lo, hi, year) for lo, hi in groups]
                else:
                    sums = [group_sum(lo, hi, "total") for lo, hi in groups]
                    sums += [group_sum(lo, hi, "stated") for lo, hi in groups]
                if all(abs(stated - s) >= TOTALS_TOLERANCE for s in sums):
                    shown = sums[0] if end > start else sums[1] if end > 0 else sums[2]
                    self.findings.append(Finding(
                        severity=Severity.WARNING, code="totals_row_mismatch", where=fast_ref(self.sheet, r, c0 + 1),
                        params={"row": str(r), "year": str(year) if year is not None else self.label(key),
                                "stated": _num(stated), "sum": _num(shown)}))

    def read_frame(self, row: list[object], r: int) -> None:
        self.flush()
        for year, c0 in self.year_cols:
            if c0 < len(row):
                value = self.amount(row[c0], r, c0, "Ramme", str(year))
                if value is not None:
                    self.frame.by_year[year] = value
                    self.frame.sources[f"year:{year}"] = fast_ref(self.sheet, r, c0 + 1)
        c = self.header.columns.get("stated_total")
        if c is not None and c - 1 < len(row):
            value = self.amount(row[c - 1], r, c - 1, "Ramme", self.label("stated_total"))
            if value is not None:
                self.frame.total = value
                self.frame.sources["total"] = fast_ref(self.sheet, r, c)

    def flush(self) -> None:
        """Read the queued initiative rows: column by column, then one Initiative per row.

        The hot loop of the reader (every cell of the table passes here once). A column at a time keeps
        each cell's work to a few operations and makes a column's CellRefs in one batch (with pydantic's
        slot setters, no per-instance validation); repeated texts and numbers are parsed once. Each row's
        sources, values and findings come out in the order a row-by-row pass gives them.
        """
        batch = self.pending.copy()
        self.pending.clear()  # the same list: read_table appends to it directly
        if not batch:
            return
        n = len(batch)
        rows = [b[0] for b in batch]
        rnums = [b[1] for b in batch]
        sources: list[dict[str, CellRef]] = [{} for _ in range(n)]
        values: list[dict[str, object]] = [{"id": "", "name": ""} for _ in range(n)]
        found: dict[int, list[Finding]] = {}  # row position → its findings so far, in column order
        for key, c0 in self.plain_spec:
            cells = list(map(itemgetter(c0), rows))
            texts = plain_texts(cells)
            if texts is not None:
                present = texts[0]
                set_each(values, present, key, texts[1])
            else:
                present = []
                for i, v in enumerate(cells):
                    if v.__class__ is str:
                        if not v or v.isspace():  # type: ignore[union-attr]
                            continue
                        values[i][key] = v.strip()  # type: ignore[union-attr]
                    elif v is None:
                        continue
                    else:
                        values[i][key] = cell_text(v)
                    present.append(i)
            self._refs(present, key, c0 + 1, rnums, sources)
        ids: list[str] = [v["id"] for v in values]  # type: ignore[misc]
        amounts: list[dict[int, Decimal]] = [{} for _ in range(n)]
        costs: list[dict[CostCategory, Decimal]] = [{} for _ in range(n)]
        for key, c0, kind, target in self.amount_spec:
            cells = list(map(itemgetter(c0), rows))

            def cell(i: int, v: object, key: str = key, c0: int = c0) -> object:
                return self._amount_cell(v, rnums[i], c0, ids[i], key, found, i)

            if set(map(type, cells)) <= AMOUNT_TYPES:
                got = lookup(cells, self.amount_memo, cell)
            else:
                got = [cell(i, v) for i, v in enumerate(cells)]
            present = kept(got)
            got = list(map(got.__getitem__, present))
            self._refs(present, key, c0 + 1, rnums, sources)
            if _NO_VALUE in got:  # a cell with text still is the field's cell, but holds no amount
                present = [i for i, value in zip(present, got) if value is not _NO_VALUE]
                got = [value for value in got if value is not _NO_VALUE]
            if kind == _YEAR:
                set_each(amounts, present, target, got)  # type: ignore[arg-type]
            elif kind == _COST:
                set_each(costs, present, target, got)  # type: ignore[arg-type]
            else:
                set_each(values, present, "stated_total", got)
        for key, c0, memo in self.text_spec:
            cells = list(map(itemgetter(c0), rows))

            def parse(_i: int, v: object, key: str = key, memo: dict = memo) -> object:  # type: ignore[type-arg]
                entry = memo.get(v)
                if entry is None:
                    blank = v is None or (v.__class__ is str and (not v or v.isspace()))  # type: ignore[union-attr]
                    entry = memo[v] = SKIP if blank else self.parse_text(key, v)
                return entry

            parsed = lookup(cells, memo, parse)
            present = kept(parsed)
            refs = self._refs(present, key, c0 + 1, rnums, sources)
            parsed = list(map(parsed.__getitem__, present))
            update_each(values, present, list(map(itemgetter(0), parsed)))  # type: ignore[arg-type]
            for k in compress(range(len(parsed)), map(itemgetter(1), parsed)):  # type: ignore[arg-type]
                i = present[k]
                code, severity, params = parsed[k][1]  # type: ignore[index]
                found.setdefault(i, []).append(Finding(
                    severity=severity, code=code, initiative_id=ids[i] or None, where=refs[k],
                    params={"id": ids[i] or f"Række {rnums[i]}", **params}))
        set_each(values, range(n), "amounts", amounts)
        set_each(values, range(n), "costs", costs)
        set_each(values, range(n), "sources", sources)
        if self.has_round:
            for vals in values:
                if "_round" in vals:
                    round_text = vals.pop("_round")
                    if round_text and not vals.get("next_round"):
                        vals["next_round"] = round_text
        no_cache = self.no_cache
        long_names = compress(range(n), map(int.__lt__, repeat(LONG_TEXT), map(len, map(itemgetter("name"), values))))
        noted = {*found, *long_names, *(i for i, r in enumerate(rnums) if r in no_cache)} if no_cache else {
            *found, *long_names}
        for i in sorted(noted):
            self._row_findings(i, rnums[i], ids[i], values[i], sources[i], found.get(i, ()))
        if any(b[2] for b in batch):
            for vals, (_row, _r, section) in zip(values, batch):
                if section and "area" not in vals:
                    vals["area"] = section
        self.initiatives.extend(fast_initiatives(values))

    def _amount_cell(self, v: object, r: int, c0: int, ini_id: str, key: str, found: dict[int, list[Finding]],
                     i: int) -> object:
        """One amount cell: its Decimal, SKIP (blank), or _NO_VALUE (text that is no number: a finding)."""
        decimals = self.decimals
        if v.__class__ is float:
            value = decimals.get(v)  # type: ignore[call-overload]
            if value is None:
                if not -_MAX < v < _MAX:  # NaN, infinity, too large (only a damaged file has them): no amount
                    self.amount(v if v - v == 0 else str(v), r, c0, ini_id, self.label(key),
                                into=found.setdefault(i, []))
                    return SKIP
                value = decimals[v] = self.amount_memo[v] = Decimal(repr(v))
            return value
        if v is None or v == "":
            return SKIP
        value = decimals.get(v) if v.__class__ is str else None  # "12,7" parsed before
        if value is None:
            value = self.amount(v, r, c0, ini_id, self.label(key), into=found.setdefault(i, []))
            if value is not None and v.__class__ is str:
                decimals[v] = self.amount_memo[v] = value  # type: ignore[index]
        if value is None:
            if v.__class__ is str and (not v.strip() or v.strip() in DASHES):  # type: ignore[union-attr]
                return SKIP
            return _NO_VALUE
        return value

    def _row_findings(self, i: int, r: int, ini_id: str, vals: dict[str, object], sources: dict[str, CellRef],
                      found: Iterable[Finding]) -> None:
        """A row's findings in row order: its cells', then formulas without a value, then a long name."""
        self.findings.extend(found)
        if r in self.no_cache:
            for c in self.no_cache[r]:
                self.formula_finding(r, c, ini_id)
        name = vals["name"]
        if len(name) > LONG_TEXT:  # type: ignore[arg-type]
            self.findings.append(Finding(severity=Severity.INFO, code="long_text", initiative_id=ini_id or None,
                                         where=sources.get("name"),
                                         params={"id": ini_id or f"Række {r}", "field": self.label("name"),
                                                 "length": str(len(name))}))  # type: ignore[arg-type]

    def _refs(self, present: list[int], key: str, column: int, rnums: list[int],
              sources: list[dict[str, CellRef]]) -> list[CellRef]:
        """CellRefs of one column's cells in rows ``present`` (positions in the batch), each put into its
        row's ``sources`` under ``key``; made in one batch with pydantic's slot setters."""
        count = len(present)
        refs = list(map(new_object, repeat(CellRef, count)))
        dicts = list(map(dict.copy, repeat({"sheet": self.sheet, "row": 0, "column": column}, count)))
        deque(map(setitem, dicts, repeat("row"), map(rnums.__getitem__, present)), 0)  # copies: faster than literals
        deque(map(set_model_dict, refs, dicts), 0)
        deque(map(set_fields_set, refs, repeat(REF_FIELDS)), 0)
        deque(map(set_model_extra, refs, repeat(None)), 0)
        deque(map(set_model_private, refs, repeat(None)), 0)
        deque(map(setitem, map(sources.__getitem__, present), repeat(key), refs), 0)
        return refs

    def parse_text(self, key: str, v: object) -> tuple[dict[str, object],
                                                       tuple[str, Severity, dict[str, str]] | None]:
        """(field updates, problem) for one text cell; the problem is (code, severity, params)."""
        text = v.strip() if type(v) is str else cell_text(v)
        problem = None
        if len(text) > LONG_TEXT:
            problem = ("long_text", Severity.INFO, {"field": self.label(key), "length": str(len(text))})
        if key == "area":
            return {"area": normalise_area(text)}, problem
        if key == "phase":
            return {"phase_text": text, "phase": parse_phase(text)}, problem
        if key == "next_round":
            return {"next_round": " ".join(text.split())}, problem
        if key == "next_phase":
            phase, round_text = parse_next_step(text)
            if phase is None and not round_text:
                problem = ("unknown_phase", Severity.WARNING, {"text": text[:200]})
            return {"next_phase": phase, "_round": round_text}, problem
        try:
            if key == "period":
                (sy, sq), (ey, eq) = parse_period_range(v)
                return {"start_year": sy, "start_quarter": sq, "end_year": ey, "end_quarter": eq}, None
            if key in ("start", "end"):
                year, quarter = parse_period(v, end=key == "end")
                return {f"{key}_year": year, f"{key}_quarter": quarter}, None
        except PeriodError:
            return {}, ("bad_period", Severity.WARNING, {"value": text[:200]})
        return {key: text}, problem

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
                                             initiative_id=ini_id or None, where=fast_ref(self.sheet, r, c),
                                             params={"id": label_id, "value": f.error, "field": self.label(key)}))
            return
        self.findings.append(Finding(severity=Severity.ERROR if is_amount else Severity.WARNING,
                                     code="formula_no_cache", initiative_id=ini_id or None,
                                     where=fast_ref(self.sheet, r, c),
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
    if not meta.price_level:  # "Mio. kr. i 2023-PL" over the first column, as in the ministry's tables
        for r0 in range(top - 1, header.row):
            for v in grid[r0]:
                m = _PRICE_LEVEL.search(v) if isinstance(v, str) else None
                if m and not meta.price_level:
                    meta.price_level = f"{m.group(1)}-PL"
    reader = _TableReader(grid, sheet, header, formulas)
    section = ""
    first_row = last_row = None
    key_cols = [c - 1 for k, c in header.columns.items() if k in ("id", "name")]
    width = max(header.columns.values())
    has_area = "area" in header.columns
    id0 = header.columns["id"] - 1 if "id" in header.columns else None

    header_texts = {t.strip() for t in header.labels.values() if t}
    labelled = [(c - 1, t.strip()) for c, t in header.labels.items()]

    def is_repeated_header(row: list[object]) -> bool:
        """The header row again (a table pasted below another): most labelled cells say their header."""
        same = sum(1 for c0, t in labelled if str(row[c0]).strip() in (t, t + ".0"))
        return same * 2 > len(labelled)

    total = len(grid)
    queue = reader.pending.append  # the reader's queue of initiative rows (see _TableReader.flush)
    for r0 in range(header.row, total):
        if r0 % CHECK_EVERY == 0:
            reader.flush()
            if cancelled is not None and cancelled():
                raise WorkbookError("cancelled", path=path)
            if progress is not None:
                progress(r0, total)
        row = grid[r0]
        if len(row) < width:
            row = [*row, *([""] * (width - len(row)))]
        r = r0 + 1
        key_cells = [v for v in map(row.__getitem__, key_cols)  # the non-blank ones (blank() inlined)
                     if v is not None and v != "" and not (isinstance(v, str) and v.isspace())]
        if key_cells:
            first = key_cells[0]
            if first.__class__ is str and first.strip() in header_texts and is_repeated_header(row):
                reader.skipped += 1
                continue
            label = first if first.__class__ is str and first.lstrip().lower().startswith(_LABEL_STARTS) else ""
            lone = len(key_cells) == 1 and first.__class__ is str and not any(
                not blank(v) for v in row if v is not first)
        else:
            nonblank = [v for v in row if not blank(v)]
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
        elif key_cells and not ((id0 is None or (v := row[id0]) is None or v == "" or (
                isinstance(v, str) and v.isspace())) and first.__class__ is str and is_detail_label(first)):
            queue((row, r, "" if has_area else section))
            first_row = first_row or r
            last_row = r
        else:
            reader.skipped += 1
    reader.flush()
    reader.check_totals()
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
        where = (fast_ref(sheet, row or 0, reader.id_col) if reader.id_col else CellRef(sheet=sheet, row=row))
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
