"""Start and end of an initiative as people write them: 2023, "Q3 2023", "2023-Q3", "primo 2024" …

A period is (year, quarter or None). Words give quarters: primo/start → 1, ultimo/slut → 4, medio → 3 for a
start and 2 for an end, "1. halvår" → 1 (start) / 2 (end), "forår" → 2, "efterår" → 4.
"""

from __future__ import annotations

import datetime as _dt
import re

from planner.phases import Phase, fold, parse_phase

Period = tuple[int, int | None]

_YEAR = r"((?:19|20|21)\d{2})"
_WORD_QUARTER: dict[str, tuple[int, int]] = {}  # word → (quarter as start, quarter as end)
for _words, _q in (
    (("primo", "start", "starten af", "begyndelsen af", "early", "beginning of", "foraaret", "januar"), (1, 1)),
    (("ultimo", "slut", "slutningen af", "udgangen af", "late", "end of", "end", "december"), (4, 4)),
    (("medio", "midten af", "mid", "midt i", "sommeren"), (3, 2)),
    (("foraar", "spring"), (2, 2)),
    (("sommer", "summer"), (3, 3)),
    (("efteraar", "autumn", "fall", "efteraaret"), (4, 4)),
    (("vinter", "winter"), (1, 1)),
    (("1. halvaar", "1 halvaar", "h1", "first half of", "foerste halvaar"), (1, 2)),
    (("2. halvaar", "2 halvaar", "h2", "second half of", "andet halvaar"), (3, 4)),
):
    for _w in _words:
        _WORD_QUARTER[_w] = _q

_PATTERNS = (
    (re.compile(rf"^{_YEAR}$"), lambda m, end: (int(m[1]), None)),
    (re.compile(rf"^q([1-4])\s*[-/ ]?\s*{_YEAR}$"), lambda m, end: (int(m[2]), int(m[1]))),
    (re.compile(rf"^{_YEAR}\s*[-/ ]?\s*q([1-4])$"), lambda m, end: (int(m[1]), int(m[2]))),
    (re.compile(rf"^([1-4])\.?\s*(?:kvartal|kv\.?|quarter|qtr\.?)\s*(?:i\s+|of\s+)?{_YEAR}$"),
     lambda m, end: (int(m[2]), int(m[1]))),
    (re.compile(rf"^{_YEAR}\s*,?\s*([1-4])\.?\s*(?:kvartal|kv\.?|quarter)$"), lambda m, end: (int(m[1]), int(m[2]))),
    (re.compile(rf"^(.+?)\s+{_YEAR}$"), lambda m, end: _word(m[1], int(m[2]), end)),
)


class PeriodError(ValueError):
    """Text that is no year or quarter; ``key`` says which field ("start", "end", "period")."""

    def __init__(self, text: str, key: str) -> None:
        super().__init__(text)
        self.key = key


def _word(word: str, year: int, end: bool) -> Period | None:
    q = _WORD_QUARTER.get(word.strip(" .,"))
    return None if q is None else (year, q[1] if end else q[0])


def parse_period(value: object, *, end: bool = False) -> Period:
    """(2023, 3) for "Q3 2023"; (2024, 1) for "primo 2024"; (2023, None) for 2023. Raises PeriodError."""
    key = "end" if end else "start"
    if isinstance(value, bool):
        raise PeriodError(str(value), key)
    if isinstance(value, (int, float)) and 1900 <= value <= 2199 and value == int(value):
        return int(value), None
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.year, (value.month - 1) // 3 + 1
    text = fold(str(value)).rstrip(".")
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    for pattern, make in _PATTERNS:
        m = pattern.match(text)
        if m:
            got = make(m, end)
            if got is not None:
                return got
    raise PeriodError(str(value), key)


_RANGE_SPLIT = re.compile(r"\s*(?:–|—|\s-\s|\btil\b|\bto\b|(?<=\d)-(?=\s*(?:19|20|21)\d{2}\b)|(?<=\d)-(?=[a-z]))\s*")


def parse_period_range(value: object) -> tuple[Period, Period]:
    """("ultimo 2017", "2020") for "ultimo 2017–2020"; a single period is both start and end."""
    if isinstance(value, (int, float, _dt.date)):
        p = parse_period(value)
        return p, parse_period(value, end=True)
    text = str(value).strip()
    parts = _RANGE_SPLIT.split(text, maxsplit=1)
    if len(parts) == 2 and parts[0] and parts[1]:
        try:
            return parse_period(parts[0]), parse_period(parts[1], end=True)
        except PeriodError:
            pass
    try:
        return parse_period(text), parse_period(text, end=True)
    except PeriodError as exc:
        raise PeriodError(text, "period") from exc


_ROUND = re.compile(r"(?i)\b((?:uip|satspulje|runde|round)\s*-?\s*(?:19|20|21)\d{2})\b")


def parse_next_step(text: str) -> tuple[Phase | None, str]:
    """("Afprøvning", "UIP 2027") from "Afprøvning, UIP 2027"; the round is "" when none is named."""
    m = _ROUND.search(text)
    round_text = " ".join(m[1].split()) if m else ""
    head = text[: m.start()] if m else text
    phase = None
    for part in re.split(r"[,;(/]| i | til | in | to ", head):
        phase = parse_phase(part)
        if phase is not None:
            break
    return phase, round_text
