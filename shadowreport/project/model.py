"""The project: everything an advocacy officer or a coalition puts into one submission.

These models are the boundary between the app, the store, the exchange files and the checks.
They forbid unknown keys, so a file from a newer or a hostile source is refused with a clear
message rather than half read. Cross-checks against the rule pack (does the kind exist?) happen
when a file is read (``exchange.read_project`` with a pack); the models ask the rules only for the
deadline. The records a Draft holds too (members, evidence, recommendations) are in ``records``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from typing import Annotated, Literal

from pydantic import BaseModel, Field, field_validator, model_validator

# The records a Draft holds too live a layer below (records.py); they are re-exported here so
# `from shadowreport.project.model import Member` keeps working.
from ..earlier.model import EarlierRecommendation
from ..records import (
    Citation, Consent, EvidenceItem, EvidenceKind, Line, Member, Model, Origin, PriorRecommendation, Recommendation,
    ShortId, Text, Timeframe, new_id,
)
from ..rules.deadlines import Deadline, compute_deadline

__all__ = [
    "FORMAT_VERSION", "CheckSettings", "Citation", "Consent", "DeadlineOverride", "EvidenceDraft", "EvidenceItem", "EvidenceKind", "Line",
    "LimitOverride", "Member", "MemberDraft", "MergeConflict", "Model", "Origin", "PriorRecommendation", "Project", "Recommendation",
    "SectionContribution", "SectionText", "ShortId", "TeachingPoint", "Text", "Timeframe", "content_hash", "copy_of", "new_id",
]

FORMAT_VERSION = 1


class SectionText(Model):
    id: ShortId
    title: Line = Field(min_length=1)
    text: Text = ""  # paragraphs separated by blank lines; [^evidence-id] cites an evidence item


class SectionContribution(Model):
    """A member's text for a section of a joint report, for the coordinator to weave in."""

    id: ShortId = Field(default_factory=lambda: new_id("part"))
    section_id: ShortId
    member: ShortId
    text: Text
    origin: Origin | None = None


class MergeConflict(Model):
    """An item both the coordinator and its contributor changed: kept apart until someone decides."""

    item_type: Literal["evidence", "recommendation", "section-contribution"]
    local_id: ShortId
    member: ShortId
    incoming: dict
    found_on: dt.date


class DeadlineOverride(Model):
    """The official date, e.g. from the session's information note."""

    date: dt.date
    source: Line = Field(min_length=1)


class LimitOverride(Model):
    """A limit the user takes from a newer source than the rule pack (per project)."""

    words: Annotated[int, Field(gt=0)] | None = None
    pages: Annotated[int, Field(gt=0)] | None = None
    source: Line = Field(min_length=1)


class CheckSettings(Model):
    """Checks switched off (ids or whole families such as "readability") and severities changed for this project."""

    disable: list[Line] = []
    severity: dict[Line, Literal["error", "warning", "info"]] = {}


class EvidenceDraft(Model):
    """The "Add evidence" form as typed so far, kept so that nothing typed in it is lost before it is
    added: every field may be empty or half done, and it never counts as evidence (not exported, not checked)."""

    kind: EvidenceKind = "statistic"
    claim: Text = ""
    citation: Line = ""
    url: Line = ""
    date: dt.date | None = None
    contributed_by: ShortId | None = None
    confidentiality: Literal["public", "restricted", "confidential"] = "public"
    involves_minor: bool = False
    consent_form: Literal["not recorded", "verbal", "written"] = "not recorded"
    consent_scope: Line = ""
    consent_date: dt.date | None = None


class MemberDraft(Model):
    """The "Add a member" form as typed so far, kept so that a name typed there survives leaving the page
    before it is added: the name may be empty, and a draft is never a member (not exported, never signs off)."""

    name: Line = ""
    role: Literal["member", "endorser"] = "member"

    def member(self) -> Member:
        """The member this draft describes, once it has a name (the "Add" button's check)."""
        if not self.name.strip():
            raise ValueError("a member needs a name")
        return Member(name=self.name.strip(), role=self.role)


class TeachingPoint(Model):
    """For samples and training: a finding the checks should raise, and why."""

    rule: Line
    note: Line = ""


class Project(Model):
    id: ShortId = Field(default_factory=lambda: new_id("prj"))
    title: Line = Field(min_length=1)
    mechanism: ShortId
    kind: ShortId
    state: Line = ""  # the State under review
    cycle: Line = ""  # e.g. "4th cycle, 50th session"
    session_date: dt.date | None = None
    language: Annotated[str, Field(pattern=r"^[a-z]{2}$")] = "en"
    members: list[Member] = Field(min_length=1)
    sections: list[SectionText] = []
    section_contributions: list[SectionContribution] = []
    evidence: list[EvidenceItem] = []
    recommendations: list[Recommendation] = []
    earlier: list[EarlierRecommendation] = []  # the last cycle's recommendations to the State, with their assessment (earlier/)
    plan: dict[ShortId, Text] = {}  # the advocacy plan's steps by id (briefing/advocacy-plan sections)
    deadline_override: DeadlineOverride | None = None
    limit_override: LimitOverride | None = None
    checks: CheckSettings = CheckSettings()
    status: Literal["planning", "drafting", "in-review", "signed-off", "submitted"] = "drafting"
    merge_conflicts: list[MergeConflict] = []
    teaching_points: list[TeachingPoint] = []
    notes: Text = ""
    evidence_draft: EvidenceDraft = EvidenceDraft()  # the "Add evidence" form, typed but not yet added
    member_draft: MemberDraft = MemberDraft()  # the "Add a member" form, typed but not yet added
    created_at: dt.datetime = Field(default_factory=lambda: dt.datetime.now(dt.timezone.utc).replace(microsecond=0))

    @field_validator("kind", mode="before")
    @classmethod
    def _short_kind(cls, value: object) -> object:
        return value.split("/", 1)[-1] if isinstance(value, str) else value  # accept "upr/stakeholder" too

    @model_validator(mode="after")
    def _consistent(self) -> "Project":
        for label, items in (("member", self.members), ("evidence", self.evidence), ("recommendation", self.recommendations), ("section", self.sections)):
            repeated = sorted(i for i, n in Counter(item.id for item in items).items() if n > 1)  # Counter: linear, where list.count took minutes for 100,000
            if repeated:
                raise ValueError(f"{label} id '{repeated[0]}' is used twice")
        coordinators = [m for m in self.members if m.role == "coordinator"]
        if len(self.members) > 1 and len(coordinators) != 1:
            raise ValueError(f"a coalition needs exactly one coordinator (found {len(coordinators)})")
        member_ids = {m.id for m in self.members}
        for item in (*self.evidence, *self.recommendations):
            if item.contributed_by is not None and item.contributed_by not in member_ids:
                raise ValueError(f"'{item.id}' is attributed to '{item.contributed_by}', who is not a member")
        evidence_ids = {e.id for e in self.evidence}
        for rec in self.recommendations:
            missing = [e for e in rec.evidence_ids if e not in evidence_ids]
            if missing:
                raise ValueError(f"recommendation '{rec.id}' links to evidence '{missing[0]}', which does not exist")
        for earlier in self.earlier:
            missing = [e for e in (earlier.assessment.evidence_ids if earlier.assessment else []) if e not in evidence_ids]
            if missing:
                raise ValueError(f"the assessment of earlier recommendation '{earlier.reference or earlier.id}' links to evidence '{missing[0]}', which does not exist")
        return self

    @property
    def kind_id(self) -> str:
        return f"{self.mechanism}/{self.kind}"

    @property
    def joint(self) -> bool:
        """A joint (coalition) submission: more than one organisation."""
        return len(self.members) > 1

    @property
    def coordinator(self) -> Member:
        return next((m for m in self.members if m.role == "coordinator"), self.members[0])

    def member(self, member_id: str) -> Member | None:
        return next((m for m in self.members if m.id == member_id), None)

    def evidence_item(self, evidence_id: str) -> EvidenceItem | None:
        return next((e for e in self.evidence if e.id == evidence_id), None)

    def deadline(self, pack, today: dt.date | None = None, language: str = "en") -> Deadline:
        """The deadline, how it was found and its milestones: the official date if entered, else the kind's rule
        (its explanation in ``language``)."""
        override = self.deadline_override
        return compute_deadline(pack.kind(self.kind_id)[1], today or dt.date.today(), session_date=self.session_date,
                                joint=self.joint, official=override.date if override else None,
                                official_source=override.source if override else None, language=language)


def content_hash(item: BaseModel) -> str:
    """A fingerprint of what an item says, ignoring its id, attribution and origin."""
    data = item.model_dump(mode="json", exclude={"id", "origin", "contributed_by", "member"})
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def copy_of(project: Project) -> Project:
    """The project as a new one: a new id, "(copy)" after its title (when the title has room), created now."""
    title = f"{project.title} (copy)"
    return project.model_copy(update={"id": new_id("prj"), "title": title if len(title) <= 1_000 else project.title,
                                      "created_at": dt.datetime.now(dt.UTC).replace(microsecond=0)})
