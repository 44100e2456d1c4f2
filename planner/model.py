"""The portfolio: a programme's initiatives, their yearly amounts and the funding frame.

Amounts are ``Decimal`` million DKK (never float). Every value read from a workbook remembers the cell
it came from (``Initiative.sources``) so saving can write back to that very cell.
"""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator

from planner.amounts import ZERO, parse_amount
from planner.cells import CellRef
from planner.findings import Finding
from planner.phases import Phase, fold, parse_phase


class CostCategory(StrEnum):
    """The cost lines of an initiative's budget text ("Det forventes, at ca. … anvendes til …")."""

    PROJEKTLEDELSE = "projektledelse"
    KOMPETENCEUDVIKLING = "kompetenceudvikling"
    EVALUERING = "evaluering"
    ANSOEGNINGSPULJE = "ansoegningspulje"
    DIREKTE_TILSKUD = "direkte_tilskud"
    ANDET = "andet"

    def label(self, lang: str = "da") -> str:
        da, en = _COST_LABELS[self]
        return en if lang.startswith("en") else da


_COST_LABELS = {
    CostCategory.PROJEKTLEDELSE: ("Projektledelse", "Project management"),
    CostCategory.KOMPETENCEUDVIKLING: ("Kompetenceudvikling", "Competence development"),
    CostCategory.EVALUERING: ("Evaluering", "Evaluation"),
    CostCategory.ANSOEGNINGSPULJE: ("Ansøgningspulje", "Application pool"),
    CostCategory.DIREKTE_TILSKUD: ("Direkte tilskud", "Direct grants"),
    CostCategory.ANDET: ("Andet", "Other"),
}

# Areas are free text in workbooks; the two of the UIP programmes get canonical names and translations.
AREA_ADULTS = "Voksenområdet"
AREA_CHILDREN = "Børne- og ungeområdet"
_AREA_KNOWN = {
    fold(AREA_ADULTS): (AREA_ADULTS, "Adults"),
    fold("voksen"): (AREA_ADULTS, "Adults"),
    fold("voksne"): (AREA_ADULTS, "Adults"),
    fold("adults"): (AREA_ADULTS, "Adults"),
    fold("adult"): (AREA_ADULTS, "Adults"),
    fold(AREA_CHILDREN): (AREA_CHILDREN, "Children and young people"),
    fold("børn og unge"): (AREA_CHILDREN, "Children and young people"),
    fold("børneområdet"): (AREA_CHILDREN, "Children and young people"),
    fold("børne- og ungeområde"): (AREA_CHILDREN, "Children and young people"),
    fold("children"): (AREA_CHILDREN, "Children and young people"),
    fold("children and young people"): (AREA_CHILDREN, "Children and young people"),
}


def normalise_area(text: str) -> str:
    """"voksenområdet " → "Voksenområdet"; unknown areas are kept as written (trimmed)."""
    known = _AREA_KNOWN.get(fold(text))
    return known[0] if known else " ".join(text.split())


def area_label(area: str, lang: str = "da") -> str:
    known = _AREA_KNOWN.get(fold(area))
    if not known:
        return area
    return known[1] if lang.startswith("en") else known[0]


def amount_key(year: int) -> str:
    """The ``sources`` key of a yearly amount."""
    return f"year:{year}"


def cost_key(category: CostCategory) -> str:
    return f"cost:{category.value}"


_FOUR_DIGITS = re.compile(r"(?<!\d)\d{4}(?!\d)")  # a year in a free text: 'UIP 2027'
_INITIATIVE_WRITES = [0]


def initiative_writes() -> int:
    """How many attribute assignments any Initiative has had in this process.

    Lets a cache kept beside a portfolio (planner.amount_cells) know that no id, lock or ``amounts`` dict
    was replaced since it looked, without reading them all again. In-place changes to ``amounts`` are not
    counted (the cache checks those cells itself); ``locked_years`` is a frozenset, so it cannot change in
    place.
    """
    return _INITIATIVE_WRITES[0]


class Initiative(BaseModel):
    """One funded initiative.

    Invariants: ``amounts`` holds only years that have a value (a blank cell is absent, read as 0);
    amounts are Decimal; ``sources`` maps a field key ("name", "year:2024", "cost:evaluering") to the
    cell it was read from.
    """

    model_config = ConfigDict(validate_assignment=True)

    id: str = Field(description="Stable id, e.g. V1 or B6.")
    name: str
    area: str = ""
    phase: Phase | None = Field(default=None, description="None when the workbook's text is no phase.")
    phase_text: str = Field(default="", description="The phase as written in the workbook.")
    theme: str = ""
    recipients: str = ""
    start_year: int | None = None
    end_year: int | None = None
    start_quarter: int | None = Field(default=None, ge=1, le=4)
    end_quarter: int | None = Field(default=None, ge=1, le=4)
    next_phase: Phase | None = None
    next_round: str = Field(default="", description="Programme round it may be proposed to, e.g. 'UIP 2027'.")
    stated_total: Decimal | None = Field(default=None, description="The total the source states (I alt).")
    amounts: dict[int, Decimal] = Field(default_factory=dict, description="Year → million DKK.")
    costs: dict[CostCategory, Decimal] = Field(default_factory=dict)
    notes: str = ""
    locked: bool = False
    locked_years: frozenset[int] = Field(default_factory=frozenset,
                                         description="Immutable: lock a year by assigning a new set.")
    sources: dict[str, CellRef] = Field(default_factory=dict)

    def __setattr__(self, name: str, value: Any) -> None:
        super().__setattr__(name, value)
        _INITIATIVE_WRITES[0] += 1

    @field_validator("amounts", mode="before")
    @classmethod
    def _exact_amounts(cls, v: Any) -> Any:
        if isinstance(v, dict):
            return {int(y): parse_amount(a) for y, a in v.items()}
        return v

    @field_validator("costs", mode="before")
    @classmethod
    def _exact_costs(cls, v: Any) -> Any:
        if isinstance(v, dict):
            return {CostCategory(k): parse_amount(a) for k, a in v.items()}
        return v

    @field_validator("stated_total", mode="before")
    @classmethod
    def _exact_total(cls, v: Any) -> Any:
        return None if v is None or v == "" else parse_amount(v)

    @field_validator("phase", "next_phase", mode="before")
    @classmethod
    def _phase(cls, v: Any) -> Any:
        if v is None or v == "" or isinstance(v, Phase):
            return v or None
        return parse_phase(v)

    def amount(self, year: int) -> Decimal:
        return self.amounts.get(year, ZERO)

    @property
    def total(self) -> Decimal:
        """Sum of the yearly amounts (what the figures say, whatever the source states)."""
        return sum(self.amounts.values(), ZERO)

    @property
    def next_round_year(self) -> int | None:
        """2027 for 'UIP 2027'."""
        found = _FOUR_DIGITS.search(self.next_round)
        return int(found.group()) if found else None

    def is_locked(self, year: int) -> bool:
        return self.locked or year in self.locked_years

    def years_span(self) -> tuple[int, int] | None:
        """(first, last) year: from start/end when given, else from the years with money."""
        funded = [y for y, a in self.amounts.items() if a != 0]
        start = self.start_year if self.start_year is not None else (min(funded) if funded else None)
        end = self.end_year if self.end_year is not None else (max(funded) if funded else None)
        if start is None or end is None:
            return None
        return (min(start, end), max(start, end))


class Frame(BaseModel):
    """The funding frame: a total, and optionally an amount per year."""

    model_config = ConfigDict(validate_assignment=True)

    total: Decimal | None = None
    by_year: dict[int, Decimal] = Field(default_factory=dict)
    sources: dict[str, CellRef] = Field(default_factory=dict, description="'total' or 'year:2024' → cell.")

    @field_validator("total", mode="before")
    @classmethod
    def _exact_total(cls, v: Any) -> Any:
        return None if v is None or v == "" else parse_amount(v)

    @field_validator("by_year", mode="before")
    @classmethod
    def _exact_years(cls, v: Any) -> Any:
        if isinstance(v, dict):
            return {int(y): parse_amount(a) for y, a in v.items()}
        return v

    def effective_total(self) -> Decimal | None:
        """The total, or the sum of the yearly frame when only that is given."""
        if self.total is not None:
            return self.total
        if self.by_year:
            return sum(self.by_year.values(), ZERO)
        return None


class SourceInfo(BaseModel):
    """Where a portfolio was read from, so it can be written back into the same workbook."""

    path: str = ""
    format: str = Field(default="xlsx", description="xlsx, xlsm, csv, canonical …")
    sheet: str = ""
    header_row: int | None = None
    columns: dict[str, int] = Field(default_factory=dict, description="Field key → 1-based column.")
    first_row: int | None = None
    last_row: int | None = Field(default=None, description="Last row holding an initiative.")
    totals_row: int | None = None
    mtime_ns: int | None = None
    size: int | None = None
    sha256: str = ""


class Portfolio(BaseModel):
    """A programme of initiatives with its frame; ``findings`` is the result of the last validation."""

    model_config = ConfigDict(validate_assignment=True)

    name: str = ""
    price_level: str = Field(default="", description="e.g. '2023-PL'.")
    unit: str = "mio. kr."
    years: list[int] = Field(default_factory=list)
    frame: Frame = Field(default_factory=Frame)
    initiatives: list[Initiative] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    read_findings: list[Finding] = Field(default_factory=list, description="What the reader noticed.")
    source: SourceInfo | None = None

    _index: dict[str, Initiative] | None = PrivateAttr(default=None)
    _indexed: int = PrivateAttr(default=-1)  # len(initiatives) when _index was built
    _validation: Any = PrivateAttr(default=None)  # planner.validate's per-initiative findings, for re-use

    # -- lookup -----------------------------------------------------------------------------------
    def get(self, initiative_id: str) -> Initiative | None:
        """The first initiative with this id. The id index is built once and kept while the list keeps
        its length and the index's answers check out (amount edits and revalidation leave it alone); with
        duplicate ids it is no longer rebuilt on every call, nor after a miss for an unknown id."""
        index = self._index
        if index is None or self._indexed != len(self.initiatives):
            index = {}
            for ini in self.initiatives:
                index.setdefault(ini.id, ini)
            self._index, self._indexed = index, len(self.initiatives)
        found = index.get(initiative_id)
        if found is None or found.id != initiative_id:
            stale = found is not None  # that initiative's id was changed in place
            found = next((i for i in self.initiatives if i.id == initiative_id), None)
            if found is not None or stale:
                self._index = None  # the list changed in place: index again on the next call
        return found

    def find(self, id_or_name: str) -> Initiative | None:
        """By id, else by name (case- and accent-insensitive)."""
        hit = self.get(id_or_name)
        if hit is not None:
            return hit
        key = fold(id_or_name)
        for ini in self.initiatives:
            if fold(ini.id) == key or fold(ini.name) == key:
                return ini
        return None

    # -- figures ----------------------------------------------------------------------------------
    def all_years(self) -> list[int]:
        """The portfolio's years plus any year an initiative has money in, sorted."""
        ys = set(self.years)
        for ini in self.initiatives:
            ys.update(ini.amounts)
        return sorted(ys)

    def totals_by_year(self) -> dict[int, Decimal]:
        totals: dict[int, Decimal] = {y: ZERO for y in self.all_years()}
        for ini in self.initiatives:
            for y, a in ini.amounts.items():
                totals[y] += a
        return totals

    def total(self) -> Decimal:
        return sum((ini.total for ini in self.initiatives), ZERO)

    def by_phase(self) -> dict[str, Decimal]:
        """Phase value ('modning', or 'ukendt') → total."""
        out: dict[str, Decimal] = defaultdict(lambda: ZERO)
        for ini in self.initiatives:
            out[ini.phase.value if ini.phase else "ukendt"] += ini.total
        return dict(out)

    def by_area(self) -> dict[str, Decimal]:
        out: dict[str, Decimal] = defaultdict(lambda: ZERO)
        for ini in self.initiatives:
            out[ini.area or ""] += ini.total
        return dict(out)

    # -- edits ------------------------------------------------------------------------------------
    def set_amount(self, initiative_id: str, year: int, value: Decimal | str | int) -> Decimal:
        """Set one yearly amount; returns the old value. Raises KeyError for an unknown id."""
        ini = self.get(initiative_id)
        if ini is None:
            raise KeyError(initiative_id)
        new = parse_amount(value)
        old = ini.amount(year)
        ini.amounts[year] = new
        if year not in self.years:
            self.years = sorted({*self.years, year})
        return old

    def revalidate(self) -> list[Finding]:
        """Run validation again; ``findings`` becomes the reader's findings plus validation's."""
        from planner.validate import validate

        self.findings = [*self.read_findings, *validate(self)]
        return self.findings

    def usable(self) -> bool:
        """False when any finding is an error."""
        return not any(f.severity == "error" for f in self.findings)

    def clone(self) -> Portfolio:
        """A deep copy (for baselines and scenarios)."""
        return self.model_copy(deep=True)
