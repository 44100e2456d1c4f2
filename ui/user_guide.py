"""Help > User guide: ``docs/user-guide.md`` shown in a window, in the language of the menus.

The guide holds a Danish and an English half (``<a id="dansk">`` / ``<a id="english">``); the window
shows the half for the current language, rendered from Markdown by QTextBrowser, with the pictures from
``docs/img`` scaled to the window's width. Links to web pages open in the system's browser.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextCursor, QTextImageFormat
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ui.i18n import current_language

IMAGE_WIDTH = 720


def guide_path() -> Path:
    from ui.app import bundle_root

    return bundle_root() / "docs" / "user-guide.md"


def guide_text(lang: str, path: Path | None = None) -> str:
    """The title and the half of the guide for ``lang`` ('da'/'en'); the whole file if it has no halves."""
    text = (path or guide_path()).read_text(encoding="utf-8")
    marker_da, marker_en = '<a id="dansk"></a>', '<a id="english"></a>'
    if marker_da not in text or marker_en not in text:
        return text
    head, rest = text.split(marker_da, 1)
    danish, english = rest.split(marker_en, 1)
    title = head.strip().splitlines()[0] if head.strip() else ""
    body = english if lang.startswith("en") else danish
    return f"{title}\n\n{body.strip().rstrip('-').rstrip()}\n"


class UserGuideDialog(QDialog):
    """A non-modal window with the guide; one per main window (shown again when asked twice)."""

    def __init__(self, parent: QWidget | None = None, lang: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Brugervejledning"))
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(860, 760)
        self.load(lang or current_language())

    def load(self, lang: str) -> None:
        path = guide_path()
        if not path.exists():
            self.browser.setPlainText(self.tr("Brugervejledningen findes ikke: {path}").format(path=path))
            return
        self.browser.document().setBaseUrl(QUrl.fromLocalFile(str(path.parent) + "/"))
        self.browser.setSearchPaths([str(path.parent)])
        self.browser.setMarkdown(guide_text(lang, path))
        self._fit_images()

    def _fit_images(self) -> None:
        """Pictures are 1600 px wide; show them at a readable width, keeping their proportions."""
        document = self.browser.document()
        images = []
        block = document.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                if fragment.isValid() and fragment.charFormat().isImageFormat():
                    images.append((fragment.position(), fragment.length(), fragment.charFormat().toImageFormat()))
                it += 1
            block = block.next()
        cursor = QTextCursor(document)
        for position, length, image in images:
            scaled = QTextImageFormat(image)
            scaled.setWidth(IMAGE_WIDTH)
            cursor.setPosition(position)
            cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
            cursor.setCharFormat(scaled)


def show_user_guide(parent: QWidget | None = None) -> UserGuideDialog:
    """Open (or raise) the guide beside ``parent``; it stays open while the user works."""
    existing = parent.findChild(UserGuideDialog) if parent is not None else None
    dialog = existing or UserGuideDialog(parent)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
