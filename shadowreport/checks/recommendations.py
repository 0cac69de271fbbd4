"""Recommendations: how many, to whom, by when, measurable, one action each, how much action."""

from __future__ import annotations

import re
from typing import Iterator

from ..draft import Draft, DraftRecommendation
from ..i18n import N_
from ..lazy_pattern import LazyPattern
from ..recommendation_text import (
    action_category, addressee_in, find_actions, find_timeframe, is_generic_addressee, joined_actions, looks_measurable, opens_with_action,
    specific_verbs, without_label,
)
from .context import CheckConfig, Rules, source_of
from .finding import Found, Location
from .registry import check

# UPR Info's action categories (mechanisms/vocabulary/action-categories.yml), marked for the catalogues.
_MARKED = (N_("Minimal action"), N_("Continuing action"), N_("Considering action"), N_("General action"), N_("Specific action"))
_PRIORITY_MARK = LazyPattern(r"\bpriority\b|\bprioritaire\b|\(P\)|^\s*\*", re.IGNORECASE)


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
    t = config.translator
    if settings.mark_priorities_beyond_max and marked:
        yield Found(t.gettext("{total} recommendations, more than {cap}, with priorities marked.").format(total=total, cap=cap),
                    source=source_of(settings.max_count), severity="info")
    else:
        advice = (t.gettext("mark the priority ones") if settings.mark_priorities_beyond_max
                  else t.gettext("keep the {cap} that matter most").format(cap=cap))
        yield Found(t.gettext("{total} recommendations: more than {cap} dilutes attention.").format(total=total, cap=cap),
                    suggestion=t.gettext("Cut to {cap}, or {advice}.").format(cap=cap, advice=advice), source=source_of(settings.max_count))


@check("recommendations.actor", "warning")
def actor(draft: Draft, rules: Rules, config: CheckConfig) -> Iterator[Found]:
    """Each recommendation names the ministry, agency or department that must act.

    Passes: "The Ministry of Labour should adopt ..."; "Adopt ..." after "We urge the Ministry of Labour to:";
    in a briefing, "Table an amendment ..." (a briefing's asks are addressed to its reader).
    Fails: "The Government should ensure ..." or "Adopt ..." (no one named).
    """
    briefing = rules.kind is not None and rules.kind.briefing is not None
    t = config.translator
    for index, recommendation in enumerate(draft.recommendations, 1):
        who = addressee_of(recommendation, rules.pack.action_categories)
        if who is None and briefing:
            continue
        if who is None:
            yield Found(t.gettext("Recommendation {index} ('{text}') names no one who must act.").format(
                            index=index, text=_short(recommendation.text)),
                        _where(index, recommendation),
                        t.gettext("Start with the ministry, agency or department responsible, e.g. 'The Ministry of Labour should ...'."),
                        source_of_generic(rules))
        elif is_generic_addressee(who, rules.pack.generic_addressees):
            yield Found(t.gettext("Recommendation {index} is addressed to '{who}', which names no one in particular.").format(index=index, who=who),
                        _where(index, recommendation),
                        t.gettext("Name the concrete ministry, agency or department (e.g. the Ministry of the Interior, the Labour Inspectorate)."),
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
    t = config.translator
    for index, recommendation in enumerate(draft.recommendations, 1):
        if not recommendation.timeframe and not find_timeframe(recommendation.text):
            yield Found(t.gettext("Recommendation {index} ('{text}') gives no timeframe.").format(index=index, text=_short(recommendation.text)),
                        _where(index, recommendation), t.gettext("Add a date ('by June 2027'), or say short, medium or long term."),
                        source_of_generic(rules))


@check("recommendations.measurable", "warning")
def measurable(draft: Draft, rules: Rules, config: CheckConfig) -> Iterator[Found]:
    """Each recommendation says something anyone could check was done.

    Passes: "... train all 400 labour inspectors ...", "... publish annual data ...".
    Fails: "... improve the protection of victims."
    """
    t = config.translator
    for index, recommendation in enumerate(draft.recommendations, 1):
        if not recommendation.indicator and not looks_measurable(recommendation.text):
            yield Found(t.gettext("Recommendation {index} ('{text}') has no measure of success.").format(index=index, text=_short(recommendation.text)),
                        _where(index, recommendation),
                        t.gettext("Add a number, a publication or an indicator, e.g. 'measured by the number of persons referred each year'."))


@check("recommendations.single-action", "warning")
def single_action(draft: Draft, rules: Rules, config: CheckConfig) -> Iterator[Found]:
    """Each recommendation asks for one action.

    Passes: "The Ministry of Interior should amend Article 18 by 2028."
    Fails: "The Ministry of Interior should amend Article 18 and establish a fund."
    """
    t = config.translator
    for index, recommendation in enumerate(draft.recommendations, 1):
        joined = joined_actions(recommendation.text, rules.pack.action_categories)
        if joined:
            yield Found(t.gettext("Recommendation {index} joins two actions ('{first}' and '{second}').").format(
                            index=index, first=joined[0], second=joined[1]), _where(index, recommendation),
                        t.gettext("Split it in two, so each can be accepted and followed up on its own."))


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
    t = config.translator
    verbs = ", ".join(specific_verbs(vocabulary, t.language)[:6])  # in the reader's language: "adopter, allouer ..."
    source = f"{vocabulary.confidence}; UPR Info action categories"
    for index, recommendation in enumerate(draft.recommendations, 1):
        text = recommendation.verb if recommendation.verb else recommendation.text
        match = action_category(text, vocabulary)
        if match is not None and match.category < minimum:
            yield Found(t.gettext("Recommendation {index} asks only for {what} ('{verb}', category {category} of 5).").format(
                            index=index, what=t.gettext(match.name).lower(), verb=match.verb, category=match.category),
                        _where(index, recommendation), t.gettext("Use a specific action verb, such as {verbs}.").format(verbs=verbs),
                        source, severity=severity)


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
        t = config.translator
        yield Found(t.gettext("{count} recommendations are marked as 'wish list' items ({which}); keep at most {cap}.").format(
                        count=len(marked), which=", ".join(map(str, marked)), cap=cap),
                    Location(recommendation=marked[cap]), t.gettext("Make the others realistic stepping stones."),
                    source_of(settings.max_wish_list) if settings else None)
