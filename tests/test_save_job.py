"""Saving off the UI thread: the event loop keeps running, Cancel leaves the original file as it was."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton, QWidget

from planner.errors import WorkbookError
from planner.loader import load_portfolio
from ui import save_job
from ui.document import Document
from ui.save_job import SaveRunner

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "uip2023.xlsx"


def test_a_long_save_keeps_the_event_loop_running_and_shows_progress(qtbot, monkeypatch) -> None:
    monkeypatch.setattr(save_job, "SHOW_AFTER", 0.1)
    parent = QWidget()
    qtbot.addWidget(parent)
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    seen: list[bool] = []

    def slow_write(fault) -> None:  # noqa: ANN001
        time.sleep(0.5)
        seen.append(any(isinstance(w, QProgressDialog) and w.isVisible() for w in QApplication.topLevelWidgets()))
        fault("replace")

    SaveRunner(parent, "x.xlsx")(slow_write)
    timer.stop()
    assert len(ticks) >= 10  # the UI thread ran its timers while the worker wrote
    assert seen == [True]


def test_cancel_stops_the_save_before_the_file_is_replaced(qtbot, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(save_job, "SHOW_AFTER", 0.05)
    path = tmp_path / "uip.xlsx"
    shutil.copy(SAMPLE, path)
    before = path.read_bytes()
    doc = Document()
    doc.replace(load_portfolio(path), str(path))
    doc.portfolio.set_amount("V1", 2024, "3,5")
    parent = QWidget()
    qtbot.addWidget(parent)
    runner = SaveRunner(parent, path.name)

    def press_cancel() -> None:
        for w in QApplication.topLevelWidgets():
            if isinstance(w, QProgressDialog) and w.isVisible():
                w.findChild(QPushButton).click()  # the user presses Annullér

    clicker = QTimer()
    clicker.timeout.connect(press_cancel)
    clicker.start(20)

    def slow(write):  # noqa: ANN001, ANN202 - give the user time to press Cancel
        def delayed(fault):  # noqa: ANN001, ANN202
            time.sleep(0.3)
            write(fault)
        return runner(delayed)

    with pytest.raises(WorkbookError):
        doc.save(str(path), runner=slow)
    clicker.stop()
    assert runner.cancelled
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["uip.xlsx"]  # no temp file, no backup written
    assert str(doc.portfolio.get("V1").amount(2024)) == "3.5"


def test_a_save_through_the_runner_writes_the_edit(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "uip.xlsx"
    shutil.copy(SAMPLE, path)
    doc = Document()
    doc.replace(load_portfolio(path), str(path))
    doc.portfolio.set_amount("V1", 2024, "3,5")
    parent = QWidget()
    qtbot.addWidget(parent)
    runner = SaveRunner(parent, path.name)
    doc.save(str(path), runner=runner)
    assert not runner.cancelled
    assert str(load_portfolio(path).get("V1").amount(2024)) == "3.5"
