"""Full garbage collections when the user pauses, not in the middle of what they do.

CPython's cyclic collector walks every tracked object in a full (generation 2) collection: with a portfolio
of 10,000 initiatives open that is ≈ 225,000 objects and 80–120 ms on the UI thread. Left to itself it
starts one after every ten generation-1 collections (when enough new objects have survived), which with
10,000 initiatives is about every fourth whole-portfolio action (fit to frame, undo, a scenario) — a
freeze of the window at a moment the user is waiting for the result (issue 7; measured with
``bench/gc_pauses.py``).

:class:`IdleCollector` moves those collections to pauses: it raises the generation-2 threshold to
:data:`AUTO_FULL_AFTER` (CPython still collects by itself if the user never pauses, so memory stays
bounded) and, on a timer, runs the full collection once a full collection is due by CPython's usual
count (:data:`DUE_AFTER` generation-1 collections) and no input has come for :data:`QUIET_MS`. Young
collections (generations 0 and 1, a few ms) stay automatic. The app installs it (``ui.app.main``);
tests and scripts keep Python's defaults.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

DUE_AFTER = 10
"""Generation-1 collections after which a full collection is due: CPython's own default threshold."""
AUTO_FULL_AFTER = 100
"""The generation-2 threshold while installed: CPython collects by itself only if no pause comes."""
QUIET_MS = 800
"""How long without keyboard or mouse input counts as a pause."""
CHECK_MS = 500

_INPUT = {QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.MouseButtonPress,
          QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseMove,
          QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate}


class IdleCollector(QObject):
    """Runs due full collections when the user pauses (see the module text). ``now``, ``counts`` and
    ``collect`` default to the real clock and collector; tests pass their own."""

    def __init__(self, parent: QObject | None = None, *, now: Callable[[], float] = time.monotonic,
                 counts: Callable[[], tuple[int, int, int]] = gc.get_count,
                 collect: Callable[[], object] = gc.collect) -> None:
        super().__init__(parent)
        self._now, self._counts, self._collect = now, counts, collect
        self._last_input = now()
        self._saved: tuple[int, int, int] | None = None
        self.collections = 0
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(self.check)

    def start(self, app: QApplication) -> None:
        """Raise the full-collection threshold and start watching ``app``'s input."""
        if self._saved is None:
            self._saved = gc.get_threshold()
            young, middle, _ = self._saved
            gc.set_threshold(young, middle, AUTO_FULL_AFTER)
        app.installEventFilter(self)
        self.timer.start()

    def stop(self, app: QApplication) -> None:
        """Give the collector its thresholds back."""
        self.timer.stop()
        app.removeEventFilter(self)
        if self._saved is not None:
            gc.set_threshold(*self._saved)
            self._saved = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in _INPUT:
            self._last_input = self._now()
        return False

    def due(self) -> bool:
        return self._counts()[2] >= DUE_AFTER

    def check(self) -> bool:
        """Collect if a full collection is due and the user has paused; True when it collected."""
        if not self.due() or (self._now() - self._last_input) * 1000 < QUIET_MS:
            return False
        self._collect()
        self.collections += 1
        return True


def install(app: QApplication) -> IdleCollector:
    """The app's idle collector, started (owned by ``app``)."""
    collector = IdleCollector(app)
    collector.start(app)
    return collector
