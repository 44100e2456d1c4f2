"""The three chart views the window shows, built by key, and calls of optional contract methods.

Each chart's module is imported when the first chart of its kind is built, so a window that starts
with one chart shown does not pay for the import of the other two before its first frame."""

from __future__ import annotations

import importlib
from typing import Any

from PySide6.QtWidgets import QWidget

VIEW_KEYS = ("timeline", "phases", "budget")
_CLASSES: dict[str, tuple[str, str]] = {"timeline": ("ui.timeline_view", "TimelineView"),
                                        "phases": ("ui.pipeline_view", "PipelineView"),
                                        "budget": ("ui.budget_chart", "BudgetChart")}


def view_class(key: str) -> type[QWidget]:
    """The chart class for ``key`` (its module imported now if it was not yet)."""
    module, name = _CLASSES[key]
    return getattr(importlib.import_module(module), name)


def make_view(key: str) -> QWidget:
    """The chart for ``key`` ('timeline', 'phases' or 'budget'), empty until given a portfolio."""
    return view_class(key)()


def call(view: QWidget, method: str, *args: Any) -> None:
    """Call a contract method the view may not have (the budget chart has no selection)."""
    fn = getattr(view, method, None)
    if callable(fn):
        fn(*args)
