"""Help > About: the app's name, version and purpose, and the libraries it ships with their licences.

Everything is plain text (no rich text, no links), so the same words can be copied into a support mail
with one click. Library versions come from the installed distributions (``importlib.metadata``); the
frozen app carries their metadata (see ``build.spec``), and a module's own ``__version__`` is the fallback.
``show_about(parent)`` is what the Help menu calls.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import platform
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

import planner
from ui.app import app_icon

APP_NAME = "Portfolio Planner"
UNKNOWN_VERSION = "?"


@dataclass(frozen=True)
class Library:
    """A shipped library: shown name, the distributions that may provide it, its module, its licence."""

    name: str
    distributions: tuple[str, ...]
    module: str
    licence: str


LIBRARIES: tuple[Library, ...] = (
    Library("PySide6 / Qt", ("PySide6-Essentials", "PySide6"), "PySide6", "LGPLv3"),
    Library("pyqtgraph", ("pyqtgraph",), "pyqtgraph", "MIT"),
    Library("NumPy", ("numpy",), "numpy", "BSD-3-Clause"),
    Library("openpyxl", ("openpyxl",), "openpyxl", "MIT"),
    Library("pydantic", ("pydantic",), "pydantic", "MIT"),
    Library("python-calamine", ("python-calamine",), "python_calamine", "MIT"),
    Library("defusedxml", ("defusedxml",), "defusedxml", "PSF"),
)


def tr(text: str) -> str:
    return QCoreApplication.translate("AboutDialog", text)


def library_version(library: Library) -> str:
    """The installed version: the distribution's metadata, else the module's ``__version__``, else '?'."""
    for dist in library.distributions:
        try:
            return importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            continue
    try:
        module = importlib.import_module(library.module)
    except ImportError:
        return UNKNOWN_VERSION
    return str(getattr(module, "__version__", None) or getattr(module, "VERSION", None) or UNKNOWN_VERSION)


def library_rows() -> list[tuple[str, str, str]]:
    """(name, version, licence) for each shipped library, Python itself last."""
    rows = [(lib.name, library_version(lib), lib.licence) for lib in LIBRARIES]
    rows.append(("Python", platform.python_version(), "PSF"))
    return rows


def description() -> str:
    return tr("Planlægning af puljer på socialområdet: initiativer på SUSI-stigen (Screening, Modning, "
              "Afprøvning, Udbredelse) på en tidslinje, bevillinger år for år mod rammen, genbalancering og "
              "scenarier. Excel-arbejdsbogen er kilden; kun ændrede celler skrives tilbage.")


def lgpl_note() -> str:
    return tr("PySide6 og Qt bruges under GNU LGPL v3: de ligger som separate filer i programmappen og kan "
              "udskiftes med en anden version. Kildekoden findes på qt.io.")


def runtime_line() -> str:
    """What is actually running: the Qt library loaded, Python and the operating system."""
    return tr("Kører med Qt {qt} · Python {python} · {system}").format(
        qt=qVersion(), python=platform.python_version(), system=platform.system() or "?")


def about_text() -> str:
    """The dialog's whole content as plain text (what the Copy button puts on the clipboard)."""
    lines = [f"{APP_NAME} {planner.__version__}", description(), "", tr("Biblioteker") + ":"]
    width = max(len(name) for name, _, _ in library_rows())
    lines += [f"  {name:<{width}}  {version:<10}  {licence}" for name, version, licence in library_rows()]
    lines += ["", runtime_line(), lgpl_note()]
    return "\n".join(lines)


class AboutDialog(QDialog):
    """Name, version, description and the licence table; texts follow a language switch at once."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setMinimumWidth(560)

        icon = QLabel()
        self.setWindowIcon(app_icon())
        if not self.windowIcon().isNull():
            icon.setPixmap(self.windowIcon().pixmap(64, 64))
        self.title_label = QLabel(APP_NAME)
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title_label.setFont(font)
        self.version_label = QLabel()
        self.description_label = QLabel()
        self.description_label.setWordWrap(True)
        head_text = QVBoxLayout()
        head_text.addWidget(self.title_label)
        head_text.addWidget(self.version_label)
        head = QHBoxLayout()
        head.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        head.addLayout(head_text, 1)

        self.libraries_label = QLabel()
        self.table = QTreeWidget()
        self.table.setRootIsDecorated(False)
        self.table.setSelectionMode(QTreeWidget.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for name, version, licence in library_rows():
            QTreeWidgetItem(self.table, [name, version, licence])
        header = self.table.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        rows = self.table.topLevelItemCount()
        row_height = self.table.sizeHintForRow(0) if rows else 20
        self.table.setFixedHeight(header.sizeHint().height() + rows * row_height + 2 * self.table.frameWidth() + 2)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.runtime_label = QLabel()
        self.lgpl_label = QLabel()
        self.lgpl_label.setWordWrap(True)
        for label in (self.version_label, self.description_label, self.runtime_label, self.lgpl_label,
                      self.libraries_label, self.title_label):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton()
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_to_clipboard)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addLayout(head)
        layout.addWidget(self.description_label)
        layout.addSpacing(4)
        layout.addWidget(self.libraries_label)
        layout.addWidget(self.table)
        layout.addWidget(self.runtime_label)
        layout.addWidget(self.lgpl_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.retranslate()
        self._fit_height()

    def retranslate(self) -> None:
        """(Re)set every visible text from the current translation."""
        self.setWindowTitle(tr("Om {app}").format(app=APP_NAME))
        self.version_label.setText(tr("Version {version}").format(version=planner.__version__))
        self.description_label.setText(description())
        self.libraries_label.setText(tr("Programmet bruger disse biblioteker:"))
        self.table.setHeaderLabels([tr("Bibliotek"), tr("Version"), tr("Licens")])
        self.runtime_label.setText(runtime_line())
        self.lgpl_label.setText(lgpl_note())
        self.copy_button.setText(tr("Kopiér"))
        self.copy_button.setToolTip(tr("Kopiér teksten, fx til en fejlrapport"))
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        if close is not None:
            close.setText(tr("Luk"))

    def _fit_height(self) -> None:
        """Height for the actual width: wrapped labels otherwise ask for room as if the dialog were narrow."""
        width = max(self.width(), self.minimumWidth())
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth():
            self.resize(width, layout.heightForWidth(width))

    def copy_to_clipboard(self) -> None:
        QGuiApplication.clipboard().setText(about_text())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self._fit_height()
        super().changeEvent(event)


def show_about(parent: QWidget | None = None) -> AboutDialog:
    """Open the About dialog, modal to ``parent``, without blocking; it deletes itself when closed."""
    dialog = AboutDialog(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    dialog.open()
    return dialog
