"""The timeline: a Gantt chart of the portfolio across years, one row per initiative, grouped by area.

Each initiative shows its current SUSI phase as a solid bar over its years and, when it may be proposed
to a later round, the possible next phase as a faded dashed bar from that round. A "today" line and an
optional status-date line mark time. Items are created once; ``refresh`` (coalesced by a single-shot
timer) recomputes the layout and repaints, selection only restyles. The layout of the whole portfolio is
kept; a filter (table search, area, phase, presentation's area) picks rows from it (:func:`derive_layout`)
instead of laying the portfolio out again.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QToolTip, QWidget

from planner.model import Portfolio
from ui import palette
from ui.chart_parts import LegendBar, RegionPlot, YearAxis, YearGridItem, chart_frame, legend_entries
from ui.chart_text import chart_language, format_date
from ui.timeline_data import BarLabels, Snapshot
from ui.timeline_items import (
    TimelineLayout,
    build_layout,
    derive_layout,
    plain_to_tooltip_html,
    tooltip_text,
    tr,
    update_rows,
    year_fraction,
)
from ui.timeline_paint import BarsItem, RowLabelAxis

LABEL_SHARE = {False: 0.26, True: 0.32}
LABEL_LIMITS = {False: (220, 520), True: (300, 640)}
INITIAL_ROWS = 60
BIG_CHANGE = 64  # more changed initiatives than this: compare snapshots in whole-list passes instead


class _Plot(RegionPlot):
    """The plot widget; forwards clicks on bars to the view (pyqtgraph's own click needs a scene item)."""

    clicked_at = Signal(QPointF)

    def mouseReleaseEvent(self, ev: QMouseEvent) -> None:
        press = getattr(self, "_press_pos", None)
        super().mouseReleaseEvent(ev)
        if ev.button() == Qt.MouseButton.LeftButton and press is not None \
                and (ev.position() - press).manhattanLength() < 5:
            self.clicked_at.emit(self.mapToScene(ev.position().toPoint()))

    def mousePressEvent(self, ev: QMouseEvent) -> None:
        self._press_pos = ev.position()
        super().mousePressEvent(ev)


class TimelineView(QWidget):
    """Gantt of initiatives by year; see the UI contract in the team brief for the public API.

    ``lang`` ('da'/'en', default: the language of the translated texts) sets how amounts, area names and
    dates read; it is fixed for the widget's life (a language switch builds a new window).
    """

    VIEW_KEY = "timeline"

    initiative_selected = Signal(str)

    def __init__(self, portfolio: Portfolio | None = None, parent: QWidget | None = None, *,
                 lang: str | None = None) -> None:
        super().__init__(parent)
        self.lang = chart_language(lang)
        self._portfolio = Portfolio()
        self._visible: set[str] | None = None
        self._area: str | None = None
        self._selected = ""
        self._presentation = False
        self._layout = TimelineLayout()
        self._base: TimelineLayout | None = None  # every initiative's rows; _layout is picked from it
        self._labels = BarLabels(self._portfolio, self.lang)
        self._snapshot: Snapshot | None = None  # what the layout was made from
        self._pending: set[str] | None = set()
        self._status_date: date | None = None
        self._today: date = date.today()

        self._legend = LegendBar()
        self._plot = _Plot(axisItems={"left": RowLabelAxis(), "bottom": YearAxis("bottom"),
                                      "top": YearAxis("top")})
        self._plot.setBackground(palette.BACKGROUND)
        self._plot.setMenuEnabled(False)
        self._plot.hideButtons()
        item = self._plot.getPlotItem()
        item.showAxis("top")
        item.layout.setContentsMargins(0, 0, 12, 0)
        self._vb = item.getViewBox()
        self._vb.invertY(True)
        self._vb.setMouseEnabled(x=True, y=True)
        self._vb.setDefaultPadding(0.0)
        self._axis: RowLabelAxis = item.getAxis("left")  # type: ignore[assignment]
        self._grid = YearGridItem()
        self._bars = BarsItem()
        self._plot.addItem(self._grid)
        self._plot.addItem(self._bars)
        self._today_line = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen(palette.TODAY, width=2.5),
                                           label=tr("I dag"),
                                           labelOpts={"position": 0.012, "color": palette.TODAY,
                                                      "fill": pg.mkBrush(255, 255, 255, 220),
                                                      "anchors": [(0, 0.5), (0, 0.5)]})
        self._status_line = pg.InfiniteLine(angle=90, movable=False,
                                            pen=pg.mkPen(palette.STATUS_DATE, width=2.5,
                                                         style=Qt.PenStyle.DashLine),
                                            label="", labelOpts={"position": 0.05, "color": palette.STATUS_DATE,
                                                                 "fill": pg.mkBrush(255, 255, 255, 220),
                                                                 "anchors": [(0, 0.5), (0, 0.5)]})
        for line in (self._today_line, self._status_line):
            line.setZValue(20)
            self._plot.addItem(line, ignoreBounds=True)
        self._status_line.hide()

        self._refresh_timer = chart_frame(self, self._legend, self._plot, self._apply_refresh, (480, 260))
        self._plot.clicked_at.connect(self._on_click)
        self._plot.scene().sigMouseMoved.connect(self._on_hover)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._apply_fonts()
        self._update_legend()
        self.set_today(self._today)
        if portfolio is not None:
            self.set_portfolio(portfolio)

    # -- contract ---------------------------------------------------------------------------------
    def portfolio(self) -> Portfolio:
        return self._portfolio

    def set_portfolio(self, portfolio: Portfolio) -> None:
        self._portfolio = portfolio
        self._snapshot = None
        if self._selected and portfolio.get(self._selected) is None:
            self._selected = ""
        self._pending = None
        self._apply_refresh()
        self.fit_all(initial=True)

    def refresh(self, changed_ids: Iterable[str] | None = None) -> None:
        """Figures changed: recompute on the next event-loop turn (many edits → one redraw).

        ``changed_ids`` (optional) names the initiatives that changed, so only their bars are redone.
        """
        if changed_ids is None:
            self._pending = None
        elif self._pending is not None:
            self._pending.update(changed_ids)
        self._refresh_timer.start()

    def select_initiative(self, initiative_id: str | None) -> None:
        """Highlight an initiative (no signal: the caller already knows); scrolls it into view."""
        self._flush()
        self._selected = initiative_id or ""
        self._bars.set_selected(self._selected)
        self._axis.set_selected(self._selected)
        row = self._layout.row_of.get(self._selected)
        if row is not None:
            top, bottom = self._vb.viewRange()[1]
            if not top <= row <= bottom:
                half = (bottom - top) / 2
                self._vb.setYRange(row - half, row + half, padding=0)

    def selected_initiative(self) -> str | None:
        return self._selected or None

    def set_visible_ids(self, ids: set[str] | None) -> None:
        visible = None if ids is None else set(ids)
        self._flush()
        if visible != self._visible:
            self._visible = visible
            self._apply_filter()
        self.fit_all()

    def fit_all(self, initial: bool = False) -> None:
        """Show every row and every year (on first show of a huge portfolio: the first rows)."""
        lay = self._layout
        n = max(len(lay.rows), 1)
        shown = min(n, INITIAL_ROWS) if initial else n
        self._vb.setLimits(xMin=lay.x_min - 3, xMax=lay.x_max + 3, yMin=-1.5, yMax=n + 1.5)
        self._vb.setXRange(lay.x_min - 0.02, lay.x_max + 0.02, padding=0)
        self._vb.setYRange(-0.6, shown - 0.4, padding=0)
        self._vb.updateMatrix()  # now, not in the next paint: a transform changed while painting paints again

    def set_status_date(self, when: date | None) -> None:
        self._status_date = when
        if when is None:
            self._status_line.hide()
        else:
            self._status_line.setPos(year_fraction(when))
            self._status_line.show()
            self._status_line.label.setFormat(tr("Status {date}").format(date=format_date(when, self.lang)))
            self._status_line.label.valueChanged()
        self._update_legend()

    def status_date(self) -> date | None:
        return self._status_date

    def set_today(self, today: date) -> None:
        """Where the "I dag" line stands (the real today unless a test or a report pins it)."""
        self._today = today
        self._today_line.setPos(year_fraction(today))

    def set_presentation(self, on: bool) -> None:
        self._presentation = bool(on)
        self._apply_fonts()
        self._bars.update()

    def show_area(self, area: str | None) -> None:
        self._flush()
        if area != self._area:
            self._area = area
            self._apply_filter()
        self.fit_all()

    def areas(self) -> list[str]:
        from ui.timeline_items import areas_in_order

        return areas_in_order(self._portfolio)

    # -- queries for tests and export -----------------------------------------------------------------
    def bar_count(self) -> int:
        self._flush()
        return self._layout.bar_count

    def next_bar_count(self) -> int:
        self._flush()
        return self._layout.next_bar_count

    def bar_label(self, initiative_id: str) -> str:
        """The text inside an initiative's current-phase bar ('Modning · 19,8 mio. kr.')."""
        self._flush()
        return self._labels[initiative_id]

    def timeline_layout(self) -> TimelineLayout:
        self._flush()
        self._layout.fresh_headers()
        return self._layout

    def row_count(self) -> int:
        self._flush()
        return len(self._layout.rows)

    def show_rows(self, first: int, count: int) -> None:
        """Show rows first … first+count-1 (used to split a PDF over pages)."""
        self._vb.setYRange(first - 0.6, first + count - 0.4, padding=0)

    def tooltip_for(self, initiative_id: str) -> str:
        ini = self._portfolio.get(initiative_id)
        return tooltip_text(ini, self.lang) if ini is not None else ""

    def plot_widget(self) -> pg.PlotWidget:
        return self._plot

    def legend(self) -> LegendBar:
        return self._legend

    # -- internals --------------------------------------------------------------------------------
    def _flush(self) -> None:
        if self._refresh_timer.isActive():
            self._refresh_timer.stop()
            self._apply_refresh()

    def _apply_refresh(self) -> None:
        pending, self._pending = self._pending, set()
        if self._refresh_timer.isActive():
            self._refresh_timer.stop()
        if pending is not None and not pending:
            return
        if pending is not None and len(pending) <= BIG_CHANGE:
            if self._update(pending):
                return
        elif self._snapshot is not None and self._big_change():
            return
        self._snapshot = None
        self._relayout()

    def _update_rows(self, ids: set[str]) -> set[int] | None:
        """Redo the rows of these initiatives in the whole portfolio's layout and in the filtered one shown;
        None when the whole layout must be built again. The rows to repaint are the shown layout's (all of
        them when it had to be picked again)."""
        lay, base = self._layout, self._base
        if base is not None and base is not lay:
            if update_rows(base, self._portfolio, ids, self.lang) is None:
                return None
            rows = update_rows(lay, self._portfolio, ids, self.lang)
            if rows is None:  # a bar leaves the filtered layout's years: pick the rows again
                self._apply_filter()
                return set()
            return rows
        return update_rows(lay, self._portfolio, ids, self.lang)

    def _update(self, ids: set[str]) -> bool:
        """Redo the rows of a few initiatives in place; False when the layout must be built again."""
        lay = self._layout
        names = {r: lay.rows[r].label for r in (lay.row_of.get(k) for k in ids) if r is not None}
        rows = self._update_rows(ids)
        if rows is None:
            return False
        if lay is not self._layout:
            names = {}
        if self._snapshot is not None:
            self._snapshot.patch(self._portfolio, ids)
        self._labels.forget(ids)
        self._bars.update_rows(rows)
        if any(lay.rows[r].label != name for r, name in names.items()):
            self._axis.update()
        return True

    def _big_change(self) -> bool:
        """Figures of many initiatives changed: find, in whole-list passes, the few whose rows really differ
        (usually none: amounts move no bar); texts are made again when painted. False: build again."""
        assert self._snapshot is not None
        snapshot = Snapshot(self._portfolio)
        ids = snapshot.changed_since(self._snapshot)
        if ids is None or len(ids) > BIG_CHANGE:
            return False
        lay = self._layout
        names = {r: lay.rows[r].label for r in (lay.row_of.get(k) for k in ids) if r is not None}
        rows = self._update_rows(set(ids)) if ids else set()
        if rows is None:
            return False
        if lay is not self._layout:
            names, lay = {}, self._layout
        self._snapshot = snapshot
        if self._base is not None and self._base is not lay:
            self._base.mark_all_stale()
        lay.mark_all_stale()
        self._labels = BarLabels(self._portfolio, self.lang)
        self._bars.set_labels(self._labels)
        if rows:
            self._bars.update_rows(rows)
        if any(lay.rows[r].label != name for r, name in names.items()):
            self._axis.update()
        return True

    def _relayout(self) -> None:
        """Build the rows of the whole portfolio again (another portfolio, or figures that move rows), then
        pick the filtered ones; the snapshot is kept when the figures have not changed since it was taken."""
        if self._snapshot is None:
            self._snapshot = Snapshot(self._portfolio)
            self._labels = BarLabels(self._portfolio, self.lang)
        self._base = build_layout(self._portfolio, None, None, lang=self.lang, lazy=True, snapshot=self._snapshot)
        self._apply_filter()
        self._update_legend()

    def _apply_filter(self) -> None:
        """Show the rows of the table's filter and the presentation's area, picked from the whole layout."""
        if self._base is None:
            self._relayout()
            return
        self._layout = derive_layout(self._base, self._visible, self._area)
        self._bars.set_layout(self._layout, self._labels)
        self._axis.set_layout(self._layout)
        self._grid.set_range(self._layout.x_min, self._layout.x_max)
        n = max(len(self._layout.rows), 1)
        self._vb.setLimits(xMin=self._layout.x_min - 3, xMax=self._layout.x_max + 3, yMin=-1.5, yMax=n + 1.5)

    def _update_legend(self) -> None:
        entries = legend_entries(include_unknown=any(i.phase is None for i in self._portfolio.initiatives))
        entries.append(("vline", tr("I dag"), palette.TODAY))
        if self._status_date is not None:
            entries.append(("vline", tr("Statusdato"), palette.STATUS_DATE))
        self._legend.set_entries(entries)

    def _apply_fonts(self) -> None:
        sizes = palette.font_sizes(self._presentation)
        self._axis.presentation = self._presentation
        self._fit_label_width()
        self._bars.presentation = self._presentation
        self._legend.set_presentation(self._presentation)
        axis_font = palette.chart_font(sizes.axis, bold=True)
        item = self._plot.getPlotItem()
        for name in ("top", "bottom"):
            ax = item.getAxis(name)
            ax.setTickFont(axis_font)
            ax.setHeight(int(sizes.axis * 2.6))
        for line in (self._today_line, self._status_line):
            line.label.setFont(palette.chart_font(sizes.value, bold=True))
        self._axis.update()

    def _fit_label_width(self) -> None:
        """The label axis takes its share of the width; the plot's layout applies it now, and the view box its
        new transform, not during the next paint (which then paints the whole timeline again, as at F11)."""
        low, high = LABEL_LIMITS[self._presentation]
        width = int(min(high, max(low, self.width() * LABEL_SHARE[self._presentation])))
        if getattr(self._axis, "fixedWidth", None) != width:
            self._axis.setWidth(width)
            self._plot.getPlotItem().layout.activate()
        self._vb.updateMatrix()

    def resizeEvent(self, event: object) -> None:  # noqa: N802
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._fit_label_width()

    def _view_point(self, scene_pos: QPointF) -> QPointF | None:
        if not self._vb.sceneBoundingRect().contains(scene_pos):
            return None
        return self._vb.mapSceneToView(scene_pos)

    def _on_click(self, scene_pos: QPointF) -> None:
        pt = self._view_point(scene_pos)
        hit = self._bars.bar_at(pt.x(), pt.y()) if pt is not None else None
        if hit is None and pt is None:
            axis_rect = self._axis.sceneBoundingRect()
            if axis_rect.contains(scene_pos):
                y = self._vb.mapSceneToView(QPointF(self._vb.sceneBoundingRect().left(), scene_pos.y())).y()
                row = int(y + 0.5) if y > -0.5 else -1
                rows = self._layout.rows
                new = rows[row].initiative_id if 0 <= row < len(rows) else ""
                self._select_from_user(new)
            return
        self._select_from_user(hit.initiative_id if hit is not None else "")

    def _select_from_user(self, initiative_id: str) -> None:
        self.select_initiative(initiative_id)
        self.initiative_selected.emit(initiative_id)

    def _on_hover(self, scene_pos: QPointF) -> None:
        pt = self._view_point(scene_pos)
        hit = self._bars.bar_at(pt.x(), pt.y()) if pt is not None else None
        if hit is None:
            QToolTip.hideText()
            return
        text = self.tooltip_for(hit.initiative_id)
        global_pos = self._plot.viewport().mapToGlobal(self._plot.mapFromScene(scene_pos))
        QToolTip.showText(global_pos, plain_to_tooltip_html(text), self._plot)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        (x0, x1), (y0, y1) = self._vb.viewRange()
        dx, dy = (x1 - x0) * 0.1, max((y1 - y0) * 0.1, 1.0)
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self._vb.scaleBy(x=0.8, y=0.8)
        elif key == Qt.Key.Key_Minus:
            self._vb.scaleBy(x=1.25, y=1.25)
        elif key == Qt.Key.Key_Left:
            self._vb.translateBy(x=-dx)
        elif key == Qt.Key.Key_Right:
            self._vb.translateBy(x=dx)
        elif key == Qt.Key.Key_Up:
            self._vb.translateBy(y=-dy)
        elif key == Qt.Key.Key_Down:
            self._vb.translateBy(y=dy)
        elif key in (Qt.Key.Key_0, Qt.Key.Key_Home):
            self.fit_all()
        elif key == Qt.Key.Key_Escape and self._selected:
            self._select_from_user("")
        else:
            super().keyPressEvent(event)
            return
        event.accept()
