from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError

from planner.amounts import AmountError, format_amount, parse_amount
from planner.model import Frame, Initiative, Portfolio
from planner.phases import PHASES, Phase, parse_phase
from planner.validate import validate


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12,7", "12.7"), ("12.7", "12.7"), ("1.250,5", "1250.5"), ("1,250.5", "1250.5"), ("2 500", "2500"),
        ("-3,1", "-3.1"), ("(3,1)", "-3.1"), ("12,7 mio. kr.", "12.7"), (" 0,1 ", "0.1"), ("1.250", "1250"),
        (12.7, "12.7"), (3, "3"), ("1.234.567,8", "1234567.8"), (",5", "0.5"),
    ],
)
def test_parse_amount_reads_what_people_type(text: object, expected: str) -> None:
    assert parse_amount(text) == Decimal(expected)


def test_single_dot_with_three_decimals_is_a_decimal_point_in_english() -> None:
    assert parse_amount("1.250", decimal_comma=False) == Decimal("1.25")


@pytest.mark.parametrize("text", ["abc", "", "12,7,1", "1.2.3", "--1", "nan", "1e5", True, float("nan")])
def test_parse_amount_refuses_what_is_no_number(text: object) -> None:
    with pytest.raises(AmountError):
        parse_amount(text)


def test_amounts_are_exact() -> None:
    ini = Initiative(id="X", name="x", amounts={2023: "0,1", 2024: "0,2"})
    assert ini.total == Decimal("0.3")
    assert all(isinstance(a, Decimal) for a in ini.amounts.values())


def test_format_amount_danish_and_english() -> None:
    assert format_amount(Decimal("12.7")) == "12,7"
    assert format_amount(Decimal("1250.5")) == "1.250,5"
    assert format_amount(Decimal("1250.5"), "en") == "1,250.5"
    assert format_amount(Decimal("-0.01")) == "0,0"


@pytest.mark.parametrize(
    ("text", "phase"),
    [("modning ", Phase.MODNING), ("MODNING", Phase.MODNING), ("Afproevning", Phase.AFPROEVNING),
     ("Afprøvning", Phase.AFPROEVNING), ("Maturing", Phase.MODNING), ("Testing", Phase.AFPROEVNING),
     ("Dissemination", Phase.UDBREDELSE), ("screening", Phase.SCREENING), ("Udbredelse.", Phase.UDBREDELSE)],
)
def test_phase_spelling_variants(text: str, phase: Phase) -> None:
    assert parse_phase(text) is phase


def test_phase_ladder_order_and_labels() -> None:
    assert [p.label_da for p in PHASES] == ["Screening", "Modning", "Afprøvning", "Udbredelse"]
    assert [p.label_en for p in PHASES] == ["Screening", "Maturing", "Testing", "Dissemination"]
    assert Phase.MODNING.next() is Phase.AFPROEVNING and Phase.UDBREDELSE.next() is None
    assert parse_phase("Implementering") is None


def test_validate_assignment_refuses_bad_values() -> None:
    ini = Initiative(id="X", name="x")
    with pytest.raises(ValidationError):
        ini.start_quarter = 5  # type: ignore[assignment]


def _codes(p: Portfolio) -> list[str]:
    return [f.code for f in validate(p)]


def test_every_validation_finding_kind() -> None:
    p = Portfolio(
        name="t", years=[2023, 2024, 2026], frame=Frame(total="5", by_year={2023: "1"}),
        initiatives=[
            Initiative(id="A", name="a", phase="Modning", stated_total="3,4", amounts={2023: "3,3"},
                       start_year=2023, end_year=2024),
            Initiative(id="A", name="b", phase_text="Implementering", amounts={2026: "-1", 2024: "4"},
                       start_year=2023, end_year=2024),
        ],
    )
    codes = _codes(p)
    for code in ["stated_total_mismatch", "negative_amount", "amount_outside_years", "duplicate_id",
                 "unknown_phase", "over_frame_year", "over_frame_total", "years_not_contiguous"]:
        assert code in codes, code
    by_code = {f.code: f for f in validate(p)}
    assert by_code["stated_total_mismatch"].message("da") == (
        "A: den angivne total 3,4 passer ikke med summen af årene 3,3 (forskel 0,1).")
    assert by_code["negative_amount"].severity == "error"


def test_clean_portfolio_has_no_findings() -> None:
    p = Portfolio(name="ok", years=[2023, 2024], frame=Frame(total="10"),
                  initiatives=[Initiative(id="V1", name="a", phase="Screening", amounts={2023: 1, 2024: 2},
                                          stated_total=3, start_year=2023, end_year=2024)])
    assert _codes(p) == []
    p.revalidate()
    assert p.usable()


def test_set_amount_returns_old_value_and_rejects_unknown_id() -> None:
    p = Portfolio(initiatives=[Initiative(id="V1", name="a", amounts={2023: "1,5"})], years=[2023])
    assert p.set_amount("V1", 2023, "2,5") == Decimal("1.5")
    assert p.get("V1").amount(2023) == Decimal("2.5")  # type: ignore[union-attr]
    with pytest.raises(KeyError):
        p.set_amount("V9", 2023, 1)


@pytest.mark.parametrize(("text", "year"), [("afprøvning kan indstilles til UIP 2027", 2027), ("", None),
                                             ("UIP 20271 eller 2028", 2028), ("2025/2026", 2025),
                                             ("runde 12 i 2026x", 2026), ("ingen år", None)])
def test_next_round_year_is_the_first_four_digit_number_in_the_text(text: str, year: int | None) -> None:
    assert Initiative(id="X1", name="x", next_round=text).next_round_year == year
