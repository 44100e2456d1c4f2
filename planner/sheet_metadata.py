"""Cell helpers and programme facts for the table reader: blank cells, cell text, CellRefs and
Initiatives made without per-instance validation, and metadata ("Prisniveau: 2023-PL") above a table.

Split from :mod:`planner.table_reader` to keep both small; the fast constructors live here because the
reader makes ~15 CellRefs per row and pydantic's validation of each would dominate a 10,000-row read.
"""

from __future__ import annotations

import datetime as _dt
from collections import deque
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import repeat
from operator import setitem

from pydantic import BaseModel

from planner.amounts import AmountError, parse_amount
from planner.cells import CellRef
from planner.findings import Finding, Severity
from planner.headers import is_id_like, metadata_key
from planner.model import Initiative, normalise_area
from planner.phases import fold


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


def blank(v: object) -> bool:
    return v is None or v == "" or (isinstance(v, str) and not v.strip())


def cell_text(v: object) -> str:
    if isinstance(v, float) and v.is_integer():  # False for inf/nan, which int() cannot take
        return str(int(v))
    if isinstance(v, (_dt.date, _dt.datetime)):
        return v.isoformat()
    return str(v).strip()


new_object = object.__new__
REF_FIELDS = {"sheet", "row", "column"}
# pydantic's own slot setters: the fastest way to make a model instance from checked values (~2x setattr).
set_model_dict = BaseModel.__dict__["__dict__"].__set__
set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
set_model_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
set_model_private = BaseModel.__dict__["__pydantic_private__"].__set__


def fast_ref(sheet: str, row: int, column: int | None) -> CellRef:
    """A CellRef without pydantic's per-instance validation (the reader makes ~15 per row)."""
    ref = new_object(CellRef)
    set_model_dict(ref, {"sheet": sheet, "row": row, "column": column})
    set_fields_set(ref, REF_FIELDS)
    set_model_extra(ref, None)
    set_model_private(ref, None)
    return ref


# Every field in declaration order (so dumps list them as a validated Initiative would); update() keeps it.
_STATIC_DEFAULTS = {name: None if f.default_factory else f.default for name, f in Initiative.model_fields.items()}
_FACTORIES = {name: f.default_factory for name, f in Initiative.model_fields.items() if f.default_factory}


def fast_initiative(values: dict[str, object]) -> Initiative:
    """An Initiative from values the reader has already checked (no per-field validation).

    ``values`` must hold amounts, costs and sources (the reader always makes them).
    """
    data = _STATIC_DEFAULTS.copy()
    for key, factory in _OTHER_FACTORIES:
        data[key] = factory()  # type: ignore[call-arg]
    data.update(values)
    ini = new_object(Initiative)
    set_model_dict(ini, data)
    set_fields_set(ini, set(values))
    set_model_extra(ini, None)
    set_model_private(ini, None)
    return ini


_OTHER_FACTORIES = [(k, f) for k, f in _FACTORIES.items() if k not in ("amounts", "costs", "sources")]


def fast_initiatives(values: list[dict[str, object]]) -> list[Initiative]:
    """:func:`fast_initiative` for many rows at once (the same objects, made with whole-list passes)."""
    n = len(values)
    data = list(map(dict.copy, repeat(_STATIC_DEFAULTS, n)))
    for key, factory in _OTHER_FACTORIES:
        deque(map(setitem, data, repeat(key), [factory() for _ in range(n)]), 0)  # type: ignore[call-arg]
    deque(map(dict.update, data, values), 0)
    inis = list(map(new_object, repeat(Initiative, n)))
    deque(map(set_model_dict, inis, data), 0)
    deque(map(set_fields_set, inis, map(set, values)), 0)
    deque(map(set_model_extra, inis, repeat(None)), 0)
    deque(map(set_model_private, inis, repeat(None)), 0)
    return inis


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
            where = fast_ref(sheet, r + 1, c + 1)
            if key is not None:
                nxt = next((j for j in range(c + 1, len(row)) if not blank(row[j])), None)
                if nxt is not None:
                    value, where, c = row[nxt], fast_ref(sheet, r + 1, nxt + 1), nxt
            elif ":" in v:
                label, _, rest = v.partition(":")
                key = metadata_key(label)
                value = rest.strip() if key else None
            if key and not blank(value):
                set_meta(meta, key, value, where)
            elif not meta.title and key is None and not is_id_like(v):
                meta.title = " ".join(v.split())
            c += 1
    return meta


def set_meta(meta: Metadata, key: str, value: object, where: CellRef) -> None:
    if key == "name" and not meta.name:
        meta.name = cell_text(value)
    elif key == "price_level" and not meta.price_level:
        integral = isinstance(value, int) or (isinstance(value, float) and value.is_integer())
        meta.price_level = f"{int(value)}-PL" if integral else cell_text(value)
    elif key == "unit" and not meta.unit:
        meta.unit = cell_text(value)
    elif key == "frame" and meta.frame_total is None:
        try:
            meta.frame_total, meta.frame_source = parse_amount(value), where
        except AmountError:
            meta.findings.append(Finding(severity=Severity.ERROR, code="not_a_number", where=where,
                                         params={"id": "Ramme", "value": cell_text(value)[:200],
                                                 "field": "Ramme"}))
