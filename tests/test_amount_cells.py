"""The cell columns kept beside a portfolio follow every way the portfolio can change.

Each mutation below is one a caller could make (through planner.edits or behind its back); after it,
``cells_of`` must give exactly what columns built from scratch give, and fit to frame must give exactly
what the plain-list path computes from the live model.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from decimal import Decimal
from itertools import count

import numpy as np
import pytest

from planner.amount_cells import AmountCells, cells_of
from planner.edits import ChangeSet, apply, edit_cell, revert
from planner.model import Initiative, Portfolio, initiative_writes
from planner.rebalance import RebalanceError, fit_to_frame
from planner.scenarios import capture, restore
from planner.synthetic import make_portfolio

D = Decimal
_FRESH = count(1)


def columns(cells: AmountCells) -> tuple:
    return (cells.ids, cells.years, cells.values, cells.tenths, cells.starts, cells.by_year, cells.locked,
            cells.exact, cells.unique)


def assert_current(p: Portfolio) -> None:
    kept = cells_of(p)
    fresh = AmountCells(p)
    assert columns(kept) == columns(fresh)
    assert all(a is b for a, b in zip(kept.values, fresh.values)), "the model's own Decimal objects"
    arrays, fresh_arrays = kept.arrays(), fresh.arrays()
    for name in ("ids", "years", "values", "locked"):
        assert getattr(arrays, name).tolist() == getattr(fresh_arrays, name).tolist(), name
    if fresh.exact:
        assert arrays.tenths is not None and arrays.tenths.tolist() == fresh_arrays.tenths.tolist()
    assert {y: a.tolist() for y, a in arrays.by_year.items()} == {y: a.tolist() for y, a in fresh_arrays.by_year.items()}
    for frame in ("50", {2024: D("20.3"), 2026: D("7")}):
        try:
            fast = fit_to_frame(p, frame=frame)
        except Exception as err:  # noqa: BLE001 - the same refusal either way
            with pytest.raises(type(err)):
                fit_to_frame(p, frame=frame, arrays=False)
            continue
        slow = fit_to_frame(p, frame=frame, arrays=False)
        assert (fast.ids, fast.years, fast.olds, fast.news) == (slow.ids, slow.years, slow.olds, slow.news)


def _edit_in_place(p: Portfolio) -> None:
    p.initiatives[3].amounts[min(p.initiatives[3].amounts)] = D("9.9")


def _hundredths(p: Portfolio) -> None:
    p.initiatives[0].amounts[min(p.initiatives[0].amounts)] = D("1.25")


def _replace_dict(p: Portfolio) -> None:
    p.initiatives[5].amounts = {2023: D("1"), 2027: D("2")}


def _blank_one_add_another(p: Portfolio) -> None:
    ini = p.initiatives[7]
    year = min(ini.amounts)
    del ini.amounts[year]
    free = next(y for y in range(2023, 2028) if y not in ini.amounts)
    ini.amounts[free] = D("4.2")


def _reorder_dict(p: Portfolio) -> None:
    ini = p.initiatives[2]
    year = min(ini.amounts)
    ini.amounts[year] = ini.amounts.pop(year)


def _rename(p: Portfolio) -> None:
    p.initiatives[4].id = f"NEW{next(_FRESH)}"


def _duplicate_id(p: Portfolio) -> None:
    p.initiatives[4].id = p.initiatives[1].id


def _lock_whole(p: Portfolio) -> None:
    p.initiatives[1].locked = True


def _lock_year(p: Portfolio) -> None:
    ini = p.initiatives[6]
    ini.locked_years = ini.locked_years | {min(ini.amounts)}


def _add_initiative(p: Portfolio) -> None:
    p.initiatives.append(Initiative(id=f"X{next(_FRESH)}", name="Ny", amounts={2024: D("3.3")}))


def _remove_initiative(p: Portfolio) -> None:
    del p.initiatives[2]


def _replace_initiative(p: Portfolio) -> None:
    p.initiatives[8] = p.initiatives[8].model_copy(deep=True)
    p.initiatives[8].amounts[min(p.initiatives[8].amounts)] = D("0.7")


def _swap_order(p: Portfolio) -> None:
    p.initiatives[0], p.initiatives[1] = p.initiatives[1], p.initiatives[0]


def _apply_fit(p: Portfolio) -> None:
    apply(p, fit_to_frame(p, frame="40"))


def _apply_and_revert(p: Portfolio) -> None:
    cs = fit_to_frame(p, frame="40")
    apply(p, cs)
    revert(p, cs)


MUTATIONS: list[Callable[[Portfolio], None]] = [
    _edit_in_place, _hundredths, _replace_dict, _blank_one_add_another, _reorder_dict, _rename, _duplicate_id,
    _lock_whole, _lock_year, _add_initiative, _remove_initiative, _replace_initiative, _swap_order, _apply_fit,
    _apply_and_revert,
]


@pytest.mark.parametrize("mutate", MUTATIONS, ids=lambda f: f.__name__.strip("_"))
def test_cells_follow_a_change_made_behind_their_back(mutate: Callable[[Portfolio], None]) -> None:
    p = make_portfolio(40, seed=3)
    cells_of(p).arrays()  # columns and arrays exist before the change
    mutate(p)
    assert_current(p)


def test_many_changes_in_a_row_stay_current() -> None:
    p = make_portfolio(60, seed=5)
    for mutate in MUTATIONS * 2:
        if mutate in (_duplicate_id, _hundredths):
            continue
        mutate(p)
        assert_current(p)


def test_small_and_big_changes_bring_the_same_arrays_up_to_date() -> None:
    p = make_portfolio(3000, seed=1)
    cells = cells_of(p)
    arrays = cells.arrays()
    _edit_in_place(p)
    assert cells_of(p).arrays() is arrays, "one cell: patched in place"
    assert_current(p)
    apply(p, fit_to_frame(p, frame="1000"))
    assert cells_of(p) is cells and cells.arrays() is arrays, "thousands of cells: whole columns converted"
    assert_current(p)
    _hundredths(p)
    assert cells_of(p).arrays().tenths is None, "an amount finer than 0,1 has no tenths"
    assert_current(p)


def test_locked_years_cannot_change_in_place_and_assignment_is_counted() -> None:
    ini = Initiative(id="A", name="A", locked_years={2024})
    assert isinstance(ini.locked_years, frozenset)
    with pytest.raises(AttributeError):
        ini.locked_years.add(2025)  # type: ignore[attr-defined]
    before = initiative_writes()
    ini.locked_years = ini.locked_years | {2025}
    assert initiative_writes() > before and ini.locked_years == {2024, 2025}
    assert isinstance(ini.locked_years, frozenset)


def test_apply_finds_the_right_initiative_after_a_rename() -> None:
    p = make_portfolio(20, seed=2)
    ini = p.initiatives[4]
    year = min(ini.amounts)
    apply(p, ChangeSet((ini.id,), (year,), (ini.amounts[year],), (D("1.1"),)))  # the index is kept now
    old_id, ini.id = ini.id, "RENAMED"
    apply(p, ChangeSet(("RENAMED",), (year,), (D("1.1"),), (D("2.2"),)))
    assert ini.amounts[year] == D("2.2")
    with pytest.raises(KeyError):
        apply(p, ChangeSet((old_id,), (year,), (D("2.2"),), (D("3.3"),)), check=False)


def test_each_portfolio_has_its_own_columns() -> None:
    a, b = make_portfolio(30, seed=1), make_portfolio(30, seed=2)
    assert cells_of(a).values != cells_of(b).values
    assert cells_of(a) is cells_of(a)
    clone = a.clone()
    assert cells_of(clone) is not cells_of(a)
    assert np.array_equal(cells_of(clone).arrays().tenths, cells_of(a).arrays().tenths)


def _set_amount_same_value(p: Portfolio) -> None:
    """An equal amount as a new object (12,7 typed over 12,7): the columns must hold the new object."""
    ini = p.initiatives[9]
    year = min(ini.amounts)
    p.set_amount(ini.id, year, str(ini.amounts[year]))


def _hundredths_then_back(p: Portfolio) -> None:
    ini = p.initiatives[0]
    year = min(ini.amounts)
    old = ini.amounts[year]
    ini.amounts[year] = D("1.25")
    cells_of(p)  # the columns see the finer amount (no tenths) ...
    ini.amounts[year] = old  # ... and whole tenths again


def _scenario_switch(p: Portfolio) -> None:
    saved = capture(p, "før")
    apply(p, fit_to_frame(p, frame="33,3"))
    cells_of(p)
    apply(p, restore(p, saved))


def _undo_redo_fit_then_edit(p: Portfolio) -> None:
    """The benchmark's round: fit, apply, undo, then edit one cell (the columns last saw the fit)."""
    cs = fit_to_frame(p, frame="40")
    apply(p, cs)
    cells_of(p)
    revert(p, cs)
    ini = p.initiatives[len(p.initiatives) // 2]
    year = min(ini.amounts)
    apply(p, edit_cell(p, ini.id, year, ini.amounts[year] + D("0.1")))


FOLLOW_MORE: list[Callable[[Portfolio], None]] = [
    _set_amount_same_value, _hundredths_then_back, _scenario_switch, _undo_redo_fit_then_edit,
]


@pytest.mark.parametrize("mutate", FOLLOW_MORE, ids=lambda f: f.__name__.strip("_"))
def test_cells_follow_set_amount_undo_and_scenarios(mutate: Callable[[Portfolio], None]) -> None:
    p = make_portfolio(40, seed=4)
    cells_of(p).arrays()
    mutate(p)
    assert_current(p)


def test_a_finer_amount_among_thousands_of_changes_and_back() -> None:
    """Past the patch limit the whole columns are converted; a finer amount among them drops the tenths,
    and the next change back to whole tenths brings them back (small patch and big patch alike)."""
    p = make_portfolio(3000, seed=6)
    first = p.initiatives[0]
    year = min(first.amounts)
    first.locked_years = frozenset({year})  # the fit leaves this cell alone
    kept = first.amounts[year]
    cells_of(p).arrays()
    cs = fit_to_frame(p, frame="900")
    assert len(cs) > 2_000 and (first.id, year) not in set(zip(cs.ids, cs.years))
    apply(p, cs)
    first.amounts[year] = D("0.05")
    assert not cells_of(p).exact and cells_of(p).arrays().tenths is None
    assert_current(p)
    first.amounts[year] = kept
    assert cells_of(p).exact
    assert_current(p)
    first.amounts[year] = D("0.05")
    revert(p, cs)  # thousands of cells at once, beside the finer one
    assert not cells_of(p).exact
    assert_current(p)
    first.amounts[year] = kept
    assert_current(p)


@pytest.mark.parametrize("seed", range(6))
def test_random_edits_undo_and_fits_keep_the_arrays_equal_to_the_lists(seed: int) -> None:
    """A random walk of edits, fits (with locks), undo and redo, locked years and direct writes: after each
    step the numpy fit equals the reference list fit on the live model."""
    rng = random.Random(seed)
    p = make_portfolio(300, seed=seed)
    done: list[ChangeSet] = []
    for _ in range(40):
        step = rng.randrange(6)
        ini = rng.choice(p.initiatives)
        if step == 0 and ini.amounts:
            year = rng.choice(sorted(ini.amounts))
            cs = edit_cell(p, ini.id, year, D(rng.randrange(0, 400)).scaleb(-1))
            apply(p, cs)
            done.append(cs)
        elif step == 1:
            locks = [rng.choice(p.initiatives).id] if rng.random() < 0.5 else None
            try:
                cs = fit_to_frame(p, frame=D(rng.randrange(500, 30_000)).scaleb(-1), locks=locks)
            except RebalanceError:
                continue
            apply(p, cs)
            done.append(cs)
        elif step == 2 and done:
            revert(p, done.pop(), check=False)  # a direct write below may have moved a cell since
        elif step == 3 and ini.amounts:
            ini.locked_years = ini.locked_years ^ {rng.choice(sorted(ini.amounts))}
        elif step == 4 and ini.amounts:
            year = rng.choice(sorted(ini.amounts))
            ini.amounts[year] = ini.amounts[year] + D("0.1")  # behind the columns' back
        elif step == 5:
            p.initiatives[p.initiatives.index(ini)] = ini.model_copy(deep=True)
        assert_current(p)
