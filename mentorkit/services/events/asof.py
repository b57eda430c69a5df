"""An event as it stood on a day (the one clock, services/asof.py, for events).

An event added after the day did not exist; one cancelled after the day was still on;
one whose day is after the day had not taken place, so nobody had attended it yet.
"""

from __future__ import annotations

import datetime as dt

from mentorkit.models.event import Event


def event_on(event: Event, day: dt.date) -> Event | None:
    if event.created > day:
        return None
    update: dict[str, object] = {}
    if event.cancelled is not None and event.cancelled.date > day:
        update["cancelled"] = None
    if event.date > day and event.attended:
        update["attended"] = []
    return event.model_copy(update=update) if update else event


def events_on(events: dict[str, Event], day: dt.date) -> dict[str, Event]:
    out = {}
    for event_id, event in events.items():
        then = event_on(event, day)
        if then is not None:
            out[event_id] = then
    return out


def state(event: Event, day: dt.date) -> str:
    """cancelled, upcoming (after `day`) or held."""
    if event.is_cancelled:
        return "cancelled"
    return "upcoming" if event.date > day else "held"
