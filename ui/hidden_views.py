"""Charts on tabs that are not shown wait: what they were told is kept and replayed when they are shown.

The window shows one of its three charts at a time. Laying out a chart nobody sees costs as much as laying
out the shown one (the phases chart of 10,000 initiatives: ≈ 0.3 s), and operations that change every
initiative (fit to frame, undo, a scenario, a new workbook, the language switch) would pay it for every
hidden tab (issue 7: nothing blocks the window for more than 100 ms). So the window tells the shown chart
at once and records, per hidden chart, only what it needs when it is shown: a new portfolio (which makes
earlier refreshes moot), the changed initiatives (merged), the table's filter and the selection (the last
of each). :meth:`PendingViews.flush` replays that in one go, as one refresh.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtWidgets import QWidget

from ui.views import call


@dataclass
class _Missed:
    portfolio: bool = False  # set_portfolio: everything else but the filter and the selection is moot
    refresh_all: bool = False  # refresh() without ids
    ids: set[str] = field(default_factory=set)  # refresh(ids), merged
    visible_ids: tuple[set[str] | None] | None = None  # set_visible_ids, the last one
    selection: tuple[str | None] | None = None  # select_initiative, the last one


class PendingViews:
    """What each hidden chart (by key) missed since it was last shown."""

    def __init__(self) -> None:
        self._missed: dict[str, _Missed] = {}

    def has(self, key: str) -> bool:
        return key in self._missed

    def _of(self, key: str) -> _Missed:
        return self._missed.setdefault(key, _Missed())

    def set_portfolio(self, key: str) -> None:
        missed = self._of(key)
        missed.portfolio, missed.refresh_all = True, False
        missed.ids.clear()

    def refresh(self, key: str, ids: Iterable[str] | None = None) -> None:
        missed = self._of(key)
        if missed.portfolio or missed.refresh_all:
            return
        if ids is None:
            missed.refresh_all = True
            missed.ids.clear()
        else:
            missed.ids.update(ids)

    def set_visible_ids(self, key: str, ids: set[str] | None) -> None:
        self._of(key).visible_ids = (None if ids is None else set(ids),)

    def select(self, key: str, initiative_id: str | None) -> None:
        self._of(key).selection = (initiative_id,)

    def flush(self, key: str, view: QWidget, portfolio: Any) -> None:
        """Tell ``view`` what it missed: first the figures, then the filter, then the selection."""
        missed = self._missed.pop(key, None)
        if missed is None:
            return
        if missed.portfolio:
            call(view, "set_portfolio", portfolio)
        elif missed.refresh_all:
            call(view, "refresh")
        elif missed.ids:
            call(view, "refresh", set(missed.ids))
        if missed.visible_ids is not None:
            call(view, "set_visible_ids", missed.visible_ids[0])
        if missed.selection is not None:
            call(view, "select_initiative", missed.selection[0])
