"""After an edit the charts repaint only what changed (issue 7); these tests check that what is on screen then
is still exactly the chart: the window's pixels (the partial repaints, as the offscreen screen holds them)
equal a full fresh render of the same widget, and the items hold the same figures as a chart built anew
from the edited portfolio. Speed is measured in bench/, never here.
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget

from planner.edits import ChangeSet, cell_change, edit_cell
from planner.model import Frame, Portfolio
from planner.synthetic import make_portfolio
from ui.budget_chart import BudgetChart
from ui.commands import ChangeSetCommand
from ui.document import Document
from ui.pipeline_view import PipelineView
from ui.rebalance_charts import RebalanceCharts
from ui.timeline_view import TimelineView


def _portfolio(n: int) -> Portfolio:
    p = make_portfolio(n, seed=3)
    totals = p.totals_by_year()
    p.frame = Frame(by_year={y: (t * Decimal("0.97")).quantize(Decimal("0.1")) for y, t in totals.items()})
    p.revalidate()
    return p


def _on_screen(widget: QWidget) -> QImage:
    screen = QApplication.primaryScreen()
    return screen.grabWindow(widget.winId()).toImage().convertToFormat(QImage.Format.Format_RGB32)


def _fresh(widget: QWidget) -> QImage:
    return widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def _differing_pixels(a: QImage, b: QImage) -> int:
    if a.size() != b.size():
        return -1
    pa = np.frombuffer(a.constBits(), dtype=np.uint32, count=a.width() * a.height())
    pb = np.frombuffer(b.constBits(), dtype=np.uint32, count=b.width() * b.height())
    return int(np.count_nonzero(pa != pb))


def _charts(document: Document) -> dict[str, QWidget]:
    p = document.portfolio
    charts: dict[str, QWidget] = {"timeline": TimelineView(), "pipeline": PipelineView(), "budget": BudgetChart()}
    for chart in charts.values():
        chart.set_portfolio(p)
        chart.resize(1100, 640)
        document.amounts_changed.connect(lambda cs, c=chart: c.refresh(cs.ids))
    docks = RebalanceCharts()
    docks.resize(480, 820)
    docks.set_portfolio(p, document.baseline)
    document.amounts_changed.connect(lambda cs: docks.refresh(cs.ids))
    charts["docks"] = docks
    for chart in charts.values():
        chart.show()
    return charts


def _edits(p: Portfolio) -> list[ChangeSet]:
    """One cell in the middle, one near the top (in the timeline's first rows), five cells of two initiatives
    in different areas and years, and a cut that lowers the tallest year."""
    mid, top, last = p.initiatives[len(p.initiatives) // 2], p.initiatives[1], p.initiatives[-1]
    y_mid, y_top = min(mid.amounts), max(top.amounts)
    several = [cell_change(top.id, y, top.amounts[y], top.amounts[y] + Decimal("3.1")) for y in sorted(top.amounts)[:3]]
    several += [cell_change(last.id, y, last.amounts[y], last.amounts[y] + Decimal("12.5"))
                for y in sorted(last.amounts)[-2:]]
    return [edit_cell(p, mid.id, y_mid, mid.amount(y_mid) + Decimal("7.3")),
            edit_cell(p, top.id, y_top, top.amount(y_top) + Decimal("0.1")),
            ChangeSet.of(several)]


@pytest.mark.parametrize("n", [13, 300])
def test_what_is_on_screen_after_edits_equals_a_fresh_render(qtbot, n: int) -> None:
    document = Document()
    document.replace(_portfolio(n), "")
    charts = _charts(document)
    for chart in charts.values():
        qtbot.addWidget(chart)
    QApplication.processEvents()
    steps = [*(f"edit {k}" for k in range(3)), "undo", "undo", "redo"]
    for k, step in enumerate(steps):
        if step.startswith("edit"):
            document.undo_stack.push(ChangeSetCommand(document, _edits(document.portfolio)[k], "edit"))
        elif step == "undo":
            document.undo_stack.undo()
        else:
            document.undo_stack.redo()
        QApplication.processEvents()
        QApplication.processEvents()
        for name, chart in charts.items():
            assert _differing_pixels(_on_screen(chart), _fresh(chart)) == 0, f"{name} after {step} ({n} initiatives)"


def _bar_data(chart: BudgetChart) -> dict[str, list[list[float]]]:
    out = {}
    for phase, item in chart.phase_items().items():
        out[str(phase)] = [list(map(float, item.opts[k])) for k in ("x", "height", "y0")] + [[item.isVisible()]]
    over = chart.over_item()
    out["over"] = [list(map(float, over.opts[k])) for k in ("x", "height", "y0")]
    return out


def test_budget_items_after_edits_hold_the_figures_of_a_chart_built_anew(qtbot) -> None:
    document = Document()
    document.replace(_portfolio(40), "")
    chart = BudgetChart()
    qtbot.addWidget(chart)
    chart.set_portfolio(document.portfolio)
    document.amounts_changed.connect(lambda cs: chart.refresh(cs.ids))
    for changes in _edits(document.portfolio):
        document.undo_stack.push(ChangeSetCommand(document, changes, "edit"))
        chart.flush()
    document.undo_stack.undo()
    chart.flush()
    anew = BudgetChart()
    qtbot.addWidget(anew)
    anew.set_portfolio(document.portfolio.clone())
    assert _bar_data(chart) == _bar_data(anew)
    assert chart.frame_by_year() == anew.frame_by_year()
    assert chart.summary_text() == anew.summary_text()
    assert [chart.year_label(y) for y in document.portfolio.all_years()] == \
        [anew.year_label(y) for y in document.portfolio.all_years()]


def test_rebalance_items_after_edits_hold_the_figures_of_charts_built_anew(qtbot) -> None:
    document = Document()
    document.replace(_portfolio(40), "")
    docks, anew = RebalanceCharts(), RebalanceCharts()
    for charts in (docks, anew):  # the same size: boundaries closer than a pixel are thinned by pixel size
        qtbot.addWidget(charts)
        charts.resize(480, 820)
        charts.show()
    QApplication.processEvents()
    docks.set_portfolio(document.portfolio, document.baseline)
    document.amounts_changed.connect(lambda cs: docks.refresh(cs.ids))
    for changes in _edits(document.portfolio):
        document.undo_stack.push(ChangeSetCommand(document, changes, "edit"))
        QApplication.processEvents()
    anew.set_portfolio(document.portfolio, document.baseline)
    QApplication.processEvents()
    mine = [c for c in docks.findChildren(QWidget) if hasattr(c, "bars") and hasattr(c.bars, "_columns")]
    theirs = [c for c in anew.findChildren(QWidget) if hasattr(c, "bars") and hasattr(c.bars, "_columns")]
    assert mine and len(mine) == len(theirs)
    for a, b in zip(mine, theirs, strict=True):
        assert a.bars._columns == b.bars._columns  # runs, lines and labels of every year column as drawn
        assert a.stack_data() == b.stack_data()
        for item in ("over", "ghost", "selected"):
            ia, ib = getattr(a, item), getattr(b, item)
            assert [list(map(float, ia.opts[k])) for k in ("x", "height", "y0")] == \
                [list(map(float, ib.opts[k])) for k in ("x", "height", "y0")], item
    totals_a = [c for c in docks.findChildren(QWidget) if hasattr(c, "phase_bars")]
    totals_b = [c for c in anew.findChildren(QWidget) if hasattr(c, "phase_bars")]
    for a, b in zip(totals_a, totals_b, strict=True):
        for item in ("phase_bars", "area_bars"):
            assert list(map(float, getattr(a, item).opts["width"])) == list(map(float, getattr(b, item).opts["width"]))
