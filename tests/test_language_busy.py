"""Settings > Language rebuilds the window (about a second on a big portfolio): while it does, the cursor
is a wait cursor and the old window shows the chosen language with '…' in its status bar."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui_helpers import make_window
from ui import i18n
from ui.file_actions import SaveChoice
from ui.language_menu import LanguageMenu
from ui.settings import LANGUAGE


@pytest.fixture
def danish_window(qtbot) -> Iterator:  # type: ignore[no-untyped-def]
    window = make_window(qtbot)
    window.settings.set(LANGUAGE, "da")
    i18n.install("da")
    window.ask_save_changes = lambda: SaveChoice.DISCARD  # type: ignore[method-assign]
    window.show()
    yield window
    i18n.uninstall()


def test_the_switch_shows_a_wait_cursor_and_a_message_until_the_new_window_is_there(
        qtbot, danish_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    seen: dict[str, object] = {}
    rebuild = i18n.rebuild_window

    def watched(old):  # type: ignore[no-untyped-def]
        cursor = QApplication.overrideCursor()
        seen["cursor"] = cursor.shape() if cursor is not None else None
        seen["message"] = old.statusBar().currentMessage()
        return rebuild(old)

    monkeypatch.setattr(i18n, "rebuild_window", watched)
    english = danish_window.findChild(LanguageMenu).choose("en")
    try:
        assert english is not danish_window and english.isVisible()
        assert seen == {"cursor": Qt.CursorShape.WaitCursor, "message": "English …"}
        assert QApplication.overrideCursor() is None
    finally:
        if shiboken6.isValid(english):
            english.ask_save_changes = lambda: SaveChoice.DISCARD  # type: ignore[method-assign]
            english.close()
            english.deleteLater()


def test_a_failing_rebuild_still_gives_the_cursor_back(qtbot, danish_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def broken(old):  # type: ignore[no-untyped-def]
        raise RuntimeError("rebuild failed")

    monkeypatch.setattr(i18n, "rebuild_window", broken)
    with pytest.raises(RuntimeError):
        danish_window.findChild(LanguageMenu).choose("en")
    assert QApplication.overrideCursor() is None
