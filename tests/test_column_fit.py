"""Columns shown on demand (cost breakdown, Δ) are sized to fit every cell, and their sums are right.

The widths are found by measuring only the cells with the largest and most negative amounts
(:mod:`ui.column_fit`); these tests measure every cell and compare.
"""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QStyleOptionViewItem

from planner.model import CostCategory
from planner.scenarios import baseline
from planner.synthetic import make_portfolio
from ui.column_fit import amount_values, candidate_rows, extreme_rows, fit_columns
from ui.initiatives_model import InitiativesModel
from ui.initiatives_panel import InitiativesPanel
from ui.totals_model import TotalsModel


def _portfolio(n: int = 300):  # type: ignore[no-untyped-def]
    p = make_portfolio(n)
    # the widest costs are not the longest-looking ones by chance: a big one, a negative one, a tiny one
    p.initiatives[7].costs[CostCategory.ANDET] = Decimal("123456.7")
    p.initiatives[11].costs[CostCategory.EVALUERING] = Decimal("-9876.5")
    p.initiatives[13].costs[CostCategory.PROJEKTLEDELSE] = Decimal("0.1")
    return p


def _panel(qtbot, p) -> InitiativesPanel:  # type: ignore[no-untyped-def]
    panel = InitiativesPanel(lang="da")
    qtbot.addWidget(panel)
    panel.resize(1200, 500)
    panel.set_portfolio(p)
    target = SimpleNamespace(baseline=baseline(p.model_copy(deep=True)))
    panel.model.set_edit_target(target)
    for ini in p.initiatives[::17]:  # Δ of both signs
        year = min(ini.amounts, default=2024)
        ini.amounts[year] = ini.amounts.get(year, Decimal(0)) + Decimal("4321.9")
    for ini in p.initiatives[5::19]:
        ini.amounts = {}
    panel.model.refresh()
    return panel


def _widest_cell(panel: InitiativesPanel, col: int) -> int:
    table = panel.table
    option = QStyleOptionViewItem()
    table.initViewItemOption(option)
    delegate = table.itemDelegate()
    grid = 1 if table.showGrid() else 0
    widest = table.horizontalHeader().sectionSizeHint(col)
    for row in range(panel.proxy.rowCount()):
        widest = max(widest, delegate.sizeHint(option, panel.proxy.index(row, col)).width() + grid)
    return widest


def _widest_cell_of(panel: InitiativesPanel, col: int, skip: int) -> int:
    option = QStyleOptionViewItem()
    panel.table.initViewItemOption(option)
    delegate = panel.table.itemDelegate()
    model = panel.model
    return max(delegate.sizeHint(option, model.index(r, col)).width() for r in range(model.rowCount()) if r != skip)


def test_shown_columns_are_exactly_as_wide_as_their_widest_cell(qtbot) -> None:
    panel = _panel(qtbot, _portfolio())
    model = panel.model
    model.set_show_costs(True)
    model.set_show_changes(True)
    keys = [model.column_key(c) for c in range(model.columnCount())]
    shown = [c for c, k in enumerate(keys) if k == "delta" or k.startswith("cost:")]
    assert len(shown) == 1 + len(CostCategory)
    header = panel.table.horizontalHeader()
    for col in shown:
        header.resizeSection(col, 5)
    panel.fit_columns(shown)
    for col in shown:
        assert header.sectionSize(col) == _widest_cell(panel, col), keys[col]
    # the big cost is what makes its column wide: the column is wider than its header needs
    andet = model.column_of(f"cost:{CostCategory.ANDET.value}")
    assert header.sectionSize(andet) > header.sectionSizeHint(andet)


def test_all_columns_fit_also_rows_a_filter_hides(qtbot) -> None:
    panel = _panel(qtbot, _portfolio())
    model = panel.model
    model.set_show_costs(True)
    col = model.column_of(f"cost:{CostCategory.ANDET.value}")
    panel.set_search_text("zzz-no-such-initiative")
    assert panel.proxy.rowCount() == 0
    panel.fit_columns([col])
    panel.set_search_text("")
    assert panel.table.horizontalHeader().sectionSize(col) == _widest_cell(panel, col)


def test_amount_values_are_the_models_values(qtbot) -> None:
    panel = _panel(qtbot, _portfolio())
    model = panel.model
    model.set_show_costs(True)
    model.set_show_changes(True)
    for col in range(model.columnCount()):
        key = model.column_key(col)
        if key == "delta" or key.startswith(("cost:", "year:")) or key == "total":
            assert amount_values(model, col) == model.column_values(col), key
    assert any(v < 0 for v in amount_values(model, model.column_of("delta")))


def test_extreme_rows_takes_both_ends_and_skips_blanks() -> None:
    values = [None, Decimal("5"), Decimal("-700"), Decimal("5"), Decimal("12000"), None, Decimal("0.1")]
    assert set(extreme_rows(values, 1)) == {4, 2}
    assert set(extreme_rows(values, 10)) == {2, 3, 4, 6}  # one row for each distinct value
    assert set(extreme_rows([Decimal("3"), Decimal("40"), Decimal("500")], 1)) == {2}  # no negatives: the largest
    assert extreme_rows([None, None]) == []


def test_a_nan_amount_falls_back_on_the_texts() -> None:
    p = make_portfolio(20)
    p.initiatives[3].costs[CostCategory.ANDET] = Decimal("NaN")
    p.initiatives[4].costs[CostCategory.ANDET] = Decimal("777777")
    model = InitiativesModel(p)
    model.set_show_costs(True)
    col = model.column_of(f"cost:{CostCategory.ANDET.value}")
    with pytest.raises(ArithmeticError):
        extreme_rows(amount_values(model, col))
    assert 4 in candidate_rows(model, col)


def test_fit_columns_on_an_empty_table(qtbot) -> None:
    panel = InitiativesPanel(lang="da")
    qtbot.addWidget(panel)
    panel.model.set_show_costs(True)
    fit_columns(panel.table, panel.model, range(panel.model.columnCount()))
    header = panel.table.horizontalHeader()
    assert all(header.sectionSize(c) == header.sectionSizeHint(c) for c in range(panel.model.columnCount()))


def _sums(totals: TotalsModel) -> dict[str, list[Decimal | None]]:
    return {totals.column_key(c): [totals.value(r, c) for r in range(3)] for c in range(totals.columnCount())}


@pytest.mark.parametrize("order", [("costs", "delta"), ("delta", "costs")])
def test_totals_of_shown_and_hidden_columns_equal_a_fresh_sum(qtbot, order: tuple[str, str]) -> None:
    panel = _panel(qtbot, _portfolio(120))
    model = panel.model
    totals = TotalsModel(model)
    switch = {"costs": model.set_show_costs, "delta": model.set_show_changes}
    for name in order:
        switch[name](True)
        assert _sums(totals) == _sums(TotalsModel(model)), name
        texts = [[totals.index(r, c).data() for c in range(totals.columnCount())] for r in range(3)]
        fresh = TotalsModel(model)
        assert texts == [[fresh.index(r, c).data() for c in range(fresh.columnCount())] for r in range(3)]
    delta = _sums(totals)["delta"][0]
    assert delta is not None and delta != 0
    for name in reversed(order):
        switch[name](False)
        assert _sums(totals) == _sums(TotalsModel(model)), name
    assert "delta" not in _sums(totals)


def test_totals_recompute_when_figures_changed_before_the_columns(qtbot) -> None:
    panel = _panel(qtbot, _portfolio(60))
    model = panel.model
    totals = TotalsModel(model)
    ini = model.portfolio.initiatives[0]
    ini.amounts[2024] = ini.amounts.get(2024, Decimal(0)) + Decimal("1000")
    model.refresh()  # dataChanged: the totals' recompute is due on the next event-loop turn
    model.set_show_costs(True)  # … and the columns change before it ran
    assert _sums(totals) == _sums(TotalsModel(model))


def test_every_column_is_as_wide_as_its_widest_cell_with_icons_and_narrow_long_texts(qtbot) -> None:
    """The text with the most characters is not the widest ('iiiiiiii' < 'WWWW'); a locked row's icon makes
    its cell wider than a longer value without one; the widths are those of measuring every cell."""
    p = make_portfolio(400, seed=31)
    p.initiatives[3].id = "iiiiiiiiiiii"
    p.initiatives[9].id = "WWWWWWWWWW"
    p.initiatives[12].area = "lllllllllllllllllllllll"
    p.initiatives[14].area = "MMMMMMMMMMMMMMMMMM"
    p.initiatives[20].locked = True  # a lock icon beside its id
    p.initiatives[21].locked_years = frozenset({2025})  # and beside its 2025 amount, the smallest of all
    for k, ini in enumerate(p.initiatives):
        ini.amounts[2025] = Decimal(100_000 + 7 * k) + Decimal("0.5")
    p.initiatives[21].amounts[2025] = Decimal("99999.5")
    panel = InitiativesPanel(lang="da")
    qtbot.addWidget(panel)
    panel.resize(1200, 500)
    panel.set_portfolio(p)
    model, header = panel.model, panel.table.horizontalHeader()
    name = model.column_of("name")
    columns = [c for c in range(model.columnCount()) if c != name]
    for col in columns:
        header.resizeSection(col, 5)
    panel.fit_columns(columns)
    for col in columns:
        assert header.sectionSize(col) == _widest_cell(panel, col), model.column_key(col)
    id_col = model.column_of("id")
    rows = candidate_rows(model, id_col, fm=QFontMetricsF(panel.table.font()))
    assert 9 in rows and 3 not in rows, "the widest id by pixels, not by characters"
    year = model.column_of("year:2025")
    assert header.sectionSize(year) > max(header.sectionSizeHint(year), _widest_cell_of(panel, year, skip=21)), \
        "the locked cell's icon makes the column wider than its largest amount"
