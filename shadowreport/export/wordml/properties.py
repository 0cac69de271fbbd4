"""Document properties (docProps/core.xml) and the language of the text (w:docDefaults in styles.xml)."""

from __future__ import annotations

from dataclasses import dataclass

from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement

from .body import xml_safe

LANGUAGE_TAGS = {"en": "en-GB", "fr": "fr-FR", "es": "es-ES", "de": "de-DE", "it": "it-IT", "pt": "pt-PT", "ru": "ru-RU", "ar": "ar-SA", "zh": "zh-CN"}
CORE_PROPERTY_LIMIT = 255  # characters Word's core properties hold (python-docx refuses more)


@dataclass(frozen=True)
class Properties:
    title: str
    author: str
    subject: str
    language: str  # a language code such as "en", or a full tag such as "en-US"
    keywords: str = ""


def language_tag(language: str) -> str:
    """The tag Word expects for a language code ("fr" -> "fr-FR"); any other value as given."""
    return LANGUAGE_TAGS.get(language, language)


def core_property(text: str, limit: int = CORE_PROPERTY_LIMIT) -> str:
    """Text for a core property: whole if it fits, else cut at a word boundary and ended with an ellipsis."""
    text = " ".join(xml_safe(text).split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    if " " in cut and not text[limit - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]  # never end on half a word (a long title or the ninth member's name)
    return cut.rstrip(" ,;:-–—") + "…"


def set_properties(document, properties: Properties, comments: str) -> None:
    """Fill the core properties; each value fitted to what Word holds."""
    core = document.core_properties
    core.title, core.author, core.subject = core_property(properties.title), core_property(properties.author), core_property(properties.subject)
    core.keywords, core.language = core_property(properties.keywords), language_tag(properties.language)
    core.comments = comments
    core.last_modified_by = core_property(properties.author)


def set_default_language(document, tag: str) -> None:
    """The language of the text in the document defaults, so Word's spelling and hyphenation follow it."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        run_properties = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if run_properties is not None:
            language = run_properties.find(qn("w:lang"))
            if language is None:
                language = OxmlElement("w:lang")
                run_properties.append(language)
            language.set(qn("w:val"), tag)
