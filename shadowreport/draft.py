"""The Draft: the one thing every check reads.

A guided project and an imported Word, Markdown or text file both become a Draft, so a check
written once serves the editor, the "check my document" page and the command line. A Draft holds
text as the reviewer will see it (sections, numbered paragraphs, notes, recommendations) plus what
only a project knows (evidence records, coalition members), which imported files leave empty.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from .records import EvidenceItem, Member


class DraftModel(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


class Paragraph(DraftModel):
    text: str
    number: str | None = None  # as printed, e.g. "12"; None when the paragraph is not numbered
    style: Literal["body", "list-item", "quote", "heading"] = "body"
    note_refs: list[str] = []  # ids of the footnotes or endnotes this paragraph calls
    note_offsets: list[int] = []  # where each call stands in the text (same order); empty: at the end


    def pieces(self) -> list[tuple[str, str | None]]:
        """The text cut at its note calls: (text, the note called after it, or None)."""
        if not self.note_refs:
            return [(self.text, None)]
        offsets = self.note_offsets if len(self.note_offsets) == len(self.note_refs) else [len(self.text)] * len(self.note_refs)
        pieces, start = [], 0
        for ref, offset in zip(self.note_refs, offsets):
            offset = max(start, min(offset, len(self.text)))
            pieces.append((self.text[start:offset], ref))
            start = offset
        pieces.append((self.text[start:], None))
        return pieces


class DraftSection(DraftModel):
    title: str
    level: int = Field(default=1, ge=1, le=9)
    id: str | None = None  # the kind's section id when known
    paragraphs: list[Paragraph] = []
    is_annex: bool = False


class Note(DraftModel):
    id: str
    text: str
    kind: Literal["footnote", "endnote"] = "footnote"


class DraftRecommendation(DraftModel):
    """A recommendation as written; structured fields are filled when the draft comes from a project."""

    text: str
    section: str | None = None
    paragraph_number: str | None = None
    addressee: str | None = None
    verb: str | None = None
    timeframe: str | None = None
    indicator: str | None = None
    priority: bool = False
    wish_list: bool = False
    evidence_ids: list[str] = []
    themes: list[str] = []


class PageLayout(DraftModel):
    """How a Word file lays its text out, as the file itself says (pagecount.py turns it into pages).

    Lengths in points; ``line`` is a multiple of single spacing, or None with ``line_exact_pt`` set
    when the lines are a fixed height. What the file does not say is Word's own default.
    """

    page_width_pt: float
    page_height_pt: float
    margin_left_pt: float
    margin_right_pt: float
    margin_top_pt: float
    margin_bottom_pt: float
    font: str | None = None  # the body text's font as named in the file (theme fonts resolved)
    size_pt: float = 11.0
    line: float | None = 1.0
    line_exact_pt: float | None = None
    space_before_pt: float = 0.0
    space_after_pt: float = 0.0
    note_size_pt: float = 10.0
    page_breaks: int = 0  # explicit page breaks and paragraphs that start a page


class Draft(DraftModel):
    """A document to check: where it came from, what it is for, and what it says."""

    source: str  # a file path, or "project:<id>"
    title: str = ""
    cover: list[str] = []  # the title block before the first heading (title, subtitle, who submits, date)
    mechanism: str | None = None
    kind: str | None = None
    joint: bool = False
    language: str | None = None
    deadline: dt.date | None = None
    deadline_official: bool = False  # True when the date was entered (official), not estimated from a rule
    deadline_source: str | None = None  # where the date came from, for messages
    session_date: dt.date | None = None
    state: str | None = None  # the State under review, where the document names one
    cycle: str | None = None  # the review cycle or round, as the project gives it
    sections: list[DraftSection] = []
    notes: list[Note] = []
    recommendations: list[DraftRecommendation] = []
    tables: list[list[list[str]]] = []
    evidence: list[EvidenceItem] = []
    members: list[Member] = []
    metadata: dict[str, str] = {}
    # What a project says about its own checking: limits from a newer source, checks switched off.
    words_limit: int | None = None
    pages_limit: int | None = None
    limit_source: str | None = None
    disabled_checks: list[str] = []
    severity_overrides: dict[str, Literal["error", "warning", "info"]] = {}
    layout: PageLayout | None = None  # a Word file's own page setup; None: the reference layout of our exports
    _memo: dict[str, Any] = PrivateAttr(default_factory=dict)

    def memo(self, key: str, compute: Callable[[], Any]) -> Any:
        """Compute a derived figure (word count, body text...) once per draft; checks share it."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]
