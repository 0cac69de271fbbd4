"""Paragraphs, runs and fields of the document body, built directly as WordprocessingML elements.

python-docx's friendly objects validate and reorder at every step, which is several times slower
on a long report; these helpers append the elements in the order Word expects instead.
"""

from __future__ import annotations

import re

from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement

# Characters XML 1.0 cannot hold; a pasted control character must not break the file.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters an XML 1.0 document cannot hold."""
    return _XML_INVALID.sub("", text)


class StyleIds:
    """Style ids looked up once: python-docx searches every style on each lookup, which made
    long reports slow to write."""

    def __init__(self, document) -> None:
        self.document = document
        self._ids: dict[str, str] = {}

    def id(self, name: str) -> str:
        if name not in self._ids:
            self._ids[name] = self.document.styles[name].style_id
        return self._ids[name]


def add_paragraph(body, style_id: str | None, num_id: int | None = None):
    """A new ``w:p`` at the end of ``body``, with its paragraph style and numbering (level 0 of list ``num_id``)."""
    paragraph = body.add_p()
    if style_id or num_id is not None:
        properties = OxmlElement("w:pPr")
        if style_id:
            style = OxmlElement("w:pStyle")
            style.set(qn("w:val"), style_id)
            properties.append(style)
        if num_id is not None:
            numbering = OxmlElement("w:numPr")
            level, number = OxmlElement("w:ilvl"), OxmlElement("w:numId")
            level.set(qn("w:val"), "0")
            number.set(qn("w:val"), str(num_id))
            numbering.append(level)
            numbering.append(number)
            properties.append(numbering)
        paragraph.append(properties)
    return paragraph


def text_run(text: str, bold: bool = False, language: str | None = None):
    """A ``w:r`` holding ``text`` with its spaces kept, optionally bold, optionally marked in a
    language other than the document's (a tag such as "fr-FR"), so a screen reader switches voice."""
    run = OxmlElement("w:r")
    if bold or language:
        properties = OxmlElement("w:rPr")
        if bold:
            properties.append(OxmlElement("w:b"))
        if language:  # w:lang comes after w:b in a run's properties
            tag = OxmlElement("w:lang")
            tag.set(qn("w:val"), language)
            properties.append(tag)
        run.append(properties)
    element = OxmlElement("w:t")
    element.set(qn("xml:space"), "preserve")
    element.text = text
    run.append(element)
    return run


def simple_field(paragraph, instruction: str, placeholder: str) -> None:
    """Append a field (``PAGE``, ``NUMPAGES`` ...) to the ``w:p`` element; Word shows ``placeholder`` until it updates it."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" {instruction} ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = placeholder
    run.append(text)
    field.append(run)
    paragraph.append(field)


def keep_only_properties(paragraph) -> None:
    """Empty the ``w:p`` element: remove its runs and fields, keep its paragraph properties."""
    for child in list(paragraph):
        if child.tag != qn("w:pPr"):
            paragraph.remove(child)


def clear_body(document) -> None:
    """Remove everything from the document body except its section properties (page size, margins, footer)."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
