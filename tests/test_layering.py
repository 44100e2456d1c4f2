"""The domain floor (planner/) never imports Qt, pyqtgraph or the ui package."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = ("PySide6", "pyqtgraph", "ui", "shiboken6")


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import statement, including those inside functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.extend([(node.lineno, node.module)])
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr == "import_module" and node.args
              and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            found.append((node.lineno, node.args[0].value))
    return found


def _forbidden(module: str) -> bool:
    return module.split(".")[0] in FORBIDDEN


def _allowed_app_handover(path: Path, module: str) -> bool:
    """cli.py (and the render command) hand over to ui at run time by importlib, by design."""
    rel = path.relative_to(ROOT).as_posix()
    return module.startswith("ui.") and rel in {"planner/cli.py", "planner/commands/render.py"}


def test_import_scanner_sees_every_kind_of_import(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text("import os\nfrom PySide6 import QtCore\ndef f():\n    import pyqtgraph as pg\n"
                     "    from ui.app import main\n", encoding="utf-8")
    assert [m for _, m in _imports(probe) if _forbidden(m)] == ["PySide6", "pyqtgraph", "ui.app"]


def test_no_planner_module_imports_qt_or_ui() -> None:
    offenders = []
    for path in sorted((ROOT / "planner").rglob("*.py")):
        for line, module in _imports(path):
            if _forbidden(module) and not _allowed_app_handover(path, module):
                offenders.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    assert not offenders, "planner/ must stay headless:\n" + "\n".join(offenders)


def test_headless_entry_points_load_no_qt_at_run_time() -> None:
    code = (
        "import importlib, sys\n"
        "import pkgutil, planner, planner.cli, planner.commands.summary\n"
        "for info in pkgutil.walk_packages(planner.__path__, 'planner.'):\n"
        "    if not info.name.endswith('__main__'):\n"
        "        importlib.import_module(info.name)\n"
        "planner.cli.build_parser()\n"
        "qt = ('PySide6', 'pyqtgraph', 'shiboken6', 'ui')\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in qt)\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
