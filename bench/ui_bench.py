"""Benchmark of issue 4: one edit → model, totals and every chart of the re-balancing panel updated.

``bench_chart_update(n)`` drives the real UI path offscreen: a ``ui.document.Document`` holding a
synthetic portfolio of ``n`` initiatives, the panel from ``ui.rebalance_charts`` listening to it, and per
run one cell edit pushed as a ``ui.commands.ChangeSetCommand`` on the document's undo stack (redo applies
it, the document revalidates and signals, the coalescing timer fires, the charts update their items and
repaint). ``whole_window=True`` does the same in the full ``MainWindow`` (table, totals, timeline, …).

    .venv/bin/python bench/ui_bench.py 1000 10000          # prints both paths
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from registry import Context, Pending, benchmark


def _setup(n: int, whole_window: bool) -> tuple[Any, Any, list[Any]]:
    """(app, document, widgets to repaint) with a synthetic portfolio of n initiatives on screen."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("PLANNER_SETTINGS_DIR", tempfile.mkdtemp(prefix="planner-bench-settings-"))
    try:
        import ui.rebalance_charts as rc
    except ModuleNotFoundError as exc:
        raise Pending(f"{exc.name} is not in the tree yet") from None
    from PySide6.QtWidgets import QApplication

    from planner.synthetic import make_portfolio

    app = QApplication.instance() or QApplication([])
    portfolio = make_portfolio(n)
    portfolio.revalidate()
    if whole_window:
        from ui.file_actions import SaveChoice
        from ui.main_window import MainWindow

        window = MainWindow()
        window.ask_save_changes = lambda: SaveChoice.DISCARD  # type: ignore[method-assign]
        window.resize(1600, 950)
        window.show()
        window.document.replace(portfolio, "")
        app.processEvents()
        panel = next((w for w in window.findChildren(rc.RebalanceCharts)), None)
        if panel is None:
            raise Pending("the main window has no re-balancing panel yet (rebalance_charts.install)")
        return app, window.document, [window]
    from ui.document import Document

    document = Document()
    charts = rc.RebalanceCharts()
    charts.resize(480, 820)
    charts.show()
    document.portfolio_replaced.connect(lambda: charts.set_portfolio(document.portfolio, document.baseline))
    document.amounts_changed.connect(lambda cs: charts.refresh(cs.ids))
    document.replace(portfolio, "")
    app.processEvents()
    return app, document, [charts]


def bench_chart_update(n: int, *, repeat: int = 5, whole_window: bool = False) -> float:
    """Best seconds of ``repeat`` runs of: one edit → model → totals → every chart updated and painted."""
    from planner.edits import edit_cell
    from ui.commands import ChangeSetCommand

    app, document, widgets = _setup(n, whole_window)
    portfolio = document.portfolio
    ini = portfolio.initiatives[len(portfolio.initiatives) // 2]
    year = min(ini.amounts)
    best = float("inf")
    for i in range(2):  # warm-up: the first edits pay one-time costs (glyph caches, first pictures)
        changes = edit_cell(portfolio, ini.id, year, ini.amount(year) + (Decimal("0.1") if i == 0 else Decimal("-0.1")))
        document.undo_stack.push(ChangeSetCommand(document, changes, "edit"))
        app.processEvents()
        app.processEvents()
    for i in range(max(repeat, 3)):
        value = ini.amount(year) + (Decimal("0.1") if i % 2 == 0 else Decimal("-0.1"))
        start = time.perf_counter()
        changes = edit_cell(portfolio, ini.id, year, value)
        document.undo_stack.push(ChangeSetCommand(document, changes, "edit"))
        app.processEvents()  # the coalescing timer fires: items updated, repaints requested
        app.processEvents()  # the repaints
        best = min(best, time.perf_counter() - start)
    for widget in widgets:
        widget.close()
        widget.deleteLater()
    app.processEvents()
    return best


@benchmark("chart_update", "one edit (undo command) → model, totals and the re-balancing charts updated",
           targets={1_000: 0.016, 10_000: 0.050}, group="ui")
def chart_update(ctx: Context) -> float:
    return bench_chart_update(ctx.size, repeat=ctx.repeat)


@benchmark("chart_update_window", "the same edit in the whole main window (table, totals, all views)",
           reference_of="chart_update", group="ui")
def chart_update_window(ctx: Context) -> float:
    return bench_chart_update(ctx.size, repeat=ctx.repeat, whole_window=True)


if __name__ == "__main__":
    for size in [int(a) for a in sys.argv[1:]] or [1_000, 10_000]:
        for whole in (False, True):
            try:
                took = bench_chart_update(size, whole_window=whole)
            except Pending as why:
                print(f"{size:>6} {'window' if whole else 'panel'}: pending ({why})")
                continue
            print(f"{size:>6} {'window' if whole else 'panel'}: {took * 1000:.1f} ms", flush=True)
