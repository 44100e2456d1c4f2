"""Small parameter dialogs for the Operations menu: a year, a move, a profile, a new total.

Each dialog is a form with OK/Cancel; amount fields use the table's amount editor (red border and the
reason while the text is not an amount) and OK stays disabled until every field is valid.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from planner.amounts import format_amount
from planner.model import Initiative
from ui.amount_delegate import AmountEditor
from ui.plain_text import plain


class OperationDialog(QDialog):
    """A titled form: ``add_combo`` / ``add_amount`` add rows; OK is enabled while all amounts are valid."""

    def __init__(self, title: str, intro: str, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._lang = lang
        self._amounts: list[AmountEditor] = []
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.reason = QLabel()
        plain(self.reason)
        self.reason.setStyleSheet("color: #b71c1c;")
        self.reason.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if intro:
            label = QLabel(intro)
            plain(label)
            label.setWordWrap(True)
            layout.addWidget(label)
        layout.addLayout(self.form)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(380)

    def add_combo(self, label: str, items: list[tuple[str, object]], current: object = None) -> QComboBox:
        combo = QComboBox()
        for text, data in items:
            combo.addItem(text, data)
        if current is not None:
            combo.setCurrentIndex(max(combo.findData(current), 0))
        self.form.addRow(label, combo)
        return combo

    def add_amount(self, label: str, value: Decimal | None = None) -> AmountEditor:
        editor = AmountEditor(self._lang)
        if value is not None:
            editor.setText(format_amount(value, self._lang, group=False))
        editor.textChanged.connect(self._check)
        self.form.addRow(label, editor)
        self._amounts.append(editor)
        self._check()
        return editor

    def _check(self, *_args: object) -> None:
        reasons = [e.reason or (self.tr("Skriv et beløb.") if not e.text().strip() else "") for e in self._amounts]
        reason = next((r for r in reasons if r), "")
        self.reason.setText(reason)
        self.reason.setVisible(bool(reason))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not reason)


def _year_items(years: list[int]) -> list[tuple[str, object]]:
    return [(str(y), y) for y in years]


def ask_fit_year(years: list[int], current: int | None, lang: str, parent: QWidget | None) -> int | None:
    """The year to fit to its frame, or None when cancelled."""
    dialog = OperationDialog(dialog_tr("Tilpas år til rammen"),
                             dialog_tr("De ulåste beløb i året skaleres, så året rammer sin ramme præcist."),
                             lang, parent)
    combo = dialog.add_combo(dialog_tr("År:"), _year_items(years), current)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return int(combo.currentData())


def ask_move(ini: Initiative, years: list[int], current: int | None, lang: str,
             parent: QWidget | None) -> tuple[int, int, Decimal] | None:
    """(from year, to year, amount) to move within one initiative, or None when cancelled."""
    dialog = OperationDialog(dialog_tr("Flyt beløb"),
                             dialog_tr("Flyt et beløb for {id} fra ét år til et andet; totalen er den samme.")
                             .format(id=ini.id), lang, parent)
    start = current if current in years else next((y for y in years if ini.amount(y)), years[0])
    source = dialog.add_combo(dialog_tr("Fra år:"), _year_items(years), start)
    later = [y for y in years if y > start]
    target = dialog.add_combo(dialog_tr("Til år:"), _year_items(years), later[0] if later else years[0])
    amount = dialog.add_amount(dialog_tr("Beløb (mio. kr.):"), ini.amount(start) or None)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    value = amount.value()
    if value is None:
        return None
    return int(source.currentData()), int(target.currentData()), value


def ask_profile(ini: Initiative, others: list[Initiative], lang: str, parent: QWidget | None) -> str | None:
    """The id of the initiative whose yearly profile to follow, or None when cancelled."""
    dialog = OperationDialog(dialog_tr("Fordel efter profil"),
                             dialog_tr("Fordel totalen for {id} over årene i samme forhold som et andet "
                                       "initiativ.").format(id=ini.id), lang, parent)
    combo = dialog.add_combo(dialog_tr("Profil:"), [(f"{o.id} – {o.name}", o.id) for o in others])
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return str(combo.currentData())


def ask_total(ini: Initiative, lang: str, parent: QWidget | None) -> Decimal | None:
    """A new total for the initiative, or None when cancelled."""
    dialog = OperationDialog(dialog_tr("Sæt total"),
                             dialog_tr("Ny total for {id}; de ulåste år følger med i samme forhold.")
                             .format(id=ini.id), lang, parent)
    amount = dialog.add_amount(dialog_tr("Total (mio. kr.):"), ini.total)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return amount.value()


def dialog_tr(text: str) -> str:
    """Dialog texts through Qt's translation (context OperationDialog)."""
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("OperationDialog", text)
