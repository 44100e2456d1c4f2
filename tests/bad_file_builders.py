"""Builders for bad and hostile files: tiny hand-made xlsx packages, OLE2 containers, zip tricks.

Hand-written packages are fast (50,000 rows in well under a second) and let a test put exactly the
bytes it means into the archive, which openpyxl would refuse to write.
"""

from __future__ import annotations

import struct
import warnings
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)
SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
SHEET_TAIL = "</sheetData></worksheet>"

HEADER = ["Nr.", "Initiativ", "Område", "SUSI-fase", 2023, 2024, 2025, 2026, "I alt"]


def _col(n: int) -> str:
    letters = ""
    while n:
        n, r = divmod(n - 1, 26)
        letters = chr(65 + r) + letters
    return letters


def _cell(ref: str, value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"><v>{value}</v></c>'
    if isinstance(value, Formula):
        cached = "" if value.cached is None else f"<v>{value.cached}</v>"
        return f'<c r="{ref}"><f>{escape(value.text)}</f>{cached}</c>'
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(str(value))}</t></is></c>'


class Formula:
    """A formula cell, with or without a cached value (as written by programs that do not calculate)."""

    def __init__(self, text: str, cached: object = None) -> None:
        self.text, self.cached = text, cached


def sheet_xml(rows: Iterable[Sequence[object]]) -> str:
    parts = [SHEET_HEAD]
    for r, row in enumerate(rows, start=1):
        cells = "".join(_cell(f"{_col(c)}{r}", v) for c, v in enumerate(row, start=1))
        parts.append(f'<row r="{r}">{cells}</row>')
    parts.append(SHEET_TAIL)
    return "".join(parts)


def write_xlsx(path: Path, rows: Iterable[Sequence[object]] | None = None, *, sheet: str = "Initiativer",
               sheet_body: str | bytes | None = None, extra: dict[str, str | bytes] | None = None,
               drop: Iterable[str] = ()) -> Path:
    """A minimal, valid .xlsx holding ``rows`` (or ``sheet_body`` as the sheet part's exact bytes)."""
    body = sheet_body if sheet_body is not None else sheet_xml(rows or [])
    parts: dict[str, str | bytes] = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "xl/workbook.xml": WORKBOOK.format(name=escape(sheet, {'"': "&quot;"})),
        "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
        "xl/worksheets/sheet1.xml": body,
    }
    parts.update(extra or {})
    for name in drop:
        parts.pop(name, None)
    write_zip(path, parts.items())
    return path


def write_zip(path: Path, entries: Iterable[tuple[str, str | bytes]]) -> Path:
    """A zip with exactly these entry names (duplicates and path tricks included)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in entries:
                info = zipfile.ZipInfo(name)
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, data)
    return path


def good_rows(n: int = 3) -> list[list[object]]:
    rows: list[list[object]] = [["UIP 2023 – portefølje"], [], list(HEADER)]
    for i in range(1, n + 1):
        amounts = [1.5, 2.5, 2, 0.5]
        rows.append([f"V{i}", f"Initiativ nummer {i}", "Voksenområdet", "Modning", *amounts, sum(amounts)])
    return rows


def patch_central_directory(path: Path, name: str, *, file_size: int | None = None,
                            flag_bits: int | None = None) -> None:
    """Make the central directory lie about one entry (declared size, flags) without touching its data."""
    data = bytearray(path.read_bytes())
    encoded = name.encode()
    pos = 0
    while True:
        pos = data.find(b"PK\x01\x02", pos)
        if pos < 0:
            raise ValueError(f"{name} not in central directory")
        name_len = struct.unpack_from("<H", data, pos + 28)[0]
        if bytes(data[pos + 46: pos + 46 + name_len]) == encoded:
            break
        pos += 4
    if file_size is not None:
        struct.pack_into("<I", data, pos + 24, file_size)
    if flag_bits is not None:
        struct.pack_into("<H", data, pos + 8, flag_bits)
    path.write_bytes(bytes(data))


# -- OLE2 / Compound File Binary -----------------------------------------------------------------------

_FREE, _END, _FATSECT, _NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def write_ole2(path: Path, streams: Sequence[str], *, break_directory: bool = False) -> Path:
    """A small Compound File (the container of .xls, .doc and password-protected .xlsx) with these
    (empty) stream names; ``break_directory`` points the header at a sector that does not exist."""
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<I", header, 0x2C, 1)  # FAT sectors
    struct.pack_into("<I", header, 0x30, 999 if break_directory else 1)  # first directory sector
    struct.pack_into("<I", header, 0x38, 4096)
    struct.pack_into("<III", header, 0x3C, _END, 0, _END)
    struct.pack_into("<I", header, 0x48, 0)
    difat = [0] + [_FREE] * 108
    struct.pack_into("<109I", header, 0x4C, *difat)

    entries = [("Root Entry", 5)] + [(s, 2) for s in streams]
    n_dir_sectors = (len(entries) + 3) // 4
    fat = [_FATSECT] + [i + 1 for i in range(1, n_dir_sectors)] + [_END]
    fat += [_FREE] * (128 - len(fat))
    fat_sector = struct.pack("<128I", *fat)

    directory = bytearray()
    for idx, (name, kind) in enumerate(entries):
        entry = bytearray(128)
        raw = (name + "\x00").encode("utf-16-le")
        entry[0: len(raw)] = raw
        struct.pack_into("<HBB", entry, 0x40, len(raw), kind, 1)
        child = 1 if kind == 5 and len(entries) > 1 else _NOSTREAM
        right = idx + 1 if kind == 2 and idx + 1 < len(entries) else _NOSTREAM
        struct.pack_into("<III", entry, 0x44, _NOSTREAM, right, child)
        struct.pack_into("<II", entry, 0x74, _END, 0)
        directory += entry
    directory += b"\x00" * (n_dir_sectors * 512 - len(directory))
    path.write_bytes(bytes(header) + fat_sector + bytes(directory) + b"\x00" * 512)
    return path
