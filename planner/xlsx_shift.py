"""Move A1 references when rows are inserted into a sheet (what Excel does on Insert > Rows).

Regex-based, good for the references planning workbooks hold: ``G7``, ``$G$7``, ``G5:G10``,
``'Initiativer'!G5:G10``, ``5:10``. Limits (documented in docs/canonical-format.md): no 3-D references
(``Sheet1:Sheet3!A1``), no structured table references (``Table1[Col]``), no R1C1, and names that look
like cells are assumed not to exist (Excel forbids them).

Insertion of ``delta`` rows at row ``at``: a reference to a row >= ``at`` moves down by ``delta``; a
range that spans ``at`` grows. ``grow_end`` (the last initiative row, ``at - 1``) also makes a range
that ends exactly there grow, so a totals row's ``SUM(G5:G10)`` takes in a row added below row 10.
"""

from __future__ import annotations

import re

_SHEET = r"(?:'(?:[^']|'')+'|[A-Za-z_\u00c0-\uffff][\w.\u00c0-\uffff]*)"
_REF = re.compile(
    rf"(?<![\w.$\]!])(?P<sheet>{_SHEET}!)?"
    r"(?:(?P<c1>\$?[A-Za-z]{1,3})(?P<r1>\$?\d+)(?::(?P<c2>\$?[A-Za-z]{1,3})(?P<r2>\$?\d+))?"
    r"|(?P<w1>\$?\d+):(?P<w2>\$?\d+))"
    r"(?![\w(\[!])"
)
_STRING = re.compile(r'"(?:[^"]|"")*"')
REF_ERROR = "#REF!"


def sheet_of(prefix: str | None) -> str | None:
    """"'My sheet'!" → "My sheet"; None when unqualified."""
    if not prefix:
        return None
    name = prefix[:-1]
    if name.startswith("'"):
        name = name[1:-1].replace("''", "'")
    return name


class RowShift:
    """Insertion of ``delta`` rows before row ``at`` of sheet ``sheet``; a negative ``delta`` deletes
    the rows ``at`` … ``at - delta - 1`` (references into them become ``#REF!``, ranges shrink)."""

    def __init__(self, sheet: str, at: int, delta: int, grow_end: int | None = None) -> None:
        self.sheet, self.at, self.delta, self.grow_end = sheet, at, delta, grow_end

    @property
    def deleting(self) -> bool:
        return self.delta < 0

    def row(self, r: int) -> int | None:
        """Where row ``r`` goes (None: it was deleted)."""
        if r < self.at:
            return r
        if self.delta < 0 and r < self.at - self.delta:
            return None
        return r + self.delta

    def span(self, r1: int, r2: int, grow: bool = True) -> tuple[int, int] | None:
        lo, hi = min(r1, r2), max(r1, r2)
        if self.delta < 0:
            first, last, n = self.at, self.at - self.delta - 1, -self.delta
            if hi < first:
                return lo, hi
            if lo > last:
                return lo - n, hi - n
            new_lo = min(first, lo)
            new_hi = hi - n if hi > last else first - 1
            return (new_lo, new_hi) if new_hi >= new_lo else None
        new_lo, new_hi = lo + self.delta if lo >= self.at else lo, hi + self.delta if hi >= self.at else hi
        if grow and self.grow_end is not None and hi == self.grow_end and lo < hi:
            new_hi = hi + self.delta
        return new_lo, new_hi

    # -- formulas ---------------------------------------------------------------------------------
    def formula(self, text: str, *, local: bool, grow: bool = True) -> str:
        """Shift references in formula text; ``local``: unqualified references mean this sheet."""
        if not text:
            return text
        out, pos = [], 0
        for m in _STRING.finditer(text):
            out.append(self._refs(text[pos:m.start()], local, grow))
            out.append(m.group(0))
            pos = m.end()
        out.append(self._refs(text[pos:], local, grow))
        return "".join(out)

    def _refs(self, text: str, local: bool, grow: bool) -> str:
        def sub(m: re.Match[str]) -> str:
            target = sheet_of(m.group("sheet"))
            if (target is None and not local) or (target is not None and target != self.sheet):
                return m.group(0)
            prefix = m.group("sheet") or ""
            gone = f"{prefix}{REF_ERROR}"
            if m.group("w1") is not None:
                a, b = _num(m.group("w1")), _num(m.group("w2"))
                span = self.span(a[1], b[1], grow)
                return gone if span is None else f"{prefix}{a[0]}{span[0]}:{b[0]}{span[1]}"
            c1, (d1, r1) = m.group("c1"), _num(m.group("r1"))
            if m.group("c2") is None:
                moved = self.row(r1)
                return gone if moved is None else f"{prefix}{c1}{d1}{moved}"
            c2, (d2, r2) = m.group("c2"), _num(m.group("r2"))
            span = self.span(r1, r2, grow)
            if span is None:
                return gone
            if r1 <= r2:
                return f"{prefix}{c1}{d1}{span[0]}:{c2}{d2}{span[1]}"
            return f"{prefix}{c1}{d1}{span[1]}:{c2}{d2}{span[0]}"

        return _REF.sub(sub, text)

    def sqref(self, text: str, *, grow: bool = True) -> str:
        """Space-separated ranges of this sheet (sqref, ref, mergeCell); deleted ones are left out."""
        parts = (self._refs(part, True, grow) for part in text.split(" "))
        return " ".join(p for p in parts if p and REF_ERROR not in p)


def _num(text: str) -> tuple[str, int]:
    """"$12" → ("$", 12)."""
    return ("$", int(text[1:])) if text.startswith("$") else ("", int(text))


def translate_ref(a1: str, drow: int) -> str:
    m = re.fullmatch(r"(\$?[A-Za-z]{1,3})(\$?)(\d+)", a1)
    if not m:
        return a1
    return f"{m.group(1)}{m.group(2)}{int(m.group(3)) + drow}"
