"""Domain benchmarks: reading (with openpyxl and calamine references), validation, saving, fit to frame,
the ``planner summary`` process and peak memory. Headless; no Qt."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from registry import Context, Pending, benchmark, best_of

ROOT = Path(__file__).resolve().parent.parent


def _optional(module: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name != module:
            raise
        raise Pending(f"{module} is not in the tree yet") from None


def _portfolio(ctx: Context, *, loaded: bool = True) -> Any:
    """The loaded portfolio of this size (loaded once, shared by the benchmarks that need one).

    ``loaded=False`` accepts the synthetic model itself while the loader is not in the tree.
    """
    if "portfolio" not in ctx.cache:
        try:
            ctx.cache["portfolio"] = _optional("planner.loader").load_portfolio(ctx.workbook)
        except Pending:
            if loaded:
                raise
            if "model" not in ctx.cache:
                from planner.synthetic import make_portfolio

                ctx.cache["model"] = make_portfolio(ctx.size)
            return ctx.cache["model"]
    return ctx.cache["portfolio"]


@benchmark("read_openpyxl", "openpyxl read-only, values of every cell (reference)", reference_of="load")
def read_openpyxl(ctx: Context) -> float:
    from openpyxl import load_workbook

    def read() -> None:
        wb = load_workbook(ctx.workbook, read_only=True, data_only=True)
        for ws in wb.worksheets:
            for _ in ws.iter_rows(values_only=True):
                pass
        wb.close()

    return best_of(read, min(ctx.repeat, 3))


@benchmark("read_calamine", "python-calamine, values of every cell (reference)", reference_of="load")
def read_calamine(ctx: Context) -> float:
    from python_calamine import CalamineWorkbook

    def read() -> None:
        wb = CalamineWorkbook.from_path(str(ctx.workbook))
        for name in wb.sheet_names:
            wb.get_sheet_by_name(name).to_python()

    return best_of(read, ctx.repeat)


@benchmark("load", "load: workbook → validated portfolio (`load_portfolio`)",
           targets={10_000: 0.6})
def load(ctx: Context) -> float:
    """Only the load is timed: the previous run's portfolio is let go before the clock starts (freeing
    10,000 initiatives costs ≈ 50 ms, which no user waits for when opening a file)."""
    loader = _optional("planner.loader")

    def run() -> None:
        ctx.cache["portfolio"] = loader.load_portfolio(ctx.workbook)

    return best_of(run, ctx.repeat, setup=lambda: ctx.cache.pop("portfolio", None))


@benchmark("load_openpyxl_path", "same model through openpyxl read-only + `read_table` (the other way)",
           reference_of="load")
def load_openpyxl_path(ctx: Context) -> float:
    table_reader = _optional("planner.table_reader")
    from openpyxl import load_workbook

    def run() -> None:
        wb = load_workbook(ctx.workbook, read_only=True, data_only=True)
        ws = wb.worksheets[0]
        grid = [list(row) for row in ws.iter_rows(values_only=True)]
        wb.close()
        table_reader.read_table(grid, sheet=ws.title, path=str(ctx.workbook)).revalidate()

    return best_of(run, min(ctx.repeat, 3))


@benchmark("load_vs_calamine", "load ÷ calamine raw read (ratio, not seconds)", unit="×",
           targets={10_000: 4.0})
def load_vs_calamine(ctx: Context) -> float:
    results = ctx.cache.get("results", {})
    if "load" not in results or "read_calamine" not in results:
        raise Pending("needs load and read_calamine")
    return float(results["load"] / results["read_calamine"])


@benchmark("validate", "validate (`Portfolio.revalidate`)")
def validate(ctx: Context) -> float:
    portfolio = _portfolio(ctx, loaded=False)
    return best_of(portfolio.revalidate, ctx.repeat)


@benchmark("save_unchanged", "save with no change (`save_portfolio`)")
def save_unchanged(ctx: Context) -> float:
    writer = _optional("planner.writer")
    portfolio = _portfolio(ctx)
    out = ctx.workdir / f"unchanged-{ctx.size}.xlsx"
    return best_of(lambda: writer.save_portfolio(portfolio, out), ctx.repeat)


@benchmark("save_one_change", "save with one changed amount", targets={10_000: 1.0})
def save_one_change(ctx: Context) -> float:
    writer = _optional("planner.writer")
    portfolio = _portfolio(ctx).clone()
    ini = portfolio.initiatives[0]
    year = min(ini.amounts)
    portfolio.set_amount(ini.id, year, ini.amount(year) + Decimal("0.1"))
    out = ctx.workdir / f"changed-{ctx.size}.xlsx"
    return best_of(lambda: writer.save_portfolio(portfolio, out), ctx.repeat)


@benchmark("fit_to_frame", "fit to frame over all years (compute + apply), after an edit", targets={10_000: 0.020})
def fit_to_frame(ctx: Context) -> float:
    """What a planner waits for on pressing Fit to frame in an open portfolio: compute the change set and
    apply it. Each run first edits one amount (the way the window does, ``planner.edits.apply``), so the
    cell columns kept beside the portfolio (planner.amount_cells) have a change to find; the edit and
    the fit are taken back untimed between runs. The first fit after opening a file also builds those
    columns: that is ``fit_to_frame_first``."""
    rebalance = _optional("planner.rebalance")
    edits = _optional("planner.edits")
    portfolio = _portfolio(ctx, loaded=False).clone()
    rebalance.fit_to_frame(portfolio)  # the columns exist, as they do after the first fit in a session
    ini = portfolio.initiatives[len(portfolio.initiatives) // 2]
    year = min(ini.amounts)
    undo: list[Any] = []

    def edit() -> None:
        change = edits.edit_cell(portfolio, ini.id, year, ini.amounts[year] + Decimal("0.1"))
        edits.apply(portfolio, change)
        undo.append(change)

    def run() -> None:
        changes = rebalance.fit_to_frame(portfolio)
        edits.apply(portfolio, changes, check=False)
        undo.append(changes)

    def reset() -> None:
        while undo:
            edits.revert(portfolio, undo.pop(), check=False)
        edit()

    seconds = best_of(run, max(ctx.repeat, 5), setup=reset)
    while undo:
        edits.revert(portfolio, undo.pop(), check=False)
    return seconds


@benchmark("fit_to_frame_first", "the first fit to frame on a freshly opened portfolio (builds the cell "
           "columns; reference)", reference_of="fit_to_frame")
def fit_to_frame_first(ctx: Context) -> float:
    rebalance = _optional("planner.rebalance")
    edits = _optional("planner.edits")
    source = _portfolio(ctx, loaded=False)
    fresh: list[Any] = []

    def run() -> None:
        edits.apply(fresh[-1], rebalance.fit_to_frame(fresh[-1]), check=False)

    return best_of(run, max(ctx.repeat, 3), setup=lambda: fresh.append(source.clone()))


def _process_seconds(args: list[str], repeat: int) -> float:
    def run() -> None:
        done = subprocess.run(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "PLANNER_LANG": "en"}, timeout=300)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(args)} failed: {done.stderr.strip()}")

    return best_of(run, repeat)


@benchmark("python_start", "`python -c pass` (reference: interpreter start)", reference_of="summary_process")
def python_start(ctx: Context) -> float:
    return _process_seconds([sys.executable, "-c", "pass"], max(ctx.repeat, 3))


@benchmark("summary_process", "whole `planner summary FILE --json` process", targets={10_000: 1.5})
def summary_process(ctx: Context) -> float:
    _optional("planner.loader")
    return _process_seconds([sys.executable, "-m", "planner", "summary", str(ctx.workbook), "--json"],
                            max(ctx.repeat, 3))


def _memory_child(ctx: Context, mode: str) -> dict[str, float]:
    _optional("planner.loader")
    done = subprocess.run([sys.executable, str(Path(__file__).with_name("memory_child.py")), mode,
                           str(ctx.workbook), str(ctx.workdir / f"mem-{ctx.size}.xlsx")],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"memory child failed: {last[:300]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


@benchmark("peak_rss", "peak memory, whole process: load + validate + summary + save (maxrss)", unit="MB",
           targets={10_000: 400.0})
def peak_rss(ctx: Context) -> float:
    return _memory_child(ctx, "rss")["maxrss_mb"]


@benchmark("rss_baseline", "peak memory of a process that only imports planner (reference)", unit="MB",
           reference_of="peak_rss")
def rss_baseline(ctx: Context) -> float:
    return _memory_child(ctx, "baseline")["maxrss_mb"]


@benchmark("peak_tracemalloc", "peak Python allocations during the same work (tracemalloc)", unit="MB")
def peak_tracemalloc(ctx: Context) -> float:
    return _memory_child(ctx, "tracemalloc")["tracemalloc_peak_mb"]
