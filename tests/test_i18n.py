"""Danish and English: complete translations, switching the open window, menus, the CLI in both languages."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from planner.amounts import format_amount
from tests.ui_helpers import open_and_wait, sample_copy
from ui import i18n
from ui.file_actions import SaveChoice
from ui.main_window import MainWindow
from ui.settings import LANGUAGE, Settings

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "planner_en.ts"
QM = ROOT / "resources" / "planner_en.qm"
PLACEHOLDER = re.compile(r"\{[a-z0-9_]*\}")
DANISH_LETTERS = re.compile("[æøåÆØÅ]")
# Menu texts that are the same word in both languages.
SAME_IN_BOTH = {"&Budget", "&Dansk", "&English"}
SHORTCUTS = {"Open": "Ctrl+O", "Save": "Ctrl+S", "Save As": "Ctrl+Shift+S", "Close": "Ctrl+W", "Quit": "Ctrl+Q",
             "Undo": "Ctrl+Z", "Redo": "Ctrl+Shift+Z", "Presentation": "F11", "User Guide": "F1"}
"""Menu item (English, without & and …) → its shortcut, the usual one on Windows and Linux."""


def _script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("update_translations", ROOT / "scripts" / "update_translations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _ts_messages() -> dict[tuple[str, str], ET.Element]:
    messages = {}
    for context in ET.parse(TS).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            messages[(name, message.findtext("source") or "")] = message
    return messages


# -- the .ts and .qm files ---------------------------------------------------------------------------------
def test_every_ts_entry_has_a_finished_english_translation() -> None:
    problems = []
    for (context, source), message in _ts_messages().items():
        translation = message.find("translation")
        if translation is None or not (translation.text or "").strip() or translation.get("type"):
            problems.append(f"[{context}] {source!r}")
    assert not problems, "unfinished or empty in planner_en.ts:\n" + "\n".join(problems)


def test_no_ui_text_is_missing_from_the_ts() -> None:
    """lupdate over ui/*.py now, compared with the committed .ts (re-run scripts/update_translations.py)."""
    extracted = set(_script().extract())
    committed = set(_ts_messages())
    missing = sorted(extracted - committed)
    assert not missing, "not in planner_en.ts (run scripts/update_translations.py):\n" + "\n".join(
        f"[{c}] {s!r}" for c, s in missing)


def test_translations_keep_placeholders_mnemonics_and_read_as_english() -> None:
    for (context, source), message in _ts_messages().items():
        english = message.findtext("translation") or ""
        where = f"[{context}] {source!r} → {english!r}"
        assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(english)), where
        assert source.count("&") == english.count("&"), where
        assert not DANISH_LETTERS.search(english), where


def test_the_qm_file_gives_every_ts_translation(qapp: object) -> None:
    translator = QTranslator()
    assert translator.load(str(QM))
    for (context, source), message in _ts_messages().items():
        assert translator.translate(context, source) == message.findtext("translation"), (context, source)


def test_phase_names_are_translated(qapp: object) -> None:
    from planner.phases import PHASES
    from ui import palette

    i18n.install("en")
    try:
        assert [palette.phase_label(p) for p in PHASES] == ["Screening", "Maturing", "Testing", "Dissemination"]
    finally:
        i18n.uninstall()
    assert [palette.phase_label(p) for p in PHASES] == ["Screening", "Modning", "Afprøvning", "Udbredelse"]


# -- the window --------------------------------------------------------------------------------------------
@pytest.fixture
def danish(qapp: object) -> Iterator[Settings]:
    settings = Settings()
    settings.set(LANGUAGE, "da")
    i18n.install("da")
    yield settings
    i18n.uninstall()


_OPEN: list[MainWindow] = []


@pytest.fixture(autouse=True)
def _close_windows() -> Iterator[None]:
    """Close the windows a test made; a language switch has already deleted the ones it replaced."""
    yield
    while _OPEN:
        window = _OPEN.pop()
        if window_alive(window):
            window.close()
            window.deleteLater()


def _window(qtbot, settings: Settings) -> MainWindow:  # type: ignore[no-untyped-def]
    window = _adopt(qtbot, MainWindow(settings))
    window.show()
    return window


def _adopt(qtbot, window: MainWindow) -> MainWindow:  # type: ignore[no-untyped-def]
    """The window a language switch made, once its charts and docks are built (one per event-loop turn)."""
    window.ask_save_changes = lambda: SaveChoice.DISCARD  # type: ignore[method-assign]
    _OPEN.append(window)
    qtbot.waitUntil(window.is_built, timeout=10_000)
    return window


def _menu_titles(window: MainWindow) -> list[str]:
    return [a.text() for a in window.menuBar().actions() if a.menu() is not None]


def _menus(window: MainWindow) -> Iterator[QMenu]:
    def walk(menu: QMenu) -> Iterator[QMenu]:
        yield menu
        for action in menu.actions():
            if action.menu() is not None:
                yield from walk(action.menu())

    for action in window.menuBar().actions():
        if action.menu() is not None:
            yield from walk(action.menu())


def _actions(window: MainWindow) -> list[QAction]:
    return [a for m in _menus(window) for a in m.actions() if not a.isSeparator()]


def _fractional_cell(window: MainWindow) -> tuple[int, int, Decimal]:
    model = window.table_panel.model
    for ini in window.document.portfolio.initiatives:
        for year, amount in sorted(ini.amounts.items()):
            if amount != amount.to_integral_value():
                for col in range(model.columnCount()):
                    if model.column_key(col) == f"year:{year}":
                        return model.row_of(ini.id), col, amount
    raise AssertionError("the sample has no amount with decimals")


def _header(window: MainWindow, key: str) -> str:
    model = window.table_panel.model
    col = next(c for c in range(model.columnCount()) if model.column_key(c) == key)
    return str(model.headerData(col, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole))


def test_switching_language_retranslates_the_open_window(qtbot, danish, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, danish)
    _, ok = open_and_wait(qtbot, window, sample_copy(tmp_path))
    assert ok
    document = window.document
    first = document.portfolio.initiatives[0]
    year = min(first.amounts)
    document.portfolio.set_amount(first.id, year, first.amount(year) + Decimal(1))
    document.mark_changed()
    selected = document.portfolio.initiatives[2].id
    window.table_panel.select_initiative(selected)
    window.show_view("budget")
    row, col, amount = _fractional_cell(window)

    assert _menu_titles(window)[0] == "&Filer"
    assert "&Hjælp" in _menu_titles(window)
    assert _header(window, "area") == "Område"
    cell = window.table_panel.model.index(row, col).data()
    assert cell == format_amount(amount, "da") and "," in cell

    english = _adopt(qtbot, window.findChild(i18n_menu_type()).choose("en"))
    assert english is not window
    assert i18n.current_language() == "en" and danish.get(LANGUAGE) == "en"
    assert _menu_titles(english)[0] == "&File"
    assert "&Help" in _menu_titles(english) and "&Settings" in _menu_titles(english)
    assert _header(english, "area") == "Area"
    cell = english.table_panel.model.index(row, col).data()
    assert cell == format_amount(amount, "en") and "." in cell and "," not in cell
    assert english.tabs.tabText(0) == "Timeline"
    # the same document, undo history and unsaved state; the same chart and selection
    assert english.document is document and document.parent() is english
    assert document.dirty and english.isWindowModified()
    assert english.current_view_key() == "budget"
    assert english.table_panel.selected_initiative() == selected
    assert english.isVisible()
    qtbot.waitUntil(lambda: not window_alive(window))

    back = _adopt(qtbot, english.findChild(i18n_menu_type()).choose("da"))
    assert _menu_titles(back)[0] == "&Filer"
    assert back.table_panel.model.index(row, col).data() == format_amount(amount, "da")
    assert back.document is document and document.dirty


def i18n_menu_type() -> type:
    from ui.language_menu import LanguageMenu

    return LanguageMenu


def window_alive(window: MainWindow) -> bool:
    import shiboken6

    return shiboken6.isValid(window)


def test_the_language_menu_checks_the_current_language(qtbot, danish) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, danish)
    menu = window.findChild(i18n_menu_type())
    assert menu.actions["da"].isChecked() and not menu.actions["en"].isChecked()
    assert menu.choose("da") is window


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_menu_action_has_a_translated_text_and_the_expected_shortcuts(qtbot, danish, lang) -> None:  # type: ignore[no-untyped-def]
    danish.set(LANGUAGE, lang)
    i18n.install(lang)
    window = _window(qtbot, danish)
    texts = {}
    for action in _actions(window):
        text = action.text()
        assert text.strip(), f"an action without text in {action.parent()}"
        texts[text.replace("&", "").replace("…", "").strip()] = action
    for menu in _menus(window):
        keys = [a.text().split("&")[1][:1].lower() for a in menu.actions() if "&" in a.text()]
        assert len(keys) == len(set(keys)), f"{lang}: two items share a mnemonic in {menu.title()}: {keys}"
    if lang == "en":
        for text in texts:
            assert not DANISH_LETTERS.search(text), f"Danish left in the English menus: {text!r}"
        for name, standard in SHORTCUTS.items():
            assert name in texts, f"no menu item {name!r}"
            shortcuts = texts[name].shortcuts()
            assert shortcuts, f"{name} has no shortcut"
            assert QKeySequence(standard) in shortcuts, f"{name}: {[k.toString() for k in shortcuts]}"


def test_every_menu_text_differs_between_the_languages(qtbot, danish) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, danish)
    danish_texts = [a.text() for a in _actions(window)] + _menu_titles(window)
    english = _adopt(qtbot, window.findChild(i18n_menu_type()).choose("en"))
    english_texts = [a.text() for a in _actions(english)] + _menu_titles(english)
    assert len(danish_texts) == len(english_texts)
    same = [d for d, e in zip(danish_texts, english_texts, strict=True) if d == e and d not in SAME_IN_BOTH]
    assert not same, f"not translated: {same}"


def test_help_opens_the_user_guide_and_about_in_the_current_language(qtbot, danish) -> None:  # type: ignore[no-untyped-def]
    from ui.about_dialog import AboutDialog
    from ui.user_guide import UserGuideDialog

    window = _window(qtbot, danish)
    assert window.view.user_guide.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)
    window.view.user_guide.trigger()
    guide = window.findChild(UserGuideDialog)
    assert guide is not None and guide.isVisible()
    text = guide.browser.toPlainText()
    assert "Hvad programmet er til" in text and "What the app is for" not in text
    window.view.about.trigger()
    about = window.findChild(AboutDialog)
    assert about is not None and about.isVisible()
    about.close()

    english = _adopt(qtbot, window.findChild(i18n_menu_type()).choose("en"))
    english.view.user_guide.trigger()
    text = english.findChild(UserGuideDialog).browser.toPlainText()
    assert "What the app is for" in text and "Hvad programmet er til" not in text


def test_qt_own_texts_follow_the_language(qapp: object) -> None:
    i18n.install("en")
    try:
        assert QCoreApplication.translate("QPlatformTheme", "&Yes") == "&Yes"
    finally:
        i18n.install("da")
    assert QCoreApplication.translate("QPlatformTheme", "&Yes") == "&Ja"
    i18n.uninstall()


def test_language_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings()
    monkeypatch.setenv("PLANNER_LANG", "da")
    assert settings.language() == "da"
    monkeypatch.setenv("PLANNER_LANG", "en")
    assert settings.language() == "en"
    settings.set(LANGUAGE, "da")
    assert settings.language() == "da", "the setting wins over the environment"
    monkeypatch.delenv("PLANNER_LANG")
    settings.set(LANGUAGE, "")
    assert settings.language() == i18n.system_language()


# -- the command line --------------------------------------------------------------------------------------
@pytest.mark.parametrize(("lang", "words", "not_words"), [
    ("da", ["advarsel:", "den angivne total", "20,6"], ["warning:", "20.6"]),
    ("en", ["warning:", "the stated total", "20.6"], ["advarsel:", "20,6"]),
])
def test_cli_messages_follow_planner_lang(tmp_path: Path, lang: str, words: list[str], not_words: list[str]) -> None:
    sample = sample_copy(tmp_path)
    env = {**os.environ, "PLANNER_LANG": lang}
    result = subprocess.run([sys.executable, "-m", "planner", "check", str(sample)], check=False, capture_output=True,
                            text=True, env=env, timeout=120)
    output = result.stdout + result.stderr
    for word in words:
        assert word in output, f"{lang}: {word!r} missing from\n{output}"
    for word in not_words:
        assert word not in output, f"{lang}: {word!r} in\n{output}"
