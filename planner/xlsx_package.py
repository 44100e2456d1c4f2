"""An .xlsx/.xlsm package opened as what it is: a zip of XML parts, edited part by part.

Saving a workbook the planner did not create must not lose anything Excel put in it (charts, comments,
macros, extLst, customXml …). So instead of loading it into an object model and writing that back, the
writer copies the package and replaces only the parts it changed. Every other entry keeps its name,
position, compression method and exact (uncompressed) bytes.

This module knows the package structure: which part is the workbook, which part is each sheet
(``xl/workbook.xml`` + its rels), the shared strings, content types and relationships. It edits the
small bookkeeping parts (content types, rels, workbook.xml) with targeted string operations so that
everything it does not touch stays byte for byte.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape

from defusedxml import ElementTree as SafeET

from planner.errors import WorkbookError

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
REL_OFFICE_DOC = NS_REL + "/officeDocument"
REL_WORKSHEET = NS_REL + "/worksheet"
REL_SHARED_STRINGS = NS_REL + "/sharedStrings"
REL_CALC_CHAIN = NS_REL + "/calcChain"
CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CT_WORKBOOK = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
CT_WORKBOOK_MACRO = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
CONTENT_TYPES = "[Content_Types].xml"

_ENTITY = re.compile(r"&(#x[0-9A-Fa-f]+|#[0-9]+|lt|gt|amp|quot|apos);")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}
_XL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def xml_unescape(text: str) -> str:
    """XML character and entity references → text (no DTD entities exist in OOXML)."""
    if "&" not in text:
        return text

    def sub(m: re.Match[str]) -> str:
        ent = m.group(1)
        if ent.startswith("#x"):
            return chr(int("0" + ent[1:], 16))
        if ent.startswith("#"):
            return chr(int(ent[1:]))
        return _NAMED[ent]

    return _ENTITY.sub(sub, text)


def excel_unescape(text: str) -> str:
    """Excel's own ``_xHHHH_`` escapes (control characters in strings) → the characters."""
    if "_x" not in text:
        return text
    return _XL_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def attr_escape(text: str) -> str:
    return escape(text, {'"': "&quot;"})


def resolve_target(base_part: str, target: str) -> str:
    """A relationship target relative to the part that owns the rels → the part name in the zip."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(base_part), target))


def rels_name(part: str) -> str:
    """xl/workbook.xml → xl/_rels/workbook.xml.rels."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def relative_target(base_part: str, part: str) -> str:
    return posixpath.relpath(part, posixpath.dirname(base_part) or ".")


class Relationship:
    """One <Relationship> of a rels part, with the part it points to resolved."""

    __slots__ = ("external", "id", "part", "target", "type")

    def __init__(self, rid: str, rtype: str, target: str, part: str, external: bool) -> None:
        self.id, self.type, self.target, self.part, self.external = rid, rtype, target, part, external


class XlsxPackage:
    """The entries of a workbook zip, in their original order, with edits kept apart from originals.

    Invariant: an entry that was never ``replace``d or ``add``ed is written back with exactly the bytes
    and the compression method it was read with.
    """

    def __init__(self, infos: list[zipfile.ZipInfo], data: dict[str, bytes], path: str = "") -> None:
        self.path = path
        self._infos = infos
        self._data = data
        self._changed: set[str] = set()
        self._removed: set[str] = set()

    # -- opening ----------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path) -> XlsxPackage:
        """Read every entry of the package at ``path`` (WorkbookError when it is no usable zip)."""
        shown = str(path)
        try:
            with zipfile.ZipFile(path) as zf:
                infos = zf.infolist()
                data = {i.filename: zf.read(i) for i in infos}
        except FileNotFoundError as exc:
            raise WorkbookError("not_found", path=shown) from exc
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
            raise WorkbookError("damaged_zip", path=shown, reason=str(exc) or type(exc).__name__) from exc
        except OSError as exc:
            raise WorkbookError("unreadable", path=shown, reason=exc.strerror or str(exc)) from exc
        pkg = cls(infos, data, shown)
        if CONTENT_TYPES not in data:
            raise WorkbookError("not_a_workbook", path=shown, kind="zip")
        return pkg

    # -- entries ----------------------------------------------------------------------------------
    def names(self) -> list[str]:
        return [i.filename for i in self._infos if i.filename not in self._removed]

    def __contains__(self, name: object) -> bool:
        return name in self._data and name not in self._removed

    def read(self, name: str) -> bytes:
        if name not in self:
            raise KeyError(name)
        return self._data[name]

    def read_text(self, name: str) -> str:
        return decode_xml(self.read(name))

    def replace(self, name: str, data: bytes) -> None:
        """New bytes for an existing entry (kept at its place, with its compression)."""
        if name not in self:
            raise KeyError(name)
        if self._data[name] != data:
            self._data[name] = data
            self._changed.add(name)

    def add(self, name: str, data: bytes) -> None:
        """A new entry, appended (or replaced when it exists)."""
        if name in self:
            self.replace(name, data)
            return
        info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o600 << 16
        self._infos.append(info)
        self._removed.discard(name)
        self._data[name] = data
        self._changed.add(name)

    def remove(self, name: str) -> None:
        if name in self:
            self._removed.add(name)
            self._changed.add(name)

    @property
    def changed(self) -> bool:
        return bool(self._changed)

    def changed_names(self) -> set[str]:
        return set(self._changed)

    def write(self, fh: io.BufferedIOBase | io.BytesIO) -> None:
        """Write the package to an open binary file: same order, same compression per entry."""
        with zipfile.ZipFile(fh, "w", allowZip64=True) as out:
            for info in self._infos:
                if info.filename in self._removed:
                    continue
                out.writestr(_copy_info(info), self._data[info.filename])

    # -- relationships ----------------------------------------------------------------------------
    def relationships(self, part: str) -> list[Relationship]:
        """The relationships of ``part`` ("" for the package root)."""
        name = "_rels/.rels" if part == "" else rels_name(part)
        if name not in self:
            return []
        root = _parse(self.read(name), name, self.path)
        out = []
        for el in root:
            if not el.tag.endswith("Relationship"):
                continue
            target = el.get("Target", "")
            external = el.get("TargetMode") == "External"
            resolved = target if external else resolve_target(part or "/", target) if part else target.lstrip("/")
            out.append(Relationship(el.get("Id", ""), el.get("Type", ""), target, resolved, external))
        return out

    def workbook_part(self) -> str:
        for rel in self.relationships(""):
            if rel.type == REL_OFFICE_DOC:
                return rel.part
        if "xl/workbook.xml" in self:
            return "xl/workbook.xml"
        raise WorkbookError("not_a_workbook", path=self.path, kind="zip")

    def sheets(self) -> list[tuple[str, str, str]]:
        """(sheet name, part name, rId) of every worksheet, in workbook order."""
        wb = self.workbook_part()
        rels = {r.id: r for r in self.relationships(wb)}
        root = _parse(self.read(wb), wb, self.path)
        out = []
        for el in root.iter(f"{{{NS_MAIN}}}sheet"):
            rid = el.get(f"{{{NS_REL}}}id", "")
            rel = rels.get(rid)
            if rel is not None and rel.type == REL_WORKSHEET:
                out.append((el.get("name", ""), rel.part, rid))
        return out

    def sheet_parts(self) -> dict[str, str]:
        """Sheet name → worksheet part ("Initiativer" → "xl/worksheets/sheet1.xml")."""
        return {name: part for name, part, _ in self.sheets()}

    def shared_strings_part(self) -> str | None:
        for rel in self.relationships(self.workbook_part()):
            if rel.type == REL_SHARED_STRINGS and rel.part in self:
                return rel.part
        return None

    def shared_strings(self) -> list[str]:
        """The shared string table as plain texts (rich-text runs joined, phonetic runs left out)."""
        part = self.shared_strings_part()
        if part is None:
            return []
        return parse_shared_strings(self.read_text(part))

    def is_macro_enabled(self) -> bool:
        return any(n.lower().endswith("vbaproject.bin") for n in self.names()) or (
            CT_WORKBOOK_MACRO in self.read_text(CONTENT_TYPES)
        )

    def related_parts(self, part: str, type_suffix: str) -> Iterator[str]:
        """Parts ``part`` points to with a relationship type ending in ``type_suffix`` ("/comments")."""
        for rel in self.relationships(part):
            if not rel.external and rel.type.endswith(type_suffix) and rel.part in self:
                yield rel.part


def _copy_info(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    new = zipfile.ZipInfo(info.filename, date_time=info.date_time)
    new.compress_type = info.compress_type
    new.external_attr = info.external_attr
    new.create_system = info.create_system
    new.comment = info.comment
    new.extra = b""
    return new


def _parse(data: bytes, name: str, path: str):  # type: ignore[no-untyped-def]
    try:
        return SafeET.fromstring(data)
    except Exception as exc:  # defusedxml raises several types; all mean "cannot use this part"
        raise WorkbookError("damaged_zip", path=path, reason=f"{name}: {exc}") from exc


def encode_like(original: bytes, text: str) -> bytes:
    """Text back to bytes in the encoding the part had (UTF-8 nearly always; UTF-16 kept as such)."""
    if original.startswith((b"\xff\xfe", b"\xfe\xff")):
        return text.encode("utf-16")
    if original.startswith(b"\xef\xbb\xbf"):
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    return text.encode("utf-8")


def decode_xml(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    return data.decode("utf-8")


_SI = re.compile(r"<(?:\w+:)?si\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?si>)", re.DOTALL)
_RPH = re.compile(r"<(?:\w+:)?rPh\b.*?</(?:\w+:)?rPh>", re.DOTALL)
_T = re.compile(r"<(?:\w+:)?t\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?t>)", re.DOTALL)


def parse_shared_strings(xml: str) -> list[str]:
    out = []
    for m in _SI.finditer(xml):
        body = m.group(1) or ""
        if "rPh" in body:
            body = _RPH.sub("", body)
        out.append(excel_unescape(xml_unescape("".join(t.group(1) or "" for t in _T.finditer(body)))))
    return out


# -- bookkeeping parts: content types, rels, workbook.xml --------------------------------------------

def add_override(pkg: XlsxPackage, part: str, content_type: str) -> None:
    """Declare ``part``'s content type in [Content_Types].xml (no-op when declared)."""
    ct = pkg.read_text(CONTENT_TYPES)
    if f'PartName="/{part}"' in ct:
        return
    entry = f'<Override PartName="/{attr_escape(part)}" ContentType="{content_type}"/>'
    ct = ct.replace("</Types>", entry + "</Types>", 1)
    pkg.replace(CONTENT_TYPES, ct.encode("utf-8"))


def remove_override(pkg: XlsxPackage, part: str) -> None:
    ct = pkg.read_text(CONTENT_TYPES)
    new = re.sub(r'<Override\b[^>]*PartName="/' + re.escape(part) + r'"[^>]*/>', "", ct)
    if new != ct:
        pkg.replace(CONTENT_TYPES, new.encode("utf-8"))


def add_relationship(pkg: XlsxPackage, owner: str, rtype: str, target_part: str) -> str:
    """Add a relationship from ``owner`` to ``target_part``; returns its new rId."""
    name = rels_name(owner)
    xml = pkg.read_text(name) if name in pkg else (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{NS_PKG_REL}"></Relationships>')
    used = set(re.findall(r'\bId="([^"]*)"', xml))
    n = len(used) + 1
    while f"rId{n}" in used:
        n += 1
    rid = f"rId{n}"
    entry = (f'<Relationship Id="{rid}" Type="{rtype}" '
             f'Target="{attr_escape(relative_target(owner, target_part))}"/>')
    if "</Relationships>" in xml:
        xml = xml.replace("</Relationships>", entry + "</Relationships>", 1)
    else:
        xml = re.sub(r"<Relationships\b([^>]*)/>", lambda m: f"<Relationships{m.group(1)}>{entry}</Relationships>",
                     xml, count=1)
    pkg.add(name, xml.encode("utf-8"))
    return rid


def remove_relationships(pkg: XlsxPackage, owner: str, rtype: str) -> None:
    name = rels_name(owner)
    if name not in pkg:
        return
    xml = pkg.read_text(name)
    new = re.sub(r'<Relationship\b[^>]*Type="' + re.escape(rtype) + r'"[^>]*/>', "", xml)
    if new != xml:
        pkg.replace(name, new.encode("utf-8"))


def drop_calc_chain(pkg: XlsxPackage) -> None:
    """Remove xl/calcChain.xml and its references; Excel rebuilds it (needed when formulas moved/went)."""
    wb = pkg.workbook_part()
    for rel in pkg.relationships(wb):
        if rel.type == REL_CALC_CHAIN:
            pkg.remove(rel.part)
            remove_override(pkg, rel.part)
    remove_relationships(pkg, wb, REL_CALC_CHAIN)


# Children of <workbook> that come after <calcPr>, in schema order (inserting before them keeps it valid).
_AFTER_CALCPR = ("oleSize", "customWorkbookViews", "pivotCaches", "smartTagPr", "smartTagTypes",
                 "webPublishing", "fileRecoveryPr", "webPublishObjects", "extLst")


def set_full_calc_on_load(xml: str) -> str:
    """workbook.xml with <calcPr fullCalcOnLoad="1"/> so Excel and LibreOffice recalculate on open."""
    prefix = _root_prefix(xml, "workbook")
    m = re.search(rf"<{prefix}calcPr\b([^>]*?)(/?)>", xml)
    if m:
        attrs = m.group(1)
        if re.search(r'\bfullCalcOnLoad="(1|true)"', attrs):
            return xml
        attrs = re.sub(r'\s*\bfullCalcOnLoad="[^"]*"', "", attrs)
        return xml[: m.start()] + f'<{prefix}calcPr{attrs} fullCalcOnLoad="1"{m.group(2)}>' + xml[m.end():]
    tag = f'<{prefix}calcPr fullCalcOnLoad="1"/>'
    positions = [mm.start() for name in _AFTER_CALCPR
                 if (mm := re.search(rf"<{prefix}{name}\b", xml)) is not None]
    at = min(positions) if positions else xml.rindex(f"</{prefix}workbook>")
    return xml[:at] + tag + xml[at:]


def _root_prefix(xml: str, local: str) -> str:
    """"x:" when the document writes its elements as <x:workbook>, else ""."""
    m = re.search(rf"<(\w+:)?{local}\b", xml)
    return m.group(1) or "" if m else ""


def add_sheet_entry(xml: str, name: str, sheet_id: int, rid: str) -> str:
    """workbook.xml with a new <sheet> at the end of <sheets>."""
    prefix = _root_prefix(xml, "workbook")
    rel_prefix = None
    for m in re.finditer(r'xmlns:(\w+)="([^"]*)"', xml):
        if m.group(2) == NS_REL:
            rel_prefix = m.group(1)
            break
    rid_attr = f'{rel_prefix}:id="{rid}"' if rel_prefix else f'xmlns:r="{NS_REL}" r:id="{rid}"'
    entry = f'<{prefix}sheet name="{attr_escape(name)}" sheetId="{sheet_id}" {rid_attr}/>'
    close = f"</{prefix}sheets>"
    if close in xml:
        return xml.replace(close, entry + close, 1)
    return re.sub(rf"<{prefix}sheets\s*/>", f"<{prefix}sheets>{entry}</{prefix}sheets>", xml, count=1)


def next_sheet_id(xml: str) -> int:
    ids = [int(x) for x in re.findall(r'<(?:\w+:)?sheet\b[^>]*\bsheetId="(\d+)"', xml)]
    return max(ids, default=0) + 1


def new_part_name(pkg: XlsxPackage, folder: str, stem: str, ext: str = ".xml") -> str:
    n = 1
    names = {x.lower() for x in pkg.names()}
    while f"{folder}/{stem}{n}{ext}".lower() in names:
        n += 1
    return f"{folder}/{stem}{n}{ext}"
