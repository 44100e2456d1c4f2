"""Atomic saving: the file on disk is always either the old version or the complete new one.

Steps (as Excel does it): write a temporary file in the same folder, flush and fsync it, keep the
current version as ONE backup beside it (``Budget.xlsx`` → ``Budget.bak.xlsx``, so it still opens in
Excel), then ``os.replace`` the temporary file over the target and fsync the folder. A failure at any
step (disk full, no permission, the file held open on Windows) removes the temporary file, leaves the
original byte-identical, and raises ``WorkbookError("write_failed")`` saying what happened.

Tests inject failures with ``fault``: a callable given each step's name ("write", "fsync", "backup",
"replace") before the step runs; raising ``OSError`` there simulates that step failing.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from planner.errors import WorkbookError

STEPS = ("write", "fsync", "backup", "replace")
TEMP_PREFIX = ".~planner-"
Fault = Callable[[str], None]


def backup_path(path: str | os.PathLike[str]) -> Path:
    """``Budget.xlsx`` → ``Budget.bak.xlsx`` (same folder; the extension stays so Excel opens it)."""
    p = Path(path)
    return p.with_name(f"{p.stem}.bak{p.suffix}")


def atomic_write(path: str | os.PathLike[str], write: Callable[[BinaryIO], None], *,
                 backup: bool = True, fault: Fault | None = None) -> None:
    """Write ``path`` through ``write(fh)`` atomically, keeping the previous version as a backup."""
    target = Path(path)
    if target.is_symlink():
        target = target.resolve()  # replace the file the link points to, not the link
    folder = target.parent if str(target.parent) else Path(".")
    shown = str(target)
    step = "write"
    tmp_name: str | None = None

    def at(name: str) -> None:
        nonlocal step
        step = name
        if fault is not None:
            fault(name)

    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{target.name}-", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            at("write")
            write(fh)
            fh.flush()
            at("fsync")
            os.fsync(fh.fileno())
        _copy_mode(target, tmp_name)
        if backup and target.exists():
            at("backup")
            _make_backup(target)
        at("replace")
        os.replace(tmp_name, target)
        tmp_name = None
        _fsync_folder(folder)
    except WorkbookError:
        raise
    except OSError as exc:
        raise WorkbookError("write_failed", path=shown, reason=_reason(step, exc), step=step) from exc
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def atomic_copy(src: str | os.PathLike[str], dst: str | os.PathLike[str], *, backup: bool = True,
                fault: Fault | None = None) -> None:
    """Copy ``src`` to ``dst`` byte for byte, atomically (a save with nothing changed)."""
    def write(fh: BinaryIO) -> None:
        with open(src, "rb") as inp:
            shutil.copyfileobj(inp, fh, 1024 * 1024)

    atomic_write(dst, write, backup=backup, fault=fault)


def _make_backup(target: Path) -> None:
    """Keep the current version as the one backup; the original itself is never moved or opened for writing."""
    bak = backup_path(target)
    tmp = bak.with_name(f"{TEMP_PREFIX}{bak.name}.tmp")
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)
    try:
        try:
            os.link(target, tmp)
        except OSError:
            shutil.copy2(target, tmp)
        os.replace(tmp, bak)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _copy_mode(target: Path, tmp_name: str) -> None:
    """The new file gets the old one's permissions (mkstemp makes it private)."""
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    with contextlib.suppress(OSError):
        os.chmod(tmp_name, mode)


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _reason(step: str, exc: OSError) -> str:
    what = {
        "write": "writing the temporary file",
        "fsync": "flushing to disk",
        "backup": "keeping the backup",
        "replace": "replacing the file (is it open in another program?)",
    }.get(step, step)
    detail = exc.strerror or str(exc) or type(exc).__name__
    return f"{what}: {detail}"


def stale_temp_files(folder: str | os.PathLike[str]) -> list[Path]:
    """Temporary files a killed save left behind (safe to delete; the originals are intact)."""
    return sorted(p for p in Path(folder).glob(f"{TEMP_PREFIX}*.tmp") if p.is_file())


def fingerprint(path: str | os.PathLike[str]) -> tuple[int, int, str]:
    """(mtime_ns, size, sha256) of a file, to notice later that it changed on disk."""
    st = os.stat(path)
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1024 * 1024), b""):
            digest.update(chunk)
    return st.st_mtime_ns, st.st_size, digest.hexdigest()
