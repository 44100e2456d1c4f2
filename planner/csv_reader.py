"""CSV import: a portfolio exported as text, Danish style (``;`` and decimal comma) or English (``,``).

The file is decoded (UTF-8 with or without BOM, UTF-16 from Excel's "Unicode text", else Windows-1252,
else Latin-1), its delimiter sniffed (``;``, ``,``, tab, ``|``, or Excel's ``sep=`` line), numbers turned
into exact values the file's way (decimal comma or point), and the grid handed to the same table reader
the workbook reader uses, so a CSV gives the same portfolio and findings as the sheet it came from.
Row numbers in findings are the CSV's record numbers (line numbers unless a quoted cell spans lines).
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from planner.amounts import AmountError, parse_amount
from planner.errors import WorkbookError
from planner.findings import Finding, Severity
from planner.model import Portfolio

DELIMITERS = (";", "\t", ",", "|")
SNIFF_LINES = 60
MAX_CELLS = 5_000_000
MAX_FIELD = 1_000_000
MEMO_LIMIT = 200_000
_MISSING = object()

_INT = re.compile(r"[+-]?\d+")
_COMMA_DEC = re.compile(r"[+-]?\d+,\d+")
_POINT_DEC = re.compile(r"[+-]?\d+\.\d+")
_NUMBERISH = re.compile(r"[+-]?[\d.,]*\d[\d.,]*")
_NUMBER_START = frozenset("+-0123456789.,")
_SEP_LINE = re.compile(r"^\s*\"?sep=(.)\"?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class CsvFormat:
    """How a CSV file was read; quoted in the info finding so a planner can see it."""

    encoding: str
    delimiter: str
    decimal_comma: bool

    def describe(self) -> str:
        delim = {"\t": "tab", ";": ";", ",": ",", "|": "|"}.get(self.delimiter, self.delimiter)
        enc = {"utf-8-sig": "UTF-8", "utf-16": "UTF-16", "cp1252": "Windows-1252", "latin-1": "Latin-1"}.get(
            self.encoding, self.encoding)
        return f"{enc}, '{delim}', {'decimal comma' if self.decimal_comma else 'decimal point'}"


def read_csv_portfolio(path: str | os.PathLike[str]) -> Portfolio:
    """Read a CSV file into a Portfolio (revalidated; ``source.format`` is 'csv'). Raises WorkbookError."""
    from planner.file_guard import check_file
    from planner.table_reader import read_table

    shown = str(path)
    kind = check_file(path)
    if kind != "csv":
        raise WorkbookError("csv_unreadable", path=shown,
                            reason=f"it is an Excel workbook ({kind}); open it as .{kind}")
    grid, fmt = read_csv_grid(path)
    portfolio = read_table(grid, sheet=Path(path).name, path=shown)
    if portfolio.source is not None:
        portfolio.source = portfolio.source.model_copy(update={"format": "csv", "path": shown})
    portfolio.read_findings = [
        Finding(severity=Severity.INFO, code="csv_read", params={"format": fmt.describe()}),
        *portfolio.read_findings,
    ]
    portfolio.revalidate()
    return portfolio


def read_csv_grid(path: str | os.PathLike[str]) -> tuple[list[list[object]], CsvFormat]:
    """The CSV's cells as a grid (row 1 = grid[0]): None for blank, int/Decimal for numbers, else text."""
    shown = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise WorkbookError("unreadable", path=shown, reason=exc.strerror or type(exc).__name__) from None
    return parse_csv_bytes(data, shown=shown)


def parse_csv_bytes(data: bytes, *, shown: str = "") -> tuple[list[list[object]], CsvFormat]:
    text, encoding = decode(data)
    if "\x00" in text:
        raise WorkbookError("csv_unreadable", path=shown, reason="the file holds binary data (NUL bytes)")
    lines = text.splitlines()
    sep_hint = _SEP_LINE.match(lines[0]) if lines else None
    delimiter = sep_hint.group(1) if sep_hint else sniff_delimiter(lines[:SNIFF_LINES])
    try:
        rows = _split(text, delimiter)
    except csv.Error as exc:
        raise WorkbookError("csv_unreadable", path=shown, reason=str(exc)) from None
    if sep_hint and rows:
        rows[0] = []
    cells = sum(len(r) for r in rows)
    if cells > MAX_CELLS:
        raise WorkbookError("too_large", path=shown, reason=f"{cells} CSV cells > {MAX_CELLS}")
    decimal_comma = sniff_decimal_comma(rows, delimiter)
    width = max((len(r) for r in rows), default=0)
    memo: dict[str, object] = {}  # exports repeat areas, phases and amounts: convert each text once
    grid: list[list[object]] = []
    for r in rows:
        out: list[object] = []
        for v in r:
            converted = memo.get(v, _MISSING)
            if converted is _MISSING:
                converted = convert_cell(v, decimal_comma)
                if len(memo) < MEMO_LIMIT:
                    memo[v] = converted
            out.append(converted)
        out.extend([None] * (width - len(r)))
        grid.append(out)
    return grid, CsvFormat(encoding=encoding, delimiter=delimiter, decimal_comma=decimal_comma)


def decode(data: bytes) -> tuple[str, str]:
    """Text and the encoding it was read with: UTF-16 (BOM), UTF-8 (BOM optional), cp1252, latin-1."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"


def sniff_delimiter(lines: list[str]) -> str:
    """The delimiter that splits the sample into the most consistent number of columns (> 1).

    A title line above the header or a note below the table does not throw it off: what counts is
    how many lines share the most common column count. Ties go to ``;`` (the Danish export).
    """
    sample = [ln for ln in lines if ln.strip()]
    best, best_score = ";", (0, 0.0, 0)
    for rank, delim in enumerate(DELIMITERS):
        try:
            counts = [len(r) for r in csv.reader(io.StringIO("\n".join(sample)), delimiter=delim)]
        except csv.Error:
            continue
        multi = [c for c in counts if c > 1]
        if not multi:
            continue
        width, agree = Counter(multi).most_common(1)[0]
        score = (agree, width / 1000, -rank)
        if (score[0], score[1]) > (best_score[0], best_score[1]):
            best, best_score = delim, (agree, width / 1000, -rank)
    return best


def sniff_decimal_comma(rows: list[list[str]], delimiter: str) -> bool:
    """True when the numbers are written 12,7; by default True unless ',' separates the columns."""
    comma = point = 0
    for row in rows[:2000]:
        for value in row:
            v = value.strip()
            if _COMMA_DEC.fullmatch(v) and len(v.rsplit(",", 1)[1]) != 3:
                comma += 1
            elif _POINT_DEC.fullmatch(v) and len(v.rsplit(".", 1)[1]) != 3:
                point += 1
    if comma != point:
        return comma > point
    return delimiter != ","


def convert_cell(value: str, decimal_comma: bool) -> object:
    """'' → None, '2023' → 2023, '12,7' → Decimal('12.7') (the file's way); anything else stays text."""
    v = value.strip()
    if not v:
        return None
    if v[0] not in _NUMBER_START:
        return value
    if _INT.fullmatch(v):
        digits = v.lstrip("+-")
        return v if len(digits) > 1 and digits.startswith("0") else int(v)
    if _NUMBERISH.fullmatch(v):
        try:
            amount: Decimal = parse_amount(v, decimal_comma=decimal_comma)
        except AmountError:
            return value
        return amount
    return value


def _split(text: str, delimiter: str) -> list[list[str]]:
    csv.field_size_limit(max(csv.field_size_limit(), MAX_FIELD))
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
