"""Write a Draft as a Word document on the reference document's styles.

The Draft already holds the text as the reviewer will read it: sections, paragraphs with their
numbers, note calls and note texts, recommendations in place. This module only lays it out:
cover block, headings (so Word's navigation pane and table of contents work), numbered paragraphs
as real Word numbering that restarts where the Draft's numbers restart, real footnotes, page
numbers and document properties. The WordprocessingML itself is written by ``wordml``.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from ..draft import Draft
from ..i18n import Translator, translator
from ..language import detect_language, vocabularies
from ..paths import builtin_dir
from .cover import CoverBlock
from .wordml import (
    Notes, Numbering, Properties, StyleIds, add_paragraph, add_table, clear_body, images_without_alt_text, keep_only_properties, language_tag,
    set_default_language, set_properties, simple_field, text_run, xml_safe,
)
from .wordml.custom import set_custom_properties

__all__ = ["Properties", "write_docx"]

COMMENTS = "Prepared with Shadow Report Studio"
COVER_STYLES = {"title": "Title", "subtitle": "Subtitle", "bullet": "List Bullet", "line": "Cover Line"}
HEADING_LEVELS = 3  # the reference document styles Heading 1 to 3
SURE_OF_LANGUAGE = 0.4  # share of the function words found that are the language's own (clear French prose scores 0.44-0.6)
CONTENTS_FROM = 4  # sections from which a document gets a table of contents (a one-page briefing never does)
# settings.xml elements that come after w:updateFields in the schema's order (Word refuses a file out of order)
_AFTER_UPDATE_FIELDS = ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr", "attachedSchema",
                        "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade",
                        "captions", "readModeInkLockDown", "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags",
                        "decimalSymbol", "listSeparator")


def write_docx(draft: Draft, cover: list[CoverBlock], properties: Properties, path: Path, reference: Path | None = None) -> None:
    document = docx.Document(str(reference or builtin_dir("templates") / "reference.docx"))
    clear_body(document)
    set_properties(document, properties, COMMENTS)
    set_default_language(document, language_tag(properties.language))
    set_custom_properties(document, {  # what the file is for travels with it: linting it later needs no flags
        "mechanism": draft.mechanism, "kind": draft.kind, "joint": draft.joint, "language": properties.language,
        "project": draft.source.removeprefix("project:") if draft.source.startswith("project:") else None,
        "round": str(draft.round) if draft.round is not None else None,  # GRETA's evaluation round the text was written for
        "cycle": draft.cycle,  # as the project words it ("4e cycle d'évaluation"), so that importing the file gives it back
        # Each heading's section id: importing the file gives the project's sections back, in any language.
        "sections": json.dumps([[s.id, s.title] for s in draft.sections if s.id], ensure_ascii=False) if any(s.id for s in draft.sections) else None,
    })
    t = translator(properties.language)  # the document's own language, for the few words the export adds
    _page_numbers(document, t)
    for block in cover:
        _cover_block(document, block)
    numbering = Numbering(document)
    style_ids = StyleIds(document)
    contents = len(draft.sections) >= CONTENTS_FROM and not (draft.kind or "").startswith("briefing/")
    if contents:
        _table_of_contents(document, draft, style_ids, t)
    notes = Notes(document, "footnote")
    endnotes = None
    note_texts = {note.id: note for note in draft.notes}
    body_element = document.element.body
    document_language = language_tag(properties.language)
    tables = iter(draft.tables)  # in document order; each section says how many stand in it
    for index, (section, level) in enumerate(zip(draft.sections, _heading_levels(draft))):
        heading = add_paragraph(body_element, style_ids.id(f"Heading {level}"))
        if contents:
            _bookmarked(heading, index, text_run(xml_safe(section.title)))
        else:
            heading.append(text_run(xml_safe(section.title)))
        for paragraph in section.paragraphs:
            if paragraph.number is not None:
                # Items (recommendations) keep a list style, text paragraphs the numbered-paragraph style,
                # so that the file reads back the same; both share one numbering.
                style = "List Number" if paragraph.style == "list-item" else "Numbered Paragraph"
                element = add_paragraph(body_element, style_ids.id(style), numbering.next_id(paragraph.number))
            elif paragraph.style == "list-item":
                element = add_paragraph(body_element, style_ids.id("List Bullet"))
            elif paragraph.style == "quote":
                element = add_paragraph(body_element, style_ids.id("Quote"))
            else:
                element = add_paragraph(body_element, None)
            language = _other_language(paragraph.text, document_language)
            for index, (text, ref) in enumerate(paragraph.pieces()):
                _add_text(element, xml_safe(text), label=index == 0, language=language)
                note = note_texts.get(ref) if ref else None
                if note is None:
                    continue
                if note.kind == "endnote":
                    endnotes = endnotes or Notes(document, "endnote")
                    endnotes.add(element, xml_safe(note.text))
                else:
                    notes.add(element, xml_safe(note.text))
        for rows in [next(tables, None) for _ in range(section.tables)]:  # at the section's end: where in it is not kept
            if rows:
                add_table(body_element, rows, style_ids.id("Table Grid"))
    _describe_pictures(document, properties.author, t)
    document.save(str(path))


def _heading_levels(draft: Draft) -> list[int]:
    """Each section's heading level: never skipping one (a screen reader's outline would have a gap), so at
    most one below the last, and no deeper than the reference document styles."""
    levels, level = [], 0
    for section in draft.sections:
        level = max(1, min(section.level, level + 1, HEADING_LEVELS))
        levels.append(level)
    return levels


def _table_of_contents(document, draft: Draft, style_ids: StyleIds, t: Translator) -> None:
    """A real table of contents: its title in the document's language, then a TOC field over headings 1-3.

    The field's first result lists the headings as the export writes them (without page numbers, which only
    a layout knows); Word fills the numbers when it opens the file (updateFields), LibreOffice with Tools >
    Update > Update All, and either can refresh it after edits. The title's style keeps it out of the outline."""
    body = document.element.body
    title = add_paragraph(body, style_ids.id("TOC Heading"))
    title.append(text_run(t.gettext("Table of contents")))
    levels = list(zip(_heading_levels(draft), (section.title for section in draft.sections)))
    for index, (level, heading) in enumerate(levels):
        entry = add_paragraph(body, None)
        indent = OxmlElement("w:ind")
        indent.set(qn("w:left"), str(440 * (level - 1)))  # twentieths of a point: 0.78 cm a level, as Word's TOC styles
        properties = entry.find(qn("w:pPr"))
        if properties is None:
            properties = OxmlElement("w:pPr")
            entry.insert(0, properties)
        properties.append(indent)
        if index == 0:
            _field_part(entry, "begin")
            instruction = OxmlElement("w:r")
            text = OxmlElement("w:instrText")
            text.set(qn("xml:space"), "preserve")
            text.text = ' TOC \\o "1-3" \\h \\z \\u '
            instruction.append(text)
            entry.append(instruction)
            _field_part(entry, "separate")
        link = OxmlElement("w:hyperlink")  # a link to its heading, in the file and in a PDF, before any update
        link.set(qn("w:anchor"), _bookmark_name(index))
        link.set(qn("w:history"), "1")
        link.append(text_run(xml_safe(heading)))
        entry.append(link)
        if index == len(levels) - 1:
            _field_part(entry, "end")
    _update_fields_on_open(document)


def _bookmark_name(index: int) -> str:
    return f"_Toc{index + 1:06d}"  # Word's own prefix for the headings its table of contents points to


def _bookmarked(paragraph, index: int, run) -> None:
    """``run`` in ``paragraph`` between the bookmark a table-of-contents entry links to."""
    start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
    start.set(qn("w:id"), str(index + 1))
    start.set(qn("w:name"), _bookmark_name(index))
    end.set(qn("w:id"), str(index + 1))
    paragraph.append(start)
    paragraph.append(run)
    paragraph.append(end)


def _field_part(paragraph, kind: str) -> None:
    run = OxmlElement("w:r")
    mark = OxmlElement("w:fldChar")
    mark.set(qn("w:fldCharType"), kind)
    if kind == "begin":
        mark.set(qn("w:dirty"), "true")  # Word recomputes it (and its page numbers) on opening
    run.append(mark)
    paragraph.append(run)


def _update_fields_on_open(document) -> None:
    settings = document.settings.element
    if settings.find(qn("w:updateFields")) is not None:
        return
    flag = OxmlElement("w:updateFields")
    flag.set(qn("w:val"), "true")
    later = next((child for child in settings if child.tag.rpartition("}")[2] in _AFTER_UPDATE_FIELDS), None)
    if later is None:
        settings.append(flag)
    else:
        later.addprevious(flag)


def _other_language(text: str, document_language: str) -> str | None:
    """The tag of the language ``text`` is written in, when it is surely not the document's (a testimony
    quoted in French in an English report); None otherwise, and for text too short to tell."""
    found = detect_language(text)
    if found.language is None or found.confidence < SURE_OF_LANGUAGE or document_language.split("-")[0] == found.language:
        return None
    return language_tag(found.language)


def _describe_pictures(document, organisation: str, t: Translator) -> None:
    """A picture in an export comes from the reference document, where an organisation puts its logo:
    one without alternative text gets one, so a screen reader does not read a file name."""
    for picture in images_without_alt_text(document):
        picture.set("descr", t.gettext("Logo of {organisation}").format(organisation=organisation) if organisation else t.gettext("Logo"))


def _add_text(paragraph, text: str, label: bool = False, language: str | None = None) -> None:
    """Text as written; a leading 'Priority:' label in bold."""
    if not text:
        return
    match = _priority_label().match(text) if label else None
    if match:
        paragraph.append(text_run(match.group(1), bold=True, language=language))
        text = text[match.end() - 1:]
    paragraph.append(text_run(text, language=language))


@lru_cache(maxsize=1)
def _priority_label() -> re.Pattern:
    """'Priority:', 'Priorité :', 'Prioridad:': each language's label (its vocabulary file's composer.priority)."""
    labels = [data["composer"]["priority"] for data in vocabularies().values() if (data.get("composer") or {}).get("priority")]
    return re.compile(rf"^({'|'.join(map(re.escape, sorted(labels, key=len, reverse=True)))})\s" if labels else r"(?!x)x")


def _page_numbers(document, t: Translator) -> None:
    """'Page N of M' ('Page N sur M'), centred in every section's footer."""
    for section in document.sections:
        footer = section.footer.paragraphs[0] if section.footer.paragraphs else section.footer.add_paragraph()
        footer.style = document.styles["Footer"]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        keep_only_properties(footer._p)
        before, between = t.gettext("Page {page} of {pages}").split("{page}")
        footer.add_run(before)
        simple_field(footer._p, "PAGE", "1")
        footer.add_run(between.replace("{pages}", ""))
        simple_field(footer._p, "NUMPAGES", "1")


def _cover_block(document, block: CoverBlock) -> None:
    paragraph = document.add_paragraph(style=COVER_STYLES[block.style])
    if block.label:
        paragraph.add_run(xml_safe(block.label)).bold = True
        if block.text:
            paragraph.add_run(" ")
    if block.text:
        paragraph.add_run(xml_safe(block.text))
