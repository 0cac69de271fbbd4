"""Plain-text descriptions of rules with their provenance, for the CLI and the app's Rules page."""

from __future__ import annotations

from ..i18n import N_
from .models import Kind, Mechanism, Sourced

# Said where a kind names no way to send it: a rule file leaves the channel out rather than keep an
# address only recalled or probably dead (issue 15: CMW's 2012-13 cmw@ohchr.org), because confidential
# evidence sent to a wrong address is worse than being told where to look.
CHANNEL_NOT_KNOWN = {
    "un-treaty": N_("not known: check the session's information note"),
    "other": N_("not known: check the call or the mechanism's own instructions"),
}


def unknown_channel(mechanism: Mechanism, kind: Kind) -> str | None:
    """What to say of a kind's channel when its rules give none (in English: translate it where shown);
    None when a channel is given, or when the document is not sent to a mechanism (a national brief)."""
    if kind.channel is not None or mechanism.family == "national":
        return None
    return CHANNEL_NOT_KNOWN["un-treaty" if mechanism.family == "un-treaty" else "other"]


def rule_lines(kind: Kind) -> list[tuple[str, Sourced]]:
    """Every rule value of a kind as (label, sourced value), in the order a drafter reads them."""
    rows: list[tuple[str, Sourced]] = []
    for unit, limit in (("words", kind.limits.words), ("pages", kind.limits.pages)):
        if limit is None:
            continue
        for who in ("individual", "joint", "ideal"):
            value = getattr(limit, who)
            if value is not None:
                rows.append((f"{unit} limit ({'ideal' if who == 'ideal' else who})", value))
    for what in ("footnotes", "annexes", "cover"):
        value = getattr(kind.limits.counts, what)
        if value is not None:
            rows.append((f"{what} count toward the limit", value))
    for section in kind.sections:
        if section.max_words is not None:
            rows.append((f"section '{section.title}' word budget", section.max_words))
    for label, value in (
        ("languages", kind.languages),
        ("file formats", kind.formats),
        ("channel", kind.channel),
        ("who may submit", kind.submitters),
        ("numbered paragraphs", kind.paragraph_numbering),
        ("notes may hold substance", kind.notes_may_hold_substance),
        ("period covered", kind.period_covered),
        ("period under review (months)", kind.review_period_months),
    ):
        if value is not None:
            rows.append((label, value))
    for evaluation_round in kind.rounds:
        rows.append((f"{evaluation_round.name}: launched", evaluation_round.launched))
        rows.append((f"{evaluation_round.name}: focus", evaluation_round.focus))
    if kind.recommendations:
        if kind.recommendations.max_count:
            rows.append(("recommendations at most", kind.recommendations.max_count))
        if kind.recommendations.max_wish_list:
            rows.append(("'wish list' recommendations at most", kind.recommendations.max_wish_list))
    if kind.briefing:
        rows.append(("asks", kind.briefing.asks))
        rows.append(("repeat the key request at the end", kind.briefing.repeat_request_at_end))
    deadline = kind.deadline
    if getattr(deadline, "basis", None) is not None:
        rows.append((f"deadline ({deadline.rule})", deadline.basis))
    if getattr(deadline, "days_before", None) is not None:
        rows.append(("deadline: days before the session", deadline.days_before))
    for session in getattr(deadline, "sessions", []):
        rows.append((f"session date: {session.name}", session.date))
        if session.closes is not None:
            rows.append((f"submissions closed: {session.name}", session.closes))
    for milestone in deadline.milestones:
        if milestone.basis is not None:
            rows.append((f"milestone: {milestone.label}", milestone.basis))
    return rows


def format_value(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if hasattr(value, "method"):
        method = getattr(value, "method")
        address = getattr(value, "address", None)
        return f"{method}: {address}" if address else str(method)
    return str(value)


def describe_mechanism(mechanism: Mechanism) -> str:
    lines = [f"{mechanism.name} ({mechanism.id})", mechanism.summary]
    if mechanism.url:
        lines.append(mechanism.url)
    lines.extend(f"Note: {note}" for note in mechanism.notes)
    return "\n".join(lines)


def describe_kind(mechanism: Mechanism, kind_id: str, kind: Kind) -> str:
    lines = [f"{mechanism.id}/{kind_id}: {kind.name}", f"  {kind.purpose}", f"  Published: {'usually' if kind.published else 'no (confidential)'}"]
    for label, sourced in rule_lines(kind):
        lines.append(f"  {label}: {format_value(sourced.value)}")
        lines.append(f"      source: {sourced.provenance()}")
        if sourced.note:
            lines.append(f"      note: {sourced.note}")
    if (missing := unknown_channel(mechanism, kind)) is not None:
        lines.append(f"  channel: {missing}")
    if kind.sections:
        lines.append("  Sections:")
        lines.extend(f"    - {s.title}{'' if s.required else ' (optional)'}{_rounds_of(kind, s.id)}: {s.guidance}" for s in kind.sections)
    if kind.fields:
        lines.append("  Required information:")
        lines.extend(f"    - {f.label}{'' if f.required else ' (optional)'}: {f.guidance}" for f in kind.fields)
    lines.append(f"  Deadline: {deadline_summary(kind)}")
    for milestone in kind.deadline.milestones:
        lines.append(f"  Milestone: {milestone.label}, {milestone.days_before} days before the deadline")
    lines.extend(f"  Advice: {advice}" for advice in kind.advice)
    for note in kind.history:
        lines.append(f"  History ({note.confidence}): {note.text}")
    return "\n".join(lines)


def _rounds_of(kind: Kind, section_id: str) -> str:
    """' (3rd and 4th evaluation rounds)' for a section only some rounds ask for; '' for every other."""
    names = [r.name.removesuffix(" evaluation round") for r in kind.rounds if section_id in r.sections]
    return f" ({' and '.join(names)} evaluation round{'s' if len(names) > 1 else ''} only)" if names else ""


_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


def deadline_summary(kind: Kind) -> str:
    """The deadline rule in words, e.g. 'every year on 1 September'."""
    rule = kind.deadline
    if rule.rule == "fixed-annual":
        return f"every year on {rule.day} {_MONTHS[rule.month - 1]}"
    if rule.rule == "fixed-dates":
        days = [f"{int(d[3:])} {_MONTHS[int(d[:2]) - 1]}" for d in rule.dates]
        return "each year on " + ", ".join(days)
    if rule.rule == "session-offset":
        return f"about {rule.days_before.value} days before the {rule.counted_from} (an estimate until you enter the official date)"
    if rule.rule == "per-call":
        return "set by each call or notice" + (f" (typically {rule.typical})" if rule.typical else "")
    return "none (voluntary or continuous)"
