"""The chart views the window shows, with stand-ins while the real ones are missing.

The real charts live in ``ui.timeline_view``, ``ui.pipeline_view`` and ``ui.budget_chart``. A
stand-in has the same API (the UI contract in the team brief) and shows a short text, so the window
works and its tests run whatever charts are installed.
"""

from __future__ import annotations

import importlib
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from planner.model import Portfolio

VIEW_KEYS = ("timeline", "phases", "budget")


class PlaceholderView(QWidget):
    """Stand-in for a chart: the contract's methods, no drawing."""

    initiative_selected = Signal(str)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._portfolio = Portfolio()
        self._selected: str | None = None
        self._visible: set[str] | None = None
        self._label = QLabel(title)
        self._label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._label.setStyleSheet("color: #777; font-size: 15px;")
        layout = QVBoxLayout(self)
        layout.addWidget(self._label)
        self._title = title

    def set_portfolio(self, portfolio: Portfolio) -> None:
        self._portfolio = portfolio
        self.refresh()

    def refresh(self) -> None:
        self._label.setText(f"{self._title}\n{self.bar_count()}")

    def bar_count(self) -> int:
        ids = {i.id for i in self._portfolio.initiatives}
        return len(ids if self._visible is None else ids & self._visible)

    def select_initiative(self, initiative_id: str | None) -> None:
        self._selected = initiative_id or None

    def selected_initiative(self) -> str | None:
        return self._selected

    def set_visible_ids(self, ids: set[str] | None) -> None:
        self._visible = None if ids is None else set(ids)
        self.refresh()

    def fit_all(self) -> None:
        pass

    def set_status_date(self, day: date | None) -> None:
        pass

    def set_presentation(self, on: bool) -> None:
        pass

    def show_area(self, area: str | None) -> None:
        pass


def _real(module: str, name: str) -> Any:
    try:
        return getattr(importlib.import_module(module), name)
    except ImportError:
        return None
    except AttributeError:
        return None


def make_view(key: str, parent: QWidget | None = None) -> QWidget:
    """The chart for ``key`` ('timeline', 'phases', 'budget'), or its stand-in."""
    module, name, title = {
        "timeline": ("ui.timeline_view", "TimelineView", "Tidslinje"),
        "phases": ("ui.pipeline_view", "PipelineView", "Efter fase"),
        "budget": ("ui.budget_chart", "BudgetChart", "Budget"),
    }[key]
    cls = _real(module, name)
    if cls is None:
        return PlaceholderView(title, parent)
    view = cls()
    if parent is not None:
        view.setParent(parent)
    return view


def call(view: QWidget, method: str, *args: Any) -> None:
    """Call an optional contract method (e.g. the budget chart has no selection)."""
    fn = getattr(view, method, None)
    if callable(fn):
        fn(*args)
