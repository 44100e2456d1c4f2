"""Portfolios for the chart tests: the real sample when it can be read, else the same 13 initiatives in code.

The in-code copy mirrors ``samples/uip2023.xlsx`` (UIP 2023: V1–V7 on the adults' area, B1–B6 on the
children's area, years 2023–2027, frame 132,1) so the chart tests run before and without the loader.
"""

from __future__ import annotations

import importlib
from decimal import Decimal
from pathlib import Path

from planner.model import AREA_ADULTS, AREA_CHILDREN, Frame, Initiative, Portfolio

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "uip2023.xlsx"

# id, name, area, phase, start, start quarter, end, end quarter, next phase, next round, amounts 2023…2027
_ROWS = [
    ("V1", "Behandlings- og støtteindsats til personer med udviklingshæmning o.l. og et problematisk forbrug "
     "af rusmidler", AREA_ADULTS, "Modning", 2023, 3, 2026, 4, "Afprøvning", "UIP 2027", "3,1 5,6 5,6 5,5 0"),
    ("V2", "Traume-Bevidst Tilgang med socialt udsatte voksne", AREA_ADULTS, "Modning", 2023, 3, 2026, 4,
     "Afprøvning", "UIP 2027", "3,2 5,8 5,8 5,8 0"),
    ("V3", "CTI som overgangsstøtte til udsatte borgere", AREA_ADULTS, "Udbredelse", 2023, None, 2026, None, "", "",
     "0,8 0,9 0,9 0,8 0"),
    ("V4", "Model for en opsporende indsats til mennesker i risiko for social udsathed", AREA_ADULTS, "Screening",
     2023, None, 2024, None, "Modning", "UIP 2025", "0,6 0,5 0 0 0"),
    ("V5", "Organisatoriske og faglige principper for at arbejde forebyggende med mennesker med sociale og "
     "psykiske problemstillinger", AREA_ADULTS, "Screening", 2023, None, 2024, None, "Modning", "UIP 2025",
     "1,0 0,9 0 0 0"),
    ("V6", "En recovery-orienteret rehabiliterende tilgang i kommunale indsatser til voksne med handicap",
     AREA_ADULTS, "Modning", 2023, 3, 2026, 4, "Afprøvning", "UIP 2027", "2,0 3,4 3,4 3,4 0"),
    ("V7", "Helhedsorienteret sundhedsindsats til borgere med handicap og/eller psykiske vanskeligheder",
     AREA_ADULTS, "Modning", 2023, 3, 2026, 4, "Afprøvning", "UIP 2027", "1,3 2,2 2,2 2,1 0"),
    ("B1", "Traumefokuseret behandling i landets børnehuse til børn udsat for seksuelle overgreb og vold",
     AREA_CHILDREN, "Udbredelse", 2023, None, 2026, None, "", "", "1,2 1,3 1,3 1,3 0"),
    ("B2", "Tværsektorielt samarbejde i helhedsorienteret indsats til børn af forældre med psykisk sygdom",
     AREA_CHILDREN, "Modning", 2023, None, 2026, None, "Afprøvning", "UIP 2027", "2,0 2,5 2,5 2,5 0"),
    ("B3", "Åben Dialog til unge i psykisk mistrivsel", AREA_CHILDREN, "Afprøvning", 2023, None, 2027, None,
     "Udbredelse", "UIP 2028", "1,5 2,0 2,0 2,0 2,0"),
    ("B4", "Model til opsporing og håndtering af overgreb mod anbragte børn og unge med handicap", AREA_CHILDREN,
     "Modning", 2023, 3, 2026, 4, "Afprøvning", "UIP 2027", "2,9 5,1 5,1 5,0 0"),
    ("B5", "Kvalitet i anbringelsen – skolegang og læring", AREA_CHILDREN, "Modning", 2023, 3, 2026, 4,
     "Afprøvning", "UIP 2027", "3,0 5,3 5,2 5,2 0"),
    ("B6", "Løbende inddragelse af anbragte børn og unge", AREA_CHILDREN, "Screening", 2023, None, 2024, None,
     "Modning", "UIP 2025", "0,6 0,6 0 0 0"),
]
YEARS = list(range(2023, 2028))


def coded_sample() -> Portfolio:
    """The 13 sample initiatives built in code."""
    initiatives = []
    for (iid, name, area, phase, sy, sq, ey, eq, nphase, nround, amounts) in _ROWS:
        values = amounts.split()
        initiatives.append(Initiative(
            id=iid, name=name, area=area, phase=phase, phase_text=phase, start_year=sy, start_quarter=sq,
            end_year=ey, end_quarter=eq, next_phase=nphase or None, next_round=nround,
            amounts={y: v for y, v in zip(YEARS, values, strict=True) if v != "0"},
        ))
    return Portfolio(name="UIP 2023", price_level="2023-PL", years=YEARS,
                     frame=Frame(total=Decimal("132.1")), initiatives=initiatives)


def sample_portfolio() -> Portfolio:
    """``samples/uip2023.xlsx`` through the loader when both exist, else :func:`coded_sample`."""
    if SAMPLE.exists():
        try:
            loader = importlib.import_module("planner.loader")
        except ModuleNotFoundError:
            return coded_sample()
        return loader.load_portfolio(SAMPLE)
    return coded_sample()
