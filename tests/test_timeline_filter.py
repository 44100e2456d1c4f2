"""The timeline under a filter (table search, area, phase; the presentation's area): the rows shown are picked
from the whole portfolio's layout, and must be what laying the filtered portfolio out gives; the zoomed-out
picture is filled from arrays and must be what painting row by row gives."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import numpy as np
import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QTransform
from pytestqt.qtbot import QtBot

from planner.synthetic import make_portfolio
from tests.timeline_fixtures import bar_pos, pixels, shown_timeline
from ui import palette
from ui.timeline_dense import dense_items, fill_dense
from ui.timeline_items import TimelineLayout, build_layout
from ui.timeline_view import TimelineView

TODAY = date(2026, 6, 1)


def _shape(lay: TimelineLayout) -> tuple[object, ...]:
    lay.fresh_headers()
    rows = [(r.kind, r.label, r.initiative_id, r.area, r.tint, r.detail, r.header, r.count) for r in lay.rows]
    return rows, [list(bars) for bars in lay.bars_by_row], lay.row_of, lay.x_min, lay.x_max


@pytest.mark.parametrize("seed", [1, 2])
def test_a_filter_shows_the_rows_of_the_filtered_portfolio_and_clearing_restores_them(qtbot: QtBot, seed: int) -> None:
    p = make_portfolio(240, seed=seed)
    view = shown_timeline(qtbot, p, TODAY, None)
    everything = _shape(build_layout(p, lang=view.lang))
    assert _shape(view.timeline_layout()) == everything
    area = p.initiatives[-1].area
    visible = {ini.id for k, ini in enumerate(p.initiatives) if k % 3 != 1 and ini.total > Decimal(2)}
    for ids, shown_area in ((visible, None), (None, area), (visible, area), ({p.initiatives[5].id}, None), (set(), None),
                           ({i.id for i in p.initiatives}, None)):
        view.set_visible_ids(ids)
        view.show_area(shown_area)
        lay = view.timeline_layout()
        assert _shape(lay) == _shape(build_layout(p, ids, shown_area, lang=view.lang))
        wanted = [i.id for i in p.initiatives
                  if (ids is None or i.id in ids) and (shown_area is None or i.area == shown_area)]
        assert sorted(r.initiative_id for r in lay.rows if r.kind == "initiative") == sorted(wanted)
        assert view.bar_count() == sum(1 for i in p.initiatives if i.id in wanted and i.years_span() is not None)
    view.set_visible_ids(None)
    view.show_area(None)
    assert _shape(view.timeline_layout()) == everything


def test_an_edit_to_a_hidden_initiative_shows_when_the_filter_is_cleared(qtbot: QtBot) -> None:
    p = make_portfolio(300, seed=5)
    view = shown_timeline(qtbot, p, TODAY, None)
    hidden = next(i for i in p.initiatives
                  if i.start_year is not None and i.end_year is not None and i.end_year > i.start_year)
    before = next(b for b in view.timeline_layout().bars() if b.initiative_id == hidden.id and not b.next)
    shown = {i.id for i in p.initiatives if i.id != hidden.id and i.area == hidden.area}
    view.set_visible_ids(shown)
    hidden.end_year = hidden.end_year - 1  # type: ignore[operator]  # its bar ends a year earlier
    hidden.name = "Et nyt navn"
    edited = p.get(sorted(shown)[0])
    assert edited is not None
    edited.name = "Også nyt"
    view.refresh({hidden.id, edited.id})
    assert hidden.id not in view.timeline_layout().row_of
    assert _shape(view.timeline_layout()) == _shape(build_layout(p, shown, lang=view.lang))
    view.set_visible_ids(None)
    assert _shape(view.timeline_layout()) == _shape(build_layout(p, lang=view.lang))
    after = next(b for b in view.timeline_layout().bars() if b.initiative_id == hidden.id and not b.next)
    assert after.x1 == before.x1 - 1


def test_clicking_a_bar_after_filtering_selects_that_initiative(qtbot: QtBot) -> None:
    p = make_portfolio(60, seed=8)
    view = shown_timeline(qtbot, p, TODAY, None)
    view.resize(1200, 900)
    second_area = p.initiatives[-1].area
    target = [i for i in p.initiatives if i.area == second_area and i.years_span() is not None][3]
    unfiltered_row = view.timeline_layout().row_of[target.id]
    view.show_area(second_area)
    view.set_visible_ids({i.id for i in p.initiatives if i.area == second_area})
    view.show_rows(0, 12)
    assert view.timeline_layout().row_of[target.id] != unfiltered_row  # the rows really moved
    viewport = view.plot_widget().viewport()
    with qtbot.waitSignal(view.initiative_selected, timeout=2000) as sig:
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=bar_pos(view, target.id))
    assert sig.args == [target.id]
    assert view.selected_initiative() == target.id
    row = view.timeline_layout().row_of[target.id]
    hit = view._bars.bar_at(_mid(view, target.id), row)  # what the hover tooltip asks
    assert hit is not None and hit.initiative_id == target.id and hit.row == row


def _mid(view: TimelineView, initiative_id: str) -> float:
    lay = view.timeline_layout()
    bar = next(b for b in lay.bars_by_row[lay.row_of[initiative_id]] if not b.next)
    return (bar.x0 + bar.x1) / 2


def test_zoomed_out_picture_has_the_bars_of_the_filtered_rows(qtbot: QtBot) -> None:
    p = make_portfolio(3000, seed=9)
    view = shown_timeline(qtbot, p, TODAY, None)
    view.fit_all()
    plot = view.plot_widget()
    fills = {QColor(palette.phase_style(i.phase).fill).rgb() & 0xFFFFFF for i in p.initiatives}

    def phasepixels() -> int:
        view.bar_count()
        qtbot.wait(1)
        pix = pixels(plot.grab().toImage()) & 0xFFFFFF
        return int(np.isin(pix, list(fills)).sum())

    everything = phasepixels()
    assert everything > 20_000, "a zoomed-out timeline of 3,000 initiatives shows its bars"
    view.set_visible_ids(set())
    assert phasepixels() == 0
    view.set_visible_ids({i.id for i in p.initiatives[:40]})
    some = phasepixels()
    assert 0 < some
    view.set_visible_ids(None)
    assert phasepixels() == everything


@pytest.mark.parametrize("filtered", [False, True])
def test_the_array_fill_paints_what_painting_row_by_row_paints(qtbot: QtBot, filtered: bool) -> None:
    p = make_portfolio(2500, seed=10)
    view = shown_timeline(qtbot, p, TODAY, None)
    if filtered:
        view.set_visible_ids({i.id for k, i in enumerate(p.initiatives) if k % 4})
    view.select_initiative(p.initiatives[8].id)
    bars = view._bars
    lay = view.timeline_layout()
    checked = 0
    for top, rows_shown, left, years, height in ((-0.6, len(lay.rows), 2022.98, 7.04, 600),
                                                  (10.3, 700.0, 2023.4, 3.1, 413), (-3.0, 90.0, 2020.0, 12.0, 257)):
        view_rect = QRectF(left, top, years, rows_shown)
        tr_ = QTransform.fromScale(977.0 / years, height / rows_shown)
        tr_ = tr_ * QTransform.fromTranslate(-left * 977.0 / years + 13.25, -top * height / rows_shown + 7.5)
        first, last = max(0, int(np.floor(top)) - 1), min(len(lay.rows), int(np.ceil(top + rows_shown)) + 2)
        images = []
        for by_array in (False, True):
            image = QImage(1000, height + 20, QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(Qt.GlobalColor.transparent)
            q = QPainter(image)
            q.setTransform(QTransform.fromTranslate(-3, -2))
            if by_array:
                assert fill_dense(q, tr_, view_rect, range(first, last), dense_items(lay))
            else:
                bars._paint_dense(q, tr_, view_rect, range(first, last))
            bars._paint_dense_selection(q, tr_, view_rect, range(first, last))
            q.end()
            images.append(pixels(image))
        assert np.count_nonzero(images[1]) > 1000
        assert np.count_nonzero(images[0] != images[1]) == 0
        checked += 1
    assert checked == 3


def test_clearing_a_filter_shows_edits_made_while_it_was_on(qtbot: QtBot) -> None:
    p = make_portfolio(1500, seed=12)
    view = shown_timeline(qtbot, p, TODAY, None)
    view.fit_all()

    def picture(v: TimelineView) -> np.ndarray:
        v.bar_count()
        qtbot.wait(1)
        return pixels(v.plot_widget().grab().toImage())

    before = picture(view)
    view.set_visible_ids({i.id for i in p.initiatives[:700]})
    picture(view)
    view.set_visible_ids(None)
    assert np.array_equal(picture(view), before)  # the same rows again: the same picture
    hidden = [i for i in p.initiatives[700:] if i.start_year is not None and i.end_year is not None
              and i.end_year > i.start_year][:40]
    view.set_visible_ids({i.id for i in p.initiatives[:700]})
    picture(view)
    for ini in hidden:
        ini.end_year = ini.end_year - 1  # type: ignore[operator]
    view.refresh({i.id for i in hidden})
    picture(view)
    view.set_visible_ids(None)
    after = picture(view)
    fresh = shown_timeline(qtbot, p, TODAY, None)
    fresh.fit_all()
    assert np.array_equal(after, picture(fresh))
    assert not np.array_equal(after, before)
