"""Something kept per live Portfolio object (a few at once), dropped when the portfolio is.

Portfolio is a pydantic model (unhashable), so the memo is keyed by ``id()`` and guarded by a weak
reference: an entry is only ever handed back for the very object it was stored for.
"""

from __future__ import annotations

import weakref
from typing import Generic, TypeVar

from planner.model import Portfolio

T = TypeVar("T")


class PortfolioMemo(Generic[T]):
    """``get(p)`` / ``put(p, value)``; keeps at most ``size`` portfolios, the oldest leaves first."""

    def __init__(self, size: int = 4) -> None:
        self._size = size
        self._kept: dict[int, tuple[weakref.ref[Portfolio], T]] = {}

    def get(self, portfolio: Portfolio) -> T | None:
        kept = self._kept.get(id(portfolio))
        return kept[1] if kept is not None and kept[0]() is portfolio else None

    def put(self, portfolio: Portfolio, value: T) -> None:
        key = id(portfolio)
        self._kept.pop(key, None)
        while len(self._kept) >= self._size:
            self._kept.pop(next(iter(self._kept)))
        self._kept[key] = (weakref.ref(portfolio, lambda ref, key=key: self._forget(key, ref)), value)

    def _forget(self, key: int, ref: weakref.ref[Portfolio]) -> None:
        kept = self._kept.get(key)
        if kept is not None and kept[0] is ref:
            del self._kept[key]
