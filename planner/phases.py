"""The SUSI development ladder: Screening → Modning → Afprøvning → Udbredelse."""

from __future__ import annotations

import unicodedata
from enum import StrEnum


class Phase(StrEnum):
    """A stage of *Strategi for udvikling af den sociale indsats*, in ladder order."""

    SCREENING = "screening"
    MODNING = "modning"
    AFPROEVNING = "afproevning"
    UDBREDELSE = "udbredelse"

    @property
    def order(self) -> int:
        return _ORDER[self]

    @property
    def label_da(self) -> str:
        return _LABELS[self][0]

    @property
    def label_en(self) -> str:
        return _LABELS[self][1]

    def label(self, lang: str = "da") -> str:
        return self.label_en if lang.startswith("en") else self.label_da

    def next(self) -> Phase | None:
        """The next stage on the ladder, or None after Udbredelse."""
        i = _ORDER[self] + 1
        return PHASES[i] if i < len(PHASES) else None


PHASES: tuple[Phase, ...] = (Phase.SCREENING, Phase.MODNING, Phase.AFPROEVNING, Phase.UDBREDELSE)
_ORDER = {p: i for i, p in enumerate(PHASES)}
_LABELS = {
    Phase.SCREENING: ("Screening", "Screening"),
    Phase.MODNING: ("Modning", "Maturing"),
    Phase.AFPROEVNING: ("Afprøvning", "Testing"),
    Phase.UDBREDELSE: ("Udbredelse", "Dissemination"),
}


def fold(text: str) -> str:
    """Lower-case, strip accents and collapse spaces: the key used to match names people type.

    Danish letters are folded too (æ→ae, ø→oe, å→aa) so "Afproevning" and "Afprøvning" meet.
    """
    t = text.strip().lower()
    t = t.replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    t = unicodedata.normalize("NFKD", t)
    t = "".join(c for c in t if not unicodedata.combining(c))
    return " ".join(t.split())


_ALIASES: dict[str, Phase] = {}
for _p, _names in {
    Phase.SCREENING: ("screening", "screen", "screeningsfase"),
    Phase.MODNING: ("modning", "modningsfase", "maturing", "maturation", "development"),
    Phase.AFPROEVNING: ("afproevning", "afprovning", "afprøvning", "afproevningsfase", "testing", "test", "trial",
                        "pilot"),
    Phase.UDBREDELSE: ("udbredelse", "udbredelsesfase", "dissemination", "scaling", "scale-up", "roll-out",
                       "rollout"),
}.items():
    for _n in _names:
        _ALIASES[fold(_n)] = _p


def parse_phase(text: object) -> Phase | None:
    """Read a phase as people write it ("modning ", "MODNING", "Afproevning", "Testing"); None if unknown."""
    if isinstance(text, Phase):
        return text
    if text is None:
        return None
    key = fold(str(text)).rstrip(".")
    if key in _ALIASES:
        return _ALIASES[key]
    # "Modning af initiativ …", "2. Modning": take the first word that is a phase.
    for word in key.replace(".", " ").replace(":", " ").split():
        if word in _ALIASES:
            return _ALIASES[word]
    return None
