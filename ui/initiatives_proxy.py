"""Filtering and sorting of the initiatives table: text search, area, phase; numbers sort as numbers."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel

from planner.model import Initiative, area_label
from planner.phases import Phase, fold
from ui.initiatives_model import InitiativesModel

_Index = QModelIndex | QPersistentModelIndex

NO_PHASE = "ukendt"


def _order(value: Any) -> tuple[int, Any]:
    """Blanks last; numbers by value; text case- and accent-insensitively."""
    if value is None or value == "":
        return (2, 0)
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return (0, value)
    if isinstance(value, tuple):
        return (0, value)
    return (1, fold(str(value)))


def _search_text(ini: Initiative) -> str:
    """What the search box matches: the texts of an initiative, its phase and area named in both languages."""
    phase = (ini.phase.label_da, ini.phase.label_en) if ini.phase else ()
    areas = (area_label(ini.area, "da"), area_label(ini.area, "en")) if ini.area else ()
    return fold(" ".join((ini.id, ini.name, ini.area, ini.theme, ini.recipients, ini.phase_text, *phase, *areas)))


class InitiativesProxy(QSortFilterProxyModel):
    """Rows of :class:`InitiativesModel` matching the search text, area and phase.

    ``area`` None = all areas; ``phase`` None = all phases, ``NO_PHASE`` = initiatives without one.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._area: str | None = None
        self._phase: Phase | str | None = None

    def source(self) -> InitiativesModel:
        model = self.sourceModel()
        assert isinstance(model, InitiativesModel)
        return model

    # -- filters ------------------------------------------------------------------------------------
    def set_text(self, text: str) -> None:
        key = fold(text)
        if key != self._text:
            self.beginFilterChange()
            self._text = key
            self.endFilterChange()

    def set_area(self, area: str | None) -> None:
        if area != self._area:
            self.beginFilterChange()
            self._area = area or None
            self.endFilterChange()

    def set_phase(self, phase: Phase | str | None) -> None:
        if phase != self._phase:
            self.beginFilterChange()
            self._phase = phase or None
            self.endFilterChange()

    def is_filtered(self) -> bool:
        return bool(self._text) or self._area is not None or self._phase is not None

    def visible_ids(self) -> set[str] | None:
        """The ids of the rows shown, or None when no filter is set (all shown)."""
        if not self.is_filtered():
            return None
        model = self.source()
        ids = set()
        for row in range(self.rowCount()):
            ini = model.initiative(self.mapToSource(self.index(row, 0)).row())
            if ini is not None:
                ids.add(ini.id)
        return ids

    def proxy_row_of(self, initiative_id: str) -> int:
        """The visible row of an initiative, or -1 when it is filtered out or unknown."""
        source_row = self.source().row_of(initiative_id)
        if source_row < 0:
            return -1
        return self.mapFromSource(self.source().index(source_row, 0)).row()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        ini = self.source().initiative(source_row)
        if ini is None:
            return False
        if self._area is not None and ini.area != self._area:
            return False
        if self._phase is not None:
            if self._phase == NO_PHASE:
                if ini.phase is not None:
                    return False
            elif ini.phase != self._phase:
                return False
        if self._text:
            haystack = _search_text(ini)
            return all(word in haystack for word in self._text.split())
        return True

    def lessThan(self, left: _Index, right: _Index) -> bool:
        model = self.source()
        a = _order(model.sort_key(left.row(), left.column()))
        b = _order(model.sort_key(right.row(), right.column()))
        if a[0] != b[0]:
            return a[0] < b[0]
        try:
            return bool(a[1] < b[1])
        except TypeError:
            return str(a[1]) < str(b[1])
