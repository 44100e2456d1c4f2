"""The benchmark registry: every measurement is a function registered with its label, unit and target.

A benchmark is ``fn(ctx: Context) -> float`` (seconds, or MB for memory) and is registered with
:func:`benchmark`. It raises :class:`Pending` when what it measures does not exist yet (e.g. the UI),
so the report lists it as pending instead of failing. Modules that register benchmarks are listed in
``run.MODULES``; UI benchmarks live in ``bench/ui_hooks.py``.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class Pending(Exception):
    """What this benchmark measures is not built yet; the message says what it waits for."""


@dataclass
class Context:
    """What a benchmark gets: the size, the synthetic workbook of that size, a scratch folder, and a cache
    shared by the benchmarks of one size (e.g. the loaded portfolio)."""

    size: int
    workbook: Path
    workdir: Path
    repeat: int
    cache: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Bench:
    name: str
    label: str
    fn: Callable[[Context], float]
    unit: str = "s"  # "s" (shown in ms or s) or "MB"
    targets: dict[int, float] = field(default_factory=dict)  # size → upper limit in ``unit`` (0: any size)
    reference_of: str = ""  # this row is the reference for that benchmark
    per_size: bool = True  # False: measured once (e.g. app start-up on the sample)
    group: str = "domain"


REGISTRY: dict[str, Bench] = {}


def benchmark(name: str, label: str, *, unit: str = "s", targets: dict[int, float] | None = None,
              reference_of: str = "", per_size: bool = True,
              group: str = "domain") -> Callable[[Callable[[Context], float]], Callable[[Context], float]]:
    """Register ``fn`` under ``name`` (the order of registration is the order of the report)."""

    def wrap(fn: Callable[[Context], float]) -> Callable[[Context], float]:
        REGISTRY[name] = Bench(name, label, fn, unit, targets or {}, reference_of, per_size, group)
        return fn

    return wrap


def best_of(fn: Callable[[], object], repeat: int, setup: Callable[[], object] | None = None) -> float:
    """The fastest of ``repeat`` runs of ``fn`` in seconds (``setup`` runs untimed before each)."""
    best = float("inf")
    for _ in range(max(1, repeat)):
        if setup is not None:
            setup()
        gc.collect()
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best
