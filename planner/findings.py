"""Findings: what validation and reading say about a workbook, in words a planner understands.

A finding is data (a code, its parameters and where it points), not an exception; its message is made
in the user's language from the catalogue in :mod:`planner.messages`.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from planner.cells import CellRef


class Severity(StrEnum):
    ERROR = "error"  # the workbook cannot be used as it is
    WARNING = "warning"  # usable, but a planner should look
    INFO = "info"  # how the workbook was read (e.g. cached formula values used)


class Finding(BaseModel):
    """One thing validation or the reader noticed, with where it came from."""

    model_config = ConfigDict(frozen=True)

    severity: Severity
    code: str = Field(description="Stable machine name, e.g. 'stated_total_mismatch'.")
    params: dict[str, str] = Field(default_factory=dict, description="Values quoted in the message.")
    where: CellRef | None = Field(default=None, description="The cell (or sheet/row) it points to.")
    initiative_id: str | None = None

    def message(self, lang: str = "da") -> str:
        from planner.messages import finding_message

        return finding_message(self, lang)

    def location(self) -> str:
        return self.where.describe() if self.where else ""

    def line(self, lang: str = "da") -> str:
        """One line: severity, where, and the message."""
        loc = self.location()
        return f"{self.severity.value}: {loc + ': ' if loc else ''}{self.message(lang)}"
