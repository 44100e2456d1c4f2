"""The findings list after a change touching every initiative: patched in place, yet the same as a list
built fresh from the same findings; the chosen line and the scroll position stay."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from planner.findings import Finding, Severity
from tests.fit_findings import findings_around_a_fit
from ui.findings_model import FindingsModel, finding_key
from ui.findings_panel import FindingsPanel

N = 300


@pytest.fixture
def fitted():
    """(findings as generated, findings after fitting every year to the frame) of one portfolio."""
    before, after, undone = findings_around_a_fit(N)
    assert len(after) > 10 * len(before) > 0
    return before, after, undone


def _panel(qtbot, findings: list[Finding] | None = None, lang: str = "da") -> FindingsPanel:
    panel = FindingsPanel(lang)
    qtbot.addWidget(panel)
    panel.resize(460, 300)
    panel.show()
    if findings is not None:
        panel.set_findings(findings)
    _laid_out(qtbot, panel)
    return panel


def _laid_out(qtbot, panel: FindingsPanel) -> None:
    """Let the batched layout finish (the last line gets a place)."""
    last = panel.model.index(panel.model.rowCount() - 1, 0)
    if last.isValid():
        qtbot.waitUntil(lambda: panel.tree.rectForIndex(last).isValid(), timeout=5000)
    qtbot.wait(20)


def _shown(panel: FindingsPanel) -> list[tuple]:
    """What the user sees on every line: text, tooltip, colour, icon, and the finding behind it."""
    out = []
    for row in range(panel.count()):
        item = panel.tree.item(row)
        out.append((item.text(), item.toolTip(), item.foreground().color().name(), item.icon().pixmap(16, 16).toImage(),
                    item.data(Qt.ItemDataRole.UserRole + 10)))
    return out


def _same_as_fresh(qtbot, panel: FindingsPanel, findings: list[Finding]) -> None:
    fresh = _panel(qtbot, findings, panel._lang)
    assert _shown(panel) == _shown(fresh)
    assert panel.findings() == fresh.findings()
    assert panel.title.text() == fresh.title.text()


def test_fit_undo_redo_show_what_a_fresh_list_shows(qtbot, fitted) -> None:
    before, after, undone = fitted
    panel = _panel(qtbot, before)
    for findings in (after, undone, after, before):
        panel.set_findings(findings)
        _same_as_fresh(qtbot, panel, findings)
    assert panel.count() == len(before)


def test_kept_findings_keep_their_rows_and_new_objects_are_taken(qtbot, fitted) -> None:
    before, after, _ = fitted
    panel = _panel(qtbot, before)
    removed: list[int] = []
    panel.model.rowsRemoved.connect(lambda _p, first, last: removed.extend(range(first, last + 1)))
    panel.model.modelReset.connect(lambda: removed.append(-1))
    copies = [f.model_copy(deep=True) for f in before]
    panel.set_findings(copies)
    assert removed == []
    assert all(a is b for a, b in zip(panel.model.findings(), sorted(
        copies, key=lambda f: ["error", "warning", "info"].index(f.severity))))
    grown = [*before[:3], *after, *before[3:]]
    panel.set_findings(grown)
    assert removed == []  # what was there stays; the new lines come in around it
    assert {finding_key(f) for f in before} <= {finding_key(f) for f in panel.findings()}
    _same_as_fresh(qtbot, panel, grown)
    panel.set_findings(before)
    assert removed and -1 not in removed
    _same_as_fresh(qtbot, panel, before)


def test_the_chosen_line_and_the_scroll_position_stay(qtbot, fitted) -> None:
    _, after, _ = fitted
    panel = _panel(qtbot, after)
    bar = panel.tree.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    qtbot.wait(10)
    top_before = panel.tree.indexAt(QPoint(2, 2)).data()
    row = panel.tree.indexAt(QPoint(2, 2)).row() + 2
    chosen = panel.findings()[row]
    panel.tree.setCurrentIndex(panel.model.index(row, 0))
    extra = Finding(severity=Severity.ERROR, code="negative_amount", initiative_id="X9",
                    params={"id": "X9", "amount": "-1", "field": "2024"})
    panel.set_findings([*after[: len(after) // 4], *after[len(after) // 4 + 1:], extra])
    _laid_out(qtbot, panel)
    assert panel.tree.indexAt(QPoint(2, 2)).data() == top_before
    current = panel.tree.currentIndex()
    assert current.isValid() and panel.findings()[current.row()] == chosen
    assert panel.findings()[0] == extra


def test_a_reordered_list_is_rebuilt_and_still_keeps_the_chosen_line(qtbot, fitted) -> None:
    _, after, _ = fitted
    panel = _panel(qtbot, after)
    chosen = panel.findings()[5]
    panel.tree.setCurrentIndex(panel.model.index(5, 0))
    resets: list[int] = []
    panel.model.modelReset.connect(lambda: resets.append(1))
    shuffled = list(reversed(after))
    panel.set_findings(shuffled)
    assert resets == [1]
    _same_as_fresh(qtbot, panel, shuffled)
    assert panel.findings()[panel.tree.currentIndex().row()] == chosen


def test_english_lines_match_a_fresh_english_list(qtbot, fitted) -> None:
    before, after, _ = fitted
    panel = _panel(qtbot, before, lang="en")
    panel.set_findings(after)
    _same_as_fresh(qtbot, panel, after)
    assert "stated total" in panel.item_text(0) or "stated total" in panel.item_text(panel.count() - 1)


def test_the_findings_model_passes_the_qt_model_tester(qtmodeltester, fitted) -> None:
    before, after, _ = fitted
    model = FindingsModel(lambda f: f.code, lambda f: None, lambda s: None)
    model.set_findings(before)
    qtmodeltester.check(model, force_py=True)
    model.set_findings(after)
    qtmodeltester.check(model, force_py=True)


def test_undo_and_redo_show_lines_without_making_their_texts_again(fitted) -> None:
    before, after, _ = fitted
    made: list[Finding] = []
    model = FindingsModel(lambda f: made.append(f) or f.code, lambda f: None, lambda s: None)
    for findings in (before, after):
        model.set_findings(findings)
        assert [model.text(r) for r in range(model.rowCount())] == [f.code for f in findings]
    count = len(made)
    assert count == len({finding_key(f) for f in [*before, *after]})
    for findings in (before, after, before):
        model.set_findings(findings)
        assert [model.text(r) for r in range(model.rowCount())] == [f.code for f in findings]
    assert len(made) == count
