"""The project: everything an advocacy officer or a coalition puts into one submission.

These models are the boundary between the app, the store, the exchange files and the checks.
They forbid unknown keys, so a file from a newer or a hostile source is refused with a clear
message rather than half read. Cross-checks against the rule pack (does the kind exist?) live in
:func:`rules_problems`, since the models themselves know nothing of the rules.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from collections import Counter
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

FORMAT_VERSION = 1

ShortId = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
Text = Annotated[str, Field(max_length=200_000)]
Line = Annotated[str, Field(max_length=1_000)]


def new_id(prefix: str) -> str:
    """A short random id, unique enough to merge items from several coalition members."""
    return f"{prefix}-{secrets.token_hex(4)}"


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Member(Model):
    """An organisation in the submission: the only one, or one of a coalition."""

    id: ShortId = Field(default_factory=lambda: new_id("org"))
    name: Line = Field(min_length=1)
    contact: Line = ""  # the focal point's e-mail or phone; for the mechanism, never for publication
    role: Literal["coordinator", "member", "endorser"] = "coordinator"
    sign_off: Literal["pending", "approved", "declined"] = "pending"
    signed_on: dt.date | None = None

    @model_validator(mode="after")
    def _dated_sign_off(self) -> "Member":
        if self.sign_off == "pending" and self.signed_on is not None:
            raise ValueError("a sign-off date needs sign_off approved or declined")
        return self


class Citation(Model):
    citation: Line = Field(min_length=1)  # e.g. "Ministry of Interior, annual report 2024, p. 12"
    url: Line | None = Field(default=None, pattern=r"^https?://\S+$")
    date: dt.date | None = None


class Consent(Model):
    """What the person (or a child's guardian) agreed to, and how that was recorded."""

    form: Literal["verbal", "written"]
    scope: Line = Field(min_length=1)  # e.g. "anonymised use in the UPR submission"
    given_on: dt.date
    by_guardian: bool = False
    withdrawn_on: dt.date | None = None

    @property
    def active(self) -> bool:
        return self.withdrawn_on is None


class Origin(Model):
    """Where a merged item came from, so re-importing a contribution never duplicates it."""

    member: ShortId
    item_id: ShortId
    content_hash: Annotated[str, Field(pattern=r"^[0-9a-f]{16}$")]


EvidenceKind = Literal["statistic", "case", "law-or-policy", "media-report", "official-finding", "testimony", "practice"]


class EvidenceItem(Model):
    id: ShortId = Field(default_factory=lambda: new_id("ev"))
    kind: EvidenceKind
    claim: Text = Field(min_length=1)
    source: Citation | None = None
    contributed_by: ShortId | None = None
    confidentiality: Literal["public", "restricted", "confidential"] = "public"
    consent: Consent | None = None
    involves_minor: bool = False
    form: Literal["case-study", "practice"] | None = None
    answers: dict[ShortId, Text] = Field(default_factory=dict)  # the form's answers by question id (templates/forms/)
    notes: Text = ""
    origin: Origin | None = None

    @property
    def needs_consent(self) -> bool:
        return self.kind in ("case", "testimony")


class Timeframe(Model):
    """A date, or a term when no date can be given (the 2012 guide's short/medium/long)."""

    by: dt.date | None = None
    term: Literal["short", "medium", "long"] | None = None

    @model_validator(mode="after")
    def _one(self) -> "Timeframe":
        if self.by is not None and self.term is not None:
            raise ValueError("give a date or a term, not both")
        return self

    @property
    def given(self) -> bool:
        return self.by is not None or self.term is not None


class PriorRecommendation(Model):
    """An earlier recommendation this one follows up, e.g. A/HRC/52/10 paragraph 118.45."""

    symbol: Line = Field(min_length=1)
    paragraph: Line = ""


class Recommendation(Model):
    id: ShortId = Field(default_factory=lambda: new_id("rec"))
    addressee: Line = ""  # a named ministry, agency or department
    verb: Line = ""  # the action verb, e.g. "adopt"
    object: Text = ""  # what is to be done, e.g. "a national referral mechanism for ..."
    # Factories, not `= Timeframe()` or `= []`: pydantic deep-copies such a default for every item,
    # which was most of the time taken to read 100,000 recommendations.
    timeframe: Timeframe = Field(default_factory=Timeframe)
    indicator: Text = ""  # how anyone can tell it was implemented
    priority: bool = False
    cost_note: Text = ""
    wish_list: bool = False
    evidence_ids: list[ShortId] = Field(default_factory=list)
    follows_up: list[PriorRecommendation] = Field(default_factory=list)
    themes: list[Line] = Field(default_factory=list)
    text: Text | None = None  # written by hand instead of composed from the fields
    contributed_by: ShortId | None = None
    origin: Origin | None = None


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
    plan: dict[ShortId, Text] = {}  # the advocacy plan's steps by id (briefing/advocacy-plan sections)
    deadline_override: DeadlineOverride | None = None
    limit_override: LimitOverride | None = None
    checks: CheckSettings = CheckSettings()
    status: Literal["planning", "drafting", "in-review", "signed-off", "submitted"] = "drafting"
    merge_conflicts: list[MergeConflict] = []
    teaching_points: list[TeachingPoint] = []
    notes: Text = ""
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

    def deadline(self, pack, today: dt.date | None = None):
        """The deadline, how it was found and its milestones (see deadlines.project_deadline)."""
        from .deadlines import project_deadline

        return project_deadline(self, pack.kind(self.kind_id)[1], today)

    def to_draft(self, pack, today: dt.date | None = None):
        """The Draft the checks read (see to_draft.project_to_draft)."""
        from .to_draft import project_to_draft

        return project_to_draft(self, pack, today)


def content_hash(item: BaseModel) -> str:
    """A fingerprint of what an item says, ignoring its id, attribution and origin."""
    data = item.model_dump(mode="json", exclude={"id", "origin", "contributed_by", "member"})
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]
