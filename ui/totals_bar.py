"""The totals rows under the initiatives table, lined up with its year columns.

A headerless three-row table over :class:`~ui.totals_model.TotalsModel` that copies the initiatives
table's column widths, hidden columns and horizontal scroll position, so each sum sits under its column.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QFrame, QTableView, QWidget

from ui.totals_model import TotalsModel

TEXT_KEYS = ("id", "name", "area", "phase", "period")
MIN_LABEL_WIDTH = 90


class TotalsBar(QTableView):
    """Three rows (allocated, frame, remaining) following ``table`` column for column."""

    def __init__(self, table: QTableView, model: TotalsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._table = table
        self._text_widths: dict[str, object] = {}
        self._synced: tuple[object, ...] | None = None  # what the last sync copied (see _copied_state)
        self.setModel(model)
        self.horizontalHeader().setVisible(False)
        self.verticalHeader().setVisible(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)  # follows the table's pixels
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(self.tr("Totaler, ramme og rest"))
        self.verticalHeader().setDefaultSectionSize(table.verticalHeader().defaultSectionSize())
        header = table.horizontalHeader()
        header.sectionResized.connect(self._resize_section)
        header.geometriesChanged.connect(self.sync)
        table.horizontalScrollBar().valueChanged.connect(self._scrolled)
        table.horizontalScrollBar().rangeChanged.connect(lambda *_: self.sync())
        model.modelReset.connect(self._resync)
        model.dataChanged.connect(self._sums_changed)
        table.model().modelReset.connect(self._resync)
        table.model().columnsInserted.connect(lambda *_: self._resync())
        table.model().columnsRemoved.connect(lambda *_: self._resync())
        table.viewport().installEventFilter(self)  # the table's scroll bar comes and goes with its height
        self.setSizePolicy(self.sizePolicy().horizontalPolicy(), self.sizePolicy().Policy.Fixed)
        self.sync()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.sync()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self._table.viewport():
            self.sync()
        return False

    def sizeHint(self) -> QSize:
        rows = self.model().rowCount() if self.model() else 3
        height = rows * self.verticalHeader().defaultSectionSize() + 2 * self.frameWidth()
        return QSize(super().sizeHint().width(), height)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self.sizeHint().height())

    def _resize_section(self, column: int, _old: int, new: int) -> None:
        if column < self.model().columnCount():
            self.setColumnWidth(column, new)

    def _scrolled(self, _value: int) -> None:
        self._follow_offset()
        self._place_labels()

    def _follow_offset(self) -> None:
        """Scroll to the table's pixel offset (its per-column scrolling can end a pixel past ours)."""
        offset = self._table.horizontalHeader().offset()
        self.horizontalScrollBar().setValue(offset)
        if self.horizontalHeader().offset() != offset:
            self.horizontalHeader().setOffset(offset)
            self.viewport().update()

    def _place_labels(self) -> None:
        """Row labels in the leftmost text column still in view, spanning the text columns after it, so
        they stay readable when the table is scrolled sideways."""
        model = self.model()
        table = self._table
        keys = [model.column_key(c) for c in range(model.columnCount())]
        text_cols = [c for c, k in enumerate(keys) if k in TEXT_KEYS and not self.isColumnHidden(c)]
        chosen = text_cols[0] if text_cols else -1
        for col in text_cols:
            if table.columnViewportPosition(col) + table.columnWidth(col) >= MIN_LABEL_WIDTH:
                chosen = col
                break
        self.clearSpans()
        if chosen < 0:
            return
        model.set_label_key(keys[chosen])
        span = 1
        while chosen + span < len(keys) and keys[chosen + span] in TEXT_KEYS:
            span += 1
        if span > 1:
            for row in range(model.rowCount()):
                self.setSpan(row, chosen, 1, span)

    def _copied_state(self) -> tuple[object, ...]:
        """Everything :meth:`sync` copies or depends on, besides the sums (a model reset forces a sync)."""
        header, table = self._table.horizontalHeader(), self._table
        return (self.model().columnCount(), header.count(), header.offset(), self.width(), self.frameWidth(),
                table.viewport().width(), self.viewport().width(), self.font().key(),
                tuple((header.isSectionHidden(c), header.sectionSize(c)) for c in range(header.count())))

    def _resync(self) -> None:
        self._synced = None
        self.sync()

    def sync(self) -> None:
        """Copy the table's column widths, hidden columns, scroll position and scroll-bar margin (nothing
        to do when none of them changed since the last time: a window relayout asks many times)."""
        if self._synced is not None and self._synced == self._copied_state():
            return
        self._sync()
        self._synced = self._copied_state()

    def _sync(self) -> None:
        header = self._table.horizontalHeader()
        for col in range(self.model().columnCount()):
            hidden = col >= header.count() or header.isSectionHidden(col)
            self.setColumnHidden(col, hidden)
            if not hidden:
                self.setColumnWidth(col, header.sectionSize(col))
        table = self._table
        # the same visible width as the table's cells (its vertical scroll bar, when shown, takes some)
        self.setViewportMargins(0, 0, max(0, self.width() - 2 * self.frameWidth() - table.viewport().width()), 0)
        self.setFixedHeight(self.sizeHint().height())
        self._widen_for_sums()
        self._follow_offset()
        self._place_labels()

    def _sums_changed(self, first: QModelIndex, last: QModelIndex, *_roles: object) -> None:
        if first.isValid() and last.isValid():
            self._widen_for_sums(first.column(), last.column())
        else:
            self._widen_for_sums()

    def _widen_for_sums(self, first: int = 0, last: int | None = None) -> None:
        """Widen a table column whose sum (the grand total of 10,000 rows, say) would not fit under it;
        the columns ``first`` to ``last`` (those whose sums changed), or all.

        The bar copies the table's widths, so the table's column grows and the bar follows it."""
        model, header = self.model(), self._table.horizontalHeader()
        if self._text_widths.get("") != self.font().key():  # the widths below hold for one font
            self._text_widths = {"": self.font().key()}
        width = self._text_widths
        metrics = self.fontMetrics()
        label_cols = {c for c in range(model.columnCount()) if self.columnSpan(0, c) > 1}
        end = min(model.columnCount(), header.count())
        for col in range(max(first, 0), end if last is None else min(last + 1, end)):
            if header.isSectionHidden(col) or col in label_cols or model.column_key(col) in TEXT_KEYS:
                continue
            widest = 0
            for row in range(model.rowCount()):
                text = str(model.index(row, col).data() or "")
                if text:
                    if text not in width:
                        width[text] = metrics.horizontalAdvance(text)
                    widest = max(widest, width[text])
            needed = widest + 2 * self.style().pixelMetric(self.style().PixelMetric.PM_FocusFrameHMargin) + 8
            if widest and needed > header.sectionSize(col):
                header.resizeSection(col, needed)
