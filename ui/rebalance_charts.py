"""The re-balancing panel beside the table: stacked years against the frame, group totals, one profile.

:class:`RebalanceCharts` follows the document: ``refresh(changed_ids)`` collects what changed and a
single-shot timer updates the shared :class:`~ui.stacked_bars.FigureCache` (only the changed rows) and
then every chart's items in place, so many edits in one event-loop turn cost one update. The baseline
(figures as loaded, or the document's own baseline when it keeps one) can be drawn as dashed ghosts.

:func:`install` puts the panel and the scenarios panel into the main window as docks on the right and
wires them to the document and the selection (one call from ``MainWindow.__init__``).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDockWidget,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from planner.model import Portfolio
from planner.scenarios import Scenario
from planner.scenarios import baseline as capture_baseline
from ui import palette
from ui.rebalance_plots import (
    MODE_AREA,
    MODE_INITIATIVE,
    MODE_PHASE,
    MODES,
    GroupTotalsChart,
    ProfileChart,
    StackedYearChart,
)
from ui.stacked_bars import PHASE_KEYS, FigureCache

if TYPE_CHECKING:
    from ui.main_window import MainWindow

__all__ = ["MODES", "MODE_AREA", "MODE_INITIATIVE", "MODE_PHASE", "RebalanceCharts", "install"]


def tr(text: str) -> str:
    return QCoreApplication.translate("RebalanceCharts", text)


def _title(text: str) -> QLabel:
    label = QLabel(text)
    font = palette.chart_font(palette.font_sizes().header, bold=True)
    label.setFont(font)
    label.setContentsMargins(4, 4, 0, 0)
    return label


class RebalanceCharts(QWidget):
    """Three live charts over one portfolio; items made once, updated in place on ``refresh``.

    Invariant after ``flush()``: every chart shows the portfolio's current figures (``stack_data()``,
    ``totals_data()``, ``profile_data()`` report what is drawn).
    """

    def __init__(self, portfolio: Portfolio | None = None, lang: str = "da", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self._cache = FigureCache()
        self._mode = MODE_INITIATIVE
        self._selected: str | None = None
        self._baseline: Scenario | None = None
        self._show_baseline = True
        self._pending: set[str] | None = set()
        self._base_rows: np.ndarray | None = None
        self._profile_stale = True
        self._ghost_key: tuple[int, int] = (0, -1)
        self._ghost_cache: tuple[dict[int, float], dict[str, dict[str, float]]] = ({}, {})

        self.mode_box = QComboBox()
        for mode, text in ((MODE_INITIATIVE, tr("Initiativ")), (MODE_PHASE, tr("Fase")), (MODE_AREA, tr("Område"))):
            self.mode_box.addItem(text, mode)
        self.mode_box.currentIndexChanged.connect(lambda _i: self.set_mode(self.mode_box.currentData()))
        self.ghost_box = QCheckBox(tr("Vis basis"))
        self.ghost_box.setToolTip(tr("Tallene som indlæst, stiplet"))
        self.ghost_box.setChecked(True)
        self.ghost_box.toggled.connect(self.set_show_baseline)
        controls = QHBoxLayout()
        controls.setContentsMargins(4, 0, 4, 0)
        controls.addWidget(QLabel(tr("Stak efter:")))
        controls.addWidget(self.mode_box)
        controls.addSpacing(12)
        controls.addWidget(self.ghost_box)
        controls.addStretch(1)

        self.stacked = StackedYearChart()
        self.totals = GroupTotalsChart()
        self.profile = ProfileChart()
        self.profile_title = _title(tr("Valgt initiativ mod basis"))
        self.profile_title.setTextFormat(Qt.TextFormat.PlainText)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        for title, chart in ((_title(tr("Budget pr. år mod rammen (mio. kr.)")), self.stacked),
                             (_title(tr("I alt efter fase og område")), self.totals),
                             (self.profile_title, self.profile)):
            box = QWidget()
            lay = QVBoxLayout(box)
            lay.setContentsMargins(0, 0, 0, 0)
            lay.setSpacing(2)
            lay.addWidget(title)
            lay.addWidget(chart, 1)
            box.setMinimumHeight(150)
            self.splitter.addWidget(box)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(controls)
        layout.addWidget(self.splitter, 1)
        self.setAutoFillBackground(True)
        pal = self.palette()
        pal.setColor(self.backgroundRole(), palette.BACKGROUND)
        self.setPalette(pal)
        self.setMinimumSize(360, 480)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._apply)
        if portfolio is not None:
            self.set_portfolio(portfolio)

    def sizeHint(self) -> QSize:
        return QSize(480, 760)

    # -- contract ---------------------------------------------------------------------------------------
    def set_portfolio(self, portfolio: Portfolio, baseline: Scenario | None = None) -> None:
        """Show another portfolio; its baseline is ``baseline`` or its figures right now."""
        self._cache = FigureCache()
        self._cache.rebuild(portfolio)
        self._baseline = baseline or capture_baseline(portfolio)
        self._base_rows = None
        if self._selected is not None and self._selected not in self._cache.row:
            self._selected = None
        self._pending = set()
        self._timer.stop()
        self._profile_stale = True
        self._draw()

    def portfolio(self) -> Portfolio:
        return self._cache.portfolio

    def refresh(self, changed_ids: Iterable[str] | None = None) -> None:
        """Figures changed (of ``changed_ids``, or of anything): update on the next event-loop turn."""
        if changed_ids is None or self._pending is None:
            self._pending = None
        else:
            self._pending.update(changed_ids)
        self._timer.start()

    def flush(self) -> None:
        """Carry out a pending refresh now (tests, benchmarks, export)."""
        if self._timer.isActive():
            self._timer.stop()
            self._apply()

    def select_initiative(self, initiative_id: str | None) -> None:
        self._selected = initiative_id or None
        self._profile_stale = True
        self._timer.start()

    def set_mode(self, mode: str) -> None:
        if mode not in MODES:
            raise ValueError(mode)
        self._mode = mode
        if self.mode_box.currentData() != mode:
            self.mode_box.setCurrentIndex(MODES.index(mode))
        self._timer.start()

    def mode(self) -> str:
        return self._mode

    def set_baseline(self, baseline: Scenario | None) -> None:
        self._baseline = baseline
        self._profile_stale = True
        self._base_rows = None
        self._timer.start()

    def set_show_baseline(self, on: bool) -> None:
        self._show_baseline = bool(on)
        self._profile_stale = True
        if self.ghost_box.isChecked() != self._show_baseline:
            self.ghost_box.setChecked(self._show_baseline)
        self._timer.start()

    # -- what is shown (for tests) --------------------------------------------------------------------------
    def stack_data(self) -> dict[str, dict[int, float]]:
        """Series (initiative id, phase value or area, by mode) → year → height drawn."""
        self.flush()
        return self.stacked.stack_data()

    def frame_line(self) -> dict[int, float]:
        self.flush()
        return self.stacked.frame_line()

    def over_years(self) -> list[int]:
        self.flush()
        return self.stacked.over_years()

    def ghost_totals(self) -> dict[int, float]:
        self.flush()
        return self.stacked.ghost_heights()

    def totals_data(self) -> dict[str, dict[str, float]]:
        self.flush()
        return self.totals.totals_data()

    def profile_data(self) -> dict[str, object]:
        self.flush()
        return self.profile.profile_data()

    def items(self) -> list[object]:
        """Every graphics item of the three charts (the same objects for the panel's lifetime)."""
        s, t, p = self.stacked, self.totals, self.profile
        return [s.bars, s.selected, s.ghost, s.over, s.frame, s.summary, t.phase_bars, t.area_bars, t.ghost,
                t.divider, p.bars, p.ghost, p.placeholder]

    # -- updating -------------------------------------------------------------------------------------------
    def _apply(self) -> None:
        pending, self._pending = self._pending, set()
        p = self._cache.portfolio
        rebuilt = (pending is None or bool(pending)) and self._cache.update(p, pending)
        if rebuilt:
            self._base_rows = None
        if rebuilt or pending is None or self._selected in pending:
            self._profile_stale = True
        self._draw()

    def _baseline_rows(self) -> np.ndarray:
        """The baseline as a matrix aligned with the cache's rows and years (computed once per change)."""
        if self._base_rows is None or self._base_rows.shape != self._cache.matrix.shape:
            cache, amounts = self._cache, (self._baseline.amounts if self._baseline else {})
            rows = np.zeros(cache.matrix.shape)
            for i, ini_id in enumerate(cache.ids):
                for y, a in amounts.get(ini_id, {}).items():
                    j = cache.col.get(y)
                    if j is not None:
                        rows[i, j] = float(a)
            self._base_rows = rows
        return self._base_rows

    def _ghosts(self) -> tuple[dict[int, float], dict[str, dict[str, float]]]:
        """Baseline totals per year and per group (recomputed only when the baseline or the groups change)."""
        cache = self._cache
        base = self._baseline_rows()
        key = (id(base), cache.group_version)
        if self._ghost_key != key:
            ghost_years = {y: float(base[:, j].sum()) for j, y in enumerate(cache.years)}
            row_tot = base.sum(axis=1) if base.size else np.zeros(len(cache.ids))
            ph = np.bincount(cache.phase_idx, weights=row_tot, minlength=len(PHASE_KEYS))
            ar = np.bincount(cache.area_idx, weights=row_tot, minlength=len(cache.areas))
            groups = {"phase": {(p.value if p else "ukendt"): float(ph[k]) for k, p in enumerate(PHASE_KEYS)},
                      "area": {a: float(ar[k]) for k, a in enumerate(cache.areas)}}
            self._ghost_cache = (ghost_years, groups)
            self._ghost_key = key
        return self._ghost_cache

    def _draw(self) -> None:
        cache = self._cache
        ghost_years: dict[int, float] | None = None
        ghost_groups: dict[str, dict[str, float]] | None = None
        if self._show_baseline and self._baseline is not None:
            ghost_years, ghost_groups = self._ghosts()
        self.stacked.show_figures(cache, self._mode, self.lang, self._selected, ghost_years)
        self.totals.show_figures(cache, self.lang, ghost_groups)
        base_profile: dict[int, Decimal] | None = None
        if self._baseline is not None and self._selected is not None:
            base_profile = self._baseline.amounts.get(self._selected, {})
        if self._profile_stale:  # an edit elsewhere leaves the profile (and its repaint) alone
            self._profile_stale = False
            self.profile.show_figures(cache, self._selected, base_profile)
        row = cache.row.get(self._selected or "")
        ini = None if row is None else cache.portfolio.initiatives[row]
        title = tr("Valgt initiativ mod basis")
        if ini is not None:
            title = f"{ini.id} · {ini.name}"
        fm = self.profile_title.fontMetrics()
        self.profile_title.setText(fm.elidedText(title, Qt.TextElideMode.ElideRight,
                                                 max(self.profile_title.width() - 8, 200)))
        self.profile_title.setToolTip(title)


# -- the window ---------------------------------------------------------------------------------------------
def _document_baseline(document: Any) -> Scenario | None:
    """The document's baseline when it keeps one (a Scenario, a Portfolio, or a method giving one)."""
    found = getattr(document, "baseline", None)
    if callable(found):
        found = found()
    if isinstance(found, Scenario):
        return found
    if isinstance(found, Portfolio):
        return capture_baseline(found)
    return None


class ChartsInstall(QObject):
    """What :func:`install` added to the window (the panels and their docks) and the wiring to the document.

    Its slots are methods of a QObject owned by the charts, so a window rebuilt around the same document
    (language change) leaves no connection to deleted widgets behind.
    """

    def __init__(self, document: Any, charts: RebalanceCharts, charts_dock: QDockWidget, scenarios: QWidget,
                 scenarios_dock: QDockWidget) -> None:
        super().__init__(charts)
        self.document = document
        self.charts, self.charts_dock = charts, charts_dock
        self.scenarios, self.scenarios_dock = scenarios, scenarios_dock
        self._told = False
        self._replace_due = False

    def replaced(self) -> None:
        self._replace_due = False
        self.charts.set_portfolio(self.document.portfolio, _document_baseline(self.document))

    def replaced_soon(self) -> None:
        """A new portfolio: the charts take it on the next event-loop turn, after the table (issue 7: the
        window can repaint and react in between); anything asking for them sooner gets it then."""
        if not self._replace_due:
            self._replace_due = True
            QTimer.singleShot(0, self, self.catch_up)

    def catch_up(self) -> None:
        """Give the charts a new portfolio now if they are still waiting for it."""
        if self._replace_due:
            self.replaced()

    def amounts_changed(self, changes: Any) -> None:
        """A ChangeSet came (right before ``changed``): update its rows only."""
        if self._replace_due:
            self.replaced()
            self._told = True
            return
        self._told = True
        self.charts.refresh(getattr(changes, "ids", None))

    def changed(self) -> None:
        if self._told:
            self._told = False
            return
        if self._replace_due:
            self.replaced()
            return
        self.charts.refresh()

    def baseline_changed(self, *_args: object) -> None:
        if self._replace_due:
            self.replaced()
            return
        self.charts.set_baseline(_document_baseline(self.document))

    def select(self, initiative_id: str) -> None:
        self.catch_up()
        self.charts.select_initiative(initiative_id or None)


def install(window: MainWindow) -> ChartsInstall:
    """Add the charts and the scenarios as docks on the right of ``window`` and wire them up."""
    from ui.scenarios_panel import ScenariosPanel

    doc = window.document
    charts = RebalanceCharts(lang=getattr(window, "lang", "da"))
    dock = QDockWidget(tr("Budget og rammen"), window)
    dock.setObjectName("rebalance_charts_dock")
    dock.setWidget(charts)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    scenarios = ScenariosPanel(doc)
    sdock = QDockWidget(tr("Scenarier"), window)
    sdock.setObjectName("scenarios_dock")
    sdock.setWidget(scenarios)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, sdock)
    window.splitDockWidget(dock, sdock, Qt.Orientation.Vertical)
    window.resizeDocks([dock], [420], Qt.Orientation.Horizontal)
    window.resizeDocks([dock, sdock], [640, 200], Qt.Orientation.Vertical)
    dock.toggleViewAction().setText(tr("Budget og &rammen"))
    sdock.toggleViewAction().setText(tr("Sce&narier"))
    wiring = ChartsInstall(doc, charts, dock, scenarios, sdock)
    doc.portfolio_replaced.connect(wiring.replaced_soon)
    for name, slot in (("amounts_changed", wiring.amounts_changed), ("changed", wiring.changed),
                       ("baseline_changed", wiring.baseline_changed)):
        signal = getattr(doc, name, None)
        if signal is not None:
            signal.connect(slot)
    window.table_panel.initiative_selected.connect(wiring.select)
    for key in ("timeline", "phases"):
        signal = getattr(window.built_views().get(key), "initiative_selected", None)
        if signal is not None:
            signal.connect(wiring.select)
    for act in window.menuBar().actions():
        menu = act.menu()
        if isinstance(menu, QMenu) and window.view.fit_all in menu.actions():
            menu.addSeparator()
            menu.addAction(dock.toggleViewAction())
            menu.addAction(sdock.toggleViewAction())
            break
    for graphics in charts.findChildren(QGraphicsView):  # a workbook dropped on a chart goes to the window
        graphics.setAcceptDrops(False)
        graphics.viewport().setAcceptDrops(False)
    wiring.replaced_soon()  # the charts take the portfolio on the next turn (or when asked for sooner)
    return wiring
