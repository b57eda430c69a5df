"""The agreed meetings as iCalendar (RFC 5545) text, written with the icalendar library."""

from __future__ import annotations

import datetime as dt

from rich.console import Console

from mentorkit.render import human
from mentorkit.services.monitoring.calendar import CalendarResult

PRODID = "-//mentorkit//mentorkit calendar//EN"


def to_ics(result: CalendarResult, stamp: dt.datetime | None = None) -> bytes:
    """One VCALENDAR with a VEVENT per meeting; times without a zone are local (floating)."""
    from icalendar import Calendar, Event, vCalAddress, vText

    stamp = stamp or dt.datetime.now(dt.UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"{result.program}: mentoring meetings")
    for meeting in result.meetings:
        event = Event()
        event.add("uid", meeting.uid)
        event.add("dtstamp", stamp)
        event.add("summary", meeting.summary)
        if meeting.time is None:
            event.add("dtstart", meeting.date)
            event.add("dtend", meeting.date + dt.timedelta(days=1))
        else:
            start = dt.datetime.combine(meeting.date, meeting.time)
            event.add("dtstart", start)
            event.add("duration", dt.timedelta(minutes=meeting.minutes))
        event.add("description", vText(f"Mentoring session for pair {meeting.pair}."))
        for person in (meeting.mentor, meeting.mentee):
            if person.email:
                attendee = vCalAddress(f"mailto:{person.email}")
                attendee.params["cn"] = person.name  # quoted by icalendar when needed
                attendee.params["role"] = "REQ-PARTICIPANT"
                event.add("attendee", attendee, encode=False)
        if result.organizer:
            organizer = vCalAddress(f"mailto:{result.organizer}")
            event.add("organizer", organizer, encode=False)
        cal.add_component(event)
    return bytes(cal.to_ical())


@human.register
def _calendar(result: CalendarResult, console: Console) -> None:
    console.print(f"{len(result.meetings)} agreed meeting(s)")
    for m in result.meetings:
        when = f"{m.date} {m.time.strftime('%H:%M')}" if m.time else f"{m.date} (all day)"
        console.print(f"  {when}  {m.summary}", markup=False)
