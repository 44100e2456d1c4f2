"""Validation: findings about a portfolio's figures, never exceptions."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from planner.amounts import ZERO
from planner.cells import CellRef
from planner.findings import Finding, Severity
from planner.model import Initiative, Portfolio, amount_key

# A stated total within this of the sum is rounding in the source, not a difference worth a finding.
TOTAL_TOLERANCE = Decimal("0.05")
YEAR_MIN, YEAR_MAX = 1990, 2100


def _num(d: Decimal) -> str:
    return format(d.normalize(), "f") if d == d.to_integral_value() else str(d)


def _where(ini: Initiative, key: str) -> CellRef | None:
    ref = ini.sources.get(key)
    if ref is not None:
        return ref
    any_ref = next(iter(ini.sources.values()), None)
    return CellRef(sheet=any_ref.sheet, row=any_ref.row) if any_ref else None


def validate(portfolio: Portfolio) -> list[Finding]:
    """All findings about the figures: totals, periods, signs, ids, phases, frame, years."""
    out: list[Finding] = []
    W, E = Severity.WARNING, Severity.ERROR
    seen: dict[str, list[Initiative]] = defaultdict(list)
    for ini in portfolio.initiatives:
        seen[ini.id].append(ini)
        total = ini.total
        if ini.stated_total is not None and abs(ini.stated_total - total) > TOTAL_TOLERANCE - Decimal("0.0000001"):
            diff = ini.stated_total - total
            out.append(Finding(severity=W, code="stated_total_mismatch", initiative_id=ini.id,
                               where=_where(ini, "stated_total"),
                               params={"id": ini.id, "stated": _num(ini.stated_total), "sum": _num(total),
                                       "diff": _num(diff)}))
        for year, amount in sorted(ini.amounts.items()):
            if amount < 0:
                out.append(Finding(severity=E, code="negative_amount", initiative_id=ini.id,
                                   where=_where(ini, amount_key(year)),
                                   params={"id": ini.id, "amount": _num(amount), "field": str(year)}))
            if amount != 0 and ini.start_year is not None and ini.end_year is not None and not (
                ini.start_year <= year <= ini.end_year
            ):
                out.append(Finding(severity=W, code="amount_outside_years", initiative_id=ini.id,
                                   where=_where(ini, amount_key(year)),
                                   params={"id": ini.id, "amount": _num(amount), "year": str(year),
                                           "start": str(ini.start_year), "end": str(ini.end_year)}))
        for cat, amount in ini.costs.items():
            if amount < 0:
                out.append(Finding(severity=E, code="negative_amount", initiative_id=ini.id,
                                   where=_where(ini, f"cost:{cat.value}"),
                                   params={"id": ini.id, "amount": _num(amount), "field": cat.label("da")}))
        if ini.start_year is not None and ini.end_year is not None and ini.end_year < ini.start_year:
            out.append(Finding(severity=W, code="period_reversed", initiative_id=ini.id, where=_where(ini, "end"),
                               params={"id": ini.id, "start": str(ini.start_year), "end": str(ini.end_year)}))
        if ini.phase is None:
            if ini.phase_text.strip():
                out.append(Finding(severity=W, code="unknown_phase", initiative_id=ini.id,
                                   where=_where(ini, "phase"), params={"id": ini.id, "text": ini.phase_text}))
            elif "phase" in ini.sources or portfolio.source is None or "phase" in portfolio.source.columns:
                out.append(Finding(severity=W, code="missing_phase", initiative_id=ini.id,
                                   where=_where(ini, "phase"), params={"id": ini.id}))
    for ini_id, group in seen.items():
        if len(group) > 1:
            rows = ", ".join(str(g.sources["id"].row) if "id" in g.sources else "?" for g in group)
            out.append(Finding(severity=E, code="duplicate_id", initiative_id=ini_id,
                               where=_where(group[1], "id"), params={"id": ini_id, "rows": rows}))
    out.extend(_frame_findings(portfolio))
    out.extend(_year_findings(portfolio))
    return out


def _frame_findings(portfolio: Portfolio) -> list[Finding]:
    out: list[Finding] = []
    frame = portfolio.frame
    totals = portfolio.totals_by_year()
    for year, limit in sorted(frame.by_year.items()):
        allocated = totals.get(year, ZERO)
        if allocated > limit:
            out.append(Finding(severity=Severity.WARNING, code="over_frame_year", where=frame.sources.get(f"year:{year}"),
                               params={"year": str(year), "allocated": _num(allocated), "frame": _num(limit),
                                       "excess": _num(allocated - limit)}))
    limit_total = frame.effective_total()
    allocated_total = sum(totals.values(), ZERO)
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
