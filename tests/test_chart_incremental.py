"""The incremental edit → charts path: after an edit only the changed initiatives are redone, and what
the charts show still equals the model (budget year totals, pipeline lane sums, the timeline bar text,
the totals rows). Speed is measured in bench/ (``edit_to_charts``), never here.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from planner.amounts import format_amount
from planner.edits import edit_cell
from planner.model import Frame, Portfolio, amount_key
from planner.synthetic import make_portfolio
from tests.ui_helpers import make_window
from ui.commands import ChangeSetCommand
from ui.main_window import MainWindow
from ui.totals_model import ALLOCATED, REMAINING

YEARS = (2023, 2024, 2025, 2026, 2027)


def _portfolio(n: int = 60) -> Portfolio:
    p = make_portfolio(n, seed=4)
    totals = p.totals_by_year()
    p.frame = Frame(by_year={y: (totals[y] * Decimal("0.95")).quantize(Decimal("0.1")) for y in YEARS})
    p.revalidate()
    return p


@pytest.fixture
def window(qtbot) -> MainWindow:
    win = make_window(qtbot)
    win.resize(1400, 860)
    win.document.replace(_portfolio(), "")
    qtbot.wait(1)
    return win


def _edit(window: MainWindow, ini_id: str, year: int, value: str) -> None:
    document = window.document
    changes = edit_cell(document.portfolio, ini_id, year, value)
    assert len(changes.ids) == 1
    document.undo_stack.push(ChangeSetCommand(document, changes, "edit"))


def _check_charts_equal_model(window: MainWindow, ini_id: str) -> None:
    p = window.document.portfolio
    by_year = p.totals_by_year()
    budget, pipeline, timeline = (window.views[k] for k in ("budget", "phases", "timeline"))
    drawn = budget.chart_totals()
    for y in YEARS:
        assert drawn[y] == pytest.approx(float(by_year[y]), abs=1e-9), y
    assert budget.year_label(YEARS[1]).startswith(format_amount(by_year[YEARS[1]], budget.lang))
    ini = p.get(ini_id)
    assert ini is not None
    lanes = pipeline.lane_amounts()
    for y in YEARS:
        expected = sum((i.amount(y) for i in p.initiatives if i.phase == ini.phase), Decimal(0))
        assert lanes[ini.phase][y] == expected, y
    assert pipeline.pipeline_layout().totals == by_year
    assert format_amount(ini.total, timeline.lang) in timeline.bar_label(ini_id)
    lay = timeline.timeline_layout()
    head = lay.rows[lay.rows[lay.row_of[ini_id]].header]
    area_total = sum((i.total for i in p.initiatives if (i.area or "") == head.area), Decimal(0))
    assert format_amount(area_total, timeline.lang) in head.detail, head.detail
    totals = window.edit.totals_model
    for y in YEARS:
        assert totals.value_of(ALLOCATED, amount_key(y)) == by_year[y]
        assert totals.value_of(REMAINING, amount_key(y)) == p.frame.by_year[y] - by_year[y]
    assert totals.value_of(ALLOCATED, "total") == p.total()


def test_one_edit_updates_every_chart_without_rebuilding(qtbot, window) -> None:
    ini = window.document.portfolio.initiatives[17]
    pipeline_layout = window.views["phases"].pipeline_layout()
    timeline_layout = window.views["timeline"].timeline_layout()
    _edit(window, ini.id, 2024, "987,6")
    qtbot.wait(1)
    _check_charts_equal_model(window, ini.id)
    assert window.views["phases"].pipeline_layout() is pipeline_layout, "the pipeline was rebuilt"
    assert window.views["timeline"].timeline_layout() is timeline_layout, "the timeline was rebuilt"
    assert "987,6" in window.views["timeline"].bar_label(ini.id) or "987.6" in window.views["timeline"].bar_label(ini.id) \
        or format_amount(ini.total, window.views["timeline"].lang) in window.views["timeline"].bar_label(ini.id)


def test_several_edits_in_one_turn_and_undo_keep_the_charts_equal_to_the_model(qtbot, window) -> None:
    p = window.document.portfolio
    a, b = p.initiatives[3], p.initiatives[40]
    _edit(window, a.id, 2023, "0")
    _edit(window, b.id, 2026, "250")
    _edit(window, a.id, 2025, "33,3")
    qtbot.wait(1)
    for iid in (a.id, b.id):
        _check_charts_equal_model(window, iid)
    window.document.undo_stack.undo()
    window.document.undo_stack.undo()
    qtbot.wait(1)
    for iid in (a.id, b.id):
        _check_charts_equal_model(window, iid)


def test_an_edit_that_changes_the_bars_still_shows_the_model(qtbot, window) -> None:
    """Clearing every year but one moves the bar's span (when no start/end is given): a rebuild case."""
    p = window.document.portfolio
    ini = next(i for i in p.initiatives if len([a for a in i.amounts.values() if a]) >= 2)
    for y in sorted(ini.amounts)[1:]:
        _edit(window, ini.id, y, "0")
    qtbot.wait(1)
    _check_charts_equal_model(window, ini.id)


def test_totals_model_following_a_document_adds_the_changes(qtbot) -> None:
    from ui.document import Document
    from ui.initiatives_model import InitiativesModel
    from ui.totals_model import TotalsModel

    document = Document()
    document.replace(_portfolio(30), "")
    table = InitiativesModel()
    table.set_portfolio(document.portfolio)
    totals = TotalsModel(table)
    totals.follow(document)
    document.changed.connect(totals.refresh)
    seen: list[int] = []
    totals.dataChanged.connect(lambda top, _bottom: seen.append(top.column()))
    p = document.portfolio
    ini = p.initiatives[5]
    _edit_document(document, ini.id, 2025, "444,4")
    p_by_year = p.totals_by_year()
    assert totals.value_of(ALLOCATED, amount_key(2025)) == p_by_year[2025]
    assert totals.value_of(REMAINING, amount_key(2025)) == p.frame.by_year[2025] - p_by_year[2025]
    assert totals.value_of(ALLOCATED, "total") == p.total()
    changed_keys = {totals.column_key(c) for c in seen}
    assert changed_keys <= {amount_key(2025), "total", "delta"}, changed_keys
    document.undo_stack.undo()
    assert totals.value_of(ALLOCATED, amount_key(2025)) == p.totals_by_year()[2025]
    assert totals.value_of(ALLOCATED, "total") == p.total()


def _edit_document(document, ini_id: str, year: int, value: str) -> None:  # type: ignore[no-untyped-def]
    changes = edit_cell(document.portfolio, ini_id, year, value)
    document.undo_stack.push(ChangeSetCommand(document, changes, "edit"))
