"""Atomic save: a failure at any step leaves the original byte-identical and no temporary file."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.errors import WorkbookError
from planner.safe_save import STEPS, atomic_write, backup_path, fingerprint, stale_temp_files


def _fail_at(step: str):  # type: ignore[no-untyped-def]
    def fault(name: str) -> None:
        if name == step:
            raise OSError(28, "No space left on device")
    return fault


@pytest.mark.parametrize("step", STEPS)
def test_failure_at_each_step_leaves_original_intact(tmp_path: Path, step: str) -> None:
    target = tmp_path / "Budget.xlsx"
    target.write_bytes(b"original bytes")
    with pytest.raises(WorkbookError) as err:
        atomic_write(target, lambda fh: fh.write(b"new bytes"), fault=_fail_at(step))
    assert err.value.code == "write_failed" and err.value.params["step"] == step
    assert "No space left on device" in err.value.message("en")
    assert "original is unchanged" in err.value.message("en")
    assert target.read_bytes() == b"original bytes"
    assert stale_temp_files(tmp_path) == []
    leftovers = {p.name for p in tmp_path.iterdir()} - {"Budget.xlsx", "Budget.bak.xlsx"}
    assert leftovers == set()
    if backup_path(target).exists():
        assert backup_path(target).read_bytes() == b"original bytes"


def test_failure_inside_the_writer_leaves_original_intact(tmp_path: Path) -> None:
    target = tmp_path / "Budget.xlsx"
    target.write_bytes(b"original")

    def write(fh) -> None:  # type: ignore[no-untyped-def]
        fh.write(b"half")
        raise OSError(13, "Permission denied")

    with pytest.raises(WorkbookError):
        atomic_write(target, write)
    assert target.read_bytes() == b"original" and sorted(p.name for p in tmp_path.iterdir()) == ["Budget.xlsx"]


def test_success_replaces_and_keeps_one_backup(tmp_path: Path) -> None:
    target = tmp_path / "Budget.xlsx"
    target.write_bytes(b"v1")
    target.chmod(0o640)
    atomic_write(target, lambda fh: fh.write(b"v2"))
    atomic_write(target, lambda fh: fh.write(b"v3"))
    assert target.read_bytes() == b"v3"
    assert backup_path(target) == tmp_path / "Budget.bak.xlsx"
    assert backup_path(target).read_bytes() == b"v2"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Budget.bak.xlsx", "Budget.xlsx"]
    assert target.stat().st_mode & 0o777 == 0o640


def test_new_file_gets_no_backup(tmp_path: Path) -> None:
    target = tmp_path / "Ny.xlsx"
    atomic_write(target, lambda fh: fh.write(b"x"))
    assert [p.name for p in tmp_path.iterdir()] == ["Ny.xlsx"]


def test_fingerprint_notices_a_change(tmp_path: Path) -> None:
    f = tmp_path / "a.xlsx"
    f.write_bytes(b"one")
    first = fingerprint(f)
    f.write_bytes(b"two")
    assert fingerprint(f)[2] != first[2] and fingerprint(f)[1] == 3
