"""Scenarios: save the current figures under a name, switch to one, delete, compare two.

The list lives on the document (``Document.scenarios``, read from and written to the workbook's
"Scenarier" sheet). Switching computes ``planner.scenarios.restore`` and pushes it as one
:class:`ui.commands.ChangeSetCommand` on the document's undo stack, so Ctrl+Z brings the figures back;
a document without an undo stack gets the change set applied directly.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.amounts import ZERO, format_amount
from planner.edits import ChangeSet, apply
from planner.scenarios import Scenario, capture, restore
from ui.chart_text import chart_language

SUGGESTED_NAMES = ("Forslag", "Beslutning", "Udskyd V7")


def tr(text: str) -> str:
    return QCoreApplication.translate("ScenariosPanel", text)


def scenario_total(scenario: Scenario) -> Any:
    return sum((a for years in scenario.amounts.values() for a in years.values()), ZERO)


class ScenariosPanel(QWidget):
    """The document's scenarios as a list with save / switch / delete / compare.

    ``scenario_switched(name)`` fires after a switch was applied (pushed on the undo stack).
    """

    scenario_switched = Signal(str)

    def __init__(self, document: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(tr("Navn, fx Forslag"))
        self.name_edit.setClearButtonEnabled(True)
        self.save_button = QPushButton(tr("Gem nuværende tal"))
        self.save_button.setToolTip(tr("Gem de nuværende beløb som et scenarie med navnet til venstre"))
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([tr("Scenarie"), tr("Oprettet"), tr("I alt (mio. kr.)")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.switch_button = QPushButton(tr("Skift til"))
        self.switch_button.setToolTip(tr("Giv porteføljen scenariets tal (kan fortrydes med Ctrl+Z)"))
        self.delete_button = QPushButton(tr("Slet"))
        self.compare_button = QPushButton(tr("Sammenlign …"))
        self.compare_button.setToolTip(tr("Vælg to scenarier (eller ét og de nuværende tal)"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

        top = QHBoxLayout()
        top.addWidget(self.name_edit, 1)
        top.addWidget(self.save_button)
        buttons = QHBoxLayout()
        for b in (self.switch_button, self.delete_button, self.compare_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.setMinimumSize(320, 170)

        self.save_button.clicked.connect(lambda: self.save_current(self.name_edit.text()))
        self.name_edit.returnPressed.connect(lambda: self.save_current(self.name_edit.text()))
        self.switch_button.clicked.connect(self._switch_selected)
        self.delete_button.clicked.connect(self._delete_selected)
        self.compare_button.clicked.connect(self._compare_selected)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self._switch_selected())
        for name in ("scenarios_changed", "portfolio_replaced"):
            signal = getattr(document, name, None)
            if signal is not None:
                signal.connect(self.reload)
        self.reload()

    # -- the list -------------------------------------------------------------------------------------------
    def scenarios(self) -> list[Scenario]:
        return list(getattr(self.document, "scenarios", []))

    def names(self) -> list[str]:
        return [sc.name for sc in self.scenarios()]

    def _set(self, scenarios: list[Scenario]) -> None:
        setter = getattr(self.document, "set_scenarios", None)
        if callable(setter):
            setter(scenarios)
        else:
            self.document.scenarios = scenarios
            self.document.set_dirty(True)
        self.reload()

    def reload(self) -> None:
        """Show the document's scenarios (after load, save, add, delete)."""
        selected = set(self.selected_names())
        scenarios = self.scenarios()
        self.table.setRowCount(len(scenarios))
        for r, sc in enumerate(scenarios):
            lang = chart_language()
            created = sc.created.strftime("%d-%m-%Y %H:%M" if lang == "da" else "%Y-%m-%d %H:%M")
            cells = (sc.name, created, format_amount(scenario_total(sc), lang))
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if sc.note:
                    item.setToolTip(sc.note)
                self.table.setItem(r, c, item)
            if sc.name in selected:
                self.table.selectRow(r)
        error = getattr(self.document, "scenario_error", None)
        if error is not None:
            self.status.setText(tr("Scenarierne i projektmappen kan ikke læses: {reason}").format(
                reason=getattr(error, "line", lambda *_: str(error))()))
        elif not scenarios:
            self.status.setText(tr("Ingen scenarier endnu. Skriv et navn (fx {names}) og gem de nuværende tal.")
                                .format(names=", ".join(SUGGESTED_NAMES)))
        self._update_buttons()

    def selected_names(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        names = self.names()
        return [names[r] for r in rows if r < len(names)]

    def select(self, *names: str) -> None:
        self.table.clearSelection()
        mode = self.table.selectionMode()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for r, name in enumerate(self.names()):
            if name in names:
                self.table.selectRow(r)
        self.table.setSelectionMode(mode)

    def _update_buttons(self) -> None:
        n = len(self.selected_names())
        self.switch_button.setEnabled(n == 1)
        self.delete_button.setEnabled(n >= 1)
        self.compare_button.setEnabled(n in (1, 2))

    # -- actions ---------------------------------------------------------------------------------------------
    def save_current(self, name: str) -> Scenario | None:
        """Capture the current figures as ``name`` (an existing scenario of that name is replaced)."""
        name = " ".join(name.split())
        if not name:
            self.status.setText(tr("Skriv et navn til scenariet først."))
            self.name_edit.setFocus()
            return None
        scenario = capture(self.document.portfolio, name)
        scenarios = self.scenarios()
        replaced = any(sc.name == name for sc in scenarios)
        scenarios = [scenario if sc.name == name else sc for sc in scenarios]
        if not replaced:
            scenarios.append(scenario)
        self._set(scenarios)
        self.name_edit.clear()
        self.select(name)
        self.status.setText((tr("Scenariet {name} er opdateret med de nuværende tal.") if replaced
                             else tr("Gemt som scenariet {name}.")).format(name=name))
        return scenario

    def switch_to(self, name: str) -> ChangeSet | None:
        """Give the portfolio the figures of scenario ``name`` as one undoable step."""
        scenario = next((sc for sc in self.scenarios() if sc.name == name), None)
        if scenario is None:
            return None
        changes = restore(self.document.portfolio, scenario)
        if not changes:
            self.status.setText(tr("De nuværende tal er allerede scenariet {name}.").format(name=name))
            return changes
        text = tr("Skift til scenariet {name}").format(name=name)
        stack = getattr(self.document, "undo_stack", None)
        if stack is not None:
            from ui.commands import ChangeSetCommand

            stack.push(ChangeSetCommand(self.document, changes, text))
        else:
            apply(self.document.portfolio, changes)
            self.document.mark_changed()
        cells = len(changes)
        self.status.setText(tr("Skiftede til {name}: {cells} beløb ændret (Ctrl+Z fortryder).")
                            .format(name=name, cells=cells))
        self.scenario_switched.emit(name)
        return changes

    def delete(self, names: list[str]) -> None:
        gone = set(names)
        self._set([sc for sc in self.scenarios() if sc.name not in gone])
        self.status.setText(tr("Slettet: {names}.").format(names=", ".join(names)))

    def compare_dialog(self, a: str | None, b: str | None) -> QWidget:
        """The compare dialog for scenarios ``a`` and ``b`` (None = the current figures), not yet shown."""
        from ui.scenario_compare import ScenarioCompareDialog

        return ScenarioCompareDialog(self.document.portfolio, self.scenarios(),
                                     getattr(self.document, "baseline", None), a, b, self)

    def _switch_selected(self) -> None:
        names = self.selected_names()
        if len(names) == 1:
            self.switch_to(names[0])

    def _delete_selected(self) -> None:
        names = self.selected_names()
        if names:
            self.delete(names)

    def _compare_selected(self) -> None:
        names = self.selected_names()
        if not names:
            return
        dialog = self.compare_dialog(names[0], names[1] if len(names) > 1 else None)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
