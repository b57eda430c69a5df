"""`notify` for group events: invitations (with a METHOD:REQUEST .ics), reminders and
cancellations, each sent once, delivered to the aiosmtpd server the notify tests use."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from mentorkit.services.events.ics import event_uid
from mentorkit.store import messages as store
from mentorkit.store.folder import ProgramFolder
from tests import messaging_program
from tests.events_support import CIRCLE, ok
from tests.smtp_support import Server, parts, smtp_server

Cli = Callable[..., Any]
EVENT_KINDS = ["--kind", "event-invitation", "--kind", "event-reminder",
               "--kind", "event-cancelled"]


@pytest.fixture
def built(folder: ProgramFolder, cli: Cli) -> ProgramFolder:
    messaging_program.build(folder, security="none")
    program = folder.load_program()
    folder.save_program(program.model_copy(update={"time_zone": "Europe/London"}))
    ok(cli("events", "add", "Conversation Circle", "--type", "conversation-circle",
           "--date", "2026-04-15", "--start", "12:30", "--place", "Room 2",
           "--person", "cara", "--person", "dev", "--pair", "hal--gus", "--as-of", "2026-04-01"))
    return folder


@pytest.fixture
def server() -> Iterator[Server]:
    with smtp_server() as running:
        yield running


def send(cli: Cli, server: Server, as_of: str) -> Any:
    return ok(cli("notify", "--send", "--as-of", as_of, "--smtp", server.address,
                  "--security", "none", "--rate", "10000", *EVENT_KINDS))


def listed(cli: Cli, as_of: str) -> list[dict[str, Any]]:
    out = ok(cli("notify", "--json", "--as-of", as_of, *EVENT_KINDS))
    return json.loads(out.stdout)["messages"]


def test_invitations_go_once_each_with_the_event(built: ProgramFolder, cli: Cli,
                                                 server: Server) -> None:
    assert listed(cli, "2026-03-31") == []  # not added yet on that day
    due = listed(cli, "2026-04-01")
    assert sorted((m["kind"], m["recipient"], m["state"]) for m in due) == [
        ("event-invitation", "cara", "due"), ("event-invitation", "dev", "blocked"),
        ("event-invitation", "gus", "due"), ("event-invitation", "hal", "due")]
    send(cli, server, "2026-04-01")
    assert sorted(m["To"] for m in server.received) == [
        "Cara <cara@example.org>", "Gus <gus@example.org>", "Hal <hal@example.org>"]
    message = next(m for m in server.received if "cara" in m["To"])
    assert message["Subject"] == ("You're invited: Conversation Circle, Wednesday 15 April "
                                  "2026 at 12:30")
    text, html, (attachment,) = parts(message)
    assert "Where: Room 2" in text and "Room 2" in html
    assert attachment.get_content_type() == "text/calendar"
    cal = Calendar.from_ical(attachment.get_content())
    assert str(cal["method"]) == "REQUEST"
    (event,) = cal.walk("VEVENT")
    assert str(event["uid"]) == event_uid(CIRCLE)
    assert str(event["attendee"]) == "mailto:cara@example.org"  # only the recipient
    assert str(event["organizer"]) == f"mailto:{messaging_program.COORDINATOR}"
    assert event["dtstart"].params["TZID"] == "Europe/London"
    # a second run, and a later day, send no invitation again
    send(cli, server, "2026-04-01")
    send(cli, server, "2026-04-05")
    assert len(server.received) == 3
    keys = [m.key for m in store.sent_messages(built)]
    assert sorted(keys) == sorted(f"event-invitation:{CIRCLE}:{p}" for p in ("cara", "gus", "hal"))


def reminders(cli: Cli, as_of: str) -> list[str]:
    return sorted(m["recipient"] for m in listed(cli, as_of) if m["kind"] == "event-reminder")


def test_reminder_within_the_days_before(built: ProgramFolder, cli: Cli, server: Server) -> None:
    send(cli, server, "2026-04-01")  # the invitations (Dev's blocked: notifications off)
    assert reminders(cli, "2026-04-12") == []
    soon = [m for m in listed(cli, "2026-04-13") if m["kind"] == "event-reminder"]
    assert sorted(m["recipient"] for m in soon) == ["cara", "gus", "hal"]
    assert soon[0]["subject"].startswith("Reminder: Conversation Circle")
    assert [m for m in listed(cli, "2026-04-16") if m["kind"].startswith("event")] == []


def send_on(folder: ProgramFolder, tmp_path: Path, when: dt.datetime) -> list[str]:
    """The event messages delivered (to an outbox) by a run on `when`'s day and time."""
    from mentorkit.services.messaging import notify as service
    from mentorkit.services.messaging.delivery import OutboxTransport

    result = service.notify(folder, when.date(), mode=service.Mode.OUTBOX,
                            kinds=EVENT_KINDS[1::2], transport=OutboxTransport(tmp_path),
                            now=lambda: when)
    return sorted(f"{m.kind} {m.recipient}" for m in result.messages if m.state.value == "written")


def test_an_invitation_sent_within_the_reminder_days_is_the_reminder(
        built: ProgramFolder, cli: Cli, tmp_path: Path) -> None:
    """Two messages about one event on one day (or the invitation, then a reminder of
    it the next morning) read as a mistake: the invitation says all the reminder would."""
    # first run on 04-13, two days before: the invitation goes, and no reminder with it
    assert reminders(cli, "2026-04-13") == []
    assert send_on(built, tmp_path, dt.datetime(2026, 4, 13, 9, tzinfo=dt.UTC)) == [
        "event-invitation cara", "event-invitation gus", "event-invitation hal"]
    # nor the next day: they were invited within the reminder days
    assert send_on(built, tmp_path, dt.datetime(2026, 4, 14, 9, tzinfo=dt.UTC)) == []
    assert reminders(cli, "2026-04-14") == []


def test_a_program_that_invites_by_other_means_is_reminded(built: ProgramFolder,
                                                           cli: Cli) -> None:
    program = built.load_program()
    settings = program.messages.model_copy(update={"kinds_off": ["event-invitation"]})
    built.save_program(program.model_copy(update={"messages": settings}))
    assert reminders(cli, "2026-04-13") == ["cara", "dev", "gus", "hal"]  # Dev: blocked


def test_a_cancellation_goes_to_those_who_were_invited(built: ProgramFolder, cli: Cli,
                                                       server: Server) -> None:
    send(cli, server, "2026-04-01")
    ok(cli("events", "cancel", CIRCLE, "--reason", "Room flooded", "--as-of", "2026-04-03"))
    # not cancelled yet on that day (Dev's blocked invitation is listed every day)
    assert [m["kind"] for m in listed(cli, "2026-04-02")] == ["event-invitation"]
    send(cli, server, "2026-04-03")
    cancels = [m for m in server.received if m["Subject"].startswith("Cancelled")]
    assert sorted(m["To"] for m in cancels) == [
        "Cara <cara@example.org>", "Gus <gus@example.org>", "Hal <hal@example.org>"]
    text, _, (attachment,) = parts(cancels[0])
    assert "Room flooded" in text
    cal = Calendar.from_ical(attachment.get_content())
    assert str(cal["method"]) == "CANCEL"
    assert str(cal.walk("VEVENT")[0]["status"]) == "CANCELLED"
    send(cli, server, "2026-04-04")
    assert len([m for m in server.received if m["Subject"].startswith("Cancelled")]) == 3


def test_an_event_never_announced_is_cancelled_quietly(built: ProgramFolder, cli: Cli) -> None:
    ok(cli("events", "cancel", CIRCLE, "--as-of", "2026-04-02"))
    assert listed(cli, "2026-04-02") == []


def test_notify_for_one_pair_leaves_event_messages_out(built: ProgramFolder, cli: Cli) -> None:
    out = ok(cli("notify", "--json", "--as-of", "2026-04-01", "--pair", "hal--gus"))
    assert not [m for m in json.loads(out.stdout)["messages"] if m["kind"].startswith("event")]


def test_each_outbox_draft_is_its_own_file_and_none_is_overwritten(
        built: ProgramFolder, cli: Cli, tmp_path: Path) -> None:
    """Two events' invitations to one person on one day are two drafts; a --resend the
    same day adds drafts beside the first ones, never over them."""
    import email
    import email.policy

    ok(cli("events", "add", "Goal-setting workshop", "--date", "2026-04-17", "--start",
           "14:00", "--person", "cara", "--as-of", "2026-04-01"))
    outbox = tmp_path / "outbox"

    def drafts() -> dict[str, str]:
        """Each draft's Message-ID, by file name."""
        return {path.name: str(email.message_from_bytes(
            path.read_bytes(), policy=email.policy.default)["Message-ID"])
            for path in outbox.glob("*.eml")}

    def write(*args: str) -> int:
        out = ok(cli("notify", "--outbox", str(outbox), "--json", "--as-of", "2026-04-01",
                     *EVENT_KINDS, *args))
        return sum(m["state"] == "written" for m in json.loads(out.stdout)["messages"])

    assert write() == 4  # cara twice, gus, hal
    first = drafts()
    assert len(first) == 4 and len(set(first.values())) == 4
    assert len(store.sent_messages(built)) == 4
    assert write("--resend") == 4
    again = drafts()
    assert len(again) == 8 and len(set(again.values())) == 8
    assert {name: again[name] for name in first} == first  # the first drafts untouched
