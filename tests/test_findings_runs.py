"""FindingsModel._runs: the row operations it gives turn the shown keys into the new ones exactly, and it
declines (None) when keys repeat or the kept lines changed their order."""

from __future__ import annotations

import random

from ui.findings_model import FindingsModel


def _key(n: int) -> tuple[object, ...]:
    return ("warning", "stated_total_mismatch", f"V{n}", ("Ark", n, 3), (("id", f"V{n}"), ("sum", str(n))))


def _replay(old: list[object], new: list[object], runs: list[tuple[int, int, int]]) -> list[object]:
    rows = list(old)
    for row, removed, inserted in runs:
        del rows[row:row + removed]
        rows[row:row] = new[row:row + inserted]
    return rows


def test_runs_turn_old_into_new() -> None:
    rng = random.Random(3)
    for _ in range(200):
        universe = [_key(n) for n in range(60)]
        old = sorted(rng.sample(universe, rng.randint(1, 40)))
        new = sorted(rng.sample(universe, rng.randint(1, 40)))
        runs = FindingsModel._runs(list(old), list(new))
        if set(old) & set(new):
            assert runs is not None
            assert _replay(old, new, runs) == new
        else:
            assert runs is None


def test_runs_decline_repeats_and_reordering() -> None:
    a, b, c = _key(1), _key(2), _key(3)
    assert FindingsModel._runs([a, a, b], [a, b]) is None
    assert FindingsModel._runs([a, b], [a, c, c]) is None
    assert FindingsModel._runs([a, b, c], [b, a]) is None
    assert FindingsModel._runs([a, b], [a, (*b[:4], (("id", "V2"), ("sum", "2")))]) == []
