"""`mentorkit calendar`: agreed meetings as valid iCalendar with stable UIDs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from mentorkit.store.folder import ProgramFolder
from tests import report_program


@pytest.fixture
def built(folder: ProgramFolder) -> ProgramFolder:
    report_program.build(folder)
    return folder


def export(cli: Callable[..., Any], target: Path, *extra: str) -> Calendar:
    result = cli("calendar", "--out", str(target), "--as-of", "2026-04-01", *extra)
    assert result.exit_code == 0, result.stderr
    return Calendar.from_ical(target.read_bytes())


def test_events_are_valid_and_complete(built: ProgramFolder, cli: Callable[..., Any],
                                       tmp_path: Path) -> None:
    cal = export(cli, tmp_path / "m.ics", "--organizer", "coordinator@example.org")
    assert cal["VERSION"] == "2.0"
    assert cal["PRODID"]
    events = sorted(cal.walk("VEVENT"), key=lambda e: e.decoded("DTSTART").isoformat())
    assert len(events) == 2  # ana--dev (agreed 02-15, all day) and ana--cara (04-08 10:00)
    for event in events:
        for prop in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            assert prop in event, prop
        assert isinstance(event.decoded("DTSTAMP"), dt.datetime)
        assert event.decoded("DTSTAMP").tzinfo is not None  # DTSTAMP is UTC
        assert str(event["ORGANIZER"]) == "mailto:coordinator@example.org"
    dev, cara = events
    assert dev.decoded("DTSTART") == dt.date(2026, 2, 15)  # all-day
    assert dev.decoded("DTEND") == dt.date(2026, 2, 16)
    assert cara.decoded("DTSTART") == dt.datetime(2026, 4, 8, 10, 0)
    assert cara.decoded("DURATION") == dt.timedelta(minutes=45)  # program.session_minutes
    assert str(cara["SUMMARY"]) == "Mentoring: Ana ↔ Cara"
    attendees = sorted(str(a) for a in cara["ATTENDEE"])
    assert attendees == ["mailto:ana@example.org", "mailto:cara@example.org"]
    assert "\r\n" in (tmp_path / "m.ics").read_bytes().decode()


def test_uids_are_stable_across_runs(built: ProgramFolder, cli: Callable[..., Any],
                                     tmp_path: Path) -> None:
    first = [str(e["UID"]) for e in export(cli, tmp_path / "a.ics").walk("VEVENT")]
    second = [str(e["UID"]) for e in export(cli, tmp_path / "b.ics").walk("VEVENT")]
    assert first == second
    assert len(set(first)) == 2
    assert all(uid.endswith("@mentorkit") for uid in first)


def test_out_must_be_a_file(built: ProgramFolder, cli: Callable[..., Any],
                            tmp_path: Path) -> None:
    result = cli("calendar", "--out", str(tmp_path / "missing" / "m.ics"))
    assert result.exit_code == 2
    assert "no such folder" in result.stderr


def test_names_with_commas_and_quotes(folder: ProgramFolder, cli: Callable[..., Any],
                                      tmp_path: Path) -> None:
    from tests.conftest import make_person

    make_person(folder, 'Lopez, Maria "Mary"', role="mentor", email="maria@example.org")
    make_person(folder, "Ng, Sam", email="sam@example.org")
    pair = "lopez-maria-mary--ng-sam"
    folder.save_relationship(report_program.relationship(
        "lopez-maria-mary", "ng-sam", "active", started=dt.date(2026, 1, 10)))
    report_program.add_session(folder, pair, report_program.session(
        dt.date(2026, 3, 1), 30, next_meeting=dt.date(2026, 4, 2)))
    (event,) = export(cli, tmp_path / "m.ics").walk("VEVENT")
    assert str(event["SUMMARY"]) == 'Mentoring: Lopez, Maria "Mary" ↔ Ng, Sam'
    names = sorted(a.params["CN"] for a in event["ATTENDEE"])
    assert names == ['Lopez, Maria "Mary"', "Ng, Sam"]
