"""Colours, patterns and font sizes shared by the charts.

The SUSI phase colours come from the Okabe-Ito palette (safe for the common colour-vision deficiencies)
and are chosen so their lightness falls step by step along the ladder: Screening is the lightest,
Udbredelse the darkest, so a grey-scale print still tells them apart. Each phase also has a hatch
pattern for prints where even the grey steps are lost.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from planner.phases import PHASES, Phase


@dataclass(frozen=True)
class PhaseStyle:
    """How one phase is drawn: fill, a pattern over the fill, the pattern's colour and the text colour."""

    fill: QColor
    pattern: Qt.BrushStyle
    pattern_color: QColor
    text: QColor


PHASE_STYLES: dict[Phase | None, PhaseStyle] = {
    Phase.SCREENING: PhaseStyle(QColor("#F0E442"), Qt.BrushStyle.NoBrush, QColor("#8a8230"), QColor("#1a1a1a")),
    Phase.MODNING: PhaseStyle(QColor("#E69F00"), Qt.BrushStyle.BDiagPattern, QColor(120, 80, 0, 110),
                              QColor("#1a1a1a")),
    Phase.AFPROEVNING: PhaseStyle(QColor("#009E73"), Qt.BrushStyle.FDiagPattern, QColor(0, 60, 40, 120),
                                  QColor("#ffffff")),
    Phase.UDBREDELSE: PhaseStyle(QColor("#0B4F8A"), Qt.BrushStyle.NoBrush, QColor(255, 255, 255, 90),
                                 QColor("#ffffff")),
    None: PhaseStyle(QColor("#B8B8B8"), Qt.BrushStyle.DiagCrossPattern, QColor(80, 80, 80, 110),
                     QColor("#1a1a1a")),
}

# Background tints of the area groups (alternating), and the neutral greys of the charts.
AREA_TINTS = (QColor("#E8EEF4"), QColor("#F1ECE4"), QColor("#E7F0EA"), QColor("#EFE8F0"))
HEADER_TEXT = QColor("#1d2a36")
ROW_STRIPE = QColor(0, 0, 0, 10)
GRID = QColor("#aab1b9")
GRID_MINOR = QColor("#e6e9ec")
TEXT = QColor("#202428")
MUTED_TEXT = QColor("#5b6570")
BACKGROUND = QColor("#ffffff")
SELECTION = QColor("#D55E00")  # Okabe-Ito vermillion: stands out against every phase colour
TODAY = QColor("#CC3311")
STATUS_DATE = QColor("#6F3FA0")
FRAME_LINE = QColor("#222222")
OVER_FRAME = QColor("#C0182A")


def phase_style(phase: Phase | None) -> PhaseStyle:
    return PHASE_STYLES.get(phase, PHASE_STYLES[None])


def phase_label(phase: Phase | None) -> str:
    """The phase's Danish name, translatable; 'Uden fase' for an unknown phase."""
    if phase is None:
        return QCoreApplication.translate("Palette", "Uden fase")
    return QCoreApplication.translate("Palette", phase.label_da)


def pattern_brush(style: PhaseStyle) -> QBrush | None:
    """The hatch laid over a phase's fill, or None for a plain fill."""
    if style.pattern == Qt.BrushStyle.NoBrush:
        return None
    return QBrush(style.pattern_color, style.pattern)


def faded(color: QColor, alpha: int = 90) -> QColor:
    """The same colour, see-through: used for the possible next phase."""
    c = QColor(color)
    c.setAlpha(alpha)
    return c


def area_tint(index: int) -> QColor:
    return AREA_TINTS[index % len(AREA_TINTS)]


@dataclass(frozen=True)
class FontSizes:
    """Point sizes of the chart texts; presentation mode uses larger ones for a meeting-room screen."""

    label: float
    header: float
    axis: float
    title: float
    legend: float
    value: float


FONT_SIZES = {
    False: FontSizes(label=10, header=11, axis=10, title=15, legend=10, value=9),
    True: FontSizes(label=15, header=16, axis=15, title=22, legend=15, value=13),
}


def font_sizes(presentation: bool = False) -> FontSizes:
    return FONT_SIZES[bool(presentation)]


def chart_font(size: float, *, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSizeF(size)
    font.setBold(bold)
    return font


__all__ = [
    "PHASES", "PHASE_STYLES", "PhaseStyle", "phase_style", "phase_label", "faded", "area_tint", "font_sizes",
    "chart_font", "FontSizes",
]
