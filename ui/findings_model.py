"""The findings list's model: one row per finding, texts made only for the rows a view asks about.

A change touching every initiative can bring thousands of new findings (every fitted initiative's stated
total no longer matches). Items per line (QListWidget) made every line's message, tooltip, icon and
colour up front; this model makes a line's text when the view first lays it out and keeps it by the
finding's key, so an undo/redo shows the same lines again without formatting them anew.

:meth:`FindingsModel.set_findings` patches the rows in place: findings equal to shown ones (same key)
keep their rows, and only the differences are removed or inserted, in runs, so the selection and the
scroll position stay where they are. When the two lists have little in common it resets instead.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Hashable
from itertools import count
from typing import Any

import numpy as np
from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QIcon

from planner.findings import Finding, Severity

FINDING_ROLE = Qt.ItemDataRole.UserRole + 10
COLOURS = {Severity.ERROR: QColor("#b3261e"), Severity.WARNING: QColor("#8a5a00"), Severity.INFO: QColor("#44546a")}
# Beyond this many separate runs of removed/inserted rows one reset is cheaper than the row signals.
MAX_RUNS = 200

_DISPLAY = Qt.ItemDataRole.DisplayRole
_DECORATION = Qt.ItemDataRole.DecorationRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_INVALID = QModelIndex()

Key = tuple[Hashable, ...]


def finding_key(finding: Finding) -> Key:
    """What a line shows depends on exactly this: severity, code, initiative, cell and parameters."""
    where = finding.where
    return (finding.severity, finding.code, finding.initiative_id,
            None if where is None else (where.sheet, where.row, where.column), tuple(finding.params.items()))


class FindingsModel(QAbstractListModel):
    """Rows = ``findings()`` in order; texts come from ``text_of``/``tooltip_of`` and are cached by key.

    Invariants: ``_keys[i] == finding_key(_findings[i])``; the caches hold only texts for keys that were
    shown (pruned to the lines shown now and just before when they grow past a few times those).
    """

    def __init__(self, text_of: Callable[[Finding], str], tooltip_of: Callable[[Finding], str | None],
                 icon_of: Callable[[Severity], QIcon], parent: Any = None) -> None:
        super().__init__(parent)
        self._text_of, self._tooltip_of, self._icon_of = text_of, tooltip_of, icon_of
        self._findings: list[Finding] = []
        self._keys: list[Key] = []
        self._texts: dict[Key, str] = {}
        self._tips: dict[Key, str | None] = {}
        # id(finding) → (that finding, its key) for the findings shown now and just before: an undo/redo
        # brings the very Finding objects back (planner.validate.checkpoint), so their keys are not made anew.
        self._key_memo: dict[int, tuple[Finding, Key]] = {}
        self._brushes = {sev: QBrush(colour) for sev, colour in COLOURS.items()}

    # -- reading -------------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _INVALID) -> int:  # noqa: N802 - Qt
        return 0 if parent.isValid() else len(self._findings)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> Any:
        row = index.row()
        if not 0 <= row < len(self._findings):
            return None
        if role == _DISPLAY:
            return self.text(row)
        if role == _DECORATION:
            return self._icon_of(self._findings[row].severity)
        if role == _FOREGROUND:
            return self._brushes.get(self._findings[row].severity)
        if role == _TOOLTIP:
            key = self._keys[row]
            tip = self._tips.get(key, self)
            if tip is self:
                tip = self._tips[key] = self._tooltip_of(self._findings[row])
            return tip
        if role == FINDING_ROLE:
            return self._findings[row]
        return None

    def text(self, row: int) -> str:
        key = self._keys[row]
        text = self._texts.get(key)
        if text is None:
            text = self._texts[key] = self._text_of(self._findings[row])
        return text

    def finding(self, row: int) -> Finding | None:
        return self._findings[row] if 0 <= row < len(self._findings) else None

    def findings(self) -> list[Finding]:
        return list(self._findings)

    def key(self, row: int) -> Key | None:
        return self._keys[row] if 0 <= row < len(self._keys) else None

    def row_of_key(self, key: Key) -> int:
        try:
            return self._keys.index(key)
        except ValueError:
            return -1

    # -- changing ------------------------------------------------------------------------------------
    def set_findings(self, findings: list[Finding]) -> str:
        """Show ``findings`` (already in display order). Returns '' when every line stays as it was,
        'patched' when lines were only removed and inserted (the view keeps its selection), 'reset'.

        Kept lines get the new Finding objects (FINDING_ROLE) without a signal: they look the same."""
        keys = self._keys_of(findings)
        old = list(self._keys)
        if keys == old:
            self._findings = list(findings)
            return ""
        runs = self._runs(old, keys)
        if runs is None or len(runs) > MAX_RUNS:
            self.beginResetModel()
            self._findings, self._keys = list(findings), keys
            self.endResetModel()
            outcome = "reset"
        else:
            self._apply_runs(runs, findings, keys)
            outcome = "patched"
        self._prune(old)
        return outcome

    def _keys_of(self, findings: list[Finding]) -> list[Key]:
        """The findings' keys, those of findings shown now or just before taken from the memo."""
        memo = self._key_memo
        hits = list(map(memo.get, map(id, findings)))
        keys = [finding_key(f) if hit is None or hit[0] is not f else hit[1] for hit, f in zip(hits, findings)]
        shown = dict(zip(map(id, self._findings), zip(self._findings, self._keys)))
        shown.update(zip(map(id, findings), zip(findings, keys)))
        self._key_memo = shown
        return keys

    @staticmethod
    def _runs(old_keys: list[Key], new_keys: list[Key]) -> list[tuple[int, int, int]] | None:
        """Row operations turning ``old_keys`` into ``new_keys``: (row, rows removed there, rows inserted
        there), in order, ``row`` counted in the new list; None when the kept lines changed their order, a
        key repeats, or nothing is kept.

        Each key is hashed once, into an int: an old key its position, a new key not shown before
        ``len(old_keys)`` + its position. The kept lines are then the new ints below ``len(old_keys)``,
        and the runs are the gaps between consecutive kept lines, found in whole-array steps (≈ 7,000
        lines after a fit at 10,000)."""
        codes: dict[Key, int] = {}
        n_old, n_new = len(old_keys), len(new_keys)
        deque(map(codes.setdefault, old_keys, count()), maxlen=0)
        if len(codes) != n_old:
            return None
        new = np.fromiter(map(codes.setdefault, new_keys, count(n_old)), dtype=np.int64, count=n_new)
        kept_new = np.flatnonzero(new < n_old)  # positions in the new list of the kept lines
        kept_old = new[kept_new]  # their positions in the old list
        if not len(kept_old) or (len(kept_old) > 1 and not bool(np.all(np.diff(kept_old) > 0))):
            return None
        added = np.flatnonzero(new >= n_old)
        if not np.array_equal(new[added], added + n_old):  # a new key repeats
            return None
        old_at = np.concatenate(([-1], kept_old, [n_old]))
        new_at = np.concatenate(([-1], kept_new, [n_new]))
        removed, inserted = np.diff(old_at) - 1, np.diff(new_at) - 1
        gaps = np.flatnonzero((removed > 0) | (inserted > 0))
        return list(zip((new_at[gaps] + 1).tolist(), removed[gaps].tolist(), inserted[gaps].tolist()))

    def _apply_runs(self, runs: list[tuple[int, int, int]], findings: list[Finding], keys: list[Key]) -> None:
        rows, row_keys = self._findings, self._keys
        for row, removed, inserted in runs:
            if removed:
                self.beginRemoveRows(_INVALID, row, row + removed - 1)
                del rows[row:row + removed]
                del row_keys[row:row + removed]
                self.endRemoveRows()
            if inserted:
                self.beginInsertRows(_INVALID, row, row + inserted - 1)
                rows[row:row] = findings[row:row + inserted]
                row_keys[row:row] = keys[row:row + inserted]
                self.endInsertRows()
        self._findings, self._keys = list(findings), keys

    def _prune(self, previous: list[Key]) -> None:
        """Forget texts of lines neither shown now nor just before (undo/redo toggles between the two)."""
        if len(self._texts) + len(self._tips) > 4 * (len(self._keys) + len(previous)) + 2000:
            keep = {*self._keys, *previous}
            self._texts = {k: v for k, v in self._texts.items() if k in keep}
            self._tips = {k: v for k, v in self._tips.items() if k in keep}
