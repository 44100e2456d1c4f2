"""The figures behind the live charts, kept in step with the portfolio, and the item that draws stacked bars.

:class:`FigureCache` holds the yearly amounts as a float matrix (one row per initiative, one column per
year) for drawing and the yearly totals as exact Decimals for the frame check. An edit updates only the
rows that changed (``update(changed_ids)``), so one edit costs the same for 13 and for 10,000 initiatives.

:class:`StackedBarsItem` is one graphics item for a whole stacked chart: the fills of every segment run
and the boundaries between initiatives are painted into a cached ``QPicture`` (pyqtgraph's
``customGraphicsItem`` idea), so 10,000 initiatives × 5 years cost a few rectangles and one path
rather than 50,000 items. Boundaries closer than a pixel are thinned before they are recorded.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from operator import attrgetter, is_

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPicture

from planner.amount_cells import AmountCells
from planner.amounts import ZERO
from planner.model import Portfolio, initiative_writes
from planner.phases import PHASES, Phase
from ui.cell_sums import BIG_CHANGE, cell_columns, cell_rows, current_cells, decimal_row, refresh_copies
from ui.chart_parts import DirtyRects

_PHASE, _AREA, _AMOUNTS = attrgetter("phase"), attrgetter("area"), attrgetter("amounts")
PHASE_KEYS: tuple[Phase | None, ...] = (*PHASES, None)


class FigureCache:
    """A float copy of the portfolio's yearly amounts plus exact yearly totals.

    Invariants after :meth:`rebuild` or :meth:`update`: ``matrix[row[id], col[y]] == float(amount)``
    for every initiative and year; ``totals[y]`` is the exact Decimal sum of year ``y``;
    ``phase_idx``/``area_idx`` give each row's group (index into ``PHASE_KEYS`` / ``areas``).
    """

    def __init__(self) -> None:
        self.portfolio = Portfolio()
        self.years: list[int] = []
        self.col: dict[int, int] = {}
        self.ids: list[str] = []
        self.row: dict[str, int] = {}
        self.matrix = np.zeros((0, 0))
        self.totals: dict[int, Decimal] = {}
        self.areas: list[str] = []
        self.phase_idx = np.zeros(0, dtype=np.intp)
        self.area_idx = np.zeros(0, dtype=np.intp)
        self._snap: list[dict[int, Decimal]] = []
        self._snap_stale = False  # _snap is behind the figures summed (see _read_all)
        self._groups: list[tuple[Phase | None, str]] = []
        self.group_version = 0
        # (initiative_writes(), count) and the initiatives when ``_groups`` were last read in _read_all
        self._grouped: tuple[int, int] = (-1, -1)
        self._grouped_inis: list[object] = []

    def rebuild(self, portfolio: Portfolio) -> None:
        """Read every figure again (a new portfolio, or a change of structure)."""
        self.portfolio = portfolio
        inis = portfolio.initiatives
        self.years = portfolio.all_years()
        self.col = {y: j for j, y in enumerate(self.years)}
        self.ids = [ini.id for ini in inis]
        self.row = {}
        for i, ini_id in enumerate(self.ids):
            self.row.setdefault(ini_id, i)
        self.matrix = np.zeros((len(inis), len(self.years)))
        self._snap = list(map(dict, map(_AMOUNTS, inis)))
        self._snap_stale = False
        if not self._fill_from_cells(portfolio):
            col, m = self.col, self.matrix
            for i, amounts in enumerate(self._snap):
                for y, a in amounts.items():
                    m[i, col[y]] = float(a)
            self.totals = portfolio.totals_by_year()
        self._groups = [(p, a or "") for p, a in zip(map(_PHASE, inis), map(_AREA, inis), strict=True)]
        self._regroup()

    def _regroup(self) -> None:
        self.group_version += 1
        areas: dict[str, int] = {}
        for _, area in self._groups:
            areas.setdefault(area, len(areas))
        self.areas = list(areas)
        rank = {p: k for k, p in enumerate(PHASE_KEYS)}
        self.phase_idx = np.fromiter((rank[p] for p, _ in self._groups), dtype=np.intp, count=len(self._groups))
        self.area_idx = np.fromiter((areas[a] for _, a in self._groups), dtype=np.intp, count=len(self._groups))

    def update(self, portfolio: Portfolio, changed_ids: Iterable[str] | None = None) -> bool:
        """Bring the cache up to date; True when it had to be rebuilt from scratch.

        With ``changed_ids`` only those initiatives are looked at; without, every row is compared with
        the copy taken last time (a dict comparison per initiative, no float conversion).
        """
        inis = portfolio.initiatives
        if portfolio is not self.portfolio or len(inis) != len(self.ids):
            self.rebuild(portfolio)
            return True
        if changed_ids is not None:
            changed_ids = set(changed_ids)
            if len(changed_ids) > BIG_CHANGE and self._read_all(portfolio, copies=False):
                return False
        if self._snap_stale:  # the copies were not taken after the last big change: read every row
            if self._read_all(portfolio, copies=True):
                return False
            self.rebuild(portfolio)
            return True
        if changed_ids is None:
            rows: Iterable[int] = range(len(inis))
            check_ids = True
        else:
            rows = sorted({self.row[i] for i in changed_ids if i in self.row})
            check_ids = False
        regroup = False
        snap, col, m, totals = self._snap, self.col, self.matrix, self.totals
        for i in rows:
            ini = inis[i]
            if check_ids and ini.id != self.ids[i]:
                self.rebuild(portfolio)
                return True
            group = (ini.phase, ini.area or "")
            if group != self._groups[i]:
                self._groups[i] = group
                regroup = True
            new, old = ini.amounts, snap[i]
            if new == old:
                continue
            if any(y not in col for y in new):
                self.rebuild(portfolio)
                return True
            for y in old.keys() | new.keys():
                totals[y] += new.get(y, ZERO) - old.get(y, ZERO)
            m[i, :] = 0.0
            for y, a in new.items():
                m[i, col[y]] = float(a)
            snap[i] = dict(new)
        if regroup:
            self._regroup()
        return False

    def _read_all(self, portfolio: Portfolio, copies: bool) -> bool:
        """Every row read again in whole-list passes over the portfolio's cells (a change set naming many
        initiatives); False when the per-row path must do it (ids moved, an amount finer than 0,1, a year
        not shown). Without ``copies`` the per-row copies of the amounts are left out of date (≈ 2.5 ms at
        10,000; fit, undo, redo and switches follow each other without needing them): the next update
        that would compare rows with them reads every row again instead."""
        cells = self._fill_from_cells(portfolio)
        if cells is None:
            return False
        if copies:
            refresh_copies(self._snap, cells)
        self._snap_stale = not copies
        # A phase or area changes by assignment, which initiative_writes counts: with no assignment since
        # the groups were read from these very initiatives, they cannot have changed.
        writes = initiative_writes()
        if self._grouped != (writes, len(cells.inis)) or not all(map(is_, cells.inis, self._grouped_inis)):
            phases, areas = list(map(_PHASE, cells.inis)), [a or "" for a in map(_AREA, cells.inis)]
            if phases != [g[0] for g in self._groups] or areas != [g[1] for g in self._groups]:
                self._groups = [(p, a or "") for p, a in zip(phases, areas, strict=True)]
                self._regroup()
            self._grouped, self._grouped_inis = (writes, len(cells.inis)), list(cells.inis)
        return True

    def _fill_from_cells(self, portfolio: Portfolio) -> AmountCells | None:
        """The matrix and the totals from the portfolio's cell columns in whole-array steps; the cells, or
        None (nothing changed) when they cannot tell: ids moved, an amount finer than 0,1, a year not shown."""
        cells = current_cells(portfolio, self.ids)
        if cells is None:
            return None
        cols = cell_columns(cells, self.years)
        if cols is None:
            return None
        tenths = cells.arrays().tenths
        self.matrix[:] = 0.0
        self.matrix[cell_rows(cells), cols] = tenths / 10.0  # the float nearest the amount, as float(Decimal)
        sums = np.bincount(cols, weights=tenths, minlength=len(self.years))
        self.totals = decimal_row(np.rint(sums).astype(np.int64), self.years)
        return cells

    def group_sums(self, idx: np.ndarray, n_groups: int) -> np.ndarray:
        """groups × years: the sum of the rows of each group."""
        out = np.zeros((n_groups, len(self.years)))
        for j in range(len(self.years)):
            out[:, j] = np.bincount(idx, weights=self.matrix[:, j], minlength=n_groups)[:n_groups]
        return out

    def row_totals(self) -> np.ndarray:
        return self.matrix.sum(axis=1) if self.matrix.size else np.zeros(len(self.ids))


class StackedBarsItem(pg.GraphicsObject):
    """Stacked bars at x = year: filled runs, thin boundaries inside runs, optional id labels.

    ``set_stack`` takes, per year column, the bottoms/heights of the runs to fill (one colour each) and
    the y positions of the boundaries to draw inside them. The picture is recorded once per call and
    replayed on every paint; labels (few, only where a segment is tall enough) are drawn in device
    coordinates so the text is never stretched.
    """

    def __init__(self, width: float = 0.62) -> None:
        super().__init__()
        self._width = width
        self._picture = QPicture()
        self._bounds = QRectF()
        self._labels: list[tuple[float, float, float, str, QColor]] = []
        self._label_font = None
        self._ceiling = 0.0
        self._columns: dict[float, tuple[object, ...]] = {}
        self._tops: dict[float, float] = {}
        self._dirty = DirtyRects(self)

    def set_ceiling(self, top: float) -> None:
        """The top of the chart's amount axis: the bounding rect reaches up to it, so an edit that changes
        the tallest column does not change the rect (which would repaint every column)."""
        if top != self._ceiling:
            self.prepareGeometryChange()
            self._ceiling = top
            self._bounds = QRectF(self._bounds.left(), self._bounds.top(), self._bounds.width(),
                                  max(self._bounds.height(), top))

    def set_stack(self, xs: Sequence[float], run_x: np.ndarray, run_y0: np.ndarray, run_h: np.ndarray,
                  run_color: Sequence[QColor], lines_x: np.ndarray, lines_y: np.ndarray,
                  labels: list[tuple[float, float, float, str, QColor]] | None = None) -> None:
        """Record the picture: runs (x, y0, height, colour), boundary lines (x, y) and labels.

        A label is (x, y_bottom, y_top, text, colour), drawn centred in its segment when it fits.
        Only the year columns whose runs, lines or labels changed are repainted.
        """
        pic = QPicture()
        p = QPainter(pic)
        half = self._width / 2
        for x, y0, h, color in zip(run_x, run_y0, run_h, run_color, strict=True):
            if h <= 0:
                continue
            pen = QPen(QColor(color).darker(160), 1.0)
            pen.setCosmetic(True)
            p.setPen(pen)
            p.setBrush(color)
            p.drawRect(QRectF(float(x) - half, float(y0), self._width, float(h)))
        if len(lines_x):
            n = len(lines_x)
            px = np.empty(2 * n)
            py = np.empty(2 * n)
            px[0::2] = lines_x - half
            px[1::2] = lines_x + half
            py[0::2] = lines_y
            py[1::2] = lines_y
            path = pg.arrayToQPath(px, py, connect="pairs")
            pen = QPen(QColor(255, 255, 255, 220), 1.0)
            pen.setCosmetic(True)
            p.setPen(pen)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPath(path)
        p.end()
        self._picture = pic
        self._labels = labels or []
        top = float(np.max(run_y0 + run_h)) if len(run_h) else 1.0
        left = (min(xs) if len(xs) else 0.0) - half
        right = (max(xs) if len(xs) else 0.0) + half
        bounds = QRectF(left, 0.0, right - left, max(top, self._ceiling, 1e-9))
        columns, tops = self._column_keys(xs, run_x, run_y0, run_h, run_color, lines_x, lines_y)
        if bounds != self._bounds or columns.keys() != self._columns.keys():
            self.prepareGeometryChange()
            self._bounds = bounds
            self.update()
        else:
            changed = [x for x, key in columns.items() if key != self._columns[x]]
            self._dirty.update([self._column_rect(x, max(tops[x], self._tops.get(x, 0.0))) for x in changed])
        self._columns, self._tops = columns, tops

    def _column_keys(self, xs: Sequence[float], run_x: np.ndarray, run_y0: np.ndarray, run_h: np.ndarray,
                     run_color: Sequence[QColor], lines_x: np.ndarray, lines_y: np.ndarray
                     ) -> tuple[dict[float, tuple[object, ...]], dict[float, float]]:
        """Per year column: what is drawn in it (to compare with the last call) and its top."""
        keys: dict[float, tuple[object, ...]] = {}
        tops: dict[float, float] = {}
        run_x, run_y0, run_h = np.asarray(run_x), np.asarray(run_y0, dtype=float), np.asarray(run_h, dtype=float)
        lines_x, lines_y = np.asarray(lines_x), np.asarray(lines_y, dtype=float)
        for x in xs:
            runs = np.nonzero(run_x == x)[0]
            lines = lines_y[lines_x == x] if len(lines_x) else lines_y[:0]
            labels = tuple((y0, y1, text, QColor(c).rgba()) for lx, y0, y1, text, c in self._labels if lx == x)
            keys[float(x)] = (run_y0[runs].tobytes(), run_h[runs].tobytes(),
                              tuple(QColor(run_color[i]).rgba() for i in runs), lines.tobytes(), labels)
            tops[float(x)] = float(np.max(run_y0[runs] + run_h[runs])) if len(runs) else 0.0
        return keys, tops

    def _column_rect(self, x: float, top: float) -> QRectF:
        """A column's rect, a few pixels wider for the pens."""
        px, py = self.pixelVectors()
        pad_x = 4 * (px.length() if px is not None else 0.0)
        pad_y = 4 * (py.length() if py is not None else 0.0)
        half = self._width / 2
        return QRectF(x - half - pad_x, -pad_y, self._width + 2 * pad_x, top + 2 * pad_y)

    def set_label_font(self, font: object) -> None:
        self._label_font = font
        self.update()

    def label_texts(self) -> list[str]:
        return [t for *_, t, _c in self._labels]

    def paint(self, p: QPainter, *args: object) -> None:
        p.drawPicture(0, 0, self._picture)
        if not self._labels:
            return
        tr_ = p.transform()
        p.save()
        p.resetTransform()
        if self._label_font is not None:
            p.setFont(self._label_font)
        fm = p.fontMetrics()
        for x, y0, y1, text, color in self._labels:
            a = tr_.map(QPointF(x - self._width / 2, y1))
            b = tr_.map(QPointF(x + self._width / 2, y0))
            rect = QRectF(a, b).normalized()
            if rect.height() < fm.height() or rect.width() < fm.horizontalAdvance(text) + 4:
                continue
            p.setPen(color)
            p.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), text)
        p.restore()

    def boundingRect(self) -> QRectF:
        return QRectF(self._bounds)
