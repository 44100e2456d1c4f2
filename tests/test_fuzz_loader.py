"""Never a crash: random workbooks and random corruptions of a real one give a Portfolio or a
WorkbookError — nothing else, ever.

The normal run tries a bounded number of examples; a long run is one environment variable away:

    PLANNER_FUZZ_EXAMPLES=2000 .venv/bin/python -m pytest -q tests/test_fuzz_loader.py

(see docs/bad-input.md). Hypothesis keeps no example database in the working tree (database=None);
a failure prints the reproducing example and its ``@reproduce_failure`` blob.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from bad_file_builders import good_rows, write_xlsx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.csv_reader import parse_csv_bytes
from planner.errors import WorkbookError
from planner.file_guard import check_file, package_findings
from planner.model import Portfolio

EXAMPLES = int(os.environ.get("PLANNER_FUZZ_EXAMPLES", "40"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=EXAMPLES <= 40,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])

HEADER_WORDS = ["Nr.", "ID", "Initiativ", "Navn", "Område", "SUSI-fase", "Fase", "Udviklingstrin", "Tema",
                "Start", "Slut", "Periode", "I alt", "Total", "Ramme", "Noter", "Næste fase", 2023, 2024,
                "2025", "2026 (mio. kr.)", 1900, 3000, "Modning", "Afprøvning", "Screening", "Udbredelse",
                "Voksenområdet", "V1", "B6", "=SUM(E4:H4)", "=1/0", "-2,5", "12,7", "ca. 3 mio."]
cell_values = st.one_of(
    st.none(),
    st.sampled_from(HEADER_WORDS),
    st.integers(min_value=-10**12, max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.decimals(allow_nan=False, allow_infinity=False, places=3, min_value=-10**6, max_value=10**6),
    st.booleans(),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2199, 12, 31)),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40),
)
grids = st.lists(st.lists(cell_values, max_size=12), max_size=25)


def _loader():
    return pytest.importorskip("planner.loader").load_portfolio


def outcome(load, path: Path, *, valid: bool = False) -> str:  # type: ignore[no-untyped-def]
    """Load and check that every outcome is a usable object or our own error with a message.

    ``valid``: the file is a sound package written by openpyxl, so "damaged" (the loader's wrapping of
    an unexpected library exception) would be a reader bug hiding behind a polite message.
    """
    try:
        result = load(path)
    except WorkbookError as err:
        assert err.code and err.message("en") and err.message("da") and err.line("en")
        if valid:
            assert err.code != "damaged_zip", f"a sound workbook was called damaged: {err.message('en')}"
        return "error:" + err.code
    assert isinstance(result, Portfolio)
    for finding in result.findings:
        assert finding.line("en") and finding.line("da")
    return "portfolio"


@pytest.fixture(scope="module")
def base_workbooks(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """A real workbook (the bundled sample when present), one written by openpyxl, one by hand."""
    folder = tmp_path_factory.mktemp("fuzzbase")
    out: list[Path] = []
    sample = Path(__file__).resolve().parent.parent / "samples" / "uip2023.xlsx"
    if sample.exists():
        out.append(Path(shutil.copy(sample, folder / "uip2023.xlsx")))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Initiativer"
    for row in good_rows(12):
        ws.append(row)
    ws["I5"] = "=SUM(E5:H5)"
    wb.save(folder / "openpyxl.xlsx")
    out.append(folder / "openpyxl.xlsx")
    out.append(write_xlsx(folder / "hand.xlsx", good_rows(12)))
    return out


# -- corruptions ------------------------------------------------------------------------------------

def flip_bits(data: bytes, positions: list[float], bits: list[int]) -> bytes:
    buf = bytearray(data)
    for pos, bit in zip(positions, bits, strict=False):
        i = min(int(pos * len(buf)), len(buf) - 1)
        buf[i] ^= 1 << bit
    return bytes(buf)


def rezip(data: bytes, drop: int | None = None, replace: tuple[int, bytes] | None = None) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for idx, info in enumerate(src.infolist()):
            if drop is not None and idx == drop % len(src.infolist()):
                continue
            body = src.read(info)
            if replace is not None and idx == replace[0] % len(src.infolist()):
                body = replace[1]
            zf.writestr(info.filename, body)
    return out.getvalue()


replacement_bodies = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=200).map(str.encode),
    st.sampled_from([b"", b"<", b"<?xml version='1.0'?>", b"<worksheet/>", b"<sheetData><row r='x'>",
                     (b"<worksheet xmlns='http://schemas.openxmlformats.org/spreadsheetml/2006/main'>"
                      b"<sheetData><row r='1'><c r='A1' t='s'><v>99999</v></c></row></sheetData></worksheet>"),
                     b"<sst xmlns='http://schemas.openxmlformats.org/spreadsheetml/2006/main'/>"]),
)
corruptions = st.one_of(
    st.tuples(st.just("flip"), st.lists(st.floats(0, 1), min_size=1, max_size=20),
              st.lists(st.integers(0, 7), min_size=20, max_size=20)),
    st.tuples(st.just("truncate"), st.floats(0, 1)),
    st.tuples(st.just("drop"), st.integers(0, 50)),
    st.tuples(st.just("replace"), st.integers(0, 50), replacement_bodies),
    st.tuples(st.just("insert"), st.floats(0, 1), st.binary(min_size=1, max_size=64)),
)


def corrupt(data: bytes, how: tuple) -> bytes:  # type: ignore[type-arg]
    kind = how[0]
    if kind == "flip":
        return flip_bits(data, how[1], how[2])
    if kind == "truncate":
        return data[: int(how[1] * len(data))]
    if kind == "drop":
        return rezip(data, drop=how[1])
    if kind == "replace":
        return rezip(data, replace=(how[1], how[2]))
    at = int(how[1] * len(data))
    return data[:at] + how[2] + data[at:]


# -- properties -------------------------------------------------------------------------------------

@FUZZ
@given(how=corruptions, which=st.integers(0, 10))
def test_corrupted_copies_give_a_kind_or_a_workbook_error_from_the_guard(
        base_workbooks: list[Path], tmp_path: Path, how: tuple, which: int) -> None:  # type: ignore[type-arg]
    base = base_workbooks[which % len(base_workbooks)]
    path = tmp_path / f"fuzz-{which}.xlsx"
    path.write_bytes(corrupt(base.read_bytes(), how))
    try:
        assert check_file(path) in {"xlsx", "xlsm", "csv"}
    except WorkbookError as err:
        assert err.message("en")
    else:
        assert isinstance(package_findings(path), list)


@FUZZ
@given(how=corruptions, which=st.integers(0, 10))
def test_corrupted_copies_load_or_raise_workbook_error(
        base_workbooks: list[Path], tmp_path: Path, how: tuple, which: int) -> None:  # type: ignore[type-arg]
    load = _loader()
    base = base_workbooks[which % len(base_workbooks)]
    path = tmp_path / f"fuzz-{which}.xlsx"
    path.write_bytes(corrupt(base.read_bytes(), how))
    outcome(load, path)


@FUZZ
@given(grid=grids, title=st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=31))
def test_random_workbooks_load_or_raise_workbook_error(tmp_path: Path, grid: list[list[object]],
                                                       title: str) -> None:
    load = _loader()
    wb = openpyxl.Workbook()
    ws = wb.active
    try:
        ws.title = title or "Ark1"
    except ValueError:
        ws.title = "Ark1"
    for row in grid:
        ws.append(row)
    path = tmp_path / "random.xlsx"
    wb.save(path)
    outcome(load, path, valid=True)


@FUZZ
@given(grid=grids)
def test_random_workbooks_with_a_real_header_load_or_raise_workbook_error(tmp_path: Path,
                                                                          grid: list[list[object]]) -> None:
    load = _loader()
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in [*good_rows(2)[:3], *grid]:
        ws.append(row)
    path = tmp_path / "headed.xlsx"
    wb.save(path)
    outcome(load, path, valid=True)


@FUZZ
@given(data=st.one_of(st.binary(max_size=2000),
                      st.lists(st.lists(st.one_of(st.text(max_size=15), st.sampled_from(HEADER_WORDS).map(str)),
                                        max_size=8), max_size=20)
                      .map(lambda rows: "\n".join(";".join(map(str, r)) for r in rows).encode("utf-8"))))
def test_random_csv_bytes_give_a_grid_or_a_workbook_error(data: bytes) -> None:
    try:
        grid, fmt = parse_csv_bytes(data, shown="fuzz.csv")
    except WorkbookError as err:
        assert err.code in {"csv_unreadable", "too_large"}
        return
    assert fmt.delimiter in {";", ",", "\t", "|"} or len(fmt.delimiter) == 1
    widths = {len(r) for r in grid}
    assert len(widths) <= 1
    for row in grid:
        for value in row:
            assert value is None or isinstance(value, (str, int, Decimal))


@FUZZ
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".csv", ".xlsx", ".txt", ".xls"]))
def test_random_csv_files_load_or_raise_workbook_error(tmp_path: Path, data: bytes, suffix: str) -> None:
    load = _loader()
    path = tmp_path / f"random{suffix}"
    path.write_bytes(data)
    outcome(load, path)
