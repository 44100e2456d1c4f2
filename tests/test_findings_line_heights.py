"""The findings list measures a line from what it shares with the other lines of its severity and keeps the
height by line: every line still gets the height measured from its own full style option, at any width,
and after the lines change and come back (undo/redo of a change to every initiative)."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

from planner.findings import Finding, Severity
from tests.fit_findings import findings_around_a_fit
from ui.findings_panel import FindingsPanel


def _full_measure(panel: FindingsPanel, row: int) -> QSize:
    """The height of a line measured the long way: its own style option, text rectangle and margins."""
    view = panel.tree
    delegate = view.itemDelegate()
    index = panel.model.index(row, 0)
    opt = QStyleOptionViewItem()
    opt.initFrom(view)
    opt.font = view.font()
    opt.fontMetrics = view.fontMetrics()
    opt.decorationSize = view.iconSize()
    opt.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
    delegate.initStyleOption(opt, index)
    opt.rect = QRect(0, 0, view.viewport().width() - 2 * view.spacing(), 10_000)
    style = view.style()
    text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, view)
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    bounds = opt.fontMetrics.boundingRect(QRect(0, 0, max(1, text_rect.width() - 2 * margin), 10_000),
                                          int(Qt.TextFlag.TextWordWrap), opt.text)
    return QSize(opt.rect.width(), max(bounds.height(), opt.decorationSize.height()) + 2 * margin)


def _check_all(panel: FindingsPanel) -> set[int]:
    delegate = panel.tree.itemDelegate()
    heights = set()
    for row in range(panel.model.rowCount()):
        opt = QStyleOptionViewItem()
        panel.tree.initViewItemOption(opt)
        got = delegate.sizeHint(opt, panel.model.index(row, 0))
        assert got == _full_measure(panel, row), panel.model.text(row)
        heights.add(got.height())
    return heights


def test_every_line_gets_its_own_measure(qtbot) -> None:
    before, after, _ = findings_around_a_fit(150)
    long_line = Finding(severity=Severity.ERROR, code="negative_amount", initiative_id="X-1",
                        params={"id": "X-1 " + "meget langt navn " * 12, "amount": "-1", "field": "2027"})
    panel = FindingsPanel("da")
    qtbot.addWidget(panel)
    panel.resize(420, 300)
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.wait(10)
    for findings in (before + [long_line], after, before + [long_line]):
        panel.set_findings(findings)
        heights = _check_all(panel)
        if long_line in findings:
            assert len(heights) >= 3  # lines of one, two and several text lines
    panel.resize(260, 300)
    qtbot.wait(10)
    _check_all(panel)
    panel.set_findings(after)
    _check_all(panel)
