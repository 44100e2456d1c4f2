"""Regenerate ``resources/planner_en.ts`` and ``planner_en.qm`` from the Danish strings in ``ui/*.py``.

Run ``.venv/bin/python scripts/update_translations.py`` after adding or changing any ``tr``/``translate``
text. Danish is the source language; the English texts live in ``resources/translations_en.py``
(source → English, maintained by hand). The script is re-runnable: it extracts from scratch every time.

Why not plain ``pyside6-lupdate``: our modules translate through small helpers (``_tr(text)`` calling
``QCoreApplication.translate("Timeline", text)``) and ``tr = self.tr`` aliases, which lupdate files under
an empty or wrong context, so Qt would never find them at run time. lupdate still decides *which*
strings exist (plus calls it misses, e.g. inside f-strings); the context each call really uses is read
from the code (:func:`call_contexts`).
Texts built from data (phase names) are added from :func:`extra_messages`.

Exit status 1 when an English text is missing (the .ts then marks it ``unfinished``).
"""

from __future__ import annotations

import ast
import importlib.util
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI_DIR = ROOT / "ui"
RESOURCES = ROOT / "resources"
TS_PATH = RESOURCES / "planner_en.ts"
QM_PATH = RESOURCES / "planner_en.qm"
DICTIONARY = RESOURCES / "translations_en.py"
BIN = Path(sys.executable).parent

# Objects whose ``.tr`` is called from outside their class: variable name → runtime class.
RECEIVER_CLASSES = {"edit": "EditActions", "window": "MainWindow", "win": "MainWindow", "view": "ViewActions"}

Key = tuple[str, str]  # (context, source)


def ui_files() -> list[Path]:
    return sorted(UI_DIR.glob("*.py"))


def tool(name: str) -> str:
    path = BIN / name
    return str(path) if path.exists() else name


def lupdate_messages(files: Iterable[Path]) -> list[tuple[str, str, list[tuple[str, int]]]]:
    """(context lupdate guessed, source, [(file name, line)]) for every text lupdate finds."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "extract.ts"
        subprocess.run([tool("pyside6-lupdate"), "-silent", "-locations", "absolute",
                        *[str(f) for f in files], "-ts", str(out)], check=True, capture_output=True)
        root = ET.parse(out).getroot()
    found = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            locations = [(Path(loc.get("filename", "")).name, int(loc.get("line", "0") or 0))
                         for loc in message.iter("location")]
            found.append((name, message.findtext("source") or "", locations))
    return found


def _helper_contexts(tree: ast.Module) -> dict[str, str]:
    """Module functions like ``def _tr(text): return QCoreApplication.translate("Ctx", text)``."""
    helpers: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            for call in ast.walk(node):
                if (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                        and call.func.attr == "translate" and call.args
                        and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str)
                        and len(call.args) > 1 and isinstance(call.args[1], ast.Name)):
                    helpers[node.name] = call.args[0].value
    return helpers


def _imported_helpers(tree: ast.Module, folder: Path) -> dict[str, str]:
    """Helpers imported from a sibling module (``from ui.timeline_items import tr``)."""
    helpers: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("ui."):
            source = folder / (node.module.split(".", 1)[1] + ".py")
            if not source.exists():
                continue
            theirs = _helper_contexts(ast.parse(source.read_text(encoding="utf-8")))
            for alias in node.names:
                if alias.name in theirs:
                    helpers[alias.asname or alias.name] = theirs[alias.name]
    return helpers


def call_contexts(path: Path) -> dict[str, set[str]]:
    """Source text → the contexts Qt will be asked with at run time, read from the calls in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    helpers = {**_imported_helpers(tree, path.parent), **_helper_contexts(tree)}
    result: dict[str, set[str]] = {}

    def visit(node: ast.AST, cls: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                visit(child, child.name)
                continue
            if isinstance(child, ast.Call) and child.args and isinstance(child.args[0], ast.Constant):
                context = _context_of(child, cls, helpers)
                if context is not None and isinstance(child.args[0].value, str):
                    result.setdefault(child.args[0].value, set()).add(context)
            if (isinstance(child, ast.Call) and isinstance(child.func, ast.Attribute)
                    and child.func.attr == "translate" and len(child.args) > 1
                    and isinstance(child.args[0], ast.Constant) and isinstance(child.args[1], ast.Constant)
                    and isinstance(child.args[1].value, str)):
                result.setdefault(child.args[1].value, set()).add(str(child.args[0].value))
            visit(child, cls)

    visit(tree, "")
    return result


def _context_of(call: ast.Call, cls: str, helpers: dict[str, str]) -> str | None:
    func = call.func
    if isinstance(func, ast.Name):
        if func.id in helpers:
            return helpers[func.id]
        if func.id == "tr" and cls:
            return cls
        return None
    if isinstance(func, ast.Attribute) and func.attr == "tr" and isinstance(func.value, ast.Name):
        if func.value.id == "self" and cls:
            return cls
        return RECEIVER_CLASSES.get(func.value.id)
    return None


def extra_messages() -> dict[Key, list[tuple[str, int]]]:
    """Texts translated from data, invisible to lupdate: phase names (ui/palette.py)."""
    sys.path.insert(0, str(ROOT))
    from planner.phases import PHASES

    return {("Palette", phase.label_da): [("palette.py", 0)] for phase in PHASES}


def extract(files: Iterable[Path] | None = None) -> dict[Key, list[tuple[str, int]]]:
    """Every (context, source) the UI asks Qt to translate, with where it comes from."""
    files = list(files if files is not None else ui_files())
    by_name = {f.name: f for f in files}
    contexts: dict[str, dict[str, set[str]]] = {}
    messages: dict[Key, list[tuple[str, int]]] = {}
    for guessed, source, locations in lupdate_messages(files):
        for filename, line in locations or [("", 0)]:
            if filename in by_name and filename not in contexts:
                contexts[filename] = call_contexts(by_name[filename])
            real = contexts.get(filename, {}).get(source) or {guessed}
            for context in real:
                messages.setdefault((context, source), []).append((filename, line))
    for path in files:
        # calls lupdate does not see, such as tr("…") inside an f-string
        for source, found in (contexts.get(path.name) or call_contexts(path)).items():
            for context in found:
                if (context, source) not in messages:
                    messages[(context, source)] = [(path.name, _line_of(path, source))]
    for key, locations in extra_messages().items():
        messages.setdefault(key, []).extend(locations)
    return messages


def _line_of(path: Path, source: str) -> int:
    first = source.splitlines()[0] if source else ""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if first and first in line:
            return number
    return 0


def load_dictionary(path: Path = DICTIONARY) -> tuple[dict[str, str], dict[Key, str]]:
    spec = importlib.util.spec_from_file_location("translations_en", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return dict(module.EN), dict(getattr(module, "BY_CONTEXT", {}))


def write_ts(messages: dict[Key, list[tuple[str, int]]], english: dict[str, str],
             by_context: dict[Key, str], path: Path) -> list[Key]:
    """Write the .ts (contexts and messages sorted, so diffs stay small); returns the untranslated keys."""
    root = ET.Element("TS", version="2.1", language="en_GB", sourcelanguage="da_DK")
    missing: list[Key] = []
    for context in sorted({c for c, _ in messages}):
        ctx = ET.SubElement(root, "context")
        ET.SubElement(ctx, "name").text = context
        for key in sorted(k for k in messages if k[0] == context):
            message = ET.SubElement(ctx, "message")
            for filename, line in sorted(set(messages[key])):
                ET.SubElement(message, "location", filename=f"../ui/{filename}", line=str(line))
            ET.SubElement(message, "source").text = key[1]
            text = by_context.get(key) or english.get(key[1], "")
            translation = ET.SubElement(message, "translation")
            if text:
                translation.text = text
            else:
                translation.set("type", "unfinished")
                missing.append(key)
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")
    return missing


def release(ts: Path = TS_PATH, qm: Path = QM_PATH) -> None:
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def main() -> int:
    messages = extract()
    english, by_context = load_dictionary()
    missing = write_ts(messages, english, by_context, TS_PATH)
    release()
    print(f"{len(messages)} texts, {len(messages) - len(missing)} translated → {TS_PATH.name}, {QM_PATH.name}")
    for context, source in missing:
        print(f"  missing English: [{context}] {source!r}")
    unused = set(english) - {s for _, s in messages}
    if unused:
        print(f"  ({len(unused)} dictionary entries no longer used)")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
