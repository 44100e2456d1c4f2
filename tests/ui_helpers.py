"""Helpers for the UI tests: real workbooks in tmp_path, a window wired to temporary settings."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from pytestqt.qtbot import QtBot

from planner.cells import CellRef
from planner.model import Portfolio, amount_key
from planner.synthetic import make_portfolio, workbook_rows

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "uip2023.xlsx"
LOAD_TIMEOUT_MS = 30_000
SHEET = "Initiativer"
HEADER_ROW = 6
FIRST_YEAR_COLUMN = 9  # ID | Initiativ | Område | Fase | Tema | Tilskudsmodtagere | Start | Slut | 2023 …


def sample_copy(tmp_path: Path, name: str = "uip2023.xlsx") -> Path:
    """A copy of the bundled sample, so a test never touches the original."""
    target = tmp_path / name
    shutil.copyfile(SAMPLE, target)
    return target


def write_rows(path: Path, rows: list[list[object]], sheet: str = SHEET) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def workbook_with_errors(tmp_path: Path) -> Path:
    """13 initiatives; the first has a negative amount (an error) and the second a word for a number."""
    rows = workbook_rows(make_portfolio(13, seed=3))
    first = HEADER_ROW  # rows[HEADER_ROW] is sheet row HEADER_ROW + 1
    rows[first][FIRST_YEAR_COLUMN - 1] = -3
    rows[first + 1][FIRST_YEAR_COLUMN] = "tolv"
    return write_rows(tmp_path / "fejl.xlsx", rows)


def portfolio_with_cells(n: int = 13, seed: int = 1) -> Portfolio:
    """An in-memory portfolio whose values remember cells (as if read from the synthetic layout)."""
    portfolio = make_portfolio(n, seed=seed)
    years = portfolio.years or portfolio.all_years()
    for i, ini in enumerate(portfolio.initiatives):
        row = HEADER_ROW + 1 + i
        ini.sources = {
            "id": CellRef(sheet=SHEET, row=row, column=1),
            "name": CellRef(sheet=SHEET, row=row, column=2),
            **{amount_key(y): CellRef(sheet=SHEET, row=row, column=FIRST_YEAR_COLUMN + k)
               for k, y in enumerate(years)},
            "stated_total": CellRef(sheet=SHEET, row=row, column=FIRST_YEAR_COLUMN + len(years)),
        }
    portfolio.revalidate()
    return portfolio


def open_and_wait(qtbot: QtBot, window: object, path: Path | str, *, ask: bool = True) -> tuple[str, bool]:
    """Open a file in the window and wait for the background load; returns (path, ok)."""
    with qtbot.waitSignal(window.file.load_finished, timeout=LOAD_TIMEOUT_MS) as blocker:  # type: ignore[attr-defined]
        started = window.open_path(str(path), ask=ask)  # type: ignore[attr-defined]
        assert started, "the window refused to open the file"
    return blocker.args[0], blocker.args[1]


def drop_files(widget: object, paths: list[Path]) -> QDropEvent:
    """Drag files over the widget and drop them, as a file manager would."""
    from PySide6.QtWidgets import QApplication

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)  # type: ignore[arg-type]
    if not enter.isAccepted():
        return QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                          Qt.KeyboardModifier.NoModifier)
    drop = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, drop)  # type: ignore[arg-type]
    return drop


def make_window(qtbot: QtBot, *, show: bool = True):  # type: ignore[no-untyped-def]
    """A MainWindow whose unsaved-changes prompt answers Discard unless a test says otherwise.

    Without this the window's close at teardown would open a modal box that nobody answers.
    """
    from ui.file_actions import SaveChoice
    from ui.main_window import MainWindow

    window = MainWindow()
    window.ask_save_changes = lambda: SaveChoice.DISCARD  # type: ignore[method-assign]
    qtbot.addWidget(window)
    if show:
        window.show()
    return window
