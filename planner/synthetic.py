"""Synthetic portfolios of any size, for tests and benchmarks.

Deterministic for a given ``(n, years, seed)``: the same call gives the same portfolio and the same
workbook, so benchmark figures and test expectations are repeatable. The data looks like a real UIP
programme: Danish names, both areas, all four SUSI phases, periods, stated totals (a few of which
disagree with the sum of the years, as in the seed), a cost breakdown, next phase and round, and a frame
of about 97% of the total so fit-to-frame has work to do.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from planner.amounts import ZERO, quantize
from planner.model import (
    AREA_ADULTS,
    AREA_CHILDREN,
    CostCategory,
    Frame,
    Initiative,
    Portfolio,
)
from planner.phases import PHASES, Phase

FRAME_SHARE = Decimal("0.97")
MISMATCH_EVERY = 40  # about one initiative in 40 states a total that differs from its years' sum

_ACTIONS = (
    "Styrket indsats for", "Tidlig opsporing af", "Helhedsorienteret støtte til", "Udvikling af tilbud til",
    "Forebyggelse af ensomhed blandt", "Bedre overgange for", "Netværksstøtte til", "Mentorordning for",
    "Sammenhængende forløb for", "Peer-støtte til", "Styrket samarbejde om", "Boligsocial indsats for",
    "Familierettet indsats for", "Kompetenceløft om", "Digital støtte til", "Udbredelse af metoder for",
)
_GROUPS_ADULTS = (
    "hjemløse borgere", "borgere med psykiske vanskeligheder", "voksne med misbrug", "udsatte ældre",
    "voksne med handicap", "kvinder på krisecenter", "borgere i socialt udsatte boligområder",
    "pårørende til sindslidende", "tidligere indsatte", "borgere med dobbeltdiagnoser",
)
_GROUPS_CHILDREN = (
    "anbragte børn og unge", "unge på efterværn", "børn i udsatte familier", "unge med angst",
    "børn med handicap", "sårbare gravide og deres børn", "unge uden uddannelse", "børn i plejefamilier",
    "unge med selvskadende adfærd", "børn udsat for vold",
)
_PLACES = (
    "i Aarhus", "i Odense", "i Aalborg", "i Esbjerg", "i Randers", "i Kolding", "i Horsens", "i Vejle",
    "i Roskilde", "i Herning", "i Silkeborg", "i Næstved", "på Bornholm", "i Region Sjælland",
    "i Region Nordjylland", "i hele landet",
)
_THEMES_ADULTS = ("Hjemløshed", "Psykisk sårbarhed", "Misbrug", "Handicap", "Vold i nære relationer",
                  "Beskæftigelse og inklusion")
_THEMES_CHILDREN = ("Anbragte børn og unge", "Tidlig indsats", "Trivsel og mental sundhed", "Handicap",
                    "Uddannelse og overgange", "Familier")
_RECIPIENTS = ("Kommuner", "Kommuner og regioner", "Frivillige organisationer", "Regioner",
               "Private og selvejende tilbud", "Kommuner og civilsamfund")
_NOTES = ("", "", "", "", "Beløb afhænger af ansøgningsrunden.", "Evaluering ved VIVE.",
          "Fordeling pr. år er et skøn.", "Videreførelse af tidligere satspuljeprojekt.")
# Typical yearly amount (mio. kr.) by phase: screening is small, dissemination large.
_SCALE = {Phase.SCREENING: (2, 15), Phase.MODNING: (5, 40), Phase.AFPROEVNING: (10, 90),
          Phase.UDBREDELSE: (20, 150)}
_DURATION = {Phase.SCREENING: (1, 2), Phase.MODNING: (1, 3), Phase.AFPROEVNING: (2, 4),
             Phase.UDBREDELSE: (3, 5)}
_COST_SHARES = ((CostCategory.PROJEKTLEDELSE, Decimal("0.10")), (CostCategory.EVALUERING, Decimal("0.10")),
                (CostCategory.KOMPETENCEUDVIKLING, Decimal("0.20")))

HEADERS_BEFORE_YEARS = ("ID", "Initiativ", "Område", "Fase", "Tema", "Tilskudsmodtagere", "Start", "Slut")
HEADERS_AFTER_YEARS = ("I alt", "Næste fase", "Runde", "Bemærkning")


def _tenths(rng: random.Random, low: int, high: int) -> Decimal:
    """A random amount between low/10 and high/10 mio. kr., one decimal."""
    return Decimal(rng.randint(low, high)).scaleb(-1)


def _names(rng: random.Random, groups: tuple[str, ...]) -> Iterable[str]:
    """An endless stream of distinct names; repeats of a combination get a round number."""
    seen: dict[str, int] = {}
    while True:
        base = f"{rng.choice(_ACTIONS)} {rng.choice(groups)} {rng.choice(_PLACES)}"
        count = seen.get(base, 0) + 1
        seen[base] = count
        yield base if count == 1 else f"{base} ({count}. runde)"


def _initiative(rng: random.Random, ini_id: str, name: str, area: str, years: list[int],
                index: int) -> Initiative:
    phase = PHASES[rng.randrange(len(PHASES))]
    low, high = _DURATION[phase]
    duration = min(rng.randint(low, high), len(years))
    start = years[rng.randrange(len(years) - duration + 1)]
    end = start + duration - 1
    scale_low, scale_high = _SCALE[phase]
    amounts = {y: _tenths(rng, scale_low, scale_high) for y in range(start, end + 1)}
    total = sum(amounts.values(), ZERO)
    stated = total
    if index % MISMATCH_EVERY == MISMATCH_EVERY // 2:
        stated = total + (Decimal("0.1") if rng.random() < 0.5 else Decimal("-0.1"))
    costs: dict[CostCategory, Decimal] = {}
    used = ZERO
    for category, share in _COST_SHARES:
        costs[category] = quantize(total * share)
        used += costs[category]
    costs[CostCategory.DIREKTE_TILSKUD] = total - used
    next_phase = phase.next()
    adults = area == AREA_ADULTS
    return Initiative(
        id=ini_id,
        name=name,
        area=area,
        phase=phase,
        phase_text=phase.label_da,
        theme=rng.choice(_THEMES_ADULTS if adults else _THEMES_CHILDREN),
        recipients=rng.choice(_RECIPIENTS),
        start_year=start,
        end_year=end,
        next_phase=next_phase,
        next_round=f"UIP {end}" if next_phase is not None else "",
        stated_total=stated,
        amounts=amounts,
        costs=costs,
        notes=rng.choice(_NOTES),
    )


def make_portfolio(n: int, years: Iterable[int] = range(2023, 2028), seed: int = 0) -> Portfolio:
    """A portfolio of ``n`` initiatives over ``years``: voksenområdet (V1…) first, then børne- og unge (B1…).

    Not validated (``findings`` empty); call ``revalidate()`` when the findings matter.
    """
    year_list = sorted(set(years))
    if not year_list:
        raise ValueError("a portfolio needs at least one year")
    rng = random.Random(seed)
    n_adults = (n + 1) // 2
    adult_names, child_names = _names(rng, _GROUPS_ADULTS), _names(rng, _GROUPS_CHILDREN)
    initiatives = [
        _initiative(rng, f"V{i + 1}", next(adult_names), AREA_ADULTS, year_list, i) for i in range(n_adults)
    ] + [
        _initiative(rng, f"B{i + 1}", next(child_names), AREA_CHILDREN, year_list, n_adults + i)
        for i in range(n - n_adults)
    ]
    total = sum((ini.total for ini in initiatives), ZERO)
    return Portfolio(
        name="Syntetisk UIP-portefølje",
        price_level=f"{year_list[0]}-PL",
        years=year_list,
        frame=Frame(total=quantize(total * FRAME_SHARE)),
        initiatives=initiatives,
    )


def _number(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def workbook_rows(portfolio: Portfolio) -> list[list[object]]:
    """The portfolio as the rows of the synthetic workbook's sheet (row 1 first)."""
    years = portfolio.years or portfolio.all_years()
    rows: list[list[object]] = [
        [f"Udviklings- og investeringsprogram – {portfolio.name}"],
        ["Program", portfolio.name],
        ["Prisniveau", portfolio.price_level],
        ["Ramme", _number(portfolio.frame.total), portfolio.unit],
        [],
        [*HEADERS_BEFORE_YEARS, *years, *HEADERS_AFTER_YEARS],
    ]
    for ini in portfolio.initiatives:
        rows.append([
            ini.id, ini.name, ini.area, ini.phase.label_da if ini.phase else ini.phase_text, ini.theme,
            ini.recipients, ini.start_year, ini.end_year,
            *(_number(ini.amounts.get(y)) for y in years),
            _number(ini.stated_total), ini.next_phase.label_da if ini.next_phase else None,
            ini.next_round or None, ini.notes or None,
        ])
    totals = portfolio.totals_by_year()
    rows.append(["", "I alt", None, None, None, None, None, None,
                 *(_number(totals.get(y, ZERO)) for y in years), _number(portfolio.total()),
                 None, None, None])
    return rows


def write_portfolio_workbook(portfolio: Portfolio, path: str | Path) -> Path:
    """Write any portfolio in the synthetic workbook's layout (see :func:`write_workbook`); returns the path.

    Tests use it to build variants of a workbook (an initiative removed, a phase changed) the way a colleague
    would have typed them.
    """
    from openpyxl import Workbook

    out = Path(path)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Initiativer")
    for row in workbook_rows(portfolio):
        ws.append(row)
    wb.save(out)
    return out


def write_workbook(n: int, path: str | Path, seed: int = 0, years: Iterable[int] = range(2023, 2028)) -> Path:
    """Write ``make_portfolio(n, years, seed)`` as an .xlsx the reader reads; returns the path.

    Layout: a title row, metadata rows (Program, Prisniveau, Ramme), a blank row, the header row
    (ID | Initiativ | Område | Fase | Tema | Tilskudsmodtagere | Start | Slut | years… | I alt | Næste fase |
    Runde | Bemærkning), one row per initiative with amounts as numbers, and a totals row.
    The cost breakdown stays in the model only. Uses openpyxl's write-only mode (10,000 rows in ~2 s).
    """
    return write_portfolio_workbook(make_portfolio(n, years=years, seed=seed), path)
