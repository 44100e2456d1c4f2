"""Workbook text is shown as text (never HTML) and written as text (never a formula)."""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6 import QtGui
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QMessageBox

from planner.loader import load_portfolio
from planner.model import Initiative, Portfolio
from planner.writer import save_portfolio
from tests.ui_helpers import make_window, open_and_wait, sample_copy
from ui.plain_text import tooltip

NAME = "<b>Fed</b> & <img src='x.png'> V"
THEME = "<u>Tema</u>"
PHASE = "<i>Fase</i>"


def shown(text: str) -> str:
    """What Qt shows for a tooltip or auto-format label text: rendered when it looks like HTML."""
    if QtGui.Qt.mightBeRichText(text):
        doc = QTextDocument()
        doc.setHtml(text)
        return doc.toPlainText()
    return text


def hostile_workbook(tmp_path: Path, name: str = "<b>fed.xlsx") -> Path:
    """The sample with markup in the first initiative's name, theme and phase (a finding quotes the phase)."""
    book = sample_copy(tmp_path)
    first = load_portfolio(book).initiatives[0]
    wb = load_workbook(book)
    for key, text in (("name", NAME), ("theme", THEME), ("phase", PHASE)):
        ref = first.sources[key]
        wb[ref.sheet].cell(ref.row, ref.column).value = text
    target = tmp_path / name
    wb.save(target)
    return target


def test_tooltip_shows_the_characters_given() -> None:
    for text in (NAME, "a < b > c\nnæste linje", "&amp; is not &", "<script>alert(1)</script>"):
        assert shown(tooltip(text)).replace("\u2029", "\n") == text
    assert tooltip("") == "" and tooltip(None) is None


def test_workbook_text_in_the_window_is_never_markup(qtbot, tmp_path) -> None:
    window = make_window(qtbot)
    path, ok = open_and_wait(qtbot, window, hostile_workbook(tmp_path))
    assert ok, window.last_error
    ini = window.document.portfolio.initiatives[0]
    assert ini.name == NAME and ini.phase is None

    # Table: the tooltip of every cell shows the workbook's characters.
    model = window.table_panel.model
    name_tip = model.index(0, model.column_of("name")).data(Qt.ItemDataRole.ToolTipRole)
    assert NAME in shown(name_tip)
    for col in range(model.columnCount()):
        tip = model.index(0, col, QModelIndex()).data(Qt.ItemDataRole.ToolTipRole)
        if tip and "<" in shown(tip):
            assert any(s in shown(tip) for s in (NAME, THEME, PHASE)), shown(tip)

    # Findings: the unknown phase is quoted literally in the list and in its tooltip.
    items = [window.findings_panel.tree.item(i) for i in range(window.findings_panel.tree.count())]
    quoting = [it for it in items if PHASE in it.text()]
    assert quoting, [it.text() for it in items]
    assert PHASE in shown(quoting[0].toolTip())

    # Labels: every label showing workbook text (status bar path, totals, area) is plain text.
    showing = [lb for lb in window.findChildren(QLabel)
               if any(s in lb.text() for s in (NAME, THEME, PHASE, "<b>fed.xlsx"))]
    assert any(lb is window.file_label for lb in showing)
    assert all(lb.textFormat() == Qt.TextFormat.PlainText for lb in showing), [lb.text() for lb in showing]
    recent = [a for a in window.file.recent_menu.actions() if a.statusTip() == path]
    assert recent and shown(recent[0].toolTip()) == path


def test_the_save_prompt_and_error_boxes_are_plain_text(qtbot, tmp_path) -> None:
    window = make_window(qtbot)
    bad = tmp_path / "<b>ikke en projektmappe.xlsx"
    bad.write_text("<b>hej</b>", encoding="utf-8")
    _, ok = open_and_wait(qtbot, window, bad)
    assert not ok
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert boxes and all(b.textFormat() == Qt.TextFormat.PlainText for b in boxes)
    assert bad.name in boxes[0].text()


def test_presentation_area_label_is_plain(qtbot, tmp_path) -> None:
    from ui.presentation import KeyTotalsBar

    bar = KeyTotalsBar("da")
    qtbot.addWidget(bar)
    labels = bar.findChildren(QLabel)
    assert labels and all(lb.textFormat() == Qt.TextFormat.PlainText for lb in labels)


# -- writing: text that looks like a formula stays text ---------------------------------------------------------
FORMULA_LIKE = ["=1+1", "+45 12 34 56 78", "-2+3", "@SUM(A1:A3)", "=HYPERLINK(\"http://x\",\"klik\")"]


def _cells_without_formulas(path: Path) -> None:
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                xml = zf.read(name).decode("utf-8")
                for text in ("1+1", "SUM(A1:A3)", "HYPERLINK"):
                    assert f"<f>{text}" not in xml and f"<f>{text.lower()}" not in xml


@pytest.mark.parametrize("text", FORMULA_LIKE)
def test_formula_like_text_is_written_as_text_into_a_workbook(tmp_path: Path, text: str) -> None:
    book = sample_copy(tmp_path)
    p = load_portfolio(book)
    p.initiatives[0].name = text
    p.initiatives[1].notes = text
    out = tmp_path / "out.xlsx"
    save_portfolio(p, out)
    again = load_portfolio(out)
    assert again.initiatives[0].name == text
    name_ref = again.initiatives[0].sources["name"]
    cell = load_workbook(out)[name_ref.sheet].cell(name_ref.row, name_ref.column)
    assert cell.value == text and cell.data_type == "s"
    _cells_without_formulas(out)


def test_formula_like_text_is_written_as_text_in_the_canonical_layout_and_extra_sheets(tmp_path: Path) -> None:
    p = Portfolio(name="=Navn", years=[2024],
                  initiatives=[Initiative(id=f"N{n}", name=t, notes=t, amounts={2024: Decimal("1.5")})
                               for n, t in enumerate(FORMULA_LIKE, start=1)])
    out = tmp_path / "ny.xlsx"
    save_portfolio(p, out, extra_sheets={"Scenarier": [["Navn", "Note"], *[[t, t] for t in FORMULA_LIKE]]})
    wb = load_workbook(out)
    texts = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value in FORMULA_LIKE]
    assert len(texts) >= 3 * len(FORMULA_LIKE)
    assert all(c.data_type == "s" for c in texts), [(c.coordinate, c.value, c.data_type) for c in texts]
    assert sorted(i.name for i in load_portfolio(out).initiatives) == sorted(FORMULA_LIKE)
    _cells_without_formulas(out)
