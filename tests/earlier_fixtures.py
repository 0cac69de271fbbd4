"""Files of earlier recommendations in the published layouts, with invented States and content.

UHRI's "Export to Excel" (its column names, OHCHR's "Reccomending" typo, "- " multi-values on new
lines, Excel serial dates), UPR Info's database as CSV (Uwazi's display titles, '|' multi-values),
and OHCHR's Word tables (the 3rd-cycle matrix and the 4th-cycle thematic list, "Theme:" rows,
"Source of Position:" lines, joint recommending States, non-breaking spaces).
"""

from __future__ import annotations

import csv
import io

from docx import Document

from tests.xlsx_builder import write_xlsx

UHRI_COLUMNS = ["Text", "Countries Concerned", "Reccomending Body", "Document Symbol", "Themes", "Affected Persons", "Sdgs",
                "Document Publication Date", "UPR Reccomending States", "UPR Position", "Type", "OHCHR Annotation Id", "UPR Session",
                "Regions Concerned", "Recommending Regions", "Date of publication on UHRI"]

UHRI_ROWS = [
    ["136.2 Adopt a national referral mechanism for victims of trafficking (Kestria);", "Norvania", "UPR", "A/HRC/47/7",
     "- Trafficking in persons\n- Labour rights and right to work", "- Migrants\n- Women & girls", "- 16.2 - End abuse, exploitation, trafficking",
     44400, "- Kestria", "Supported", "- Recommendations", "ann-1001", "- 38 Session", "Europe", "Europe", 44450],
    ["136.3 Ratify the Protocol of 2014 to the Forced Labour Convention (Aldoria) (Brevonia);", "Norvania", "UPR", "A/HRC/47/7",
     "- Trafficking in persons", "- Migrants", "", 44400, "- Aldoria\n- Brevonia", "Not Supported", "- Recommendations", "ann-1002",
     "- 38 Session", "Europe", "Africa", 44450],
    ["136.4 Guarantee access to shelters for all identified victims (Calmoria);", "Norvania", "UPR", "A/HRC/47/7",
     "- Trafficking in persons", "", "", 44400, "- Calmoria", "Noted", "- Recommendations", "ann-1003", "- 38 Session", "Europe", "Asia", 44450],
    ["The Committee is concerned at the low number of prosecutions.", "Norvania", "CCPR", "CCPR/C/NRV/CO/4",
     "- Trafficking in persons", "", "", 45000, "", "", "- Concerns/Observations", "ann-2001", "", "Europe", "", 45010],
    ["21. Strengthen labour inspection in agriculture.", "Norvania", "CCPR", "CCPR/C/NRV/CO/4",
     "- Labour rights and right to work", "- Migrants", "", 45000, "", "", "- Recommendations", "ann-2002", "", "Europe", "", 45010],
    ["88.1 Publish annual data on identified victims (Norvania);", "Kestria", "UPR", "A/HRC/50/3",
     "- Trafficking in persons", "", "", 44800, "- Norvania", "Supported", "- Recommendations", "ann-3001", "- 40 Session", "Europe", "Europe", 44810],
]


def uhri_xlsx(rows: list[list] | None = None, columns: list[str] | None = None, sheet: str = "Export") -> bytes:
    return write_xlsx({sheet: [columns or UHRI_COLUMNS, *(UHRI_ROWS if rows is None else rows)]})


UWAZI_COLUMNS = ["Title", "Recommendation", "State under Review", "Recommending State", "Response", "Issues", "Cycle", "Session",
                 "Action Category", "sharedId"]
UWAZI_ROWS = [
    ["Norvania - Aldoria - 1", "Adopt a law on compensation for victims of trafficking", "Norvania", "Aldoria", "Supported",
     "Trafficking in persons|Access to justice", "3", "38", "5", "sh-a1"],
    ["Norvania - Brévonia - 2", "Décriminaliser les victimes de la traite", "Norvania", "Brévonia", "Not Supported",
     "Trafficking in persons", "3", "38", "4", "sh-a2"],
    ["Kestria - Norvania - 1", "Train labour inspectors", "Kestria", "Norvania", "Noted", "Labour rights", "3", "40", "3", "sh-b1"],
]


def uwazi_csv(delimiter: str = ",", encoding: str = "utf-8", bom: bool = False, rows: list[list] | None = None) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(UWAZI_COLUMNS)
    writer.writerows(UWAZI_ROWS if rows is None else rows)
    data = buffer.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" if bom else b"") + data


def _cell(cell, lines: list[str]) -> None:
    cell.text = lines[0] if lines else ""
    for line in lines[1:]:
        cell.add_paragraph(line)


def _table_docx(header: list[str], rows: list[list[list[str]] | str]) -> bytes:
    document = Document()
    document.add_paragraph("Thematic list of recommendations")
    table = document.add_table(rows=1, cols=len(header))
    for cell, text in zip(table.rows[0].cells, header):
        cell.text = text
    for row in rows:
        cells = table.add_row().cells
        if isinstance(row, str):  # a "Theme:" row, merged across the table
            merged = cells[0].merge(cells[-1])
            merged.text = row
            continue
        for cell, lines in zip(cells, row):
            _cell(cell, lines)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def thematic_list_docx() -> bytes:
    """The 4th-cycle layout (A/HRC/59/... Slovenia's shape), invented content."""
    header = ["Recommendation and recommending State", "Position of the State under review", "Human rights themes and groups of persons", "Relevant SDGs"]
    return _table_docx(header, [
        "Theme: Trafficking in persons",
        [["140.7 Adopt a national action plan against trafficking in persons (Aldoria) (Brevonia);", "Source\u00a0of Position: A/HRC/59/15/Add.1 - Para.3"],
         ["Supported\u00a0"], ["- Trafficking in persons", "- Labour rights and right to work", "Groups of Persons: ", "- Migrants", "- Women & girls"],
         ["- 5 - GENDER EQUALITY", "- 16 - PEACE, JUSTICE AND STRONG INSTITUTIONS"]],
        [["140.8 Ensure non-punishment of victims of trafficking (Venezuela (Bolivarian Republic of));", "Source of Position: A/HRC/59/15/Add.1 - Para.4"],
         ["Noted"], ["- Trafficking in persons", "Groups of Persons:", "- Victims & witnesses"], ["- 16 - PEACE, JUSTICE AND STRONG INSTITUTIONS"]],
        "Theme: Labour rights and right to work",
        [["140.21\u00a0Strengthen labour inspection in agriculture (Calmoria);", "Source of Position: A/HRC/59/15/Add.1 - Para.3"],
         ["Supported"], [], ["- 8 - DECENT WORK AND ECONOMIC GROWTH"]],
    ])


def matrix_docx() -> bytes:
    """The 3rd-cycle matrix: Recommendation | Position | Full list of themes | Assessment/comments on level of implementation."""
    header = ["Recommendation", "Position", "Full list of themes", "Assessment/comments on level of implementation"]
    return _table_docx(header, [
        "Theme: A41 Constitutional and legislative framework",
        [["26.1 Consider ratifying the Convention on Migrant Workers (Somalia);", "Source of Position: A/HRC/46/15/Add.1 - Para.20"],
         ["Noted"], ["- A41 Constitutional and legislative framework", "SDGs:", "- 16", "Affected persons:", "- migrant workers"], []],
        [["26.2 Adopt a comprehensive anti-trafficking law (Kestria);", "Source of Position: A/HRC/46/15/Add.1 - Para.21"],
         ["Supported"], ["- B32 Trafficking"], ["A draft law was tabled in 2024."]],
    ])
