"""The totals row after big change sets when the sums cannot come from the cell columns as tenths (an
amount finer than 0,1): the same sums and texts as a totals model built afresh."""

from __future__ import annotations

from decimal import Decimal

from planner.rebalance import fit_to_frame
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


def test_totals_follow_big_changes_with_an_amount_finer_than_a_tenth(qtbot) -> None:
    portfolio = make_portfolio(400)
    ini = portfolio.initiatives[3]
    ini.amounts[min(ini.amounts)] = Decimal("1.25")
    document = Document()
    document.replace(portfolio, "")
    table = InitiativesModel()
    table.set_portfolio(document.portfolio)
    totals = TotalsModel(table)
    totals.follow(document)
    document.changed.connect(totals.refresh)
    start = _shown(totals)
    document.undo_stack.push(ChangeSetCommand(document, fit_to_frame(document.portfolio), "fit"))
    fitted = _shown(totals)
    assert fitted == _fresh(document) and fitted != start
    document.undo_stack.undo()
    assert _shown(totals) == _fresh(document) == start
    document.undo_stack.redo()
    assert _shown(totals) == fitted
