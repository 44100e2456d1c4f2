"""The Gantt timeline's layout and texts: rows, bars, tooltips (painted by :mod:`ui.timeline_paint`).

The layout (:class:`TimelineLayout`) is plain Python computed from a Portfolio: rows (area headers and
initiatives) at integer y positions, and bars (current phase, possible next phase) in years as floats
(2023.0 = 1 January 2023; quarter q starts at year + (q-1)/4). :class:`BarsItem` paints only the rows
inside the visible range, straight from the layout, so thousands of initiatives stay smooth and a
selection or an edit is a repaint, never a rebuild of graphics items.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from operator import is_not
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import QCoreApplication

from planner.amounts import format_amount
from planner.model import Initiative, Portfolio, area_label
from planner.phases import Phase
from ui import palette
from ui.chart_text import amount_unit, format_date
from ui.timeline_base import BaseBars, BaseRows, LazyRows, initiative_bars

if TYPE_CHECKING:
    from ui.timeline_data import Snapshot

BAR_HEIGHT = 0.62
NEXT_BAR_HEIGHT = 0.62
DENSE_ROW_PX = 4.0  # rows thinner than this (a zoomed-out big portfolio) are drawn as plain coloured lines


def tr(text: str) -> str:
    return QCoreApplication.translate("Timeline", text)


def format_date_da(d: date) -> str:
    """'23. november 2026' (kept for callers that want Danish whatever the language)."""
    return format_date(d, "da")


def year_fraction(d: date) -> float:
    """A date as a position on the year axis (2026-07-02 → about 2026.5)."""
    start = date(d.year, 1, 1)
    days = (date(d.year + 1, 1, 1) - start).days
    return d.year + (d - start).days / days


def initiative_span(ini: Initiative) -> tuple[float, float] | None:
    """(x0, x1) of the current phase bar: whole years, or quarters when the initiative gives them."""
    span = ini.years_span()
    if span is None:
        return None
    first, last = span
    x0 = first + ((ini.start_quarter - 1) / 4 if ini.start_quarter else 0.0)
    x1 = last + (ini.end_quarter / 4 if ini.end_quarter else 1.0)
    if x1 <= x0:
        x1 = x0 + 0.25
    return x0, x1


def next_phase_of(ini: Initiative) -> Phase | None:
    """The phase it may move to: the stated next phase, else the next step on the ladder."""
    if ini.next_phase is not None:
        return ini.next_phase
    return ini.phase.next() if ini.phase is not None else None


@dataclass(frozen=True)
class Bar:
    """One bar: ``next`` bars are the possible next phase (drawn faded and dashed)."""

    row: int
    x0: float
    x1: float
    phase: Phase | None
    initiative_id: str
    next: bool = False


@dataclass
class Row:
    """A row of the chart: an area header (``initiative_id`` empty) or an initiative."""

    kind: str  # "header" | "initiative"
    label: str
    initiative_id: str = ""
    area: str = ""
    tint: int = 0
    detail: str = ""
    total: Decimal = Decimal(0)  # on a header: its initiatives' total when ``detail`` was last made
    header: int = -1  # the row of this initiative's area header
    count: int = 0  # initiatives under a header


class DerivedRows(LazyRows):
    """``rows`` of a layout derived from the whole portfolio's (:func:`derive_layout`): its area headers
    (``made``) and, made from the base row ``source[r]`` when first asked for, its initiatives' rows under
    the header row ``heads[r]``."""

    def __init__(self, base: list[Row] | DerivedRows | BaseRows, source: list[int], heads: list[int],
                 made: dict[int, Row]) -> None:
        super().__init__(len(source), heads, made)
        self._base = base
        self._source = source

    def _make(self, r: int) -> Row:
        b = self._base[self._source[r]]
        return Row("initiative", b.label, b.initiative_id, b.area, b.tint, header=self._heads[r])


class DerivedBars:
    """``bars_by_row`` of a layout derived from the whole portfolio's (:func:`derive_layout`): row r's bars
    are those of the base row ``source[r]``, made with row r when first asked for (painting asks for the
    rows in view only), so a filter change does not make thousands of bars again."""

    def __init__(self, base: list[list[Bar]] | DerivedBars | BaseBars, source: list[int]) -> None:
        self._base = base
        self._source = source
        self._made: dict[int, list[Bar]] = {}

    def __len__(self) -> int:
        return len(self._source)

    def __getitem__(self, r: int) -> list[Bar]:
        if r < 0:
            r += len(self._source)
        if not 0 <= r < len(self._source):
            raise IndexError(r)
        bars = self._made.get(r)
        if bars is None:
            bars = self._made[r] = [Bar(r, b.x0, b.x1, b.phase, b.initiative_id, b.next)
                                    for b in self._base[self._source[r]]]
        return bars

    def __setitem__(self, r: int, bars: list[Bar]) -> None:
        self._made[r] = bars

    def __iter__(self) -> Iterator[list[Bar]]:
        return (self[r] for r in range(len(self._source)))


@dataclass
class TimelineLayout:
    """Rows and bars of a portfolio; rows at y = 0, 1, 2 … from the top.

    A layout made by :func:`derive_layout` keeps its ``base`` (the whole portfolio's layout) and ``source``
    (its row r shows the base's row ``source[r]``); both must then be updated together
    (:func:`update_rows`), the base first. ``cache`` holds arrays made from the rows (:mod:`ui.timeline_dense`),
    dropped when rows change."""

    rows: list[Row] | DerivedRows | BaseRows = field(default_factory=list)
    bars_by_row: list[list[Bar]] | DerivedBars | BaseBars = field(default_factory=list)
    row_of: dict[str, int] = field(default_factory=dict)
    x_min: float = 0.0
    x_max: float = 1.0
    years: frozenset[int] = frozenset()  # the portfolio's years when laid out (they decide bar ends)
    initiatives: int = 0  # how many the portfolio had when laid out
    filtered: bool = False  # some initiatives are left out (table filter or one area shown)
    members: dict[int, list[Initiative]] = field(default_factory=dict)  # header row → its initiatives shown
    stale: set[int] = field(default_factory=set)  # header rows whose total and detail are to be summed again
    lang: str = "da"
    base: TimelineLayout | None = field(default=None, repr=False, compare=False)
    source: list[int] | None = field(default=None, repr=False, compare=False)
    cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def header_text(self, r: int) -> str:
        """The detail text of header row ``r``, summed again first when its initiatives' figures changed."""
        if r in self.stale:
            self.stale.discard(r)
            head, members = self.rows[r], self.members.get(r, [])
            head.total = sum((i.total for i in members), start=members[0].total * 0) if members else Decimal(0)
            head.detail = header_detail(head.count, head.total, self.lang)
        return self.rows[r].detail

    def fresh_headers(self) -> None:
        """Every header's total and detail up to date (for queries; painting sums only the headers shown)."""
        for r in sorted(self.stale):
            self.header_text(r)

    def mark_all_stale(self) -> None:
        self.stale.update(self.members)

    @property
    def bar_count(self) -> int:
        return sum(1 for bars in self.bars_by_row for b in bars if not b.next)

    @property
    def next_bar_count(self) -> int:
        return sum(1 for bars in self.bars_by_row for b in bars if b.next)

    def bars(self) -> Iterable[Bar]:
        for bars in self.bars_by_row:
            yield from bars


def areas_in_order(portfolio: Portfolio) -> list[str]:
    seen: dict[str, None] = {}
    for ini in portfolio.initiatives:
        seen.setdefault(ini.area or "", None)
    return list(seen)


def bars_for(ini: Initiative, row: int, end_of_portfolio: int | None) -> list[Bar]:
    """The current-phase bar and the possible next-phase bar of one initiative on one row."""
    bars: list[Bar] = []
    span = initiative_span(ini)
    if span is not None:
        bars.append(Bar(row, span[0], span[1], ini.phase, ini.id))
    nxt = next_phase_of(ini)
    nyear = ini.next_round_year if nxt is not None and ini.next_round else None
    if nxt is not None and nyear is not None:
        x1 = float(max(nyear + 1, end_of_portfolio or nyear + 1))
        bars.append(Bar(row, float(nyear), x1, nxt, ini.id, next=True))
    return bars


def build_layout(portfolio: Portfolio, visible: set[str] | None = None, area: str | None = None,
                 lang: str = "da", *, lazy: bool = False, snapshot: Snapshot | None = None) -> TimelineLayout:
    """Group the initiatives by area (in the order they first appear), a header row above each group.

    The bars are worked out for all initiatives in one pass into columns (:mod:`ui.timeline_base`); rows and
    bars become objects when first read. ``snapshot``: the portfolio's :class:`~ui.timeline_data.Snapshot`,
    current (taken when not given). ``lazy``: leave the headers' totals and details to be summed when first
    read (:meth:`TimelineLayout.header_text`)."""
    from ui.timeline_data import Snapshot

    inis = list(portfolio.initiatives)
    if snapshot is None or len(snapshot.inis) != len(inis) or any(map(is_not, snapshot.inis, inis)):
        snapshot = Snapshot(portfolio)
    layout = TimelineLayout(lang=lang)
    years = sorted(snapshot.years)
    layout.years = frozenset(years)
    layout.initiatives = len(inis)
    layout.filtered = visible is not None or area is not None
    end_of_portfolio = (max(years) + 1) if years else None
    x0, x1, nx0, nx1, next_phases = initiative_bars(inis, snapshot.shapes, snapshot.first, snapshot.last,
                                                    end_of_portfolio)
    groups: dict[str, list[int]] = {}
    for k, shape in enumerate(snapshot.shapes):
        groups.setdefault(shape[2] or "", []).append(k)  # type: ignore[arg-type]
    order: list[int] = []  # per row: the initiative's position in the portfolio, -1 on a header
    heads: list[int] = []
    made: dict[int, Row] = {}
    for tint, (group, all_members) in enumerate(groups.items()):
        if area is not None and group != area:
            continue
        members = all_members if visible is None else [k for k in all_members if inis[k].id in visible]
        if not members:
            continue
        label = area_label(group, lang) if group else tr("Uden område")
        head = len(order)
        made[head] = Row("header", label, area=group, tint=tint, count=len(members))
        layout.members[head] = [inis[k] for k in members]
        layout.stale.add(head)
        order.append(-1)
        order.extend(members)
        heads.extend([head] * (len(members) + 1))
    rows_of = np.asarray(order, dtype=np.intp)
    shown = rows_of >= 0
    picked = rows_of[shown]
    ids: list[str | None] = [None] * len(order)
    names: list[str | None] = [None] * len(order)
    phases: list[Phase | None] = [None] * len(order)
    nexts: list[Phase | None] = [None] * len(order)
    for r, k in enumerate(order):
        if k >= 0:
            shape = snapshot.shapes[k]
            ids[r], names[r], phases[r], nexts[r] = shape[0], shape[1], shape[3], next_phases[k]  # type: ignore[assignment]
    columns = []
    for per_ini in (x0, x1, nx0, nx1):
        col = np.full(len(order), math.nan)
        col[shown] = per_ini[picked]
        columns.append(col)
    bars = BaseBars(ids, columns[0], columns[1], phases, columns[2], columns[3], nexts)
    layout.rows = BaseRows(ids, names, heads, made)
    layout.bars_by_row = bars
    setdefault = layout.row_of.setdefault
    for r in np.nonzero(shown)[0].tolist():
        setdefault(ids[r], r)  # type: ignore[arg-type]
    if not lazy:
        layout.fresh_headers()
    lo, hi = bars.extents()
    layout.cache["extents"] = (lo, hi)
    x_lo = float(lo.min()) if len(lo) else math.inf
    x_hi = float(hi.max()) if len(hi) else -math.inf
    _set_x_range(layout, x_lo, x_hi)
    return layout


def _set_x_range(layout: TimelineLayout, x_lo: float, x_hi: float) -> None:
    """Whole years around the bars shown (``x_lo`` … ``x_hi``) and the portfolio's years."""
    years = layout.years
    if years:
        x_lo, x_hi = min(x_lo, float(min(years))), max(x_hi, float(max(years) + 1))
    if x_lo <= x_hi:
        layout.x_min, layout.x_max = math.floor(x_lo), math.ceil(x_hi)
    else:
        today = date.today().year
        layout.x_min, layout.x_max = float(today), float(today + 1)


def row_extents(layout: TimelineLayout) -> tuple[np.ndarray, np.ndarray]:
    """Per row, the left end of its leftmost bar and the right end of its rightmost (±inf without bars)."""
    ext = layout.cache.get("extents")
    if ext is None and isinstance(layout.bars_by_row, BaseBars):
        ext = layout.cache["extents"] = layout.bars_by_row.extents()
    if ext is None:
        by_row = list(layout.bars_by_row)
        counts = np.fromiter(map(len, by_row), dtype=np.intp, count=len(by_row))
        lo, hi = np.full(len(by_row), math.inf), np.full(len(by_row), -math.inf)
        has = counts > 0
        if has.any():
            starts = (np.cumsum(counts) - counts)[has]
            lo[has] = np.minimum.reduceat(np.array([b.x0 for bars in by_row for b in bars]), starts)
            hi[has] = np.maximum.reduceat(np.array([b.x1 for bars in by_row for b in bars]), starts)
        ext = layout.cache["extents"] = (lo, hi)
    return ext


def derive_layout(base: TimelineLayout, visible: set[str] | None = None, area: str | None = None) -> TimelineLayout:
    """What :func:`build_layout` makes for this filter, picked from ``base`` (the unfiltered layout of the same
    portfolio, kept up to date): rows are copied without asking the initiatives again, bars are made only
    when painted (:class:`DerivedBars`). ``base`` itself when the filter leaves nothing out."""
    if area is None and (visible is None or (len(visible) >= base.initiatives and all(
            ini.id in visible for members in base.members.values() for ini in members))):
        return base  # nothing left out
    layout = TimelineLayout(years=base.years, initiatives=base.initiatives, filtered=True, lang=base.lang,
                            base=base)
    source: list[int] = []
    heads: list[int] = []
    made: dict[int, Row] = {}
    setdefault = layout.row_of.setdefault
    base_rows = base.rows
    for h in sorted(base.members):
        head, members = base_rows[h], base.members[h]
        if area is not None and head.area != area:
            continue
        picked = range(len(members)) if visible is None else \
            [k for k, ini in enumerate(members) if ini.id in visible]
        if not picked:
            continue
        top = len(source)
        made[top] = Row("header", head.label, area=head.area, tint=head.tint, count=len(picked))
        shown = layout.members[top] = [members[k] for k in picked] if visible is not None else list(members)
        layout.stale.add(top)
        source.append(h)
        source.extend([h + 1 + k for k in picked])
        heads.extend([top] * (len(picked) + 1))
        for r, ini in enumerate(shown, start=top + 1):
            setdefault(ini.id, r)
    layout.source = source
    layout.rows = DerivedRows(base_rows, source, heads, made)
    layout.bars_by_row = DerivedBars(base.bars_by_row, source)
    x_lo, x_hi = math.inf, -math.inf
    if source:
        lo, hi = row_extents(base)
        picked_rows = np.asarray(source, dtype=np.intp)
        x_lo, x_hi = float(lo[picked_rows].min()), float(hi[picked_rows].max())
    _set_x_range(layout, x_lo, x_hi)
    return layout


def header_detail(count: int, total: Decimal, lang: str) -> str:
    """'12 initiativer · 98,4 mio. kr.': the text in an area's header band."""
    return tr("{n} initiativer · {total} mio. kr.").format(n=count, total=format_amount(total, lang))


def update_layout(layout: TimelineLayout, portfolio: Portfolio, ids: set[str], lang: str = "da") -> bool:
    """Recompute the bars of some initiatives in place; False when a full rebuild is needed instead
    (an initiative is new, gone, moved to another area, or a bar leaves the year range)."""
    return update_rows(layout, portfolio, ids, lang) is not None


def update_rows(layout: TimelineLayout, portfolio: Portfolio, ids: set[str], lang: str = "da") -> set[int] | None:
    """:func:`update_layout` in O(changed initiatives): the rows to repaint (the initiatives' and their
    area headers', whose totals move by the initiatives' differences), or None when a rebuild is needed
    (also when an initiative has money in a year the layout did not know: bar ends may move)."""
    if not layout.years or layout.initiatives != len(portfolio.initiatives):
        return None
    end_of_portfolio = max(layout.years) + 1
    changed: list[tuple[int, Initiative, list[Bar]]] = []
    for iid in ids:
        ini, row = portfolio.get(iid), layout.row_of.get(iid)
        if ini is not None and row is None and layout.filtered:
            continue  # not shown
        if ini is None or row is None or (ini.area or "") != layout.rows[row].area \
                or not layout.years.issuperset(ini.amounts):
            return None
        bars = bars_for(ini, row, end_of_portfolio)
        if any(b.x0 < layout.x_min or b.x1 > layout.x_max for b in bars):
            return None
        changed.append((row, ini, bars))
    dirty: set[int] = set()
    heads: set[int] = set()
    for row, ini, bars in changed:
        entry = layout.rows[row]
        layout.bars_by_row[row] = bars
        entry.label = ini.name
        if entry.header >= 0:
            heads.add(entry.header)
        dirty.add(row)
    layout.stale.update(heads)
    if changed:
        layout.cache.clear()
    return dirty | heads


def tooltip_text(ini: Initiative, lang: str = "da") -> str:
    """Plain text (never HTML) for the hover tooltip: name, phase, years and the yearly amounts."""
    phase = palette.phase_label(ini.phase) if ini.phase else (ini.phase_text or palette.phase_label(None))
    lines = [f"{ini.id} – {' '.join(ini.name.split())}", f"{tr('Fase')}: {phase}"]
    span = ini.years_span()
    if span is not None:
        start = f"{span[0]}" + (" " + tr("K{n}").format(n=ini.start_quarter) if ini.start_quarter else "")
        end = f"{span[1]}" + (" " + tr("K{n}").format(n=ini.end_quarter) if ini.end_quarter else "")
        lines.append(f"{tr('År')}: {start}–{end}")
    unit = amount_unit()
    for year in sorted(ini.amounts):
        lines.append(f"  {year}: {format_amount(ini.amounts[year], lang)} {unit}")
    lines.append(f"{tr('I alt')}: {format_amount(ini.total, lang)} {unit}")
    nxt = next_phase_of(ini)
    if nxt is not None and ini.next_round:
        lines.append(f"{tr('Mulig næste fase')}: {palette.phase_label(nxt)} ({ini.next_round})")
    if ini.area:
        lines.append(f"{tr('Område')}: {area_label(ini.area, lang)}")
    return "\n".join(lines)


def plain_to_tooltip_html(text: str) -> str:
    """Escape workbook text so QToolTip never interprets it as markup, keeping line breaks."""
    import html

    return "<qt><p style='white-space:pre'>" + html.escape(text).replace("\n", "<br>") + "</p></qt>"
