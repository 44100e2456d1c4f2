"""Re-balancing operations on hand-checked examples: the figures, the rounding, locks and refusals."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planner.edits import ChangeSet, apply, revert
from planner.model import Frame, Initiative, Portfolio
from planner.rebalance import (
    RebalanceError,
    bench_fit_to_frame,
    describe,
    fit_to_frame,
    largest_remainder,
    move_amount,
    set_total,
    spread_by_profile,
    spread_evenly,
)

D = Decimal
YEARS = [2023, 2024, 2025, 2026]


def make(*rows: tuple[str, dict[int, str]], frame: object = None, **extra: dict) -> Portfolio:
    """A portfolio from (id, {year: amount}) rows; ``extra`` = {id: {field: value}} (locks)."""
    fr = frame if isinstance(frame, Frame) else Frame(total=frame) if frame is not None else Frame()
    return Portfolio(years=YEARS, frame=fr, initiatives=[
        Initiative(id=i, name=f"Initiativ {i}", amounts=a, **extra.get(i, {})) for i, a in rows])


def figures(p: Portfolio) -> dict[str, dict[int, str]]:
    return {i.id: {y: str(a) for y, a in sorted(i.amounts.items())} for i in p.initiatives}


def after(p: Portfolio, cs: ChangeSet) -> dict[str, dict[int, Decimal]]:
    """The figures once ``cs`` is applied (the portfolio itself is left as it was)."""
    apply(p, cs)
    out = {i.id: dict(sorted(i.amounts.items())) for i in p.initiatives}
    revert(p, cs)
    return out


# -- largest remainder -------------------------------------------------------------------------------
def test_largest_remainder_hits_the_target_and_breaks_ties_to_the_earlier_cell() -> None:
    assert largest_remainder([10, 10, 10], 10) == [4, 3, 3]
    assert largest_remainder([10, 20], 10) == [3, 7]  # 3.33 and 6.67: the larger remainder gets the tenth
    assert largest_remainder([5, 0, 5], 3) == [2, 0, 1]
    assert largest_remainder([7, 0, 3], 100) == [70, 0, 30]


# -- fit to frame ------------------------------------------------------------------------------------
def test_fit_total_scales_unlocked_amounts_and_keeps_locked_year() -> None:
    p = make(("A", {2023: "3", 2024: "3", 2025: "0"}), ("B", {2023: "3", 2024: "3.7"}),
             frame="10", B={"locked_years": {2024}})
    before = figures(p)
    cs = fit_to_frame(p)
    assert figures(p) == before, "an operation computes; it does not change the portfolio"
    # unlocked 9,0 must become 10,0 − 3,7 = 6,3: each 3,0 → 2,1
    assert after(p, cs) == {"A": {2023: D("2.1"), 2024: D("2.1"), 2025: D("0")},
                            "B": {2023: D("2.1"), 2024: D("3.7")}}
    assert describe(cs, "da") == "Tilpas til rammen" and describe(cs, "en") == "Fit to frame"


def test_fit_rounds_with_largest_remainder_so_the_total_is_exact() -> None:
    p = make(("A", {2023: "1"}), ("B", {2023: "1"}), ("C", {2023: "1"}), frame="1")
    cs = fit_to_frame(p)
    apply(p, cs)
    assert [p.get(i).amounts[2023] for i in "ABC"] == [D("0.4"), D("0.3"), D("0.3")]
    assert p.total() == D("1.0")


def test_fit_scales_up_and_zero_stays_zero() -> None:
    p = make(("A", {2023: "1", 2024: "0"}), ("B", {2024: "2"}), frame="9")
    assert after(p, fit_to_frame(p)) == {"A": {2023: D("3.0"), 2024: D("0")}, "B": {2024: D("6.0")}}


def test_fit_per_year_frames_each_year_and_leaves_years_without_a_frame() -> None:
    frame = Frame(by_year={2023: D("5"), 2024: D("4.5")})
    p = make(("A", {2023: "4", 2024: "1", 2025: "9"}), ("B", {2023: "6", 2024: "2"}), frame=frame)
    result = after(p, fit_to_frame(p))
    assert result == {"A": {2023: D("2.0"), 2024: D("1.5"), 2025: D("9")},
                      "B": {2023: D("3.0"), 2024: D("3.0")}}


def test_fit_one_year_only() -> None:
    frame = Frame(by_year={2023: D("5"), 2024: D("1")})
    p = make(("A", {2023: "4", 2024: "4"}), ("B", {2023: "6", 2024: "4"}), frame=frame)
    cs = fit_to_frame(p, year=2023)
    assert after(p, cs) == {"A": {2023: D("2.0"), 2024: D("4")}, "B": {2023: D("3.0"), 2024: D("4")}}
    assert describe(cs, "en") == "Fit 2023 to frame"


def test_fit_frame_override_total_text_and_per_year() -> None:
    p = make(("A", {2023: "4", 2024: "4"}), ("B", {2023: "6"}), frame="100")
    fitted = after(p, fit_to_frame(p, frame="12,5"))
    assert sum(fitted["A"].values()) + fitted["B"][2023] == D("12.5")
    result = after(p, fit_to_frame(p, frame={2024: "2.0"}))
    assert result["A"] == {2023: D("4"), 2024: D("2.0")}


def test_fit_respects_initiative_lock_and_locks_argument() -> None:
    p = make(("A", {2023: "5"}), ("B", {2023: "5", 2024: "2"}), ("C", {2023: "10"}), frame="14",
             A={"locked": True})
    # A (5) locked in the model, B 2024 (2) locked by argument: C and B 2023 share 14 − 7 = 7 as 5:10
    result = after(p, fit_to_frame(p, locks=["A", ("B", 2024)]))
    assert result == {"A": {2023: D("5")}, "B": {2023: D("2.3"), 2024: D("2")}, "C": {2023: D("4.7")}}
    # A and C locked (15) against 20: B's 5 and 2 share 5 → 3,57 and 1,43 → 3,6 and 1,4
    result = after(p, fit_to_frame(p, frame="20", locks=["C"]))
    assert result == {"A": {2023: D("5")}, "B": {2023: D("3.6"), 2024: D("1.4")}, "C": {2023: D("10")}}
    with pytest.raises(RebalanceError):
        fit_to_frame(p, locks=["C"])  # 15 locked > 14


def test_fit_when_already_fitting_changes_nothing() -> None:
    p = make(("A", {2023: "2.5"}), ("B", {2024: "7.5"}), frame="10")
    assert not fit_to_frame(p)


def test_fit_uses_exact_weights_for_amounts_with_more_decimals() -> None:
    p = make(("A", {2023: "3.14159"}), ("B", {2023: "6.85841"}), frame="5")
    result = after(p, fit_to_frame(p))
    assert result == {"A": {2023: D("1.6")}, "B": {2023: D("3.4")}}


@pytest.mark.parametrize("frame, locks, code", [
    ("3", ["A"], "locked_over_frame"),            # locked 4 > frame 3
    ("10.05", [], "not_representable"),           # a frame of 0,05 precision
    ("-1", [], "negative_target"),
])
def test_fit_refusals(frame: str, locks: list[str], code: str) -> None:
    p = make(("A", {2023: "4"}), ("B", {2023: "3"}), frame="10")
    before = figures(p)
    with pytest.raises(RebalanceError) as info:
        fit_to_frame(p, frame=frame, locks=locks)
    assert info.value.code == code
    assert figures(p) == before


def test_fit_refuses_when_locked_amounts_leave_hundredths() -> None:
    p = make(("A", {2023: "1.05"}), ("B", {2023: "3"}), frame="10", A={"locked": True})
    with pytest.raises(RebalanceError) as info:
        fit_to_frame(p)
    assert info.value.code == "not_representable"
    assert "8,95" in str(info.value) and "8.95" in info.value.message("en")


def test_fit_refuses_when_only_zeros_are_unlocked() -> None:
    p = make(("A", {2023: "4"}), ("B", {2023: "0"}), frame="10", A={"locked": True})
    with pytest.raises(RebalanceError) as info:
        fit_to_frame(p)
    assert info.value.code == "nothing_to_scale"
    assert info.value.message("en") == (
        "Total: all unlocked amounts are 0, so there is nothing to scale up to 6.0. "
        "Distribute the amount by hand or unlock amounts.")
    assert str(info.value).startswith("I alt: alle ulåste beløb er 0")


def test_fit_impossible_year_refuses_all_years() -> None:
    frame = Frame(by_year={2023: D("5"), 2024: D("1")})
    p = make(("A", {2023: "4", 2024: "4"}), ("B", {2023: "6"}), frame=frame, A={"locked_years": {2024}})
    with pytest.raises(RebalanceError) as info:
        fit_to_frame(p)
    assert info.value.code == "locked_over_frame" and info.value.params["scope"] == "2024"
    assert "2024: the locked amounts (4.0) exceed the frame 1.0" in info.value.message("en")


@pytest.mark.parametrize("portfolio, code", [
    (make(("A", {2023: "4"})), "no_frame"),
    (make(("A", {2023: "4"}), ("A", {2024: "1"}), frame="3"), "duplicate_id"),
    (make(("A", {2023: "-4"}), ("B", {2023: "5"}), frame="3"), "negative_amount"),
])
def test_fit_refuses_unusable_portfolios(portfolio: Portfolio, code: str) -> None:
    with pytest.raises(RebalanceError) as info:
        fit_to_frame(portfolio)
    assert info.value.code == code


def test_fit_year_without_yearly_frame() -> None:
    with pytest.raises(RebalanceError) as info:
        fit_to_frame(make(("A", {2023: "4"}), frame="3"), year=2023)
    assert info.value.code == "no_frame_year"
    assert info.value.message("da") == "Der er ingen ramme for 2023. Angiv en ramme for året."


# -- move --------------------------------------------------------------------------------------------
def test_move_defers_an_amount_and_keeps_the_total() -> None:
    p = make(("A", {2023: "3", 2024: "3"}))
    cs = move_amount(p, "A", 2023, 2025, "1,5")
    assert after(p, cs)["A"] == {2023: D("1.5"), 2024: D("3"), 2025: D("1.5")}
    assert describe(cs, "da") == "Flyt 1,5 for A fra 2023 til 2025"
    assert next(iter(move_amount(p, "A", 2024, 2023, "3"))).new == D("0")


@pytest.mark.parametrize("args, code", [
    (("A", 2023, 2025, "4"), "amount_too_large"),
    (("A", 2023, 2025, "0"), "amount_not_positive"),
    (("A", 2023, 2025, "-1"), "amount_not_positive"),
    (("A", 2023, 2025, "0.05"), "not_representable"),
    (("A", 2023, 2025, "en"), "bad_amount"),
    (("A", 2023, 2023, "1"), "same_year"),
    (("A", 2023, 2031, "1"), "unknown_year"),
    (("A", 2024, 2023, "1"), "year_locked"),
    (("B", 2023, 2024, "1"), "initiative_locked"),
    (("X", 2023, 2024, "1"), "unknown_initiative"),
])
def test_move_refusals(args: tuple, code: str) -> None:
    p = make(("A", {2023: "3", 2024: "3"}), ("B", {2023: "1"}), A={"locked_years": {2024}},
             B={"locked": True})
    with pytest.raises(RebalanceError) as info:
        move_amount(p, *args)
    assert info.value.code == code


# -- spread ------------------------------------------------------------------------------------------
def test_spread_evenly_gives_the_odd_tenths_to_the_earliest_years() -> None:
    p = make(("A", {2023: "10", 2024: "0", 2025: "0"}), A={"start_year": 2023, "end_year": 2025})
    assert after(p, spread_evenly(p, "A"))["A"] == {2023: D("3.4"), 2024: D("3.3"), 2025: D("3.3")}


def test_spread_evenly_keeps_locked_year_and_clears_years_outside() -> None:
    p = make(("A", {2023: "2", 2024: "5", 2025: "3"}), A={"locked_years": {2024}})
    assert after(p, spread_evenly(p, "A", years=[2025, 2026]))["A"] == {
        2023: D("0"), 2024: D("5"), 2025: D("2.5"), 2026: D("2.5")}


def test_spread_by_profile_follows_the_other_initiative() -> None:
    p = make(("A", {2023: "6", 2026: "0"}), ("B", {2023: "1", 2024: "2", 2025: "3"}))
    cs = spread_by_profile(p, "A", "B")
    assert after(p, cs)["A"] == {2023: D("1.0"), 2024: D("2.0"), 2025: D("3.0"), 2026: D("0")}
    assert describe(cs, "en") == "Spread A like B"


def test_spread_refusals() -> None:
    p = make(("A", {2023: "6"}), ("B", {}), ("C", {2023: "1"}), C={"locked": True})
    with pytest.raises(RebalanceError) as info:
        spread_by_profile(p, "A", "B")
    assert info.value.code == "profile_empty"
    with pytest.raises(RebalanceError) as info:
        spread_evenly(p, "C")
    assert info.value.code == "initiative_locked"
    with pytest.raises(RebalanceError) as info:
        spread_evenly(p, "A", years=[2040])
    assert info.value.code == "unknown_year"


# -- set total ---------------------------------------------------------------------------------------
def test_set_total_moves_years_proportionally() -> None:
    p = make(("A", {2023: "1", 2024: "3", 2025: "0"}))
    cs = set_total(p, "A", "8")
    assert after(p, cs)["A"] == {2023: D("2.0"), 2024: D("6.0"), 2025: D("0")}
    assert describe(cs, "da") == "Sæt total for A til 8,0"


def test_set_total_keeps_locked_years() -> None:
    p = make(("A", {2023: "1", 2024: "3"}))
    assert after(p, set_total(p, "A", "8", locks=[("A", 2023)]))["A"] == {2023: D("1"), 2024: D("7.0")}


@pytest.mark.parametrize("total, locks, code", [
    ("0.5", [("A", 2023)], "locked_over_total"),
    ("-1", [], "negative_target"),
    ("8.25", [], "not_representable"),
    ("5", ["A"], "initiative_locked"),
])
def test_set_total_refusals(total: str, locks: list, code: str) -> None:
    p = make(("A", {2023: "1", 2024: "3"}))
    with pytest.raises(RebalanceError) as info:
        set_total(p, "A", total, locks=locks)
    assert info.value.code == code


def test_set_total_of_all_zero_initiative_is_refused() -> None:
    p = make(("A", {2023: "0", 2024: "0"}))
    with pytest.raises(RebalanceError) as info:
        set_total(p, "A", "5")
    assert info.value.code == "nothing_to_scale"
    assert not set_total(p, "A", "0")


def test_bench_round_leaves_the_portfolio_as_it_was() -> None:
    p = make(("A", {2023: "3", 2024: "4"}), ("B", {2024: "5"}), frame="6")
    before = figures(p)
    cs = bench_fit_to_frame(p)
    assert len(cs) == 3
    assert figures(p) == before
