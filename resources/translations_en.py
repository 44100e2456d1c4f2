"""English texts for the Danish source strings of the user interface (source → English).

Maintained by hand; ``scripts/update_translations.py`` writes them into ``planner_en.ts`` and compiles
``planner_en.qm``. Keep the ``&`` mnemonics unique within each menu and every ``{placeholder}``.
SUSI phases: Screening, Maturing, Testing, Dissemination; "ramme" is the funding frame, "basis" the
baseline (the figures as loaded), "mio. kr." is DKK m.
"""

from __future__ import annotations

EN: dict[str, str] = {
    # -- menus ---------------------------------------------------------------------------------------
    "&Filer": "&File",
    "&Rediger": "&Edit",
    "&Operationer": "&Operations",
    "&Vis": "&View",
    "&Indstillinger": "&Settings",
    "&Sprog": "&Language",
    "&Hjælp": "&Help",
    # File
    "&Ny": "&New",
    "Start en tom portefølje": "Start an empty portfolio",
    "Å&bn …": "&Open …",
    "Åbn en projektmappe (.xlsx)": "Open a workbook (.xlsx)",
    "Åbn senes&te": "Open &Recent",
    "&Ryd listen": "&Clear List",
    "(ingen)": "(none)",
    "&Gem": "&Save",
    "Gem i den samme projektmappe": "Save into the same workbook",
    "Gem &som …": "Save &As …",
    "Gem i en ny projektmappe": "Save into a new workbook",
    "&Eksportér billede …": "&Export Picture …",
    "Gem den viste graf som PNG, SVG eller PDF": "Save the chart shown as PNG, SVG or PDF",
    "&Luk": "&Close",
    "Luk projektmappen": "Close the workbook",
    "&Afslut": "&Quit",
    "Afslut programmet": "Quit the program",
    "Åbn projektmappe": "Open Workbook",
    "Gem projektmappe": "Save Workbook",
    "Eksportér billede": "Export Picture",
    "Åbner projektmappe": "Opening workbook",
    "Læser {name} …": "Reading {name} …",
    "Læser {path} …": "Reading {path} …",
    "Åbnede {name}": "Opened {name}",
    "Åbning annulleret": "Opening cancelled",
    "Projektmappen kan ikke åbnes": "The workbook cannot be opened",
    "Projektmappen kan ikke gemmes": "The workbook cannot be saved",
    "Gemt i {name}": "Saved to {name}",
    "Billedet kan ikke gemmes": "The picture cannot be saved",
    "Billede gemt i {name}": "Picture saved to {name}",
    "Annullér": "Cancel",
    "&Annullér": "&Cancel",
    "&Kassér": "&Discard",
    "Ny portefølje": "New portfolio",
    "en ny portefølje": "a new portfolio",
    "Vil du gemme ændringerne i {name}?": "Do you want to save the changes to {name}?",
    "Dine ændringer går tabt, hvis du ikke gemmer dem.": "Your changes will be lost if you don't save them.",
    # Edit
    "&Fortryd": "&Undo",
    "&Gentag": "&Redo",
    "Fortrydelses&historik": "Undo &History",
    "Fortrydelseshistorik": "Undo history",
    "Historik": "History",
    "Som indlæst": "As loaded",
    "Vis alle ændringer; klik på et trin for at gå tilbage til det":
        "Show all changes; click a step to go back to it",
    "&Lås initiativ": "&Lock Initiative",
    "Låste beløb ændres aldrig af operationer": "Locked amounts are never changed by operations",
    "Lås &år for initiativ": "Lock &Year for Initiative",
    "Lås &år {year} for {id}": "Lock &Year {year} for {id}",
    "Lås den valgte celle (initiativ og år)": "Lock the selected cell (initiative and year)",
    "Lås {id}": "Lock {id}",
    "Lås {id} op": "Unlock {id}",
    "Lås {id} {year}": "Lock {id} {year}",
    "Lås {id} {year} op": "Unlock {id} {year}",
    "Ret {id} {cost}": "Edit {id} {cost}",
    # Operations
    "Tilpas til &rammen (alle år)": "Fit to the &Frame (All Years)",
    "Skalér de ulåste beløb, så bevillingerne rammer rammen præcist":
        "Scale the unlocked amounts so the allocations match the frame exactly",
    "Tilpas &valgt år til rammen …": "Fit &Selected Year to the Frame …",
    "Skalér de ulåste beløb i ét år, så året rammer sin ramme":
        "Scale the unlocked amounts of one year so the year matches its frame",
    "&Flyt beløb …": "&Move Amount …",
    "Flyt et beløb for det valgte initiativ fra ét år til et andet":
        "Move an amount of the selected initiative from one year to another",
    "Fordel &jævnt": "Spread &Evenly",
    "Fordel det valgte initiativs total jævnt over dets år":
        "Spread the selected initiative's total evenly over its years",
    "Fordel efter &profil af …": "Spread by &Profile of …",
    "Fordel det valgte initiativs total som et andet initiativs år":
        "Spread the selected initiative's total like another initiative's years",
    "Sæt &total …": "Set &Total …",
    "Ændr det valgte initiativs total; årene følger med":
        "Change the selected initiative's total; the years follow",
    "&Nulstil initiativ til basis": "&Reset Initiative to Baseline",
    "Giv det valgte initiativ tallene som indlæst igen": "Give the selected initiative its figures as loaded",
    "Nulstil &alt til basis": "Reset &All to Baseline",
    "Giv alle initiativer tallene som indlæst igen": "Give every initiative its figures as loaded",
    "Nulstil alt til basis": "Reset all to baseline",
    "Nulstil {id} til basis": "Reset {id} to baseline",
    "Operationen kan ikke udføres": "The operation cannot be carried out",
    "Intet at ændre: tallene er allerede sådan.": "Nothing to change: the figures are already like that.",
    "Vælg et initiativ i tabellen først.": "Select an initiative in the table first.",
    "Vælg en års-celle i tabellen først.": "Select a year cell in the table first.",
    "Skriv et beløb.": "Type an amount.",
    "Beløb (mio. kr.):": "Amount (DKK m):",
    "Total (mio. kr.):": "Total (DKK m):",
    "Flyt beløb": "Move Amount",
    "Flyt et beløb for {id} fra ét år til et andet; totalen er den samme.":
        "Move an amount of {id} from one year to another; the total stays the same.",
    "Fra år:": "From year:",
    "Til år:": "To year:",
    "År:": "Year:",
    "Profil:": "Profile:",
    "Fordel efter profil": "Spread by Profile",
    "Fordel totalen for {id} over årene i samme forhold som et andet initiativ.":
        "Spread the total of {id} over the years in the same proportions as another initiative.",
    "Sæt total": "Set Total",
    "Ny total for {id}; de ulåste år følger med i samme forhold.":
        "New total for {id}; the unlocked years follow in the same proportions.",
    "Tilpas år til rammen": "Fit Year to the Frame",
    "De ulåste beløb i året skaleres, så året rammer sin ramme præcist.":
        "The unlocked amounts of the year are scaled so the year matches its frame exactly.",
    "Fordelt": "Allocated",
    "Rest": "Remainder",
    "Porteføljen har ingen ramme pr. år. Brug Tilpas til rammen (alle år) for den samlede ramme.":
        "The portfolio has no frame per year. Use Fit to the Frame (All Years) for the total frame.",
    # View
    "&Tidslinje": "&Timeline",
    "Efter &fase": "By P&hase",
    "&Budget": "&Budget",
    "Initiativerne over årene, farvet efter SUSI-fase": "The initiatives over the years, coloured by SUSI phase",
    "De fire SUSI-faser som baner med beløb pr. år": "The four SUSI phases as lanes with amounts per year",
    "Bevillinger pr. år mod rammen": "Allocations per year against the frame",
    "Tilpas &alt": "Fit &All",
    "Vis alle år og initiativer": "Show all years and initiatives",
    "&Statusdato …": "&Status Date …",
    "Vis en statusdato på tidslinjen, fx til en rapport": "Show a status date on the timeline, e.g. for a report",
    "&Præsentation": "&Presentation",
    "Fuld skærm med tidslinjen og nøgletal; piletaster skifter område":
        "Full screen with the timeline and key figures; arrow keys change area",
    "Vis æn&dringer mod basis": "Show Cha&nges Against Baseline",
    "Δ-kolonne og markering af celler, der afviger fra tallene som indlæst":
        "Δ column and marking of cells that differ from the figures as loaded",
    "Vis &omkostningsfordeling": "Show &Cost Breakdown",
    "Kolonner med omkostningsfordelingen (kan redigeres)": "Columns with the cost breakdown (editable)",
    # Help
    "&Om Portfolio Planner": "&About Portfolio Planner",
    "Om Portfolio Planner": "About Portfolio Planner",
    "<b>Portfolio Planner</b> {version}": "<b>Portfolio Planner</b> {version}",
    "Planlægning af sociale udviklingsprogrammer: initiativer på SUSI-trappen (Screening, Modning, "
    "Afprøvning, Udbredelse), beløb pr. år og rammen – direkte fra Excel-projektmapper.":
        "Planning social development programmes: initiatives on the SUSI ladder (Screening, Maturing, "
        "Testing, Dissemination), amounts per year and the frame – straight from Excel workbooks.",
    "&Brugervejledning": "&User Guide",
    "Brugervejledning": "User Guide",
    "Læs vejledningen til programmet": "Read the guide to the program",
    "Brugervejledningen findes ikke: {path}": "The user guide is missing: {path}",
    "Åbn &logmappe": "Open &Log Folder",
    "Åbn logmappe": "Open log folder",
    "Vis mappen med programmets logfil, fx til en fejlrapport":
        "Show the folder with the program's log file, e.g. for a bug report",
    # Settings
    "Vælg sprog for menuer, tabeller og tal": "Choose the language of menus, tables and numbers",
    # About dialog
    "Om {app}": "About {app}",
    "Version {version}": "Version {version}",
    "Version": "Version",
    "Biblioteker": "Libraries",
    "Bibliotek": "Library",
    "Licens": "Licence",
    "Programmet bruger disse biblioteker:": "The program uses these libraries:",
    "Kopiér": "Copy",
    "Kopiér teksten, fx til en fejlrapport": "Copy the text, e.g. for a bug report",
    "Luk": "Close",
    "Kører med Qt {qt} · Python {python} · {system}": "Running with Qt {qt} · Python {python} · {system}",
    "Planlægning af puljer på socialområdet: initiativer på SUSI-stigen (Screening, Modning, Afprøvning, "
    "Udbredelse) på en tidslinje, bevillinger år for år mod rammen, genbalancering og scenarier. "
    "Excel-arbejdsbogen er kilden; kun ændrede celler skrives tilbage.":
        "Planning grant pools in the social sector: initiatives on the SUSI ladder (Screening, Maturing, "
        "Testing, Dissemination) on a timeline, allocations year by year against the frame, re-balancing "
        "and scenarios. The Excel workbook is the source; only changed cells are written back.",
    "PySide6 og Qt bruges under GNU LGPL v3: de ligger som separate filer i programmappen og kan udskiftes "
    "med en anden version. Kildekoden findes på qt.io.":
        "PySide6 and Qt are used under the GNU LGPL v3: they are separate files in the program folder and "
        "can be replaced with another version. The source code is available at qt.io.",
    # Crash handler and recovery
    "Uventet fejl": "Unexpected error",
    "Der opstod en uventet fejl. Programmet kører videre, og dine data er som før fejlen. Gem dit arbejde, "
    "og prøv igen.":
        "An unexpected error occurred. The program keeps running and your data are as before the error. "
        "Save your work and try again.",
    "Der opstod endnu en uventet fejl; se logfilen: {path}": "Another unexpected error occurred; see the log file: {path}",
    "{summary}\n\nDetaljerne står i logfilen:\n{path}": "{summary}\n\nThe details are in the log file:\n{path}",
    "Gendan ikke-gemte ændringer": "Restore unsaved changes",
    "Portfolio Planner blev ikke lukket korrekt. Der er ikke-gemte ændringer i {name} fra {when}.\n\n"
    "Vil du gendanne dem?":
        "Portfolio Planner was not closed properly. There are unsaved changes to {name} from {when}.\n\n"
        "Do you want to restore them?",
    "Projektmappen på disken ændres ikke, før du selv gemmer.": "The workbook on disk is not changed until you save.",
    "Bemærk: projektmappen er ændret på disken siden ændringerne blev gemt til gendannelse.":
        "Note: the workbook has changed on disk since the changes were kept for recovery.",
    "&Gendan": "&Restore",
    "&Kassér ændringerne": "&Discard the Changes",
    "&Senere": "&Later",
    "Ikke-gemte ændringer er gendannet. Gem for at beholde dem i projektmappen.":
        "Unsaved changes have been restored. Save to keep them in the workbook.",
    # Tabs, table, panels
    "Tidslinje": "Timeline",
    "Efter fase": "By phase",
    "Budget": "Budget",
    "Nr.": "No.",
    "Initiativ": "Initiative",
    "Initiativer": "Initiatives",
    "Område": "Area",
    "Fase": "Phase",
    "Periode": "Period",
    "I alt": "Total",
    "Angivet": "Stated",
    "Δ basis": "Δ baseline",
    "Bevilling i {year} ({unit})": "Allocation in {year} ({unit})",
    "Summen af årene ({unit})": "Sum of the years ({unit})",
    "Totalen som den står i projektmappen ({unit})": "The total as stated in the workbook ({unit})",
    "Ændring af totalen mod basis, tallene som indlæst ({unit})":
        "Change of the total against the baseline, the figures as loaded ({unit})",
    "Omkostningsfordeling: {cost} ({unit})": "Cost breakdown: {cost} ({unit})",
    "Ukendt fase: {text}": "Unknown phase: {text}",
    "Låst: ændres ikke af redigering og operationer": "Locked: not changed by editing or operations",
    "Basis: {amount}": "Baseline: {amount}",
    "Initiativet er låst": "The initiative is locked",
    "Søg efter nr., navn, område …": "Search by no., name, area …",
    "Søg": "Search",
    "&Søg:": "&Search:",
    "O&mråde:": "&Area:",
    "&Fase:": "&Phase:",
    "Ingen initiativer.\n\nÅbn en projektmappe med Filer > Åbn (Ctrl+O),\neller træk en .xlsx-fil hen på vinduet.":
        "No initiatives.\n\nOpen a workbook with File > Open (Ctrl+O),\nor drag an .xlsx file onto the window.",
    "Alle områder": "All areas",
    "Alle faser": "All phases",
    "Uden fase": "No phase",
    "Uden område": "No area",
    "(uden område)": "(no area)",
    "{n} initiativer": "{n} initiatives",
    "{shown} af {total} initiativer": "{shown} of {total} initiatives",
    "Fejl og advarsler": "Errors and warnings",
    "Fejl og advarsler: ingen": "Errors and warnings: none",
    "Fejl og advarsler: {e} fejl, {w}": "Errors and warnings: {e} errors, {w}",
    "Fejl": "Error",
    "Advarsel": "Warning",
    "Info": "Info",
    "1 advarsel": "1 warning",
    "{n} advarsler": "{n} warnings",
    "række {row}": "row {row}",
    "Ark '{sheet}'": "Sheet '{sheet}'",
    "Ark '{sheet}', række {row}": "Sheet '{sheet}', row {row}",
    "Celle {a1} i arket '{sheet}'": "Cell {a1} in sheet '{sheet}'",
    "Totaler, ramme og rest": "Totals, frame and remainder",
    "Bevilget i alt": "Allocated in total",
    "Ramme": "Frame",
    "Rest (ramme − bevilget)": "Remainder (frame − allocated)",
    "Over rammen med {amount} {unit}": "Over the frame by {amount} {unit}",
    "Over rammen med {amount}": "Over the frame by {amount}",
    "Bevilget {amount} {unit}": "Allocated {amount} {unit}",
    "Ramme {amount}": "Frame {amount}",
    "Rest {amount}": "Remainder {amount}",
    # Status date dialog
    "Statusdato": "Status date",
    "&Vis en statusdato på tidslinjen": "&Show a status date on the timeline",
    "&Dato:": "&Date:",
    # Charts
    "mio. kr.": "DKK m",
    "({amount} over)": "({amount} over)",
    "{amount} over": "{amount} over",
    "Ramme i alt": "Total frame",
    "Ramme (sum af år)": "Frame (sum of years)",
    "Ramme pr. år": "Frame per year",
    "Over rammen": "Over the frame",
    "Beløb i mio. kr.": "Amounts in DKK m",
    "Beløb i {unit}": "Amounts in {unit}",
    "Mulig næste fase": "Possible next phase",
    "mulig {phase}": "possible {phase}",
    "{id} (mulig)": "{id} (possible)",
    "{total} mio. kr. i alt": "{total} DKK m in total",
    "I alt: {total}": "Total: {total}",
    "Tal: mio. kr. pr. år": "Figures: DKK m per year",
    "I dag": "Today",
    "Status {date}": "Status {date}",
    "{n} initiativer · {total} mio. kr.": "{n} initiatives · {total} DKK m",
    "K{n}": "Q{n}",
    "Vis basis": "Show baseline",
    "Tallene som indlæst, stiplet": "The figures as loaded, dashed",
    "Stak efter:": "Stack by:",
    "Valgt initiativ mod basis": "Selected initiative against baseline",
    "Budget pr. år mod rammen (mio. kr.)": "Budget per year against the frame (DKK m)",
    "I alt efter fase og område": "Totals by phase and area",
    "Budget og rammen": "Budget and frame",
    "Over": "Over",
    "Basis": "Baseline",
    "Vælg et initiativ i tabellen": "Select an initiative in the table",
    # Render
    "Faser (pipeline)": "Phases (pipeline)",
    "Budget mod ramme": "Budget against frame",
    "Portefølje": "Portfolio",
    "Prisniveau {pl}": "Price level {pl}",
    "Side {n} af {total}": "Page {n} of {total}",
    # Scenarios
    "Scenarier": "Scenarios",
    "Scenarie": "Scenario",
    "Navn": "Name",
    "År": "Year",
    "Sammenlign scenarier": "Compare scenarios",
    "Nuværende tal": "Current figures",
    "Basis (som indlæst)": "Baseline (as loaded)",
    "{cells} beløb i {ids} initiativer er forskellige. I alt A {a} · B {b} · Δ {d} mio. kr.":
        "{cells} amounts in {ids} initiatives differ. Total A {a} · B {b} · Δ {d} DKK m.",
    "Ingen forskelle. I alt A {a} · B {b} mio. kr.": "No differences. Total A {a} · B {b} DKK m.",
    "Δ = B − A, mio. kr.": "Δ = B − A, DKK m",
    "Navn, fx Forslag": "Name, e.g. Proposal",
    "Gem nuværende tal": "Save current figures",
    "Gem de nuværende beløb som et scenarie med navnet til venstre":
        "Save the current amounts as a scenario with the name on the left",
    "Oprettet": "Created",
    "I alt (mio. kr.)": "Total (DKK m)",
    "Skift til": "Switch to",
    "Giv porteføljen scenariets tal (kan fortrydes med Ctrl+Z)":
        "Give the portfolio the scenario's figures (Ctrl+Z undoes it)",
    "Slet": "Delete",
    "Sammenlign …": "Compare …",
    "Vælg to scenarier (eller ét og de nuværende tal)": "Select two scenarios (or one and the current figures)",
    "Scenarierne i projektmappen kan ikke læses: {reason}": "The scenarios in the workbook cannot be read: {reason}",
    "Ingen scenarier endnu. Skriv et navn (fx {names}) og gem de nuværende tal.":
        "No scenarios yet. Type a name (e.g. {names}) and save the current figures.",
    "Skriv et navn til scenariet først.": "Type a name for the scenario first.",
    "Scenariet {name} er opdateret med de nuværende tal.": "Scenario {name} has been updated with the current figures.",
    "Gemt som scenariet {name}.": "Saved as scenario {name}.",
    "De nuværende tal er allerede scenariet {name}.": "The current figures already are scenario {name}.",
    "Skift til scenariet {name}": "Switch to scenario {name}",
    "Skiftede til {name}: {cells} beløb ændret (Ctrl+Z fortryder).":
        "Switched to {name}: {cells} amounts changed (Ctrl+Z undoes it).",
    "Slettet: {names}.": "Deleted: {names}.",
    # Compare with another version of the workbook
    "Versionen kan ikke læses": "The version cannot be read",
    "1 ændring": "1 change",
    "{n} ændringer": "{n} changes",
    "Den anden version": "The other version",
    "Nu (denne fil)": "Now (this file)",
    "Fjern markeringer": "Clear Marks",
    "Markér alle": "Mark All",
    "Forskelle mellem denne fil og {name}: {added} initiativer kun dér, {removed} kun her, {changed} ændrede "
    "værdier. Markér det, du vil tage med herind; det kan fortrydes i ét trin.":
        "Differences between this file and {name}: {added} initiatives only there, {removed} only here, "
        "{changed} changed values. Mark what you want to take into this file; it can be undone in one step.",
    "Ingen forskelle mellem denne fil og {name}.": "No differences between this file and {name}.",
    "Initiativ / ændring": "Initiative / change",
    "Sammenlign med {name}": "Compare with {name}",
    "Sa&mmenlign med …": "Co&mpare With …",
    "Sammenlign med en anden version af projektmappen og tag ændringer med":
        "Compare with another version of the workbook and take changes from it",
    "Tag 1 ændring fra {name}": "Take 1 change from {name}",
    "Tag {n} ændringer fra {name}": "Take {n} changes from {name}",
    "Tag alle": "Take All",
    "Tag de markerede": "Take the Marked",
    "Tag ingen": "Take None",
    "findes ikke i den anden version (fjernes)": "not in the other version (will be removed)",
    "kun i den anden version (tilføjes)": "only in the other version (will be added)",
    "Fjernes (ikke i den anden version)": "Removed (not in the other version)",
    "Tilføjes (kun i den anden version)": "Added (only in the other version)",
    "Ændring": "Change",
    "Forskelle mellem denne fil og {name}:\ntilføjes: {added} · fjernes: {removed} · ændrede værdier: {changed}.\n"
    "Markér det, du vil tage med herind. Det kan fortrydes i ét trin.":
        "Differences between this file and {name}:\nadded: {added} · removed: {removed} · changed values: {changed}.\n"
        "Mark what you want to take into this file. It can be undone in one step.",
    # SUSI phases (ui/palette.py translates the Danish phase names)
    "Screening": "Screening",
    "Modning": "Maturing",
    "Afprøvning": "Testing",
    "Udbredelse": "Dissemination",
    # -- save guard, docks ---------------------------------------------------------------------------
    'Budget og &rammen': 'Budget and &Frame',
    'Sce&narier': 'Scenari&os',
    '&Før ændringslog ved gem': 'Keep a change &log on save',
    '&Genindlæs og sammenlign …': '&Reload and Compare …',
    '&Overskriv': '&Overwrite',
    'Begrundelse': 'Reason',
    'Begrundelse for {n} ændrede beløb (skrives i arket Ændringslog; kan stå tom):': 'Reason for {n} changed amounts (written to the change log sheet; may be left empty):',
    'Filen er åben et andet sted': 'The file is open elsewhere',
    'Filen er ændret': 'The file has changed',
    'Gem som &ny fil …': 'Save as &New File …',
    'Gemmer du oven i den, kan den andens ændringer gå tabt. Gem som en ny fil i stedet?': "If you save over it, the other person's changes may be lost. Save as a new file instead?",
    'Hvad vil du gøre?': 'What do you want to do?',
    'Rækkerne i filen er flyttet, så den kan ikke overskrives sikkert.': 'The rows in the file have moved, so it cannot be overwritten safely.',
    "Skriv arket 'Oversigt' med totaler og et diagram, som kolleger kan se i Excel": "Write the 'Oversigt' sheet with totals and a chart that colleagues can see in Excel",
    'Tilføj &oversigtsark ved gem': 'Add a s&ummary sheet on save',
    "Tilføj ændringerne med begrundelse til arket 'Ændringslog'": 'Add the changes with their reason to the change log sheet',
    'Versionen på disken kan ikke læses': 'The version on disk cannot be read',
    '{name} (på disken)': '{name} (on disk)',
    '{name} er ændret på disken, siden du åbnede den (en kollega har måske gemt den).': '{name} has changed on disk since you opened it (a colleague may have saved it).',
}

# The rare source text that needs a different English text in one context: (context, source) → English.
BY_CONTEXT: dict[tuple[str, str], str] = {}
