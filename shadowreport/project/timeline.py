"""Every project's deadline and internal milestones as one timeline, each date with its urgency.

Pure: the Deadlines page draws it as a chart and a table, and offers it as an .ics file. Urgency is
a word as well as a colour (a chart in colour alone fails the colour-blind and the printed page).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .model import Project

# From most to least urgent: (name, last day-count it covers). "passed" is any date before today.
URGENCY_BANDS = (("passed", -1), ("this week", 7), ("within a month", 30), ("later", None))
URGENCIES = tuple(name for name, _ in URGENCY_BANDS)


def urgency(days_left: int) -> str:
    for name, up_to in URGENCY_BANDS:
        if up_to is None or days_left <= up_to:
            return name
    raise AssertionError("unreachable: the last band has no upper bound")


def days_in_words(days_left: int) -> str:
    if days_left == 0:
        return "today"
    if days_left < 0:
        return f"{-days_left} day{'s' if days_left != -1 else ''} ago"
    return f"{days_left} day{'s' if days_left != 1 else ''} left"


@dataclass(frozen=True)
class TimelineDate:
    date: dt.date
    project: str  # the project's title
    what: str  # "Deadline" or the milestone's label
    how: str  # how the date was found
    days_left: int
    urgency: str
    is_deadline: bool
    detail: str  # for the calendar file
    # What ``how`` says, as values, for a page that writes it in another language:
    method: str = ""  # a deadline's method ("official", "session-offset estimate", ...)
    confidence: str = ""  # and its rule's confidence
    days_before: int | None = None  # a milestone's days before the deadline

    @property
    def days(self) -> str:
        return days_in_words(self.days_left)


def timeline(projects: list[Project], pack, today: dt.date, language: str = "en") -> tuple[list[TimelineDate], list[tuple[str, str]]]:
    """The dated deadlines and milestones of ``projects`` by date, and (title, why) for each project with no date yet
    (why in ``language``).

    A project whose mechanism or kind the rules no longer know is left out (its page says why)."""
    dates: list[TimelineDate] = []
    undated: list[tuple[str, str]] = []
    for project in projects:
        try:
            deadline = project.deadline(pack, today, language)
        except KeyError:
            continue
        if deadline.date is None:
            undated.append((project.title, deadline.explanation))
            continue
        how = "official date" if deadline.method == "official" else f"{deadline.method} ({deadline.confidence})"
        left = (deadline.date - today).days
        dates.append(TimelineDate(deadline.date, project.title, "Deadline", how, left, urgency(left), True,
                                  f"{deadline.explanation} ({how})", deadline.method, deadline.confidence))
        for milestone in deadline.milestones:
            left = (milestone.date - today).days
            before = (deadline.date - milestone.date).days
            dates.append(TimelineDate(milestone.date, project.title, milestone.label, f"{before} days before the deadline", left, urgency(left),
                                      False, f"Internal step before the deadline of {deadline.date}.", days_before=before))
    dates.sort(key=lambda d: (d.date, d.project, not d.is_deadline))
    return dates, undated
