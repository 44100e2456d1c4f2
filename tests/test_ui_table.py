"""The initiatives table: model contract, Danish amounts, changed cells only, filters and sorting."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from planner.model import AREA_ADULTS, AREA_CHILDREN, Portfolio
from planner.phases import Phase
from tests.ui_helpers import portfolio_with_cells
from ui.initiatives_model import InitiativesModel
from ui.initiatives_panel import InitiativesPanel
from ui.initiatives_proxy import InitiativesProxy

DISPLAY = Qt.ItemDataRole.DisplayRole


def _column_texts(panel: InitiativesPanel, key: str) -> list[str]:
    col = panel.model.column_of(key)
    return [panel.proxy.index(r, col).data() for r in range(panel.proxy.rowCount())]


def test_model_passes_qt_model_tester(qtmodeltester) -> None:
    model = InitiativesModel(portfolio_with_cells())
    qtmodeltester.check(model, force_py=True)
    proxy = InitiativesProxy()
    proxy.setSourceModel(model)
    proxy.set_text("unge")
    qtmodeltester.check(proxy, force_py=True)


def test_model_on_an_empty_portfolio(qtmodeltester) -> None:
    model = InitiativesModel(Portfolio())
    assert model.rowCount() == 0
    qtmodeltester.check(model, force_py=True)


def test_columns_and_danish_amounts_right_aligned() -> None:
    portfolio = portfolio_with_cells()
    ini = portfolio.initiatives[0]
    ini.amounts = {2023: Decimal("12.7"), 2024: Decimal("1250.55")}
    model = InitiativesModel(portfolio)
    headers = [model.headerData(c, Qt.Orientation.Horizontal, DISPLAY) for c in range(model.columnCount())]
    assert headers == ["Nr.", "Initiativ", "Område", "Fase", "Periode", "2023", "2024", "2025", "2026", "2027",
                       "I alt", "Angivet"]
    c2023, c2024 = model.column_of("year:2023"), model.column_of("year:2024")
    assert model.index(0, c2023).data() == "12,7"
    assert model.index(0, c2024).data() == "1.250,6"
    assert model.index(0, model.column_of("total")).data() == "1.263,3"
    assert model.index(0, model.column_of("year:2025")).data() == ""
    align = Qt.AlignmentFlag(model.index(0, c2023).data(Qt.ItemDataRole.TextAlignmentRole))
    assert align & Qt.AlignmentFlag.AlignRight
    name_align = Qt.AlignmentFlag(model.index(0, model.column_of("name")).data(Qt.ItemDataRole.TextAlignmentRole))
    assert name_align & Qt.AlignmentFlag.AlignLeft


def test_name_tooltip_is_the_full_name() -> None:
    portfolio = portfolio_with_cells()
    long_name = "Et meget langt initiativnavn " * 8
    portfolio.initiatives[2].name = long_name
    model = InitiativesModel(portfolio)
    tip = model.index(2, model.column_of("name")).data(Qt.ItemDataRole.ToolTipRole)
    assert long_name in tip


def test_refresh_emits_data_changed_for_changed_cells_only(qtbot) -> None:
    portfolio = portfolio_with_cells()
    model = InitiativesModel(portfolio)
    target = portfolio.initiatives[4]
    changed: list[tuple[int, int]] = []
    resets: list[bool] = []
    model.dataChanged.connect(lambda a, b, *_: changed.extend(
        (r, c) for r in range(a.row(), b.row() + 1) for c in range(a.column(), b.column() + 1)))
    model.modelReset.connect(lambda: resets.append(True))
    portfolio.set_amount(target.id, 2025, target.amount(2025) + Decimal("1.5"))
    model.refresh()
    assert not resets
    cells = set(changed)
    assert (4, model.column_of("year:2025")) in cells
    assert (4, model.column_of("total")) in cells
    assert {r for r, _ in cells} == {4}
    assert (4, model.column_of("name")) not in cells
    assert model.index(4, model.column_of("year:2025")).data() == f"{target.amount(2025):.1f}".replace(".", ",")


def test_search_area_and_phase_filters(qtbot) -> None:
    portfolio = portfolio_with_cells()
    portfolio.initiatives[5].name = "Særlig indsats for hjemløse på Bornholm"
    panel = InitiativesPanel()
    qtbot.addWidget(panel)
    panel.set_portfolio(portfolio)
    assert panel.visible_row_count() == 13
    assert panel.visible_ids() is None

    qtbot.keyClicks(panel.search, "bornholm hjemløse")
    assert _column_texts(panel, "id") == [portfolio.initiatives[5].id]
    assert panel.visible_ids() == {portfolio.initiatives[5].id}
    assert "1 af 13" in panel.count_label.text()
    panel.search.clear()
    assert panel.visible_row_count() == 13

    adults = [i.id for i in portfolio.initiatives if i.area == AREA_ADULTS]
    panel.area_filter.setCurrentIndex(panel.area_filter.findText(AREA_ADULTS))
    assert sorted(_column_texts(panel, "id")) == sorted(adults)
    panel.set_area_filter(AREA_CHILDREN)
    assert set(_column_texts(panel, "area")) == {AREA_CHILDREN}
    panel.set_area_filter(None)

    modning = {i.id for i in portfolio.initiatives if i.phase == Phase.MODNING}
    assert modning, "the synthetic portfolio should have initiatives in Modning"
    panel.phase_filter.setCurrentIndex(panel.phase_filter.findText("Modning"))
    assert set(_column_texts(panel, "id")) == modning
    assert set(_column_texts(panel, "phase")) == {"Modning"}
    panel.set_phase_filter(None)
    assert panel.visible_row_count() == 13


def test_amount_columns_sort_by_number_not_text(qtbot) -> None:
    portfolio = portfolio_with_cells()
    for ini, total in zip(portfolio.initiatives, (9, 10, 100, 2.5, 11, 1, 90, 8, 12, 3, 33, 4, 5), strict=True):
        ini.amounts = {2023: Decimal(str(total))}
    panel = InitiativesPanel()
    qtbot.addWidget(panel)
    panel.set_portfolio(portfolio)
    panel.table.sortByColumn(panel.model.column_of("total"), Qt.SortOrder.AscendingOrder)
    shown = [Decimal(t.replace(".", "").replace(",", ".")) for t in _column_texts(panel, "total")]
    assert shown == sorted(shown)
    assert shown[0] == 1 and shown[-1] == 100


def test_long_names_elide_in_the_view(qtbot) -> None:
    portfolio = portfolio_with_cells()
    portfolio.initiatives[0].name = "Et meget langt initiativnavn der ikke kan stå i kolonnen " * 3
    panel = InitiativesPanel()
    qtbot.addWidget(panel)
    panel.set_portfolio(portfolio)
    panel.resize(900, 400)
    panel.show()
    col = panel.model.column_of("name")
    assert panel.table.textElideMode() == Qt.TextElideMode.ElideRight
    assert panel.table.columnWidth(col) < panel.fontMetrics().horizontalAdvance(portfolio.initiatives[0].name)
    assert panel.table.columnWidth(col) >= 200


def test_panel_selection_emits_the_id_and_select_does_not(qtbot) -> None:
    portfolio = portfolio_with_cells()
    panel = InitiativesPanel()
    qtbot.addWidget(panel)
    panel.set_portfolio(portfolio)
    emitted: list[str] = []
    panel.initiative_selected.connect(emitted.append)
    panel.table.selectRow(3)
    assert emitted == [portfolio.initiatives[3].id]
    assert panel.select_initiative(portfolio.initiatives[7].id)
    assert panel.selected_initiative() == portfolio.initiatives[7].id
    assert emitted == [portfolio.initiatives[3].id]
    panel.set_search_text(portfolio.initiatives[1].name)
    assert not panel.select_initiative(portfolio.initiatives[7].id)
