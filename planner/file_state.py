"""Has the workbook changed on disk since we read or saved it? (A colleague saved it, a sync folder
replaced it.)

``portfolio.source`` holds the file's mtime, size and SHA-256 as of the last load or save. A file whose
bytes are the same is unchanged even when only its time moved (``touch``, a sync client re-writing the
same bytes): nobody's work would be lost by saving over it, so nobody is asked.
"""

from __future__ import annotations

import os
from enum import StrEnum

from planner.model import Portfolio
from planner.safe_save import fingerprint


class DiskState(StrEnum):
    SAME = "same"
    CHANGED = "changed"
    MISSING = "missing"
    UNKNOWN = "unknown"
    """No file, or no fingerprint recorded (a new portfolio, an old snapshot): nothing to compare."""


def disk_state(portfolio: Portfolio) -> DiskState:
    """How the portfolio's file on disk compares with the fingerprint taken at load/save."""
    src = portfolio.source
    if src is None or not src.path or (src.size is None and not src.sha256):
        return DiskState.UNKNOWN
    try:
        st = os.stat(src.path)
    except FileNotFoundError:
        return DiskState.MISSING
    except OSError:
        return DiskState.UNKNOWN
    if st.st_mtime_ns == src.mtime_ns and st.st_size == src.size:
        return DiskState.SAME
    if src.size is not None and st.st_size != src.size:
        return DiskState.CHANGED
    if not src.sha256:
        return DiskState.CHANGED
    try:
        _, _, sha = fingerprint(src.path)
    except OSError:
        return DiskState.UNKNOWN
    return DiskState.SAME if sha == src.sha256 else DiskState.CHANGED


def changed_on_disk(portfolio: Portfolio) -> bool:
    """True when the file's content differs from what was loaded or last saved (see module doc)."""
    return disk_state(portfolio) == DiskState.CHANGED


def same_layout(ours: Portfolio, on_disk: Portfolio) -> bool:
    """True when the file on disk still has the rows and columns ``ours`` was read from, so saving over
    it writes each value into the right cell (a colleague changed values, not the table's shape).

    Same sheet, header, columns, first/last/totals row, and every initiative we read sits in the same
    row under the same id. Initiatives added in the app (no cells yet) are not looked at.
    """
    a, b = ours.source, on_disk.source
    if a is None or b is None:
        return False
    keys = ("sheet", "header_row", "columns", "first_row", "last_row", "totals_row")
    if any(getattr(a, k) != getattr(b, k) for k in keys):
        return False
    disk_rows = {ini.id: ref.row for ini in on_disk.initiatives if (ref := ini.sources.get("id")) is not None}
    for ini in ours.initiatives:
        ref = ini.sources.get("id")
        if ref is not None and disk_rows.get(ini.id) != ref.row:
            return False
    return True


def adopt_disk_version(portfolio: Portfolio, on_disk: Portfolio) -> None:
    """Take the fingerprint of the version read from disk: the user has compared with it, so the next
    save goes over it without asking again (only call when :func:`same_layout` holds)."""
    if portfolio.source is None or on_disk.source is None:
        return
    d = on_disk.source
    portfolio.source = portfolio.source.model_copy(update={"mtime_ns": d.mtime_ns, "size": d.size,
                                                           "sha256": d.sha256})
