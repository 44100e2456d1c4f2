"""Settings > Language (Dansk / English): switches every text and number format at once, no restart.

One call from the main window, :func:`install`, adds the Settings menu before Help. Choosing a
language stores it (``ui/language``) and rebuilds the window in it (:func:`ui.i18n.switch_language`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

from ui import i18n

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class LanguageMenu(QObject):
    """The Settings menu with one checkable action per language; the window's language is checked."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._win = window
        self.menu = QMenu(self.tr("&Indstillinger"), window)
        self.menu.setObjectName("settings_menu")
        self.language_menu = self.menu.addMenu(self.tr("&Sprog"))
        self.language_menu.setObjectName("language_menu")
        self.language_menu.setStatusTip(self.tr("Vælg sprog for menuer, tabeller og tal"))
        self.group = QActionGroup(self)
        self.group.setExclusive(True)
        self.actions: dict[str, QAction] = {}
        for lang in i18n.LANGUAGES:
            name = i18n.LANGUAGE_NAMES[lang]
            act = QAction(f"&{name}", window)
            act.setObjectName(f"language_{lang}")
            act.setCheckable(True)
            act.setChecked(lang == window.lang)
            act.setStatusTip(self.tr("Vælg sprog for menuer, tabeller og tal"))
            act.triggered.connect(lambda _checked=False, code=lang: self.choose(code))
            self.group.addAction(act)
            self.language_menu.addAction(act)
            self.actions[lang] = act

    def choose(self, lang: str) -> MainWindow:
        """Switch to ``lang``; returns the window now shown (a new one when the language changed)."""
        return i18n.switch_language(self._win, lang)


def install(window: MainWindow) -> LanguageMenu:
    """Add Settings > Language to ``window``'s menu bar, just before the Help menu (one call from MainWindow)."""
    languages = LanguageMenu(window)
    bar = window.menuBar()
    menus = [a for a in bar.actions() if a.menu() is not None]
    help_menu = menus[-1] if menus else None
    if help_menu is not None:
        bar.insertMenu(help_menu, languages.menu)
    else:
        bar.addMenu(languages.menu)
    return languages
