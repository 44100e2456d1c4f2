"""Drives the real app (``ui.app.main``) offscreen for the crash-recovery test; run as a subprocess.

``python tests/recovery_driver.py crash BOOK OUT``: open BOOK, make ten edits through the undo stack (the
tenth writes the recovery snapshot), write the edited figures to OUT, then SIGKILL this process.
``python tests/recovery_driver.py restore BOOK OUT``: start again (PLANNER_RECOVERY_CHOICE=restore answers
the offer), and once restored write the document's figures, path and unsaved state to OUT, then exit.
PLANNER_DATA_DIR and PLANNER_SETTINGS_DIR come from the test.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TIMEOUT_MS = 60_000
EDITS = 10


def figures_json(portfolio) -> dict[str, dict[str, str]]:  # type: ignore[no-untyped-def]
    return {ini.id: {str(y): str(a) for y, a in sorted(ini.amounts.items())} for ini in portfolio.initiatives}


def write_out(path: str, data: dict) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(data, fh, indent=1)
        fh.flush()
        os.fsync(fh.fileno())


def edit(window, n: int) -> None:  # type: ignore[no-untyped-def]
    """Edit number n: one amount of initiative n, through the undo stack when the document has one."""
    doc = window.document
    ini = doc.portfolio.initiatives[n % len(doc.portfolio.initiatives)]
    year = sorted(ini.amounts)[n % len(ini.amounts)] if ini.amounts else min(doc.portfolio.all_years())
    old = ini.amounts.get(year)
    new = (old or Decimal(0)) + Decimal("0.01") * (n + 1) + Decimal("0.001")
    stack = getattr(doc, "undo_stack", None)
    try:
        from planner.edits import ChangeSet, cell_change
        from ui.commands import ChangeSetCommand
    except ImportError:
        stack = None
    if stack is not None:
        stack.push(ChangeSetCommand(doc, ChangeSet.of([cell_change(ini.id, year, old, new)])))
    else:
        doc.portfolio.set_amount(ini.id, year, new)
        doc.mark_changed()


def main(mode: str, book: str, out: str) -> int:
    from PySide6.QtCore import QTimer

    from planner import recovery as store
    from ui import app as app_module
    from ui import recovery

    state: dict = {"offered": []}
    make_window = app_module.create_window
    asked = recovery.ask_restore

    def ask(window, snapshot):  # type: ignore[no-untyped-def]
        state["offered"].append(snapshot.file.name)
        return asked(window, snapshot)

    recovery.ask_restore = ask
    install = recovery.install

    def install_and_watch(window, **kwargs):  # type: ignore[no-untyped-def]
        manager = install(window, **kwargs)
        if mode == "restore":
            manager.restored.connect(lambda path: finish_restore(window, path))
        return manager

    recovery.install = install_and_watch
    app_module.recovery = recovery

    def crash_after_edits(window, path: str, ok: bool) -> None:  # type: ignore[no-untyped-def]
        if not ok:
            write_out(out, {"error": str(window.last_error)})
            os._exit(2)
        for n in range(EDITS):
            edit(window, n)
        snapshots = [p.name for p in store.recovery_dir().glob("*.json")]
        write_out(out, {"figures": figures_json(window.document.portfolio), "dirty": window.document.dirty,
                        "snapshots": snapshots})
        os.kill(os.getpid(), signal.SIGKILL)

    def finish_restore(window, path: str) -> None:  # type: ignore[no-untyped-def]
        doc = window.document
        write_out(out, {"figures": figures_json(doc.portfolio), "dirty": doc.dirty, "path": doc.path,
                        "restored_path": path, "offered": state["offered"],
                        "modified_title": window.isWindowModified()})
        os._exit(0)

    def create_window(path: str | None = None):  # type: ignore[no-untyped-def]
        window = make_window(path)
        if mode == "crash":
            window.file.load_finished.connect(lambda p, ok: crash_after_edits(window, p, ok))
        return window

    app_module.create_window = create_window
    QTimer.singleShot(TIMEOUT_MS, lambda: os._exit(3))
    return app_module.main([book])


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
