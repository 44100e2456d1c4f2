"""The initiatives table's own sort/filter proxy gives the rows, in the order, that Qt's
QSortFilterProxyModel with the same rules gave; the selection and edits follow the rows."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QSortFilterProxyModel, Qt

from planner.model import area_label
from planner.phases import fold
from planner.synthetic import make_portfolio
from ui.initiatives_model import ID_ROLE, InitiativesModel
from ui.initiatives_panel import InitiativesPanel
from ui.initiatives_proxy import NO_PHASE, InitiativesProxy, _less, _order, _search_text


class ReferenceProxy(QSortFilterProxyModel):
    """The rules as the table had them before: Qt sorting by a Python lessThan, filtering row by row."""

    def __init__(self, text: str = "", area: str | None = None, phase: object = None) -> None:
        super().__init__()
        self.text, self.area, self.phase = fold(text), area, phase

    def filterAcceptsRow(self, row: int, _parent: object) -> bool:  # noqa: N802
        ini = self.sourceModel().initiative(row)
        if self.area is not None and ini.area != self.area:
            return False
        if self.phase is not None and (ini.phase is not None if self.phase == NO_PHASE else ini.phase != self.phase):
            return False
        return all(w in _search_text(ini) for w in self.text.split())

    def lessThan(self, left, right) -> bool:  # noqa: N802
        model = self.sourceModel()
        return _less(_order(model.sort_key(left.row(), left.column())),
                     _order(model.sort_key(right.row(), right.column())))


def _ids(proxy: QSortFilterProxyModel | InitiativesProxy) -> list[str]:
    return [proxy.index(r, 0).data(ID_ROLE) for r in range(proxy.rowCount())]


@pytest.fixture(scope="module")
def model() -> InitiativesModel:
    portfolio = make_portfolio(300, seed=3)
    for i, ini in enumerate(portfolio.initiatives[:40]):  # ties, blanks and a missing phase to order
        ini.amounts[2024] = Decimal(i % 3)
        if i % 7 == 0:
            ini.amounts.pop(2025, None)
            ini.phase = None
            ini.stated_total = None
    portfolio.revalidate()
    return InitiativesModel(portfolio)


@pytest.mark.parametrize("key", ["id", "name", "area", "phase", "period", "year:2024", "year:2025", "total",
                                 "stated_total"])
@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_sort_order_is_the_one_qt_gave(model: InitiativesModel, key: str, order: Qt.SortOrder) -> None:
    col = model.column_of(key)
    reference = ReferenceProxy()
    reference.setSourceModel(model)
    reference.sort(col, order)
    proxy = InitiativesProxy()
    proxy.setSourceModel(model)
    proxy.sort(col, order)
    assert _ids(proxy) == _ids(reference)
    proxy.sort(-1)
    assert _ids(proxy) == [ini.id for ini in model.portfolio.initiatives]


@pytest.mark.parametrize(("text", "area", "phase"), [
    ("misbrug", None, None), ("ODENSE voksne", None, None), ("zz-nothing", None, None),
    ("", "Voksenområdet", None), ("", None, "modning"), ("", None, NO_PHASE), ("children", None, "afproevning"),
])
def test_filters_keep_the_rows_qt_kept(model: InitiativesModel, text: str, area: str | None, phase: str) -> None:
    col = model.column_of("total")
    reference = ReferenceProxy(text, area, phase)
    reference.setSourceModel(model)
    reference.sort(col, Qt.SortOrder.DescendingOrder)
    proxy = InitiativesProxy()
    proxy.setSourceModel(model)
    proxy.sort(col, Qt.SortOrder.DescendingOrder)
    proxy.set_text(text)
    proxy.set_area(area)
    proxy.set_phase(phase)
    assert _ids(proxy) == _ids(reference)
    assert proxy.visible_ids() == set(_ids(reference))
    for row, ini_id in enumerate(_ids(reference)):
        assert proxy.proxy_row_of(ini_id) == row
    assert area_label("Voksenområdet", "en")  # the English names are searched too ("children" above)


def test_selection_follows_sorting_and_a_hidden_row_is_reported(qtbot) -> None:
    portfolio = make_portfolio(60, seed=1)
    panel = InitiativesPanel()
    qtbot.addWidget(panel)
    panel.set_portfolio(portfolio)
    target = portfolio.initiatives[17]
    panel.table.selectRow(panel.proxy.proxy_row_of(target.id))
    assert panel.selected_initiative() == target.id
    panel.table.sortByColumn(panel.model.column_of("name"), Qt.SortOrder.DescendingOrder)
    assert panel.selected_initiative() == target.id
    assert panel.table.currentIndex().data(ID_ROLE) == target.id
    told: list[str] = []
    panel.initiative_selected.connect(told.append)
    panel.set_search_text("no initiative has this text")
    assert panel.visible_row_count() == 0
    assert told == [""]
    panel.set_search_text("")
    assert panel.visible_row_count() == 60


def test_an_edit_moves_the_row_when_sorted_by_that_column(qtbot) -> None:
    portfolio = make_portfolio(30, seed=2)
    panel = InitiativesPanel()
    qtbot.addWidget(panel)
    panel.set_portfolio(portfolio)
    panel.table.sortByColumn(panel.model.column_of("total"), Qt.SortOrder.AscendingOrder)
    last = panel.proxy.index(panel.proxy.rowCount() - 1, 0).data(ID_ROLE)
    ini = portfolio.get(last)
    ini.amounts = {y: Decimal(0) for y in ini.amounts}
    panel.model.refresh([ini.id])
    assert panel.proxy.index(0, 0).data(ID_ROLE) == ini.id
    assert panel.proxy.index(0, panel.model.column_of("total")).data() == "0,0"
