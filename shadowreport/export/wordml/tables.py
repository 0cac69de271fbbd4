"""Tables (``w:tbl``) whose first row is a header row that repeats at the top of every page.

A screen reader announces a data cell with its column's header only when the table says which row
is the header: ``w:tblHeader`` on the first row (Word's "Repeat as header row"), which also keeps
the header on top of a table that runs onto the next page.
"""

from __future__ import annotations

from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement

from .body import text_run, xml_safe

TEXT_WIDTH_TWIPS = 9070  # an A4 page less 2.5 cm margins each side (16 cm), shared between the columns


def _set(element, tag: str, **attributes: str):
    child = OxmlElement(tag)
    for name, value in attributes.items():
        child.set(qn(f"w:{name}"), value)
    element.append(child)
    return child


def add_table(body, rows: list[list[str]], style_id: str | None) -> None:
    """A table at the end of ``body`` (before its section properties), first row marked as the header."""
    columns = max((len(row) for row in rows), default=0)
    if not columns:
        return
    width = str(TEXT_WIDTH_TWIPS // columns)
    table = OxmlElement("w:tbl")
    properties = _set(table, "w:tblPr")
    if style_id:
        _set(properties, "w:tblStyle", val=style_id)
    _set(properties, "w:tblW", w=str(int(width) * columns), type="dxa")
    # firstRow="1": the table style's header formatting applies to the first row
    _set(properties, "w:tblLook", val="04A0", firstRow="1", lastRow="0", firstColumn="0", lastColumn="0", noHBand="0", noVBand="1")
    grid = _set(table, "w:tblGrid")
    for _ in range(columns):
        _set(grid, "w:gridCol", w=width)
    for index, row in enumerate(rows):
        row_element = _set(table, "w:tr")
        if index == 0:
            _set(_set(row_element, "w:trPr"), "w:tblHeader")
        for cell in [*row, *[""] * (columns - len(row))]:  # a short row is padded: every row spans the grid
            cell_element = _set(row_element, "w:tc")
            _set(_set(cell_element, "w:tcPr"), "w:tcW", w=width, type="dxa")
            paragraph = _set(cell_element, "w:p")
            if cell:
                paragraph.append(text_run(xml_safe(cell), bold=index == 0))
    section = body.find(qn("w:sectPr"))
    if section is not None:
        section.addprevious(table)
    else:
        body.append(table)
