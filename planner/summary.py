"""The portfolio in figures: the dict behind ``planner summary --json`` and its readable table.

The JSON contract (issue 2) is fixed; other tools read it. Amounts are JSON numbers in million DKK,
yearly keys are strings ("2023"), phases are the stable machine names ("afproevning").
"""

from __future__ import annotations

import gc
from decimal import Decimal
from functools import partial
from itertools import chain, repeat
from operator import attrgetter, is_not
from typing import Any

from planner.amounts import ZERO, format_amount, to_json_number
from planner.model import Portfolio, area_label
from planner.phases import PHASES

UNKNOWN_PHASE = "ukendt"
_amounts_of = attrgetter("amounts")
_not_none = partial(is_not, None)


def _num(value: Decimal | None) -> float | int | None:
    return None if value is None else to_json_number(value)


def build_summary(portfolio: Portfolio) -> dict[str, Any]:
    """One JSON-ready dict: name, initiatives, years, total, totals_by_year, by_phase, by_area, frame, items.

    ``years`` are the portfolio's years plus any year an initiative has money in; every item lists all
    of them (0 where the workbook had nothing). ``by_phase`` lists the four SUSI phases in ladder order
    (0 when empty) and "ukendt" only when some initiative has no known phase. One pass over the
    initiatives, with each distinct amount converted once: 10,000 initiatives take a few tens of ms.
    The garbage collector is paused meanwhile: the result is 10,000+ small acyclic dicts, and the
    collections they would trigger walk every model object (≈ 0.2 s at 10,000).
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        return _build_summary(portfolio)
    finally:
        if paused:
            gc.enable()


def _build_summary(portfolio: Portfolio) -> dict[str, Any]:
    numbers: dict[Decimal, float | int] = {}  # each distinct amount converted once (by value, as == sees it)

    def num(value: Decimal) -> float | int:
        found = numbers.get(value)
        if found is None:
            found = numbers[value] = to_json_number(value)
        return found

    inis = portfolio.initiatives
    years = portfolio.all_years()
    year_keys = [str(y) for y in years]
    every = list(map(_amounts_of, inis))
    for value in (ZERO, *set(chain.from_iterable(map(dict.values, every)))):
        num(value)
    # Per year in initiative order from ZERO, as a running sum over the initiatives would add them.
    totals = {y: sum(filter(_not_none, map(dict.get, every, repeat(y))), ZERO) for y in years}
    ini_totals = list(map(sum, map(dict.values, every), repeat(ZERO)))
    by_phase: dict[str, Decimal] = {p.value: ZERO for p in PHASES}
    by_area: dict[str, Decimal] = {}
    items = []
    number = numbers.__getitem__
    for ini, amounts, total in zip(inis, every, ini_totals):
        phase = ini.phase
        phase_key = phase.value if phase else UNKNOWN_PHASE
        by_phase[phase_key] = by_phase.get(phase_key, ZERO) + total
        area = ini.area or ""
        by_area[area] = by_area.get(area, ZERO) + total
        stated = ini.stated_total
        items.append({
            "id": ini.id,
            "name": ini.name,
            "area": ini.area,
            "phase": phase.value if phase else None,
            "years": dict(zip(year_keys, map(number, map(amounts.get, years, repeat(ZERO))))),
            "total": num(total),
            "stated_total": None if stated is None else num(stated),
        })
    frame = portfolio.frame
    return {
        "name": portfolio.name,
        "initiatives": len(inis),
        "years": years,
        "total": num(sum(totals.values(), ZERO)),
        "totals_by_year": {key: num(totals[y]) for y, key in zip(years, year_keys)},
        "by_phase": {k: num(v) for k, v in by_phase.items()},
        "by_area": {k: num(v) for k, v in by_area.items()},
        "frame": {
            "total": _num(frame.effective_total()),
            "by_year": {str(y): to_json_number(v) for y, v in sorted(frame.by_year.items())},
        },
        "items": items,
    }


_LABELS = {
    "id": ("Id", "Id"), "name": ("Initiativ", "Initiative"), "phase": ("Fase", "Phase"),
    "total": ("I alt", "Total"), "stated": ("Angivet", "Stated"), "all": ("I alt", "Total"),
    "frame": ("Ramme", "Frame"), "diff": ("Ramme − bevilget", "Frame − allocated"),
    "by_phase": ("Pr. fase", "By phase"), "by_area": ("Pr. område", "By area"),
    "unknown": ("ukendt", "unknown"), "unit": ("mio. kr.", "million DKK"),
    "initiatives": ("initiativer", "initiatives"),
}


def _t(key: str, lang: str) -> str:
    da, en = _LABELS[key]
    return en if lang.startswith("en") else da


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def format_summary(portfolio: Portfolio, lang: str = "da", name_width: int = 40) -> str:
    """A plain-text table: one line per initiative with its years, total and stated total, then the sums."""
    years = portfolio.all_years()
    totals = portfolio.totals_by_year()
    amount_width = 9
    phase_width = 13
    id_width = max([len(_t("id", lang)), *(len(i.id) for i in portfolio.initiatives)])

    def amounts_cells(values: list[Decimal | None]) -> str:
        return " ".join(format_amount(v, lang).rjust(amount_width) if v is not None else " " * amount_width
                        for v in values)

    head = (f"{_t('id', lang):<{id_width}} {_t('name', lang):<{name_width}} "
            f"{_t('phase', lang):<{phase_width}} "
            + " ".join(str(y).rjust(amount_width) for y in years)
            + f" {_t('total', lang):>{amount_width}} {_t('stated', lang):>{amount_width}}")
    count = f"{len(portfolio.initiatives)} {_t('initiatives', lang)}"
    title = ", ".join(part for part in (count, _t("unit", lang), portfolio.price_level) if part)
    title = f"{portfolio.name}: {title}" if portfolio.name else title
    lines = [title, head, "-" * len(head)]
    for ini in portfolio.initiatives:
        phase = ini.phase.label(lang) if ini.phase else (ini.phase_text or _t("unknown", lang))
        lines.append(f"{ini.id:<{id_width}} {_cut(ini.name, name_width):<{name_width}} "
                     f"{_cut(phase, phase_width):<{phase_width}} "
                     + amounts_cells([ini.amounts.get(y) for y in years] + [ini.total, ini.stated_total]))
    lines.append("-" * len(head))
    lines.append(f"{'':<{id_width}} {_t('all', lang):<{name_width}} {'':<{phase_width}} "
                 + amounts_cells([totals[y] for y in years] + [portfolio.total()]))
    frame = portfolio.frame
    if frame.by_year:
        lines.append(f"{'':<{id_width}} {_t('frame', lang):<{name_width}} {'':<{phase_width}} "
                     + amounts_cells([frame.by_year.get(y) for y in years] + [frame.effective_total()]))
    limit = frame.effective_total()
    if limit is not None:
        lines.append(f"{_t('frame', lang)}: {format_amount(limit, lang)}; {_t('diff', lang)}: "
                     f"{format_amount(limit - portfolio.total(), lang)}")
    phase_totals = portfolio.by_phase()
    parts = [f"{p.label(lang)} {format_amount(phase_totals.get(p.value, ZERO), lang)}" for p in PHASES]
    if UNKNOWN_PHASE in phase_totals:
        parts.append(f"{_t('unknown', lang)} {format_amount(phase_totals[UNKNOWN_PHASE], lang)}")
    lines.append(f"{_t('by_phase', lang)}: " + "; ".join(parts))
    lines.append(f"{_t('by_area', lang)}: " + "; ".join(
        f"{area_label(a, lang) or _t('unknown', lang)} {format_amount(v, lang)}"
        for a, v in portfolio.by_area().items()))
    return "\n".join(lines)

