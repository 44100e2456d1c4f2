"""Findings of a synthetic portfolio before and after fitting every year to the frame: the few of a
generated portfolio and the thousands of "stated total differs" a fit adds — what the findings list
tests switch between."""

from __future__ import annotations

from planner.edits import apply, revert
from planner.findings import Finding
from planner.rebalance import fit_to_frame
from planner.synthetic import make_portfolio


def findings_around_a_fit(n: int) -> tuple[list[Finding], list[Finding], list[Finding]]:
    """(as generated, after the fit, after undoing the fit) for ``make_portfolio(n)``."""
    portfolio = make_portfolio(n)
    portfolio.revalidate()
    before = list(portfolio.findings)
    changes = fit_to_frame(portfolio)
    apply(portfolio, changes)
    portfolio.revalidate()
    after = list(portfolio.findings)
    revert(portfolio, changes)
    portfolio.revalidate()
    return before, after, list(portfolio.findings)
