"""A small dialog to set the status date drawn on the timeline (for reports "as of" a date)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QCheckBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QWidget


class StatusDateDialog(QDialog):
    """Asks for a date, or none (the checkbox off hides the status line)."""

    def __init__(self, current: date | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Statusdato"))
        self.enabled = QCheckBox(self.tr("&Vis en statusdato på tidslinjen"))
        self.enabled.setChecked(current is not None)
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setLocale(QLocale(QLocale.Language.Danish, QLocale.Country.Denmark))
        self.date_edit.setDisplayFormat("d. MMMM yyyy")
        day = current or date.today()
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        self.date_edit.setEnabled(current is not None)
        self.enabled.toggled.connect(self.date_edit.setEnabled)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annullér"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.enabled)
        form.addRow(self.tr("&Dato:"), self.date_edit)
        form.addRow(buttons)
        self.setMinimumWidth(340)

    def chosen(self) -> date | None:
        if not self.enabled.isChecked():
            return None
        d = self.date_edit.date()
        return date(d.year(), d.month(), d.day())
