"""Where a value came from in a workbook: sheet, row and column (1-based, as Excel counts)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


def column_letter(col: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_index(letters: str) -> int:
    """A → 1, AA → 27."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ord(ch) - 64)
    return n


class CellRef(BaseModel):
    """A cell, a row (column None) or a whole sheet (row None) of a workbook."""

    model_config = ConfigDict(frozen=True)

    sheet: str
    row: int | None = None
    column: int | None = None

    @property
    def a1(self) -> str:
        if self.row is None:
            return ""
        if self.column is None:
            return str(self.row)
        return f"{column_letter(self.column)}{self.row}"

    def describe(self) -> str:
        """"'Initiativer'!D7", "'Initiativer' row 7" or "'Initiativer'"."""
        if self.row is None:
            return f"'{self.sheet}'"
        if self.column is None:
            return f"'{self.sheet}' row {self.row}"
        return f"'{self.sheet}'!{self.a1}"
