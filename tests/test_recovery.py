"""Recovery snapshots: exact figures on disk while work is unsaved, gone after a save, restored after a crash."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from planner import recovery as store
from planner.loader import load_portfolio
from planner.model import CostCategory, Initiative
from tests.ui_helpers import make_window, open_and_wait, sample_copy
from ui import recovery
from ui.file_actions import SaveChoice
from ui.recovery import EDITS_PER_SNAPSHOT, RecoveryManager, RestoreChoice


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


# -- planner.recovery (no Qt) ------------------------------------------------------------------------------------
def test_a_snapshot_keeps_every_figure_exactly(tmp_path: Path) -> None:
    book = sample_copy(tmp_path)
    p = load_portfolio(book)
    first, second = p.initiatives[0], p.initiatives[1]
    year = min(first.amounts)
    first.amounts[year] = Decimal("12.70")
    second.amounts[year] = Decimal("1E+2")
    first.costs = {CostCategory.EVALUERING: Decimal("0.350")}
    first.stated_total = None
    first.name = "=HYPERLINK(\"x\") æøå"
    p.frame.total = Decimal("400.000")

    path = store.write_snapshot(p, session="s1", source_path=str(book), edits=7)
    text = path.read_text(encoding="utf-8")
    assert '"12.70"' in text and '"1E+2"' in text and '"400.000"' in text
    assert [f.name for f in path.parent.iterdir()] == ["s1.json"]

    snap = store.read_snapshot(path)
    assert snap.source_path == str(book) and snap.edits == 7 and not snap.source_changed()
    got = snap.portfolio.initiatives[0]
    assert str(got.amounts[year]) == "12.70" and str(snap.portfolio.initiatives[1].amounts[year]) == "1E+2"
    assert got.costs == {CostCategory.EVALUERING: Decimal("0.350")} and got.stated_total is None
    assert got.name == first.name and str(snap.portfolio.frame.total) == "400.000"
    assert store.figures(snap.portfolio) == store.figures(p)


def test_applying_a_snapshot_keeps_the_workbook_cells_and_follows_added_and_deleted_rows(tmp_path: Path) -> None:
    book = sample_copy(tmp_path)
    edited = load_portfolio(book)
    gone = edited.initiatives.pop(2)
    edited.initiatives.append(Initiative(id="NY1", name="Ny", amounts={2024: Decimal("1.5")}))
    edited.initiatives[0].amounts[min(edited.initiatives[0].amounts)] = Decimal("9.99")
    store.write_snapshot(edited, session="s", source_path=str(book))

    loaded = load_portfolio(book)
    before = store.figures(loaded)
    restored = store.apply_snapshot(loaded, store.read_snapshot(store.snapshot_file("s")).portfolio)
    assert store.figures(loaded) == before
    assert store.figures(restored) == store.figures(edited)
    assert restored.get(gone.id) is None and restored.get("NY1").sources == {}
    assert restored.initiatives[0].sources == loaded.initiatives[0].sources
    assert restored.source == loaded.source and restored.frame.sources == loaded.frame.sources


def test_damaged_and_foreign_files_are_skipped_and_live_sessions_are_not_orphans(tmp_path: Path) -> None:
    p = load_portfolio(sample_copy(tmp_path))
    store.write_snapshot(p, session="mine")
    store.write_snapshot(p, session="crashed")
    folder = store.recovery_dir()
    (folder / "broken.json").write_text('{"format": "portfolio-planner-recovery", "vers', encoding="utf-8")
    (folder / "other.json").write_text('{"hello": 1}', encoding="utf-8")
    crashed = folder / "crashed.json"
    crashed.write_text(crashed.read_text(encoding="utf-8").replace(
        f'"pid": {__import__("os").getpid()}', f'"pid": {_dead_pid()}'), encoding="utf-8")

    assert sorted(s.session for s in store.list_snapshots()) == ["crashed", "mine"]
    assert [s.session for s in store.orphaned_snapshots("mine")] == ["crashed"]
    with pytest.raises(store.RecoveryError):
        store.read_snapshot(folder / "broken.json")
    store.delete_snapshot("crashed")
    assert store.orphaned_snapshots("mine") == []


def test_a_changed_workbook_is_noticed(tmp_path: Path) -> None:
    book = sample_copy(tmp_path)
    store.write_snapshot(load_portfolio(book), session="s", source_path=str(book))
    book.write_bytes(book.read_bytes() + b"\0")
    assert store.read_snapshot(store.snapshot_file("s")).source_changed()


# -- the window's RecoveryManager ------------------------------------------------------------------------------
@pytest.fixture
def opened(qtbot, tmp_path):  # type: ignore[no-untyped-def]
    window = make_window(qtbot)
    _, ok = open_and_wait(qtbot, window, sample_copy(tmp_path))
    assert ok, window.last_error
    return window


def _edit(window, n: int = 1) -> None:  # type: ignore[no-untyped-def]
    """n edits of the first initiative's first year, each +0.1, the way the table makes them."""
    ini = window.document.portfolio.initiatives[0]
    year = min(ini.amounts)
    for _ in range(n):
        window.document.portfolio.set_amount(ini.id, year, ini.amount(year) + Decimal("0.1"))
        window.document.mark_changed()


def test_a_snapshot_is_written_after_the_tenth_edit_not_before(qtbot, opened) -> None:
    manager = RecoveryManager(opened, interval_ms=0)
    _edit(opened, EDITS_PER_SNAPSHOT - 1)
    assert not manager.has_snapshot()
    with qtbot.waitSignal(manager.snapshot_written, timeout=1000):
        _edit(opened)
    snap = store.read_snapshot(manager.file)
    assert store.figures(snap.portfolio) == store.figures(opened.document.portfolio)
    assert snap.source_path == opened.document.path and snap.edits == EDITS_PER_SNAPSHOT


def test_a_snapshot_is_written_on_the_timer_while_unsaved(qtbot, opened) -> None:
    manager = RecoveryManager(opened, interval_ms=20)
    assert not manager.timer.isActive()
    _edit(opened)
    assert manager.timer.isActive()
    with qtbot.waitSignal(manager.snapshot_written, timeout=5000):
        pass
    assert store.figures(store.read_snapshot(manager.file).portfolio) == store.figures(opened.document.portfolio)


def test_the_timer_interval_comes_from_the_settings(opened) -> None:
    from ui.settings import AUTOSAVE_MINUTES

    opened.settings.set(AUTOSAVE_MINUTES, 1)
    assert RecoveryManager(opened).timer.interval() == 60_000


def test_the_snapshot_is_deleted_after_save(qtbot, opened) -> None:
    manager = RecoveryManager(opened, interval_ms=0)
    _edit(opened, EDITS_PER_SNAPSHOT)
    assert manager.has_snapshot()
    assert opened.file.save_document()
    assert not opened.document.dirty and not manager.has_snapshot()


def test_the_snapshot_is_deleted_on_a_clean_close_but_kept_when_close_is_cancelled(qtbot, opened) -> None:
    manager = RecoveryManager(opened, interval_ms=0)
    _edit(opened, EDITS_PER_SNAPSHOT)
    opened.ask_save_changes = lambda: SaveChoice.CANCEL
    opened.close()
    qtbot.wait(10)
    assert opened.isVisible() and manager.has_snapshot()
    opened.ask_save_changes = lambda: SaveChoice.DISCARD
    opened.close()
    qtbot.waitUntil(lambda: not manager.has_snapshot())


def test_an_unexpected_exception_writes_the_snapshot_at_once(qtbot, opened, monkeypatch) -> None:
    from ui import crash_handler

    monkeypatch.setattr(crash_handler, "dialog_hook", lambda report: None)
    crash_handler.install(None, opened)
    try:
        manager = recovery.install(opened, offer=False)
        _edit(opened, 2)
        assert not manager.has_snapshot()
        crash_handler.current().handle(RuntimeError("boom"))
        assert manager.has_snapshot()
    finally:
        crash_handler.uninstall()


def test_undo_commands_count_as_edits(qtbot, opened) -> None:
    commands = pytest.importorskip("ui.commands")
    from planner.edits import ChangeSet, cell_change

    stack = getattr(opened.document, "undo_stack", None)
    if stack is None:
        pytest.skip("the document has no undo stack yet")
    manager = RecoveryManager(opened, interval_ms=0)
    ini = opened.document.portfolio.initiatives[0]
    year = min(ini.amounts)
    for _ in range(EDITS_PER_SNAPSHOT):
        old = ini.amounts.get(year)
        changes = ChangeSet.of([cell_change(ini.id, year, old, old + Decimal("0.1"))])
        stack.push(commands.ChangeSetCommand(opened.document, changes))
    assert opened.document.dirty and manager.has_snapshot()
    while stack.canUndo():
        stack.undo()
    assert not opened.document.dirty and not manager.has_snapshot()


def _crashed_snapshot(window, edits: int = 3) -> tuple[dict, Path]:  # type: ignore[no-untyped-def]
    """A snapshot as a crashed session leaves it: written, then its process gone."""
    _edit(window, edits)
    expected = store.figures(window.document.portfolio)
    path = store.write_snapshot(window.document.portfolio, session="crashed", source_path=window.document.path)
    path.write_text(path.read_text(encoding="utf-8").replace(
        f'"pid": {__import__("os").getpid()}', f'"pid": {_dead_pid()}'), encoding="utf-8")
    return expected, path


def test_restore_puts_the_figures_into_the_workbook_and_leaves_the_file_alone(qtbot, tmp_path, monkeypatch) -> None:
    first = make_window(qtbot)
    book = sample_copy(tmp_path)
    open_and_wait(qtbot, first, book)
    expected, snap_file = _crashed_snapshot(first)
    original = _digest(book)
    first.document.set_dirty(False)

    asked: list[store.Snapshot] = []
    monkeypatch.setattr(recovery, "choice_hook", lambda s: asked.append(s) or RestoreChoice.RESTORE)
    second = make_window(qtbot)
    manager = RecoveryManager(second, interval_ms=0)
    with qtbot.waitSignal(manager.restored, timeout=30_000):
        assert manager.offer_restore() == RestoreChoice.RESTORE
    assert [s.file for s in asked] == [snap_file]
    assert store.figures(second.document.portfolio) == expected
    assert second.document.path == str(book.resolve())
    assert second.document.dirty and second.isWindowModified()
    assert _digest(book) == original
    assert not snap_file.exists() and manager.has_snapshot()
    assert "Gem" in second.statusBar().currentMessage() or "save" in second.statusBar().currentMessage().lower()


def test_discard_deletes_the_snapshot_and_later_keeps_it(qtbot, opened, monkeypatch) -> None:
    _, snap_file = _crashed_snapshot(opened)
    opened.document.set_dirty(False)
    manager = RecoveryManager(opened, interval_ms=0)
    monkeypatch.setattr(recovery, "choice_hook", lambda s: RestoreChoice.LATER)
    assert manager.offer_restore() == RestoreChoice.LATER and snap_file.exists()
    monkeypatch.setattr(recovery, "choice_hook", lambda s: RestoreChoice.DISCARD)
    assert manager.offer_restore() == RestoreChoice.DISCARD and not snap_file.exists()
    assert manager.offer_restore() is None


def test_restore_without_the_workbook_gives_an_unsaved_new_portfolio(qtbot, opened, tmp_path, monkeypatch) -> None:
    expected, _ = _crashed_snapshot(opened)
    Path(opened.document.path).unlink()
    opened.document.set_dirty(False)
    monkeypatch.setattr(recovery, "choice_hook", lambda s: RestoreChoice.RESTORE)
    manager = RecoveryManager(opened, interval_ms=0)
    with qtbot.waitSignal(manager.restored, timeout=5000):
        manager.offer_restore()
    assert store.figures(opened.document.portfolio) == expected
    assert opened.document.path == "" and opened.document.dirty


def test_the_restore_dialog_offers_restore_discard_and_later(qtbot, opened, monkeypatch) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    _, snap_file = _crashed_snapshot(opened)
    monkeypatch.delenv(recovery.CHOICE_ENV, raising=False)
    seen: list[str] = []

    def answer() -> None:
        box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
        seen.extend(b.text() for b in box.buttons())
        seen.append(box.text())
        box.grab().save(str(snap_file.parent / "restore_dialog.png"))
        next(b for b in box.buttons() if "Senere" in b.text()).click()

    QTimer.singleShot(0, answer)
    choice = recovery.ask_restore(opened, store.read_snapshot(snap_file))
    assert choice == RestoreChoice.LATER
    assert any("Gendan" in t for t in seen) and any("Kassér" in t for t in seen)
    assert any("uip2023.xlsx" in t for t in seen)
