"""The window's filters reach the timeline: the table's search and area filter show the same initiatives in
the timeline, clearing them shows every one again, and a bar clicked under a filter selects its row."""

from __future__ import annotations

from PySide6.QtCore import Qt

from planner.synthetic import make_portfolio
from tests.timeline_fixtures import bar_pos
from tests.ui_helpers import make_window
from ui.main_window import MainWindow
from ui.timeline_view import TimelineView


def _window(qtbot) -> MainWindow:  # type: ignore[no-untyped-def]
    win = make_window(qtbot)
    win.resize(1400, 900)
    win.document.replace(make_portfolio(400, seed=13), "")
    win.view.show["timeline"].trigger()
    qtbot.wait(1)
    return win


def _timeline_ids(view: TimelineView) -> list[str]:
    return [r.initiative_id for r in view.timeline_layout().rows if r.kind == "initiative"]


def _table_ids(win: MainWindow) -> list[str]:
    panel = win.table_panel
    inis = panel.model.portfolio.initiatives
    return [inis[panel.proxy.mapToSource(panel.proxy.index(r, 0)).row()].id for r in range(panel.proxy.rowCount())]


def test_the_tables_filters_show_the_same_initiatives_in_the_timeline(qtbot) -> None:  # type: ignore[no-untyped-def]
    win = _window(qtbot)
    timeline = win.views["timeline"]
    everything = _timeline_ids(timeline)
    assert sorted(everything) == sorted(i.id for i in win.document.portfolio.initiatives)
    panel = win.table_panel
    panel.search.setFocus()
    for letter in "mis":
        qtbot.keyClick(panel.search, letter)
        qtbot.wait(1)
        shown = _timeline_ids(timeline)
        assert sorted(shown) == sorted(_table_ids(win)), letter
    assert 0 < len(shown) < len(everything)
    panel.area_filter.setCurrentIndex(1)
    qtbot.wait(1)
    area = panel.area_filter.currentData()
    both = _timeline_ids(timeline)
    assert sorted(both) == sorted(_table_ids(win))
    assert all(win.document.portfolio.get(i).area == area for i in both)  # type: ignore[union-attr]
    panel.search.clear()
    panel.area_filter.setCurrentIndex(0)
    qtbot.wait(1)
    assert _timeline_ids(timeline) == everything


def test_a_bar_clicked_under_a_filter_selects_its_row_in_the_table(qtbot) -> None:  # type: ignore[no-untyped-def]
    win = _window(qtbot)
    timeline = win.views["timeline"]
    panel = win.table_panel
    panel.area_filter.setCurrentIndex(2)
    qtbot.wait(1)
    area = panel.area_filter.currentData()
    target = [i for i in win.document.portfolio.initiatives if i.area == area and i.years_span() is not None][5]
    timeline.show_rows(0, 14)
    qtbot.wait(1)
    qtbot.mouseClick(timeline.plot_widget().viewport(), Qt.MouseButton.LeftButton, pos=bar_pos(timeline, target.id))
    qtbot.wait(1)
    assert timeline.selected_initiative() == target.id
    assert panel.selected_initiative() == target.id
    assert timeline.tooltip_for(target.id).startswith(f"{target.id} – ")
