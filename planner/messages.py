"""Danish and English texts for findings, errors and CLI output (planner/ has no Qt, so no tr()).

Each entry is (Danish, English), formatted with the finding's params. A missing key still gives a
readable line, so a new code never crashes the UI.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planner.errors import WorkbookError
    from planner.findings import Finding

FINDINGS: dict[str, tuple[str, str]] = {
    "stated_total_mismatch": (
        "{id}: den angivne total {stated} passer ikke med summen af årene {sum} (forskel {diff}).",
        "{id}: the stated total {stated} differs from the sum of the years {sum} (difference {diff}).",
    ),
    "amount_outside_years": (
        "{id}: {amount} i {year} ligger uden for perioden {start}–{end}. Ret perioden eller flyt beløbet.",
        "{id}: {amount} in {year} is outside the period {start}–{end}. Correct the period or move the amount.",
    ),
    "negative_amount": (
        "{id}: negativt beløb {amount} i {field}. Bevillinger kan ikke være negative; ret tallet.",
        "{id}: negative amount {amount} in {field}. Allocations cannot be negative; correct the figure.",
    ),
    "amount_too_large": (
        "{id}: {value} i {field} er for stort til at være et beløb. Ret tallet; det er ikke læst ind.",
        "{id}: {value} in {field} is too large to be an amount. Correct the figure; it was not read.",
    ),
    "not_a_number": (
        "{id}: '{value}' i {field} er ikke et tal. Skriv beløbet som fx 12,7.",
        "{id}: '{value}' in {field} is not a number. Write the amount as e.g. 12.7.",
    ),
    "duplicate_id": (
        "Id '{id}' bruges af flere initiativer (rækkerne {rows}). Giv hvert initiativ sit eget id.",
        "Id '{id}' is used by several initiatives (rows {rows}). Give each initiative its own id.",
    ),
    "missing_id": (
        "Initiativet '{name}' har intet id; det har fået id '{id}'. Skriv et id i kolonnen.",
        "The initiative '{name}' has no id; it was given id '{id}'. Write an id in the column.",
    ),
    "unknown_phase": (
        "{id}: '{text}' er ikke en SUSI-fase (Screening, Modning, Afprøvning, Udbredelse).",
        "{id}: '{text}' is not a SUSI phase (Screening, Maturing, Testing, Dissemination).",
    ),
    "missing_phase": (
        "{id}: ingen SUSI-fase angivet.",
        "{id}: no SUSI phase given.",
    ),
    "over_frame_total": (
        "Bevillingerne {allocated} overstiger rammen {frame} med {excess}.",
        "The allocations {allocated} exceed the frame {frame} by {excess}.",
    ),
    "over_frame_year": (
        "{year}: bevillingerne {allocated} overstiger årets ramme {frame} med {excess}.",
        "{year}: the allocations {allocated} exceed the year's frame {frame} by {excess}.",
    ),
    "frame_mismatch": (
        "Rammen pr. år summer til {sum}, men den samlede ramme er {total}.",
        "The yearly frame adds up to {sum}, but the total frame is {total}.",
    ),
    "formula_no_cache": (
        "{id}: cellen har en formel ({formula}) uden beregnet værdi. Åbn og gem filen i Excel eller "
        "LibreOffice, så værdierne bliver beregnet.",
        "{id}: the cell holds a formula ({formula}) with no calculated value. Open and save the file in "
        "Excel or LibreOffice so the values are calculated.",
    ),
    "formula_values_used": (
        "{count} formler er læst med deres senest beregnede værdier.",
        "{count} formulas were read with their last calculated values.",
    ),
    "years_not_contiguous": (
        "Årskolonnerne {years} er ikke sammenhængende; mangler {missing}.",
        "The year columns {years} are not contiguous; {missing} missing.",
    ),
    "year_absurd": (
        "Årstallet {year} i kolonnens overskrift er ikke plausibelt (forventet 1990–2100).",
        "The year {year} in the column header is not plausible (expected 1990–2100).",
    ),
    "period_reversed": (
        "{id}: slutåret {end} ligger før startåret {start}.",
        "{id}: the end year {end} is before the start year {start}.",
    ),
    "rows_skipped": (
        "{count} rækker uden initiativ blev sprunget over (overskrifter, tomme rækker, totaler).",
        "{count} rows without an initiative were skipped (section headings, blank rows, totals).",
    ),
    "hidden_columns": (
        "Skjulte kolonner er læst med: {columns}.",
        "Hidden columns were read too: {columns}.",
    ),
    "long_text": (
        "{id}: teksten i {field} er {length} tegn lang og vises forkortet.",
        "{id}: the text in {field} is {length} characters long and is shown shortened.",
    ),
    "external_links": (
        "Projektmappen har eksterne links ({count}); deres værdier er de senest gemte og opdateres ikke.",
        "The workbook has external links ({count}); their values are the last saved ones and are not updated.",
    ),
    "csv_read": (
        "CSV-filen er læst som {format}.",
        "The CSV file was read as {format}.",
    ),
    "totals_row_mismatch": (
        "Totalrækken ({row}) angiver {stated} for {year}, men initiativerne summer til {sum}.",
        "The totals row ({row}) states {stated} for {year}, but the initiatives add up to {sum}.",
    ),
    "bad_period": (
        "{id}: '{value}' er ikke et år eller kvartal. Skriv fx 2023, Q3 2023 eller primo 2024.",
        "{id}: '{value}' is not a year or quarter. Write e.g. 2023, Q3 2023 or primo 2024.",
    ),
    "no_initiatives": (
        "Arket har en overskriftsrække, men ingen initiativer.",
        "The sheet has a header row but no initiatives.",
    ),
}

ERRORS: dict[str, tuple[str, str]] = {
    "not_found": ("Filen findes ikke. Vælg en anden fil.", "The file does not exist. Choose another file."),
    "unreadable": (
        "Filen kan ikke læses ({reason}). Tjek at du har adgang til den.",
        "The file cannot be read ({reason}). Check that you have access to it.",
    ),
    "empty_file": (
        "Filen er tom (0 byte). Vælg den rigtige fil eller hent en ny kopi.",
        "The file is empty (0 bytes). Choose the right file or get a fresh copy.",
    ),
    "not_a_workbook": (
        "Filen er ikke en Excel-projektmappe ({kind}). Gem den som .xlsx i Excel eller LibreOffice.",
        "The file is not an Excel workbook ({kind}). Save it as .xlsx in Excel or LibreOffice.",
    ),
    "damaged_zip": (
        "Projektmappen er beskadiget eller ufuldstændig ({reason}). Hent en ny kopi af filen.",
        "The workbook is damaged or incomplete ({reason}). Get a fresh copy of the file.",
    ),
    "encrypted": (
        "Projektmappen er beskyttet med adgangskode. Fjern adgangskoden i Excel (Filer > Info > "
        "Beskyt projektmappe) og gem igen.",
        "The workbook is password-protected. Remove the password in Excel (File > Info > Protect "
        "Workbook) and save again.",
    ),
    "old_xls": (
        "Filen er i det gamle .xls-format. Gem den som .xlsx (Excel-projektmappe) i Excel eller LibreOffice.",
        "The file is in the old .xls format. Save it as .xlsx (Excel Workbook) in Excel or LibreOffice.",
    ),
    "no_sheets": (
        "Projektmappen har ingen ark med data.",
        "The workbook has no sheets with data.",
    ),
    "no_header": (
        "Ingen overskriftsrække med initiativer fundet (forventet fx 'Nr.', 'Initiativ' og årstal som "
        "2023). Tilføj overskrifterne, jf. docs/workbook-format.md.",
        "No header row with initiatives found (expected e.g. 'ID', 'Initiative' and years like 2023). "
        "Add the headers, see docs/workbook-format.md.",
    ),
    "missing_column": (
        "Kolonnen '{column}' mangler i overskriftsrækken. Tilføj en kolonne med overskriften '{column}'.",
        "The column '{column}' is missing from the header row. Add a column headed '{column}'.",
    ),
    "too_large": (
        "Filen er for stor til at blive læst sikkert ({reason}).",
        "The file is too large to be read safely ({reason}).",
    ),
    "unsafe": (
        "Filen er afvist af sikkerhedshensyn ({reason}).",
        "The file was refused for safety ({reason}).",
    ),
    "csv_unreadable": (
        "CSV-filen kan ikke læses ({reason}). Gem den som .xlsx eller som CSV med ; og decimalkomma.",
        "The CSV file cannot be read ({reason}). Save it as .xlsx or as CSV with ; and decimal comma.",
    ),
    "text_not_workbook": (
        "Filen er en tekstfil ({suffix}), ikke en Excel-projektmappe. Er det CSV, så omdøb den til .csv; "
        "ellers gem den som .xlsx i Excel eller LibreOffice.",
        "The file is a text file ({suffix}), not an Excel workbook. If it is CSV, rename it to .csv; "
        "otherwise save it as .xlsx in Excel or LibreOffice.",
    ),
    "binary_not_workbook": (
        "Filen er ikke en Excel-projektmappe, men ukendte binære data (begynder med {start}). "
        "Vælg den rigtige fil eller gem den som .xlsx.",
        "The file is not an Excel workbook but unknown binary data (starts with {start}). "
        "Choose the right file or save it as .xlsx.",
    ),
    "unknown_initiative": (
        "Initiativet '{id}' findes ikke. Brug et id som V1 eller initiativets navn.",
        "The initiative '{id}' does not exist. Use an id like V1 or the initiative's name.",
    ),
    "unknown_year": (
        "Året {year} er ikke med i porteføljen ({years}).",
        "The year {year} is not part of the portfolio ({years}).",
    ),
    "bad_amount": (
        "'{value}' er ikke et beløb. Skriv fx 2,5 eller 2.5.",
        "'{value}' is not an amount. Write e.g. 2,5 or 2.5.",
    ),
    "bad_argument": ("{reason}", "{reason}"),
    "cancelled": ("Indlæsningen blev afbrudt.", "Loading was cancelled."),
    "macros_need_xlsm": (
        "Projektmappen har makroer og skal gemmes som .xlsm for at beholde dem. Vælg filtypen .xlsm.",
        "The workbook has macros and must be saved as .xlsm to keep them. Choose the .xlsm file type.",
    ),
    "write_failed": (
        "Filen kunne ikke gemmes ({reason}). Originalen er uændret.",
        "The file could not be saved ({reason}). The original is unchanged.",
    ),
}


def _lang_index(lang: str) -> int:
    return 1 if lang.startswith("en") else 0


AMOUNT_PARAMS = frozenset({"stated", "sum", "diff", "amount", "allocated", "frame", "excess", "total"})


def _localise(params: dict[str, str], lang: str) -> dict[str, str]:
    """Amount params are stored as plain decimals ("20.6") and shown the language's way ("20,6")."""
    from decimal import Decimal, InvalidOperation

    from planner.amounts import format_amount

    out = dict(params)
    for key in AMOUNT_PARAMS & params.keys():
        try:
            out[key] = format_amount(Decimal(params[key]), lang)
        except (InvalidOperation, ValueError):
            pass
    return out


def _format(table: dict[str, tuple[str, str]], code: str, params: dict[str, str], lang: str) -> str:
    params = _localise(params, lang)
    entry = table.get(code)
    if entry is None:
        details = ", ".join(f"{k}={v}" for k, v in params.items())
        return f"{code}" + (f" ({details})" if details else "")
    try:
        return entry[_lang_index(lang)].format(**params)
    except (KeyError, IndexError):
        return entry[_lang_index(lang)]


def finding_message(finding: Finding, lang: str = "da") -> str:
    return _format(FINDINGS, finding.code, finding.params, lang)


def error_message(error: WorkbookError, lang: str = "da") -> str:
    return _format(ERRORS, error.code, error.params, lang)
