"""An earlier recommendation, its implementation assessment, and the pure functions over a list of them.

A base module (below the Project and the Draft, which both carry these records); no I/O here.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache
from collections.abc import Iterable
from typing import Literal

from pydantic import Field

from ..records import Line, Model, ShortId, Text, new_id

Position = Literal["supported", "noted"]
Status = Literal["implemented", "partially", "not-implemented", "no-information"]
# The Human Rights Committee's follow-up grades (CCPR/C/108/2), with the sub-grades older reports used.
Grade = Literal["A", "B", "C", "D", "E", "B1", "B2", "C1", "C2", "D1"]

STATUS_LABELS: dict[str, str] = {
    "implemented": "Implemented",
    "partially": "Partially implemented",
    "not-implemented": "Not implemented",
    "no-information": "No information",
}
GRADE_LABELS: dict[str, str] = {
    "A": "Reply/action largely satisfactory",
    "B": "Reply/action partially satisfactory",
    "C": "Reply/action not satisfactory",
    "D": "No cooperation with the Committee",
    "E": "Information or measures contrary to or reflecting rejection of the recommendation",
    "B1": "Substantive action taken, but additional information required",
    "B2": "Initial action taken, but additional measures and information required",
    "C1": "Reply received but actions taken do not implement the recommendation",
    "C2": "Reply received but not relevant to the recommendation",
    "D1": "No reply to one or more of the recommendations",
}


class Assessment(Model):
    """How far the State implemented an earlier recommendation, in the NGO's judgement, with its evidence."""

    status: Status = "no-information"
    grade: Grade | None = None  # for treaty-body follow-up, the Human Rights Committee's scale
    comment: Text = ""
    evidence_ids: list[ShortId] = Field(default_factory=list)  # the project's evidence items behind it
    assessed_on: dt.date | None = None


class EarlierRecommendation(Model):
    """One recommendation (or observation) from an earlier review, as a UN database or table gives it."""

    id: ShortId = Field(default_factory=lambda: new_id("er"))
    text: Text = Field(min_length=1)  # without its paragraph number
    paragraph: Line = ""  # e.g. "136.2"
    symbol: Line = ""  # the document, e.g. "A/HRC/47/7"
    state: Line = ""  # the State under review (UHRI: Countries Concerned)
    recommending: list[Line] = Field(default_factory=list)  # States or bodies
    position: Position | None = None  # "Not Supported" is read as noted
    position_source: Line = ""  # e.g. "A/HRC/46/15/Add.1 - Para.20"
    body: Line = ""  # the recommending body as UHRI names it ("UPR", "CCPR"...)
    type: Line = ""  # UHRI's Type: "Recommendations", "Concerns/Observations"
    cycle: Line = ""
    session: Line = ""
    themes: list[Line] = Field(default_factory=list)
    sdgs: list[Line] = Field(default_factory=list)
    affected_persons: list[Line] = Field(default_factory=list)
    action_category: Line = ""
    date: dt.date | None = None
    source_id: Line = ""  # OHCHR Annotation Id or the Uwazi sharedId: the same record read twice is one
    assessment: Assessment | None = None

    @property
    def reference(self) -> str:
        """Symbol and paragraph, e.g. "A/HRC/47/7 136.2"."""
        return " ".join(part for part in (self.symbol, self.paragraph) if part)

    @property
    def is_recommendation(self) -> bool:
        """False for UHRI's observations and concerns, which are no recommendation to assess."""
        return not self.type or "recommendation" in self.type.lower()

    def as_json(self) -> dict:
        """The record for `shadowreport earlier --format json`: the model's fields plus the reference."""
        data = self.model_dump(mode="json", exclude={"id"}, exclude_defaults=False)
        return {"reference": self.reference, **data}


@lru_cache(maxsize=4096)  # States, positions and themes repeat across thousands of rows
def fold(text: str) -> str:
    """Text compared loosely: no accents, case or runs of spaces ("Côte d'Ivoire" = "cote d'ivoire")."""
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).casefold().split())


def for_state(records: Iterable[EarlierRecommendation], state: str | None, observations: bool = False) -> list[EarlierRecommendation]:
    """The named State's recommendations (all States when none is named); observations only when asked."""
    wanted = fold(state) if state else None
    return [r for r in records
            if (wanted is None or not r.state or fold(r.state) == wanted) and (observations or r.is_recommendation)]


def with_state(records: Iterable[EarlierRecommendation], state: str | None) -> list[EarlierRecommendation]:
    """The records, those that name no State (OHCHR's Word tables) given the one they were imported for."""
    if not state:
        return list(records)
    return [r if r.state else r.model_copy(update={"state": state}) for r in records]


def states(records: Iterable[EarlierRecommendation]) -> list[str]:
    """The States under review named in the records, in order of first appearance."""
    return list(dict.fromkeys(r.state for r in records if r.state))


def select(records: Iterable[EarlierRecommendation], theme: str | None = None, position: str | None = None,
           recommending: str | None = None, status: str | None = None) -> list[EarlierRecommendation]:
    """Filter for browsing: a theme (part of its name), a position, a recommending State or body, an assessment status."""
    theme_f = fold(theme) if theme else None
    recommending_f = fold(recommending) if recommending else None
    out = []
    for r in records:
        if theme_f and not any(theme_f in fold(t) for t in r.themes):
            continue
        if position and r.position != position:
            continue
        if recommending_f and not any(recommending_f == fold(s) for s in r.recommending):
            continue
        if status and (r.assessment.status if r.assessment else "no-information") != status:
            continue
        out.append(r)
    return out


def deduplicate(records: Iterable[EarlierRecommendation]) -> list[EarlierRecommendation]:
    """One record per source id, or per symbol and paragraph (and text, when both are missing)."""
    return merge([], records)[0]


_REFERENCE = re.compile(r"^\s*(?P<symbol>.*?)\s*(?:para(?:graph)?\.?\s*)?(?P<paragraph>\d+(?:\.\d+)*)\s*$", re.IGNORECASE)


def find(records: Iterable[EarlierRecommendation], symbol: str, paragraph: str) -> EarlierRecommendation | None:
    """The record a link (symbol, paragraph) names; the symbol may be left out when the paragraph is unique."""
    matches = [r for r in records if r.paragraph == paragraph.strip() and (not symbol or fold(r.symbol) == fold(symbol))]
    return matches[0] if len(matches) == 1 or (matches and symbol) else None


def split_reference(reference: str) -> tuple[str, str]:
    """ "A/HRC/47/7 136.2" -> ("A/HRC/47/7", "136.2"); "136.2" -> ("", "136.2")."""
    match = _REFERENCE.match(reference)
    if not match:
        return reference.strip(), ""
    return match.group("symbol").strip().rstrip(",;-").strip(), match.group("paragraph")


def _key(r: EarlierRecommendation) -> tuple[str, str]:
    return ("id", r.source_id) if r.source_id else ("ref", f"{r.symbol}|{r.paragraph}|{r.state}" if r.paragraph else fold(r.text))


def merge(existing: list[EarlierRecommendation], incoming: Iterable[EarlierRecommendation]) -> tuple[list[EarlierRecommendation], int]:
    """The existing records (their assessments kept) plus the incoming ones not already there; and how many were added."""
    seen = {_key(r) for r in existing}
    added = []
    for r in incoming:
        if _key(r) not in seen:
            seen.add(_key(r))
            added.append(r)
    return [*existing, *added], len(added)


def summary_line(r: EarlierRecommendation) -> str:
    """One line saying what a record is: reference, position, who recommended it."""
    who = ", ".join(r.recommending) or r.body
    return "  ".join(part for part in (r.reference or "(no reference)", r.position or "no position", f"({who})" if who else "") if part)


ORDINALS = {"1": "1st", "2": "2nd", "3": "3rd", "4": "4th", "5": "5th"}


def follow_up_phrase(record: EarlierRecommendation) -> str:
    """How a new recommendation names the one it follows up: "reiterates 136.2, supported in the 3rd cycle"."""
    what = record.paragraph or record.reference or "an earlier recommendation"
    cycle = ORDINALS.get(record.cycle.strip(), record.cycle.strip())
    when = f" in the {cycle} cycle" if cycle and "cycle" not in cycle else f" in the {cycle}" if cycle else f" at session {record.session}" if record.session else ""
    position = f", {record.position}{when}" if record.position else f"{when}" if when else ""
    return f"reiterates {what}{position}"

