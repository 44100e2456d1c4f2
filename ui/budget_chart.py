"""Yearly totals against the frame: bars per year stacked by SUSI phase, the frame per year as a step line.

When the frame is a total only there is no line to draw; a text in the corner compares the frame with
the allocated total instead. Years over the frame get a red outline and a red label. Every graphics item
is created once; :meth:`BudgetChart.refresh` (coalesced by a single-shot timer) only calls ``setOpts`` /
``setData`` / ``setText`` so the chart can follow every edit. Given the changed initiatives, it adds their
differences to the sums it keeps (phase × year) instead of summing the whole portfolio again.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from decimal import Decimal
from operator import attrgetter

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QRectF
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from planner.amounts import ZERO, format_amount
from planner.model import Portfolio
from planner.phases import PHASES, Phase
from ui import palette
from ui.cell_sums import BIG_CHANGE, current_cells, decimal_row, group_year_tenths, refresh_copies
from ui.chart_parts import CulledAxisItem, DirtyRects, LegendBar, RegionPlot, chart_frame
from ui.chart_text import amount_unit, chart_language

BAR_WIDTH = 0.62
_PHASE = attrgetter("phase")


def tr(text: str) -> str:
    return QCoreApplication.translate("BudgetChart", text)


class AmountAxis(CulledAxisItem):
    """Amount ticks in the chart's language (12,5 / 12.5)."""

    def __init__(self, orientation: str, lang: str = "da") -> None:
        super().__init__(orientation)
        self.lang = lang

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        places = 0 if spacing >= 1 else 1
        return [format_amount(Decimal(repr(v * scale)), self.lang, places=places) for v in values]


class YearTicksAxis(CulledAxisItem):
    def __init__(self) -> None:
        super().__init__("bottom")
        self._years: list[int] = []
        self.setStyle(tickLength=0)

    def set_years(self, years: list[int]) -> None:
        if list(years) == getattr(self, "_ticked", None):
            return  # new ticks repaint the axis: only when the years change
        self._years = self._ticked = list(years)
        self.setTicks([[(float(y), str(y)) for y in self._years]])


class ColumnBars(pg.BarGraphItem):
    """A BarGraphItem that repaints only the columns whose bars changed.

    ``setOpts`` repaints the whole item (every year) and, as the tallest bar moves, the item's bounding
    rect; here the bounding rect reaches up to a ceiling the chart sets (the top of its amount axis), so an
    edit leaves it alone and only the edited year's column is repainted."""

    def __init__(self, **opts: object) -> None:
        self._ceiling = 0.0
        super().__init__(**opts)
        self._dirty = DirtyRects(self)

    def set_ceiling(self, top: float) -> None:
        if top != self._ceiling:
            self.prepareGeometryChange()
            self._ceiling = top

    def boundingRect(self) -> QRectF:
        rect = super().boundingRect()
        if rect.isNull() or rect.bottom() >= self._ceiling:
            return rect
        return QRectF(rect.left(), rect.top(), rect.width(), self._ceiling - rect.top())

    def set_columns(self, xs: np.ndarray, heights: np.ndarray, y0: np.ndarray, width: float) -> None:
        """Bars at ``xs`` from ``y0`` up by ``heights``; the columns that stay as they are are not repainted."""
        o = self.opts
        old_x, old_h, old_y0 = o.get("x"), o.get("height"), o.get("y0")
        if not (isinstance(old_x, np.ndarray) and isinstance(old_h, np.ndarray) and isinstance(old_y0, np.ndarray)
                and o.get("width") == width and np.array_equal(old_x, xs) and len(old_h) == len(heights)
                and len(old_y0) == len(y0)):
            self.setOpts(x=xs, height=heights, y0=y0, width=width)
            return
        changed = np.nonzero((old_h != heights) | (old_y0 != y0))[0]
        if not len(changed):
            return
        (x_before, (low_before, high_before)) = self._dataBounds
        o["height"], o["y0"] = heights, y0
        self.picture = None
        self._shape = None
        self._prepareData()
        (x_after, (low_after, high_after)) = self._dataBounds
        if x_after != x_before or low_after != low_before or max(high_before, high_after) > 0.98 * self._ceiling:
            self.prepareGeometryChange()  # the bounding rect moved (it reaches up to the ceiling otherwise)
            self.update()
            self.informViewBoundsChanged()
            return
        px, py = self.pixelVectors()
        pad_x = (px.length() if px is not None else 0.0) * (self._penWidth[1] / 2 + 2)
        pad_y = (py.length() if py is not None else 0.0) * (self._penWidth[1] / 2 + 2)
        rects = []
        for i in changed:
            ends = (old_y0[i], old_y0[i] + old_h[i], y0[i], y0[i] + heights[i])
            lo, hi = float(min(ends)), float(max(ends))
            rects.append(QRectF(xs[i] - width / 2 - pad_x, lo - pad_y, width + 2 * pad_x, hi - lo + 2 * pad_y))
        self._dirty.update(rects)
        self.informViewBoundsChanged()


def phase_totals_by_year(portfolio: Portfolio) -> dict[Phase | None, dict[int, Decimal]]:
    """Phase → year → amount, for the stacked bars."""
    years = portfolio.all_years()
    out: dict[Phase | None, dict[int, Decimal]] = {p: {y: ZERO for y in years} for p in (*PHASES, None)}
    for ini in portfolio.initiatives:
        for y, a in ini.amounts.items():
            out[ini.phase][y] += a
    return out


def _nice_ceiling(value: float) -> float:
    """``value`` rounded up to a quarter of its power of ten (123 → 125, 0.7 → 0.75), so that a small
    edit leaves the amount axis as it is and the chart repaints only what changed."""
    if value <= 0:
        return 1.0
    step = 10 ** math.floor(math.log10(value)) / 4
    return math.ceil(value / step) * step


class BudgetChart(QWidget):
    """Stacked yearly totals by phase against the frame; items made once, updated in place.

    ``lang`` ('da'/'en', default: the language of the translated texts) sets how amounts read.
    """

    VIEW_KEY = "budget"

    def __init__(self, portfolio: Portfolio | None = None, parent: QWidget | None = None, *,
                 lang: str | None = None) -> None:
        super().__init__(parent)
        self.lang = chart_language(lang)
        self._portfolio = Portfolio()
        self._presentation = False
        self._legend = LegendBar()
        self._year_axis = YearTicksAxis()
        self._amount_axis = AmountAxis("left", self.lang)
        self._plot = RegionPlot(axisItems={"bottom": self._year_axis, "left": self._amount_axis})
        self._plot.setBackground(palette.BACKGROUND)
        self._plot.setMenuEnabled(False)
        self._plot.hideButtons()
        self._plot.showGrid(x=False, y=True, alpha=0.25)
        self._plot.setLabel("left", amount_unit())
        item = self._plot.getPlotItem()
        item.layout.setContentsMargins(6, 10, 16, 6)
        self._vb = item.getViewBox()
        self._vb.setMouseEnabled(x=False, y=False)

        empty = np.zeros(0)
        self._bars: dict[Phase | None, ColumnBars] = {}
        for phase in (*PHASES, None):
            style = palette.phase_style(phase)
            bar = ColumnBars(x=empty, height=empty, y0=empty, width=BAR_WIDTH,
                                  brush=pg.mkBrush(style.fill), pen=pg.mkPen(style.fill.darker(160), width=1))
            bar.setZValue(5)
            self._plot.addItem(bar)
            self._bars[phase] = bar
        self._over = ColumnBars(x=empty, height=empty, y0=empty, width=BAR_WIDTH + 0.08, brush=None,
                                     pen=pg.mkPen(palette.OVER_FRAME, width=3.5))
        self._over.setZValue(8)
        self._plot.addItem(self._over)
        self._frame = pg.PlotDataItem(stepMode="center", pen=pg.mkPen(palette.FRAME_LINE, width=3))
        self._frame.setZValue(10)
        self._plot.addItem(self._frame)
        self._summary = pg.TextItem(anchor=(1, 0), color=palette.TEXT, fill=pg.mkBrush(255, 255, 255, 230),
                                    border=pg.mkPen(palette.GRID))
        self._summary.setZValue(20)
        self._plot.addItem(self._summary, ignoreBounds=True)
        self._value_labels: list[pg.TextItem] = []
        self._label_state: list[tuple[str, bool, float, int]] = []
        self._years: list[int] = []
        self._by_phase: dict[Phase | None, dict[int, Decimal]] = {}
        self._totals: dict[int, Decimal] = {}
        self._shown: dict[str, tuple[Phase | None, dict[int, Decimal]]] = {}
        self._pending: set[str] | None = None
        self._legend_state: tuple[bool, bool, bool] | None = None
        self._has_unknown = False
        self._ranges: tuple[tuple[float, float], tuple[float, float]] | None = None
        self._frame_shown: tuple[list[float], list[float]] | None = None
        self._summary_shown: tuple[str, str, str] | None = None

        self._timer = chart_frame(self, self._legend, self._plot, self._apply_refresh, (420, 260))
        self._vb.sigResized.connect(self._place_summary)
        self._vb.sigRangeChanged.connect(self._place_summary)
        self._apply_fonts()
        if portfolio is not None:
            self.set_portfolio(portfolio)

    # -- contract ---------------------------------------------------------------------------------
    def portfolio(self) -> Portfolio:
        return self._portfolio

    def set_portfolio(self, portfolio: Portfolio) -> None:
        self._portfolio = portfolio
        self._pending = None
        self._apply_refresh()

    def refresh(self, changed_ids: Iterable[str] | None = None) -> None:
        """Figures changed: update the items on the next event-loop turn (many edits → one update).

        ``changed_ids`` (optional) names the initiatives whose amounts changed; only their differences
        are added to the sums. Without it everything is summed again.
        """
        if changed_ids is None:
            self._pending = None
        elif self._pending is not None:
            self._pending.update(changed_ids)
        self._timer.start()

    def set_presentation(self, on: bool) -> None:
        self._presentation = bool(on)
        self._apply_fonts()
        self._label_state = []
        self._pending = None
        self._apply_refresh()

    # -- queries for tests ------------------------------------------------------------------------
    def flush(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self._apply_refresh()

    def phase_items(self) -> dict[Phase | None, pg.BarGraphItem]:
        return dict(self._bars)

    def frame_item(self) -> pg.PlotDataItem:
        return self._frame

    def over_item(self) -> pg.BarGraphItem:
        return self._over

    def summary_text(self) -> str:
        self.flush()
        return self._summary.toPlainText()

    def year_label(self, year: int) -> str:
        """The text above a year's bar ('98,4' or '98,4  (3,2 over)')."""
        self.flush()
        return self._value_labels[self._years.index(year)].toPlainText() if year in self._years else ""

    def chart_totals(self) -> dict[int, float]:
        """Year → the height of the stacked bars as drawn."""
        self.flush()
        out: dict[int, float] = {}
        for bar in self._bars.values():
            for x, h in zip(bar.opts["x"], bar.opts["height"], strict=True):
                out[int(round(x))] = out.get(int(round(x)), 0.0) + float(h)
        return out

    def frame_by_year(self) -> dict[int, float]:
        self.flush()
        xs, ys = self._frame.getData()
        if xs is None or ys is None or len(ys) == 0:
            return {}
        return {int(round((xs[i] + xs[i + 1]) / 2)): float(ys[i]) for i in range(len(ys))}

    def over_years(self) -> list[int]:
        self.flush()
        return [int(round(x)) for x in self._over.opts["x"]]

    def legend(self) -> LegendBar:
        return self._legend

    # -- internals --------------------------------------------------------------------------------
    def _apply_refresh(self) -> None:
        pending, self._pending = self._pending, set()
        self._timer.stop()
        if pending is None or not (self._sum_changed(pending) if len(pending) > BIG_CHANGE
                                   else self._add_changes(pending)):
            self._sum_all()
        self._show()

    def _sum_all(self) -> None:
        p = self._portfolio
        self._years = p.all_years()
        self._by_phase = phase_totals_by_year(p)
        self._totals = {y: ZERO for y in self._years}
        for amounts in self._by_phase.values():
            for y, a in amounts.items():
                self._totals[y] += a
        self._shown = {ini.id: (ini.phase, dict(ini.amounts)) for ini in self._portfolio.initiatives}
        self._has_unknown = any(phase is None for phase, _ in self._shown.values())

    def _sum_changed(self, ids: set[str]) -> bool:
        """A change set naming many initiatives: the phase × year sums again in whole-list passes over the
        portfolio's cells; False when everything must be summed the slow way (see :meth:`_add_changes`)."""
        if len(self._shown) != len(self._portfolio.initiatives):
            return False
        cells = current_cells(self._portfolio, list(self._shown))
        if cells is None:
            return self._add_changes(ids)
        phases = list(map(_PHASE, cells.inis))
        if phases != [shown[0] for shown in self._shown.values()]:
            return False
        keys = list(self._by_phase)
        rank = {p: k for k, p in enumerate(keys)}
        sums = group_year_tenths(cells, np.fromiter(map(rank.__getitem__, phases), dtype=np.int64,
                                                    count=len(phases)), len(keys), self._years)
        if sums is None:
            return False
        self._by_phase = {p: decimal_row(row, self._years) for p, row in zip(keys, sums, strict=True)}
        self._totals = decimal_row(sums.sum(axis=0), self._years)
        refresh_copies([before for _phase, before in self._shown.values()], cells)
        return True

    def _add_changes(self, ids: set[str]) -> bool:
        """Add the changed initiatives' differences to the sums; False when everything must be summed
        again (an initiative is new or gone, changed phase, or has money in a year not shown)."""
        updates = []
        for iid in ids:
            ini = self._portfolio.get(iid)
            shown = self._shown.get(iid)
            if ini is None or shown is None or shown[0] != ini.phase \
                    or any(y not in self._totals for y in ini.amounts):
                return False
            updates.append((ini, shown[1]))
        if len(self._shown) != len(self._portfolio.initiatives):
            return False
        for ini, before in updates:
            lane = self._by_phase[ini.phase]
            for y in before.keys() | ini.amounts.keys():
                diff = ini.amounts.get(y, ZERO) - before.get(y, ZERO)
                if diff:
                    lane[y] += diff
                    self._totals[y] += diff
            self._shown[ini.id] = (ini.phase, dict(ini.amounts))
        return True

    def _show(self) -> None:
        p = self._portfolio
        years, by_phase, totals = self._years, self._by_phase, self._totals
        xs = np.array(years, dtype=float)
        base = np.zeros(len(years))
        for phase, bar in self._bars.items():
            heights = np.array([float(by_phase[phase].get(y, ZERO)) for y in years])
            bar.set_columns(xs, heights, base.copy(), BAR_WIDTH)
            bar.setVisible(bool(heights.any()))
            base += heights
        frame = p.frame
        frame_years = [y for y in years if y in frame.by_year]
        if frame.by_year and frame_years:
            edges = [y - 0.5 for y in years] + [years[-1] + 0.5]
            values = [float(frame.by_year.get(y, ZERO)) for y in years]
        else:
            edges, values = [], []
        if (edges, values) != self._frame_shown:  # setData repaints the whole line: only when it moves
            self._frame_shown = (edges, values)
            self._frame.setData(np.array(edges, dtype=float), np.array(values, dtype=float))
            self._frame.setVisible(bool(edges))
        over = [y for y in years if y in frame.by_year and totals[y] > frame.by_year[y]]
        self._over.set_columns(np.array(over, dtype=float), np.array([float(totals[y]) for y in over]),
                               np.zeros(len(over)), BAR_WIDTH + 0.08)
        self._update_value_labels(years, totals, set(over))
        self._update_summary()
        if years != self._year_axis._years:
            self._year_axis.set_years(years)
        top = max([float(t) for t in totals.values()] + [float(v) for v in frame.by_year.values()] + [1.0])
        if years:
            x_range, y_range = (years[0] - 0.6, years[-1] + 0.6), (0.0, _nice_ceiling(top * 1.22))
            if self._ranges != (x_range, y_range):
                self._ranges = (x_range, y_range)
                self._vb.setRange(xRange=x_range, yRange=y_range, padding=0)
                for bar in (*self._bars.values(), self._over):
                    bar.set_ceiling(y_range[1])
        self._update_legend(bool(frame.by_year), bool(over))
        self._place_summary()

    def _update_value_labels(self, years: list[int], totals: dict[int, Decimal], over: set[int]) -> None:
        sizes = palette.font_sizes(self._presentation)
        while len(self._value_labels) < len(years):
            label = pg.TextItem(anchor=(0.5, 1.0), fill=pg.mkBrush(255, 255, 255, 210))
            label.setZValue(15)
            self._plot.addItem(label)
            self._value_labels.append(label)
        frame = self._portfolio.frame
        state = self._label_state + [("", False, 0.0, 0)] * (len(self._value_labels) - len(self._label_state))
        for i, label in enumerate(self._value_labels):
            if i >= len(years):
                label.hide()
                continue
            y = years[i]
            text = format_amount(totals[y], self.lang)
            if y in over:
                excess = format_amount(totals[y] - frame.by_year[y], self.lang)
                text += "  " + tr("({amount} over)").format(amount=excess)
            now = (text, y in over, float(totals[y]), y)
            if state[i] == now and label.isVisible():
                continue
            if state[i][:2] != now[:2]:
                label.setText(text, color=palette.OVER_FRAME if y in over else palette.TEXT)
                label.setFont(palette.chart_font(sizes.label, bold=True))
            label.setPos(float(y), float(totals[y]))
            label.show()
            state[i] = now
        self._label_state = state

    def _update_summary(self) -> None:
        p = self._portfolio
        frame_total = p.frame.effective_total()
        allocated = sum(self._totals.values(), ZERO)
        lines = []
        unit = amount_unit()

        def line(label: str, amount: Decimal) -> str:
            return f"{label}: {format_amount(amount, self.lang)} {unit}"

        if frame_total is not None:
            label = tr("Ramme i alt") if p.frame.total is not None else tr("Ramme (sum af år)")
            lines.append(line(label, frame_total))
        lines.append(line(tr("Fordelt"), allocated))
        color = palette.TEXT
        if frame_total is not None:
            rest = frame_total - allocated
            if rest < 0:
                lines.append(line(tr("Over rammen"), -rest))
                color = palette.OVER_FRAME
            else:
                lines.append(line(tr("Rest"), rest))
        font = palette.chart_font(palette.font_sizes(self._presentation).label, bold=True)
        shown = ("\n".join(lines), QColor(color).name(), font.key())
        if shown == self._summary_shown:
            return  # setText and setFont lay the text out again and repaint it
        self._summary_shown = shown
        self._summary.setText(shown[0], color=color)
        self._summary.setFont(font)

    def _place_summary(self) -> None:
        (x0, x1), (y0, y1) = self._vb.viewRange()
        self._summary.setPos(x1, y1)

    def _update_legend(self, frame_line: bool, over: bool) -> None:
        state = (frame_line, over, self._has_unknown)
        if state == self._legend_state:
            return
        self._legend_state = state
        entries: list[tuple[str, str, object]] = [("solid", palette.phase_label(p), p) for p in PHASES]
        if state[2]:
            entries.append(("solid", palette.phase_label(None), None))
        if frame_line:
            entries.append(("line", tr("Ramme pr. år"), palette.FRAME_LINE))
        if over or frame_line:
            entries.append(("box", tr("Over rammen"), palette.OVER_FRAME))
        entries.append(("text", tr("Beløb i mio. kr."), None))
        self._legend.set_entries(entries)

    def _apply_fonts(self) -> None:
        sizes = palette.font_sizes(self._presentation)
        self._legend.set_presentation(self._presentation)
        font = palette.chart_font(sizes.axis, bold=False)
        self._amount_axis.setTickFont(font)
        self._year_axis.setTickFont(palette.chart_font(sizes.axis, bold=True))
        self._year_axis.setHeight(int(sizes.axis * 3))
        self._amount_axis.setWidth(int(sizes.axis * 6))
        self._amount_axis.label.setFont(font)
        self._plot.getPlotItem().getAxis("left").setTextPen(pg.mkPen(palette.TEXT))
        self._year_axis.setTextPen(pg.mkPen(palette.TEXT))
