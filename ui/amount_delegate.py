"""Typing amounts into the table: "2,5", "2.5" and "2 500" per the UI language; bad input stays in the cell.

:func:`read_amount` is the one rule for what a typed amount means (used by the delegate and by the
model's ``setData``). :class:`AmountDelegate` gives amount cells a line editor that checks as you type:
invalid text gets a red border and the reason as tooltip and status-bar message, and Enter is refused
while the text is invalid, so nothing reaches the model. No modal popup.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QStyledItemDelegate, QStyleOptionViewItem, QToolTip, QWidget

from planner.amounts import AmountError, parse_amount
from planner.rebalance import RebalanceError, tenths
from ui.plain_text import tooltip

_Index = QModelIndex | QPersistentModelIndex
EDITABLE_ROLE = Qt.ItemDataRole.UserRole + 10  # True on cells that take amounts (set by the model)
_COMMIT_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab)

_REASONS = {
    "negative": ("Beløb kan ikke være negative.", "Amounts cannot be negative."),
    "finer": ("Beløb har én decimal (0,1 mio. kr.).", "Amounts have one decimal (0.1 million DKK)."),
}


def _text(code: str, lang: str) -> str:
    da, en = _REASONS[code]
    return en if lang.startswith("en") else da


def read_amount(text: object, lang: str = "da") -> tuple[Decimal | None, str]:
    """(value, '') for an acceptable amount (None = empty cell), or (None, reason) when it is refused.

    Danish reads "1.250" as 1250, English as 1.25; both read "2,5" and "2.5" as 2.5 and "2 500" as 2500.
    Negative amounts and amounts finer than 0,1 are refused.
    """
    if text is None or (isinstance(text, str) and not text.strip()):
        return None, ""
    try:
        value = parse_amount(text, decimal_comma=not lang.startswith("en"))
    except AmountError:
        return None, RebalanceError("bad_amount", value=str(text).strip()).message(lang)
    if value < 0:
        return None, _text("negative", lang)
    if tenths(value) is None:
        return None, _text("finer", lang)
    return value, ""


class AmountEditor(QLineEdit):
    """A line editor that knows whether its text is an amount; ``reason`` is '' when it is."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self.reason = ""
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.textChanged.connect(self._check)

    def value(self) -> Decimal | None:
        return read_amount(self.text(), self._lang)[0]

    def _check(self, text: str) -> None:
        self.reason = read_amount(text, self._lang)[1]
        self.setProperty("invalid", bool(self.reason))
        self.setStyleSheet("QLineEdit { border: 2px solid #c62828; background: #fdecea; }" if self.reason else "")
        self.setToolTip(tooltip(self.reason) or "")


class AmountDelegate(QStyledItemDelegate):
    """Editor for the amount cells of the initiatives table.

    ``refused(reason)`` fires when the user tries to commit invalid text (the window shows it in the
    status bar); the editor then stays open with the text, a red border and the reason as tooltip.
    """

    refused = Signal(str)

    def __init__(self, lang: str = "da", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lang = lang

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        if not index.data(EDITABLE_ROLE):
            return super().createEditor(parent, option, index)
        editor = AmountEditor(self._lang, parent)
        editor.setFrame(False)
        return editor

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        if isinstance(editor, AmountEditor):
            value = index.data(Qt.ItemDataRole.EditRole)
            editor.setText("" if value is None else str(value))
            editor.selectAll()
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        if isinstance(editor, AmountEditor):
            if editor.reason:
                self.refused.emit(editor.reason)
                return
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """Enter/Tab on invalid text: keep the editor open and say why instead of committing."""
        if (isinstance(obj, AmountEditor) and isinstance(event, QKeyEvent) and obj.reason
                and event.type() == QEvent.Type.KeyPress and event.key() in _COMMIT_KEYS):
            self.refused.emit(obj.reason)
            QToolTip.showText(obj.mapToGlobal(obj.rect().bottomLeft()), tooltip(obj.reason) or "", obj)
            return True
        return super().eventFilter(obj, event)
