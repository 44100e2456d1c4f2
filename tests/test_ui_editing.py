"""Editing in the window: typed amounts, operations as single undo steps, locks, totals, Δ and baseline.

Acts like a user (typing into a cell, triggering menu actions) and checks what the user would see
against the model: exact Decimals, the undo menu's names, the totals rows, the red remaining cell.
"""

from __future__ import annotations

import random
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from planner.model import CostCategory, Frame, Portfolio, amount_key, cost_key
from planner.rebalance import describe, fit_to_frame
from planner.synthetic import make_portfolio
from tests.ui_helpers import make_window
from ui.amount_delegate import AmountEditor, read_amount
from ui.commands import ChangeSetCommand, LockCommand
from ui.document import Document
from ui.initiatives_model import AMOUNT_ROLE, CHANGED_ROLE, LOCKED_ROLE, InitiativesModel
from ui.main_window import MainWindow
from ui.operation_dialogs import OperationDialog
from ui.totals_bar import TEXT_KEYS
from ui.totals_model import ALLOCATED, FRAME, OVER_ROLE, REMAINING, TotalsModel

YEARS = (2023, 2024, 2025, 2026, 2027)


def figures(p: Portfolio) -> dict[str, dict[int, str]]:
    """Amounts as exact text: Decimal('12.70') and Decimal('12.7') differ here, as they must."""
    return {ini.id: {y: repr(a) for y, a in sorted(ini.amounts.items())} for ini in p.initiatives}


def locks(p: Portfolio) -> dict[str, tuple[bool, tuple[int, ...]]]:
    return {ini.id: (ini.locked, tuple(sorted(ini.locked_years))) for ini in p.initiatives}


def framed_portfolio(n: int = 8, seed: int = 2) -> Portfolio:
    """A synthetic portfolio with a frame per year somewhat below what is allocated."""
    p = make_portfolio(n, seed=seed)
    totals = p.totals_by_year()
    p.frame = Frame(by_year={y: (totals[y] * Decimal("0.9")).quantize(Decimal("0.1")) for y in YEARS})
    p.revalidate()
    return p


@pytest.fixture
def window(qtbot) -> MainWindow:
    win = make_window(qtbot)
    win.resize(1400, 860)
    win.show_error = lambda title, text: setattr(win, "last_error", (title, text))  # type: ignore[method-assign]
    win.document.replace(framed_portfolio(), "")
    return win


def _cell(window: MainWindow, ini_id: str, key: str):
    panel = window.table_panel
    return panel.proxy.index(panel.proxy.proxy_row_of(ini_id), panel.model.column_of(key))


def _type_into(qtbot, window: MainWindow, ini_id: str, key: str, text: str) -> AmountEditor:
    table = window.table_panel.table
    index = _cell(window, ini_id, key)
    table.setCurrentIndex(index)
    table.edit(index)
    editors = [e for e in table.findChildren(AmountEditor) if e.isVisible()]
    assert len(editors) == 1
    editor = editors[0]
    editor.selectAll()
    if text:
        qtbot.keyClicks(editor, text)
    else:
        qtbot.keyClick(editor, Qt.Key.Key_Delete)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.wait(1)  # the delegate commits on the next event-loop turn
    return editor


# -- typing amounts ----------------------------------------------------------------------------------
@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "2,5", "2.5"), ("en", "2.5", "2.5"), ("en", "2 500", "2500"),
    ("da", "2,5", "2.5"), ("da", "2.5", "2.5"), ("da", "2 500", "2500"), ("da", "1.250", "1250"),
    ("en", "1,250", "1250"),
])
def test_typing_an_amount_sets_the_exact_decimal(qtbot, monkeypatch, lang, text, expected) -> None:
    monkeypatch.setenv("PLANNER_LANG", lang)
    win = make_window(qtbot)
    win.document.replace(framed_portfolio(), "")
    _type_into(qtbot, win, "V1", "year:2024", text)
    ini = win.document.portfolio.get("V1")
    assert ini is not None
    assert repr(ini.amounts[2024]) == repr(Decimal(expected))
    assert win.document.undo_stack.count() == 1
    assert win.isWindowModified()


def test_danish_and_english_read_a_three_digit_group_differently() -> None:
    assert read_amount("1.250", "da") == (Decimal(1250), "")
    assert read_amount("1,250", "en") == (Decimal(1250), "")
    assert read_amount("1.2", "en") == (Decimal("1.2"), "")
    assert read_amount("", "da") == (None, "")


def test_text_that_is_no_amount_is_refused_in_the_cell_with_a_reason(qtbot, window) -> None:
    before = figures(window.document.portfolio)
    editor = _type_into(qtbot, window, "V1", "year:2024", "abc")
    assert editor.isVisible(), "the editor stays open on the refused text"
    assert editor.text() == "abc"
    assert "abc" in editor.toolTip() and "2,5" in editor.toolTip()
    assert editor.property("invalid") is True
    assert "abc" in window.statusBar().currentMessage()
    assert figures(window.document.portfolio) == before
    assert window.document.undo_stack.count() == 0
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert figures(window.document.portfolio) == before


@pytest.mark.parametrize("text", ["-3", "2,55"])
def test_negative_and_too_fine_amounts_are_refused(qtbot, window, text) -> None:
    before = figures(window.document.portfolio)
    editor = _type_into(qtbot, window, "V1", "year:2024", text)
    assert editor.reason and editor.isVisible()
    assert figures(window.document.portfolio) == before


def test_clearing_a_cell_removes_the_amount_and_undo_gives_it_back(qtbot, window) -> None:
    ini = window.document.portfolio.get("V2")
    old = ini.amounts[2024]
    _type_into(qtbot, window, "V2", "year:2024", "")
    assert 2024 not in ini.amounts
    window.edit.undo.trigger()
    assert ini.amounts[2024] is old


def test_cost_breakdown_is_editable_and_undoable(window) -> None:
    window.edit.show_costs.trigger()
    model = window.table_panel.model
    key = cost_key(CostCategory.EVALUERING)
    ini = window.document.portfolio.get("V2")
    old = ini.costs.get(CostCategory.EVALUERING)
    index = model.index(model.row_of("V2"), model.column_of(key))
    assert model.setData(index, "3,4")
    assert ini.costs[CostCategory.EVALUERING] == Decimal("3.4")
    assert index.data() == "3.4"
    assert "V2" in window.edit.undo.text()
    window.edit.undo.trigger()
    assert ini.costs.get(CostCategory.EVALUERING) == old


# -- operations: one undo step each ------------------------------------------------------------------
def _operations(window: MainWindow, monkeypatch) -> dict[str, object]:
    edit = window.edit
    monkeypatch.setattr(edit, "ask_move", lambda ini: (2024, 2026, Decimal("1.5")))
    monkeypatch.setattr(edit, "ask_profile", lambda ini: "V3")
    monkeypatch.setattr(edit, "ask_total", lambda ini: Decimal(30))
    monkeypatch.setattr(edit, "ask_fit_year", lambda years, current: 2025)
    return {"fit all": edit.fit_all, "fit year": edit.fit_year, "move": edit.move, "spread": edit.spread,
            "profile": edit.profile, "total": edit.total}


@pytest.mark.parametrize("name", ["fit all", "fit year", "move", "spread", "profile", "total"])
def test_each_operation_is_one_undo_step_undo_exact_redo_again(window, monkeypatch, name) -> None:
    action = _operations(window, monkeypatch)[name]
    window.table_panel.select_initiative("V2")
    window.edit.update_actions()
    p = window.document.portfolio
    before = figures(p)
    action.trigger()
    assert window.last_error is None
    after = figures(p)
    assert after != before
    assert window.document.undo_stack.count() == 1
    assert window.isWindowModified()
    window.edit.undo.trigger()
    assert figures(p) == before
    assert not window.isWindowModified()
    window.edit.redo.trigger()
    assert figures(p) == after


def test_the_edit_menu_names_the_command(window, monkeypatch) -> None:
    _operations(window, monkeypatch)
    window.table_panel.select_initiative("V2")
    window.edit.move.trigger()
    command = window.document.undo_stack.command(0)
    assert command.text() == describe(command.changes, window.lang)
    assert window.edit.undo.text().replace("&", "") == "Fortryd " + command.text()
    assert "V2" in command.text() and "2024" in command.text() and "2026" in command.text()
    window.edit.undo.trigger()
    assert window.edit.redo.text().replace("&", "") == "Gentag " + command.text()
    history = window.edit.history_view.model()
    assert history.index(1, 0).data() == command.text()


def test_an_impossible_operation_is_refused_with_a_reason_and_nothing_changes(window) -> None:
    p = window.document.portfolio
    for ini in p.initiatives:
        ini.locked = True
    p.frame = Frame(by_year={2024: Decimal(1)})
    before = figures(p)
    window.edit.fit_all.trigger()
    assert window.last_error is not None
    assert "2024" in window.last_error[1]
    assert figures(p) == before
    assert window.document.undo_stack.count() == 0


# -- locks ------------------------------------------------------------------------------------------
def test_operations_never_change_locked_amounts(window) -> None:
    p = window.document.portfolio
    panel = window.table_panel
    panel.select_initiative("V1")
    window.edit.lock_initiative.trigger()
    panel.reveal_cell("V2", "year:2024")
    window.edit.lock_cell.trigger()
    assert p.get("V1").locked and 2024 in p.get("V2").locked_years
    assert window.document.undo_stack.count() == 2
    v1, v2_2024 = figures(p)["V1"], p.get("V2").amounts.get(2024)
    window.edit.fit_all.trigger()
    assert window.last_error is None
    assert figures(p)["V1"] == v1
    assert p.get("V2").amounts.get(2024) is v2_2024
    assert all(p.totals_by_year()[y] == p.frame.by_year[y] for y in YEARS)
    model = panel.model
    locked_cell = model.index(model.row_of("V2"), model.column_of("year:2024"))
    assert locked_cell.data(LOCKED_ROLE) and locked_cell.data(Qt.ItemDataRole.DecorationRole) is not None
    assert not locked_cell.flags() & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(locked_cell, "9")
    assert p.get("V2").amounts.get(2024) is v2_2024


def test_lock_is_undoable_and_named(window) -> None:
    window.table_panel.select_initiative("V3")
    window.edit.lock_initiative.trigger()
    assert window.document.portfolio.get("V3").locked
    assert "V3" in window.edit.undo.text()
    window.edit.undo.trigger()
    assert not window.document.portfolio.get("V3").locked


# -- totals, Δ and baseline --------------------------------------------------------------------------
def _check_totals(window: MainWindow) -> None:
    totals = window.edit.totals_model
    p = window.document.portfolio
    by_year = p.totals_by_year()
    for y in YEARS:
        key = amount_key(y)
        assert totals.value_of(ALLOCATED, key) == by_year[y]
        assert totals.value_of(FRAME, key) == p.frame.by_year[y]
        assert totals.value_of(REMAINING, key) == p.frame.by_year[y] - by_year[y]
        col = totals._keys.index(key)
        over = totals.index(REMAINING, col)
        assert over.data(OVER_ROLE) == (p.frame.by_year[y] < by_year[y])
        if over.data(OVER_ROLE):
            assert over.data(Qt.ItemDataRole.ForegroundRole).color().red() > 150
    assert totals.value_of(ALLOCATED, "total") == p.total()


def test_totals_frame_and_remaining_rows_follow_edits(qtbot, window, monkeypatch) -> None:
    _operations(window, monkeypatch)
    _check_totals(window)
    assert any(window.edit.totals_model.is_over(REMAINING, c) for c in range(window.edit.totals_model.columnCount()))
    _type_into(qtbot, window, "V2", "year:2025", "12,3")
    _check_totals(window)
    window.edit.fit_all.trigger()
    _check_totals(window)
    totals = window.edit.totals_model
    assert not any(totals.is_over(REMAINING, c) for c in range(totals.columnCount()))
    window.edit.undo.trigger()
    _check_totals(window)


def test_totals_bar_lines_up_with_the_year_columns(window) -> None:
    table, bar = window.table_panel.table, window.edit.totals_bar
    for key in ("year:2023", "year:2027", "total"):
        col = window.table_panel.model.column_of(key)
        assert bar.columnViewportPosition(col) == table.columnViewportPosition(col)
        assert bar.columnWidth(col) == table.columnWidth(col)


def test_totals_bar_stays_under_its_columns_when_scrolled_to_the_far_right(qtbot, window) -> None:
    """With the cost columns shown and the table scrolled all the way, every sum is still under its
    column (the table's vertical scroll bar narrows its cells; the bar must follow in pixels)."""
    window.resize(1000, 600)
    window.edit.show_costs.trigger()
    table, bar = window.table_panel.table, window.edit.totals_bar
    qtbot.waitUntil(lambda: table.horizontalScrollBar().maximum() > 0)
    table.horizontalScrollBar().setValue(table.horizontalScrollBar().maximum())
    qtbot.wait(20)
    assert table.verticalScrollBar().isVisible(), "the test needs the table's vertical scroll bar"
    assert bar.viewport().width() == table.viewport().width()
    for col in range(window.table_panel.model.columnCount()):
        if not table.isColumnHidden(col):
            assert bar.columnViewportPosition(col) == table.columnViewportPosition(col), col


def test_every_sum_fits_under_its_column_in_a_big_portfolio(qtbot, window) -> None:
    """The grand total of 1,000 initiatives (13.365,9) is wider than any row's total: its column grows."""
    from planner.synthetic import make_portfolio

    window.document.replace(make_portfolio(1000), "")
    qtbot.wait(20)
    bar, table = window.edit.totals_bar, window.table_panel.table
    totals, metrics = bar.model(), bar.fontMetrics()
    checked = 0
    for col in range(totals.columnCount()):
        if table.isColumnHidden(col) or bar.columnSpan(0, col) > 1 or totals.column_key(col) in TEXT_KEYS:
            continue
        for row in range(totals.rowCount()):
            text = str(totals.index(row, col).data() or "")
            if text:
                checked += 1
                assert metrics.horizontalAdvance(text) < table.columnWidth(col), (totals.column_key(col), text)
    assert checked >= 6


def test_delta_column_and_changed_cells_against_baseline(qtbot, window, monkeypatch) -> None:
    _operations(window, monkeypatch)
    window.edit.show_changes.trigger()
    model = window.table_panel.model
    assert model.column_of("delta") == model.column_of("total") + 1
    window.table_panel.select_initiative("V2")
    window.edit.move.trigger()
    _type_into(qtbot, window, "V4", "year:2023", "20")
    p, base = window.document.portfolio, window.document.baseline
    for row, ini in enumerate(p.initiatives):
        expected = ini.total - sum(base.amounts[ini.id].values(), Decimal(0))
        assert model.index(row, model.column_of("delta")).data(AMOUNT_ROLE) == expected
        for y in YEARS:
            changed = ini.amounts.get(y, Decimal(0)) != base.amounts[ini.id].get(y, Decimal(0))
            assert model.index(row, model.column_of(amount_key(y))).data(CHANGED_ROLE) == changed
    assert model.index(model.row_of("V4"), model.column_of("delta")).data().startswith("+")
    window.edit.show_changes.trigger()
    assert model.column_of("delta") == -1


def test_reset_to_baseline_one_and_all(qtbot, window, monkeypatch) -> None:
    p = window.document.portfolio
    base = figures(p)
    _type_into(qtbot, window, "V1", "year:2024", "9")
    _type_into(qtbot, window, "V2", "year:2024", "9")
    window.table_panel.select_initiative("V1")
    window.edit.reset_one.trigger()
    assert figures(p)["V1"] == base["V1"]
    assert figures(p)["V2"] != base["V2"]
    assert "V1" in window.edit.undo.text()
    window.edit.reset_all.trigger()
    assert figures(p) == base
    window.edit.undo.trigger()
    assert figures(p)["V2"] != base["V2"]


# -- many random steps ----------------------------------------------------------------------------------
def test_a_thousand_random_edits_and_operations_then_undo_all_gives_the_original(qtbot) -> None:
    from planner.rebalance import RebalanceError, move_amount, set_total, spread_by_profile, spread_evenly
    from planner.scenarios import restore

    document = Document()
    document.replace(framed_portfolio(12, seed=5), "")
    model = InitiativesModel()
    model.set_portfolio(document.portfolio)
    model.set_edit_target(document)
    document.changed.connect(model.refresh)
    totals = TotalsModel(model)
    p = document.portfolio
    original, original_locks = figures(p), locks(p)
    rng = random.Random(4)
    ids = [ini.id for ini in p.initiatives]
    refused = 0
    for _ in range(1000):
        kind = rng.randrange(9)
        ini_id = rng.choice(ids)
        year = rng.choice(YEARS)
        try:
            if kind <= 2:
                text = rng.choice([f"{rng.randrange(0, 300) / 10:.1f}".replace(".", ","), str(rng.randrange(40)), ""])
                if not model.setData(model.index(model.row_of(ini_id), model.column_of(amount_key(year))), text):
                    refused += 1
                continue
            if kind == 3:
                changes = fit_to_frame(p, year if rng.random() < 0.5 else None)
            elif kind == 4:
                other = rng.choice([y for y in YEARS if y != year])
                changes = move_amount(p, ini_id, year, other, Decimal(rng.randrange(1, 30)) / 10)
            elif kind == 5:
                changes = spread_evenly(p, ini_id)
            elif kind == 6:
                changes = spread_by_profile(p, ini_id, rng.choice(ids))
            elif kind == 7:
                changes = set_total(p, ini_id, Decimal(rng.randrange(0, 400)) / 10)
            else:
                if rng.random() < 0.3:
                    changes = restore(p, document.baseline, respect_locks=True)
                else:
                    target = p.get(ini_id)
                    cell = rng.random() < 0.5
                    now = (year in target.locked_years) if cell else target.locked
                    document.undo_stack.push(LockCommand(document, ini_id, year if cell else None, not now, "lock"))
                    continue
        except RebalanceError:
            refused += 1
            continue
        if changes:
            document.undo_stack.push(ChangeSetCommand(document, changes))
    assert document.undo_stack.count() > 300
    assert refused < 500
    totals.refresh()
    assert totals.value_of(ALLOCATED, "total") == p.total()
    while document.undo_stack.canUndo():
        document.undo_stack.undo()
    assert figures(p) == original
    assert locks(p) == original_locks
    totals.refresh()
    assert [totals.value_of(ALLOCATED, amount_key(y)) for y in YEARS] == [p.totals_by_year()[y] for y in YEARS]
    assert [model.index(r, model.column_of("total")).data(AMOUNT_ROLE) for r in range(len(ids))] == \
        [ini.total for ini in p.initiatives]


# -- models, dialogs, pictures ----------------------------------------------------------------------------
def test_models_pass_the_qt_model_tester(qtmodeltester) -> None:
    document = Document()
    document.replace(framed_portfolio(), "")
    model = InitiativesModel()
    model.set_portfolio(document.portfolio)
    model.set_edit_target(document)
    model.set_show_changes(True)
    model.set_show_costs(True)
    qtmodeltester.check(model, force_py=True)
    model.set_show_changes(False)
    assert model.setData(model.index(1, model.column_of("year:2024")), "3,3")
    qtmodeltester.check(model, force_py=True)


def test_totals_model_passes_the_qt_model_tester(qtmodeltester) -> None:
    document = Document()
    document.replace(framed_portfolio(), "")
    model = InitiativesModel()
    model.set_portfolio(document.portfolio)
    totals = TotalsModel(model)
    qtmodeltester.check(totals, force_py=True)
    model.set_show_changes(True)
    totals.refresh()
    qtmodeltester.check(totals, force_py=True)


def test_amount_field_in_a_dialog_disables_ok_until_valid(qtbot) -> None:
    dialog = OperationDialog("Sæt total", "Ny total", "da")
    qtbot.addWidget(dialog)
    editor = dialog.add_amount("Total:", Decimal("12.5"))
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled() and editor.text() == "12,5"
    editor.setText("tolv")
    assert not ok.isEnabled() and "tolv" in dialog.reason.text()
    editor.setText("12 500")
    assert ok.isEnabled() and editor.value() == Decimal(12500)


def test_window_with_editing_renders(window, tmp_path) -> None:
    window.edit.show_changes.trigger()
    window.edit.history_dock.show()
    out = tmp_path / "editing.png"
    assert window.grab().save(str(out))
    assert out.stat().st_size > 10_000
    assert window.edit.totals_bar.height() >= 3 * window.table_panel.table.verticalHeader().defaultSectionSize()


def test_totals_labels_stay_in_view_when_the_table_scrolls_sideways(window) -> None:
    window.resize(900, 700)
    table, bar = window.table_panel.table, window.edit.totals_bar
    totals = window.edit.totals_model
    model = window.table_panel.model
    assert totals.label_key() == "name"
    scroll = table.horizontalScrollBar()
    if scroll.maximum() == 0:
        pytest.skip("the table fits without scrolling")
    per_item = table.horizontalScrollMode() == table.ScrollMode.ScrollPerItem
    area = model.column_of("area")
    scroll.setValue(min(scroll.maximum(), area if per_item else table.columnViewportPosition(area)))
    assert table.columnViewportPosition(model.column_of("name")) + table.columnWidth(model.column_of("name")) <= 0
    col = totals._keys.index(totals.label_key())
    assert totals.label_key() != "name"
    assert bar.columnViewportPosition(col) + table.columnWidth(col) > 0
    assert totals.index(REMAINING, col).data() == totals._label(REMAINING)
    assert totals.index(REMAINING, model.column_of("name")).data() == ""
