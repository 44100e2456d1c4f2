"""The "by phase" view: four swim lanes (Screening, Modning, Afprøvning, Udbredelse) across the years.

Each initiative sits in the lane of its current phase; its possible next phase shows as a faded dashed
bar in the next lane from the round it may be proposed to. The first line of every lane holds the
lane's amount per year, and a last line the programme's total per year — the pipeline a manager asks
for. One item paints all of it, only the visible lines; refresh and selection repaint, never rebuild.
An edit of amounts that leaves the bars where they are (the usual case) only adds the differences to the
lane and total lines (:func:`update_pipeline`) and repaints those lines.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from decimal import Decimal

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPaintEngine, QPainter, QPen, QTransform
from PySide6.QtWidgets import QGraphicsItem, QToolTip, QWidget

from planner.amounts import ZERO, format_amount
from planner.model import Portfolio
from planner.phases import Phase
from ui import palette
from ui.chart_parts import (
    DirtyRects,
    LegendBar,
    YearAxis,
    YearGridItem,
    chart_frame,
    exposed_test,
    legend_entries,
    paint_region,
)
from ui.chart_text import chart_language
from ui.pipeline_layout import Lane, LaneBar, PipelineLayout, build_pipeline, update_pipeline_cells
from ui.timeline_items import (
    BAR_HEIGHT,
    plain_to_tooltip_html,
    tooltip_text,
    tr,
)
from ui.timeline_view import _Plot


class PipelineItem(pg.GraphicsObject):
    """Lanes, amounts per lane and year, and the bars: painted in device pixels, visible lines only."""

    def __init__(self, lang: str = "da") -> None:
        super().__init__()
        self._layout = PipelineLayout()
        self._selected = ""
        self.presentation = False
        self.lang = lang
        self._version = 0
        self._cache: QImage | None = None
        self._cache_key: tuple[object, ...] = ()
        self._dirty = DirtyRects(self)
        self.setZValue(5)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)

    def set_layout(self, layout: PipelineLayout) -> None:
        self.prepareGeometryChange()
        self._layout = layout
        self._version += 1
        self.update()

    def update_rows(self, rows: set[int]) -> None:
        """Repaint only these lines (their numbers changed)."""
        self.update_cells({(r, y) for r in rows for y in self._layout.years})

    def update_cells(self, cells: set[tuple[int, int]]) -> None:
        """Repaint only these (line, year) numbers; a number's box may be taller than a dense line and a
        long number may reach left past its year."""
        vb = self.getViewBox()
        if vb is None:
            self.update()
            return
        px_w, px_h = vb.viewPixelSize()
        font = palette.chart_font(palette.font_sizes(self.presentation).label, bold=True)
        fm = QFontMetricsF(font)
        margin = (fm.height() + 8) * abs(px_h)
        reach = (fm.horizontalAdvance("−000.000,0") + 30) * abs(px_w)
        view = vb.viewRect()
        rows: dict[int, list[int]] = {}
        for r, year in cells:
            rows.setdefault(r, []).append(year)
        rects = []
        for r, years in sorted(rows.items()):
            x0, x1 = min(years) + 1 - max(1.0, reach), max(years) + 1
            rect = QRectF(x0, r - 0.5 - margin, x1 - x0, 1 + 2 * margin).intersected(view)
            if not rect.isEmpty():  # outside the view it would only make Qt repaint the axes around it
                rects.append(rect)
        self._dirty.update(rects)

    def set_selected(self, initiative_id: str) -> None:
        if initiative_id != self._selected:
            self._selected = initiative_id
            self.update()

    def boundingRect(self) -> QRectF:
        lay = self._layout
        return QRectF(lay.x_min - 1, -1, lay.x_max - lay.x_min + 2, len(lay.row_kind) + 2)

    def paint(self, p: QPainter, *args: object) -> None:
        lay = self._layout
        vb = self.getViewBox()
        if vb is None or not lay.row_kind:
            return
        view = vb.viewRect()
        tr_ = p.transform()
        top, bottom = view.top(), view.bottom()
        exposed = getattr(args[0], "exposedRect", None) if args else None
        if isinstance(exposed, QRectF) and not exposed.isEmpty():
            top, bottom = max(top, exposed.top()), min(bottom, exposed.bottom())
        first = max(0, int(math.floor(top)) - 1)
        last = min(len(lay.row_kind), int(math.ceil(bottom)) + 2)
        sizes = palette.font_sizes(self.presentation)
        margin = int(QFontMetricsF(palette.chart_font(sizes.label, bold=True)).height()) + 4
        shows = exposed_test(p, args[0] if args else None, args[1] if len(args) > 1 else None, margin=margin)
        region = paint_region(args[1] if len(args) > 1 else None)
        p.save()
        p.setTransform(QTransform())
        engine = p.paintEngine()
        raster = engine is not None and engine.type() == QPaintEngine.Type.Raster
        if region is None:
            self._paint_part(p, tr_, view, first, last, shows, raster)
        else:
            # One region rect at a time (they do not overlap), each a plain clip rect: blits and texts under a
            # clip of several rects cost several times more.
            for part in (QRectF(rect) for rect in region):
                p.save()
                p.setClipRect(part, Qt.ClipOperation.IntersectClip)
                self._paint_part(p, tr_, view, first, last,
                                 lambda rect, part=part: part.intersects(tr_.mapRect(rect).adjusted(
                                     -margin, -margin, margin, margin)), raster)
                p.restore()
        p.restore()

    def _paint_part(self, p: QPainter, tr_: QTransform, view: QRectF, first: int, last: int,
                    shows: Callable[[QRectF], bool] | None, raster: bool) -> None:
        """Lanes and bars, then the numbers of lines ``first`` … ``last - 1`` that ``shows`` (None: all);
        ``p`` paints in device pixels."""
        lay = self._layout
        if raster:
            self._draw_cached_layer(p, tr_, view)
        else:  # SVG, PDF: vector output, never a bitmap
            self._paint_layer(p, tr_, view, first, last)
        value_font = palette.chart_font(palette.font_sizes(self.presentation).label, bold=True)
        p.setFont(value_font)
        fm_value = QFontMetricsF(value_font)
        for r in lay.number_rows():
            if not first <= r < last:
                continue
            kind = lay.row_kind[r]
            lane_amounts = lay.totals if kind == "total" else lay.lanes[lay.row_lane[r]].amounts
            if kind == "total":
                band = tr_.mapRect(QRectF(view.left(), r - 0.5, view.width(), 1.0))
                p.fillRect(band, QColor("#eef0f2"))
            for year in lay.years:
                cell = tr_.mapRect(QRectF(year, r - 0.5, 1.0, 1.0))
                if shows is not None and not shows(QRectF(year - 1, r - 0.5, 2.0, 1.0)):
                    continue  # not in the repainted region
                if cell.height() < fm_value.height():
                    cell.setHeight(fm_value.height() + 4)
                    text_w = fm_value.horizontalAdvance("00.000,0") + 12
                    p.fillRect(QRectF(cell.right() - text_w - 6, cell.top(), text_w, cell.height()),
                               QColor(255, 255, 255, 215))
                value = lane_amounts.get(year, ZERO)
                p.setPen(palette.TEXT if value != 0 else palette.MUTED_TEXT)
                text = self.amount_text(value)
                p.drawText(cell.adjusted(6, 0, -10, 0),
                           int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight), text)

    def _draw_cached_layer(self, p: QPainter, tr_: QTransform, view: QRectF) -> None:
        """Lanes and bars of every line in view from a picture kept until the layout, the view, the
        selection or the fonts change: an edit of amounts then repaints only numbers, and a full repaint
        of 10,000 dense bars is one image blit. ``p`` paints in device pixels (identity transform)."""
        target = tr_.mapRect(view).toAlignedRect()
        widget = self.getViewWidget()
        ratio = widget.devicePixelRatioF() if widget is not None else 1.0
        key = (self._version, self._selected, self.presentation, ratio, target.getRect(),
               (tr_.m11(), tr_.m12(), tr_.m21(), tr_.m22(), tr_.dx(), tr_.dy()),
               (view.left(), view.top(), view.width(), view.height()))
        if key != self._cache_key or self._cache is None:
            image = QImage(max(1, round(target.width() * ratio)), max(1, round(target.height() * ratio)),
                           QImage.Format.Format_ARGB32_Premultiplied)
            image.setDevicePixelRatio(ratio)
            image.fill(Qt.GlobalColor.transparent)
            first = max(0, int(math.floor(view.top())) - 1)
            last = min(len(self._layout.row_kind), int(math.ceil(view.bottom())) + 2)
            q = QPainter(image)
            try:
                q.setTransform(QTransform.fromTranslate(-target.x(), -target.y()))
                self._paint_layer(q, tr_, view, first, last)
            finally:
                q.end()
            self._cache, self._cache_key = image, key
        p.drawImage(target.topLeft(), self._cache)

    def _paint_layer(self, p: QPainter, tr_: QTransform, view: QRectF, first: int, last: int) -> None:
        """Lane bands and bars of lines ``first`` … ``last - 1``, mapped through ``tr_`` onto ``p``'s
        current transform (device pixels); thin lines (a zoomed-out big portfolio) as plain rectangles."""
        lay = self._layout
        row_px = abs(tr_.map(QPointF(0, 1)).y() - tr_.map(QPointF(0, 0)).y())
        dense = row_px < 6
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, not dense)
        for lane in lay.lanes:
            if lane.last_row < first or lane.first_row > last:
                continue
            band = tr_.mapRect(QRectF(view.left(), lane.first_row - 0.5, view.width(), lane.rows))
            p.fillRect(band, palette.faded(palette.phase_style(lane.phase).fill, 38))
            p.setPen(QPen(palette.GRID, 1.0))
            p.drawLine(band.bottomLeft(), band.bottomRight())
        bar_font = palette.chart_font(palette.font_sizes(self.presentation).value, bold=True)
        fm_bar = QFontMetricsF(bar_font)
        p.setFont(bar_font)
        dense_fills: dict[tuple[Phase | None, bool], QColor] = {}
        for r in range(first, last):
            if lay.row_kind[r] != "bars":
                continue
            for bar in lay.bars_by_row[r]:
                if dense:
                    fill = dense_fills.get((bar.phase, bar.next))
                    if fill is None:
                        style = palette.phase_style(bar.phase)
                        fill = dense_fills[(bar.phase, bar.next)] = \
                            palette.faded(style.fill, 90) if bar.next else style.fill
                    p.fillRect(tr_.mapRect(QRectF(bar.x0, bar.row - BAR_HEIGHT / 2, bar.x1 - bar.x0, BAR_HEIGHT)),
                               fill)
                else:
                    self._paint_bar(p, tr_, bar, fm_bar)
        p.restore()

    def amount_text(self, value: Decimal) -> str:
        return format_amount(value, self.lang) if value != 0 else "–"

    def _paint_bar(self, p: QPainter, tr_: QTransform, bar: LaneBar, fm: QFontMetricsF) -> None:
        style = palette.phase_style(bar.phase)
        rect = tr_.mapRect(QRectF(bar.x0, bar.row - BAR_HEIGHT / 2, bar.x1 - bar.x0, BAR_HEIGHT))
        rect = rect.adjusted(2, 0, -2, 0)
        if bar.next:
            p.setPen(QPen(style.fill.darker(150), 1.4, Qt.PenStyle.DashLine))
            p.setBrush(palette.faded(style.fill, 70))
            text_color = palette.MUTED_TEXT
            text = tr("{id} (mulig)").format(id=bar.label)
        else:
            p.setPen(QPen(style.fill.darker(160), 1.0))
            p.setBrush(style.fill)
            text_color = style.text
            text = bar.label
        p.drawRoundedRect(rect, 3, 3)
        pattern = None if bar.next else palette.pattern_brush(style)
        if pattern is not None:
            p.setBrush(pattern)
            p.drawRoundedRect(rect, 3, 3)
        if bar.initiative_id == self._selected:
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(QPen(palette.SELECTION, 3.0))
            p.drawRoundedRect(rect.adjusted(-1.5, -1.5, 1.5, 1.5), 4, 4)
        if rect.width() > fm.horizontalAdvance(text) + 8 and rect.height() >= fm.height() * 0.9:
            room = rect.width() - fm.horizontalAdvance(text) - 24
            if bar.name and room > 60:
                text += "   " + fm.elidedText(bar.name, Qt.TextElideMode.ElideRight, room)
            p.setPen(text_color)
            p.drawText(rect.adjusted(5, 0, -4, 0), int(Qt.AlignmentFlag.AlignVCenter), text)

    def bar_at(self, x: float, y: float) -> LaneBar | None:
        r = int(math.floor(y + 0.5))
        if not 0 <= r < len(self._layout.bars_by_row) or abs(y - r) > BAR_HEIGHT / 2:
            return None
        hits = [b for b in self._layout.bars_by_row[r] if b.x0 <= x <= b.x1]
        return hits[0] if hits else None


class LaneAxis(pg.AxisItem):
    """Left axis: each lane's phase name, its number of initiatives and total; 'I alt' at the bottom."""

    def __init__(self, lang: str = "da") -> None:
        super().__init__("left")
        self._layout = PipelineLayout()
        self.presentation = False
        self.lang = lang
        self._dirty: DirtyRects | None = None
        self.setStyle(showValues=False, tickLength=0)
        self.setPen(pg.mkPen(palette.GRID))

    def set_layout(self, layout: PipelineLayout) -> None:
        self._layout = layout
        self.update()

    def generateDrawSpecs(self, p: QPainter) -> tuple[list, list, list]:  # noqa: ARG002
        return [], [], []

    def update_lines(self, rows: Iterable[int]) -> None:
        """Repaint the texts beside these lines only (a lane's amounts line, the total line)."""
        vb = self.linkedView()
        lay = self._layout
        if vb is None or not lay.lanes:
            self.update_texts()
            return
        w = self.boundingRect().width()
        rects = []
        for r in sorted(set(rows)):
            lane = next((lane for lane in lay.lanes if lane.first_row == r), None)
            top, bottom = (lane.first_row - 0.5, lane.last_row - 0.5) if lane is not None else (r - 0.5, r + 0.5)
            y0, y1 = self._y(top), self._y(bottom)
            rects.append(QRectF(0, min(y0, y1) - 2, w, abs(y1 - y0) + 4))
        if not self._dirty:
            self._dirty = DirtyRects(self)
        self._dirty.update(rects)

    def update_texts(self) -> None:
        """Repaint the lane texts only: the axis's own bounding rect reaches over the year axes above and
        below, which would repaint them too."""
        vb = self.linkedView()
        if vb is None:
            self.update()
            return
        bounds = self.boundingRect()
        plot_area = self.mapRectFromItem(vb, vb.boundingRect())
        self.update(QRectF(bounds.left(), plot_area.top(), bounds.width(), plot_area.height()))

    def lane_lines(self, lane: Lane) -> tuple[str, str, str]:
        """('Modning', '4 initiativer', '19,8 mio. kr. i alt'): the texts beside a lane."""
        return (palette.phase_label(lane.phase), tr("{n} initiativer").format(n=len(lane.ids)),
                tr("{total} mio. kr. i alt").format(total=format_amount(lane.total, self.lang)))

    def total_line(self) -> str:
        """'I alt: 98,4': the text of the bottom line."""
        return tr("I alt: {total}").format(total=format_amount(sum(self._layout.totals.values(), ZERO), self.lang))

    def _y(self, y: float) -> float:
        vb = self.linkedView()
        return self.mapFromItem(vb, vb.mapFromView(QPointF(0, y))).y()

    def paint(self, p: QPainter, *args: object) -> None:
        vb = self.linkedView()
        lay = self._layout
        if vb is None or not lay.lanes:
            return
        bounds = self.boundingRect()
        plot_area = self.mapRectFromItem(vb, vb.boundingRect())
        bounds = QRectF(bounds.left(), plot_area.top(), bounds.width(), plot_area.height())
        p.setClipRect(bounds)
        sizes = palette.font_sizes(self.presentation)
        head = palette.chart_font(sizes.header + 1, bold=True)
        small = palette.chart_font(sizes.label)
        fm_head, fm_small = QFontMetricsF(head), QFontMetricsF(small)
        w = bounds.width()
        shows = exposed_test(p, args[0] if args else None, args[1] if len(args) > 1 else None, margin=2)
        for lane in lay.lanes:
            top, bottom = self._y(lane.first_row - 0.5), self._y(lane.first_row + lane.rows - 0.5)
            cell = QRectF(0, min(top, bottom), w, abs(bottom - top))
            if shows is not None and not shows(cell.intersected(bounds)):
                continue
            style = palette.phase_style(lane.phase)
            p.setClipRect(cell.intersected(bounds))
            p.fillRect(cell, palette.faded(style.fill, 38))
            p.fillRect(QRectF(0, cell.top(), 10, cell.height()), style.fill)
            p.setPen(QPen(palette.GRID, 1.0))
            p.drawLine(cell.bottomLeft(), cell.bottomRight())
            block = fm_head.height() + fm_small.height() * 2
            y0 = cell.top() + max(4.0, min((cell.height() - block) / 2, 6.0))
            name, count, total_text = self.lane_lines(lane)
            p.setFont(head)
            p.setPen(palette.HEADER_TEXT)
            p.drawText(QRectF(20, y0, w - 26, fm_head.height()), int(Qt.AlignmentFlag.AlignVCenter),
                       fm_head.elidedText(name, Qt.TextElideMode.ElideRight, w - 26))
            p.setFont(small)
            p.setPen(palette.MUTED_TEXT)
            p.drawText(QRectF(20, y0 + fm_head.height(), w - 26, fm_small.height()),
                       int(Qt.AlignmentFlag.AlignVCenter),
                       fm_small.elidedText(count, Qt.TextElideMode.ElideRight, w - 26))
            p.drawText(QRectF(20, y0 + fm_head.height() + fm_small.height(), w - 26, fm_small.height()),
                       int(Qt.AlignmentFlag.AlignVCenter),
                       fm_small.elidedText(total_text, Qt.TextElideMode.ElideRight, w - 26))
        p.setClipRect(bounds)
        r = len(lay.row_kind) - 1
        top, bottom = self._y(r - 0.5), self._y(r + 0.5)
        cell = QRectF(0, min(top, bottom), w, abs(bottom - top))
        p.fillRect(cell, QColor("#eef0f2"))
        p.setFont(head)
        p.setPen(palette.HEADER_TEXT)
        p.drawText(cell.adjusted(20, 0, -6, 0), int(Qt.AlignmentFlag.AlignVCenter), self.total_line())
        p.setPen(pg.mkPen(palette.GRID))
        p.drawLine(QPointF(bounds.right(), bounds.top()), QPointF(bounds.right(), bounds.bottom()))


class PipelineView(QWidget):
    """Swim lanes by SUSI phase; same selection contract as the timeline.

    ``lang`` ('da'/'en', default: the language of the translated texts) sets how amounts read.
    """

    VIEW_KEY = "phases"

    initiative_selected = Signal(str)

    def __init__(self, portfolio: Portfolio | None = None, parent: QWidget | None = None, *,
                 lang: str | None = None) -> None:
        super().__init__(parent)
        self.lang = chart_language(lang)
        self._portfolio = Portfolio()
        self._layout = PipelineLayout()
        self._pending: set[str] | None = None
        self._selected = ""
        self._presentation = False
        self._legend = LegendBar()
        self._legend.set_entries([*legend_entries(), ("text", tr("Tal: mio. kr. pr. år"), None)])
        self._axis = LaneAxis(self.lang)
        self._plot = _Plot(axisItems={"left": self._axis, "top": YearAxis("top"), "bottom": YearAxis("bottom")})
        self._plot.setBackground(palette.BACKGROUND)
        self._plot.setMenuEnabled(False)
        self._plot.hideButtons()
        item = self._plot.getPlotItem()
        item.showAxis("top")
        item.layout.setContentsMargins(0, 0, 12, 0)
        self._vb = item.getViewBox()
        self._vb.invertY(True)
        self._vb.setDefaultPadding(0.0)
        self._grid = YearGridItem()
        self._item = PipelineItem(self.lang)
        self._plot.addItem(self._grid)
        self._plot.addItem(self._item)
        self._timer = chart_frame(self, self._legend, self._plot, self._apply_refresh, (480, 260))
        self._plot.clicked_at.connect(self._on_click)
        self._plot.scene().sigMouseMoved.connect(self._on_hover)
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
        self.fit_all()

    def refresh(self, changed_ids: Iterable[str] | None = None) -> None:
        """Figures changed: update on the next event-loop turn (many edits → one update).

        ``changed_ids`` (optional) names the initiatives whose amounts changed: only the lane and total
        lines change then, unless their bars moved. Without it the lanes are laid out again.
        """
        if changed_ids is None:
            self._pending = None
        elif self._pending is not None:
            self._pending.update(changed_ids)
        self._timer.start()

    def select_initiative(self, initiative_id: str | None) -> None:
        self._selected = initiative_id or ""
        self._item.set_selected(self._selected)

    def selected_initiative(self) -> str | None:
        return self._selected or None

    def fit_all(self) -> None:
        lay = self._layout
        n = max(len(lay.row_kind), 1)
        self._vb.setLimits(xMin=lay.x_min - 3, xMax=lay.x_max + 3, yMin=-1.5, yMax=n + 1.5)
        self._vb.setXRange(lay.x_min - 0.02, lay.x_max + 0.02, padding=0)
        self._vb.setYRange(-0.5, n - 0.5, padding=0)

    def set_presentation(self, on: bool) -> None:
        self._presentation = bool(on)
        self._apply_fonts()

    # -- queries ----------------------------------------------------------------------------------
    def pipeline_layout(self) -> PipelineLayout:
        if self._timer.isActive():
            self._timer.stop()
            self._apply_refresh()
        return self._layout

    def lane_count(self) -> int:
        return len(self.pipeline_layout().lanes)

    def lane_amounts(self) -> dict[Phase | None, dict[int, Decimal]]:
        return {lane.phase: dict(lane.amounts) for lane in self.pipeline_layout().lanes}

    def lane_of(self, initiative_id: str) -> Phase | None | str:
        return self.pipeline_layout().lane_of(initiative_id)

    def legend(self) -> LegendBar:
        return self._legend

    def lane_labels(self) -> list[str]:
        """The texts beside the lanes, top to bottom, then the total line: what the left axis shows."""
        lay = self.pipeline_layout()
        return [text for lane in lay.lanes for text in self._axis.lane_lines(lane)] + [self._axis.total_line()]

    def amount_texts(self, phase: Phase | None) -> list[str]:
        """The amounts line of a lane as shown, one text per year ('–' for nothing)."""
        lane = next(lane for lane in self.pipeline_layout().lanes if lane.phase == phase)
        return [self._item.amount_text(lane.amounts.get(y, ZERO)) for y in self._layout.years]

    # -- internals --------------------------------------------------------------------------------
    def _apply_refresh(self) -> None:
        pending, self._pending = self._pending, set()
        self._timer.stop()
        cells = update_pipeline_cells(self._layout, self._portfolio, pending) if pending else None
        if cells is not None:
            if cells:
                self._item.update_cells(cells)
                self._axis.update_lines(r for r, _year in cells)
            return
        if pending is not None and not pending:
            return
        self._layout = build_pipeline(self._portfolio)
        self._item.set_layout(self._layout)
        self._axis.set_layout(self._layout)
        self._grid.set_range(self._layout.x_min, self._layout.x_max)

    def _apply_fonts(self) -> None:
        sizes = palette.font_sizes(self._presentation)
        self._axis.presentation = self._item.presentation = self._presentation
        self._axis.setWidth(260 if self._presentation else 200)
        self._legend.set_presentation(self._presentation)
        for name in ("top", "bottom"):
            ax = self._plot.getPlotItem().getAxis(name)
            ax.setTickFont(palette.chart_font(sizes.axis, bold=True))
            ax.setHeight(int(sizes.axis * 2.6))
        self._item.update()
        self._axis.update()

    def _on_click(self, scene_pos: QPointF) -> None:
        if not self._vb.sceneBoundingRect().contains(scene_pos):
            return
        pt = self._vb.mapSceneToView(scene_pos)
        hit = self._item.bar_at(pt.x(), pt.y())
        new = hit.initiative_id if hit is not None else ""
        self.select_initiative(new)
        self.initiative_selected.emit(new)

    def _on_hover(self, scene_pos: QPointF) -> None:
        if not self._vb.sceneBoundingRect().contains(scene_pos):
            QToolTip.hideText()
            return
        pt = self._vb.mapSceneToView(scene_pos)
        hit = self._item.bar_at(pt.x(), pt.y())
        ini = self._portfolio.get(hit.initiative_id) if hit is not None else None
        if ini is None:
            QToolTip.hideText()
            return
        pos = self._plot.viewport().mapToGlobal(self._plot.mapFromScene(scene_pos))
        QToolTip.showText(pos, plain_to_tooltip_html(tooltip_text(ini, self.lang)), self._plot)
