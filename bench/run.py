"""Benchmarks of issue 7 on synthetic portfolios, written to docs/performance.md.

    .venv/bin/python bench/run.py                       # sizes 13, 1000, 10000 → docs/performance.md
    .venv/bin/python bench/run.py --sizes 13 1000 --out /tmp/perf.md --only load validate

Kept out of the test run (pytest collects tests/ only). Each size gets a synthetic workbook from
``planner.synthetic.write_workbook`` (n initiatives × 2023–2027) in a temporary folder; every registered
benchmark (bench/core.py, bench/ui_hooks.py) runs on it and the report puts each figure beside its
reference and target. A benchmark whose subject is not built yet is listed as pending.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import core  # noqa: E402,F401  (registers the domain benchmarks)
import ui_bench  # noqa: E402,F401  (registers the re-balancing chart benchmarks, issue 4)
import ui_hooks  # noqa: E402,F401  (registers the UI benchmarks)
import ui_interactions  # noqa: E402,F401  (registers ui_freeze and ui_block: how long a user action holds the window)
from registry import REGISTRY, Bench, Context, Pending  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SIZES = (13, 1_000, 10_000)
START_LOAD = ["?"]
KEEP_MARKER = "<!-- hand-written below: bench/run.py keeps everything after this line -->"
Outcome = float | str  # a figure, or why there is none ("pending: …", "failed: …")


def repeats_for(size: int) -> int:
    """Runs per figure (best taken): more for small sizes; 5 at 10,000 because the shared 2-core machine
    makes single runs noisy (the slow openpyxl references cap themselves at 3)."""
    return 7 if size <= 100 else 5


def run_one(bench: Bench, ctx: Context) -> Outcome:
    try:
        value = bench.fn(ctx)
    except Pending as why:
        return f"pending: {why}"
    except Exception as exc:  # noqa: BLE001 - one broken benchmark must not hide the others
        last = (str(exc).strip().splitlines() or [""])[-1]
        return f"failed: {type(exc).__name__}: {last[:300]}"
    ctx.cache.setdefault("results", {})[bench.name] = value
    return value


Results = dict[str, dict[int, Outcome]]


def run_all(sizes: list[int], only: set[str], workdir: Path) -> tuple[Results, dict[int, float]]:
    """results[name][size] (size 0 for benchmarks measured once) and the time to write each workbook."""
    from planner.synthetic import write_workbook

    results: dict[str, dict[int, Outcome]] = {name: {} for name in REGISTRY}
    written: dict[int, float] = {}
    selected = [b for b in REGISTRY.values() if not only or b.name in only]
    for size in sizes:
        path = workdir / f"synthetic-{size}.xlsx"
        start = time.perf_counter()
        write_workbook(size, path)
        written[size] = time.perf_counter() - start
        kib = path.stat().st_size // 1024
        print(f"[{size}] workbook written in {written[size]:.2f} s ({kib} KiB)", flush=True)
        ctx = Context(size=size, workbook=path, workdir=workdir, repeat=repeats_for(size))
        for bench in selected:
            if bench.per_size:
                results[bench.name][size] = outcome = run_one(bench, ctx)
                print(f"[{size}] {bench.name}: {show(outcome, bench.unit)}", flush=True)
    once = [b for b in selected if not b.per_size]
    if once:
        ctx = Context(size=0, workbook=ROOT / "samples" / "uip2023.xlsx", workdir=workdir, repeat=3)
        for bench in once:
            results[bench.name][0] = outcome = run_one(bench, ctx)
            print(f"[once] {bench.name}: {show(outcome, bench.unit)}", flush=True)
    return results, written


def show(value: Outcome, unit: str) -> str:
    if isinstance(value, str):
        return value.split(":")[0]
    if unit == "s":
        return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:.1f}{unit}"


def _limit(limit: float, unit: str) -> str:
    if unit == "s":
        return f"{limit * 1000:g} ms" if limit < 1 else f"{limit:g} s"
    return f"{limit:g} {unit}" if unit == "MB" else f"{limit:g}{unit}"


def target_cell(bench: Bench, results: dict[int, Outcome]) -> str:
    parts = []
    for size, limit in sorted(bench.targets.items()):
        value = results.get(size) if size else next(iter(results.values()), None)
        label = f"< {_limit(limit, bench.unit)}" + (f" at {size:,}" if size else "")
        if isinstance(value, float):
            label += " ✅" if value < limit else " ❌"
        parts.append(label)
    return "; ".join(parts)


def _versions() -> str:
    names = ("openpyxl", "python-calamine", "pydantic", "PySide6-Essentials", "pyqtgraph")
    out = []
    for name in names:
        try:
            out.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            pass
    return ", ".join(out)


def _load() -> str:
    try:
        return f"{os.getloadavg()[0]:.1f}"
    except (AttributeError, OSError):
        return "?"


def _commit() -> str:
    try:
        done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True, timeout=10)
        return done.stdout.strip()
    except OSError:
        return ""


def _rows(benches: list[Bench]) -> list[tuple[Bench, bool]]:
    """Each benchmark followed by its references (flagged True)."""
    refs: dict[str, list[Bench]] = {}
    for b in benches:
        if b.reference_of:
            refs.setdefault(b.reference_of, []).append(b)
    rows: list[tuple[Bench, bool]] = []
    for b in benches:
        if b.reference_of and b.reference_of in {x.name for x in benches}:
            continue
        rows.append((b, False))
        rows.extend((r, True) for r in refs.get(b.name, []))
    return rows


def render(results: dict[str, dict[int, Outcome]], sizes: list[int], written: dict[int, float],
           command: str) -> str:
    per_size = [b for b in REGISTRY.values() if b.per_size and results[b.name]]
    once = [b for b in REGISTRY.values() if not b.per_size and results[b.name]]
    lines = [
        "# Performance",
        "",
        "Figures from the benchmark suite of issue 7 (`bench/`), measured on synthetic portfolios "
        "(`planner.synthetic.write_workbook`: n initiatives × 2023–2027, 17 columns, title and metadata "
        "rows, a totals row). Each time is the best of several runs (7 at 13, 5 at 1,000 and 10,000 "
        "initiatives, 3 for the openpyxl references); each figure stands beside the reference measured in "
        "the same run. This file is generated: re-run the command below rather than editing the tables.",
        "",
        "## How to reproduce",
        "",
        "```sh",
        "cd /work/main   # the repository",
        ".venv/bin/python bench/run.py --sizes 13 1000 10000 --out docs/performance.md",
        "```",
        "",
        "`--only NAME …` runs some benchmarks (names below), `--json PATH` also writes the raw figures. "
        "The suite is not part of `pytest` (it collects `tests/` only) and takes about a minute at 10,000.",
        "",
        "## Run",
        "",
        f"- Date: {dt.datetime.now().strftime('%Y-%m-%d %H:%M')}; commit {_commit() or '?'}; "
        f"command: `{command}`",
        f"- Machine: {platform.platform()}, {os.cpu_count()} CPUs; Python {platform.python_version()}",
        f"- Libraries: {_versions()}",
        f"- Machine load (1-minute load average) at start / end of the run: {START_LOAD[0]} / {_load()}. "
        "Figures taken while other work shares the 2 cores are slower than on an idle machine; compare "
        "rows within one run.",
        "- Writing the synthetic workbooks with openpyxl (set-up, not a target): "
        + ", ".join(f"{s:,}: {w:.2f} s" for s, w in written.items()),
        "",
        "## Domain (headless)",
        "",
        "| Measurement | name | " + " | ".join(f"{s:,}" for s in sizes) + " | Target |",
        "|---|---|" + "---:|" * len(sizes) + "---|",
    ]
    for bench, is_ref in _rows(per_size):
        label = ("↳ " if is_ref else "") + bench.label
        cells = [show(results[bench.name].get(s, "–"), bench.unit) for s in sizes]
        target = target_cell(bench, results[bench.name])
        lines.append(f"| {label} | `{bench.name}` | " + " | ".join(cells) + f" | {target} |")
    if once:
        lines += ["", "## Start-up (measured once, on samples/uip2023.xlsx)", "",
                  "| Measurement | name | Result | Target |", "|---|---|---:|---|"]
        for bench, is_ref in _rows(once):
            label = ("↳ " if is_ref else "") + bench.label
            lines.append(f"| {label} | `{bench.name}` | {show(results[bench.name][0], bench.unit)} | "
                         f"{target_cell(bench, results[bench.name])} |")
    pending = sorted({(b.name, str(v)) for b in REGISTRY.values() for v in results[b.name].values()
                      if isinstance(v, str)})
    if pending:
        lines += ["", "## Pending or failed", ""]
        lines += [f"- `{name}`: {why.replace(': ', ' — ', 1)}" for name, why in pending]
    lines += ["", "## Notes", "",
              "- `load` is the full path a user waits for: file checks, reading, building the model and "
              "validation. `read_openpyxl` and `read_calamine` read the same file's values and build "
              "nothing; `load_openpyxl_path` builds the same model from openpyxl's read-only values.",
              "- Peak memory runs in a fresh process (`bench/memory_child.py`): `maxrss` is the whole "
              "process (interpreter and libraries included; compare with the imports-only baseline), "
              "tracemalloc the Python allocations (and it slows the run, so it is measured separately).",
              "- UI benchmarks live in `bench/ui_hooks.py` and state the contract the UI keeps for them "
              "(e.g. `PLANNER_BENCH_FIRST_PAINT=1`); until it exists they are listed as pending.",
              ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "performance.md",
                        help="markdown report (default docs/performance.md); '-' prints it")
    parser.add_argument("--only", nargs="+", default=[], metavar="NAME", choices=sorted(REGISTRY),
                        help="run only these benchmarks")
    parser.add_argument("--json", type=Path, help="also write the raw results as JSON")
    parser.add_argument("--list", action="store_true", help="list the registered benchmarks and exit")
    args = parser.parse_args(argv)
    if args.list:
        for b in REGISTRY.values():
            print(f"{b.name:20} {b.group:7} {b.label}")
        return 0
    START_LOAD[0] = _load()
    workdir = Path(tempfile.mkdtemp(prefix="planner-bench-"))
    try:
        results, written = run_all(args.sizes, set(args.only), workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    command = "bench/run.py " + " ".join(sys.argv[1:] if argv is None else argv)
    report = render(results, args.sizes, written, command.strip())
    if str(args.out) == "-":
        print(report)
    else:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        kept = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if KEEP_MARKER in kept:
            report = report.rstrip("\n") + "\n\n" + kept[kept.index(KEEP_MARKER):]
        args.out.write_text(report, encoding="utf-8")
        print(f"report written to {args.out}")
    if args.json:
        raw = {"sizes": args.sizes, "results": results, "written": written}
        args.json.write_text(json.dumps(raw, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
