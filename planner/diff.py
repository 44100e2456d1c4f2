"""Compare two versions of a portfolio by initiative, and merge chosen differences into one of them.

Initiatives are matched by id. A difference is a :class:`Change`: an initiative added or removed, or
one field changed (a yearly amount, the phase, the period, the name …). ``apply_changes`` takes any
subset of the changes (one, all, none) and returns the inverse changes, so the UI can undo a merge by
applying them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from operator import attrgetter
from typing import Any, Literal

from planner.amounts import ZERO, to_json_number
from planner.model import Initiative, Portfolio
from planner.phases import Phase

Kind = Literal["added", "removed", "changed"]
AMOUNT = "amount"
# Compared fields besides the yearly amounts, in the order they are reported.
FIELDS: tuple[str, ...] = ("name", "area", "phase", "start", "end", "stated_total", "theme", "recipients",
                           "next_phase", "next_round", "notes")
_ATTRS = {"start": "start_year", "end": "end_year"}
# Every attribute field_value reads for FIELDS ("phase" reads phase_text too).
_raw_fields = attrgetter(*(_ATTRS.get(name, name) for name in FIELDS), "phase_text")


@dataclass(frozen=True)
class Change:
    """One difference between portfolio A (``old``) and portfolio B (``new``).

    ``kind`` "changed": ``field`` is "amount" (with ``year``) or one of FIELDS, ``old``/``new`` the
    model values (Decimal, Phase, int, str or None). A diff gives 0 for a blank year; an inverse from
    ``apply_changes`` gives None for "blank again", so undo restores the blank cell.
    "added": ``initiative`` is B's initiative.
    "removed": ``initiative`` is A's and ``index`` its position in A (so undo puts it back there).
    An added initiative carries no ``sources`` (B's cells say nothing about A's workbook).
    """

    kind: Kind
    id: str
    field: str = ""
    year: int | None = None
    old: Any = None
    new: Any = None
    initiative: Initiative | None = None
    index: int | None = None

    def to_json(self) -> dict[str, Any]:
        """{"id", "field", "year", "old", "new"}: amounts as numbers, other values as strings or null."""
        return {"id": self.id, "field": self.field, "year": self.year,
                "old": _json_value(self.field, self.old), "new": _json_value(self.field, self.new)}


@dataclass
class PortfolioDiff:
    """All differences from A to B, in A's order, then B's additions."""

    changes: list[Change] = field(default_factory=list)

    @property
    def added(self) -> list[str]:
        return [c.id for c in self.changes if c.kind == "added"]

    @property
    def removed(self) -> list[str]:
        return [c.id for c in self.changes if c.kind == "removed"]

    @property
    def changed(self) -> list[Change]:
        return [c for c in self.changes if c.kind == "changed"]

    def __bool__(self) -> bool:
        return bool(self.changes)

    def to_json(self) -> dict[str, Any]:
        """Exactly {"added": [ids], "removed": [ids], "changed": [{"id","field","year","old","new"}]}."""
        return {"added": self.added, "removed": self.removed, "changed": [c.to_json() for c in self.changed]}


def _json_value(name: str, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return to_json_number(value)
    if isinstance(value, Phase):
        return value.value
    return str(value)


def field_value(ini: Initiative, name: str) -> Any:
    """The value of a compared field (FIELDS) on an initiative."""
    if name == "phase":
        return ini.phase if ini.phase is not None else (ini.phase_text.strip() or None)
    value = getattr(ini, _ATTRS.get(name, name))
    return value if value != "" else None


def _set_field(ini: Initiative, name: str, value: Any) -> None:
    if name == "phase":
        if isinstance(value, Phase) or value is None:
            ini.phase = value
            ini.phase_text = value.label_da if isinstance(value, Phase) else ""
        else:
            ini.phase = None
            ini.phase_text = str(value)
        return
    attr = _ATTRS.get(name, name)
    if value is None and isinstance(getattr(ini, attr), str):
        value = ""
    setattr(ini, attr, value)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, Decimal) and isinstance(b, Decimal):
        return a == b
    return bool(a == b) and type(a) is type(b)


def diff_initiatives(a: Initiative, b: Initiative) -> list[Change]:
    """Field changes first (FIELDS order), then yearly amounts by year; blank and 0 are the same."""
    raw_a, raw_b = _raw_fields(a), _raw_fields(b)
    if raw_a == raw_b and tuple(map(type, raw_a)) == tuple(map(type, raw_b)):
        out: list[Change] = []  # equal attributes of equal types give equal field values (most of a compare)
    else:
        out = [Change("changed", a.id, name, None, field_value(a, name), field_value(b, name))
               for name in FIELDS if not _same(field_value(a, name), field_value(b, name))]
    if a.amounts == b.amounts:
        return out
    for year in sorted(set(a.amounts) | set(b.amounts)):
        old, new = a.amounts.get(year, ZERO), b.amounts.get(year, ZERO)
        if old != new:
            out.append(Change("changed", a.id, AMOUNT, year, old, new))
    return out


def diff_portfolios(a: Portfolio, b: Portfolio) -> PortfolioDiff:
    """What changed from A to B, by initiative id (the first of a duplicated id is the one compared)."""
    in_b: dict[str, Initiative] = {}
    for ini in b.initiatives:
        in_b.setdefault(ini.id, ini)
    seen: set[str] = set()
    changes: list[Change] = []
    for index, ini in enumerate(a.initiatives):
        if ini.id in seen:
            continue
        seen.add(ini.id)
        other = in_b.get(ini.id)
        if other is None:
            changes.append(Change("removed", ini.id, initiative=ini, index=index))
        else:
            changes.extend(diff_initiatives(ini, other))
    for ini in b.initiatives:
        if ini.id not in seen:
            seen.add(ini.id)
            # B's cells mean nothing in A's workbook: merged in, it is a new row for the writer.
            fresh = ini.model_copy(update={"sources": {}}, deep=True)
            changes.append(Change("added", ini.id, initiative=fresh))
    return PortfolioDiff(changes)


def apply_changes(portfolio: Portfolio, changes: list[Change]) -> list[Change]:
    """Make the given changes in ``portfolio`` (A becomes like B for them); returns their inverse.

    Applying the returned list undoes the merge exactly, whatever the portfolio held in between (the
    inverse records the value actually replaced). An added initiative whose id already exists and a
    change for an initiative that is gone are skipped (and have no inverse).
    """
    inverse: list[Change] = []
    for change in changes:
        if change.kind == "added":
            if change.initiative is None or portfolio.get(change.id) is not None:
                continue
            copy = change.initiative.model_copy(deep=True)
            index = len(portfolio.initiatives) if change.index is None else min(change.index,
                                                                                len(portfolio.initiatives))
            portfolio.initiatives = [*portfolio.initiatives[:index], copy, *portfolio.initiatives[index:]]
            for year in copy.amounts:
                if year not in portfolio.years:
                    portfolio.years = sorted({*portfolio.years, year})
            portfolio._index = None
            inverse.append(Change("removed", change.id, initiative=copy, index=index))
        elif change.kind == "removed":
            ini = portfolio.get(change.id)
            if ini is None:
                continue
            index = next(i for i, x in enumerate(portfolio.initiatives) if x is ini)
            portfolio.initiatives = [x for x in portfolio.initiatives if x is not ini]
            portfolio._index = None
            inverse.append(Change("added", change.id, initiative=ini, index=index))
        else:
            ini = portfolio.get(change.id)
            if ini is None:
                continue
            if change.field == AMOUNT and change.year is not None:
                current = ini.amounts.get(change.year)
                if change.new is None:
                    ini.amounts.pop(change.year, None)
                else:
                    portfolio.set_amount(ini.id, change.year, change.new)
                inverse.append(Change("changed", change.id, AMOUNT, change.year, change.new, current))
            else:
                current = field_value(ini, change.field)
                _set_field(ini, change.field, change.new)
                inverse.append(Change("changed", change.id, change.field, None, change.new, current))
    inverse.reverse()
    return inverse
