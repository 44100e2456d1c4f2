"""The driven window of bench/ui_interactions.py and how one user action is timed.

:class:`Session` is a shown ``MainWindow`` (1600×950, offscreen) on ``planner.synthetic.make_portfolio(n)``
with its settings in a temporary folder. :func:`time_action` runs an action and the event loop until it
is idle (:func:`settle`: posted events, 0 ms timers, repaints) and returns a :class:`Run`: wall time, the
UI thread's CPU time and the longest time the UI thread handled no event (bench/latency_probe.py).
"""

from __future__ import annotations

import gc
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from registry import Pending

REPEAT = 3


@dataclass
class Timing:
    """Wall and UI-thread CPU seconds of each run of one action (the first run is the cold one)."""

    name: str
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    block: list[float] = field(default_factory=list)
    """The longest time the UI thread handled no event during each run (bench/latency_probe.py)."""

    def add(self, run: Run) -> None:
        self.wall.append(run.wall)
        self.cpu.append(run.cpu)
        self.block.append(run.block)

    @property
    def best_wall(self) -> float:
        return min(self.wall)

    @property
    def best_cpu(self) -> float:
        return min(self.cpu)

    @property
    def best_block(self) -> float:
        return min(self.block)

    @property
    def cold_wall(self) -> float:
        return self.wall[0]


def _busy_timers(app: Any) -> bool:
    """True while a 0 ms timer (the views' coalesced redraws) is armed in any window."""
    from PySide6.QtCore import QTimer

    for top in app.topLevelWidgets():
        for timer in top.findChildren(QTimer):
            if timer.isActive() and timer.interval() == 0:
                return True
    return False


def settle(app: Any) -> None:
    """Run the event loop until idle: posted events, 0 ms timers, repaints, then one quiet cycle more."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtTest import QTest

    app.processEvents()
    quiet = 0
    for _ in range(50):
        QCoreApplication.sendPostedEvents()
        QTest.qWait(0)
        app.processEvents()
        if _busy_timers(app):
            quiet = 0
        else:
            quiet += 1
            if quiet >= 2:
                break


class Run(NamedTuple):
    wall: float  # seconds from the action to an idle event loop (its coalesced redraws and repaints done)
    cpu: float  # the UI thread's CPU seconds in that time
    block: float  # the longest the UI thread handled no event in that time (the window could not react)


_PROBE: list[Any] = []


def _probe() -> Any:
    """The process's latency probe (bench/latency_probe.py), made in the UI thread on first use."""
    if not _PROBE:
        from latency_probe import LatencyProbe

        _PROBE.append(LatencyProbe())
    return _PROBE[0]


def time_action(app: Any, fn: Callable[[], object]) -> Run:
    """``fn`` plus the event loop until idle: wall and thread CPU seconds, and the longest block."""
    gc.collect()
    probe = _probe()
    settle(app)
    probe.reset()
    wall0, cpu0 = time.perf_counter(), time.thread_time()
    fn()
    settle(app)
    wall, cpu = time.perf_counter() - wall0, time.thread_time() - cpu0
    settle(app)  # the probe's last event, posted while the action ran, is handled
    return Run(wall, cpu, probe.longest)


class Session:
    """A shown MainWindow on a synthetic portfolio, and the timings of the actions run on it."""

    def __init__(self, n: int, repeat: int = REPEAT) -> None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        os.environ["PLANNER_SETTINGS_DIR"] = tempfile.mkdtemp(prefix="planner-bench-settings-")
        os.environ.setdefault("PLANNER_DATA_DIR", tempfile.mkdtemp(prefix="planner-bench-data-"))
        try:
            from ui.main_window import MainWindow  # noqa: F401
        except ModuleNotFoundError as exc:
            raise Pending(f"{exc.name} is not in the tree yet") from None
        from PySide6.QtWidgets import QApplication

        from planner.synthetic import make_portfolio
        from ui.app import configure_charts

        self.n = n
        self.repeat = repeat
        self.app = QApplication.instance() or QApplication([])
        configure_charts()
        self.portfolio = make_portfolio(n)
        self.window = self._new_window()
        self.window.document.replace(self.portfolio, "")
        settle(self.app)
        self.timings: dict[str, Timing] = {}
        self.skipped: list[str] = []

    def _new_window(self) -> Any:
        from ui.file_actions import SaveChoice
        from ui.main_window import MainWindow

        window = MainWindow()
        window.ask_save_changes = lambda: SaveChoice.DISCARD  # type: ignore[method-assign]
        window.resize(1600, 950)
        window.show()
        window.activateWindow()
        return window

    def adopt(self, window: Any) -> None:
        """The language switch replaced the window: answer its prompts the same way."""
        from ui.file_actions import SaveChoice

        window.ask_save_changes = lambda: SaveChoice.DISCARD  # type: ignore[method-assign]
        self.window = window

    # -- timing ----------------------------------------------------------------------------------------
    def measure(self, name: str, act: Callable[[], object], before: Callable[[], object] | None = None,
                after: Callable[[], object] | None = None) -> Timing:
        """Run ``before`` (untimed), ``act`` (timed until idle), ``after`` (untimed), ``repeat`` times."""
        timing = self.timings.setdefault(name, Timing(name))
        for _ in range(self.repeat):
            if before is not None:
                before()
                settle(self.app)
            timing.add(time_action(self.app, act))
            if after is not None:
                after()
                settle(self.app)
        return timing

    def record(self, name: str, run: Run) -> None:
        self.timings.setdefault(name, Timing(name)).add(run)

    def skip(self, name: str, why: str) -> None:
        self.skipped.append(f"{name}: {why}")

    def close(self) -> None:
        self.window.document.undo_stack.setClean()
        self.window.close()
        self.window.deleteLater()
        settle(self.app)
        if _PROBE:
            _PROBE.pop().stop()
