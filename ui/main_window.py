"""The main window: charts above, the initiatives table and the findings below.

It wires the pieces together and owns nothing the pieces can own themselves: the open portfolio is in
:class:`~ui.document.Document`, the menus in :mod:`ui.file_actions` / :mod:`ui.view_actions`, the
meeting mode in :mod:`ui.presentation`, remembered values in :mod:`ui.settings`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from PySide6.QtCore import QByteArray, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QGraphicsView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planner.findings import Finding
from ui import edit_actions, file_actions, palette
from ui.document import Document, is_openable
from ui.file_actions import FileActions, SaveChoice
from ui.findings_panel import FindingsPanel
from ui.hidden_views import PendingViews
from ui.initiatives_panel import InitiativesPanel
from ui.plain_text import plain
from ui.presentation import KeyTotalsBar, PresentationController
from ui.recent_files import RecentFiles
from ui.settings import (
    DEFAULT_VIEW,
    LAST_VIEW,
    SPLITTER_LOWER,
    SPLITTER_MAIN,
    WINDOW_GEOMETRY,
    WINDOW_STATE,
    Settings,
)
from ui.status_date_dialog import StatusDateDialog
from ui.view_actions import ViewActions
from ui.views import VIEW_KEYS, call, make_view

if TYPE_CHECKING:
    from ui.rebalance_charts import ChartsInstall

APP_TITLE = "Portfolio Planner"
DEFAULT_SIZE = QSize(1400, 860)
MAX_FIRST_SIZE = QSize(1840, 1080)


def _chart_page_palette(page: QWidget) -> QPalette:
    pal = page.palette()
    pal.setColor(page.backgroundRole(), palette.BACKGROUND)
    return pal


class MainWindow(QMainWindow):
    """One window, one document. ``view_changed(key)`` fires when another chart is shown."""

    view_changed = Signal(str)
    built = Signal()
    chart_built = Signal(str)
    """The chart of this key was just made (it may wait for its data until its tab is shown)."""
    """Everything a ``defer`` window left out is built (charts and docks); see :meth:`finish_build`."""

    def __init__(self, settings: Settings | None = None, parent: QWidget | None = None,
                 document: Document | None = None, *, defer: bool = False) -> None:
        """``document``: an open document to show (ui.i18n rebuilds the window around it for a new language).

        ``defer`` (app start): build only what the first frame needs (menus, totals, table, findings); the
        charts and the re-balancing docks are built by :meth:`finish_build` (ui.app calls it right after
        the first paint), or at once when something asks for them (``views``, ``rebalance``,
        ``current_view``). Their tab pages and docks exist from the start, empty and white, so the
        window's layout and restored state are final in the first frame, and the first frame waits
        neither for the charts nor for importing pyqtgraph and numpy (issue 7: start-up)."""
        super().__init__(parent)
        self.settings = settings or Settings()
        self.lang = self.settings.language()
        self.recent = RecentFiles(self.settings)
        self.document = document if document is not None else Document(self)
        self.document.setParent(self)
        self.last_error: tuple[str, str] | None = None
        self._remembered_view = "timeline"
        self._syncing_selection = False
        self._charts_told = False
        self._changes: object = None  # the ChangeSet of the edit being reported (amounts_changed → changed)

        # Each tab page holds its chart once built; ``_views`` has the charts built so far.
        self._views: dict[str, QWidget] = {}
        self._hidden = PendingViews()  # what the charts on hidden tabs missed (ui.hidden_views)
        self._shown_waits = False  # the shown chart catches up on the next event-loop turn (a new portfolio)
        self._pages: dict[str, QWidget] = {}
        self._rebalance: ChartsInstall | None = None
        self._dock_placeholders: object = None
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        tab_titles = {"timeline": self.tr("Tidslinje"), "phases": self.tr("Efter fase"),
                      "budget": self.tr("Budget")}
        for key in VIEW_KEYS:
            page = QWidget()
            page_layout = QVBoxLayout(page)
            page_layout.setContentsMargins(0, 0, 0, 0)
            page.setAutoFillBackground(True)  # the charts' white, also before a deferred chart is built
            page.setPalette(_chart_page_palette(page))
            self._pages[key] = page
            self.tabs.addTab(page, tab_titles[key])
        if not defer:
            for key in VIEW_KEYS:
                self._build_view(key, sync=False)
        self.totals = KeyTotalsBar(self.lang)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.setSpacing(2)
        top_layout.addWidget(self.totals)
        top_layout.addWidget(self.tabs, 1)

        self.table_panel = InitiativesPanel(self.lang)
        self.findings_panel = FindingsPanel(self.lang)
        self.lower = QSplitter(Qt.Orientation.Horizontal)
        self.lower.addWidget(self.table_panel)
        self.lower.addWidget(self.findings_panel)
        self.lower.setStretchFactor(0, 3)
        self.lower.setStretchFactor(1, 1)
        self.lower.setChildrenCollapsible(False)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.lower)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.splitter)
        self.setCentralWidget(central)

        self.file = FileActions(self)
        self.view = ViewActions(self)
        self.presentation = PresentationController(self)
        menu_bar = self.menuBar()
        self.file.fill_menu(menu_bar.addMenu(self.tr("&Filer")))
        self.view.fill_view_menu(menu_bar.addMenu(self.tr("&Vis")))
        self.view.fill_help_menu(menu_bar.addMenu(self.tr("&Hjælp")))
        self.edit = edit_actions.install(self)
        self.edit.totals_model.follow(self.document)
        if defer:
            from ui import startup

            self._dock_placeholders = startup.placeholder_docks(self)
        else:
            self._install_docks()
        self.file_label = QLabel()
        plain(self.file_label)
        self.statusBar().addPermanentWidget(self.file_label)
        self.setAcceptDrops(True)
        from ui import language_menu

        self.languages = language_menu.install(self)

        self.document.portfolio_replaced.connect(self._on_portfolio_replaced)
        self.document.amounts_changed.connect(self._on_amounts_changed)
        self.document.changed.connect(self._on_changed)
        self.document.dirty_changed.connect(self.setWindowModified)
        self.document.path_changed.connect(self._update_title)
        self.table_panel.initiative_selected.connect(self._table_selected)
        self.table_panel.filters_changed.connect(self._filters_changed)
        self.findings_panel.finding_activated.connect(self._finding_activated)
        self.tabs.currentChanged.connect(self._tab_changed)

        self.setMinimumSize(720, 480)
        self._resize_to_default()
        self.splitter.setSizes([500, 330])
        self.lower.setSizes([1040, 340])
        self.lower.setHandleWidth(12)
        self.splitter.setHandleWidth(10)
        self._restore_state()
        self._on_portfolio_replaced()

    # -- prompts (plain methods so tests can answer them) ------------------------------------------------
    def ask_save_changes(self) -> SaveChoice:
        name = self.document.display_name() or self.tr("Ny portefølje")
        box = QMessageBox(QMessageBox.Icon.Warning, APP_TITLE,
                          self.tr("Vil du gemme ændringerne i {name}?").format(name=name),
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Cancel, self)
        plain(box)
        box.setInformativeText(self.tr("Dine ændringer går tabt, hvis du ikke gemmer dem."))
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        box.button(QMessageBox.StandardButton.Save).setText(self.tr("&Gem"))
        box.button(QMessageBox.StandardButton.Discard).setText(self.tr("&Kassér"))
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("&Annullér"))
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return SaveChoice.SAVE
        if answer == QMessageBox.StandardButton.Discard:
            return SaveChoice.DISCARD
        return SaveChoice.CANCEL

    def ask_open_path(self) -> str:
        return file_actions.open_file_dialog(self, str(Path(self.document.path).parent) if self.document.path else "")

    def ask_save_path(self) -> str:
        start = self.document.path or str(Path.home() / "portefolje.xlsx")
        return file_actions.save_file_dialog(self, str(Path(start).with_suffix(".xlsx")))

    def ask_export_path(self) -> str:
        stem = Path(self.document.path).stem if self.document.path else "portefolje"
        return file_actions.export_file_dialog(self, f"{stem}-{self.current_view_key()}.png")

    def ask_status_date(self, current: date | None) -> date | None | Literal[False]:
        """The status date chosen (None = no status line), or False when the user cancelled."""
        dialog = StatusDateDialog(current, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return dialog.chosen()

    def show_error(self, title: str, text: str) -> None:
        """A non-blocking message box; the window stays usable behind it."""
        self.last_error = (title, text)
        box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok, self)
        plain(box)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # -- opening -------------------------------------------------------------------------------------
    def open_path(self, path: str, *, ask: bool = True) -> bool:
        return self.file.open_path(path, ask=ask)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(is_openable(u.toLocalFile()) for u in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if self.file.drop_paths(paths):
            event.acceptProposedAction()
        else:
            event.ignore()

    # -- building (all at once, or the rest right after the first paint) -----------------------------------
    @property
    def views(self) -> Mapping[str, QWidget]:
        """The three charts by key, up to date (built now if the window was made with ``defer`` and they
        are not yet; a hidden tab's chart is brought up to date when it is looked up)."""
        for key in VIEW_KEYS:
            if key not in self._views:
                self._build_view(key)
        return _UpToDateViews(self)

    def built_views(self) -> dict[str, QWidget]:
        """The charts built so far, as they are (a hidden tab's chart may wait for updates)."""
        return dict(self._views)

    def chart(self, key: str) -> QWidget:
        """The chart ``key``, built and brought up to date now."""
        if key not in self._views:
            self._build_view(key)
        view = self._views[key]
        self._hidden.flush(key, view, self.document.portfolio)
        return view

    @property
    def rebalance(self) -> ChartsInstall:
        """The re-balancing charts and scenarios docks (built now if they are not yet), up to date (after a
        new portfolio they take it on the next event-loop turn unless asked for sooner, like the charts)."""
        if self._rebalance is None:
            self._install_docks()
        assert self._rebalance is not None
        self._rebalance.catch_up()
        return self._rebalance

    def build_docks(self) -> None:
        """Make the re-balancing docks if they are not made yet; they take the portfolio on the next turn
        of the event loop unless asked for sooner (:attr:`rebalance`)."""
        if self._rebalance is None:
            self._install_docks()

    def build_chart(self, key: str) -> None:
        """Make the chart ``key`` if it is not made yet, without laying it out (see :meth:`chart`)."""
        if key not in self._views:
            self._build_view(key)

    def is_built(self) -> bool:
        """True when every chart and dock exists (always, unless made with ``defer`` and not finished)."""
        return self._rebalance is not None and len(self._views) == len(VIEW_KEYS)

    def finish_build(self) -> None:
        """Build what ``defer`` left out: the other charts, then the docks' contents. Idempotent."""
        if self.is_built():
            return
        self.setUpdatesEnabled(False)  # one repaint with everything in place, not one per piece
        try:
            _ = self.current_view()
            _ = self.views
            _ = self.rebalance
        finally:
            self.setUpdatesEnabled(True)

    def _build_view(self, key: str, *, sync: bool = True) -> None:
        """Make the chart ``key`` and put it in its tab; ``sync`` gives it what the window shows now."""
        view = make_view(key)
        self._views[key] = view
        layout = self._pages[key].layout()
        assert layout is not None
        layout.addWidget(view)
        for graphics in view.findChildren(QGraphicsView):  # they would swallow a workbook dropped on them
            graphics.setAcceptDrops(False)
            graphics.viewport().setAcceptDrops(False)
        signal = getattr(view, "initiative_selected", None)
        if signal is not None:
            signal.connect(self._chart_selected)
        if not sync:
            return
        self._tell(key, "set_portfolio", self.document.portfolio)
        if key == "timeline":
            self._filters_changed()
        selected = self.table_panel.selected_initiative()
        if selected and key in ("timeline", "phases"):
            self._tell(key, "select_initiative", selected)
        self.chart_built.emit(key)

    def _tell(self, key: str, method: str, *args: Any) -> None:
        """Call a chart's contract method now if its tab is shown, else when it is (ui.hidden_views)."""
        view = self._views.get(key)
        if view is None:
            return  # built later, and given what the window shows then
        if key == self.current_view_key() and not self._shown_waits:
            self._hidden.flush(key, view, self.document.portfolio)
            call(view, method, *args)
        elif method == "select_initiative":
            self._hidden.select(key, *args)
        elif method == "set_visible_ids":
            self._hidden.set_visible_ids(key, *args)
        elif method == "set_portfolio":
            self._hidden.set_portfolio(key)
        else:
            self._hidden.refresh(key, *args)

    def _install_docks(self) -> None:
        from ui import rebalance_charts

        _ = self.views  # the docks follow the charts' selection
        if self._dock_placeholders is not None:
            from ui import startup

            placeholders, self._dock_placeholders = self._dock_placeholders, None
            self._rebalance = startup.replace_placeholder_docks(self, placeholders, rebalance_charts.install)
            selected = self.table_panel.selected_initiative()
            if selected:  # chosen before the docks existed
                self._rebalance.select(selected)
        else:
            self._rebalance = rebalance_charts.install(self)
        self.built.emit()

    def _saved_view(self) -> str:
        view = self.settings.get(LAST_VIEW) or self.settings.get(DEFAULT_VIEW)
        return view if view in VIEW_KEYS else "timeline"

    # -- views ---------------------------------------------------------------------------------------
    def current_view_key(self) -> str:
        return VIEW_KEYS[max(self.tabs.currentIndex(), 0)]

    def current_view(self) -> QWidget:
        return self.chart(self.current_view_key())

    def remembered_view(self) -> str:
        return self._remembered_view

    def show_view(self, key: str, *, remember: bool = True) -> None:
        if key not in VIEW_KEYS:
            key = "timeline"
        if remember:
            self._remembered_view = key
        self.tabs.setCurrentIndex(VIEW_KEYS.index(key))
        self.view.mark_view(key)

    def _tab_changed(self, index: int) -> None:
        key = VIEW_KEYS[index]
        self.chart(key)  # built, and told what it missed while hidden
        if not self.presentation.active:
            self._remembered_view = key
        self.view.mark_view(key)
        self.view_changed.emit(key)

    def presentation_hidden_widgets(self) -> list[QWidget]:
        return [self.menuBar(), self.statusBar(), self.lower, self.tabs.tabBar(), self.rebalance.charts_dock,
                self.rebalance.scenarios_dock]

    def presentation_changed(self, on: bool) -> None:
        self.view.presentation.setChecked(on)

    # -- document → widgets --------------------------------------------------------------------------
    def _on_portfolio_replaced(self) -> None:
        """A new portfolio: the table, findings and totals now; the shown chart on the next turn of the
        event loop, so the window can repaint and react in between (issue 7: at 10,000 initiatives the two
        together held the window for ≈ 0.1 s), the hidden ones when shown."""
        portfolio = self.document.portfolio
        if self._views and not self._shown_waits:
            self._shown_waits = True
            QTimer.singleShot(0, self, self._shown_catches_up)
        for key in list(self._views):
            self._tell(key, "set_portfolio", portfolio)
        self.table_panel.set_portfolio(portfolio)
        self.findings_panel.set_findings(portfolio.findings)
        self.totals.update_from(portfolio)
        self._filters_changed()
        self._update_title()

    def _shown_catches_up(self) -> None:
        self._shown_waits = False
        if self._views:
            self.chart(self.current_view_key())

    def _on_amounts_changed(self, changes: object) -> None:
        """Amounts changed: the charts redo only these initiatives (each coalesces into one redraw)."""
        ids = set(getattr(changes, "ids", ()))
        for key in list(self._views):
            self._tell(key, "refresh", ids)
        self._charts_told = True
        self._changes = changes

    def _on_changed(self) -> None:
        portfolio = self.document.portfolio
        if self._charts_told:
            self._charts_told = False
        else:
            for key in list(self._views):
                self._tell(key, "refresh", None)
        changes, self._changes = self._changes, None
        if changes is not None:  # amounts of a few initiatives: the table re-texts those cells only
            self.table_panel.model.refresh(getattr(changes, "ids", ()), getattr(changes, "years", None))
        else:
            self.table_panel.refresh()
        self.findings_panel.set_findings(portfolio.findings)
        self.totals.update_from(portfolio, changes)

    def _update_title(self) -> None:
        name = self.document.display_name() or self.tr("Ny portefølje")
        self.setWindowTitle(f"{name}[*] – {APP_TITLE}")
        self.setWindowFilePath(self.document.path)
        self.setWindowModified(self.document.dirty)
        self.file_label.setText(self.document.path)

    # -- selection and filters -----------------------------------------------------------------------
    def _table_selected(self, initiative_id: str) -> None:
        if self._syncing_selection:
            return
        self._syncing_selection = True
        try:
            for key in ("timeline", "phases"):
                self._tell(key, "select_initiative", initiative_id or None)
        finally:
            self._syncing_selection = False

    def _chart_selected(self, initiative_id: str) -> None:
        if self._syncing_selection:
            return
        self._syncing_selection = True
        try:
            self.table_panel.select_initiative(initiative_id or None)
            for key in ("timeline", "phases"):
                view = self._views.get(key)
                if view is not None and view is not self.sender():
                    self._tell(key, "select_initiative", initiative_id or None)
        finally:
            self._syncing_selection = False

    def _filters_changed(self) -> None:
        if "timeline" in self._views:
            self._tell("timeline", "set_visible_ids", self.table_panel.visible_ids())

    def _finding_activated(self, finding: Finding) -> None:
        if finding.initiative_id:
            key = self._field_of(finding)
            self.table_panel.reveal_cell(finding.initiative_id, key)
            self._chart_selected_from_window(finding.initiative_id)
        location = self.findings_panel.location_text(finding)
        if location:
            self.statusBar().showMessage(location)

    def _chart_selected_from_window(self, initiative_id: str) -> None:
        self._syncing_selection = True
        try:
            for key in ("timeline", "phases"):
                self._tell(key, "select_initiative", initiative_id)
        finally:
            self._syncing_selection = False

    def _field_of(self, finding: Finding) -> str:
        ini = self.document.portfolio.get(finding.initiative_id or "")
        if ini is None or finding.where is None:
            return ""
        for key, ref in ini.sources.items():
            if ref == finding.where:
                return key
        return ""

    def _resize_to_default(self) -> None:
        """92 % of the screen up to 1840×1080 (the table needs the width to show every year beside the
        budget docks), never above the screen; 1400×860 when there is no screen to ask."""
        size = QSize(DEFAULT_SIZE)
        screen = self.screen()
        if screen is not None and screen.availableGeometry().width() >= self.minimumWidth():
            available = screen.availableGeometry().size()
            size = QSize(int(available.width() * 0.92), int(available.height() * 0.92)).boundedTo(MAX_FIRST_SIZE)
        self.resize(size)

    # -- settings ------------------------------------------------------------------------------------
    def _restore_state(self) -> None:
        geometry = self.settings.get(WINDOW_GEOMETRY)
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        state = self.settings.get(WINDOW_STATE)
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        for splitter, setting in ((self.splitter, SPLITTER_MAIN), (self.lower, SPLITTER_LOWER)):
            saved = self.settings.get(setting)
            if isinstance(saved, QByteArray) and not saved.isEmpty():
                splitter.restoreState(saved)
        self.show_view(self._saved_view())

    def save_state(self) -> None:
        self.settings.set(WINDOW_GEOMETRY, self.saveGeometry())
        self.settings.set(WINDOW_STATE, self.saveState())
        self.settings.set(SPLITTER_MAIN, self.splitter.saveState())
        self.settings.set(SPLITTER_LOWER, self.lower.saveState())
        self.settings.set(LAST_VIEW, self._remembered_view)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.file.maybe_save():
            event.ignore()
            return
        if self.presentation.active:
            self.presentation.leave()
        if self.file.job is not None:
            self.file.job.cancel()
            self.file.job.wait()
        self.save_state()
        event.accept()


class _UpToDateViews(Mapping[str, QWidget]):
    """``MainWindow.views``: each chart looked up is brought up to date first (ui.hidden_views)."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window

    def __getitem__(self, key: str) -> QWidget:
        if key not in VIEW_KEYS:
            raise KeyError(key)
        return self._window.chart(key)

    def __iter__(self) -> Iterator[str]:
        return iter(VIEW_KEYS)

    def __len__(self) -> int:
        return len(VIEW_KEYS)
