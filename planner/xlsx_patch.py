"""Rewrite single cells inside a worksheet part without parsing (or re-serialising) the whole sheet.

A 10,000-row sheet is a few MB of XML. Loading it into a tree and writing it back would be slow and
would change bytes nobody asked to change. :class:`SheetXml` indexes the ``<row>`` elements with one
regex pass, reads cells on demand, and splices only the rows that hold an edited cell. Inserting rows
shifts the rows below and every reference to them within the sheet (:mod:`planner.xlsx_shift`).

Cells are written the way Excel reads them best: numbers as ``<v>`` keeping the cell's style ``s``
(so a cell that held the text "3,1" becomes a number with the cell's number format), text as an inline
string (never a formula, whatever it starts with), removed values as an empty styled cell.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from planner.cells import column_index, column_letter
from planner.xlsx_package import excel_unescape, xml_unescape
from planner.xlsx_shift import RowShift

CellInput = Decimal | int | float | str | bool | date | None

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\r\x0e-\x1f\ufffe\uffff]")  # \r: XML would turn it into \n
_LITERAL_ESCAPE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")


@dataclass(frozen=True)
class CellValue:
    """What a cell holds now: the (cached) value, its type code, style and whether it is a formula."""

    value: Decimal | str | bool | None
    kind: str = "blank"  # n, s, str, inlineStr, b, e, d, blank
    style: str | None = None
    formula: bool = False

    @property
    def blank(self) -> bool:
        return self.value is None or self.value == ""


BLANK = CellValue(None)


@dataclass(frozen=True)
class Cached:
    """A formula's new cached result (what the formula gives after an edit), written without the formula changing."""

    value: Decimal


def excel_escape(text: str) -> str:
    """Excel's _xHHHH_ escapes for characters XML cannot carry (and for text that looks like one)."""
    text = _LITERAL_ESCAPE.sub(r"_x005F_\1", text)
    return _INVALID_XML.sub(lambda m: f"_x{ord(m.group(0)):04X}_", text)


def escape_text(text: str) -> str:
    """Text → XML content of <t>: Excel's _xHHHH_ escapes, then XML escapes."""
    text = excel_escape(text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def number_text(value: Decimal | float) -> str:
    """Exact text of a number for <v>: Decimal('0.30') → '0.30', never '3E-1'."""
    if isinstance(value, float):
        value = Decimal(repr(value))
    text = format(Decimal(value), "f")
    return "0" if text in ("-0", "-0.0") or (text.startswith("-") and Decimal(text) == 0) else text


def cell_xml(ref: str, value: CellInput, style: str | None, prefix: str = "") -> str:
    """One <c> element for ``value`` (None → an empty cell that keeps its style)."""
    s = f' s="{style}"' if style not in (None, "", "0") else ""
    c, v = f"{prefix}c", f"{prefix}v"
    if value is None or value == "":
        return f'<{c} r="{ref}"{s}/>'
    if isinstance(value, bool):
        return f'<{c} r="{ref}"{s} t="b"><{v}>{int(value)}</{v}></{c}>'
    if isinstance(value, (Decimal, int, float)):
        return f'<{c} r="{ref}"{s}><{v}>{number_text(value)}</{v}></{c}>'
    if isinstance(value, datetime):
        value = value.isoformat(sep=" ", timespec="seconds")
    elif isinstance(value, date):
        value = value.isoformat()
    text = escape_text(str(value))
    return (f'<{c} r="{ref}"{s} t="inlineStr"><{prefix}is><{prefix}t xml:space="preserve">{text}'
            f"</{prefix}t></{prefix}is></{c}>")


class SheetXml:
    """A worksheet part's text with an index of its rows; cells are read and replaced in place.

    Invariant: bytes outside the rows that were edited (and, after an insertion, the shifted
    references) are left exactly as they were.
    """

    def __init__(self, xml: str, shared_strings: Callable[[], list[str]] | None = None) -> None:
        self.xml = xml
        self._shared_loader = shared_strings
        self._shared: list[str] | None = None
        m = re.search(r"<(\w+:)?worksheet\b", xml)
        self.p = (m.group(1) or "") if m else ""
        p = re.escape(self.p)
        self._row_re = re.compile(rf"<{p}row\b([^>]*?)(?:/>|>(.*?)</{p}row>)", re.DOTALL)
        self._row_open = re.compile(rf"<{p}row\b([^>]*?)(/?)>")
        self._cell_re = re.compile(rf"<{p}c\b([^>]*?)(?:/>|>(.*?)</{p}c>)", re.DOTALL)
        self._v_re = re.compile(rf"<{p}v(?:\s[^>]*)?>(.*?)</{p}v>", re.DOTALL)
        self._f_re = re.compile(rf"<{p}f\b")
        self._t_re = re.compile(rf"<{p}t\b[^>]*?(?:/>|>(.*?)</{p}t>)", re.DOTALL)
        self._rows: dict[int, tuple[int, int]] | None = None
        self._row_cells: dict[int, dict[int, tuple[str, str | None, int, int]]] = {}
        self._edits: dict[int, dict[int, CellInput]] = {}
        self._col_styles: dict[int, str] | None = None
        self.formulas_overwritten = False
        self._max_col = 0
        self._max_row = 0
        self._lookups = 0

    # -- index ------------------------------------------------------------------------------------
    def _sheet_data(self) -> tuple[int, int]:
        """(start, end) offsets of sheetData's content; an empty <sheetData/> is opened up."""
        p = self.p
        m = re.search(rf"<{re.escape(p)}sheetData\b[^>]*?(/?)>", self.xml)
        if m is None:
            raise ValueError("worksheet without sheetData")
        if m.group(1):
            self.xml = self.xml[: m.start()] + f"<{p}sheetData></{p}sheetData>" + self.xml[m.end():]
            self._rows = None
            return self._sheet_data()
        end = self.xml.index(f"</{p}sheetData>", m.end())
        return m.end(), end

    def rows(self) -> dict[int, tuple[int, int]]:
        """Row number → (start, end) offsets of its <row> element."""
        if self._rows is None:
            start, end = self._sheet_data()
            rows: dict[int, tuple[int, int]] = {}
            prev = 0
            close = f"</{self.p}row>"
            for m in self._row_open.finditer(self.xml, start, end):
                r = _attr(m.group(1), "r")
                prev = int(r) if r else prev + 1
                stop = m.end() if m.group(2) else self.xml.index(close, m.end()) + len(close)
                rows[prev] = (m.start(), stop)
            self._rows = rows
            self._row_cells = {}
        return self._rows

    def _row_span(self, row: int) -> tuple[int, int] | None:
        """Offsets of row ``row``: found by its text (``<row r="N"``) while few rows are asked for,
        so one edit in a 10,000-row sheet does not index the whole sheet."""
        if self._rows is None and self._lookups < 32:
            self._lookups += 1
            at = self.xml.find(f'<{self.p}row r="{row}"')
            if at >= 0:
                m = self._row_open.match(self.xml, at)
                if m is not None:
                    close = f"</{self.p}row>"
                    return at, m.end() if m.group(2) else self.xml.index(close, m.end()) + len(close)
        return self.rows().get(row)

    def _cells(self, row: int) -> dict[int, tuple[str, str | None, int, int]]:
        """Column → (attrs, inner, start, end) for the row's cells (offsets into self.xml)."""
        if row in self._row_cells:
            return self._row_cells[row]
        span = self._row_span(row)
        cells: dict[int, tuple[str, str | None, int, int]] = {}
        if span is not None:
            prev = 0
            for m in self._cell_re.finditer(self.xml, span[0], span[1]):
                ref = _attr(m.group(1), "r")
                col = column_index(re.match(r"[A-Za-z]+", ref).group(0)) if ref else prev + 1  # type: ignore[union-attr]
                prev = col
                cells[col] = (m.group(1), m.group(2), m.start(), m.end())
        self._row_cells[row] = cells
        return cells

    def shared(self) -> list[str]:
        if self._shared is None:
            self._shared = self._shared_loader() if self._shared_loader else []
        return self._shared

    # -- reading ----------------------------------------------------------------------------------
    def cell(self, row: int, col: int) -> CellValue:
        hit = self._cells(row).get(col)
        if hit is None:
            return BLANK
        attrs, inner, _, _ = hit
        t = _attr(attrs, "t") or "n"
        style = _attr(attrs, "s")
        inner = inner or ""
        formula = bool(self._f_re.search(inner))
        if t == "inlineStr":
            text = "".join(x.group(1) or "" for x in self._t_re.finditer(inner))
            return CellValue(excel_unescape(xml_unescape(text)), t, style, formula)
        vm = self._v_re.search(inner)
        raw = vm.group(1) if vm else None
        if raw is None:
            return CellValue(None, "blank", style, formula)
        if t == "s":
            try:
                return CellValue(self.shared()[int(raw)], t, style, formula)
            except (ValueError, IndexError):
                return CellValue(None, "e", style, formula)
        if t == "b":
            return CellValue(raw.strip() == "1", t, style, formula)
        if t in ("str", "e", "d"):
            return CellValue(excel_unescape(xml_unescape(raw)), t, style, formula)
        try:
            return CellValue(Decimal(raw.strip()), "n", style, formula)
        except ArithmeticError:
            return CellValue(raw, "e", style, formula)

    # -- editing ----------------------------------------------------------------------------------
    def set(self, row: int, col: int, value: CellInput) -> None:
        """Queue a new value for a cell (applied by :meth:`apply`)."""
        if self.cell(row, col).formula:
            self.formulas_overwritten = True
        self._max_col = max(self._max_col, col)
        self._max_row = max(self._max_row, row)
        self._edits.setdefault(row, {})[col] = value

    def set_cached(self, row: int, col: int, value: Decimal) -> None:
        """Queue a new cached result for a formula cell; the formula itself stays."""
        self._edits.setdefault(row, {})[col] = Cached(value)  # type: ignore[assignment]

    def _cached_xml(self, attrs: str, inner: str, cached: Cached) -> str:
        attrs = re.sub(r'\s+(t|cm|vm)="[^"]*"', "", attrs)
        formula = "".join(m.group(0) for m in re.finditer(
            rf"<{re.escape(self.p)}f\b[^>]*?(?:/>|>.*?</{re.escape(self.p)}f>)", inner, re.DOTALL))
        c, v = f"{self.p}c", f"{self.p}v"
        return f"<{c}{attrs}>{formula}<{v}>{number_text(cached.value)}</{v}></{c}>"

    @property
    def edited(self) -> bool:
        return bool(self._edits)

    def apply(self) -> None:
        """Splice all queued edits into the text (rows in order; cells in column order)."""
        if not self._edits:
            return
        _, data_end = self._sheet_data()
        pieces: list[tuple[int, int, str]] = []
        for row, edits in sorted(self._edits.items()):
            span = self._row_span(row)
            if span is not None:
                pieces.append((span[0], span[1], self._render_row(row, edits)))
            else:
                rows = self.rows()
                after = next((r for r in sorted(rows) if r > row), None)
                at = rows[after][0] if after is not None else data_end
                pieces.append((at, at, self._new_row(row, edits, "")))
        out, pos = [], 0
        for start, end, text in sorted(pieces, key=lambda x: (x[0], x[1])):
            out.append(self.xml[pos:start])
            out.append(text)
            pos = end
        out.append(self.xml[pos:])
        self.xml = "".join(out)
        self._edits = {}
        self._rows = None
        self._row_cells = {}
        self._lookups = 0
        self._grow_dimension()

    def _render_row(self, row: int, edits: dict[int, CellInput]) -> str:
        span = self._row_span(row)
        assert span is not None
        start, end = span
        cells = self._cells(row)
        row_text = self.xml[start:end]
        m = self._row_re.match(row_text)
        assert m is not None
        row_attrs = m.group(1)
        parts: list[tuple[int, str]] = []
        for col, (attrs, inner, cs, ce) in cells.items():
            if col in edits and isinstance(edits[col], Cached):
                parts.append((col, self._cached_xml(attrs, inner or "", edits[col])))  # type: ignore[arg-type]
            elif col in edits:
                style = _attr(attrs, "s")
                parts.append((col, cell_xml(f"{column_letter(col)}{row}", edits[col], style, self.p)))
            else:
                parts.append((col, self.xml[cs:ce]))
        new_cols = [c for c in edits if c not in cells]
        for col in new_cols:
            parts.append((col, cell_xml(f"{column_letter(col)}{row}", edits[col],
                                        self._default_style(row_attrs, col), self.p)))
        if new_cols:
            parts.sort(key=lambda x: x[0])
            row_attrs = re.sub(r'\s+spans="[^"]*"', "", row_attrs)
        elif m.group(2) is not None:
            # Keep whatever sits between cells (whitespace, extLst) by replacing cell spans only.
            out, pos = [], start
            texts = dict(parts)
            for col, (_attrs, _inner, cs, ce) in cells.items():
                out.append(self.xml[pos:cs])
                out.append(texts[col])
                pos = ce
            out.append(self.xml[pos:end])
            return "".join(out)
        return f"<{self.p}row{row_attrs}>{''.join(t for _, t in parts)}</{self.p}row>"

    def _new_row(self, row: int, values: dict[int, CellInput], attrs: str,
                 styles: dict[int, str | None] | None = None) -> str:
        styles = styles or {}
        cols = sorted(set(values) | set(styles))
        cells = []
        for col in cols:
            style = styles[col] if col in styles else self._default_style(attrs, col)
            self._max_col = max(self._max_col, col)
            self._max_row = max(self._max_row, row)
            cells.append(cell_xml(f"{column_letter(col)}{row}", values.get(col), style, self.p))
        return f'<{self.p}row r="{row}"{attrs}>{"".join(cells)}</{self.p}row>'

    def _default_style(self, row_attrs: str, col: int) -> str | None:
        """Style for a new cell: the row's when it has one (customFormat), else the column's."""
        if _attr(row_attrs, "customFormat") in ("1", "true") and _attr(row_attrs, "s"):
            return _attr(row_attrs, "s")
        if self._col_styles is None:
            self._col_styles = {}
            for m in re.finditer(rf"<{re.escape(self.p)}col\b([^>]*)/?>", self.xml):
                lo, hi, st = _attr(m.group(1), "min"), _attr(m.group(1), "max"), _attr(m.group(1), "style")
                if lo and hi and st:
                    for c in range(int(lo), min(int(hi), 16384) + 1):
                        self._col_styles[c] = st
        return self._col_styles.get(col)

    def _grow_dimension(self) -> None:
        """Widen <dimension> when rows past its end exist now."""
        last = self._max_row
        if not last:
            return
        m = re.search(rf'(<{re.escape(self.p)}dimension\b[^>]*\bref=")([^"]*)(")', self.xml)
        if not m:
            return
        ref = m.group(2)
        rm = re.fullmatch(r"([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?", ref)
        if not rm:
            return
        end_col, end_row = rm.group(3) or rm.group(1), int(rm.group(4) or rm.group(2))
        new_col = end_col if column_index(end_col) >= self._max_col else column_letter(self._max_col)
        if last > end_row or new_col != end_col:
            new = f"{rm.group(1)}{rm.group(2)}:{new_col}{max(last, end_row)}"
            self.xml = self.xml[: m.start(2)] + new + self.xml[m.end(2):]
            self._rows = None

    # -- inserting rows ---------------------------------------------------------------------------
    def insert_rows(self, at: int, new_rows: list[dict[int, CellInput]], *, like_row: int | None,
                    sheet: str, grow_end: int | None = None) -> RowShift:
        """Insert ``new_rows`` before row ``at``, styled like ``like_row``; returns the shift applied.

        Rows at or below ``at`` move down, and so do references to them in this sheet: cells, merged
        ranges, dimension, conditional formats, data validations, hyperlinks, autofilter, formulas.
        """
        self.apply()
        shift = RowShift(sheet, at, len(new_rows), grow_end)
        styles: dict[int, str | None] = {}
        attrs = ""
        if like_row is not None and like_row in self.rows():
            tm = self._row_re.match(self.xml, self.rows()[like_row][0])
            assert tm is not None
            attrs = re.sub(r'\s+(r|spans|hidden|collapsed)="[^"]*"', "", tm.group(1))
            styles = {col: _attr(a, "s") for col, (a, _, _, _) in self._cells(like_row).items()}
        rows = self.rows()
        data_start, data_end = self._sheet_data()
        first_below = min((r for r in rows if r >= at), default=None)
        split = rows[first_below][0] if first_below is not None else data_end
        above, below = self.xml[data_start:split], self.xml[split:data_end]
        below = self._shift_rows(below, shift)
        inserted = "".join(self._new_row(at + i, vals, attrs, styles) for i, vals in enumerate(new_rows))
        data = self._shift_formulas(above + inserted + below, shift)
        head = self._shift_outside(self.xml[:data_start], shift)
        tail = self._shift_outside(self.xml[data_end:], shift)
        self.xml = head + data + tail
        self._rows = None
        self._row_cells = {}
        self._grow_dimension()
        return shift

    def can_delete(self, row: int) -> bool:
        """False for a row holding a shared formula's master (its other cells depend on it)."""
        span = self._row_span(row)
        return span is None or not re.search(r'<(?:\w+:)?f\b[^>]*\bt="shared"[^>]*\bref="',
                                             self.xml[span[0]:span[1]])

    def delete_rows(self, first: int, count: int, *, sheet: str) -> RowShift:
        """Delete rows ``first`` … ``first + count - 1``; rows below move up, as do references to them.

        References into the deleted rows become #REF! (as in Excel); ranges shrink; merged cells,
        validations, formats and links that lay wholly in the deleted rows go.
        """
        self.apply()
        shift = RowShift(sheet, first, -count)
        rows = self.rows()
        data_start, data_end = self._sheet_data()
        doomed = sorted(r for r in rows if first <= r < first + count)
        below_rows = [r for r in rows if r >= first + count]
        cut_start = rows[doomed[0]][0] if doomed else (rows[min(below_rows)][0] if below_rows else data_end)
        cut_end = rows[doomed[-1]][1] if doomed else cut_start
        above, below = self.xml[data_start:cut_start], self.xml[cut_end:data_end]
        below = self._shift_rows(below, shift)
        data = self._shift_formulas(above + below, shift)
        head = self._shift_outside(self.xml[:data_start], shift)
        tail = self._shift_outside(self.xml[data_end:], shift)
        self.xml = head + data + tail
        self._rows = None
        self._row_cells = {}
        return shift

    def _shift_rows(self, text: str, shift: RowShift) -> str:
        p = re.escape(self.p)
        text = re.sub(rf'(<{p}row\b[^>]*?\sr=")(\d+)"',
                      lambda m: f'{m.group(1)}{shift.row(int(m.group(2)))}"', text)
        return re.sub(rf'(<{p}c\b[^>]*?\sr="[A-Za-z]+)(\d+)"',
                      lambda m: f'{m.group(1)}{shift.row(int(m.group(2)))}"', text)

    def _shift_formulas(self, text: str, shift: RowShift) -> str:
        p = re.escape(self.p)

        def sub(m: re.Match[str]) -> str:
            attrs = re.sub(r'(\sref=")([^"]*)"', lambda a: f'{a.group(1)}{shift.sqref(a.group(2), grow=False)}"',
                           m.group(1))
            body = m.group(2)
            if body:
                plain = xml_unescape(body)
                shifted = shift.formula(plain, local=True)
                if shifted != plain:
                    body = xml_escape_min(shifted)
            if body == m.group(2) and attrs == m.group(1):
                return m.group(0)
            if body is None:
                return f"<{self.p}f{attrs}/>"
            return f"<{self.p}f{attrs}>{body}</{self.p}f>"

        return re.sub(rf"<{p}f\b([^>]*?)(?:/>|>(.*?)</{p}f>)", sub, text, flags=re.DOTALL)

    def _shift_outside(self, text: str, shift: RowShift) -> str:
        """References outside sheetData: dimension, merges, CF/DV ranges and formulas, links, views."""
        def tag(m: re.Match[str]) -> str:
            merge = m.group(1).endswith("mergeCell")

            def attr(a: re.Match[str]) -> str:
                grow = not merge and a.group(2) not in ("activeCell", "topLeftCell")
                new = shift.sqref(a.group(3), grow=grow)
                if not new and a.group(2) in ("activeCell", "topLeftCell"):
                    new = "A1"
                if merge and new:
                    ends = new.split(":")
                    if len(ends) != 2 or ends[0] == ends[1]:
                        new = ""  # a merge of one cell is no merge (Excel would repair it)
                return a.group(0) if new == a.group(3) else f'{a.group(1)}{a.group(2)}="{new}"'

            attrs = re.sub(r'(\s)(sqref|ref|activeCell|topLeftCell)="([^"]*)"', attr, m.group(2))
            return m.group(0) if attrs == m.group(2) else f"<{m.group(1)}{attrs}>"

        text = re.sub(r"<((?:\w+:)?\w+)(\s[^>]*)>", tag, text)

        def body(m: re.Match[str]) -> str:
            inner = m.group(2)
            if m.group(1).endswith("sqref"):
                new = shift.sqref(inner)
            else:
                plain = xml_unescape(inner)
                shifted = shift.formula(plain, local=True)
                new = inner if shifted == plain else xml_escape_min(shifted)
            if new == inner:
                return m.group(0)
            return m.group(0).replace(">" + inner + "<", ">" + new + "<", 1)

        text = re.sub(r"<((?:\w+:)?(?:formula|formula1|formula2|f|sqref))\b[^>]*>(.*?)</\1>", body, text,
                      flags=re.DOTALL)
        return _drop_vanished(text) if shift.deleting else text


_VANISHED_EMPTY = re.compile(
    r'<((?:\w+:)?(?:mergeCell|hyperlink|protectedRange|ignoredError|selection|conditionalFormatting|dataValidation))'
    r'\b[^>]*\s(?:sqref|ref)=""[^>]*?(?:/>|>.*?</\1>)', re.DOTALL)
_EXT_BLOCK = re.compile(
    r"<((?:\w+:)?(?:conditionalFormatting|dataValidation))\b[^>]*>((?:(?!</\1>).)*)</\1>", re.DOTALL)
_EMPTY_SQREF = re.compile(r"<(?:\w+:)?sqref>\s*</(?:\w+:)?sqref>")


def _drop_vanished(text: str) -> str:
    """Remove merges, validations, formats and links whose every range was deleted; fix the counts."""
    text = _VANISHED_EMPTY.sub("", text)
    text = _EXT_BLOCK.sub(lambda m: "" if _EMPTY_SQREF.search(m.group(2)) else m.group(0), text)
    for container, child in (("mergeCells", "mergeCell"), ("dataValidations", "dataValidation"),
                             ("hyperlinks", "hyperlink"), ("x14:dataValidations", "x14:dataValidation"),
                             ("protectedRanges", "protectedRange"), ("ignoredErrors", "ignoredError")):
        def recount(m: re.Match[str], child: str = child) -> str:
            n = len(re.findall(rf"<{child}\b", m.group(2)))
            if n == 0:
                return ""
            head = re.sub(r'\scount="\d+"', f' count="{n}"', m.group(1))
            return f"{head}{m.group(2)}{m.group(3)}"

        text = re.sub(rf"(<{container}\b[^>]*>)(.*?)(</{container}>)", recount, text, flags=re.DOTALL)
    return text


def xml_escape_min(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(attrs: str, name: str) -> str | None:
    m = re.search(rf'(?:^|\s){name}="([^"]*)"', attrs)
    return m.group(1) if m else None
