"""Shared chart parts: the year axis and grid of the time charts, and the one-line legend.

Used by the timeline, the pipeline and the budget chart so the three look alike.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPaintEvent, QPen, QRegion, QTransform
from PySide6.QtWidgets import QGraphicsItem, QSizePolicy, QVBoxLayout, QWidget

from planner.phases import PHASES, Phase
from ui import palette


def tr(text: str) -> str:
    return QCoreApplication.translate("Timeline", text)


def chart_frame(chart: QWidget, legend: QWidget, plot: QWidget, refresh: Callable[[], None],
                min_size: tuple[int, int]) -> QTimer:
    """Lay a chart out as legend above plot on the chart background; return its coalescing refresh timer.

    Edits arrive in bursts; the single-shot zero-interval timer folds them into one redraw per event-loop turn.
    """
    lay = QVBoxLayout(chart)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.setSpacing(4)
    lay.addWidget(legend)
    lay.addWidget(plot, 1)
    chart.setAutoFillBackground(True)
    pal = chart.palette()
    pal.setColor(chart.backgroundRole(), palette.BACKGROUND)
    chart.setPalette(pal)
    chart.setMinimumSize(*min_size)
    timer = QTimer(chart)
    timer.setSingleShot(True)
    timer.setInterval(0)
    timer.timeout.connect(refresh)
    return timer


class RegionPlot(pg.PlotWidget):
    """A plot widget that lets its items see the region being repainted (:func:`paint_region`).

    Qt tells an item only the bounding rect of what is exposed, so an edit that dirties two rows far apart
    (an initiative and its area header) would have the item draw every row between them; with the region
    it draws the rows that are really repainted (the others would be clipped away anyway)."""

    paint_region: QRegion | None = None

    def paintEvent(self, ev: QPaintEvent) -> None:  # noqa: N802
        self.paint_region = ev.region()
        try:
            super().paintEvent(ev)
        finally:
            self.paint_region = None


def paint_region(widget: object) -> QRegion | None:
    """The viewport region a :class:`RegionPlot` is repainting (device pixels), or None when unknown
    (an export, a plain PlotWidget): paint everything in the exposed rect then."""
    view = widget.parent() if isinstance(widget, QWidget) else None
    return getattr(view, "paint_region", None)


class _DirtyProxy(QGraphicsItem):
    """A child that paints nothing: its own update(rect) is kept apart from its parent's."""

    def boundingRect(self) -> QRectF:  # noqa: N802
        parent = self.parentItem()
        return parent.boundingRect() if parent is not None else QRectF()

    def paint(self, *args: object) -> None:
        pass


class DirtyRects:
    """Repaint several rects of one item as separate rects of the viewport's update region.

    ``QGraphicsItem.update(rect)`` merges all rects of one item into their bounding rect, so two rows far
    apart (an initiative and its area header) repaint everything between them. Each rect here goes to a
    child of its own (Qt keeps one dirty rect per item), all in the same paint event as the item's other
    changes. Many rects at once are merged the plain way."""

    LIMIT = 8

    def __init__(self, item: QGraphicsItem) -> None:
        self._item = item
        self._proxies: list[_DirtyProxy] = []

    def update(self, rects: list[QRectF]) -> None:
        if len(rects) <= 1 or len(rects) > self.LIMIT:
            for rect in rects:
                self._item.update(rect)
            return
        while len(self._proxies) < len(rects):
            self._proxies.append(_DirtyProxy(self._item))
        for proxy, rect in zip(self._proxies, rects):
            proxy.update(rect)


def _line_rect(p1: QPointF, p2: QPointF, pen: QPen) -> QRectF:
    pad = max(pen.widthF(), 1.0) + 2
    return QRectF(p1, p2).normalized().adjusted(-pad, -pad, pad, pad)


class CulledAxisItem(pg.AxisItem):
    """An axis that draws only what lies in the exposed part when it is partly repainted.

    pyqtgraph replays the axis's whole recorded picture (every tick text and, with a grid, every grid line)
    whenever a repaint touches the axis's bounding rect — and a grid axis's rect covers the whole plot, so
    every changed bar paid for all of it. Drawing from the same specs, in the same order, and leaving out the
    lines and texts outside the exposed rect gives the same pixels: what is left out would be clipped."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._specs: tuple[object, list, list] | None = None
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)

    def drawPicture(self, p: QPainter, axisSpec: object, tickSpecs: list, textSpecs: list) -> None:  # noqa: N802,N803
        self._specs = (axisSpec, tickSpecs, textSpecs)
        super().drawPicture(p, axisSpec, tickSpecs, textSpecs)

    def paint(self, p: QPainter, opt: object, widget: object) -> None:
        if self.picture is None:
            self._specs = None
            super().paint(p, opt, widget)
            return
        shows = exposed_test(p, opt, widget)
        if self._specs is None or shows is None:
            self.picture.play(p)
            return
        axis_spec, tick_specs, text_specs = self._specs
        lines = [(pen, p1, p2, _line_rect(p1, p2, pen)) for pen, p1, p2 in (axis_spec, *tick_specs)]
        texts = [(rect, flags, text, rect.adjusted(-3, -3, 3, 3)) for rect, flags, text in text_specs]
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        # Piece by piece over the region's rects (they do not overlap): a long grid line clipped to a rect
        # costs a tenth of one clipped to a region of several rects.
        for part in region_rects(p, widget) or [None]:
            inside = shows if part is None else part.intersects
            todo = [spec for spec in lines if inside(spec[3])]
            words = [spec for spec in texts if inside(spec[3])]
            if not todo and not words:
                continue
            if part is not None:
                p.save()
                p.setClipRect(part, Qt.ClipOperation.IntersectClip)
            for pen, p1, p2, _box in todo:
                p.setPen(pen)
                p.drawLine(p1, p2)
            if words:
                if self.style["tickFont"] is not None:
                    p.setFont(self.style["tickFont"])
                p.setPen(self.textPen())
                p.setClipRect(QRectF(self.boundingRect().toAlignedRect()), Qt.ClipOperation.IntersectClip)
                for rect, flags, text, _box in words:
                    p.drawText(rect, int(flags), text)
            if part is not None:
                p.restore()
        p.restore()


def region_rects(p: QPainter, widget: object) -> list[QRectF] | None:
    """The rects of the region a :class:`RegionPlot` repaints, in the painter's coordinates now (None when
    unknown or when the painter is rotated or sheared)."""
    region = paint_region(widget)
    if region is None:
        return None
    inverse, ok = p.transform().inverted()
    if not ok or inverse.isRotating():
        return None
    return [inverse.mapRect(QRectF(rect)) for rect in region]


def exposed_test(p: QPainter, opt: object, widget: object, margin: int = 1) -> Callable[[QRectF], bool] | None:
    """A test "is this rect (in the painter's coordinates now) being repainted?", or None when anything may
    be (paint all).

    In a :class:`RegionPlot` the test is against the real region; elsewhere against Qt's exposed rect
    (widened a little: an item may paint a pixel past its bounding rect, and Qt may pass an empty exposed
    rect for a repaint that only touches the item's edge — then everything is painted). ``margin`` (device
    pixels) widens the rects tested, for what is painted a little outside them."""
    device = p.transform()
    region = paint_region(widget)
    if region is not None:
        return lambda rect: region.intersects(device.mapRect(rect).toAlignedRect().adjusted(-margin, -margin,
                                                                                            margin, margin))
    exposed = getattr(opt, "exposedRect", None)
    if not isinstance(exposed, QRectF) or exposed.width() <= 0 or exposed.height() <= 0:
        return None
    wide = device.mapRect(exposed).adjusted(-margin - 2, -margin - 2, margin + 2, margin + 2)
    return lambda rect: wide.intersects(device.mapRect(rect))


class YearGridItem(pg.GraphicsObject):
    """Vertical lines at year starts (and fainter at quarters) across the visible rows."""

    def __init__(self) -> None:
        super().__init__()
        self._x = (0.0, 1.0)
        self.setZValue(-5)

    def set_range(self, x_min: float, x_max: float) -> None:
        self.prepareGeometryChange()
        self._x = (x_min, x_max)
        self.update()

    def boundingRect(self) -> QRectF:
        return QRectF(self._x[0] - 1, -1e6, self._x[1] - self._x[0] + 2, 2e6)

    def paint(self, p: QPainter, *args: object) -> None:
        vb = self.getViewBox()
        if vb is None:
            return
        view = vb.viewRect()
        tr_ = p.transform()
        p.save()
        p.setTransform(QTransform())
        q = math.floor(self._x[0] * 4)
        while q <= self._x[1] * 4:
            x = q / 4
            if view.left() - 1 <= x <= view.right() + 1:
                top = tr_.map(QPointF(x, view.top()))
                bottom = tr_.map(QPointF(x, view.bottom()))
                pen = QPen(palette.GRID if q % 4 == 0 else palette.GRID_MINOR, 1.5 if q % 4 == 0 else 1.0)
                p.setPen(pen)
                p.drawLine(top, bottom)
            q += 1
        p.restore()


class YearAxis(CulledAxisItem):
    """Year labels centred in each year (2023 between 2023.0 and 2024.0)."""

    def __init__(self, orientation: str = "bottom") -> None:
        super().__init__(orientation)
        self.setStyle(tickLength=0)
        self.setPen(pg.mkPen(palette.GRID))
        self.setTextPen(pg.mkPen(palette.TEXT))

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list:  # noqa: N803
        years = [y + 0.5 for y in range(int(math.floor(minVal)) - 1, int(math.ceil(maxVal)) + 1)
                 if minVal <= y + 0.5 <= maxVal]
        px_per_year = size / max(maxVal - minVal, 1e-9)
        if px_per_year < 45:
            step = math.ceil(45 / px_per_year)
            years = [y for y in years if int(y) % step == 0]
        if px_per_year >= 300:
            quarters = [q / 4 + 0.125 for q in range(int(math.floor(minVal * 4)) - 1, int(math.ceil(maxVal * 4)) + 1)
                        if minVal <= q / 4 + 0.125 <= maxVal]
            return [(0.25, quarters)]
        return [(1.0, years)]

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        """'2024' at a year's middle; 'K1' … 'K4' at a quarter's middle when zoomed in."""
        out = []
        for v in values:
            frac = v - math.floor(v)
            year = int(math.floor(v))
            out.append(str(year) if abs(frac - 0.5) < 1e-6 else tr("K{n}").format(n=int(frac * 4) + 1) + f" {year}")
        return out


def legend_entries(include_next: bool = True, include_unknown: bool = False) -> list[tuple[str, str, object]]:
    """(kind, text, key) rows for :class:`LegendBar`."""
    entries: list[tuple[str, str, object]] = [("phase", palette.phase_label(p), p) for p in PHASES]
    if include_unknown:
        entries.append(("phase", palette.phase_label(None), None))
    if include_next:
        entries.append(("next", tr("Mulig næste fase"), None))
    return entries


class LegendBar(QWidget):
    """A legend: phase swatches (with their patterns), the faded next phase and the lines.

    One line when it fits; in a narrow widget (or with longer English texts) the entries wrap onto more
    lines instead of being cut off at the right edge.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: list[tuple[str, str, object]] = legend_entries()
        self.presentation = False
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_entries(self, entries: list[tuple[str, str, object]]) -> None:
        if entries == self._entries:
            return  # an edit that leaves the legend as it is must not lay it out and repaint it again
        self._entries = entries
        self.updateGeometry()
        self.update()

    def set_presentation(self, on: bool) -> None:
        self.presentation = on
        self.updateGeometry()
        self.update()

    def entries(self) -> list[tuple[str, str, object]]:
        return list(self._entries)

    def _font_metrics(self) -> QFontMetricsF:
        return QFontMetricsF(palette.chart_font(palette.font_sizes(self.presentation).legend))

    def _entry_width(self, fm: QFontMetricsF, kind: str, text: str) -> float:
        swatch = 0.0 if kind == "text" else fm.height() * 1.8 + 6
        return swatch + fm.horizontalAdvance(text) + 20

    def _lines(self, width: float) -> list[list[tuple[float, tuple[str, str, object]]]]:
        """The entries flowed into lines no wider than ``width``: [(x, entry), …] per line."""
        fm = self._font_metrics()
        lines: list[list[tuple[float, tuple[str, str, object]]]] = [[]]
        x = 10.0
        for entry in self._entries:
            w = self._entry_width(fm, entry[0], entry[1])
            if lines[-1] and x + w - 20 > width - 6:
                lines.append([])
                x = 10.0
            lines[-1].append((x, entry))
            x += w
        return lines

    def _height_for_lines(self, n: int) -> int:
        h = self._font_metrics().height()
        return int(h * (1.5 * max(n, 1) + 0.5))

    def sizeHint(self) -> QSize:
        fm = self._font_metrics()
        width = sum(self._entry_width(fm, k, t) for k, t, _ in self._entries)
        return QSize(int(width) + 20, self._height_for_lines(1))

    def minimumSizeHint(self) -> QSize:
        return QSize(100, self._height_for_lines(1))

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._height_for_lines(len(self._lines(width)))

    def line_count(self) -> int:
        """How many lines the legend takes at its present width."""
        return len(self._lines(self.width()))

    def paintEvent(self, event: object) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        font = palette.chart_font(palette.font_sizes(self.presentation).legend)
        p.setFont(font)
        fm = QFontMetricsF(font)
        h = fm.height()
        lines = self._lines(self.width())
        top = (self.height() - h * 1.5 * len(lines)) / 2
        for i, line in enumerate(lines):
            cy = top + h * 1.5 * (i + 0.5)
            for x, (kind, text, key) in line:
                if kind != "text":
                    sw = QRectF(x, cy - h * 0.4, h * 1.8, h * 0.8)
                    paint_swatch(p, kind, sw, key)
                    x = sw.right() + 6
                p.setPen(palette.MUTED_TEXT if kind == "text" else palette.TEXT)
                p.drawText(QRectF(x, cy - h, fm.horizontalAdvance(text) + 4, h * 2),
                           int(Qt.AlignmentFlag.AlignVCenter), text)
        p.end()


def paint_swatch(p: QPainter, kind: str, rect: QRectF, key: object) -> None:
    """A legend swatch: a phase bar, a faded dashed next-phase bar, or a coloured line."""
    p.save()
    if kind in ("phase", "solid"):
        style = palette.phase_style(key if isinstance(key, Phase) else None)
        p.setPen(QPen(style.fill.darker(160), 1.0))
        p.setBrush(style.fill)
        p.drawRoundedRect(rect, 2, 2)
        pattern = palette.pattern_brush(style) if kind == "phase" else None
        if pattern is not None:
            p.setBrush(pattern)
            p.drawRoundedRect(rect, 2, 2)
    elif kind == "next":
        p.setPen(QPen(QColor("#777777"), 1.4, Qt.PenStyle.DashLine))
        p.setBrush(QColor(150, 150, 150, 60))
        p.drawRoundedRect(rect, 2, 2)
    elif kind == "line":
        color = key if isinstance(key, QColor) else palette.TEXT
        p.setPen(QPen(color, 2.5))
        p.drawLine(QPointF(rect.left(), rect.center().y()), QPointF(rect.right(), rect.center().y()))
    elif kind == "dash":
        color = key if isinstance(key, QColor) else palette.TEXT
        p.setPen(QPen(color, 2.5, Qt.PenStyle.DashLine))
        p.drawLine(QPointF(rect.left(), rect.center().y()), QPointF(rect.right(), rect.center().y()))
    elif kind == "vline":
        color = key if isinstance(key, QColor) else palette.TEXT
        p.setPen(QPen(color, 2.5))
        p.drawLine(QPointF(rect.center().x(), rect.top() - 2), QPointF(rect.center().x(), rect.bottom() + 2))
    elif kind == "box":
        color = key if isinstance(key, QColor) else palette.TEXT
        p.setPen(QPen(color, 2.5))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(rect)
    p.restore()

