"""The packaged app: build.spec builds a one-folder app whose binary renders the bundled sample headless.

Slow (a PyInstaller build takes about a minute on two cores): run with ``pytest --runslow``.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APP = "PortfolioPlanner"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(importlib.util.find_spec("PyInstaller") is None,
                       reason='PyInstaller is not installed (pip install -e ".[build]")'),
]


def run(cmd: list[str], timeout: float = 120, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run headless; the caller asserts on the exit code (and shows stderr when it fails)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(cmd, check=False, capture_output=True, text=True, timeout=timeout, env=env, cwd=cwd)


@pytest.fixture(scope="module")
def frozen_app(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build once for the module, into a temporary dist/work folder (the repo's dist/ stays untouched)."""
    tmp = tmp_path_factory.mktemp("frozen")
    result = run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                  "--distpath", str(tmp / "dist"), "--workpath", str(tmp / "work"), str(ROOT / "build.spec")],
                 timeout=900, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-4000:]
    exe = tmp / "dist" / APP / (APP + (".exe" if sys.platform.startswith("win") else ""))
    assert exe.is_file()
    return exe


def test_bundle_holds_samples_icons_and_docs(frozen_app: Path) -> None:
    internal = frozen_app.parent / "_internal"
    assert (internal / "samples" / "uip2023.xlsx").is_file()
    assert (internal / "resources" / "icon.png").is_file()
    assert (internal / "docs" / "workbook-format.md").is_file()
    assert (internal / "docs" / "user-guide.md").is_file()
    assert (internal / "docs" / "img" / "timeline.png").is_file()
    shipped_qm = {p.name for p in (internal / "resources").glob("*.qm")}
    assert shipped_qm == {p.name for p in (ROOT / "resources").glob("*.qm")}


def test_frozen_render_writes_a_png_of_the_asked_size(frozen_app: Path, tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    out = tmp_path / "timeline.png"
    result = run([str(frozen_app), "render", str(ROOT / "samples" / "uip2023.xlsx"), "--view", "timeline",
                  "-o", str(out), "--width", "1200", "--height", "700"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1200, 700)
    colours = {image.pixel(x, y) for x in range(0, 1200, 13) for y in range(0, 700, 13)}
    assert len(colours) > 20  # bars, text and grid were drawn, not a blank page


def test_frozen_summary_reads_the_bundled_sample(frozen_app: Path, tmp_path: Path) -> None:
    sample = frozen_app.parent / "_internal" / "samples" / "uip2023.xlsx"
    result = run([str(frozen_app), "summary", str(sample), "--json"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["initiatives"] == 13
    assert summary["name"].startswith("Udviklings- og Investeringsprogrammer")


def test_frozen_version_matches_the_package(frozen_app: Path) -> None:
    import planner

    result = run([str(frozen_app), "--version"])
    assert result.returncode == 0
    assert result.stdout.strip() == f"planner {planner.__version__}"
