"""Baseline and scenarios: named copies of the yearly amounts, restored and compared exactly.

A :class:`Scenario` is the figures at one moment ("Basis" as loaded, "Forslag", "Beslutning"):
initiative id → year → Decimal, and optionally the frame. ``restore`` gives a
:class:`planner.edits.ChangeSet` (one undo step) that puts the figures back; ``compare`` lists the cells
that differ. Scenarios travel with the workbook in a plain-value sheet "Scenarier" (one row per scenario ×
initiative × year; docs/scenarios-sheet.md): ``scenarios_to_rows`` for
``save_portfolio(..., extra_sheets={SHEET: rows})`` and ``read_scenarios(path)`` / ``scenarios_from_rows``
back. The round trip is exact: amounts are written as exact numbers and read back as Decimal.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from planner.amounts import ZERO, AmountError, parse_amount
from planner.cells import CellRef
from planner.edits import ChangeSet
from planner.errors import WorkbookError
from planner.model import Frame, Portfolio
from planner.phases import fold

SHEET = "Scenarier"
BASELINE = "Basis"

# Column headers (Danish as written; English accepted when reading) and row types.
HEADERS = ("Scenarie", "Oprettet", "Type", "Id", "År", "Beløb (mio. kr.)", "Note")
_HEADER_ALIASES = {
    "scenario": ("scenarie", "scenario"),
    "created": ("oprettet", "created"),
    "type": ("type",),
    "id": ("id", "nr", "nr."),
    "year": ("år", "aar", "year"),
    "amount": ("beløb (mio. kr.)", "beløb", "amount", "amount (million dkk)"),
    "note": ("note", "bemærkning"),
}
TYPE_SCENARIO, TYPE_FRAME, TYPE_AMOUNT = "Scenarie", "Ramme", "Beløb"
_TYPES = {fold(k): v for k, v in {
    "Scenarie": TYPE_SCENARIO, "Scenario": TYPE_SCENARIO,
    "Ramme": TYPE_FRAME, "Frame": TYPE_FRAME,
    "Beløb": TYPE_AMOUNT, "Amount": TYPE_AMOUNT,
}.items()}
CREATED_FORMAT = "%Y-%m-%d %H:%M:%S"


class Scenario(BaseModel):
    """Named figures: ``amounts[id][year]`` exactly as they were (a year absent = no value).

    ``frame`` is the frame at capture time (None when not kept); ``created`` is to the second.
    """

    model_config = ConfigDict(validate_assignment=True)

    name: str = Field(min_length=1)
    created: datetime
    amounts: dict[str, dict[int, Decimal]] = Field(default_factory=dict)
    frame: Frame | None = None
    note: str = ""


def capture(portfolio: Portfolio, name: str, *, created: datetime | None = None, note: str = "",
            with_frame: bool = True) -> Scenario:
    """The portfolio's current figures under ``name`` (a copy: later edits do not touch it)."""
    frame = None
    if with_frame:
        frame = Frame(total=portfolio.frame.total, by_year=dict(portfolio.frame.by_year))
    when = (created or datetime.now()).replace(microsecond=0)
    return Scenario.model_construct(
        name=name, created=when, note=note, frame=frame,
        amounts={ini.id: dict(ini.amounts) for ini in portfolio.initiatives},
    )


def baseline(portfolio: Portfolio) -> Scenario:
    """The figures as loaded, to show changes against and reset to."""
    return capture(portfolio, BASELINE)


def restore(portfolio: Portfolio, scenario: Scenario, *, ids: Iterable[str] | None = None,
            respect_locks: bool = False) -> ChangeSet:
    """The change set that gives the portfolio the scenario's figures (all, or the initiatives ``ids``).

    Exact: a year without a value in the scenario becomes a blank again. Initiatives the scenario does
    not know are left alone, and so are ids the portfolio no longer has. The frame is not changed (it
    is the programme's given, not a planner's figure). With ``respect_locks`` locked amounts stay.
    """
    wanted = None if ids is None else set(ids)
    cell_ids: list[str] = []
    years: list[int] = []
    olds: list[Decimal | None] = []
    news: list[Decimal | None] = []
    add_id, add_year, add_old, add_new = cell_ids.append, years.append, olds.append, news.append
    known = scenario.amounts
    no_years: frozenset[int] = frozenset()
    for ini in portfolio.initiatives:
        ini_id = ini.id
        if wanted is not None and ini_id not in wanted:
            continue
        target = known.get(ini_id)
        amounts = ini.amounts
        if target is None or amounts == target or (respect_locks and ini.locked):
            continue  # equal dicts: every year's value equal, none to change (a reset of an untouched row)
        kept = ini.locked_years if respect_locks else no_years
        get_old, get_new = amounts.get, target.get
        for year in sorted(amounts.keys() | target.keys()):
            old, new = get_old(year), get_new(year)
            if old == new or year in kept:
                continue
            add_id(ini_id)
            add_year(year)
            add_old(old)
            add_new(new)
    columns = (cell_ids, years, olds, news)
    return ChangeSet(*map(tuple, columns), op="restore", params={"scenario": scenario.name})


class Difference(NamedTuple):
    """One cell that differs between two sets of figures (a missing value counts as 0)."""

    initiative_id: str
    year: int
    a: Decimal
    b: Decimal

    @property
    def delta(self) -> Decimal:
        return self.b - self.a


def _figures(x: Scenario | Portfolio) -> dict[str, dict[int, Decimal]]:
    if isinstance(x, Portfolio):
        return {ini.id: ini.amounts for ini in x.initiatives}
    return x.amounts


def compare(a: Scenario | Portfolio, b: Scenario | Portfolio) -> list[Difference]:
    """The cells whose amounts differ from ``a`` to ``b``: ids in a's order then b's, years ascending."""
    fa, fb = _figures(a), _figures(b)
    out: list[Difference] = []
    for ini_id in dict.fromkeys([*fa, *fb]):
        ya, yb = fa.get(ini_id, {}), fb.get(ini_id, {})
        for year in sorted(ya.keys() | yb.keys()):
            va, vb = ya.get(year, ZERO), yb.get(year, ZERO)
            if va != vb:
                out.append(Difference(ini_id, year, va, vb))
    return out


# -- the "Scenarier" sheet -----------------------------------------------------------------------------
def scenarios_to_rows(scenarios: Sequence[Scenario]) -> list[list[object]]:
    """The sheet's rows (header first): per scenario a "Scenarie" row, its frame rows, then its amounts."""
    names = [sc.name for sc in scenarios]
    if len(set(names)) != len(names):
        raise ValueError(f"scenario names must be unique: {names}")
    rows: list[list[object]] = [list(HEADERS)]
    for sc in scenarios:
        created = sc.created.strftime(CREATED_FORMAT)
        rows.append([sc.name, created, TYPE_SCENARIO, None, None, None, sc.note or None])
        if sc.frame is not None:
            if sc.frame.total is not None:
                rows.append([sc.name, created, TYPE_FRAME, None, None, sc.frame.total, None])
            for year, amount in sorted(sc.frame.by_year.items()):
                rows.append([sc.name, created, TYPE_FRAME, None, year, amount, None])
        for ini_id, years in sc.amounts.items():
            if not years:
                rows.append([sc.name, created, TYPE_AMOUNT, ini_id, None, None, None])
            for year, amount in sorted(years.items()):
                rows.append([sc.name, created, TYPE_AMOUNT, ini_id, year, amount, None])
    return rows


def _where(row: int, col: int | None = None) -> CellRef:
    return CellRef(sheet=SHEET, row=row, column=col)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()


def _header(rows: Sequence[Sequence[object]], path: str) -> tuple[int, dict[str, int]]:
    for r, row in enumerate(rows[:20]):
        names = [fold(_text(v)) for v in row]
        found = {}
        for key, aliases in _HEADER_ALIASES.items():
            for c, name in enumerate(names):
                if name in {fold(a) for a in aliases}:
                    found[key] = c
                    break
        if {"scenario", "type", "id", "year", "amount"} <= found.keys():
            return r, found
    raise WorkbookError("bad_argument", where=_where(1), path=path,
                        reason=f"the sheet '{SHEET}' has no header row ({', '.join(HEADERS[:6])})")


def _bad(path: str, row: int, col: int, value: object, expected: str) -> WorkbookError:
    return WorkbookError("bad_argument", where=_where(row, col + 1), path=path,
                         reason=f"'{value}' in the sheet '{SHEET}' is not {expected}")


def _created(value: object, path: str, row: int, col: int) -> datetime | None:
    if _blank(value):
        return None
    if isinstance(value, datetime):
        return value.replace(microsecond=0)
    try:
        return datetime.fromisoformat(_text(value)).replace(microsecond=0)
    except ValueError:
        raise _bad(path, row, col, value, "a date and time like 2024-05-01 14:30:00") from None


def _year(value: object, path: str, row: int, col: int) -> int:
    text = _text(value)
    if not (text.isdigit() and len(text) == 4):
        raise _bad(path, row, col, value, "a year like 2024")
    return int(text)


def scenarios_from_rows(rows: Sequence[Sequence[object]], *, path: str = "") -> list[Scenario]:
    """Scenarios from the sheet's cell values (row 1 = rows[0]), in the order they first appear.

    Blank rows are skipped. A cell that cannot be read raises WorkbookError pointing at it.
    """
    if not rows:
        return []
    head, cols = _header(rows, path)

    def cell(row: Sequence[object], key: str) -> object:
        c = cols.get(key)
        return row[c] if c is not None and c < len(row) else None

    found: dict[str, Scenario] = {}
    for r in range(head + 1, len(rows)):
        row, excel_row = rows[r], r + 1
        if all(_blank(v) for v in row):
            continue
        name = _text(cell(row, "scenario"))
        if not name:
            raise _bad(path, excel_row, cols["scenario"], "", "a scenario name")
        kind = _TYPES.get(fold(_text(cell(row, "type"))))
        if kind is None:
            raise _bad(path, excel_row, cols["type"], cell(row, "type"), "Scenarie, Ramme or Beløb")
        sc = found.get(name)
        if sc is None:
            created = _created(cell(row, "created"), path, excel_row, cols.get("created", 0))
            sc = found[name] = Scenario.model_construct(name=name, created=created or datetime(1970, 1, 1),
                                                        amounts={}, frame=None, note="")
        if kind == TYPE_SCENARIO:
            sc.note = _text(cell(row, "note"))
            continue
        raw_amount, raw_year = cell(row, "amount"), cell(row, "year")
        if kind == TYPE_AMOUNT and _blank(raw_amount) and _blank(raw_year):
            ini_id = _text(cell(row, "id"))
            if not ini_id:
                raise _bad(path, excel_row, cols["id"], "", "an initiative id")
            sc.amounts.setdefault(ini_id, {})
            continue
        try:
            amount = parse_amount(raw_amount)
        except AmountError:
            raise _bad(path, excel_row, cols["amount"], raw_amount, "an amount like 12,5") from None
        if kind == TYPE_FRAME:
            frame = sc.frame or Frame()
            if _blank(raw_year):
                frame.total = amount
            else:
                frame.by_year[_year(raw_year, path, excel_row, cols["year"])] = amount
            sc.frame = frame
            continue
        ini_id = _text(cell(row, "id"))
        if not ini_id:
            raise _bad(path, excel_row, cols["id"], "", "an initiative id")
        sc.amounts.setdefault(ini_id, {})[_year(raw_year, path, excel_row, cols["year"])] = amount
    return [Scenario.model_validate(sc.model_dump()) for sc in found.values()]


def read_scenarios(path: str | Path) -> list[Scenario]:
    """The scenarios stored in a workbook's "Scenarier" sheet; [] when it has none."""
    from python_calamine import CalamineWorkbook

    p = str(path)
    if not Path(p).is_file():
        raise WorkbookError("not_found", path=p)
    try:
        wb = CalamineWorkbook.from_path(p)
        try:
            names = {n.casefold(): n for n in wb.sheet_names}
            name = names.get(SHEET.casefold())
            if name is None:
                return []
            rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        finally:
            wb.close()
    except Exception as exc:  # noqa: BLE001 - calamine raises its own types for damaged files
        raise WorkbookError("unreadable", path=p, reason=f"{type(exc).__name__}: {exc}") from None
    return scenarios_from_rows(rows, path=p)
