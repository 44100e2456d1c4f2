"""``planner render FILE --view timeline|phases|budget -o OUT.png|.svg|.pdf [--width PX --height PX]``.

Draws a chart headless. Qt is loaded only when the command runs (through ``importlib``, so ``planner/``
keeps no import of the ``ui`` package); without a display the offscreen platform is used.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

VIEWS = ("timeline", "phases", "budget")
SUFFIXES = (".png", ".svg", ".pdf")


def _size(text: str) -> int:
    try:
        value = int(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of pixels") from exc
    if not 100 <= value <= 20000:
        raise argparse.ArgumentTypeError("use between 100 and 20000 pixels")
    return value


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (use YYYY-MM-DD)") from exc


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "render", help="draw the timeline, the phases or the budget chart as PNG, SVG or PDF",
        description="Draw a chart of the workbook without opening the app. The format follows the "
                    "output's suffix; a PDF is A4 or A3 landscape and a long timeline is split over pages.")
    parser.add_argument("file", metavar="FILE", help="the workbook (.xlsx, .xlsm or .csv)")
    parser.add_argument("--view", choices=VIEWS, default="timeline",
                        help="timeline (Gantt by area), phases (SUSI swim lanes) or budget (totals vs frame)")
    parser.add_argument("-o", "--output", required=True, metavar="OUT",
                        help="the picture to write: .png, .svg or .pdf")
    parser.add_argument("--width", type=_size, default=1600, metavar="PX", help="width in pixels (1600)")
    parser.add_argument("--height", type=_size, default=900, metavar="PX", help="height in pixels (900)")
    parser.add_argument("--status-date", type=_day, default=None, metavar="YYYY-MM-DD",
                        help="the report's status date, drawn as a line on the timeline (default: today)")
    parser.set_defaults(run=run)


def _use_offscreen_without_display() -> None:
    if os.environ.get("QT_QPA_PLATFORM"):
        return
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def run(args: argparse.Namespace) -> int:
    out = Path(args.output)
    if out.suffix.lower() not in SUFFIXES:
        print(f"planner render: cannot write '{out.name}': use a file name ending in .png, .svg or .pdf",
              file=sys.stderr)
        return 2
    if args.width < 320 or args.height < 240:
        print("planner render: the picture must be at least 320 × 240 pixels", file=sys.stderr)
        return 2
    from planner.loader import load_portfolio

    portfolio = load_portfolio(args.file)
    _use_offscreen_without_display()
    try:
        render = importlib.import_module("ui.render")
    except ImportError as exc:
        print(f"planner render: drawing needs the desktop libraries ({exc}). Install with: pip install -e .",
              file=sys.stderr)
        return 1
    try:
        written = render.render_view(portfolio, args.view, out, args.width, args.height,
                                     status_date=args.status_date)
    except OSError as exc:
        print(f"planner render: cannot write '{out}': {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(written)
    return 0
