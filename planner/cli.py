"""The ``planner`` command: headless sub-commands, or the desktop app when given no command.

Sub-commands live in ``planner.commands.<name>`` (``register(subparsers)`` and ``run(args) -> int``).
The CLI never imports Qt itself: ``render`` and the app are handed to the ``ui`` package at run time,
so ``planner summary`` stays fast and works where no Qt is installed.
Exit codes: 0 usable, 1 unusable or failed (one clear line on stderr), 2 wrong usage.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from planner import __version__
from planner.errors import WorkbookError

COMMANDS = ("check", "summary", "export", "rebalance", "diff", "render")


def cli_language() -> str:
    """'da' or 'en': PLANNER_LANG, else the system's LANG/LC_ALL (Danish on a Danish system)."""
    for var in ("PLANNER_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "da" if value.lower().startswith("da") else "en"
    return "en"


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The ``planner`` parser with every sub-command, or only ``only`` (what ``main`` uses when the command is
    named: the other commands' modules are then neither imported nor compiled)."""
    parser = argparse.ArgumentParser(
        prog="planner",
        description="Portfolio Planner: plan SUSI grant programmes from Excel workbooks. "
        "Without a command, opens the app (on the bundled sample when no FILE is given).",
    )
    parser.add_argument("--version", action="version", version=f"planner {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS if only is None else (only,):
        try:
            module = importlib.import_module(f"planner.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"planner.commands.{name}":
                raise
            continue
        module.register(sub)
    return parser


def _launch_app(argv: Sequence[str]) -> int:
    """Hand over to the desktop app (ui.app.main); a clear line when Qt is missing."""
    try:
        app = importlib.import_module("ui.app")
    except ImportError as exc:
        print(f"planner: the desktop app cannot start ({exc}). Install with: pip install -e .", file=sys.stderr)
        return 1
    return int(app.main(list(argv)))


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0] not in COMMANDS and not args_list[0].startswith("-")):
        return _launch_app(args_list)
    parser = build_parser(args_list[0] if args_list[0] in COMMANDS else None)
    args = parser.parse_args(args_list)
    if args.command is None:
        return _launch_app([])
    lang = cli_language()
    try:
        return int(args.run(args))
    except WorkbookError as err:
        print(f"planner {args.command}: {err.line(lang)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("planner: interrupted", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - the user gets one line, never a traceback
        from planner.log import log_exception

        where = log_exception(exc)
        print(f"planner {args.command}: unexpected error: {type(exc).__name__}: {exc}"
              + (f" (details in {where})" if where else ""), file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
