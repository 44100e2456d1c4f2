"""The bundled samples read back with the seed texts' figures and their own disagreements."""

from __future__ import annotations

import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from planner.cells import CellRef
from planner.loader import load_portfolio
from planner.model import AREA_ADULTS, AREA_CHILDREN, CostCategory
from planner.phases import Phase

D = Decimal


@pytest.fixture
def uip(samples: Path, tmp_path: Path):
    return load_portfolio(shutil.copy(samples / "uip2023.xlsx", tmp_path / "uip2023.xlsx"))


@pytest.fixture
def sats(samples: Path, tmp_path: Path):
    return load_portfolio(shutil.copy(samples / "satspulje2017.xlsx", tmp_path / "satspulje2017.xlsx"))


def test_uip_has_the_13_initiatives_in_seed_order(uip) -> None:
    assert [i.id for i in uip.initiatives] == [f"V{n}" for n in range(1, 8)] + [f"B{n}" for n in range(1, 7)]
    assert {i.area for i in uip.initiatives[:7]} == {AREA_ADULTS}
    assert {i.area for i in uip.initiatives[7:]} == {AREA_CHILDREN}
    assert uip.name == "Udviklings- og Investeringsprogrammer 2023"
    assert uip.price_level == "2023-PL" and uip.unit == "mio. kr."


def test_uip_yearly_sums_match_the_seed(uip) -> None:
    assert uip.totals_by_year() == {2023: D("58.7"), 2024: D("30.4"), 2025: D("23.1"), 2026: D("15.0"),
                                    2027: D("1.4")}
    assert uip.total() == D("128.6")
    assert uip.years == [2023, 2024, 2025, 2026, 2027]


def test_uip_frame_from_the_press_release(uip) -> None:
    assert uip.frame.total == D("132.1")
    assert uip.frame.sources["total"].sheet == uip.source.sheet
    assert not [f for f in uip.findings if f.code.startswith("over_frame")]


def test_uip_keeps_the_three_stated_total_differences(uip) -> None:
    mism = {f.params["id"]: (f.params["stated"], f.params["sum"]) for f in uip.findings
            if f.code == "stated_total_mismatch"}
    assert mism == {"V2": ("20.6", "20.5"), "V3": ("3.4", "3.3"), "B5": ("18.7", "18.6")}
    assert uip.usable()
    assert not [f for f in uip.findings if f.severity == "error"]
    assert [f.code for f in uip.findings if f.code == "formula_values_used"]  # the totals row's SUMs


def test_uip_initiative_details(uip) -> None:
    v1, v4, b2 = uip.get("V1"), uip.get("V4"), uip.get("B2")
    assert v1.phase is Phase.MODNING and v1.next_phase is Phase.AFPROEVNING and v1.next_round == "UIP 2027"
    assert v1.stated_total == D("19.8") and v1.costs == {
        CostCategory.PROJEKTLEDELSE: D("3.2"), CostCategory.KOMPETENCEUDVIKLING: D("2.2"),
        CostCategory.EVALUERING: D("2.6"), CostCategory.ANSOEGNINGSPULJE: D("11.8")}
    assert v1.recipients.startswith("Kommuner, Social- og Boligstyrelsen")
    assert v1.theme == "Unge og voksne med udviklingshæmning og medfødt hjerneskade"
    assert (v4.phase, v4.end_year, v4.end_quarter, v4.next_round) == (Phase.SCREENING, 2024, 1, "UIP 2025")
    assert b2.amounts[2027] == D("1.4") and b2.end_year == 2027 and b2.next_round == "UIP 2029"
    assert "datainfrastruktur" in uip.get("V7").notes
    assert [i.id for i in uip.initiatives if i.phase is Phase.UDBREDELSE] == ["V3", "B1", "B3"]


def test_uip_sources_point_into_the_sheet(uip) -> None:
    s = uip.source
    v1 = uip.get("V1")
    assert v1.sources["year:2023"] == CellRef(sheet=s.sheet, row=s.first_row, column=s.columns["year:2023"])
    assert s.totals_row is not None and s.totals_row > s.last_row


def test_satspulje_reads_its_own_layout(sats) -> None:
    assert [i.id for i in sats.initiatives] == ["S1", "S2", "S3", "S4"]
    assert sats.name.startswith("Satspulje 2017") and sats.price_level == "2017-PL"
    ppr, eft, ment, som = sats.initiatives
    assert ppr.amounts == {2017: D("123.1")} and ppr.stated_total == D("123.1")
    assert (ppr.start_year, ppr.start_quarter, ppr.end_year) == (2017, 4, 2020)
    assert eft.total == D("59.5") and "antaget" in eft.notes.lower()
    assert ment.total == D("32.6") and "antaget" in ment.notes.lower()
    assert ment.costs == {CostCategory.ANSOEGNINGSPULJE: D("14.0")}
    assert som.amounts == {} and som.stated_total is None
    assert all("antaget" in i.notes.lower() for i in sats.initiatives)
    assert sats.total() == D("215.2")


def test_satspulje_keeps_the_disagreement_about_the_total(sats) -> None:
    assert sats.frame.total == D("196.6")
    [over] = [f for f in sats.findings if f.code == "over_frame_total"]
    assert D(over.params["allocated"]) == D("215.2")
    assert [f for f in sats.findings if f.code == "hidden_columns"]
    assert not [f for f in sats.findings if f.code == "totals_row_mismatch"]
    assert sats.usable()


def test_build_script_reproduces_the_samples(tmp_path: Path, samples: Path) -> None:
    script = tmp_path / "samples" / "build_samples.py"
    script.parent.mkdir()
    shutil.copy(samples / "build_samples.py", script)
    shutil.copytree(samples.parent / "tests", tmp_path / "tests",
                    ignore=shutil.ignore_patterns("__pycache__", "*.xlsx"))
    subprocess.run([sys.executable, str(script)], check=True, capture_output=True, timeout=120)
    for name in ("uip2023.xlsx", "satspulje2017.xlsx"):
        built = load_portfolio(script.parent / name)
        shipped = load_portfolio(samples / name)
        assert [i.model_dump(exclude={"sources"}) for i in built.initiatives] == [
            i.model_dump(exclude={"sources"}) for i in shipped.initiatives]
