"""Benchmark of issue 7, "Responsive UI": the longest time the window is blocked by one user action.

Drives the real ``MainWindow`` offscreen (1600×950) on ``planner.synthetic.make_portfolio(n)``, put in
with ``window.document.replace(portfolio, "")`` as bench/ui_bench.py does, with the settings in a
temporary folder. Each action is triggered the way a user triggers it (a QAction's ``trigger()``, a
click on a header or a row, a key click, a combo box choice) and timed until the event loop is idle,
the coalesced redraws (0 ms single-shot timers) and repaints included. Per action the best of 3 runs
is kept; the first run is shown too ("cold") because one-time costs (first pictures, glyph caches) are
also a freeze the user sees once. Wall time and the UI thread's CPU time are both kept (the machine is
shared, so wall time is noisy).

    .venv/bin/python bench/ui_interactions.py 10000        # prints the table of every action
    .venv/bin/python bench/run.py --sizes 1000 10000 --only ui_freeze ui_freeze_worst --out -

Two figures per action: ``ui_freeze`` is the longest best-of-3 wall time from the action to an idle
event loop (all its work, also what it leaves for later turns of the loop); ``ui_block`` the longest
time within it that the UI thread handled no event — the freeze a user feels, measured by a probe that
posts an event every 2 ms from another thread (bench/latency_probe.py). Target for both: < 100 ms at
10,000. The language switch rebuilds the whole window, so it is reported on its own
(``ui_freeze_language``, ``ui_block_language``) and not counted in the others.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from registry import Context, Pending, benchmark  # noqa: E402
from ui_session import REPEAT, Session, Timing, settle, time_action  # noqa: E402

SEARCH_TEXT = "misbrug"
REBUILDS = ("language switch (rebuilds the window)",)


# -- the actions ---------------------------------------------------------------------------------------
def _click_header(session: Session, key: str) -> None:
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    panel = session.window.table_panel
    col = panel.model.column_of(key)
    header = panel.table.horizontalHeader()
    panel.table.scrollTo(panel.proxy.index(0, col))
    x = header.sectionViewportPosition(col) + header.sectionSize(col) // 2
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(x, header.height() // 2))


def _unsort(session: Session) -> None:
    from PySide6.QtCore import Qt

    session.window.table_panel.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)


def sort_actions(s: Session) -> None:
    model = s.window.table_panel.model
    years = model.years()
    year = years[len(years) // 2] if years else None
    for label, key in (("sort by name", "name"), (f"sort by year {year}", f"year:{year}"), ("sort by total", "total")):
        if model.column_of(key) < 0:
            s.skip(label, f"no column {key}")
            continue
        s.measure(label, lambda k=key: _click_header(s, k), before=lambda: _unsort(s))
        s.measure(label + ", reversed (2nd click)", lambda k=key: _click_header(s, k),
                  before=lambda k=key: (_unsort(s), _click_header(s, k)))
    s.measure("sort off (source order)", lambda: _unsort(s),
              before=lambda: _click_header(s, "name"))


def search_actions(s: Session) -> None:
    from PySide6.QtTest import QTest

    search = s.window.table_panel.search
    keys: list[Timing] = []
    for round_ in range(s.repeat):
        search.clear()
        settle(s.app)
        search.setFocus()
        for i, letter in enumerate(SEARCH_TEXT):
            name = f"search: type '{SEARCH_TEXT[:i + 1]}'"
            run = time_action(s.app, lambda ch=letter: QTest.keyClick(search, ch))
            s.record(name, run)
            if round_ == 0:
                keys.append(s.timings[name])
        if round_ < s.repeat - 1:
            search.clear()
            settle(s.app)
            for ch in SEARCH_TEXT:
                QTest.keyClick(search, ch)
            settle(s.app)
        run = time_action(s.app, search.clear)  # the line edit's clear button calls clear()
        s.record("search: clear", run)
    assert s.window.table_panel.search.text() == ""


def filter_actions(s: Session) -> None:
    panel = s.window.table_panel
    for label, combo in (("filter by area", panel.area_filter), ("filter by phase", panel.phase_filter)):
        if combo.count() < 2:
            s.skip(label, "fewer than one choice")
            continue
        s.measure(label, lambda c=combo: c.setCurrentIndex(1), after=lambda c=combo: c.setCurrentIndex(0))
        s.measure(label + ": back to all", lambda c=combo: c.setCurrentIndex(0),
                  before=lambda c=combo: c.setCurrentIndex(1))


def select_actions(s: Session) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    panel = s.window.table_panel
    rows = iter(range(3, 3 + 10 * s.repeat, 2))

    def click_row() -> None:
        row = next(rows)
        rect = panel.table.visualRect(panel.proxy.index(row, panel.model.column_of("name")))
        QTest.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         rect.center())

    s.measure("select a row in the table (charts follow)", click_row)
    for key in ("timeline", "phases"):
        view = s.window.views[key]
        if not hasattr(view, "initiative_selected"):
            continue


def view_actions(s: Session) -> None:
    acts = s.window.view.show
    order = [k for k in ("timeline", "phases", "budget") if k in acts]
    for key in order:
        other = order[(order.index(key) + 1) % len(order)]
        s.measure(f"show view: {key}", acts[key].trigger, before=acts[other].trigger)
    s.skip("show view: table", "the table is always shown below the charts; there is no table view to switch to")
    acts["timeline"].trigger()
    settle(s.app)


def timeline_actions(s: Session) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    s.window.view.show["timeline"].trigger()
    settle(s.app)
    timeline = s.window.views["timeline"]
    for label, key in (("timeline: zoom in (+)", Qt.Key.Key_Plus), ("timeline: zoom out (−)", Qt.Key.Key_Minus),
                       ("timeline: pan right (→)", Qt.Key.Key_Right), ("timeline: pan down (↓)", Qt.Key.Key_Down)):
        s.measure(label, lambda k=key: QTest.keyClick(timeline, k))
    s.measure("View > Fit all (Ctrl+0)", s.window.view.fit_all.trigger,
              before=lambda: QTest.keyClick(timeline, Qt.Key.Key_Plus))


def rebalance_actions(s: Session) -> None:
    edit = s.window.edit
    stack = s.window.document.undo_stack
    for _ in range(s.repeat):
        for name, act in (("fit to frame, all years", edit.fit_all.trigger), ("undo fit to frame", edit.undo.trigger),
                          ("redo fit to frame", edit.redo.trigger)):
            run = time_action(s.app, act)
            s.record(name, run)
        edit.undo.trigger()
        settle(s.app)
    s.measure("reset everything to baseline", edit.reset_all.trigger, before=edit.fit_all.trigger)
    assert stack.count() > 0
    # A chart on a hidden tab is brought up to date when its tab is shown (ui.hidden_views): the cost of a
    # whole-portfolio change is then paid on the tab switch, so that switch is measured too.
    show = s.window.view.show
    for key in ("phases", "budget"):
        if key not in show:
            continue

        def change_while_hidden() -> None:
            show["timeline"].trigger()
            settle(s.app)
            edit.fit_all.trigger()

        s.measure(f"show view: {key}, after fit to frame while hidden", show[key].trigger,
                  before=change_while_hidden, after=edit.undo.trigger)
    show["timeline"].trigger()
    settle(s.app)


def scenario_actions(s: Session) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    panel = s.window.rebalance.scenarios
    edit = s.window.edit

    def save(name: str) -> None:
        panel.name_edit.setText(name)
        QTest.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)

    count = iter(range(100))
    s.measure("save a scenario", lambda: save(f"Forslag {next(count)}"))
    save("Som indlæst")
    settle(s.app)
    edit.fit_all.trigger()
    save("Tilpasset")
    settle(s.app)

    def switch(name: str) -> None:
        panel.select(name)
        QTest.mouseClick(panel.switch_button, Qt.MouseButton.LeftButton)

    for _ in range(s.repeat):
        run = time_action(s.app, lambda: switch("Som indlæst"))
        s.record("switch to a scenario", run)
        run = time_action(s.app, lambda: switch("Tilpasset"))
        s.record("switch back", run)
    edit.reset_all.trigger()
    settle(s.app)


def column_actions(s: Session) -> None:
    edit = s.window.edit
    for label, act in (("Δ column", edit.show_changes), ("cost-breakdown columns", edit.show_costs)):
        for _ in range(s.repeat):
            run = time_action(s.app, act.trigger)
            s.record(f"show {label}", run)
            run = time_action(s.app, act.trigger)
            s.record(f"hide {label}", run)


def presentation_actions(s: Session) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    win = s.window
    pres = win.presentation
    for _ in range(s.repeat):
        run = time_action(s.app, win.view.presentation.trigger)
        s.record("presentation on (F11)", run)
        assert pres.active
        for step in range(len(pres.areas()) + 1):
            before = pres.current_area()
            run = time_action(s.app, lambda: QTest.keyClick(win, Qt.Key.Key_Right))
            if pres.current_area() == before:  # the shortcut did not reach the window offscreen
                run = time_action(s.app, pres.next_area)
            s.record(f"presentation: next area ({'all' if step == len(pres.areas()) else step + 1})", run)
        run = time_action(s.app, win.view.presentation.trigger)
        s.record("presentation off (F11)", run)
        assert not pres.active


def findings_actions(s: Session) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    findings = s.window.findings_panel
    s.skip("open the findings panel", "the findings list is always shown beside the table (nothing to open)")
    tree = findings.tree
    if tree.count() == 0:
        s.skip("click a finding", "no findings")
        return
    rows = iter(range(0, 10 * s.repeat, 3))

    def click() -> None:
        item = tree.item(next(rows) % tree.count())
        tree.scrollToItem(item)
        QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         tree.visualItemRect(item).center())

    s.measure("click a finding (table and charts go to it)", click)


def compare_actions(s: Session) -> None:
    other = s.window.document.portfolio.clone()
    action = s.window.file.compare

    def close() -> None:
        if action.dialog is not None:
            action.dialog.close()

    s.measure("File > Compare with… a copy (compare + dialog open)", lambda: action.show_dialog(other, "kopi.xlsx"),
              after=close)


def open_actions(s: Session) -> None:
    """File > Open of a workbook of n initiatives: the reading runs in a worker thread (progress, cancel);
    what is timed is the UI-thread part once it is read — the window taking the new portfolio
    (``FileActions._on_loaded``, as the worker's signal calls it)."""
    from planner.synthetic import make_portfolio
    from ui.document import prepare_columns

    made = [make_portfolio(s.n, seed=100 + k) for k in range(s.repeat)]
    for portfolio in made:
        portfolio.revalidate()  # as the loader hands it over: validated, and the columns the
        prepare_columns(portfolio)  # loading thread builds (ui.document._LoadWorker)
    portfolios = iter(made)
    path = str(Path(tempfile.gettempdir()) / "planner-bench-open.xlsx")
    s.measure("File > Open: the window takes the read workbook",
              lambda: s.window.file._on_loaded(path, next(portfolios)))


def language_actions(s: Session) -> None:
    name = REBUILDS[0]
    for _ in range(s.repeat):
        for lang in ("en", "da"):
            act = s.window.languages.actions[lang]
            run = time_action(s.app, act.trigger)
            s.record(name, run)
            s.adopt(_visible_main_window(s))


def _visible_main_window(s: Session) -> Any:
    from ui.main_window import MainWindow

    shown = [w for w in s.app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    return shown[-1] if shown else s.window


GROUPS: tuple[Callable[[Session], None], ...] = (
    sort_actions, search_actions, filter_actions, select_actions, view_actions, timeline_actions,
    rebalance_actions, scenario_actions, column_actions, presentation_actions, findings_actions,
    compare_actions, open_actions, language_actions,
)


def run_session(n: int, repeat: int = REPEAT, groups: tuple[Callable[[Session], None], ...] = GROUPS) -> Session:
    """Every action on a window with n initiatives; the session holds the timings (its window is closed)."""
    session = Session(n, repeat)
    try:
        for group in groups:
            try:
                group(session)
            except Exception as exc:  # noqa: BLE001 - one broken action must not hide the others
                session.skip(group.__name__, f"failed: {type(exc).__name__}: {exc}")
    finally:
        session.close()
    return session


def worst(session: Session) -> Timing:
    counted = [t for t in session.timings.values() if t.name not in REBUILDS]
    return max(counted, key=lambda t: t.best_wall)


def worst_block(session: Session) -> Timing:
    counted = [t for t in session.timings.values() if t.name not in REBUILDS]
    return max(counted, key=lambda t: t.best_block)


def report(session: Session, out: Any = None) -> None:
    """Print every action's times: best of the runs (wall, UI-thread CPU) and the first (cold) run."""
    out = out or sys.stdout
    print(f"\nUI actions at {session.n:,} initiatives (best of {session.repeat}; ms)", file=out)
    print(f"{'action':60} {'wall':>8} {'cpu':>8} {'block':>8} {'cold':>8}", file=out)
    for t in session.timings.values():
        flag = " ❌" if t.best_wall >= 0.100 else (" ⚠" if t.best_wall >= 0.060 else "")
        print(f"{t.name[:60]:60} {t.best_wall * 1000:8.1f} {t.best_cpu * 1000:8.1f} {t.best_block * 1000:8.1f} "
              f"{t.cold_wall * 1000:8.1f}{flag}", file=out)
    w, b = worst(session), worst_block(session)
    print(f"worst (language switch apart): until idle {w.name} {w.best_wall * 1000:.1f} ms; "
          f"longest block {b.name} {b.best_block * 1000:.1f} ms", file=out)
    for line in session.skipped:
        print(f"skipped: {line}", file=out)


def markdown(session: Session) -> list[str]:
    lines = ["| Action | wall ms | CPU ms | longest block ms | first run ms |", "|---|---:|---:|---:|---:|"]
    for t in session.timings.values():
        lines.append(f"| {t.name} | {t.best_wall * 1000:.1f} | {t.best_cpu * 1000:.1f} | {t.best_block * 1000:.1f} "
                     f"| {t.cold_wall * 1000:.1f} |")
    return lines


# -- registration (bench/run.py) -------------------------------------------------------------------------
def _session(ctx: Context) -> Session:
    if "ui_freeze_session" not in ctx.cache:
        session = run_session(ctx.size)
        report(session)
        ctx.cache["ui_freeze_session"] = session
    return ctx.cache["ui_freeze_session"]


@benchmark("ui_freeze", "longest time from a user action to an idle event loop (its redraws and repaints done), "
           "over the actions of bench/ui_interactions.py (sort, search, filters, selection, views, zoom, fit to frame, "
           "undo, scenarios, columns, presentation, findings, compare, File > Open); best of 3 per action",
           targets={10_000: 0.100}, group="ui")
def ui_freeze(ctx: Context) -> float:
    return worst(_session(ctx)).best_wall


@benchmark("ui_freeze_worst", "↳ the action that took longest: its UI-thread CPU time (name printed in the run "
           "log and in the hand-written notes)", reference_of="ui_freeze", group="ui")
def ui_freeze_worst(ctx: Context) -> float:
    session = _session(ctx)
    w = worst(session)
    print(f"[{ctx.size}] ui_freeze_worst: {w.name}", flush=True)
    return w.best_cpu


@benchmark("ui_block", "longest time the window could not react (the UI thread handled no event: "
           "bench/latency_probe.py) over the same actions; best of 3 per action", targets={10_000: 0.100},
           group="ui")
def ui_block(ctx: Context) -> float:
    session = _session(ctx)
    b = worst_block(session)
    print(f"[{ctx.size}] ui_block: {b.name}", flush=True)
    return b.best_block


@benchmark("ui_freeze_language", "Settings > Language (rebuilds the whole window; not counted above): until idle",
           reference_of="ui_freeze", group="ui")
def ui_freeze_language(ctx: Context) -> float:
    timing = _session(ctx).timings.get(REBUILDS[0])
    if timing is None:
        raise Pending("the language switch did not run")
    return timing.best_wall


@benchmark("ui_block_language", "↳ Settings > Language (not counted above): the longest time the window could "
           "not react", reference_of="ui_block", group="ui")
def ui_block_language(ctx: Context) -> float:
    timing = _session(ctx).timings.get(REBUILDS[0])
    if timing is None:
        raise Pending("the language switch did not run")
    return timing.best_block


if __name__ == "__main__":
    for size in [int(a) for a in sys.argv[1:]] or [1_000, 10_000]:
        report(run_session(size))
