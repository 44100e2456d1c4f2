"""Never lost work: recovery snapshots while there are unsaved changes, and the offer to restore them.

:class:`RecoveryManager` watches the window's :class:`~ui.document.Document`: while it is dirty, a
snapshot (:mod:`planner.recovery`) is written every few minutes (``files/autosave_minutes``), after every
:data:`EDITS_PER_SNAPSHOT` edits and when an unexpected exception is caught; it is deleted when the
document is saved, replaced or closed cleanly. At start-up a snapshot left by a crashed session is offered
for restoring: the workbook is read again from its path, the snapshot's figures go into it, and the
document is marked unsaved; the workbook on disk is untouched until the user saves.

Tests answer the offer with :data:`choice_hook`; the crash-recovery test with ``PLANNER_RECOVERY_CHOICE``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from planner import recovery as store
from planner.log import get_logger, log_exception
from planner.model import Portfolio

if TYPE_CHECKING:
    from ui.main_window import MainWindow

EDITS_PER_SNAPSHOT = 10
CHOICE_ENV = "PLANNER_RECOVERY_CHOICE"


def tr(text: str) -> str:
    return QCoreApplication.translate("Recovery", text)


class RestoreChoice(Enum):
    RESTORE = "restore"
    DISCARD = "discard"
    LATER = "later"


choice_hook: Callable[[store.Snapshot], RestoreChoice] | None = None
"""When set (tests), answers the restore offer instead of the dialog."""


def ask_restore(window: MainWindow, snapshot: store.Snapshot) -> RestoreChoice:
    """The hook, else ``PLANNER_RECOVERY_CHOICE``, else a dialog: restore, discard, or ask again next time."""
    if choice_hook is not None:
        return choice_hook(snapshot)
    forced = os.environ.get(CHOICE_ENV, "").strip().lower()
    if forced in {c.value for c in RestoreChoice}:
        return RestoreChoice(forced)
    when = snapshot.saved_at.astimezone().strftime("%d-%m-%Y %H:%M")
    name = snapshot.name or tr("en ny portefølje")
    box = QMessageBox(QMessageBox.Icon.Question, tr("Gendan ikke-gemte ændringer"),
                      tr("Portfolio Planner blev ikke lukket korrekt. Der er ikke-gemte ændringer i {name} "
                         "fra {when}.\n\nVil du gendanne dem?").format(name=name, when=when),
                      QMessageBox.StandardButton.NoButton, window)
    box.setTextFormat(Qt.TextFormat.PlainText)
    info = tr("Projektmappen på disken ændres ikke, før du selv gemmer.")
    if snapshot.source_changed():
        info += "\n" + tr("Bemærk: projektmappen er ændret på disken siden ændringerne blev gemt til gendannelse.")
    box.setInformativeText(info)
    restore = box.addButton(tr("&Gendan"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(tr("&Kassér ændringerne"), QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(tr("&Senere"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    box.exec()
    clicked = box.clickedButton()
    if clicked is restore:
        return RestoreChoice.RESTORE
    if clicked is discard:
        return RestoreChoice.DISCARD
    return RestoreChoice.LATER


class RecoveryManager(QObject):
    """Keeps this session's snapshot in step with the document.

    Invariant: a snapshot file exists for this session only while the document has unsaved changes
    (written at the latest after :data:`EDITS_PER_SNAPSHOT` edits or one timer interval).
    ``snapshot_written(path)`` and ``restored(path)`` tell tests and the status bar.
    """

    snapshot_written = Signal(str)
    snapshot_deleted = Signal()
    restored = Signal(str)

    def __init__(self, window: MainWindow, *, interval_ms: int | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.document = window.document
        self.session = store.new_session_id()
        self.edits_since_snapshot = 0
        self.edits_total = 0
        self._stale = False
        self._pending: store.Snapshot | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms if interval_ms is not None else self._interval_from_settings())
        self.timer.timeout.connect(self._on_timer)
        self.document.changed.connect(self._on_edit)
        self.document.dirty_changed.connect(self._on_dirty_changed)
        self.document.portfolio_replaced.connect(self._on_replaced)
        window.installEventFilter(self)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.discard)

    def _interval_from_settings(self) -> int:
        try:
            from ui.settings import AUTOSAVE_MINUTES

            minutes = int(self.window.settings.get(AUTOSAVE_MINUTES))
        except (ImportError, KeyError, TypeError, ValueError, AttributeError):
            minutes = 1
        return max(minutes, 0) * 60_000

    @property
    def file(self) -> Path:
        return store.snapshot_file(self.session)

    def has_snapshot(self) -> bool:
        return self.file.exists()

    # -- writing -----------------------------------------------------------------------------------------------
    def snapshot_now(self) -> Path | None:
        """Write the snapshot if there are unsaved changes; never raises (a failure goes to the log)."""
        if not self.document.dirty:
            return None
        try:
            path = store.write_snapshot(self.document.portfolio, session=self.session,
                                        source_path=self._source_path(), edits=self.edits_total)
        except Exception as exc:  # noqa: BLE001 - a snapshot that cannot be written must not stop the work
            log_exception(exc)
            return None
        self.edits_since_snapshot = 0
        self._stale = False
        self.snapshot_written.emit(str(path))
        return path

    def _source_path(self) -> str:
        path = self.document.path
        if path and Path(path).suffix.lower() in (".xlsx", ".xlsm", ".csv"):
            return path
        return ""

    def discard(self) -> None:
        """Delete this session's snapshot (saved, replaced, or closed on purpose)."""
        existed = self.file.exists()
        store.delete_snapshot(self.session)
        self.edits_since_snapshot = 0
        self._stale = False
        if existed:
            self.snapshot_deleted.emit()

    def on_exception(self, _exc: BaseException) -> None:
        """A crash handler listener: keep the unsaved work before anything else can go wrong."""
        self.snapshot_now()

    # -- document signals --------------------------------------------------------------------------------------
    def _on_edit(self) -> None:
        """Counts every change; an undo stack marks the document unsaved only after the first one."""
        self.edits_total += 1
        self.edits_since_snapshot += 1
        self._stale = True
        if self.edits_since_snapshot >= EDITS_PER_SNAPSHOT:
            self.snapshot_now()

    def _on_timer(self) -> None:
        if self.document.dirty and (self._stale or not self.has_snapshot()):
            self.snapshot_now()

    def _on_dirty_changed(self, dirty: bool) -> None:
        if dirty:
            if self.timer.interval() > 0:
                self.timer.start()
        else:
            self.timer.stop()
            self.discard()

    def _on_replaced(self) -> None:
        if not self.document.dirty:
            self.timer.stop()
            self.discard()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            QTimer.singleShot(0, self._after_close)
        return False

    def _after_close(self) -> None:
        """The close event went through (the user saved or discarded): no snapshot to keep."""
        if not self.window.isVisible():
            self.timer.stop()
            self.discard()

    # -- restoring ---------------------------------------------------------------------------------------------
    def offer_restore(self) -> RestoreChoice | None:
        """Offer the newest snapshot a crashed session left; None when there is none."""
        orphans = store.orphaned_snapshots(self.session)
        if not orphans:
            return None
        snapshot = orphans[0]
        choice = ask_restore(self.window, snapshot)
        get_logger().info("Recovery snapshot %s from %s: %s", snapshot.file.name, snapshot.saved_at, choice.value)
        if choice == RestoreChoice.DISCARD:
            store.delete_snapshot(snapshot.file)
        elif choice == RestoreChoice.RESTORE:
            self.restore(snapshot)
        return choice

    def restore(self, snapshot: store.Snapshot) -> None:
        """Read the snapshot's workbook again (after any load under way) and put the figures into it."""
        self._pending = snapshot
        if self.window.file.is_loading():
            self.window.file.load_finished.connect(self._after_first_load)
        else:
            self._start_restore()

    def _after_first_load(self, _path: str, _ok: bool) -> None:
        self.window.file.load_finished.disconnect(self._after_first_load)
        self._start_restore()

    def _start_restore(self) -> None:
        snapshot = self._pending
        if snapshot is None:
            return
        source = snapshot.source_path
        if source and Path(source).is_file():
            self.window.file.load_finished.connect(self._on_source_loaded)
            self.window.file.open_path(source, ask=False)
        else:
            self._finish_restore(snapshot, snapshot.portfolio, "")

    def _on_source_loaded(self, path: str, ok: bool) -> None:
        snapshot = self._pending
        if snapshot is None or Path(path).resolve() != Path(snapshot.source_path).resolve():
            return
        self.window.file.load_finished.disconnect(self._on_source_loaded)
        if ok:
            self._finish_restore(snapshot, store.apply_snapshot(self.document.portfolio, snapshot.portfolio),
                                 self.document.path)
        else:
            self._finish_restore(snapshot, snapshot.portfolio, "")

    def _finish_restore(self, snapshot: store.Snapshot, portfolio: Portfolio, path: str) -> None:
        self._pending = None
        self.document.replace(portfolio, path)
        stack = getattr(self.document, "undo_stack", None)
        if stack is not None:
            stack.resetClean()
        self.document.set_dirty(True)
        self.snapshot_now()
        store.delete_snapshot(snapshot.file)
        self.window.statusBar().showMessage(
            tr("Ikke-gemte ændringer er gendannet. Gem for at beholde dem i projektmappen."), 15000)
        self.restored.emit(path)


def install(window: MainWindow, *, offer: bool = True) -> RecoveryManager:
    """Watch ``window``'s document, listen to the crash handler, and offer a crashed session's work."""
    from ui import crash_handler

    manager = RecoveryManager(window)
    handler = crash_handler.current()
    if handler is not None:
        handler.add_listener(manager.on_exception)
    if offer:
        QTimer.singleShot(0, manager.offer_restore)
    return manager
