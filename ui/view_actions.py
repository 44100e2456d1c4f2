"""The View and Help menus: which chart is shown, fit all, presentation mode, about."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox

from planner import __version__
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

    def show_about(self) -> None:
        box = QMessageBox(self._win)
        box.setWindowTitle(self.tr("Om Portfolio Planner"))
        box.setIconPixmap(self._win.windowIcon().pixmap(64, 64))
        box.setText(self.tr("<b>Portfolio Planner</b> {version}").format(version=__version__))
        box.setInformativeText(self.tr(
            "Planlægning af sociale udviklingsprogrammer: initiativer på SUSI-trappen (Screening, Modning, "
            "Afprøvning, Udbredelse), beløb pr. år og rammen – direkte fra Excel-projektmapper."))
        box.open()
