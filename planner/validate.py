"""Validation: findings about a portfolio's figures, never exceptions."""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import chain, compress, count, repeat
from operator import attrgetter, is_
from typing import NamedTuple

from planner.amounts import ZERO
from planner.cells import CellRef
from planner.findings import Finding, Severity
from planner.model import Initiative, Portfolio, amount_key, initiative_writes

# A stated total within this of the sum is rounding in the source, not a difference worth a finding.
TOTAL_TOLERANCE = Decimal("0.05")
_TOLERANCE = TOTAL_TOLERANCE - Decimal("0.0000001")
YEAR_MIN, YEAR_MAX = 1990, 2100
_amounts_of = attrgetter("amounts")
_costs_of = attrgetter("costs")
_id_of = attrgetter("id")
_phase_of = attrgetter("phase")
_stated_of = attrgetter("stated_total")
_start_of = attrgetter("start_year")
_end_of = attrgetter("end_year")
_new, _set = object.__new__, object.__setattr__
_new_made = tuple.__new__  # a NamedTuple's own constructor is several times slower
_FINDING_FIELDS = frozenset(Finding.model_fields)
_WARNING = Severity.WARNING


def _num(d: Decimal) -> str:
    return format(d.normalize(), "f") if d == d.to_integral_value() else str(d)


def _where(ini: Initiative, key: str) -> CellRef | None:
    ref = ini.sources.get(key)
    if ref is not None:
        return ref
    any_ref = next(iter(ini.sources.values()), None)
    return CellRef(sheet=any_ref.sheet, row=any_ref.row) if any_ref else None


def validate(portfolio: Portfolio) -> list[Finding]:
    """All findings about the figures: totals, periods, signs, ids, phases, frame, years.

    Whole-list passes over the initiatives (sums, and the cheap tests of :func:`_static_candidates` and
    :func:`_amount_candidates`) find the few that may have something to say; only those are checked one by
    one, and the per-year loop only runs for an initiative that has a negative amount or money outside its
    years. An initiative whose only finding is a stated total off the sum (every initiative after a fit to
    frame: ≈ 7,000 at 10,000) gets that finding straight away, without the other tests. The pass also
    leaves what it found per initiative on the portfolio, so :func:`revalidate_changed` can re-check a few
    initiatives later (or only the amounts of all of them).
    """
    inis = list(portfolio.initiatives)
    ids = list(map(_id_of, inis))
    return _amounts_pass(portfolio, inis, ids, dict(zip(ids, range(len(ids)))), _static_candidates(inis),
                         _duplicate_findings(portfolio, ids))


def _amounts_pass(portfolio: Portfolio, inis: list[Initiative], ids: list[str], positions: dict[str, int],
                  static: set[int], duplicates: list[Finding]) -> list[Finding]:
    """The findings, given what does not depend on the amounts: the ids, their positions, the positions
    :func:`_static_candidates` found, and the duplicate-id findings. Leaves the cache on the portfolio."""
    phase_column = _phase_column(portfolio)
    every = list(map(_amounts_of, inis))
    totals = list(map(sum, map(dict.values, every), repeat(ZERO)))
    mismatched = [pos for pos, stated, total in zip(count(), map(_stated_of, inis), totals)
                  if stated is not None and abs(stated - total) > _TOLERANCE]
    others = _amount_candidates(portfolio, inis, every)
    others.update(static)
    per: dict[int, list[Finding]] = {}
    for pos in others:
        found = _initiative_findings(inis[pos], phase_column, totals[pos])
        if found:
            per[pos] = found
    earlier = portfolio._validation
    memo = earlier.memo if isinstance(earlier, _Cache) else _MismatchMemo()
    _mismatches(inis, totals, [pos for pos in mismatched if pos not in others], per, memo)
    frame_years = tuple(sorted(portfolio.frame.by_year))
    columns = {y: list(map(dict.get, every, repeat(y), repeat(ZERO))) for y in frame_years}
    cache = _Cache(inis=inis, ids=ids, positions=positions, phase_column=phase_column,
                   per=per, totals=totals, frame_years=frame_years, columns=columns,
                   year_totals={y: sum(col, ZERO) for y, col in columns.items()},
                   duplicates=duplicates, memo=memo, static=static, writes=initiative_writes())
    portfolio._validation = cache
    return _assemble(portfolio, cache)


def _static_candidates(inis: list[Initiative]) -> set[int]:
    """Positions that may have a finding whatever their amounts: no phase, a reversed period, a negative
    cost. Whole-list passes (most portfolios have no negative cost at all)."""
    found: set[int] = set(compress(range(len(inis)), map(is_, map(_phase_of, inis), repeat(None))))
    found.update([pos for pos, start, end in zip(count(), map(_start_of, inis), map(_end_of, inis))
                  if start is not None and end is not None and end < start])
    all_costs = list(map(_costs_of, inis))
    if min(chain.from_iterable(map(dict.values, all_costs)), default=ZERO) < ZERO:
        found.update(pos for pos, costs in enumerate(all_costs) if costs and min(costs.values()) < ZERO)
    return found


def _is_static_candidate(ini: Initiative) -> bool:
    """:func:`_static_candidates` for one initiative."""
    start, end = ini.start_year, ini.end_year
    return (ini.phase is None or (start is not None and end is not None and end < start)
            or any(amount < 0 for amount in ini.costs.values()))


def _amount_candidates(portfolio: Portfolio, inis: list[Initiative], every: list[dict[int, Decimal]]) -> set[int]:
    """Positions that may have money outside their years or a negative amount (a superset)."""
    found: set[int] = set()
    if not _cell_candidates(portfolio, inis, found):
        found.update([pos for pos, start, end, amounts in zip(count(), map(_start_of, inis), map(_end_of, inis),
                                                              every)
                      if start is not None and end is not None and amounts and (
                          min(amounts) < start or max(amounts) > end)])
        if min(chain.from_iterable(map(dict.values, every)), default=ZERO) < ZERO:
            found.update(pos for pos, amounts in enumerate(every) if amounts and min(amounts.values()) < ZERO)
    return found


def _cell_candidates(portfolio: Portfolio, inis: list[Initiative], found: set[int]) -> bool:
    """Adds to ``found`` the positions with money outside the years or a negative amount,
    in whole-array steps over the portfolio's cell columns (planner.amount_cells: years in order within
    an initiative, so its first and last cells are its first and last years). False (nothing added) when
    the columns do not stand for ``inis`` or an amount is finer than 0,1 (the caller's per-initiative pass
    then does it)."""
    amount_cells = sys.modules.get("planner.amount_cells")
    if amount_cells is None:  # no columns are kept in this process (the CLI, a load): not worth numpy's import
        return False
    cells = amount_cells.kept_cells_of(portfolio)
    if cells is None or not cells.exact:
        return False
    import numpy as np

    try:
        arrays = cells.arrays()
    except OverflowError:  # an amount beyond int64 tenths (a fuzzed workbook): the per-initiative pass
        return False
    tenths = arrays.tenths
    if tenths is None or len(cells.inis) != len(inis) or not all(map(is_, cells.inis, inis)):
        return False
    # None → nan: every comparison with it is False, as "start is not None and …" is
    start = np.array(list(map(_start_of, inis)), dtype=float)
    end = np.array(list(map(_end_of, inis)), dtype=float)
    bad = np.zeros(len(inis), dtype=bool)
    if len(tenths):
        years = np.empty(len(tenths), dtype=np.int64)
        for year, positions in arrays.by_year.items():
            years[positions] = year
        bounds = np.asarray(cells.starts, dtype=np.int64)
        lo, hi = bounds[:-1], bounds[1:]
        funded = hi > lo
        first = years[np.where(funded, lo, 0)]
        last = years[np.where(funded, hi - 1, 0)]
        bad |= funded & ((first < start) | (last > end)) & ~(np.isnan(start) | np.isnan(end))
        negative = np.flatnonzero(tenths < 0)
        if len(negative):
            found.update((np.searchsorted(bounds, negative, side="right") - 1).tolist())
    found.update(np.flatnonzero(bad).tolist())
    return True


def revalidate_changed(portfolio: Portfolio, ids: Iterable[str], *, amounts_only: bool = False) -> list[Finding]:
    """``portfolio.revalidate()`` after a change to the initiatives ``ids`` only (any of their fields).

    Re-checks those initiatives, re-sums only the framed years whose amounts moved, and redoes the cheap
    portfolio-wide checks (frame, years; duplicate ids only when ids may have changed), reusing what the
    last validation found for every other initiative. The findings equal a full :func:`validate` in
    content and order. Falls back to the full pass when there is nothing to reuse: the portfolio was never
    validated, its initiatives were added, removed, replaced or reordered, the frame's years or the
    phase column changed, an id is unknown, or most of the portfolio changed anyway.
    ``amounts_only``: only the yearly amounts of ``ids`` changed (a planner.edits.ChangeSet): when most of
    the portfolio changed, the whole-list pass then redoes only the tests that depend on the amounts and
    keeps the ids, duplicate ids and the other candidates it found last time.
    Sets and returns ``portfolio.findings`` (reader's findings first, as ``revalidate`` does).
    """
    found = _incremental(portfolio, ids, amounts_only)
    if found is None:
        found = validate(portfolio)
    portfolio.findings = [*portfolio.read_findings, *found]
    return portfolio.findings


class _Made(NamedTuple):
    """A stated-total finding and what it was made from (besides the position and the sum's text)."""

    stated: Decimal
    sources: dict[str, CellRef]
    initiative_id: str
    finding: Finding


class _MismatchMemo:
    """The stated-total findings the last two full validations of one portfolio made, by (position, the
    sum's text). Shared by the successive validation caches of the portfolio, so it survives an undo/redo
    that puts an earlier cache back (:func:`restore`)."""

    __slots__ = ("before", "now")

    def __init__(self) -> None:
        self.now: dict[tuple[int, str], _Made] = {}
        self.before: dict[tuple[int, str], _Made] = {}


def _mismatches(inis: list[Initiative], totals: list[Decimal], positions: list[int], per: dict[int, list[Finding]],
                memo: _MismatchMemo) -> None:
    """Puts the stated-total finding of each initiative at ``positions`` into ``per``.

    A finding is the same when the initiative's id, stated total, cell references and sum are (the sum as
    text: 12,30 and 12,3 are written differently): those the last two validations made are taken again, so
    switching between two scenarios, or fitting to the frame again after an undo, does not make ≈ 7,000
    findings anew."""
    made: dict[tuple[int, str], _Made] = {}
    now, before = memo.now, memo.before
    for pos in positions:
        ini, total = inis[pos], totals[pos]
        key = (pos, str(total))
        old = now.get(key) or before.get(key)
        if old is not None and old.stated is ini.stated_total and old.sources is ini.sources and (
                old.initiative_id == ini.id):
            made[key] = old
        else:
            made[key] = _new_made(_Made, (ini.stated_total, ini.sources, ini.id, _mismatch(ini, total)))
        per[pos] = [made[key].finding]
    if made:  # a validation without such findings leaves the memo for the states that have them
        memo.before, memo.now = now, made


@dataclass(eq=False)
class _Cache:
    """What the last validation found, per initiative position, to be reused by the next one.

    Invariants: ``inis`` are the very objects validated, in order; ``totals[i]`` is the sum of
    ``inis[i].amounts``; ``per[i]`` the findings of ``inis[i]`` (absent when none); ``columns[y][i]`` its
    amount in framed year ``y`` and ``year_totals[y]`` the sum of that column in position order (so the
    sums, trailing zeros included, are those a full pass computes); ``static`` the positions whose
    initiative may have a finding whatever its amounts (:func:`_static_candidates`).
    """

    inis: list[Initiative]
    ids: list[str]
    positions: dict[str, int]
    phase_column: bool
    per: dict[int, list[Finding]]
    totals: list[Decimal]
    frame_years: tuple[int, ...]
    columns: dict[int, list[Decimal]]
    year_totals: dict[int, Decimal]
    duplicates: list[Finding]
    memo: _MismatchMemo = field(default_factory=_MismatchMemo)
    static: set[int] = field(default_factory=set)
    writes: int = -1  # planner.model.initiative_writes() when the cache was last brought up to date

    def __deepcopy__(self, memo: dict[int, object]) -> None:
        return None  # a copied portfolio validates afresh rather than deep-copying 10,000-long lists


def _phase_column(portfolio: Portfolio) -> bool:
    return portfolio.source is None or "phase" in portfolio.source.columns


def _incremental(portfolio: Portfolio, ids: Iterable[str], amounts_only: bool = False) -> list[Finding] | None:
    """The findings re-checking only ``ids``, or None when the cache cannot be used."""
    cache = getattr(portfolio, "_validation", None)
    inis = portfolio.initiatives
    if (not isinstance(cache, _Cache) or len(cache.inis) != len(inis) or not all(map(is_, cache.inis, inis))
            or cache.phase_column != _phase_column(portfolio)
            or cache.frame_years != tuple(sorted(portfolio.frame.by_year))):
        return None
    wanted = set(ids)
    if len(wanted) * 4 > len(inis):  # most of the portfolio changed: the whole-list pass is cheaper
        return _amounts_again(portfolio, cache) if amounts_only else None
    if len(cache.positions) == len(inis):
        if not wanted <= cache.positions.keys():
            return None
        changed = sorted(cache.positions[i] for i in wanted)
    else:  # duplicate ids: every initiative carrying a changed id
        changed = [pos for pos, ini_id in enumerate(cache.ids) if ini_id in wanted]
        if len(set(map(cache.ids.__getitem__, changed))) != len(wanted):
            return None
    if len(changed) * 4 > len(inis):
        return _amounts_again(portfolio, cache) if amounts_only else None
    ids_moved = False
    moved_years: set[int] = set()
    for pos in changed:
        ini = inis[pos]
        cache.totals[pos] = total = sum(ini.amounts.values(), ZERO)
        found = _initiative_findings(ini, cache.phase_column, total)
        if found:
            cache.per[pos] = found
        else:
            cache.per.pop(pos, None)
        if _is_static_candidate(ini):
            cache.static.add(pos)
        else:
            cache.static.discard(pos)
        if ini.id != cache.ids[pos]:
            ids_moved = True
        amounts = ini.amounts
        for year, column in cache.columns.items():
            value = amounts.get(year, ZERO)
            if value is not column[pos]:
                column[pos] = value
                moved_years.add(year)
    if ids_moved:
        return None
    for year in moved_years:
        cache.year_totals[year] = sum(cache.columns[year], ZERO)
    if len(cache.positions) != len(inis):
        cache.duplicates = _duplicate_findings(portfolio)
    cache.writes = initiative_writes()
    return _assemble(portfolio, cache)


def _amounts_again(portfolio: Portfolio, cache: _Cache) -> list[Finding]:
    """The whole-list pass after the amounts of most initiatives changed (and nothing else): the ids, their
    positions, the duplicate-id findings and the amount-independent candidates are those of ``cache``
    (:func:`_incremental` has checked it stands for these very initiatives); a full pass when an Initiative
    attribute (an id, a phase, a period, the costs) was assigned since it was brought up to date."""
    if cache.writes != initiative_writes():
        return validate(portfolio)
    return _amounts_pass(portfolio, cache.inis, cache.ids, cache.positions, set(cache.static), cache.duplicates)


def _assemble(portfolio: Portfolio, cache: _Cache) -> list[Finding]:
    """Per-initiative findings in portfolio order, then duplicate ids, frame and years."""
    out = [f for pos in sorted(cache.per) for f in cache.per[pos]]
    out.extend(cache.duplicates)
    out.extend(_frame_findings(portfolio, cache.year_totals, sum(cache.totals, ZERO)))
    out.extend(_year_findings(portfolio))
    return out


def _initiative_findings(ini: Initiative, phase_column: bool, total: Decimal) -> list[Finding] | None:
    """The findings about one initiative (None when there are none); ``total`` is its amounts' sum."""
    out: list[Finding] = []
    W = Severity.WARNING
    amounts = ini.amounts
    stated = ini.stated_total
    if stated is not None and abs(stated - total) > _TOLERANCE:
        out.append(_mismatch(ini, total))
    start, end = ini.start_year, ini.end_year
    if amounts and (min(amounts.values()) < ZERO or (
            start is not None and end is not None and (min(amounts) < start or max(amounts) > end))):
        _amount_findings(ini, out)
    if ini.costs:
        for cat, amount in ini.costs.items():
            if amount < 0:
                out.append(Finding(severity=Severity.ERROR, code="negative_amount", initiative_id=ini.id,
                                   where=_where(ini, f"cost:{cat.value}"),
                                   params={"id": ini.id, "amount": _num(amount), "field": cat.label("da")}))
    if start is not None and end is not None and end < start:
        out.append(Finding(severity=W, code="period_reversed", initiative_id=ini.id, where=_where(ini, "end"),
                           params={"id": ini.id, "start": str(start), "end": str(end)}))
    if ini.phase is None:
        if ini.phase_text.strip():
            out.append(Finding(severity=W, code="unknown_phase", initiative_id=ini.id,
                               where=_where(ini, "phase"), params={"id": ini.id, "text": ini.phase_text}))
        elif phase_column or "phase" in ini.sources:
            out.append(Finding(severity=W, code="missing_phase", initiative_id=ini.id,
                               where=_where(ini, "phase"), params={"id": ini.id}))
    return out or None


def _mismatch(ini: Initiative, total: Decimal) -> Finding:
    """The finding of a stated total off the sum ``total`` of the years (the caller has checked it is)."""
    ini_id, stated = ini.id, ini.stated_total
    assert stated is not None
    return _finding(_WARNING, "stated_total_mismatch", ini_id, _where(ini, "stated_total"),
                    {"id": ini_id, "stated": _num(stated), "sum": _num(total), "diff": _num(stated - total)})


def _finding(severity: Severity, code: str, initiative_id: str | None, where: CellRef | None,
             params: dict[str, str]) -> Finding:
    """A Finding from values of the right types already (what ``Finding(...)`` would give, equal to it), made
    without pydantic's validation pass: thousands are made after a fit to frame. Like ``model_construct``,
    only cheaper (that one is slower than validating for a model this small)."""
    finding = _new(Finding)
    _set(finding, "__dict__", {"severity": severity, "code": code, "params": params, "where": where,
                               "initiative_id": initiative_id})
    _set(finding, "__pydantic_fields_set__", set(_FINDING_FIELDS))
    _set(finding, "__pydantic_extra__", None)
    _set(finding, "__pydantic_private__", None)
    return finding


def _amount_findings(ini: Initiative, out: list[Finding]) -> None:
    """Negative amounts and money outside the initiative's years, year by year."""
    for year, amount in sorted(ini.amounts.items()):
        if amount < 0:
            out.append(Finding(severity=Severity.ERROR, code="negative_amount", initiative_id=ini.id,
                               where=_where(ini, amount_key(year)),
                               params={"id": ini.id, "amount": _num(amount), "field": str(year)}))
        if amount != 0 and ini.start_year is not None and ini.end_year is not None and not (
            ini.start_year <= year <= ini.end_year
        ):
            out.append(Finding(severity=Severity.WARNING, code="amount_outside_years", initiative_id=ini.id,
                               where=_where(ini, amount_key(year)),
                               params={"id": ini.id, "amount": _num(amount), "year": str(year),
                                       "start": str(ini.start_year), "end": str(ini.end_year)}))


def _duplicate_findings(portfolio: Portfolio, ids: list[str] | None = None) -> list[Finding]:
    """Duplicate ids (``ids``: the initiatives' ids in order, when the caller has them)."""
    if ids is None:
        ids = [ini.id for ini in portfolio.initiatives]
    if len(set(ids)) == len(ids):
        return []
    seen: dict[str, list[Initiative]] = defaultdict(list)
    for ini in portfolio.initiatives:
        seen[ini.id].append(ini)
    out: list[Finding] = []
    for ini_id, group in seen.items():
        if len(group) > 1:
            rows = ", ".join(str(g.sources["id"].row) if "id" in g.sources else "?" for g in group)
            out.append(Finding(severity=Severity.ERROR, code="duplicate_id", initiative_id=ini_id,
                               where=_where(group[1], "id"), params={"id": ini_id, "rows": rows}))
    return out


def _frame_findings(portfolio: Portfolio, totals: dict[int, Decimal], allocated_total: Decimal) -> list[Finding]:
    """Over the yearly frames (``totals`` holds the allocations of the framed years) and the total."""
    out: list[Finding] = []
    frame = portfolio.frame
    for year, limit in sorted(frame.by_year.items()):
        allocated = totals.get(year, ZERO)
        if allocated > limit:
            out.append(Finding(severity=Severity.WARNING, code="over_frame_year",
                               where=frame.sources.get(f"year:{year}"),
                               params={"year": str(year), "allocated": _num(allocated), "frame": _num(limit),
                                       "excess": _num(allocated - limit)}))
    limit_total = frame.effective_total()
    if limit_total is not None and allocated_total > limit_total:
        out.append(Finding(severity=Severity.WARNING, code="over_frame_total", where=frame.sources.get("total"),
                           params={"allocated": _num(allocated_total), "frame": _num(limit_total),
                                   "excess": _num(allocated_total - limit_total)}))
    if frame.total is not None and frame.by_year:
        s = sum(frame.by_year.values(), ZERO)
        if s != frame.total:
            out.append(Finding(severity=Severity.WARNING, code="frame_mismatch", where=frame.sources.get("total"),
                               params={"sum": _num(s), "total": _num(frame.total)}))
    return out


def _year_findings(portfolio: Portfolio) -> list[Finding]:
    out: list[Finding] = []
    years = sorted(portfolio.years)
    for y in years:
        if not YEAR_MIN <= y <= YEAR_MAX:
            out.append(Finding(severity=Severity.ERROR, code="year_absurd", params={"year": str(y)}))
    sane = [y for y in years if YEAR_MIN <= y <= YEAR_MAX]
    if sane and len(sane) != sane[-1] - sane[0] + 1:
        missing = sorted(set(range(sane[0], sane[-1] + 1)) - set(sane))
        out.append(Finding(severity=Severity.WARNING, code="years_not_contiguous",
                           params={"years": ", ".join(map(str, sane)), "missing": ", ".join(map(str, missing))}))
    return out


@dataclass(eq=False)
class Checkpoint:
    """The findings of one state of a portfolio's figures and what the validation kept to re-use."""

    findings: list[Finding]
    cache: object


def checkpoint(portfolio: Portfolio) -> Checkpoint | None:
    """What the last validation of ``portfolio`` found, to be put back with :func:`restore` when the
    figures return to exactly this state (undo/redo of a change to most initiatives); None when it was
    never validated. The caller must not change the portfolio while holding it as current: re-checks
    after small edits update the kept data in place, and return it to this state when they are undone."""
    cache = portfolio._validation
    return Checkpoint(list(portfolio.findings), cache) if isinstance(cache, _Cache) else None


def restore(portfolio: Portfolio, point: Checkpoint) -> list[Finding]:
    """Sets ``portfolio.findings`` to a :func:`checkpoint` taken when the figures were as they are now."""
    portfolio._validation = point.cache
    portfolio.findings = list(point.findings)
    return portfolio.findings
