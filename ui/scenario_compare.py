"""Compare two sets of figures side by side: a table of the cells that differ and yearly totals as bars.

Either side is a saved scenario, the baseline (figures as loaded) or the current figures. The table is
a model over ``planner.scenarios.compare`` (tens of thousands of rows stay cheap); the chart's two bar
items are made once and updated when another pair is chosen.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.amounts import ZERO, format_amount
from planner.model import Portfolio
from planner.scenarios import Difference, Scenario, compare
from ui import palette
from ui.budget_chart import AmountAxis, YearTicksAxis
from ui.rebalance_plots import LabelPool, SwatchLegend, make_plot

A_COLOR, B_COLOR = QColor("#7f8c99"), QColor("#0B4F8A")
Figures = Scenario | Portfolio


def tr(text: str) -> str:
    return QCoreApplication.translate("ScenarioCompare", text)


def year_totals(figures: Figures) -> dict[int, Decimal]:
    if isinstance(figures, Portfolio):
        return figures.totals_by_year()
    out: dict[int, Decimal] = {}
    for years in figures.amounts.values():
        for y, a in years.items():
            out[y] = out.get(y, ZERO) + a
    return out


class DifferencesModel(QAbstractTableModel):
    """Rows = cells that differ: id, name, year, A, B, Δ (amounts the Danish way, right-aligned)."""

    HEADERS = ("Id", "Navn", "År", "A", "B", "Δ")

    def __init__(self, names: dict[str, str] | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Difference] = []
        self._names = names or {}
        self._headers = list(self.HEADERS)

    def set_rows(self, rows: list[Difference], a_label: str, b_label: str) -> None:
        self.beginResetModel()
        self._rows = rows
        self._headers = ["Id", tr("Navn"), tr("År"), a_label, b_label, "Δ"]
        self.endResetModel()

    def rows(self) -> list[Difference]:
        return list(self._rows)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        d = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return d.initiative_id
            if col == 1:
                return self._names.get(d.initiative_id, "")
            if col == 2:
                return str(d.year)
            value = (d.a, d.b, d.delta)[col - 3]
            text = format_amount(value)
            return f"+{text}" if col == 5 and value > 0 else text
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col == 5:
            return palette.OVER_FRAME if d.delta > 0 else QColor("#1a7f37")
        if role == Qt.ItemDataRole.ToolTipRole and col == 1:
            return self._names.get(d.initiative_id, "")
        return None


class ScenarioCompareDialog(QDialog):
    """Two choosers (A, B), a summary line, the differences table and the yearly totals of both."""

    def __init__(self, portfolio: Portfolio, scenarios: list[Scenario], baseline: Scenario | None = None,
                 a: str | None = None, b: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Sammenlign scenarier"))
        self._choices: list[tuple[str, Figures]] = [(tr("Nuværende tal"), portfolio)]
        if baseline is not None:
            self._choices.append((tr("Basis (som indlæst)"), baseline))
        self._choices += [(sc.name, sc) for sc in scenarios]
        self.a_box, self.b_box = QComboBox(), QComboBox()
        for box in (self.a_box, self.b_box):
            for label, _ in self._choices:
                box.addItem(label)
        names = [label for label, _ in self._choices]
        self.a_box.setCurrentIndex(names.index(a) if a in names else 0)
        self.b_box.setCurrentIndex(names.index(b) if b in names else 0)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.model = DifferencesModel({i.id: i.name for i in portfolio.initiatives}, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

        self.legend = SwatchLegend()
        self._years_axis = YearTicksAxis()
        self.plot = make_plot(AmountAxis("left"), self._years_axis)
        self.plot.showGrid(x=False, y=True, alpha=0.25)
        self.bars_a = pg.BarGraphItem(x=np.zeros(0), height=np.zeros(0), width=0.36, brush=pg.mkBrush(A_COLOR),
                                      pen=pg.mkPen(A_COLOR.darker(150)))
        self.bars_b = pg.BarGraphItem(x=np.zeros(0), height=np.zeros(0), width=0.36, brush=pg.mkBrush(B_COLOR),
                                      pen=pg.mkPen(B_COLOR.darker(150)))
        self.plot.addItem(self.bars_a)
        self.plot.addItem(self.bars_b)
        self.deltas = LabelPool(self.plot, (0.5, 1.0))
        chart = QWidget()
        chart_layout = QVBoxLayout(chart)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        chart_layout.addWidget(self.legend)
        chart_layout.addWidget(self.plot, 1)

        choose = QHBoxLayout()
        choose.addWidget(QLabel("A:"))
        choose.addWidget(self.a_box, 1)
        choose.addSpacing(16)
        choose.addWidget(QLabel("B:"))
        choose.addWidget(self.b_box, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(chart)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        split.setSizes([580, 400])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(choose)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        layout.addWidget(buttons)
        self.resize(1000, 560)
        self.a_box.currentIndexChanged.connect(self.update_comparison)
        self.b_box.currentIndexChanged.connect(self.update_comparison)
        self.update_comparison()

    def choose(self, a: str, b: str) -> None:
        names = [label for label, _ in self._choices]
        self.a_box.setCurrentIndex(names.index(a))
        self.b_box.setCurrentIndex(names.index(b))

    def differences(self) -> list[Difference]:
        return self.model.rows()

    def year_totals_shown(self) -> dict[str, dict[int, float]]:
        """'a'/'b' → year → the bar height drawn."""
        out = {}
        for key, bars in (("a", self.bars_a), ("b", self.bars_b)):
            out[key] = {int(x + (0.19 if key == "a" else -0.19) + 0.5): float(h)
                        for x, h in zip(bars.opts["x"], bars.opts["height"])}
        return out

    def update_comparison(self) -> None:
        (a_label, a), (b_label, b) = self._choices[self.a_box.currentIndex()], self._choices[self.b_box.currentIndex()]
        diffs = compare(a, b)
        self.model.set_rows(diffs, f"A: {a_label}", f"B: {b_label}")
        ta, tb = year_totals(a), year_totals(b)
        total_a, total_b = sum(ta.values(), ZERO), sum(tb.values(), ZERO)
        ids = len({d.initiative_id for d in diffs})
        if diffs:
            text = tr("{cells} beløb i {ids} initiativer er forskellige. I alt A {a} · B {b} · Δ {d} mio. kr.")
        else:
            text = tr("Ingen forskelle. I alt A {a} · B {b} mio. kr.")
        delta = total_b - total_a
        self.summary.setText(text.format(cells=len(diffs), ids=ids, a=format_amount(total_a),
                                         b=format_amount(total_b),
                                         d=("+" if delta > 0 else "") + format_amount(delta)))
        years = sorted(ta.keys() | tb.keys())
        xs = np.array(years, dtype=float)
        ha = np.array([float(ta.get(y, ZERO)) for y in years])
        hb = np.array([float(tb.get(y, ZERO)) for y in years])
        self.bars_a.setOpts(x=xs - 0.19, height=ha)
        self.bars_b.setOpts(x=xs + 0.19, height=hb)
        self._years_axis.set_years(years)
        top = max(list(ha) + list(hb) + [1.0]) * 1.25
        if years:
            self.plot.getPlotItem().getViewBox().setRange(xRange=(years[0] - 0.6, years[-1] + 0.6),
                                                          yRange=(0, top), padding=0)
        rows = []
        font = palette.chart_font(palette.font_sizes().value, bold=True)
        for y, va, vb in zip(years, ha, hb):
            d = tb.get(y, ZERO) - ta.get(y, ZERO)
            if d:
                rows.append((float(y), float(max(va, vb)), ("+" if d > 0 else "") + format_amount(d),
                             palette.OVER_FRAME if d > 0 else QColor("#1a7f37")))
        self.deltas.show(rows, font)
        self.legend.set_entries([("color", f"A: {a_label}", A_COLOR), ("color", f"B: {b_label}", B_COLOR),
                                 ("text", tr("Δ = B − A, mio. kr."), None)])
