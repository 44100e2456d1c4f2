"""The checks before a save goes over a file, and what a save adds for colleagues.

Before writing over the document's own file: is it open in Excel or LibreOffice (their lock file says
who), and did it change on disk since it was loaded or last saved (a colleague saved, a sync folder
replaced it)? The user then chooses: overwrite, save as a new file, reload and compare (the compare
dialog against the version on disk), or cancel. Overwrite is only offered when the file on disk still
has the rows we read (:func:`planner.file_state.same_layout`); otherwise values would land in the wrong
cells.

What a save adds: the change log "Ændringslog" (the changes since the last save with an optional
reason the user types) and the summary sheet "Oversigt" with a native chart, each switched on or off
in the File menu (remembered in the settings).

Every question is a plain method (``ask_conflict``, ``ask_locked``, ``ask_reason``) so tests answer it.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox

from planner.change_log import change_log_sheets, figures
from planner.errors import WorkbookError
from planner.file_state import DiskState, adopt_disk_version, disk_state, same_layout
from planner.office_locks import LockInfo, find_office_lock
from ui.settings import CHANGE_LOG_ON_SAVE, SUMMARY_ON_SAVE

if TYPE_CHECKING:
    from ui.compare_dialog import CompareDialog
    from ui.main_window import MainWindow


class ConflictChoice(Enum):
    OVERWRITE = "overwrite"
    SAVE_AS = "save_as"
    RELOAD_COMPARE = "reload_compare"
    CANCEL = "cancel"


class LockChoice(Enum):
    SAVE_AS = "save_as"
    CANCEL = "cancel"


class Verdict(Enum):
    SAVE = "save"
    SAVE_AS = "save_as"
    CANCEL = "cancel"


class SaveGuard(QObject):
    """Owns the save checks and the two "add on save" switches of the File menu.

    Invariant: ``logged`` holds the figures the change log has recorded up to (the baseline after a
    load, the saved figures after a save), so each save logs only what changed since the last one.
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._win = window
        settings = window.settings
        self.summary_action = QAction(self.tr("Tilføj &oversigtsark ved gem"), window)
        self.summary_action.setCheckable(True)
        self.summary_action.setChecked(bool(settings.get(SUMMARY_ON_SAVE)))
        self.summary_action.setStatusTip(self.tr("Skriv arket 'Oversigt' med totaler og et diagram, "
                                                 "som kolleger kan se i Excel"))
        self.summary_action.toggled.connect(lambda on: settings.set(SUMMARY_ON_SAVE, on))
        self.change_log_action = QAction(self.tr("&Før ændringslog ved gem"), window)
        self.change_log_action.setCheckable(True)
        self.change_log_action.setChecked(bool(settings.get(CHANGE_LOG_ON_SAVE)))
        self.change_log_action.setStatusTip(self.tr("Tilføj ændringerne med begrundelse til arket "
                                                    "'Ændringslog'"))
        self.change_log_action.toggled.connect(lambda on: settings.set(CHANGE_LOG_ON_SAVE, on))
        self.logged: dict[str, dict[int, Any]] = figures(window.document.portfolio)
        window.document.portfolio_replaced.connect(self._reset_log)

    def _reset_log(self) -> None:
        self.logged = figures(self._win.document.portfolio)

    # -- prompts (plain methods so tests can answer them) ----------------------------------------------
    def ask_conflict(self, name: str, can_overwrite: bool) -> ConflictChoice:
        box, buttons = self.conflict_box(name, can_overwrite)
        box.exec()
        return buttons.get(box.clickedButton(), ConflictChoice.CANCEL)

    def conflict_box(self, name: str, can_overwrite: bool) -> tuple[QMessageBox, dict[Any, ConflictChoice]]:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Filen er ændret"),
                          self.tr("{name} er ændret på disken, siden du åbnede den (en kollega har "
                                  "måske gemt den).").format(name=name), QMessageBox.StandardButton.NoButton,
                          self._win)
        box.setTextFormat(Qt.TextFormat.PlainText)
        info = self.tr("Hvad vil du gøre?")
        if not can_overwrite:
            info += "\n" + self.tr("Rækkerne i filen er flyttet, så den kan ikke overskrives sikkert.")
        box.setInformativeText(info)
        buttons = {}
        if can_overwrite:
            buttons[box.addButton(self.tr("&Overskriv"), QMessageBox.ButtonRole.DestructiveRole)] = \
                ConflictChoice.OVERWRITE
        save_as = box.addButton(self.tr("Gem som &ny fil …"), QMessageBox.ButtonRole.AcceptRole)
        buttons[save_as] = ConflictChoice.SAVE_AS
        buttons[box.addButton(self.tr("&Genindlæs og sammenlign …"), QMessageBox.ButtonRole.ActionRole)] = \
            ConflictChoice.RELOAD_COMPARE
        cancel = box.addButton(self.tr("&Annullér"), QMessageBox.ButtonRole.RejectRole)
        buttons[cancel] = ConflictChoice.CANCEL
        box.setDefaultButton(save_as)
        box.setEscapeButton(cancel)
        return box, buttons

    def ask_locked(self, lock: LockInfo) -> LockChoice:
        box, save_as = self.locked_box(lock)
        box.exec()
        return LockChoice.SAVE_AS if box.clickedButton() is save_as else LockChoice.CANCEL

    def locked_box(self, lock: LockInfo) -> tuple[QMessageBox, Any]:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Filen er åben et andet sted"),
                          lock.describe(self._win.lang), QMessageBox.StandardButton.NoButton, self._win)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(self.tr("Gemmer du oven i den, kan den andens ændringer gå tabt. "
                                       "Gem som en ny fil i stedet?"))
        save_as = box.addButton(self.tr("Gem som &ny fil …"), QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(self.tr("&Annullér"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save_as)
        box.setEscapeButton(cancel)
        return box, save_as

    def ask_reason(self, count: int) -> str | None:
        """The reason for the logged changes ('' = none given); None when the user cancels the save."""
        text, ok = QInputDialog.getText(
            self._win, self.tr("Begrundelse"),
            self.tr("Begrundelse for {n} ændrede beløb (skrives i arket Ændringslog; kan stå tom):").format(
                n=count), QLineEdit.EchoMode.Normal, "")
        return text if ok else None

    # -- the flow ----------------------------------------------------------------------------------------
    def check(self, path: str) -> Verdict:
        """Before writing ``path``: lock files, then a change on disk of the document's own file."""
        target = Path(path)
        if target.exists():
            lock = find_office_lock(target)
            if lock is not None:
                return Verdict.SAVE_AS if self.ask_locked(lock) == LockChoice.SAVE_AS else Verdict.CANCEL
        portfolio = self._win.document.portfolio
        src = portfolio.source
        if src is None or not src.path or not _same_file(src.path, target):
            return Verdict.SAVE
        if disk_state(portfolio) != DiskState.CHANGED:
            return Verdict.SAVE
        on_disk = self._read(src.path)
        can_overwrite = on_disk is not None and same_layout(portfolio, on_disk)
        choice = self.ask_conflict(target.name, can_overwrite)
        if choice == ConflictChoice.OVERWRITE and can_overwrite:
            return Verdict.SAVE
        if choice == ConflictChoice.SAVE_AS:
            return Verdict.SAVE_AS
        if choice == ConflictChoice.RELOAD_COMPARE and on_disk is not None:
            self.compare_with_disk(on_disk, can_overwrite)
        return Verdict.CANCEL

    def _read(self, path: str) -> Any:
        from planner.loader import load_portfolio

        try:
            return load_portfolio(path)
        except WorkbookError as err:
            self._win.show_error(self.tr("Versionen på disken kan ikke læses"), err.line(self._win.lang))
            return None

    def compare_with_disk(self, on_disk: Any, adopt: bool) -> CompareDialog:
        """The compare dialog against the version on disk; afterwards (when its rows are ours) the next
        save goes over that version without asking again."""
        from ui.compare_dialog import CompareAction

        name = Path(on_disk.source.path).name if on_disk.source else ""
        action = getattr(self._win.file, "compare", None) or CompareAction(self._win)
        dialog = action.show_dialog(on_disk, self.tr("{name} (på disken)").format(name=name))
        if adopt:
            dialog.finished.connect(lambda _r: adopt_disk_version(self._win.document.portfolio, on_disk))
        self.last_compare = dialog
        return dialog

    def save_options(self) -> dict[str, Any] | None:
        """``extra_sheets``/``package_edits`` for Document.save; None when the user cancelled."""
        portfolio = self._win.document.portfolio
        options: dict[str, Any] = {}
        if self.change_log_action.isChecked():
            from planner.change_log import change_rows

            count = len(change_rows(self.logged, portfolio))
            reason = "" if count == 0 else self.ask_reason(count)
            if reason is None:
                return None
            sheets = change_log_sheets(portfolio, self.logged, reason=reason)
            if sheets:
                options["extra_sheets"] = sheets
        if self.summary_action.isChecked():
            from planner.summary_sheet import summary_edit

            options["package_edits"] = [summary_edit(portfolio)]
        return options

    def saved(self) -> None:
        """After a successful save: the change log has recorded everything up to now."""
        if self.change_log_action.isChecked():
            self.logged = figures(self._win.document.portfolio)


def _same_file(a: str, b: Path) -> bool:
    try:
        return Path(a).resolve() == b.resolve()
    except OSError:
        return False
