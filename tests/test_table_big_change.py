"""The initiatives table after a change to many rows (fit to frame, its undo, a partial change): its
texts are made lazily and a big change drops them instead of comparing every cell, so every cell must
still show what a table built afresh shows, in Danish and English; sorting by an amount follows the new
figures and a filtered view stays filtered."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QModelIndex, Qt

from planner.edits import ChangeSet, apply, revert
from planner.model import Portfolio, amount_key
from planner.rebalance import fit_to_frame
from planner.synthetic import make_portfolio
from ui.initiatives_model import (
    AMOUNT_ROLE,
    BIG_CHANGE_ROWS,
    CHANGED_ROLE,
    EAGER_ROWS,
    ID_ROLE,
    LOCKED_ROLE,
    InitiativesModel,
)
from ui.initiatives_panel import InitiativesPanel

N = 400  # above EAGER_ROWS: rows are made when first asked for
ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole,
         Qt.ItemDataRole.TextAlignmentRole, AMOUNT_ROLE, LOCKED_ROLE, CHANGED_ROLE, ID_ROLE)


def _portfolio(n: int = N) -> Portfolio:
    p = make_portfolio(n, seed=3)
    for ini in p.initiatives[::37]:  # periods without start and end come from the amounts
        ini.start_year = ini.end_year = None
        ini.start_quarter = ini.end_quarter = None
    p.initiatives[5].locked_years = frozenset({2025})
    p.revalidate()
    return p


def _target(p: Portfolio) -> SimpleNamespace:
    """An edit target whose baseline is the portfolio as it is now (for the Δ column and marks)."""
    return SimpleNamespace(baseline=SimpleNamespace(amounts={i.id: dict(i.amounts) for i in p.initiatives}),
                           undo_stack=None)


def _cells(model: InitiativesModel) -> list[list[object]]:
    out = []
    for row in range(model.rowCount()):
        for col in range(model.columnCount()):
            index = model.index(row, col)
            out.append([index.data(role) for role in ROLES] + [_brush(index)])
    return out


def _brush(index: QModelIndex) -> str | None:
    brush = index.data(Qt.ItemDataRole.BackgroundRole)
    return None if brush is None else brush.color().name()


def _fresh(p: Portfolio, lang: str, target: SimpleNamespace | None) -> InitiativesModel:
    model = InitiativesModel(p.model_copy(deep=True), lang)
    if target is not None:
        model.set_edit_target(target)
        model.set_show_changes(True)
    return model


def _subset(changes: ChangeSet, ids: set[str]) -> ChangeSet:
    return ChangeSet.of([c for c in changes if c[0] in ids], op=changes.op)


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("n", [N, 40])
@pytest.mark.parametrize("show_changes", [False, True])
def test_texts_after_fit_undo_and_redo_equal_a_fresh_table(qtbot, lang: str, n: int, show_changes: bool) -> None:
    p = _portfolio(n)
    target = _target(p) if show_changes else None
    model = InitiativesModel(p, lang)
    if target is not None:
        model.set_edit_target(target)
        model.set_show_changes(True)
    _cells(model)  # every row made before the change: a stale text would show below
    changes = fit_to_frame(p)
    assert n < EAGER_ROWS or len(set(changes.ids)) > BIG_CHANGE_ROWS  # the big-change path
    for step in (apply, revert, apply):
        step(p, changes)
        p.revalidate()
        model.refresh(changes.ids, changes.years)
        assert _cells(model) == _cells(_fresh(p, lang, target))
        assert [model.column_texts(c) for c in range(model.columnCount())] == \
            [[model.index(r, c).data() for r in range(model.rowCount())] for c in range(model.columnCount())]


def test_a_change_to_part_of_a_big_table_leaves_the_other_rows_as_they_were(qtbot) -> None:
    p = _portfolio()
    model = InitiativesModel(p, "da")
    before = _cells(model)
    changes = fit_to_frame(p)
    touched = {i.id for i in p.initiatives[:150]} & set(changes.ids)
    assert BIG_CHANGE_ROWS < len(touched) < N // 2  # rows dropped one by one, not the whole table
    part = _subset(changes, touched)
    seen: list[tuple[int, int, int, int]] = []
    model.dataChanged.connect(lambda a, b, *_: seen.append((a.row(), b.row(), a.column(), b.column())))
    apply(p, part)
    p.revalidate()
    model.refresh(part.ids, part.years)
    after = _cells(model)
    assert after == _cells(_fresh(p, "da", None))
    rows = {model.row_of(i) for i in touched}
    width = model.columnCount()
    changed_rows = {k // width for k, (a, b) in enumerate(zip(before, after, strict=True)) if a != b}
    assert changed_rows and changed_rows <= rows
    assert len(seen) == 1  # one signal around the changed rows, not one per cell
    first, last, left, right = seen[0]
    assert first <= min(rows) and last >= max(rows)
    assert left <= model.column_of(amount_key(min(part.years))) and right >= model.column_of("total")


def test_a_full_refresh_of_a_lazily_made_table_announces_the_changed_row(qtbot) -> None:
    p = _portfolio()
    model = InitiativesModel(p, "da")
    ini = p.initiatives[300]  # never shown: its texts were never made
    seen: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda a, b, *_: seen.append((a.row(), b.row())))
    ini.locked_years = frozenset({2024})
    model.refresh()
    assert any(a <= 300 <= b for a, b in seen)
    assert model.index(300, model.column_of("year:2024")).data(LOCKED_ROLE) is True
    assert _cells(model) == _cells(_fresh(p, "da", None))


def _shown(panel: InitiativesPanel, key: str) -> list[tuple[str, object]]:
    col = panel.model.column_of(key)
    proxy = panel.proxy
    return [(proxy.index(r, 0).data(ID_ROLE), proxy.index(r, col).data(AMOUNT_ROLE)) for r in range(proxy.rowCount())]


def _fresh_panel(qtbot, p: Portfolio, sort_key: str, search: str = "", area: str | None = None) -> InitiativesPanel:
    panel = InitiativesPanel()
    qtbot.addWidget(panel)
    panel.set_portfolio(p.model_copy(deep=True))
    panel.table.sortByColumn(panel.model.column_of(sort_key), Qt.SortOrder.DescendingOrder)
    panel.set_search_text(search)
    panel.set_area_filter(area)
    return panel


@pytest.mark.parametrize("sort_key", ["year:2025", "total", "name"])
def test_sorted_by_an_amount_the_order_follows_a_fit_and_its_undo(qtbot, sort_key: str) -> None:
    p = _portfolio()
    panel = _fresh_panel(qtbot, p, sort_key)
    panel.set_portfolio(p)
    shown_before = _shown(panel, sort_key)
    changes = fit_to_frame(p)
    apply(p, changes)
    p.revalidate()
    panel.model.refresh(changes.ids, changes.years)
    shown = _shown(panel, sort_key)
    assert shown == _shown(_fresh_panel(qtbot, p, sort_key), sort_key)
    if sort_key != "name":
        values = [v if v is not None else Decimal(-1) for _id, v in shown]
        assert values == sorted(values, reverse=True) or None in [v for _i, v in shown]
        assert shown != shown_before
    revert(p, changes)
    p.revalidate()
    panel.model.refresh(changes.ids, changes.years)
    assert _shown(panel, sort_key) == shown_before


def test_a_filtered_view_stays_filtered_after_a_fit(qtbot) -> None:
    p = _portfolio()
    area = p.initiatives[0].area
    panel = _fresh_panel(qtbot, p, "year:2026", search="a", area=area)
    panel.set_portfolio(p)
    visible = panel.visible_ids()
    assert visible and len(visible) < N
    changes = fit_to_frame(p)
    apply(p, changes)
    p.revalidate()
    panel.model.refresh(changes.ids, changes.years)
    assert panel.visible_ids() == visible
    assert panel.count_label.text() == f"{len(visible)} af {N} initiativer"
    assert _shown(panel, "year:2026") == _shown(_fresh_panel(qtbot, p, "year:2026", search="a", area=area), "year:2026")
