"""The Edit and Operations menus: undo/redo with readable names, history, re-balancing, locks, baseline.

``install(window)`` adds everything to a MainWindow in one call: the menus, the "changes against
baseline" and "cost breakdown" toggles in the View menu, the amount editor and undo target of the table,
the totals rows under it and the undo-history dock. Every operation computes a ChangeSet with
planner.rebalance / planner.scenarios and pushes one command (ui.commands) on the document's undo stack,
so an operation is one undo step. A refused operation (RebalanceError) is shown as a message and
changes nothing. ``ask_*`` methods open the parameter dialogs; tests replace them.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand
from PySide6.QtWidgets import QDockWidget, QMenu, QUndoView

from planner.edits import ChangeSet
from planner.model import Initiative
from planner.rebalance import (
    RebalanceError,
    fit_to_frame,
    move_amount,
    set_total,
    spread_by_profile,
    spread_evenly,
)
from planner.scenarios import restore
from ui import operation_dialogs
from ui.amount_delegate import AmountDelegate
from ui.commands import ChangeSetCommand, LockCommand
from ui.totals_bar import TotalsBar
from ui.totals_model import TotalsModel

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class EditActions(QObject):
    """Owns the Edit/Operations actions of one window and runs them against its document."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._win = window
        self.document = window.document
        self.lang = window.lang
        self.stack = window.document.undo_stack
        tr = self.tr

        def action(text: str, slot: Callable[[], object], tip: str = "", shortcut: str | None = None) -> QAction:
            act = QAction(text, window)
            act.setStatusTip(tip)
            if shortcut:
                act.setShortcut(QKeySequence(shortcut))
            act.triggered.connect(lambda _checked=False: slot())
            window.addAction(act)
            return act

        self.undo = self.stack.createUndoAction(window, tr("&Fortryd"))
        self.undo.setShortcuts([QKeySequence("Ctrl+Z")])
        self.redo = self.stack.createRedoAction(window, tr("&Gentag"))
        self.redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for act in (self.undo, self.redo):
            window.addAction(act)
        self.history_view = QUndoView(self.stack)
        self.history_view.setEmptyLabel(tr("Som indlæst"))
        self.history_view.setAccessibleName(tr("Fortrydelseshistorik"))
        self.history_dock = QDockWidget(tr("Historik"), window)
        self.history_dock.setObjectName("undo_history_dock")
        self.history_dock.setWidget(self.history_view)
        self.history_view.setMinimumWidth(240)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.history_dock)
        self.history_dock.hide()
        self.history = self.history_dock.toggleViewAction()
        self.history.setText(tr("Fortrydelses&historik"))
        self.history.setShortcut(QKeySequence("Ctrl+H"))
        self.history.setStatusTip(tr("Vis alle ændringer; klik på et trin for at gå tilbage til det"))
        window.addAction(self.history)

        self.fit_all = action(tr("Tilpas til &rammen (alle år)"), self.fit_all_years,
                              tr("Skalér de ulåste beløb, så bevillingerne rammer rammen præcist"), "Ctrl+Shift+F")
        self.fit_year = action(tr("Tilpas &valgt år til rammen …"), self.fit_selected_year,
                               tr("Skalér de ulåste beløb i ét år, så året rammer sin ramme"))
        self.move = action(tr("&Flyt beløb …"), self.move_selected,
                           tr("Flyt et beløb for det valgte initiativ fra ét år til et andet"))
        self.spread = action(tr("Fordel &jævnt"), self.spread_selected,
                             tr("Fordel det valgte initiativs total jævnt over dets år"))
        self.profile = action(tr("Fordel efter &profil af …"), self.profile_selected,
                              tr("Fordel det valgte initiativs total som et andet initiativs år"))
        self.total = action(tr("Sæt &total …"), self.total_selected,
                            tr("Ændr det valgte initiativs total; årene følger med"))
        self.lock_initiative = action(tr("&Lås initiativ"), self.toggle_initiative_lock,
                                      tr("Låste beløb ændres aldrig af operationer"), "Ctrl+L")
        self.lock_initiative.setCheckable(True)
        self.lock_cell = action(tr("Lås &år for initiativ"), self.toggle_cell_lock,
                                tr("Lås den valgte celle (initiativ og år)"), "Ctrl+Shift+L")
        self.lock_cell.setCheckable(True)
        self.reset_one = action(tr("&Nulstil initiativ til basis"), self.reset_selected,
                                tr("Giv det valgte initiativ tallene som indlæst igen"))
        self.reset_all = action(tr("Nulstil &alt til basis"), self.reset_everything,
                                tr("Giv alle initiativer tallene som indlæst igen"))
        self.show_changes = action(tr("Vis æn&dringer mod basis"), self._toggle_changes,
                                   tr("Δ-kolonne og markering af celler, der afviger fra tallene som indlæst"))
        self.show_changes.setCheckable(True)
        self.show_costs = action(tr("Vis &omkostningsfordeling"), self._toggle_costs,
                                 tr("Kolonner med omkostningsfordelingen (kan redigeres)"))
        self.show_costs.setCheckable(True)

    # -- menus ----------------------------------------------------------------------------------------
    def fill_edit_menu(self, menu: QMenu) -> None:
        menu.addAction(self.undo)
        menu.addAction(self.redo)
        menu.addSeparator()
        menu.addAction(self.history)

    def fill_operations_menu(self, menu: QMenu) -> None:
        menu.addAction(self.fit_all)
        menu.addAction(self.fit_year)
        menu.addSeparator()
        for act in (self.move, self.spread, self.profile, self.total):
            menu.addAction(act)
        menu.addSeparator()
        menu.addAction(self.lock_initiative)
        menu.addAction(self.lock_cell)
        menu.addSeparator()
        menu.addAction(self.reset_one)
        menu.addAction(self.reset_all)
        menu.aboutToShow.connect(self.update_actions)

    def fill_view_menu(self, menu: QMenu) -> None:
        menu.addSeparator()
        menu.addAction(self.show_changes)
        menu.addAction(self.show_costs)

    # -- what is selected ----------------------------------------------------------------------------
    def selected(self) -> Initiative | None:
        ini_id = self._win.table_panel.selected_initiative()
        return self.document.portfolio.get(ini_id) if ini_id else None

    def current_year(self) -> int | None:
        """The year of the table's current column, when it is a year column."""
        panel = self._win.table_panel
        key = panel.model.column_key(panel.table.currentIndex().column())
        return int(key[5:]) if key.startswith("year:") else None

    def years(self) -> list[int]:
        return self.document.portfolio.years or self.document.portfolio.all_years()

    def update_actions(self) -> None:
        ini = self.selected()
        year = self.current_year()
        for act in (self.move, self.spread, self.profile, self.total, self.lock_initiative, self.reset_one):
            act.setEnabled(ini is not None)
        self.lock_cell.setEnabled(ini is not None and year is not None)
        self.lock_initiative.setChecked(bool(ini and ini.locked))
        self.lock_cell.setChecked(bool(ini and year is not None and year in ini.locked_years))
        if ini is not None and year is not None:
            self.lock_cell.setText(self.tr("Lås &år {year} for {id}").format(year=year, id=ini.id))
        else:
            self.lock_cell.setText(self.tr("Lås &år for initiativ"))
        has_frame = self.document.portfolio.frame.effective_total() is not None
        self.fit_all.setEnabled(has_frame)
        self.fit_year.setEnabled(bool(self.document.portfolio.frame.by_year))

    # -- dialogs (tests replace these) ---------------------------------------------------------------
    def ask_fit_year(self, years: list[int], current: int | None) -> int | None:
        return operation_dialogs.ask_fit_year(years, current, self.lang, self._win)

    def ask_move(self, ini: Initiative) -> tuple[int, int, Decimal] | None:
        return operation_dialogs.ask_move(ini, self.years(), self.current_year(), self.lang, self._win)

    def ask_profile(self, ini: Initiative) -> str | None:
        others = [o for o in self.document.portfolio.initiatives if o.id != ini.id]
        return operation_dialogs.ask_profile(ini, others, self.lang, self._win)

    def ask_total(self, ini: Initiative) -> Decimal | None:
        return operation_dialogs.ask_total(ini, self.lang, self._win)

    # -- running ---------------------------------------------------------------------------------------
    def run(self, compute: Callable[[], ChangeSet], text: str = "") -> bool:
        """Compute a ChangeSet and push it as one undo step; a refusal is shown and changes nothing."""
        try:
            changes = compute()
        except RebalanceError as err:
            self._win.show_error(self.tr("Operationen kan ikke udføres"), err.message(self.lang))
            return False
        if not changes:
            self._win.statusBar().showMessage(self.tr("Intet at ændre: tallene er allerede sådan."), 5000)
            return False
        self.push(ChangeSetCommand(self.document, changes, text, self.lang))
        return True

    def push(self, command: QUndoCommand) -> None:
        self.stack.push(command)
        self._win.statusBar().showMessage(command.text(), 4000)

    def _need_selection(self) -> Initiative | None:
        ini = self.selected()
        if ini is None:
            self._win.statusBar().showMessage(self.tr("Vælg et initiativ i tabellen først."), 5000)
        return ini

    def fit_all_years(self) -> bool:
        return self.run(lambda: fit_to_frame(self.document.portfolio))

    def fit_selected_year(self, year: int | None = None) -> bool:
        framed = sorted(self.document.portfolio.frame.by_year)
        if year is None:
            if not framed:
                self._win.show_error(self.tr("Operationen kan ikke udføres"), self.tr(
                    "Porteføljen har ingen ramme pr. år. Brug Tilpas til rammen (alle år) for den samlede ramme."))
                return False
            year = self.ask_fit_year(framed, self.current_year())
            if year is None:
                return False
        chosen = year
        return self.run(lambda: fit_to_frame(self.document.portfolio, chosen))

    def move_selected(self) -> bool:
        ini = self._need_selection()
        answer = self.ask_move(ini) if ini else None
        if ini is None or answer is None:
            return False
        from_year, to_year, amount = answer
        return self.run(lambda: move_amount(self.document.portfolio, ini.id, from_year, to_year, amount))

    def spread_selected(self) -> bool:
        ini = self._need_selection()
        return bool(ini) and self.run(lambda: spread_evenly(self.document.portfolio, ini.id))  # type: ignore[union-attr]

    def profile_selected(self) -> bool:
        ini = self._need_selection()
        profile = self.ask_profile(ini) if ini else None
        if ini is None or profile is None:
            return False
        return self.run(lambda: spread_by_profile(self.document.portfolio, ini.id, profile))

    def total_selected(self) -> bool:
        ini = self._need_selection()
        total = self.ask_total(ini) if ini else None
        if ini is None or total is None:
            return False
        return self.run(lambda: set_total(self.document.portfolio, ini.id, total))

    def reset_selected(self) -> bool:
        ini = self._need_selection()
        if ini is None:
            return False
        text = self.tr("Nulstil {id} til basis").format(id=ini.id)
        return self.run(lambda: restore(self.document.portfolio, self.document.baseline, ids=[ini.id],
                                        respect_locks=True), text)

    def reset_everything(self) -> bool:
        return self.run(lambda: restore(self.document.portfolio, self.document.baseline, respect_locks=True),
                        self.tr("Nulstil alt til basis"))

    def toggle_initiative_lock(self) -> bool:
        ini = self._need_selection()
        if ini is None:
            return False
        locked = not ini.locked
        text = (self.tr("Lås {id}") if locked else self.tr("Lås {id} op")).format(id=ini.id)
        self.push(LockCommand(self.document, ini.id, None, locked, text))
        self.update_actions()
        return True

    def toggle_cell_lock(self) -> bool:
        ini = self._need_selection()
        year = self.current_year()
        if ini is None or year is None:
            if ini is not None:
                self._win.statusBar().showMessage(self.tr("Vælg en års-celle i tabellen først."), 5000)
            return False
        locked = year not in ini.locked_years
        text = (self.tr("Lås {id} {year}") if locked else self.tr("Lås {id} {year} op")).format(id=ini.id, year=year)
        self.push(LockCommand(self.document, ini.id, year, locked, text))
        self.update_actions()
        return True

    def _toggle_changes(self) -> None:
        self._win.table_panel.model.set_show_changes(self.show_changes.isChecked())
        self._size_new_columns()

    def _toggle_costs(self) -> None:
        self._win.table_panel.model.set_show_costs(self.show_costs.isChecked())
        self._size_new_columns()

    def _size_new_columns(self) -> None:
        panel = self._win.table_panel
        keys = [panel.model.column_key(col) for col in range(panel.model.columnCount())]
        panel.fit_columns([col for col, key in enumerate(keys) if key == "delta" or key.startswith("cost:")])


def _view_menu(window: MainWindow) -> QMenu | None:
    for act in window.menuBar().actions():
        menu = act.menu()
        if isinstance(menu, QMenu) and window.view.fit_all in menu.actions():
            return menu
    return None


def install(window: MainWindow) -> EditActions:
    """Add editing, operations, undo and totals to the window (one call from MainWindow.__init__)."""
    edit = EditActions(window)
    bar = window.menuBar()
    menus = [a for a in bar.actions() if a.menu() is not None]
    before = menus[1] if len(menus) > 1 else None
    edit_menu = QMenu(edit.tr("&Rediger"), window)
    ops_menu = QMenu(edit.tr("&Operationer"), window)
    edit.fill_edit_menu(edit_menu)
    edit.fill_operations_menu(ops_menu)
    if before is not None:
        bar.insertMenu(before, edit_menu)
        bar.insertMenu(before, ops_menu)
    else:
        bar.addMenu(edit_menu)
        bar.addMenu(ops_menu)
    view_menu = _view_menu(window)
    if view_menu is not None:
        edit.fill_view_menu(view_menu)
    edit.edit_menu, edit.operations_menu = edit_menu, ops_menu

    panel = window.table_panel
    panel.model.set_edit_target(window.document)
    edit.delegate = AmountDelegate(window.lang, panel.table)
    edit.delegate.refused.connect(lambda reason: window.statusBar().showMessage(reason, 8000))
    panel.table.setItemDelegate(edit.delegate)
    edit.totals_model = TotalsModel(panel.model, window.lang, panel)
    edit.totals_bar = TotalsBar(panel.table, edit.totals_model)
    stack_index = panel.layout().indexOf(panel.stack)
    panel.layout().insertWidget(stack_index + 1, edit.totals_bar)
    window.document.changed.connect(edit.totals_model.refresh)
    window.document.changed.connect(edit.update_actions)
    window.document.portfolio_replaced.connect(edit.update_actions)
    window.document.portfolio_replaced.connect(
        lambda: edit.totals_bar.setVisible(bool(window.document.portfolio.initiatives)))
    edit.totals_bar.setVisible(bool(window.document.portfolio.initiatives))
    panel.table.selectionModel().currentChanged.connect(lambda *_: edit.update_actions())
    panel.initiative_selected.connect(lambda _id: edit.update_actions())
    edit.update_actions()
    return edit
