"""Help > About: name, version, the shipped libraries with versions and licences, plain text, a picture."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QLabel, QWidget

import planner
from ui import about_dialog
from ui.about_dialog import AboutDialog, Library, about_text, library_version, show_about

EXPECTED = {  # shown name -> (distribution, licence)
    "PySide6 / Qt": ("PySide6-Essentials", "LGPLv3"),
    "pyqtgraph": ("pyqtgraph", "MIT"),
    "openpyxl": ("openpyxl", "MIT"),
    "pydantic": ("pydantic", "MIT"),
    "python-calamine": ("python-calamine", "MIT"),
    "defusedxml": ("defusedxml", "PSF"),
}


def table_rows(dialog: AboutDialog) -> dict[str, tuple[str, str]]:
    table = dialog.table
    return {table.topLevelItem(i).text(0): (table.topLevelItem(i).text(1), table.topLevelItem(i).text(2))
            for i in range(table.topLevelItemCount())}


def test_shows_name_version_and_description(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert dialog.title_label.text() == "Portfolio Planner"
    assert planner.__version__ in dialog.version_label.text()
    assert "SUSI" in dialog.description_label.text()
    assert "Portfolio Planner" in dialog.windowTitle()


def test_lists_each_library_with_its_installed_version_and_licence(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    rows = table_rows(dialog)
    for name, (dist, licence) in EXPECTED.items():
        assert rows[name] == (importlib.metadata.version(dist), licence), name
    assert rows["Python"][1] == "PSF"


def test_every_text_is_plain(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    labels = dialog.findChildren(QLabel)
    assert labels
    for label in labels:
        if label.pixmap() is not None and not label.pixmap().isNull():
            continue
        assert label.textFormat() == Qt.TextFormat.PlainText, label.text()


def test_copy_puts_the_whole_text_on_the_clipboard(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    text = QGuiApplication.clipboard().text()
    assert text == about_text()
    assert text.startswith(f"Portfolio Planner {planner.__version__}")
    for name, (dist, licence) in EXPECTED.items():
        line = next(line for line in text.splitlines() if line.strip().startswith(name))
        assert importlib.metadata.version(dist) in line and line.rstrip().endswith(licence)


def test_version_falls_back_to_the_module_when_metadata_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    """A frozen app without dist-info still shows real versions."""
    import openpyxl

    def missing(name: str) -> str:
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(about_dialog.importlib.metadata, "version", missing)
    assert library_version(Library("openpyxl", ("openpyxl",), "openpyxl", "MIT")) == openpyxl.__version__
    assert library_version(Library("nothing", ("no-such-dist",), "no_such_module_here", "MIT")) == "?"


def test_show_about_opens_a_modal_dialog_over_the_parent_and_closes(qtbot) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    dialog = show_about(parent)
    qtbot.waitExposed(dialog)
    assert dialog.isVisible() and dialog.isModal()
    assert dialog.parent() is parent
    with qtbot.waitSignal(dialog.destroyed, timeout=2000):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)


def test_renders_to_png_with_nothing_cut_off(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    out = tmp_path / "about.png"
    assert dialog.grab().save(str(out))
    image = QImage(str(out))
    assert image.width() >= 500 and image.height() >= 300
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 10
    for label in dialog.findChildren(QLabel):
        if label.wordWrap():
            assert label.height() >= label.heightForWidth(label.width()), label.text()
        else:
            assert label.width() >= label.sizeHint().width(), label.text()
    table = dialog.table
    last = table.visualItemRect(table.topLevelItem(table.topLevelItemCount() - 1))
    assert last.bottom() <= table.viewport().height()
    for column in range(3):
        assert table.columnWidth(column) >= table.header().sectionSizeHint(column) - 1
