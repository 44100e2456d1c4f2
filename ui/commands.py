"""Undo commands: one user gesture (an edit, an operation, a lock) is one QUndoCommand.

Figures change only through :mod:`planner.edits`: a command holds the ChangeSet an operation computed,
``redo`` applies it and ``undo`` reverts it, exactly (the very Decimal objects come back). After either,
the command reports to the document (``report_changes``), which revalidates and tells the views what
changed. Locks and the cost breakdown are not yearly amounts, so their commands hold before/after values
of their own and report without a ChangeSet.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Protocol

from PySide6.QtGui import QUndoCommand

from planner.edits import ChangeSet, apply, revert
from planner.model import CostCategory, Initiative, Portfolio
from planner.rebalance import describe


class EditTarget(Protocol):
    """What a command needs from the document: the portfolio and somewhere to report changes."""

    @property
    def portfolio(self) -> Portfolio: ...

    def report_changes(self, changes: ChangeSet | None = None) -> None: ...


class ChangeSetCommand(QUndoCommand):
    """Applies one ChangeSet (an edit, a re-balancing operation, a reset to baseline) as one undo step.

    Invariant: after ``redo`` the portfolio holds ``changes.news``, after ``undo`` ``changes.olds``;
    planner.edits checks every cell first, so a command never half-applies.
    """

    def __init__(self, target: EditTarget, changes: ChangeSet, text: str = "", lang: str = "da") -> None:
        super().__init__(text or describe(changes, lang))
        self.target = target
        self.changes = changes

    def redo(self) -> None:
        apply(self.target.portfolio, self.changes)
        self.target.report_changes(self.changes)

    def undo(self) -> None:
        revert(self.target.portfolio, self.changes)
        self.target.report_changes(self.changes)


class LockCommand(QUndoCommand):
    """Locks or unlocks a whole initiative (``year`` None) or one year of it."""

    def __init__(self, target: EditTarget, initiative_id: str, year: int | None, locked: bool,
                 text: str) -> None:
        super().__init__(text)
        self.target = target
        self.initiative_id = initiative_id
        self.year = year
        self.locked = locked
        ini = self._initiative()
        self.was_locked = ini.locked if year is None else year in ini.locked_years

    def _initiative(self) -> Initiative:
        ini = self.target.portfolio.get(self.initiative_id)
        if ini is None:
            raise KeyError(self.initiative_id)
        return ini

    def _set(self, locked: bool) -> None:
        ini = self._initiative()
        if self.year is None:
            ini.locked = locked
        elif locked:
            ini.locked_years = ini.locked_years | {self.year}
        else:
            ini.locked_years = ini.locked_years - {self.year}
        self.target.report_changes(None)

    def redo(self) -> None:
        self._set(self.locked)

    def undo(self) -> None:
        self._set(self.was_locked)


class CostEditCommand(QUndoCommand):
    """Sets one line of an initiative's cost breakdown (``new`` None = no value)."""

    def __init__(self, target: EditTarget, initiative_id: str, category: CostCategory,
                 new: Decimal | None, text: str) -> None:
        super().__init__(text)
        self.target = target
        self.initiative_id = initiative_id
        self.category = category
        self.new = new
        ini = target.portfolio.get(initiative_id)
        if ini is None:
            raise KeyError(initiative_id)
        self.old = ini.costs.get(category)

    def _set(self, value: Decimal | None) -> None:
        ini = self.target.portfolio.get(self.initiative_id)
        if ini is None:
            raise KeyError(self.initiative_id)
        if value is None:
            ini.costs.pop(self.category, None)
        else:
            ini.costs[self.category] = value
        self.target.report_changes(None)

    def redo(self) -> None:
        self._set(self.new)

    def undo(self) -> None:
        self._set(self.old)
