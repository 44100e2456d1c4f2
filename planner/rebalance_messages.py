"""Texts of the re-balancing operations: refusals (RebalanceError) and undo-step names, Danish and English.

Kept apart from planner.messages because they belong to the operations, not to reading workbooks; the
shape is the same: code → (Danish, English), formatted with the params, amounts shown the language's way.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from planner.amounts import format_amount

if TYPE_CHECKING:
    from planner.edits import ChangeSet

# (Danish, English); amount params are plain decimals and shown the language's way.
MESSAGES: dict[str, tuple[str, str]] = {
    "no_frame": (
        "Porteføljen har ingen ramme. Angiv en samlet ramme eller en ramme pr. år.",
        "The portfolio has no frame. Give a total frame or a frame per year.",
    ),
    "no_frame_year": (
        "Der er ingen ramme for {year}. Angiv en ramme for året.",
        "There is no frame for {year}. Give a frame for the year.",
    ),
    "negative_target": (
        "Målet {target} er negativt; bevillinger kan ikke være negative.",
        "The target {target} is negative; allocations cannot be negative.",
    ),
    "locked_over_frame": (
        "{scope}: de låste beløb ({locked}) er større end rammen {target}. Lås beløb op eller hæv rammen.",
        ("{scope}: the locked amounts ({locked}) exceed the frame {target}. Unlock amounts or raise the "
         "frame."),
    ),
    "locked_over_total": (
        "{id}: de låste år summer til {locked}, mere end den nye total {target}.",
        "{id}: the locked years add up to {locked}, more than the new total {target}.",
    ),
    "not_representable": (
        "{scope}: de ulåste beløb skulle give {target}, som ikke kan skrives med én decimal (0,1 mio. kr.).",
        ("{scope}: the unlocked amounts would have to make {target}, which cannot be written with one "
         "decimal (0.1 million DKK)."),
    ),
    "nothing_to_scale": (
        ("{scope}: alle ulåste beløb er 0, så der er intet at skalere op til {target}. Fordel beløbet "
         "manuelt eller lås beløb op."),
        ("{scope}: all unlocked amounts are 0, so there is nothing to scale up to {target}. Distribute the "
         "amount by hand or unlock amounts."),
    ),
    "negative_amount": (
        "{id}: negativt beløb {amount} i {year}. Ret tallet før der ombalanceres.",
        "{id}: negative amount {amount} in {year}. Correct the figure before re-balancing.",
    ),
    "duplicate_id": (
        "Id '{id}' bruges af flere initiativer. Giv hvert initiativ sit eget id før der ombalanceres.",
        "Id '{id}' is used by several initiatives. Give each initiative its own id before re-balancing.",
    ),
    "unknown_initiative": (
        "Initiativet '{id}' findes ikke.",
        "The initiative '{id}' does not exist.",
    ),
    "unknown_year": (
        "Året {year} er ikke med i porteføljen ({years}).",
        "The year {year} is not part of the portfolio ({years}).",
    ),
    "initiative_locked": (
        "{id} er låst og kan ikke ændres. Lås initiativet op først.",
        "{id} is locked and cannot be changed. Unlock the initiative first.",
    ),
    "year_locked": (
        "{id}: {year} er låst og kan ikke ændres.",
        "{id}: {year} is locked and cannot be changed.",
    ),
    "bad_amount": (
        "'{value}' er ikke et beløb. Skriv fx 2,5 eller 2.5.",
        "'{value}' is not an amount. Write e.g. 2,5 or 2.5.",
    ),
    "amount_not_positive": (
        "Beløbet der flyttes skal være større end 0 (fik {amount}).",
        "The amount to move must be greater than 0 (got {amount}).",
    ),
    "amount_too_large": (
        "{id}: kan ikke flytte {amount} fra {year}; der er kun {available}.",
        "{id}: cannot move {amount} from {year}; there is only {available}.",
    ),
    "same_year": (
        "{id}: fra-år og til-år er begge {year}.",
        "{id}: the from and to year are both {year}.",
    ),
    "no_years": (
        "{id} har ingen ulåste år at fordele beløbet på.",
        "{id} has no unlocked years to distribute the amount over.",
    ),
    "profile_empty": (
        "{profile} har ingen beløb i de ulåste år for {id}, så der er ingen profil at fordele efter.",
        "{profile} has no amounts in the unlocked years of {id}, so there is no profile to follow.",
    ),
}

SCOPES: dict[str, tuple[str, str]] = {"total": ("I alt", "Total")}

OPERATIONS: dict[str, tuple[str, str]] = {
    "fit_to_frame": ("Tilpas til rammen", "Fit to frame"),
    "fit_to_frame_year": ("Tilpas {year} til rammen", "Fit {year} to frame"),
    "move_amount": ("Flyt {amount} for {id} fra {from_year} til {to_year}",
                    "Move {amount} of {id} from {from_year} to {to_year}"),
    "spread_evenly": ("Fordel {id} jævnt", "Spread {id} evenly"),
    "spread_by_profile": ("Fordel {id} som {profile}", "Spread {id} like {profile}"),
    "set_total": ("Sæt total for {id} til {total}", "Set total of {id} to {total}"),
    "edit": ("Ret {id} {year}", "Edit {id} {year}"),
    "restore": ("Gendan {scenario}", "Restore {scenario}"),
}

_AMOUNT_PARAMS = frozenset({"amount", "available", "locked", "target", "total", "frame"})


def _format(table: dict[str, tuple[str, str]], code: str, params: Mapping[str, str], lang: str) -> str:
    shown = dict(params)
    for key in _AMOUNT_PARAMS & shown.keys():
        try:
            value = Decimal(shown[key])
            places = max(1, -value.as_tuple().exponent)  # type: ignore[operator]
            shown[key] = format_amount(value, lang, places)  # never round a figure the message is about
        except (ArithmeticError, ValueError, TypeError):
            pass
    if shown.get("scope") in SCOPES:
        shown["scope"] = SCOPES[shown["scope"]][1 if lang.startswith("en") else 0]
    entry = table.get(code)
    if entry is None:
        return code
    try:
        return entry[1 if lang.startswith("en") else 0].format(**shown)
    except (KeyError, IndexError):
        return entry[1 if lang.startswith("en") else 0]


class RebalanceError(Exception):
    """An operation that cannot be done as asked; nothing was changed. ``str()`` is the Danish text."""

    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        self.params = {k: str(v) for k, v in params.items()}
        super().__init__(self.message("da"))

    def message(self, lang: str = "da") -> str:
        return _format(MESSAGES, self.code, self.params, lang)


def describe(changes: ChangeSet, lang: str = "da") -> str:
    """A readable name for the undo menu: "Flyt 2,0 for V3 fra 2024 til 2025"."""
    return _format(OPERATIONS, changes.op, changes.params, lang)
