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
