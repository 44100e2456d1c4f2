"""The three chart views the window shows, built by key, and calls of optional contract methods.

Each chart's module is imported when the first chart of its kind is built, and pyqtgraph (with numpy)
when the first chart of any kind is: the window's first frame (menus, totals, table, findings) is
painted before any chart exists, so start-up does not wait for those imports (issue 7)."""

from __future__ import annotations

import importlib
from typing import Any

from PySide6.QtWidgets import QWidget

VIEW_KEYS = ("timeline", "phases", "budget")
_CLASSES: dict[str, tuple[str, str]] = {"timeline": ("ui.timeline_view", "TimelineView"),
                                        "phases": ("ui.pipeline_view", "PipelineView"),
                                        "budget": ("ui.budget_chart", "BudgetChart")}


_CONFIGURED = False


def configure_charts() -> None:
    """pyqtgraph's global options, set once per process before the first chart is made."""
    global _CONFIGURED
    if _CONFIGURED:
        return
    import pyqtgraph as pg

    pg.setConfigOptions(antialias=True, background="w", foreground="k")
    _CONFIGURED = True


def view_class(key: str) -> type[QWidget]:
    """The chart class for ``key`` (its module imported now if it was not yet)."""
    configure_charts()
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
