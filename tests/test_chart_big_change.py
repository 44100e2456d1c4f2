"""A change set naming hundreds of initiatives (fit to frame, its undo, reset, a scenario) makes the charts
sum again in whole-list passes (ui.cell_sums) instead of adding each initiative's differences. What they show
afterwards must equal charts built afresh on the same portfolio, and a single edit after it must still add
up: budget bars, labels and summary; pipeline lane lines, lane texts and layout; the re-balancing figures.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from planner.edits import apply, edit_cell
from planner.model import Frame, Portfolio
from planner.phases import PHASES
from planner.rebalance import fit_to_frame
from planner.synthetic import make_portfolio
from ui.budget_chart import BudgetChart
from ui.cell_sums import BIG_CHANGE
from ui.pipeline_view import PipelineView
from ui.rebalance_charts import RebalanceCharts

N = BIG_CHANGE + 150


def _portfolio() -> Portfolio:
    p = make_portfolio(N, seed=7)
    totals = p.totals_by_year()
    p.frame = Frame(by_year={y: (t * Decimal("0.9")).quantize(Decimal("0.1")) for y, t in totals.items()})
    p.revalidate()
    return p


def _budget_view(chart: BudgetChart) -> object:
    years = sorted(chart.chart_totals())
    return (chart.chart_totals(), chart.over_years(), chart.summary_text(), chart.frame_by_year(),
            [chart.year_label(y) for y in years],
            {p: (list(b.opts["x"]), list(b.opts["height"]), list(b.opts["y0"]))
             for p, b in chart.phase_items().items()})


def _pipeline_view(view: PipelineView) -> object:
    lay = view.pipeline_layout()
    return (view.lane_amounts(), view.lane_labels(), [view.amount_texts(lane.phase) for lane in lay.lanes],
            lay.totals, lay.bars_by_row, lay.row_kind)


def _rebalance_view(charts: RebalanceCharts) -> object:
    return (charts.stack_data(), charts.totals_data(), charts.frame_line(), charts.over_years(),
            charts.stacked.summary.toPlainText())


class Charts:
    def __init__(self, p: Portfolio) -> None:
        self.budget, self.pipeline = BudgetChart(p), PipelineView(p)
        self.rebalance = RebalanceCharts(p)
        self.rebalance.set_mode("phase")

    def refresh(self, ids: set[str]) -> None:
        for chart in (self.budget, self.pipeline, self.rebalance):
            chart.refresh(ids)
        self.budget.flush()
        self.rebalance.flush()
        self.pipeline.pipeline_layout()

    def assert_as_built_afresh(self, p: Portfolio) -> None:
        fresh = Charts(p)
        assert _budget_view(self.budget) == _budget_view(fresh.budget)
        assert _pipeline_view(self.pipeline) == _pipeline_view(fresh.pipeline)
        assert _rebalance_view(self.rebalance) == _rebalance_view(fresh.rebalance)
        self.rebalance.set_mode("initiative")
        fresh.rebalance.set_mode("initiative")
        assert _rebalance_view(self.rebalance) == _rebalance_view(fresh.rebalance)
        self.rebalance.set_mode("phase")


@pytest.fixture
def charts(qtbot) -> Charts:  # noqa: ARG001 (the QApplication)
    return Charts(_portfolio())


def test_fit_undo_and_redo_then_a_single_edit_show_what_charts_built_afresh_show(charts) -> None:
    p = charts.budget.portfolio()
    layout = charts.pipeline.pipeline_layout()
    changes = fit_to_frame(p, None)
    assert len(changes.ids) > BIG_CHANGE
    apply(p, changes)
    charts.refresh(set(changes.ids))
    assert charts.pipeline.pipeline_layout() is layout  # the lines were summed again, not laid out anew
    charts.assert_as_built_afresh(p)
    apply(p, changes.inverse())
    charts.refresh(set(changes.ids))
    charts.assert_as_built_afresh(p)
    apply(p, changes)
    charts.refresh(set(changes.ids))
    ini = p.initiatives[3]
    year = min(ini.amounts)
    single = edit_cell(p, ini.id, year, ini.amounts[year] + Decimal("7.3"))
    apply(p, single)
    charts.refresh({ini.id})
    charts.assert_as_built_afresh(p)


def test_a_big_change_that_moves_bars_or_the_phase_lays_the_lanes_out_again(charts) -> None:
    p = charts.budget.portfolio()
    layout = charts.pipeline.pipeline_layout()
    for ini in p.initiatives:
        for y in ini.amounts:
            ini.amounts[y] += Decimal("0.1")
    first = p.initiatives[0]
    first.start_year = None
    first.end_year = None
    first.amounts = {y: Decimal(0) for y in first.amounts} | {max(first.amounts): Decimal("2.5")}
    second = p.initiatives[1]
    second.phase = next(phase for phase in PHASES if phase != second.phase)
    charts.refresh({ini.id for ini in p.initiatives})
    assert charts.pipeline.pipeline_layout() is not layout
    charts.assert_as_built_afresh(p)


def test_amounts_finer_than_a_tenth_take_the_per_change_path_and_still_add_up(charts) -> None:
    p = charts.budget.portfolio()
    for ini in p.initiatives:
        for y in ini.amounts:
            ini.amounts[y] += Decimal("0.05")
    charts.refresh({ini.id for ini in p.initiatives})
    charts.assert_as_built_afresh(p)
