"""diff_initiatives skips the field-by-field compare when every compared attribute is equal: the result
must be the same as comparing field by field (the reference below is the compare without the shortcut)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from planner.amounts import ZERO
from planner.diff import AMOUNT, FIELDS, Change, _same, diff_initiatives, diff_portfolios, field_value
from planner.model import Initiative
from planner.phases import Phase
from planner.synthetic import make_portfolio


def _reference(a: Initiative, b: Initiative) -> list[Change]:
    out = [Change("changed", a.id, name, None, field_value(a, name), field_value(b, name))
           for name in FIELDS if not _same(field_value(a, name), field_value(b, name))]
    for year in sorted(set(a.amounts) | set(b.amounts)):
        old, new = a.amounts.get(year, ZERO), b.amounts.get(year, ZERO)
        if old != new:
            out.append(Change("changed", a.id, AMOUNT, year, old, new))
    return out


EDITS: list[tuple[str, Any]] = [
    ("name", "Et andet navn"), ("area", "voksne"), ("phase", Phase.UDBREDELSE), ("phase", None),
    ("start_year", 2031), ("end_year", None), ("stated_total", Decimal("99.9")), ("stated_total", None),
    ("theme", "Tema"), ("recipients", ""), ("next_phase", Phase.UDBREDELSE), ("next_round", "UIP 2031"),
    ("notes", "ny note"), ("phase_text", "  "), ("start_quarter", 2), ("locked", True),
]


@pytest.mark.parametrize(("attr", "value"), EDITS)
def test_one_attribute_changed_gives_the_same_changes_as_field_by_field(attr: str, value: Any) -> None:
    for a in make_portfolio(12, seed=5).initiatives:
        b = a.model_copy(deep=True)
        setattr(b, attr, value)
        assert diff_initiatives(a, b) == _reference(a, b), (a.id, attr)


def test_a_whitespace_phase_text_without_phase_is_no_change() -> None:
    a = Initiative(id="X1", name="x", phase=None, phase_text="")
    b = a.model_copy(update={"phase_text": "   "})
    assert diff_initiatives(a, b) == _reference(a, b) == []
    b.phase_text = "Ukendt"
    assert [c.field for c in diff_initiatives(a, b)] == ["phase"]


def test_amounts_blank_zero_and_changed() -> None:
    a = Initiative(id="X1", name="x", amounts={2024: "1,5", 2025: "2"})
    b = a.model_copy(deep=True)
    assert diff_initiatives(a, b) == []
    b.amounts = {2024: Decimal("1.50"), 2025: Decimal("2"), 2026: Decimal("0")}  # 1.50 == 1.5, blank == 0
    assert diff_initiatives(a, b) == _reference(a, b) == []
    b.amounts = {2024: Decimal("1.6"), 2026: Decimal("3")}
    assert diff_initiatives(a, b) == _reference(a, b)
    assert [(c.year, c.old, c.new) for c in diff_initiatives(a, b)] == [
        (2024, Decimal("1.5"), Decimal("1.6")), (2025, Decimal("2"), ZERO), (2026, ZERO, Decimal("3"))]


def test_big_portfolio_with_scattered_edits_matches_the_reference() -> None:
    a = make_portfolio(400, seed=9)
    b = a.clone()
    for i, ini in enumerate(b.initiatives):
        if i % 7 == 0:
            year = min(ini.amounts, default=2024)
            ini.amounts[year] = ini.amounts.get(year, ZERO) + Decimal("0.1")
        if i % 11 == 0:
            ini.name += " (rettet)"
    expected = [c for x, y in zip(a.initiatives, b.initiatives, strict=True) for c in _reference(x, y)]
    assert diff_portfolios(a, b).changes == expected
    assert len(expected) >= 400 // 7 + 400 // 11
