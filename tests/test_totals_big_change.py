"""The totals row after a change set naming many initiatives (fit to frame, its undo and redo, a reset to
baseline with blanks): the same sums and texts as a totals model built afresh on the same figures."""

from __future__ import annotations

from decimal import Decimal

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


def test_totals_follow_a_fit_its_undo_redo_and_a_reset_with_blanks(qtbot) -> None:
    document = Document()
    document.replace(make_portfolio(400), "")
    table = InitiativesModel()
    table.set_portfolio(document.portfolio)
    totals = TotalsModel(table)
    totals.follow(document)
    document.changed.connect(totals.refresh)
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
