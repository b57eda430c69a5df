"""Group events as iCalendar events: in the `calendar` export and in invitations.

An event's UID comes from its id alone, so every export and every invitation names the
same calendar entry: a moved event moves, a cancelled one is cancelled (STATUS:CANCELLED;
an invitation's file says METHOD:CANCEL). SEQUENCE grows with every export as the
meetings' does (monitoring/calendar.sequence). Times are on the program's clock, written
with TZID and the VTIMEZONE the calendar adds for them.

The coordinator's export lists every invitee as an ATTENDEE; the file attached to one
person's invitation lists only that person, so a message never hands out everyone's
address.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mentorkit.models.event import Event
from mentorkit.services.events.asof import events_on
from mentorkit.services.events.invitees import Invitee, invitees

if TYPE_CHECKING:
    from mentorkit.services.monitoring.ical import Person
    from mentorkit.store.folder import ProgramFolder
    from mentorkit.store.snapshot import Snapshot


@dataclass
class GroupEvent:
    uid: str
    id: str
    title: str
    type: str
    date: dt.date
    start: dt.time | None  # None: all day
    minutes: int
    place: str
    link: str
    description: str
    status: str  # confirmed or cancelled
    why_cancelled: str = ""
    invitees: list[Invitee] = field(default_factory=list)


def event_uid(event_id: str) -> str:
    """Stable for the event whatever is changed in it."""
    return f"{hashlib.sha256(f'event/{event_id}'.encode()).hexdigest()[:32]}@mentorkit"


def group_event(event: Event, snapshot: Snapshot) -> GroupEvent:
    return GroupEvent(
        event_uid(event.id), event.id, event.title, event.type.value, event.date,
        event.start, event.minutes, event.place, event.link, event.description,
        "cancelled" if event.is_cancelled else "confirmed",
        event.cancelled.reason if event.cancelled else "",
        invitees(event, snapshot.participants, snapshot.relationships))


def group_events(folder: ProgramFolder, snapshot: Snapshot, today: dt.date,
                 include_past: bool) -> list[GroupEvent]:
    """The events for the export, as they stood on `today`: those still ahead (or all
    with `include_past`); `snapshot` is the program as of `today`."""
    from mentorkit.store.events import load_events

    return [group_event(e, snapshot) for e in events_on(load_events(folder), today).values()
            if include_past or e.date >= today]


def add_vevent(cal: Any, event: GroupEvent, *, zone: str, stamp: dt.datetime,
               organizer: Person | None, attendees: list[Invitee]) -> None:
    from icalendar import vText

    from mentorkit.services.monitoring.ical import Person, address, timed_event

    item = timed_event(event.uid, stamp, event.status, event.title, event.date, event.start,
                       event.minutes, zone)
    if event.place:
        item.add("location", event.place)
    if event.link:
        item.add("url", event.link)
    about = [event.description, f"Join: {event.link}" if event.link else "",
             f"Cancelled: {event.why_cancelled}." if event.why_cancelled else ""]
    if any(about):
        item.add("description", vText(" ".join(a for a in about if a)))
    item.add("categories", event.type.replace("-", " "))
    if organizer is not None:
        item.add("organizer", address(organizer, None), encode=False)
    for person in attendees:
        if person.email:
            item.add("attendee", address(Person(person.id, person.name, person.email),
                                         "REQ-PARTICIPANT"), encode=False)
    cal.add_component(item)


def invitation_ics(event: GroupEvent, invitee: Invitee, *, zone: str, organizer: Person,
                   prodid: str, stamp: dt.datetime | None = None) -> bytes:
    """One person's invitation (METHOD:REQUEST) or cancellation (METHOD:CANCEL)."""
    from icalendar import Calendar

    from mentorkit.services.monitoring.ical import add_zone

    stamp = stamp or dt.datetime.now(dt.UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", prodid)
    cal.add("version", "2.0")
    cal.add("method", "CANCEL" if event.status == "cancelled" else "REQUEST")
    add_vevent(cal, event, zone=zone, stamp=stamp, organizer=organizer, attendees=[invitee])
    add_zone(cal, zone, [event.date] if event.start else [])
    return bytes(cal.to_ical())
