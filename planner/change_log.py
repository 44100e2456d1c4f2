"""The change-log sheet "Ændringslog": what was changed, when and why, for colleagues without the app.

Each save appends one row per yearly amount that differs from the figures of the previous save (at the
first save: the baseline as loaded): initiative, year, old, new, the change, an ISO timestamp and the
reason the user typed (may be empty). Rows already in the workbook's sheet are kept as they are, so the
sheet grows save by save. It is written as a plain-value sheet through
``save_portfolio(..., extra_sheets={SHEET: rows})``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from planner.model import Portfolio
from planner.scenarios import Scenario

SHEET = "Ændringslog"
HEADERS = ("Tidspunkt", "Id", "Initiativ", "År", "Før (mio. kr.)", "Efter (mio. kr.)", "Ændring (mio. kr.)",
           "Begrundelse")
Figures = Mapping[str, Mapping[int, Decimal]]


def figures(x: Scenario | Portfolio) -> dict[str, dict[int, Decimal]]:
    """Initiative id → year → amount (a copy)."""
    if isinstance(x, Scenario):
        return {k: dict(v) for k, v in x.amounts.items()}
    return {ini.id: dict(ini.amounts) for ini in x.initiatives}


def change_rows(before: Scenario | Figures, portfolio: Portfolio, *, when: datetime | None = None,
                reason: str = "") -> list[list[object]]:
    """One row per (initiative, year) whose amount differs from ``before``; blank and 0 are the same.

    Initiatives new since ``before`` log their amounts with an empty "before"; ones taken out log an
    empty "after". Rows are in the portfolio's order, then removed initiatives, years ascending.
    """
    old_figures = figures(before) if isinstance(before, Scenario) else before
    stamp = (when or datetime.now()).replace(microsecond=0).isoformat()
    reason = " ".join(reason.split())
    rows: list[list[object]] = []

    def add(ini_id: str, name: str, old: Mapping[int, Decimal] | None, new: Mapping[int, Decimal] | None) -> None:
        years = sorted(set(old or {}) | set(new or {}))
        for year in years:
            a = None if old is None else old.get(year)
            b = None if new is None else new.get(year)
            if (a or Decimal(0)) == (b or Decimal(0)) and (old is None) == (new is None):
                continue
            if a is None and b is None:
                continue
            delta = (b or Decimal(0)) - (a or Decimal(0))
            rows.append([stamp, ini_id, name, year, a, b, delta, reason])

    seen: set[str] = set()
    for ini in portfolio.initiatives:
        if ini.id in seen:
            continue
        seen.add(ini.id)
        add(ini.id, ini.name, old_figures.get(ini.id), ini.amounts)
    for ini_id, old in old_figures.items():
        if ini_id not in seen:
            add(ini_id, "", old, None)
    return rows


def read_log_rows(path: str | Path | None) -> list[list[object]]:
    """The rows already in the workbook's change-log sheet (header included); [] when there is none."""
    if not path or Path(path).suffix.lower() not in (".xlsx", ".xlsm") or not Path(path).is_file():
        return []
    try:
        from python_calamine import CalamineWorkbook

        book = CalamineWorkbook.from_path(str(path))
        name = next((n for n in book.sheet_names if n.casefold() == SHEET.casefold()), None)
        if name is None:
            return []
        grid = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except Exception:  # noqa: BLE001 - calamine has its own error types; an unreadable log starts over
        return []
    rows = [[_exact(v) for v in row] for row in grid]
    while rows and all(v in (None, "") for v in rows[-1]):
        rows.pop()
    return rows


def _exact(value: object) -> object:
    """Numbers back as Decimal from their shortest text (what was written); text and dates as they are."""
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        d = Decimal(repr(value))
        return int(d) if d == d.to_integral_value() else d
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def log_sheet(existing: Sequence[Sequence[object]], new_rows: Sequence[Sequence[object]]) -> list[list[object]]:
    """The whole sheet to write: the existing rows (or a header), then the new ones."""
    rows = [list(r) for r in existing] or [list(HEADERS)]
    rows.extend(list(r) for r in new_rows)
    return rows


def change_log_sheets(portfolio: Portfolio, before: Scenario | Figures, *, reason: str = "",
                      when: datetime | None = None) -> dict[str, list[list[object]]]:
    """``extra_sheets`` for a save: {SHEET: existing rows + this save's changes}; {} when nothing changed
    (the sheet, if any, then stays byte for byte)."""
    new = change_rows(before, portfolio, when=when, reason=reason)
    if not new:
        return {}
    src = portfolio.source
    existing = read_log_rows(src.path if src is not None else None)
    return {SHEET: log_sheet(existing, new)}
