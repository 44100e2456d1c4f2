"""Money as integer tenths (0,1 mio. kr.) and the largest-remainder rule that keeps sums exact.

Re-balancing works in integer tenths: 12,7 is 127. Conversions are cached per value, because a portfolio
of 10,000 initiatives holds a few hundred distinct amounts and Decimal arithmetic per cell would cost more
than the whole operation.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from itertools import compress, count, islice, repeat
from operator import add, eq, floordiv, gt, is_, mod, mul

import numpy as np

_MISS = object()
_TENTHS: dict[Decimal, int | None] = {}
_DECIMALS: dict[int, Decimal] = {}
_CACHE_LIMIT = 200_000


def tenths(value: Decimal) -> int | None:
    """12.7 → 127; None when the value has a finer digit than 0,1 (12.75)."""
    hit = _TENTHS.get(value, _MISS)
    if hit is not _MISS:
        return hit  # type: ignore[return-value]
    num, den = value.as_integer_ratio()
    result = num * 10 // den if 10 % den == 0 else None
    if len(_TENTHS) >= _CACHE_LIMIT:
        _TENTHS.clear()
    _TENTHS[value] = result
    return result


def tenths_of(values: list[Decimal]) -> list[int | None]:
    """``tenths`` of each value, in one pass over the cache (None for a value with a finer digit)."""
    found: list[int | None] = list(map(_TENTHS.get, values, repeat(_MISS)))  # type: ignore[arg-type]
    if any(map(is_, found, repeat(_MISS))):
        found = [tenths(v) if t is _MISS else t for t, v in zip(found, values)]
    return found


def from_tenths(n: int) -> Decimal:
    """127 → Decimal('12.7')."""
    hit = _DECIMALS.get(n)
    if hit is None:
        if len(_DECIMALS) >= _CACHE_LIMIT:
            _DECIMALS.clear()
        hit = _DECIMALS[n] = Decimal(n).scaleb(-1)
    return hit


def decimals_of(shares: list[int]) -> list[Decimal]:
    """``from_tenths`` of each share."""
    try:
        return list(map(_DECIMALS.__getitem__, shares))
    except KeyError:
        return list(map(from_tenths, shares))


def decimals_of_array(shares: np.ndarray) -> list[Decimal]:
    """``from_tenths`` of each share of an integer array, looked up in a table of the distinct shares."""
    if not shares.size:
        return []
    low, high = int(shares.min()), int(shares.max())
    if high - low > 4 * shares.size + 4096:  # few shares spread far apart: a sorted lookup, not a table
        distinct, which = np.unique(shares, return_inverse=True)
        table = np.empty(len(distinct), dtype=object)
        table[:] = decimals_of(distinct.tolist())
        return table[which.ravel()].tolist()  # type: ignore[no-any-return]
    offsets = shares - low
    present = np.flatnonzero(np.bincount(offsets))
    table = np.empty(high - low + 1, dtype=object)
    table[present] = decimals_of((present + low).tolist())
    return table[offsets].tolist()  # type: ignore[no-any-return]


def exact_weights(values: list[Decimal]) -> list[int]:
    """Integer weights in the same proportion as ``values`` (used when one has a finer digit than 0,1)."""
    places = max(max(-v.as_tuple().exponent, 0) for v in values)  # type: ignore[operator]
    return [int(v.scaleb(places)) for v in values]


def largest_remainder(weights: list[int], target: int) -> list[int]:
    """Integers proportional to ``weights`` that add up to ``target`` exactly.

    Each share is floor(w·target/Σw), plus one for the cells with the largest remainders until the sum is
    reached; equal remainders go to the earlier cell. A zero weight gets 0 (its remainder is 0, and fewer
    units are missing than there are non-zero remainders). Weights ≥ 0 with Σw > 0, target ≥ 0.
    Share and remainder depend on the weight alone, so when amounts repeat (they do: 10,000 initiatives
    have a few hundred distinct amounts) they are worked out once per distinct weight.
    """
    total = sum(weights)
    counts = Counter(weights)
    if len(counts) * 4 > len(weights):
        return _largest_remainder_by_cell(weights, target, total)
    share_of: dict[int, int] = {}
    remainder_of: dict[int, int] = {}
    for w in counts:
        share_of[w], remainder_of[w] = divmod(w * target, total)
    missing = target - sum(share_of[w] * n for w, n in counts.items())
    ties: set[int] = set()
    tie_extra = 0
    if missing:
        ranked = sorted(counts, key=remainder_of.__getitem__, reverse=True)
        i = 0
        while missing:
            cut = remainder_of[ranked[i]]
            group = []
            while i < len(ranked) and remainder_of[ranked[i]] == cut:
                group.append(ranked[i])
                i += 1
            cells = sum(counts[w] for w in group)
            if cells <= missing:
                for w in group:
                    share_of[w] += 1
                missing -= cells
            else:
                ties, tie_extra, missing = set(group), missing, 0
    shares = list(map(share_of.__getitem__, weights))
    if tie_extra:
        for i in islice(compress(count(), map(ties.__contains__, weights)), tie_extra):
            shares[i] += 1
    return shares


def _largest_remainder_by_cell(weights: list[int], target: int, total: int) -> list[int]:
    """The same rule in whole-list passes, for weights that hardly repeat."""
    products = list(map(mul, weights, repeat(target)))
    shares = list(map(floordiv, products, repeat(total)))
    missing = target - sum(shares)
    if missing:
        remainders = list(map(mod, products, repeat(total)))
        cut = sorted(remainders, reverse=True)[missing - 1]
        extra = list(map(gt, remainders, repeat(cut)))
        for i in islice(compress(count(), map(eq, remainders, repeat(cut))), missing - sum(extra)):
            extra[i] = True
        shares = list(map(add, shares, extra))
    return shares


_SAFE = 2**62  # int64 products below this cannot overflow


def largest_remainder_array(weights: np.ndarray, target: int) -> np.ndarray:
    """:func:`largest_remainder` on an int64 array, in whole-array steps (same shares, same tie rule).

    The cells missing a unit are the largest remainders in a stable order, so equal remainders go to the
    earlier cell. Falls back to the list version when weight × target could leave int64.
    """
    total = int(weights.sum())
    if not len(weights) or int(weights.max()) * max(target, 1) >= _SAFE or total >= _SAFE:
        return np.array(largest_remainder(weights.tolist(), target), dtype=object)
    products = weights * target
    shares = products // total
    missing = target - int(shares.sum())
    if missing:  # the `missing` largest remainders get one more; at the cut, the earliest cells
        remainders = products - shares * total
        cut = np.partition(remainders, len(remainders) - missing)[len(remainders) - missing]
        above = remainders > cut
        shares[above] += 1
        at_cut = np.flatnonzero(remainders == cut)[: missing - int(np.count_nonzero(above))]
        shares[at_cut] += 1
    return shares
