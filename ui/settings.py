"""The app's settings: one typed list of keys, stored with QSettings in INI format.

Every key the app remembers is declared once in :data:`SETTINGS` with its type, default and meaning,
so nothing reads a string key scattered in the code. Tests point the store at a temporary folder with
``PLANNER_SETTINGS_DIR``; otherwise it lives in the user's config folder.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QLocale, QSettings, QStandardPaths

SETTINGS_FILE = "planner.ini"


@dataclass(frozen=True)
class Setting:
    """One remembered value: its key in the INI file, Python type, default and what it is for."""

    key: str
    type: type
    default: Any
    meaning: str


LANGUAGE = Setting("ui/language", str, "",
                   "UI language: 'da', 'en', or '' for PLANNER_LANG, else the system's (Danish on a Danish system).")
RECENT_FILES = Setting("files/recent", list, [], "Recently opened workbooks, newest first.")
RECENT_MAX = Setting("files/recent_max", int, 10, "How many recent files to keep.")
WINDOW_GEOMETRY = Setting("window/geometry", QByteArray, QByteArray(), "Main window size and position.")
WINDOW_STATE = Setting("window/state", QByteArray, QByteArray(), "Main window toolbars and docks.")
SPLITTER_MAIN = Setting("window/splitter_main", QByteArray, QByteArray(),
                        "Splitter state: heights of the chart area and the lower panels.")
SPLITTER_LOWER = Setting("window/splitter_lower", QByteArray, QByteArray(),
                         "Splitter state: widths of the table and the findings.")
LAST_VIEW = Setting("view/last", str, "", "The chart shown when the window closed (timeline/phases/budget).")
DEFAULT_VIEW = Setting("view/default", str, "timeline", "Chart shown on first start: timeline/phases/budget.")
AUTOSAVE_MINUTES = Setting("files/autosave_minutes", int, 1,
                           "Minutes between recovery snapshots while there are unsaved changes; 0 = off.")
SUMMARY_ON_SAVE = Setting("save/summary_sheet", bool, False,
                          "Write the summary sheet 'Oversigt' (totals and a native chart) on every save.")
CHANGE_LOG_ON_SAVE = Setting("save/change_log", bool, False,
                             "Append the changes since the last save to the sheet 'Ændringslog' on save.")

SETTINGS: tuple[Setting, ...] = (
    LANGUAGE, RECENT_FILES, RECENT_MAX, WINDOW_GEOMETRY, WINDOW_STATE, SPLITTER_MAIN, SPLITTER_LOWER,
    LAST_VIEW, DEFAULT_VIEW, AUTOSAVE_MINUTES, SUMMARY_ON_SAVE, CHANGE_LOG_ON_SAVE,
)


def settings_dir() -> Path:
    """PLANNER_SETTINGS_DIR when set (tests), else the platform's config folder for the app."""
    override = os.environ.get("PLANNER_SETTINGS_DIR")
    if override:
        return Path(override)
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppConfigLocation)
    return Path(base) if base else Path.home() / ".config" / "PortfolioPlanner"


def open_store() -> QSettings:
    """The INI-backed QSettings the app reads and writes (the folder is created on first write)."""
    folder = settings_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return QSettings(str(folder / SETTINGS_FILE), QSettings.Format.IniFormat)


def _coerce(setting: Setting, raw: Any) -> Any:
    """INI files keep no types: a one-item list comes back as str, numbers as text."""
    if raw is None:
        return setting.default
    try:
        if setting.type is list:
            if isinstance(raw, (list, tuple)):
                return list(raw)
            return [raw] if raw != "" else []
        if setting.type is bool:
            return raw if isinstance(raw, bool) else str(raw).strip().lower() in ("true", "1", "yes")
        if setting.type is int:
            return int(raw)
        if setting.type is str:
            return str(raw)
        if setting.type is QByteArray:
            return raw if isinstance(raw, QByteArray) else QByteArray(raw)
    except (TypeError, ValueError):
        return setting.default
    return raw


class Settings:
    """Typed access to :data:`SETTINGS`; reads and writes go straight to the INI file."""

    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store if store is not None else open_store()

    @property
    def path(self) -> str:
        return self._store.fileName()

    def get(self, setting: Setting) -> Any:
        if setting not in SETTINGS:
            raise KeyError(setting.key)
        default = setting.default
        if isinstance(default, list):
            default = list(default)
        return _coerce(setting, self._store.value(setting.key, default))

    def set(self, setting: Setting, value: Any) -> None:
        if setting not in SETTINGS:
            raise KeyError(setting.key)
        self._store.setValue(setting.key, value)

    def sync(self) -> None:
        self._store.sync()

    def language(self) -> str:
        """'da' or 'en': the setting, else PLANNER_LANG, else Danish on a Danish system and English elsewhere."""
        lang = self.get(LANGUAGE) or os.environ.get("PLANNER_LANG", "")
        if not lang:
            lang = "da" if QLocale.system().language() == QLocale.Language.Danish else "en"
        return "en" if lang.lower().startswith("en") else "da"
