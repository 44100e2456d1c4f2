"""Numbers, dates and the amount unit in chart texts, in the chart's language (12,7 / 12.7).

The charts take their language when they are built (the window is rebuilt on a language switch), by
default the language the translated texts come out in (:func:`ui.i18n.text_language`), so a chart never
mixes English words with Danish numbers.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication

from planner.phases import fold
from ui import i18n

MONTHS = {
    "da": ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
           "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}
DANISH_UNITS = {fold(u) for u in ("mio. kr.", "mio kr", "mio. kr", "mio.kr.", "mio kr.")}
"""Ways a workbook spells the default unit; they read as "DKK m" in English."""


def chart_language(lang: str | None = None) -> str:
    """``lang`` as 'da'/'en', or when None the language of the translated texts now."""
    return i18n.normalise(lang) if lang else i18n.text_language()


def format_date(d: date, lang: str = "da") -> str:
    """'23. november 2026' (Danish) or '23 November 2026' (English)."""
    if i18n.normalise(lang) == "en":
        return f"{d.day} {MONTHS['en'][d.month - 1]} {d.year}"
    return f"{d.day}. {MONTHS['da'][d.month - 1]} {d.year}"


def amount_unit(unit: str | None = None) -> str:
    """The unit of amounts as the translated texts say it: 'mio. kr.' / 'DKK m'; another unit stays as given."""
    if unit and fold(unit) not in DANISH_UNITS:
        return unit
    return QCoreApplication.translate("ChartText", "mio. kr.")
