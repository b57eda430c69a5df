"""`mentorkit calendar`: the agreed meetings, for an .ics file (render/calendar.py).

An open pair's next meeting is the one agreed at its latest session (next_meeting and,
if given, next_meeting_time), in the program's time zone. Its UID comes from the pair and
the session that agreed it, so editing that session's date or time moves the same event.
A meeting still ahead that no longer stands is exported as cancelled: the pair closed, or
a later session replaced it with another. Meetings already past are left out unless asked.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any, Literal

from mentorkit.services.monitoring.report_results import REPORT_VERSION, jsonable
from mentorkit.store.folder import ProgramFolder
from mentorkit.store.snapshot import PairFiles, Progress, Snapshot


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
    status: Literal["confirmed", "cancelled"] = "confirmed"
    why_cancelled: str = ""

    @property
    def summary(self) -> str:
        return f"Mentoring: {self.mentor.name} ↔ {self.mentee.name}"


@dataclass
class CalendarResult:
    program: str
    as_of: dt.date
    time_zone: str  # IANA name: the wall clock meeting times are read in
    organizer: Person | None  # None: each meeting's mentor organises it
    include_past: bool
    meetings: list[Meeting]

    def to_json(self) -> dict[str, Any]:
        return {"report_version": REPORT_VERSION, "kind": "calendar", **jsonable(self)}


def meeting_uid(pair: str, agreed_at: str) -> str:
    """Stable for the meeting agreed at one session, whatever date it is moved to."""
    digest = hashlib.sha256(f"{pair}/{agreed_at}".encode()).hexdigest()[:32]
    return f"{digest}@mentorkit"


def calendar(
    folder: ProgramFolder, today: dt.date, organizer: str | None = None,
    progress: Progress | None = None, include_past: bool = False,
) -> CalendarResult:
    return meetings(folder.snapshot(progress), today, organizer, include_past)


def meetings(snapshot: Snapshot, today: dt.date, organizer: str | None = None,
             include_past: bool = False) -> CalendarResult:
    from mentorkit.store.system import machine_time_zone

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


def _pair_meetings(snapshot: Snapshot, pair: str, files: PairFiles, today: dt.date,
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
