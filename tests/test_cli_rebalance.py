"""``planner rebalance``: fit a real workbook to its frame or a given one, keep locks, refuse impossible
fits.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from planner.cli import main
from planner.loader import load_portfolio
from planner.synthetic import write_workbook

D = Decimal


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    return write_workbook(12, tmp_path / "uip.xlsx", seed=4)


def rebalance(*args: object) -> int:
    return main(["rebalance", *map(str, args)])


def test_fit_to_given_total_keeps_locked_initiatives(workbook: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "ud.xlsx"
    original = workbook.read_bytes()
    before = load_portfolio(workbook)
    assert before.total() > D("120")
    code = rebalance(workbook, "-o", out, "--fit-frame", "--frame", "120", "--lock", "V2", "--lock", "B3")
    assert code == 0
    after = load_portfolio(out)
    assert after.total() == D("120.0")
    for ini_id in ("V2", "B3"):
        assert after.get(ini_id).amounts == before.get(ini_id).amounts
    assert [i.name for i in after.initiatives] == [i.name for i in before.initiatives]
    assert after.frame.total == before.frame.total, "the workbook's frame is not rewritten"
    assert workbook.read_bytes() == original
    printed = capsys.readouterr().out
    assert "fitted to the frame 120.0" in printed and "→ 120.0" in printed


def test_fit_to_the_workbooks_own_frame(workbook: Path, tmp_path: Path) -> None:
    out = tmp_path / "ud.xlsx"
    assert rebalance(workbook, "-o", out, "--fit-frame") == 0
    after = load_portfolio(out)
    assert after.frame.total is not None and after.total() == after.frame.total


def test_fit_per_year_with_comma_and_point(workbook: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "ud.xlsx"
    before = load_portfolio(workbook)
    assert rebalance(workbook, "-o", out, "--fit-frame", "--frame", "2024=30,5", "--frame", "2025=31.5") == 0
    totals = load_portfolio(out).totals_by_year()
    assert (totals[2024], totals[2025]) == (D("30.5"), D("31.5"))
    assert totals[2023] == before.totals_by_year()[2023]
    assert "2024: " in capsys.readouterr().out


def test_danish_output(workbook: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANNER_LANG", "da")
    assert rebalance(workbook, "-o", tmp_path / "ud.xlsx", "--fit-frame", "--frame", "100,5") == 0
    assert "tilpasset rammen 100,5" in capsys.readouterr().out


def test_impossible_fit_exits_1_and_writes_nothing(workbook: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "ud.xlsx"
    code = rebalance(workbook, "-o", out, "--fit-frame", "--frame", "0,1", "--lock", "V1")
    assert code == 1
    assert not out.exists()
    err = capsys.readouterr().err
    assert "the locked amounts" in err and "exceed the frame 0.1" in err and "was not written" in err


def test_unknown_lock_exits_1(workbook: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "ud.xlsx"
    assert rebalance(workbook, "-o", out, "--fit-frame", "--lock", "V99") == 1
    assert not out.exists()
    assert "'V99' does not exist" in capsys.readouterr().err


@pytest.mark.parametrize("args, message", [
    ([], "Say what to do"),
    (["--fit-frame", "--frame", "mange"], "--frame 'mange'"),
    (["--fit-frame", "--frame", "120", "--frame", "2024=3"], "not both"),
    (["--fit-frame", "--lock", "V1:år"], "--lock 'V1:år'"),
])
def test_wrong_usage_exits_2(workbook: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                             args: list[str], message: str) -> None:
    out = tmp_path / "ud.xlsx"
    assert rebalance(workbook, "-o", out, *args) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_lock_one_year(workbook: Path, tmp_path: Path) -> None:
    before = load_portfolio(workbook)
    ini = next(i for i in before.initiatives if len(i.amounts) >= 2)
    year = min(ini.amounts)
    out = tmp_path / "ud.xlsx"
    assert rebalance(workbook, "-o", out, "--fit-frame", "--frame", "90", "--lock", f"{ini.id}:{year}") == 0
    after = load_portfolio(out)
    assert after.get(ini.id).amounts[year] == ini.amounts[year]
    assert after.total() == D("90.0")


def test_unreadable_input_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert rebalance(tmp_path / "nowhere.xlsx", "-o", tmp_path / "ud.xlsx", "--fit-frame") == 1
    assert capsys.readouterr().err.startswith("planner rebalance: ")


SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "uip2023.xlsx"


@pytest.mark.skipif(not SAMPLE.exists(), reason="samples/uip2023.xlsx not in the repository yet")
def test_sample_fits_120_with_locks(tmp_path: Path) -> None:
    before = load_portfolio(SAMPLE)
    assert before.frame.effective_total() == D("132.1") and before.total() == D("128.6")
    locked = [before.initiatives[0].id, before.initiatives[-1].id]
    out = tmp_path / "uip2023-120.xlsx"
    lock_args = [arg for ini_id in locked for arg in ("--lock", ini_id)]
    assert rebalance(SAMPLE, "-o", out, "--fit-frame", "--frame", "120", *lock_args) == 0
    after = load_portfolio(out)
    assert after.total() == D("120.0")
    for ini_id in locked:
        assert after.get(ini_id).amounts == before.get(ini_id).amounts
    out2 = tmp_path / "uip2023-frame.xlsx"
    assert rebalance(SAMPLE, "-o", out2, "--fit-frame") == 0
    assert load_portfolio(out2).total() == D("132.1")


@pytest.mark.skipif(not SAMPLE.exists(), reason="samples/uip2023.xlsx not in the repository yet")
def test_sample_impossible_fit_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "umulig.xlsx"
    assert rebalance(SAMPLE, "-o", out, "--fit-frame", "--frame", "10", "--lock", "V1") == 1
    assert not out.exists()
    assert "the locked amounts (19.8) exceed the frame 10.0" in capsys.readouterr().err
