"""The budget chart: yearly totals stacked by phase against the frame, updated in place after edits."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest
from chart_fixtures import coded_sample, sample_portfolio
from pytestqt.qtbot import QtBot

from planner.amounts import format_amount
from planner.model import Portfolio
from planner.phases import PHASES
from ui.budget_chart import BudgetChart


@pytest.fixture
def chart(qtbot: QtBot) -> BudgetChart:
    c = BudgetChart()
    qtbot.addWidget(c)
    c.resize(1200, 700)
    c.show()
    c.set_portfolio(sample_portfolio())
    return c


def _as_float(d: dict[int, Decimal]) -> dict[int, float]:
    return {y: pytest.approx(float(a)) for y, a in d.items()}


def test_bars_equal_the_models_yearly_totals(chart: BudgetChart) -> None:
    portfolio = sample_portfolio()
    assert chart.chart_totals() == _as_float(portfolio.totals_by_year())


def test_bars_are_stacked_by_phase(chart: BudgetChart) -> None:
    items = chart.phase_items()
    base = None
    for phase in PHASES:
        opts = items[phase].opts
        if base is not None:
            assert np.allclose(opts["y0"], base)
        base = np.asarray(opts["y0"]) + np.asarray(opts["height"])


def test_frame_total_only_is_shown_as_text(chart: BudgetChart) -> None:
    portfolio = sample_portfolio()
    assert portfolio.frame.total is not None and not portfolio.frame.by_year
    assert not chart.frame_item().isVisible()
    text = chart.summary_text()
    assert f"Ramme i alt: {format_amount(portfolio.frame.total)} mio. kr." in text
    assert f"Fordelt: {format_amount(portfolio.total())} mio. kr." in text


def test_frame_per_year_as_a_line_and_years_over_it_marked(qtbot: QtBot) -> None:
    p = coded_sample()
    totals = p.totals_by_year()
    p.frame.total = None
    p.frame.by_year = {y: t - Decimal("1") if y == 2024 else t + Decimal("1") for y, t in totals.items()}
    c = BudgetChart(p)
    qtbot.addWidget(c)
    assert c.frame_by_year() == _as_float(p.frame.by_year)
    assert c.frame_item().isVisible()
    assert c.over_years() == [2024]
    assert "Ramme (sum af år)" in c.summary_text()


def test_edit_then_refresh_updates_the_same_items(chart: BudgetChart, qtbot: QtBot) -> None:
    portfolio = chart._portfolio
    items = chart.phase_items()
    frame, over = chart.frame_item(), chart.over_item()
    portfolio.set_amount("V1", 2025, portfolio.get("V1").amount(2025) + Decimal("7.5"))
    portfolio.frame.total = None
    portfolio.frame.by_year = {y: Decimal("30") for y in portfolio.all_years()}
    chart.refresh()
    qtbot.waitUntil(lambda: not chart._timer.isActive(), timeout=2000)
    assert chart.phase_items() == items
    assert all(chart.phase_items()[k] is items[k] for k in items)
    assert chart.frame_item() is frame and chart.over_item() is over
    assert chart.chart_totals() == _as_float(portfolio.totals_by_year())
    assert chart.frame_by_year() == {y: 30.0 for y in portfolio.all_years()}
    assert chart.over_years() == [y for y, t in portfolio.totals_by_year().items() if t > 30]


def test_over_the_total_frame_is_said_in_words(qtbot: QtBot) -> None:
    p = coded_sample()
    p.frame.total = p.total() - Decimal("2.5")
    c = BudgetChart(p)
    qtbot.addWidget(c)
    assert "Over rammen: 2,5 mio. kr." in c.summary_text()


def test_empty_portfolio_builds(qtbot: QtBot) -> None:
    c = BudgetChart(Portfolio())
    qtbot.addWidget(c)
    c.show()
    assert c.chart_totals() == {}
    assert not c.grab().isNull()
