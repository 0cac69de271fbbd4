"""Deadlines as an iCalendar (.ics) file, so they reach the calendar people already use.

The icalendar package does the format's fiddly parts (escaping, line folding at 75 octets, CRLF).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

import icalendar


@dataclass(frozen=True)
class Event:
    date: dt.date
    title: str
    description: str


def to_ics(events: list[Event], stamp: dt.datetime | None = None) -> str:
    """All-day events, sorted by date; a UID derived from date and title, so re-importing the file
    updates the same events instead of adding copies."""
    stamp = stamp or dt.datetime.now(dt.timezone.utc)
    calendar = icalendar.Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", "-//Shadow Report Studio//Deadlines//EN")
    calendar.add("calscale", "GREGORIAN")
    for event in sorted(events, key=lambda e: (e.date, e.title)):
        entry = icalendar.Event()
        entry.add("uid", hashlib.sha256(f"{event.date}{event.title}".encode("utf-8")).hexdigest()[:24] + "@shadowreport.local")
        entry.add("dtstamp", stamp)
        entry.add("dtstart", event.date)
        entry.add("dtend", event.date + dt.timedelta(days=1))
        entry.add("summary", event.title)
        entry.add("description", event.description)
        calendar.add_component(entry)
    return calendar.to_ical(sorted=False).decode("utf-8")
