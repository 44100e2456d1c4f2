"""Start-up in two steps: the first frame shows the workbook, the rest is built right after it.

``MainWindow(defer=True)`` builds the menus, the totals, the table and the findings; the charts (their
tab pages are there, white) and the re-balancing docks (three pyqtgraph plots and the scenarios) follow
in ``MainWindow.finish_build`` on the event-loop turn after the first paint, so the first frame waits
neither for them nor for importing pyqtgraph and numpy (issue 7: start to first painted window within
0.5 s of an empty PySide6 window). This module holds the pieces of that:

- :func:`placeholder_docks` / :func:`replace_placeholder_docks`: the two docks exist from the start as
  empty placeholders with the real docks' names, titles, sizes and places, so ``restoreState`` and the
  first frame's layout are final; the real docks take over their state when built.
- :func:`read_small_file` / :class:`Handover`: a small workbook (the 13-row sample) is read before the
  window is shown and handed to the window when it is shown, so the first frame shows its initiatives;
  a big one is still read in the background with progress and cancel.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QWidget

from planner.errors import WorkbookError

if TYPE_CHECKING:
    from ui.main_window import MainWindow

SMALL_FILE_BYTES = 256 * 1024
"""Files up to this size are read before the window shows (≈ 4,000 rows; the sample is 6 KiB)."""

# The real panels' sizes (ui.rebalance_charts.RebalanceCharts, ui.scenarios_panel.ScenariosPanel): the
# dock layout sizes the placeholders exactly as it would size the panels.
CHARTS_HINT, CHARTS_MIN = QSize(480, 760), QSize(360, 480)
SCENARIOS_HINT, SCENARIOS_MIN = QSize(285, 298), QSize(320, 170)


def _dock_text(text: str) -> str:
    return QCoreApplication.translate("RebalanceCharts", text)  # the real docks' context: same translations


class _Placeholder(QWidget):
    """An empty dock content with the real panel's size hint, minimum and background."""

    def __init__(self, hint: QSize, minimum: QSize) -> None:
        super().__init__()
        self._hint = hint
        self.setMinimumSize(minimum)

    def sizeHint(self) -> QSize:  # noqa: N802
        return self._hint


def placeholder_docks(window: MainWindow) -> tuple[QDockWidget, QDockWidget]:
    """The charts and scenarios docks, empty, placed as ``ui.rebalance_charts.install`` places the real ones."""
    from ui import palette

    charts = _Placeholder(CHARTS_HINT, CHARTS_MIN)
    charts.setAutoFillBackground(True)
    pal = charts.palette()
    pal.setColor(charts.backgroundRole(), palette.BACKGROUND)
    charts.setPalette(pal)
    dock = QDockWidget(_dock_text("Budget og rammen"), window)
    dock.setObjectName("rebalance_charts_dock")
    dock.setWidget(charts)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    sdock = QDockWidget(_dock_text("Scenarier"), window)
    sdock.setObjectName("scenarios_dock")
    sdock.setWidget(_Placeholder(SCENARIOS_HINT, SCENARIOS_MIN))
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, sdock)
    window.splitDockWidget(dock, sdock, Qt.Orientation.Vertical)
    window.resizeDocks([dock], [420], Qt.Orientation.Horizontal)
    window.resizeDocks([dock, sdock], [640, 200], Qt.Orientation.Vertical)
    return dock, sdock


def replace_placeholder_docks(window: MainWindow, placeholders: tuple[QDockWidget, QDockWidget],
                              install: Callable[[MainWindow], Any]) -> Any:
    """Put the real docks (``install(window)``) where the placeholders are, with their size, visibility
    and floating state; returns what ``install`` returned. The window is not repainted in between."""
    state = window.saveState()
    for dock in placeholders:
        window.removeDockWidget(dock)
        dock.setObjectName("")
        dock.setParent(None)
        dock.deleteLater()
    wiring = install(window)
    window.restoreState(state)
    return wiring


def read_small_file(path: str) -> object | None:
    """The Portfolio (or the WorkbookError) of ``path`` read now when it is small; None when it is big or
    cannot be looked at (then it is opened the usual way, in the background)."""
    try:
        if os.path.getsize(path) > SMALL_FILE_BYTES:
            return None
    except OSError:
        return None
    from ui.document import load_portfolio

    try:
        return load_portfolio(path)
    except WorkbookError as err:
        return err
    except ImportError as exc:
        return WorkbookError("unreadable", path=path, reason=str(exc))
    except Exception as exc:  # noqa: BLE001 - the same one clear line as a background load
        from planner.log import log_exception

        log_exception(exc)
        return WorkbookError("unreadable", path=path, reason=f"{type(exc).__name__}: {exc}")


class Handover(QObject):
    """Hands a workbook read before the window existed to the window, as a finished load would
    (``FileActions.load_finished``, recent files, status message, error box): when the window is shown,
    before its first paint, or on the first event-loop turn when it is not shown (tests). Emitting
    ``load_finished`` only then lets whoever made the window connect to it first."""

    def __init__(self, window: MainWindow, path: str, result: object) -> None:
        super().__init__(window)
        self._window = window
        self._path = str(Path(path).resolve())
        self._result: object | None = result
        window.installEventFilter(self)
        QTimer.singleShot(0, self.deliver)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Show:
            self.deliver()
        return False

    def deliver(self) -> None:
        result, self._result = self._result, None
        if result is None:
            return
        self._window.removeEventFilter(self)
        self._window.file._on_loaded(self._path, result)


def build_in_steps(window: MainWindow) -> None:
    """``MainWindow.finish_build`` one piece per event-loop turn: the shown chart, then each other chart
    (made, not laid out: ui.hidden_views), then the docks, which take the portfolio on the turn after.
    A window rebuilt around a big portfolio (the language switch at 10,000 initiatives) never holds the
    event loop for all of it at once; whatever asks for a piece sooner gets it built then."""
    from ui.views import VIEW_KEYS

    shown = window.current_view_key()
    steps: list[Callable[[], object]] = [lambda: window.chart(shown)]
    steps += [lambda key=key: window.build_chart(key) for key in VIEW_KEYS if key != shown]
    steps.append(window.build_docks)

    def run_next() -> None:
        if steps:
            steps.pop(0)()
        if steps:
            QTimer.singleShot(0, window, run_next)

    QTimer.singleShot(0, window, run_next)
