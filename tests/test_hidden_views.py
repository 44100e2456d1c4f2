"""Charts on hidden tabs wait (ui.hidden_views): they are not laid out while nobody sees them, and show
exactly the current figures, filter-independent state and selection once their tab is shown."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planner.edits import edit_cell
from planner.synthetic import make_portfolio
from tests.ui_helpers import make_window
from ui.commands import ChangeSetCommand
from ui.hidden_views import PendingViews
from ui.main_window import MainWindow


class _Spy:
    """Counts the contract calls a view receives (wraps the view's own methods)."""

    def __init__(self, view: object, *names: str) -> None:
        self.calls: list[str] = []
        for name in names:
            original = getattr(view, name)

            def wrapped(*args: object, _name: str = name, _original=original) -> object:  # type: ignore[no-untyped-def]
                self.calls.append(_name)
                return _original(*args)

            setattr(view, name, wrapped)


@pytest.fixture
def window(qtbot) -> MainWindow:
    win = make_window(qtbot)
    win.resize(1400, 860)
    win.document.replace(make_portfolio(40, seed=3), "")
    for key in ("phases", "budget", "timeline"):  # every chart shown once: none has anything pending
        win.show_view(key)
    qtbot.wait(1)
    return win


def test_a_hidden_chart_is_not_laid_out_for_a_new_portfolio_until_its_tab_is_shown(window, qtbot) -> None:
    phases = window.built_views()["phases"]
    spy = _Spy(phases, "set_portfolio", "refresh")
    other = make_portfolio(25, seed=9)
    window.document.replace(other, "")
    qtbot.wait(1)
    assert spy.calls == [], "the phases tab is hidden: nothing to lay out yet"
    window.show_view("phases")
    assert spy.calls == ["set_portfolio"]
    assert phases.portfolio() is other
    window.show_view("timeline")
    window.show_view("phases")
    assert spy.calls == ["set_portfolio"], "nothing missed the second time"


def test_edits_made_while_a_chart_is_hidden_reach_it_as_one_refresh_of_those_initiatives(window, qtbot) -> None:
    budget = window.built_views()["budget"]
    spy = _Spy(budget, "set_portfolio", "refresh")
    document = window.document
    first, second = document.portfolio.initiatives[0], document.portfolio.initiatives[1]
    for ini, value in ((first, "7,5"), (second, "3,1")):
        changes = edit_cell(document.portfolio, ini.id, 2024, value)
        document.undo_stack.push(ChangeSetCommand(document, changes, "edit"))
    qtbot.wait(1)
    assert spy.calls == []
    window.show_view("budget")
    qtbot.wait(1)
    assert spy.calls == ["refresh"]
    drawn = budget.chart_totals()
    expected = document.portfolio.totals_by_year()
    assert drawn[2024] == pytest.approx(float(expected[2024]), abs=1e-9)
    assert first.amount(2024) == Decimal("7.5")


def test_a_selection_made_while_the_phases_chart_is_hidden_shows_when_it_is_shown(window, qtbot) -> None:
    target = window.document.portfolio.initiatives[5].id
    window.table_panel.select_initiative(target)
    window._table_selected(target)
    assert window.built_views()["phases"].selected_initiative() != target, "hidden: not told yet"
    window.show_view("phases")
    assert window.built_views()["phases"].selected_initiative() == target


def test_looking_a_chart_up_through_views_brings_it_up_to_date(window, qtbot) -> None:
    other = make_portfolio(12, seed=5)
    window.document.replace(other, "")
    assert window.built_views()["phases"].portfolio() is not other
    assert window.views["phases"].portfolio() is other
    assert window.current_view_key() == "timeline", "looking a chart up does not switch tabs"


def test_pending_views_keep_only_what_matters() -> None:
    class View:
        def __init__(self) -> None:
            self.calls: list[tuple[str, object]] = []

        def set_portfolio(self, p: object) -> None:
            self.calls.append(("set_portfolio", p))

        def refresh(self, ids: object = None) -> None:
            self.calls.append(("refresh", ids))

        def set_visible_ids(self, ids: object) -> None:
            self.calls.append(("set_visible_ids", ids))

        def select_initiative(self, i: object) -> None:
            self.calls.append(("select_initiative", i))

    pending = PendingViews()
    pending.refresh("a", {"x"})
    pending.refresh("a", {"y"})
    pending.select("a", "x")
    pending.select("a", None)
    pending.set_visible_ids("a", {"x"})
    view = View()
    pending.flush("a", view, "P")  # type: ignore[arg-type]
    assert view.calls == [("refresh", {"x", "y"}), ("set_visible_ids", {"x"}), ("select_initiative", None)]
    pending.refresh("a", {"x"})
    pending.refresh("a", None)
    pending.refresh("a", {"z"})
    view = View()
    pending.flush("a", view, "P")  # type: ignore[arg-type]
    assert view.calls == [("refresh", None)]
    pending.refresh("a", {"x"})
    pending.set_portfolio("a")
    pending.refresh("a", {"z"})
    view = View()
    pending.flush("a", view, "P")  # type: ignore[arg-type]
    assert view.calls == [("set_portfolio", "P")]
    view = View()
    pending.flush("a", view, "P")  # type: ignore[arg-type]
    assert view.calls == [], "flushed once"


def test_a_new_portfolio_reaches_the_shown_chart_on_the_next_turn_of_the_event_loop(window, qtbot) -> None:
    """The table shows a new workbook at once; the shown chart follows one event-loop turn later, so the
    window can repaint and react in between."""
    timeline = window.built_views()["timeline"]
    other = make_portfolio(30, seed=8)
    window.document.replace(other, "")
    assert window.table_panel.model.rowCount() == 30
    assert timeline.portfolio() is not other, "the chart waits for the next turn"
    qtbot.waitUntil(lambda: timeline.portfolio() is other, timeout=1000)
    assert timeline.bar_count() == 30


def test_looking_the_shown_chart_up_right_after_a_new_portfolio_gives_it_at_once(window) -> None:
    other = make_portfolio(30, seed=8)
    window.document.replace(other, "")
    assert window.current_view().portfolio() is other


def test_the_rebalancing_docks_take_a_new_portfolio_on_the_next_turn_or_when_asked(window, qtbot) -> None:
    install = window.rebalance  # built and up to date
    other = make_portfolio(30, seed=11)
    window.document.replace(other, "")
    waiting = sorted(install.charts.stack_data())
    assert waiting != sorted(i.id for i in other.initiatives), "the docks wait for the next turn"
    assert sorted(window.rebalance.charts.stack_data()) == sorted(i.id for i in other.initiatives), \
        "asking the window for them brings them up to date"
    third = make_portfolio(20, seed=12)
    window.document.replace(third, "")
    qtbot.waitUntil(lambda: sorted(install.charts.stack_data()) == sorted(i.id for i in third.initiatives),
                    timeout=1000)


def test_an_edit_right_after_a_new_portfolio_reaches_the_waiting_docks(window) -> None:
    install = window.rebalance
    other = make_portfolio(30, seed=13)
    window.document.replace(other, "")
    document = window.document
    ini = other.initiatives[0]
    document.undo_stack.push(ChangeSetCommand(document, edit_cell(other, ini.id, 2024, "9,9"), "edit"))
    assert install.charts.stack_data(), "the edit made the docks take the new portfolio first"
    assert sorted(install.charts.stack_data()) == sorted(i.id for i in other.initiatives)
    assert install.charts.stack_data()[ini.id][2024] == pytest.approx(9.9)
