"""The timeline (Gantt) view: bars per initiative grouped by area, the next-phase journey, selection,
tooltips, zoom and fit, and updates in place."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from chart_fixtures import coded_sample, sample_portfolio
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from planner.amounts import format_amount
from planner.model import AREA_ADULTS, AREA_CHILDREN, Initiative, Portfolio
from planner.phases import Phase
from planner.synthetic import make_portfolio
from ui.timeline_items import plain_to_tooltip_html
from ui.timeline_view import TimelineView

SAMPLE_IDS = ["V1", "V2", "V3", "V4", "V5", "V6", "V7", "B1", "B2", "B3", "B4", "B5", "B6"]


@pytest.fixture
def view(qtbot: QtBot) -> TimelineView:
    v = TimelineView()
    qtbot.addWidget(v)
    v.resize(1400, 800)
    v.show()
    qtbot.waitExposed(v)
    v.set_portfolio(sample_portfolio())
    return v


def _bar_pos(view: TimelineView, initiative_id: str, *, next_bar: bool = False) -> QPoint:
    """Where the user sees a bar: its middle, in the plot viewport's coordinates."""
    layout = view.timeline_layout()
    row = layout.row_of[initiative_id]
    bar = next(b for b in layout.bars_by_row[row] if b.next == next_bar)
    plot = view.plot_widget()
    vb = plot.getPlotItem().getViewBox()
    scene = vb.mapViewToScene(QPointF((bar.x0 + bar.x1) / 2, row))
    return plot.mapFromScene(scene)


def _image(view: TimelineView) -> QImage:
    return view.grab().toImage()


def test_sample_gives_thirteen_bars_grouped_by_area(view: TimelineView) -> None:
    assert view.bar_count() == 13
    rows = view.timeline_layout().rows
    headers = [r for r in rows if r.kind == "header"]
    assert [h.label for h in headers] == [AREA_ADULTS, AREA_CHILDREN]
    assert [r.initiative_id for r in rows if r.kind == "initiative"] == SAMPLE_IDS
    current_area = None
    for r in rows:
        if r.kind == "header":
            current_area = r.area
        else:
            assert r.area == current_area, r.initiative_id


def test_next_phase_bars_start_at_the_round_they_may_be_proposed_to(view: TimelineView) -> None:
    portfolio = sample_portfolio()
    layout = view.timeline_layout()
    end = max(portfolio.all_years()) + 1
    expected = {i.id for i in portfolio.initiatives if i.next_round_year and (i.next_phase or i.phase)}
    assert expected, "the sample has initiatives with a next round"
    next_bars = {b.initiative_id: b for b in layout.bars() if b.next}
    assert set(next_bars) == expected
    for ini in portfolio.initiatives:
        if ini.id in next_bars:
            bar = next_bars[ini.id]
            assert bar.x0 == ini.next_round_year
            assert bar.x1 == max(ini.next_round_year + 1, end)
            assert bar.phase == (ini.next_phase or ini.phase.next())
    v1 = next_bars["V1"]
    assert (v1.phase, v1.x0) == (Phase.AFPROEVNING, 2027)


def test_quarters_shape_the_bar() -> None:
    from ui.timeline_items import initiative_span

    ini = Initiative(id="X", name="x", start_year=2023, start_quarter=3, end_year=2026, end_quarter=2)
    assert initiative_span(ini) == (2023.5, 2026.5)
    assert initiative_span(Initiative(id="Y", name="y", start_year=2024, end_year=2025)) == (2024.0, 2026.0)


def test_clicking_a_bar_selects_it_and_tells_the_window(view: TimelineView, qtbot: QtBot) -> None:
    viewport = view.plot_widget().viewport()
    with qtbot.waitSignal(view.initiative_selected, timeout=2000) as sig:
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=_bar_pos(view, "B4"))
    assert sig.args == ["B4"]
    assert view.selected_initiative() == "B4"
    with qtbot.waitSignal(view.initiative_selected, timeout=2000) as sig:
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=_bar_pos(view, "V1", next_bar=True))
    assert sig.args == ["V1"]


def test_select_initiative_restyles_without_signal_or_rebuild(view: TimelineView, qtbot: QtBot) -> None:
    items_before = list(view.plot_widget().getPlotItem().items)
    before = _image(view)
    with qtbot.assertNotEmitted(view.initiative_selected):
        view.select_initiative("V3")
    qtbot.wait(10)
    after = _image(view)
    assert view.selected_initiative() == "V3"
    assert before != after, "the selection must be visible"
    assert list(view.plot_widget().getPlotItem().items) == items_before
    view.select_initiative(None)
    assert view.selected_initiative() is None


def test_tooltip_is_plain_text_with_name_phase_years_and_amounts(qtbot: QtBot) -> None:
    p = coded_sample()
    p.initiatives[0].name = "<b>Fed</b> & <script>x</script>"
    v = TimelineView(p)
    qtbot.addWidget(v)
    text = v.tooltip_for("V1")
    assert "<b>Fed</b> & <script>x</script>" in text
    assert "Modning" in text and "2023 K3–2026 K4" in text
    assert "5,6 mio. kr." in text and "19,8" in text
    html = plain_to_tooltip_html(text)
    assert "<b>" not in html and "&lt;b&gt;Fed&lt;/b&gt; &amp; &lt;script&gt;" in html


def test_filters_and_area_steps(view: TimelineView) -> None:
    view.set_visible_ids({"V2", "B5"})
    assert view.bar_count() == 2
    assert [r.label for r in view.timeline_layout().rows if r.kind == "header"] == [AREA_ADULTS, AREA_CHILDREN]
    view.set_visible_ids(None)
    view.show_area(AREA_CHILDREN)
    assert view.bar_count() == 6
    assert view.areas() == [AREA_ADULTS, AREA_CHILDREN]
    view.show_area(None)
    assert view.bar_count() == 13


def test_keyboard_zoom_pan_and_fit_all(view: TimelineView, qtbot: QtBot) -> None:
    vb = view.plot_widget().getPlotItem().getViewBox()
    view.fit_all()
    (x0, x1), (y0, y1) = vb.viewRange()
    assert y0 <= 0 and y1 >= view.row_count() - 1
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    (zx0, zx1), _ = vb.viewRange()
    assert zx1 - zx0 < x1 - x0
    qtbot.keyClick(view, Qt.Key.Key_Right)
    (px0, _px1), _ = vb.viewRange()
    assert px0 > zx0
    qtbot.keyClick(view, Qt.Key.Key_0)
    assert vb.viewRange()[0] == pytest.approx([x0, x1])


def test_status_date_and_today_lines(view: TimelineView) -> None:
    view.set_today(date(2026, 7, 2))
    assert view._today_line.value() == pytest.approx(2026.5, abs=0.01)
    assert not view._status_line.isVisible()
    view.set_status_date(date(2025, 1, 1))
    assert view._status_line.isVisible() and view._status_line.value() == 2025.0
    assert "Status 1. januar 2025" in view._status_line.label.toPlainText()
    view.set_status_date(None)
    assert not view._status_line.isVisible()


def test_refresh_updates_in_place_and_coalesces(view: TimelineView, qtbot: QtBot) -> None:
    portfolio = view._portfolio
    bars_item = view._bars
    portfolio.get("V3").end_year = 2027
    portfolio.get("B6").phase = Phase.MODNING
    for _ in range(5):
        view.refresh()
    qtbot.waitUntil(lambda: not view._refresh_timer.isActive(), timeout=2000)
    row = view.timeline_layout().row_of["V3"]
    bar = next(b for b in view.timeline_layout().bars_by_row[row] if not b.next)
    assert bar.x1 == 2028.0
    assert view._bars is bars_item
    row = view.timeline_layout().row_of["B6"]
    assert next(b for b in view.timeline_layout().bars_by_row[row] if not b.next).phase == Phase.MODNING


def test_presentation_mode_enlarges_labels(view: TimelineView) -> None:
    before = view.legend().sizeHint().height()
    view.set_presentation(True)
    assert view.legend().sizeHint().height() > before
    view.set_presentation(False)


def test_empty_portfolio_and_minimum_size(qtbot: QtBot) -> None:
    v = TimelineView(Portfolio())
    qtbot.addWidget(v)
    v.resize(v.minimumSizeHint().expandedTo(v.minimumSize()))
    v.show()
    assert v.bar_count() == 0
    assert v.minimumSize().width() >= 400
    assert not v.grab().isNull()


def test_many_initiatives_build_and_paint(qtbot: QtBot) -> None:
    p = make_portfolio(1000)
    v = TimelineView()
    qtbot.addWidget(v)
    v.resize(1200, 700)
    v.show()
    v.set_portfolio(p)
    assert v.bar_count() == sum(1 for i in p.initiatives if i.years_span() is not None)
    assert not v.grab().isNull()
    v.select_initiative(p.initiatives[-1].id)
    top, bottom = v.plot_widget().getPlotItem().getViewBox().viewRange()[1]
    row = v.timeline_layout().row_of[p.initiatives[-1].id]
    assert top <= row <= bottom, "selecting scrolls the bar into view"


def test_amounts_change_in_bar_labels(view: TimelineView, qtbot: QtBot) -> None:
    portfolio = view._portfolio
    portfolio.set_amount("V1", 2024, portfolio.get("V1").amount(2024) + Decimal("4.4"))
    expected = f"{format_amount(portfolio.get('V1').total)} mio. kr."
    assert expected not in view._bars._labels["V1"]
    view.refresh()
    qtbot.waitUntil(lambda: expected in view._bars._labels["V1"], timeout=2000)


def test_refresh_of_named_initiatives_updates_their_bars_and_the_area_total(view: TimelineView,
                                                                           qtbot: QtBot) -> None:
    portfolio = view._portfolio
    ini = portfolio.get("B2")
    ini.end_year = ini.start_year
    ini.end_quarter = None
    portfolio.set_amount("B2", ini.start_year, ini.amount(ini.start_year) + Decimal("100"))
    view.refresh(["B2"])
    qtbot.waitUntil(lambda: not view._refresh_timer.isActive(), timeout=2000)
    layout = view.timeline_layout()
    bar = next(b for b in layout.bars_by_row[layout.row_of["B2"]] if not b.next)
    assert bar.x1 == ini.start_year + 1
    children = next(r for r in layout.rows if r.kind == "header" and r.area == AREA_CHILDREN)
    expected = sum((i.total for i in portfolio.initiatives if i.area == AREA_CHILDREN), Decimal(0))
    assert f"{format_amount(expected)} mio. kr." in children.detail


def test_year_axis_shows_years_and_quarters_when_zoomed_in(qtbot: QtBot) -> None:
    from ui.chart_parts import YearAxis

    axis = YearAxis()
    [(_, values)] = axis.tickValues(2023.0, 2026.0, 600)
    assert axis.tickStrings(values, 1, 1) == ["2023", "2024", "2025"]
    [(_, values)] = axis.tickValues(2024.0, 2025.0, 1200)
    assert axis.tickStrings(values, 1, 1) == ["K1 2024", "K2 2024", "K3 2024", "K4 2024"]


def test_hovering_a_bar_shows_its_tooltip(view: TimelineView, qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QToolTip

    viewport = view.plot_widget().viewport()
    qtbot.mouseMove(viewport, _bar_pos(view, "V2"))
    qtbot.waitUntil(lambda: QToolTip.isVisible() and "V2" in QToolTip.text(), timeout=3000)
    assert view._portfolio.get("V2").name.split()[0] in QToolTip.text()
