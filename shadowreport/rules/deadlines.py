"""When a submission is due: a kind's deadline rule plus the dates known (session, official date)
give the date, how it was found, and the internal milestones before it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from ..i18n import SOURCE_LANGUAGE, Translator, translator

if TYPE_CHECKING:  # the models import pydantic, which a lint reading the kept pack never loads
    from .models import Kind

Method = Literal["official", "known closing date", "session-offset estimate", "fixed annual date", "fixed date", "per call", "none"]


@dataclass(frozen=True)
class MilestoneDate:
    id: str
    label: str
    date: dt.date


@dataclass(frozen=True)
class Deadline:
    """A deadline and its provenance. ``date`` is None when no date can be known yet."""

    date: dt.date | None
    method: Method
    confidence: str  # "official" for a date the user entered, else the rule's confidence
    explanation: str
    milestones: list[MilestoneDate] = field(default_factory=list)

    def days_left(self, today: dt.date) -> int | None:
        return None if self.date is None else (self.date - today).days


def compute_deadline(kind: Kind, today: dt.date, session_date: dt.date | None = None, joint: bool = False,
                     official: dt.date | None = None, official_source: str | None = None, language: str = SOURCE_LANGUAGE) -> Deadline:
    """A deadline from the kind's rule, a session date and an official date, whichever is known; its explanation
    in ``language`` (the rules' own words, such as the basis, stay as the rules write them)."""
    rule = kind.deadline
    t = translator(language)
    if official is not None:
        deadline = Deadline(official, "official", "official",
                            t.gettext("Official date entered from: {source}.").format(source=official_source or t.gettext("the user")))
    elif rule.rule == "session-offset":
        known = next((s for s in rule.sessions if s.closes is not None and s.date.value == session_date), None)
        if known is not None:
            deadline = Deadline(known.closes.value, "known closing date", known.closes.confidence,
                                t.gettext("The closing date published for the {session} (source: {source}).").format(
                                    session=known.name, source=known.closes.source_title or known.closes.source))
        elif session_date is None:
            deadline = Deadline(None, "session-offset estimate", rule.days_before.confidence,
                                t.gettext("Enter the {event} date for an estimate, or the official deadline from the information note.").format(
                                    event=rule.counted_from))
        else:
            date = session_date - dt.timedelta(days=rule.days_before.value)
            deadline = Deadline(date, "session-offset estimate", rule.days_before.confidence,
                                t.gettext("Estimate: {days} days before the {event} on {date}. Enter the official date when the information "
                                          "note gives it.").format(days=rule.days_before.value, event=rule.counted_from, date=_day(t, session_date)))
    elif rule.rule == "fixed-annual":
        date = _next_on_or_after(today, [(rule.month, rule.day)])
        deadline = Deadline(date, "fixed annual date", rule.basis.confidence,
                            t.gettext("Due every year on this date. {basis}").format(basis=rule.basis.value))
    elif rule.rule == "fixed-dates":
        days = [(int(d[:2]), int(d[3:])) for d in rule.dates]
        if rule.counted_from and session_date is not None:
            date = _last_before(session_date, days)
            deadline = Deadline(date, "fixed date", rule.basis.confidence,
                                t.gettext("The last of the fixed dates before the {event} on {date}. {basis}").format(
                                    event=rule.counted_from, date=_day(t, session_date), basis=rule.basis.value))
        else:
            date = _next_on_or_after(today, days)
            deadline = Deadline(date, "fixed date", rule.basis.confidence,
                                t.gettext("The next of the fixed dates. {basis}").format(basis=rule.basis.value))
    elif rule.rule == "per-call":
        deadline = Deadline(None, "per call", rule.basis.confidence,
                            t.gettext("Set by the call or notice: enter it. {basis}").format(basis=rule.basis.value))
    else:
        basis = f" {rule.basis.value}" if rule.basis else ""
        deadline = Deadline(None, "none", rule.basis.confidence if rule.basis else "n/a", t.gettext("No deadline.") + basis)
    return Deadline(deadline.date, deadline.method, deadline.confidence, deadline.explanation, _milestones(kind, joint, deadline.date))


def _day(t: Translator, date: dt.date) -> str:
    """A date in an explanation: 2027-03-15 in English (as it has always been written), 15 mars 2027 in French."""
    return date.isoformat() if t.language == SOURCE_LANGUAGE else t.date(date)


def _milestones(kind: Kind, joint: bool, date: dt.date | None) -> list[MilestoneDate]:
    if date is None:
        return []
    dates = []
    for milestone in kind.deadline.milestones:
        if milestone.id == "coalition-sign-off" and not joint:
            continue  # only coalitions need their members' sign-off
        dates.append(MilestoneDate(milestone.id, milestone.label, date - dt.timedelta(days=milestone.days_before)))
    return sorted(dates, key=lambda m: m.date)


def _next_on_or_after(today: dt.date, month_days: list[tuple[int, int]]) -> dt.date:
    candidates = []
    for year in (today.year, today.year + 1):
        for month, day in month_days:
            try:
                candidate = dt.date(year, month, day)
            except ValueError:  # 29 February in a common year
                candidate = dt.date(year, month, 28)
            if candidate >= today:
                candidates.append(candidate)
    return min(candidates)


def _last_before(day: dt.date, month_days: list[tuple[int, int]]) -> dt.date:
    candidates = []
    for year in (day.year - 1, day.year):
        for month, dom in month_days:
            try:
                candidate = dt.date(year, month, dom)
            except ValueError:  # 29 February in a common year
                candidate = dt.date(year, month, 28)
            if candidate < day:
                candidates.append(candidate)
    return max(candidates)
