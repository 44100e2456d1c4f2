"""Full garbage collections during user actions, with Python's default thresholds and with the app's idle
collector (ui.idle_gc), on the real MainWindow at n initiatives (issue 7: nothing blocks the window for
more than 100 ms).

    .venv/bin/python bench/gc_pauses.py 10000

Runs the same cycles of whole-portfolio actions (fit to frame, undo, redo, undo) twice in one process:
first with Python's defaults, then with the idle collector installed. Before each action a mouse move is
sent through the application (the user's click that starts it), and between actions the event loop runs
for a pause long enough for the idle collector. Every generation-2 collection is logged with its length
and whether it ran inside an action (the user waits for it) or in a pause. bench/ui_interactions.py runs
``gc.collect()`` before every action, so its figures leave these pauses out; this script measures them.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CYCLES = 6


def run(n: int) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import ui_interactions as ui
    from PySide6.QtCore import QEvent, QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from ui import idle_gc

    session = ui.Session(n)
    app, window = session.app, session.window
    edit = window.edit
    state = {"inside": False, "start": 0.0}
    log: list[tuple[str, float, bool]] = []
    mode = ["default"]

    def callback(phase: str, info: dict[str, int]) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            state["start"] = time.perf_counter()
        else:
            log.append((mode[0], (time.perf_counter() - state["start"]) * 1000, state["inside"]))

    def user_moves() -> None:
        QApplication.sendEvent(window, QMouseEvent(QEvent.Type.MouseMove, QPointF(5, 5), QPointF(5, 5),
                                                   Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
                                                   Qt.KeyboardModifier.NoModifier))

    def cycles() -> list[float]:
        walls = []
        for _ in range(CYCLES):
            for act in (edit.fit_all.trigger, edit.undo.trigger, edit.redo.trigger, edit.undo.trigger):
                user_moves()
                state["inside"] = True
                start = time.perf_counter()
                act()
                ui.settle(app)
                walls.append((time.perf_counter() - start) * 1000)
                state["inside"] = False
                QTest.qWait(idle_gc.QUIET_MS + 2 * idle_gc.CHECK_MS)  # the user looks at the result
        return walls

    gc.callbacks.append(callback)
    try:
        gc.collect()
        default_walls = cycles()
        mode[0] = "idle collector"
        collector = idle_gc.install(app)
        gc.collect()
        idle_walls = cycles()
        collector.stop(app)
    finally:
        gc.callbacks.remove(callback)
        session.close()
    print(f"\nFull garbage collections over {CYCLES} × (fit, undo, redo, undo) at {n:,} initiatives "
          f"({len(gc.get_objects()):,} tracked objects at the end)")
    print(f"{'collector':16} {'in actions':>10} {'longest':>9} {'in pauses':>10} {'longest':>9} {'worst action':>13}")
    for name, walls in (("default", default_walls), ("idle collector", idle_walls)):
        inside = [ms for m, ms, i in log if m == name and i]
        outside = [ms for m, ms, i in log if m == name and not i]
        print(f"{name:16} {len(inside):>10} {max(inside, default=0):>7.1f}ms {len(outside):>10} "
              f"{max(outside, default=0):>7.1f}ms {max(walls):>11.1f}ms")


if __name__ == "__main__":
    for arg in sys.argv[1:] or ["10000"]:
        run(int(arg))
