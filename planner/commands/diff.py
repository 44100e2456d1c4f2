"""``planner diff A B [--json]``: what changed from workbook A to workbook B, by initiative.

JSON: {"added": [ids], "removed": [ids], "changed": [{"id", "field", "year", "old", "new"}]}.
Exit 0 whether or not there are differences (1 only when a file cannot be read).
"""

from __future__ import annotations

import argparse
import json
from typing import Any

_TEXTS = {
    "added": ("+ {id} tilføjet: {name}", "+ {id} added: {name}"),
    "removed": ("- {id} fjernet: {name}", "- {id} removed: {name}"),
    "changed": ("~ {id} {field}: {old} → {new}", "~ {id} {field}: {old} → {new}"),
    "same": ("Ingen forskelle.", "No differences."),
    "count": ("{added} tilføjet, {removed} fjernet, {changed} ændringer.",
              "{added} added, {removed} removed, {changed} changes."),
}
_FIELDS = {
    "name": ("navn", "name"), "area": ("område", "area"), "phase": ("fase", "phase"),
    "start": ("start", "start"), "end": ("slut", "end"), "stated_total": ("angivet total", "stated total"),
    "theme": ("tema", "theme"), "recipients": ("tilskudsmodtagere", "recipients"),
    "next_phase": ("næste fase", "next phase"), "next_round": ("runde", "round"),
    "notes": ("bemærkning", "notes"),
}


def register(sub: Any) -> None:
    parser = sub.add_parser("diff", help="list the differences between two workbooks",
                            description="Compare workbook A with workbook B by initiative id.")
    parser.add_argument("a", metavar="A", help="the first (older) workbook")
    parser.add_argument("b", metavar="B", help="the second (newer) workbook")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(run=run)


def _show(value: Any, lang: str) -> str:
    from decimal import Decimal

    from planner.amounts import format_amount
    from planner.phases import Phase

    if value is None:
        return "–"
    if isinstance(value, Decimal):
        return format_amount(value, lang)
    if isinstance(value, Phase):
        return value.label(lang)
    return str(value)


def format_diff(result: Any, lang: str) -> str:
    en = lang.startswith("en")
    lines = []
    for change in result.changes:
        if change.kind in ("added", "removed"):
            name = change.initiative.name if change.initiative is not None else ""
            lines.append(_TEXTS[change.kind][en].format(id=change.id, name=name))
        else:
            if change.year is not None:
                label = str(change.year)
            else:
                label = _FIELDS.get(change.field, (change.field, change.field))[en]
            lines.append(_TEXTS["changed"][en].format(id=change.id, field=label, old=_show(change.old, lang),
                                                      new=_show(change.new, lang)))
    if not lines:
        return _TEXTS["same"][en]
    lines.append(_TEXTS["count"][en].format(added=len(result.added), removed=len(result.removed),
                                            changed=len(result.changed)))
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from planner.cli import cli_language
    from planner.diff import diff_portfolios
    from planner.loader import load_portfolio

    result = diff_portfolios(load_portfolio(args.a), load_portfolio(args.b))
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False))
    else:
        print(format_diff(result, cli_language()))
    return 0
