"""The three chart views the window shows, built by key, and calls of optional contract methods."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from ui.budget_chart import BudgetChart
from ui.pipeline_view import PipelineView
from ui.timeline_view import TimelineView

VIEW_KEYS = ("timeline", "phases", "budget")
_CLASSES: dict[str, type[QWidget]] = {"timeline": TimelineView, "phases": PipelineView, "budget": BudgetChart}


def make_view(key: str) -> QWidget:
    """The chart for ``key`` ('timeline', 'phases' or 'budget'), empty until given a portfolio."""
    return _CLASSES[key]()


def call(view: QWidget, method: str, *args: Any) -> None:
    """Call a contract method the view may not have (the budget chart has no selection)."""
    fn = getattr(view, method, None)
    if callable(fn):
        fn(*args)
