"""The timeline after a change of every initiative (fit to frame, undo, reset) or a filter (issue 7): the
view follows it without rebuilding its rows, and what it paints then equals a timeline freshly built from
the same figures, pixel for pixel, zoomed in (bar texts, header totals) and zoomed out (thin rows)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import numpy as np
import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from planner.edits import ChangeSet, apply
from planner.model import Portfolio
from planner.synthetic import make_portfolio
from tests.timeline_fixtures import shown_timeline
from ui import timeline_view
from ui.timeline_view import TimelineView

TODAY = date(2025, 3, 1)


def _picture(view: TimelineView, rows: tuple[int, int] | None) -> QImage:
    if rows is None:
        view.fit_all()
    else:
        view.show_rows(*rows)
    view.bar_count()  # runs a pending refresh
    return view.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def _differing_pixels(a: QImage, b: QImage) -> int:
    assert a.size() == b.size()
    pa = np.frombuffer(a.constBits(), dtype=np.uint32, count=a.width() * a.height())
    pb = np.frombuffer(b.constBits(), dtype=np.uint32, count=b.width() * b.height())
    return int(np.count_nonzero(pa != pb))


def _scale_all(p: Portfolio, factor: str) -> ChangeSet:
    changes = [(ini.id, y, a, (a * Decimal(factor)).quantize(Decimal("0.1")))
               for ini in p.initiatives for y, a in sorted(ini.amounts.items())]
    return ChangeSet.of([c for c in changes if c[2] != c[3]], op="fit_to_frame")


def _assert_same_as_fresh(qtbot: QtBot, view: TimelineView, p: Portfolio, visible: set[str] | None = None) -> None:
    fresh = shown_timeline(qtbot, p, TODAY, visible)
    for rows in ((0, 40), (25, 30), None):
        assert _differing_pixels(_picture(view, rows), _picture(fresh, rows)) == 0, rows
    lay, new = view.timeline_layout(), fresh.timeline_layout()
    assert [(r.kind, r.label, r.initiative_id, r.detail) for r in lay.rows] == \
        [(r.kind, r.label, r.initiative_id, r.detail) for r in new.rows]
    assert list(lay.bars()) == list(new.bars())
    for ini in p.initiatives[:50]:
        assert view.bar_label(ini.id) == fresh.bar_label(ini.id)


@pytest.mark.parametrize("factor", ["1.1", "0.5"])
def test_a_change_of_every_initiative_paints_like_a_fresh_timeline(qtbot: QtBot, factor: str) -> None:
    p = make_portfolio(300, seed=4)
    view = shown_timeline(qtbot, p, TODAY, None)
    _picture(view, (0, 40))
    layout = view.timeline_layout()
    changes = _scale_all(p, factor)
    apply(p, changes)
    view.refresh(set(changes.ids))
    assert view.timeline_layout() is layout  # followed in place, not built again
    _assert_same_as_fresh(qtbot, view, p)


def test_a_big_change_that_moves_bars_and_renames_redoes_those_rows(qtbot: QtBot) -> None:
    p = make_portfolio(300, seed=5)
    view = shown_timeline(qtbot, p, TODAY, None)
    _picture(view, (0, 40))
    moved = [ini for ini in p.initiatives if ini.start_year is None and len(ini.amounts) > 1][:3]
    changes = _scale_all(p, "1.2")
    apply(p, changes)
    for ini in moved:  # the last funded year loses its money: the bar ends a year earlier
        last = max(ini.amounts)
        ini.amounts = {**ini.amounts, last: Decimal(0)}
    p.initiatives[1].name = "Et nyt navn"
    view.refresh()
    _assert_same_as_fresh(qtbot, view, p)


def test_a_filter_paints_like_a_fresh_filtered_timeline(qtbot: QtBot) -> None:
    p = make_portfolio(300, seed=6)
    view = shown_timeline(qtbot, p, TODAY, None)
    _picture(view, None)
    visible = {ini.id for ini in p.initiatives if ini.total > Decimal(5)}
    view.set_visible_ids(visible)
    changes = _scale_all(p, "0.9")
    apply(p, changes)
    view.refresh(set(changes.ids))
    _assert_same_as_fresh(qtbot, view, p, visible)
    view.set_visible_ids(None)
    _assert_same_as_fresh(qtbot, view, p)


def test_the_same_filter_again_builds_nothing(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    p = make_portfolio(50, seed=7)
    built: list[object] = []
    original = timeline_view.build_layout
    monkeypatch.setattr(timeline_view, "build_layout", lambda *a, **k: built.append(a) or original(*a, **k))
    view = TimelineView()
    qtbot.addWidget(view)
    view.set_portfolio(p)
    view.set_visible_ids(None)  # what the window does after every portfolio replace
    assert len(built) == 1
    view.set_visible_ids({"V1", "V2"})
    picked = view.timeline_layout()
    view.set_visible_ids({"V1", "V2"})
    view.show_area(None)
    assert view.timeline_layout() is picked  # the same filter again picks nothing again
    view.set_visible_ids(None)
    view.set_visible_ids({"V3"})
    assert len(built) == 1  # a filter picks rows from the portfolio's layout: never laid out again
    assert view.row_count() == len(view.timeline_layout().rows) > 0
