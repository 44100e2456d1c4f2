"""Scenarios in the window: save the figures under a name, switch (one undo step), delete, compare, and the
scenarios travel with the workbook through the window's own save and open."""

from __future__ import annotations

from decimal import Decimal

import pytest
from chart_fixtures import coded_sample
from pytestqt.qtbot import QtBot

from planner.amounts import format_amount
from planner.edits import edit_cell
from planner.scenarios import compare, read_scenarios
from tests.ui_helpers import make_window, sample_copy
from ui.document import Document
from ui.rebalance_charts import RebalanceCharts
from ui.scenario_compare import ScenarioCompareDialog
from ui.scenarios_panel import ScenariosPanel


@pytest.fixture
def document() -> Document:
    doc = Document()
    doc.replace(coded_sample(), "")
    return doc


@pytest.fixture
def panel(qtbot: QtBot, document: Document) -> ScenariosPanel:
    p = ScenariosPanel(document)
    qtbot.addWidget(p)
    p.resize(460, 260)
    p.show()
    return p


def figures(doc: Document) -> dict[str, dict[int, Decimal]]:
    return {i.id: dict(i.amounts) for i in doc.portfolio.initiatives}


def change(doc: Document, ini_id: str, year: int, value: str) -> None:
    """An edit the way the table makes one: a ChangeSet pushed on the document's undo stack."""
    from ui.commands import ChangeSetCommand

    doc.undo_stack.push(ChangeSetCommand(doc, edit_cell(doc.portfolio, ini_id, year, value), "edit"))


def test_save_lists_the_scenario_and_marks_the_document_unsaved(qtbot: QtBot, panel: ScenariosPanel,
                                                                document: Document) -> None:
    qtbot.keyClicks(panel.name_edit, "Forslag")
    panel.save_button.click()
    assert panel.names() == ["Forslag"]
    assert panel.table.item(0, 0).text() == "Forslag"
    assert panel.table.item(0, 2).text() == format_amount(document.portfolio.total())
    assert document.dirty
    assert document.scenarios[0].amounts == figures(document)
    assert panel.name_edit.text() == ""


def test_saving_under_an_existing_name_replaces_it(panel: ScenariosPanel, document: Document) -> None:
    panel.save_current("Forslag")
    change(document, "V7", 2024, "9")
    panel.save_current("Forslag")
    assert panel.names() == ["Forslag"]
    assert document.scenarios[0].amounts["V7"][2024] == Decimal(9)
    assert "opdateret" in panel.status.text()


def test_a_name_is_required(panel: ScenariosPanel) -> None:
    assert panel.save_current("   ") is None
    assert panel.names() == []
    assert "navn" in panel.status.text()


def test_switching_is_one_undoable_step(panel: ScenariosPanel, document: Document) -> None:
    panel.save_current("Forslag")
    proposal = figures(document)
    change(document, "V7", 2024, "9")
    change(document, "B3", 2027, "0")
    edited = figures(document)
    depth = document.undo_stack.count()
    panel.select("Forslag")
    panel.switch_button.click()
    assert figures(document) == proposal
    assert document.undo_stack.count() == depth + 1
    assert "Forslag" in document.undo_stack.undoText()
    document.undo_stack.undo()
    assert figures(document) == edited
    document.undo_stack.redo()
    assert figures(document) == proposal


def test_switching_updates_the_charts(qtbot: QtBot, panel: ScenariosPanel, document: Document) -> None:
    charts = RebalanceCharts(document.portfolio)
    qtbot.addWidget(charts)
    document.amounts_changed.connect(lambda cs: charts.refresh(cs.ids))
    panel.save_current("Udskyd V7")
    change(document, "V7", 2024, "0")
    assert charts.stack_data()["V7"][2024] == 0.0
    panel.switch_to("Udskyd V7")
    assert charts.stack_data()["V7"][2024] == pytest.approx(float(document.portfolio.get("V7").amount(2024)))
    assert charts.stack_data()["V7"][2024] > 0


def test_switching_to_the_current_figures_changes_nothing(panel: ScenariosPanel, document: Document) -> None:
    panel.save_current("Forslag")
    depth = document.undo_stack.count()
    assert not panel.switch_to("Forslag")
    assert document.undo_stack.count() == depth
    assert "allerede" in panel.status.text()


def test_delete(panel: ScenariosPanel) -> None:
    for name in ("Forslag", "Beslutning", "Udskyd V7"):
        panel.save_current(name)
    panel.select("Beslutning")
    panel.delete_button.click()
    assert panel.names() == ["Forslag", "Udskyd V7"]


def test_buttons_follow_the_selection(panel: ScenariosPanel) -> None:
    panel.save_current("Forslag")
    panel.save_current("Beslutning")
    panel.table.clearSelection()
    assert not panel.switch_button.isEnabled() and not panel.compare_button.isEnabled()
    panel.select("Forslag", "Beslutning")
    assert panel.compare_button.isEnabled() and not panel.switch_button.isEnabled()


def test_compare_two_scenarios_side_by_side(qtbot: QtBot, panel: ScenariosPanel, document: Document) -> None:
    a = panel.save_current("Forslag")
    change(document, "V7", 2024, "0")
    change(document, "V7", 2027, "2,2")
    change(document, "B6", 2023, "1")
    b = panel.save_current("Udskyd V7")
    dialog = panel.compare_dialog("Forslag", "Udskyd V7")
    qtbot.addWidget(dialog)
    assert dialog.differences() == compare(a, b)
    assert [(d.initiative_id, d.year) for d in dialog.differences()] == [("V7", 2024), ("V7", 2027), ("B6", 2023)]
    model = dialog.model
    assert [model.index(0, c).data() for c in range(6)] == ["V7", a and document.portfolio.get("V7").name,
                                                             "2024", "2,2", "0,0", "-2,2"]
    assert model.headerData(3, __import__("PySide6.QtCore", fromlist=["Qt"]).Qt.Orientation.Horizontal) == \
        "A: Forslag"
    shown = dialog.year_totals_shown()
    assert shown["a"][2024] == pytest.approx(sum(float(y.get(2024, 0)) for y in a.amounts.values()))
    assert shown["b"][2027] == pytest.approx(sum(float(y.get(2027, 0)) for y in b.amounts.values()))
    assert "3 beløb i 2 initiativer" in dialog.summary.text()
    dialog.choose("Udskyd V7", "Udskyd V7")
    assert dialog.differences() == []
    assert "Ingen forskelle" in dialog.summary.text()


def test_compare_with_the_current_figures_and_the_baseline(qtbot: QtBot, panel: ScenariosPanel,
                                                           document: Document) -> None:
    panel.save_current("Forslag")
    change(document, "B1", 2025, "3")
    dialog = panel.compare_dialog("Forslag", None)
    qtbot.addWidget(dialog)
    assert [(d.initiative_id, d.year, d.b) for d in dialog.differences()] == [("B1", 2025, Decimal(3))]
    dialog.choose("Basis (som indlæst)", "Nuværende tal")
    assert [(d.initiative_id, d.year) for d in dialog.differences()] == [("B1", 2025)]


def test_compare_dialog_renders(qtbot: QtBot, document: Document) -> None:
    dialog = ScenarioCompareDialog(document.portfolio, [], document.baseline)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.grab().toImage().isNull()


# -- through the window -------------------------------------------------------------------------------------
def opened(qtbot: QtBot, path) -> object:
    """A window showing the workbook at ``path``, read in this thread (Document.load: the same reading and
    the same portfolio_replaced path as the background job, without its progress dialog)."""
    window = make_window(qtbot)
    window.document.load(str(path))
    return window


def test_scenarios_survive_save_and_open_through_the_window(qtbot: QtBot, tmp_path) -> None:
    path = sample_copy(tmp_path)
    window = opened(qtbot, path)
    installed = window.rebalance
    assert isinstance(installed.charts, RebalanceCharts)
    panel = installed.scenarios
    panel.save_current("Forslag")
    first = window.document.portfolio.initiatives[0]
    year = min(first.amounts)
    change(window.document, first.id, year, str(first.amount(year) + 1))
    panel.save_current("Beslutning")
    expected = [(sc.name, sc.amounts) for sc in window.document.scenarios]
    assert window.file.save_document()
    assert [sc.name for sc in read_scenarios(path)] == ["Forslag", "Beslutning"]

    again = opened(qtbot, path)
    assert [(sc.name, sc.amounts) for sc in again.document.scenarios] == expected
    assert again.rebalance.scenarios.names() == ["Forslag", "Beslutning"]
    again.rebalance.scenarios.switch_to("Forslag")
    assert again.document.portfolio.get(first.id).amount(year) == first.amount(year) - 1
    assert again.document.dirty


def test_the_window_charts_follow_an_edit(qtbot: QtBot, tmp_path) -> None:
    window = opened(qtbot, sample_copy(tmp_path))
    charts = window.rebalance.charts
    ini = window.document.portfolio.initiatives[2]
    year = min(ini.amounts)
    change(window.document, ini.id, year, "7,7")
    assert charts.stack_data()[ini.id][year] == pytest.approx(7.7)
    window.document.undo_stack.undo()
    assert charts.stack_data()[ini.id][year] == pytest.approx(float(ini.amount(year)))
    table = window.table_panel
    table.table.selectRow(table.proxy.proxy_row_of(ini.id))  # as a click on the row would
    qtbot.waitUntil(lambda: charts.profile_data()["id"] == ini.id, timeout=2000)


def test_a_damaged_scenario_sheet_does_not_stop_the_workbook_from_opening(qtbot: QtBot, tmp_path) -> None:
    from openpyxl import load_workbook

    path = sample_copy(tmp_path)
    wb = load_workbook(path)
    ws = wb.create_sheet("Scenarier")
    ws.append(["Scenarie", "Oprettet", "Type", "Id", "År", "Beløb (mio. kr.)", "Note"])
    ws.append(["Forslag", "2024-01-01 10:00:00", "Beløb", "V1", "tyve", 1, None])
    wb.save(path)
    window = opened(qtbot, path)
    assert window.document.scenarios == []
    assert "kan ikke læses" in window.rebalance.scenarios.status.text()
    change(window.document, "V1", 2023, "1")
    assert window.file.save_document()
    kept = load_workbook(path)["Scenarier"]
    assert kept.cell(row=2, column=5).value == "tyve"


def test_presentation_mode_hides_the_docks(qtbot: QtBot, tmp_path) -> None:
    window = opened(qtbot, sample_copy(tmp_path))
    docks = (window.rebalance.charts_dock, window.rebalance.scenarios_dock)
    assert all(d.isVisible() for d in docks)
    window.view.presentation.trigger()
    assert not any(d.isVisible() for d in docks)
    window.presentation.leave()
    assert all(d.isVisible() for d in docks)


def test_a_window_rebuilt_around_the_document_keeps_charts_and_scenarios(qtbot: QtBot, tmp_path) -> None:
    from ui.i18n import rebuild_window

    window = opened(qtbot, sample_copy(tmp_path))
    window.rebalance.scenarios.save_current("Forslag")
    new = rebuild_window(window)
    qtbot.addWidget(new)
    new.ask_save_changes = lambda: __import__("ui.file_actions", fromlist=["x"]).SaveChoice.DISCARD
    assert new.rebalance.scenarios.names() == ["Forslag"]
    change(new.document, "V1", 2024, "9,9")
    assert new.rebalance.charts.stack_data()["V1"][2024] == pytest.approx(9.9)
