"""Deadlines as an .ics file that calendar programs accept."""

import datetime as dt

from shadowreport.calendar import Event, to_ics


def test_all_day_events_escaped_and_folded():
    text = to_ics([
        Event(dt.date(2027, 9, 1), "Deadline: ILO observation, C29; Italy", "Fixed annual date.\nSent through the union"),
        Event(dt.date(2027, 7, 15), "Hand the material to the trade union: " + "a very long title " * 5, "48 days before"),
    ], stamp=dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.timezone.utc))
    lines = text.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR" and text.endswith("\r\n")
    assert text.count("BEGIN:VEVENT") == 2
    first = lines.index("BEGIN:VEVENT")
    assert lines[first + 3:first + 5] == ["DTSTART;VALUE=DATE:20270715", "DTEND;VALUE=DATE:20270716"]  # sorted by date, all-day
    assert "SUMMARY:Deadline: ILO observation\\, C29\\; Italy" in lines
    assert "DESCRIPTION:Fixed annual date.\\nSent through the union" in lines
    assert all(len(line.encode()) <= 75 for line in lines)
    assert any(line.startswith(" ") for line in lines)  # the long title continues on a folded line
    unfolded = text.replace("\r\n ", "")
    assert "a very long title a very long title" in unfolded
    assert "DTSTAMP:20261123T120000Z" in lines


def test_calendar_programs_read_back_every_event():
    import icalendar

    events = [Event(dt.date(2027, 3, 31), "Submit: UPR, Italy; 4th cycle", "Official date, from the OHCHR table"),
              Event(dt.date(2027, 2, 28), "Coalition sign-off, \"final\" text", "Three members\nstill to sign")]
    parsed = icalendar.Calendar.from_ical(to_ics(events))
    read = [(e.decoded("dtstart"), str(e["summary"]), str(e["description"])) for e in parsed.walk("VEVENT")]
    assert read == [(e.date, e.title, e.description) for e in sorted(events, key=lambda e: e.date)]
    uids = {str(e["uid"]) for e in parsed.walk("VEVENT")}
    assert len(uids) == 2 and uids == {str(e["uid"]) for e in icalendar.Calendar.from_ical(to_ics(events)).walk("VEVENT")}
