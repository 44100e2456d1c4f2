<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="da_DK">
  <context>
    <name>AboutDialog</name>
    <message>
      <location filename="../ui/about_dialog.py" line="188" />
      <source>Bibliotek</source>
      <translation>Library</translation>
    </message>
    <message>
      <location filename="../ui/about_dialog.py" line="103" />
      <source>Biblioteker</source>
      <translation>Libraries</translation>
    </message>
    <message>
      <location filename="../ui/about_dialog.py" line="191" />
      <source>Kopiér</source>
      <translation>Copy</translation>
    </message>
    <message>
      <location filename="../ui/about_dialog.py" line="192" />
      <source>Kopiér teksten, fx til en fejlrapport</source>
      <translation>Copy the text, e.g. for a bug report</translation>
    </message>
    <message>
      <location filename="../ui/about_dialog.py" line="97" />
      <source>Kører med Qt {qt} · Python {python} · {system}</source>
      <translation>Running with Qt {qt} · Python {python} · {system}</translation>
    </message>
    <message>
      <location filename="../ui/about_dialog.py" line="188" />
      <source>Licens</source>
      <translation>Licence</translation>
    </message>
    <message>
      <location filename="../ui/about_dialog.py" line="195" />
      <source>Luk</source>
      <translation>Close</translation>
    </message>
    <message>
      <location filename="../ui/about_dialog.py" line="184" />
      <source>Om {app}</source>
      <translation>About {app}</translation>
    </message>
    <message>
      <location filename="../ui/about_dialog.py" line="85" />
      <source>Planlægning af puljer på socialområdet: initiativer på SUSI-stigen (Screening, Modning, Afprøvning, Udbredelse) på en tidslinje, bevillinger år for år mod rammen, genbalancering og scenarier. Excel-arbejdsbogen er kilden; kun ændrede celler skrives tilbage.</source>
      <translation>Planning grant pools in the social sector: initiatives on the SUSI ladder (Screening, Maturing, Testing, Dissemination) on a timeline, allocations year by year against the frame, re-balancing and scenarios. The Excel workbook is the source; only changed cells are written back.</translation>
    </message>
    <message>
      <location filename="../ui/about_dialog.py" line="187" />
      <source>Programmet bruger disse biblioteker:</source>
      <translation>The program uses these libraries:</translation>
    </message>
    <message>
      <location filename="../ui/about_dialog.py" line="91" />
      <source>PySide6 og Qt bruges under GNU LGPL v3: de ligger som separate filer i programmappen og kan udskiftes med en anden version. Kildekoden findes på qt.io.</source>
      <translation>PySide6 and Qt are used under the GNU LGPL v3: they are separate files in the program folder and can be replaced with another version. The source code is available at qt.io.</translation>
    </message>
    <message>
      <location filename="../ui/about_dialog.py" line="188" />
      <source>Version</source>
      <translation>Version</translation>
    </message>
    <message>
      <location filename="../ui/about_dialog.py" line="185" />
      <source>Version {version}</source>
      <translation>Version {version}</translation>
    </message>
  </context>
  <context>
    <name>BudgetChart</name>
    <message>
      <location filename="../ui/budget_chart.py" line="318" />
      <source>({amount} over)</source>
      <translation>({amount} over)</translation>
    </message>
    <message>
      <location filename="../ui/budget_chart.py" line="371" />
      <source>Beløb i mio. kr.</source>
      <translation>Amounts in DKK m</translation>
    </message>
    <message>
      <location filename="../ui/budget_chart.py" line="343" />
      <source>Fordelt</source>
      <translation>Allocated</translation>
    </message>
    <message>
      <location filename="../ui/budget_chart.py" line="348" />
      <location filename="../ui/budget_chart.py" line="370" />
      <source>Over rammen</source>
      <translation>Over the frame</translation>
    </message>
    <message>
      <location filename="../ui/budget_chart.py" line="341" />
      <source>Ramme (sum af år)</source>
      <translation>Frame (sum of years)</translation>
    </message>
    <message>
      <location filename="../ui/budget_chart.py" line="341" />
      <source>Ramme i alt</source>
      <translation>Total frame</translation>
    </message>
    <message>
      <location filename="../ui/budget_chart.py" line="368" />
      <source>Ramme pr. år</source>
      <translation>Frame per year</translation>
    </message>
    <message>
      <location filename="../ui/budget_chart.py" line="351" />
      <source>Rest</source>
      <translation>Remainder</translation>
    </message>
  </context>
  <context>
    <name>ChartText</name>
    <message>
      <location filename="../ui/chart_text.py" line="43" />
      <source>mio. kr.</source>
      <translation>DKK m</translation>
    </message>
  </context>
  <context>
    <name>CompareAction</name>
    <message>
      <location filename="../ui/compare_dialog.py" line="301" />
      <source>Læser {name} …</source>
      <translation>Reading {name} …</translation>
    </message>
    <message>
      <location filename="../ui/compare_dialog.py" line="311" />
      <source>Versionen kan ikke læses</source>
      <translation>The version cannot be read</translation>
    </message>
  </context>
  <context>
    <name>CompareDialog</name>
    <message>
      <location filename="../ui/compare_dialog.py" line="184" />
      <source>1 ændring</source>
      <translation>1 change</translation>
    </message>
    <message>
      <location filename="../ui/compare_dialog.py" line="121" />
      <source>Den anden version</source>
      <translation>The other version</translation>
    </message>
    <message>
      <location filename="../ui/compare_dialog.py" line="134" />
      <source>Fjern markeringer</source>
      <translation>Clear Marks</translation>
    </message>
    <message>
      <location filename="../ui/compare_dialog.py" line="180" />
      <source>Fjernes (ikke i den anden version)</source>
      <translation>Removed (not in the other version)</translation>
    </message>
    <message>
      <location filename="../ui/compare_dialog.py" line="201" />
      <source>Forskelle mellem denne fil og {name}:
tilføjes: {added} · fjernes: {removed} · ændrede værdier: {changed}.
Markér det, du vil tage med herind. Det kan fortrydes i ét trin.</source>
      <translation>Differences between this file and {name}:
added: {added} · removed: {removed} · changed values: {changed}.
Mark what you want to take into this file. It can be undone in one step.</translation>
    </message>
    <message>
      <location filename="../ui/compare_dialog.py" line="206" />
      <source>Ingen forskelle mellem denne fil og {name}.</source>
      <translation>No differences between this file and {name}.</translation>
    </message>
    <message>
      <location filename="../ui/compare_dialog.py" line="120" />
      <source>Initiativ</source>
      <translation>Initiative</translation>
    </message>
    <message>
      <location filename="../ui/compare_dialog.py" line="133" />
      <source>Markér alle</source>
      <translation>Mark All</translation>
    </message>
    <message>
      <location filename="../ui/compare_dialog.py" line="121" />
      <source>Nu (denne fil)</source>
      <translation>Now (this file)</translation>
    </message>
    <message>
      <location filename="../ui/compare_dialog.py" line="114" />
      <source>Sammenlign med {name}</source>
      <translation>Compare with {name}</translation>
    </message>
    <message>
      <location filename="../ui/compare_dialog.py" line="250" />
      <source>Tag 1 ændring fra {name}</source>
      <translation>Take 1 change from {name}</translation>
    </message>
    <message>
      <location filename="../ui/compare_dialog.py" line="145" />
      <source>Tag alle</source>
      <translation>Take All</translation>
    </message>
    <message>
      <location filename="../ui/compare_dialog.py" line="143" />
      <source>Tag de markerede</source>
      <translation>Take the Marked</translation>
    </message>
    <message>
      <location filename="../ui/compare_dialog.py" line="146" />
      <source>Tag ingen</source>
      <translation>Take None</translation>
    </message>
    <message>
      <location filename="../ui/compare_dialog.py" line="251" />
      <source>Tag {n} ændringer fra {name}</source>
      <translation>Take {n} changes from {name}</translation>
    </message>
    <message>
      <location filename="../ui/compare_dialog.py" line="176" />
      <source>Tilføjes (kun i den anden version)</source>
      <translation>Added (only in the other version)</translation>
    </message>
    <message>
      <location filename="../ui/compare_dialog.py" line="184" />
      <source>{n} ændringer</source>
      <translation>{n} changes</translation>
    </message>
    <message>
      <location filename="../ui/compare_dialog.py" line="120" />
      <source>År</source>
      <translation>Year</translation>
    </message>
    <message>
      <location filename="../ui/compare_dialog.py" line="120" />
      <source>Ændring</source>
      <translation>Change</translation>
    </message>
  </context>
  <context>
    <name>CrashHandler</name>
    <message>
      <location filename="../ui/crash_handler.py" line="202" />
      <source>Der opstod en uventet fejl. Programmet kører videre, og dine data er som før fejlen. Gem dit arbejde, og prøv igen.</source>
      <translation>An unexpected error occurred. The program keeps running and your data are as before the error. Save your work and try again.</translation>
    </message>
    <message>
      <location filename="../ui/crash_handler.py" line="185" />
      <source>Der opstod endnu en uventet fejl; se logfilen: {path}</source>
      <translation>Another unexpected error occurred; see the log file: {path}</translation>
    </message>
    <message>
      <location filename="../ui/crash_handler.py" line="201" />
      <source>Uventet fejl</source>
      <translation>Unexpected error</translation>
    </message>
    <message>
      <location filename="../ui/crash_handler.py" line="242" />
      <source>Vis mappen med programmets logfil, fx til en fejlrapport</source>
      <translation>Show the folder with the program's log file, e.g. for a bug report</translation>
    </message>
    <message>
      <location filename="../ui/crash_handler.py" line="206" />
      <source>{summary}

Detaljerne står i logfilen:
{path}</source>
      <translation>{summary}

The details are in the log file:
{path}</translation>
    </message>
    <message>
      <location filename="../ui/crash_handler.py" line="240" />
      <source>Åbn &amp;logmappe</source>
      <translation>Open &amp;Log Folder</translation>
    </message>
    <message>
      <location filename="../ui/crash_handler.py" line="210" />
      <source>Åbn logmappe</source>
      <translation>Open log folder</translation>
    </message>
  </context>
  <context>
    <name>EditActions</name>
    <message>
      <location filename="../ui/edit_actions.py" line="87" />
      <source>&amp;Flyt beløb …</source>
      <translation>&amp;Move Amount …</translation>
    </message>
    <message>
      <location filename="../ui/edit_actions.py" line="62" />
      <source>&amp;Fortryd</source>
      <translation>&amp;Undo</translation>
    </message>
    <message>
      <location filename="../ui/edit_actions.py" line="64" />
      <source>&amp;Gentag</source>
      <translation>&amp;Redo</translation>
    </message>
    <message>
      <location filename="../ui/edit_actions.py" line="95" />
      <source>&amp;Lås initiativ</source>
      <translation>&amp;Lock Initiative</translation>
    </message>
    <message>
      <location filename="../ui/edit_actions.py" line="101" />
      <source>&amp;Nulstil initiativ til basis</source>
      <translation>&amp;Reset Initiative to Baseline</translation>
    </message>
    <message>
      <location filename="../ui/edit_actions.py" line="314" />
      <source>&amp;Operationer</source>
      <translation>&amp;Operations</translation>
    </message>
    <message>
      <location filename="../ui/edit_actions.py" line="313" />
      <source>&amp;Rediger</source>
      <translation>&amp;Edit</translation>
    </message>
    <message>
      <location filename="../ui/edit_actions.py" line="88" />
      <source>Flyt et beløb for det valgte initiativ fra ét år til et andet</source>
      <translation>Move an amount of the selected initiative from one year to another</translation>
    </message>
    <message>
      <location filename="../ui/edit_actions.py" line="89" />
      <source>Fordel &amp;jævnt</source>
      <translation>Spread &amp;Evenly</translation>
    </message>
    <message>
      <location filename="../ui/edit_actions.py" line="90" />
      <source>Fordel det valgte initiativs total jævnt over dets år</source>
      <translation>Spread the selected initiative's total evenly over its years</translation>
    </message>
    <message>
      <location filename="../ui/edit_actions.py" line="92" />
      <source>Fordel det valgte initiativs total som et andet initiativs år</source>
      <translation>Spread the selected initiative's total like another initiative's years</translation>
    </message>
    <message>
      <location filename="../ui/edit_actions.py" line="91" />
      <source>Fordel efter &amp;profil af …</source>
      <translation>Spread by &amp;Profile of …</translation>
    </message>
    <message>
      <location filename="../ui/edit_actions.py" line="78" />
      <source>Fortrydelses&amp;historik</source>
      <translation>Undo &amp;History</translation>
    </message>
    <message>
      <location filename="../ui/edit_actions.py" line="70" />
      <source>Fortrydelseshistorik</source>
      <translation>Undo history</translation>
    </message>
    <message>
      <location filename="../ui/edit_actions.py" line="104" />
      <source>Giv alle initiativer tallene som indlæst igen</source>
      <translation>Give every initiative its figures as loaded</translation>
    </message>
    <message>
      <location filename="../ui/edit_actions.py" line="102" />
      <source>Giv det valgte initiativ tallene som indlæst igen</source>
      <translation>Give the selected initiative its figures as loaded</translation>
    </message>
    <message>
      <location filename="../ui/edit_actions.py" line="71" />
      <source>Historik</source>
      <translation>History</translation>
    </message>
    <message>
      <location filename="../ui/edit_actions.py" line="191" />
      <source>Intet at ændre: tallene er allerede sådan.</source>
      <translation>Nothing to change: the figures are already like that.</translation>
    </message>
    <message>
      <location filename="../ui/edit_actions.py" line="109" />
      <source>Kolonner med omkostningsfordelingen (kan redigeres)</source>
      <translation>Columns with the cost breakdown (editable)</translation>
    </message>
    <message>
      <location filename="../ui/edit_actions.py" line="98" />
      <location filename="../ui/edit_actions.py" line="163" />
      <source>Lås &amp;år for initiativ</source>
      <translation>Lock &amp;Year for Initiative</translation>
    </message>
    <message>
      <location filename="../ui/edit_actions.py" line="161" />
      <source>Lås &amp;år {year} for {id}</source>
      <translation>Lock &amp;Year {year} for {id}</translation>
    </message>
    <message>
      <location filename="../ui/edit_actions.py" line="99" />
      <source>Lås den valgte celle (initiativ og år)</source>
      <translation>Lock the selected cell (initiative and year)</translation>
    </message>
    <message>
      <location filename="../ui/edit_actions.py" line="265" />
      <source>Lås {id}</source>
      <translation>Lock {id}</translation>
    </message>
    <message>
      <location filename="../ui/edit_actions.py" line="265" />
      <source>Lås {id} op</source>
      <translation>Unlock {id}</translation>
    </message>
    <message>
      <location filename="../ui/edit_actions.py" line="278" />
      <source>Lås {id} {year}</source>
      <translation>Lock {id} {year}</translation>
    </message>
    <message>
      <location filename="../ui/edit_actions.py" line="278" />
      <source>Lås {id} {year} op</source>
      <translation>Unlock {id} {year}</translation>
    </message>
    <message>
      <location filename="../ui/edit_actions.py" line="96" />
      <source>Låste beløb ændres aldrig af operationer</source>
      <translation>Locked amounts are never changed by operations</translation>
    </message>
    <message>
      <location filename="../ui/edit_actions.py" line="103" />
      <source>Nulstil &amp;alt til basis</source>
      <translation>Reset &amp;All to Baseline</translation>
    </message>
    <message>
      <location filename="../ui/edit_actions.py" line="258" />
      <source>Nulstil alt til basis</source>
      <translation>Reset all to baseline</translation>
    </message>
    <message>
      <location filename="../ui/edit_actions.py" line="252" />
      <source>Nulstil {id} til basis</source>
      <translation>Reset {id} to baseline</translation>
    </message>
    <message>
      <location filename="../ui/edit_actions.py" line="188" />
      <location filename="../ui/edit_actions.py" line="213" />
      <source>Operationen kan ikke udføres</source>
      <translation>The operation cannot be carried out</translation>
    </message>
    <message>
      <location filename="../ui/edit_actions.py" line="214" />
      <source>Porteføljen har ingen ramme pr. år. Brug Tilpas til rammen (alle år) for den samlede ramme.</source>
      <translation>The portfolio has no frame per year. Use Fit to the Frame (All Years) for the total frame.</translation>
    </message>
    <message>
      <location filename="../ui/edit_actions.py" line="86" />
      <source>Skalér de ulåste beløb i ét år, så året rammer sin ramme</source>
      <translation>Scale the unlocked amounts of one year so the year matches its frame</translation>
    </message>
    <message>
      <location filename="../ui/edit_actions.py" line="84" />
      <source>Skalér de ulåste beløb, så bevillingerne rammer rammen præcist</source>
      <translation>Scale the unlocked amounts so the allocations match the frame exactly</translation>
    </message>
    <message>
      <location filename="../ui/edit_actions.py" line="69" />
      <source>Som indlæst</source>
      <translation>As loaded</translation>
    </message>
    <message>
      <location filename="../ui/edit_actions.py" line="93" />
      <source>Sæt &amp;total …</source>
      <translation>Set &amp;Total …</translation>
    </message>
    <message>
      <location filename="../ui/edit_actions.py" line="85" />
      <source>Tilpas &amp;valgt år til rammen …</source>
      <translation>Fit &amp;Selected Year to the Frame …</translation>
    </message>
    <message>
      <location filename="../ui/edit_actions.py" line="83" />
      <source>Tilpas til &amp;rammen (alle år)</source>
      <translation>Fit to the &amp;Frame (All Years)</translation>
    </message>
    <message>
      <location filename="../ui/edit_actions.py" line="108" />
      <source>Vis &amp;omkostningsfordeling</source>
      <translation>Show &amp;Cost Breakdown</translation>
    </message>
    <message>
      <location filename="../ui/edit_actions.py" line="80" />
      <source>Vis alle ændringer; klik på et trin for at gå tilbage til det</source>
      <translation>Show all changes; click a step to go back to it</translation>
    </message>
    <message>
      <location filename="../ui/edit_actions.py" line="105" />
      <source>Vis æn&amp;dringer mod basis</source>
      <translation>Show Cha&amp;nges Against Baseline</translation>
    </message>
    <message>
      <location filename="../ui/edit_actions.py" line="275" />
      <source>Vælg en års-celle i tabellen først.</source>
      <translation>Select a year cell in the table first.</translation>
    </message>
    <message>
      <location filename="../ui/edit_actions.py" line="203" />
      <source>Vælg et initiativ i tabellen først.</source>
      <translation>Select an initiative in the table first.</translation>
    </message>
    <message>
      <location filename="../ui/edit_actions.py" line="94" />
      <source>Ændr det valgte initiativs total; årene følger med</source>
      <translation>Change the selected initiative's total; the years follow</translation>
    </message>
    <message>
      <location filename="../ui/edit_actions.py" line="106" />
      <source>Δ-kolonne og markering af celler, der afviger fra tallene som indlæst</source>
      <translation>Δ column and marking of cells that differ from the figures as loaded</translation>
    </message>
  </context>
  <context>
    <name>FileActions</name>
    <message>
      <location filename="../ui/file_actions.py" line="73" />
      <source>&amp;Afslut</source>
      <translation>&amp;Quit</translation>
    </message>
    <message>
      <location filename="../ui/file_actions.py" line="70" />
      <source>&amp;Eksportér billede …</source>
      <translation>&amp;Export Picture …</translation>
    </message>
    <message>
      <location filename="../ui/file_actions.py" line="67" />
      <source>&amp;Gem</source>
      <translation>&amp;Save</translation>
    </message>
    <message>
      <location filename="../ui/file_actions.py" line="72" />
      <source>&amp;Luk</source>
      <translation>&amp;Close</translation>
    </message>
    <message>
      <location filename="../ui/file_actions.py" line="63" />
      <source>&amp;Ny</source>
      <translation>&amp;New</translation>
    </message>
    <message>
      <location filename="../ui/file_actions.py" line="214" />
      <source>&amp;Ryd listen</source>
      <translation>&amp;Clear List</translation>
    </message>
    <message>
      <location filename="../ui/file_actions.py" line="216" />
      <source>(ingen)</source>
      <translation>(none)</translation>
    </message>
    <message>
      <location filename="../ui/file_actions.py" line="73" />
      <source>Afslut programmet</source>
      <translation>Quit the program</translation>
    </message>
    <message>
      <location filename="../ui/file_actions.py" line="134" />
      <source>Annullér</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <location filename="../ui/file_actions.py" line="287" />
      <source>Billede gemt i {name}</source>
      <translation>Picture saved to {name}</translation>
    </message>
    <message>
      <location filename="../ui/file_actions.py" line="282" />
      <location filename="../ui/file_actions.py" line="285" />
      <source>Billedet kan ikke gemmes</source>
      <translation>The picture cannot be saved</translation>
    </message>
    <message>
      <location filename="../ui/file_actions.py" line="68" />
      <source>Gem &amp;som …</source>
      <translation>Save &amp;As …</translation>
    </message>
    <message>
      <location filename="../ui/file_actions.py" line="71" />
      <source>Gem den viste graf som PNG, SVG eller PDF</source>
      <translation>Save the chart shown as PNG, SVG or PDF</translation>
    </message>
    <message>
      <location filename="../ui/file_actions.py" line="67" />
      <source>Gem i den samme projektmappe</source>
      <translation>Save into the same workbook</translation>
    </message>
    <message>
      <location filename="../ui/file_actions.py" line="69" />
      <source>Gem i en ny projektmappe</source>
      <translation>Save into a new workbook</translation>
    </message>
    <message>
      <location filename="../ui/file_actions.py" line="254" />
      <source>Gemning annulleret; filen er uændret</source>
      <translation>Save cancelled; the file is unchanged</translation>
    </message>
    <message>
      <location filename="../ui/file_actions.py" line="264" />
      <source>Gemt i {name}</source>
      <translation>Saved to {name}</translation>
    </message>
    <message>
      <location filename="../ui/file_actions.py" line="72" />
      <source>Luk projektmappen</source>
      <translation>Close the workbook</translation>
    </message>
    <message>
      <location filename="../ui/file_actions.py" line="134" />
      <source>Læser {name} …</source>
      <translation>Reading {name} …</translation>
    </message>
    <message>
      <location filename="../ui/file_actions.py" line="147" />
      <source>Læser {path} …</source>
      <translation>Reading {path} …</translation>
    </message>
    <message>
      <location filename="../ui/file_actions.py" line="256" />
      <location filename="../ui/file_actions.py" line="259" />
      <source>Projektmappen kan ikke gemmes</source>
      <translation>The workbook cannot be saved</translation>
    </message>
    <message>
      <location filename="../ui/file_actions.py" line="189" />
      <source>Projektmappen kan ikke åbnes</source>
      <translation>The workbook cannot be opened</translation>
    </message>
    <message>
      <location filename="../ui/file_actions.py" line="77" />
      <source>Sa&amp;mmenlign med …</source>
      <translation>Co&amp;mpare With …</translation>
    </message>
    <message>
      <location filename="../ui/file_actions.py" line="78" />
      <source>Sammenlign med en anden version af projektmappen og tag ændringer med</source>
      <translation>Compare with another version of the workbook and take changes from it</translation>
    </message>
    <message>
      <location filename="../ui/file_actions.py" line="63" />
      <source>Start en tom portefølje</source>
      <translation>Start an empty portfolio</translation>
    </message>
    <message>
      <location filename="../ui/file_actions.py" line="64" />
      <source>Å&amp;bn …</source>
      <translation>&amp;Open …</translation>
    </message>
    <message>
      <location filename="../ui/file_actions.py" line="64" />
      <source>Åbn en projektmappe (.xlsx)</source>
      <translation>Open a workbook (.xlsx)</translation>
    </message>
    <message>
      <location filename="../ui/file_actions.py" line="65" />
      <source>Åbn senes&amp;te</source>
      <translation>Open &amp;Recent</translation>
    </message>
    <message>
      <location filename="../ui/file_actions.py" line="179" />
      <source>Åbnede {name}</source>
      <translation>Opened {name}</translation>
    </message>
    <message>
      <location filename="../ui/file_actions.py" line="137" />
      <source>Åbner projektmappe</source>
      <translation>Opening workbook</translation>
    </message>
    <message>
      <location filename="../ui/file_actions.py" line="184" />
      <source>Åbning annulleret</source>
      <translation>Opening cancelled</translation>
    </message>
  </context>
  <context>
    <name>FindingsPanel</name>
    <message>
      <location filename="../ui/findings_panel.py" line="161" />
      <source>1 advarsel</source>
      <translation>1 warning</translation>
    </message>
    <message>
      <location filename="../ui/findings_panel.py" line="85" />
      <source>Advarsel</source>
      <translation>Warning</translation>
    </message>
    <message>
      <location filename="../ui/findings_panel.py" line="195" />
      <source>Ark '{sheet}'</source>
      <translation>Sheet '{sheet}'</translation>
    </message>
    <message>
      <location filename="../ui/findings_panel.py" line="197" />
      <source>Ark '{sheet}', række {row}</source>
      <translation>Sheet '{sheet}', row {row}</translation>
    </message>
    <message>
      <location filename="../ui/findings_panel.py" line="198" />
      <source>Celle {a1} i arket '{sheet}'</source>
      <translation>Cell {a1} in sheet '{sheet}'</translation>
    </message>
    <message>
      <location filename="../ui/findings_panel.py" line="85" />
      <source>Fejl</source>
      <translation>Error</translation>
    </message>
    <message>
      <location filename="../ui/findings_panel.py" line="54" />
      <source>Fejl og advarsler</source>
      <translation>Errors and warnings</translation>
    </message>
    <message>
      <location filename="../ui/findings_panel.py" line="159" />
      <source>Fejl og advarsler: ingen</source>
      <translation>Errors and warnings: none</translation>
    </message>
    <message>
      <location filename="../ui/findings_panel.py" line="162" />
      <source>Fejl og advarsler: {e} fejl, {w}</source>
      <translation>Errors and warnings: {e} errors, {w}</translation>
    </message>
    <message>
      <location filename="../ui/findings_panel.py" line="86" />
      <source>Info</source>
      <translation>Info</translation>
    </message>
    <message>
      <location filename="../ui/findings_panel.py" line="186" />
      <source>række {row}</source>
      <translation>row {row}</translation>
    </message>
    <message>
      <location filename="../ui/findings_panel.py" line="161" />
      <source>{n} advarsler</source>
      <translation>{n} warnings</translation>
    </message>
  </context>
  <context>
    <name>InitiativesModel</name>
    <message>
      <location filename="../ui/initiatives_model.py" line="451" />
      <source>Angivet</source>
      <translation>Stated</translation>
    </message>
    <message>
      <location filename="../ui/initiatives_model.py" line="530" />
      <source>Basis: {amount}</source>
      <translation>Baseline: {amount}</translation>
    </message>
    <message>
      <location filename="../ui/initiatives_model.py" line="458" />
      <source>Bevilling i {year} ({unit})</source>
      <translation>Allocation in {year} ({unit})</translation>
    </message>
    <message>
      <location filename="../ui/initiatives_model.py" line="448" />
      <source>Fase</source>
      <translation>Phase</translation>
    </message>
    <message>
      <location filename="../ui/initiatives_model.py" line="450" />
      <source>I alt</source>
      <translation>Total</translation>
    </message>
    <message>
      <location filename="../ui/initiatives_model.py" line="446" />
      <source>Initiativ</source>
      <translation>Initiative</translation>
    </message>
    <message>
      <location filename="../ui/initiatives_model.py" line="533" />
      <source>Initiativet er låst</source>
      <translation>The initiative is locked</translation>
    </message>
    <message>
      <location filename="../ui/initiatives_model.py" line="526" />
      <source>Låst: ændres ikke af redigering og operationer</source>
      <translation>Locked: not changed by editing or operations</translation>
    </message>
    <message>
      <location filename="../ui/initiatives_model.py" line="445" />
      <source>Nr.</source>
      <translation>No.</translation>
    </message>
    <message>
      <location filename="../ui/initiatives_model.py" line="466" />
      <source>Omkostningsfordeling: {cost} ({unit})</source>
      <translation>Cost breakdown: {cost} ({unit})</translation>
    </message>
    <message>
      <location filename="../ui/initiatives_model.py" line="447" />
      <source>Område</source>
      <translation>Area</translation>
    </message>
    <message>
      <location filename="../ui/initiatives_model.py" line="449" />
      <source>Periode</source>
      <translation>Period</translation>
    </message>
    <message>
      <location filename="../ui/initiatives_model.py" line="290" />
      <source>Ret {id} {cost}</source>
      <translation>Edit {id} {cost}</translation>
    </message>
    <message>
      <location filename="../ui/initiatives_model.py" line="460" />
      <source>Summen af årene ({unit})</source>
      <translation>Sum of the years ({unit})</translation>
    </message>
    <message>
      <location filename="../ui/initiatives_model.py" line="462" />
      <source>Totalen som den står i projektmappen ({unit})</source>
      <translation>The total as stated in the workbook ({unit})</translation>
    </message>
    <message>
      <location filename="../ui/initiatives_model.py" line="521" />
      <source>Ukendt fase: {text}</source>
      <translation>Unknown phase: {text}</translation>
    </message>
    <message>
      <location filename="../ui/initiatives_model.py" line="464" />
      <source>Ændring af totalen mod basis, tallene som indlæst ({unit})</source>
      <translation>Change of the total against the baseline, the figures as loaded ({unit})</translation>
    </message>
    <message>
      <location filename="../ui/initiatives_model.py" line="452" />
      <source>Δ basis</source>
      <translation>Δ baseline</translation>
    </message>
  </context>
  <context>
    <name>InitiativesPanel</name>
    <message>
      <location filename="../ui/initiatives_panel.py" line="61" />
      <source>&amp;Fase:</source>
      <translation>&amp;Phase:</translation>
    </message>
    <message>
      <location filename="../ui/initiatives_panel.py" line="57" />
      <source>&amp;Søg:</source>
      <translation>&amp;Search:</translation>
    </message>
    <message>
      <location filename="../ui/initiatives_panel.py" line="140" />
      <source>Alle faser</source>
      <translation>All phases</translation>
    </message>
    <message>
      <location filename="../ui/initiatives_panel.py" line="137" />
      <source>Alle områder</source>
      <translation>All areas</translation>
    </message>
    <message>
      <location filename="../ui/initiatives_panel.py" line="52" />
      <source>Fase</source>
      <translation>Phase</translation>
    </message>
    <message>
      <location filename="../ui/initiatives_panel.py" line="97" />
      <source>Ingen initiativer.

Åbn en projektmappe med Filer &gt; Åbn (Ctrl+O),
eller træk en .xlsx-fil hen på vinduet.</source>
      <translation>No initiatives.

Open a workbook with File &gt; Open (Ctrl+O),
or drag an .xlsx file onto the window.</translation>
    </message>
    <message>
      <location filename="../ui/initiatives_panel.py" line="91" />
      <source>Initiativer</source>
      <translation>Initiatives</translation>
    </message>
    <message>
      <location filename="../ui/initiatives_panel.py" line="59" />
      <source>O&amp;mråde:</source>
      <translation>&amp;Area:</translation>
    </message>
    <message>
      <location filename="../ui/initiatives_panel.py" line="49" />
      <source>Område</source>
      <translation>Area</translation>
    </message>
    <message>
      <location filename="../ui/initiatives_panel.py" line="47" />
      <source>Søg</source>
      <translation>Search</translation>
    </message>
    <message>
      <location filename="../ui/initiatives_panel.py" line="45" />
      <source>Søg efter nr., navn, område …</source>
      <translation>Search by no., name, area …</translation>
    </message>
    <message>
      <location filename="../ui/initiatives_panel.py" line="144" />
      <source>Uden fase</source>
      <translation>No phase</translation>
    </message>
    <message>
      <location filename="../ui/initiatives_panel.py" line="202" />
      <source>{n} initiativer</source>
      <translation>{n} initiatives</translation>
    </message>
    <message>
      <location filename="../ui/initiatives_panel.py" line="204" />
      <source>{shown} af {total} initiativer</source>
      <translation>{shown} of {total} initiatives</translation>
    </message>
  </context>
  <context>
    <name>KeyTotalsBar</name>
    <message>
      <location filename="../ui/presentation.py" line="101" />
      <source>Bevilget {amount} {unit}</source>
      <translation>Allocated {amount} {unit}</translation>
    </message>
    <message>
      <location filename="../ui/presentation.py" line="109" />
      <source>Over rammen med {amount}</source>
      <translation>Over the frame by {amount}</translation>
    </message>
    <message>
      <location filename="../ui/presentation.py" line="104" />
      <source>Ramme {amount}</source>
      <translation>Frame {amount}</translation>
    </message>
    <message>
      <location filename="../ui/presentation.py" line="107" />
      <source>Rest {amount}</source>
      <translation>Remainder {amount}</translation>
    </message>
    <message>
      <location filename="../ui/presentation.py" line="100" />
      <source>{n} initiativer</source>
      <translation>{n} initiatives</translation>
    </message>
  </context>
  <context>
    <name>LanguageMenu</name>
    <message>
      <location filename="../ui/language_menu.py" line="27" />
      <source>&amp;Indstillinger</source>
      <translation>&amp;Settings</translation>
    </message>
    <message>
      <location filename="../ui/language_menu.py" line="29" />
      <source>&amp;Sprog</source>
      <translation>&amp;Language</translation>
    </message>
    <message>
      <location filename="../ui/language_menu.py" line="31" />
      <location filename="../ui/language_menu.py" line="41" />
      <source>Vælg sprog for menuer, tabeller og tal</source>
      <translation>Choose the language of menus, tables and numbers</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../ui/main_window.py" line="163" />
      <source>&amp;Annullér</source>
      <translation>&amp;Cancel</translation>
    </message>
    <message>
      <location filename="../ui/main_window.py" line="113" />
      <source>&amp;Filer</source>
      <translation>&amp;File</translation>
    </message>
    <message>
      <location filename="../ui/main_window.py" line="161" />
      <source>&amp;Gem</source>
      <translation>&amp;Save</translation>
    </message>
    <message>
      <location filename="../ui/main_window.py" line="115" />
      <source>&amp;Hjælp</source>
      <translation>&amp;Help</translation>
    </message>
    <message>
      <location filename="../ui/main_window.py" line="162" />
      <source>&amp;Kassér</source>
      <translation>&amp;Discard</translation>
    </message>
    <message>
      <location filename="../ui/main_window.py" line="114" />
      <source>&amp;Vis</source>
      <translation>&amp;View</translation>
    </message>
    <message>
      <location filename="../ui/main_window.py" line="78" />
      <source>Budget</source>
      <translation>Budget</translation>
    </message>
    <message>
      <location filename="../ui/main_window.py" line="159" />
      <source>Dine ændringer går tabt, hvis du ikke gemmer dem.</source>
      <translation>Your changes will be lost if you don't save them.</translation>
    </message>
    <message>
      <location filename="../ui/main_window.py" line="77" />
      <source>Efter fase</source>
      <translation>By phase</translation>
    </message>
    <message>
      <location filename="../ui/file_actions.py" line="302" />
      <source>Eksportér billede</source>
      <translation>Export Picture</translation>
    </message>
    <message>
      <location filename="../ui/file_actions.py" line="297" />
      <source>Gem projektmappe</source>
      <translation>Save Workbook</translation>
    </message>
    <message>
      <location filename="../ui/main_window.py" line="153" />
      <location filename="../ui/main_window.py" line="288" />
      <source>Ny portefølje</source>
      <translation>New portfolio</translation>
    </message>
    <message>
      <location filename="../ui/main_window.py" line="77" />
      <source>Tidslinje</source>
      <translation>Timeline</translation>
    </message>
    <message>
      <location filename="../ui/main_window.py" line="155" />
      <source>Vil du gemme ændringerne i {name}?</source>
      <translation>Do you want to save the changes to {name}?</translation>
    </message>
    <message>
      <location filename="../ui/file_actions.py" line="292" />
      <source>Åbn projektmappe</source>
      <translation>Open Workbook</translation>
    </message>
  </context>
  <context>
    <name>OperationDialog</name>
    <message>
      <location filename="../ui/operation_dialogs.py" line="107" />
      <source>Beløb (mio. kr.):</source>
      <translation>Amount (DKK m):</translation>
    </message>
    <message>
      <location filename="../ui/operation_dialogs.py" line="89" />
      <source>De ulåste beløb i året skaleres, så året rammer sin ramme præcist.</source>
      <translation>The unlocked amounts of the year are scaled so the year matches its frame exactly.</translation>
    </message>
    <message>
      <location filename="../ui/operation_dialogs.py" line="100" />
      <source>Flyt beløb</source>
      <translation>Move Amount</translation>
    </message>
    <message>
      <location filename="../ui/operation_dialogs.py" line="101" />
      <source>Flyt et beløb for {id} fra ét år til et andet; totalen er den samme.</source>
      <translation>Move an amount of {id} from one year to another; the total stays the same.</translation>
    </message>
    <message>
      <location filename="../ui/operation_dialogs.py" line="118" />
      <source>Fordel efter profil</source>
      <translation>Spread by Profile</translation>
    </message>
    <message>
      <location filename="../ui/operation_dialogs.py" line="0" />
      <source>Fordel totalen for {id} over årene i samme forhold som et andet initiativ.</source>
      <translation>Spread the total of {id} over the years in the same proportions as another initiative.</translation>
    </message>
    <message>
      <location filename="../ui/operation_dialogs.py" line="104" />
      <source>Fra år:</source>
      <translation>From year:</translation>
    </message>
    <message>
      <location filename="../ui/operation_dialogs.py" line="130" />
      <source>Ny total for {id}; de ulåste år følger med i samme forhold.</source>
      <translation>New total for {id}; the unlocked years follow in the same proportions.</translation>
    </message>
    <message>
      <location filename="../ui/operation_dialogs.py" line="121" />
      <source>Profil:</source>
      <translation>Profile:</translation>
    </message>
    <message>
      <location filename="../ui/operation_dialogs.py" line="75" />
      <source>Skriv et beløb.</source>
      <translation>Type an amount.</translation>
    </message>
    <message>
      <location filename="../ui/operation_dialogs.py" line="129" />
      <source>Sæt total</source>
      <translation>Set Total</translation>
    </message>
    <message>
      <location filename="../ui/operation_dialogs.py" line="106" />
      <source>Til år:</source>
      <translation>To year:</translation>
    </message>
    <message>
      <location filename="../ui/operation_dialogs.py" line="88" />
      <source>Tilpas år til rammen</source>
      <translation>Fit Year to the Frame</translation>
    </message>
    <message>
      <location filename="../ui/operation_dialogs.py" line="132" />
      <source>Total (mio. kr.):</source>
      <translation>Total (DKK m):</translation>
    </message>
    <message>
      <location filename="../ui/operation_dialogs.py" line="91" />
      <source>År:</source>
      <translation>Year:</translation>
    </message>
  </context>
  <context>
    <name>Palette</name>
    <message>
      <location filename="../ui/palette.py" line="0" />
      <source>Afprøvning</source>
      <translation>Testing</translation>
    </message>
    <message>
      <location filename="../ui/palette.py" line="0" />
      <source>Modning</source>
      <translation>Maturing</translation>
    </message>
    <message>
      <location filename="../ui/palette.py" line="0" />
      <source>Screening</source>
      <translation>Screening</translation>
    </message>
    <message>
      <location filename="../ui/palette.py" line="0" />
      <source>Udbredelse</source>
      <translation>Dissemination</translation>
    </message>
    <message>
      <location filename="../ui/palette.py" line="64" />
      <source>Uden fase</source>
      <translation>No phase</translation>
    </message>
  </context>
  <context>
    <name>RebalanceCharts</name>
    <message>
      <location filename="../ui/rebalance_plots.py" line="61" />
      <source>(uden område)</source>
      <translation>(no area)</translation>
    </message>
    <message>
      <location filename="../ui/rebalance_plots.py" line="383" />
      <source>Basis</source>
      <translation>Baseline</translation>
    </message>
    <message>
      <location filename="../ui/rebalance_charts.py" line="369" />
      <source>Budget og &amp;rammen</source>
      <translation>Budget and &amp;Frame</translation>
    </message>
    <message>
      <location filename="../ui/rebalance_charts.py" line="357" />
      <source>Budget og rammen</source>
      <translation>Budget and frame</translation>
    </message>
    <message>
      <location filename="../ui/rebalance_charts.py" line="110" />
      <source>Budget pr. år mod rammen (mio. kr.)</source>
      <translation>Budget per year against the frame (DKK m)</translation>
    </message>
    <message>
      <location filename="../ui/rebalance_charts.py" line="88" />
      <source>Fase</source>
      <translation>Phase</translation>
    </message>
    <message>
      <location filename="../ui/rebalance_plots.py" line="361" />
      <source>Fordelt</source>
      <translation>Allocated</translation>
    </message>
    <message>
      <location filename="../ui/rebalance_charts.py" line="111" />
      <source>I alt efter fase og område</source>
      <translation>Totals by phase and area</translation>
    </message>
    <message>
      <location filename="../ui/rebalance_charts.py" line="88" />
      <source>Initiativ</source>
      <translation>Initiative</translation>
    </message>
    <message>
      <location filename="../ui/rebalance_charts.py" line="88" />
      <source>Område</source>
      <translation>Area</translation>
    </message>
    <message>
      <location filename="../ui/rebalance_plots.py" line="381" />
      <source>Over</source>
      <translation>Over</translation>
    </message>
    <message>
      <location filename="../ui/rebalance_plots.py" line="365" />
      <source>Over rammen</source>
      <translation>Over the frame</translation>
    </message>
    <message>
      <location filename="../ui/rebalance_plots.py" line="380" />
      <source>Ramme</source>
      <translation>Frame</translation>
    </message>
    <message>
      <location filename="../ui/rebalance_plots.py" line="359" />
      <source>Ramme (sum af år)</source>
      <translation>Frame (sum of years)</translation>
    </message>
    <message>
      <location filename="../ui/rebalance_plots.py" line="359" />
      <source>Ramme i alt</source>
      <translation>Total frame</translation>
    </message>
    <message>
      <location filename="../ui/rebalance_plots.py" line="368" />
      <source>Rest</source>
      <translation>Remainder</translation>
    </message>
    <message>
      <location filename="../ui/rebalance_charts.py" line="370" />
      <source>Sce&amp;narier</source>
      <translation>Scenari&amp;os</translation>
    </message>
    <message>
      <location filename="../ui/rebalance_charts.py" line="362" />
      <source>Scenarier</source>
      <translation>Scenarios</translation>
    </message>
    <message>
      <location filename="../ui/rebalance_charts.py" line="97" />
      <source>Stak efter:</source>
      <translation>Stack by:</translation>
    </message>
    <message>
      <location filename="../ui/rebalance_charts.py" line="92" />
      <source>Tallene som indlæst, stiplet</source>
      <translation>The figures as loaded, dashed</translation>
    </message>
    <message>
      <location filename="../ui/rebalance_charts.py" line="106" />
      <location filename="../ui/rebalance_charts.py" line="293" />
      <source>Valgt initiativ mod basis</source>
      <translation>Selected initiative against baseline</translation>
    </message>
    <message>
      <location filename="../ui/rebalance_charts.py" line="91" />
      <source>Vis basis</source>
      <translation>Show baseline</translation>
    </message>
    <message>
      <location filename="../ui/rebalance_plots.py" line="502" />
      <source>Vælg et initiativ i tabellen</source>
      <translation>Select an initiative in the table</translation>
    </message>
    <message>
      <location filename="../ui/rebalance_plots.py" line="284" />
      <source>{amount} over</source>
      <translation>{amount} over</translation>
    </message>
  </context>
  <context>
    <name>Recovery</name>
    <message>
      <location filename="../ui/recovery.py" line="67" />
      <source>&amp;Gendan</source>
      <translation>&amp;Restore</translation>
    </message>
    <message>
      <location filename="../ui/recovery.py" line="68" />
      <source>&amp;Kassér ændringerne</source>
      <translation>&amp;Discard the Changes</translation>
    </message>
    <message>
      <location filename="../ui/recovery.py" line="69" />
      <source>&amp;Senere</source>
      <translation>&amp;Later</translation>
    </message>
    <message>
      <location filename="../ui/recovery.py" line="65" />
      <source>Bemærk: projektmappen er ændret på disken siden ændringerne blev gemt til gendannelse.</source>
      <translation>Note: the workbook has changed on disk since the changes were kept for recovery.</translation>
    </message>
    <message>
      <location filename="../ui/recovery.py" line="58" />
      <source>Gendan ikke-gemte ændringer</source>
      <translation>Restore unsaved changes</translation>
    </message>
    <message>
      <location filename="../ui/recovery.py" line="259" />
      <source>Ikke-gemte ændringer er gendannet. Gem for at beholde dem i projektmappen.</source>
      <translation>Unsaved changes have been restored. Save to keep them in the workbook.</translation>
    </message>
    <message>
      <location filename="../ui/recovery.py" line="59" />
      <source>Portfolio Planner blev ikke lukket korrekt. Der er ikke-gemte ændringer i {name} fra {when}.

Vil du gendanne dem?</source>
      <translation>Portfolio Planner was not closed properly. There are unsaved changes to {name} from {when}.

Do you want to restore them?</translation>
    </message>
    <message>
      <location filename="../ui/recovery.py" line="63" />
      <source>Projektmappen på disken ændres ikke, før du selv gemmer.</source>
      <translation>The workbook on disk is not changed until you save.</translation>
    </message>
    <message>
      <location filename="../ui/recovery.py" line="57" />
      <source>en ny portefølje</source>
      <translation>a new portfolio</translation>
    </message>
  </context>
  <context>
    <name>Render</name>
    <message>
      <location filename="../ui/render.py" line="88" />
      <source>Beløb i {unit}</source>
      <translation>Amounts in {unit}</translation>
    </message>
    <message>
      <location filename="../ui/render.py" line="44" />
      <source>Budget mod ramme</source>
      <translation>Budget against frame</translation>
    </message>
    <message>
      <location filename="../ui/render.py" line="44" />
      <source>Faser (pipeline)</source>
      <translation>Phases (pipeline)</translation>
    </message>
    <message>
      <location filename="../ui/render.py" line="83" />
      <source>Portefølje</source>
      <translation>Portfolio</translation>
    </message>
    <message>
      <location filename="../ui/render.py" line="86" />
      <source>Prisniveau {pl}</source>
      <translation>Price level {pl}</translation>
    </message>
    <message>
      <location filename="../ui/render.py" line="233" />
      <source>Side {n} af {total}</source>
      <translation>Page {n} of {total}</translation>
    </message>
    <message>
      <location filename="../ui/render.py" line="87" />
      <source>Status {date}</source>
      <translation>Status {date}</translation>
    </message>
    <message>
      <location filename="../ui/render.py" line="44" />
      <source>Tidslinje</source>
      <translation>Timeline</translation>
    </message>
  </context>
  <context>
    <name>SaveGuard</name>
    <message>
      <location filename="../ui/save_guard.py" line="109" />
      <location filename="../ui/save_guard.py" line="127" />
      <source>&amp;Annullér</source>
      <translation>&amp;Cancel</translation>
    </message>
    <message>
      <location filename="../ui/save_guard.py" line="73" />
      <source>&amp;Før ændringslog ved gem</source>
      <translation>Keep a change &amp;log on save</translation>
    </message>
    <message>
      <location filename="../ui/save_guard.py" line="107" />
      <source>&amp;Genindlæs og sammenlign …</source>
      <translation>&amp;Reload and Compare …</translation>
    </message>
    <message>
      <location filename="../ui/save_guard.py" line="103" />
      <source>&amp;Overskriv</source>
      <translation>&amp;Overwrite</translation>
    </message>
    <message>
      <location filename="../ui/save_guard.py" line="135" />
      <source>Begrundelse</source>
      <translation>Reason</translation>
    </message>
    <message>
      <location filename="../ui/save_guard.py" line="136" />
      <source>Begrundelse for {n} ændrede beløb (skrives i arket Ændringslog; kan stå tom):</source>
      <translation>Reason for {n} changed amounts (written to the change log sheet; may be left empty):</translation>
    </message>
    <message>
      <location filename="../ui/save_guard.py" line="121" />
      <source>Filen er åben et andet sted</source>
      <translation>The file is open elsewhere</translation>
    </message>
    <message>
      <location filename="../ui/save_guard.py" line="92" />
      <source>Filen er ændret</source>
      <translation>The file has changed</translation>
    </message>
    <message>
      <location filename="../ui/save_guard.py" line="105" />
      <location filename="../ui/save_guard.py" line="126" />
      <source>Gem som &amp;ny fil …</source>
      <translation>Save as &amp;New File …</translation>
    </message>
    <message>
      <location filename="../ui/save_guard.py" line="124" />
      <source>Gemmer du oven i den, kan den andens ændringer gå tabt. Gem som en ny fil i stedet?</source>
      <translation>If you save over it, the other person's changes may be lost. Save as a new file instead?</translation>
    </message>
    <message>
      <location filename="../ui/save_guard.py" line="97" />
      <source>Hvad vil du gøre?</source>
      <translation>What do you want to do?</translation>
    </message>
    <message>
      <location filename="../ui/save_guard.py" line="99" />
      <source>Rækkerne i filen er flyttet, så den kan ikke overskrives sikkert.</source>
      <translation>The rows in the file have moved, so it cannot be overwritten safely.</translation>
    </message>
    <message>
      <location filename="../ui/save_guard.py" line="70" />
      <source>Skriv arket 'Oversigt' med totaler og et diagram, som kolleger kan se i Excel</source>
      <translation>Write the 'Oversigt' sheet with totals and a chart that colleagues can see in Excel</translation>
    </message>
    <message>
      <location filename="../ui/save_guard.py" line="67" />
      <source>Tilføj &amp;oversigtsark ved gem</source>
      <translation>Add a s&amp;ummary sheet on save</translation>
    </message>
    <message>
      <location filename="../ui/save_guard.py" line="76" />
      <source>Tilføj ændringerne med begrundelse til arket 'Ændringslog'</source>
      <translation>Add the changes with their reason to the change log sheet</translation>
    </message>
    <message>
      <location filename="../ui/save_guard.py" line="171" />
      <source>Versionen på disken kan ikke læses</source>
      <translation>The version on disk cannot be read</translation>
    </message>
    <message>
      <location filename="../ui/save_guard.py" line="181" />
      <source>{name} (på disken)</source>
      <translation>{name} (on disk)</translation>
    </message>
    <message>
      <location filename="../ui/save_guard.py" line="93" />
      <source>{name} er ændret på disken, siden du åbnede den (en kollega har måske gemt den).</source>
      <translation>{name} has changed on disk since you opened it (a colleague may have saved it).</translation>
    </message>
  </context>
  <context>
    <name>SaveJob</name>
    <message>
      <location filename="../ui/save_job.py" line="60" />
      <source>Annullér</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <location filename="../ui/save_job.py" line="64" />
      <source>Gemmer projektmappe</source>
      <translation>Saving workbook</translation>
    </message>
    <message>
      <location filename="../ui/save_job.py" line="60" />
      <source>Gemmer {name} …</source>
      <translation>Saving {name} …</translation>
    </message>
  </context>
  <context>
    <name>ScenarioCompare</name>
    <message>
      <location filename="../ui/scenario_compare.py" line="119" />
      <source>Basis (som indlæst)</source>
      <translation>Baseline (as loaded)</translation>
    </message>
    <message>
      <location filename="../ui/scenario_compare.py" line="211" />
      <source>Ingen forskelle. I alt A {a} · B {b} mio. kr.</source>
      <translation>No differences. Total A {a} · B {b} DKK m.</translation>
    </message>
    <message>
      <location filename="../ui/scenario_compare.py" line="69" />
      <source>Navn</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../ui/scenario_compare.py" line="117" />
      <source>Nuværende tal</source>
      <translation>Current figures</translation>
    </message>
    <message>
      <location filename="../ui/scenario_compare.py" line="116" />
      <source>Sammenlign scenarier</source>
      <translation>Compare scenarios</translation>
    </message>
    <message>
      <location filename="../ui/scenario_compare.py" line="209" />
      <source>{cells} beløb i {ids} initiativer er forskellige. I alt A {a} · B {b} · Δ {d} mio. kr.</source>
      <translation>{cells} amounts in {ids} initiatives differ. Total A {a} · B {b} · Δ {d} DKK m.</translation>
    </message>
    <message>
      <location filename="../ui/scenario_compare.py" line="69" />
      <source>År</source>
      <translation>Year</translation>
    </message>
    <message>
      <location filename="../ui/scenario_compare.py" line="236" />
      <source>Δ = B − A, mio. kr.</source>
      <translation>Δ = B − A, DKK m</translation>
    </message>
  </context>
  <context>
    <name>ScenariosPanel</name>
    <message>
      <location filename="../ui/scenarios_panel.py" line="200" />
      <source>De nuværende tal er allerede scenariet {name}.</source>
      <translation>The current figures already are scenario {name}.</translation>
    </message>
    <message>
      <location filename="../ui/scenarios_panel.py" line="59" />
      <source>Gem de nuværende beløb som et scenarie med navnet til venstre</source>
      <translation>Save the current amounts as a scenario with the name on the left</translation>
    </message>
    <message>
      <location filename="../ui/scenarios_panel.py" line="58" />
      <source>Gem nuværende tal</source>
      <translation>Save current figures</translation>
    </message>
    <message>
      <location filename="../ui/scenarios_panel.py" line="190" />
      <source>Gemt som scenariet {name}.</source>
      <translation>Saved as scenario {name}.</translation>
    </message>
    <message>
      <location filename="../ui/scenarios_panel.py" line="71" />
      <source>Giv porteføljen scenariets tal (kan fortrydes med Ctrl+Z)</source>
      <translation>Give the portfolio the scenario's figures (Ctrl+Z undoes it)</translation>
    </message>
    <message>
      <location filename="../ui/scenarios_panel.py" line="61" />
      <source>I alt (mio. kr.)</source>
      <translation>Total (DKK m)</translation>
    </message>
    <message>
      <location filename="../ui/scenarios_panel.py" line="148" />
      <source>Ingen scenarier endnu. Skriv et navn (fx {names}) og gem de nuværende tal.</source>
      <translation>No scenarios yet. Type a name (e.g. {names}) and save the current figures.</translation>
    </message>
    <message>
      <location filename="../ui/scenarios_panel.py" line="56" />
      <source>Navn, fx Forslag</source>
      <translation>Name, e.g. Proposal</translation>
    </message>
    <message>
      <location filename="../ui/scenarios_panel.py" line="61" />
      <source>Oprettet</source>
      <translation>Created</translation>
    </message>
    <message>
      <location filename="../ui/scenarios_panel.py" line="73" />
      <source>Sammenlign …</source>
      <translation>Compare …</translation>
    </message>
    <message>
      <location filename="../ui/scenarios_panel.py" line="61" />
      <source>Scenarie</source>
      <translation>Scenario</translation>
    </message>
    <message>
      <location filename="../ui/scenarios_panel.py" line="145" />
      <source>Scenarierne i projektmappen kan ikke læses: {reason}</source>
      <translation>The scenarios in the workbook cannot be read: {reason}</translation>
    </message>
    <message>
      <location filename="../ui/scenarios_panel.py" line="189" />
      <source>Scenariet {name} er opdateret med de nuværende tal.</source>
      <translation>Scenario {name} has been updated with the current figures.</translation>
    </message>
    <message>
      <location filename="../ui/scenarios_panel.py" line="70" />
      <source>Skift til</source>
      <translation>Switch to</translation>
    </message>
    <message>
      <location filename="../ui/scenarios_panel.py" line="202" />
      <source>Skift til scenariet {name}</source>
      <translation>Switch to scenario {name}</translation>
    </message>
    <message>
      <location filename="../ui/scenarios_panel.py" line="212" />
      <source>Skiftede til {name}: {cells} beløb ændret (Ctrl+Z fortryder).</source>
      <translation>Switched to {name}: {cells} amounts changed (Ctrl+Z undoes it).</translation>
    </message>
    <message>
      <location filename="../ui/scenarios_panel.py" line="177" />
      <source>Skriv et navn til scenariet først.</source>
      <translation>Type a name for the scenario first.</translation>
    </message>
    <message>
      <location filename="../ui/scenarios_panel.py" line="72" />
      <source>Slet</source>
      <translation>Delete</translation>
    </message>
    <message>
      <location filename="../ui/scenarios_panel.py" line="220" />
      <source>Slettet: {names}.</source>
      <translation>Deleted: {names}.</translation>
    </message>
    <message>
      <location filename="../ui/scenarios_panel.py" line="74" />
      <source>Vælg to scenarier (eller ét og de nuværende tal)</source>
      <translation>Select two scenarios (or one and the current figures)</translation>
    </message>
  </context>
  <context>
    <name>StatusDateDialog</name>
    <message>
      <location filename="../ui/status_date_dialog.py" line="33" />
      <source>&amp;Dato:</source>
      <translation>&amp;Date:</translation>
    </message>
    <message>
      <location filename="../ui/status_date_dialog.py" line="17" />
      <source>&amp;Vis en statusdato på tidslinjen</source>
      <translation>&amp;Show a status date on the timeline</translation>
    </message>
    <message>
      <location filename="../ui/status_date_dialog.py" line="28" />
      <source>Annullér</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <location filename="../ui/status_date_dialog.py" line="16" />
      <source>Statusdato</source>
      <translation>Status date</translation>
    </message>
  </context>
  <context>
    <name>Timeline</name>
    <message>
      <location filename="../ui/timeline_items.py" line="239" />
      <source>Fase</source>
      <translation>Phase</translation>
    </message>
    <message>
      <location filename="../ui/timeline_items.py" line="248" />
      <source>I alt</source>
      <translation>Total</translation>
    </message>
    <message>
      <location filename="../ui/pipeline_view.py" line="430" />
      <source>I alt: {total}</source>
      <translation>Total: {total}</translation>
    </message>
    <message>
      <location filename="../ui/timeline_view.py" line="115" />
      <location filename="../ui/timeline_view.py" line="298" />
      <source>I dag</source>
      <translation>Today</translation>
    </message>
    <message>
      <location filename="../ui/chart_parts.py" line="112" />
      <location filename="../ui/timeline_items.py" line="242" />
      <location filename="../ui/timeline_items.py" line="243" />
      <source>K{n}</source>
      <translation>Q{n}</translation>
    </message>
    <message>
      <location filename="../ui/chart_parts.py" line="122" />
      <source>Mulig næste fase</source>
      <translation>Possible next phase</translation>
    </message>
    <message>
      <location filename="../ui/timeline_items.py" line="253" />
      <source>Område</source>
      <translation>Area</translation>
    </message>
    <message>
      <location filename="../ui/timeline_view.py" line="201" />
      <source>Status {date}</source>
      <translation>Status {date}</translation>
    </message>
    <message>
      <location filename="../ui/timeline_view.py" line="300" />
      <source>Statusdato</source>
      <translation>Status date</translation>
    </message>
    <message>
      <location filename="../ui/pipeline_view.py" line="506" />
      <source>Tal: mio. kr. pr. år</source>
      <translation>Figures: DKK m per year</translation>
    </message>
    <message>
      <location filename="../ui/timeline_items.py" line="164" />
      <source>Uden område</source>
      <translation>No area</translation>
    </message>
    <message>
      <location filename="../ui/timeline_items.py" line="452" />
      <source>mulig {phase}</source>
      <translation>possible {phase}</translation>
    </message>
    <message>
      <location filename="../ui/pipeline_view.py" line="364" />
      <source>{id} (mulig)</source>
      <translation>{id} (possible)</translation>
    </message>
    <message>
      <location filename="../ui/pipeline_view.py" line="425" />
      <source>{n} initiativer</source>
      <translation>{n} initiatives</translation>
    </message>
    <message>
      <location filename="../ui/timeline_items.py" line="190" />
      <source>{n} initiativer · {total} mio. kr.</source>
      <translation>{n} initiatives · {total} DKK m</translation>
    </message>
    <message>
      <location filename="../ui/pipeline_view.py" line="426" />
      <source>{total} mio. kr. i alt</source>
      <translation>{total} DKK m in total</translation>
    </message>
    <message>
      <location filename="../ui/timeline_items.py" line="244" />
      <source>År</source>
      <translation>Year</translation>
    </message>
  </context>
  <context>
    <name>TotalsBar</name>
    <message>
      <location filename="../ui/totals_bar.py" line="35" />
      <source>Totaler, ramme og rest</source>
      <translation>Totals, frame and remainder</translation>
    </message>
  </context>
  <context>
    <name>TotalsModel</name>
    <message>
      <location filename="../ui/totals_model.py" line="127" />
      <source>Bevilget i alt</source>
      <translation>Allocated in total</translation>
    </message>
    <message>
      <location filename="../ui/totals_model.py" line="278" />
      <source>Over rammen med {amount} {unit}</source>
      <translation>Over the frame by {amount} {unit}</translation>
    </message>
    <message>
      <location filename="../ui/totals_model.py" line="127" />
      <source>Ramme</source>
      <translation>Frame</translation>
    </message>
    <message>
      <location filename="../ui/totals_model.py" line="127" />
      <source>Rest (ramme − bevilget)</source>
      <translation>Remainder (frame − allocated)</translation>
    </message>
  </context>
  <context>
    <name>UserGuideDialog</name>
    <message>
      <location filename="../ui/user_guide.py" line="45" />
      <source>Brugervejledning</source>
      <translation>User Guide</translation>
    </message>
    <message>
      <location filename="../ui/user_guide.py" line="59" />
      <source>Brugervejledningen findes ikke: {path}</source>
      <translation>The user guide is missing: {path}</translation>
    </message>
  </context>
  <context>
    <name>ViewActions</name>
    <message>
      <location filename="../ui/view_actions.py" line="55" />
      <source>&amp;Brugervejledning</source>
      <translation>&amp;User Guide</translation>
    </message>
    <message>
      <location filename="../ui/view_actions.py" line="27" />
      <source>&amp;Budget</source>
      <translation>&amp;Budget</translation>
    </message>
    <message>
      <location filename="../ui/view_actions.py" line="60" />
      <source>&amp;Om Portfolio Planner</source>
      <translation>&amp;About Portfolio Planner</translation>
    </message>
    <message>
      <location filename="../ui/view_actions.py" line="49" />
      <source>&amp;Præsentation</source>
      <translation>&amp;Presentation</translation>
    </message>
    <message>
      <location filename="../ui/view_actions.py" line="45" />
      <source>&amp;Statusdato …</source>
      <translation>&amp;Status Date …</translation>
    </message>
    <message>
      <location filename="../ui/view_actions.py" line="27" />
      <source>&amp;Tidslinje</source>
      <translation>&amp;Timeline</translation>
    </message>
    <message>
      <location filename="../ui/view_actions.py" line="30" />
      <source>Bevillinger pr. år mod rammen</source>
      <translation>Allocations per year against the frame</translation>
    </message>
    <message>
      <location filename="../ui/view_actions.py" line="29" />
      <source>De fire SUSI-faser som baner med beløb pr. år</source>
      <translation>The four SUSI phases as lanes with amounts per year</translation>
    </message>
    <message>
      <location filename="../ui/view_actions.py" line="27" />
      <source>Efter &amp;fase</source>
      <translation>By P&amp;hase</translation>
    </message>
    <message>
      <location filename="../ui/view_actions.py" line="52" />
      <source>Fuld skærm med tidslinjen og nøgletal; piletaster skifter område</source>
      <translation>Full screen with the timeline and key figures; arrow keys change area</translation>
    </message>
    <message>
      <location filename="../ui/view_actions.py" line="28" />
      <source>Initiativerne over årene, farvet efter SUSI-fase</source>
      <translation>The initiatives over the years, coloured by SUSI phase</translation>
    </message>
    <message>
      <location filename="../ui/view_actions.py" line="57" />
      <source>Læs vejledningen til programmet</source>
      <translation>Read the guide to the program</translation>
    </message>
    <message>
      <location filename="../ui/view_actions.py" line="40" />
      <source>Tilpas &amp;alt</source>
      <translation>Fit &amp;All</translation>
    </message>
    <message>
      <location filename="../ui/view_actions.py" line="42" />
      <source>Vis alle år og initiativer</source>
      <translation>Show all years and initiatives</translation>
    </message>
    <message>
      <location filename="../ui/view_actions.py" line="46" />
      <source>Vis en statusdato på tidslinjen, fx til en rapport</source>
      <translation>Show a status date on the timeline, e.g. for a report</translation>
    </message>
  </context>
</TS>
