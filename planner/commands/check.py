"""``planner check FILE [--json]``: load and validate a workbook, list the findings.

Exit 0 when the workbook can be used (warnings allowed), 1 when it cannot (errors), with one line on
stderr saying what is wrong, where, and what to do.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from planner.errors import WorkbookError
from planner.findings import Finding, Severity

_SEVERITY = {Severity.ERROR: ("fejl", "error"), Severity.WARNING: ("advarsel", "warning"),
             Severity.INFO: ("info", "info")}
_TEXTS = {
    "usable": ("{file}: kan bruges ({errors} fejl, {warnings} advarsler).",
               "{file}: usable ({errors} errors, {warnings} warnings)."),
    "unusable": ("{file}: kan ikke bruges: {errors} fejl; den første: {first} "
                 "Ret cellerne ovenfor og kør planner check igen.",
                 "{file}: cannot be used: {errors} errors; the first: {first} "
                 "Correct the cells listed above and run planner check again."),
}


def _text(key: str, lang: str, **params: object) -> str:
    da, en = _TEXTS[key]
    return (en if lang.startswith("en") else da).format(**params)


def register(sub: Any) -> None:
    parser = sub.add_parser("check", help="validate a workbook and list its findings",
                            description="Load and validate FILE; exit 0 if it can be used "
                            "(warnings allowed), 1 if not.")
    parser.add_argument("file", metavar="FILE", help="the workbook (.xlsx, .xlsm or .csv)")
    parser.add_argument("--json", action="store_true",
                        help='print {"usable": bool, "findings": [...]} instead of lines')
    parser.set_defaults(run=run)


def finding_json(finding: Finding, lang: str) -> dict[str, Any]:
    where = finding.where
    return {
        "severity": finding.severity.value,
        "code": finding.code,
        "message": finding.message(lang),
        "sheet": where.sheet if where else None,
        "cell": (where.a1 or None) if where else None,
        "initiative": finding.initiative_id,
    }


def finding_line(finding: Finding, lang: str) -> str:
    """"advarsel: 'Initiativer'!N9: V2: den angivne total …" (severity, where, message)."""
    severity = _SEVERITY[finding.severity][1 if lang.startswith("en") else 0]
    loc = finding.location()
    return f"{severity}: {loc + ': ' if loc else ''}{finding.message(lang)}"


def run(args: argparse.Namespace) -> int:
    from planner.cli import cli_language
    from planner.loader import load_portfolio

    lang = cli_language()
    try:
        portfolio = load_portfolio(args.file)
    except WorkbookError as err:
        if not args.json:
            raise
        print(json.dumps({"usable": False, "findings": [{
            "severity": "error", "code": err.code, "message": err.message(lang),
            "sheet": err.where.sheet if err.where else None,
            "cell": (err.where.a1 or None) if err.where else None, "initiative": None}]}, ensure_ascii=False))
        print(f"planner check: {err.line(lang)}", file=sys.stderr)
        return 1
    findings = portfolio.findings
    errors = [f for f in findings if f.severity == Severity.ERROR]
    warnings = [f for f in findings if f.severity == Severity.WARNING]
    usable = not errors
    if args.json:
        print(json.dumps({"usable": usable, "findings": [finding_json(f, lang) for f in findings]},
                         ensure_ascii=False))
    else:
        for finding in findings:
            print(finding_line(finding, lang))
    if usable:
        if not args.json:
            print(_text("usable", lang, file=args.file, errors=0, warnings=len(warnings)))
        return 0
    print("planner check: " + _text("unusable", lang, file=args.file, errors=len(errors),
                                    first=finding_line(errors[0], lang)), file=sys.stderr)
    return 1
