"""`mentorkit calendar`: every agreed next meeting, for an .ics file (render/calendar.py).

An open pair's next meeting is the one agreed at its latest session (next_meeting and,
if given, next_meeting_time). Each event's UID is derived from the pair and the date, so
exporting again gives the same UIDs and calendar apps update instead of duplicating.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from mentorkit.models.base import plain
from mentorkit.services.asof import snapshot_on
from mentorkit.services.monitoring import pair_state as mon
from mentorkit.services.monitoring.report_results import REPORT_VERSION
from mentorkit.store.folder import ProgramFolder
from mentorkit.store.snapshot import Progress, Snapshot, load_snapshot


@dataclass
class Person:
    id: str
    name: str
    email: str


@dataclass
class Meeting:
    uid: str
    pair: str
    mentor: Person
    mentee: Person
    date: dt.date
    time: dt.time | None  # None: an all-day event
    minutes: int

    @property
    def summary(self) -> str:
        return f"Mentoring: {self.mentor.name} ↔ {self.mentee.name}"


@dataclass
class CalendarResult:
    program: str
    as_of: dt.date
    organizer: str | None
    meetings: list[Meeting]

    def to_json(self) -> dict[str, Any]:
        return {"report_version": REPORT_VERSION, "kind": "calendar", **plain(self, json=True)}


def meeting_uid(pair: str, date: dt.date) -> str:
    digest = hashlib.sha256(f"{pair}-{date.isoformat()}".encode()).hexdigest()[:32]
    return f"{digest}@mentorkit"


def calendar(
    folder: ProgramFolder, today: dt.date, organizer: str | None = None,
    progress: Progress | None = None,
) -> CalendarResult:
    return meetings(load_snapshot(folder, progress), today, organizer)


def meetings(snapshot: Snapshot, today: dt.date, organizer: str | None = None) -> CalendarResult:
    snapshot = snapshot_on(snapshot, today)
    program = snapshot.program

    def person(person_id: str) -> Person:
        p = snapshot.participants.get(person_id)
        return Person(person_id, p.name if p else person_id, p.email if p else "")

    found = []
    for pair, files in snapshot.pairs.items():
        agreed = mon.next_meeting(files) if files.relationship.status.is_open else None
        if agreed is None:
            continue
        minutes = (files.needs_analysis.meeting_minutes if files.needs_analysis else None)
        found.append(Meeting(
            uid=meeting_uid(pair, agreed[0]),
            pair=pair,
            mentor=person(files.relationship.mentor),
            mentee=person(files.relationship.mentee),
            date=agreed[0],
            time=agreed[1],
            minutes=minutes or program.session_minutes,
        ))
    found.sort(key=lambda m: (m.date, m.time or dt.time(0), m.pair))
    return CalendarResult(program.name, today, organizer, found)


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
