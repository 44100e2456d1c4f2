"""How long the UI thread handles no event: the freeze a user feels (issue 7: "nothing the user does
freezes the window for more than 100 ms").

A helper thread posts an event to a probe object in the UI thread every ``interval`` seconds, one at a
time (the next only after the last was handled), and the probe records how long each waited. Keyboard
and mouse input wait exactly as long, so the longest wait during an action is the longest stretch in
which the window could not react — whether the action does its work in one go or in several turns of
the event loop. Waiting for the interpreter lock can delay a post by the switch interval (5 ms), so the
figure can be a few ms short, never long.
"""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject

_PROBE = QEvent.Type(QEvent.registerEventType())


class LatencyProbe(QObject):
    """Longest event-loop wait since :meth:`reset` (``longest``, seconds). Create it in the UI thread."""

    def __init__(self, interval: float = 0.002) -> None:
        super().__init__()
        self.interval = interval
        self.longest = 0.0
        self._posted_at: float | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._post, name="latency-probe", daemon=True)
        self._thread.start()

    def reset(self) -> None:
        self.longest = 0.0

    def event(self, event: QEvent) -> bool:
        if event.type() == _PROBE:
            posted = self._posted_at
            if posted is not None:
                self.longest = max(self.longest, time.perf_counter() - posted)
            self._posted_at = None
            return True
        return super().event(event)

    def _post(self) -> None:
        while not self._stop.wait(self.interval):
            if self._posted_at is None:
                self._posted_at = time.perf_counter()
                try:
                    QCoreApplication.postEvent(self, QEvent(_PROBE))
                except RuntimeError:  # the application is going away
                    return

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
