"""Plain-text descriptions of rules with their provenance, for the CLI and the app's Rules page.

Every function that writes words takes a translator ``t`` (English when none is given, so the CLI prints
what it always printed). Values the rule pack holds as free text (a kind's purpose, a source, a note)
stay as the pack writes them; labels the pack shares with the catalogue (milestones) are translated.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ..i18n import N_, SOURCE_LANGUAGE, Translator, translator

if TYPE_CHECKING:  # the models import pydantic; a lint reads the kept pack's read-only copies (frozen.py)
    from .models import Kind, Mechanism, Sourced

# Said where a kind names no way to send it: a rule file leaves the channel out rather than keep an
# address only recalled or probably dead (issue 15: CMW's 2012-13 cmw@ohchr.org), because confidential
# evidence sent to a wrong address is worse than being told where to look.
CHANNEL_NOT_KNOWN = {
    "un-treaty": N_("not known: check the session's information note"),
    "other": N_("not known: check the call or the mechanism's own instructions"),
}
LIMIT_LABELS = {
    ("words", "individual"): N_("words limit (individual)"), ("words", "joint"): N_("words limit (joint)"),
    ("words", "ideal"): N_("words limit (ideal)"), ("pages", "individual"): N_("pages limit (individual)"),
    ("pages", "joint"): N_("pages limit (joint)"), ("pages", "ideal"): N_("pages limit (ideal)"),
}
COUNTS_LABELS = {"footnotes": N_("footnotes count toward the limit"), "annexes": N_("annexes count toward the limit"),
                 "cover": N_("cover count toward the limit")}
# The milestones the built-in rules name: a label in the catalogue is shown translated; a user's own label as written.
MILESTONE_LABELS = (N_("Coalition members sign off the joint text"), N_("Coalition members sign off the consolidated report"),
                    N_("Hand the material to the trade union or employers' organisation"),
                    N_("Observations in (FIDH gives normally 31 August)"))
# The deadline rules' codes, as the rule files write them: shown as they are in English, in words in another language.
DEADLINE_RULES = (N_("fixed-annual"), N_("fixed-dates"), N_("session-offset"), N_("per-call"), N_("none"))
COUNTED_FROM = {"session": N_("session"), "pre-sessional working group": N_("pre-sessional working group")}


CONFIDENCE = (N_("verified"), N_("reported"), N_("recalled"), N_("seed-2012"))  # how sure a value is, as the rule files write it


def provenance(sourced: Sourced, t: Translator | None = None) -> str:
    """Where a value comes from and how sure we are, in ``t``'s language (the source's own title as written)."""
    t = t or translator()
    if t.language == SOURCE_LANGUAGE:
        return sourced.provenance()  # as it has always been written
    parts = [t.gettext(sourced.confidence), *(part for part in (sourced.source_title, sourced.source_date, sourced.source_url) if part)]
    text = "; ".join(str(part) for part in parts)
    if sourced.confidence == "recalled":
        return t.gettext("{provenance} (not yet confirmed in a source: check it and override if needed)").format(provenance=text)
    if sourced.confidence == "seed-2012":
        return t.gettext("{provenance} (2012 guidance: historical, may no longer apply)").format(provenance=text)
    return text


def milestone_label(label: str, t: Translator | None = None) -> str:
    """A milestone's label from the rules in ``t``'s language, when the catalogue has it."""
    return (t or translator()).gettext(label)


def unknown_channel(mechanism: Mechanism, kind: Kind) -> str | None:
    """What to say of a kind's channel when its rules give none (in English: translate it where shown);
    None when a channel is given, or when the document is not sent to a mechanism (a national brief)."""
    if kind.channel is not None or mechanism.family == "national":
        return None
    return CHANNEL_NOT_KNOWN["un-treaty" if mechanism.family == "un-treaty" else "other"]


def rule_lines(kind: Kind, t: Translator | None = None) -> list[tuple[str, Sourced]]:
    """Every rule value of a kind as (label, sourced value), in the order a drafter reads them; labels in ``t``'s language."""
    t = t or translator()
    rows: list[tuple[str, Sourced]] = []
    for unit, limit in (("words", kind.limits.words), ("pages", kind.limits.pages)):
        if limit is None:
            continue
        for who in ("individual", "joint", "ideal"):
            value = getattr(limit, who)
            if value is not None:
                rows.append((t.gettext(LIMIT_LABELS[unit, who]), value))
    for what in ("footnotes", "annexes", "cover"):
        value = getattr(kind.limits.counts, what)
        if value is not None:
            rows.append((t.gettext(COUNTS_LABELS[what]), value))
    for section in kind.sections:
        if section.max_words is not None:
            rows.append((t.gettext("section '{title}' word budget").format(title=section.title), section.max_words))
    for label, value in (
        (N_("languages"), kind.languages),
        (N_("file formats"), kind.formats),
        (N_("channel"), kind.channel),
        (N_("who may submit"), kind.submitters),
        (N_("numbered paragraphs"), kind.paragraph_numbering),
        (N_("notes may hold substance"), kind.notes_may_hold_substance),
        (N_("period covered"), kind.period_covered),
        (N_("period under review (months)"), kind.review_period_months),
    ):
        if value is not None:
            rows.append((t.gettext(label), value))
    for evaluation_round in kind.rounds:
        rows.append((t.gettext("{round}: launched").format(round=evaluation_round.name), evaluation_round.launched))
        rows.append((t.gettext("{round}: focus").format(round=evaluation_round.name), evaluation_round.focus))
    if kind.recommendations:
        if kind.recommendations.max_count:
            rows.append((t.gettext("recommendations at most"), kind.recommendations.max_count))
        if kind.recommendations.max_wish_list:
            rows.append((t.gettext("'wish list' recommendations at most"), kind.recommendations.max_wish_list))
    if kind.briefing:
        rows.append((t.gettext("asks"), kind.briefing.asks))
        rows.append((t.gettext("repeat the key request at the end"), kind.briefing.repeat_request_at_end))
    deadline = kind.deadline
    if getattr(deadline, "basis", None) is not None:
        rows.append((t.gettext("deadline ({rule})").format(rule=t.gettext(deadline.rule)), deadline.basis))
    if getattr(deadline, "days_before", None) is not None:
        rows.append((t.gettext("deadline: days before the session"), deadline.days_before))
    for session in getattr(deadline, "sessions", []):
        rows.append((t.gettext("session date: {session}").format(session=session.name), session.date))
        if session.closes is not None:
            rows.append((t.gettext("submissions closed: {session}").format(session=session.name), session.closes))
    for milestone in deadline.milestones:
        if milestone.basis is not None:
            rows.append((t.gettext("milestone: {label}").format(label=milestone_label(milestone.label, t)), milestone.basis))
    return rows


def format_value(value: object, t: Translator | None = None) -> str:
    if isinstance(value, bool):
        t = t or translator()
        return t.gettext("yes") if value else t.gettext("no")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if hasattr(value, "method"):
        method = value.method
        address = getattr(value, "address", None)
        return f"{method}: {address}" if address else str(method)
    if t is not None and t.language != SOURCE_LANGUAGE and isinstance(value, int):
        return t.number(value)
    return str(value)


def describe_mechanism(mechanism: Mechanism, t: Translator | None = None) -> str:
    t = t or translator()
    lines = [f"{mechanism.name} ({mechanism.id})", mechanism.summary]
    if mechanism.url:
        lines.append(mechanism.url)
    lines.extend(t.gettext("Note: {note}").format(note=note) for note in mechanism.notes)
    return "\n".join(lines)


def describe_kind(mechanism: Mechanism, kind_id: str, kind: Kind, t: Translator | None = None) -> str:
    t = t or translator()
    published = t.gettext("usually") if kind.published else t.gettext("no (confidential)")
    name, texts = kind.name, {section.id: {"title": section.title, "guidance": section.guidance} for section in kind.sections}
    if t.language != SOURCE_LANGUAGE:  # the kind's name and its sections' text from the language's vocabulary, where it gives them
        from ..language import kind_name, section_text

        name = kind_name(f"{mechanism.id}/{kind_id}", t.language) or name
        texts = {key: {**text, **section_text(f"{mechanism.id}/{kind_id}", key, t.language)} for key, text in texts.items()}
    lines = [f"{mechanism.id}/{kind_id}: {name}", f"  {kind.purpose}", "  " + t.gettext("Published: {published}").format(published=published)]
    for label, sourced in rule_lines(kind, t):
        lines.append("  " + t.gettext("{label}: {value}").format(label=label, value=format_value(sourced.value, t)))
        lines.append("      " + t.gettext("source: {source}").format(source=provenance(sourced, t)))
        if sourced.note:
            lines.append("      " + t.gettext("note: {note}").format(note=sourced.note))
    if (missing := unknown_channel(mechanism, kind)) is not None:
        lines.append("  " + t.gettext("channel: {what}").format(what=t.gettext(missing)))
    optional = t.gettext(" (optional)")  # outside the f-strings: Python 3.12+ shows pybabel the literals inside one, 3.11 does not
    if kind.sections:
        lines.append("  " + t.gettext("Sections:"))
        lines.extend(f"    - {texts[s.id]['title']}{'' if s.required else optional}{_rounds_of(kind, s.id, t)}: {texts[s.id]['guidance']}"
                     for s in kind.sections)
    if kind.fields:
        lines.append("  " + t.gettext("Required information:"))
        lines.extend(f"    - {f.label}{'' if f.required else optional}: {f.guidance}" for f in kind.fields)
    lines.append("  " + t.gettext("Deadline: {deadline}").format(deadline=deadline_summary(kind, t)))
    for milestone in kind.deadline.milestones:
        lines.append("  " + t.ngettext("Milestone: {label}, {days} days before the deadline", "Milestone: {label}, {days} days before the deadline",
                                       milestone.days_before).format(label=milestone_label(milestone.label, t), days=milestone.days_before))
    lines.extend("  " + t.gettext("Advice: {advice}").format(advice=advice) for advice in kind.advice)
    for note in kind.history:
        lines.append("  " + t.gettext("History ({confidence}): {text}").format(confidence=t.gettext(note.confidence), text=note.text))
    return "\n".join(lines)


def _rounds_of(kind: Kind, section_id: str, t: Translator) -> str:
    """' (3rd and 4th evaluation rounds only)' for a section only some rounds ask for; '' for every other."""
    names = [r.name.removesuffix(" evaluation round") for r in kind.rounds if section_id in r.sections]
    if not names:
        return ""
    joined = (" " + t.gettext("and") + " ").join(names)
    return " " + t.ngettext("({rounds} evaluation round only)", "({rounds} evaluation rounds only)", len(names)).format(rounds=joined)


_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


def _day_and_month(day: int, month: int, t: Translator) -> str:
    """1 September, 1 septembre."""
    if t.language == SOURCE_LANGUAGE:
        return f"{day} {_MONTHS[month - 1]}"
    return t.date(dt.date(2000, month, day), "d MMMM")  # a leap year: 29 February is a day too


def deadline_summary(kind: Kind, t: Translator | None = None) -> str:
    """The deadline rule in words, e.g. 'every year on 1 September', in ``t``'s language."""
    t = t or translator()
    rule = kind.deadline
    if rule.rule == "fixed-annual":
        return t.gettext("every year on {day}").format(day=_day_and_month(rule.day, rule.month, t))
    if rule.rule == "fixed-dates":
        days = [_day_and_month(int(d[3:]), int(d[:2]), t) for d in rule.dates]
        return t.gettext("each year on {days}").format(days=", ".join(days))
    if rule.rule == "session-offset":
        counted_from = t.gettext(COUNTED_FROM[rule.counted_from]) if rule.counted_from in COUNTED_FROM else rule.counted_from
        return t.gettext("about {days} days before the {meeting} (an estimate until you enter the official date)").format(
            days=rule.days_before.value, meeting=counted_from)
    if rule.rule == "per-call":
        if rule.typical:
            return t.gettext("set by each call or notice (typically {typical})").format(typical=rule.typical)
        return t.gettext("set by each call or notice")
    return t.gettext("none (voluntary or continuous)")
