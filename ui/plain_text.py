"""Workbook text on screen is text, never markup.

A QLabel, QMessageBox or tooltip decides by itself whether a string "might be rich text" (a tag before the
first line break), so a name like ``<b>V1</b>`` or ``<img src=…>`` from a workbook would be rendered as
HTML. Labels get ``Qt.PlainText``; tooltips have no such switch, so their text is escaped and wrapped as
rich text that shows exactly the characters given, line breaks kept.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox


def tooltip(text: str | None) -> str | None:
    """Tooltip markup that shows ``text`` literally; None/'' stay as they are (no tooltip)."""
    if not text:
        return text
    return "<qt><p style='white-space:pre-wrap'>" + html.escape(text).replace("\n", "<br>") + "</p></qt>"


def plain(*widgets: QLabel | QMessageBox) -> None:
    """Show these labels' and message boxes' text as typed, never as HTML."""
    for widget in widgets:
        widget.setTextFormat(Qt.TextFormat.PlainText)
