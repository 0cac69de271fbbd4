"""Recommendations: how many, to whom, by when, measurable, one action each, how much action."""

from __future__ import annotations

import re
from typing import Iterator

from ..draft import Draft, DraftRecommendation
from ..recommendation_text import (
    action_category, addressee_in, find_actions, find_timeframe, is_generic_addressee, joined_actions, looks_measurable, opens_with_action,
    specific_verbs, without_label,
)
from .context import CheckConfig, Rules, source_of
from .finding import Found, Location
from .registry import check

_ADDRESSEE = re.compile(r"^(?:we\s+(?:recommend|urge|call on|ask)\s+(?:that\s+)?)?(?P<who>.{2,160}?)\s+(?:should|must|shall|to|devrait|doit|devraient|doivent)\s", re.IGNORECASE)
_PRIORITY_MARK = re.compile(r"\bpriority\b|\bprioritaire\b|\(P\)|^\s*\*", re.IGNORECASE)


def addressee_of(recommendation: DraftRecommendation, categories) -> str | None:
    """Whom it asks to act: as written in it ('The Ministry should ...', 'We urge X to ...', 'insta a X a ...'),
    else as its lead-in or heading says ('We recommend that the Government:'); None for 'Adopt ...' alone."""
    written = addressee_in(recommendation.text)
    if written:
        return written
    if recommendation.addressee:
        return recommendation.addressee
    text = without_label(recommendation.text)
    actions = find_actions(text[:80], categories)
    if actions and actions[0].position == 0 or opens_with_action(text):
        return None  # opens with its verb: addressed to no one in particular
    return None


def _where(index: int, recommendation: DraftRecommendation) -> Location:
    return Location(section=recommendation.section, paragraph=recommendation.paragraph_number, recommendation=index)


def _short(text: str, words: int = 10) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


@check("recommendations.count", "warning")
def count(draft: Draft, rules: Rules, config: CheckConfig) -> Iterator[Found]:
    """No more recommendations than the kind's cap, or priorities marked beyond it.

    Passes: five recommendations; or seven with the priority ones marked, where the kind allows that.
    Fails: nine recommendations, none marked as a priority.
    """
    settings = rules.kind.recommendations if rules.kind is not None else None
    if settings is None or settings.max_count is None:
        return
    total, cap = len(draft.recommendations), settings.max_count.value
    if total <= cap:
        return
    marked = any(r.priority or _PRIORITY_MARK.search(r.text) for r in draft.recommendations)
    if settings.mark_priorities_beyond_max and marked:
        yield Found(f"{total} recommendations, more than {cap}, with priorities marked.",
                    source=source_of(settings.max_count), severity="info")
    else:
        advice = "mark the priority ones" if settings.mark_priorities_beyond_max else f"keep the {cap} that matter most"
        yield Found(f"{total} recommendations: more than {cap} dilutes attention.",
                    suggestion=f"Cut to {cap}, or {advice}.", source=source_of(settings.max_count))


@check("recommendations.actor", "warning")
def actor(draft: Draft, rules: Rules, config: CheckConfig) -> Iterator[Found]:
    """Each recommendation names the ministry, agency or department that must act.

    Passes: "The Ministry of Labour should adopt ..."; "Adopt ..." after "We urge the Ministry of Labour to:";
    in a briefing, "Table an amendment ..." (a briefing's asks are addressed to its reader).
    Fails: "The Government should ensure ..." or "Adopt ..." (no one named).
    """
    briefing = rules.kind is not None and rules.kind.briefing is not None
    for index, recommendation in enumerate(draft.recommendations, 1):
        who = addressee_of(recommendation, rules.pack.action_categories)
        if who is None and briefing:
            continue
        if who is None:
            yield Found(f"Recommendation {index} ('{_short(recommendation.text)}') names no one who must act.",
                        _where(index, recommendation), "Start with the ministry, agency or department responsible, e.g. 'The Ministry of Labour should ...'.",
                        source_of_generic(rules))
        elif is_generic_addressee(who, rules.pack.generic_addressees):
            yield Found(f"Recommendation {index} is addressed to '{who}', which names no one in particular.",
                        _where(index, recommendation), "Name the concrete ministry, agency or department (e.g. the Ministry of the Interior, the Labour Inspectorate).",
                        source_of_generic(rules))


def source_of_generic(rules: Rules) -> str:
    vocabulary = rules.pack.generic_addressees
    source = vocabulary.sources.get(vocabulary.source)
    return f"{vocabulary.confidence}; {source.title if source else vocabulary.source}"


@check("recommendations.timeframe", "warning")
def timeframe(draft: Draft, rules: Rules, config: CheckConfig) -> Iterator[Found]:
    """Each recommendation says by when: a date, or short, medium or long term.

    Passes: "... by 31 December 2027", "... within 12 months", "... in the short term".
    Fails: "The Ministry of Justice should amend Article 18."
    """
    for index, recommendation in enumerate(draft.recommendations, 1):
        if not recommendation.timeframe and not find_timeframe(recommendation.text):
            yield Found(f"Recommendation {index} ('{_short(recommendation.text)}') gives no timeframe.",
                        _where(index, recommendation), "Add a date ('by June 2027'), or say short, medium or long term.", source_of_generic(rules))


@check("recommendations.measurable", "warning")
def measurable(draft: Draft, rules: Rules, config: CheckConfig) -> Iterator[Found]:
    """Each recommendation says something anyone could check was done.

    Passes: "... train all 400 labour inspectors ...", "... publish annual data ...".
    Fails: "... improve the protection of victims."
    """
    for index, recommendation in enumerate(draft.recommendations, 1):
        if not recommendation.indicator and not looks_measurable(recommendation.text):
            yield Found(f"Recommendation {index} ('{_short(recommendation.text)}') has no measure of success.",
                        _where(index, recommendation), "Add a number, a publication or an indicator, e.g. 'measured by the number of persons referred each year'.")


@check("recommendations.single-action", "warning")
def single_action(draft: Draft, rules: Rules, config: CheckConfig) -> Iterator[Found]:
    """Each recommendation asks for one action.

    Passes: "The Ministry of Interior should amend Article 18 by 2028."
    Fails: "The Ministry of Interior should amend Article 18 and establish a fund."
    """
    for index, recommendation in enumerate(draft.recommendations, 1):
        joined = joined_actions(recommendation.text, rules.pack.action_categories)
        if joined:
            yield Found(f"Recommendation {index} joins two actions ('{joined[0]}' and '{joined[1]}').", _where(index, recommendation),
                        "Split it in two, so each can be accepted and followed up on its own.")


@check("recommendations.action-category", "warning")
def category(draft: Draft, rules: Rules, config: CheckConfig) -> Iterator[Found]:
    """Each recommendation asks for specific action (UPR Info category 4 or 5 by default).

    Passes: "... should adopt ..." (category 5).
    Fails: "... should consider ..." (category 3): suggests a specific verb.
    """
    settings = rules.kind.recommendations if rules.kind is not None else None
    minimum = settings.min_action_category if settings and settings.min_action_category else 4
    severity = "warning" if settings and settings.min_action_category else "info"
    vocabulary = rules.pack.action_categories
    verbs = ", ".join(specific_verbs(vocabulary)[:6])
    source = f"{vocabulary.confidence}; UPR Info action categories"
    for index, recommendation in enumerate(draft.recommendations, 1):
        text = recommendation.verb if recommendation.verb else recommendation.text
        match = action_category(text, vocabulary)
        if match is not None and match.category < minimum:
            yield Found(f"Recommendation {index} asks only for {match.name.lower()} ('{match.verb}', category {match.category} of 5).",
                        _where(index, recommendation), f"Use a specific action verb, such as {verbs}.", source, severity=severity)


@check("recommendations.wish-list", "warning")
def wish_list(draft: Draft, rules: Rules, config: CheckConfig) -> Iterator[Found]:
    """At most one 'wish list' recommendation, so the others look realistic.

    Passes: one recommendation marked as the wish-list item.
    Fails: two or more marked.
    """
    settings = rules.kind.recommendations if rules.kind is not None else None
    cap = settings.max_wish_list.value if settings and settings.max_wish_list else 1
    marked = [i for i, r in enumerate(draft.recommendations, 1) if r.wish_list]
    if len(marked) > cap:
        yield Found(f"{len(marked)} recommendations are marked as 'wish list' items ({', '.join(map(str, marked))}); keep at most {cap}.",
                    Location(recommendation=marked[cap]), "Make the others realistic stepping stones.",
                    source_of(settings.max_wish_list) if settings else None)
