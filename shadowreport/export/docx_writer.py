"""Write a Draft as a Word document on the reference document's styles.

The Draft already holds the text as the reviewer will read it: sections, paragraphs with their
numbers, note calls and note texts, recommendations in place. This module only lays it out:
cover block, headings (so Word's navigation pane and table of contents work), numbered paragraphs
as real Word numbering that restarts where the Draft's numbers restart, real footnotes, page
numbers and document properties.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement

from ..draft import Draft
from ..paths import builtin_dir
from .cover import CoverBlock
from .notes import Notes

# Characters XML 1.0 cannot hold; a pasted control character must not break the file.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
LANGUAGE_TAGS = {"en": "en-GB", "fr": "fr-FR", "es": "es-ES", "de": "de-DE", "it": "it-IT", "pt": "pt-PT", "ru": "ru-RU", "ar": "ar-SA", "zh": "zh-CN"}


def clean(text: str) -> str:
    return _XML_INVALID.sub("", text)


@dataclass(frozen=True)
class Properties:
    title: str
    author: str
    subject: str
    language: str
    keywords: str = ""


def write_docx(draft: Draft, cover: list[CoverBlock], properties: Properties, path: Path, reference: Path | None = None) -> None:
    document = docx.Document(str(reference or builtin_dir("templates") / "reference.docx"))
    _clear_body(document)
    _set_properties(document, properties)
    _page_numbers(document)
    for block in cover:
        _cover_block(document, block)
    numbering = _Numbering(document)
    notes = Notes(document, "footnote")
    endnotes = None
    note_texts = {note.id: note for note in draft.notes}
    style_ids = _StyleIds(document)
    body_element = document.element.body
    for section in draft.sections:
        heading = _paragraph(body_element, style_ids.id(f"Heading {min(section.level, 3)}"))
        heading.append(_text_run(clean(section.title)))
        for paragraph in section.paragraphs:
            if paragraph.number is not None:
                # Items (recommendations) keep a list style, text paragraphs the numbered-paragraph style,
                # so that the file reads back the same; both share one numbering.
                style = "List Number" if paragraph.style == "list-item" else "Numbered Paragraph"
                element = _paragraph(body_element, style_ids.id(style), numbering.next_id(paragraph.number))
            elif paragraph.style == "list-item":
                element = _paragraph(body_element, style_ids.id("List Bullet"))
            elif paragraph.style == "quote":
                element = _paragraph(body_element, style_ids.id("Quote"))
            else:
                element = _paragraph(body_element, None)
            for index, (text, ref) in enumerate(paragraph.pieces()):
                _add_text(element, clean(text), label=index == 0)
                note = note_texts.get(ref) if ref else None
                if note is None:
                    continue
                if note.kind == "endnote":
                    endnotes = endnotes or Notes(document, "endnote")
                    endnotes.add(element, clean(note.text))
                else:
                    notes.add(element, clean(note.text))
    document.save(str(path))


class _StyleIds:
    """Style ids looked up once: python-docx searches every style on each lookup, which made
    long reports slow to write."""

    def __init__(self, document) -> None:
        self.document = document
        self._ids: dict[str, str] = {}

    def id(self, name: str) -> str:
        if name not in self._ids:
            self._ids[name] = self.document.styles[name].style_id
        return self._ids[name]


# Paragraphs and runs are built directly in WordprocessingML: python-docx's friendly objects
# validate and reorder at every step, which is several times slower on a long report.


def _paragraph(body, style_id: str | None, num_id: int | None = None):
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


def _text_run(text: str, bold: bool = False):
    run = OxmlElement("w:r")
    if bold:
        properties = OxmlElement("w:rPr")
        properties.append(OxmlElement("w:b"))
        run.append(properties)
    element = OxmlElement("w:t")
    element.set(qn("xml:space"), "preserve")
    element.text = text
    run.append(element)
    return run


def _add_text(paragraph, text: str, label: bool = False) -> None:
    """Text as written; a leading 'Priority:' label in bold."""
    if not text:
        return
    match = re.match(r"^(Priority:|Priorité :|Prioridad:)\s", text) if label else None
    if match:
        paragraph.append(_text_run(match.group(1), bold=True))
        text = text[match.end() - 1:]
    paragraph.append(_text_run(text))


def _clear_body(document) -> None:
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


CORE_PROPERTY_LIMIT = 255  # characters Word's core properties hold (python-docx refuses more)


def core_property(text: str, limit: int = CORE_PROPERTY_LIMIT) -> str:
    """Text for a core property: whole if it fits, else cut at a word boundary and ended with an ellipsis."""
    text = " ".join(clean(text).split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    if " " in cut and not text[limit - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]  # never end on half a word (a long title or the ninth member's name)
    return cut.rstrip(" ,;:-–—") + "…"


def _set_properties(document, properties: Properties) -> None:
    core = document.core_properties
    core.title, core.author, core.subject = core_property(properties.title), core_property(properties.author), core_property(properties.subject)
    core.keywords, core.language = core_property(properties.keywords), LANGUAGE_TAGS.get(properties.language, properties.language)
    core.comments = "Prepared with Shadow Report Studio"
    core.last_modified_by = core_property(properties.author)
    # The language of the text, so Word's spelling and hyphenation follow it.
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        run_properties = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if run_properties is not None:
            language = run_properties.find(qn("w:lang"))
            if language is None:
                language = OxmlElement("w:lang")
                run_properties.append(language)
            language.set(qn("w:val"), LANGUAGE_TAGS.get(properties.language, properties.language))


def _page_numbers(document) -> None:
    for section in document.sections:
        footer = section.footer.paragraphs[0] if section.footer.paragraphs else section.footer.add_paragraph()
        footer.style = document.styles["Footer"]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for child in list(footer._p):
            if child.tag != qn("w:pPr"):
                footer._p.remove(child)
        footer.add_run("Page ")
        _field(footer, "PAGE", "1")
        footer.add_run(" of ")
        _field(footer, "NUMPAGES", "1")


def _field(paragraph, instruction: str, placeholder: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" {instruction} ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = placeholder
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _cover_block(document, block: CoverBlock) -> None:
    style = {"title": "Title", "subtitle": "Subtitle", "bullet": "List Bullet", "line": "Cover Line"}[block.style]
    paragraph = document.add_paragraph(style=style)
    if block.label:
        paragraph.add_run(clean(block.label)).bold = True
        if block.text:
            paragraph.add_run(" ")
    if block.text:
        paragraph.add_run(clean(block.text))


class _Numbering:
    """Word numbering for numbered paragraphs: one list while the numbers run on, a new one where they restart."""

    def __init__(self, document) -> None:
        self.part = document.part.numbering_part
        self.root = self.part.element
        self.abstract_id = self._add_abstract()
        self.num_id: int | None = None
        self.last: int | None = None

    def _add_abstract(self) -> int:
        ids = [int(a.get(qn("w:abstractNumId"))) for a in self.root.findall(qn("w:abstractNum"))]
        abstract_id = max(ids, default=0) + 1
        abstract = OxmlElement("w:abstractNum")
        abstract.set(qn("w:abstractNumId"), str(abstract_id))
        multi = OxmlElement("w:multiLevelType")
        multi.set(qn("w:val"), "singleLevel")
        abstract.append(multi)
        level = OxmlElement("w:lvl")
        level.set(qn("w:ilvl"), "0")
        for tag, value in (("w:start", "1"), ("w:numFmt", "decimal"), ("w:lvlText", "%1."), ("w:lvlJc", "left")):
            element = OxmlElement(tag)
            element.set(qn("w:val"), value)
            level.append(element)
        paragraph = OxmlElement("w:pPr")
        indent = OxmlElement("w:ind")
        indent.set(qn("w:left"), "510")
        indent.set(qn("w:hanging"), "510")
        paragraph.append(indent)
        level.append(paragraph)
        abstract.append(level)
        # abstractNum elements must come before num elements in numbering.xml.
        first_num = self.root.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            self.root.append(abstract)
        return abstract_id

    def _new_list(self, start: int) -> int:
        ids = [int(n.get(qn("w:numId"))) for n in self.root.findall(qn("w:num"))]
        num_id = max(ids, default=0) + 1
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(num_id))
        abstract = OxmlElement("w:abstractNumId")
        abstract.set(qn("w:val"), str(self.abstract_id))
        num.append(abstract)
        override = OxmlElement("w:lvlOverride")
        override.set(qn("w:ilvl"), "0")
        start_override = OxmlElement("w:startOverride")
        start_override.set(qn("w:val"), str(start))
        override.append(start_override)
        num.append(override)
        self.root.append(num)
        return num_id

    def next_id(self, number: str) -> int:
        """The list a paragraph numbered ``number`` belongs to: the current one, or a new one where numbers restart."""
        value = int(number) if number.isdigit() else None
        if self.num_id is None or value is None or self.last is None or value != self.last + 1:
            self.num_id = self._new_list(value or 1)
        self.last = value
        return self.num_id
