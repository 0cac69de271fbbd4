"""The reference document every export starts from: page, fonts, headings, lists and notes.

``templates/reference.docx`` is built by this module (``python -m shadowreport.export.reference``)
and committed, so an organisation can open it in Word, change fonts or add its logo, and every
export follows. Whatever it changes, the styles named in REQUIRED_STYLES must stay.
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.shared import Cm, Pt, RGBColor

REQUIRED_STYLES = ["Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Quote", "List Bullet", "List Number",
                   "Numbered Paragraph", "Footnote Text", "Footnote Reference", "Endnote Text", "Endnote Reference", "Cover Line",
                   "Table Grid", "Footer"]
BODY_FONT = "Arial"  # LibreOffice lays it out with the metric-compatible Liberation Sans
BODY_SIZE = Pt(11)
A4 = (Cm(21.0), Cm(29.7))
MARGIN = Cm(2.5)


def build_reference(path: Path) -> None:
    document = docx.Document()
    _drop_thumbnail(document)
    for section in document.sections:
        section.page_width, section.page_height = A4
        section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = MARGIN
    styles = document.styles

    normal = styles["Normal"]
    normal.font.name, normal.font.size = BODY_FONT, BODY_SIZE
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.MULTIPLE
    normal.paragraph_format.line_spacing = 1.15

    for name, size, before in (("Title", 18, 0), ("Heading 1", 14, 12), ("Heading 2", 12, 10), ("Heading 3", 11, 8)):
        style = styles[name]
        style.font.name, style.font.size, style.font.bold = BODY_FONT, Pt(size), True
        style.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
        style.paragraph_format.space_before, style.paragraph_format.space_after = Pt(before), Pt(6)
        style.paragraph_format.keep_with_next = True

    subtitle = styles["Subtitle"]
    subtitle.font.name, subtitle.font.size, subtitle.font.italic = BODY_FONT, Pt(12), False
    subtitle.font.color.rgb = RGBColor(0x44, 0x44, 0x44)

    quote = styles["Quote"]
    quote.font.name, quote.font.size = BODY_FONT, BODY_SIZE
    quote.paragraph_format.left_indent = Cm(1)

    numbered = _add(styles, "Numbered Paragraph", WD_STYLE_TYPE.PARAGRAPH, "Normal")
    numbered.paragraph_format.left_indent, numbered.paragraph_format.first_line_indent = Cm(0.9), Cm(-0.9)

    cover = _add(styles, "Cover Line", WD_STYLE_TYPE.PARAGRAPH, "Normal")
    cover.paragraph_format.space_after = Pt(2)

    for kind in ("Footnote", "Endnote"):
        text = _add(styles, f"{kind} Text", WD_STYLE_TYPE.PARAGRAPH, "Normal")
        text.font.size = Pt(9)
        text.paragraph_format.space_after = Pt(0)
        text.paragraph_format.line_spacing = 1.0
        reference = _add(styles, f"{kind} Reference", WD_STYLE_TYPE.CHARACTER, None)
        reference.font.superscript = True

    footer = styles["Footer"]
    footer.font.name, footer.font.size = BODY_FONT, Pt(9)
    document.core_properties.title = "Shadow Report Studio reference document"
    document.core_properties.author = "Shadow Report Studio"
    document.save(path)


def _add(styles, name: str, kind, based_on: str | None):
    try:
        return styles[name]
    except KeyError:
        style = styles.add_style(name, kind)
        if based_on:
            style.base_style = styles[based_on]
        return style


def _drop_thumbnail(document) -> None:
    """python-docx's template carries a preview image of its own; a report should not show it."""
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.drop_rel(rel_id) if hasattr(package, "drop_rel") else package.rels.pop(rel_id)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "templates" / "reference.docx"
    build_reference(target)
    print(f"Wrote {target}")
