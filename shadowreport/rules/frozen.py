"""The rule pack as plain read-only objects, for a command that only reads rules (``shadowreport lint``).

Checking a YAML rule file needs pydantic (models.py), but checking a draft only reads values already
checked; importing pydantic and building its model classes took a lint about 100 ms, more than all
its checks. So the loader keeps, beside the validated pack, a copy made of the classes below: one per
model, of the same name, holding the same values as attributes (kept.py reads it back). Nothing here
imports pydantic.

What rules *do* (a value's provenance, the limit that applies, a kind's rounds) is written once, in
the ``...Rules`` classes here, which the validated models in models.py inherit too: both packs
answer alike.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal


class SourcedRules:
    """A rule value with its provenance (``value``, ``confidence`` and ``_source``, the Source it names)."""

    # Resolved by the loader from the file's ``sources`` block.
    @property
    def source_title(self) -> str | None:
        return self._source.title if self._source else None

    @property
    def source_url(self) -> str | None:
        return self._source.url if self._source else None

    @property
    def source_date(self) -> str | None:
        return self._source.date if self._source else None

    @property
    def verified_on(self) -> dt.date | None:
        return self._source.verified_on if self._source else None

    @property
    def is_settled(self) -> bool:
        """True only for values read in a source (verified) or stated by one (reported)."""
        return self.confidence in ("verified", "reported")

    def provenance(self) -> str:
        """One line a user reads next to the value: where it comes from and how sure we are."""
        parts = [self.confidence]
        if self.source_title:
            parts.append(self.source_title)
        if self.source_date:
            parts.append(self.source_date)
        if self.source_url:
            parts.append(self.source_url)
        text = "; ".join(parts)
        if self.confidence == "recalled":
            text += " (not yet confirmed in a source: check it and override if needed)"
        elif self.confidence == "seed-2012":
            text += " (2012 guidance: historical, may no longer apply)"
        return text


@dataclass(frozen=True)
class ApplicableLimit:
    """The limit one submission must keep to, and where it comes from."""

    value: int
    applies_to: Literal["override", "joint", "individual"]
    rule: Any = None  # the rule-pack value chosen (a SourcedCount); None when the user's own limit applies
    override_source: str | None = None  # where the user took their limit from
    kind_has_joint_limit: bool = False  # the kind sets a figure of its own for joint submissions

    @property
    def confidence(self) -> str:
        return "override" if self.rule is None else self.rule.confidence

    @property
    def source(self) -> str:
        """One line: the rule's provenance, or where the user's override comes from."""
        if self.rule is None:
            return f"override: {self.override_source or 'set by the user'}"
        return self.rule.provenance()


class LimitsRules:
    def applicable(self, unit: Literal["words", "pages"], *, joint: bool, override: int | None = None,
                   override_source: str | None = None) -> ApplicableLimit | None:
        """The limit for a submission by one organisation or a coalition (``joint``); a user's
        ``override`` (from a newer source than the rule pack) wins. None where no limit applies."""
        if override:
            return ApplicableLimit(override, "override", override_source=override_source)
        limit = self.words if unit == "words" else self.pages
        if limit is None:
            return None
        has_joint = limit.joint is not None
        if joint and has_joint:
            return ApplicableLimit(limit.joint.value, "joint", limit.joint, kind_has_joint_limit=True)
        if limit.individual is not None:
            return ApplicableLimit(limit.individual.value, "individual", limit.individual, kind_has_joint_limit=has_joint)
        return None


class EvaluationRoundRules:
    def label(self, language: str) -> str:
        return self.name_fr if language == "fr" else self.name


class KindRules:
    @property
    def current_round(self) -> Any:
        return max(self.rounds, key=lambda r: r.number) if self.rounds else None

    def round(self, number: int | None) -> Any:
        """Round ``number``, or the current one when None (or when the kind has no such round); None for a kind without rounds."""
        return next((r for r in self.rounds if r.number == number), self.current_round)

    def has_round(self, number: int) -> bool:
        return any(r.number == number for r in self.rounds)

    def sections_for(self, number: int | None = None) -> list:
        """The sections a document for round ``number`` (default: the current one) has: those of every
        round and the round's own, in the kind's order. Every section for a kind without rounds."""
        chosen = self.round(number)
        if chosen is None:
            return list(self.sections)
        round_only = {section_id for r in self.rounds for section_id in r.sections}
        return [s for s in self.sections if s.id not in round_only or s.id in chosen.sections]


class MechanismRules:
    def kind(self, kind_id: str) -> Any:
        """Kind by its short id (``stakeholder``) or full id (``upr/stakeholder``)."""
        short = kind_id.split("/", 1)[1] if kind_id.startswith(self.id + "/") else kind_id
        return self.kinds[short]


class Frozen:
    """A validated model's values as read-only attributes (set once, by the loader or by pickle)."""

    def __init__(self, **values: Any) -> None:
        self.__dict__.update(values)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.__dict__ == self.__dict__

    __hash__ = None  # type: ignore[assignment]  # like the models, whose lists cannot be hashed

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in self.__dict__.items())})"


# One class per model in models.py, of the same name (tests/test_kept_rules.py holds them to that).
class Source(Frozen): pass
class Sourced(SourcedRules, Frozen): pass
class SourcedCount(Sourced): pass
class SourcedFlag(Sourced): pass
class SourcedText(Sourced): pass
class SourcedDate(Sourced): pass
class SourcedLanguages(Sourced): pass
class SourcedFormats(Sourced): pass
class SourcedChannel(Sourced): pass
class Limit(Frozen): pass
class Counting(Frozen): pass
class Limits(LimitsRules, Frozen): pass
class Section(Frozen): pass
class RequiredField(Frozen): pass
class Channel(Frozen): pass
class RecommendationRules(Frozen): pass
class Milestone(Frozen): pass
class KnownSession(Frozen): pass
class FixedAnnualDeadline(Frozen): pass
class FixedDatesDeadline(Frozen): pass
class SessionOffsetDeadline(Frozen): pass
class PerCallDeadline(Frozen): pass
class NoDeadline(Frozen): pass
class BriefingRules(Frozen): pass
class HistoryNote(Frozen): pass
class EvaluationRound(EvaluationRoundRules, Frozen): pass
class Kind(KindRules, Frozen): pass
class Mechanism(MechanismRules, Frozen): pass
class ActionCategory(Frozen): pass
class Vocabulary(Frozen): pass
class ActionCategories(Vocabulary): pass
class TermAdvice(Frozen): pass
class StigmatisingTerms(Vocabulary): pass
class SectionAliases(Vocabulary): pass
class GenericAddressees(Vocabulary): pass
