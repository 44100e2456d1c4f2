"""App start (issue 7): the first painted frame shows the workbook; what it leaves out follows at once.

``ui.app.create_window`` makes the window the way ``planner`` does: a small workbook is read before the
window shows, the other charts and the docks are built on the event-loop turn after the first paint,
or when something needs them sooner.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMessageBox

from tests.ui_helpers import LOAD_TIMEOUT_MS, ROOT, sample_copy
from ui import app as app_module
from ui import startup
from ui.file_actions import SaveChoice
from ui.rebalance_charts import RebalanceCharts
from ui.scenarios_panel import ScenariosPanel
from ui.settings import WINDOW_STATE, Settings

DOCKS = ("rebalance_charts_dock", "scenarios_dock")


def _start(qtbot, path: Path):  # type: ignore[no-untyped-def]
    app_module.application()
    window = app_module.create_window(str(path))
    window.ask_save_changes = lambda: SaveChoice.DISCARD
    qtbot.addWidget(window)
    return window


class _FirstFrame(QObject):
    """What the window holds when its first frame has been painted (before the next event-loop turn)."""

    def __init__(self, window) -> None:  # type: ignore[no-untyped-def]
        super().__init__(window)
        self.window = window
        self.seen: dict[str, object] | None = None
        window.installEventFilter(self)  # installed last: runs before the window's own after-paint work

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and self.seen is None:
            w = self.window
            docks = {d.objectName(): d for d in w.findChildren(QDockWidget)}
            self.seen = {
                "rows": w.table_panel.model.rowCount(),
                "charts": dict(w._views),  # peek: current_view() would build the chart
                "title": w.windowTitle(),
                "docks": {name: docks[name].isVisible() for name in DOCKS if name in docks},
                "dock_geometry": {name: docks[name].geometry() for name in DOCKS if name in docks},
            }
        return False


def _painted_and_built(qtbot, window) -> _FirstFrame:  # type: ignore[no-untyped-def]
    frame = _FirstFrame(window)
    window.show()
    qtbot.waitUntil(lambda: frame.seen is not None and window.is_built(), timeout=LOAD_TIMEOUT_MS)
    qtbot.wait(50)
    return frame


def test_the_first_painted_frame_shows_the_samples_initiatives(qtbot, tmp_path) -> None:
    window = _start(qtbot, sample_copy(tmp_path))
    frame = _painted_and_built(qtbot, window)
    assert frame.seen is not None
    assert frame.seen["rows"] == 13
    assert frame.seen["charts"] == {}, "no chart is built before the first frame: it would wait for pyqtgraph"
    assert window.current_view().bar_count() == 13, "the shown chart is built right after it"
    assert str(frame.seen["title"]).startswith("uip2023.xlsx")
    assert frame.seen["docks"] == {name: True for name in DOCKS}, "the docks' places are in the first frame"


def test_after_start_the_docks_and_tabs_hold_their_charts_showing_the_workbook(qtbot, tmp_path) -> None:
    window = _start(qtbot, sample_copy(tmp_path))
    frame = _painted_and_built(qtbot, window)
    found = [d.objectName() for d in window.findChildren(QDockWidget) if d.objectName() in DOCKS]
    assert sorted(found) == sorted(DOCKS), "the placeholders are gone: one dock of each"
    docks = {d.objectName(): d for d in window.findChildren(QDockWidget)}
    assert isinstance(docks["rebalance_charts_dock"].widget(), RebalanceCharts)
    assert isinstance(docks["scenarios_dock"].widget(), ScenariosPanel)
    assert window.rebalance.charts is docks["rebalance_charts_dock"].widget()
    assert sorted(window.rebalance.charts.stack_data()) == sorted(i.id for i in window.document.portfolio.initiatives)
    for key in ("timeline", "phases", "budget"):
        view = window.views[key]
        assert window.tabs.widget(("timeline", "phases", "budget").index(key)).isAncestorOf(view)
    assert window.views["timeline"].bar_count() == 13
    assert frame.seen is not None
    for name in DOCKS:  # no jump when the real docks replace the placeholders
        assert docks[name].geometry() == frame.seen["dock_geometry"][name]
    view_menu = window.view.fit_all.associatedObjects()
    toggles = [a for m in view_menu if hasattr(m, "actions") for a in m.actions()]
    assert docks["rebalance_charts_dock"].toggleViewAction() in toggles
    assert docks["scenarios_dock"].toggleViewAction() in toggles


def test_actions_that_need_the_deferred_parts_work_before_the_loop_ran(qtbot, tmp_path) -> None:
    window = _start(qtbot, sample_copy(tmp_path))
    window.show()
    assert not window.is_built()
    window.view.show["phases"].trigger()
    assert window.current_view_key() == "phases"
    assert window.current_view().__class__.__name__ == "PipelineView"
    window.view.show["budget"].trigger()
    assert window.current_view().__class__.__name__ == "BudgetChart"
    window.view.presentation.trigger()
    assert window.presentation.active
    assert not window.rebalance.charts_dock.isVisible() and not window.rebalance.scenarios_dock.isVisible()
    window.presentation.leave()
    assert window.rebalance.charts_dock.isVisible()
    window.rebalance.scenarios.save_current("Forslag")
    assert window.rebalance.scenarios.names() == ["Forslag"]
    assert window.is_built()
    qtbot.wait(400)  # the after-paint build finds everything built and leaves it alone
    assert sorted(d.objectName() for d in window.findChildren(QDockWidget) if d.objectName() in DOCKS) == sorted(DOCKS)
    assert window.rebalance.scenarios.names() == ["Forslag"]


def test_a_selection_made_before_the_deferred_build_reaches_the_charts_built_later(qtbot, tmp_path) -> None:
    window = _start(qtbot, sample_copy(tmp_path))
    window.show()
    assert not window.is_built()
    window.table_panel.select_initiative("B2")
    window.finish_build()
    assert window.views["phases"].selected_initiative() == "B2"
    assert window.rebalance.charts.profile_data()["id"] == "B2"


def test_a_restored_dock_state_survives_the_deferred_build(qtbot, tmp_path) -> None:
    first = _start(qtbot, sample_copy(tmp_path))
    _painted_and_built(qtbot, first)
    first.rebalance.scenarios_dock.hide()
    first.close()
    assert isinstance(Settings().get(WINDOW_STATE), QByteArray)

    again = _start(qtbot, sample_copy(tmp_path, "igen.xlsx"))
    frame = _painted_and_built(qtbot, again)
    assert frame.seen is not None
    assert frame.seen["docks"] == {"rebalance_charts_dock": True, "scenarios_dock": False}
    assert again.rebalance.charts_dock.isVisible()
    assert not again.rebalance.scenarios_dock.isVisible()


def test_switching_language_right_after_start_gives_a_whole_window(qtbot, tmp_path) -> None:
    from ui import i18n

    app_module.application()
    window = app_module.create_window(str(sample_copy(tmp_path)))  # not given to qtbot: the switch deletes it
    window.ask_save_changes = lambda: SaveChoice.DISCARD
    window.show()
    qtbot.waitUntil(lambda: window.table_panel.model.rowCount() == 13, timeout=LOAD_TIMEOUT_MS)
    other = "da" if window.lang == "en" else "en"
    before = i18n.installed_language()
    try:
        new = window.languages.choose(other)
        qtbot.addWidget(new)
        assert new is not window and new.table_panel.model.rowCount() == 13
        assert not new.is_built(), "the charts and docks follow one per event-loop turn"
        qtbot.waitUntil(new.is_built, timeout=LOAD_TIMEOUT_MS)
        assert new.rebalance.charts_dock.widget() is new.rebalance.charts
        assert sorted(d.objectName() for d in new.findChildren(QDockWidget) if d.objectName() in DOCKS) == sorted(DOCKS)
    finally:  # later tests expect the translators as they were (none: the Danish source texts)
        if before:
            i18n.install(before)
        else:
            i18n.uninstall()


def test_a_big_workbook_still_loads_in_the_background_after_the_first_paint(qtbot, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(startup, "SMALL_FILE_BYTES", 1)
    path = sample_copy(tmp_path)
    window = _start(qtbot, path)
    assert window.table_panel.model.rowCount() == 0
    with qtbot.waitSignal(window.file.load_finished, timeout=LOAD_TIMEOUT_MS) as blocker:
        window.show()
    assert blocker.args == [str(path.resolve()), True]
    assert window.table_panel.model.rowCount() == 13


def test_a_small_file_that_cannot_be_read_says_so_once_the_window_shows(qtbot, tmp_path) -> None:
    bad = tmp_path / "ødelagt.xlsx"
    bad.write_bytes(b"not a workbook")
    window = _start(qtbot, bad)
    assert window.last_error is None
    with qtbot.waitSignal(window.file.load_finished, timeout=LOAD_TIMEOUT_MS) as blocker:
        window.show()
    assert blocker.args == [str(bad.resolve()), False]
    assert window.last_error is not None and "ødelagt.xlsx" in window.last_error[1]
    assert window.document.path == ""
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert len(boxes) == 1 and "ødelagt.xlsx" in boxes[0].text()
    boxes[0].close()  # a box left open would answer later tests' dialogs


def test_load_finished_comes_after_create_window_returned(qtbot, tmp_path) -> None:
    """Callers (the crash-recovery driver) connect to load_finished after create_window returns."""
    window = _start(qtbot, sample_copy(tmp_path))
    with qtbot.waitSignal(window.file.load_finished, timeout=LOAD_TIMEOUT_MS) as blocker:
        QTimer.singleShot(0, lambda: None)
    assert blocker.args[1] is True


def test_the_benchmark_hook_reports_the_first_paint_and_then_everything_built(tmp_path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PLANNER_BENCH_FIRST_PAINT": "all"}
    proc = subprocess.run([sys.executable, "-m", "planner", str(sample_copy(tmp_path))], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["first-paint", "all-built"]


def test_the_first_paint_hook_ends_at_the_first_paint(tmp_path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PLANNER_BENCH_FIRST_PAINT": "1"}
    proc = subprocess.run([sys.executable, "-m", "planner", str(sample_copy(tmp_path))], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["first-paint"]


_FIRST_FRAME_IMPORTS = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from ui import app

class Seen(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            print("pyqtgraph" in sys.modules, watched.document.portfolio is not None
                  and len(watched.document.portfolio.initiatives), flush=True)
            QTimer.singleShot(0, app.QApplication.instance().quit)
        return False

a = app.application()
window = app.create_window(sys.argv[1])
seen = Seen(window)
window.installEventFilter(seen)
window.show()
a.exec()
"""


def test_the_first_frame_is_painted_before_pyqtgraph_is_imported(tmp_path) -> None:
    """Importing pyqtgraph (and numpy under it) takes ≈ 0.25 s: the first frame must not wait for it."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run([sys.executable, "-c", _FIRST_FRAME_IMPORTS, str(sample_copy(tmp_path))], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["False", "13"], "the first frame shows the 13 initiatives without pyqtgraph"


def test_docks_are_on_the_right_in_the_first_frame_as_in_the_finished_window(qtbot, tmp_path) -> None:
    window = _start(qtbot, sample_copy(tmp_path))
    _painted_and_built(qtbot, window)
    for dock in (window.rebalance.charts_dock, window.rebalance.scenarios_dock):
        assert window.dockWidgetArea(dock) == Qt.DockWidgetArea.RightDockWidgetArea
