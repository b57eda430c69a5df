"""`mentorkit events`: add an event, list them, record who came, cancel one.

Every change is one event file rewritten atomically under the folder's lock, after
every name given has been found: a typo in the fifth name records nobody.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, ClassVar

from mentorkit.errors import Conflict, InvalidInput
from mentorkit.models.base import plain
from mentorkit.models.event import Attendance, Cancellation, Event
from mentorkit.models.participant import Participant
from mentorkit.models.relationship import Relationship
from mentorkit.services import resolve
from mentorkit.services.events.asof import event_on, events_on, state
from mentorkit.services.events.invitees import Invitee, describe, invitees
from mentorkit.services.inputs import build
from mentorkit.store import events as store
from mentorkit.store.folder import ProgramFolder
from mentorkit.store.ids import slugify

ROLES = {"mentor": "mentor", "mentors": "mentor", "mentee": "mentee", "mentees": "mentee"}


@dataclass
class EventView:
    id: str
    title: str
    type: str
    date: dt.date
    start: dt.time | None
    minutes: int
    place: str
    link: str
    state: str  # upcoming, held or cancelled, as of the day
    invite: str  # who is invited, in words
    invited: list[Invitee]
    attended: list[str]  # person ids
    cancel_reason: str = ""

    @property
    def file(self) -> str:
        return f"{store.FOLDER}/{self.id}.yaml"


@dataclass
class EventSaved:
    JSON_KIND: ClassVar[str] = "event"

    action: str  # added, cancelled
    event: EventView
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return plain(self, json=True)


@dataclass
class EventList:
    JSON_KIND: ClassVar[str] = "events"

    as_of: dt.date
    events: list[EventView]

    def to_json(self) -> dict[str, Any]:
        return plain(self, json=True)


@dataclass
class AttendanceSaved:
    JSON_KIND: ClassVar[str] = "event-attendance"

    event: EventView
    added: list[str]  # person ids now recorded
    already: list[str]  # were recorded before
    removed: list[str]
    not_invited: list[str]  # came though not on the list (recorded all the same)

    def to_json(self) -> dict[str, Any]:
        return plain(self, json=True)


def view(event: Event, day: dt.date, people: dict[str, Participant],
         relationships: dict[str, Relationship]) -> EventView:
    return EventView(
        event.id, event.title, event.type.value, event.date, event.start, event.minutes,
        event.place, event.link, state(event, day), describe(event),
        invitees(event, people, relationships), [a.person for a in event.attended],
        event.cancelled.reason if event.cancelled else "")


def _people(folder: ProgramFolder) -> tuple[dict[str, Participant], dict[str, Relationship]]:
    from mentorkit.errors import InvalidFile
    from mentorkit.store.snapshot import load_people_and_pairs

    people, relationships, problems = load_people_and_pairs(folder)
    if problems:
        raise InvalidFile(problems)
    return people, relationships


def add(folder: ProgramFolder, today: dt.date, *, title: str, type: str, date: dt.date,
        start: str | None = None, minutes: str | None = None, place: str = "",
        link: str = "", description: str = "", everyone: bool = False,
        roles: list[str] | None = None, departments: list[str] | None = None,
        people: list[str] | None = None, pairs: list[str] | None = None,
        event_id: str | None = None) -> EventSaved:
    enrolled, relationships = _people(folder)
    invite = {
        "everyone": everyone,
        "roles": [_role(r) for r in roles or []],
        "departments": _departments(departments or [], enrolled),
        "people": [resolve.person(p, enrolled) for p in people or []],
        "pairs": [resolve.pair(p, relationships, enrolled) for p in pairs or []],
    }
    chosen = event_id or f"{slugify(title, max_length=50)}-{date.isoformat()}"
    data: dict[str, Any] = {
        "id": chosen, "title": title, "type": type, "date": date, "place": place,
        "link": link, "description": description, "created": min(today, date),
        "invite": invite,
    }
    if start:
        data["start"] = start
    if minutes:
        data["minutes"] = minutes
    event = build(Event, data)
    warnings = []
    if date < today:
        warnings.append(f"{date} is before today ({today}): added as a past event, so no "
                        "invitation goes out. Record who came with `mentorkit events attend`.")
    with folder.locked():
        if store.has_event(folder, event.id):
            raise Conflict(f"an event {event.id!r} already exists ({store.FOLDER}/"
                           f"{event.id}.yaml)",
                           "Give it another id with --id, or change that event's file.")
        store.save_event(folder, event)
    shown = view(event, today, enrolled, relationships)
    if not shown.invited:
        warnings.append("nobody is invited yet: no participant fits the invitation.")
    return EventSaved("added", shown, warnings)


def _role(text: str) -> str:
    key = text.strip().casefold()
    if key not in ROLES:
        raise InvalidInput(f"--role: {text!r} is not a role", "Use mentor or mentee.")
    return ROLES[key]


def _departments(given: list[str], people: dict[str, Participant]) -> list[str]:
    known = {p.department.casefold(): p.department for p in people.values() if p.department}
    out = []
    for name in given:
        key = name.strip().casefold()
        # "Emergency" for "Emergency Department": a unique beginning is enough
        found = [known[key]] if key in known else sorted(
            {v for k, v in known.items() if k.startswith(key)})
        if len(found) != 1:
            what = "could be any of" if found else "nobody is in"
            listed = ", ".join(found or sorted(set(known.values()))) or "none"
            raise InvalidInput(f"--department: {what} department {name!r}",
                               f"Departments: {listed}.")
        out.append(found[0])
    return out


def list_events(folder: ProgramFolder, today: dt.date, *, upcoming: bool = False) -> EventList:
    enrolled, relationships = _people(folder)
    events = events_on(store.load_events(folder), today)
    views = [view(e, today, enrolled, relationships) for e in events.values()]
    if upcoming:
        views = [v for v in views if v.state == "upcoming"]
    return EventList(today, views)


def attend(folder: ProgramFolder, event_id: str, who: list[str], today: dt.date, *,
           remove: bool = False) -> AttendanceSaved:
    """Record (or with `remove`, take back) who came: people, and pairs that came together."""
    enrolled, relationships = _people(folder)
    with folder.locked():
        event = store.load_event(folder, event_id)
        then = event_on(event, today)
        if then is None or then.date > today:
            raise InvalidInput(f"{event.title} is on {event.date}, after {today}",
                               "Record who came once it has taken place.")
        if event.is_cancelled:
            raise Conflict(f"{event.title} on {event.date} was cancelled: nobody attended it")
        came = _attendees(who, enrolled, relationships)
        recorded = {a.person: a for a in event.attended}
        invited = {i.id for i in invitees(event, enrolled, relationships)}
        added, already, removed = [], [], []
        for entry in came:
            if remove:
                if recorded.pop(entry.person, None) is not None:
                    removed.append(entry.person)
            elif entry.person in recorded:
                already.append(entry.person)
            else:
                recorded[entry.person] = entry
                added.append(entry.person)
        event = event.model_copy(update={"attended": sorted(recorded.values(),
                                                            key=lambda a: a.person)})
        if added or removed:
            store.save_event(folder, event)
    return AttendanceSaved(view(event, today, enrolled, relationships), added, already,
                           removed, [p for p in added if p not in invited])


def _attendees(who: list[str], people: dict[str, Participant],
               relationships: dict[str, Relationship]) -> list[Attendance]:
    """Each name as the people it stands for: a pair is both of its people."""
    if not who:
        raise InvalidInput("name at least one person or pair who came")
    out: dict[str, Attendance] = {}
    for text in who:
        if "--" in text or text.strip() in relationships:
            pair = resolve.pair(text, relationships, people)
            rel = relationships[pair]
            for person in (rel.mentor, rel.mentee):
                out[person] = Attendance(person=person, pair=pair)
        else:
            person = resolve.person(text, people)
            out.setdefault(person, Attendance(person=person))
    return list(out.values())


def cancel(folder: ProgramFolder, event_id: str, today: dt.date, reason: str = "") -> EventSaved:
    enrolled, relationships = _people(folder)
    with folder.locked():
        event = store.load_event(folder, event_id)
        if event.is_cancelled:
            raise Conflict(f"{event.title} on {event.date} is already cancelled")
        if event.attended:
            raise Conflict(f"{event.title} on {event.date} has attendance recorded, so it "
                           "took place", "Take the attendance back first: "
                           f"`mentorkit events attend {event.id} --remove NAME...`.")
        event = event.model_copy(update={"cancelled": Cancellation(date=today, reason=reason)})
        store.save_event(folder, event)
    return EventSaved("cancelled", view(event, today, enrolled, relationships))
