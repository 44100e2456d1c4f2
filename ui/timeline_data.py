"""Per-initiative data behind the timeline, made lazily or in whole-list passes.

At 10,000 initiatives a fit to frame, an undo or a reset touches every initiative, yet almost never moves a
bar: bars follow the years with money, the quarters, the phases and the next round, not the amounts. So
instead of recomputing 10,000 bars and labels, the view keeps

- :class:`BarLabels`: the text inside each current-phase bar, made when a bar is first painted (a change
  drops the texts, a big change drops them all);
- :class:`Snapshot`: what decides the rows and bars of every initiative (its identity, id, name, area,
  phases, years, quarters, next round) as one list, and the first/last funded year of each as numpy
  arrays over :func:`planner.amount_cells.cells_of`; comparing a new snapshot with the old one tells
  which initiatives really need their row redone (usually none after a change of amounts).
"""

from __future__ import annotations

from operator import attrgetter, is_not

import numpy as np

from planner.amount_cells import cells_of
from planner.amounts import format_amount
from planner.model import Initiative, Portfolio
from ui import palette
from ui.chart_text import amount_unit

_SHAPE = attrgetter("id", "name", "area", "phase", "start_year", "end_year", "start_quarter", "end_quarter",
                    "next_phase", "next_round")
_NONE = np.iinfo(np.int64).max


def bar_label(ini: Initiative, lang: str) -> str:
    """'Modning · 19,8 mio. kr.' / 'Maturing · 19.8 DKK m': the text inside a current-phase bar."""
    amount = f"{format_amount(ini.total, lang)} {amount_unit()}"
    return f"{palette.phase_label(ini.phase)} · {amount}" if ini.phase else amount


class BarLabels(dict[str, str]):
    """Bar texts by initiative id, each made on first use from the portfolio (a missing id reads '')."""

    def __init__(self, portfolio: Portfolio, lang: str) -> None:
        super().__init__()
        self._portfolio = portfolio
        self._lang = lang

    def __missing__(self, initiative_id: str) -> str:
        ini = self._portfolio.get(initiative_id)
        if ini is None:
            return ""
        text = self[initiative_id] = bar_label(ini, self._lang)
        return text

    def text(self, initiative_id: str) -> str:
        return self[initiative_id]

    def forget(self, ids: object) -> None:
        for iid in ids:  # type: ignore[attr-defined]
            self.pop(iid, None)


def funded_spans(portfolio: Portfolio) -> tuple[np.ndarray, np.ndarray, set[int]]:
    """First and last year with a non-zero amount of each initiative, in portfolio order (a sentinel for
    an initiative without money), and the portfolio's years: one whole-array pass over its cell columns."""
    cells = cells_of(portfolio)
    n = len(cells.starts) - 1
    years_of = set(portfolio.years) | set(cells.by_year)
    if not cells.values:
        return np.full(n, _NONE, dtype=np.int64), np.full(n, -_NONE, dtype=np.int64), years_of
    arrays = cells.arrays()
    years = np.asarray(arrays.years, dtype=np.int64)
    if arrays.tenths is not None:
        funded = arrays.tenths != 0
    else:
        funded = np.fromiter((v != 0 for v in cells.values), dtype=bool, count=len(cells.values))
    starts = np.asarray(cells.starts, dtype=np.int64)
    empty = starts[1:] == starts[:-1]
    idx = starts[:-1]
    lo = np.append(np.where(funded, years, _NONE), _NONE)
    hi = np.append(np.where(funded, years, -_NONE), -_NONE)
    first = np.where(empty, _NONE, np.minimum.reduceat(lo, idx))
    last = np.where(empty, -_NONE, np.maximum.reduceat(hi, idx))
    return first, last, years_of


class Snapshot:
    """What the rows and bars of a portfolio depend on, taken when they were made."""

    def __init__(self, portfolio: Portfolio) -> None:
        self.inis: list[Initiative] = list(portfolio.initiatives)
        self.shapes: list[tuple[object, ...]] = list(map(_SHAPE, self.inis))
        self.first, self.last, self.years = funded_spans(portfolio)
        self._index: dict[str, int] | None = None

    def changed_since(self, old: Snapshot) -> list[str] | None:
        """Ids of the initiatives whose row or bars may differ from ``old``'s; None when the rows themselves
        (which initiatives, in which order) or the years differ: then the layout must be built again."""
        if len(self.inis) != len(old.inis) or self.years != old.years \
                or any(map(is_not, self.inis, old.inis)):
            return None
        ids: set[str] = set()
        if self.shapes != old.shapes:
            ids.update(a[0] for a, b in zip(self.shapes, old.shapes) if a != b)  # type: ignore[misc]
            ids.update(b[0] for a, b in zip(self.shapes, old.shapes) if a != b)  # type: ignore[misc]
        moved = np.nonzero((self.first != old.first) | (self.last != old.last))[0]
        ids.update(self.inis[int(k)].id for k in moved)
        return sorted(ids)

    def patch(self, portfolio: Portfolio, ids: set[str]) -> None:
        """Take these initiatives again (their rows were just redone one by one)."""
        if self._index is None:
            self._index = {}
            for k, ini in enumerate(self.inis):
                self._index.setdefault(ini.id, k)
        for iid in ids:
            k = self._index.get(iid)
            ini = portfolio.get(iid)
            if k is None or ini is None or self.inis[k] is not ini:
                continue  # the rows change too: the next comparison asks for a new layout
            self.shapes[k] = _SHAPE(ini)
            funded = [y for y, a in ini.amounts.items() if a != 0]
            self.first[k] = min(funded) if funded else _NONE
            self.last[k] = max(funded) if funded else -_NONE
            self.years.update(ini.amounts)
