"""The re-balancing panel: the live charts show the model's figures after every edit, without new items."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

import pytest
from chart_fixtures import coded_sample
from pytestqt.qtbot import QtBot

from planner.edits import ChangeSet, apply, edit_cell, revert
from planner.model import Portfolio
from planner.synthetic import make_portfolio
from ui.rebalance_charts import MODE_AREA, MODE_INITIATIVE, MODE_PHASE, MODES, RebalanceCharts


@pytest.fixture
def portfolio() -> Portfolio:
    return coded_sample()


@pytest.fixture
def charts(qtbot: QtBot, portfolio: Portfolio) -> RebalanceCharts:
    c = RebalanceCharts(portfolio)
    qtbot.addWidget(c)
    c.resize(480, 820)
    c.show()
    return c


def expected_stack(p: Portfolio, mode: str) -> dict[str, dict[int, float]]:
    """What the stacked chart should show, computed straight from the model (Decimal, then float)."""
    years = p.all_years()
    out: dict[str, dict[int, Decimal]] = defaultdict(lambda: {y: Decimal(0) for y in years})
    for ini in p.initiatives:
        key = {MODE_INITIATIVE: ini.id, MODE_PHASE: ini.phase.value if ini.phase else "ukendt",
               MODE_AREA: ini.area}[mode]
        for y, a in ini.amounts.items():
            out[key][y] += a
    return {k: {y: float(a) for y, a in v.items()} for k, v in out.items()}


def shown(charts: RebalanceCharts) -> dict[str, dict[int, float]]:
    """The chart's series without the all-zero ones (a phase nobody is in is drawn with height 0)."""
    return {k: v for k, v in charts.stack_data().items() if any(v.values())}


def approx(d: dict[str, dict[int, float]]) -> dict[str, object]:
    return {k: pytest.approx(v) for k, v in d.items() if any(v.values())}


def edits(p: Portfolio) -> list[ChangeSet]:
    return [edit_cell(p, "V7", 2024, "4,0"), edit_cell(p, "B3", 2027, "0"), edit_cell(p, "V4", 2025, "2.5"),
            edit_cell(p, "B1", 2023, None)]


@pytest.mark.parametrize("mode", MODES)
def test_chart_data_equals_the_model_after_edits(charts: RebalanceCharts, portfolio: Portfolio, mode: str) -> None:
    charts.set_mode(mode)
    assert shown(charts) == approx(expected_stack(portfolio, mode))
    for cs in edits(portfolio):
        apply(portfolio, cs)
        charts.refresh(cs.initiative_ids())
        assert shown(charts) == approx(expected_stack(portfolio, mode))
    before = charts.stack_data()
    apply(portfolio, edit_cell(portfolio, "V1", 2026, "9,9"))
    charts.refresh()  # no ids: the panel finds the changed row itself
    assert charts.stack_data() != before
    assert shown(charts) == approx(expected_stack(portfolio, mode))


def test_many_edits_in_one_turn_are_one_update(charts: RebalanceCharts, portfolio: Portfolio) -> None:
    calls = []
    original = charts._draw
    charts._draw = lambda: (calls.append(1), original())[1]  # type: ignore[method-assign]
    for cs in edits(portfolio):
        apply(portfolio, cs)
        charts.refresh(cs.ids)
    charts.flush()
    assert len(calls) == 1
    assert shown(charts) == approx(expected_stack(portfolio, MODE_INITIATIVE))


def test_a_phase_change_moves_the_initiative_to_another_stack(charts: RebalanceCharts, portfolio: Portfolio) -> None:
    charts.set_mode(MODE_PHASE)
    portfolio.get("V7").phase = "Udbredelse"
    charts.refresh()
    assert shown(charts) == approx(expected_stack(portfolio, MODE_PHASE))
    assert charts.totals_data()["phase"]["udbredelse"] == pytest.approx(float(
        sum((i.total for i in portfolio.initiatives if i.phase and i.phase.value == "udbredelse"), Decimal(0))))


def test_items_are_updated_not_rebuilt(charts: RebalanceCharts, portfolio: Portfolio) -> None:
    charts.select_initiative("V7")
    charts.flush()
    items = charts.items()
    scene_items = [len(c.plot.getPlotItem().items) for c in (charts.stacked, charts.totals, charts.profile)]
    for mode in MODES:
        charts.set_mode(mode)
        for cs in edits(portfolio):
            apply(portfolio, cs)
            charts.refresh(cs.ids)
            charts.flush()
            revert(portfolio, cs)
            charts.refresh(cs.ids)
            charts.flush()
    assert all(a is b for a, b in zip(charts.items(), items, strict=True))
    assert [len(c.plot.getPlotItem().items) for c in (charts.stacked, charts.totals, charts.profile)] == scene_items


def _framed(p: Portfolio, over_year: int) -> Portfolio:
    """A yearly frame 1 above every year's total, except ``over_year`` which is 1 below."""
    totals = p.totals_by_year()
    p.frame.total = None
    p.frame.by_year = {y: t + (Decimal(-1) if y == over_year else Decimal(1)) for y, t in totals.items()}
    return p


def test_frame_line_equals_the_frame_and_years_over_it_are_marked(qtbot: QtBot) -> None:
    p = _framed(coded_sample(), 2024)
    charts = RebalanceCharts(p)
    qtbot.addWidget(charts)
    assert charts.frame_line() == {y: pytest.approx(float(a)) for y, a in p.frame.by_year.items()}
    assert charts.over_years() == [2024]
    labels = charts.stacked.values.texts()
    assert any("1,0 over" in t for t in labels), labels
    cs = edit_cell(p, "V1", 2024, p.get("V1").amount(2024) - Decimal("1.5"))
    apply(p, cs)
    charts.refresh(cs.ids)
    assert charts.over_years() == []
    cs2 = edit_cell(p, "B5", 2026, p.get("B5").amount(2026) + Decimal("1.1"))
    apply(p, cs2)
    charts.refresh(cs2.ids)
    assert charts.over_years() == [2026]
    assert any("0,1 over" in t for t in charts.stacked.values.texts())


def test_exactly_at_the_frame_is_not_over(qtbot: QtBot) -> None:
    p = coded_sample()
    p.frame.total = None
    p.frame.by_year = dict(p.totals_by_year())
    charts = RebalanceCharts(p)
    qtbot.addWidget(charts)
    assert charts.over_years() == []


def test_a_total_frame_is_an_annotation(charts: RebalanceCharts, portfolio: Portfolio) -> None:
    assert charts.frame_line() == {}
    assert not charts.stacked.frame.isVisible()
    text = charts.stacked.summary.toPlainText()
    assert "Ramme i alt: 132,1" in text and "Rest:" in text
    apply(portfolio, edit_cell(portfolio, "V1", 2027, "20"))
    charts.refresh(["V1"])
    charts.flush()
    text = charts.stacked.summary.toPlainText()
    assert "Over rammen:" in text


def test_profile_shows_the_selected_initiative_against_its_baseline(charts: RebalanceCharts,
                                                                    portfolio: Portfolio) -> None:
    assert charts.profile_data()["id"] is None
    original = {y: float(portfolio.get("V7").amount(y)) for y in portfolio.all_years()}
    charts.select_initiative("V7")
    apply(portfolio, edit_cell(portfolio, "V7", 2024, "4,0"))
    charts.refresh(["V7"])
    data = charts.profile_data()
    assert data["id"] == "V7"
    assert data["current"] == {y: pytest.approx(float(portfolio.get("V7").amount(y))) for y in original}
    assert data["baseline"] == pytest.approx(original)
    assert data["current"][2024] == pytest.approx(4.0) and data["baseline"][2024] == pytest.approx(2.2)
    assert any("+1,8" in t for t in charts.profile.values.texts())
    assert charts.profile_title.toolTip().startswith("V7 · ")
    charts.select_initiative(None)
    assert charts.profile_data()["id"] is None


def test_ghost_bars_are_the_baseline_totals_and_can_be_hidden(charts: RebalanceCharts,
                                                              portfolio: Portfolio) -> None:
    baseline = {y: pytest.approx(float(a)) for y, a in portfolio.totals_by_year().items()}
    apply(portfolio, edit_cell(portfolio, "B4", 2025, "0"))
    charts.refresh(["B4"])
    assert charts.ghost_totals() == baseline
    assert charts.stack_data()["B4"][2025] == 0.0
    charts.ghost_box.setChecked(False)
    assert charts.ghost_totals() == {}


def test_totals_by_phase_and_area_equal_the_model(charts: RebalanceCharts, portfolio: Portfolio) -> None:
    for cs in edits(portfolio):
        apply(portfolio, cs)
        charts.refresh(cs.ids)
    data = charts.totals_data()
    assert data["phase"] == {k: pytest.approx(float(v)) for k, v in portfolio.by_phase().items()} | {
        k: 0.0 for k in data["phase"] if k not in portfolio.by_phase()}
    assert data["area"] == {k: pytest.approx(float(v)) for k, v in portfolio.by_area().items()}


def test_thousands_of_initiatives_stay_exact_per_initiative(qtbot: QtBot) -> None:
    p = make_portfolio(2_000, seed=4)
    charts = RebalanceCharts(p)
    qtbot.addWidget(charts)
    charts.resize(480, 820)
    ini = p.initiatives[1234]
    year = min(ini.amounts)
    cs = edit_cell(p, ini.id, year, ini.amount(year) + Decimal("7.3"))
    apply(p, cs)
    charts.refresh(cs.ids)
    data = charts.stack_data()
    assert data[ini.id][year] == pytest.approx(float(ini.amount(year)))
    assert shown(charts) == approx(expected_stack(p, MODE_INITIATIVE))
    assert charts.stacked.values.texts()[0].replace("\n", " ").startswith(
        __import__("planner.amounts", fromlist=["x"]).format_amount(p.totals_by_year()[p.all_years()[0]]))


def test_builds_on_an_empty_portfolio_has_a_sane_size_and_renders(qtbot: QtBot) -> None:
    charts = RebalanceCharts(Portfolio())
    qtbot.addWidget(charts)
    charts.resize(charts.sizeHint())
    charts.show()
    assert charts.stack_data() == {} or all(not any(v.values()) for v in charts.stack_data().values())
    assert 300 <= charts.minimumWidth() <= 500 and charts.minimumHeight() <= 600
    charts.set_portfolio(coded_sample())
    image = charts.grab().toImage()
    assert not image.isNull()
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 10
