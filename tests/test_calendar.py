"""`mentorkit calendar`: agreed meetings as iCalendar in the program's time zone, with
stable UIDs and growing SEQUENCE numbers; checked with icalendar and with vobject."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import vobject
from icalendar import Calendar

from mentorkit.render.calendar import to_ics
from mentorkit.services.monitoring.calendar import calendar
from mentorkit.store.folder import ProgramFolder
from tests import report_program

TODAY = dt.date(2026, 4, 1)
ZONE = "America/New_York"


@pytest.fixture
def built(folder: ProgramFolder) -> ProgramFolder:
    report_program.build(folder)
    program = folder.load_program()
    folder.save_program(program.model_copy(update={"time_zone": ZONE}))
    return folder


def export(cli: Callable[..., Any], target: Path, *extra: str) -> Calendar:
    result = cli("calendar", "--out", str(target), "--as-of", TODAY.isoformat(), *extra)
    assert result.exit_code == 0, result.stderr
    return Calendar.from_ical(target.read_bytes())


def ics(folder: ProgramFolder, stamp: dt.datetime, today: dt.date = TODAY) -> Calendar:
    made = to_ics(calendar(folder, today), stamp=stamp)
    return Calendar.from_ical(made)


def events(cal: Calendar) -> dict[str, Any]:
    return {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}


def test_events_are_valid_and_complete(built: ProgramFolder, cli: Callable[..., Any],
                                       tmp_path: Path) -> None:
    cal = export(cli, tmp_path / "m.ics", "--organizer", "coordinator@example.org")
    assert (cal["VERSION"], cal["METHOD"]) == ("2.0", "PUBLISH")
    (cara,) = cal.walk("VEVENT")  # ana--dev's agreed 02-15 is past: left out
    for prop in ("UID", "DTSTAMP", "DTSTART", "SUMMARY", "SEQUENCE", "STATUS", "ORGANIZER"):
        assert prop in cara, prop
    assert cara.decoded("DTSTAMP").tzinfo is not None  # DTSTAMP is UTC
    assert str(cara["ORGANIZER"]) == "mailto:coordinator@example.org"
    assert str(cara["STATUS"]) == "CONFIRMED"
    start = cara.decoded("DTSTART")
    assert start == dt.datetime(2026, 4, 8, 10, 0, tzinfo=ZoneInfo(ZONE))
    assert cara["DTSTART"].params["TZID"] == ZONE
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == [ZONE]
    assert cara.decoded("DURATION") == dt.timedelta(minutes=45)  # program.session_minutes
    assert str(cara["SUMMARY"]) == "Mentoring: Ana ↔ Cara"
    attendees = sorted(str(a) for a in cara["ATTENDEE"])
    assert attendees == ["mailto:ana@example.org", "mailto:cara@example.org"]
    assert "\r\n" in (tmp_path / "m.ics").read_bytes().decode()


def test_past_meetings_only_when_asked(built: ProgramFolder, cli: Callable[..., Any],
                                       tmp_path: Path) -> None:
    cal = export(cli, tmp_path / "m.ics", "--include-past")
    dev = events(cal)["Mentoring: Ana ↔ Dev"]
    assert dev.decoded("DTSTART") == dt.date(2026, 2, 15)  # all day: no time was agreed
    assert dev.decoded("DTEND") == dt.date(2026, 2, 16)


def test_a_second_parser_reads_the_same_instant(built: ProgramFolder,
                                                cli: Callable[..., Any],
                                                tmp_path: Path) -> None:
    """10:00 in New York is 16:00 in Berlin and 14:00 UTC that day (summer time in both)."""
    export(cli, tmp_path / "m.ics")
    parsed = vobject.readOne((tmp_path / "m.ics").read_text(encoding="utf-8"))
    start = parsed.vevent.dtstart.value
    assert start.tzinfo is not None  # not floating
    assert start.astimezone(ZoneInfo("Europe/Berlin")).replace(tzinfo=None) == \
        dt.datetime(2026, 4, 8, 16, 0)
    assert start.astimezone(dt.UTC).hour == 14
    assert parsed.vevent.organizer.value == "mailto:ana@example.org"  # the mentor: no setting


def test_machine_zone_when_the_program_names_none(folder: ProgramFolder,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    report_program.build(folder)
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    result = calendar(folder, TODAY)
    assert result.time_zone == "Asia/Tokyo"
    (event,) = Calendar.from_ical(to_ics(result)).walk("VEVENT")
    assert event["DTSTART"].params["TZID"] == "Asia/Tokyo"


def test_coordinator_from_program_is_the_organizer(built: ProgramFolder) -> None:
    program = built.load_program()
    settings = program.calendar.model_copy(update={"organizer": "pat@example.org",
                                                   "organizer_name": "Pat Coordinator"})
    built.save_program(program.model_copy(update={"calendar": settings}))
    (event,) = ics(built, dt.datetime(2026, 3, 1, tzinfo=dt.UTC)).walk("VEVENT")
    assert str(event["ORGANIZER"]) == "mailto:pat@example.org"
    assert event["ORGANIZER"].params["CN"] == "Pat Coordinator"


def _session_path(folder: ProgramFolder, pair: str, day: str) -> Path:
    return folder.root / "relationships" / pair / "sessions" / f"{day}.yaml"


def test_a_moved_meeting_updates_the_same_event(built: ProgramFolder) -> None:
    first = events(ics(built, dt.datetime(2026, 3, 11, 9, tzinfo=dt.UTC)))
    record = report_program.session(dt.date(2026, 3, 10), 30, next_meeting=dt.date(2026, 4, 9),
                                    next_meeting_time=dt.time(15, 30))
    built.save(_session_path(built, "ana--cara", "2026-03-10"), record, private=True)
    second = events(ics(built, dt.datetime(2026, 3, 12, 9, tzinfo=dt.UTC)))
    before, after = first["Mentoring: Ana ↔ Cara"], second["Mentoring: Ana ↔ Cara"]
    assert str(before["UID"]) == str(after["UID"])
    assert after["SEQUENCE"] > before["SEQUENCE"]
    assert after.decoded("DTSTART") == dt.datetime(2026, 4, 9, 15, 30, tzinfo=ZoneInfo(ZONE))


def test_closed_and_replaced_meetings_are_cancelled(built: ProgramFolder) -> None:
    before = events(ics(built, dt.datetime(2026, 3, 11, tzinfo=dt.UTC)))
    uid = str(before["Mentoring: Ana ↔ Cara"]["UID"])
    # they met early, on 04-02, and agreed the next meeting for 05-06
    report_program.add_session(built, "ana--cara", report_program.session(
        dt.date(2026, 4, 2), 45, next_meeting=dt.date(2026, 5, 6)))
    now = events(ics(built, dt.datetime(2026, 4, 2, tzinfo=dt.UTC), dt.date(2026, 4, 2)))
    cancelled = now["Cancelled: Mentoring: Ana ↔ Cara"]
    assert (str(cancelled["UID"]), str(cancelled["STATUS"])) == (uid, "CANCELLED")
    assert cancelled["SEQUENCE"] > before["Mentoring: Ana ↔ Cara"]["SEQUENCE"]
    assert now["Mentoring: Ana ↔ Cara"].decoded("DTSTART") == dt.date(2026, 5, 6)
    assert str(now["Mentoring: Ana ↔ Cara"]["UID"]) != uid
    # then the pair closes: its standing meeting is cancelled too
    rel = built.load_relationship("ana--cara")
    built.save_relationship(type(rel).model_validate({
        **rel.model_dump(), "status": "completed", "ended": dt.date(2026, 4, 3),
        "closure": {"date": dt.date(2026, 4, 3), "kind": "completed", "reason": "Done"}}))
    closed = ics(built, dt.datetime(2026, 4, 3, tzinfo=dt.UTC), dt.date(2026, 4, 3))
    assert {str(e["STATUS"]) for e in closed.walk("VEVENT")} == {"CANCELLED"}


def test_unknown_time_zone_is_refused(built: ProgramFolder, cli: Callable[..., Any],
                                      tmp_path: Path) -> None:
    path = built.root / "program.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        f"time_zone: {ZONE}", "time_zone: Mars/Olympus_Mons"), encoding="utf-8")
    result = cli("calendar", "--out", str(tmp_path / "m.ics"))
    assert result.exit_code == 2
    assert "Mars/Olympus_Mons" in result.stderr and "IANA" in result.stderr
    assert not (tmp_path / "m.ics").exists()


def test_uids_are_stable_across_runs(built: ProgramFolder, cli: Callable[..., Any],
                                     tmp_path: Path) -> None:
    first = [str(e["UID"]) for e in export(cli, tmp_path / "a.ics").walk("VEVENT")]
    second = [str(e["UID"]) for e in export(cli, tmp_path / "b.ics").walk("VEVENT")]
    assert first == second
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


@pytest.mark.parametrize("zone", ["America/New_York", "America/Chicago", "Europe/London",
                                  "Australia/Sydney", "Asia/Kolkata", "America/Santiago",
                                  "Africa/Casablanca"])
def test_every_zone_gives_the_right_wall_clock_to_both_parsers(zone: str) -> None:
    """Winter and summer meetings in zones north, south and without summer time; and
    Casablanca, whose rules change yearly (Ramadan), where icalendar's own VTIMEZONE of
    dated changes is used, which vobject (through dateutil) does not read right."""
    from mentorkit.services.monitoring.calendar import CalendarResult, Meeting, Person

    ana, cara = Person("ana", "Ana", "ana@example.org"), Person("cara", "Cara", "c@example.org")
    days = [dt.date(2026, 1, 14), dt.date(2026, 7, 15), dt.date(2027, 2, 10)]
    result = CalendarResult("P", TODAY, zone, None, False, [
        Meeting(f"{d}@t", "ana--cara", ana, cara, d, dt.time(9, 30), 45) for d in days])
    made = to_ics(result, stamp=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    want = {f"{d}@t": dt.datetime.combine(d, dt.time(9, 30), tzinfo=ZoneInfo(zone)) for d in days}
    for event in Calendar.from_ical(made).walk("VEVENT"):
        assert event.decoded("DTSTART") == want[str(event["UID"])]
    if zone == "Africa/Casablanca":
        assert b"RRULE" not in made  # the fallback
        return
    assert made.count(b"RRULE") <= 2  # one rule per change of the clock
    for event in vobject.readOne(made.decode()).vevent_list:
        assert event.dtstart.value == want[event.uid.value], zone
