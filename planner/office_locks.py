"""Is the workbook open in Excel or LibreOffice? Their lock files say so, and usually who.

Excel writes an owner file ``~$NAME.xlsx`` beside the workbook (for long names the first two characters
of NAME are replaced: ``~$dget2024.xlsx``): byte 0 is the length of the user's name, followed by the
name in an 8-bit code page, padded to 54 bytes; newer versions repeat it in UTF-16 from byte 54 (a
length byte, a zero, then the UTF-16LE name). Some writers put only the UTF-16 name after the length
byte. LibreOffice writes ``.~lock.NAME.xlsx#``: a CSV line ``author,login,host,DD.MM.YYYY HH:MM,profile;``
with ``\\`` escaping commas. Both stay behind after a crash, so an old lock is reported as possibly
stale.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

STALE_AFTER = timedelta(hours=12)
_MAX_LOCK_BYTES = 64 * 1024


@dataclass(frozen=True)
class LockInfo:
    """A lock file found beside a workbook. ``user``/``host``/``since`` are '' / None when it does not say."""

    program: str
    lock_path: str
    user: str = ""
    host: str = ""
    since: datetime | None = None
    stale: bool = False

    def describe(self, lang: str = "da") -> str:
        """"Excel: Anne Hansen har filen åben (på PC-17 siden 23.11.2026 09:15)"."""
        en = lang.startswith("en")
        who = self.user or ("someone" if en else "nogen")
        text = f"{self.program}: {who} " + ("has the file open" if en else "har filen åben")
        details = []
        if self.host:
            details.append(("on " if en else "på ") + self.host)
        if self.since is not None:
            details.append(("since " if en else "siden ") + self.since.strftime("%d.%m.%Y %H:%M"))
        if details:
            text += f" ({' '.join(details)})"
        if self.stale:
            text += (". The lock file is old and may be left over from a crash." if en
                     else ". Låsefilen er gammel og kan være efterladt efter et nedbrud.")
        return text


def lock_candidates(path: str | os.PathLike[str]) -> list[tuple[str, Path]]:
    """(program, lock path) pairs that would mean ``path`` is open."""
    p = Path(path)
    name = p.name
    out = [("Excel", p.with_name("~$" + name))]
    if len(p.stem) > 2:
        out.append(("Excel", p.with_name("~$" + name[2:])))
    out.append(("LibreOffice", p.with_name(f".~lock.{name}#")))
    return out


def find_office_lock(path: str | os.PathLike[str], *, now: datetime | None = None) -> LockInfo | None:
    """The lock Excel or LibreOffice holds on ``path``, or None when neither has it open."""
    for program, lock in lock_candidates(path):
        try:
            if not lock.is_file():
                continue
            with lock.open("rb") as fh:
                data = fh.read(_MAX_LOCK_BYTES)
            mtime = datetime.fromtimestamp(lock.stat().st_mtime)
        except OSError:
            continue
        if program == "Excel":
            user, host, since = excel_owner(data), "", None
        else:
            user, host, since = libreoffice_owner(data)
        when = since or mtime
        stale = (now or datetime.now()) - when > STALE_AFTER
        return LockInfo(program, str(lock), user, host, since, stale)
    return None


def excel_owner(data: bytes) -> str:
    """The user's name from an Excel owner file ('' when it holds none)."""
    if not data:
        return ""
    n = data[0]
    if len(data) > 56 and data[55] == 0 and data[54]:
        raw = data[56:56 + 2 * data[54]]
        wide = _utf16(raw) if len(raw) == 2 * data[54] else ""
        if wide:
            return wide
    if n == 0:
        return ""
    body = data[1:1 + 2 * n]
    if len(body) == 2 * n and all(b == 0 for b in body[1::2]) and any(body[0::2]):
        wide = _utf16(body)
        if wide:
            return wide
    narrow = data[1:1 + n]
    try:
        text = narrow.decode("cp1252")
    except UnicodeDecodeError:
        text = narrow.decode("latin-1")
    return _clean(text)


def _utf16(raw: bytes) -> str:
    try:
        text = raw.decode("utf-16-le")
    except UnicodeDecodeError:
        return ""
    return _clean(text) if text.isprintable() else ""


def _clean(text: str) -> str:
    return " ".join("".join(c for c in text if c.isprintable()).split())


def libreoffice_owner(data: bytes) -> tuple[str, str, datetime | None]:
    """(user, host, since) from a LibreOffice lock file; the author's name, else the login."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    fields = _split_escaped(text.strip().rstrip(";"))
    fields += [""] * (5 - len(fields))
    author, login, host, stamp = (f.strip() for f in fields[:4])
    since = None
    for fmt in ("%d.%m.%Y %H:%M", "%d.%m.%Y %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"):
        try:
            since = datetime.strptime(stamp, fmt)
            break
        except ValueError:
            continue
    return author or login, host, since


def _split_escaped(line: str) -> list[str]:
    """LibreOffice's lock CSV: ',' separates, '\\' escapes the next character."""
    fields, current, escaped = [], [], False
    for ch in line:
        if escaped:
            current.append(ch)
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == ",":
            fields.append("".join(current))
            current = []
        else:
            current.append(ch)
    fields.append("".join(current))
    return fields
