"""What the event messages (messaging/kinds/event_*.py) share: the events as of the
plan's day, each invitee as a recipient, the event's template variables and its .ics.

Every message is keyed by kind, event and person, so the sent log sends each once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from mentorkit.models.event import Event, EventType
from mentorkit.services.events.asof import events_on
from mentorkit.services.events.ics import GroupEvent, group_event, invitation_ics
from mentorkit.services.messaging.base import Attachment, Draft
from mentorkit.services.messaging.context import Plan

Due = Callable[[Event, Plan], bool]
Only = Callable[[Event, str], bool]


def event_drafts(kind: str, plan: Plan, due: Due, *,
                 only: Only = lambda event, key: True) -> Iterator[Draft]:
    """One message of `kind` to each invitee of every event `due` picks (all of them
    when previewing); `only` can skip a message by its event and key."""
    from mentorkit.store.events import has_events, load_events

    if plan.only_pair is not None or not has_events(plan.folder):
        return  # about no pair: `notify --pair` leaves event messages out
    for event in events_on(load_events(plan.folder), plan.as_of).values():
        if not (plan.preview or due(event, plan)):
            continue
        group = group_event(event, plan.snapshot)
        variables = {"event": _view(event, group)}
        for invitee in group.invitees:
            key = f"{kind}:{event.id}:{invitee.id}"
            if not only(event, key):
                continue
            person = plan.snapshot.participants[invitee.id]
            recipient = plan.person(invitee.id, person.role.value)
            ics = invitation_ics(group, invitee, zone=_zone(plan), organizer=organizer(plan),
                                 prodid=_prodid())
            yield Draft(kind, key, recipient, None, variables,
                        [Attachment("event.ics", "text/calendar", ics)])


def days_to(event: Event, plan: Plan) -> int:
    return (event.date - plan.as_of).days


def invitation_key(key: str) -> str:
    """The key of the invitation an event message (`kind:event:person`) follows."""
    return f"{INVITATION}:{key.split(':', 1)[1]}"


INVITATION = "event-invitation"


def _view(event: Event, group: GroupEvent) -> dict[str, Any]:
    return {"id": event.id, "title": event.title, "type": EventType(event.type).words,
            "date": event.date, "start": event.start, "minutes": event.minutes,
            "place": event.place, "link": event.link, "description": event.description,
            "invited": len(group.invitees),
            "cancel_reason": event.cancelled.reason if event.cancelled else ""}


def organizer(plan: Plan) -> Any:
    """Who the invitation comes from: the program's calendar organizer, else whoever
    replies to the program's messages."""
    from mentorkit.services.monitoring.ical import Person

    program = plan.snapshot.program
    settings = plan.settings
    email = (program.calendar.organizer or settings.reply_to or settings.coordinator
             or settings.sender or "notify@mentorkit.invalid")
    return Person("organizer", program.calendar.organizer_name or program.name, email)


def _zone(plan: Plan) -> str:
    from mentorkit.store.system import machine_time_zone

    return plan.snapshot.program.time_zone or machine_time_zone()


def _prodid() -> str:
    from mentorkit.services.monitoring.ical import PRODID

    return PRODID
