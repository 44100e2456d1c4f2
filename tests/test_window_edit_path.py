"""One edit in the whole window at 2,000 initiatives: what the user sees afterwards is what a full
recompute would show, though the table, findings, key totals and validation now update only what changed.

Each check compares the window with the portfolio itself or with a widget built afresh from it: the
edited row's amount and total, the totals row's year total, the findings (equal to a full validate()),
the key totals line; after undo too. Only the edited row's cells are reported changed by the table.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from planner.amounts import ZERO, format_amount
from planner.edits import edit_cell
from planner.model import Frame, Portfolio, amount_key
from planner.synthetic import make_portfolio
from planner.validate import validate
from tests.ui_helpers import make_window
from ui.commands import ChangeSetCommand
from ui.findings_panel import FindingsPanel
from ui.main_window import MainWindow
from ui.presentation import KeyTotalsBar

N = 2_000


@pytest.fixture
def window(qtbot) -> MainWindow:
    win = make_window(qtbot)
    portfolio = make_portfolio(N, seed=3)
    by_year = portfolio.totals_by_year()
    portfolio.frame = Frame(total=portfolio.frame.total, by_year={y: t - Decimal("0.5") for y, t in by_year.items()})
    portfolio.revalidate()
    win.document.replace(portfolio, "")
    qtbot.wait(10)
    return win


def _full_findings(p: Portfolio) -> list:
    return [*p.read_findings, *validate(p.model_copy())]


def _assert_window_matches_portfolio(win: MainWindow, ini_id: str, year: int) -> None:
    p = win.document.portfolio
    lang = win.lang
    model = win.table_panel.model
    row = model.row_of(ini_id)
    ini = p.initiatives[row]
    cell = model.index(row, model.column_of(amount_key(year)))
    assert cell.data() == format_amount(ini.amounts[year], lang) if year in ini.amounts else cell.data() == ""
    assert model.index(row, model.column_of("total")).data() == format_amount(ini.total, lang)

    totals = win.edit.totals_model
    year_total = sum((i.amounts.get(year, ZERO) for i in p.initiatives), ZERO)
    assert totals.value_of(0, amount_key(year)) == year_total
    col = totals._keys.index(amount_key(year))
    assert totals.index(0, col).data() == format_amount(year_total, lang)

    expected = _full_findings(p)
    assert p.findings == expected
    fresh = FindingsPanel(lang)
    fresh.set_findings(expected)
    shown = win.findings_panel
    assert shown.findings() == fresh.findings()
    assert [shown.item_text(r) for r in range(shown.count())] == [fresh.item_text(r) for r in range(fresh.count())]
    assert shown.title.text() == fresh.title.text()

    bar = KeyTotalsBar(lang)
    bar.update_from(p)
    assert win.totals.label.text() == bar.label.text()


def _push(win: MainWindow, qtbot, ini_id: str, year: int, value: object) -> None:
    document = win.document
    document.undo_stack.push(ChangeSetCommand(document, edit_cell(document.portfolio, ini_id, year, value)))
    qtbot.wait(5)


def test_an_edit_in_the_window_shows_the_new_figures_everywhere(window, qtbot) -> None:
    p = window.document.portfolio
    ini = p.initiatives[N // 2]
    year = min(ini.amounts)
    model = window.table_panel.model
    row = model.row_of(ini.id)
    changed_rows: set[int] = set()
    model.dataChanged.connect(lambda a, b, *_: changed_rows.update(range(a.row(), b.row() + 1)))

    assert model.setData(model.index(row, model.column_of(amount_key(year))), ini.amounts[year] + Decimal("7.3"))
    qtbot.wait(5)
    assert changed_rows == {row}
    _assert_window_matches_portfolio(window, ini.id, year)
    assert any(f.code == "stated_total_mismatch" and f.initiative_id == ini.id for f in p.findings)

    window.document.undo_stack.undo()
    qtbot.wait(5)
    _assert_window_matches_portfolio(window, ini.id, year)
    window.document.undo_stack.redo()
    qtbot.wait(5)
    _assert_window_matches_portfolio(window, ini.id, year)


def test_a_negative_amount_is_flagged_in_the_table_and_listed(window, qtbot) -> None:
    p = window.document.portfolio
    ini = p.initiatives[17]
    year = max(ini.amounts)
    before = window.findings_panel.count()
    _push(window, qtbot, ini.id, year, "-2.5")
    _assert_window_matches_portfolio(window, ini.id, year)
    assert window.findings_panel.count() > before
    assert any(f.code == "negative_amount" and f.initiative_id == ini.id for f in window.findings_panel.findings())
    window.document.undo_stack.undo()
    qtbot.wait(5)
    _assert_window_matches_portfolio(window, ini.id, year)
    assert not any(f.code == "negative_amount" for f in window.findings_panel.findings())


def test_several_edits_and_a_cleared_cell_keep_everything_in_step(window, qtbot) -> None:
    p = window.document.portfolio
    for k, value in enumerate(("1", "2,25", None, "0", "99.9")):
        ini = p.initiatives[(k * 397) % N]
        year = sorted(ini.amounts)[k % len(ini.amounts)]
        _push(window, qtbot, ini.id, year, value)
        _assert_window_matches_portfolio(window, ini.id, year)


def test_an_amount_in_a_new_year_adds_the_column(window, qtbot) -> None:
    ini = window.document.portfolio.initiatives[5]
    _push(window, qtbot, ini.id, 2031, "4")
    model = window.table_panel.model
    assert model.column_of(amount_key(2031)) >= 0
    _assert_window_matches_portfolio(window, ini.id, 2031)
    window.document.undo_stack.undo()
    qtbot.wait(5)
    assert model.column_of(amount_key(2031)) < 0


def test_the_edited_amount_reads_back_exactly(window, qtbot) -> None:
    ini = window.document.portfolio.initiatives[3]
    year = min(ini.amounts)
    _push(window, qtbot, ini.id, year, Decimal("12.75"))
    model = window.table_panel.model
    index = model.index(model.row_of(ini.id), model.column_of(amount_key(year)))
    assert index.data(Qt.ItemDataRole.EditRole) in ("12,75", "12.75")
