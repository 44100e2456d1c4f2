"""File > Compare with…: differences by initiative, take one/all/none, one undo step that restores exactly."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from planner.diff import AMOUNT
from planner.loader import load_portfolio
from planner.model import Initiative, Portfolio
from planner.phases import Phase
from planner.writer import save_portfolio
from ui.compare_dialog import CompareAction, CompareDialog
from ui.document import Document

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "uip2023.xlsx"


@pytest.fixture
def versions(tmp_path: Path) -> tuple[Portfolio, Portfolio]:
    """A = the open file with an unsaved local edit; B = a colleague's version with other edits."""
    path = tmp_path / "uip.xlsx"
    shutil.copyfile(SAMPLE, path)
    a = load_portfolio(path)
    b = load_portfolio(path)
    first, second, third = a.initiatives[0].id, a.initiatives[1].id, a.initiatives[2].id
    a.set_amount(third, 2024, Decimal("9.9"))  # our own edit, B does not have it
    b.set_amount(first, 2024, b.get(first).amount(2024) + Decimal("2.5"))
    b.get(first).phase = Phase.UDBREDELSE
    b.initiatives = [i for i in b.initiatives if i.id != second]
    b.initiatives = [*b.initiatives, Initiative(id="X1", name="Nyt initiativ", area="Voksenområdet",
                                                phase=Phase.MODNING, amounts={2025: Decimal("1.5")})]
    a.revalidate()
    return a, b


@pytest.fixture
def document(qtbot, versions) -> Document:  # qtbot: the QApplication
    doc = Document()
    doc.replace(versions[0], versions[0].source.path)
    return doc


def _dialog(qtbot, document: Document, other: Portfolio) -> CompareDialog:
    dialog = CompareDialog(document, document.undo_stack, other, "kollega.xlsx", "da")
    qtbot.addWidget(dialog)
    return dialog


def test_lists_added_removed_and_changed_by_initiative(qtbot, document, versions) -> None:
    a, b = versions
    dialog = _dialog(qtbot, document, b)
    kinds = {(c.kind, c.id, c.field, c.year) for c in dialog.changes}
    first, second, third = (a.initiatives[i].id for i in range(3))
    assert ("added", "X1", "", None) in kinds
    assert ("removed", second, "", None) in kinds
    assert ("changed", first, AMOUNT, 2024) in kinds
    assert ("changed", first, "phase", None) in kinds
    assert ("changed", third, AMOUNT, 2024) in kinds  # our own edit shows as a difference too
    top = [dialog.tree.topLevelItem(i).text(0) for i in range(dialog.tree.topLevelItemCount())]
    kind_text = {dialog.tree.topLevelItem(i).text(0).split()[0]: dialog.tree.topLevelItem(i).text(1)
                 for i in range(dialog.tree.topLevelItemCount())}
    assert kind_text["X1"].startswith("Tilføjes") and kind_text[second].startswith("Fjernes")
    assert kind_text[first] == "2 ændringer" and kind_text[third] == "1 ændring"
    assert len(top) == 4
    first_item = next(dialog.tree.topLevelItem(i) for i in range(dialog.tree.topLevelItemCount())
                      if dialog.tree.topLevelItem(i).text(0).startswith(first + " "))
    rows = [[first_item.child(k).text(c) for c in (0, 2, 3, 4)] for k in range(first_item.childCount())]
    old = a.get(first).amount(2024)
    assert ["Fase", "", "Modning", "Udbredelse"] in rows
    assert ["Beløb", "2024", f"{old:.1f}".replace(".", ","), f"{old + Decimal('2.5'):.1f}".replace(".", ",")] in rows
    assert "tilføjes: 1 · fjernes: 1 · ændrede værdier: 3" in dialog.summary.text()
    assert not dialog.take_checked_button.isEnabled()


def test_take_one_is_one_undo_step_and_undo_restores_exactly(qtbot, document, versions) -> None:
    a, b = versions
    before = a.model_dump()
    dialog = _dialog(qtbot, document, b)
    first = a.initiatives[0].id
    change = next(c for c in dialog.changes if c.id == first and c.field == AMOUNT)
    dialog.set_checked(change)
    assert dialog.take_checked_button.isEnabled()
    qtbot.mouseClick(dialog.take_checked_button, Qt.MouseButton.LeftButton)
    p = document.portfolio
    assert p.get(first).amount(2024) == b.get(first).amount(2024)
    assert p.get(first).phase != Phase.UDBREDELSE, "only the ticked change is taken"
    assert p.get("X1") is None and p.get(a.initiatives[1].id) is not None
    assert document.undo_stack.count() == 1 and document.dirty
    document.undo_stack.undo()
    assert document.portfolio.model_dump() == before


def test_take_all_makes_figures_like_the_other_version_and_undo_restores(qtbot, document, versions) -> None:
    a, b = versions
    before = a.model_dump()
    dialog = _dialog(qtbot, document, b)
    qtbot.mouseClick(dialog.take_all_button, Qt.MouseButton.LeftButton)
    p = document.portfolio
    assert [i.id for i in p.initiatives] == [i.id for i in b.initiatives]
    for ini in b.initiatives:
        assert {y: v for y, v in p.get(ini.id).amounts.items() if v} == {y: v for y, v in ini.amounts.items() if v}
        assert p.get(ini.id).phase == ini.phase
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert document.portfolio.model_dump() == before
    document.undo_stack.redo()
    assert [i.id for i in document.portfolio.initiatives] == [i.id for i in b.initiatives]


def test_take_none_changes_nothing(qtbot, document, versions) -> None:
    a, b = versions
    before = a.model_dump()
    dialog = _dialog(qtbot, document, b)
    dialog.set_all_checked(True)
    qtbot.mouseClick(dialog.take_none_button, Qt.MouseButton.LeftButton)
    assert document.portfolio.model_dump() == before
    assert document.undo_stack.count() == 0 and not document.dirty


def test_merged_portfolio_saves_with_new_and_removed_rows(qtbot, document, versions, tmp_path: Path) -> None:
    b = versions[1]
    dialog = _dialog(qtbot, document, b)
    dialog.take_all()
    out = tmp_path / "merged.xlsx"
    save_portfolio(document.portfolio, out)
    again = load_portfolio(out)
    assert [i.id for i in again.initiatives] == [i.id for i in b.initiatives]
    assert again.get("X1").amount(2025) == Decimal("1.5")


def test_same_versions_show_no_differences(qtbot, document) -> None:
    dialog = _dialog(qtbot, document, document.portfolio.clone())
    assert dialog.changes == [] and "Ingen forskelle" in dialog.summary.text()
    assert not dialog.take_all_button.isEnabled()


def test_compare_action_reads_the_other_file_in_a_worker(qtbot, tmp_path: Path, versions) -> None:
    from tests.ui_helpers import make_window, open_and_wait

    a, b = versions
    other = tmp_path / "kollega.xlsx"
    save_portfolio(b, other)
    window = make_window(qtbot)
    _, ok = open_and_wait(qtbot, window, Path(a.source.path))
    assert ok
    action = CompareAction(window)
    action.ask_path = lambda: str(other)  # type: ignore[method-assign]
    action.run()
    qtbot.waitUntil(lambda: action.dialog is not None, timeout=30_000)
    assert {c.id for c in action.dialog.changes} >= {"X1"}
    action.dialog.take_none()


def test_bad_other_file_shows_the_error(qtbot, tmp_path: Path) -> None:
    from tests.ui_helpers import make_window

    bad = tmp_path / "ikke.xlsx"
    bad.write_text("hej")
    window = make_window(qtbot)
    action = CompareAction(window)
    action.compare_with_path(str(bad))
    qtbot.waitUntil(lambda: window.last_error is not None, timeout=30_000)
    assert action.dialog is None


def test_dialog_renders(qtbot, document, versions, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, document, versions[1])
    dialog.set_checked(dialog.changes[0])
    dialog.show()
    qtbot.waitExposed(dialog)
    image = dialog.grab()
    assert image.width() >= 640 and image.height() >= 420
    assert image.save(str(tmp_path / "compare.png"))
