"""From a stream of headings, paragraphs and tables to a Draft's sections and recommendations.

Every importer (Word, Markdown, plain text) reads its format into these blocks; this module alone
decides what a section, an annex or a recommendation is, so all formats agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..draft import DraftRecommendation, DraftSection, Paragraph
from ..lazy_pattern import LazyPattern

RECOMMENDATION_HEADING = LazyPattern(r"recommendation|recommandation|recomendaci[oó]n|\basks\b|\bdemandes\b", re.IGNORECASE)
# A heading that is about recommendations: "Recommendations", "5. Our recommendations to the
# Ministry", "Key recommendations", "Our three asks".
RECOMMENDATION_TITLE = LazyPattern(
    r"^\s*(?:[\dIVXivx]+[.)]?\s+)?(?:[\w'’]+\s+){0,2}(recommendations?|recommandations?|recomendaciones|recomendación|asks)\b",
    re.IGNORECASE,
)
ANNEX_HEADING = LazyPattern(r"^\s*(annex|annexe|anexo|appendix|appendice)\b", re.IGNORECASE)


@dataclass
class Heading:
    level: int
    text: str


@dataclass
class Block:
    """A paragraph as read from the file."""

    text: str
    style: str = "body"  # body | list-item | quote
    number: str | None = None
    note_refs: list[str] = field(default_factory=list)
    note_offsets: list[int] = field(default_factory=list)


@dataclass
class TableBlock:
    rows: list[list[str]]


def build(blocks: list[Heading | Block | TableBlock], untitled: str = "Text") -> tuple[list[DraftSection], list[DraftRecommendation], list[list[list[str]]]]:
    sections, recommendations, _, tables = build_all(blocks, untitled)
    return sections, recommendations, tables


def build_all(blocks: list[Heading | Block | TableBlock], untitled: str = "Text"):
    """(sections, recommendations, possible recommendations, tables)."""
    sections: list[DraftSection] = []
    tables: list[list[list[str]]] = []
    tables_after: dict[int, list[tuple[int, list[list[str]]]]] = {}  # the section each table stands in
    in_annex = False
    current: DraftSection | None = None
    for block in blocks:
        if isinstance(block, Heading):
            in_annex = in_annex or bool(ANNEX_HEADING.match(block.text))
            current = DraftSection(title=block.text.strip(), level=max(1, min(block.level, 9)), is_annex=in_annex)
            sections.append(current)
        elif isinstance(block, TableBlock):
            tables.append(block.rows)
            if current is None:
                current = DraftSection(title=untitled, level=1)
                sections.append(current)
            tables_after.setdefault(len(sections) - 1, []).append((len(tables), block.rows))
            current.tables += 1
        elif block.text.strip():
            if current is None:
                current = DraftSection(title=untitled, level=1)
                sections.append(current)
            current.paragraphs.append(Paragraph(text=block.text.strip(), number=block.number, style=block.style, note_refs=block.note_refs,
                                               note_offsets=block.note_offsets if len(block.note_offsets) == len(block.note_refs) else []))
    from .recommendations import find

    recommendations, possible = find(sections, tables_after)
    return sections, recommendations, possible, tables


def recommendations_in(sections: list[DraftSection]) -> list[DraftRecommendation]:
    """Recommendations: under a heading naming them, up to the next heading of the same or higher level.

    List items there are recommendations; if there are none, each paragraph is one (minus a short
    lead-in such as "We recommend that:"). Where some headings are about recommendations
    ("Recommendations", "Our three asks") and others only mention them ("Follow-up of earlier
    recommendations"), only the former count.
    """
    strong = [s for s in sections if not s.is_annex and RECOMMENDATION_TITLE.match(s.title)]
    wanted = strong or [s for s in sections if not s.is_annex and RECOMMENDATION_HEADING.search(s.title)]
    wanted_ids = {id(section) for section in wanted}  # a set: 40,000 such headings stay linear
    found: list[DraftRecommendation] = []
    index = 0
    while index < len(sections):
        section = sections[index]
        if id(section) not in wanted_ids:
            index += 1
            continue
        scope = [section]
        index += 1
        while index < len(sections) and sections[index].level > section.level:
            scope.append(sections[index])
            index += 1
        paragraphs = [(s.title, p) for s in scope for p in s.paragraphs]
        items = [(title, p) for title, p in paragraphs if p.style == "list-item"]
        if not items:
            items = [(title, p) for title, p in paragraphs if not _lead_in(p.text)]
        found.extend(DraftRecommendation(text=p.text, section=title, paragraph_number=p.number) for title, p in items)
    return found


def _lead_in(text: str) -> bool:
    return len(text.split()) <= 12 and text.rstrip().endswith(":")
