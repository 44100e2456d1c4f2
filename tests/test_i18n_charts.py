"""The charts and pictures follow the language: area names, amounts (12,7 / 12.7), the unit and dates."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from planner.model import AREA_ADULTS, Initiative, Portfolio
from planner.phases import Phase
from ui import i18n
from ui.budget_chart import BudgetChart
from ui.initiatives_model import InitiativesModel
from ui.initiatives_proxy import InitiativesProxy
from ui.pipeline_view import PipelineView
from ui.render import render_view
from ui.timeline_view import TimelineView


def _portfolio() -> Portfolio:
    p = Portfolio(name="UIP")
    p.initiatives.append(Initiative(id="V1", name="Recovery", area=AREA_ADULTS, phase=Phase.MODNING,
                                    amounts={2024: Decimal("12.7"), 2025: Decimal("1000.5")}))
    p.frame.by_year.update({2024: Decimal("10.3"), 2025: Decimal("1200")})
    p.revalidate()
    return p


@pytest.fixture(params=["da", "en"])
def lang(request: pytest.FixtureRequest, qapp: object) -> Iterator[str]:
    """The app's language as after a switch: translators installed, charts built afterwards."""
    i18n.install(request.param)
    yield request.param
    i18n.uninstall()


EXPECTED = {
    "da": {"area": "Voksenområdet", "amount": "12,7", "big": "1.013,2", "unit": "mio. kr.", "phase": "Modning",
           "quarter": "K2", "over": "2,4", "date": "Status 1. oktober 2025"},
    "en": {"area": "Adults", "amount": "12.7", "big": "1,013.2", "unit": "DKK m", "phase": "Maturing",
           "quarter": "Q2", "over": "2.4", "date": "Status 1 October 2025"},
}


def test_timeline_heading_bar_label_and_tooltip(qtbot: QtBot, lang: str) -> None:
    view = TimelineView(_portfolio())
    qtbot.addWidget(view)
    want, other = EXPECTED[lang], EXPECTED["en" if lang == "da" else "da"]
    assert view.lang == lang
    header = view.timeline_layout().rows[0]
    assert header.label == want["area"]
    assert f"{want['big']} {want['unit']}" in header.detail
    tip = view.tooltip_for("V1")
    assert f"2024: {want['amount']} {want['unit']}" in tip
    assert f"{want['big']} {want['unit']}" in tip and want["area"] in tip and want["phase"] in tip
    assert other["amount"] not in tip and other["area"] not in tip
    assert view._labels["V1"] == f"{want['phase']} · {want['big']} {want['unit']}"
    view.set_status_date(date(2025, 10, 1))
    assert view._status_line.label.format == want["date"]


def test_timeline_update_in_place_keeps_the_language(qtbot: QtBot, lang: str) -> None:
    portfolio = _portfolio()
    view = TimelineView(portfolio)
    qtbot.addWidget(view)
    portfolio.set_amount("V1", 2024, Decimal("22.7"))
    view.refresh(["V1"])
    want = EXPECTED[lang]
    expected = "1.023,2" if lang == "da" else "1,023.2"
    assert f"{expected} {want['unit']}" in view.timeline_layout().rows[0].detail


def test_budget_chart_frame_text_and_labels(qtbot: QtBot, lang: str) -> None:
    chart = BudgetChart(_portfolio())
    qtbot.addWidget(chart)
    want = EXPECTED[lang]
    text = chart.summary_text()
    frame = "1.210,3" if lang == "da" else "1,210.3"
    rest = "197,1" if lang == "da" else "197.1"
    assert f": {frame} {want['unit']}" in text and f": {want['big']} {want['unit']}" in text
    assert f": {rest} {want['unit']}" in text
    labels = [item.toPlainText() for item in chart._value_labels if item.isVisible()]
    assert labels[0] == f"{want['amount']}  " + ("(2,4 over)" if lang == "da" else "(2.4 over)")
    assert chart._plot.getPlotItem().getAxis("left").labelText == want["unit"]
    ticks = chart._amount_axis.tickStrings([2.5], 1.0, 0.5)
    assert ticks == ["2,5" if lang == "da" else "2.5"]


def test_pipeline_lane_sums(qtbot: QtBot, lang: str) -> None:
    view = PipelineView(_portfolio())
    qtbot.addWidget(view)
    want = EXPECTED[lang]
    labels = view.lane_labels()
    assert want["phase"] in labels
    total_of_lane = "1.013,2 mio. kr. i alt" if lang == "da" else "1,013.2 DKK m in total"
    assert total_of_lane in labels
    assert labels[-1] == ("I alt: 1.013,2" if lang == "da" else "Total: 1,013.2")
    assert view.amount_texts(Phase.MODNING) == [want["amount"], "1.000,5" if lang == "da" else "1,000.5"]


def test_search_finds_phase_and_area_in_either_language(qapp: object) -> None:
    model = InitiativesModel()
    model.set_portfolio(_portfolio())
    proxy = InitiativesProxy()
    proxy.setSourceModel(model)
    for words in ("modning", "maturing", "voksen", "adults"):
        proxy.set_text(words)
        assert proxy.rowCount() == 1, words
    proxy.set_text("testing")
    assert proxy.rowCount() == 0


@pytest.mark.parametrize("lang", ["da", "en"])
def test_rendered_picture_is_in_the_language(tmp_path: Path, qapp: object, lang: str) -> None:
    want = EXPECTED[lang]
    before = i18n.installed_language()
    out = render_view(_portfolio(), "timeline", tmp_path / "t.svg", status_date=date(2025, 10, 1), lang=lang)
    text = out.read_text(encoding="utf-8")
    assert want["date"] in text and want["area"] in text and f"{want['big']} {want['unit']}" in text
    assert i18n.installed_language() == before, "a render puts the app's language back"
    out = render_view(_portfolio(), "budget", tmp_path / "b.svg", lang=lang)
    assert f"{want['big']} {want['unit']}" in out.read_text(encoding="utf-8")


def test_render_takes_planner_lang_when_no_language_is_installed(tmp_path: Path, qapp: object,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    i18n.uninstall()
    monkeypatch.setenv("PLANNER_LANG", "en")
    text = render_view(_portfolio(), "phases", tmp_path / "p.svg").read_text(encoding="utf-8")
    assert "1,013.2 DKK m in total" in text and "Maturing" in text
    monkeypatch.setenv("PLANNER_LANG", "da")
    text = render_view(_portfolio(), "phases", tmp_path / "p.svg").read_text(encoding="utf-8")
    assert "1.013,2 mio. kr. i alt" in text and "Modning" in text
