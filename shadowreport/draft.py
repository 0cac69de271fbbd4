"""The Draft: the one thing every check reads.

A guided project and an imported Word, Markdown or text file both become a Draft, so a check
written once serves the editor, the "check my document" page and the command line. A Draft holds
text as the reviewer will see it (sections, numbered paragraphs, notes, recommendations) plus what
only a project knows (evidence records, coalition members), which imported files leave empty.

Plain dataclasses, not pydantic models: a Draft is made only by this program's importers, never read
from a file as it is, so there is nothing to validate, and a lint that imports no pydantic starts
about 100 ms sooner. ``model_copy`` keeps the copying that callers written for the models use.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Callable, Literal

if TYPE_CHECKING:  # a project's records (pydantic models): a Draft only carries them
    from .earlier.model import EarlierRecommendation
    from .records import EvidenceItem, Member


class DraftModel:
    def model_copy(self, *, update: dict[str, Any] | None = None, deep: bool = False):
        """A copy with ``update``'s fields changed (an unknown field is a TypeError); ``deep`` copies every list too."""
        made = replace(self, **(update or {}))
        return copy.deepcopy(made) if deep else made


@dataclass(kw_only=True)
class Paragraph(DraftModel):
    text: str
    number: str | None = None  # as printed, e.g. "12"; None when the paragraph is not numbered
    style: Literal["body", "list-item", "quote", "heading"] = "body"
    note_refs: list[str] = field(default_factory=list)  # ids of the footnotes or endnotes this paragraph calls
    note_offsets: list[int] = field(default_factory=list)  # where each call stands in the text (same order); empty: at the end

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


@dataclass(kw_only=True)
class DraftSection(DraftModel):
    title: str
    level: int = 1  # 1 to 9
    id: str | None = None  # the kind's section id when known
    paragraphs: list[Paragraph] = field(default_factory=list)
    is_annex: bool = False
    tables: int = 0  # how many of the draft's tables stand in this section (a section may hold only a table)


@dataclass(kw_only=True)
class Note(DraftModel):
    id: str
    text: str
    kind: Literal["footnote", "endnote"] = "footnote"


@dataclass(kw_only=True)
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
    evidence_ids: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    follows_up: list[str] = field(default_factory=list)  # earlier recommendations it says it follows up, e.g. "A/HRC/47/7 136.2"
    # Found in an imported file: how sure the finder is (0-1; None when a project states it), and
    # where it stands ("#n", the n-th paragraph of the body, when the paragraph has no printed number;
    # "table t, row r" for a table cell).
    confidence: float | None = None
    position: str | None = None

    @property
    def paragraph(self) -> str | None:
        return self.paragraph_number or self.position


@dataclass(kw_only=True)
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


@dataclass(kw_only=True)
class WordHeading(DraftModel):
    level: int  # 1 to 9
    text: str


@dataclass(kw_only=True)
class WordImage(DraftModel):
    alt: str = ""  # the alternative text Word keeps (its description, else its title); empty when none
    name: str = ""  # Word's own name for it, e.g. "Picture 3"
    decorative: bool = False  # marked "decorative" in Word: needs no alternative text
    page: int | None = 1  # the page it stands on (counted at page breaks); None in a header or footer


@dataclass(kw_only=True)
class WordTable(DraftModel):
    rows: int
    header_row: bool  # the first row is marked "Repeat as header row at the top of each page"
    first_row: str = ""


@dataclass(kw_only=True)
class WordAccessibility(DraftModel):
    """What a Word file says about its own accessibility: read by the accessibility checks.

    Only a .docx draft has one; it holds what the Draft's text does not: the title and language
    properties as set, every heading's level, images with their alternative text, tables' header
    rows, numbers and bullets typed by hand, bold lines standing in for headings, words per page.
    """

    title: str = ""  # the title property (File > Info), not the first line of the text
    language: str | None = None  # the language the text is marked in, as Word writes it ("en-GB")
    headings: list[WordHeading] = field(default_factory=list)
    images: list[WordImage] = field(default_factory=list)
    tables: list[WordTable] = field(default_factory=list)
    typed_numbers: list[str] = field(default_factory=list)  # paragraphs that start with a number or bullet typed by hand
    bold_headings: list[str] = field(default_factory=list)  # short all-bold paragraphs followed by text: headings in looks only
    page_words: list[int] = field(default_factory=lambda: [0])  # words on each page, pages counted at explicit and last-rendered page breaks


@dataclass(kw_only=True)
class Draft(DraftModel):
    """A document to check: where it came from, what it is for, and what it says."""

    source: str  # a file path, or "project:<id>"
    title: str = ""
    cover: list[str] = field(default_factory=list)  # the title block before the first heading (title, subtitle, who submits, date)
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
    round: int | None = None  # the evaluation round it is for (GRETA), where one is declared; None: the round its title names, else the current one
    sections: list[DraftSection] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    recommendations: list[DraftRecommendation] = field(default_factory=list)
    possible_recommendations: list[DraftRecommendation] = field(default_factory=list)  # read as asks with low confidence: shown, not judged
    tables: list[list[list[str]]] = field(default_factory=list)
    evidence: list[EvidenceItem] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)
    earlier: list[EarlierRecommendation] = field(default_factory=list)  # a project's earlier recommendations to the State, with their assessment
    metadata: dict[str, str] = field(default_factory=dict)
    # What a project says about its own checking: limits from a newer source, checks switched off.
    words_limit: int | None = None
    pages_limit: int | None = None
    limit_source: str | None = None
    disabled_checks: list[str] = field(default_factory=list)
    severity_overrides: dict[str, Literal["error", "warning", "info"]] = field(default_factory=dict)
    layout: PageLayout | None = None  # a Word file's own page setup; None: the reference layout of our exports
    word: WordAccessibility | None = None  # a Word file's accessibility facts; None for other drafts
    _memo: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def memo(self, key: str, compute: Callable[[], Any]) -> Any:
        """Compute a derived figure (word count, body text...) once per draft; checks share it."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]
