"""Noticing that the workbook changed on disk since it was loaded or saved."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from planner.file_state import DiskState, changed_on_disk, disk_state
from planner.loader import load_portfolio
from planner.model import Portfolio
from planner.writer import save_portfolio

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "uip2023.xlsx"


def _loaded(tmp_path: Path) -> tuple[Path, Portfolio]:
    path = tmp_path / "uip.xlsx"
    shutil.copyfile(SAMPLE, path)
    return path, load_portfolio(path)


def test_unchanged_file_is_not_changed(tmp_path: Path) -> None:
    _, portfolio = _loaded(tmp_path)
    assert disk_state(portfolio) == DiskState.SAME
    assert not changed_on_disk(portfolio)


def test_touch_only_is_not_a_change(tmp_path: Path) -> None:
    path, portfolio = _loaded(tmp_path)
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    assert not changed_on_disk(portfolio)


def test_rewritten_file_is_changed(tmp_path: Path) -> None:
    path, portfolio = _loaded(tmp_path)
    other = load_portfolio(path)
    ini = other.initiatives[0]
    other.set_amount(ini.id, min(ini.amounts), ini.amount(min(ini.amounts)) + 1)
    save_portfolio(other, path)  # a colleague saves the same file
    assert changed_on_disk(portfolio)


def test_same_size_same_time_different_bytes_is_changed(tmp_path: Path) -> None:
    path, portfolio = _loaded(tmp_path)
    st = path.stat()
    data = bytearray(path.read_bytes())
    data[-30] ^= 0xFF
    path.write_bytes(bytes(data))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1))
    assert changed_on_disk(portfolio)


def test_after_our_own_save_it_is_not_changed(tmp_path: Path) -> None:
    path, portfolio = _loaded(tmp_path)
    ini = portfolio.initiatives[0]
    portfolio.set_amount(ini.id, min(ini.amounts), 99)
    save_portfolio(portfolio, path)
    assert not changed_on_disk(portfolio)


def test_missing_file_and_no_source(tmp_path: Path) -> None:
    path, portfolio = _loaded(tmp_path)
    path.unlink()
    assert disk_state(portfolio) == DiskState.MISSING
    assert not changed_on_disk(portfolio)
    assert disk_state(Portfolio()) == DiskState.UNKNOWN
