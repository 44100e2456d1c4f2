"""``planner export FILE -o OUT [--set ID_OR_NAME:YEAR=AMOUNT …]``: apply edits and save a copy.

Every edit is checked before anything is written: an unknown initiative or year or an amount that is no
number stops the command with exit 1 and OUT is not created. The save goes through
``planner.writer.save_portfolio``, so only the edited cells change.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from planner.errors import WorkbookError

_TEXTS = {
    "edit": ("{id} {year}: {old} → {new}", "{id} {year}: {old} → {new}"),
    "saved": ("Gemt: {out} ({count} ændringer).", "Saved: {out} ({count} changes)."),
}


@dataclass(frozen=True)
class SetSpec:
    """One ``--set`` argument as typed: initiative (id or name), year and amount text."""

    target: str
    year: str
    amount: str


def parse_set(text: str) -> SetSpec:
    """"V2:2024=2,5" → SetSpec("V2", "2024", "2,5"); names may hold ':' (the last one splits)."""
    left, eq, amount = text.rpartition("=")
    target, colon, year = left.rpartition(":")
    if not eq or not colon or not target.strip() or not year.strip() or not amount.strip():
        raise argparse.ArgumentTypeError(f"'{text}' is not ID_OR_NAME:YEAR=AMOUNT (e.g. V2:2024=2,5)")
    return SetSpec(target.strip(), year.strip(), amount.strip())


def register(sub: Any) -> None:
    parser = sub.add_parser("export", help="apply edits and save to a new workbook",
                            description="Load FILE, apply the --set edits and save to OUT; only the edited "
                            "cells change.")
    parser.add_argument("file", metavar="FILE", help="the workbook (.xlsx, .xlsm or .csv)")
    parser.add_argument("-o", "--output", metavar="OUT", required=True, help="the workbook to write")
    parser.add_argument("--set", dest="edits", metavar="ID_OR_NAME:YEAR=AMOUNT", type=parse_set,
                        action="append", default=[],
                        help='set one yearly amount in million DKK, e.g. V2:2024=2,5 or "Navn:2025=3.1"')
    parser.set_defaults(run=run)


def resolve_edits(portfolio: Any, specs: list[SetSpec]) -> list[tuple[str, int, Decimal]]:
    """(initiative id, year, amount) for each spec; WorkbookError for the first one that does not fit."""
    from planner.amounts import AmountError, parse_amount

    years = portfolio.all_years()
    resolved = []
    for spec in specs:
        initiative = portfolio.find(spec.target)
        if initiative is None:
            raise WorkbookError("unknown_initiative", id=spec.target)
        try:
            year = int(spec.year)
        except ValueError:
            year = None
        if year is None or year not in years:
            raise WorkbookError("unknown_year", year=spec.year, years=", ".join(map(str, years)))
        try:
            amount = parse_amount(spec.amount)
        except AmountError:
            raise WorkbookError("bad_amount", value=spec.amount) from None
        resolved.append((initiative.id, year, amount))
    return resolved


def run(args: argparse.Namespace) -> int:
    from planner.amounts import format_amount
    from planner.cli import cli_language
    from planner.loader import load_portfolio
    from planner.writer import save_portfolio

    lang = cli_language()
    en = lang.startswith("en")
    portfolio = load_portfolio(args.file)
    edits = resolve_edits(portfolio, args.edits)
    for ini_id, year, amount in edits:
        old = portfolio.set_amount(ini_id, year, amount)
        print(_TEXTS["edit"][en].format(id=ini_id, year=year, old=format_amount(old, lang),
                                        new=format_amount(amount, lang)))
    portfolio.revalidate()
    save_portfolio(portfolio, Path(args.output))
    print(_TEXTS["saved"][en].format(out=args.output, count=len(edits)))
    return 0
