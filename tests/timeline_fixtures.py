"""A shown timeline for the timeline tests, its pictures as pixel arrays, and where a bar is on screen."""

from __future__ import annotations

from datetime import date

import numpy as np
from PySide6.QtCore import QPoint, QPointF
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from planner.model import Portfolio
from ui.timeline_view import TimelineView

_UNSET = object()


def shown_timeline(qtbot: QtBot, portfolio: Portfolio, today: date, visible: object = _UNSET) -> TimelineView:
    """A TimelineView (1100×640) with ``portfolio`` and, when given, ``visible`` ids (None: all), shown."""
    view = TimelineView()
    qtbot.addWidget(view)
    view.set_today(today)
    view.resize(1100, 640)
    view.set_portfolio(portfolio)
    if visible is not _UNSET:
        view.set_visible_ids(visible)  # type: ignore[arg-type]
    view.show()
    qtbot.waitExposed(view)
    return view


def pixels(image: QImage) -> np.ndarray:
    """The picture as one uint32 per pixel (height × width)."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    return np.frombuffer(image.constBits(), dtype=np.uint32, count=image.width() * image.height()).reshape(
        image.height(), image.width()).copy()


def bar_pos(view: TimelineView, initiative_id: str) -> QPoint:
    """The middle of the initiative's current-phase bar, in the plot widget's coordinates."""
    layout = view.timeline_layout()
    row = layout.row_of[initiative_id]
    bar = next(b for b in layout.bars_by_row[row] if not b.next)
    plot = view.plot_widget()
    return plot.mapFromScene(plot.getPlotItem().getViewBox().mapViewToScene(QPointF((bar.x0 + bar.x1) / 2, row)))
