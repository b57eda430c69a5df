"""The agreed meetings as iCalendar (RFC 5545) text, written with the icalendar library.

One METHOD:PUBLISH calendar (RFC 5546): each meeting an event in the program's time zone
(DTSTART;TZID=… with the VTIMEZONE it needs), an ORGANIZER (the coordinator, or else the
pair's mentor), STATUS CONFIRMED or CANCELLED, and a SEQUENCE that grows with every
export, so a calendar that imports the file again takes the newer version: a moved
meeting moves, a cancelled one is cancelled.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.console import Console

from mentorkit.render import human
from mentorkit.services.monitoring.calendar import CalendarResult, Person

PRODID = "-//mentorkit//mentorkit calendar//EN"
SEQUENCE_EPOCH = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def sequence(stamp: dt.datetime) -> int:
    """Seconds since 2026-01-01 at export: a later export always has the higher number
    (a 32-bit integer, as RFC 5545 wants, until 2094)."""
    return max(0, int((stamp - SEQUENCE_EPOCH).total_seconds()))


def to_ics(result: CalendarResult, stamp: dt.datetime | None = None) -> bytes:
    from zoneinfo import ZoneInfo

    from icalendar import Calendar, Event, vText

    stamp = stamp or dt.datetime.now(dt.UTC).replace(microsecond=0)
    zone = ZoneInfo(result.time_zone)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"{result.program}: mentoring meetings")
    cal.add("x-wr-timezone", result.time_zone)
    for meeting in result.meetings:
        event = Event()
        event.add("uid", meeting.uid)
        event.add("dtstamp", stamp)
        event.add("sequence", sequence(stamp))
        event.add("status", meeting.status.upper())
        event.add("summary", meeting.summary if meeting.status == "confirmed"
                  else f"Cancelled: {meeting.summary}")
        if meeting.time is None:
            event.add("dtstart", meeting.date)
            event.add("dtend", meeting.date + dt.timedelta(days=1))
            event.add("transp", "TRANSPARENT")  # an agreed day, not a blocked one
        else:
            event.add("dtstart", dt.datetime.combine(meeting.date, meeting.time, tzinfo=zone))
            event.add("duration", dt.timedelta(minutes=meeting.minutes))
        about = f"Mentoring session for pair {meeting.pair}."
        if meeting.why_cancelled:
            about += f" Cancelled: {meeting.why_cancelled}."
        event.add("description", vText(about))
        event.add("organizer", _address(result.organizer or meeting.mentor, None), encode=False)
        for person in (meeting.mentor, meeting.mentee):
            if person.email:
                event.add("attendee", _address(person, "REQ-PARTICIPANT"), encode=False)
        cal.add_component(event)
    _add_zone(cal, result)
    return bytes(cal.to_ical())


def _add_zone(cal: Any, result: CalendarResult) -> None:
    """The VTIMEZONE the timed events name, compact where one yearly rule holds."""
    from mentorkit.render.calendar_zone import vtimezone

    timed = [m.date for m in result.meetings if m.time is not None]
    if not timed or result.time_zone in ("UTC", "Etc/UTC"):
        return  # all-day events and UTC times need no zone
    zone = vtimezone(result.time_zone, min(timed), max(timed))
    if zone is None:
        cal.add_missing_timezones(first_date=min(timed) - dt.timedelta(days=366),
                                  last_date=max(timed) + dt.timedelta(days=366))
        return
    cal.subcomponents.insert(0, zone)


def _address(person: Person, role: str | None) -> object:
    from icalendar import vCalAddress

    address = vCalAddress(f"mailto:{person.email}")
    if person.name:
        address.params["cn"] = person.name  # quoted by icalendar when needed
    if role:
        address.params["role"] = role
    return address


@human.register
def _calendar(result: CalendarResult, console: Console) -> None:
    shown = sum(m.status == "confirmed" for m in result.meetings)
    cancelled = len(result.meetings) - shown
    console.print(f"{shown} agreed meeting(s), times in {result.time_zone}"
                  + (f"; {cancelled} cancelled" if cancelled else ""), markup=False)
    for m in result.meetings:
        when = f"{m.date} {m.time.strftime('%H:%M')}" if m.time else f"{m.date} (all day)"
        note = f"  (cancelled: {m.why_cancelled})" if m.status == "cancelled" else ""
        console.print(f"  {when}  {m.summary}{note}", markup=False)
