"""`mentorkit calendar`: the agreed meetings, for an .ics file (render/calendar.py).

An open pair's next meeting is the one agreed at its latest session (next_meeting and,
if given, next_meeting_time), in the program's time zone. Its UID comes from the pair and
the session that agreed it, so editing that session's date or time moves the same event.
A meeting still ahead that no longer stands is exported as cancelled: the pair closed, or
a later session replaced it with another. Meetings already past are left out unless asked.

to_ics writes them as one METHOD:PUBLISH calendar (RFC 5546): each meeting an event in
the program's time zone (DTSTART;TZID=… with the VTIMEZONE it needs), an ORGANIZER (the
coordinator, or else the pair's mentor), STATUS CONFIRMED or CANCELLED, and a SEQUENCE
that grows with every export, so a calendar that imports the file again takes the newer
version: a moved meeting moves, a cancelled one is cancelled.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

from mentorkit.models.base import plain
from mentorkit.models.pair import PairRecord
from mentorkit.services.asof import snapshot_on
from mentorkit.services.monitoring.ical import (
    PRODID,
    Person,
    add_zone,
    address,
    timed_event,
)
from mentorkit.services.monitoring.report_results import REPORT_VERSION
from mentorkit.store.folder import ProgramFolder
from mentorkit.store.snapshot import Progress, Snapshot, load_snapshot


@dataclass
class Meeting:
    uid: str
    pair: str
    mentor: Person
    mentee: Person
    date: dt.date
    time: dt.time | None  # None: an all-day event
    minutes: int
    status: Literal["confirmed", "cancelled"] = "confirmed"
    why_cancelled: str = ""

    @property
    def summary(self) -> str:
        return f"Mentoring: {self.mentor.name} ↔ {self.mentee.name}"


@dataclass
class CalendarResult:
    JSON_KIND: ClassVar[str] = "calendar"  # the --json envelope (render/envelope.py)
    JSON_VERSION: ClassVar[int] = REPORT_VERSION

    program: str
    as_of: dt.date
    time_zone: str  # IANA name: the wall clock meeting times are read in
    organizer: Person | None  # None: each meeting's mentor organises it
    include_past: bool
    meetings: list[Meeting]
    events: list[Any] = field(default_factory=list)  # group events (services/events/ics.py)

    def to_json(self) -> dict[str, Any]:
        return {"report_version": REPORT_VERSION, **plain(self, json=True)}


def meeting_uid(pair: str, agreed_at: str) -> str:
    """Stable for the meeting agreed at one session, whatever date it is moved to."""
    digest = hashlib.sha256(f"{pair}/{agreed_at}".encode()).hexdigest()[:32]
    return f"{digest}@mentorkit"


def calendar(
    folder: ProgramFolder, today: dt.date, organizer: str | None = None,
    progress: Progress | None = None, include_past: bool = False,
) -> CalendarResult:
    from mentorkit.services.events.ics import group_events

    snapshot = load_snapshot(folder, progress)
    result = meetings(snapshot, today, organizer, include_past)
    result.events = group_events(folder, snapshot_on(snapshot, today), today, include_past)
    return result


def meetings(snapshot: Snapshot, today: dt.date, organizer: str | None = None,
             include_past: bool = False) -> CalendarResult:
    from mentorkit.store.system import machine_time_zone

    snapshot = snapshot_on(snapshot, today)
    program = snapshot.program
    settings = program.calendar
    chosen = (Person("organizer", "", organizer) if organizer
              else Person("coordinator", settings.organizer_name, settings.organizer)
              if settings.organizer else None)
    found: list[Meeting] = []
    for pair, files in snapshot.pairs.items():
        found += _pair_meetings(snapshot, pair, files, today, include_past)
    found.sort(key=lambda m: (m.date, m.time or dt.time(0), m.pair, m.status))
    return CalendarResult(program.name, today, program.time_zone or machine_time_zone(),
                          chosen, include_past, found)


def _pair_meetings(snapshot: Snapshot, pair: str, files: PairRecord, today: dt.date,
                   include_past: bool) -> list[Meeting]:
    def person(person_id: str) -> Person:
        p = snapshot.participants.get(person_id)
        return Person(person_id, p.name if p else person_id, p.email if p else "")

    rel = files.relationship
    minutes = (files.needs_analysis.meeting_minutes if files.needs_analysis else None)
    latest = files.sessions[-1][0] if files.sessions else None
    out = []
    for name, record in files.sessions:
        if record.next_meeting is None:
            continue
        stands = name == latest and rel.status.is_open
        if not stands and record.next_meeting < today:
            continue  # a replaced meeting that is past needs no cancelling
        if stands and record.next_meeting < today and not include_past:
            continue
        why = ("" if stands else f"the pair is {rel.status.value}" if name == latest
               else f"replaced by the meeting agreed at the session of {latest}")
        out.append(Meeting(
            uid=meeting_uid(pair, name), pair=pair, mentor=person(rel.mentor),
            mentee=person(rel.mentee), date=record.next_meeting, time=record.next_meeting_time,
            minutes=minutes or snapshot.program.session_minutes,
            status="confirmed" if stands else "cancelled", why_cancelled=why,
        ))
    return out


def to_ics(result: CalendarResult, stamp: dt.datetime | None = None) -> bytes:
    from icalendar import Calendar, vText

    stamp = stamp or dt.datetime.now(dt.UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"{result.program}: mentoring meetings")
    cal.add("x-wr-timezone", result.time_zone)
    for meeting in result.meetings:
        event = timed_event(meeting.uid, stamp, meeting.status, meeting.summary, meeting.date,
                            meeting.time, meeting.minutes, result.time_zone)
        if meeting.time is None:
            event.add("transp", "TRANSPARENT")  # an agreed day, not a blocked one
        about = f"Mentoring session for pair {meeting.pair}."
        if meeting.why_cancelled:
            about += f" Cancelled: {meeting.why_cancelled}."
        event.add("description", vText(about))
        event.add("organizer", address(result.organizer or meeting.mentor, None), encode=False)
        for person in (meeting.mentor, meeting.mentee):
            if person.email:
                event.add("attendee", address(person, "REQ-PARTICIPANT"), encode=False)
        cal.add_component(event)
    _add_group_events(cal, result, stamp)
    add_zone(cal, result.time_zone, [m.date for m in result.meetings if m.time is not None]
             + [e.date for e in result.events if e.start is not None])
    return bytes(cal.to_ical())


def _add_group_events(cal: Any, result: CalendarResult, stamp: dt.datetime) -> None:
    from mentorkit.services.events.ics import add_vevent

    for group in result.events:
        add_vevent(cal, group, zone=result.time_zone, stamp=stamp,
                   organizer=result.organizer, attendees=group.invitees)
