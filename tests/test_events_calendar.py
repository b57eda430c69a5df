"""Group events in `mentorkit calendar`: program time zone with its VTIMEZONE, a stable
UID, SEQUENCE, STATUS:CANCELLED, an ATTENDEE per invitee, the ORGANIZER setting;
read back with icalendar and with vobject."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import vobject
from icalendar import Calendar

from mentorkit.services.events.ics import event_uid
from mentorkit.store.folder import ProgramFolder
from tests.events_support import ADDED_ON, CIRCLE, WORKSHOP, build, ok

Cli = Callable[..., Any]
ORGANIZER = "coordinator@stmarys.example.org"


@pytest.fixture
def built(folder: ProgramFolder, cli: Cli) -> ProgramFolder:
    build(folder, cli, zone="America/Chicago")
    program = folder.load_program()
    folder.save_program(program.model_copy(update={"calendar": program.calendar.model_copy(
        update={"organizer": ORGANIZER, "organizer_name": "Program coordinator"})}))
    return folder


def export(cli: Cli, target: Path, as_of: str = ADDED_ON) -> str:
    ok(cli("calendar", "--out", str(target), "--as-of", as_of))
    return target.read_text(encoding="utf-8")


def group_events(text: str) -> dict[str, Any]:
    return {str(e["uid"]): e for e in Calendar.from_ical(text).walk("VEVENT")
            if str(e["uid"]) in (event_uid(CIRCLE), event_uid(WORKSHOP))}


def test_events_with_their_invitees_and_the_organizer(built: ProgramFolder, cli: Cli,
                                                      tmp_path: Path) -> None:
    text = export(cli, tmp_path / "p.ics")
    found = group_events(text)
    circle = found[event_uid(CIRCLE)]
    assert str(circle["summary"]) == "Conversation Circle"
    assert str(circle["status"]) == "CONFIRMED"
    assert str(circle["location"]) == "Education Centre, Room 2"
    assert circle["dtstart"].params["TZID"] == "America/Chicago"
    assert circle["dtstart"].dt == dt.datetime(2026, 4, 15, 12, 30,
                                               tzinfo=ZoneInfo("America/Chicago"))
    assert circle["duration"].dt == dt.timedelta(hours=1)
    attendees = sorted(str(a) for a in circle["attendee"])
    assert attendees == sorted(f"mailto:{p}@example.org"
                               for p in ("cara", "dev", "eli", "fay", "gus", "hal", "ivy"))
    assert str(circle["organizer"]) == f"mailto:{ORGANIZER}"
    workshop = found[event_uid(WORKSHOP)]
    assert str(workshop["url"]) == "https://teams.example.org/goals"
    assert "VTIMEZONE" in text and "TZID:America/Chicago" in text


def test_the_wall_clock_elsewhere_read_by_vobject(built: ProgramFolder, cli: Cli,
                                                  tmp_path: Path) -> None:
    """12:30 in Chicago on 15 April (CDT, UTC-5) is 18:30 in London (BST) and 17:30 UTC."""
    parsed = vobject.readOne(export(cli, tmp_path / "p.ics"))
    (circle,) = [v for v in parsed.vevent_list if v.uid.value == event_uid(CIRCLE)]
    start = circle.dtstart.value
    assert start.tzinfo is not None
    assert start.astimezone(ZoneInfo("Europe/London")).replace(tzinfo=None) == \
        dt.datetime(2026, 4, 15, 18, 30)
    assert start.astimezone(dt.UTC).hour == 17
    assert circle.organizer.value == f"mailto:{ORGANIZER}"
    assert len(circle.attendee_list) == 7


def test_moved_and_cancelled_keep_the_uid_and_raise_the_sequence(
        built: ProgramFolder, cli: Cli) -> None:
    from mentorkit.render.calendar import to_ics
    from mentorkit.services.monitoring.calendar import calendar

    def circle(day: dt.date, stamp: dt.datetime) -> Any:
        made = to_ics(calendar(built, day), stamp=stamp).decode()
        return group_events(made).get(event_uid(CIRCLE))

    first = circle(dt.date(2026, 3, 20), dt.datetime(2026, 3, 20, 9, tzinfo=dt.UTC))
    path = built.root / "events" / f"{CIRCLE}.yaml"
    path.write_text(path.read_text().replace("date: 2026-04-15", "date: 2026-04-16"))
    moved = circle(dt.date(2026, 3, 21), dt.datetime(2026, 3, 21, 9, tzinfo=dt.UTC))
    assert moved["dtstart"].dt.date() == dt.date(2026, 4, 16)
    assert int(moved["sequence"]) > int(first["sequence"])
    ok(cli("events", "cancel", CIRCLE, "--reason", "Room flooded", "--as-of", "2026-04-01"))
    gone = circle(dt.date(2026, 4, 2), dt.datetime(2026, 4, 2, 9, tzinfo=dt.UTC))
    assert str(gone["status"]) == "CANCELLED"
    assert str(gone["summary"]) == "Cancelled: Conversation Circle"
    assert "Room flooded" in str(gone["description"])
    assert int(gone["sequence"]) > int(moved["sequence"])


def test_past_events_are_left_out_unless_asked(built: ProgramFolder, cli: Cli,
                                               tmp_path: Path) -> None:
    assert event_uid(WORKSHOP) not in group_events(export(cli, tmp_path / "b.ics", "2026-04-02"))


def test_past_events_with_include_past(built: ProgramFolder, cli: Cli, tmp_path: Path) -> None:
    ok(cli("calendar", "--out", str(tmp_path / "a.ics"), "--include-past",
           "--as-of", "2026-04-02"))
    assert event_uid(WORKSHOP) in group_events((tmp_path / "a.ics").read_text())


def test_an_event_added_after_the_day_is_not_exported(built: ProgramFolder, cli: Cli,
                                                      tmp_path: Path) -> None:
    assert group_events(export(cli, tmp_path / "a.ics", "2026-03-19")) == {}
