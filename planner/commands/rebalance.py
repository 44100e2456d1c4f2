"""``planner rebalance FILE -o OUT --fit-frame [--frame TOTAL | --frame YEAR=AMOUNT …] [--lock ID …]``.

Fits the unlocked amounts to the workbook's frame (or the frame given) with planner.rebalance and saves
the result to OUT with planner.writer (only the changed cells differ from FILE). Exit 0 when saved;
1 when the fit is impossible or a file cannot be read or written (one line on stderr, OUT not written);
2 for wrong usage.
"""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal
from typing import Any

from planner.amounts import AmountError, format_amount, parse_amount

_TEXTS = {
    "done": (("{file}: tilpasset rammen {frame}: {changed} beløb ændret, i alt {before} → {after}. "
              "Gemt i {out}."),
             ("{file}: fitted to the frame {frame}: {changed} amounts changed, total {before} → {after}. "
              "Saved to {out}.")),
    "done_years": (("{file}: tilpasset rammen pr. år: {changed} beløb ændret, i alt {before} → {after}. "
                    "Gemt i {out}."),
                   ("{file}: fitted to the yearly frame: {changed} amounts changed, total {before} → "
                    "{after}. Saved to {out}.")),
    "year": ("  {year}: {before} → {after} (ramme {frame})", "  {year}: {before} → {after} (frame {frame})"),
    "unchanged": ("{file}: passer allerede til rammen; intet ændret. Gemt i {out}.",
                  "{file}: already fits the frame; nothing changed. Saved to {out}."),
    "no_action": ("Angiv hvad der skal gøres, fx --fit-frame.", "Say what to do, e.g. --fit-frame."),
    "bad_frame": ("--frame '{value}': skriv en samlet ramme (fx 120,5) eller ÅR=BELØB (fx 2024=30,5).",
                  "--frame '{value}': give a total (e.g. 120.5) or YEAR=AMOUNT (e.g. 2024=30.5)."),
    "mixed_frame": ("--frame: angiv enten én samlet ramme eller beløb pr. år, ikke begge.",
                    "--frame: give either one total or amounts per year, not both."),
    "bad_lock": ("--lock '{value}': skriv et id (fx V3) eller ID:ÅR (fx V3:2024).",
                 "--lock '{value}': give an id (e.g. V3) or ID:YEAR (e.g. V3:2024)."),
    "refused": ("planner rebalance: {reason} {out} er ikke skrevet.",
                "planner rebalance: {reason} {out} was not written."),
}


def _text(key: str, lang: str, **params: object) -> str:
    da, en = _TEXTS[key]
    return (en if lang.startswith("en") else da).format(**params)


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "rebalance", help="fit the amounts to the frame and save a copy",
        description="Scale the unlocked yearly amounts proportionally so they equal the frame exactly "
        "(to 0.1 million DKK), keep locked initiatives unchanged, and save the result to OUT. "
        "Amounts accept 12,5 and 12.5.")
    parser.add_argument("file", metavar="FILE", help="the workbook (.xlsx, .xlsm or .csv)")
    parser.add_argument("-o", "--output", metavar="OUT", required=True, help="where to save (.xlsx or .xlsm)")
    parser.add_argument("--fit-frame", action="store_true", help="fit the amounts to the frame")
    parser.add_argument("--frame", metavar="TOTAL|YEAR=AMOUNT", action="append", default=[],
                        help="use this frame instead of the workbook's: one total, or one YEAR=AMOUNT per "
                        "year (repeat)")
    parser.add_argument("--lock", metavar="ID[:YEAR]", action="append", default=[],
                        help="keep this initiative (or one year of it) unchanged (repeat)")
    parser.set_defaults(run=run)


class _Usage(Exception):
    pass


def parse_frame(values: list[str], lang: str) -> Decimal | dict[int, Decimal] | None:
    """["120,5"] → Decimal('120.5'); ["2024=30", "2025=31,5"] → {2024: …, 2025: …}; [] → None."""
    if not values:
        return None
    total: Decimal | None = None
    by_year: dict[int, Decimal] = {}
    for value in values:
        try:
            if "=" in value:
                year, amount = value.split("=", 1)
                if not year.strip().isdigit():
                    raise _Usage(_text("bad_frame", lang, value=value))
                by_year[int(year)] = parse_amount(amount)
            elif total is None:
                total = parse_amount(value)
            else:
                raise _Usage(_text("mixed_frame", lang))
        except AmountError:
            raise _Usage(_text("bad_frame", lang, value=value)) from None
    if total is not None and by_year:
        raise _Usage(_text("mixed_frame", lang))
    return total if total is not None else by_year


def parse_locks(values: list[str], lang: str) -> list[str | tuple[str, int]]:
    locks: list[str | tuple[str, int]] = []
    for value in values:
        ini_id, _, year = value.strip().partition(":")
        if not ini_id or (year and not year.strip().isdigit()):
            raise _Usage(_text("bad_lock", lang, value=value))
        locks.append((ini_id, int(year)) if year else ini_id)
    return locks


def run(args: argparse.Namespace) -> int:
    from planner.cli import cli_language
    from planner.edits import apply
    from planner.loader import load_portfolio
    from planner.rebalance import RebalanceError, as_frame, fit_to_frame
    from planner.writer import save_portfolio

    lang = cli_language()
    try:
        if not args.fit_frame:
            raise _Usage(_text("no_action", lang))
        frame = parse_frame(args.frame, lang)
        locks = parse_locks(args.lock, lang)
    except _Usage as exc:
        print(f"planner rebalance: {exc}", file=sys.stderr)
        return 2
    portfolio = load_portfolio(args.file)
    try:
        for lock in locks:
            ini_id = lock if isinstance(lock, str) else lock[0]
            if portfolio.get(ini_id) is None:
                raise RebalanceError("unknown_initiative", id=ini_id)
        changes = fit_to_frame(portfolio, frame=frame, locks=locks)
    except RebalanceError as err:
        print(_text("refused", lang, reason=err.message(lang), out=args.output), file=sys.stderr)
        return 1
    before_years, before = portfolio.totals_by_year(), portfolio.total()
    apply(portfolio, changes)
    portfolio.revalidate()
    save_portfolio(portfolio, args.output)

    def fmt(value: Decimal) -> str:
        return format_amount(value, lang)

    fitted = as_frame(frame, portfolio.frame)
    if not changes:
        print(_text("unchanged", lang, file=args.file, out=args.output))
        return 0
    key = "done_years" if fitted.by_year else "done"
    print(_text(key, lang, file=args.file, frame=fmt(fitted.total or Decimal(0)), changed=len(changes),
                before=fmt(before), after=fmt(portfolio.total()), out=args.output))
    after_years = portfolio.totals_by_year()
    for year, limit in sorted(fitted.by_year.items()):
        print(_text("year", lang, year=year, before=fmt(before_years.get(year, Decimal(0))),
                    after=fmt(after_years.get(year, Decimal(0))), frame=fmt(limit)))
    return 0
