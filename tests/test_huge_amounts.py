"""An absurdly large number where an amount belongs (a typing slip, a damaged file) is a finding naming
the cell, not a crash: it is not read, and the window draws, fits and undoes as usual."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from bad_file_builders import write_xlsx

from planner.amounts import MAX_AMOUNT, AmountError, AmountTooLarge, parse_amount
from planner.loader import load_portfolio
from tests.ui_helpers import make_window, open_and_wait


@pytest.mark.parametrize("value", [1e30, 10**13, Decimal("1e12"), "1.000.000.000.000", -1e15])
def test_a_number_of_a_trillion_or_more_is_too_large(value: object) -> None:
    with pytest.raises(AmountTooLarge):
        parse_amount(value)


def test_too_large_is_an_amount_error_and_the_bound_is_exclusive() -> None:
    assert issubclass(AmountTooLarge, AmountError)
    below = MAX_AMOUNT - Decimal("0.1")
    assert parse_amount(below) == below
    assert parse_amount(999_999_999_999.9) == Decimal("999999999999.9")


def _workbook(tmp_path: Path) -> Path:
    header = ["Nr.", "Initiativ", "SUSI-fase", "Start", "Slut", 2023, 2024, 2025]
    rows = [[], header, ["V1", "Bostøtte", "Modning", 2023, 2025, 1.5, 1e30, 2.0],
            ["V2", "Misbrug", "Afprøvning", 2023, 2025, 3.0, 3.5, 4.0]]
    return write_xlsx(tmp_path / "kæmpe.xlsx", rows)


def test_the_reader_names_the_cell_and_leaves_the_year_out(tmp_path: Path) -> None:
    portfolio = load_portfolio(_workbook(tmp_path))
    found = [f for f in portfolio.findings if f.code == "amount_too_large"]
    assert len(found) == 1 and found[0].initiative_id == "V1"
    assert found[0].where is not None and (found[0].where.row, found[0].where.column) == (3, 7)  # G3
    assert found[0].params["value"] == "1e+30"
    assert "too large" in found[0].message("en") and "for stort" in found[0].message("da")
    v1 = portfolio.get("V1")
    assert v1 is not None and v1.amounts == {2023: Decimal("1.5"), 2025: Decimal("2.0")}


def test_the_window_opens_draws_fits_and_undoes_such_a_workbook(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot)
    path, ok = open_and_wait(qtbot, window, _workbook(tmp_path))
    assert ok, path
    window.finish_build()
    for key in ("timeline", "phases", "budget"):
        window.show_view(key)
        qtbot.wait(5)
        assert not window.grab().isNull()
    before = {i.id: dict(i.amounts) for i in window.document.portfolio.initiatives}
    window.edit.fit_all.trigger()
    qtbot.wait(5)
    window.edit.undo.trigger()
    qtbot.wait(5)
    assert {i.id: dict(i.amounts) for i in window.document.portfolio.initiatives} == before
    assert window.last_error is None
