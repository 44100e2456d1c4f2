"""The findings list orders lines errors first (each severity in the order given), counts them in its title,
and keys every line by what it shows, also when the very Finding objects come back (undo/redo)."""

from __future__ import annotations

from planner.findings import Finding, Severity
from tests.fit_findings import findings_around_a_fit
from ui.findings_model import finding_key
from ui.findings_panel import FindingsPanel

_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def _finding(severity: Severity, n: int) -> Finding:
    return Finding(severity=severity, code="negative_amount", initiative_id=f"I{n}",
                   params={"id": f"I{n}", "amount": "-1", "field": "2026"})


def test_errors_first_in_given_order_and_counted(qtbot) -> None:
    panel = FindingsPanel("da")
    qtbot.addWidget(panel)
    mixed = [_finding(sev, n) for n, sev in enumerate(
        [Severity.WARNING, Severity.INFO, Severity.ERROR, Severity.WARNING, Severity.ERROR, Severity.INFO])]
    panel.set_findings(mixed)
    assert panel.findings() == sorted(mixed, key=lambda f: _RANK[f.severity])
    assert [panel.model.finding(r) for r in range(panel.count())] == panel.findings()
    assert "2 fejl" in panel.title.text() and "2 advarsler" in panel.title.text()
    panel.set_findings(mixed[:1])
    assert "0 fejl" in panel.title.text() and "1 advarsel" in panel.title.text()


def test_keys_follow_the_lines_through_undo_and_redo(qtbot) -> None:
    before, after, _ = findings_around_a_fit(120)
    panel = FindingsPanel("da")
    qtbot.addWidget(panel)
    copies = [Finding.model_validate(f.model_dump()) for f in after]  # equal findings, other objects
    for findings in (before, after, before, after, copies, before, [*after[:5], _finding(Severity.ERROR, 999)]):
        panel.set_findings(findings)
        shown = [panel.model.finding(r) for r in range(panel.count())]
        assert shown == sorted(findings, key=lambda f: _RANK[f.severity])
        assert [panel.model.key(r) for r in range(panel.count())] == list(map(finding_key, shown))
        assert [panel.item_text(r) for r in range(panel.count())] == [panel._line_text(f) for f in shown]
