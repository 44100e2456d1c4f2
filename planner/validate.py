"""Validation: findings about a portfolio's figures, never exceptions."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from itertools import repeat
from operator import attrgetter

from planner.amounts import ZERO
from planner.cells import CellRef
from planner.findings import Finding, Severity
from planner.model import Initiative, Portfolio, amount_key

# A stated total within this of the sum is rounding in the source, not a difference worth a finding.
TOTAL_TOLERANCE = Decimal("0.05")
_TOLERANCE = TOTAL_TOLERANCE - Decimal("0.0000001")
YEAR_MIN, YEAR_MAX = 1990, 2100
_amounts_of = attrgetter("amounts")


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

    One pass over the initiatives (which also sums what the frame checks need). The common case, an
    initiative with nothing to say, costs a few whole-dict operations; the per-year loop only runs for an
    initiative that has a negative amount or money outside its years.
    """
    out: list[Finding] = []
    W = Severity.WARNING
    grand_total = ZERO
    phase_column = portfolio.source is None or "phase" in portfolio.source.columns
    for ini in portfolio.initiatives:
        amounts = ini.amounts
        total = sum(amounts.values(), ZERO)
        grand_total += total
        stated = ini.stated_total
        if stated is not None and abs(stated - total) > _TOLERANCE:
            out.append(Finding(severity=W, code="stated_total_mismatch", initiative_id=ini.id,
                               where=_where(ini, "stated_total"),
                               params={"id": ini.id, "stated": _num(stated), "sum": _num(total),
                                       "diff": _num(stated - total)}))
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
    out.extend(_duplicate_findings(portfolio))
    if portfolio.frame.by_year:
        every = list(map(_amounts_of, portfolio.initiatives))
        year_totals = {y: sum(map(dict.get, every, repeat(y), repeat(ZERO)), ZERO) for y in portfolio.frame.by_year}
    else:
        year_totals = {}
    out.extend(_frame_findings(portfolio, year_totals, grand_total))
    out.extend(_year_findings(portfolio))
    return out


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


def _duplicate_findings(portfolio: Portfolio) -> list[Finding]:
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
            out.append(Finding(severity=Severity.WARNING, code="over_frame_year", where=frame.sources.get(f"year:{year}"),
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
