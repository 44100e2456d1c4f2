"""Start the desktop app: ``planner`` opens the bundled sample, ``planner FILE`` opens FILE."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

# numpy (under pyqtgraph) starts one OpenBLAS thread per core when imported; the charts only add and
# count, never multiply matrices, so one thread does: ≈ 50 ms less start-up, no threads spinning beside
# the UI. Set before anything imports numpy; a value the user set wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from ui import crash_handler, i18n, recovery
from ui.settings import Settings
from ui.views import configure_charts  # noqa: F401  (kept importable from here: bench/ and older callers)

ORGANISATION = "PortfolioPlanner"
APP_NAME = "Portfolio Planner"
SAMPLE_NAME = "uip2023.xlsx"
FIRST_OPEN_MS = 300
SHOWN_NO_PAINT_MS = 1000


def bundle_root() -> Path:
    """The folder holding ``samples/`` and ``resources/``: the PyInstaller bundle when frozen."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def sample_path() -> Path:
    return bundle_root() / "samples" / SAMPLE_NAME


def resource_path(name: str) -> Path:
    return bundle_root() / "resources" / name


def app_icon() -> QIcon:
    icon = QIcon()
    for name in ("icon.svg", "icon.png"):
        path = resource_path(name)
        if path.exists():
            icon.addFile(str(path))
    return icon


def application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (created once), named so QSettings and dialogs know who we are."""
    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0] if sys.argv else "planner", *(argv or [])])
    assert isinstance(app, QApplication)
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setWindowIcon(app_icon())
    return app


def create_window(path: str | None = None):  # type: ignore[no-untyped-def]
    """The main window, opening ``path`` (or the sample when None and it exists).

    The first frame shows the workbook: a small one is read here and handed to the window when it is
    shown (``load_finished`` fires then, so callers can connect to it first); a big one is read in the
    background after the first paint, with progress and cancel. The charts and docks the first frame
    does not show are built right after the first paint (ui.startup)."""
    from ui import startup
    from ui.main_window import MainWindow

    window = MainWindow(defer=True)
    _AfterFirstPaint(window, window.finish_build)
    target = path if path is not None else (str(sample_path()) if sample_path().exists() else "")
    if target:
        result = startup.read_small_file(target)
        if result is not None:
            startup.Handover(window, target, result)
        else:
            _AfterFirstPaint(window, lambda: window.open_path(target, ask=False))
    return window


class _AfterFirstPaint(QObject):
    """Runs ``action`` once, on the event-loop turn after ``widget`` first paints: building the other
    charts or reading a big workbook in its worker thread would otherwise compete with the first frame for
    the interpreter. Without a paint it runs ``FIRST_OPEN_MS`` after the loop starts while the widget is
    hidden (tests), or ``SHOWN_NO_PAINT_MS`` after it was shown (e.g. shown minimised)."""

    def __init__(self, widget: QObject, action: Callable[[], object]) -> None:
        super().__init__(widget)
        self._widget = widget
        self._action: Callable[[], object] | None = action
        widget.installEventFilter(self)
        QTimer.singleShot(FIRST_OPEN_MS, self._run_if_hidden)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._run)
        elif event.type() == QEvent.Type.Show:
            QTimer.singleShot(SHOWN_NO_PAINT_MS, self._run)
        return False

    def _run_if_hidden(self) -> None:
        if not getattr(self._widget, "isVisible", lambda: False)():
            self._run()

    def _run(self) -> None:
        action, self._action = self._action, None
        if action is not None:
            self._widget.removeEventFilter(self)
            action()


class _FirstPaint(QObject):
    """Benchmark hook (bench/ui_hooks.py): prints ``first-paint`` once the window's first frame is
    painted, then ends the process. The line is printed on the next event-loop turn, after the whole frame.

    With ``all=True`` (``PLANNER_BENCH_FIRST_PAINT=all``) it goes on after ``first-paint`` until what the
    first frame left out is built and painted too (``MainWindow.finish_build``), prints ``all-built``
    and then ends: the figure that shows the deferred work is not hidden."""

    def __init__(self, window: QObject, *, all: bool = False) -> None:  # noqa: A002
        super().__init__(window)
        self._window = window
        self._all = all

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._painted)
        return False

    def _painted(self) -> None:
        print("first-paint", flush=True)
        if not self._all:
            os._exit(0)  # at once: the workbook may be loading in its thread, and nothing needs saving
        window = self._window
        if window.is_built():  # type: ignore[attr-defined]
            self._built()
        else:
            window.built.connect(self._built)  # type: ignore[attr-defined]

    def _built(self) -> None:
        # Two more turns: the charts' coalesced updates run, then everything is painted at once.
        QTimer.singleShot(0, lambda: QTimer.singleShot(0, self._done))

    def _done(self) -> None:
        self._window.repaint()  # type: ignore[attr-defined]
        print("all-built", flush=True)
        os._exit(0)


def main(argv: list[str] | None = None) -> int:
    """Run the app; ``argv`` is ``[]`` or ``[FILE]`` (what follows ``planner``)."""
    args = list(sys.argv[1:] if argv is None else argv)
    files = [a for a in args if not a.startswith("-")]
    app = application([a for a in args if a.startswith("-")])
    i18n.install(Settings().language())
    window = create_window(files[0] if files else None)
    crash_handler.install(app, window)
    recovery.install(window)
    from ui import idle_gc

    idle_gc.install(app)  # full garbage collections in the user's pauses, not in their actions
    bench = os.environ.get("PLANNER_BENCH_FIRST_PAINT")
    if bench in ("1", "all"):
        window.installEventFilter(_FirstPaint(window, all=bench == "all"))
    window.show()
    return int(app.exec())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
