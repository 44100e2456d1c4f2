"""The initiatives table with its search box and area/phase filters."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.model import Portfolio, area_label
from planner.phases import PHASES
from ui.column_fit import fit_columns
from ui.initiatives_model import ID_ROLE, InitiativesModel
from ui.initiatives_proxy import NO_PHASE, InitiativesProxy

NAME_WIDTH = 210


class InitiativesPanel(QWidget):
    """Table of initiatives; emits ``initiative_selected(id)`` ('' = none) and ``filters_changed``.

    ``select_initiative(id)`` selects the row without emitting (the caller already knows), so a
    selection passed back and forth between table and chart cannot loop.
    """

    initiative_selected = Signal(str)
    filters_changed = Signal()

    def __init__(self, lang: str = "da", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self._quiet = False
        self._told = ""  # the initiative last reported by initiative_selected
        self.model = InitiativesModel(lang=lang, parent=self)
        self.proxy = InitiativesProxy(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Søg efter nr., navn, område …"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Søg"))
        self.area_filter = QComboBox()
        self.area_filter.setAccessibleName(self.tr("Område"))
        self.area_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.phase_filter = QComboBox()
        self.phase_filter.setAccessibleName(self.tr("Fase"))
        self.phase_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.count_label = QLabel()
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)

        search_label = QLabel(self.tr("&Søg:"))
        search_label.setBuddy(self.search)
        area_label_w = QLabel(self.tr("O&mråde:"))
        area_label_w.setBuddy(self.area_filter)
        phase_label = QLabel(self.tr("&Fase:"))
        phase_label.setBuddy(self.phase_filter)

        bar = QHBoxLayout()
        bar.setSpacing(6)
        bar.addWidget(search_label)
        bar.addWidget(self.search, 1)
        bar.addSpacing(8)
        bar.addWidget(area_label_w)
        bar.addWidget(self.area_filter)
        bar.addSpacing(8)
        bar.addWidget(phase_label)
        bar.addWidget(self.phase_filter)
        bar.addSpacing(8)
        bar.addWidget(self.count_label)
        self.search.setMinimumWidth(140)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.setAccessibleName(self.tr("Initiativer"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.empty_hint = QLabel(self.tr(
            "Ingen initiativer.\n\nÅbn en projektmappe med Filer > Åbn (Ctrl+O),\n"
            "eller træk en .xlsx-fil hen på vinduet."))
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setStyleSheet("color: palette(dark); font-size: 14px;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_hint)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)

        self.search.textChanged.connect(self._on_text)
        self.area_filter.currentIndexChanged.connect(self._on_area)
        self.phase_filter.currentIndexChanged.connect(self._on_phase)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._selection_follows_layout)
        self._fill_filters()
        self._update_count()

    # -- portfolio -----------------------------------------------------------------------------------
    def set_portfolio(self, portfolio: Portfolio) -> None:
        self.model.set_portfolio(portfolio)
        self._fill_filters()
        self._size_columns()
        self._update_count()

    def refresh(self) -> None:
        self.model.refresh()
        self._update_count()

    def _fill_filters(self) -> None:
        portfolio = self.model.portfolio
        areas = sorted({i.area for i in portfolio.initiatives if i.area})
        keep_area = self.area_filter.currentData()
        keep_phase = self.phase_filter.currentData()
        for combo in (self.area_filter, self.phase_filter):
            combo.blockSignals(True)
            combo.clear()
        self.area_filter.addItem(self.tr("Alle områder"), None)
        for area in areas:
            self.area_filter.addItem(area_label(area, self._lang), area)
        self.phase_filter.addItem(self.tr("Alle faser"), None)
        for phase in PHASES:
            self.phase_filter.addItem(phase.label(self._lang), phase.value)
        if any(i.phase is None for i in portfolio.initiatives):
            self.phase_filter.addItem(self.tr("Uden fase"), NO_PHASE)
        for combo, keep in ((self.area_filter, keep_area), (self.phase_filter, keep_phase)):
            found = combo.findData(keep) if keep is not None else 0
            combo.setCurrentIndex(max(found, 0))
            combo.blockSignals(False)
        self.proxy.set_area(self.area_filter.currentData())
        self.proxy.set_phase(self.phase_filter.currentData())

    def fit_columns(self, columns: Iterable[int], candidates: int = 24) -> None:
        """Size ``columns`` to their header and widest cells (see :mod:`ui.column_fit`)."""
        fit_columns(self.table, self.model, columns, candidates)

    def _size_columns(self) -> None:
        header = self.table.horizontalHeader()
        name_col = self.model.column_of("name")
        self.fit_columns([c for c in range(self.model.columnCount()) if c != name_col])  # the name's is fixed
        if name_col >= 0:
            header.resizeSection(name_col, NAME_WIDTH)
        area_col = self.model.column_of("area")
        if area_col >= 0:
            header.resizeSection(area_col, min(header.sectionSize(area_col), 170))
        for col in range(self.model.columnCount()):
            if self.model.column_key(col).startswith("year:"):
                header.resizeSection(col, max(header.sectionSize(col), 56))

    # -- filters ---------------------------------------------------------------------------------------
    def set_search_text(self, text: str) -> None:
        self.search.setText(text)

    def set_area_filter(self, area: str | None) -> None:
        self.area_filter.setCurrentIndex(max(self.area_filter.findData(area) if area else 0, 0))

    def set_phase_filter(self, phase: str | None) -> None:
        self.phase_filter.setCurrentIndex(max(self.phase_filter.findData(phase) if phase else 0, 0))

    def visible_ids(self) -> set[str] | None:
        return self.proxy.visible_ids()

    def visible_row_count(self) -> int:
        return self.proxy.rowCount()

    def _on_text(self, text: str) -> None:
        self.proxy.set_text(text)
        self._filters_changed()

    def _on_area(self, _index: int) -> None:
        self.proxy.set_area(self.area_filter.currentData())
        self._filters_changed()

    def _on_phase(self, _index: int) -> None:
        self.proxy.set_phase(self.phase_filter.currentData())
        self._filters_changed()

    def _filters_changed(self) -> None:
        self._update_count()
        self.filters_changed.emit()

    def _update_count(self, *_args: object) -> None:
        total = self.model.rowCount()
        self.stack.setCurrentWidget(self.table if total else self.empty_hint)
        shown = self.proxy.rowCount()
        if shown == total:
            self.count_label.setText(self.tr("{n} initiativer").format(n=total))
        else:
            self.count_label.setText(self.tr("{shown} af {total} initiativer").format(shown=shown, total=total))

    # -- selection -------------------------------------------------------------------------------------
    def selected_initiative(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return str(rows[0].data(ID_ROLE))

    def select_initiative(self, initiative_id: str | None) -> bool:
        """Select and show the row of an initiative; False when it is unknown or filtered out."""
        self._quiet = True
        try:
            selection = self.table.selectionModel()
            row = self.proxy.proxy_row_of(initiative_id) if initiative_id else -1
            if row < 0:
                selection.clearSelection()
                return False
            index = self.proxy.index(row, 0)
            selection.select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                             | QItemSelectionModel.SelectionFlag.Rows)
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.table.scrollTo(index)
            return True
        finally:
            self._quiet = False

    def reveal_cell(self, initiative_id: str, key: str) -> bool:
        """Select the initiative and make the column ``key`` ("year:2024", "name" …) current."""
        if not self.select_initiative(initiative_id):
            return False
        col = self.model.column_of(key)
        if col < 0:
            return True
        row = self.proxy.proxy_row_of(initiative_id)
        index = self.proxy.index(row, col)
        self.table.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
        self.table.scrollTo(index)
        return True

    def _on_selection(self, *_args: object) -> None:
        if not self._quiet:
            self._told = self.selected_initiative() or ""
            self.initiative_selected.emit(self._told)

    def _selection_follows_layout(self, *_args: object) -> None:
        """A filter hid the selected row (the selection model says nothing on a layout change): report it."""
        if not self._quiet and (self.selected_initiative() or "") != self._told:
            self._on_selection()

    def current_index(self) -> QModelIndex:
        return self.table.currentIndex()
