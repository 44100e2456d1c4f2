"""Build workbooks the way colleagues make them: title rows, merged cells, sections, totals, text numbers.

``write_sheet`` puts rows (lists of values, row 1 first) in a workbook with openpyxl; ``set_cached_values``
gives openpyxl's formulas the calculated value Excel would have saved; ``libreoffice_resave`` lets a real
office program save the file. Used by the reader tests and by samples/build_samples.py.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

HEADER = ["Nr.", "Initiativ", "Udviklingstrin", "Hovedtema", "I alt", 2023, 2024, 2025, 2026]
V1 = ["V1", "Behandlings- og støtteindsats", "Modning", "Udviklingshæmning", 19.8, 12.7, 2.8, 2.7, 1.6]
V2 = ["V2", "Traume-Bevidst Tilgang", "Modning", "Forebyggelse", 20.6, 12.5, 3.1, 2.8, 2.1]
B1 = ["B1", "Traumefokuseret behandling", "Udbredelse", "Seksuelle overgreb", 5.1, 2.4, 1.6, 1.1, 0]


def write_sheet(path: Path, rows: Sequence[Sequence[object]], *, title: str = "Initiativer",
                merge: Iterable[str] = (), hidden_columns: Iterable[str] = (),
                extra_sheets: dict[str, Sequence[Sequence[object]]] | None = None,
                sheets_before: dict[str, Sequence[Sequence[object]]] | None = None,
                bold_rows: Iterable[int] = (), freeze: str | None = None) -> Path:
    """A workbook whose sheet ``title`` holds ``rows`` from A1; ``None`` leaves a cell empty."""
    wb = Workbook()
    ws = wb.active
    for name, sheet_rows in (sheets_before or {}).items():
        other = wb.create_sheet(name, 0)
        for r in sheet_rows:
            other.append(list(r))
    ws.title = title
    for r in rows:
        ws.append(list(r))
    for rng in merge:
        ws.merge_cells(rng)
    for col in hidden_columns:
        ws.column_dimensions[col].hidden = True
    for r in bold_rows:
        for cell in ws[r]:
            cell.font = Font(bold=True)
    if freeze:
        ws.freeze_panes = freeze
    for name, sheet_rows in (extra_sheets or {}).items():
        other = wb.create_sheet(name)
        for r in sheet_rows:
            other.append(list(r))
    wb.save(path)
    return path


def style_header(ws: object, row: int, ncols: int, fill: str = "1F4E78") -> None:
    """White bold text on a dark fill, wrapped: how ministry sheets mark their header row."""
    for c in range(1, ncols + 1):
        cell = ws.cell(row=row, column=c)  # type: ignore[attr-defined]
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor=fill)
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def set_widths(ws: object, widths: Sequence[float]) -> None:
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w  # type: ignore[attr-defined]


def _sheet_part(zf: zipfile.ZipFile, sheet: str) -> str:
    book = zf.read("xl/workbook.xml").decode()
    rels = zf.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(rf'<sheet[^>]*name="{re.escape(sheet)}"[^>]*r:id="(rId\d+)"', book)
    assert rid, f"no sheet {sheet}"
    target = re.search(rf'<Relationship[^>]*Id="{rid.group(1)}"[^>]*Target="([^"]+)"', rels) or re.search(
        rf'<Relationship[^>]*Target="([^"]+)"[^>]*Id="{rid.group(1)}"', rels)
    assert target
    t = target.group(1)
    return t.lstrip("/") if t.startswith("/") else "xl/" + t


class ErrorValue(str):
    """A cached error result such as "#DIV/0!" (saved with t="e")."""


def set_cached_values(path: Path, sheet: str, values: dict[str, object]) -> None:
    """Give formula cells (written by openpyxl, so without a value) the value Excel would have cached."""
    with zipfile.ZipFile(path) as zf:
        part = _sheet_part(zf, sheet)
        items = [(i, zf.read(i.filename)) for i in zf.infolist()]
    out: list[tuple[zipfile.ZipInfo, bytes]] = []
    for info, data in items:
        if info.filename == part:
            xml = data.decode()
            for ref, value in values.items():
                pattern = re.compile(rf'<c r="{ref}"([^>]*)>(<f>.*?</f>)<v\s*/>')
                kind = ' t="e"' if isinstance(value, ErrorValue) else ' t="str"' if isinstance(value, str) else ""

                def cached(m: re.Match[str], ref: str = ref, kind: str = kind, value: object = value) -> str:
                    attrs = re.sub(r'\s+t="\w+"', "", m[1])
                    return f'<c r="{ref}"{attrs}{kind}>{m[2]}<v>{value}</v>'

                xml, n = pattern.subn(cached, xml)
                assert n == 1, f"no formula cell {ref} in {sheet}"
            data = xml.encode()
        out.append((info, data))
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in out:
            zf.writestr(info, data)
    tmp.replace(path)


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def libreoffice_resave(src: Path, outdir: Path) -> Path:
    """Let LibreOffice open and save ``src`` as .xlsx (recalculating formulas); returns the new file."""
    outdir.mkdir(parents=True, exist_ok=True)
    profile = outdir / "lo-profile"
    cmd = [soffice() or "soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
           "xlsx", "--outdir", str(outdir), str(src)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=180)
    out = outdir / (src.stem + ".xlsx")
    assert out.exists(), "LibreOffice wrote nothing"
    return out
