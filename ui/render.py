"""Pictures of the charts: PNG, SVG and PDF, headless or from the running window.

``render_view`` builds a chart for a portfolio offscreen and writes it with a title band (programme,
price level, status date) above the chart and its legend. ``export_widget`` writes a widget that is
already on screen (File > Export picture). The format follows the file suffix:

- PNG: a QImage of exactly width × height pixels;
- SVG: Qt's QSvgGenerator (vector; not pyqtgraph's exporter, which breaks on newer Qt);
- PDF: QPdfWriter on A4 landscape, or A3, split over pages when the timeline has too many rows to read
  on one page (about 25 rows on A4, 40 on A3).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QMarginsF, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter, QRegion
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QApplication, QGraphicsView, QWidget

from planner.model import Portfolio
from ui import i18n, palette
from ui.chart_text import amount_unit, format_date

VIEWS = ("timeline", "phases", "budget")
SUFFIXES = (".png", ".svg", ".pdf")
ROWS_A4 = 25
ROWS_A3 = 40
PDF_DPI = 96  # painting at screen resolution keeps fonts and pens in proportion; the PDF stays vector


def tr(text: str) -> str:
    return QCoreApplication.translate("Render", text)


def view_title(view: str) -> str:
    return {"timeline": tr("Tidslinje"), "phases": tr("Faser (pipeline)"), "budget": tr("Budget mod ramme")}[view]


def ensure_app() -> QApplication:
    """The running QApplication, or a new one (offscreen when there is no display)."""
    app = QApplication.instance()
    if app is None:
        if not os.environ.get("QT_QPA_PLATFORM") and sys.platform.startswith("linux") \
                and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        app = QApplication([sys.argv[0] if sys.argv else "planner"])
    return app  # type: ignore[return-value]


def make_view(view: str, portfolio: Portfolio, lang: str | None = None) -> QWidget:
    """A fresh chart widget of the given kind (``lang``: see the charts; default the texts' language)."""
    if view == "timeline":
        from ui.timeline_view import TimelineView

        return TimelineView(portfolio, lang=lang)
    if view == "phases":
        from ui.pipeline_view import PipelineView

        return PipelineView(portfolio, lang=lang)
    if view == "budget":
        from ui.budget_chart import BudgetChart

        return BudgetChart(portfolio, lang=lang)
    raise ValueError(f"unknown view {view!r}; choose one of {', '.join(VIEWS)}")


def title_lines(portfolio: Portfolio, view: str, status: date | None = None,
                lang: str | None = None) -> tuple[str, str]:
    """('UIP 2023 – Tidslinje', 'Prisniveau 2023-PL · Status 23. november 2026 · Beløb i mio. kr.').

    Words come from the translator installed; the date reads in ``lang`` (default: the texts' language).
    """
    lang = i18n.normalise(lang) if lang else i18n.text_language()
    name = portfolio.name or (Path(portfolio.source.path).stem if portfolio.source and portfolio.source.path
                              else tr("Portefølje"))
    parts = []
    if portfolio.price_level:
        parts.append(tr("Prisniveau {pl}").format(pl=portfolio.price_level))
    parts.append(tr("Status {date}").format(date=format_date(status or date.today(), lang)))
    parts.append(tr("Beløb i {unit}").format(unit=amount_unit(portfolio.unit)))
    return f"{name} – {view_title(view)}", " · ".join(parts)


def _check_suffix(out_path: Path) -> str:
    suffix = out_path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ValueError(f"cannot write '{out_path.name}': use a .png, .svg or .pdf file name")
    return suffix


def _title_sizes(width: int) -> tuple[float, float]:
    """Title and subtitle point sizes: the normal ones, growing with wide pictures (meeting-room screens)."""
    sizes = palette.font_sizes(False)
    grow = max(1.0, width / 1600)
    return sizes.title * grow, sizes.label * grow


def _title_height(width: int) -> int:
    big, small = _title_sizes(width)
    fm_big = QFontMetricsF(palette.chart_font(big, bold=True))
    fm_small = QFontMetricsF(palette.chart_font(small))
    return int(fm_big.height() + fm_small.height() + 28)


def _paint_title(p: QPainter, width: int, height: int, title: str, subtitle: str, page: str = "") -> None:
    big_pt, small_pt = _title_sizes(width)
    p.fillRect(QRectF(0, 0, width, height), palette.BACKGROUND)
    big = palette.chart_font(big_pt, bold=True)
    small = palette.chart_font(small_pt)
    fm_big, fm_small = QFontMetricsF(big), QFontMetricsF(small)
    top = (height - fm_big.height() - fm_small.height() - 4) / 2
    room = width - 28 - (fm_small.horizontalAdvance(page) + 16 if page else 0)
    p.setFont(big)
    p.setPen(palette.HEADER_TEXT)
    p.drawText(QRectF(14, top, width - 28, fm_big.height()), int(Qt.AlignmentFlag.AlignLeft),
               fm_big.elidedText(title, Qt.TextElideMode.ElideMiddle, room))
    p.setFont(small)
    p.setPen(palette.MUTED_TEXT)
    p.drawText(QRectF(14, top + fm_big.height() + 4, width - 28, fm_small.height()),
               int(Qt.AlignmentFlag.AlignLeft), fm_small.elidedText(subtitle, Qt.TextElideMode.ElideRight, width - 28))
    if page:
        p.drawText(QRectF(14, top, width - 28, fm_big.height()),
                   int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), page)
    p.setPen(QColor("#d5d9de"))
    p.drawLine(0, height - 1, width, height - 1)


def _paint_frame(p: QPainter, widget: QWidget, width: int, height: int, title: str | None, subtitle: str,
                 page: str = "") -> None:
    """The title band then the widget, in a width × height logical area at the painter's origin."""
    band = _title_height(width) if title is not None else 0
    p.fillRect(QRectF(0, 0, width, height), palette.BACKGROUND)
    if title is not None:
        _paint_title(p, width, band, title, subtitle, page)
    widget.render(p, QPoint(0, band), QRegion(),
                  QWidget.RenderFlag.DrawChildren | QWidget.RenderFlag.DrawWindowBackground)


def _layout_widget(widget: QWidget, size: QSize) -> None:
    widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    widget.resize(size)
    if not widget.isVisible():
        widget.show()
    QApplication.processEvents()
    QApplication.processEvents()


def _pages_for(widget: QWidget) -> tuple[QPageSize.PageSizeId, list[tuple[int, int]]]:
    """Paper and row windows for a PDF: the timeline splits when it has too many rows for one page."""
    rows = widget.row_count() if hasattr(widget, "row_count") else 0
    if rows <= ROWS_A4:
        return QPageSize.PageSizeId.A4, [(0, rows)] if rows else []
    if rows <= ROWS_A3:
        return QPageSize.PageSizeId.A3, [(0, rows)]
    return QPageSize.PageSizeId.A3, [(first, min(ROWS_A3, rows - first)) for first in range(0, rows, ROWS_A3)]


def _write(widget: QWidget, out_path: Path, width: int, height: int, title: str | None, subtitle: str,
           relayout: Callable[[QSize], None]) -> Path:
    """Write PNG/SVG/PDF; for vector output the views' background caches are off so nothing is bitmapped."""
    views = list(widget.findChildren(QGraphicsView))
    modes = [v.cacheMode() for v in views]
    if out_path.suffix.lower() != ".png":
        for v in views:
            v.setCacheMode(QGraphicsView.CacheModeFlag.CacheNone)
    try:
        return _write_file(widget, out_path, width, height, title, subtitle, relayout)
    finally:
        for v, mode in zip(views, modes, strict=True):
            v.setCacheMode(mode)


def _write_file(widget: QWidget, out_path: Path, width: int, height: int, title: str | None, subtitle: str,
                relayout: Callable[[QSize], None]) -> Path:
    suffix = _check_suffix(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    band = _title_height(width) if title is not None else 0
    if suffix in (".png", ".svg"):
        relayout(QSize(width, height - band))
        if suffix == ".png":
            image = QImage(width, height, QImage.Format.Format_ARGB32)
            image.setDevicePixelRatio(1.0)
            image.fill(palette.BACKGROUND)
            p = QPainter(image)
            p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            _paint_frame(p, widget, width, height, title, subtitle)
            p.end()
            if not image.save(str(out_path), "PNG"):
                raise OSError(f"cannot write {out_path}")
        else:
            gen = QSvgGenerator()
            gen.setFileName(str(out_path))
            gen.setSize(QSize(width, height))
            gen.setViewBox(QRect(0, 0, width, height))
            gen.setResolution(96)
            gen.setTitle(title or "")
            gen.setDescription(subtitle)
            p = QPainter(gen)
            _paint_frame(p, widget, width, height, title, subtitle)
            p.end()
            _svg_pixel_size(out_path, width, height)
        return out_path
    paper, windows = _pages_for(widget)
    writer = QPdfWriter(str(out_path))
    writer.setResolution(PDF_DPI)
    writer.setTitle(title or "")
    writer.setCreator("Portfolio Planner")
    writer.setPageLayout(QPageLayout(QPageSize(paper), QPageLayout.Orientation.Landscape, QMarginsF(8, 8, 8, 8),
                                     QPageLayout.Unit.Millimeter))
    page_px = writer.pageLayout().paintRectPixels(PDF_DPI)
    logical_w = max(width, 1200)
    logical_h = int(logical_w * page_px.height() / page_px.width())
    relayout(QSize(logical_w, logical_h - band))
    p = QPainter(writer)
    scale = page_px.width() / logical_w
    pages = windows or [(0, 0)]
    for i, (first, count) in enumerate(pages):
        if i:
            writer.newPage()
        if count and len(pages) > 1:
            widget.show_rows(first, count)  # type: ignore[attr-defined]
            QApplication.processEvents()
        p.save()
        p.scale(scale, scale)
        page = tr("Side {n} af {total}").format(n=i + 1, total=len(pages)) if len(pages) > 1 else ""
        _paint_frame(p, widget, logical_w, logical_h, title, subtitle, page)
        p.restore()
    p.end()
    return out_path


def _svg_pixel_size(path: Path, width: int, height: int) -> None:
    """QSvgGenerator states the size in mm; state it in pixels so viewers show the asked size."""
    text = path.read_text(encoding="utf-8")
    head, sep, rest = text.partition("<svg")
    tag, close, tail = rest.partition(">")
    tag = re.sub(r'\swidth="[^"]*"', f' width="{width}"', tag, count=1)
    tag = re.sub(r'\sheight="[^"]*"', f' height="{height}"', tag, count=1)
    path.write_text(head + sep + tag + close + tail, encoding="utf-8")


def _auto_title(widget: QWidget) -> tuple[str | None, str]:
    key = getattr(widget, "VIEW_KEY", None)
    portfolio = widget.portfolio() if hasattr(widget, "portfolio") else None
    if key not in VIEWS or not isinstance(portfolio, Portfolio):
        return None, ""
    status = widget.status_date() if hasattr(widget, "status_date") else None
    return title_lines(portfolio, key, status, getattr(widget, "lang", None))


def render_language(lang: str | None = None) -> str:
    """'da'/'en': ``lang``, else the language installed in the app, else the command line's (PLANNER_LANG)."""
    if lang:
        return i18n.normalise(lang)
    if i18n.installed_language():
        return i18n.installed_language()
    from planner.cli import cli_language

    return cli_language()


class _Language:
    """Install a language's translators for a while (a headless render), then put back what was there."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._before = i18n.installed_language()
        self._locale = QLocale()

    def __enter__(self) -> None:
        if self.lang != self._before:
            i18n.install(self.lang)

    def __exit__(self, *exc: object) -> None:
        if self.lang == self._before:
            return
        if self._before:
            i18n.install(self._before)
        else:
            i18n.uninstall()
        QLocale.setDefault(self._locale)


def render_view(portfolio: Portfolio, view: str, out_path: str | os.PathLike[str], width: int = 1600,
                height: int = 900, *, status_date: date | None = None, today: date | None = None,
                lang: str | None = None) -> Path:
    """Write one chart of a portfolio as PNG/SVG/PDF (by suffix), with a title band and a legend.

    ``lang`` ('da'/'en') is the language of every text and number in the picture; by default the one the
    app has installed, else PLANNER_LANG / the system's (:func:`planner.cli.cli_language`), so
    ``PLANNER_LANG=en planner render …`` draws in English.
    """
    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r}; choose one of {', '.join(VIEWS)}")
    if width < 320 or height < 240:
        raise ValueError("the picture must be at least 320 × 240 pixels")
    out = Path(out_path)
    _check_suffix(out)
    ensure_app()
    lang = render_language(lang)
    with _Language(lang):
        return _render(portfolio, view, out, width, height, status_date, today, lang)


def _render(portfolio: Portfolio, view: str, out: Path, width: int, height: int, status_date: date | None,
            today: date | None, lang: str) -> Path:
    widget = make_view(view, portfolio, lang)
    try:
        if view == "timeline":
            if today is not None:
                widget.set_today(today)  # type: ignore[attr-defined]
            if status_date is not None:
                widget.set_status_date(status_date)  # type: ignore[attr-defined]
        title, subtitle = title_lines(portfolio, view, status_date or today, lang)

        def relayout(size: QSize) -> None:
            _layout_widget(widget, size)
            if hasattr(widget, "fit_all"):
                widget.fit_all()
            QApplication.processEvents()

        return _write(widget, out, width, height, title, subtitle, relayout)
    finally:
        widget.hide()
        widget.deleteLater()
        QApplication.processEvents()


def export_widget(widget: QWidget, out_path: str | os.PathLike[str], *, title: str | None = None,
                  subtitle: str = "", auto_title: bool = True) -> Path:
    """Write a widget as it is on screen to PNG/SVG/PDF, with a title band on top.

    The title is ``title``, else (``auto_title``) made from the chart's portfolio like ``render_view``
    does. A PNG/SVG is the widget's size plus the band; for a PDF the widget is laid out on the page's
    proportions for the time of writing (and a timeline split over pages), then put back as it was.
    """
    out = Path(out_path)
    suffix = _check_suffix(out)
    if title is None and auto_title:
        title, subtitle = _auto_title(widget)
    size = widget.size()
    band = _title_height(size.width()) if title is not None else 0
    state: dict[str, Any] = {}
    vb = getattr(widget, "_vb", None)
    if vb is not None:
        state["range"] = vb.viewRange()

    def relayout(new: QSize) -> None:
        if new != widget.size():
            widget.resize(new)
            QApplication.processEvents()

    try:
        return _write(widget, out, size.width(), size.height() + band, title, subtitle, relayout)
    finally:
        if suffix == ".pdf":
            widget.resize(size)
            if "range" in state:
                (x0, x1), (y0, y1) = state["range"]
                vb.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)
            QApplication.processEvents()
