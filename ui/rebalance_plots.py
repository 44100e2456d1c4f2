"""The three live charts of the re-balancing panel: stacked years vs frame, totals by group, one profile.

Each chart owns a pyqtgraph ``PlotWidget`` whose items are created once in ``__init__``; ``show_figures``
only calls ``setOpts``/``setData``/``setText`` (or re-records the stacked item's picture), so an edit
never rebuilds the scene. The numbers come from a shared :class:`ui.stacked_bars.FigureCache`; each
chart keeps a copy of what it drew for the tests (``stack_data()``, ``totals_data()``, ``profile_data()``).
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor, QFontMetricsF
from PySide6.QtWidgets import QWidget

from planner.amounts import ZERO
from ui import palette
from ui.budget_chart import AmountAxis, ColumnBars, YearTicksAxis
from ui.rebalance_parts import (
    AREA_COLORS,
    BAR_WIDTH,
    EMPTY,
    GHOST_PEN,
    MODE_AREA,
    MODE_INITIATIVE,
    MODE_PHASE,
    MODES,
    CategoryAxis,
    LabelPool,
    RowBars,
    SwatchLegend,
    area_color,
    area_text,
    format_amount,
    make_plot,
    nice_top,
    set_view_range,
    tr,
)
from ui.stacked_bars import PHASE_KEYS, FigureCache, StackedBarsItem

__all__ = [
    "AREA_COLORS",
    "BAR_WIDTH",
    "CategoryAxis",
    "EMPTY",
    "GHOST_PEN",
    "GroupTotalsChart",
    "LabelPool",
    "MODES",
    "MODE_AREA",
    "MODE_INITIATIVE",
    "MODE_PHASE",
    "ProfileChart",
    "RowBars",
    "StackedYearChart",
    "SwatchLegend",
    "area_color",
    "area_text",
    "format_amount",
    "make_plot",
    "nice_top",
    "set_view_range",
    "tr",
]


class StackedYearChart(QWidget):
    """Stacked bars per year (by initiative, phase or area), the frame, over-frame years, baseline ghosts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtWidgets import QVBoxLayout

        self.legend = SwatchLegend()
        self._years_axis = YearTicksAxis()
        self.plot = make_plot(AmountAxis("left"), self._years_axis)
        self.plot.showGrid(x=False, y=True, alpha=0.25)
        self.vb = self.plot.getPlotItem().getViewBox()
        self.bars = StackedBarsItem(BAR_WIDTH)
        self.bars.setZValue(5)
        self.bars.set_label_font(palette.chart_font(palette.font_sizes().value))
        self.selected = ColumnBars(x=EMPTY, height=EMPTY, y0=EMPTY, width=BAR_WIDTH, brush=None,
                                   pen=pg.mkPen(palette.SELECTION, width=2.5))
        self.selected.setZValue(7)
        self.ghost = ColumnBars(x=EMPTY, height=EMPTY, y0=EMPTY, width=BAR_WIDTH + 0.14, brush=None, pen=GHOST_PEN)
        self.ghost.setZValue(9)
        self.over = ColumnBars(x=EMPTY, height=EMPTY, y0=EMPTY, width=BAR_WIDTH + 0.08, brush=None,
                               pen=pg.mkPen(palette.OVER_FRAME, width=3))
        self.over.setZValue(8)
        self.frame = pg.PlotDataItem(stepMode="center", pen=pg.mkPen(palette.FRAME_LINE, width=2.5))
        self.frame.setZValue(10)
        self.summary = pg.TextItem(anchor=(1, 0), color=palette.TEXT, fill=pg.mkBrush(255, 255, 255, 230),
                                   border=pg.mkPen(palette.GRID))
        self.summary.setZValue(20)
        for item in (self.bars, self.selected, self.ghost, self.over, self.frame):
            self.plot.addItem(item)
        self.plot.addItem(self.summary, ignoreBounds=True)
        self.values = LabelPool(self.plot, (0.5, 1.0))
        self._shown: dict[str, object] = {"mode": MODE_PHASE, "years": [], "series": {}}
        self._frame_shown: dict[int, float] = {}
        self._frame_data: tuple[list[float], list[float]] | None = None
        self._over_years: list[int] = []
        self._order = np.zeros(0, dtype=np.intp)
        self._order_key: tuple[int, int, int] = (0, -1, -1)
        self.vb.sigRangeChanged.connect(self._place_summary)
        self.vb.sigResized.connect(self._place_summary)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.legend)
        lay.addWidget(self.plot, 1)

    def _place_summary(self) -> None:
        (_x0, x1), (_y0, y1) = self.vb.viewRange()
        self.summary.setPos(x1, y1)

    # -- drawing ------------------------------------------------------------------------------------------
    def show_figures(self, cache: FigureCache, mode: str, lang: str, selected: str | None,
                     ghost_totals: dict[int, float] | None) -> None:
        years = cache.years
        nY = len(years)
        xs = np.array(years, dtype=float)
        frame = cache.portfolio.frame
        totals = cache.totals
        top = nice_top(max([float(t) for t in totals.values()] + [float(v) for v in frame.by_year.values()]
                           + list((ghost_totals or {}).values()) + [1.0]) * 1.1)
        if years:
            set_view_range(self.vb, (years[0] - 0.6, years[-1] + 0.6), (0, top))
            for item in (self.bars, self.selected, self.ghost, self.over):
                item.set_ceiling(top)
        self._years_axis.set_years(years)
        px_per_unit = max(self.vb.height(), 50.0) / top
        if mode == MODE_INITIATIVE:
            self._stack_initiatives(cache, xs, px_per_unit, selected)
        else:
            self._stack_groups(cache, mode, xs, lang)
            self.selected.set_columns(EMPTY, EMPTY, EMPTY, BAR_WIDTH)
        # Each item is changed only where it changes: a plain setOpts/setData repaints the item across
        # every year, and the edited year's column alone is what an edit needs repainted.
        if ghost_totals is not None and years:
            gh = np.array([ghost_totals.get(y, 0.0) for y in years])
            self.ghost.set_columns(xs, gh, np.zeros(nY), BAR_WIDTH + 0.14)
            self.ghost.show()
        else:
            self.ghost.set_columns(EMPTY, EMPTY, EMPTY, BAR_WIDTH + 0.14)
            self.ghost.hide()
        framed = [y for y in years if y in frame.by_year]
        if framed:
            data = ([y - 0.5 for y in years] + [years[-1] + 0.5], [float(frame.by_year.get(y, ZERO)) for y in years])
            self._frame_shown = {y: float(frame.by_year[y]) for y in framed}
        else:
            data = ([], [])
            self._frame_shown = {}
        if data != self._frame_data:
            self._frame_data = data
            self.frame.setData(np.array(data[0], dtype=float), np.array(data[1], dtype=float))
            self.frame.setVisible(bool(framed))
        over = [y for y in framed if totals[y] > frame.by_year[y]]
        self._over_years = over
        self.over.set_columns(np.array(over, dtype=float), np.array([float(totals[y]) for y in over]),
                              np.zeros(len(over)), BAR_WIDTH + 0.08)
        font = palette.chart_font(palette.font_sizes().label, bold=True)
        rows = []
        for y in years:
            text, color = format_amount(totals[y]), palette.TEXT
            if y in over:
                text += "\n" + tr("{amount} over").format(amount=format_amount(totals[y] - frame.by_year[y]))
                color = palette.OVER_FRAME
            rows.append((float(y), float(max(totals[y], ZERO)), text, color))
        self.values.show(rows, font)
        self._update_summary(cache)
        self._update_legend(cache, mode, lang, bool(framed), ghost_totals is not None)
        self._place_summary()

    def _stack_groups(self, cache: FigureCache, mode: str, xs: np.ndarray, lang: str) -> None:
        if mode == MODE_PHASE:
            idx, keys = cache.phase_idx, [p.value if p else "ukendt" for p in PHASE_KEYS]
            colors = [palette.phase_style(p).fill for p in PHASE_KEYS]
        else:
            idx, keys = cache.area_idx, list(cache.areas)
            colors = [area_color(k) for k in range(len(keys))]
        sums = cache.group_sums(idx, len(keys))
        tops = np.cumsum(sums, axis=0)
        bottoms = tops - sums
        nG, nY = sums.shape
        run_x = np.tile(xs, nG)
        self.bars.set_stack(list(xs), run_x, bottoms.ravel(), sums.ravel(),
                            [colors[g] for g in range(nG) for _ in range(nY)], EMPTY, EMPTY)
        self._shown = {"mode": mode, "years": list(cache.years), "keys": keys, "matrix": sums.copy()}

    def _stack_initiatives(self, cache: FigureCache, xs: np.ndarray, px_per_unit: float,
                           selected: str | None) -> None:
        m = cache.matrix
        n, nY = m.shape
        if self._order_key != (id(cache), cache.group_version, n):
            self._order = np.lexsort((np.arange(n), cache.phase_idx))
            self._order_key = (id(cache), cache.group_version, n)
        order = self._order
        sorted_m = m[order]
        tops = np.cumsum(sorted_m, axis=0)
        bottoms = tops - sorted_m
        sums = cache.group_sums(cache.phase_idx, len(PHASE_KEYS))
        gt = np.cumsum(sums, axis=0)
        colors = [palette.phase_style(p).fill for p in PHASE_KEYS]
        run_x = np.tile(xs, len(PHASE_KEYS))
        lines_x, lines_y = [], []
        for j in range(nY):
            col_tops = tops[sorted_m[:, j] > 0, j]
            if not len(col_tops):
                continue
            px = np.unique(np.round(col_tops[:-1] * px_per_unit / 1.5))
            lines_y.append(px * 1.5 / px_per_unit)
            lines_x.append(np.full(len(px), xs[j]))
        labels = []
        min_h = 16.0 / px_per_unit
        big = np.argwhere(sorted_m >= min_h)
        if len(big) <= 400:
            ids = cache.ids
            for r, j in big:
                phase = PHASE_KEYS[cache.phase_idx[order[r]]]
                labels.append((float(xs[j]), float(bottoms[r, j]), float(tops[r, j]), ids[order[r]],
                               palette.phase_style(phase).text))
        self.bars.set_stack(list(xs), run_x, (gt - sums).ravel(), sums.ravel(),
                            [colors[g] for g in range(len(PHASE_KEYS)) for _ in range(nY)],
                            np.concatenate(lines_x) if lines_x else EMPTY,
                            np.concatenate(lines_y) if lines_y else EMPTY, labels)
        row = cache.row.get(selected or "")
        if row is not None:
            pos = int(np.nonzero(order == row)[0][0])
            self.selected.set_columns(xs, sorted_m[pos].copy(), bottoms[pos].copy(), BAR_WIDTH)
        else:
            self.selected.set_columns(EMPTY, EMPTY, EMPTY, BAR_WIDTH)
        self._shown = {"mode": MODE_INITIATIVE, "years": list(cache.years), "keys": list(cache.ids),
                       "matrix": m.copy()}

    def _update_summary(self, cache: FigureCache) -> None:
        frame = cache.portfolio.frame
        frame_total = frame.effective_total()
        allocated = sum(cache.totals.values(), ZERO)
        lines, color = [], palette.TEXT
        if frame_total is not None:
            label = tr("Ramme i alt") if frame.total is not None else tr("Ramme (sum af år)")
            lines.append(f"{label}: {format_amount(frame_total)}")
        lines.append(f"{tr('Fordelt')}: {format_amount(allocated)}")
        if frame_total is not None:
            rest = frame_total - allocated
            if rest < 0:
                lines.append(f"{tr('Over rammen')}: {format_amount(-rest)}")
                color = palette.OVER_FRAME
            else:
                lines.append(f"{tr('Rest')}: {format_amount(rest)}")
        font = palette.chart_font(palette.font_sizes().label, bold=True)
        shown = ("\n".join(lines), QColor(color).name(), font.key())
        if shown != getattr(self, "_summary_shown", None):  # setText and setFont lay out and repaint the text
            self._summary_shown = shown
            self.summary.setText(shown[0], color=color)
            self.summary.setFont(font)

    def _update_legend(self, cache: FigureCache, mode: str, lang: str, frame_line: bool, ghost: bool) -> None:
        entries: list[tuple[str, str, object]] = []
        if mode == MODE_AREA:
            entries += [("color", area_text(a, lang), area_color(k)) for k, a in enumerate(cache.areas)]
        else:
            present = set(cache.phase_idx.tolist())
            entries += [("solid", palette.phase_label(p), p) for k, p in enumerate(PHASE_KEYS) if k in present]
        if frame_line:
            entries.append(("line", tr("Ramme"), palette.FRAME_LINE))
            entries.append(("box", tr("Over"), palette.OVER_FRAME))
        if ghost:
            entries.append(("dash", tr("Basis"), QColor("#4a4f55")))
        self.legend.set_entries(entries)

    # -- what is shown ------------------------------------------------------------------------------------
    def stack_data(self) -> dict[str, dict[int, float]]:
        """Series key (initiative id, phase value or area) → year → the segment height drawn."""
        years = self._shown["years"]
        keys = self._shown.get("keys", [])
        m = self._shown.get("matrix", np.zeros((0, 0)))
        return {k: {y: float(m[i, j]) for j, y in enumerate(years)} for i, k in enumerate(keys)}

    def frame_line(self) -> dict[int, float]:
        return dict(self._frame_shown)

    def over_years(self) -> list[int]:
        return list(self._over_years)

    def ghost_heights(self) -> dict[int, float]:
        if not self.ghost.isVisible():
            return {}
        return {int(x + 0.5): float(h) for x, h in zip(self.ghost.opts["x"], self.ghost.opts["height"])}


class GroupTotalsChart(QWidget):
    """Horizontal bars: the total of each phase, then of each area; baseline as dashed outlines."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtWidgets import QVBoxLayout

        self.axis = CategoryAxis()
        bottom = AmountAxis("bottom")
        self.plot = make_plot(self.axis, bottom)
        self.plot.showGrid(x=True, y=False, alpha=0.25)
        self.vb = self.plot.getPlotItem().getViewBox()
        self.phase_bars = RowBars(x0=EMPTY, width=EMPTY, y=EMPTY, height=0.62, brushes=[])
        self.area_bars = RowBars(x0=EMPTY, width=EMPTY, y=EMPTY, height=0.62, brushes=[])
        self.ghost = pg.BarGraphItem(x0=EMPTY, width=EMPTY, y=EMPTY, height=0.76, brush=None, pen=GHOST_PEN)
        self.ghost.setZValue(9)
        self.divider = pg.InfiniteLine(angle=0, pen=pg.mkPen(palette.GRID, width=1))
        for item in (self.phase_bars, self.area_bars, self.ghost, self.divider):
            self.plot.addItem(item)
        self.values = LabelPool(self.plot, (0.0, 0.5))
        self._shown: dict[str, dict[str, float]] = {"phase": {}, "area": {}}
        self._names: list[str] = []
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.plot)

    def show_figures(self, cache: FigureCache, lang: str, ghost: dict[str, dict[str, float]] | None) -> None:
        totals = cache.row_totals()
        present = set(cache.phase_idx.tolist())
        phase_keys = [k for k in range(len(PHASE_KEYS)) if k in present]
        phase_sum = np.bincount(cache.phase_idx, weights=totals, minlength=len(PHASE_KEYS))
        area_sum = np.bincount(cache.area_idx, weights=totals, minlength=len(cache.areas))
        rows = len(phase_keys) + len(cache.areas)
        ys = [float(rows - k) for k in range(rows)]
        py, ay = ys[:len(phase_keys)], ys[len(phase_keys):]
        pv = np.array([phase_sum[k] for k in phase_keys])
        av = np.array(area_sum[:len(cache.areas)])
        fills = [palette.phase_style(PHASE_KEYS[k]).fill for k in phase_keys]
        self.phase_bars.set_rows(pv, py, fills)
        self.area_bars.set_rows(av, ay, [area_color(k) for k in range(len(av))])
        names = [palette.phase_label(PHASE_KEYS[k]) for k in phase_keys]
        names += [area_text(a, lang) for a in cache.areas]
        if names != self._names:
            self._names = names
            self.axis.set_labels(list(zip(ys, names)))
            fm = QFontMetricsF(palette.chart_font(palette.font_sizes().axis))
            self.axis.setWidth(int(max([fm.horizontalAdvance(t) for t in names] + [40]) + 14))
        self.divider.setPos(len(cache.areas) + 0.5)
        self.divider.setVisible(bool(cache.areas) and bool(phase_keys))
        self._shown = {
            "phase": {(PHASE_KEYS[k].value if PHASE_KEYS[k] else "ukendt"): float(phase_sum[k]) for k in phase_keys},
            "area": {a: float(area_sum[k]) for k, a in enumerate(cache.areas)},
        }
        values = list(pv) + list(av)
        gv: list[float] = []
        if ghost is not None:
            gv = [ghost["phase"].get(k, 0.0) for k in self._shown["phase"]]
            gv += [ghost["area"].get(a, 0.0) for a in self._shown["area"]]
            self.ghost.setOpts(x0=np.zeros(len(gv)), width=np.array(gv), y=np.array(ys))
            self.ghost.show()
        else:
            self.ghost.setOpts(x0=EMPTY, width=EMPTY, y=EMPTY)
            self.ghost.hide()
        right = max(values + gv + [1.0])
        set_view_range(self.vb, (0, nice_top(right * 1.15)), (0.4, rows + 0.6))
        for bars in (self.phase_bars, self.area_bars):
            bars.set_ceiling(nice_top(right * 1.15))
        font = palette.chart_font(palette.font_sizes().value, bold=True)
        self.values.show([(float(v) + right * 0.02, y, format_amount(Decimal(repr(round(float(v), 3)))),
                           palette.TEXT) for v, y in zip(values, ys)], font)

    def totals_data(self) -> dict[str, dict[str, float]]:
        return {k: dict(v) for k, v in self._shown.items()}


class ProfileChart(QWidget):
    """The selected initiative's amount per year, its baseline as dashed outlines."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtWidgets import QVBoxLayout

        self._years_axis = YearTicksAxis()
        self.plot = make_plot(AmountAxis("left"), self._years_axis)
        self.plot.showGrid(x=False, y=True, alpha=0.25)
        self.vb = self.plot.getPlotItem().getViewBox()
        self.bars = pg.BarGraphItem(x=EMPTY, height=EMPTY, width=BAR_WIDTH, brush=pg.mkBrush(palette.GRID))
        self.ghost = pg.BarGraphItem(x=EMPTY, height=EMPTY, width=BAR_WIDTH + 0.14, brush=None, pen=GHOST_PEN)
        self.ghost.setZValue(9)
        self.placeholder = pg.TextItem(tr("Vælg et initiativ i tabellen"), color=palette.MUTED_TEXT,
                                       anchor=(0.5, 0.5))
        self.placeholder.setFont(palette.chart_font(palette.font_sizes().label))
        for item in (self.bars, self.ghost):
            self.plot.addItem(item)
        self.plot.addItem(self.placeholder, ignoreBounds=True)
        self.values = LabelPool(self.plot, (0.5, 1.0))
        self._shown: dict[str, object] = {"id": None, "current": {}, "baseline": {}}
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.plot)

    def show_figures(self, cache: FigureCache, selected: str | None,
                     baseline: dict[int, Decimal] | None) -> None:
        years = cache.years
        xs = np.array(years, dtype=float)
        row = cache.row.get(selected or "")
        self._years_axis.set_years(years)
        if row is None or not years:
            self.bars.setOpts(x=EMPTY, height=EMPTY)
            self.ghost.setOpts(x=EMPTY, height=EMPTY)
            self.values.show([], None)
            self.placeholder.show()
            lo, hi = (years[0], years[-1]) if years else (0, 1)
            set_view_range(self.vb, (lo - 0.6, hi + 0.6), (0, 1))
            self.placeholder.setPos((lo + hi) / 2, 0.5)
            self._shown = {"id": None, "current": {}, "baseline": {}}
            return
        self.placeholder.hide()
        ini = cache.portfolio.initiatives[row]
        current = cache.matrix[row].copy()
        style = palette.phase_style(ini.phase)
        self.bars.setOpts(x=xs, height=current, brush=pg.mkBrush(style.fill), pen=pg.mkPen(style.fill.darker(160)))
        base = np.array([float(baseline.get(y, ZERO)) for y in years]) if baseline is not None else None
        if base is not None:
            self.ghost.setOpts(x=xs, height=base)
        else:
            self.ghost.setOpts(x=EMPTY, height=EMPTY)
        top = nice_top(max(list(current) + (list(base) if base is not None else []) + [0.5]) * 1.15)
        set_view_range(self.vb, (years[0] - 0.6, years[-1] + 0.6), (0, top))
        rows = []
        for j, y in enumerate(years):
            now = ini.amounts.get(y, ZERO)
            text = format_amount(now)
            color = palette.TEXT
            if baseline is not None and now != baseline.get(y, ZERO):
                delta = now - baseline.get(y, ZERO)
                text += f"\n({'+' if delta > 0 else '−'}{format_amount(abs(delta))})"
                color = palette.SELECTION
            rows.append((float(y), float(max(current[j], base[j] if base is not None else 0.0)), text, color))
        self.values.show(rows, palette.chart_font(palette.font_sizes().value, bold=True))
        self._shown = {"id": ini.id, "current": {y: float(current[j]) for j, y in enumerate(years)},
                       "baseline": {} if base is None else {y: float(base[j]) for j, y in enumerate(years)}}

    def profile_data(self) -> dict[str, object]:
        return dict(self._shown)
