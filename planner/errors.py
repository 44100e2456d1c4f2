"""The one error type for "this workbook cannot be used", carrying what, where and what to do."""

from __future__ import annotations

from planner.cells import CellRef


class WorkbookError(Exception):
    """A file that cannot be read as a portfolio.

    ``code`` and ``params`` let the message be given in the user's language (planner.messages);
    ``where`` points to the sheet/row/column when there is one. ``str(err)`` is the Danish line.
    """

    def __init__(self, code: str, where: CellRef | None = None, path: str = "", **params: object) -> None:
        self.code = code
        self.where = where
        self.path = path
        self.params = {k: str(v) for k, v in params.items()}
        super().__init__(self.message("da"))

    def message(self, lang: str = "da") -> str:
        from planner.messages import error_message

        return error_message(self, lang)

    def line(self, lang: str = "da") -> str:
        """One line for stderr: file, where, what, and what to do."""
        parts = [self.path] if self.path else []
        if self.where is not None:
            parts.append(self.where.describe())
        prefix = ": ".join(parts)
        return f"{prefix}: {self.message(lang)}" if prefix else self.message(lang)
