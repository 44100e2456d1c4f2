"""Presentation mode: the key totals of each area (kept per area, not re-summed per step) and leaving
restores the window as it was, cost columns included."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

from planner.synthetic import make_portfolio
from tests.ui_helpers import make_window
from ui.presentation import KeyTotalsBar


def _fresh_text(p, area: str | None, lang: str = "da") -> str:  # type: ignore[no-untyped-def]
    bar = KeyTotalsBar(lang)
    bar.set_area(area)
    bar.update_from(p)
    return bar.label.text()


def test_key_totals_per_area_equal_a_fresh_sum_through_edits(qtbot) -> None:
    p = make_portfolio(200)
    bar = KeyTotalsBar("da")
    qtbot.addWidget(bar)
    bar.update_from(p)
    areas = sorted({i.area for i in p.initiatives if i.area})
    assert len(areas) >= 2
    for area in [*areas, None]:
        bar.show_area(p, area)
        assert bar.label.text() == _fresh_text(p, area), area
    # an amount edit reported with its ids: the kept sums follow
    ini = next(i for i in p.initiatives if i.area == areas[0])
    year = min(ini.amounts, default=2024)
    ini.amounts[year] = ini.amounts.get(year, Decimal(0)) + Decimal("123.4")
    bar.update_from(p, SimpleNamespace(ids=(ini.id,)))
    for area in [None, *areas]:
        bar.show_area(p, area)
        assert bar.label.text() == _fresh_text(p, area), area
    # its area changed too (with an amount ChangeSet): everything is summed again
    ini.area = areas[1]
    ini.amounts[year] += Decimal("1")
    bar.update_from(p, SimpleNamespace(ids=(ini.id,)))
    for area in areas:
        bar.show_area(p, area)
        assert bar.label.text() == _fresh_text(p, area), area
    # another portfolio: summed afresh
    other = make_portfolio(30, seed=4)
    bar.show_area(other, None)
    assert bar.label.text() == _fresh_text(other, None)


def test_presentation_on_and_off_restores_the_layout_with_the_cost_columns(qtbot) -> None:
    window = make_window(qtbot)
    window.resize(1400, 900)
    window.document.replace(make_portfolio(300), "")
    window.edit.show_costs.trigger()
    window.edit.show_changes.trigger()
    qtbot.wait(20)
    header = window.table_panel.table.horizontalHeader()
    widths = [header.sectionSize(c) for c in range(header.count())]
    sizes = window.splitter.sizes()
    shown = [w.isVisible() for w in window.presentation_hidden_widgets()]
    label = window.totals.label.text()
    p = window.document.portfolio

    window.view.presentation.trigger()
    qtbot.wait(20)
    assert window.presentation.active and not window.lower.isVisible()
    areas = window.presentation.areas()
    assert areas == list(dict.fromkeys(i.area for i in p.initiatives if i.area))
    for area in areas:
        window.presentation.next_area()
        assert window.presentation.current_area() == area
        assert window.totals.label.text() == _fresh_text(p, area, window.lang)
    window.presentation.next_area()
    assert window.presentation.current_area() is None
    window.view.presentation.trigger()
    qtbot.wait(20)

    assert not window.presentation.active
    assert [w.isVisible() for w in window.presentation_hidden_widgets()] == shown
    assert window.splitter.sizes() == sizes
    assert [header.sectionSize(c) for c in range(header.count())] == widths
    assert window.totals.label.text() == label == _fresh_text(p, None, window.lang)
