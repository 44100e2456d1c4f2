"""Whole-column passes for the table reader's hot loop: a column's cells looked up, filtered and stored
with C-level ``map``/``compress`` instead of one Python step per cell.

Split from :mod:`planner.table_reader` (which keeps the per-cell rules and the slow paths); every helper
here gives exactly what the per-cell rules give, or says it cannot (then the reader takes the slow path).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Hashable, Sequence
from itertools import compress, repeat
from operator import is_, is_not, setitem

SKIP = object()  # a blank cell: nothing to read, no source
AMOUNT_TYPES = frozenset({float, str, type(None)})  # cells whose cached amounts cannot collide (1 == 1.0 == True)


def plain_texts(cells: Sequence[object]) -> tuple[list[int], list[str]] | None:
    """(positions, stripped texts) of a column's non-blank cells when every cell is a str; else None."""
    if not set(map(type, cells)) <= {str}:
        return None
    stripped = list(map(str.strip, cells))  # type: ignore[arg-type]
    return list(compress(range(len(stripped)), stripped)), list(compress(stripped, stripped))


def misses(found: Sequence[object]) -> list[int]:
    """Positions where a lookup gave None."""
    return list(compress(range(len(found)), map(is_, found, repeat(None))))


def kept(found: Sequence[object]) -> list[int]:
    """Positions of the cells that are not SKIP."""
    return list(compress(range(len(found)), map(is_not, found, repeat(SKIP))))


def lookup(cells: Sequence[object], memo: dict[Hashable, object],
           fill: Callable[[int, object], object]) -> list[object]:
    """Each cell's memo entry; a cell not in the memo gets ``fill(position, cell)`` (which may store it)."""
    found = list(map(memo.get, cells))  # type: ignore[arg-type]
    for i in misses(found):
        found[i] = fill(i, cells[i])
    return found


def set_each(targets: Sequence[dict[object, object]], positions: Sequence[int], key: object,
             values: Sequence[object]) -> None:
    """``targets[positions[k]][key] = values[k]`` for every k."""
    deque(map(setitem, map(targets.__getitem__, positions), repeat(key), values), 0)


def update_each(targets: Sequence[dict[str, object]], positions: Sequence[int],
                updates: Sequence[dict[str, object]]) -> None:
    """``targets[positions[k]].update(updates[k])`` for every k."""
    deque(map(dict.update, map(targets.__getitem__, positions), updates), 0)
