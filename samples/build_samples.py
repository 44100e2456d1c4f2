"""Write samples/uip2023.xlsx and samples/satspulje2017.xlsx the way a ministry colleague would.

Run: ``.venv/bin/python samples/build_samples.py``. Figures come from the seed texts (the 2023 UIP proposal
and its decision press release; the 2017 satspulje fact sheet and press release); their own disagreements
are kept and explained in the notes so the app shows them.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
from builders import set_cached_values, set_widths, style_header  # noqa: E402 - the test builders live beside the tests

THIN = Side(style="thin", color="9BA7B4")
SECTION_FILL = PatternFill("solid", fgColor="DDEBF7")
TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
AMOUNT_FORMAT = "#,##0.0"

# id, name, phase, theme, recipients, start, end, next phase, round, stated total, years 2023–2027,
# costs (pl, komp, eval, pulje, dir, andet), note
UIP_ADULTS = [
    ("V1", ("Behandlings- og støtteindsats til personer med udviklingshæmning o.l. og et problematisk forbrug "
     "af rusmidler"), "Modning", "Unge og voksne med udviklingshæmning og medfødt hjerneskade",
     "Kommuner, Social- og Boligstyrelsen og eksterne leverandør(er)", 2023, 2026, "Afprøvning", "UIP 2027",
     "19,8", ("12,7", "2,8", "2,7", "1,6", None), ("3,2", "2,2", "2,6", "11,8", None, None),
     "3,5-årigt; en eventuel afprøvning kan indstilles til UIP 2027."),
    ("V2", "Traume-Bevidst Tilgang med socialt udsatte voksne", "Modning",
     "En forebyggende og mindre indgribende indsats",
     "Kommuner, Social- og Boligstyrelsen og evt. leverandør(er)", 2023, 2026, "Afprøvning", "UIP 2027",
     "20,6", ("12,5", "3,1", "2,8", "2,1", None), ("3,1", "2,8", "2,9", "11,8", None, None),
     ("Fireårigt, færdiggøres i 2026. Kilden angiver 20,6 mio. kr. (\"Der afsættes\"), men årene i "
     "\"Forslag i alt\" summer til 20,5.")),
    ("V3", "CTI som overgangsstøtte til udsatte borgere", "Udbredelse",
     "Forebyggelse og en mindre indgribende indsats",
     "Social- og Boligstyrelsen og eventuelt leverandør(er)", 2023, 2026, None, None,
     "3,4", ("0,3", "1,4", "1,2", "0,4", None), ("2,4", "1,0", None, None, None, None),
     "Treårigt. Kilden angiver 3,4 mio. kr., men årene summer til 3,3."),
    ("V4", "Model for en opsporende indsats til mennesker i risiko for social udsathed", "Screening",
     "Forebyggelse og en mindre indgribende indsats",
     "Social- og Boligstyrelsen og eventuelt leverandør(er)", 2023, "primo 2024", "Modning", "UIP 2025",
     "1,1", ("0,2", "0,9", "0,0", "0,0", None), ("0,2", None, None, None, None, "0,9"),
     "Toårigt, færdiggøres primo 2024. Andet = vidensudviklende aktiviteter."),
    ("V5", ("Organisatoriske og faglige principper for at arbejde forebyggende med mennesker med sociale og "
     "psykiske problemstillinger"), "Screening", "En forebyggende og mindre indgribende indsats",
     "Social- og Boligstyrelsen og eventuelt leverandør(er)", 2023, "primo 2024", "Modning", "UIP 2025",
     "1,9", ("0,4", "1,5", "0,0", "0,0", None), ("0,4", None, None, None, None, "1,5"),
     "Toårigt, færdiggøres primo 2024. Andet = vidensudviklende aktiviteter."),
    ("V6", ("En recovery-orienteret rehabiliterende tilgang i kommunale indsatser til voksne med handicap, i "
     "social udsathed eller med psykiske vanskeligheder"), "Modning",
     "En forebyggende og mindre indgribende indsats",
     "Social- og Boligstyrelsen og eventuelt leverandør(er)", 2023, 2026, "Afprøvning", "UIP 2027",
     "12,2", ("2,4", "4,2", "3,4", "2,2", None), ("3,7", "5,6", "2,9", None, None, None),
     "3,5-årigt."),
    ("V7", "Helhedsorienteret sundhedsindsats til borgere med handicap og/eller psykiske vanskeligheder",
     "Modning", "Håndtering af sundhedsrelaterede problemstillinger på det sociale område",
     "Social- og Boligstyrelsen og eventuelt Sundhedsstyrelsen og leverandør(er)", 2023, 2026, "Afprøvning",
     "UIP 2027", "7,8", ("0,8", "2,6", "2,3", "2,1", None), ("4,0", "1,4", "2,4", None, None, None),
     ("3,5-årigt. Nævnes ikke i pressemeddelelsen af 29-06-2023, som i stedet nævner en afdækning af "
     "muligheder for at styrke datainfrastrukturen på socialområdet.")),
]
UIP_CHILDREN = [
    ("B1", "Traumefokuseret behandling i landets børnehuse til børn udsat for seksuelle overgreb og vold",
     "Udbredelse", "Børn og unge udsat for seksuel vold og psykisk/fysisk vold",
     "Børnehusene, Social- og Boligstyrelsen og eventuelt leverandør(er)", 2023, 2025, None, None,
     "5,1", ("2,4", "1,6", "1,1", "0,0", None), ("4,1", None, None, None, "1,0", None), "Treårigt."),
    ("B2", ("Tværsektorielt samarbejde i helhedsorienteret indsats til børn af forældre med psykisk sygdom "
     "(VIA Family 2.0)"), "Modning", "Børn og unge i psykisk mistrivsel",
     ("Social- og Boligstyrelsen, Forskningscenter for FamilieBaserede Indsatser (FBI) og eventuelt "
     "leverandør(er)"), 2023, 2027, "Afprøvning", "UIP 2029",
     "9,5", ("3,6", "1,5", "1,5", "1,5", "1,4"), ("4,4", None, "2,4", None, "2,7", None),
     "Femårigt, færdiggøres i 2027; en videreførelse kan indstilles til UIP 2029."),
    ("B3", "Åben Dialog til unge i psykisk mistrivsel", "Udbredelse", "Børn og unge i psykisk mistrivsel",
     "Kommuner, Social- og Boligstyrelsen og eventuelt leverandør(er)", 2023, 2026, None, None,
     "9,5", ("1,0", "4,2", "3,7", "0,6", None), ("5,3", "4,2", None, None, None, None), "Fireårigt."),
    ("B4", "Model til opsporing og håndtering af overgreb mod anbragte børn og unge med handicap", "Modning",
     "Anbragte børn og unge",
     ("Åbne kommunale, regionale og selvejende døgninstitutioner samt socialpædagogiske opholdssteder, "
     "Social- og Boligstyrelsen og eventuelt leverandør(er)"), 2023, 2026, "Afprøvning", "UIP 2028",
     "18,1", ("10,8", "2,8", "2,2", "2,3", None), ("5,6", None, "2,5", "10,0", None, None),
     "Fireårigt, færdiggøres i 2026."),
    ("B5", "Kvalitet i anbringelsen – skolegang og læring", "Modning", "Anbragte børn og unge",
     ("Kommuner i samarbejde med kommunale, regionale og selvejende døgninstitutioner og socialpædagogiske "
     "opholdssteder i egen kommune"), 2023, 2026, "Afprøvning", "UIP 2028",
     "18,7", ("11,0", "3,2", "2,2", "2,2", None), ("5,6", None, "2,8", "10,2", None, None),
     "Fireårigt, færdiggøres i 2026. Kilden angiver 18,7 mio. kr., men årene summer til 18,6."),
    ("B6", "Løbende inddragelse af anbragte børn og unge", "Screening", "Anbragte børn og unge",
     "Social- og Boligstyrelsen og eventuelt leverandør(er)", 2023, 2024, "Modning", "UIP 2026",
     "1,2", ("0,6", "0,6", "0,0", "0,0", None), ("0,3", None, None, None, None, "0,9"),
     "Toårigt, færdiggøres 2024. Andet = vidensudviklende aktiviteter."),
]
UIP_HEADER = ["Nr.", "Initiativ", "Udviklingstrin", "Hovedtema", "Tilskudsmodtagere", "Startår", "Slut",
              "Næste fase", "Kan indstilles til", "I alt", 2023, 2024, 2025, 2026, 2027, "Projektledelse",
              "Kompetenceudvikling", "Evaluering", "Ansøgningspulje", "Direkte tilskud", "Andet", "Bemærkning"]


def _num(text: str | None) -> float | None:
    return None if text is None else float(Decimal(text.replace(",", ".")))


def _box(ws: object, row: int, ncols: int) -> None:
    for c in range(1, ncols + 1):
        ws.cell(row=row, column=c).border = Border(top=THIN, bottom=THIN, left=THIN, right=THIN)  # type: ignore


def build_uip2023(path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Forslag UIP 2023"
    n = len(UIP_HEADER)
    ws.append(["Udviklings- og Investeringsprogrammer 2023 – forslag til udmøntning"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=n)
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([])
    meta = [("Program:", "Udviklings- og Investeringsprogrammer 2023"), ("Prisniveau:", "2023-PL"),
            ("Enhed:", "mio. kr."), ("Ramme:", 132.1),
            ("Kilde:", ("Forslag til udmøntning af UIP 2023; beslutning om fordeling 29-06-2023 "
                       "(132,1 mio. kr. over de næste fire år)"))]
    for label, value in meta:
        ws.append([label, value])
        ws.cell(row=ws.max_row, column=1).font = Font(bold=True)
    ws["B6"].number_format = AMOUNT_FORMAT
    ws["B6"].alignment = Alignment(horizontal="left")
    ws.append([])
    ws.append(UIP_HEADER)
    header_row = ws.max_row
    style_header(ws, header_row, n)
    first = header_row + 1
    for label, items in (("Initiativer på voksenområdet", UIP_ADULTS),
                         ("Initiativer på børne- og ungeområdet", UIP_CHILDREN)):
        if ws.max_row > header_row:
            ws.append([])
        ws.append([label])
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=n)
        cell = ws.cell(row=ws.max_row, column=1)
        cell.font, cell.fill = Font(bold=True), SECTION_FILL
        for (iid, name, phase, theme, recipients, start, end, nxt, rnd, stated, years, costs, note) in items:
            ws.append([iid, name, phase, theme, recipients, start, end, nxt, rnd, _num(stated),
                       *[_num(y) for y in years], *[_num(c) for c in costs], note])
            r = ws.max_row
            _box(ws, r, n)
            for c in range(10, 22):
                ws.cell(row=r, column=c).number_format = AMOUNT_FORMAT
            for c in (2, 4, 5, 22):
                ws.cell(row=r, column=c).alignment = Alignment(wrap_text=True, vertical="top")
    last = ws.max_row
    ws.append([])
    ws.append([None, "Forslag i alt"])
    total_row = ws.max_row
    cached: dict[str, object] = {}
    letters = "JKLMNO"
    sums = {"J": "128.9", "K": "58.7", "L": "30.4", "M": "23.1", "N": "15", "O": "1.4"}
    for letter in letters:
        ws[f"{letter}{total_row}"] = f"=SUM({letter}{first}:{letter}{last})"
        ws[f"{letter}{total_row}"].number_format = AMOUNT_FORMAT
        cached[f"{letter}{total_row}"] = sums[letter]
    for c in range(1, n + 1):
        ws.cell(row=total_row, column=c).font = Font(bold=True)
        ws.cell(row=total_row, column=c).fill = TOTAL_FILL
    set_widths(ws, [6, 48, 13, 30, 34, 8, 11, 12, 12, 8, 7, 7, 7, 7, 7, 11, 11, 10, 11, 10, 8, 50])
    ws.freeze_panes = f"C{header_row + 1}"
    ws.sheet_view.zoomScale = 90
    wb.properties.creator = "Social-, Bolig- og Ældreministeriet"
    wb.save(path)
    set_cached_values(path, ws.title, cached)


SATS_HEADER = ["ID", "Initiative", "Area", "Phase (SUSI)", "Theme", "Recipients", "Period", "Total",
               "2017 (mio. kr.)", "2018 (mio. kr.)", "2019 (mio. kr.)", "2020 (mio. kr.)", "Application pool",
               "Notes"]
SATS = [
    ("S1", "Investering i forebyggende indsatser i regi af Pædagogisk Psykologisk Rådgivning (PPR)",
     "Børne- og ungeområdet", "Afprøvning", "Sårbare og udsatte børn og unge i dagtilbud og skole",
     "Ca. 10 kommuner i partnerskab med Socialstyrelsen", "ultimo 2017–2020", "123,1",
     ("123,1", None, None, None), "123,1",
     ("Pressemeddelelse 18-05-2017: 123,1 mio. kr., alle midler udmøntes i 2017; projektperiode ultimo 2017 "
     "til 2020. Fase antaget (initiativet er fra før SUSI).")),
    ("S2", "Investering i efterværn til unge (tidligere anbragte)", "Børne- og ungeområdet", "Udbredelse",
     "Tidligere anbragte unge på vej ind i voksenlivet", "4-7 kommuner i partnerskab med Socialstyrelsen",
     "efterår 2017 – 2020", "59,5", ("29,75", "29,75", None, None), "59,5",
     ("Pressemeddelelse 18-05-2017: 59,5 mio. kr. i to ansøgningsrunder (efterår 2017 og forår 2018); "
     "projektperioden løber ca. tre år. Fordeling antaget: ligeligt på 2017 og 2018. Fase antaget. "
     "Nævnes ikke i faktaarket.")),
    ("S3", "Styrke børn og unges handlekraft og sociale færdigheder (mentalisering)", "Børne- og ungeområdet",
     "Afprøvning", "Anbragte børn og unge 12-20 år på døgninstitutioner og opholdssteder",
     "15-20 åbne anbringelsessteder", "ultimo 2017–2020", "32,6", ("8,15", "8,15", "8,15", "8,15"), "14,0",
     ("Pressemeddelelse 18-05-2017: 32,6 mio. kr., heraf 14,0 mio. kr. til anbringelsessteder "
     "(ansøgningsrunde efteråret 2017). Fordeling antaget: ligeligt på 2017-2020. Fase antaget.")),
    ("S4", "Socialøkonomisk investeringsmodel (SØM) på børneområdet", "Børne- og ungeområdet", "Modning",
     "Økonomisk potentiale af indsatser for udsatte børn og unge", "Socialstyrelsen", None, None,
     (None, None, None, None), None,
     "Faktaarket nævner initiativet, men ingen af kilderne angiver et beløb. Fase antaget."),
]


def build_satspulje2017(path: Path) -> None:
    wb = Workbook()
    info = wb.active
    info.title = "Programme"
    for row in (["Programme", ("Satspulje 2017: investering i virksomme indsatser til udsatte og sårbare børn "
                              "og unge")],
                ["Price level", "2017-PL"], ["Unit", "mio. kr."], [],
                ["Sources", "Faktaark (satspuljeaftalen 2017): i alt 183,8 mio. kr."],
                [None, ("Pressemeddelelse 18-05-2017: 196,6 mio. kr. (PPR 123,1; efterværn 59,5; "
                       "mentalisering 32,6)")],
                [None, "123,1 + 59,5 + 32,6 = 215,2 mio. kr., hvilket hverken svarer til 183,8 eller 196,6."]):
        info.append(row)
    info["A1"].font = info["A2"].font = info["A3"].font = info["A5"].font = Font(bold=True)
    set_widths(info, [14, 100])
    ws = wb.create_sheet("Satspulje 2017")
    n = len(SATS_HEADER)
    ws.append(["Satspuljeaftalen 2017 – udsatte og sårbare børn og unge (oversigt)"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=n)
    ws["A1"].font = Font(bold=True, size=13, color="1F4E78")
    ws.append([])
    ws.append(SATS_HEADER)
    style_header(ws, 3, n, fill="385723")
    for (iid, name, area, phase, theme, recipients, period, total, years, pool, note) in SATS:
        # Colleagues paste figures as text: totals and the odd yearly amount stay "123,1".
        year_cells = [_num(y) if i % 2 else y for i, y in enumerate(years)]
        ws.append([iid, name, area, phase, theme, recipients, period, total, *year_cells, _num(pool), note])
        _box(ws, ws.max_row, n)
        for c in (2, 5, 6, 14):
            ws.cell(row=ws.max_row, column=c).alignment = Alignment(wrap_text=True, vertical="top")
    last = ws.max_row
    # Typed, not summed: the colleague copied the totals from the agreement's own table.
    ws.append(["Total", None, None, None, None, None, None, "215,2", 161.0, "37,9", 8.15, 8.15])
    total_row = ws.max_row
    ws.append(["Frame", None, None, None, None, None, None, "196,6", None, None, None, None, None,
               "Pressemeddelelse 18-05-2017; faktaarket siger 183,8 mio. kr."])
    for r in (total_row, total_row + 1):
        for c in range(1, n + 1):
            ws.cell(row=r, column=c).font = Font(bold=True)
            ws.cell(row=r, column=c).fill = TOTAL_FILL
    ws.column_dimensions["M"].hidden = True  # the application pool is kept for the record, hidden in print
    set_widths(ws, [5, 46, 20, 12, 30, 28, 18, 8, 10, 10, 10, 10, 12, 60])
    ws.freeze_panes = "C4"
    wb.active = 1
    wb.save(path)
    assert last == 7


def main() -> None:
    build_uip2023(HERE / "uip2023.xlsx")
    build_satspulje2017(HERE / "satspulje2017.xlsx")
    print("wrote", HERE / "uip2023.xlsx", "and", HERE / "satspulje2017.xlsx")


if __name__ == "__main__":
    main()
