"""The headless command line: check, summary, export and diff, with every exit code (0, 1, 2).

Runs ``planner.cli.main`` in-process (capsys) and, to prove the console path, ``python -m planner`` in a
subprocess. Workbooks are the bundled sample and synthetic ones built in ``tmp_path``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from planner.cli import main
from planner.phases import Phase
from planner.synthetic import make_portfolio, write_portfolio_workbook, write_workbook

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "uip2023.xlsx"
YEAR_COLUMN = {2023: "I", 2024: "J", 2025: "K", 2026: "L", 2027: "M"}  # synthetic layout
FIRST_ROW = 7


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    if not SAMPLE.exists():
        pytest.skip("samples/uip2023.xlsx is not in the tree yet")
    return Path(shutil.copy(SAMPLE, tmp_path / "uip2023.xlsx"))


@pytest.fixture
def synthetic(tmp_path: Path) -> Path:
    return write_workbook(40, tmp_path / "synthetic.xlsx", seed=7)


def _cells(path: Path) -> dict[str, object]:
    ws = load_workbook(path).worksheets[0]
    return {c.coordinate: c.value for row in ws.iter_rows() for c in row if c.value is not None}


def _one_clean_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


# -- summary ------------------------------------------------------------------------------------------
def test_summary_json_on_sample_matches_the_seed(capsys: pytest.CaptureFixture[str], sample: Path) -> None:
    code, out, err = run(capsys, "summary", str(sample), "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["initiatives"] == 13
    assert data["years"] == [2023, 2024, 2025, 2026, 2027]
    assert data["totals_by_year"] == {"2023": 58.7, "2024": 30.4, "2025": 23.1, "2026": 15.0, "2027": 1.4}
    assert data["total"] == 128.6
    assert data["frame"]["total"] == 132.1
    assert [i["id"] for i in data["items"]] == [f"V{n}" for n in range(1, 8)] + [f"B{n}" for n in range(1, 7)]
    v2 = next(i for i in data["items"] if i["id"] == "V2")
    assert (v2["total"], v2["stated_total"]) == (20.5, 20.6)
    assert set(v2) == {"id", "name", "area", "phase", "years", "total", "stated_total"}
    assert set(data) == {"name", "initiatives", "years", "total", "totals_by_year", "by_phase", "by_area",
                         "frame", "items"}
    assert sum(data["by_area"].values()) == pytest.approx(128.6)


def test_summary_json_on_synthetic_workbook(capsys: pytest.CaptureFixture[str], synthetic: Path) -> None:
    expected = make_portfolio(40, seed=7)
    code, out, _ = run(capsys, "summary", str(synthetic), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["initiatives"] == 40
    assert data["totals_by_year"] == {str(y): float(v) for y, v in expected.totals_by_year().items()}
    assert data["frame"] == {"total": float(expected.frame.total), "by_year": {}}
    assert set(data["by_phase"]) >= {"screening", "modning", "afproevning", "udbredelse"}
    first = data["items"][0]
    ini = expected.initiatives[0]
    assert first["years"] == {str(y): float(ini.amount(y)) if ini.amount(y) else 0 for y in expected.years}
    assert first["phase"] == ini.phase.value


def test_summary_dict_agrees_with_the_model_and_names_unknown_phases() -> None:
    from planner.amounts import to_json_number
    from planner.model import Initiative
    from planner.summary import build_summary

    portfolio = make_portfolio(30, seed=3)
    portfolio.initiatives = [*portfolio.initiatives,
                             Initiative(id="X1", name="Uden fase", amounts={2024: "0,3", 2029: "1"})]
    data = build_summary(portfolio)
    json.dumps(data)
    assert data["years"] == [2023, 2024, 2025, 2026, 2027, 2029]
    assert data["totals_by_year"] == {str(y): to_json_number(v) for y, v in portfolio.totals_by_year().items()}
    assert data["total"] == to_json_number(portfolio.total())
    assert data["by_phase"]["ukendt"] == 1.3
    assert {k: v for k, v in data["by_phase"].items() if v} == {
        k: to_json_number(v) for k, v in portfolio.by_phase().items() if v}
    assert data["by_area"] == {k: to_json_number(v) for k, v in portfolio.by_area().items()}
    x1 = data["items"][-1]
    assert x1 == {"id": "X1", "name": "Uden fase", "area": "", "phase": None,
                  "years": {"2023": 0, "2024": 0.3, "2025": 0, "2026": 0, "2027": 0, "2029": 1},
                  "total": 1.3, "stated_total": None}


def test_summary_table_is_readable(capsys: pytest.CaptureFixture[str], synthetic: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    expected = make_portfolio(40, seed=7)
    code, out, _ = run(capsys, "summary", str(synthetic))
    assert code == 0
    assert "2023" in out and "Total" in out and "Frame" in out
    total_line = next(line for line in out.splitlines() if line.split()[:1] == ["Total"])
    assert f"{expected.total():,.1f}" in total_line
    monkeypatch.setenv("PLANNER_LANG", "da")
    _, out_da, _ = run(capsys, "summary", str(synthetic))
    assert "I alt" in out_da and "Ramme" in out_da and "mio. kr." in out_da


# -- check ----------------------------------------------------------------------------------------------
def test_check_sample_names_the_three_stated_total_differences(capsys: pytest.CaptureFixture[str],
                                                               sample: Path) -> None:
    code, out, _ = run(capsys, "check", str(sample))
    assert code == 0
    mismatches = [line for line in out.splitlines() if "stated total" in line]
    assert len(mismatches) == 3, out
    for ini, stated, total in (("V2", "20.6", "20.5"), ("V3", "3.4", "3.3"), ("B5", "18.7", "18.6")):
        line = next(m for m in mismatches if f"{ini}:" in m)
        assert line.startswith("warning:")
        assert stated in line and total in line
    code, out, _ = run(capsys, "check", str(sample), "--json")
    data = json.loads(out)
    assert data["usable"] is True
    found = {f["initiative"] for f in data["findings"] if f["code"] == "stated_total_mismatch"}
    assert found == {"V2", "V3", "B5"}


def test_check_usable_with_warnings_exits_0(capsys: pytest.CaptureFixture[str], synthetic: Path) -> None:
    code, out, err = run(capsys, "check", str(synthetic), "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["usable"] is True
    mismatch = next(f for f in data["findings"] if f["code"] == "stated_total_mismatch")
    assert set(mismatch) == {"severity", "code", "message", "sheet", "cell", "initiative"}
    assert mismatch["severity"] == "warning" and mismatch["sheet"] == "Initiativer"
    assert mismatch["cell"].startswith("N") and mismatch["initiative"] in mismatch["message"]
    warnings = sum(f["severity"] == "warning" for f in data["findings"])
    assert warnings >= 2  # stated totals and the frame
    code, out, err = run(capsys, "check", str(synthetic))
    assert code == 0 and err == ""
    lines = out.strip().splitlines()
    assert lines[-1] == f"{synthetic}: usable (0 errors, {warnings} warnings)."
    assert sum(line.startswith("warning: 'Initiativer'!N") for line in lines) == sum(
        f["code"] == "stated_total_mismatch" for f in data["findings"])


def _with_negative_amount(src: Path, dst: Path) -> str:
    wb = load_workbook(src)
    ws = wb.worksheets[0]
    row = next(r for r in range(FIRST_ROW, ws.max_row) if ws[f"J{r}"].value not in (None, ""))
    ws[f"J{row}"] = -3.5
    wb.save(dst)
    return f"J{row}"


def test_check_unusable_exits_1_with_one_clear_line(capsys: pytest.CaptureFixture[str], synthetic: Path,
                                                    tmp_path: Path) -> None:
    bad = tmp_path / "negative.xlsx"
    cell = _with_negative_amount(synthetic, bad)
    code, out, err = run(capsys, "check", str(bad))
    assert code == 1
    line = _one_clean_line(err)
    assert "cannot be used" in line and str(bad) in line and cell in line and "-3.5" in line
    assert any(x.startswith("error:") and cell in x for x in out.splitlines())
    code, out, _ = run(capsys, "check", str(bad), "--json")
    assert code == 1
    data = json.loads(out)
    assert data["usable"] is False
    assert {"severity": "error", "code": "negative_amount", "cell": cell}.items() <= next(
        f for f in data["findings"] if f["code"] == "negative_amount").items()


def test_check_messages_follow_the_language(capsys: pytest.CaptureFixture[str], synthetic: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANNER_LANG", "da")
    code, out, _ = run(capsys, "check", str(synthetic))
    assert code == 0
    assert "advarsel:" in out and "den angivne total" in out and "kan bruges" in out


# -- files that cannot be used, usage errors ---------------------------------------------------------------
@pytest.mark.parametrize("command", ["check", "summary", "export", "diff"])
def test_missing_file_exits_1_with_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                            command: str) -> None:
    missing = tmp_path / "findes-ikke.xlsx"
    argv = {"check": ["check", str(missing)], "summary": ["summary", str(missing), "--json"],
            "export": ["export", str(missing), "-o", str(tmp_path / "out.xlsx")],
            "diff": ["diff", str(missing), str(missing)]}[command]
    code, out, err = run(capsys, *argv)
    assert code == 1
    line = _one_clean_line(err)
    assert line.startswith(f"planner {command}:") and "findes-ikke.xlsx" in line
    assert out == ""
    assert not (tmp_path / "out.xlsx").exists()


def test_check_json_on_unreadable_file_still_answers_in_json(capsys: pytest.CaptureFixture[str],
                                                             tmp_path: Path) -> None:
    code, out, err = run(capsys, "check", str(tmp_path / "findes-ikke.xlsx"), "--json")
    assert code == 1
    data = json.loads(out)
    assert data["usable"] is False
    [finding] = data["findings"]
    assert (finding["severity"], finding["code"]) == ("error", "not_found")
    assert "does not exist" in finding["message"]
    assert "findes-ikke.xlsx" in _one_clean_line(err)


def test_not_a_workbook_exits_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    fake = tmp_path / "notes.xlsx"
    fake.write_text("just some notes, not a workbook\n", encoding="utf-8")
    code, _, err = run(capsys, "summary", str(fake), "--json")
    assert code == 1
    assert "notes.xlsx" in _one_clean_line(err)


@pytest.mark.parametrize("argv", [
    ["summary"],
    ["check", "a.xlsx", "--no-such-option"],
    ["export", "a.xlsx"],
    ["export", "a.xlsx", "-o", "b.xlsx", "--set", "V1=2,5"],
    ["diff", "a.xlsx"],
])
def test_wrong_usage_exits_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "usage:" in err and "Traceback" not in err


# -- export ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("amount", ["2,5", "2.5"])
def test_export_set_changes_exactly_that_cell(capsys: pytest.CaptureFixture[str], synthetic: Path,
                                              tmp_path: Path, amount: str) -> None:
    out_path = tmp_path / "out.xlsx"
    ini = make_portfolio(40, seed=7).initiatives[2]
    year = max(ini.amounts)
    code, out, err = run(capsys, "export", str(synthetic), "-o", str(out_path),
                         "--set", f"{ini.id}:{year}={amount}")
    assert code == 0, err
    assert f"{ini.id} {year}:" in out and "2.5" in out
    before, after = _cells(synthetic), _cells(out_path)
    row, totals_row = FIRST_ROW + 2, FIRST_ROW + 40
    cell = f"{YEAR_COLUMN[year]}{row}"
    assert before[cell] == float(ini.amounts[year])
    assert after[cell] == 2.5
    # Sums that agreed before the edit are kept true (planner.writer_totals); nothing else moves.
    delta = Decimal("2.5") - ini.amounts[year]
    derived = {f"{YEAR_COLUMN[year]}{totals_row}", f"N{totals_row}", f"N{row}"}
    for ref in derived:
        if after[ref] != before[ref]:
            assert Decimal(str(after[ref])) == Decimal(str(before[ref])) + delta, ref
    untouched = set(before) - derived - {cell}
    assert {k: after.get(k) for k in untouched} == {k: before[k] for k in untouched}
    assert set(after) == set(before)
    code, out, _ = run(capsys, "summary", str(out_path), "--json")
    item = next(i for i in json.loads(out)["items"] if i["id"] == ini.id)
    assert item["years"][str(year)] == 2.5


def test_export_on_sample_changes_exactly_that_cell(capsys: pytest.CaptureFixture[str], sample: Path,
                                                   tmp_path: Path) -> None:
    out_path = tmp_path / "out.xlsx"
    code, out, err = run(capsys, "export", str(sample), "-o", str(out_path), "--set", "V2:2024=2,5")
    assert code == 0, err
    assert "V2 2024: 3.1 → 2.5" in out
    before, after = load_workbook(sample), load_workbook(out_path)
    assert before.sheetnames == after.sheetnames
    changed = []
    for ws in before.worksheets:
        other = after[ws.title]
        assert (ws.max_row, ws.max_column) == (other.max_row, other.max_column)
        changed += [(ws.title, c.coordinate, c.value, other[c.coordinate].value)
                    for row in ws.iter_rows() for c in row if other[c.coordinate].value != c.value]
    assert len(changed) == 1
    assert changed[0][2:] == (3.1, 2.5)
    code, out, _ = run(capsys, "summary", str(out_path), "--json")
    assert json.loads(out)["totals_by_year"]["2024"] == 29.8
    code, out, _ = run(capsys, "diff", str(sample), str(out_path), "--json")
    assert (code, json.loads(out)) == (0, {"added": [], "removed": [], "changed": [
        {"id": "V2", "field": "amount", "year": 2024, "old": 3.1, "new": 2.5}]})


def test_export_by_name_and_several_edits(capsys: pytest.CaptureFixture[str], synthetic: Path,
                                          tmp_path: Path) -> None:
    portfolio = make_portfolio(40, seed=7)
    a, b = portfolio.initiatives[0], portfolio.initiatives[-1]
    out_path = tmp_path / "out.xlsx"
    code, _, err = run(capsys, "export", str(synthetic), "-o", str(out_path),
                       "--set", f"{a.name.upper()}:2023=1,1", "--set", f"{b.id}:2027=0")
    assert code == 0, err
    code, out, _ = run(capsys, "summary", str(out_path), "--json")
    items = {i["id"]: i for i in json.loads(out)["items"]}
    assert items[a.id]["years"]["2023"] == 1.1
    assert items[b.id]["years"]["2027"] == 0


@pytest.mark.parametrize(("edit", "words"), [
    ("X99:2024=2,5", ["X99", "does not exist"]),
    ("V1:2031=2,5", ["2031", "not part of the portfolio"]),
    ("V1:tyve=2,5", ["tyve", "not part of the portfolio"]),
    ("V1:2024=to komma fem", ["to komma fem", "not an amount"]),
])
def test_export_refuses_bad_edits_and_writes_nothing(capsys: pytest.CaptureFixture[str], synthetic: Path,
                                                     tmp_path: Path, edit: str, words: list[str]) -> None:
    out_path = tmp_path / "out.xlsx"
    code, out, err = run(capsys, "export", str(synthetic), "-o", str(out_path), "--set", "V2:2024=1",
                         "--set", edit)
    assert code == 1
    line = _one_clean_line(err)
    assert all(w in line for w in words), line
    assert not out_path.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["synthetic.xlsx"]


# -- diff -----------------------------------------------------------------------------------------------
def test_diff_json_lists_added_removed_and_changed(capsys: pytest.CaptureFixture[str],
                                                   tmp_path: Path) -> None:
    a = make_portfolio(12, seed=2)
    b = a.clone()
    b.initiatives = [i for i in b.initiatives if i.id != "V3"]
    b.initiatives[0].phase = Phase.SCREENING if a.initiatives[0].phase != Phase.SCREENING else Phase.MODNING
    year = min(b.initiatives[1].amounts)
    b.set_amount(b.initiatives[1].id, year, b.initiatives[1].amount(year) + Decimal("1.5"))
    extra = b.initiatives[-1].model_copy(deep=True, update={"id": "B77", "name": "Nyt initiativ"})
    b.initiatives = [*b.initiatives, extra]
    path_a = write_portfolio_workbook(a, tmp_path / "a.xlsx")
    path_b = write_portfolio_workbook(b, tmp_path / "b.xlsx")
    code, out, err = run(capsys, "diff", str(path_a), str(path_b), "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["added"] == ["B77"] and data["removed"] == ["V3"]
    ini0, ini1 = a.initiatives[0], a.initiatives[1]
    assert data["changed"] == [
        {"id": ini0.id, "field": "phase", "year": None, "old": ini0.phase.value,
         "new": b.initiatives[0].phase.value},
        {"id": ini1.id, "field": "amount", "year": year, "old": float(ini1.amount(year)),
         "new": float(ini1.amount(year) + Decimal("1.5"))},
    ]
    code, out, _ = run(capsys, "diff", str(path_a), str(path_b))
    assert code == 0
    assert "+ B77 added" in out and "- V3 removed" in out and f"~ {ini1.id} {year}:" in out


def test_diff_of_identical_files_says_so(capsys: pytest.CaptureFixture[str], synthetic: Path) -> None:
    code, out, _ = run(capsys, "diff", str(synthetic), str(synthetic), "--json")
    assert (code, json.loads(out)) == (0, {"added": [], "removed": [], "changed": []})
    code, out, _ = run(capsys, "diff", str(synthetic), str(synthetic))
    assert (code, out.strip()) == (0, "No differences.")


# -- the console path -----------------------------------------------------------------------------------
def _console(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "planner", *argv], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env={**os.environ, "PLANNER_LANG": "en"})


def test_console_summary_and_failure(synthetic: Path, tmp_path: Path) -> None:
    done = _console("summary", str(synthetic), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["initiatives"] == 40
    done = _console("check", str(tmp_path / "missing.xlsx"))
    assert done.returncode == 1
    assert "missing.xlsx" in _one_clean_line(done.stderr)
    done = _console("export", str(synthetic))
    assert done.returncode == 2 and "usage:" in done.stderr
