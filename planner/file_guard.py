"""The gate every file passes before a reader touches it: what kind of file is it, and is it safe?

``check_file(path)`` answers 'xlsx', 'xlsm' or 'csv', or raises one :class:`WorkbookError` that says
what the file really is and what to do. It looks at the bytes, not the name: images, PDFs, web pages,
old .xls, password-protected workbooks (an OLE2 container holding "EncryptedPackage"), damaged zips,
zip bombs, path tricks and XML with DTDs (entity expansion) are all refused here, in bounded time and
memory, so the readers behind it (openpyxl, calamine) only ever see a sane package.

``package_findings(path)`` gives what a usable package still deserves a word about (external links).
"""

from __future__ import annotations

import os
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from planner.errors import WorkbookError
from planner.findings import Finding, Severity

# Limits: far above any real planning workbook, far below what hurts a laptop.
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_CSV_BYTES = 100 * 1024 * 1024
MAX_ENTRIES = 10_000
MAX_TOTAL_UNCOMPRESSED = 500 * 1024 * 1024
MAX_ENTRY_UNCOMPRESSED = 150 * 1024 * 1024
MAX_GRID_CELLS = 4_000_000  # rows × columns a reader would allocate for one sheet (≈ 250 MB in Python)
MAX_SHEET_CELLS = 4_000_000
MAX_RATIO = 200
RATIO_CHECK_FROM = 10 * 1024 * 1024  # small parts may compress absurdly well (blank styles); big ones may not
TOTAL_RATIO_CHECK_FROM = 100 * 1024 * 1024
CHUNK = 1024 * 1024

CSV_SUFFIXES = frozenset({".csv", ".tsv", ".txt"})
XML_SUFFIXES = (".xml", ".rels", ".vml")

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")

# Leading bytes → the name of what the file is (format names read the same in Danish and English).
_MAGIC_KINDS: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"%PDF", "PDF"),
    (b"BM", "BMP"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"RIFF", "RIFF (WebP/WAV/AVI)"),
    (b"\x1f\x8b", "gzip"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
    (b"Rar!", "RAR"),
    (b"{\\rtf", "RTF"),
    (b"\x7fELF", "ELF"),
    (b"MZ", "Windows .exe"),
    (b"SQLite format 3\x00", "SQLite"),
)

_DTD_PATTERNS = tuple(
    enc_pat
    for pat in ("<!DOCTYPE", "<!ENTITY")
    for enc_pat in (pat.encode("ascii"), pat.encode("utf-16-le"), pat.encode("utf-16-be"))
)
_OVERLAP = 256  # > the longest pattern or cell reference a match may need


def check_file(path: str | os.PathLike[str], *, keep: dict[str, bytes] | None = None) -> str:
    """The kind of a readable, safe file: 'xlsx', 'xlsm' or 'csv'. Raises WorkbookError otherwise.

    ``keep``, when given, receives every worksheet part's bytes (part name → XML) as the scan
    decompressed them, so a reader does not inflate the biggest part of the package a second time.
    """
    p = Path(path)
    shown = str(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise WorkbookError("not_found", path=shown) from None
    except OSError as exc:
        raise WorkbookError("unreadable", path=shown, reason=exc.strerror or type(exc).__name__) from None
    if p.is_dir():
        raise WorkbookError("unreadable", path=shown, reason="folder / mappe")
    if st.st_size == 0:
        raise WorkbookError("empty_file", path=shown)
    if st.st_size > MAX_FILE_BYTES:
        raise WorkbookError("too_large", path=shown, reason=f"{st.st_size // (1024 * 1024)} MB > "
                            f"{MAX_FILE_BYTES // (1024 * 1024)} MB")
    try:
        with p.open("rb") as fh:
            head = fh.read(4096)
    except OSError as exc:
        raise WorkbookError("unreadable", path=shown, reason=exc.strerror or type(exc).__name__) from None

    if head.startswith(ZIP_MAGICS):
        return _check_package(p, shown, keep)
    if head.startswith(OLE2_MAGIC):
        raise _ole2_error(p, shown)
    for magic, kind in _MAGIC_KINDS:
        if head.startswith(magic):
            raise WorkbookError("not_a_workbook", path=shown, kind=kind)
    text_kind = _text_kind(head)
    if text_kind is None:
        raise WorkbookError("binary_not_workbook", path=shown, start=head[:8].hex(" ").upper())
    if text_kind != "text":
        raise WorkbookError("not_a_workbook", path=shown, kind=text_kind)
    if p.suffix.lower() in CSV_SUFFIXES:
        if st.st_size > MAX_CSV_BYTES:
            raise WorkbookError("too_large", path=shown, reason=f"CSV {st.st_size // (1024 * 1024)} MB > "
                                f"{MAX_CSV_BYTES // (1024 * 1024)} MB")
        return "csv"
    raise WorkbookError("text_not_workbook", path=shown, suffix=p.suffix or "''")


def package_findings(path: str | os.PathLike[str]) -> list[Finding]:
    """Findings about a workbook package that is usable as it is (call after ``check_file``)."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
    except (OSError, zipfile.BadZipFile, ValueError):
        return []
    links = [n for n in names if re.fullmatch(r"xl/externalLinks/[^/]+\.xml", n, flags=re.IGNORECASE)]
    if not links:
        return []
    return [Finding(severity=Severity.WARNING, code="external_links", params={"count": str(len(links))})]


# -- zip packages -----------------------------------------------------------------------------------

def _check_package(p: Path, shown: str, keep: dict[str, bytes] | None = None) -> str:
    _check_directory_size(p, shown)
    try:
        zf = zipfile.ZipFile(p)
    except zipfile.BadZipFile as exc:
        raise WorkbookError("damaged_zip", path=shown, reason=_zip_reason(exc)) from None
    except (OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as exc:
        raise WorkbookError("damaged_zip", path=shown, reason=str(exc) or type(exc).__name__) from None
    with zf:
        infos = zf.infolist()
        _check_entries(infos, shown, p.stat().st_size)
        names = {i.filename for i in infos}
        kind = _package_kind(zf, names, p, shown)
        for info in infos:
            if info.filename.lower().endswith(XML_SUFFIXES) or info.filename == "[Content_Types].xml":
                _scan_part(zf, info, shown, keep)
    return kind


MAX_DIRECTORY_BYTES = 16 * 1024 * 1024


def _check_directory_size(p: Path, shown: str) -> None:
    """Refuse a zip whose central directory alone is huge, before zipfile builds an object per entry.

    Reads the end-of-central-directory record (and its ZIP64 twin) from the file's last 64 KB; when it
    cannot be found, zipfile itself reports the damage.
    """
    size = p.stat().st_size
    with p.open("rb") as fh:
        start = max(0, size - 65_557)
        fh.seek(start)
        tail = fh.read()
        at = tail.rfind(b"PK\x05\x06")
        if at < 0 or at + 22 > len(tail):
            return
        entries, cd_size = struct.unpack_from("<HI", tail, at + 10)
        count, directory = int(entries), int(cd_size)
        locator = at - 20
        zip64 = entries == 0xFFFF or cd_size == 0xFFFFFFFF
        if zip64 and locator >= 0 and tail[locator:locator + 4] == b"PK\x06\x07":
            offset = struct.unpack_from("<Q", tail, locator + 8)[0]
            if offset + 56 <= size:
                fh.seek(offset)
                record = fh.read(56)
                if record[:4] == b"PK\x06\x06":
                    count, directory = struct.unpack_from("<QQ", record, 32)
    if count > MAX_ENTRIES:
        raise WorkbookError("too_large", path=shown, reason=f"{count} zip entries > {MAX_ENTRIES}")
    if directory > MAX_DIRECTORY_BYTES:
        raise WorkbookError("too_large", path=shown, reason=f"zip directory of {_mb(directory)}")


def _zip_reason(exc: BaseException) -> str:
    text = str(exc)
    if "not a zip file" in text.lower():
        return "truncated: the end of the zip archive is missing / afkortet: zip-arkivets slutning mangler"
    return text or type(exc).__name__


def _check_entries(infos: list[zipfile.ZipInfo], shown: str, file_size: int) -> None:
    """Refuse path tricks and absurd declared sizes before a single byte is decompressed."""
    if len(infos) > MAX_ENTRIES:
        raise WorkbookError("too_large", path=shown, reason=f"{len(infos)} zip entries > {MAX_ENTRIES}")
    seen: set[str] = set()
    total = packed = 0
    for info in infos:
        name = info.filename
        _check_name(name, shown)
        if name in seen:
            raise WorkbookError("unsafe", path=shown, reason=f"zip entry '{_short(name)}' appears twice")
        seen.add(name)
        if info.flag_bits & 0x1:
            raise WorkbookError("encrypted", path=shown)
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise WorkbookError("damaged_zip", path=shown,
                                reason=f"zip entry '{_short(name)}' uses compression method {info.compress_type}")
        if info.header_offset + info.compress_size > file_size:
            raise WorkbookError("damaged_zip", path=shown,
                                reason=f"zip entry '{_short(name)}' reaches past the end of the file")
        size = info.file_size
        if size > MAX_ENTRY_UNCOMPRESSED:
            raise WorkbookError("too_large", path=shown,
                                reason=f"'{_short(name)}' unpacks to {_mb(size)} > {_mb(MAX_ENTRY_UNCOMPRESSED)}")
        ratio = size / max(info.compress_size, 1)
        if size >= RATIO_CHECK_FROM and ratio > MAX_RATIO:
            raise WorkbookError("unsafe", path=shown,
                                reason=f"zip bomb: '{_short(name)}' unpacks {ratio:.0f}:1 to {_mb(size)}")
        total += size
        packed += info.compress_size
        if total > MAX_TOTAL_UNCOMPRESSED:
            raise WorkbookError("too_large", path=shown,
                                reason=f"the package unpacks to more than {_mb(MAX_TOTAL_UNCOMPRESSED)}")
    if total >= TOTAL_RATIO_CHECK_FROM and total / max(packed, 1) > MAX_RATIO:
        raise WorkbookError("unsafe", path=shown,
                            reason=f"zip bomb: the package unpacks {total / max(packed, 1):.0f}:1 to {_mb(total)}")


def _check_name(name: str, shown: str) -> None:
    bad = (
        "\\" in name
        or "\x00" in name
        or name.startswith("/")
        or re.match(r"^[A-Za-z]:", name) is not None
        or ".." in PurePosixPath(name).parts
    )
    if bad:
        raise WorkbookError("unsafe", path=shown, reason=f"zip entry with a path trick: '{_short(name)}'")


def _package_kind(zf: zipfile.ZipFile, names: set[str], p: Path, shown: str) -> str:
    lower = {n.lower() for n in names}
    if "xl/workbook.xml" in lower or "xl/workbook.bin" in lower:
        if "xl/workbook.bin" in lower and "xl/workbook.xml" not in lower:
            raise WorkbookError("not_a_workbook", path=shown, kind=".xlsb")
        if "[content_types].xml" not in lower:
            raise WorkbookError("damaged_zip", path=shown, reason="[Content_Types].xml is missing")
        macro = "xl/vbaproject.bin" in lower or p.suffix.lower() == ".xlsm"
        return "xlsm" if macro else "xlsx"
    if "mimetype" in lower:
        try:
            mime = zf.read("mimetype")[:200].decode("ascii", "replace") if "mimetype" in names else ""
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise WorkbookError("damaged_zip", path=shown, reason=str(exc)) from None
        if "spreadsheet" in mime:
            return _raise_kind(shown, "OpenDocument .ods")
        if "text" in mime:
            return _raise_kind(shown, "OpenDocument .odt")
        return _raise_kind(shown, "OpenDocument")
    if any(n.startswith("word/") for n in lower):
        return _raise_kind(shown, "Word .docx")
    if any(n.startswith("ppt/") for n in lower):
        return _raise_kind(shown, "PowerPoint .pptx")
    if "[content_types].xml" in lower:
        raise WorkbookError("damaged_zip", path=shown, reason="xl/workbook.xml is missing")
    return _raise_kind(shown, "ZIP")


def _raise_kind(shown: str, kind: str) -> str:
    raise WorkbookError("not_a_workbook", path=shown, kind=kind)


def _scan_part(zf: zipfile.ZipFile, info: zipfile.ZipInfo, shown: str,
               keep: dict[str, bytes] | None = None) -> None:
    """Decompress one XML part in chunks (never more than its declared size) and refuse any DTD.

    A DTD is never needed in an Office package and is how entity expansion ("billion laughs") and
    external entities get in. Reading the part through also checks its CRC, so a damaged part is
    found here and not half-way through a reader. A worksheet's extent is measured on the way: two
    cells at A1 and XFD1048576 make a reader allocate 17 billion cells, so that is refused too.
    A worksheet's bytes go into ``keep`` (when given) once the whole part has passed.
    """
    extent = _Extent(count_cells=info.file_size > _COUNT_CELLS_FROM) if _WORKSHEET.fullmatch(info.filename) else None
    kept: list[bytes] | None = [] if keep is not None and extent is not None else None
    for window in _chunks(zf, info, shown, kept):
        # Every pattern holds the byte "!", which a sheet's XML seldom has: one memchr pass clears most windows.
        if b"!" in window:
            for pat in _DTD_PATTERNS:
                if pat in window:
                    raise WorkbookError("unsafe", path=shown,
                                        reason=f"'{_short(info.filename)}' holds an XML DTD "
                                        f"({pat.decode('ascii', 'ignore').replace(chr(0), '')}); "
                                        "possible entity expansion attack")
        if extent is not None:
            extent.feed(window)
    if extent is None:
        return
    if extent.cells > MAX_SHEET_CELLS:
        raise WorkbookError("too_large", path=shown,
                            reason=f"'{_short(info.filename)}' has {extent.cells:,} cells > {MAX_SHEET_CELLS:,}")
    if extent.area() > MAX_GRID_CELLS:
        precise = _Extent(values_only=True)
        for window in _chunks(zf, info, shown):
            precise.feed(window)
        if precise.area() > MAX_GRID_CELLS:
            raise WorkbookError("too_large", path=shown,
                                reason=f"'{_short(info.filename)}' spans A1:{precise.corner()} "
                                f"({precise.area():,} cells > {MAX_GRID_CELLS:,})")
    if kept is not None and keep is not None:
        keep[info.filename] = b"".join(kept)


_WORKSHEET = re.compile(r"xl/worksheets/[^/]+\.xml", re.IGNORECASE)
_ROW_REF = re.compile(rb'row\b[^>]*?\sr="(\d{1,10})"')
_WIDE_REF = re.compile(rb'r="([A-Z]{2,3})\d')
_VALUE_REF = re.compile(rb'r="([A-Z]{1,3})(\d{1,10})"[^>]*(?<!/)>\s*<(?:\w+:)?(?:v|is|f)\b')


# A part holds at most one "<c " or "<c>" per 3 bytes, and each window repeats at most _OVERLAP bytes of the
# one before: below this size (and its windows' overlaps) no count could pass MAX_SHEET_CELLS.
_COUNT_CELLS_FROM = 3 * MAX_SHEET_CELLS - (MAX_ENTRY_UNCOMPRESSED // CHUNK + 1) * _OVERLAP


class _Extent:
    """How far a worksheet reaches: the last row, the widest column, the number of cells.

    The quick pass reads row numbers and multi-letter columns (cheap literal searches); the precise
    pass, run only when the quick one looks absurd, counts only cells holding a value or formula (a
    stray formatted empty cell far away makes no reader allocate anything). Cells are only counted
    (``count_cells``) in a part big enough to hold more than MAX_SHEET_CELLS of them; otherwise
    ``cells`` is 1 once any cell was seen.
    """

    def __init__(self, values_only: bool = False, count_cells: bool = True) -> None:
        self.values_only = values_only
        self.count_cells = count_cells
        self.max_row = 0
        self.max_col = 0
        self.cells = 0

    def feed(self, window: bytes) -> None:
        if self.values_only:
            for col, row in _VALUE_REF.findall(window):
                self.max_col = max(self.max_col, _col_index(col))
                self.max_row = max(self.max_row, int(row))
            return
        if self.count_cells:
            self.cells += window.count(b"<c ") + window.count(b"<c>")
        elif not self.cells and (b"<c " in window or b"<c>" in window):
            self.cells = 1
        self.max_col = max([self.max_col, 26 if self.cells else 0,
                            *(_col_index(c) for c in set(_WIDE_REF.findall(window)))])
        rows = _ROW_REF.findall(window)
        if rows:
            self.max_row = max(self.max_row, max(map(int, rows)))

    def area(self) -> int:
        return self.max_row * self.max_col

    def corner(self) -> str:
        from planner.cells import column_letter

        return f"{column_letter(self.max_col)}{self.max_row}"


def _col_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n


def _chunks(zf: zipfile.ZipFile, info: zipfile.ZipInfo, shown: str,
            kept: list[bytes] | None = None) -> Iterator[bytes]:
    """The part's bytes in overlapping windows, never more than it declares; zip faults → damaged_zip.
    The plain chunks are appended to ``kept`` when given."""
    total = 0
    tail = b""
    try:
        with zf.open(info) as fh:
            while True:
                chunk = fh.read(CHUNK)
                if not chunk:
                    break
                total += len(chunk)
                if total > info.file_size or total > MAX_ENTRY_UNCOMPRESSED:
                    raise WorkbookError("unsafe", path=shown,
                                        reason=f"'{_short(info.filename)}' unpacks to more than it declares")
                if kept is not None:
                    kept.append(chunk)
                window = tail + chunk
                yield window
                tail = window[-_OVERLAP:]
    except WorkbookError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, NotImplementedError,
            RuntimeError) as exc:
        reason = str(exc) or type(exc).__name__
        raise WorkbookError("damaged_zip", path=shown, reason=f"'{_short(info.filename)}': {reason}") from None
    except zlib.error as exc:  # the bytes are not a valid deflate stream
        raise WorkbookError("damaged_zip", path=shown,
                            reason=f"'{_short(info.filename)}': {type(exc).__name__}: {exc}") from None


def _short(text: str, limit: int = 80) -> str:
    text = text.replace("\x00", "\\0")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"


# -- OLE2 (Compound File Binary): old .xls or a password-protected workbook ------------------------

def _ole2_error(p: Path, shown: str) -> WorkbookError:
    names = _ole2_stream_names(p)
    if "encryptedpackage" in names:
        return WorkbookError("encrypted", path=shown)
    if "workbook" in names or "book" in names:
        return WorkbookError("old_xls", path=shown)
    if "worddocument" in names:
        return WorkbookError("not_a_workbook", path=shown, kind="Word .doc")
    if "powerpoint document" in names:
        return WorkbookError("not_a_workbook", path=shown, kind="PowerPoint .ppt")
    return WorkbookError("not_a_workbook", path=shown, kind="OLE2")


def _ole2_stream_names(p: Path) -> set[str]:
    """Lower-cased names in the container's directory; falls back to a byte scan when it is damaged."""
    try:
        return _cfb_directory_names(p)
    except (OSError, ValueError, struct.error, IndexError):
        return _scan_names(p)


_FREE, _END = 0xFFFFFFFF, 0xFFFFFFFE
_MAX_SECTORS_FOLLOWED = 200_000


def _cfb_directory_names(p: Path) -> set[str]:
    with p.open("rb") as fh:
        header = fh.read(512)
        if len(header) < 512:
            raise ValueError("short header")
        sector_shift = struct.unpack_from("<H", header, 0x1E)[0]
        if sector_shift not in (9, 12):
            raise ValueError("bad sector size")
        size = 1 << sector_shift
        first_dir = struct.unpack_from("<I", header, 0x30)[0]
        first_difat = struct.unpack_from("<I", header, 0x44)[0]
        n_difat = struct.unpack_from("<I", header, 0x48)[0]
        fat_sectors = [s for s in struct.unpack_from("<109I", header, 0x4C) if s < 0xFFFFFFFA]
        per = size // 4
        sec = first_difat
        for _ in range(min(n_difat, 10_000)):
            if sec >= 0xFFFFFFFA:
                break
            data = _sector(fh, sec, size)
            vals = struct.unpack(f"<{per}I", data)
            fat_sectors.extend(v for v in vals[:-1] if v < 0xFFFFFFFA)
            sec = vals[-1]
        fat: list[int] = []
        for s in fat_sectors[:20_000]:
            fat.extend(struct.unpack(f"<{per}I", _sector(fh, s, size)))
        names: set[str] = set()
        sec, seen = first_dir, set()
        while sec < 0xFFFFFFFA and sec not in seen and len(seen) < _MAX_SECTORS_FOLLOWED:
            seen.add(sec)
            data = _sector(fh, sec, size)
            for off in range(0, size, 128):
                entry = data[off: off + 128]
                name_len = struct.unpack_from("<H", entry, 0x40)[0]
                if entry[0x42] in (1, 2) and 2 <= name_len <= 64:
                    names.add(entry[: name_len - 2].decode("utf-16-le", "replace").lower())
            sec = fat[sec] if sec < len(fat) else _END
        if not names:
            raise ValueError("empty directory")
        return names


def _sector(fh: object, sec: int, size: int) -> bytes:
    fh.seek((sec + 1) * size)  # type: ignore[attr-defined]
    data: bytes = fh.read(size)  # type: ignore[attr-defined]
    if len(data) != size:
        raise ValueError("sector past end of file")
    return data


def _scan_names(p: Path) -> set[str]:
    wanted = {n: n.encode("utf-16-le") for n in ("EncryptedPackage", "Workbook", "Book", "WordDocument")}
    found: set[str] = set()
    tail = b""
    with p.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            window = tail + chunk
            found.update(n.lower() for n, pat in wanted.items() if pat in window)
            tail = window[-40:]
    if "workbook" in found:
        found.discard("book")
    return found


# -- text that is not a workbook ----------------------------------------------------------------------

def _text_kind(head: bytes) -> str | None:
    """'text' for plain text, a format name for HTML/XML text, None for binary data."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text"
    sample = head[3:] if head.startswith(b"\xef\xbb\xbf") else head
    if b"\x00" in sample:
        return None
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    if sample and control / len(sample) > 0.05:
        return None
    lowered = sample.lstrip()[:512].lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered:
        return "HTML"
    if lowered.startswith(b"<?xml"):
        if b"urn:schemas-microsoft-com:office:spreadsheet" in sample.lower():
            return "Excel 2003 XML"
        return "XML"
    return "text"
