"""The timeline's whole-portfolio layout is kept as columns (``ui.timeline_base``) and its zoomed-out picture is
cached without the selection (painted over it): both must show exactly what the per-initiative path shows."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import numpy as np
import pytest
from pytestqt.qtbot import QtBot

from planner.phases import Phase
from planner.synthetic import make_portfolio
from tests.timeline_fixtures import pixels, shown_timeline
from ui import palette
from ui.timeline_items import bars_for, build_layout, derive_layout, row_extents, update_rows

TODAY = date(2026, 6, 1)


def test_the_columns_make_the_bars_each_initiative_makes() -> None:
    p = make_portfolio(1500, seed=21)
    p.initiatives[3].start_quarter, p.initiatives[3].end_quarter = 3, 2
    p.initiatives[4].amounts = {}
    p.initiatives[4].start_year = p.initiatives[4].end_year = None
    p.initiatives[5].next_round = "UIP 2031"
    p.initiatives[5].next_phase = Phase.MODNING
    lay = build_layout(p, lang="en")
    end = max(p.all_years()) + 1
    seen = 0
    for ini in p.initiatives:
        r = lay.row_of[ini.id]
        assert lay.rows[r].initiative_id == ini.id and lay.rows[r].label == ini.name
        assert lay.bars_by_row[r] == bars_for(ini, r, end)
        seen += len(lay.bars_by_row[r])
    assert seen > 1500
    assert not [b for b in lay.bars_by_row[lay.row_of[p.initiatives[4].id]] if not b.next]
    lo, hi = row_extents(lay)
    every = [b for bars in lay.bars_by_row for b in bars]
    assert lo.min() == min(b.x0 for b in every) and hi.max() == max(b.x1 for b in every)


def test_an_edit_written_into_a_row_moves_its_bar_in_the_columns() -> None:
    p = make_portfolio(300, seed=22)
    lay = build_layout(p, lang="en", lazy=True)
    ini = next(i for i in p.initiatives if i.start_year is not None and i.end_year is not None
               and i.end_year > i.start_year)
    ini.end_year -= 1
    assert update_rows(lay, p, {ini.id}, "en") is not None
    r = lay.row_of[ini.id]
    assert lay.bars_by_row[r] == bars_for(ini, r, max(p.all_years()) + 1)
    lo, hi = row_extents(lay)
    assert hi[r] == max(b.x1 for b in lay.bars_by_row[r])
    picked = derive_layout(lay, {ini.id})
    assert picked.bars_by_row[picked.row_of[ini.id]][0].x1 == lay.bars_by_row[r][0].x1


def _band_rows(image: np.ndarray, plain: np.ndarray) -> set[int]:
    """Pixel rows that differ from the unselected picture across most of the plot's width."""
    return {int(y) for y in np.nonzero((image != plain).sum(axis=1) > image.shape[1] * 0.5)[0]}


def test_the_selection_is_painted_over_the_cached_zoomed_out_picture(qtbot: QtBot) -> None:
    p = make_portfolio(3000, seed=23)
    view = shown_timeline(qtbot, p, TODAY)
    view.fit_all()
    plot = view.plot_widget()
    qtbot.wait(1)
    plain = pixels(plot.grab().toImage())
    cache = view._bars._cache
    assert cache is not None
    first, second = p.initiatives[40].id, p.initiatives[2500].id
    view.select_initiative(first)
    with_first = pixels(plot.grab().toImage())
    assert view._bars._cache is cache, "selecting does not paint the rows again"
    view.select_initiative(second)
    with_second = pixels(plot.grab().toImage())
    assert view._bars._cache is cache
    band_first, band_second = _band_rows(with_first, plain), _band_rows(with_second, plain)
    assert band_first and band_second and not band_first & band_second
    assert max(band_first) < min(band_second), "the band moves down to the later initiative"
    view.select_initiative(None)
    assert np.array_equal(pixels(plot.grab().toImage()), plain), "clearing the selection restores the picture"
    changed = np.nonzero((with_second != plain).any(axis=1))[0]
    assert set(changed.tolist()) == band_second, "only the selected row's band changes"
    sel = palette.SELECTION
    tinted = with_second[min(band_second)]
    assert np.mean(np.abs(((tinted & 0xFF).astype(int)) - sel.blue())) < \
        np.mean(np.abs(((plain[min(band_second)] & 0xFF).astype(int)) - sel.blue())), "tinted with the selection colour"


def test_a_second_portfolio_shows_exactly_its_own_rows(qtbot: QtBot) -> None:
    first, second = make_portfolio(800, seed=24), make_portfolio(600, seed=25)
    second.initiatives[0].amounts = {2030: Decimal("1.5")}
    view = shown_timeline(qtbot, first, TODAY)
    view.fit_all()
    qtbot.wait(1)
    view.set_portfolio(second)
    view.fit_all()
    fresh = shown_timeline(qtbot, second, TODAY)
    fresh.fit_all()
    lay, expected = view.timeline_layout(), fresh.timeline_layout()
    assert [(r.kind, r.label, r.initiative_id) for r in lay.rows] == \
        [(r.kind, r.label, r.initiative_id) for r in expected.rows]
    assert list(lay.bars_by_row) == list(expected.bars_by_row)
    assert (lay.x_min, lay.x_max) == (expected.x_min, expected.x_max)
    assert np.array_equal(pixels(view.plot_widget().grab().toImage()),
                          pixels(fresh.plot_widget().grab().toImage()))


@pytest.mark.parametrize("presentation", [False, True])
def test_the_label_axis_takes_its_width_before_the_first_paint(qtbot: QtBot, presentation: bool) -> None:
    view = shown_timeline(qtbot, make_portfolio(50, seed=26), TODAY)
    view.set_presentation(presentation)
    view.resize(1500, 700)
    axis = view._axis
    assert axis.width() == axis.fixedWidth, "the plot's layout applied the new width at once"
    view.set_presentation(False)
    view.resize(1100, 640)
    assert axis.width() == axis.fixedWidth


def test_the_picture_before_a_resize_is_used_again_when_the_size_comes_back(qtbot: QtBot) -> None:
    """F11 and back: the zoomed-out picture of the size before is shown again, not painted again, and it is
    what painting afresh gives; an edit in between drops it."""
    p = make_portfolio(3000, seed=27)
    view = shown_timeline(qtbot, p, TODAY)
    view.fit_all()
    plot = view.plot_widget()
    qtbot.wait(1)
    before = pixels(plot.grab().toImage())
    first = view._bars._cache
    view.resize(800, 500)
    view.fit_all()
    qtbot.wait(1)
    plot.grab()
    assert view._bars._cache is not first
    view.resize(1100, 640)
    view.fit_all()
    qtbot.wait(1)
    again = pixels(plot.grab().toImage())
    assert view._bars._cache is first
    assert np.array_equal(again, before)
    view.resize(800, 500)
    view.fit_all()
    qtbot.wait(1)
    plot.grab()
    ini = p.initiatives[5]
    ini.name = ini.name + " (ny)"
    view.refresh({ini.id})
    view.timeline_layout()  # the coalesced refresh, now
    view.resize(1100, 640)
    view.fit_all()
    qtbot.wait(1)
    plot.grab()
    assert view._bars._cache is not first, "an edit drops the pictures kept"


def test_half_given_spans_and_quarters_make_the_bars_each_initiative_makes() -> None:
    """An end year without a start and no money, a start without an end, quarter 0 or 4, an end before its
    start, a next round without a year: the columns' arithmetic is initiative_span's and bars_for's."""
    p = make_portfolio(60, seed=28)
    cases = p.initiatives
    cases[0].amounts, cases[0].start_year, cases[0].end_year = {}, None, 2027
    cases[1].amounts, cases[1].start_year, cases[1].end_year = {}, 2025, None
    cases[2].start_year, cases[2].end_year, cases[2].start_quarter, cases[2].end_quarter = 2026, 2024, 4, 1
    cases[3].start_year, cases[3].end_year, cases[3].start_quarter, cases[3].end_quarter = 2025, 2025, 4, 1
    cases[4].next_round = "næste runde"
    cases[5].next_round, cases[5].phase, cases[5].next_phase = "UIP 2029", None, None
    cases[6].next_round, cases[6].phase = "UIP 2030", None
    cases[6].next_phase = Phase.UDBREDELSE
    lay = build_layout(p, lang="da")
    end = max(p.all_years()) + 1
    for ini in p.initiatives:
        r = lay.row_of[ini.id]
        assert lay.bars_by_row[r] == bars_for(ini, r, end), ini.id
    assert not lay.bars_by_row[lay.row_of[cases[0].id]] or all(b.next for b in lay.bars_by_row[lay.row_of[cases[0].id]])
