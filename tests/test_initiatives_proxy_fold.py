"""The table's search folds texts with a fast path for plain text: it must give planner.phases.fold's key."""

from __future__ import annotations

import pytest

from planner.phases import fold
from planner.synthetic import make_portfolio
from ui.initiatives_proxy import _fold, _search_text

TRICKY = ["  Æble  Øre  Åen ", "café  Crème brûlée", "ß straße", "Hello\tWorld\n", "", "   ", " É ", "ﬁ ligature",
          "İstanbul", "Ⅻ roman", "naïve Ørsted", "Ærø – Ålborg", "ÆØÅ æøå", "a\u0301", "Ｆｕｌｌ width", "ΣΑΣ Σ",
          "ὈΔΥΣΣΕΎΣ", "Kelvin \u212a", "a\u0301\u0327\u20dd b", "ǅ ǈ", "\u00a0nbsp\u2003em\u3000"]


@pytest.mark.parametrize("text", TRICKY)
def test_fast_fold_is_fold(text: str) -> None:
    assert _fold(text) == fold(text)


def test_search_texts_are_the_folded_texts_of_every_initiative() -> None:
    for ini in make_portfolio(400, seed=11).initiatives:
        assert _fold(ini.name) == fold(ini.name)
        hay = _search_text(ini)
        assert hay == fold(hay)
        assert fold(ini.name) in hay and fold(ini.id) in hay


def test_search_texts_folded_with_shared_parts_are_the_whole_texts_folded() -> None:
    inis = make_portfolio(500, seed=14).initiatives
    for k, text in enumerate(TRICKY):  # odd texts in every field, some shared by several initiatives
        inis[k].name = text
        inis[k + 30].theme = inis[k + 31].theme = text
        inis[k + 60].recipients = text
        inis[k + 90].id = text
        inis[k + 120].phase_text = text
    inis[200].name = inis[200].id = ""
    shared: dict[tuple[object, ...], str] = {}
    assert [_search_text(ini, shared) for ini in inis] == [_search_text(ini) for ini in inis]
    assert len(shared) < len(inis)  # some initiatives shared their folded texts
