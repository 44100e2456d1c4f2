"""Danish and English: Qt translators, the language in use, and switching it while the app runs.

Danish is the source language of every ``tr``/``translate`` text, so Danish needs no translation file;
English comes from ``resources/planner_en.qm`` (made by ``scripts/update_translations.py``). Qt's own
texts (standard buttons, file dialogs) come from Qt's ``qtbase_<lang>.qm``. The language is the
``ui/language`` setting, else ``PLANNER_LANG``, else the system's (Danish on a Danish system, else
English): :meth:`ui.settings.Settings.language`.

Switching at run time (:func:`switch_language`) re-creates the main window around the same
:class:`~ui.document.Document`. Most widgets take the language when they are built (amount formats,
phase and area names from ``planner``), so building them again is the one way that is sure to leave no
text behind. The document keeps the portfolio, undo stack, baseline, path and unsaved state; the window
hands over geometry, splitters, chart, table selection, filters and status date, the crash handler and
the recovery manager. Code that formats numbers without a widget asks :func:`current_language`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator

from ui.settings import LANGUAGE, Settings

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

    from ui.main_window import MainWindow

LANGUAGES: tuple[str, ...] = ("da", "en")
LANGUAGE_NAMES = {"da": "Dansk", "en": "English"}
"""Each language named in itself, so it can be found whatever language the menus are in."""

_translators: list[QTranslator] = []
_current = ""


def normalise(lang: str | None) -> str:
    return "en" if (lang or "").lower().startswith("en") else "da"


def system_language() -> str:
    """'da' on a Danish system, else 'en'."""
    return "da" if QLocale.system().language() == QLocale.Language.Danish else "en"


def locale_for(lang: str) -> QLocale:
    if normalise(lang) == "en":
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    return QLocale(QLocale.Language.Danish, QLocale.Country.Denmark)


def current_language() -> str:
    """'da' or 'en': the language installed by :func:`install`, else the one the settings choose."""
    return _current or Settings().language()


def installed_language() -> str:
    """'da' or 'en' as installed by :func:`install`; '' when nothing is installed (headless, tests)."""
    return _current


def text_language() -> str:
    """The language translated texts come out in now: the installed one, else Danish (the source texts).

    Charts format numbers and dates in this language by default, so words and numbers always agree.
    """
    return _current or "da"


def translation_files(lang: str) -> list[str]:
    """The .qm files for ``lang`` that exist: Qt's own first, then ours (ours win on a clash)."""
    from ui.app import resource_path

    lang = normalise(lang)
    files = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for candidate in (f"{qt_dir}/qtbase_{lang}.qm", str(resource_path(f"planner_{lang}.qm"))):
        if QTranslator().load(candidate):
            files.append(candidate)
    return files


def install(lang: str) -> str:
    """Make ``lang`` the language of every text translated from now on; returns 'da' or 'en'.

    Replaces the translators installed before (Qt then sends every widget a LanguageChange event) and
    sets the default QLocale, so spin boxes and dates follow too.
    """
    global _current
    app = QCoreApplication.instance()
    lang = normalise(lang)
    uninstall()
    if app is not None:
        for path in translation_files(lang):
            translator = QTranslator(app)
            if translator.load(path):
                app.installTranslator(translator)
                _translators.append(translator)
    QLocale.setDefault(locale_for(lang))
    _current = lang
    return lang


def uninstall() -> None:
    """Back to the source texts (Danish)."""
    global _current
    app = QCoreApplication.instance()
    while _translators:
        translator = _translators.pop()
        if app is not None:
            app.removeTranslator(translator)
        translator.deleteLater()
    _current = ""


def switch_language(window: MainWindow, lang: str) -> MainWindow:
    """Remember ``lang``, install it and rebuild ``window`` in it; returns the window now shown.

    Waits for a workbook being read to finish first (the switch then happens when it is done).
    """
    lang = normalise(lang)
    window.settings.set(LANGUAGE, lang)
    window.settings.sync()
    if lang == window.lang and lang == _current:
        return window
    if window.file.is_loading():
        window.file.load_finished.connect(lambda *_: switch_language(window, lang),
                                          Qt.ConnectionType.SingleShotConnection)
        return window
    with busy(window, f"{LANGUAGE_NAMES[lang]} …"):
        install(lang)
        return rebuild_window(window)


@contextmanager
def busy(window: QMainWindow, message: str) -> Iterator[None]:
    """A wait cursor and ``message`` painted in ``window``'s status bar for a blocking rebuild.

    Making the new window (its menus, table and findings; the charts follow on later event-loop turns)
    takes a noticeable moment with a big portfolio, so the user is shown at once that it is under way:
    the message is painted before the work starts (the old window stays on screen until the new one is
    shown) and the cursor is a wait cursor until it ends.
    The message names the chosen language in itself, so it reads right in either language."""
    from PySide6.QtWidgets import QApplication

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        bar = window.statusBar()
        bar.showMessage(message)
        bar.repaint()
        yield
    finally:
        QApplication.restoreOverrideCursor()


def rebuild_window(old: MainWindow) -> MainWindow:
    """A new MainWindow around ``old``'s document, in the language now installed; ``old`` is deleted."""
    from ui.main_window import MainWindow

    if old.presentation.active:
        old.presentation.leave()
    current_view = old.current_view_key()
    selected = old.table_panel.selected_initiative()
    panel = old.table_panel
    filters = (panel.search.text(), panel.area_filter.currentData(), panel.phase_filter.currentData())
    timeline = old.views.get("timeline")
    status_date = timeline.status_date() if hasattr(timeline, "status_date") else None
    visible, size, position, state = old.isVisible(), old.size(), old.pos(), old.windowState()
    old.save_state()

    # Built as at app start: the table in this turn, the charts and docks one per later turn
    # (ui.startup.build_in_steps), so a big portfolio does not hold the window for all of it at once.
    new = MainWindow(old.settings, document=old.document, defer=True)
    new.restoreGeometry(old.saveGeometry())
    if not state & (Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen):
        new.resize(size)  # restoreGeometry keeps a window inside the screen; the user's size wins
        new.move(position)
    new.show_view(old.remembered_view())
    new.show_view(current_view, remember=False)
    new.table_panel.set_search_text(filters[0])
    new.table_panel.set_area_filter(filters[1])
    new.table_panel.set_phase_filter(filters[2])
    if selected:
        new.table_panel.select_initiative(selected)
        new._table_selected(selected)
    if status_date is not None:
        _status_date_when_built(new, status_date)
    _hand_over_services(old, new)
    if visible:
        new.show()
        old.hide()
    old.deleteLater()
    from ui import startup

    startup.build_in_steps(new)
    return new


def _status_date_when_built(window: MainWindow, status_date: object) -> None:
    """Give the window's timeline the status date now, or when it is made."""

    def give(key: str = "timeline") -> bool:
        timeline = window.built_views().get("timeline")
        if key != "timeline" or not hasattr(timeline, "set_status_date"):
            return False
        timeline.set_status_date(status_date)
        return True

    if not give():
        def on_built(key: str) -> None:
            if give(key):
                window.chart_built.disconnect(on_built)

        window.chart_built.connect(on_built)


def _hand_over_services(old: MainWindow, new: MainWindow) -> None:
    """Point the crash handler and the recovery manager (set up by ``ui.app.main``) at the new window."""
    from ui import crash_handler
    from ui.recovery import RecoveryManager

    handler = crash_handler.current()
    if handler is not None and handler.window is old:
        handler.window = new
        crash_handler.add_log_folder_action(new)
    for manager in old.findChildren(RecoveryManager):
        old.removeEventFilter(manager)
        manager.setParent(new)
        manager.window = new
        new.installEventFilter(manager)
