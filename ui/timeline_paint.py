"""The painted parts of the Gantt timeline: the bars item and the row-label axis.

:class:`BarsItem` paints only the rows inside the visible range, straight from the layout
(:mod:`ui.timeline_items`), so thousands of initiatives stay smooth and a selection or an edit is a
repaint, never a rebuild of graphics items. Rows thinner than ``DENSE_ROW_PX`` are drawn as plain
coloured lines from a cached image, filled from arrays (:mod:`ui.timeline_dense`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPaintEngine, QPainter, QPen, QTransform
from PySide6.QtWidgets import QGraphicsItem

from planner.phases import Phase
from ui import palette
from ui.chart_parts import DirtyRects, exposed_test, paint_region
from ui.timeline_dense import dense_items, fill_dense
from ui.timeline_items import BAR_HEIGHT, DENSE_ROW_PX, NEXT_BAR_HEIGHT, Bar, TimelineLayout, tr

SPARE_PICTURES = 3  # thin-row pictures kept of layouts shown before (the whole portfolio, two areas)


class BarsItem(pg.GraphicsObject):
    """All bars of the timeline in one item, painted row by row for the visible rows only.

    Geometry comes from a :class:`TimelineLayout`; drawing happens in device pixels (the data rect is
    mapped through the painter's transform) so patterns, pens and texts keep their size at any zoom and
    in SVG and PDF output.
    """

    def __init__(self) -> None:
        super().__init__()
        self._layout = TimelineLayout()
        self._selected = ""
        self._labels: Mapping[str, str] = {}
        self.presentation = False
        self._cache: QImage | None = None
        self._cache_key: tuple[object, ...] = ()
        self._dirty_rows: set[int] = set()
        # the pictures of the layouts shown before (a filter cleared, the presentation's areas in turn)
        self._spares: list[tuple[TimelineLayout, tuple[object, ...], QImage]] = []
        # the picture of the layout shown before the view last changed size or range (F11 and back)
        self._previous: tuple[TimelineLayout, tuple[object, ...], QImage] | None = None
        self._dirty = DirtyRects(self)
        self.setZValue(10)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)

    def set_layout(self, layout: TimelineLayout, labels: Mapping[str, str]) -> None:
        """Show another layout. The thin-row pictures of the last ``SPARE_PICTURES`` layouts shown are kept,
        and used again when a layout comes back (a filter cleared) and nothing changed meanwhile (any
        :meth:`update_rows` or :meth:`set_labels` drops them; the view reports every change through them)."""
        if self._cache is not None and self._cache_key and not self._dirty_rows and layout is not self._layout:
            spares = [s for s in self._spares if s[0] is not self._layout]
            spares.append((self._layout, self._cache_key, self._cache))
            while len(spares) > SPARE_PICTURES:  # the oldest goes, the whole portfolio's last (clearing a search)
                spares.pop(next((k for k, s in enumerate(spares) if s[0].source is not None), 0))
            self._spares = spares
        for spare in self._spares:
            if spare[0] is layout:
                self._cache_key, self._cache = spare[1], spare[2]
                self._dirty_rows = set()
        self.prepareGeometryChange()
        self._layout = layout
        self._labels = labels
        self.update()

    def _label(self, initiative_id: str) -> str:
        try:
            return self._labels[initiative_id]
        except KeyError:
            return ""

    def set_labels(self, labels: Mapping[str, str], *, geometry: bool = False) -> None:
        """Figures changed everywhere: repaint what is in view with these texts; ``geometry`` (bars moved)
        also drops the picture kept for thin rows."""
        self._labels = labels
        self._spares = []
        self._previous = None
        if geometry:
            self._cache_key = ()
        self.update()

    def update_rows(self, rows: set[int]) -> None:
        """Repaint only these rows (their bars or texts changed); the layout object is the same."""
        lay = self._layout
        self._spares = []
        self._previous = None
        self._dirty_rows.update(rows)
        vb = self.getViewBox()
        view = vb.viewRect() if vb is not None else self.boundingRect()
        rects = []
        for r in sorted(rows):
            rect = QRectF(lay.x_min - 1, r - 0.5, lay.x_max - lay.x_min + 2, 1.0).intersected(view)
            if not rect.isEmpty():  # outside the view it would only make Qt repaint the axes around it
                rects.append(rect)
        self._dirty.update(rects)

    def set_selected(self, initiative_id: str) -> None:
        if initiative_id != self._selected:
            self._selected = initiative_id
            self.update()

    def boundingRect(self) -> QRectF:
        lay = self._layout
        return QRectF(lay.x_min - 1, -1, (lay.x_max - lay.x_min) + 2, len(lay.rows) + 2)

    def _visible_rows(self, exposed: QRectF | None = None) -> range:
        """The rows in view, narrowed to the part Qt asked to repaint when it says which."""
        vb = self.getViewBox()
        n = len(self._layout.rows)
        if vb is None:
            return range(n)
        rect = vb.viewRect()
        top, bottom = rect.top(), rect.bottom()
        if exposed is not None and not exposed.isEmpty():
            top, bottom = max(top, exposed.top()), min(bottom, exposed.bottom())
        first = max(0, int(math.floor(top)) - 1)
        last = min(n, int(math.ceil(bottom)) + 2)
        return range(first, last)

    def paint(self, p: QPainter, *args: object) -> None:
        lay = self._layout
        if not lay.rows:
            return
        tr_ = p.transform()
        exposed = getattr(args[0], "exposedRect", None) if args else None
        rows: Iterable[int] = self._visible_rows(exposed if isinstance(exposed, QRectF) else None)
        vb = self.getViewBox()
        view = vb.viewRect() if vb is not None else self.boundingRect()
        row_px = abs(tr_.map(QPointF(0, 1)).y() - tr_.map(QPointF(0, 0)).y())
        if row_px < DENSE_ROW_PX:
            p.save()
            p.setTransform(QTransform())
            engine = p.paintEngine()
            if engine is not None and engine.type() == QPaintEngine.Type.Raster:
                self._draw_dense_cached(p, tr_, view)
            else:
                visible = self._visible_rows()
                self._paint_dense(p, tr_, view, visible)
                self._paint_dense_selection(p, tr_, view, visible)
            p.restore()
            return
        shows = exposed_test(p, args[0] if args else None, args[1] if len(args) > 1 else None, margin=4)
        if shows is not None:  # only the rows really repainted (an edited row and its area header, not all between)
            rows = [r for r in rows if shows(QRectF(view.left(), r - 0.5, view.width(), 1.0))]
        p.save()
        p.setTransform(QTransform())
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        sizes = palette.font_sizes(self.presentation)
        font = palette.chart_font(sizes.value, bold=True)
        p.setFont(font)
        fm = QFontMetricsF(font)
        region = paint_region(args[1] if len(args) > 1 else None)
        if region is None:
            self._paint_rows(p, tr_, list(rows), view, fm)
        else:
            # One region rect at a time (they do not overlap), each a plain clip rect: drawing under a clip
            # of several rects costs several times more.
            for part in (QRectF(rect) for rect in region):
                bands = [r for r in rows
                         if part.intersects(tr_.mapRect(QRectF(view.left(), r - 0.5, view.width(), 1.0)))]
                bars = [r for r in rows  # a bar and its selection outline reach at most 4 px past the bar
                        if part.intersects(tr_.mapRect(QRectF(view.left(), r - BAR_HEIGHT / 2, view.width(),
                                                              BAR_HEIGHT)).adjusted(-6, -6, 6, 6))]
                if bands or bars:
                    p.save()
                    p.setClipRect(part, Qt.ClipOperation.IntersectClip)
                    self._paint_rows(p, tr_, bands, view, fm, bars)
                    p.restore()
        p.restore()

    def _paint_rows(self, p: QPainter, tr_: QTransform, rows: list[int], view: QRectF, fm: QFontMetricsF,
                    bar_rows: list[int] | None = None) -> None:
        """Bands (area headers, stripes) behind, then the bars of these rows (or of ``bar_rows``); ``p`` paints
        in device pixels."""
        lay = self._layout
        for r in rows:
            row = lay.rows[r]
            band = tr_.mapRect(QRectF(view.left(), r - 0.5, view.width(), 1.0))
            if row.kind == "header":
                p.fillRect(band, palette.area_tint(row.tint))
                detail = lay.header_text(r)
                if detail:
                    p.setPen(palette.MUTED_TEXT)
                    p.drawText(band.adjusted(10, 0, -10, 0), int(Qt.AlignmentFlag.AlignVCenter), detail)
            elif r % 2 == 0:
                p.fillRect(band, palette.ROW_STRIPE)
            if row.initiative_id and row.initiative_id == self._selected:
                sel = QColor(palette.SELECTION)
                sel.setAlpha(40)
                p.fillRect(band, sel)
        view_px = tr_.mapRect(view)
        for r in rows if bar_rows is None else bar_rows:
            bars = lay.bars_by_row[r]
            covered = max((b.x1 for b in bars if not b.next), default=None)
            for bar in sorted(bars, key=lambda b: not b.next):
                self._paint_bar(p, tr_, bar, fm, covered if bar.next else None, view_px.left())

    def _paint_dense(self, p: QPainter, tr_: QTransform, view: QRectF, rows: Iterable[int]) -> None:
        """Thin rows: area bands and each bar as a plain rectangle in its phase colour (no texts, stripes,
        patterns or rounded corners: they would not be readable, and 10,000 of them cost seconds)."""
        lay = self._layout
        fills: dict[tuple[Phase | None, bool], QColor] = {}
        for r in rows:
            row = lay.rows[r]
            if row.kind == "header":
                p.fillRect(tr_.mapRect(QRectF(view.left(), r - 0.5, view.width(), 1.0)),
                           palette.area_tint(row.tint).darker(115))
                continue
            for bar in lay.bars_by_row[r]:
                fill = fills.get((bar.phase, bar.next))
                if fill is None:
                    style = palette.phase_style(bar.phase)
                    fill = fills[(bar.phase, bar.next)] = palette.faded(style.fill, 90) if bar.next else style.fill
                rect = tr_.mapRect(QRectF(bar.x0, r - BAR_HEIGHT / 2, bar.x1 - bar.x0, BAR_HEIGHT))
                if rect.height() < 1.0:
                    rect.setHeight(1.0)
                p.fillRect(rect, fill)

    def _paint_dense_selection(self, p: QPainter, tr_: QTransform, view: QRectF, rows: Iterable[int]) -> None:
        """The selected initiative's row, a translucent band over the thin rows (on the cached picture)."""
        row_of_selected = self._layout.row_of.get(self._selected)
        if row_of_selected is not None and row_of_selected in rows:
            sel = QColor(palette.SELECTION)
            sel.setAlpha(120)
            band = tr_.mapRect(QRectF(view.left(), row_of_selected - 0.5, view.width(), 1.0))
            p.fillRect(band.adjusted(0, -1, 0, 1), sel)

    def _draw_dense_cached(self, p: QPainter, tr_: QTransform, view: QRectF) -> None:
        """The dense picture of every row in view, kept as an image until the layout or the view change;
        rows changed by an edit (:meth:`update_rows`) are redrawn into it alone. The selection is painted
        over the image, so selecting another initiative repaints no row."""
        target = tr_.mapRect(view).toAlignedRect()
        widget = self.getViewWidget()
        ratio = widget.devicePixelRatioF() if widget is not None else 1.0
        key = (id(self._layout), ratio, target.getRect(),
               (tr_.m11(), tr_.m12(), tr_.m21(), tr_.m22(), tr_.dx(), tr_.dy()),
               (view.left(), view.top(), view.width(), view.height()))
        fresh = key != self._cache_key or self._cache is None
        if fresh and self._cache is not None and self._cache_key and not self._dirty_rows:
            kept, self._previous = self._previous, (self._layout, self._cache_key, self._cache)
            if kept is not None and kept[0] is self._layout and kept[1] == key:  # the size or range before
                self._cache_key, self._cache = kept[1], kept[2]
                fresh = False
        if fresh:
            self._cache = QImage(max(1, round(target.width() * ratio)), max(1, round(target.height() * ratio)),
                                 QImage.Format.Format_ARGB32_Premultiplied)
            self._cache.setDevicePixelRatio(ratio)
            self._cache.fill(Qt.GlobalColor.transparent)
        if fresh or self._dirty_rows:
            q = QPainter(self._cache)
            try:
                q.setTransform(QTransform.fromTranslate(-target.x(), -target.y()))
                if fresh:
                    visible = self._visible_rows()
                    if not fill_dense(q, tr_, view, visible, dense_items(self._layout)):
                        self._paint_dense(q, tr_, view, visible)
                else:
                    visible = self._visible_rows()
                    for r in sorted(self._dirty_rows):
                        if r not in visible:
                            continue
                        band = tr_.mapRect(QRectF(view.left(), r - 0.5, view.width(), 1.0)).adjusted(0, -1, 0, 1)
                        q.save()
                        q.setClipRect(band)
                        q.setCompositionMode(QPainter.CompositionMode.CompositionMode_Clear)
                        q.fillRect(band, Qt.GlobalColor.transparent)
                        q.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
                        self._paint_dense(q, tr_, view, range(max(0, r - 1), min(len(self._layout.rows), r + 2)))
                        q.restore()
            finally:
                q.end()
            self._cache_key = key
            self._dirty_rows = set()
        p.drawImage(target.topLeft(), self._cache)
        p.save()
        p.setClipRect(target)
        self._paint_dense_selection(p, tr_, view, self._visible_rows())
        p.restore()

    def _paint_bar(self, p: QPainter, tr_: QTransform, bar: Bar, fm: QFontMetricsF,
                   covered_until: float | None = None, visible_left: float | None = None) -> None:
        """One bar; a next-phase bar is painted first and labelled only where the current bar leaves room."""
        style = palette.phase_style(bar.phase)
        h = NEXT_BAR_HEIGHT if bar.next else BAR_HEIGHT
        rect = tr_.mapRect(QRectF(bar.x0, bar.row - h / 2, bar.x1 - bar.x0, h)).adjusted(1, 0, -1, 0)
        selected = bar.initiative_id == self._selected
        if bar.next:
            p.setPen(QPen(style.fill.darker(150), 1.6, Qt.PenStyle.DashLine))
            p.setBrush(palette.faded(style.fill, 70))
            p.drawRoundedRect(rect, 3, 3)
            text = tr("mulig {phase}").format(phase=palette.phase_label(bar.phase).lower())
            color = palette.MUTED_TEXT
        else:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(style.fill)
            p.drawRoundedRect(rect, 3, 3)
            pattern = palette.pattern_brush(style)
            if pattern is not None:
                p.setBrush(pattern)
                p.drawRoundedRect(rect, 3, 3)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(QPen(style.fill.darker(160), 1.0))
            p.drawRoundedRect(rect, 3, 3)
            text = self._label(bar.initiative_id)
            color = style.text
        if selected:
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(QPen(palette.SELECTION, 3.0))
            p.drawRoundedRect(rect.adjusted(-1.5, -1.5, 1.5, 1.5), 4, 4)
        text_rect = QRectF(rect)
        if covered_until is not None and covered_until > bar.x0:
            left = tr_.map(QPointF(covered_until, bar.row)).x()
            text_rect = QRectF(left, rect.top(), max(0.0, rect.right() - left), rect.height())
        if visible_left is not None and text_rect.left() < visible_left:
            text_rect.setLeft(visible_left)
        if text and text_rect.width() > fm.horizontalAdvance(text) + 12 and rect.height() > fm.height():
            p.setPen(color)
            p.drawText(text_rect.adjusted(6, 0, -6, 0), int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                       text)

    def bar_at(self, x: float, y: float) -> Bar | None:
        """The bar under a point in data coordinates (current phase before next phase)."""
        r = int(math.floor(y + 0.5))
        if not 0 <= r < len(self._layout.rows):
            return None
        hits = [b for b in self._layout.bars_by_row[r] if b.x0 <= x <= b.x1 and abs(y - r) <= BAR_HEIGHT / 2]
        hits.sort(key=lambda b: b.next)
        return hits[0] if hits else None


class RowLabelAxis(pg.AxisItem):
    """The left axis: area headers in bold and 'V1  Short name' per initiative, aligned with the rows."""

    def __init__(self) -> None:
        super().__init__("left")
        self._layout = TimelineLayout()
        self._selected = ""
        self.presentation = False
        self.setStyle(showValues=False, tickLength=0)
        self.setPen(pg.mkPen(palette.GRID))

    def set_layout(self, layout: TimelineLayout) -> None:
        self._layout = layout
        self.update()

    def set_selected(self, initiative_id: str) -> None:
        self._selected = initiative_id
        self.update()

    def generateDrawSpecs(self, p: QPainter) -> tuple[list, list, list]:  # noqa: ARG002
        return [], [], []

    def _paint_areas(self, p: QPainter, vb: pg.ViewBox, first: int, last: int, width: float,
                     font: QFont) -> None:
        """Rows too thin to read: one tinted block per area in view, named where it is tall enough."""
        lay = self._layout
        heads = sorted(lay.members) + [len(lay.rows)]  # every header row has its initiatives listed
        fm = QFontMetricsF(font)
        p.setFont(font)
        for h, end in zip(heads, heads[1:]):
            if end < first or h > last:
                continue
            top = self.mapFromItem(vb, vb.mapFromView(QPointF(0, h - 0.5))).y()
            bottom = self.mapFromItem(vb, vb.mapFromView(QPointF(0, end - 0.5))).y()
            cell = QRectF(0, min(top, bottom), width, abs(bottom - top))
            row = lay.rows[h]
            p.fillRect(cell, palette.area_tint(row.tint))
            p.setPen(QPen(palette.GRID, 1.0))
            p.drawLine(cell.bottomLeft(), cell.bottomRight())
            if cell.height() >= fm.height():
                p.setPen(palette.HEADER_TEXT)
                text = fm.elidedText(f"{row.label} ({row.count})", Qt.TextElideMode.ElideRight, width - 16)
                p.drawText(QRectF(8, cell.top(), width - 16, min(cell.height(), fm.height() * 1.6)),
                           int(Qt.AlignmentFlag.AlignVCenter), text)

    def paint(self, p: QPainter, *args: object) -> None:
        vb = self.linkedView()
        lay = self._layout
        if vb is None or not lay.rows:
            return
        rect = vb.viewRect()
        first = max(0, int(math.floor(rect.top())))
        last = min(len(lay.rows), int(math.ceil(rect.bottom())) + 1)
        sizes = palette.font_sizes(self.presentation)
        label_font = palette.chart_font(sizes.label)
        id_font = palette.chart_font(sizes.label, bold=True)
        header_font = palette.chart_font(sizes.header, bold=True)
        width = self.boundingRect().width()
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        bounds = self.boundingRect()
        plot_area = self.mapRectFromItem(vb, vb.boundingRect())
        bounds = QRectF(bounds.left(), plot_area.top(), bounds.width(), plot_area.height())
        p.setClipRect(bounds)
        row_px = abs(self.mapFromItem(vb, vb.mapFromView(QPointF(0, 1))).y()
                     - self.mapFromItem(vb, vb.mapFromView(QPointF(0, 0))).y())
        if row_px < DENSE_ROW_PX:
            self._paint_areas(p, vb, first, last, width, header_font)
            p.setPen(pg.mkPen(palette.GRID))
            p.drawLine(QPointF(bounds.right(), bounds.top()), QPointF(bounds.right(), bounds.bottom()))
            return
        fm_id = QFontMetricsF(id_font)
        id_width = max((fm_id.horizontalAdvance(r.initiative_id) for r in lay.rows[first:last] if r.initiative_id),
                       default=0.0)
        shows = exposed_test(p, args[0] if args else None, args[1] if len(args) > 1 else None, margin=2)
        y_0 = self.mapFromItem(vb, vb.mapFromView(QPointF(0, -0.5))).y()
        y_1 = self.mapFromItem(vb, vb.mapFromView(QPointF(0, 0.5))).y()
        for r in range(first, last):
            if shows is not None:  # rows far from the repainted region: skip before mapping them exactly
                a, b = y_0 + r * (y_1 - y_0), y_0 + (r + 1) * (y_1 - y_0)
                if not shows(QRectF(0, min(a, b) - 2, width, abs(b - a) + 4)):
                    continue
            row = lay.rows[r]
            top = self.mapFromItem(vb, vb.mapFromView(QPointF(0, r - 0.5))).y()
            bottom = self.mapFromItem(vb, vb.mapFromView(QPointF(0, r + 0.5))).y()
            cell = QRectF(0, min(top, bottom), width, abs(bottom - top))
            if cell.bottom() < bounds.top() or cell.top() > bounds.bottom() or (shows is not None and not shows(cell)):
                continue
            texts = shows is None or shows(cell.adjusted(0, 0, -6, 0))  # not when only the right edge is repainted
            if row.kind == "header":
                p.fillRect(cell, palette.area_tint(row.tint))
                if not texts:
                    continue
                font = header_font
                if QFontMetricsF(font).horizontalAdvance(row.label) > width - 16:
                    font = id_font  # a long area name (English) is better smaller than cut off
                p.setFont(font)
                p.setPen(palette.HEADER_TEXT)
                fm = QFontMetricsF(font)
                text = fm.elidedText(row.label, Qt.TextElideMode.ElideRight, width - 16)
                p.drawText(cell.adjusted(8, 0, -8, 0), int(Qt.AlignmentFlag.AlignVCenter), text)
                continue
            if row.initiative_id == self._selected:
                sel = QColor(palette.SELECTION)
                sel.setAlpha(40)
                p.fillRect(cell, sel)
            elif r % 2 == 0:
                p.fillRect(cell, palette.ROW_STRIPE)
            if not texts:
                continue
            p.setFont(id_font)
            p.setPen(palette.TEXT)
            p.drawText(cell.adjusted(14, 0, 0, 0), int(Qt.AlignmentFlag.AlignVCenter), row.initiative_id)
            p.setFont(label_font)
            fm = QFontMetricsF(label_font)
            x = 14 + id_width + 10
            text = fm.elidedText(" ".join(row.label.split()), Qt.TextElideMode.ElideRight, max(0.0, width - x - 8))
            p.drawText(cell.adjusted(x, 0, -8, 0), int(Qt.AlignmentFlag.AlignVCenter), text)
        p.setPen(pg.mkPen(palette.GRID))
        p.drawLine(QPointF(bounds.right(), bounds.top()), QPointF(bounds.right(), bounds.bottom()))
