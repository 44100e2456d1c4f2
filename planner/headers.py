"""Header matching: which column holds which field, found by the words people write, never by position.

A header cell is folded (case, spaces, accents, æøå), stripped of units in brackets ("(mio. kr.)") and
of trailing punctuation, then looked up among Danish and English names. Year columns are headers whose
text is a four-digit year, optionally with unit text ("2023", 2023, "2023 (mio. kr.)").
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

from planner.model import CostCategory, cost_key
from planner.phases import fold

YEAR_LOW, YEAR_HIGH = 1000, 9999  # any four-digit year: validation names implausible ones
HEADER_SCAN_ROWS = 60

_FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "id": ("nr", "nr.", "nummer", "no", "no.", "id", "#", "initiativ nr", "initiativnr", "initiativ id",
           "lobenr", "loebenr", "ref", "reference", "kode", "code", "number"),
    "name": ("initiativ", "initiative", "initiativer", "initiatives", "navn", "name", "titel", "title",
             "initiativets navn", "initiativnavn", "initiativets titel", "initiative name", "projekt",
             "project", "indsats"),
    "area": ("omraade", "område", "area", "indsatsomraade", "indsatsområde", "fagomraade", "policy area",
             "programomraade", "programme area", "program area"),
    "phase": ("udviklingstrin", "susi fase", "susi-fase", "fase", "phase", "susi", "susi trin", "stage",
              "development stage", "trin", "susi phase", "susi stage"),
    "theme": ("hovedtema", "tema", "theme", "maalgruppe", "målgruppe", "tema/målgruppe", "tema/maalgruppe",
              "target group", "main theme", "topic"),
    "recipients": ("tilskudsmodtagere", "tilskudsmodtager", "modtagere", "modtager", "recipients",
                   "recipient", "grant recipients", "grantees", "ansoegerkreds", "ansøgerkreds"),
    "start": ("start", "startaar", "startår", "start year", "begin", "begins", "fra", "from", "startdato",
              "start date", "projektstart", "start (aar)", "first year"),
    "end": ("slut", "slutaar", "slutår", "end", "end year", "til", "to", "slutdato", "end date", "projektslut",
            "faerdig", "færdig", "last year", "ends"),
    "period": ("periode", "period", "projektperiode", "project period"),
    "next_phase": ("naeste fase", "næste fase", "naeste skridt", "næste skridt", "next phase", "next step",
                   "next stage", "naeste trin", "næste trin"),
    "next_round": ("runde", "kan indstilles til", "indstilles til", "next round", "programme round",
                   "program round", "round", "uip runde", "uip-runde", "naeste runde", "næste runde"),
    "stated_total": ("i alt", "total", "samlet", "sum", "der afsaettes", "der afsættes", "afsat i alt",
                     "beloeb i alt", "beløb i alt", "total amount", "samlet beloeb", "samlet beløb",
                     "bevilling i alt", "totals", "afsat", "total i alt"),
    "notes": ("bemaerkning", "bemærkning", "bemaerkninger", "bemærkninger", "noter", "note", "notes",
              "kommentar", "kommentarer", "comment", "comments", "remarks", "remark"),
    cost_key(CostCategory.PROJEKTLEDELSE): ("projektledelse", "project management", "projektledelse og formidling",
                                             "projektledelse mv", "management"),
    cost_key(CostCategory.KOMPETENCEUDVIKLING): ("kompetenceudvikling", "competence development", "training",
                                                  "capacity building", "skills development"),
    cost_key(CostCategory.EVALUERING): ("evaluering", "evaluation", "evaluering og dokumentation"),
    cost_key(CostCategory.ANSOEGNINGSPULJE): ("ansoegningspulje", "ansøgningspulje", "ansoegningspuljer",
                                               "ansøgningspuljer", "pulje", "application pool", "grant pool",
                                               "open call", "applications pool"),
    cost_key(CostCategory.DIREKTE_TILSKUD): ("direkte tilskud", "tilskud", "direct grants", "direct grant",
                                              "direct funding", "direct subsidies"),
    cost_key(CostCategory.ANDET): ("andet", "oevrigt", "øvrigt", "oevrige", "øvrige", "other", "others",
                                   "vidensudvikling", "vidensudviklende aktiviteter", "knowledge development"),
}

_UNIT_TAIL = re.compile(r"\s*(?:,\s*)?(?:i\s+)?(?:mio\.?\s*kr\.?|mio\.?|mill?\.?\s*kr\.?|dkk|kr\.?)\s*$")
_BRACKETS = re.compile(r"\s*[\(\[][^\)\]]*[\)\]]\s*")
_YEAR_TEXT = re.compile(r"^(?:(?:aar|ar|year|fy|budget|bevilling|beloeb)\s*)?(\d{4})\b(.*)$")
_PRICE_LEVEL = re.compile(r"\d{4}\s*-?\s*pl\b")


def header_key(text: str) -> str:
    """The matching key of a header text: folded, without units in brackets, '-' '/' '_' as spaces."""
    t = fold(text)
    t = _BRACKETS.sub(" ", t)
    t = _UNIT_TAIL.sub("", t)
    t = re.sub(r"[-/_]+", " ", t)
    return " ".join(t.strip(" .:*").split())


_LOOKUP: dict[str, str] = {}
_LOOKUP_JOINED: dict[str, str] = {}  # without spaces: "Ansøgnings-\npulje" and "Start år" still match
for _key, _names in _FIELD_NAMES.items():
    for _n in _names:
        _LOOKUP.setdefault(header_key(_n), _key)
        _LOOKUP_JOINED.setdefault(header_key(_n).replace(" ", ""), _key)


def header_year(value: object) -> int | None:
    """2023 for 2023, 2023.0, "2023", "2023 (mio. kr.)", "År 2023"; None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        if YEAR_LOW <= value <= YEAR_HIGH and value == int(value):  # range first: inf/nan never reach int()
            return int(value)
        return None
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.year if YEAR_LOW <= value.year <= YEAR_HIGH else None
    if not isinstance(value, str):
        return None
    t = fold(value)
    m = _YEAR_TEXT.match(t)
    if not m:
        return None
    year, rest = int(m.group(1)), m.group(2)
    if _PRICE_LEVEL.match(t[m.start(1):]):
        return None
    rest = _PRICE_LEVEL.sub("", rest)
    if any(c.isdigit() for c in rest) or not YEAR_LOW <= year <= YEAR_HIGH:
        return None
    return year


def classify_header(value: object) -> str | None:
    """The field key a header cell names ("name", "year:2023", "cost:evaluering"), or None."""
    if value is None or value == "":
        return None
    year = header_year(value)
    if year is not None:
        return f"year:{year}"
    if not isinstance(value, str):
        return None
    key = header_key(value)
    found = _LOOKUP.get(key)
    return found if found is not None else _LOOKUP_JOINED.get(key.replace(" ", ""))


@dataclass
class HeaderMatch:
    """A header row (or two stacked rows) and the columns it names; rows and columns are 1-based."""

    row: int
    columns: dict[str, int] = field(default_factory=dict)
    first_row: int | None = None  # the upper row of a two-row header
    labels: dict[int, str] = field(default_factory=dict)  # column → header text as written

    @property
    def years(self) -> dict[int, int]:
        return {int(k[5:]): c for k, c in self.columns.items() if k.startswith("year:")}

    @property
    def usable(self) -> bool:
        return "name" in self.columns and any(k.startswith("year:") for k in self.columns)

    @property
    def score(self) -> int:
        return len(self.columns)


def _map_row(row: list[object], rownum: int) -> HeaderMatch:
    match = HeaderMatch(row=rownum)
    for i, value in enumerate(row):
        key = classify_header(value)
        if key is None or key in match.columns:
            continue
        match.columns[key] = i + 1
        match.labels[i + 1] = str(value).strip() if not isinstance(value, float) else str(int(value))
    return match


def find_header(grid: list[list[object]], max_rows: int = HEADER_SCAN_ROWS) -> tuple[HeaderMatch | None,
                                                                                     HeaderMatch | None]:
    """(best usable header, best partial header) among the first ``max_rows`` rows.

    Usable means a name column and at least one year column. A header split over two rows (labels above,
    years below, as in "Mio. kr. i 2023-PL | 2023 | 2024") is joined. The partial match explains a failure.
    """
    rows = [_map_row(grid[i], i + 1) for i in range(min(len(grid), max_rows))]
    best: HeaderMatch | None = None
    partial: HeaderMatch | None = None
    for i, m in enumerate(rows):
        candidate = m
        if not m.usable and "name" in m.columns and m.score >= 2 and i + 1 < len(rows):
            below = rows[i + 1]
            years = {k: c for k, c in below.columns.items() if k.startswith("year:")
                     and c not in m.columns.values()}
            if years and len(years) == below.score:
                candidate = HeaderMatch(row=i + 2, columns={**m.columns, **years}, first_row=i + 1,
                                        labels={**m.labels, **{c: below.labels[c] for c in years.values()}})
        if candidate.usable:
            if best is None or candidate.score > best.score:
                best = candidate
        elif candidate.score >= 1 and (partial is None or candidate.score > partial.score):
            partial = candidate
    return best, partial


# -- row labels -------------------------------------------------------------------------------------
_TOTALS = re.compile(
    r"^(?:(?:forslag|initiativer|alle|samlet|grand|sub|hovedtotal|total)\s+)?"
    r"(?:i alt|total|totals|sum|samlet|subtotal|tilsammen|sum i alt|total i alt)(?:\s+i alt)?"
    r"(?:\s+(?:mio\.? kr\.?|forslag))?$")
_FRAME = {"ramme", "bevillingsramme", "frame", "funding frame", "samlet ramme", "ramme i alt", "budgetramme",
          "total ramme", "oekonomisk ramme", "programramme", "budget frame"}
_ID_LIKE = re.compile(r"^[a-z]{0,4}[-. ]?\d+(?:[.-]\d+)?[a-z]?$")


def _label_key(text: str) -> str:
    return header_key(text).rstrip(":").strip()


def is_totals_label(text: str) -> bool:
    """'I alt', 'Total', 'Sum', 'Forslag i alt' …: a totals row, not an initiative."""
    return bool(_TOTALS.match(_label_key(text)))


def is_frame_label(text: str) -> bool:
    """'Ramme', 'Bevillingsramme', 'Frame': a row holding the funding frame."""
    return _label_key(text) in _FRAME


_DETAIL = re.compile(r"^(?:heraf|herunder|deraf|of which|including)\b")


def is_detail_label(text: str) -> bool:
    """'Heraf ansøgningspulje', 'of which grants': a breakdown line under an initiative, not one itself."""
    return bool(_DETAIL.match(fold(text)))


def is_id_like(text: str) -> bool:
    """'V1', 'B6', '12', 'P-3': looks like an id rather than a section heading."""
    return bool(_ID_LIKE.match(fold(text)))


_META: dict[str, str] = {}
for _key, _names in {
    "name": ("program", "programme", "programnavn", "program name", "programme name", "portefoelje",
             "portfolio", "programmets navn"),
    "price_level": ("prisniveau", "price level", "pl", "priser", "prices", "price basis"),
    "unit": ("enhed", "unit", "beloeb i", "amounts in", "valuta", "currency"),
    "frame": tuple(_FRAME),
}.items():
    for _n in _names:
        _META[_label_key(_n)] = _key


def metadata_key(text: str) -> str | None:
    """'Prisniveau:' → 'price_level'; 'Ramme' → 'frame'; None for other text."""
    return _META.get(_label_key(text))
