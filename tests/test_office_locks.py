"""Lock files of Excel and LibreOffice beside a workbook: found, and who holds the file is named."""

from __future__ import annotations

import os
import time
from datetime import datetime
from pathlib import Path

from planner.office_locks import excel_owner, find_office_lock


def _excel_owner_bytes(name: str) -> bytes:
    """Like Excel writes it: length, 8-bit name padded to 54 bytes, then length, 0, UTF-16LE name."""
    narrow = name.encode("cp1252")
    head = bytes([len(name)]) + narrow
    head += b" " * (54 - len(head))
    return head + bytes([len(name), 0]) + name.encode("utf-16-le") + b" " * 20


def _workbook(tmp_path: Path, name: str = "Budget2024.xlsx") -> Path:
    path = tmp_path / name
    path.write_bytes(b"PK\x03\x04 not really")
    return path


def test_no_lock_file_means_not_open(tmp_path: Path) -> None:
    assert find_office_lock(_workbook(tmp_path)) is None


def test_excel_owner_file_names_the_user(tmp_path: Path) -> None:
    book = _workbook(tmp_path)
    (tmp_path / "~$Budget2024.xlsx").write_bytes(_excel_owner_bytes("Anne Hansen"))
    lock = find_office_lock(book)
    assert lock is not None
    assert (lock.program, lock.user) == ("Excel", "Anne Hansen")
    assert lock.describe("da").startswith("Excel: Anne Hansen har filen åben")
    assert not lock.stale


def test_excel_owner_file_with_shortened_name_and_danish_letters(tmp_path: Path) -> None:
    book = _workbook(tmp_path)
    (tmp_path / "~$dget2024.xlsx").write_bytes(_excel_owner_bytes("Søren Ærø"))
    lock = find_office_lock(book)
    assert lock is not None and lock.user == "Søren Ærø"


def test_excel_owner_8bit_only_and_utf16_only() -> None:
    eight = bytes([6]) + "Jørgen".encode("cp1252") + b" " * 47
    assert excel_owner(eight) == "Jørgen"
    wide = bytes([4]) + "Åsa!".encode("utf-16-le")
    assert excel_owner(wide) == "Åsa!"
    assert excel_owner(b"") == ""


def test_libreoffice_lock_names_user_host_and_time(tmp_path: Path) -> None:
    book = _workbook(tmp_path)
    stamp = datetime.now().strftime("%d.%m.%Y %H:%M")
    (tmp_path / ".~lock.Budget2024.xlsx#").write_text(
        f",anne,KONTOR-PC7,{stamp},file:///home/anne/.config/libreoffice/4;", encoding="utf-8")
    lock = find_office_lock(book)
    assert lock is not None
    assert (lock.program, lock.user, lock.host) == ("LibreOffice", "anne", "KONTOR-PC7")
    assert lock.since is not None and lock.since.strftime("%d.%m.%Y %H:%M") == stamp
    text = lock.describe("da")
    assert "LibreOffice: anne har filen åben" in text and "KONTOR-PC7" in text
    assert "gammel" not in text


def test_libreoffice_author_name_preferred_and_escaped_comma(tmp_path: Path) -> None:
    book = _workbook(tmp_path)
    (tmp_path / ".~lock.Budget2024.xlsx#").write_text(
        "Hansen\\, Anne,ahan,PC1,01.02.2020 08:30,file:///x;", encoding="utf-8")
    lock = find_office_lock(book)
    assert lock is not None
    assert lock.user == "Hansen, Anne" and lock.host == "PC1"
    assert lock.stale
    assert "efterladt efter et nedbrud" in lock.describe("da")
    assert "left over from a crash" in lock.describe("en")


def test_old_excel_owner_file_is_possibly_stale(tmp_path: Path) -> None:
    book = _workbook(tmp_path)
    owner = tmp_path / "~$Budget2024.xlsx"
    owner.write_bytes(_excel_owner_bytes("Anne Hansen"))
    old = time.time() - 13 * 3600
    os.utime(owner, (old, old))
    lock = find_office_lock(book)
    assert lock is not None and lock.stale


def test_lock_of_another_workbook_is_not_ours(tmp_path: Path) -> None:
    book = _workbook(tmp_path)
    (tmp_path / "~$Andet.xlsx").write_bytes(_excel_owner_bytes("Anne Hansen"))
    (tmp_path / ".~lock.Andet.xlsx#").write_text(",anne,pc,01.01.2026 10:00,x;", encoding="utf-8")
    assert find_office_lock(book) is None
