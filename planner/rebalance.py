"""Re-balancing operations: fit to the frame, move, spread and set totals, exact to 0,1 mio. kr.

Every operation is a pure function: it reads the portfolio, computes a :class:`planner.edits.ChangeSet`
and changes nothing; ``planner.edits.apply`` carries it out and ``revert`` takes it back exactly, so one
operation is one undo step. An impossible request raises :class:`RebalanceError` (code + params, Danish
and English text in planner.rebalance_messages, which also names undo steps: ``describe(changes)``).

Rules shared by all operations:

- Money is counted in integer tenths (0,1 mio. kr.). Proportional results are rounded with the
  largest-remainder rule, so the figures add up to the target exactly; ties go to the earlier cell
  (portfolio order, then year). A scaled amount that was 0 stays 0, and nothing becomes negative.
- Locked amounts never change: ``Initiative.locked``, ``Initiative.locked_years`` and the ``locks``
  argument (initiative ids, or ``(id, year)`` pairs for single years).
- Results are one-decimal Decimals; an amount with more decimals (as read from a workbook) keeps its exact
  value as a weight, and any amount an operation leaves alone keeps its exact value.
- Ids must be unique and amounts non-negative (validation reports both); otherwise the operation refuses.

Benchmark: ``bench_fit_to_frame(portfolio)`` (fit every year, apply, revert) — see its docstring.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from itertools import compress, repeat
from operator import is_, ne

import numpy as np

from planner.amount_cells import AmountCells, cells_of
from planner.amounts import ZERO, AmountError, parse_amount
from planner.edits import ChangeSet, apply, cell_change, revert
from planner.model import Frame, Initiative, Portfolio
from planner.rebalance_messages import RebalanceError, describe
from planner.tenths import (
    decimals_of,
    decimals_of_array,
    exact_weights,
    from_tenths,
    largest_remainder,
    largest_remainder_array,
    tenths,
)

__all__ = [
    "RebalanceError", "as_frame", "bench_fit_to_frame", "describe", "fit_to_frame", "from_tenths",
    "largest_remainder", "move_amount", "set_total", "spread_by_profile", "spread_evenly", "tenths",
]
Locks = Iterable[str | tuple[str, int]]
FrameArg = Frame | Decimal | int | str | Mapping[int, object] | None


def _num(value: Decimal) -> str:
    return format(value.normalize(), "f") if value == value.to_integral_value() else str(value)


# -- arguments ---------------------------------------------------------------------------------------
class _LockSet:
    """The locks that apply: the model's own plus the ``locks`` argument."""

    def __init__(self, locks: Locks | None) -> None:
        self.whole: set[str] = set()
        self.cells: dict[str, set[int]] = {}
        for lock in locks or ():
            if isinstance(lock, str):
                self.whole.add(lock)
            else:
                ini_id, year = lock
                self.cells.setdefault(ini_id, set()).add(int(year))

    def years(self, ini: Initiative) -> set[int] | None:
        """The locked years of ``ini``; None when the whole initiative is locked."""
        if ini.locked or ini.id in self.whole:
            return None
        extra = self.cells.get(ini.id)
        if extra:
            return ini.locked_years | extra
        return ini.locked_years


def _check_unique(portfolio: Portfolio) -> None:
    ids = [ini.id for ini in portfolio.initiatives]
    if len(set(ids)) != len(ids):
        seen: set[str] = set()
        for ini_id in ids:
            if ini_id in seen:
                raise RebalanceError("duplicate_id", id=ini_id)
            seen.add(ini_id)


def _initiative(portfolio: Portfolio, initiative_id: str) -> Initiative:
    _check_unique(portfolio)
    ini = portfolio.get(initiative_id)
    if ini is None:
        raise RebalanceError("unknown_initiative", id=initiative_id)
    return ini


def _portfolio_years(portfolio: Portfolio) -> list[int]:
    return sorted(set(portfolio.years)) or portfolio.all_years()


def _check_year(portfolio: Portfolio, year: int) -> None:
    years = _portfolio_years(portfolio)
    if year not in years:
        raise RebalanceError("unknown_year", year=year, years=", ".join(map(str, years)))


def _amount(value: object) -> Decimal:
    try:
        return parse_amount(value)
    except AmountError as exc:
        raise RebalanceError("bad_amount", value=value) from exc


def as_frame(frame: FrameArg, default: Frame) -> Frame:
    """A Frame from the override: a Frame, a total (Decimal, int, "120,5") or {year: amount}."""
    if frame is None:
        return default
    if isinstance(frame, Frame):
        return frame
    if isinstance(frame, Mapping):
        return Frame(by_year={int(y): _amount(a) for y, a in frame.items()})
    return Frame(total=_amount(frame))


def _target_tenths(target: Decimal, locked: Decimal, scope: str) -> int:
    """Tenths the unlocked cells must make: target − locked, refused when negative or finer than 0,1."""
    if target < 0:
        raise RebalanceError("negative_target", target=_num(target))
    rest = target - locked
    if rest < 0:
        raise RebalanceError("locked_over_frame", scope=scope, locked=_num(locked), target=_num(target))
    count = tenths(rest)
    if count is None:
        raise RebalanceError("not_representable", scope=scope, target=_num(rest))
    return count


# -- fit to frame ------------------------------------------------------------------------------------
class _Group:
    """The unlocked cells that must add up to one target (a year, or the grand total).

    List form (``ids``, ``years``, ``olds``, ``weights``) or, when every amount is whole tenths, array
    form: ``positions`` (cell positions in ``planner.amount_cells``; None = every cell) and ``tenths``.
    """

    __slots__ = ("exact", "ids", "locked", "olds", "positions", "scope", "target", "tenths", "weights", "years")

    def __init__(self, target: Decimal, scope: str) -> None:
        self.ids: list[str] = []
        self.years: list[int] = []
        self.olds: list[Decimal] = []
        self.weights: list[int] = []
        self.positions: np.ndarray | None = None
        self.tenths: np.ndarray | None = None
        self.exact = True
        self.locked = ZERO
        self.target = target
        self.scope = scope

    def any_weight(self) -> bool:
        return bool(self.tenths.any()) if self.tenths is not None else any(self.weights)


def fit_to_frame(portfolio: Portfolio, year: int | None = None, frame: FrameArg = None, *,
                 locks: Locks | None = None, arrays: bool = True) -> ChangeSet:
    """Scale the unlocked amounts proportionally so the allocations equal the frame exactly.

    ``year`` given: that year against its yearly frame. Otherwise every year that has a yearly frame
    (``Frame.by_year``; years without one are left alone), or, when the frame is a total only, all years
    together against the total. ``frame`` overrides the portfolio's frame (a Frame, a total such as
    "120,5", or {year: amount}). Every target is checked before any result is given: one impossible year
    refuses the whole operation.

    The arithmetic runs on numpy arrays when every amount is a whole number of tenths; ``arrays=False``
    forces the plain-Python lists (the reference the tests compare the arrays with; both give the same
    change set).
    """
    fr = as_frame(frame, portfolio.frame)
    groups: dict[int | None, _Group] = {}
    if year is not None:
        if year not in fr.by_year:
            raise RebalanceError("no_frame_year", year=year)
        groups[year] = _Group(fr.by_year[year], str(year))
    elif fr.by_year:
        groups = {y: _Group(a, str(y)) for y, a in sorted(fr.by_year.items())}
    elif fr.total is not None:
        groups[None] = _Group(fr.total, "total")
    else:
        raise RebalanceError("no_frame")
    cells = cells_of(portfolio)
    if not cells.unique:
        _check_unique(portfolio)
    lockset = _LockSet(locks)
    if arrays and cells.exact:
        _collect_arrays(cells, groups, lockset)
    else:
        _collect(cells, groups, lockset)
    targets = [(g, _target_tenths(g.target, g.locked, g.scope)) for g in groups.values()]
    for group, target in targets:
        if target and not group.any_weight():
            raise RebalanceError("nothing_to_scale", scope=group.scope, target=_num(from_tenths(target)))
    columns: tuple[list, list, list, list] = ([], [], [], [])
    for group, target in targets:
        if group.any_weight():
            if group.tenths is not None:
                _emit_arrays(cells, group, target, columns)
            else:
                _emit(group, target, columns)
    params = {"year": str(year)} if year is not None else {}
    return ChangeSet(*map(tuple, columns), op="fit_to_frame_year" if year is not None else "fit_to_frame",
                     params=params)


def _collect(cells: AmountCells, groups: dict[int | None, _Group], lockset: _LockSet) -> None:
    """Sort every amount into its group: locked ones summed, unlocked ones listed with tenths weights."""
    locked = _locked_positions(cells, lockset)
    for key, group in groups.items():
        positions = None if key is None else cells.by_year.get(key, [])
        if locked:
            chosen = range(len(cells.values)) if positions is None else positions
            held = [i for i in chosen if i in locked]
            group.locked = sum(map(cells.values.__getitem__, held), ZERO)
            if positions is None:
                mask = [True] * len(cells.values)
                for i in held:
                    mask[i] = False
                _fill(group, *(list(compress(column, mask)) for column in
                               (cells.ids, cells.years, cells.values, cells.tenths)))
                continue
            positions = [i for i in positions if i not in locked]
        if positions is None:
            _fill(group, cells.ids, cells.years, cells.values, cells.tenths, cells.exact or None)
        else:
            _fill(group, *(list(map(column.__getitem__, positions)) for column in
                           (cells.ids, cells.years, cells.values, cells.tenths)))


def _locked_positions(cells: AmountCells, lockset: _LockSet) -> set[int]:
    """Positions of the cells that must not change: the model's locks and the ``locks`` argument."""
    special = lockset.whole.union(lockset.cells)
    if not special:
        return cells.locked
    positions = set(cells.locked)
    for k in (k for k, i in enumerate(cells.ini_ids) if i in special):
        locked_years = lockset.years(cells.inis[k])
        cell_range = range(cells.starts[k], cells.starts[k + 1])
        if locked_years is None:
            positions.update(cell_range)
        else:
            positions.update(i for i in cell_range if cells.years[i] in locked_years)
    return positions


def _fill(group: _Group, ids: list[str], years: list[int], olds: list[Decimal],
          weights: list[int | None], exact: bool | None = None) -> None:
    group.ids, group.years, group.olds = ids, years, olds
    group.exact = exact if exact is not None else not any(map(is_, weights, repeat(None)))
    if not olds or (min(weights) >= 0 if group.exact else min(olds) >= 0):  # type: ignore[type-var]
        group.weights = weights if group.exact else exact_weights(olds)  # type: ignore[assignment]
        return
    bad = next(i for i, a in enumerate(olds) if a < 0)
    raise RebalanceError("negative_amount", id=ids[bad], amount=_num(olds[bad]), year=years[bad])


def _emit(group: _Group, target: int, columns: tuple[list, list, list, list]) -> None:
    """Append the cells whose share differs from what they hold."""
    shares = largest_remainder(group.weights, target)
    if group.exact:
        mask = list(map(ne, shares, group.weights))
    else:
        mask = [from_tenths(s) != a for s, a in zip(shares, group.olds)]
    columns[0].extend(compress(group.ids, mask))
    columns[1].extend(compress(group.years, mask))
    columns[2].extend(compress(group.olds, mask))
    columns[3].extend(decimals_of(list(compress(shares, mask))))


def _collect_arrays(cells: AmountCells, groups: dict[int | None, _Group], lockset: _LockSet) -> None:
    """:func:`_collect` in whole-array steps (every amount is whole tenths)."""
    arr = cells.arrays()
    locked = arr.locked
    special = lockset.whole.union(lockset.cells)
    if special:
        locked = locked.copy()
        extra = _locked_positions(cells, lockset) - cells.locked
        if extra:
            locked[list(extra)] = True
    any_locked = bool(locked.any())
    for key, group in groups.items():
        positions = None if key is None else arr.by_year.get(key, _NO_CELLS)
        if any_locked:
            held = locked if positions is None else positions[locked[positions]]
            group.locked = sum(arr.values[held].tolist(), ZERO)
            positions = np.flatnonzero(~locked) if positions is None else positions[~locked[positions]]
        group.positions = positions
        group.tenths = arr.tenths if positions is None else arr.tenths[positions]  # type: ignore[index]
        if group.tenths.size and group.tenths.min() < 0:
            bad = int(np.flatnonzero(group.tenths < 0)[0])
            cell = bad if positions is None else int(positions[bad])
            raise RebalanceError("negative_amount", id=cells.ids[cell], amount=_num(cells.values[cell]),
                                 year=cells.years[cell])


_NO_CELLS = np.zeros(0, dtype=np.int64)


def _emit_arrays(cells: AmountCells, group: _Group, target: int, columns: tuple[list, list, list, list]) -> None:
    """:func:`_emit` in whole-array steps: the changed cells are picked and read out of the arrays."""
    weights = group.tenths
    assert weights is not None
    shares = largest_remainder_array(weights, target)
    changed = np.flatnonzero(shares != weights)
    where = changed if group.positions is None else group.positions[changed]
    arr = cells.arrays()
    columns[0].extend(arr.ids[where].tolist())
    columns[1].extend(arr.years[where].tolist())
    columns[2].extend(arr.values[where].tolist())
    columns[3].extend(decimals_of_array(shares[changed]))


# -- one initiative ----------------------------------------------------------------------------------
def _distribute(ini: Initiative, weights: dict[int, Decimal], target: int, clear: Iterable[int],
                op: str, params: dict[str, str]) -> ChangeSet:
    """Give ``target`` tenths to the years of ``weights`` in proportion (years in order), 0 to ``clear``."""
    years = sorted(weights)
    values = [weights[y] for y in years]
    ints = [tenths(v) for v in values]
    exact_ints: list[int] = [i for i in ints if i is not None]
    shares = largest_remainder(exact_ints if len(exact_ints) == len(ints) else exact_weights(values), target)
    new = {y: from_tenths(s) for y, s in zip(years, shares)}
    for y in clear:
        new.setdefault(y, ZERO)
    changes = []
    for y in sorted(new):
        old = ini.amounts.get(y)
        if (old if old is not None else ZERO) != new[y]:
            changes.append(cell_change(ini.id, y, old, new[y]))
    return ChangeSet.of(changes, op=op, params=params)


def _unlocked(ini: Initiative, lockset: _LockSet) -> set[int]:
    locked = lockset.years(ini)
    if locked is None:
        raise RebalanceError("initiative_locked", id=ini.id)
    for y, a in ini.amounts.items():
        if a < 0:
            raise RebalanceError("negative_amount", id=ini.id, amount=_num(a), year=y)
    return locked


def set_total(portfolio: Portfolio, initiative_id: str, new_total: object, *,
              locks: Locks | None = None) -> ChangeSet:
    """Change an initiative's total; its unlocked years follow proportionally (zero years stay zero)."""
    ini = _initiative(portfolio, initiative_id)
    total = _amount(new_total)
    locked = _unlocked(ini, _LockSet(locks))
    locked_sum = sum((a for y, a in ini.amounts.items() if y in locked), ZERO)
    if total < 0:
        raise RebalanceError("negative_target", target=_num(total))
    if locked_sum > total:
        raise RebalanceError("locked_over_total", id=ini.id, locked=_num(locked_sum), target=_num(total))
    target = _target_tenths(total, locked_sum, ini.id)
    weights = {y: a for y, a in ini.amounts.items() if y not in locked}
    params = {"id": ini.id, "total": _num(total)}
    if not any(weights.values()):
        if target:
            raise RebalanceError("nothing_to_scale", scope=ini.id, target=_num(from_tenths(target)))
        return ChangeSet(op="set_total", params=params)
    return _distribute(ini, weights, target, (), "set_total", params)


def spread_evenly(portfolio: Portfolio, initiative_id: str, years: Iterable[int] | None = None, *,
                  locks: Locks | None = None) -> ChangeSet:
    """Spread an initiative's total evenly over ``years`` (default: its start–end within the portfolio's
    years). Locked years keep their amounts; unlocked years outside ``years`` become 0; the odd tenths go
    to the earliest years.
    """
    ini = _initiative(portfolio, initiative_id)
    locked = _unlocked(ini, _LockSet(locks))
    span = _spread_years(portfolio, ini, years)
    unlocked_years = [y for y in span if y not in locked]
    locked_sum = sum((a for y, a in ini.amounts.items() if y in locked), ZERO)
    target = _target_tenths(ini.total, locked_sum, ini.id)
    params = {"id": ini.id}
    if not unlocked_years:
        if target:
            raise RebalanceError("no_years", id=ini.id)
        return ChangeSet(op="spread_evenly", params=params)
    clear = [y for y in ini.amounts if y not in locked and y not in unlocked_years]
    weights = {y: Decimal(1) for y in unlocked_years}
    return _distribute(ini, weights, target, clear, "spread_evenly", params)


def _spread_years(portfolio: Portfolio, ini: Initiative, years: Iterable[int] | None) -> list[int]:
    known = _portfolio_years(portfolio)
    if years is not None:
        chosen = sorted({int(y) for y in years})
        for y in chosen:
            _check_year(portfolio, y)
        return chosen
    span = ini.years_span()
    if span is None:
        raise RebalanceError("no_years", id=ini.id)
    return [y for y in known if span[0] <= y <= span[1]]


def spread_by_profile(portfolio: Portfolio, initiative_id: str, profile_id: str, *,
                      locks: Locks | None = None) -> ChangeSet:
    """Spread an initiative's total over the years in the proportions of another initiative's amounts.

    Locked years keep their amounts; unlocked years where the profile has nothing become 0.
    """
    ini = _initiative(portfolio, initiative_id)
    profile = _initiative(portfolio, profile_id)
    locked = _unlocked(ini, _LockSet(locks))
    for y, a in profile.amounts.items():
        if a < 0:
            raise RebalanceError("negative_amount", id=profile.id, amount=_num(a), year=y)
    known = set(_portfolio_years(portfolio))
    weights = {y: a for y, a in profile.amounts.items() if y in known and y not in locked and a != 0}
    locked_sum = sum((a for y, a in ini.amounts.items() if y in locked), ZERO)
    target = _target_tenths(ini.total, locked_sum, ini.id)
    params = {"id": ini.id, "profile": profile.id}
    if not weights:
        if target:
            raise RebalanceError("profile_empty", id=ini.id, profile=profile.id)
        return ChangeSet(op="spread_by_profile", params=params)
    clear = [y for y in ini.amounts if y not in locked and y not in weights]
    return _distribute(ini, weights, target, clear, "spread_by_profile", params)


def move_amount(portfolio: Portfolio, initiative_id: str, from_year: int, to_year: int, amount: object, *,
                locks: Locks | None = None) -> ChangeSet:
    """Defer or advance ``amount`` of an initiative from one year to another; its total stays the same."""
    ini = _initiative(portfolio, initiative_id)
    value = _amount(amount)
    if value <= 0:
        raise RebalanceError("amount_not_positive", amount=_num(value))
    if tenths(value) is None:
        raise RebalanceError("not_representable", scope=ini.id, target=_num(value))
    if from_year == to_year:
        raise RebalanceError("same_year", id=ini.id, year=from_year)
    _check_year(portfolio, from_year)
    _check_year(portfolio, to_year)
    locked = _LockSet(locks).years(ini)
    if locked is None:
        raise RebalanceError("initiative_locked", id=ini.id)
    for y in (from_year, to_year):
        if y in locked:
            raise RebalanceError("year_locked", id=ini.id, year=y)
    available = ini.amount(from_year)
    if value > available:
        raise RebalanceError("amount_too_large", id=ini.id, amount=_num(value), year=from_year,
                             available=_num(available))
    old_from, old_to = ini.amounts.get(from_year), ini.amounts.get(to_year)
    changes = (cell_change(ini.id, from_year, old_from, available - value),
               cell_change(ini.id, to_year, old_to, ini.amount(to_year) + value))
    return ChangeSet.of(changes, op="move_amount",
                     params={"id": ini.id, "from_year": str(from_year), "to_year": str(to_year),
                             "amount": _num(value)})


# -- benchmark ---------------------------------------------------------------------------------------
def bench_fit_to_frame(portfolio: Portfolio) -> ChangeSet:
    """One benchmark round: fit every year to the frame, apply, then revert (so rounds repeat).

    With pytest-benchmark: ``benchmark(bench_fit_to_frame, make_portfolio(10_000))``; bench/core.py
    times compute + apply alone. The cost is one visit per initiative and a few whole-list passes over
    the cells (10,000 initiatives ≈ 26,000 cells); the revert costs about as much as the apply.
    """
    changes = fit_to_frame(portfolio)
    apply(portfolio, changes, check=False)
    revert(portfolio, changes, check=False)
    return changes
