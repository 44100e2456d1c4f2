"""Unexpected exceptions: logged, explained in one dialog, and the window keeps working.

:func:`install` replaces ``sys.excepthook`` (an exception in a Qt slot lands there; PySide6 then carries
on with the event loop), ``threading.excepthook`` (worker threads: the report is passed to the GUI thread)
and Qt's message handler (Qt's own warnings go to the log instead of a console nobody sees). Every
exception is written to the log with its traceback; listeners (the recovery manager) get a chance to save
a snapshot; a dialog says what happened and where the log is.

No dialog storms: one dialog at a time, the same fault (type and place) is shown once per session, and
after :data:`MAX_DIALOGS` dialogs further faults only reach the log and the status bar. Tests set
:data:`dialog_hook` to receive the :class:`CrashReport` instead of a dialog.
"""

from __future__ import annotations

import sys
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QMessageLogContext,
    QObject,
    Qt,
    QtMsgType,
    QUrl,
    Signal,
    qInstallMessageHandler,
)
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QMessageBox, QWidget

from planner.log import get_logger, log_dir, log_exception

MAX_DIALOGS = 3
MAX_MESSAGE = 300


def tr(text: str) -> str:
    return QCoreApplication.translate("CrashHandler", text)


@dataclass(frozen=True)
class CrashReport:
    """What the user is told about one unexpected exception."""

    kind: str
    message: str
    log_file: str
    signature: tuple[str, str, int]
    details: str = ""

    def summary(self) -> str:
        text = f"{self.kind}: {self.message}" if self.message else self.kind
        return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 1] + "…"


dialog_hook: Callable[[CrashReport], None] | None = None
"""When set (tests), called with the report instead of showing the dialog."""


def _signature(exc: BaseException) -> tuple[str, str, int]:
    frames = traceback.extract_tb(exc.__traceback__) if exc.__traceback__ else []
    last = frames[-1] if frames else None
    return (type(exc).__name__, last.filename if last else "", last.lineno or 0 if last else 0)


def open_log_folder() -> bool:
    """Show the log folder in the file manager (created first, so there is something to open)."""
    folder = log_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class CrashHandler(QObject):
    """The process-wide hooks, reporting into one window. ``caught(report)`` fires in the GUI thread."""

    caught = Signal(object)
    _from_thread = Signal(object)

    def __init__(self, window: QWidget | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.count = 0
        self.dialogs_shown = 0
        self._showing = False
        self._handling = False
        self._shown: set[tuple[str, str, int]] = set()
        self._listeners: list[Callable[[BaseException], None]] = []
        self._previous_excepthook: Callable[..., Any] | None = None
        self._previous_thread_hook: Callable[..., Any] | None = None
        self._previous_qt_handler: Any = None
        self._installed = False
        self._from_thread.connect(self.handle, Qt.ConnectionType.QueuedConnection)

    # -- hooks -------------------------------------------------------------------------------------------------
    def install(self) -> None:
        if self._installed:
            return
        self._previous_excepthook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        sys.excepthook = self._excepthook
        threading.excepthook = self._thread_hook
        self._previous_qt_handler = qInstallMessageHandler(self._qt_message)
        self._installed = True

    def uninstall(self) -> None:
        if not self._installed:
            return
        sys.excepthook = self._previous_excepthook or sys.__excepthook__
        threading.excepthook = self._previous_thread_hook or threading.__excepthook__
        qInstallMessageHandler(self._previous_qt_handler)
        self._installed = False

    def add_listener(self, listener: Callable[[BaseException], None]) -> None:
        """Called with every exception before the dialog (e.g. to write a recovery snapshot)."""
        self._listeners.append(listener)

    def _excepthook(self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, (KeyboardInterrupt, SystemExit)):
            (self._previous_excepthook or sys.__excepthook__)(kind, exc, tb)
            return
        if exc.__traceback__ is None and tb is not None:
            exc = exc.with_traceback(tb)
        if threading.current_thread() is threading.main_thread():
            self.handle(exc)
        else:
            self._from_thread.emit(exc)

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        self._from_thread.emit(args.exc_value)

    def _qt_message(self, mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
        levels = {QtMsgType.QtDebugMsg: 10, QtMsgType.QtInfoMsg: 20, QtMsgType.QtWarningMsg: 30,
                  QtMsgType.QtCriticalMsg: 40, QtMsgType.QtFatalMsg: 50}
        level = levels.get(mode, 30)
        if level >= 30 and "propagateSizeHints" not in message:
            where = f" ({context.file}:{context.line})" if context.file else ""
            get_logger().log(level, "Qt: %s%s", message, where)
        if self._previous_qt_handler is not None:
            self._previous_qt_handler(mode, context, message)

    # -- reporting ---------------------------------------------------------------------------------------------
    def handle(self, exc: BaseException) -> None:
        """Log, tell the listeners, and show the dialog (at most one at a time, no storms)."""
        if self._handling:
            self._log_quietly(exc)
            return
        self._handling = True
        try:
            self.count += 1
            log_file = self._log_quietly(exc)
            for listener in list(self._listeners):
                try:
                    listener(exc)
                except Exception as inner:  # noqa: BLE001 - a listener must not stop the report
                    self._log_quietly(inner)
            report = CrashReport(type(exc).__name__, str(exc), log_file, _signature(exc),
                                 "".join(traceback.format_exception(exc)))
            self.caught.emit(report)
            self._report(report)
        except Exception as inner:  # noqa: BLE001 - the handler itself must never raise
            sys.__excepthook__(type(inner), inner, inner.__traceback__)
        finally:
            self._handling = False

    def _log_quietly(self, exc: BaseException) -> str:
        try:
            return log_exception(exc)
        except Exception:  # noqa: BLE001 - a log that cannot be written is no reason to crash
            return ""

    def _report(self, report: CrashReport) -> None:
        repeated = report.signature in self._shown
        if self._showing or repeated or self.dialogs_shown >= MAX_DIALOGS:
            self._status(tr("Der opstod endnu en uventet fejl; se logfilen: {path}").format(
                path=report.log_file or str(log_dir())))
            return
        self._shown.add(report.signature)
        self.dialogs_shown += 1
        if dialog_hook is not None:
            dialog_hook(report)
            return
        self._show_dialog(report)

    def _status(self, text: str) -> None:
        if isinstance(self.window, QMainWindow):
            self.window.statusBar().showMessage(text, 15000)

    def _show_dialog(self, report: CrashReport) -> None:
        """A window-modal, non-blocking box: no nested event loop, so the next fault cannot stack a dialog."""
        box = QMessageBox(QMessageBox.Icon.Critical, tr("Uventet fejl"),
                          tr("Der opstod en uventet fejl. Programmet kører videre, og dine data er som før "
                             "fejlen. Gem dit arbejde, og prøv igen."), QMessageBox.StandardButton.Ok,
                          self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(tr("{summary}\n\nDetaljerne står i logfilen:\n{path}").format(
            summary=report.summary(), path=report.log_file or str(log_dir())))
        if report.details:
            box.setDetailedText(report.details)
        folder = box.addButton(tr("Åbn logmappe"), QMessageBox.ButtonRole.ActionRole)
        folder.clicked.connect(open_log_folder)
        box.setEscapeButton(QMessageBox.StandardButton.Ok)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._dialog_closed)
        self._showing = True
        box.open()

    def _dialog_closed(self, _result: int = 0) -> None:
        self._showing = False


_current: CrashHandler | None = None


def current() -> CrashHandler | None:
    """The installed handler, if any (the recovery manager listens to it)."""
    return _current


def add_log_folder_action(window: QMainWindow) -> QAction | None:
    """Help > Open log folder, added to the window's Help menu (the menu holding the About action)."""
    about = getattr(getattr(window, "view", None), "about", None)
    bar = window.menuBar()
    order = {a: n for n, a in enumerate(bar.actions())}
    menus = sorted((m for m in bar.findChildren(QMenu) if m.menuAction() in order),
                   key=lambda m: order[m.menuAction()])
    if not menus:
        return None
    help_menu = next((m for m in menus if about is not None and about in m.actions()), menus[-1])
    act = QAction(tr("Åbn &logmappe"), window)
    act.setObjectName("open_log_folder")
    act.setStatusTip(tr("Vis mappen med programmets logfil, fx til en fejlrapport"))
    act.triggered.connect(open_log_folder)
    first = help_menu.actions()[0] if help_menu.actions() else None
    help_menu.insertAction(first, act)
    if first is not None:
        help_menu.insertSeparator(first)
    return act


def install(app: QApplication | None, window: QMainWindow | None) -> CrashHandler:
    """Install the hooks for the process, reporting into ``window``; adds Help > Open log folder."""
    global _current
    if _current is not None:
        _current.uninstall()
    handler = CrashHandler(window, parent=app)
    handler.install()
    if window is not None:
        add_log_folder_action(window)
    _current = handler
    return handler


def uninstall() -> None:
    global _current
    if _current is not None:
        _current.uninstall()
        _current = None
