"""Pictures of the charts: PNG/SVG/PDF of the asked size for each view, in-process and via ``planner render``."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from chart_fixtures import SAMPLE, coded_sample, sample_portfolio
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from planner.cli import main as planner_main
from planner.synthetic import make_portfolio, write_portfolio_workbook
from ui.render import export_widget, render_view
from ui.timeline_view import TimelineView

ROOT = Path(__file__).resolve().parent.parent
VIEWS = ("timeline", "phases", "budget")


def _pdf_pages(path: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", path.read_bytes()))


def _svg_size(path: Path) -> tuple[str, str, str]:
    root = ET.parse(path).getroot()
    return root.get("width", ""), root.get("height", ""), root.get("viewBox", "")


def _workbook(tmp_path: Path) -> Path:
    """The sample when it is there, else the same initiatives written as a workbook."""
    if SAMPLE.exists():
        return SAMPLE
    return write_portfolio_workbook(coded_sample(), tmp_path / "uip2023.xlsx")


@pytest.mark.parametrize("view", VIEWS)
def test_png_has_exactly_the_asked_size(view: str, tmp_path: Path, qapp: object) -> None:
    out = render_view(sample_portfolio(), view, tmp_path / f"{view}.png", width=1280, height=720)
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 720)
    colours = {image.pixel(x, y) for x in range(0, 1280, 37) for y in range(0, 720, 23)}
    assert len(colours) > 5, "the picture has content, not one flat colour"


@pytest.mark.parametrize("view", VIEWS)
def test_svg_is_vector_with_the_asked_size(view: str, tmp_path: Path, qapp: object) -> None:
    portfolio = sample_portfolio()
    out = render_view(portfolio, view, tmp_path / f"{view}.svg", width=1500, height=800)
    assert _svg_size(out) == ("1500", "800", "0 0 1500 800")
    text = out.read_text(encoding="utf-8")
    assert "<image" not in text, "no bitmap inside the SVG"
    assert "<text" in text and portfolio.name in text


@pytest.mark.parametrize("view", VIEWS)
def test_pdf_has_pages(view: str, tmp_path: Path, qapp: object) -> None:
    out = render_view(sample_portfolio(), view, tmp_path / f"{view}.pdf")
    assert out.read_bytes().startswith(b"%PDF")
    assert _pdf_pages(out) == 1


def test_long_timeline_is_split_over_pdf_pages(tmp_path: Path, qapp: object) -> None:
    portfolio = make_portfolio(120)
    out = render_view(portfolio, "timeline", tmp_path / "long.pdf")
    rows = len(portfolio.initiatives) + len({i.area for i in portfolio.initiatives})
    assert _pdf_pages(out) == -(-rows // 40)


@pytest.mark.parametrize(("lang", "words"), [
    ("da", ["– Tidslinje", "Prisniveau 2023-PL", "Screening", "Modning", "Afprøvning", "Udbredelse", "I dag"]),
    ("en", ["– Timeline", "Price level 2023-PL", "Screening", "Maturing", "Testing", "Dissemination", "Today"]),
])
def test_title_and_legend_are_in_the_picture(tmp_path: Path, qapp: object, lang: str, words: list[str]) -> None:
    portfolio = sample_portfolio()
    out = render_view(portfolio, "timeline", tmp_path / "t.svg", lang=lang)
    text = out.read_text(encoding="utf-8")
    assert f"{portfolio.name} –" in text
    for word in words:
        assert word in text, word


def test_unknown_suffix_and_view_are_refused(tmp_path: Path, qapp: object) -> None:
    with pytest.raises(ValueError, match=".png, .svg or .pdf"):
        render_view(sample_portfolio(), "timeline", tmp_path / "x.gif")
    with pytest.raises(ValueError, match="unknown view"):
        render_view(sample_portfolio(), "pie", tmp_path / "x.png")


def test_export_widget_writes_the_widget_as_shown(qtbot: QtBot, tmp_path: Path) -> None:
    view = TimelineView(sample_portfolio())
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.show()
    qtbot.waitExposed(view)
    png = export_widget(view, tmp_path / "w.png", auto_title=False)
    image = QImage(str(png))
    assert (image.width(), image.height()) == (900, 500)
    titled = QImage(str(export_widget(view, tmp_path / "t.png", title="UIP 2023", subtitle="Status")))
    assert titled.width() == 900 and titled.height() > 500
    svg = export_widget(view, tmp_path / "auto.svg")
    assert f"{view.portfolio().name} – Tidslinje" in svg.read_text(encoding="utf-8")
    pdf = export_widget(view, tmp_path / "w.pdf")
    assert _pdf_pages(pdf) >= 1
    assert view.size().width() == 900 and view.size().height() == 500


def test_planner_render_in_process(tmp_path: Path, qapp: object, capsys: pytest.CaptureFixture[str]) -> None:
    book = _workbook(tmp_path)
    out = tmp_path / "budget.png"
    assert planner_main(["render", str(book), "--view", "budget", "-o", str(out), "--width", "1000",
                         "--height", "600"]) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1000, 600)
    assert str(out) in capsys.readouterr().out
    assert planner_main(["render", str(book), "-o", str(tmp_path / "x.gif")]) == 2
    assert ".png, .svg or .pdf" in capsys.readouterr().err


def test_planner_render_as_a_subprocess_without_display(tmp_path: Path) -> None:
    book = _workbook(tmp_path)
    out = tmp_path / "timeline.svg"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    env["PLANNER_LANG"] = "da"
    done = subprocess.run([sys.executable, "-m", "planner", "render", str(book), "--view", "timeline", "-o",
                           str(out), "--width", "1200", "--height", "700", "--status-date", "2025-10-01"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert _svg_size(out) == ("1200", "700", "0 0 1200 700")
    assert "Status 1. oktober 2025" in out.read_text(encoding="utf-8")
    bad = subprocess.run([sys.executable, "-m", "planner", "render", str(tmp_path / "missing.xlsx"), "-o",
                          str(tmp_path / "x.png")], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=120)
    assert bad.returncode == 1 and "Traceback" not in bad.stderr and bad.stderr.count("\n") == 1
