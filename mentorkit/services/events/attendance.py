"""The report's figures for group events: held, invited, attended, by kind of event.

Counted as of the report's day (services/events/asof.py): an event after it is upcoming
and its attendance does not count; one cancelled after it was still on. With a
department, only the invitees and attendees in that department count.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from mentorkit.models.event import Event
from mentorkit.services.asof import snapshot_on
from mentorkit.services.events.asof import events_on
from mentorkit.services.events.invitees import invited_ids
from mentorkit.services.monitoring.report_results import Scope
from mentorkit.store.folder import ProgramFolder
from mentorkit.store.snapshot import Snapshot


@dataclass
class EventKindRow:
    type: str
    held: int
    invited: int  # invitations to the events held (a person invited twice counts twice)
    attended: int
    attendance_rate: float | None  # attended by invitees / invited


@dataclass
class EventAttendance:
    held: int
    upcoming: int
    cancelled: int
    invited: int
    attended: int
    attendance_rate: float | None
    people_attending: int  # different people who came to at least one event
    pairs_together: int  # times a pair came together
    by_type: list[EventKindRow] = field(default_factory=list)


def event_attendance(folder: ProgramFolder, snapshot: Snapshot,
                     scope: Scope) -> EventAttendance | None:
    """None when the program has no events (the report then has no Events section)."""
    from mentorkit.store.events import has_events, load_events

    if not has_events(folder):
        return None
    events = events_on(load_events(folder), scope.as_of)
    if not events:
        return None
    return summarise(list(events.values()), snapshot_on(snapshot, scope.as_of), scope)


def summarise(events: list[Event], snapshot: Snapshot, scope: Scope) -> EventAttendance:
    day = scope.as_of
    people = snapshot.participants
    if scope.department:
        wanted = scope.department.casefold()
        people = {k: p for k, p in people.items() if p.department.casefold() == wanted}
    held = [e for e in events if e.held_by(day) and _in_range(e.date, scope)]
    rows: dict[str, list[int]] = {}
    came_at_all: set[str] = set()
    pairs = 0
    for event in held:
        invited = set(invited_ids(event, people, snapshot.relationships))
        came = [a for a in event.attended if a.person in people]
        came_at_all.update(a.person for a in came)
        pairs += len({a.pair for a in came if a.pair})
        row = rows.setdefault(event.type.value, [0, 0, 0, 0])
        row[0] += 1
        row[1] += len(invited)
        row[2] += len(came)
        row[3] += sum(a.person in invited for a in came)
    by_type = [EventKindRow(kind, n, invited, attended, _rate(from_invited, invited))
               for kind, (n, invited, attended, from_invited) in sorted(rows.items())]
    invited_total = sum(r.invited for r in by_type)
    return EventAttendance(
        held=len(held),
        upcoming=sum(not e.is_cancelled and e.date > day for e in events),
        cancelled=sum(e.is_cancelled for e in events),
        invited=invited_total,
        attended=sum(r.attended for r in by_type),
        attendance_rate=_rate(sum(v[3] for v in rows.values()), invited_total),
        people_attending=len(came_at_all),
        pairs_together=pairs,
        by_type=by_type,
    )


def _in_range(day: dt.date, scope: Scope) -> bool:
    return (scope.since is None or day >= scope.since) and (
        scope.until is None or day <= scope.until)


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None
