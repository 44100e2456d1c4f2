"""The open portfolio: what file it came from and whether it has unsaved changes.

The window never holds a Portfolio on its own; it asks the Document, and listens to its signals to
update the title, the table and the charts. Loading runs in a worker thread (:class:`LoadJob`) so a big
workbook never freezes the window.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtGui import QUndoStack

from planner.edits import ChangeSet
from planner.errors import WorkbookError
from planner.model import Portfolio
from planner.scenarios import Scenario, baseline
from planner.validate import checkpoint, restore, revalidate_changed

OPENABLE_SUFFIXES = (".xlsx", ".xlsm", ".csv")
KEPT_CHECKPOINTS = 2  # big ChangeSets whose before/after findings are kept (≈10 MB each at 10,000)


def load_portfolio(path: str, *, progress: Callable[[int, int], None] | None = None,
                   cancelled: Callable[[], bool] | None = None) -> Portfolio:
    """planner.loader.load_portfolio; imported late so the window starts even while it is missing."""
    from planner.loader import load_portfolio as _load

    return _load(path, progress=progress, cancelled=cancelled)


def save_portfolio(portfolio: Portfolio, path: str, extra_sheets: dict[str, list[list[object]]] | None = None,
                   package_edits: list[Callable[..., None]] | None = None,
                   fault: Callable[[str], None] | None = None) -> None:
    from planner.writer import save_portfolio as _save

    _save(portfolio, path, extra_sheets=extra_sheets, package_edits=package_edits, fault=fault)


def read_scenarios(path: str) -> tuple[list[Scenario], WorkbookError | None]:
    """The scenarios stored in the workbook's "Scenarier" sheet, and the error when that sheet is damaged
    (the workbook still opens; the sheet is then left as it is on save until scenarios are saved)."""
    if Path(path).suffix.lower() not in (".xlsx", ".xlsm"):
        return [], None
    from planner.scenarios import read_scenarios as _read

    try:
        return _read(path), None
    except WorkbookError as err:
        return [], err


def _is_applied(portfolio: Portfolio, changes: ChangeSet) -> bool:
    """True when the portfolio holds ``changes``' new figures (redo), False when its old ones (undo)."""
    ini = portfolio.get(changes.ids[0])
    return ini is not None and ini.amounts.get(changes.years[0]) == changes.news[0]


def is_openable(path: str) -> bool:
    return Path(path).suffix.lower() in OPENABLE_SUFFIXES


class Document(QObject):
    """The portfolio being worked on.

    Invariants: ``portfolio`` is never None (a new document holds an empty one); ``path`` is '' until
    the portfolio is read from or saved to a file; ``dirty`` is True from the first edit until a save.
    ``undo_stack`` holds the edits since the portfolio was loaded (its clean state = saved), and
    ``baseline`` the figures as loaded; both start over when the portfolio is replaced.
    """

    portfolio_replaced = Signal()
    changed = Signal()
    amounts_changed = Signal(object)
    """A ChangeSet was applied or reverted (after the portfolio was revalidated, before ``changed``)."""
    dirty_changed = Signal(bool)
    path_changed = Signal(str)
    scenarios_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._portfolio = Portfolio(name="")
        self._path = ""
        self._dirty = False
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self.baseline: Scenario = baseline(self._portfolio)
        self.scenarios: list[Scenario] = []
        self.scenario_error: WorkbookError | None = None
        self._write_scenarios = False
        self._checkpoints: dict[int, list[Any]] = {}

    @property
    def portfolio(self) -> Portfolio:
        return self._portfolio

    @property
    def path(self) -> str:
        return self._path

    @property
    def dirty(self) -> bool:
        return self._dirty

    def display_name(self) -> str:
        return Path(self._path).name if self._path else ""

    def set_dirty(self, dirty: bool = True) -> None:
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)

    def mark_changed(self) -> None:
        """Call after an edit of the portfolio: revalidates, marks unsaved and tells the views."""
        self._checkpoints.clear()  # an edit outside the undo stack: kept states may not come back
        self._portfolio.revalidate()
        self.set_dirty(True)
        self.changed.emit()

    def _clean_changed(self, clean: bool) -> None:
        self.set_dirty(not clean)

    def report_changes(self, changes: ChangeSet | None = None) -> None:
        """Undo commands call this after changing the portfolio (amounts: the ChangeSet; locks, costs:
        None): revalidates and tells the views. Unsaved follows the undo stack's clean state.

        A ChangeSet touches the amounts of its initiatives only, so only those are validated again
        (planner.validate.revalidate_changed: the same findings as a full pass, in O(changed))."""
        if changes is None:
            self._portfolio.revalidate()
        else:
            self._revalidate(changes)
        if changes is not None:
            self.amounts_changed.emit(changes)
        self.changed.emit()

    def _revalidate(self, changes: ChangeSet) -> None:
        """Findings after ``changes`` was applied or reverted.

        A change to most initiatives (fit to frame, reset, a scenario) needs a whole-list pass over the
        amounts (``amounts_only``: a ChangeSet changes nothing else, so the ids, duplicate ids, phases,
        periods and costs found last time are kept). Its undo and redo return the figures to exactly a state
        validated before (the very Decimals come back, and every change goes through the undo stack), so
        the findings of the state left are kept per ChangeSet (:func:`planner.validate.checkpoint`) and
        put back when the figures return to it. Only the last few big ChangeSets are remembered."""
        portfolio = self._portfolio
        ids = set(changes.ids)
        if len(ids) * 4 <= len(portfolio.initiatives) or not changes.ids:
            revalidate_changed(portfolio, ids, amounts_only=True)
            return
        entry = self._checkpoints.pop(id(changes), None)
        if entry is None or entry[0] is not changes:
            entry = [changes, None, None]  # the ChangeSet, the state before it, the state after it
        self._checkpoints[id(changes)] = entry  # most recent last
        while len(self._checkpoints) > KEPT_CHECKPOINTS:
            del self._checkpoints[next(iter(self._checkpoints))]
        applied = _is_applied(portfolio, changes)
        left = checkpoint(portfolio)
        entry[1 if applied else 2] = left
        target = entry[2 if applied else 1]
        if target is not None and left is not None:
            restore(portfolio, target)
        else:
            revalidate_changed(portfolio, ids, amounts_only=True)

    def new(self) -> None:
        self.replace(Portfolio(name=""), "")

    def replace(self, portfolio: Portfolio, path: str) -> None:
        """Show another portfolio (just loaded, or new)."""
        self._portfolio = portfolio
        self._checkpoints.clear()
        self.baseline = baseline(portfolio)
        self.undo_stack.clear()
        self.scenarios, self.scenario_error = read_scenarios(path) if path else ([], None)
        self._write_scenarios = bool(self.scenarios)
        self._set_path(path)
        self.set_dirty(False)
        self.portfolio_replaced.emit()

    def load(self, path: str) -> None:
        """Read a file in this thread (small files, tests); raises WorkbookError."""
        self.replace(load_portfolio(path), str(Path(path).resolve()))

    def save(self, path: str | None = None, *, extra_sheets: dict[str, list[list[object]]] | None = None,
             package_edits: list[Callable[..., None]] | None = None,
             runner: Callable[[Callable[[Callable[[str], None] | None], None]], None] | None = None) -> None:
        """Write to ``path`` (or the current file); raises WorkbookError when it cannot be written.

        ``extra_sheets``/``package_edits`` (change log, summary sheet: ui.save_guard) go to the writer;
        ``runner`` runs the write (ui.save_job.SaveRunner: in a worker thread with progress and cancel)."""
        target = path or self._path
        if not target:
            raise ValueError("no file name")
        extra = dict(extra_sheets or {}) or None
        if self._write_scenarios:
            from planner.scenarios import SHEET, scenarios_to_rows

            extra = {**(extra or {}), SHEET: scenarios_to_rows(self.scenarios)}
        portfolio = self._portfolio

        def write(fault: Callable[[str], None] | None) -> None:
            save_portfolio(portfolio, target, extra, package_edits, fault)

        if runner is None:
            write(None)
        else:
            runner(write)
        self._set_path(str(Path(target).resolve()))
        self.undo_stack.setClean()
        self.set_dirty(False)

    def set_scenarios(self, scenarios: list[Scenario]) -> None:
        """Replace the saved scenarios (written to the "Scenarier" sheet on the next save)."""
        self.scenarios = list(scenarios)
        self._write_scenarios = True
        self.set_dirty(True)
        self.scenarios_changed.emit()

    def _set_path(self, path: str) -> None:
        if path != self._path:
            self._path = path
            self.path_changed.emit(path)


class _LoadWorker(QObject):
    progress = Signal(int, int)
    loaded = Signal(object)
    failed = Signal(object)

    def __init__(self, path: str, cancel: threading.Event) -> None:
        super().__init__()
        self._path = path
        self._cancel = cancel

    def run(self) -> None:
        try:
            portfolio = load_portfolio(self._path, progress=self.progress.emit, cancelled=self._cancel.is_set)
        except WorkbookError as err:
            self.failed.emit(err)
        except ImportError as exc:
            self.failed.emit(WorkbookError("unreadable", path=self._path, reason=str(exc)))
        except Exception as exc:  # noqa: BLE001 - reported as one clear line, details in the log
            from planner.log import log_exception

            log_exception(exc)
            self.failed.emit(WorkbookError("unreadable", path=self._path, reason=f"{type(exc).__name__}: {exc}"))
        else:
            prepare_columns(portfolio)
            self.loaded.emit(portfolio)


def prepare_columns(portfolio: Portfolio) -> None:
    """Build, in the loading thread, the cell columns (planner.amount_cells) that the table's column
    widths and the charts read first thing: ≈ 40 ms at 10,000 initiatives the window's thread would
    otherwise spend in the turn that shows the workbook (issue 7). Best effort: the window builds them
    itself if this fails."""
    try:
        from planner.amount_cells import cells_of

        cells_of(portfolio).arrays()
    except Exception as exc:  # noqa: BLE001 - never lose a loaded workbook over a cache
        from planner.log import log_exception

        log_exception(exc)


class LoadJob(QObject):
    """Reads one workbook in a worker thread; ``finished`` fires once with a Portfolio or a WorkbookError.

    ``cancel()`` asks the loader to stop at its next check; the job then finishes with the error
    code 'cancelled'.
    """

    progress = Signal(int, int)
    finished = Signal(str, object)

    def __init__(self, path: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = str(Path(path).resolve())
        self._cancel = threading.Event()
        self._thread = QThread()
        self._worker = _LoadWorker(self.path, self._cancel)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progress.connect(self.progress)
        self._worker.loaded.connect(self._done)
        self._worker.failed.connect(self._done)
        self._result: object = None

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def is_running(self) -> bool:
        return self._thread.isRunning()

    def wait(self) -> None:
        self._thread.quit()
        self._thread.wait()

    def _done(self, result: object) -> None:
        self._thread.quit()
        self._thread.wait()
        self.finished.emit(self.path, result)
