"""The save flow's checks: changed on disk (overwrite / save as / reload and compare / cancel), Excel
and LibreOffice lock files, a failed save, and the change log and summary added on save."""

from __future__ import annotations

import errno
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from planner.change_log import SHEET as LOG_SHEET
from planner.loader import load_portfolio
from planner.summary_sheet import MARK
from planner.summary_sheet import SHEET as SUMMARY_SHEET
from planner.writer import save_portfolio
from tests.ui_helpers import make_window, open_and_wait, sample_copy
from ui.save_guard import ConflictChoice, LockChoice


def _never(*_args: object) -> object:
    raise AssertionError("this prompt must not be shown")


@pytest.fixture
def opened(qtbot, tmp_path: Path):
    window = make_window(qtbot)
    path = sample_copy(tmp_path)
    _, ok = open_and_wait(qtbot, window, path)
    assert ok, window.last_error
    guard = window.file.guard
    guard.ask_conflict = _never
    guard.ask_locked = _never
    guard.ask_reason = _never
    window.ask_save_path = _never
    return window, path


def _edit(window, index: int = 0, delta: str = "1") -> tuple[str, int, Decimal]:
    ini = window.document.portfolio.initiatives[index]
    year = min(ini.amounts)
    new = ini.amount(year) + Decimal(delta)
    window.document.portfolio.set_amount(ini.id, year, new)
    window.document.mark_changed()
    return ini.id, year, new


def _colleague_saves(path: Path, index: int = 5, delta: str = "7") -> tuple[str, int, Decimal]:
    other = load_portfolio(path)
    ini = other.initiatives[index]
    year = min(ini.amounts)
    new = ini.amount(year) + Decimal(delta)
    other.set_amount(ini.id, year, new)
    save_portfolio(other, path)
    return ini.id, year, new


def test_unchanged_file_is_saved_without_questions(opened) -> None:
    window, path = opened
    ini_id, year, new = _edit(window)
    assert window.file.save_document()
    assert load_portfolio(path).get(ini_id).amount(year) == new
    assert not window.document.dirty


def test_changed_on_disk_overwrite(opened) -> None:
    window, path = opened
    ini_id, year, new = _edit(window)
    their_id, their_year, _ = _colleague_saves(path)
    mine_there = window.document.portfolio.get(their_id).amount(their_year)
    asked = []

    def answer(name: str, can_overwrite: bool) -> ConflictChoice:
        asked.append((name, can_overwrite))
        return ConflictChoice.OVERWRITE

    window.file.guard.ask_conflict = answer
    assert window.file.save_document()
    assert asked == [(path.name, True)]
    again = load_portfolio(path)
    assert again.get(ini_id).amount(year) == new
    assert again.get(their_id).amount(their_year) == mine_there, "overwrite: our figures win"
    assert not window.document.dirty
    window.file.guard.ask_conflict = _never
    _edit(window, 1)
    assert window.file.save_document(), "after our save the file is ours again: no question"


def test_changed_on_disk_save_as_leaves_the_colleagues_file(opened, tmp_path: Path) -> None:
    window, path = opened
    ini_id, year, new = _edit(window)
    _colleague_saves(path)
    theirs = path.read_bytes()
    window.file.guard.ask_conflict = lambda _n, _c: ConflictChoice.SAVE_AS
    other = tmp_path / "min version.xlsx"
    window.ask_save_path = lambda: str(other)
    assert window.file.save_document()
    assert path.read_bytes() == theirs
    assert load_portfolio(other).get(ini_id).amount(year) == new
    assert window.document.path == str(other.resolve())


def test_changed_on_disk_cancel(opened) -> None:
    window, path = opened
    _edit(window)
    _colleague_saves(path)
    theirs = path.read_bytes()
    window.file.guard.ask_conflict = lambda _n, _c: ConflictChoice.CANCEL
    assert not window.file.save_document()
    assert path.read_bytes() == theirs
    assert window.document.dirty


def test_reload_and_compare_then_save_keeps_both(qtbot, opened) -> None:
    window, path = opened
    ini_id, year, new = _edit(window)
    their_id, their_year, theirs = _colleague_saves(path)
    window.file.guard.ask_conflict = lambda _n, _c: ConflictChoice.RELOAD_COMPARE
    assert not window.file.save_document(), "the save waits until the user has compared"
    dialog = window.file.guard.last_compare
    taken = [c for c in dialog.changes if c.id == their_id and c.year == their_year]
    assert taken and taken[0].new == theirs
    dialog.set_checked(taken[0])
    dialog.take_checked()
    assert window.document.portfolio.get(their_id).amount(their_year) == theirs
    window.file.guard.ask_conflict = _never
    assert window.file.save_document()
    again = load_portfolio(path)
    assert again.get(their_id).amount(their_year) == theirs
    assert again.get(ini_id).amount(year) == new


def test_moved_rows_are_never_overwritten(opened) -> None:
    window, path = opened
    _edit(window)
    other = load_portfolio(path)
    other.initiatives = other.initiatives[1:]  # a colleague deleted the first row
    save_portfolio(other, path)
    theirs = path.read_bytes()
    asked = []

    def answer(_name: str, can_overwrite: bool) -> ConflictChoice:
        asked.append(can_overwrite)
        return ConflictChoice.OVERWRITE

    window.file.guard.ask_conflict = answer
    assert not window.file.save_document()
    assert asked == [False]
    assert path.read_bytes() == theirs


def _excel_owner(name: str) -> bytes:
    head = bytes([len(name)]) + name.encode("cp1252")
    head += b" " * (54 - len(head))
    return head + bytes([len(name), 0]) + name.encode("utf-16-le")


@pytest.mark.parametrize("answer", [LockChoice.SAVE_AS, LockChoice.CANCEL])
def test_excel_lock_names_who_and_offers_save_as_or_cancel(opened, tmp_path: Path, answer: LockChoice) -> None:
    window, path = opened
    ini_id, year, new = _edit(window)
    (path.parent / f"~${path.name}").write_bytes(_excel_owner("Anne Hansen"))
    before = path.read_bytes()
    told = []

    def ask(lock) -> LockChoice:
        told.append(lock.describe("da"))
        return answer

    window.file.guard.ask_locked = ask
    other = tmp_path / "kopi.xlsx"
    window.ask_save_path = lambda: str(other)
    assert window.file.save_document() is (answer == LockChoice.SAVE_AS)
    assert told and told[0].startswith("Excel: Anne Hansen har filen åben")
    assert path.read_bytes() == before
    if answer == LockChoice.SAVE_AS:
        assert load_portfolio(other).get(ini_id).amount(year) == new
    else:
        assert window.document.dirty


def test_libreoffice_lock_is_named_too(opened) -> None:
    window, path = opened
    _edit(window)
    (path.parent / f".~lock.{path.name}#").write_text(",anne,KONTOR-7,23.11.2026 09:15,file:///x;",
                                                       encoding="utf-8")
    told = []
    window.file.guard.ask_locked = lambda lock: told.append(lock.describe("da")) or LockChoice.CANCEL
    assert not window.file.save_document()
    assert told[0].startswith("LibreOffice: anne har filen åben (på KONTOR-7")


def test_failed_save_shows_the_message_and_stays_unsaved(opened, monkeypatch) -> None:
    window, path = opened
    _edit(window)
    before = path.read_bytes()

    def refuse(*_args: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("planner.safe_save.os.replace", refuse)
    assert not window.file.save_document()
    assert window.last_error is not None
    _title, text = window.last_error
    assert "Permission denied" in text and path.name in text
    assert window.document.dirty and window.isWindowModified()
    assert path.read_bytes() == before


def test_change_log_and_summary_when_switched_on(opened) -> None:
    window, path = opened
    guard = window.file.guard
    guard.change_log_action.setChecked(True)
    guard.summary_action.setChecked(True)
    reasons = iter(["Flyttet til 2025", ""])
    guard.ask_reason = lambda count: next(reasons)
    first = _edit(window, 0)
    assert window.file.save_document()
    second = _edit(window, 2, "0.5")
    assert window.file.save_document()
    wb = load_workbook(path)
    rows = list(wb[LOG_SHEET].iter_rows(values_only=True))
    assert len(rows) == 3
    assert (rows[1][1], rows[1][3], rows[1][7]) == (first[0], first[1], "Flyttet til 2025")
    assert (rows[2][1], rows[2][3], rows[2][7]) == (second[0], second[1], None)
    assert Decimal(repr(rows[2][5])) == second[2]
    assert wb[SUMMARY_SHEET]["A1"].value == MARK
    # the switches are remembered
    from ui.settings import CHANGE_LOG_ON_SAVE, SUMMARY_ON_SAVE

    assert window.settings.get(CHANGE_LOG_ON_SAVE) is True and window.settings.get(SUMMARY_ON_SAVE) is True


def test_cancelling_the_reason_cancels_the_save(opened) -> None:
    window, path = opened
    window.file.guard.change_log_action.setChecked(True)
    window.file.guard.ask_reason = lambda count: None
    before = path.read_bytes()
    _edit(window)
    assert not window.file.save_document()
    assert path.read_bytes() == before and window.document.dirty
