"""Saving in a worker thread: the window keeps painting, a progress dialog appears for long saves, and
Cancel stops the save before the file is replaced (the atomic save leaves the original as it was)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
from PySide6.QtWidgets import QApplication, QLabel, QProgressDialog, QWidget

from planner.errors import WorkbookError

Fault = Callable[[str], None]
SHOW_AFTER = 0.4  # seconds: a quick save shows no dialog


def tr(text: str) -> str:
    return QCoreApplication.translate("SaveJob", text)


class SaveRunner:
    """Runs ``write(fault)`` off the UI thread; ``cancelled`` tells afterwards whether the user stopped it.

    Until the dialog shows, user input is held back (not lost) so nothing edits the portfolio while it
    is being written; once shown, the window-modal dialog is the only thing that takes input.
    """

    def __init__(self, parent: QWidget, name: str) -> None:
        self._parent = parent
        self._name = name
        self._cancel = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def _fault(self, step: str) -> None:
        if self._cancel.is_set():
            raise WorkbookError("cancelled")

    def __call__(self, write: Callable[[Fault], None]) -> None:
        outcome: list[BaseException] = []

        def work() -> None:
            try:
                write(self._fault)
            except BaseException as exc:  # noqa: BLE001 - handed back to the UI thread below
                outcome.append(exc)

        worker = threading.Thread(target=work, name="planner-save", daemon=True)
        worker.start()
        app = QApplication.instance()
        started = time.monotonic()
        dialog: QProgressDialog | None = None
        while worker.is_alive():
            worker.join(0.02)
            if dialog is None and time.monotonic() - started > SHOW_AFTER:
                dialog = QProgressDialog(tr("Gemmer {name} …").format(name=self._name), tr("Annullér"), 0, 0,
                                         self._parent)
                for label in dialog.findChildren(QLabel):
                    label.setTextFormat(Qt.TextFormat.PlainText)
                dialog.setWindowTitle(tr("Gemmer projektmappe"))
                dialog.setWindowModality(Qt.WindowModality.WindowModal)
                dialog.setMinimumDuration(0)
                dialog.canceled.connect(self._cancel.set)
                dialog.show()
            if app is not None:
                flags = (QEventLoop.ProcessEventsFlag.AllEvents if dialog is not None
                         else QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
                app.processEvents(flags, 20)
        if dialog is not None:
            dialog.close()
            dialog.deleteLater()
        if outcome:
            raise outcome[0]
