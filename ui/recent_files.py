"""Recently opened workbooks, newest first, kept in the settings."""

from __future__ import annotations

import os
from pathlib import Path

from ui.settings import RECENT_FILES, RECENT_MAX, Settings


class RecentFiles:
    """An ordered list without duplicates (by absolute path), capped at ``RECENT_MAX``."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    def paths(self, *, existing_only: bool = False) -> list[str]:
        items = [str(p) for p in self._settings.get(RECENT_FILES) if p]
        if existing_only:
            items = [p for p in items if os.path.exists(p)]
        return items

    def add(self, path: str | os.PathLike[str]) -> None:
        full = str(Path(path).resolve())
        items = [p for p in self.paths() if p != full]
        items.insert(0, full)
        self._settings.set(RECENT_FILES, items[: max(1, int(self._settings.get(RECENT_MAX)))])
        # No sync() here: Qt writes the file on a later turn of the event loop (and at exit). add() runs in
        # the same turn as a workbook being shown, where the write was ≈ 20 ms of a 10,000-row open.

    def remove(self, path: str) -> None:
        self._settings.set(RECENT_FILES, [p for p in self.paths() if p != path])
        self._settings.sync()

    def clear(self) -> None:
        self._settings.set(RECENT_FILES, [])
        self._settings.sync()
