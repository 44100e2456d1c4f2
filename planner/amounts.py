"""Exact money: Decimal amounts in million DKK, read and written the Danish way (12,7).

Amounts are never floats. Figures carry one decimal (0,1 mio. kr.) in the user interface, but the
model keeps whatever precision the workbook holds so a load and save give back the same figures.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

ZERO = Decimal(0)
TENTH = Decimal("0.1")

_SPACES = re.compile(r"[\s\u00a0\u202f']")
_CURRENCY = re.compile(r"(?i)(mio\.?\s*kr\.?|mio\.?|kr\.?|dkk)")


class AmountError(ValueError):
    """Text that is not an amount; the message says why in words a planner understands."""


MAX_AMOUNT = Decimal(10**12)
"""No amount reaches this (10^12 in the sheet's unit: a million billion kroner in mio. kr.); a bigger number
is a slip or a damaged file, and beyond ≈ 10^26 it could not even be rounded for display."""


class AmountTooLarge(AmountError):
    """A number, but too big to be an amount (at least :data:`MAX_AMOUNT`)."""


def checked(amount: Decimal, original: object) -> Decimal:
    """``amount``, or AmountTooLarge when it is not below :data:`MAX_AMOUNT` in size."""
    if -MAX_AMOUNT < amount < MAX_AMOUNT:
        return amount
    raise AmountTooLarge(f"{original} is too large to be an amount")


def parse_amount(value: object, *, decimal_comma: bool = True) -> Decimal:
    """Read an amount typed by a person or stored by a spreadsheet.

    Accepts numbers, "12,7", "12.7", "1.250,5", "1,250.5", "2 500", "-3,1", "(3,1)" and a trailing
    "mio. kr.". ``decimal_comma`` decides the one ambiguous case, a single separator followed by exactly
    three digits ("1.250"): Danish reads it as thousands, English as a decimal point.
    Raises AmountError for anything else (text, NaN, infinity), AmountTooLarge for a number of
    :data:`MAX_AMOUNT` or more.
    """
    if isinstance(value, bool):
        raise AmountError(f"{value!r} is not an amount")
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise AmountError(f"{value} is not an amount")
        return checked(value, value)
    if isinstance(value, int):
        return checked(Decimal(value), value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise AmountError(f"{value} is not an amount")
        # repr gives the shortest text that round-trips, so 12.7 stays 12.7 and not 12.6999…
        return checked(Decimal(repr(value)), value)
    if value is None:
        raise AmountError("empty")
    text = str(value).strip()
    if not text:
        raise AmountError("empty")
    negative = False
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1]
    text = _CURRENCY.sub("", text)
    text = _SPACES.sub("", text)
    text = text.replace("\u2212", "-")
    if text.startswith("-"):
        negative, text = not negative, text[1:]
    elif text.startswith("+"):
        text = text[1:]
    if not text or not re.fullmatch(r"[0-9.,]+", text) or not any(c.isdigit() for c in text):
        raise AmountError(f"'{value}' is not a number")
    text = _normalise_separators(text, decimal_comma=decimal_comma, original=str(value))
    try:
        result = Decimal(text)
    except InvalidOperation as exc:  # pragma: no cover - the regex above keeps this out
        raise AmountError(f"'{value}' is not a number") from exc
    return checked(-result if negative else result, value)


def _normalise_separators(text: str, *, decimal_comma: bool, original: str) -> str:
    commas, dots = text.count(","), text.count(".")
    if commas and dots:
        dec = "," if text.rfind(",") > text.rfind(".") else "."
        thou = "." if dec == "," else ","
        if text.count(dec) > 1:
            raise AmountError(f"'{original}' is not a number")
        int_part = text.split(dec)[0]
        if not _grouped(int_part, thou):
            raise AmountError(f"'{original}' is not a number")
        return int_part.replace(thou, "") + "." + text.split(dec)[1]
    sep = "," if commas else "." if dots else ""
    if not sep:
        return text
    count = commas or dots
    if count > 1:
        if not _grouped(text, sep):
            raise AmountError(f"'{original}' is not a number")
        return text.replace(sep, "")
    head, tail = text.split(sep)
    if not head and not tail:
        raise AmountError(f"'{original}' is not a number")
    if len(tail) == 3 and head and head != "0":
        is_thousands = (sep == ".") if decimal_comma else (sep == ",")
        if is_thousands:
            return head + tail
    return (head or "0") + "." + tail


def _grouped(text: str, sep: str) -> bool:
    parts = text.split(sep)
    return bool(parts[0]) and len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:])


def quantize(value: Decimal, places: int = 1) -> Decimal:
    """Round half up to ``places`` decimals (0,05 → 0,1), the way the budget tables round."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def format_amount(value: Decimal | None, lang: str = "da", places: int = 1, *, group: bool = True) -> str:
    """12.7 → "12,7" (Danish) or "12.7" (English); thousands grouped ("1.250,5" / "1,250.5")."""
    if value is None:
        return ""
    q = quantize(value, places)
    if q == 0:
        q = abs(q)  # never show "-0,0"
    text = f"{q:,.{places}f}" if group else f"{q:.{places}f}"
    if lang.startswith("da"):
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def to_json_number(value: Decimal) -> float | int:
    """A Decimal as a JSON number: integral amounts as int, others as the shortest float."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)
