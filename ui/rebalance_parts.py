"""Building blocks shared by the re-balancing charts and the scenario comparison: colours, modes, number
and label helpers, the wrapping legend, the category axis, the plot factory, a reusable label pool and the
horizontal bar item that repaints only changed rows.

Split out of :mod:`ui.rebalance_plots` (which re-exports every name here) to keep both modules short.
"""

from __future__ import annotations

import math
from decimal import Decimal

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter

from planner.amounts import format_amount as _format_amount
from planner.model import area_label
from ui import palette
from ui.chart_parts import CulledAxisItem, DirtyRects, LegendBar, RegionPlot, paint_swatch

BAR_WIDTH = 0.62
MODE_INITIATIVE, MODE_PHASE, MODE_AREA = "initiative", "phase", "area"
MODES = (MODE_INITIATIVE, MODE_PHASE, MODE_AREA)
AREA_COLORS = (QColor("#56B4E9"), QColor("#CC79A7"), QColor("#8C6D31"), QColor("#6B8E23"), QColor("#9467BD"),
               QColor("#17BECF"))
GHOST_PEN = pg.mkPen(QColor("#4a4f55"), width=1.6, style=Qt.PenStyle.DashLine)
EMPTY = np.zeros(0)


def format_amount(value: Decimal, lang: str | None = None) -> str:
    """12,7 or 12.7: the chart's language (the window is rebuilt when the language changes)."""
    from ui.chart_text import chart_language

    return _format_amount(value, chart_language(lang))



def nice_top(value: float) -> float:
    """A round upper end a bit above ``value`` (70 for 58,7): small edits keep the axis, so it is not redrawn."""
    value = max(value * 1.15, 1.0)
    step = 10 ** math.floor(math.log10(value)) / 2
    return math.ceil(value / step) * step


def tr(text: str) -> str:
    return QCoreApplication.translate("RebalanceCharts", text)


def area_color(index: int) -> QColor:
    return AREA_COLORS[index % len(AREA_COLORS)]


def area_text(area: str, lang: str) -> str:
    return area_label(area, lang) if area else tr("(uden område)")


class SwatchLegend(LegendBar):
    """LegendBar that wraps onto more lines in a narrow panel, with one more kind:
    ("color", text, QColor) is a plain coloured swatch."""

    def _layout(self, width: float) -> tuple[list[tuple[float, int]], int]:
        fm = QFontMetricsF(palette.chart_font(palette.font_sizes(self.presentation).legend))
        h, x, line, out = fm.height(), 8.0, 0, []
        for kind, text, _key in self.entries():
            w = (0 if kind == "text" else h * 1.6 + 5) + fm.horizontalAdvance(text) + 14
            if x > 8.0 and x + w > width:
                x, line = 8.0, line + 1
            out.append((x, line))
            x += w
        return out, line + 1

    def _line_height(self) -> float:
        return QFontMetricsF(palette.chart_font(palette.font_sizes(self.presentation).legend)).height() * 1.5

    def set_entries(self, entries: list[tuple[str, str, object]]) -> None:
        if entries != self.entries():
            super().set_entries(entries)
            self._fit_height()

    def resizeEvent(self, event: object) -> None:
        self._fit_height()

    def _fit_height(self) -> None:
        _, lines = self._layout(max(self.width(), 100))
        height = int(self._line_height() * lines + 4)
        if self.height() != height or self.minimumHeight() != height:
            self.setFixedHeight(height)

    def paintEvent(self, event: object) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        font = palette.chart_font(palette.font_sizes(self.presentation).legend)
        p.setFont(font)
        fm = QFontMetricsF(font)
        h, lh = fm.height(), self._line_height()
        positions, _ = self._layout(self.width())
        for (kind, text, key), (x, line) in zip(self.entries(), positions):
            cy = 2 + lh * line + lh / 2
            if kind != "text":
                sw = QRectF(x, cy - h * 0.4, h * 1.6, h * 0.8)
                if kind == "color" and isinstance(key, QColor):
                    p.setPen(key.darker(160))
                    p.setBrush(key)
                    p.drawRoundedRect(sw, 2, 2)
                else:
                    paint_swatch(p, kind, sw, key)
                x = sw.right() + 5
            p.setPen(palette.MUTED_TEXT if kind == "text" else palette.TEXT)
            p.drawText(QRectF(x, cy - lh / 2, fm.horizontalAdvance(text) + 4, lh),
                       int(Qt.AlignmentFlag.AlignVCenter), text)
        p.end()


class CategoryAxis(CulledAxisItem):
    """Left axis showing category names at fixed positions."""

    def __init__(self) -> None:
        super().__init__("left")
        self.setStyle(tickLength=0)

    def set_labels(self, labels: list[tuple[float, str]]) -> None:
        if labels != getattr(self, "_labels", None):  # new ticks repaint the axis: only when they change
            self._labels = list(labels)
            self.setTicks([labels])


def set_view_range(vb: pg.ViewBox, x: tuple[float, float], y: tuple[float, float]) -> None:
    """Set a chart's ranges only when they differ: an unchanged setRange still repaints both axes,
    about a third of an edit's cost in these small charts."""
    if getattr(vb, "_planner_range", None) != (x, y):
        vb._planner_range = (x, y)  # type: ignore[attr-defined]
        vb.setRange(xRange=x, yRange=y, padding=0)


def make_plot(left: pg.AxisItem, bottom: pg.AxisItem) -> pg.PlotWidget:
    plot = RegionPlot(axisItems={"left": left, "bottom": bottom})
    plot.setBackground(palette.BACKGROUND)
    plot.setMenuEnabled(False)
    plot.hideButtons()
    item = plot.getPlotItem()
    item.layout.setContentsMargins(4, 8, 14, 4)
    vb = item.getViewBox()
    vb.setMouseEnabled(x=False, y=False)
    for axis in (left, bottom):
        axis.setTextPen(pg.mkPen(palette.TEXT))
        axis.setPen(pg.mkPen(palette.GRID))
        axis.setTickFont(palette.chart_font(palette.font_sizes().axis))
    return plot


class LabelPool:
    """TextItems created on demand and reused; the ones not needed are hidden."""

    def __init__(self, plot: pg.PlotWidget, anchor: tuple[float, float]) -> None:
        self._plot, self._anchor = plot, anchor
        self.items: list[pg.TextItem] = []

    def show(self, rows: list[tuple[float, float, str, QColor]], font: object) -> None:
        while len(self.items) < len(rows):
            label = pg.TextItem(anchor=self._anchor)
            label.setZValue(15)
            self._plot.addItem(label, ignoreBounds=True)
            label._shown = None  # (text, colour name, font key): skip unchanged texts, setFont is slow
            self.items.append(label)
        for k, label in enumerate(self.items):
            if k >= len(rows):
                label.hide()
                continue
            x, y, text, color = rows[k]
            key = (text, QColor(color).name(), font.key() if font is not None else "")
            if label._shown != key:
                label.setText(text, color=color)
                if font is not None:
                    label.setFont(font)
                label._shown = key
            label.setPos(x, y)
            label.show()

    def texts(self) -> list[str]:
        return [i.toPlainText() for i in self.items if i.isVisible()]

class RowBars(pg.BarGraphItem):
    """Horizontal bars from 0 to ``values`` at ``ys``; a new set of values repaints only the bars that
    changed (``setOpts`` repaints them all, and the item's rect as the longest bar moves: here the rect
    reaches out to a ceiling, the right end of the amount axis)."""

    def __init__(self, **opts: object) -> None:
        self._ceiling = 0.0
        self._shown: tuple[list[float], list[int]] | None = None
        super().__init__(**opts)
        self._dirty = DirtyRects(self)

    def set_ceiling(self, right: float) -> None:
        if right != self._ceiling:
            self.prepareGeometryChange()
            self._ceiling = right

    def boundingRect(self) -> QRectF:
        rect = super().boundingRect()
        if rect.isNull() or rect.right() >= self._ceiling:
            return rect
        return QRectF(rect.left(), rect.top(), self._ceiling - rect.left(), rect.height())

    def set_rows(self, values: np.ndarray, ys: list[float], colors: list[QColor]) -> None:
        """pyqtgraph cannot take an empty ``pens`` list: no bars are drawn without pens and brushes."""
        if not len(values):
            self._shown = None
            self.setOpts(x0=EMPTY, width=EMPTY, y=EMPTY, brushes=None, pens=None, brush=None, pen=None)
            return
        key = (list(ys), [c.rgba() for c in colors])
        old = self.opts.get("width")
        if key != self._shown or not isinstance(old, np.ndarray) or len(old) != len(values):
            self._shown = key
            self.setOpts(x0=np.zeros(len(values)), width=np.asarray(values, dtype=float), y=np.array(ys),
                         height=0.62, brushes=[pg.mkBrush(c) for c in colors],
                         pens=[pg.mkPen(c.darker(160)) for c in colors])
            return
        values = np.asarray(values, dtype=float)
        changed = np.nonzero(old != values)[0]
        if not len(changed):
            return
        before = self._dataBounds
        self.opts["width"] = values
        self.picture = None
        self._shape = None
        self._prepareData()
        after = self._dataBounds
        if after[1] != before[1] or after[0][0] != before[0][0] \
                or max(before[0][1], after[0][1]) > 0.98 * self._ceiling:
            self.prepareGeometryChange()
            self.update()
            self.informViewBoundsChanged()
            return
        px, py = self.pixelVectors()
        pad_x = 4 * (px.length() if px is not None else 0.0)
        pad_y = 4 * (py.length() if py is not None else 0.0)
        rects = [QRectF(-pad_x, ys[i] - 0.31 - pad_y, max(old[i], values[i], 0.0) - min(old[i], values[i], 0.0)
                        + 2 * pad_x, 0.62 + 2 * pad_y) for i in changed]
        self._dirty.update(rects)
        self.informViewBoundsChanged()
