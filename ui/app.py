"""Start the desktop app: ``planner`` opens the bundled sample, ``planner FILE`` opens FILE."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from ui import crash_handler, i18n, recovery
from ui.settings import Settings

ORGANISATION = "PortfolioPlanner"
APP_NAME = "Portfolio Planner"
SAMPLE_NAME = "uip2023.xlsx"
_CONFIGURED = False
FIRST_OPEN_MS = 300


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


def configure_charts() -> None:
    """pyqtgraph's global options, set once per process (PySide6 is imported first, above)."""
    global _CONFIGURED
    if _CONFIGURED:
        return
    import pyqtgraph as pg

    pg.setConfigOptions(antialias=True, background="w", foreground="k")
    _CONFIGURED = True


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
    configure_charts()
    return app


def create_window(path: str | None = None):  # type: ignore[no-untyped-def]
    """The main window, opening ``path`` (or the sample when None and it exists) once the loop runs."""
    from ui.main_window import MainWindow

    window = MainWindow()
    target = path if path is not None else (str(sample_path()) if sample_path().exists() else "")
    if target:
        _AfterFirstPaint(window, lambda: window.open_path(target, ask=False))
    return window


class _AfterFirstPaint(QObject):
    """Runs ``action`` once, on the event-loop turn after ``widget`` first paints (or after
    ``FIRST_OPEN_MS`` when it is not shown): reading the workbook in its worker thread would otherwise
    compete with the first frame for the interpreter (≈ 0.25 s later on a 2-core machine)."""

    def __init__(self, widget: QObject, action: Callable[[], object]) -> None:
        super().__init__(widget)
        self._widget = widget
        self._action: Callable[[], object] | None = action
        widget.installEventFilter(self)
        QTimer.singleShot(FIRST_OPEN_MS, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._run)
        return False

    def _run(self) -> None:
        action, self._action = self._action, None
        if action is not None:
            self._widget.removeEventFilter(self)
            action()


class _FirstPaint(QObject):
    """Benchmark hook (bench/ui_hooks.py): prints ``first-paint`` once the window's first frame is
    painted, then ends the process. The line is printed on the next event-loop turn, after the whole frame."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._done)
        return False

    def _done(self) -> None:
        print("first-paint", flush=True)
        os._exit(0)  # at once: the workbook may be loading in its thread, and nothing needs saving


def main(argv: list[str] | None = None) -> int:
    """Run the app; ``argv`` is ``[]`` or ``[FILE]`` (what follows ``planner``)."""
    args = list(sys.argv[1:] if argv is None else argv)
    files = [a for a in args if not a.startswith("-")]
    app = application([a for a in args if a.startswith("-")])
    i18n.install(Settings().language())
    window = create_window(files[0] if files else None)
    crash_handler.install(app, window)
    recovery.install(window)
    if os.environ.get("PLANNER_BENCH_FIRST_PAINT") == "1":
        hook = _FirstPaint(window)
        window.installEventFilter(hook)
    window.show()
    return int(app.exec())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
