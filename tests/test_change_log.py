"""The Ændringslog sheet: one row per changed amount, appended save after save."""

from __future__ import annotations

import shutil
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from planner.change_log import HEADERS, SHEET, change_log_sheets, change_rows, figures
from planner.loader import load_portfolio
from planner.scenarios import baseline, capture
from planner.writer import save_portfolio

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "uip2023.xlsx"


def _log(path: Path) -> list[tuple]:
    wb = load_workbook(path, read_only=True)
    rows = [tuple(r) for r in wb[SHEET].iter_rows(values_only=True)]
    wb.close()
    return rows


def test_rows_for_changed_added_and_removed(tmp_path: Path) -> None:
    path = tmp_path / "uip.xlsx"
    shutil.copyfile(SAMPLE, path)
    p = load_portfolio(path)
    before = baseline(p)
    first, second = p.initiatives[0], p.initiatives[1]
    year = min(first.amounts)
    old = first.amount(year)
    p.set_amount(first.id, year, old + Decimal("1.5"))
    p.initiatives = [i for i in p.initiatives if i.id != second.id]
    when = datetime(2026, 11, 23, 10, 15, 30)
    rows = change_rows(before, p, when=when, reason="  Flyttet  til 2025 ")
    assert rows[0] == ["2026-11-23T10:15:30", first.id, first.name, year, old, old + Decimal("1.5"),
                       Decimal("1.5"), "Flyttet til 2025"]
    removed = [r for r in rows if r[1] == second.id]
    assert removed and all(r[5] is None and r[2] == "" for r in removed)
    assert [r[4] for r in removed] == [second.amounts[y] for y in sorted(second.amounts)]
    assert change_rows(capture(p, "nu"), p) == []


def test_log_appended_across_two_saves(tmp_path: Path) -> None:
    path = tmp_path / "uip.xlsx"
    shutil.copyfile(SAMPLE, path)
    p = load_portfolio(path)
    ini = p.initiatives[0]
    year = min(ini.amounts)
    old = ini.amount(year)
    before = figures(p)
    new_first = old + Decimal("1.1")
    p.set_amount(ini.id, year, new_first)
    save_portfolio(p, path, extra_sheets=change_log_sheets(p, before, reason="Første runde",
                                                           when=datetime(2026, 1, 2, 9, 0)))
    first = _log(path)
    assert first[0] == HEADERS
    assert first[1:] == [("2026-01-02T09:00:00", ini.id, ini.name, year, float(old), float(new_first),
                          1.1, "Første runde")]

    before = figures(p)  # the figures as saved
    other = p.initiatives[3]
    new = other.amount(2024) + Decimal("0.3")
    p.set_amount(other.id, 2024, new)
    save_portfolio(p, path, extra_sheets=change_log_sheets(p, before, when=datetime(2026, 1, 3, 14, 5)))
    second = _log(path)
    assert second[:2] == first, "earlier rows are kept as they were"
    assert len(second) == 3
    assert second[2][:4] == ("2026-01-03T14:05:00", other.id, other.name, 2024)
    assert second[2][5] == float(new) and second[2][7] is None

    # nothing changed since: no rows, the sheet is left alone
    assert change_log_sheets(p, figures(p)) == {}
    reread = load_portfolio(path)
    assert reread.get(ini.id).amount(year) == new_first
