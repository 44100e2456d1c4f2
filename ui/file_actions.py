"""The File menu: new, open (dialog, recent, drag-and-drop), save, save as, export picture, close, quit.

Everything that could lose unsaved work goes through ``maybe_save()``, which asks the window's
``ask_save_changes()`` (a plain method, so tests can answer it).
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QLabel, QMenu, QProgressDialog

from planner.errors import WorkbookError
from planner.model import Portfolio
from ui.compare_dialog import CompareAction
from ui.document import LoadJob, is_openable
from ui.plain_text import plain, tooltip
from ui.save_guard import SaveGuard, Verdict
from ui.save_job import SaveRunner

if TYPE_CHECKING:
    from ui.main_window import MainWindow

WORKBOOK_FILTER = "Excel (*.xlsx *.xlsm);;CSV (*.csv);;Alle filer (*)"
PICTURE_FILTER = "PNG (*.png);;SVG (*.svg);;PDF (*.pdf)"


class SaveChoice(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class FileActions(QObject):
    """Owns the File menu's actions and the background load of a workbook.

    ``load_finished(path, ok)`` fires when a load ends (ok False for an error or a cancel).
    """

    load_finished = Signal(str, bool)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._win = window
        self.job: LoadJob | None = None
        self.progress: QProgressDialog | None = None
        tr = self.tr

        def action(text: str, slot: object, shortcut: QKeySequence | str | None = None, tip: str = "") -> QAction:
            act = QAction(text, window)
            if shortcut is not None:
                act.setShortcut(QKeySequence(shortcut))
            if tip:
                act.setStatusTip(tip)
            act.triggered.connect(slot)
            window.addAction(act)
            return act

        self.new = action(tr("&Ny"), self.new_document, QKeySequence.StandardKey.New, tr("Start en tom portefølje"))
        self.open = action(tr("Å&bn …"), self.open_dialog, "Ctrl+O", tr("Åbn en projektmappe (.xlsx)"))
        self.recent_menu = QMenu(tr("Åbn senes&te"), window)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.save = action(tr("&Gem"), self.save_document, "Ctrl+S", tr("Gem i den samme projektmappe"))
        self.save_as = action(tr("Gem &som …"), self.save_document_as, "Ctrl+Shift+S",
                              tr("Gem i en ny projektmappe"))
        self.export = action(tr("&Eksportér billede …"), self.export_picture, "Ctrl+E",
                             tr("Gem den viste graf som PNG, SVG eller PDF"))
        self.close = action(tr("&Luk"), self.close_document, "Ctrl+W", tr("Luk projektmappen"))
        self.quit = action(tr("&Afslut"), window.close, "Ctrl+Q", tr("Afslut programmet"))
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)
        self.guard = SaveGuard(window)
        self.compare = CompareAction(window)
        self.compare_action = action(tr("Sa&mmenlign med …"), self.compare.run, None,
                                     tr("Sammenlign med en anden version af projektmappen og tag ændringer med"))
        self._fill_recent()

    def fill_menu(self, menu: QMenu) -> None:
        menu.addAction(self.new)
        menu.addAction(self.open)
        menu.addMenu(self.recent_menu)
        menu.addSeparator()
        menu.addAction(self.save)
        menu.addAction(self.save_as)
        menu.addAction(self.export)
        menu.addSeparator()
        menu.addAction(self.compare_action)
        menu.addAction(self.guard.summary_action)
        menu.addAction(self.guard.change_log_action)
        menu.addSeparator()
        menu.addAction(self.close)
        menu.addSeparator()
        menu.addAction(self.quit)

    # -- unsaved changes ---------------------------------------------------------------------------------
    def maybe_save(self) -> bool:
        """True when it is fine to drop the current portfolio (saved, discarded or unchanged)."""
        if not self._win.document.dirty:
            return True
        choice = self._win.ask_save_changes()
        if choice == SaveChoice.SAVE:
            return self.save_document()
        return choice == SaveChoice.DISCARD

    # -- new / open ----------------------------------------------------------------------------------------
    def new_document(self) -> None:
        if self.maybe_save():
            self._win.document.new()
            self._win.statusBar().clearMessage()

    def close_document(self) -> None:
        self.new_document()

    def open_dialog(self) -> None:
        path = self._win.ask_open_path()
        if path:
            self.open_path(path)

    def open_path(self, path: str, *, ask: bool = True) -> bool:
        """Start reading ``path`` in the background; False when the user kept the current file."""
        if self.job is not None:
            self.job.cancel()
            self.job.wait()
            self._finish_job()
        if ask and not self.maybe_save():
            return False
        job = LoadJob(path, self)
        self.job = job
        job.progress.connect(self._on_progress)
        job.finished.connect(self._on_loaded)
        dialog = QProgressDialog(self.tr("Læser {name} …").format(name=Path(path).name), self.tr("Annullér"),
                                 0, 0, self._win)
        plain(*dialog.findChildren(QLabel))
        dialog.setWindowTitle(self.tr("Åbner projektmappe"))
        # Not modal: a modal QProgressDialog runs processEvents inside setValue, so the job's
        # `finished` could delete the dialog while it is still inside setValue (seen as a crash).
        # The window stays usable anyway; opening another file cancels this job first.
        dialog.setWindowModality(Qt.WindowModality.NonModal)
        dialog.setMinimumDuration(400)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(job.cancel)
        self.progress = dialog
        self._win.statusBar().showMessage(self.tr("Læser {path} …").format(path=path))
        job.start()
        return True

    def is_loading(self) -> bool:
        return self.job is not None

    def cancel_load(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def _on_progress(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.setMaximum(max(total, 0))
            self.progress.setValue(min(done, total) if total > 0 else 0)

    def _finish_job(self) -> None:
        if self.progress is not None:
            self.progress.reset()
            self.progress.deleteLater()
            self.progress = None
        if self.job is not None:
            self.job.deleteLater()
            self.job = None

    def _on_loaded(self, path: str, result: object) -> None:
        self._finish_job()
        win = self._win
        if isinstance(result, Portfolio):
            win.document.replace(result, path)
            win.recent.add(path)
            self._fill_recent()
            win.statusBar().showMessage(self.tr("Åbnede {name}").format(name=Path(path).name), 5000)
            self.load_finished.emit(path, True)
            return
        assert isinstance(result, WorkbookError)
        if result.code == "cancelled":
            win.statusBar().showMessage(self.tr("Åbning annulleret"), 5000)
        else:
            if result.code == "not_found":
                win.recent.remove(path)
                self._fill_recent()
            win.show_error(self.tr("Projektmappen kan ikke åbnes"),
                           f"{Path(path).name}\n\n{result.line(win.lang)}")
            win.statusBar().clearMessage()
        self.load_finished.emit(path, False)

    def drop_paths(self, paths: list[str]) -> bool:
        """Open the first workbook among dropped files."""
        for path in paths:
            if is_openable(path):
                return self.open_path(path)
        return False

    # -- recent -------------------------------------------------------------------------------------------
    def _fill_recent(self) -> None:
        menu = self.recent_menu
        menu.clear()
        paths = self._win.recent.paths()
        for n, path in enumerate(paths, start=1):
            label = f"&{n} {Path(path).name}" if n < 10 else Path(path).name
            act = menu.addAction(label)
            act.setToolTip(tooltip(path) or "")
            act.setStatusTip(path)
            act.triggered.connect(lambda _checked=False, p=path: self.open_path(p))
        if paths:
            menu.addSeparator()
            menu.addAction(self.tr("&Ryd listen"), self._clear_recent)
        else:
            empty = menu.addAction(self.tr("(ingen)"))
            empty.setEnabled(False)
        menu.setEnabled(True)

    def _clear_recent(self) -> None:
        self._win.recent.clear()
        self._fill_recent()

    # -- save -------------------------------------------------------------------------------------------------
    def save_document(self) -> bool:
        doc = self._win.document
        if not doc.path or Path(doc.path).suffix.lower() == ".csv":
            return self.save_document_as()
        return self._save_to(doc.path)

    def save_document_as(self) -> bool:
        path = self._win.ask_save_path()
        if not path:
            return False
        if not Path(path).suffix:
            path += ".xlsx"
        return self._save_to(path)

    def _save_to(self, path: str) -> bool:
        win = self._win
        verdict = self.guard.check(path)
        if verdict == Verdict.SAVE_AS:
            return self.save_document_as()
        if verdict == Verdict.CANCEL:
            return False
        options = self.guard.save_options()
        if options is None:
            return False
        runner = SaveRunner(win, Path(path).name)
        try:
            win.document.save(path, **options, runner=runner)
        except WorkbookError as err:
            if runner.cancelled:
                win.statusBar().showMessage(self.tr("Gemning annulleret; filen er uændret"), 5000)
                return False
            win.show_error(self.tr("Projektmappen kan ikke gemmes"), err.line(win.lang))
            return False
        except ImportError as exc:
            win.show_error(self.tr("Projektmappen kan ikke gemmes"), str(exc))
            return False
        self.guard.saved()
        win.recent.add(path)
        self._fill_recent()
        win.statusBar().showMessage(self.tr("Gemt i {name}").format(name=Path(path).name), 5000)
        return True

    # -- export ---------------------------------------------------------------------------------------------
    def export_picture(self) -> bool:
        win = self._win
        path = win.ask_export_path()
        if not path:
            return False
        if not Path(path).suffix:
            path += ".png"
        try:
            from ui.render import export_widget

            export_widget(win.current_view(), path)
        except ImportError:
            ok = win.current_view().grab().save(path)
            if not ok:
                win.show_error(self.tr("Billedet kan ikke gemmes"), path)
                return False
        except (OSError, ValueError, WorkbookError) as exc:
            win.show_error(self.tr("Billedet kan ikke gemmes"), f"{path}\n\n{exc}")
            return False
        win.statusBar().showMessage(self.tr("Billede gemt i {name}").format(name=Path(path).name), 5000)
        return True


def open_file_dialog(window: MainWindow, start: str) -> str:
    path, _ = QFileDialog.getOpenFileName(window, window.tr("Åbn projektmappe"), start, WORKBOOK_FILTER)
    return path


def save_file_dialog(window: MainWindow, start: str) -> str:
    path, _ = QFileDialog.getSaveFileName(window, window.tr("Gem projektmappe"), start, "Excel (*.xlsx)")
    return path


def export_file_dialog(window: MainWindow, start: str) -> str:
    path, _ = QFileDialog.getSaveFileName(window, window.tr("Eksportér billede"), start, PICTURE_FILTER)
    return path
