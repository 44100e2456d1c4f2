"""The View and Help menus: which chart is shown, fit all, presentation mode, user guide, about."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu

from ui.views import VIEW_KEYS, call

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class ViewActions(QObject):
    """Checkable actions for the three charts (Ctrl+1/2/3), fit all, presentation (F11) and about."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._win = window
        tr = self.tr
        self.group = QActionGroup(self)
        self.group.setExclusive(True)
        self.show: dict[str, QAction] = {}
        labels = {"timeline": tr("&Tidslinje"), "phases": tr("Efter &fase"), "budget": tr("&Budget")}
        tips = {"timeline": tr("Initiativerne over årene, farvet efter SUSI-fase"),
                "phases": tr("De fire SUSI-faser som baner med beløb pr. år"),
                "budget": tr("Bevillinger pr. år mod rammen")}
        for n, key in enumerate(VIEW_KEYS, start=1):
            act = QAction(labels[key], window)
            act.setCheckable(True)
            act.setShortcut(QKeySequence(f"Ctrl+{n}"))
            act.setStatusTip(tips[key])
            act.triggered.connect(lambda _checked=False, k=key: window.show_view(k))
            self.group.addAction(act)
            window.addAction(act)
            self.show[key] = act
        self.fit_all = QAction(tr("Tilpas &alt"), window)
        self.fit_all.setShortcut(QKeySequence("Ctrl+0"))
        self.fit_all.setStatusTip(tr("Vis alle år og initiativer"))
        self.fit_all.triggered.connect(lambda: call(window.current_view(), "fit_all"))
        window.addAction(self.fit_all)
        self.status_date = QAction(tr("&Statusdato …"), window)
        self.status_date.setStatusTip(tr("Vis en statusdato på tidslinjen, fx til en rapport"))
        self.status_date.triggered.connect(self.choose_status_date)
        window.addAction(self.status_date)
        self.presentation = QAction(tr("&Præsentation"), window)
        self.presentation.setCheckable(True)
        self.presentation.setShortcut(QKeySequence("F11"))
        self.presentation.setStatusTip(tr("Fuld skærm med tidslinjen og nøgletal; piletaster skifter område"))
        self.presentation.triggered.connect(lambda checked: window.presentation.toggle(bool(checked)))
        window.addAction(self.presentation)
        self.user_guide = QAction(tr("&Brugervejledning"), window)
        self.user_guide.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.user_guide.setStatusTip(tr("Læs vejledningen til programmet"))
        self.user_guide.triggered.connect(self.show_user_guide)
        window.addAction(self.user_guide)
        self.about = QAction(tr("&Om Portfolio Planner"), window)
        self.about.setMenuRole(QAction.MenuRole.AboutRole)
        self.about.triggered.connect(self.show_about)
        window.addAction(self.about)

    def fill_view_menu(self, menu: QMenu) -> None:
        for key in VIEW_KEYS:
            menu.addAction(self.show[key])
        menu.addSeparator()
        menu.addAction(self.fit_all)
        menu.addAction(self.status_date)
        menu.addSeparator()
        menu.addAction(self.presentation)

    def fill_help_menu(self, menu: QMenu) -> None:
        menu.addAction(self.user_guide)
        menu.addAction(self.about)

    def mark_view(self, key: str) -> None:
        if key in self.show:
            self.show[key].setChecked(True)

    def choose_status_date(self) -> None:
        timeline = self._win.views["timeline"]
        current = timeline.status_date() if hasattr(timeline, "status_date") else None
        answer = self._win.ask_status_date(current)
        if answer is not False:
            call(timeline, "set_status_date", answer)

    def show_user_guide(self) -> None:
        from ui.user_guide import show_user_guide

        show_user_guide(self._win)

    def show_about(self) -> None:
        from ui.about_dialog import show_about

        show_about(self._win)
