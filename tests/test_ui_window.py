"""The main window: opening files, the unsaved-changes prompt, drag-and-drop, recent files, views.

Each test gets its own settings folder (conftest sets PLANNER_SETTINGS_DIR), so nothing here reads or
writes the user's real settings.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from planner.model import AREA_ADULTS
from planner.phases import Phase
from tests.ui_helpers import SAMPLE, drop_files, make_window, open_and_wait, sample_copy
from ui import app as app_module
from ui.file_actions import SaveChoice
from ui.main_window import MainWindow
from ui.settings import LAST_VIEW, RECENT_FILES, Settings

pytestmark = pytest.mark.skipif(
    __import__("importlib").util.find_spec("planner.loader") is None, reason="planner.loader not there yet")


@pytest.fixture
def window(qtbot) -> MainWindow:
    return make_window(qtbot)


@pytest.fixture
def opened(qtbot, window, tmp_path) -> MainWindow:
    _, ok = open_and_wait(qtbot, window, sample_copy(tmp_path))
    assert ok, window.last_error
    return window


def _edit(window: MainWindow) -> str:
    """Change one amount the way an edit would, so the document has unsaved changes."""
    ini = window.document.portfolio.initiatives[0]
    year = min(ini.amounts)
    window.document.portfolio.set_amount(ini.id, year, ini.amount(year) + Decimal(1))
    window.document.mark_changed()
    return ini.id


def test_opening_the_sample_shows_13_rows_and_13_bars(opened) -> None:
    assert opened.table_panel.model.rowCount() == 13
    assert opened.table_panel.visible_row_count() == 13
    timeline = opened.views["timeline"]
    assert timeline.bar_count() == 13
    assert opened.windowTitle().startswith("uip2023.xlsx[*]")
    assert not opened.isWindowModified()


def test_an_edit_marks_the_title_as_unsaved(opened) -> None:
    _edit(opened)
    assert opened.isWindowModified()
    assert opened.document.dirty


def test_table_filters_also_filter_the_timeline(qtbot, opened) -> None:
    timeline = opened.views["timeline"]
    panel = opened.table_panel
    portfolio = opened.document.portfolio
    qtbot.keyClicks(panel.search, portfolio.initiatives[0].id)
    shown = panel.visible_row_count()
    assert 1 <= shown < 13
    assert timeline.bar_count() == shown
    panel.search.clear()
    assert timeline.bar_count() == 13
    panel.set_area_filter(AREA_ADULTS)
    adults = sum(i.area == AREA_ADULTS for i in portfolio.initiatives)
    assert 0 < adults < 13
    assert panel.visible_row_count() == adults
    assert timeline.bar_count() == adults
    panel.set_area_filter(None)
    in_phase = sum(i.phase == Phase.UDBREDELSE for i in portfolio.initiatives)
    panel.set_phase_filter(Phase.UDBREDELSE.value)
    assert panel.visible_row_count() == in_phase
    assert timeline.bar_count() == in_phase


def test_selection_is_shared_between_table_and_timeline(opened) -> None:
    timeline = opened.views["timeline"]
    portfolio = opened.document.portfolio
    opened.table_panel.table.selectRow(2)
    picked = opened.table_panel.selected_initiative()
    assert picked == portfolio.initiatives[2].id
    assert timeline.selected_initiative() == picked

    other = portfolio.initiatives[9].id
    timeline.initiative_selected.emit(other)
    assert opened.table_panel.selected_initiative() == other
    index = opened.table_panel.current_index()
    assert index.siblingAtColumn(0).data() == other

    timeline.initiative_selected.emit("")
    assert opened.table_panel.selected_initiative() is None


def test_selection_from_the_timeline_goes_through_the_sorted_table(opened) -> None:
    panel = opened.table_panel
    panel.table.sortByColumn(panel.model.column_of("total"), Qt.SortOrder.DescendingOrder)
    target = opened.document.portfolio.initiatives[0].id
    opened.views["timeline"].initiative_selected.emit(target)
    assert panel.current_index().siblingAtColumn(0).data() == target


def test_save_changes_prompt_save_writes_the_file(qtbot, opened, monkeypatch) -> None:
    _edit(opened)
    asked: list[bool] = []
    monkeypatch.setattr(opened, "ask_save_changes", lambda: asked.append(True) or SaveChoice.SAVE)
    path = Path(opened.document.path)
    before = path.stat().st_mtime_ns
    opened.file.close.trigger()
    assert asked == [True]
    assert not opened.document.dirty
    assert opened.document.path == ""
    assert opened.table_panel.model.rowCount() == 0
    assert path.stat().st_mtime_ns != before


def test_save_changes_prompt_discard_drops_the_changes(qtbot, opened, monkeypatch) -> None:
    _edit(opened)
    path = Path(opened.document.path)
    before = path.read_bytes()
    monkeypatch.setattr(opened, "ask_save_changes", lambda: SaveChoice.DISCARD)
    opened.file.close.trigger()
    assert opened.document.path == ""
    assert not opened.document.dirty
    assert path.read_bytes() == before


def test_save_changes_prompt_cancel_keeps_everything(qtbot, opened, monkeypatch, tmp_path) -> None:
    edited = _edit(opened)
    monkeypatch.setattr(opened, "ask_save_changes", lambda: SaveChoice.CANCEL)
    path = opened.document.path
    opened.file.close.trigger()
    assert opened.document.path == path and opened.document.dirty
    other = sample_copy(tmp_path, "anden.xlsx")
    assert not opened.open_path(str(other))
    assert opened.document.path == path
    assert opened.close() is False
    assert opened.isVisible()
    assert opened.document.portfolio.get(edited) is not None


def test_no_prompt_without_changes(opened, monkeypatch) -> None:
    monkeypatch.setattr(opened, "ask_save_changes", lambda: pytest.fail("asked although nothing changed"))
    opened.file.close.trigger()
    assert opened.document.path == ""


def test_dropping_a_workbook_opens_it(qtbot, window, tmp_path) -> None:
    path = sample_copy(tmp_path, "trukket.xlsx")
    with qtbot.waitSignal(window.file.load_finished, timeout=30_000) as blocker:
        drop = drop_files(window, [tmp_path / "noter.txt", path])
        assert drop.isAccepted()
    assert blocker.args == [str(path.resolve()), True]
    assert window.table_panel.model.rowCount() == 13
    assert "trukket.xlsx" in window.windowTitle()


def test_dropping_other_files_is_refused(window, tmp_path) -> None:
    text = tmp_path / "noter.txt"
    text.write_text("ikke en projektmappe")
    drop = drop_files(window, [text])
    assert not drop.isAccepted()
    assert not window.file.is_loading()


def test_recent_files_persist_and_reopen(qtbot, window, tmp_path) -> None:
    first = sample_copy(tmp_path, "første.xlsx")
    second = sample_copy(tmp_path, "anden.xlsx")
    open_and_wait(qtbot, window, first)
    open_and_wait(qtbot, window, second)
    assert Settings().get(RECENT_FILES) == [str(second.resolve()), str(first.resolve())]
    window.close()

    again = make_window(qtbot, show=False)
    menu = again.file.recent_menu
    menu.aboutToShow.emit()
    labels = [a.text() for a in menu.actions() if a.text()]
    assert labels[:2] == ["&1 anden.xlsx", "&2 første.xlsx"]
    with qtbot.waitSignal(again.file.load_finished, timeout=30_000) as blocker:
        menu.actions()[1].trigger()
    assert blocker.args == [str(first.resolve()), True]
    assert again.document.path == str(first.resolve())
    assert Settings().get(RECENT_FILES)[0] == str(first.resolve())


def test_view_splitters_and_geometry_are_remembered(qtbot, window) -> None:
    window.show_view("budget")
    window.resize(780, 640)
    window.splitter.setSizes([420, 300])
    sizes = window.splitter.sizes()
    window.close()
    assert Settings().get(LAST_VIEW) == "budget"
    again = make_window(qtbot)
    assert again.current_view_key() == "budget"
    assert again.view.show["budget"].isChecked()
    assert again.splitter.sizes() == sizes
    assert (again.width(), again.height()) == (780, 640)


def test_view_menu_switches_the_chart(window) -> None:
    window.view.show["phases"].trigger()
    assert window.current_view_key() == "phases"
    window.view.show["timeline"].trigger()
    assert window.current_view() is window.views["timeline"]


def test_presentation_mode_shows_only_the_timeline_and_steps_through_areas(qtbot, opened) -> None:
    opened.show_view("budget")
    opened.view.presentation.trigger()
    assert opened.presentation.active
    assert opened.current_view_key() == "timeline"
    assert not opened.lower.isVisible() and not opened.menuBar().isVisible()
    assert opened.totals.isVisible()
    areas = opened.presentation.areas()
    assert len(areas) == 2
    timeline = opened.views["timeline"]
    opened.activateWindow()  # the arrow keys are window shortcuts: they need the window active, as on a screen
    qtbot.waitUntil(opened.isActiveWindow)
    qtbot.keyClick(opened, Qt.Key.Key_Right)
    assert opened.presentation.current_area() == areas[0]
    assert timeline.bar_count() == sum(i.area == areas[0] for i in opened.document.portfolio.initiatives)
    qtbot.keyClick(opened, Qt.Key.Key_Right)
    qtbot.keyClick(opened, Qt.Key.Key_Right)
    assert opened.presentation.current_area() is None
    assert timeline.bar_count() == 13
    qtbot.keyClick(opened, Qt.Key.Key_Escape)
    assert not opened.presentation.active
    assert opened.lower.isVisible() and opened.menuBar().isVisible()
    assert opened.current_view_key() == "budget"


def test_export_picture_writes_the_current_view(opened, monkeypatch, tmp_path) -> None:
    out = tmp_path / "tidslinje.png"
    monkeypatch.setattr(opened, "ask_export_path", lambda: str(out))
    assert opened.file.export_picture()
    assert out.stat().st_size > 1000
    assert opened.last_error is None


def test_every_menu_action_has_a_mnemonic_and_the_file_shortcuts_are_standard(window) -> None:
    for menu_action in window.menuBar().actions():
        assert "&" in menu_action.text()
        keys = []
        for act in menu_action.menu().actions():
            if not act.isSeparator():
                assert "&" in act.text(), act.text()
                keys.append(act.text().split("&", 1)[1][0].lower())
        assert len(keys) == len(set(keys)), f"{menu_action.text()}: mnemonics used twice: {keys}"
    shortcuts = {window.file.open: "Ctrl+O", window.file.save: "Ctrl+S", window.file.save_as: "Ctrl+Shift+S",
                 window.file.close: "Ctrl+W", window.file.quit: "Ctrl+Q", window.view.presentation: "F11"}
    for act, key in shortcuts.items():
        assert act.shortcut().toString() == key


def test_sample_is_found_beside_the_package_and_in_a_frozen_bundle(monkeypatch, tmp_path) -> None:
    assert app_module.sample_path() == SAMPLE
    assert app_module.sample_path().exists()
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert app_module.sample_path() == tmp_path / "samples" / "uip2023.xlsx"
    assert app_module.resource_path("icon.svg") == tmp_path / "resources" / "icon.svg"


def test_the_app_opens_the_sample_when_started_without_a_file(qtbot) -> None:
    app_module.application()
    window = app_module.create_window(None)
    window.ask_save_changes = lambda: SaveChoice.DISCARD
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.file.load_finished, timeout=30_000) as blocker:
        pass
    assert blocker.args == [str(SAMPLE.resolve()), True]
    assert window.table_panel.model.rowCount() == 13
    assert not window.windowIcon().isNull()


def test_a_big_workbook_loads_in_the_background_and_can_be_cancelled(qtbot, opened, tmp_path) -> None:
    from planner.synthetic import write_workbook

    big = write_workbook(3000, tmp_path / "stor.xlsx", seed=2)
    before = opened.document.path
    with qtbot.waitSignal(opened.file.load_finished, timeout=60_000) as blocker:
        assert opened.open_path(str(big))
        assert opened.file.is_loading()
        assert opened.file.progress is not None
        opened.file.progress.findChild(QPushButton).click()
    assert blocker.args == [str(big.resolve()), False]
    assert opened.last_error is None
    assert opened.document.path == before
    assert opened.statusBar().currentMessage() == "Åbning annulleret"
    assert not opened.file.is_loading()

    _, ok = open_and_wait(qtbot, opened, big)
    assert ok
    assert opened.table_panel.model.rowCount() == 3000


def test_a_workbook_dropped_on_the_chart_reaches_the_window(qtbot, window, tmp_path) -> None:
    from PySide6.QtCore import QMimeData, QPoint, QUrl
    from PySide6.QtGui import QDragEnterEvent
    from PySide6.QtWidgets import QApplication, QGraphicsView

    path = sample_copy(tmp_path)
    for graphics in window.views["timeline"].findChildren(QGraphicsView):
        assert not graphics.acceptDrops() and not graphics.viewport().acceptDrops()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()


def test_saving_a_new_portfolio_asks_for_a_file_name(qtbot, window, monkeypatch, tmp_path) -> None:
    from planner.loader import load_portfolio
    from planner.synthetic import make_portfolio

    window.document.replace(make_portfolio(4, seed=7), "")
    window.document.mark_changed()
    target = tmp_path / "ny"
    monkeypatch.setattr(window, "ask_save_path", lambda: str(target))
    monkeypatch.setattr(window, "ask_save_changes", lambda: SaveChoice.SAVE)
    window.file.new.trigger()
    saved = tmp_path / "ny.xlsx"
    assert saved.exists()
    assert [i.id for i in load_portfolio(saved).initiatives] == [i.id for i in make_portfolio(4, seed=7).initiatives]
    assert window.document.path == "" and not window.document.dirty
    assert Settings().get(RECENT_FILES) == [str(saved.resolve())]


def test_save_as_cancelled_keeps_the_changes(window, monkeypatch) -> None:
    from planner.synthetic import make_portfolio

    window.document.replace(make_portfolio(2), "")
    window.document.mark_changed()
    monkeypatch.setattr(window, "ask_save_path", lambda: "")
    monkeypatch.setattr(window, "ask_save_changes", lambda: SaveChoice.SAVE)
    window.file.close.trigger()
    assert window.document.dirty
    assert len(window.document.portfolio.initiatives) == 2


def test_status_date_is_set_on_the_timeline_from_the_view_menu(window, monkeypatch) -> None:
    from datetime import date

    timeline = window.views["timeline"]
    monkeypatch.setattr(window, "ask_status_date", lambda current: date(2025, 6, 30))
    window.view.status_date.trigger()
    assert timeline.status_date() == date(2025, 6, 30)
    monkeypatch.setattr(window, "ask_status_date", lambda current: False)
    window.view.status_date.trigger()
    assert timeline.status_date() == date(2025, 6, 30)
    monkeypatch.setattr(window, "ask_status_date", lambda current: None)
    window.view.status_date.trigger()
    assert timeline.status_date() is None


def test_status_date_dialog_returns_the_date_or_none(qtbot) -> None:
    from datetime import date

    from ui.status_date_dialog import StatusDateDialog

    dialog = StatusDateDialog(date(2024, 3, 1))
    qtbot.addWidget(dialog)
    assert dialog.chosen() == date(2024, 3, 1)
    dialog.enabled.setChecked(False)
    assert dialog.chosen() is None
    assert not dialog.date_edit.isEnabled()


def test_settings_live_in_the_test_folder_and_keep_their_types(tmp_path, monkeypatch) -> None:
    import os

    from ui.recent_files import RecentFiles
    from ui.settings import AUTOSAVE_MINUTES, SETTINGS, Setting

    settings = Settings()
    assert Path(settings.path).parent == Path(os.environ["PLANNER_SETTINGS_DIR"])
    assert settings.get(AUTOSAVE_MINUTES) == 1  # the issue asks for a snapshot every minute
    settings.set(AUTOSAVE_MINUTES, 10)
    settings.sync()
    assert Settings().get(AUTOSAVE_MINUTES) == 10
    assert all(s.meaning for s in SETTINGS) and len({s.key for s in SETTINGS}) == len(SETTINGS)
    with pytest.raises(KeyError):
        settings.get(Setting("made/up", str, "", "not declared"))

    recent = RecentFiles(Settings())
    files = [tmp_path / f"f{n}.xlsx" for n in range(12)]
    for f in files:
        recent.add(f)
    recent.add(files[3])
    again = RecentFiles(Settings()).paths()
    assert len(again) == 10
    assert again[0] == str(files[3].resolve())
    assert again.count(str(files[3].resolve())) == 1
    recent.clear()
    recent.add(files[0])
    assert RecentFiles(Settings()).paths() == [str(files[0].resolve())]
