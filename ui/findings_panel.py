"""The list of errors and warnings about the open workbook.

Each line shows the severity (icon and colour), where it points (sheet and cell) and the message in
the user's language. Activating a line emits ``finding_activated(finding)``; the window selects the
initiative and reveals the cell.

The lines are a QListView over :class:`ui.findings_model.FindingsModel` (texts made when a line is first
laid out, lines laid out in batches), so thousands of findings after a change to every initiative do not
hold up the window. ``tree`` keeps the item-style calls a QListWidget had (``item(row)``, ``count()``,
``visualItemRect``, ``scrollToItem``, ``setCurrentItem``) for the window, tests and benchmarks.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from planner.findings import Finding, Severity
from ui.findings_model import FINDING_ROLE, FindingsModel
from ui.plain_text import tooltip

__all__ = ["FINDING_ROLE", "FindingItem", "FindingsList", "FindingsPanel"]

_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
BATCH = 100
MAX_KEPT_HEIGHTS = 50_000  # measured line heights kept (by line, width and font) before starting over


def _errors_first(findings: list[Finding]) -> tuple[list[Finding], dict[Severity, int]]:
    """The findings errors first, then warnings, then the rest, each in their order (a stable sort by
    severity, in one pass), and how many there are of each severity."""
    groups: dict[object, list[Finding]] = {severity: [] for severity in _ORDER}
    other: list[Finding] = []
    for finding in findings:
        groups.get(finding.severity, other).append(finding)
    return ([f for group in (*groups.values(), other) for f in group],
            {severity: len(group) for severity, group in groups.items()})


class FindingItem:
    """One line of the list, read like a QListWidgetItem (text, icon, colour, tooltip, data)."""

    def __init__(self, index: QModelIndex) -> None:
        self.index = index

    def row(self) -> int:
        return self.index.row()

    def data(self, role: int) -> object:
        return self.index.data(role)

    def text(self) -> str:
        return self.index.data(Qt.ItemDataRole.DisplayRole) or ""

    def icon(self) -> QIcon:
        return self.index.data(Qt.ItemDataRole.DecorationRole)

    def foreground(self) -> QBrush:
        return self.index.data(Qt.ItemDataRole.ForegroundRole)

    def toolTip(self) -> str:  # noqa: N802 - QListWidgetItem's name
        return self.index.data(Qt.ItemDataRole.ToolTipRole) or ""


class _WrappedLines(QStyledItemDelegate):
    """Measures each line for the width it is painted in: the list's own measure used another width, so
    a Danish line could get two lines' height and be cut to "…" while the next got a blank line.

    After a change to every initiative the list lays out thousands of new lines, a hundred per event
    loop pass. What a line's measure depends on besides its text (the text rectangle left beside the
    icon, the margins) is the same for every line of one severity, so it is worked out once per width,
    font and severity; a line's height is kept by its key (what it shows) for that width and font, so
    lines shown before (an undo, a redo) are not measured again."""

    def __init__(self, parent: QListView) -> None:
        super().__init__(parent)
        self._shapes: dict[tuple[int, str, object], tuple[int, int, int]] = {}
        self._heights: dict[tuple[int, str, object], int] = {}

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        view = self.parent()
        model = index.model()
        if not isinstance(view, QListView) or not isinstance(model, FindingsModel):
            return super().sizeHint(option, index)
        width = view.viewport().width() - 2 * view.spacing()
        font = option.font.key()
        row = index.row()
        key = model.key(row)
        height = self._heights.get((width, font, key))
        if height is None:
            finding = model.finding(row)
            shape_key = (width, font, finding.severity if finding is not None else None)
            shape = self._shapes.get(shape_key)
            if shape is None:
                shape = self._shapes[shape_key] = self._shape(option, index, view, width)
            text_width, margin, icon_height = shape
            bounds = option.fontMetrics.boundingRect(QRect(0, 0, text_width, 10_000),
                                                     int(Qt.TextFlag.TextWordWrap),
                                                     model.text(row).replace("\n", "\u2028"))
            height = max(bounds.height(), icon_height) + 2 * margin
            if len(self._heights) > MAX_KEPT_HEIGHTS:
                self._heights.clear()
            self._heights[(width, font, key)] = height
        return QSize(width, height)

    def _shape(self, option: QStyleOptionViewItem, index: QModelIndex, view: QListView, width: int
               ) -> tuple[int, int, int]:
        """(width the text wraps in, margin, icon height) of a line like ``index`` in a list ``width`` wide."""
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.rect = QRect(0, 0, width, 10_000)
        style = view.style()
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, view)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
        return max(1, text_rect.width() - 2 * margin), margin, opt.decorationSize.height()


class FindingsList(QListView):
    """The list view, with the few QListWidget calls callers use, answered from the model."""

    def count(self) -> int:
        return self.model().rowCount()

    def item(self, row: int) -> FindingItem | None:
        index = self.model().index(row, 0)
        return FindingItem(index) if index.isValid() else None

    def currentItem(self) -> FindingItem | None:  # noqa: N802 - QListWidget's name
        index = self.currentIndex()
        return FindingItem(index) if index.isValid() else None

    def setCurrentItem(self, item: FindingItem) -> None:  # noqa: N802 - QListWidget's name
        self.setCurrentIndex(item.index)

    def visualItemRect(self, item: FindingItem) -> QRect:  # noqa: N802 - QListWidget's name
        return self.visualRect(item.index)

    def scrollToItem(self, item: FindingItem) -> None:  # noqa: N802 - QListWidget's name
        self.scrollTo(item.index)


class FindingsPanel(QWidget):
    """Findings sorted errors first; ``status`` shows where the chosen finding points."""

    finding_activated = Signal(object)

    def __init__(self, lang: str = "da", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self._findings: list[Finding] = []
        self._icons: dict[Severity, QIcon] = {}
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.model = FindingsModel(self._line_text, self._line_tooltip, self._icon, self)
        self.tree = FindingsList()
        self.tree.setModel(self.model)
        self.tree.setItemDelegate(_WrappedLines(self.tree))
        self.tree.setWordWrap(True)
        # A line's height is measured for its wrapped text; drawing it must not cut the last line to "…"
        # when the painted rect is a few pixels narrower than the measured one.
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.setResizeMode(QListView.ResizeMode.Adjust)
        self.tree.setUniformItemSizes(False)
        self.tree.setLayoutMode(QListView.LayoutMode.Batched)
        self.tree.setBatchSize(BATCH)
        self.tree.setSpacing(1)
        self.tree.setIconSize(QSize(16, 16))
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAccessibleName(self.tr("Fejl og advarsler"))
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: palette(dark);")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.status)
        self._scroll_target: int | None = None
        self.tree.verticalScrollBar().rangeChanged.connect(self._keep_scroll)
        self.tree.verticalScrollBar().actionTriggered.connect(self._scrolled_by_user)
        self.tree.clicked.connect(self._activate_index)
        self.tree.activated.connect(self._activate_index)
        self.set_findings([])

    def _icon(self, severity: Severity) -> QIcon:
        icon = self._icons.get(severity)
        if icon is None:
            icon = self._icons[severity] = self._standard_icon(severity)
        return icon

    def _standard_icon(self, severity: Severity) -> QIcon:
        pixmap = {
            Severity.ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
            Severity.WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
            Severity.INFO: QStyle.StandardPixmap.SP_MessageBoxInformation,
        }[severity]
        return self.style().standardIcon(pixmap)

    def _severity_text(self, severity: Severity) -> str:
        return {Severity.ERROR: self.tr("Fejl"), Severity.WARNING: self.tr("Advarsel"),
                Severity.INFO: self.tr("Info")}[severity]

    def set_findings(self, findings: list[Finding]) -> None:
        """Show ``findings`` errors first, changing only the lines that differ from what is shown.

        Lines are matched by what they show (severity, code, initiative, cell, parameters), so after a
        full revalidation the unchanged findings keep their lines, the selection and the scroll position;
        only lines of findings that are gone are taken out and new ones put in."""
        ordered, counts = _errors_first(findings)
        top = self.tree.indexAt(QPoint(2, 2)) if self.model.rowCount() else QModelIndex()
        top_key = self.model.key(top.row()) if top.isValid() else None
        current = self.tree.currentIndex()
        current_key = self.model.key(current.row()) if current.isValid() else None
        outcome = self.model.set_findings(ordered)
        if outcome:
            self.status.setText("")
            if outcome == "reset" and current_key is not None:
                row = self.model.row_of_key(current_key)
                if row >= 0:
                    self.tree.selectionModel().setCurrentIndex(
                        self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect)
            row = self.model.row_of_key(top_key) if top_key is not None else -1
            self._scroll_target = self._scroll_value_of(row) if row > 0 else None
        self._findings = ordered
        self._update_title(ordered, counts)

    def _scroll_value_of(self, row: int) -> int:
        if self.tree.verticalScrollMode() == QAbstractItemView.ScrollMode.ScrollPerItem:
            return row
        return self.tree.verticalScrollBar().value()

    def _keep_scroll(self, _minimum: int, maximum: int) -> None:
        """The list lays its lines out again in batches after a change, its scroll range growing batch by
        batch (and the position clamped to it): put the line that was at the top back there."""
        target = self._scroll_target
        if target is not None and maximum >= target:
            self._scroll_target = None
            self.tree.verticalScrollBar().setValue(target)

    def _scrolled_by_user(self, _action: int) -> None:
        self._scroll_target = None

    def _line_text(self, finding: Finding) -> str:
        where = self._where(finding)
        message = finding.message(self._lang)
        return f"{where}: {message}" if where else message

    def _line_tooltip(self, finding: Finding) -> str | None:
        where = self._where(finding)
        message = finding.message(self._lang)
        return tooltip(f"{self._severity_text(finding.severity)} · {finding.location() or where}\n{message}")

    def _update_title(self, findings: list[Finding], counts: dict[Severity, int]) -> None:
        errors, warnings = counts.get(Severity.ERROR, 0), counts.get(Severity.WARNING, 0)
        if not findings:
            self.title.setText(self.tr("Fejl og advarsler: ingen"))
        else:
            warning_text = self.tr("1 advarsel") if warnings == 1 else self.tr("{n} advarsler").format(n=warnings)
            self.title.setText(self.tr("Fejl og advarsler: {e} fejl, {w}").format(e=errors, w=warning_text))

    def findings(self) -> list[Finding]:
        return list(self._findings)

    def count(self) -> int:
        return self.tree.count()

    def item_text(self, row: int) -> str:
        return self.model.text(row) if 0 <= row < self.model.rowCount() else ""

    def severity_text(self, row: int) -> str:
        """'Fejl', 'Advarsel' or 'Info' of a line (shown as its icon and colour)."""
        return self._severity_text(self._findings[row].severity) if 0 <= row < len(self._findings) else ""

    def _where(self, finding: Finding) -> str:
        """Short: the cell (I7), the row, or '–' for the whole sheet (the status line says which)."""
        ref = finding.where
        if ref is None:
            return finding.initiative_id or ""
        if ref.row is None:
            return ""
        if ref.column is None:
            return self.tr("række {row}").format(row=ref.row)
        return ref.a1

    def location_text(self, finding: Finding) -> str:
        """'Celle 'Initiativer'!F7' or 'Ark …, række 7' for the status line."""
        ref = finding.where
        if ref is None:
            return ""
        if ref.row is None:
            return self.tr("Ark '{sheet}'").format(sheet=ref.sheet)
        if ref.column is None:
            return self.tr("Ark '{sheet}', række {row}").format(sheet=ref.sheet, row=ref.row)
        return self.tr("Celle {a1} i arket '{sheet}'").format(a1=ref.a1, sheet=ref.sheet)

    def activate_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self._activate_index(index)

    def _activate_index(self, index: QModelIndex) -> None:
        finding = index.data(FINDING_ROLE)
        if isinstance(finding, Finding):
            self.status.setText(self.location_text(finding))
            self.finding_activated.emit(finding)
