"""Unexpected exceptions in the app: reported once, logged, and the window keeps working with its data."""

from __future__ import annotations

import threading
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer, QUrl, qWarning
from PySide6.QtWidgets import QMessageBox

from planner.log import log_dir
from tests.ui_helpers import make_window, open_and_wait, sample_copy
from ui import crash_handler
from ui.crash_handler import CrashReport

pytestmark = pytest.mark.qt_no_exception_capture


@pytest.fixture
def reports(monkeypatch: pytest.MonkeyPatch) -> list[CrashReport]:
    seen: list[CrashReport] = []
    monkeypatch.setattr(crash_handler, "dialog_hook", seen.append)
    return seen


@pytest.fixture
def window(qtbot, tmp_path):  # type: ignore[no-untyped-def]
    win = make_window(qtbot)
    _, ok = open_and_wait(qtbot, win, sample_copy(tmp_path))
    assert ok, win.last_error
    handler = crash_handler.install(None, win)
    yield win
    handler.uninstall()
    crash_handler.uninstall()


def _log_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(log_dir().glob("planner.log*")))


def _edit(win, delta: str = "1.25") -> tuple[str, int, Decimal]:  # type: ignore[no-untyped-def]
    ini = win.document.portfolio.initiatives[0]
    year = min(ini.amounts)
    new = ini.amount(year) + Decimal(delta)
    win.document.portfolio.set_amount(ini.id, year, new)
    win.document.mark_changed()
    return ini.id, year, new


def _explode_in_a_slot(qtbot, error: BaseException) -> None:  # type: ignore[no-untyped-def]
    def slot() -> None:
        raise error

    done = []
    QTimer.singleShot(0, slot)
    QTimer.singleShot(0, lambda: done.append(True))
    qtbot.waitUntil(lambda: bool(done))


def test_an_exception_in_a_slot_is_reported_logged_and_the_window_keeps_its_data(qtbot, window, reports) -> None:
    ini_id, year, edited = _edit(window)
    _explode_in_a_slot(qtbot, ZeroDivisionError("division by zero in the budget view"))

    assert [(r.kind, r.message) for r in reports] == [("ZeroDivisionError", "division by zero in the budget view")]
    assert reports[0].log_file == str(log_dir() / "planner.log")
    log = _log_text()
    assert "ZeroDivisionError: division by zero in the budget view" in log and "Traceback" in log
    assert "in slot" in log
    # Data intact and still unsaved; the window still takes edits and shows them.
    assert window.document.portfolio.get(ini_id).amount(year) == edited
    assert window.document.dirty and window.isWindowModified()
    _, _, again = _edit(window, "0.5")
    assert window.document.portfolio.get(ini_id).amount(year) == again
    window.show_view("budget")
    assert window.current_view_key() == "budget"


def test_the_same_fault_gives_one_dialog_and_a_storm_stops_at_the_limit(qtbot, window, reports) -> None:
    for _ in range(20):
        _explode_in_a_slot(qtbot, KeyError("same place"))
    assert len(reports) == 1
    for n in range(10):
        _explode_in_a_slot(qtbot, ValueError(f"fault {n}")) if n % 2 else _explode_in_a_slot(
            qtbot, RuntimeError(f"fault {n}"))
    assert len(reports) == crash_handler.MAX_DIALOGS
    assert crash_handler.current().count == 30
    assert "planner.log" in window.statusBar().currentMessage()
    assert _log_text().count("Traceback") == 30


def test_only_one_real_dialog_at_a_time_and_it_names_the_log(qtbot, window) -> None:
    _explode_in_a_slot(qtbot, RuntimeError("<b>not bold</b>"))
    _explode_in_a_slot(qtbot, ValueError("another while the first is open"))
    boxes = [w for w in window.findChildren(QMessageBox) if w.isVisible()]
    assert len(boxes) == 1
    box = boxes[0]
    assert str(log_dir() / "planner.log") in box.informativeText()
    assert "RuntimeError: <b>not bold</b>" in box.informativeText()
    assert box.textFormat().name == "PlainText"
    box.grab().save(str(Path(log_dir().parent / "crash_dialog.png")))
    box.button(QMessageBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: not box.isVisible())
    _explode_in_a_slot(qtbot, OSError("a third, after the first was closed"))
    assert len([w for w in window.findChildren(QMessageBox) if w.isVisible()]) == 1


def test_an_exception_in_a_worker_thread_is_reported_in_the_gui_thread(qtbot, window, reports) -> None:
    def work() -> None:
        raise LookupError("in the worker")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: bool(reports))
    assert reports[0].kind == "LookupError"
    assert "LookupError: in the worker" in _log_text()


def test_listeners_run_before_the_report_and_a_failing_listener_is_only_logged(qtbot, window, reports) -> None:
    calls: list[str] = []
    handler = crash_handler.current()
    handler.add_listener(lambda exc: calls.append(str(exc)))
    handler.add_listener(lambda exc: 1 / 0)
    _explode_in_a_slot(qtbot, RuntimeError("boom"))
    assert calls == ["boom"] and len(reports) == 1
    assert "ZeroDivisionError" in _log_text()


def test_qt_warnings_go_to_the_log(window) -> None:
    qWarning("a Qt warning worth keeping")
    assert "Qt: a Qt warning worth keeping" in _log_text()


def test_uninstall_gives_back_the_previous_hooks(qtbot) -> None:
    import sys

    before_sys, before_thread = sys.excepthook, threading.excepthook
    handler = crash_handler.install(None, None)
    assert sys.excepthook != before_sys and threading.excepthook != before_thread
    handler.uninstall()
    crash_handler.uninstall()
    assert sys.excepthook == before_sys and threading.excepthook == before_thread


def test_help_open_log_folder_opens_the_log_directory(qtbot, window, monkeypatch) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(crash_handler.QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    help_menu = window.view.about.associatedObjects()
    actions = [a for a in window.findChildren(type(window.view.about)) if a.objectName() == "open_log_folder"]
    assert len(actions) == 1
    assert any(actions[0] in m.actions() for m in help_menu if hasattr(m, "actions"))
    actions[0].trigger()
    assert [Path(u.toLocalFile()) for u in opened] == [log_dir()]
    assert log_dir().is_dir()
