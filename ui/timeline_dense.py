"""The zoomed-out ("dense") timeline picture painted from arrays.

Rows thinner than ``DENSE_ROW_PX`` show each bar as a plain rectangle in its phase colour and each area
header as a tinted band (:meth:`ui.timeline_paint.BarsItem._paint_dense`). At 10,000 initiatives that is
about 17,600 rectangles; mapping each through a ``QTransform`` and a ``QRectF`` in Python took ≈ 100 ms.
Here the rectangles of a layout are kept as arrays (row, left, width, colour; made once per layout and
picked, not made again, for a filtered layout), mapped to device pixels in whole-array passes and rounded
the way Qt's raster engine rounds a non-antialiased ``fillRect``, so the picture is pixel for pixel the one
the per-row painting gives; only the ``fillRect`` calls of the rows in view remain.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QTransform

from planner.phases import Phase
from ui import palette
from ui.timeline_base import BaseBars
from ui.timeline_items import BAR_HEIGHT, TimelineLayout


@dataclass(frozen=True)
class DenseItems:
    """Every rectangle of the dense picture in paint order: area bands (``x`` is NaN: they span the view)
    and bars, with their layout row and an index into ``colours``."""

    row: np.ndarray
    x: np.ndarray
    width: np.ndarray
    colour: np.ndarray
    colours: tuple[QColor, ...]


def _items_of_rows(layout: TimelineLayout) -> DenseItems:
    keys: dict[tuple[object, ...], int] = {}
    colours: list[QColor] = []

    def colour_of(key: tuple[object, ...], make: object) -> int:
        k = keys.get(key)
        if k is None:
            k = keys[key] = len(colours)
            colours.append(make() if callable(make) else make)  # type: ignore[arg-type]
        return k

    rows: list[int] = []
    xs: list[float] = []
    widths: list[float] = []
    index: list[int] = []
    nan = float("nan")
    for r, row in enumerate(layout.rows):
        if row.kind == "header":
            rows.append(r)
            xs.append(nan)
            widths.append(nan)
            index.append(colour_of(("head", row.tint), lambda t=row.tint: palette.area_tint(t).darker(115)))
            continue
        for bar in layout.bars_by_row[r]:
            rows.append(r)
            xs.append(bar.x0)
            widths.append(bar.x1 - bar.x0)
            index.append(colour_of((bar.phase, bar.next), lambda p=bar.phase, n=bar.next: _bar_fill(p, n)))
    return DenseItems(np.asarray(rows, dtype=np.int64), np.asarray(xs, dtype=np.float64),
                      np.asarray(widths, dtype=np.float64), np.asarray(index, dtype=np.int64), tuple(colours))


def _items_of_columns(layout: TimelineLayout, bars: BaseBars) -> DenseItems:
    """:func:`_items_of_rows` from a whole layout's bar columns in whole-array passes: per row its area band
    or its current-phase bar, then its next-phase bar, in the same paint order."""
    n = len(bars)
    heads = sorted(layout.members)
    colours: list[QColor] = []
    keys: dict[tuple[object, ...], int] = {}

    def colour_of(key: tuple[object, ...]) -> int:
        k = keys.get(key)
        if k is None:
            k = keys[key] = len(colours)
            colours.append(palette.area_tint(key[1]).darker(115) if key[0] == "head"  # type: ignore[arg-type]
                           else _bar_fill(key[0], bool(key[1])))  # type: ignore[arg-type]
        return k

    def colours_of(phases: list[Phase | None], nxt: bool) -> np.ndarray:
        """The colour index of each phase (looked up once per distinct phase object)."""
        ids = np.fromiter(map(id, phases), dtype=np.int64, count=n)
        distinct, first_at, inverse = np.unique(ids, return_index=True, return_inverse=True)
        codes = np.array([colour_of((phases[k], nxt)) for k in first_at.tolist()], dtype=np.int64)
        return codes[inverse] if len(distinct) else np.zeros(0, dtype=np.int64)

    first = np.where(np.isnan(bars.x0), np.nan, bars.x0)
    width = bars.x1 - bars.x0
    first_colour = colours_of(bars.phase, False)
    has_first = ~np.isnan(bars.x0)
    if heads:
        h = np.asarray(heads, dtype=np.intp)
        first[h] = np.nan
        width[h] = np.nan
        first_colour[h] = [colour_of(("head", layout.rows[r].tint)) for r in heads]
        has_first[h] = True
    second_colour = colours_of(bars.next_phase, True)
    has_second = ~np.isnan(bars.next_x0)
    rows = np.arange(n, dtype=np.int64)
    keep = np.stack([has_first, has_second], axis=1).ravel()
    return DenseItems(np.stack([rows, rows], axis=1).ravel()[keep],
                      np.stack([first, bars.next_x0], axis=1).ravel()[keep],
                      np.stack([width, bars.next_x1 - bars.next_x0], axis=1).ravel()[keep],
                      np.stack([first_colour, second_colour], axis=1).ravel()[keep], tuple(colours))


def _bar_fill(phase: Phase | None, nxt: bool) -> QColor:
    style = palette.phase_style(phase)
    return palette.faded(style.fill, 90) if nxt else style.fill


def dense_items(layout: TimelineLayout) -> DenseItems:
    """The layout's rectangles, kept in ``layout.cache`` until its rows change; a layout picked from another
    (:func:`ui.timeline_items.derive_layout`) takes its base's and renumbers the rows it shows."""
    items = layout.cache.get("dense")
    if items is not None:
        return items  # type: ignore[no-any-return]
    base, source = layout.base, layout.source
    if base is None or source is None:
        bars = layout.bars_by_row
        items = _items_of_columns(layout, bars) if isinstance(bars, BaseBars) else _items_of_rows(layout)
    else:
        of_base = dense_items(base)
        new_row = np.full(len(base.rows), -1, dtype=np.int64)
        new_row[np.asarray(source, dtype=np.intp)] = np.arange(len(source), dtype=np.int64)
        rows = new_row[of_base.row]
        shown = rows >= 0
        items = DenseItems(rows[shown], of_base.x[shown], of_base.width[shown], of_base.colour[shown],
                           of_base.colours)
    layout.cache["dense"] = items
    return items


OVERPAINT_WINDOW = 32  # how many later rectangles are looked at for one that hides a rectangle


def _qround(v: np.ndarray) -> np.ndarray:
    """Qt's ``qRound`` (halves away from zero), as the raster engine rounds a non-antialiased fill."""
    return np.where(v >= 0, np.floor(v + 0.5), np.ceil(v - 0.5))


def _overpainted(x1: np.ndarray, x2: np.ndarray, y1: np.ndarray, y2: np.ndarray, opaque: np.ndarray,
                 window: int = OVERPAINT_WINDOW) -> np.ndarray:
    """Which rectangles (in paint order) one of the next ``window`` ones paints over entirely with an opaque
    colour: filling them would change no pixel. Zoomed out, a pixel row holds a dozen initiatives' rows, and
    most of their bars are hidden so by a later, wider one."""
    hidden = np.zeros(len(x1), dtype=bool)
    for d in range(1, min(window, len(x1) - 1) + 1):
        hidden[:-d] |= opaque[d:] & (x1[d:] <= x1[:-d]) & (x2[d:] >= x2[:-d]) & (y1[d:] <= y1[:-d]) \
            & (y2[d:] >= y2[:-d])
    return hidden


def fill_dense(p: QPainter, tr_: QTransform, view: QRectF, rows: range, items: DenseItems) -> bool:
    """Fill the rectangles of ``rows`` on ``p``, a plain raster painter (no antialiasing, opacity 1, source-over)
    on an image of device pixel ratio 1 whose own transform is at most a translation; ``tr_`` maps data to the painter's
    coordinates. Each rectangle is mapped as ``QTransform.mapRect`` does, made at least a pixel high, and
    rounded as Qt's raster ``fillRect`` rounds, so the result equals filling them one by one as ``QRectF``;
    rectangles a later opaque one covers are left out (:func:`_overpainted`).
    False (nothing painted) in any other case: the caller paints row by row."""
    own, device = p.transform(), p.device()
    if tr_.type().value > QTransform.TransformationType.TxScale.value \
            or own.type().value > QTransform.TransformationType.TxTranslate.value \
            or not isinstance(device, QImage) or device.devicePixelRatio() != 1.0 \
            or p.testRenderHint(QPainter.RenderHint.Antialiasing) or p.opacity() != 1.0 \
            or p.compositionMode() != QPainter.CompositionMode.CompositionMode_SourceOver:
        return False
    pick = (items.row >= rows.start) & (items.row < rows.stop)
    row = items.row[pick].astype(np.float64)
    head = np.isnan(items.x[pick])
    x = np.where(head, view.left(), items.x[pick])
    w = np.where(head, view.width(), items.width[pick])
    y = np.where(head, row - 0.5, row - BAR_HEIGHT / 2)
    h = np.where(head, 1.0, BAR_HEIGHT)
    # QTransform.mapRect of a scaling transform, then QRectF.setHeight(1) on thinner bars
    m11, m22, dx, dy = tr_.m11(), tr_.m22(), tr_.dx(), tr_.dy()
    left, top, width, height = m11 * x + dx, m22 * y + dy, m11 * w, m22 * h
    flip = width < 0
    width = np.abs(width)
    left = np.where(flip, left - width, left)
    flip = height < 0
    height = np.abs(height)
    top = np.where(flip, top - height, top)
    height = np.where((height < 1.0) & ~head, 1.0, height)  # bars only: a band keeps its height
    # the painter's translation, then the raster engine's rounding of each edge
    left, top = left + own.dx(), top + own.dy()
    w_px, h_px = device.width(), device.height()
    x1 = np.clip(_qround(left), -1, w_px + 1)
    x2 = np.clip(_qround(left + width), -1, w_px + 1)
    y1 = np.clip(_qround(top), -1, h_px + 1)
    y2 = np.clip(_qround(top + height), -1, h_px + 1)
    seen = (x2 > np.maximum(x1, 0)) & (np.minimum(x2, w_px) > x1) & (y2 > np.maximum(y1, 0)) \
        & (np.minimum(y2, h_px) > y1)
    colours = items.colours
    colour = items.colour[pick][seen]
    x1, x2, y1, y2 = (a[seen].astype(np.int64) for a in (x1, x2, y1, y2))
    shown = ~_overpainted(x1, x2, y1, y2, np.array([c.alpha() == 255 for c in colours], dtype=bool)[colour])
    x1, x2, y1, y2, colour = x1[shown], x2[shown], y1[shown], y2[shown], colour[shown]
    spans = zip(x1.tolist(), y1.tolist(), (x2 - x1).tolist(), (y2 - y1).tolist(), colour.tolist())
    p.save()
    p.setTransform(QTransform())
    fill = p.fillRect
    for left_px, top_px, width_px, height_px, k in spans:
        fill(left_px, top_px, width_px, height_px, colours[k])
    p.restore()
    return True
