"""The app is killed with unsaved edits; the next start offers the snapshot and restores the figures exactly.

Both runs are real processes running ``ui.app.main`` offscreen (tests/recovery_driver.py), sharing one
data folder in tmp_path; the workbook on disk must not change until the user saves.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DRIVER = ROOT / "tests" / "recovery_driver.py"
SAMPLE = ROOT / "samples" / "uip2023.xlsx"

pytestmark = pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")


def _run(mode: str, book: Path, out: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(DRIVER), mode, str(book), str(out)], check=False, env=env,
                          cwd=ROOT, capture_output=True, text=True, timeout=180)


def _figures(path: Path) -> dict[str, dict[str, str]]:
    from planner.loader import load_portfolio

    return {i.id: {str(y): str(a) for y, a in sorted(i.amounts.items())} for i in load_portfolio(path).initiatives}


def test_killed_app_offers_its_snapshot_and_restores_the_figures_exactly(tmp_path: Path) -> None:
    book = tmp_path / "portefolje.xlsx"
    shutil.copyfile(SAMPLE, book)
    before = hashlib.sha256(book.read_bytes()).hexdigest()
    original = _figures(book)
    data = tmp_path / "data"
    env = {**os.environ, "PLANNER_DATA_DIR": str(data), "PLANNER_SETTINGS_DIR": str(tmp_path / "settings"),
           "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PLANNER_RECOVERY_CHOICE", None)

    crashed = _run("crash", book, tmp_path / "crash.json", env)
    assert crashed.returncode == -signal.SIGKILL, crashed.stderr[-2000:]
    edited = json.loads((tmp_path / "crash.json").read_text(encoding="utf-8"))
    assert edited["dirty"] and len(edited["snapshots"]) == 1
    assert edited["figures"] != original
    assert (data / "recovery" / edited["snapshots"][0]).exists()
    assert hashlib.sha256(book.read_bytes()).hexdigest() == before

    restored_run = _run("restore", book, tmp_path / "restore.json", {**env, "PLANNER_RECOVERY_CHOICE": "restore"})
    assert restored_run.returncode == 0, restored_run.stderr[-2000:]
    restored = json.loads((tmp_path / "restore.json").read_text(encoding="utf-8"))
    assert restored["offered"] == edited["snapshots"]
    assert restored["figures"] == edited["figures"]
    assert restored["path"] == str(book.resolve()) and restored["dirty"] and restored["modified_title"]
    assert hashlib.sha256(book.read_bytes()).hexdigest() == before
    assert not (data / "recovery" / edited["snapshots"][0]).exists()
    assert "Traceback" not in restored_run.stderr
