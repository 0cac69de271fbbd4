"""Helpers the checks share: walking a draft's paragraphs with their location, and counting words."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

from ..draft import Draft, DraftSection, Paragraph
from ..wordcount import count_words
from .finding import Location

if TYPE_CHECKING:
    from ..rules.models import Kind


def paragraphs(draft: Draft, include_annexes: bool = False) -> Iterator[tuple[DraftSection, int, Paragraph]]:
    """(section, 1-based position in the document, paragraph) for each paragraph of the body."""
    position = 0
    for section in draft.sections:
        if section.is_annex and not include_annexes:
            continue
        for paragraph in section.paragraphs:
            position += 1
            yield section, position, paragraph


def where(section: DraftSection | None, position: int | None, paragraph: Paragraph | None, span: tuple[int, int] | None = None) -> Location:
    label = None
    if paragraph is not None:
        label = paragraph.number if paragraph.number else f"#{position}"
    return Location(section=section.title if section else None, paragraph=label, span=span)


@dataclass(frozen=True)
class WordCount:
    body: int  # headings, paragraphs and tables of the main text
    notes: int
    annexes: int
    cover: int = 0

    def counted(self, notes: bool, annexes: bool, cover: bool = False) -> int:
        return self.body + (self.notes if notes else 0) + (self.annexes if annexes else 0) + (self.cover if cover else 0)


def word_count(draft: Draft) -> WordCount:
    return draft.memo("word_count", lambda: _word_count(draft))


def _word_count(draft: Draft) -> WordCount:
    body = annexes = 0
    for section in draft.sections:
        words = count_words(section.title) + sum(count_words(p.text) for p in section.paragraphs)
        if section.is_annex:
            annexes += words
        else:
            body += words
    body += sum(count_words(cell) for table in draft.tables for row in table for cell in row)
    notes = sum(count_words(note.text) for note in draft.notes)
    return WordCount(body, notes, annexes, sum(count_words(line) for line in draft.cover))


def counts_toward_limit(kind: Kind | None) -> tuple[bool | None, bool, bool]:
    """(footnotes count?, annexes count?, cover counts?) as the kind's rule says; footnotes None where no source says."""
    if kind is None:
        return None, False, False
    counts = kind.limits.counts
    footnotes = counts.footnotes.value if counts.footnotes is not None else None
    annexes = counts.annexes.value if counts.annexes is not None else False
    cover = counts.cover.value if counts.cover is not None else False
    return footnotes, annexes, cover


def counted_words(draft: Draft, kind: Kind | None) -> int:
    """The words that count toward the kind's limit: the body, plus notes, annexes and cover where the rule says."""
    footnotes, annexes, cover = counts_toward_limit(kind)
    return word_count(draft).counted(notes=bool(footnotes), annexes=annexes, cover=cover)


def body_text(draft: Draft) -> str:
    return draft.memo("body_text", lambda: "\n".join(p.text for _, _, p in paragraphs(draft)))
