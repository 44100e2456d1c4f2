"""The list of errors and warnings about the open workbook.

Each line shows the severity (icon and colour), where it points (sheet and cell) and the message in
the user's language. Activating a line emits ``finding_activated(finding)``; the window selects the
initiative and reveals the cell.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.findings import Finding, Severity

FINDING_ROLE = Qt.ItemDataRole.UserRole + 10
_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
_COLOURS = {Severity.ERROR: QColor("#b3261e"), Severity.WARNING: QColor("#8a5a00"), Severity.INFO: QColor("#44546a")}


class FindingsPanel(QWidget):
    """Findings sorted errors first; ``status`` shows where the chosen finding points."""

    finding_activated = Signal(object)

    def __init__(self, lang: str = "da", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self._findings: list[Finding] = []
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([self.tr("Type"), self.tr("Sted"), self.tr("Besked")])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setWordWrap(False)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAccessibleName(self.tr("Fejl og advarsler"))
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
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
        self.tree.itemClicked.connect(self._activate)
        self.tree.itemActivated.connect(self._activate)
        self.set_findings([])

    def _icon(self, severity: Severity) -> QIcon:
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
        self._findings = sorted(findings, key=lambda f: _ORDER.get(f.severity, 3))
        self.tree.clear()
        for finding in self._findings:
            item = QTreeWidgetItem([self._severity_text(finding.severity), self._where(finding),
                                    finding.message(self._lang)])
            item.setIcon(0, self._icon(finding.severity))
            item.setForeground(0, QBrush(_COLOURS[finding.severity]))
            item.setToolTip(2, finding.message(self._lang))
            item.setToolTip(1, finding.location())
            item.setData(0, FINDING_ROLE, finding)
            self.tree.addTopLevelItem(item)
        errors = sum(f.severity == Severity.ERROR for f in findings)
        warnings = sum(f.severity == Severity.WARNING for f in findings)
        if not findings:
            self.title.setText(self.tr("Fejl og advarsler: ingen"))
        else:
            warning_text = self.tr("1 advarsel") if warnings == 1 else self.tr("{n} advarsler").format(n=warnings)
            self.title.setText(self.tr("Fejl og advarsler: {e} fejl, {w}").format(e=errors, w=warning_text))
        self.status.setText("")

    def findings(self) -> list[Finding]:
        return list(self._findings)

    def count(self) -> int:
        return self.tree.topLevelItemCount()

    def item_text(self, row: int, column: int = 2) -> str:
        item = self.tree.topLevelItem(row)
        return item.text(column) if item else ""

    def _where(self, finding: Finding) -> str:
        ref = finding.where
        if ref is None:
            return finding.initiative_id or ""
        if ref.row is None:
            return ref.sheet
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
        item = self.tree.topLevelItem(row)
        if item is not None:
            self.tree.setCurrentItem(item)
            self._activate(item)

    def _activate(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        finding = item.data(0, FINDING_ROLE)
        if isinstance(finding, Finding):
            self.status.setText(self.location_text(finding))
            self.finding_activated.emit(finding)
