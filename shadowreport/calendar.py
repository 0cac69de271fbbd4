"""Deadlines as an iCalendar (.ics) file, so they reach the calendar people already use."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Event:
    date: dt.date
    title: str
    description: str


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """RFC 5545: lines longer than 75 octets continue on the next line after a space."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return [line]
    parts, current = [], b""
    for character in line:
        piece = character.encode("utf-8")
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += piece
    parts.append(current.decode("utf-8"))
    return [parts[0], *(" " + part for part in parts[1:])]


def to_ics(events: list[Event], stamp: dt.datetime | None = None) -> str:
    stamp = stamp or dt.datetime.now(dt.timezone.utc)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Shadow Report Studio//Deadlines//EN", "CALSCALE:GREGORIAN"]
    for event in sorted(events, key=lambda e: (e.date, e.title)):
        uid = hashlib.sha256(f"{event.date}{event.title}".encode("utf-8")).hexdigest()[:24]
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid}@shadowreport.local",
            f"DTSTAMP:{stamp.strftime('%Y%m%dT%H%M%SZ')}",
            f"DTSTART;VALUE=DATE:{event.date.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(event.date + dt.timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{_escape(event.title)}",
            f"DESCRIPTION:{_escape(event.description)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(folded for line in lines for folded in _fold(line)) + "\r\n"
