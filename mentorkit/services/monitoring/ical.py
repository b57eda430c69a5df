"""iCalendar building blocks shared by the meetings' export (calendar.py) and group
events (services/events/ics.py): a person as an address, SEQUENCE, the VTIMEZONE."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any


@dataclass
class Person:
    id: str
    name: str
    email: str


PRODID = "-//mentorkit//mentorkit calendar//EN"
SEQUENCE_EPOCH = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def sequence(stamp: dt.datetime) -> int:
    """Seconds since 2026-01-01 at export: a later export always has the higher number
    (a 32-bit integer, as RFC 5545 wants, until 2094)."""
    return max(0, int((stamp - SEQUENCE_EPOCH).total_seconds()))


def timed_event(uid: str, stamp: dt.datetime, status: str, summary: str, day: dt.date,
                at: dt.time | None, minutes: int, zone: str) -> Any:
    """A VEVENT's identity, state and time: a stable UID, the SEQUENCE of this export, the
    STATUS (a cancelled one says so in its summary too), and the start on the program's
    clock for `minutes` (all day when `at` is None)."""
    from zoneinfo import ZoneInfo

    from icalendar import Event

    item = Event()
    item.add("uid", uid)
    item.add("dtstamp", stamp)
    item.add("sequence", sequence(stamp))
    item.add("status", status.upper())
    item.add("summary", summary if status == "confirmed" else f"Cancelled: {summary}")
    if at is None:
        item.add("dtstart", day)
        item.add("dtend", day + dt.timedelta(days=1))
    else:
        item.add("dtstart", dt.datetime.combine(day, at, tzinfo=ZoneInfo(zone)))
        item.add("duration", dt.timedelta(minutes=minutes))
    return item


def add_zone(cal: Any, time_zone: str, timed: list[dt.date]) -> None:
    """The VTIMEZONE the timed events (on the days `timed`) name, compact where one
    yearly rule holds."""
    from mentorkit.services.monitoring.calendar_zone import vtimezone

    if not timed or time_zone in ("UTC", "Etc/UTC"):
        return  # all-day events and UTC times need no zone
    zone = vtimezone(time_zone, min(timed), max(timed))
    if zone is None:
        cal.add_missing_timezones(first_date=min(timed) - dt.timedelta(days=366),
                                  last_date=max(timed) + dt.timedelta(days=366))
        return
    cal.subcomponents.insert(0, zone)


def address(person: Person, role: str | None) -> object:
    from icalendar import vCalAddress

    address = vCalAddress(f"mailto:{person.email}")
    if person.name:
        address.params["cn"] = person.name  # quoted by icalendar when needed
    if role:
        address.params["role"] = role
    return address
