"""A change touching most initiatives (fit to frame, reset to baseline, a scenario) in the whole window,
with its undo and redo: the findings equal a full validation, the findings list equals one built afresh,
the totals rows equal totals computed afresh, and the document tells the views once per step."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planner.amounts import ZERO
from planner.edits import edit_cell
from planner.model import Portfolio, amount_key
from planner.rebalance import fit_to_frame
from planner.synthetic import make_portfolio
from planner.validate import validate
from tests.ui_helpers import make_window
from ui.commands import ChangeSetCommand
from ui.findings_panel import FindingsPanel
from ui.main_window import MainWindow
from ui.totals_model import ALLOCATED

N = 400


@pytest.fixture
def window(qtbot) -> MainWindow:
    win = make_window(qtbot)
    portfolio = make_portfolio(N, seed=5)
    portfolio.revalidate()  # as loaded
    win.document.replace(portfolio, "")
    qtbot.wait(10)
    return win


def _full(p: Portfolio) -> list:
    return [*p.read_findings, *validate(p.model_copy(deep=True))]


def _check(win: MainWindow, qtbot) -> None:
    qtbot.wait(5)
    p = win.document.portfolio
    expected = _full(p)
    assert p.findings == expected
    fresh = FindingsPanel(win.lang)
    fresh.set_findings(expected)
    shown = win.findings_panel
    assert shown.findings() == fresh.findings()
    assert [shown.item_text(r) for r in range(shown.count())] == [fresh.item_text(r) for r in range(fresh.count())]
    assert shown.title.text() == fresh.title.text()
    totals = win.edit.totals_model
    for year in p.years:
        assert totals.value_of(ALLOCATED, amount_key(year)) == sum(
            (i.amounts.get(year, ZERO) for i in p.initiatives), ZERO)


def _counting(win: MainWindow) -> dict[str, int]:
    counts = {"amounts_changed": 0, "changed": 0}
    win.document.amounts_changed.connect(lambda *_: counts.__setitem__("amounts_changed", counts["amounts_changed"] + 1))
    win.document.changed.connect(lambda: counts.__setitem__("changed", counts["changed"] + 1))
    return counts


def test_fit_undo_redo_findings_and_totals_equal_a_full_recompute(window, qtbot) -> None:
    doc = window.document
    before = list(doc.portfolio.findings)
    assert before
    counts = _counting(window)
    changes = fit_to_frame(doc.portfolio)
    assert len(set(changes.ids)) * 4 > N  # the big-change path, not the per-initiative one
    doc.undo_stack.push(ChangeSetCommand(doc, changes))
    assert counts == {"amounts_changed": 1, "changed": 1}
    _check(window, qtbot)
    fitted = list(doc.portfolio.findings)
    assert fitted != before
    for _ in range(2):
        doc.undo_stack.undo()
        _check(window, qtbot)
        assert doc.portfolio.findings == before
        doc.undo_stack.redo()
        _check(window, qtbot)
        assert doc.portfolio.findings == fitted
    assert counts == {"amounts_changed": 5, "changed": 5}


def test_small_edits_between_big_undo_steps_keep_the_findings_right(window, qtbot) -> None:
    doc = window.document
    stack = doc.undo_stack
    stack.push(ChangeSetCommand(doc, fit_to_frame(doc.portfolio)))
    ini = doc.portfolio.initiatives[7]
    year = max(ini.amounts)
    stack.push(ChangeSetCommand(doc, edit_cell(doc.portfolio, ini.id, year, "-4")))  # a negative amount
    _check(window, qtbot)
    assert any(f.code == "negative_amount" and f.initiative_id == ini.id for f in doc.portfolio.findings)
    stack.undo()
    _check(window, qtbot)
    stack.undo()  # the fit
    _check(window, qtbot)
    stack.push(ChangeSetCommand(doc, edit_cell(doc.portfolio, ini.id, year, ini.amounts[year] + Decimal(3))))
    _check(window, qtbot)  # the redo of the fit is gone; a new edit on the state before it
    stack.push(ChangeSetCommand(doc, fit_to_frame(doc.portfolio)))
    _check(window, qtbot)
    stack.undo()
    _check(window, qtbot)
    stack.undo()
    _check(window, qtbot)
    stack.redo()
    stack.redo()
    _check(window, qtbot)


def test_an_edit_outside_the_undo_stack_is_validated_afresh(window, qtbot) -> None:
    doc = window.document
    stack = doc.undo_stack
    stack.push(ChangeSetCommand(doc, fit_to_frame(doc.portfolio)))
    stack.undo()
    ini = doc.portfolio.initiatives[3]
    ini.stated_total = (ini.stated_total or ZERO) + Decimal(9)  # e.g. a change made and reported by hand
    doc.mark_changed()
    stack.redo()
    _check(window, qtbot)
    stack.undo()
    _check(window, qtbot)
    assert any(f.code == "stated_total_mismatch" and f.initiative_id == ini.id for f in doc.portfolio.findings)
