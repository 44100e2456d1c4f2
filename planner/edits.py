"""Change sets: what an edit or a re-balancing operation does to the yearly amounts, exactly revertible.

An operation (planner.rebalance, planner.scenarios.restore) computes a :class:`ChangeSet` without touching
the portfolio; :func:`apply` carries it out and :func:`revert` takes it back. An undo command holds one
change set: ``redo`` = ``apply(p, cs)``, ``undo`` = ``revert(p, cs)``.

A cell change records the value before and after *as objects*: ``old`` is the very Decimal that was in the
model (``Decimal("12.70")`` stays ``12.70``), and ``None`` means "no value" (a blank cell, absent from
``Initiative.amounts``), so a revert gives back the original figures bit for bit, blanks included.

Both functions mutate ``Initiative.amounts`` in place (no pydantic re-validation per cell, so tens of
thousands of cells take milliseconds) and check first that every cell holds the value the change set
expects; when one does not (the figures moved on since the change set was made) nothing is changed and
:class:`EditConflict` is raised. They touch yearly amounts only: ``stated_total``, ``Portfolio.years`` and
the findings stay as they are (call ``portfolio.revalidate()`` when the findings should follow), and a
view learns which cells to redraw from the change set's ``ids``/``years`` columns.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from itertools import repeat
from operator import attrgetter, is_, setitem, sub
from typing import NamedTuple

from planner.amounts import parse_amount
from planner.model import Initiative, Portfolio, initiative_writes
from planner.portfolio_memo import PortfolioMemo


class CellChange(NamedTuple):
    """One yearly amount of one initiative: ``old`` → ``new`` (``None`` = no value)."""

    initiative_id: str
    year: int
    old: Decimal | None
    new: Decimal | None


_ID, _AMOUNTS = attrgetter("id"), attrgetter("amounts")
_new_change = tuple.__new__  # a NamedTuple's own constructor is several times slower


def cell_change(initiative_id: str, year: int, old: Decimal | None, new: Decimal | None) -> CellChange:
    """A CellChange without the NamedTuple constructor's overhead."""
    return _new_change(CellChange, (initiative_id, year, old, new))


@dataclass(frozen=True)
class ChangeSet:
    """The cell changes of one edit or operation (one undo step), stored as four parallel columns.

    Invariants: the columns have equal length; at most one change per (initiative, year); no change has
    ``old == new``. ``op`` names the operation ("fit_to_frame", "move_amount", "edit", "restore", …) and
    ``params`` holds its arguments as text, so the UI can name the undo step
    (``planner.rebalance.describe``). Iterating gives :class:`CellChange` tuples.
    Columns, not a list of tuples, because fitting 10,000 initiatives yields tens of thousands of changes
    and building that many objects would cost more than the arithmetic.
    """

    ids: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    olds: tuple[Decimal | None, ...] = ()
    news: tuple[Decimal | None, ...] = ()
    op: str = "edit"
    params: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not len(self.ids) == len(self.years) == len(self.olds) == len(self.news):
            raise ValueError("ChangeSet columns differ in length")

    @classmethod
    def of(cls, changes: Iterable[CellChange], op: str = "edit", params: Mapping[str, str] | None = None
           ) -> ChangeSet:
        """From (initiative id, year, old, new) tuples."""
        cols = tuple(zip(*changes))
        if not cols:
            return cls(op=op, params=dict(params or {}))
        ids, years, olds, news = cols
        return cls(ids, years, olds, news, op=op, params=dict(params or {}))

    @property
    def changes(self) -> list[CellChange]:
        return list(self)

    def __len__(self) -> int:
        return len(self.ids)

    def __iter__(self) -> Iterator[CellChange]:
        return map(cell_change, self.ids, self.years, self.olds, self.news)

    def __bool__(self) -> bool:
        return bool(self.ids)

    def inverse(self) -> ChangeSet:
        """The change set that undoes this one (applying it equals ``revert``)."""
        return ChangeSet(self.ids[::-1], self.years[::-1], self.news[::-1], self.olds[::-1],
                         op=self.op, params=self.params)

    def initiative_ids(self) -> list[str]:
        """The initiatives touched, in change order without repeats (for a view to refresh)."""
        return list(dict.fromkeys(self.ids))

    @cached_property
    def year_sums(self) -> dict[int, Decimal]:
        """year → what applying the change set adds to that year's allocations (a blank counts as 0), in
        the order the years first appear. Worked out once per change set: its undo and redo reuse it
        (≈ 5 ms for the ≈ 20,000 cells of a fit at 10,000)."""
        zero = Decimal(0)
        news, olds = self.news, self.olds
        if any(map(is_, news, repeat(None))) or any(map(is_, olds, repeat(None))):  # by identity: no
            news = tuple(zero if n is None else n for n in news)                   # Decimal == None
            olds = tuple(zero if o is None else o for o in olds)
        sums = dict.fromkeys(self.years, zero)
        for year, diff in zip(self.years, map(sub, news, olds)):
            sums[year] += diff
        return sums

    def delta(self) -> Decimal:
        """How much the change set adds to the grand total (negative when it takes money away)."""
        zero = Decimal(0)
        return sum((n or zero for n in self.news), zero) - sum((o or zero for o in self.olds), zero)


class EditConflict(Exception):
    """A change set does not fit the figures it is applied to (a cell holds something else)."""

    def __init__(self, initiative_id: str, year: int, expected: Decimal | None,
                 found: Decimal | None) -> None:
        self.initiative_id, self.year, self.expected, self.found = initiative_id, year, expected, found
        super().__init__(f"{initiative_id} {year}: expected {expected}, found {found}")


def _run(portfolio: Portfolio, changes: ChangeSet | Iterable[CellChange], *, forward: bool,
         check: bool) -> None:
    cs = changes if isinstance(changes, ChangeSet) else ChangeSet.of(changes)
    if forward:
        ids, years, expected, values = cs.ids, cs.years, cs.olds, cs.news
    else:
        ids, years, expected, values = cs.ids[::-1], cs.years[::-1], cs.news[::-1], cs.olds[::-1]
    index = _amounts_index(portfolio)
    targets = _check(index, ids, years, expected) if check else list(map(index.__getitem__, ids))
    # Whole-column passes (map + operator) instead of a Python loop per cell: tens of thousands of
    # cells in a few milliseconds. A None value (a blank) cannot be set, so those cells are popped.
    if any(map(is_, values, repeat(None))):
        for amounts, year, value in zip(targets, years, values):
            if value is None:
                amounts.pop(year, None)
            else:
                amounts[year] = value
    else:
        deque(map(setitem, targets, years, values), maxlen=0)


_INDEX: PortfolioMemo[tuple[list[Initiative], int, dict[str, dict[int, Decimal]]]] = PortfolioMemo()


def _amounts_index(portfolio: Portfolio) -> dict[str, dict[int, Decimal]]:
    """Initiative id → its ``amounts`` dict (the first of two equal ids wins, as in ``Portfolio.get``).

    Kept per portfolio while the same initiative objects stand in the same order and no Initiative
    attribute was assigned since (``planner.model.initiative_writes``: an id or an ``amounts`` dict can
    only change by assignment), so an undo or redo at 10,000 initiatives does not rebuild it.
    """
    inis = portfolio.initiatives
    kept = _INDEX.get(portfolio)
    if (kept is not None and kept[1] == initiative_writes()
            and len(kept[0]) == len(inis) and all(map(is_, inis, kept[0]))):
        return kept[2]
    reverse = inis[::-1]
    index = dict(zip(map(_ID, reverse), map(_AMOUNTS, reverse)))
    _INDEX.put(portfolio, (list(inis), initiative_writes(), index))
    return index


def _check(index: dict[str, dict[int, Decimal]], ids: Sequence[str], years: Sequence[int],
           expected: Sequence[Decimal | None]) -> list[dict[int, Decimal]]:
    """EditConflict unless every cell holds what the change set expects (a blank is None); returns each
    cell's ``amounts`` dict. The very expected objects are found after an undo or redo (compared by
    identity first: thousands of Decimal comparisons are the slow part), equal ones otherwise."""
    try:
        targets = list(map(index.__getitem__, ids))
    except KeyError as exc:
        bad = ids.index(exc.args[0])
        raise EditConflict(ids[bad], years[bad], expected[bad], None) from None
    found = list(map(dict.get, targets, years))
    if not all(map(is_, found, expected)) and found != list(expected):
        for ini_id, year, want, got in zip(ids, years, expected, found):
            if got != want:
                raise EditConflict(ini_id, year, want, got)
    return targets


def apply(portfolio: Portfolio, changes: ChangeSet | Iterable[CellChange], *, check: bool = True) -> None:
    """Carry out the changes (old → new). With ``check``, all or nothing: EditConflict if a cell differs."""
    _run(portfolio, changes, forward=True, check=check)


def revert(portfolio: Portfolio, changes: ChangeSet | Iterable[CellChange], *, check: bool = True) -> None:
    """Take the changes back (new → old), last change first; the exact old objects return."""
    _run(portfolio, changes, forward=False, check=check)


def edit_cell(portfolio: Portfolio, initiative_id: str, year: int, value: object) -> ChangeSet:
    """The change set of typing ``value`` ("2,5", "2.5", Decimal, None = clear) into one cell.

    Raises KeyError for an unknown initiative and planner.amounts.AmountError for text that is no amount.
    Empty when the cell already holds that value.
    """
    ini = portfolio.get(initiative_id)
    if ini is None:
        raise KeyError(initiative_id)
    new = None if value is None or (isinstance(value, str) and not value.strip()) else parse_amount(value)
    old = ini.amounts.get(year)
    if old == new:
        return ChangeSet(op="edit", params={"id": initiative_id, "year": str(year)})
    return ChangeSet((initiative_id,), (year,), (old,), (new,), op="edit",
                     params={"id": initiative_id, "year": str(year),
                             "value": "" if new is None else str(new)})
