"""The totals row after a change set naming many initiatives (fit to frame, its undo and redo, a reset to
baseline with blanks, also with an amount finer than 0,1 so the sums cannot come from the cell columns as
tenths): the same sums and texts as a totals model built afresh on the same figures."""

from __future__ import annotations

from decimal import Decimal

from planner.edits import edit_cell
from planner.model import Portfolio
from planner.rebalance import fit_to_frame
from planner.scenarios import capture, restore
from planner.synthetic import make_portfolio
from ui.commands import ChangeSetCommand
from ui.document import Document
from ui.initiatives_model import InitiativesModel
from ui.totals_model import TotalsModel


def _shown(model: TotalsModel) -> list[list[object]]:
    return [[(model.index(r, c).data(), model.value_of(r, model.column_key(c)))
             for c in range(model.columnCount())] for r in range(model.rowCount())]


def _fresh(document: Document) -> list[list[object]]:
    table = InitiativesModel()
    table.set_portfolio(document.portfolio)
    return _shown(TotalsModel(table))


def _following(portfolio: Portfolio) -> tuple[Document, TotalsModel]:
    """A document holding ``portfolio`` and a totals row following it, as the window wires them."""
    document = Document()
    document.replace(portfolio, "")
    table = InitiativesModel()
    table.set_portfolio(document.portfolio)
    totals = TotalsModel(table)
    totals.follow(document)
    document.changed.connect(totals.refresh)
    return document, totals


def test_totals_follow_a_fit_its_undo_redo_and_a_reset_with_blanks(qtbot) -> None:
    document, totals = _following(make_portfolio(400))
    start = _shown(totals)
    assert start == _fresh(document)
    stack = document.undo_stack
    stack.push(ChangeSetCommand(document, fit_to_frame(document.portfolio), "fit"))
    fitted = _shown(totals)
    assert fitted == _fresh(document) and fitted != start
    stack.undo()
    assert _shown(totals) == _fresh(document) == start
    stack.redo()
    assert _shown(totals) == fitted
    # a scenario with blanks where the portfolio has money, and money where it has blanks
    inis = document.portfolio.initiatives
    scenario = capture(document.portfolio, "Med huller")
    for ini in inis[:50]:
        scenario.amounts[ini.id].pop(min(scenario.amounts[ini.id]))
    for ini in inis[50:100]:
        year = max(document.portfolio.years)
        if year not in ini.amounts:
            scenario.amounts[ini.id][year] = Decimal("1.3")
    stack.push(ChangeSetCommand(document, restore(document.portfolio, scenario), "scenario"))
    assert _shown(totals) == _fresh(document)
    stack.undo()
    assert _shown(totals) == fitted


def test_totals_follow_big_changes_with_an_amount_finer_than_a_tenth(qtbot) -> None:
    """When the sums cannot come from the cell columns as tenths (an amount finer than 0,1)."""
    portfolio = make_portfolio(400)
    ini = portfolio.initiatives[3]
    ini.amounts[min(ini.amounts)] = Decimal("1.25")
    document, totals = _following(portfolio)
    start = _shown(totals)
    document.undo_stack.push(ChangeSetCommand(document, fit_to_frame(document.portfolio), "fit"))
    fitted = _shown(totals)
    assert fitted == _fresh(document) and fitted != start
    document.undo_stack.undo()
    assert _shown(totals) == _fresh(document) == start
    document.undo_stack.redo()
    assert _shown(totals) == fitted


def test_a_sum_grown_by_an_edit_widens_only_its_column(qtbot) -> None:
    """The totals row announces its changed cells at once; the bar widens the column whose sum no longer
    fits (and no other)."""
    from tests.ui_helpers import make_window
    from ui.totals_bar import TEXT_KEYS

    window = make_window(qtbot)
    window.resize(1400, 860)
    window.document.replace(make_portfolio(50), "")
    qtbot.wait(20)
    bar, table = window.edit.totals_bar, window.table_panel.table
    totals = bar.model()
    year = min(window.document.portfolio.years)
    col = [totals.column_key(c) for c in range(totals.columnCount())].index(f"year:{year}")
    others = {c: table.columnWidth(c) for c in range(totals.columnCount())
              if c != col and totals.column_key(c) not in TEXT_KEYS and totals.column_key(c) not in ("total", "delta")}
    seen: list[tuple[int, int]] = []
    totals.dataChanged.connect(lambda first, last, *_: seen.append((first.column(), last.column())))
    ini = window.document.portfolio.initiatives[0]
    window.document.undo_stack.push(ChangeSetCommand(window.document, edit_cell(
        window.document.portfolio, ini.id, year, "987654321,5"), "edit"))
    qtbot.wait(20)
    assert len(seen) == 1 and seen[0][0] <= col <= seen[0][1]
    text = str(totals.index(0, col).data())
    assert bar.fontMetrics().horizontalAdvance(text) < table.columnWidth(col)
    assert {c: table.columnWidth(c) for c in others} == others
