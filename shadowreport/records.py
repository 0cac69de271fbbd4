"""Plain records a project and a Draft both hold: members, evidence items, recommendations.

They sit below both, so the Draft (and every check that reads it) can carry a project's records
without knowing what a project is. Like the project model, they forbid unknown keys, so a file
from a newer or a hostile source is refused with a clear message rather than half read.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

ShortId = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
Text = Annotated[str, Field(max_length=200_000)]
Line = Annotated[str, Field(max_length=1_000)]


def new_id(prefix: str) -> str:
    """A short random id, unique enough to merge items from several coalition members."""
    return f"{prefix}-{secrets.token_hex(4)}"


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)


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
    to_confirm: list[Line] = Field(default_factory=list)  # fields guessed when a document was imported, for the user to confirm
