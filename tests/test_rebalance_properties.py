"""Property tests: random portfolios, frames and locks; the rounding, lock and refusal rules always hold,
and any sequence of edits and operations can be undone exactly.
"""

from __future__ import annotations

import random
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from planner.edits import ChangeSet, apply, edit_cell, revert
from planner.model import Frame, Initiative, Portfolio
from planner.rebalance import (
    RebalanceError,
    fit_to_frame,
    largest_remainder,
    move_amount,
    set_total,
    spread_by_profile,
    spread_evenly,
)
from planner.scenarios import capture, restore
from planner.tenths import decimals_of_array, from_tenths, largest_remainder_array

D = Decimal
YEARS = [2023, 2024, 2025, 2026]
TENTH = D("0.1")
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
QUICK = settings(SETTINGS, max_examples=50)


def tenths(n: int) -> Decimal:
    return D(n).scaleb(-1)


@st.composite
def initiatives(draw: st.DrawFn, ini_id: str) -> Initiative:
    years = draw(st.lists(st.sampled_from(YEARS), unique=True, max_size=len(YEARS)))
    amounts = {y: tenths(draw(st.one_of(st.just(0), st.integers(0, 500)))) for y in years}
    locked = draw(st.integers(0, 7)) == 0
    some_years = draw(st.integers(0, 3)) == 0
    locked_years = draw(st.sets(st.sampled_from(YEARS), max_size=2)) if some_years else set()
    return Initiative(id=ini_id, name=f"Initiativ {ini_id}", amounts=amounts, locked=locked,
                      locked_years=locked_years)


@st.composite
def portfolios(draw: st.DrawFn) -> Portfolio:
    n = draw(st.integers(1, 8))
    inis = [draw(initiatives(f"V{k + 1}")) for k in range(n)]
    if draw(st.booleans()):
        frame = Frame(total=tenths(draw(st.integers(0, 3000))))
    else:
        frame = Frame(by_year={y: tenths(draw(st.integers(0, 1000)))
                               for y in draw(st.sets(st.sampled_from(YEARS), min_size=1))})
    return Portfolio(years=YEARS, frame=frame, initiatives=inis)


def snapshot(p: Portfolio) -> list[tuple[str, list[tuple[int, str]]]]:
    return [(i.id, sorted((y, str(a)) for y, a in i.amounts.items())) for i in p.initiatives]


def cells(p: Portfolio) -> dict[tuple[str, int], Decimal]:
    return {(i.id, y): a for i in p.initiatives for y, a in i.amounts.items()}


@given(portfolios())
@SETTINGS
def test_fit_to_frame_hits_frame_exactly_or_refuses_for_a_reason(p: Portfolio) -> None:
    before = cells(p)
    locked = {(i.id, y) for i in p.initiatives for y in i.amounts if i.is_locked(y)}
    groups = ({y: [k for k in before if k[1] == y] for y in p.frame.by_year} if p.frame.by_year
              else {None: list(before)})
    targets = p.frame.by_year if p.frame.by_year else {None: p.frame.total}
    expected_refusal = None
    for key, members in groups.items():
        locked_sum = sum((before[k] for k in members if k in locked), D(0))
        free_sum = sum((before[k] for k in members if k not in locked), D(0))
        if targets[key] < locked_sum:
            expected_refusal = expected_refusal or "locked_over_frame"
        elif free_sum == 0 and targets[key] > locked_sum:
            expected_refusal = expected_refusal or "nothing_to_scale"
    try:
        cs = fit_to_frame(p)
    except RebalanceError as err:
        assert expected_refusal is not None, err
        assert err.code in ("locked_over_frame", "nothing_to_scale")
        assert cells(p) == before
        return
    assert expected_refusal is None
    apply(p, cs)
    now = cells(p)
    assert now.keys() == before.keys(), "no cell appears or disappears"
    for key, members in groups.items():
        assert sum((now[k] for k in members), D(0)) == targets[key], "the frame is hit exactly"
        locked_sum = sum((before[k] for k in members if k in locked), D(0))
        free_sum = sum((before[k] for k in members if k not in locked), D(0))
        for k in members:
            value = now[k]
            assert value >= 0 and value == value.quantize(TENTH)
            if k in locked:
                assert value == before[k]
            elif before[k] == 0:
                assert value == 0
            else:
                exact = before[k] * (targets[key] - locked_sum) / free_sum
                assert abs(value - exact) < TENTH, "largest remainder is floor or floor + 0,1"
    for k in before.keys() - {k for m in groups.values() for k in m}:
        assert now[k] == before[k], "years without a frame are left alone"
    revert(p, cs)
    assert cells(p) == before


@given(portfolios(), st.integers(0, 2000))
@QUICK
def test_set_total_hits_the_total_and_keeps_locks(p: Portfolio, total: int) -> None:
    ini = p.initiatives[0]
    before = dict(ini.amounts)
    try:
        cs = set_total(p, ini.id, tenths(total))
    except RebalanceError as err:
        assert err.code in ("initiative_locked", "locked_over_total", "nothing_to_scale")
        assert ini.amounts == before
        return
    apply(p, cs)
    assert ini.total == tenths(total)
    for y, a in ini.amounts.items():
        assert a >= 0
        if ini.is_locked(y) or before.get(y) == 0:
            assert a == before.get(y, D(0))


@given(portfolios(), st.sampled_from(YEARS), st.sampled_from(YEARS), st.integers(1, 300))
@QUICK
def test_move_keeps_the_total(p: Portfolio, a: int, b: int, amount: int) -> None:
    ini = p.initiatives[0]
    total = ini.total
    try:
        cs = move_amount(p, ini.id, a, b, tenths(amount))
    except RebalanceError as err:
        assert err.code in ("same_year", "year_locked", "initiative_locked", "amount_too_large")
        return
    apply(p, cs)
    assert ini.total == total
    assert min(ini.amounts.values()) >= 0


@given(portfolios())
@QUICK
def test_spreads_keep_the_total_and_locked_years(p: Portfolio) -> None:
    ini = p.initiatives[0]
    profile = p.initiatives[-1]
    for op in (lambda: spread_evenly(p, ini.id), lambda: spread_by_profile(p, ini.id, profile.id)):
        before, total = dict(ini.amounts), ini.total
        try:
            cs = op()
        except RebalanceError as err:
            assert err.code in ("initiative_locked", "no_years", "profile_empty")
            continue
        apply(p, cs)
        assert ini.total == total
        assert all(a >= 0 for a in ini.amounts.values())
        assert all(ini.amounts.get(y) == before.get(y) for y in ini.locked_years)
        revert(p, cs)
        assert ini.amounts == before


def _random_operation(p: Portfolio, rng: random.Random, saved: list) -> ChangeSet:
    ini = rng.choice(p.initiatives)
    other = rng.choice(p.initiatives)
    y1, y2 = rng.sample(YEARS, 2)
    kind = rng.randrange(9)
    if kind == 0:
        return edit_cell(p, ini.id, y1, rng.choice(["", "0", f"{rng.randint(0, 300) / 10}".replace(".", ","),
                                                     str(D(rng.randint(0, 9999)).scaleb(-3))]))
    if kind == 1:
        return fit_to_frame(p, frame=tenths(rng.randint(0, 5000)), locks=[other.id])
    if kind == 2:
        return fit_to_frame(p, frame={y1: tenths(rng.randint(0, 1500))})
    if kind == 3:
        return move_amount(p, ini.id, y1, y2, tenths(rng.randint(1, 100)))
    if kind == 4:
        return spread_evenly(p, ini.id)
    if kind == 5:
        return spread_by_profile(p, ini.id, other.id)
    if kind == 6:
        return set_total(p, ini.id, tenths(rng.randint(0, 900)), locks=[(ini.id, y1)])
    if kind == 7:
        saved.append(capture(p, f"S{len(saved)}"))
        return ChangeSet()
    return restore(p, rng.choice(saved)) if saved else ChangeSet()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_thousand_random_operations_undo_to_the_original_exactly(seed: int) -> None:
    rng = random.Random(seed)
    p = Portfolio(years=YEARS, frame=Frame(total=D("300")), initiatives=[
        Initiative(id=f"V{k}", name=f"Initiativ {k}", start_year=2023, end_year=2026,
                   amounts={y: D(rng.randint(0, 400)).scaleb(-1)
                            for y in rng.sample(YEARS, rng.randint(0, 4))},
                   locked=k == 3, locked_years={2024} if k == 5 else set())
        for k in range(12)])
    p.initiatives[0].amounts[2023] = D("12.70")
    p.initiatives[1].amounts[2024] = D("3.14159")
    original = snapshot(p)
    done: list[ChangeSet] = []
    refused = 0
    saved: list = []
    while len(done) < 1000:
        try:
            cs = _random_operation(p, rng, saved)
        except RebalanceError:
            refused += 1
            continue
        apply(p, cs)
        done.append(cs)
    final = snapshot(p)
    assert final != original
    assert sum(1 for cs in done if cs) > 500, "most operations change something"
    for cs in reversed(done):
        revert(p, cs)
    assert snapshot(p) == original
    for cs in done:
        apply(p, cs)
    assert snapshot(p) == final, "redo after undo gives the same figures"


def _reference_largest_remainder(weights: list[int], target: int) -> list[int]:
    """The textbook rule, written plainly: floors, then +1 by largest remainder, earlier cell first."""
    total = sum(weights)
    shares = [w * target // total for w in weights]
    order = sorted(range(len(weights)), key=lambda i: (-(weights[i] * target % total), i))
    for i in order[:target - sum(shares)]:
        shares[i] += 1
    return shares


@given(st.one_of(st.lists(st.sampled_from([0, 1, 2, 3, 10, 25, 7919]), min_size=1, max_size=60),
                 st.lists(st.integers(0, 10**6), min_size=1, max_size=60)),
       st.integers(0, 10_000))
@SETTINGS
def test_largest_remainder_matches_the_textbook_rule(weights: list[int], target: int) -> None:
    assume(sum(weights) > 0)
    shares = largest_remainder(weights, target)
    assert shares == _reference_largest_remainder(weights, target)
    assert sum(shares) == target
    assert largest_remainder_array(np.array(weights, dtype=np.int64), target).tolist() == shares


def test_largest_remainder_array_falls_back_to_exact_integers_near_int64_limits() -> None:
    weights = [2**40, 3, 2**40 + 7]
    target = 2**30 + 11
    shares = largest_remainder_array(np.array(weights, dtype=np.int64), target)
    assert [int(s) for s in shares] == _reference_largest_remainder(weights, target)


@given(portfolios(), st.sampled_from(["frame", "total", "one_year"]), st.lists(st.sampled_from(
    ["V1", "V2", ("V1", 2024), ("V3", 2023), ("V2", 2026)]), max_size=3))
@SETTINGS
def test_fit_on_arrays_equals_fit_on_lists(p: Portfolio, how: str, locks: list) -> None:
    """The numpy path and the plain-Python path give the same change set, or the same refusal."""
    kwargs: dict = {"locks": locks}
    if how == "total":
        kwargs["frame"] = p.frame.total if p.frame.total is not None else D("123.4")
    elif how == "one_year":
        year = min(p.frame.by_year) if p.frame.by_year else 2024
        kwargs.update(year=year, frame={year: D("55.5")})
    results = []
    for arrays in (True, False):
        try:
            cs = fit_to_frame(p, arrays=arrays, **kwargs)
            results.append((cs.ids, cs.years, cs.olds, cs.news, cs.op, dict(cs.params)))
        except RebalanceError as err:
            results.append((err.code, str(err)))
    assert results[0] == results[1]
    if len(results[0]) == 6:
        assert all(a is b for a, b in zip(results[0][2], results[1][2])), "olds are the model's own objects"


@given(st.lists(st.integers(-50, 5_000), max_size=60), st.integers(0, 2))
@QUICK
def test_decimals_of_array_are_from_tenths_of_each_share(shares: list[int], spread: int) -> None:
    """Table lookup (dense shares) or sorted lookup (shares far apart): the very Decimals of from_tenths."""
    values = [s * 10**(6 * spread) for s in shares]
    got = decimals_of_array(np.array(values, dtype=np.int64))
    assert got == [from_tenths(v) for v in values]
    assert all(a is from_tenths(v) for a, v in zip(got, values))
