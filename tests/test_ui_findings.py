"""The findings panel: errors and warnings listed, and a click leads to the initiative and its cell."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from planner.cells import CellRef
from planner.findings import Finding, Severity
from tests.ui_helpers import SAMPLE, make_window, open_and_wait, portfolio_with_cells, workbook_with_errors
from ui.findings_panel import FindingsPanel

needs_loader = pytest.mark.skipif(
    __import__("importlib").util.find_spec("planner.loader") is None, reason="planner.loader not there yet")


def _findings() -> list[Finding]:
    return [
        Finding(severity=Severity.WARNING, code="stated_total_mismatch", initiative_id="V2",
                where=CellRef(sheet="Initiativer", row=8, column=14),
                params={"id": "V2", "stated": "20.6", "sum": "20.5", "diff": "0.1"}),
        Finding(severity=Severity.ERROR, code="negative_amount", initiative_id="V1",
                where=CellRef(sheet="Initiativer", row=7, column=9),
                params={"id": "V1", "amount": "-3", "field": "2023"}),
        Finding(severity=Severity.INFO, code="rows_skipped", params={"count": "2"},
                where=CellRef(sheet="Initiativer")),
    ]


def test_errors_come_first_with_their_location_and_message(qtbot) -> None:
    panel = FindingsPanel(lang="da")
    qtbot.addWidget(panel)
    panel.set_findings(_findings())
    assert panel.count() == 3
    assert [panel.severity_text(r) for r in range(3)] == ["Fejl", "Advarsel", "Info"]
    assert panel.item_text(0).startswith("I7: V1: negativt beløb -3,0")
    assert panel.item_text(1).startswith("N8: V2: den angivne total 20,6")
    assert "1 fejl" in panel.title.text() and "1 advarsel" in panel.title.text()
    first, second = panel.tree.item(0), panel.tree.item(1)
    assert not first.icon().isNull()
    assert first.icon().cacheKey() != second.icon().cacheKey()
    assert first.foreground().color() != second.foreground().color()


def test_empty_findings_say_so(qtbot) -> None:
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    panel.set_findings([])
    assert panel.count() == 0
    assert "ingen" in panel.title.text()


def test_clicking_a_finding_shows_where_it_points(qtbot) -> None:
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    panel.set_findings(_findings())
    panel.show()
    item = panel.tree.item(0)
    rect = panel.tree.visualItemRect(item)
    with qtbot.waitSignal(panel.finding_activated) as blocker:
        qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args[0].code == "negative_amount"
    assert panel.status.text() == "Celle I7 i arket 'Initiativer'"


def test_clicking_a_finding_in_the_window_selects_the_initiative_and_its_cell(qtbot) -> None:
    window = make_window(qtbot)
    portfolio = portfolio_with_cells()
    target = portfolio.initiatives[3]
    target.stated_total = target.total + Decimal(5)
    portfolio.revalidate()
    window.document.replace(portfolio, "")
    panel = window.findings_panel
    row = next(r for r in range(panel.count()) if panel.findings()[r].initiative_id == target.id)
    panel.activate_row(row)
    assert window.table_panel.selected_initiative() == target.id
    current = window.table_panel.current_index()
    assert window.table_panel.model.column_key(current.column()) == "stated_total"
    timeline = window.views["timeline"]
    assert timeline.selected_initiative() == target.id
    ref = target.sources["stated_total"]
    assert window.statusBar().currentMessage() == f"Celle {ref.a1} i arket 'Initiativer'"


@needs_loader
def test_app_starts_on_a_workbook_with_errors_and_lists_them(qtbot, tmp_path) -> None:
    path = workbook_with_errors(tmp_path)
    window = make_window(qtbot)
    _, ok = open_and_wait(qtbot, window, path)
    assert ok
    assert window.last_error is None
    assert window.table_panel.model.rowCount() == 13
    codes = {f.code for f in window.findings_panel.findings()}
    assert {"negative_amount", "not_a_number"} <= codes
    errors = [f for f in window.findings_panel.findings() if f.severity == Severity.ERROR]
    assert errors and window.findings_panel.severity_text(0) == "Fejl"
    assert "fejl.xlsx" in window.windowTitle()


@needs_loader
def test_a_file_that_cannot_be_read_shows_a_clear_message_and_the_window_stays_usable(qtbot, tmp_path) -> None:
    window = make_window(qtbot)
    _, ok = open_and_wait(qtbot, window, SAMPLE)
    assert ok
    broken = tmp_path / "ødelagt.xlsx"
    broken.write_bytes(b"PK\x03\x04 this is no workbook")
    _, ok = open_and_wait(qtbot, window, broken)
    assert not ok
    assert window.last_error is not None
    _title, text = window.last_error
    assert "ødelagt.xlsx" in text and "Traceback" not in text
    assert window.document.path == str(SAMPLE.resolve())
    assert window.table_panel.model.rowCount() == 13
