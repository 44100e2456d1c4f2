"""The by-phase view: four SUSI swim lanes, each initiative in its lane, lane amounts per year."""

from __future__ import annotations

from decimal import Decimal

import pytest
from chart_fixtures import coded_sample, sample_portfolio
from PySide6.QtCore import QPointF, Qt
from pytestqt.qtbot import QtBot

from planner.amounts import ZERO
from planner.model import Portfolio
from planner.phases import PHASES, Phase
from ui.pipeline_view import PipelineView


@pytest.fixture
def view(qtbot: QtBot) -> PipelineView:
    v = PipelineView()
    qtbot.addWidget(v)
    v.resize(1400, 850)
    v.show()
    qtbot.waitExposed(v)
    v.set_portfolio(sample_portfolio())
    return v


def test_four_lanes_in_ladder_order(view: PipelineView) -> None:
    assert view.lane_count() == 4
    assert [lane.phase for lane in view.pipeline_layout().lanes] == list(PHASES)


def test_each_initiative_sits_in_the_lane_of_its_phase(view: PipelineView) -> None:
    portfolio = sample_portfolio()
    for ini in portfolio.initiatives:
        assert view.lane_of(ini.id) == ini.phase, ini.id
    layout = view.pipeline_layout()
    for lane in layout.lanes:
        rows = range(lane.first_row + 1, lane.last_row)
        current = {b.initiative_id for r in rows for b in layout.bars_by_row[r] if not b.next}
        assert current == {i.id for i in portfolio.initiatives if i.phase == lane.phase and i.years_span()}


def test_lane_year_amounts_equal_the_models_sums(view: PipelineView) -> None:
    portfolio = sample_portfolio()
    expected: dict[Phase | None, dict[int, Decimal]] = {}
    for ini in portfolio.initiatives:
        for year, amount in ini.amounts.items():
            lane = expected.setdefault(ini.phase, {})
            lane[year] = lane.get(year, ZERO) + amount
    shown = view.lane_amounts()
    for phase in PHASES:
        nonzero = {y: a for y, a in shown[phase].items() if a != 0}
        assert nonzero == {y: a for y, a in expected.get(phase, {}).items() if a != 0}, phase
    assert view.pipeline_layout().totals == portfolio.totals_by_year()


def test_next_phase_shows_in_the_next_lane(view: PipelineView) -> None:
    layout = view.pipeline_layout()
    afproevning = next(lane for lane in layout.lanes if lane.phase == Phase.AFPROEVNING)
    rows = range(afproevning.first_row + 1, afproevning.last_row)
    maybe = {b.initiative_id for r in rows for b in layout.bars_by_row[r] if b.next}
    portfolio = sample_portfolio()
    assert maybe == {i.id for i in portfolio.initiatives
                     if i.next_round_year and (i.next_phase or (i.phase and i.phase.next())) == Phase.AFPROEVNING}
    assert maybe, "the sample has initiatives that may go on to Afprøvning"


def test_selection_both_ways(view: PipelineView, qtbot: QtBot) -> None:
    layout = view.pipeline_layout()
    bar = next(b for bars in layout.bars_by_row for b in bars if b.initiative_id == "V2" and not b.next)
    plot = view._plot
    vb = plot.getPlotItem().getViewBox()
    pos = plot.mapFromScene(vb.mapViewToScene(QPointF((bar.x0 + bar.x1) / 2, bar.row)))
    with qtbot.waitSignal(view.initiative_selected, timeout=2000) as sig:
        qtbot.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert sig.args == ["V2"]
    before = view.grab().toImage()
    with qtbot.assertNotEmitted(view.initiative_selected):
        view.select_initiative("B3")
    assert view.selected_initiative() == "B3"
    assert view.grab().toImage() != before


def test_refresh_follows_an_edit(view: PipelineView, qtbot: QtBot) -> None:
    portfolio = view._portfolio
    ini = portfolio.initiatives[0]
    old = view.lane_amounts()[ini.phase][2024]
    portfolio.set_amount(ini.id, 2024, ini.amount(2024) + Decimal("1.5"))
    view.refresh()
    qtbot.waitUntil(lambda: view.lane_amounts()[ini.phase][2024] == old + Decimal("1.5"), timeout=2000)


def test_unknown_phase_gets_its_own_lane_and_empty_portfolio_builds(qtbot: QtBot) -> None:
    p = coded_sample()
    p.initiatives[0].phase = None
    v = PipelineView(p)
    qtbot.addWidget(v)
    assert v.lane_count() == 5 and v.lane_of(p.initiatives[0].id) is None
    empty = PipelineView(Portfolio())
    qtbot.addWidget(empty)
    empty.show()
    assert empty.lane_count() == 4
    assert not empty.grab().isNull()
