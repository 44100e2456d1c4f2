"""The idle collector (ui.idle_gc): full collections wait for a pause in the user's input, and Python's
own thresholds come back when it stops."""

from __future__ import annotations

import gc

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

from ui import idle_gc
from ui.idle_gc import IdleCollector


class _Clock:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


def _collector(clock: _Clock, counts: list[int], collected: list[int]) -> IdleCollector:
    return IdleCollector(now=clock, counts=lambda: (0, 0, counts[0]), collect=lambda: collected.append(1))


def test_a_due_collection_waits_for_a_pause_in_the_input(qtbot) -> None:
    clock, counts, collected = _Clock(), [0], []
    collector = _collector(clock, counts, collected)
    widget = QWidget()
    qtbot.addWidget(widget)
    app = QApplication.instance()
    collector.start(app)
    try:
        clock.t += 5
        assert not collector.check(), "nothing due yet"
        counts[0] = idle_gc.DUE_AFTER
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier))
        clock.t += idle_gc.QUIET_MS / 2000
        assert not collector.check(), "the user typed a moment ago"
        QApplication.sendEvent(widget, QMouseEvent(QEvent.Type.MouseButtonPress, QPointF(1, 1), QPointF(1, 1),
                                                   Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton,
                                                   Qt.KeyboardModifier.NoModifier))
        clock.t += idle_gc.QUIET_MS / 2000
        assert not collector.check(), "a click restarts the pause"
        clock.t += idle_gc.QUIET_MS / 1000
        assert collector.check()
        assert collected == [1] and collector.collections == 1
    finally:
        collector.stop(app)


def test_the_full_collection_threshold_is_raised_while_installed_and_given_back(qtbot) -> None:
    before = gc.get_threshold()
    app = QApplication.instance()
    collector = IdleCollector()
    collector.start(app)
    try:
        assert gc.get_threshold() == (before[0], before[1], idle_gc.AUTO_FULL_AFTER)
        assert collector.timer.isActive()
    finally:
        collector.stop(app)
    assert gc.get_threshold() == before
    assert not collector.timer.isActive()


def test_with_the_real_collector_a_due_collection_runs_and_resets_the_count(qtbot) -> None:
    app = QApplication.instance()
    clock = _Clock()
    collector = IdleCollector(now=clock)
    collector.start(app)
    try:
        junk: list[object] = []
        for _ in range(100_000):  # make young collections happen until a full one is due
            if gc.get_count()[2] >= idle_gc.DUE_AFTER:
                break
            junk.append([[] for _ in range(1000)])
            if len(junk) > 200:
                junk.clear()
        clock.t += 10
        assert collector.check()
        assert gc.get_count()[2] == 0
    finally:
        collector.stop(app)
