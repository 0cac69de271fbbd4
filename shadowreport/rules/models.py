"""Typed rule-pack models: what a mechanism's YAML file may say, and nothing else.

Every model forbids unknown keys, so a typo in a rules file is an error, not a silently ignored
rule. A value that is a rule (a limit, a date, a language list) is a :class:`Sourced` value: it
names a source declared at the top of its file and says how sure we are of it.
"""

from __future__ import annotations

import re
import datetime as dt
from typing import Annotated, Generic, Literal, TypeVar, Union

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

# What the rules do is written once, in frozen.py, for these models and for the read-only copies a lint reads.
from .frozen import ApplicableLimit, EvaluationRoundRules, KindRules, LimitsRules, MechanismRules, SourcedRules  # noqa: F401

T = TypeVar("T")

Confidence = Literal["verified", "reported", "recalled", "seed-2012"]
"""How sure we are of a rule.

- verified: read in a retrieved copy of the source named;
- reported: stated by a secondary source (UPR Info, IWRAW, ISHR...);
- recalled: believed true, not yet seen in a source; the app says so and asks the user to check;
- seed-2012: what the 2012 ENPATES advocacy guide said; history, never shown as current.
"""

Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60)]
LanguageCode = Annotated[str, Field(pattern=r"^[a-z]{2}$")]
PositiveInt = Annotated[int, Field(gt=0, strict=True)]
_PARTIAL_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


class Strict(BaseModel):
    # defer_build: a model's validator is built when first used, not at import. A pack read back from
    # the cache (rules/loader.py) is never validated again, so a command that lints builds none of them.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Source(Strict):
    """A document a rule comes from. ``date`` is the document's own date (may be partial)."""

    title: str = Field(min_length=3)
    url: str | None = Field(default=None, pattern=r"^https?://\S+$")
    date: str | None = None
    verified_on: dt.date | None = None

    @field_validator("date", mode="before")
    @classmethod
    def _partial_date(cls, value: object) -> object:
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, int):
            value = str(value)
        if isinstance(value, str) and not _PARTIAL_DATE.match(value):
            raise ValueError("must be a date written YYYY, YYYY-MM or YYYY-MM-DD")
        return value


class Sourced(SourcedRules, Strict, Generic[T]):
    """A rule value with its provenance: ``{value: 2815, source: ohchr-tg-2022, confidence: reported}``
    (its provenance line and the like: frozen.SourcedRules)."""

    value: T
    source: Slug
    confidence: Confidence
    note: str | None = None
    _source: Source | None = PrivateAttr(default=None)  # resolved by the loader from the file's ``sources`` block


# Each kind of rule value as a class of its own, with a name: a parametrised generic such as
# Sourced[bool] has none that pickle can find, and the validated pack is pickled (rules/loader.py).
class SourcedCount(Sourced[PositiveInt]):
    """A positive whole number (a limit in words, pages, days) with its provenance."""


class SourcedFlag(Sourced[bool]):
    """A yes/no rule (footnotes allowed, cover page wanted) with its provenance."""


class SourcedText(Sourced[str]):
    """A rule stated in words with its provenance."""


class SourcedDate(Sourced[dt.date]):
    """A date with its provenance."""


class SourcedLanguages(Sourced[list[LanguageCode]]):
    """The languages a document may be written in, with their provenance."""


class SourcedFormats(Sourced[list[Literal["docx", "doc", "pdf", "odt", "txt", "online-form", "email-text"]]]):
    """The file formats a document may be sent in, with their provenance."""


class Limit(Strict):
    """A length limit, for one organisation and for a joint (coalition) submission where they differ."""

    individual: SourcedCount | None = None
    joint: SourcedCount | None = None
    ideal: SourcedCount | None = None

    @model_validator(mode="after")
    def _something(self) -> "Limit":
        if self.individual is None and self.joint is None and self.ideal is None:
            raise ValueError("give at least one of individual, joint or ideal")
        return self


class Counting(Strict):
    """What counts toward the limit; a missing entry means no source says."""

    footnotes: SourcedFlag | None = None
    annexes: SourcedFlag | None = None
    cover: SourcedFlag | None = None


class Limits(LimitsRules, Strict):
    words: Limit | None = None
    pages: Limit | None = None
    counts: Counting = Counting()
    # applicable(): the limit for one submission (frozen.LimitsRules)


class Section(Strict):
    """A section of the document, with the guidance a drafter sees while writing it."""

    id: Slug
    title: str
    guidance: str
    required: bool = True
    max_words: SourcedCount | None = None
    aliases: list[str] = []  # other usual titles, so a draft's "Legal framework" matches "Law and policy"


class RequiredField(Strict):
    """A fact the document must give (e.g. a communication's alleged victims)."""

    id: Slug
    label: str
    guidance: str
    required: bool = True
    aliases: list[str] = []  # other usual labels or headings for the same fact


class Channel(Strict):
    method: Literal["portal", "email", "online-form", "post", "via-organisation", "meeting", "varies"]
    address: str | None = None


class SourcedChannel(Sourced[Channel]):
    """How a document is sent (e-mail, online form, ...), with its provenance."""


class RecommendationRules(Strict):
    max_count: SourcedCount | None = None
    mark_priorities_beyond_max: bool = False
    smart: bool = True
    named_addressee: bool = True
    max_wish_list: SourcedCount | None = None
    min_action_category: Annotated[int, Field(ge=1, le=5)] | None = None


class Milestone(Strict):
    """An internal step before the deadline, e.g. the hand-over to a trade union."""

    id: Slug
    label: str
    days_before: Annotated[int, Field(ge=1, le=365)]
    basis: SourcedText | None = None


class KnownSession(Strict):
    """A session whose date is known, and where published, the date submissions for it closed."""

    name: str
    date: SourcedDate
    closes: SourcedDate | None = None  # the published closing date: used instead of the offset estimate


class FixedAnnualDeadline(Strict):
    """Due on the same day every year (ILO: 1 September)."""

    rule: Literal["fixed-annual"]
    month: Annotated[int, Field(ge=1, le=12)]
    day: Annotated[int, Field(ge=1, le=31)]
    basis: SourcedText
    milestones: list[Milestone] = []

    @model_validator(mode="after")
    def _real_day(self) -> "FixedAnnualDeadline":
        try:
            dt.date(2024, self.month, self.day)  # a leap year, so 29 February is allowed
        except ValueError:
            raise ValueError(f"month {self.month} has no day {self.day}") from None
        return self


class FixedDatesDeadline(Strict):
    """Several fixed dates a year, each for one session (CRC pre-sessions)."""

    rule: Literal["fixed-dates"]
    dates: list[Annotated[str, Field(pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")]] = Field(min_length=1)
    basis: SourcedText
    # The meeting the dates serve (e.g. "pre-sessional working group"): when its date is known, the
    # deadline is the last of the fixed dates before it rather than the next one after today.
    counted_from: str | None = None
    milestones: list[Milestone] = []


class SessionOffsetDeadline(Strict):
    """Due some days before a session; an estimate until the official date is entered."""

    rule: Literal["session-offset"]
    days_before: SourcedCount
    counted_from: str = "session"  # the meeting the days count back from, e.g. "pre-sessional working group"
    sessions: list[KnownSession] = []
    milestones: list[Milestone] = []


class PerCallDeadline(Strict):
    """Each call or request sets its own date (Special Procedures calls, US TIP notice)."""

    rule: Literal["per-call"]
    basis: SourcedText
    typical: str | None = None
    milestones: list[Milestone] = []


class NoDeadline(Strict):
    """Voluntary or continuous: no deadline (UPR mid-term reports, communications)."""

    rule: Literal["none"]
    basis: SourcedText | None = None
    milestones: list[Milestone] = []


DeadlineRule = Annotated[
    Union[FixedAnnualDeadline, FixedDatesDeadline, SessionOffsetDeadline, PerCallDeadline, NoDeadline],
    Field(discriminator="rule"),
]


class BriefingRules(Strict):
    asks: SourcedCount
    repeat_request_at_end: SourcedFlag


class HistoryNote(Strict):
    """A rule that used to apply: shown as history, never enforced."""

    text: str
    source: Slug
    confidence: Confidence
    _source: Source | None = PrivateAttr(default=None)


class EvaluationRound(EvaluationRoundRules, Strict):
    """One evaluation round of a mechanism that monitors in rounds (GRETA): when it began, what it looks
    at, and the kind's sections only this round asks for. A section no round names is asked for in every one."""

    number: PositiveInt
    name: str  # "3rd evaluation round"
    name_fr: str  # "3e cycle d'évaluation": the Council of Europe works in English and French
    launched: SourcedDate
    focus: SourcedText
    sections: list[Slug] = []
    # label(language): its name in English or French (frozen.EvaluationRoundRules)


class Kind(KindRules, Strict):
    """One kind of document a mechanism accepts, e.g. a UPR stakeholder submission."""

    name: str
    purpose: str
    published: bool = Field(description="Whether the document is usually made public (drives privacy strictness).")
    limits: Limits = Limits()
    sections: list[Section] = []
    fields: list[RequiredField] = []
    languages: SourcedLanguages | None = None
    formats: SourcedFormats | None = None
    channel: SourcedChannel | None = None
    submitters: SourcedText | None = None
    paragraph_numbering: SourcedFlag | None = None
    notes_may_hold_substance: SourcedFlag | None = None
    period_covered: SourcedText | None = None
    review_period_months: SourcedCount | None = None  # how far back evidence may reach
    recommendations: RecommendationRules | None = None
    briefing: BriefingRules | None = None
    deadline: DeadlineRule
    readability_max_grade: Annotated[float, Field(gt=0, le=25)] | None = None
    advice: list[str] = []
    history: list[HistoryNote] = []
    rounds: list[EvaluationRound] = []  # for a mechanism that monitors in rounds; the highest number is the current one

    @model_validator(mode="after")
    def _unique_ids(self) -> "Kind":
        for label, items in (("section", self.sections), ("field", self.fields), ("round", self.rounds)):
            ids = [item.number if label == "round" else item.id for item in items]
            repeated = sorted({i for i in ids if ids.count(i) > 1})
            if repeated:
                raise ValueError(f"{label} {'number' if label == 'round' else 'id'} '{repeated[0]}' is used twice")
        known = {section.id for section in self.sections}
        for evaluation_round in self.rounds:
            unknown = [i for i in evaluation_round.sections if i not in known]
            if unknown:
                raise ValueError(f"round {evaluation_round.number} names section '{unknown[0]}', which the kind does not have")
        return self

    # current_round, round(n), has_round(n), sections_for(n): frozen.KindRules


class Mechanism(MechanismRules, Strict):
    """A monitoring body or channel, with the kinds of document it accepts."""

    id: Slug
    name: str
    short_name: str
    family: Literal["un-charter", "un-treaty", "un-special-procedures", "council-of-europe", "ilo", "us-government", "eu", "national"]
    summary: str
    url: str | None = Field(default=None, pattern=r"^https?://\S+$")
    related: list[Slug] = []
    sources: dict[Slug, Source] = Field(min_length=1)
    kinds: dict[Slug, Kind] = Field(min_length=1)
    notes: list[str] = []
    # kind(id): a kind by its short or full id (frozen.MechanismRules)


class ActionCategory(Strict):
    number: Annotated[int, Field(ge=1, le=5)]
    name: str
    description: str
    verbs: list[str] = Field(min_length=1)


class Vocabulary(Strict):
    """What every vocabulary file says about itself: its name, scope and provenance."""

    vocabulary: str
    applies_to: list[Slug] = []  # mechanism ids; empty means all
    source: Slug
    confidence: Confidence
    sources: dict[Slug, Source]


class ActionCategories(Vocabulary):
    """UPR Info's five action categories, from minimal (1) to specific (5)."""

    vocabulary: Literal["action-categories"]
    categories: list[ActionCategory] = Field(min_length=5, max_length=5)


class TermAdvice(Strict):
    term: str
    pattern: str | None = None
    prefer: str
    why: str


class StigmatisingTerms(Vocabulary):
    """Terms to flag in a draft, with the wording to prefer."""

    vocabulary: Literal["stigmatising-terms"]
    terms: list[TermAdvice] = Field(min_length=1)

    @field_validator("terms")
    @classmethod
    def _patterns_compile(cls, terms: list[TermAdvice]) -> list[TermAdvice]:
        for advice in terms:
            if advice.pattern:
                try:
                    re.compile(advice.pattern)
                except re.error as error:
                    raise ValueError(f"pattern for '{advice.term}' is not a valid regular expression ({error})") from None
        return terms


class SectionAliases(Vocabulary):
    """Other usual headings of a kind's sections, by section id, in English, French and Spanish: a draft's
    "What we ask" is the briefing's "Three asks", "Suivi des recommandations" the follow-up section."""

    vocabulary: Literal["section-aliases"]
    sections: dict[Slug, list[str]] = Field(min_length=1)


class GenericAddressees(Vocabulary):
    """Addressees too vague to act on: a recommendation must name a ministry, agency or department."""

    vocabulary: Literal["generic-addressees"]
    phrases: list[str] = Field(min_length=1)
