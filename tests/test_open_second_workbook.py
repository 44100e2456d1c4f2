"""File > Open of a second workbook while one is shown: the table and the timeline show exactly the new one,
as a window that opened it first shows it (issue 7 made the table's column fit and the timeline's layout
work from columns and kept pictures; nothing of the first workbook may be left)."""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from tests.ui_helpers import make_window, open_and_wait, sample_copy


def _table(window) -> list[list[str]]:  # type: ignore[no-untyped-def]
    model = window.table_panel.model
    return [[str(model.index(r, c).data() or "") for c in range(model.columnCount())] for r in range(model.rowCount())]


def _timeline(window):  # type: ignore[no-untyped-def]
    lay = window.views["timeline"].timeline_layout()
    rows = [(r.kind, r.label, r.initiative_id, r.detail) for r in lay.rows]
    bars = [[(b.x0, b.x1, b.phase, b.initiative_id, b.next) for b in bars] for bars in lay.bars_by_row]
    return rows, bars, (lay.x_min, lay.x_max)


def _widest_cells(window) -> dict[int, int]:  # type: ignore[no-untyped-def]
    table, model = window.table_panel.table, window.table_panel.model
    option = QStyleOptionViewItem()
    table.initViewItemOption(option)
    delegate, header = table.itemDelegate(), table.horizontalHeader()
    return {c: max([header.sectionSizeHint(c)] + [delegate.sizeHint(option, model.index(r, c)).width() + 1
                                                 for r in range(model.rowCount())])
            for c in range(model.columnCount()) if model.column_key(c) not in ("name", "area")}


def test_a_second_workbook_replaces_the_first_in_the_table_and_the_timeline(qtbot: QtBot, tmp_path) -> None:
    first, second = sample_copy(tmp_path, "uip2023.xlsx"), sample_copy(tmp_path, "satspulje2017.xlsx")
    window = make_window(qtbot)
    window.resize(1400, 900)
    assert open_and_wait(qtbot, window, first)[1], window.last_error
    window.views["timeline"].fit_all()
    qtbot.wait(20)
    assert open_and_wait(qtbot, window, second)[1], window.last_error
    qtbot.wait(20)
    fresh = make_window(qtbot)
    fresh.resize(1400, 900)
    assert open_and_wait(qtbot, fresh, second)[1], fresh.last_error
    qtbot.wait(20)
    assert _table(window) == _table(fresh)
    assert _timeline(window) == _timeline(fresh)
    ids = {ini.id for ini in window.document.portfolio.initiatives}
    assert {r[2] for r in _timeline(window)[0] if r[2]} == ids
    header = window.table_panel.table.horizontalHeader()
    for col, widest in _widest_cells(window).items():
        if window.table_panel.table.isColumnHidden(col):
            continue
        key = window.table_panel.model.column_key(col)
        assert header.sectionSize(col) >= widest, key
        if not key.startswith("year:"):  # a year column is at least 56 px wide
            assert header.sectionSize(col) == widest, key
    timeline = window.views["timeline"].plot_widget()
    again = fresh.views["timeline"].plot_widget()
    a = timeline.grab().toImage()
    b = again.grab().toImage()
    assert (a.width(), a.height()) == (b.width(), b.height())
    pa = np.frombuffer(a.constBits(), dtype=np.uint8).copy()
    pb = np.frombuffer(b.constBits(), dtype=np.uint8).copy()
    assert np.array_equal(pa, pb), "the timeline pictures the second workbook as a fresh window does"
