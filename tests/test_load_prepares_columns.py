"""A workbook read in the background arrives with its cell columns built in the loading thread, so the
window's thread does not build them in the turn that shows the workbook (issue 7)."""

from __future__ import annotations

import threading

from planner import amount_cells
from tests.ui_helpers import make_window, open_and_wait, sample_copy


def test_the_cell_columns_are_built_in_the_loading_thread(qtbot, tmp_path, monkeypatch) -> None:
    built_in: list[tuple[object, threading.Thread]] = []
    original = amount_cells.AmountCells.__init__

    def recording(self, portfolio) -> None:  # type: ignore[no-untyped-def]
        built_in.append((portfolio, threading.current_thread()))
        original(self, portfolio)

    monkeypatch.setattr(amount_cells.AmountCells, "__init__", recording)
    window = make_window(qtbot)
    path, ok = open_and_wait(qtbot, window, sample_copy(tmp_path))
    assert ok, path
    portfolio = window.document.portfolio
    assert amount_cells.kept_cells_of(portfolio) is not None
    threads = [thread for built, thread in built_in if built is portfolio]
    assert threads == [threads[0]] and threads[0] is not threading.main_thread(), "built once, by the loader"
    assert amount_cells.cells_of(portfolio).ini_ids == [i.id for i in portfolio.initiatives]
