"""The list of errors and warnings about the open workbook.

Each line shows the severity (icon and colour), where it points (sheet and cell) and the message in
the user's language. Activating a line emits ``finding_activated(finding)``; the window selects the
initiative and reveals the cell.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from planner.findings import Finding, Severity
from ui.plain_text import tooltip

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
        self._icons: dict[Severity, QIcon] = {}
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.tree = QListWidget()
        self.tree.setWordWrap(True)
        self.tree.setResizeMode(QListView.ResizeMode.Adjust)
        self.tree.setUniformItemSizes(False)
        self.tree.setSpacing(1)
        self.tree.setIconSize(QSize(16, 16))
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
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
        self.tree.itemClicked.connect(self._activate)
        self.tree.itemActivated.connect(self._activate)
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
        """Show ``findings``, changing only the lines that differ from what is shown.

        After an edit most findings are the very objects shown before (planner.validate re-uses the
        findings of initiatives it did not re-check), so the list is patched: lines of findings that are
        gone are taken out, new ones put in at their place, and nothing else is touched. A list with little
        in common with the shown one (another portfolio) is rebuilt."""
        ordered = sorted(findings, key=lambda f: _ORDER.get(f.severity, 3))
        if not self._patch(ordered):
            self.tree.clear()
            for finding in ordered:
                item = QListWidgetItem()
                self._fill(item, finding)
                self.tree.addItem(item)
            self.status.setText("")
        self._findings = ordered
        self._update_title(ordered)

    def _patch(self, ordered: list[Finding]) -> bool:
        """Turn the shown lines into ``ordered`` in place; False when a rebuild is the better way."""
        old = self._findings
        old_ids, new_ids = set(map(id, old)), set(map(id, ordered))
        kept_old = [f for f in old if id(f) in new_ids]
        kept_new = [f for f in ordered if id(f) in old_ids]
        if (self.tree.count() != len(old) or len(old_ids) != len(old) or len(new_ids) != len(ordered)
                or len(kept_new) * 2 < len(ordered) or len(kept_old) != len(kept_new)
                or any(a is not b for a, b in zip(kept_old, kept_new))):
            return False
        row = i = j = 0
        touched = False
        while i < len(old) or j < len(ordered):
            a = old[i] if i < len(old) else None
            b = ordered[j] if j < len(ordered) else None
            if a is not None and a is b:
                row, i, j = row + 1, i + 1, j + 1
                continue
            touched = True
            a_gone = a is not None and id(a) not in new_ids
            b_new = b is not None and id(b) not in old_ids
            if a_gone and b_new:
                item = self.tree.item(row)
                if a != b:
                    self._fill(item, b)
                else:
                    item.setData(FINDING_ROLE, b)
                row, i, j = row + 1, i + 1, j + 1
            elif b_new:
                item = QListWidgetItem()
                self._fill(item, b)
                self.tree.insertItem(row, item)
                row, j = row + 1, j + 1
            else:
                self.tree.takeItem(row)
                i += 1
        if touched:
            self.status.setText("")
        return True

    def _fill(self, item: QListWidgetItem, finding: Finding) -> None:
        where = self._where(finding)
        message = finding.message(self._lang)
        item.setText(f"{where}: {message}" if where else message)
        item.setIcon(self._icon(finding.severity))
        item.setForeground(QBrush(_COLOURS[finding.severity]))
        item.setToolTip(tooltip(f"{self._severity_text(finding.severity)} · {finding.location() or where}\n{message}"))
        item.setData(FINDING_ROLE, finding)

    def _update_title(self, findings: list[Finding]) -> None:
        errors = sum(f.severity == Severity.ERROR for f in findings)
        warnings = sum(f.severity == Severity.WARNING for f in findings)
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
        item = self.tree.item(row)
        return item.text() if item else ""

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
        item = self.tree.item(row)
        if item is not None:
            self.tree.setCurrentItem(item)
            self._activate(item)

    def _activate(self, item: QListWidgetItem) -> None:
        finding = item.data(FINDING_ROLE)
        if isinstance(finding, Finding):
            self.status.setText(self.location_text(finding))
            self.finding_activated.emit(finding)
