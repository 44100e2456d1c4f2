"""Run in a fresh process by bench/core.py: load, validate, summarise and save one workbook, then print
the peak memory as one JSON line. Modes: ``rss`` (maxrss only), ``tracemalloc`` (Python allocations),
``baseline`` (imports only)."""

from __future__ import annotations

import json
import resource
import sys
import tracemalloc
from decimal import Decimal


def _maxrss_mb() -> float:
    """Peak resident memory of this process. On Linux VmHWM, because ru_maxrss survives exec and so
    reports the forking parent's peak when that is higher."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def main(mode: str, workbook: str, out: str) -> None:
    if mode == "tracemalloc":
        tracemalloc.start()
    from planner.loader import load_portfolio
    from planner.summary import build_summary

    if mode != "baseline":
        portfolio = load_portfolio(workbook)
        portfolio.revalidate()
        json.dumps(build_summary(portfolio))
        try:
            from planner.writer import save_portfolio
        except ModuleNotFoundError:
            save_portfolio = None
        if save_portfolio is not None:
            ini = portfolio.initiatives[0]
            year = min(ini.amounts)
            portfolio.set_amount(ini.id, year, ini.amount(year) + Decimal("0.1"))
            save_portfolio(portfolio, out)
    result = {"maxrss_mb": _maxrss_mb()}
    if mode == "tracemalloc":
        result["tracemalloc_peak_mb"] = tracemalloc.get_traced_memory()[1] / (1024 * 1024)
    print(json.dumps(result))


if __name__ == "__main__":
    main(*sys.argv[1:4])
