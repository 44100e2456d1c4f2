"""UI benchmarks (issue 7): one edit → charts updated, and app start-up against an empty PySide6 window.

These measure the real UI path offscreen. They raise :class:`Pending` until the UI pieces they drive
exist, so the report says what is missing. Contracts the UI must keep for them to run:

- ``edit_to_charts``: ``ui.timeline_view.TimelineView``, ``ui.pipeline_view.PipelineView`` and
  ``ui.budget_chart.BudgetChart`` take ``set_portfolio(p)`` and ``refresh()`` (brief, "UI contracts").
  If the window later exposes a faster or more faithful path (undo command → model → coalesced redraw),
  replace the body of :func:`edit_to_charts` with it; keep the name so the report's history lines up.
- ``app_start``: with ``PLANNER_BENCH_FIRST_PAINT=1`` in the environment, ``planner FILE`` prints the line
  ``first-paint`` on stdout when the main window has painted for the first time, and quits. The first frame
  must show the file's initiatives (table and the chart shown); the other charts and the docks may follow.
- ``app_start_all``: with ``PLANNER_BENCH_FIRST_PAINT=all`` it goes on after ``first-paint`` until everything
  the first frame left out is built and painted, prints ``all-built`` and quits (the deferred work, shown).

The start-up processes run with Python's bytecode cache on (in a folder of the system's temp dir, warmed by
one uncounted run), as an installed app has it: the environment here sets ``PYTHONDONTWRITEBYTECODE=1``,
which would otherwise compile every ``planner``/``ui`` module from source at each start (≈ 0.1–0.3 s that no
user waits for: pip and PyInstaller install bytecode).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

from registry import Context, Pending, benchmark

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "uip2023.xlsx"
FIRST_PAINT = "first-paint"
ALL_BUILT = "all-built"
PYCACHE = Path(tempfile.gettempdir()) / "planner-bench-pycache"
_EMPTY_WINDOW = f"""
import sys
from PySide6.QtWidgets import QApplication, QWidget
class W(QWidget):
    def paintEvent(self, event):
        if not getattr(self, "done", False):
            self.done = True
            print("{FIRST_PAINT}", flush=True)
            QApplication.instance().quit()
app = QApplication(sys.argv)
w = W(); w.resize(1200, 800); w.show()
sys.exit(app.exec())
"""


def _until_first_paint(args: list[str], repeat: int, *, mode: str = "1", line: str = FIRST_PAINT) -> float:
    """Seconds from starting the process to its ``line`` (best of ``repeat``, after one uncounted run that
    fills the bytecode cache). ``mode`` is the value of ``PLANNER_BENCH_FIRST_PAINT``."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PLANNER_BENCH_FIRST_PAINT": mode,
           "PYTHONPYCACHEPREFIX": str(PYCACHE)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    best = float("inf")
    for run in range(max(1, repeat) + 1):
        start = time.perf_counter()
        proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                text=True)
        assert proc.stdout is not None
        painted = None
        for out in proc.stdout:
            if out.strip() == line:
                painted = time.perf_counter() - start
                break
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if painted is None:
            raise Pending(f"{' '.join(args[1:])} printed no '{line}' line (see bench/ui_hooks.py)")
        if run > 0:
            best = min(best, painted)
    return best


def _ui_module(name: str) -> Any:
    import importlib

    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name and name.startswith(exc.name):
            raise Pending(f"{name} is not in the tree yet") from None
        raise


@benchmark("empty_window", "empty PySide6 window, start to first paint (reference)", per_size=False,
           reference_of="app_start", group="ui")
def empty_window(ctx: Context) -> float:
    return _until_first_paint([sys.executable, "-c", _EMPTY_WINDOW], max(ctx.repeat, 3))


@benchmark("app_start", "app start to first painted window, on samples/uip2023.xlsx", per_size=False,
           targets={0: 1.5}, group="ui")
def app_start(ctx: Context) -> float:
    if not SAMPLE.exists():
        raise Pending("samples/uip2023.xlsx is not in the tree yet")
    app = ROOT / "ui" / "app.py"
    if not app.exists() or "PLANNER_BENCH_FIRST_PAINT" not in app.read_text(encoding="utf-8"):
        raise Pending("ui/app.py does not print 'first-paint' under PLANNER_BENCH_FIRST_PAINT=1 yet")
    return _until_first_paint([sys.executable, "-m", "planner", str(SAMPLE)], max(ctx.repeat, 3))


@benchmark("app_start_all", "app start until everything is built and painted (the docks and charts the first "
           "frame leaves out), on samples/uip2023.xlsx", per_size=False, reference_of="app_start", group="ui")
def app_start_all(ctx: Context) -> float:
    app = ROOT / "ui" / "app.py"
    if not SAMPLE.exists() or "all-built" not in app.read_text(encoding="utf-8"):
        raise Pending("ui/app.py does not print 'all-built' under PLANNER_BENCH_FIRST_PAINT=all yet")
    return _until_first_paint([sys.executable, "-m", "planner", str(SAMPLE)], max(ctx.repeat, 3), mode="all",
                              line=ALL_BUILT)


@benchmark("app_start_vs_empty", "app start − empty window (difference)", per_size=False,
           targets={0: 0.5}, group="ui")
def app_start_vs_empty(ctx: Context) -> float:
    results = ctx.cache.get("results", {})
    if "app_start" not in results or "empty_window" not in results:
        raise Pending("needs app_start and empty_window")
    return float(results["app_start"] - results["empty_window"])


def _refresh(widget: Any, ids: tuple[str, ...]) -> None:
    """``refresh(ids)``, or ``refresh()`` on a view that cannot take the changed ids (older code)."""
    try:
        widget.refresh(ids)
    except TypeError:
        widget.refresh()


def _edit_setup(ctx: Context) -> tuple[Any, Any, list[Any], Any]:
    """(app, document, the three charts, the totals model) on the size's portfolio, all shown, wired the
    way ``ui.main_window.MainWindow`` wires them: ``amounts_changed`` → ``refresh(ids)`` / ``apply_changes``."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    views = [_ui_module(name) for name in ("ui.timeline_view", "ui.pipeline_view", "ui.budget_chart")]
    from core import _portfolio
    from PySide6.QtWidgets import QApplication

    from ui.app import configure_charts
    from ui.document import Document
    from ui.initiatives_model import InitiativesModel
    from ui.totals_model import TotalsModel

    app = QApplication.instance() or QApplication([])
    configure_charts()
    portfolio = _portfolio(ctx).clone()
    document = Document()
    document.replace(portfolio, "")
    widgets = [views[0].TimelineView(), views[1].PipelineView(), views[2].BudgetChart()]
    for widget in widgets:
        widget.set_portfolio(portfolio)
        widget.resize(1200, 700)
        widget.show()
        document.amounts_changed.connect(lambda cs, w=widget: _refresh(w, cs.ids))
    table = InitiativesModel()
    table.set_portfolio(portfolio)
    totals = TotalsModel(table)
    totals.follow(document)
    document.changed.connect(totals.refresh)
    app.processEvents()
    return app, document, widgets, totals


def _timed_edits(ctx: Context, full_repaint: bool) -> float:
    """Best of ``repeat`` runs of: one cell edit pushed as an undo command (the document applies it,
    revalidates and signals), then the event loop runs until the coalesced chart updates and their
    repaints are done. ``full_repaint`` also forces a synchronous repaint of every chart (not only the
    regions that changed), the cost of a frame that has to draw everything (e.g. when another window
    uncovers it)."""
    from PySide6.QtWidgets import QGraphicsView

    from planner.edits import edit_cell
    from ui.commands import ChangeSetCommand

    app, document, widgets, _totals = _edit_setup(ctx)
    portfolio = document.portfolio
    ini = portfolio.initiatives[len(portfolio.initiatives) // 2]
    year = min(ini.amounts)
    best = float("inf")
    for i in range(max(ctx.repeat, 5)):
        value = ini.amount(year) + (Decimal("0.1") if i % 2 == 0 else Decimal("-0.1"))
        start = time.perf_counter()
        changes = edit_cell(portfolio, ini.id, year, value)
        document.undo_stack.push(ChangeSetCommand(document, changes, "edit"))
        app.processEvents()
        if full_repaint:  # QWidget.repaint() alone does not repaint a child QGraphicsView's viewport
            for widget in widgets:
                widget.repaint()
                for view in widget.findChildren(QGraphicsView):
                    view.viewport().repaint()
        app.processEvents()
        best = min(best, time.perf_counter() - start)
    for widget in widgets:
        widget.close()
        widget.deleteLater()
    app.processEvents()
    return best


@benchmark("edit_to_charts", "one edit (undo command) → model, totals, timeline, pipeline and budget chart "
           "updated and repainted (offscreen)", targets={1_000: 0.016, 10_000: 0.050}, group="ui")
def edit_to_charts(ctx: Context) -> float:
    return _timed_edits(ctx, full_repaint=False)


@benchmark("edit_to_charts_full", "the same edit with a forced full repaint of the three charts (reference)",
           reference_of="edit_to_charts", group="ui")
def edit_to_charts_full(ctx: Context) -> float:
    return _timed_edits(ctx, full_repaint=True)


@benchmark("edit_revalidate", "of which: the document's revalidation after one edit "
           "(`revalidate_changed`, the edited initiative only)", reference_of="edit_to_charts", group="ui")
def edit_revalidate(ctx: Context) -> float:
    from core import _portfolio

    from planner.validate import revalidate_changed

    portfolio = _portfolio(ctx).clone()
    portfolio.revalidate()
    ini = portfolio.initiatives[len(portfolio.initiatives) // 2]
    year = min(ini.amounts)
    best = float("inf")
    for i in range(max(ctx.repeat, 5)):
        ini.amounts[year] += Decimal("0.1") if i % 2 == 0 else Decimal("-0.1")
        start = time.perf_counter()
        revalidate_changed(portfolio, (ini.id,))
        best = min(best, time.perf_counter() - start)
    return best


@benchmark("edit_revalidate_full", "the whole portfolio's revalidation, what every edit did before (reference)",
           reference_of="edit_to_charts", group="ui")
def edit_revalidate_full(ctx: Context) -> float:
    from core import _portfolio
    from registry import best_of

    portfolio = _portfolio(ctx)
    return best_of(portfolio.revalidate, max(ctx.repeat, 5))
