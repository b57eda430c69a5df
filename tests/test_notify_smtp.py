"""`notify --send` against a real SMTP server (aiosmtpd on 127.0.0.1): plain, STARTTLS,
implicit TLS, AUTH, a refused recipient, a dropped connection, and reruns."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import shutil
from collections.abc import Callable, Iterator
from email.message import EmailMessage
from typing import Any

import pytest
from icalendar import Calendar

from mentorkit.errors import ExitCode
from mentorkit.services.messaging import notify as service
from mentorkit.services.messaging.delivery import SmtpConfig, SmtpTransport
from mentorkit.services.monitoring.calendar import meeting_uid
from mentorkit.store import messages as store
from mentorkit.store.folder import ProgramFolder
from mentorkit.vocab import Security
from tests import messaging_program
from tests.messaging_program import COORDINATOR, DELIVERABLE, MONDAY, SENDER
from tests.report_program import MARKER
from tests.smtp_support import (
    Certs,
    Handler,
    Server,
    free_port,
    make_certs,
    parts,
    smtp_server,
)

AS_OF = MONDAY.isoformat()


@pytest.fixture
def built(folder: ProgramFolder) -> ProgramFolder:
    messaging_program.build(folder, security="none")
    return folder


@pytest.fixture(scope="module")
def certs(tmp_path_factory: pytest.TempPathFactory) -> Certs:
    return make_certs(tmp_path_factory.mktemp("certs"))


@pytest.fixture
def trusted(certs: Certs, monkeypatch: pytest.MonkeyPatch) -> Certs:
    """The test CA is trusted the way an organisation's CA would be: SSL_CERT_FILE."""
    monkeypatch.setenv("SSL_CERT_FILE", str(certs.ca_file))
    return certs


@pytest.fixture
def plain() -> Iterator[Server]:
    with smtp_server() as server:
        yield server


def send(cli: Callable[..., Any], server: Server, *args: str, security: str = "none") -> Any:
    return cli("notify", "--send", "--as-of", AS_OF, "--smtp", server.address,
               "--security", security, "--rate", "10000", *args)


def keys(folder: ProgramFolder) -> list[str]:
    return [m.key for m in store.sent_messages(folder)]


def everything(message: EmailMessage) -> str:
    """Every header and every decoded part, for searching."""
    found = [f"{k}: {v}" for k, v in message.items()]
    for part in message.walk():
        if not part.is_multipart():
            content = part.get_content()
            found.append(content.decode() if isinstance(content, bytes) else content)
    return "\n".join(found)


def assert_rerun_sends_exactly_the_rest(
    folder: ProgramFolder, cli: Callable[..., Any], before: Server, went: int,
    in_flight: int = 0,
) -> None:
    """`went` messages reached `before` and are on record; a rerun sends the others once.
    `in_flight`: handed to the server when the run was killed, unanswered: the rerun
    records it as sent (it may have arrived: never twice) and names it on stderr."""
    first = {m["Message-ID"] for m in before.received}
    assert len(first) == went and {m.message_id for m in store.sent_messages(folder)} == first
    with smtp_server() as server:
        rerun = send(cli, server)
        assert rerun.exit_code == 0
    rest = {m["Message-ID"] for m in server.received}
    assert len(rest) == DELIVERABLE - went - in_flight and not rest & first
    assert len(keys(folder)) == DELIVERABLE
    assert rerun.stderr.count("recorded as sent, so it is not sent again") == in_flight


def test_send_delivers_each_due_message_once(
    built: ProgramFolder, plain: Server, cli: Callable[..., Any]
) -> None:
    result = send(cli, plain)
    assert result.exit_code == 0, result.stderr
    received = plain.received
    assert len(received) == DELIVERABLE
    assert sorted(keys(built)) == sorted(set(keys(built))) and len(keys(built)) == DELIVERABLE
    for message in received:
        assert message["From"].addresses[0].addr_spec == SENDER
        assert message["Reply-To"] == COORDINATOR
        assert message["Message-ID"].endswith("@stmarys.example.org>")
        assert message["Date"] and message["Subject"]
        assert message["Auto-Submitted"] == "auto-generated"
        text, html, _ = parts(message)
        assert text.strip() and html.lstrip().startswith("<!DOCTYPE html>")
        assert MARKER.lower() not in everything(message).lower()
    to = {(m["X-Mentorkit-Kind"], m["To"].addresses[0].addr_spec) for m in received}
    assert ("digest", COORDINATOR) in to
    assert not any(addr == "dev@example.org" for _, addr in to)  # notifications off
    assert {env[1][0] for env in plain.handler.envelopes} == {addr for _, addr in to}
    # the log says what went, with the same Message-IDs
    logged = {m.message_id for m in store.sent_messages(built)}
    assert logged == {m["Message-ID"] for m in received}
    # cron again tomorrow and the day after: nothing twice
    assert send(cli, plain).exit_code == 0
    assert cli("notify", "--send", "--as-of", "2026-04-07", "--smtp", plain.address,
               "--security", "none", "--rate", "10000", "--kind", "reminder").exit_code == 0
    assert len(plain.received) == DELIVERABLE


def test_the_reminder_carries_the_meeting(
    built: ProgramFolder, plain: Server, cli: Callable[..., Any]
) -> None:
    assert send(cli, plain, "--kind", "reminder").exit_code == 0
    assert len(plain.received) == 2
    for message in plain.received:
        assert message.get_content_type() == "multipart/mixed"
        text, html, attachments = parts(message)
        assert "Wednesday 8 April 2026 at 10:00" in text and "10:00" in html
        (ics,) = attachments
        assert ics.get_content_type() == "text/calendar"
        assert ics.get_filename() == "meeting.ics"
        event = Calendar.from_ical(ics.get_content()).walk("VEVENT")[0]
        start = event.decoded("dtstart")  # in the program's zone (here the machine's)
        assert start.tzinfo is not None and start.replace(tzinfo=None) == \
            dt.datetime(2026, 4, 8, 10, 0)
        # the UID `mentorkit calendar` gives the meeting agreed at the 03-10 session
        assert str(event["uid"]) == meeting_uid("ana--cara", "2026-03-10")


def test_a_refused_recipient_is_reported_and_the_rest_go(
    built: ProgramFolder, cli: Callable[..., Any]
) -> None:
    with smtp_server(refuse={"cara@example.org"}) as server:
        result = send(cli, server)
    assert result.exit_code == ExitCode.PROBLEMS_FOUND
    assert "cara@example.org: refused by the mail server: 550" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(server.received) == DELIVERABLE - 3  # cara's reminder, actions and check-in
    assert not [k for k in keys(built) if ":ana--cara:" in k and k.endswith(":mentee")]
    with smtp_server() as fixed:
        assert send(cli, fixed).exit_code == 0
    assert sorted(m["To"].addresses[0].addr_spec for m in fixed.received) == [
        "cara@example.org", "cara@example.org", "cara@example.org"]
    assert len(keys(built)) == DELIVERABLE


def test_a_message_refused_at_its_end_does_not_stop_the_next(
    built: ProgramFolder, cli: Callable[..., Any]
) -> None:
    """Refused after its DATA by a server that keeps that transaction open until RSET
    (smtplib resets; mentorkit does too): the next message is not refused as a "nested
    MAIL", nor the run stopped blaming messages.from."""
    with smtp_server(refuse_data={"cara@example.org"}) as server:
        result = send(cli, server)
    assert result.exit_code == ExitCode.PROBLEMS_FOUND, result.stderr
    assert "cara@example.org: refused by the mail server: 554" in result.stderr
    assert "messages.from" not in result.stderr
    assert len(server.received) == DELIVERABLE - 3  # cara's reminder, actions and check-in


def test_a_dropped_connection_keeps_what_went_and_a_rerun_sends_exactly_the_rest(
    built: ProgramFolder, cli: Callable[..., Any]
) -> None:
    with smtp_server(hang_up_after=2) as flaky:
        result = send(cli, flaky)
    assert result.exit_code == ExitCode.UNAVAILABLE
    assert f"after 2 of {DELIVERABLE} messages" in result.stderr
    assert "run the same command again" in result.stderr
    assert_rerun_sends_exactly_the_rest(built, cli, flaky, went=2)


def test_starttls_with_login(
    built: ProgramFolder, trusted: Certs, cli: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _set_login(built, "mentoring")
    monkeypatch.setenv("MENTORKIT_SMTP_PASSWORD", "s3cret")
    with smtp_server(tls=trusted, users={"mentoring": "s3cret"}) as server:
        result = send(cli, server, security="starttls")
    assert result.exit_code == 0, result.stderr
    assert len(server.received) == DELIVERABLE


@pytest.mark.parametrize("implicit", [False, True], ids=["starttls", "ssl"])
def test_tls_without_login(
    built: ProgramFolder, trusted: Certs, cli: Callable[..., Any], implicit: bool
) -> None:
    with smtp_server(tls=trusted, implicit_tls=implicit) as server:
        result = send(cli, server, "--kind", "digest",
                      security="ssl" if implicit else "starttls")
    assert result.exit_code == 0, result.stderr
    assert [m["To"].addresses[0].addr_spec for m in server.received] == [COORDINATOR]


def test_a_bad_password_sends_nothing(
    built: ProgramFolder, trusted: Certs, cli: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _set_login(built, "mentoring")
    monkeypatch.setenv("MENTORKIT_SMTP_PASSWORD", "wrong")
    with smtp_server(tls=trusted, users={"mentoring": "s3cret"}) as server:
        result = send(cli, server, security="starttls")
    assert result.exit_code == ExitCode.UNAVAILABLE
    assert "refused the login for mentoring: 535" in result.stderr
    assert "MENTORKIT_SMTP_PASSWORD" in result.stderr
    assert server.received == [] and keys(built) == []


def test_an_untrusted_certificate_is_refused(
    built: ProgramFolder, certs: Certs, cli: Callable[..., Any]
) -> None:
    with smtp_server(tls=certs) as server:  # its CA is not trusted here
        result = send(cli, server, security="starttls")
    assert result.exit_code == ExitCode.UNAVAILABLE
    assert "certificate" in result.stderr and "Traceback" not in result.stderr
    assert server.received == [] and keys(built) == []


def test_an_unreachable_server(built: ProgramFolder, cli: Callable[..., Any]) -> None:
    result = cli("notify", "--send", "--as-of", AS_OF, "--smtp", f"127.0.0.1:{free_port()}",
                 "--security", "none")
    assert result.exit_code == ExitCode.UNAVAILABLE
    assert result.stderr.startswith("error: cannot use the mail server 127.0.0.1:")
    assert "messages.smtp" in result.stderr
    assert keys(built) == []


@contextlib.contextmanager
def nothing_listening() -> Iterator[Server]:
    yield Server("127.0.0.1", free_port(), Handler())


@pytest.mark.parametrize(("server", "security", "why"), [
    (nothing_listening, "none", "cannot use the mail server"),
    (smtp_server, "starttls", "does not offer STARTTLS"),
    (functools.partial(smtp_server, refuse_sender=True), "none", "refused the sender"),
], ids=["unreachable", "no-starttls", "sender-refused"])
def test_a_server_that_takes_nothing_leaves_everything_for_the_next_run(
    built: ProgramFolder, cli: Callable[..., Any],
    server: Callable[[], contextlib.AbstractContextManager[Server]], security: str, why: str,
) -> None:
    """Nothing was handed to the server, so nothing is on record and no warning says a
    message may have gone: the next run sends every message, once."""
    with server() as broken:
        failed = send(cli, broken, security=security)
    assert failed.exit_code == ExitCode.UNAVAILABLE and why in failed.stderr
    assert broken.received == [] and keys(built) == []
    with smtp_server() as working:
        rerun = send(cli, working)
    assert rerun.exit_code == 0, rerun.stderr
    assert "stopped while sending" not in rerun.stderr
    assert len({m["Message-ID"] for m in working.received}) == DELIVERABLE
    assert len(working.received) == DELIVERABLE and len(keys(built)) == DELIVERABLE


def test_no_password_in_clear_and_none_from_a_file(
    built: ProgramFolder, cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    _set_login(built, "mentoring")
    monkeypatch.delenv("MENTORKIT_SMTP_PASSWORD", raising=False)
    result = cli("notify", "--send", "--smtp", "127.0.0.1:2525", "--security", "starttls")
    assert result.exit_code == ExitCode.INVALID
    assert "MENTORKIT_SMTP_PASSWORD is not set" in result.stderr
    monkeypatch.setenv("MENTORKIT_SMTP_PASSWORD", "s3cret")
    result = cli("notify", "--send", "--smtp", "127.0.0.1:2525", "--security", "none")
    assert result.exit_code == ExitCode.INVALID
    assert "without encryption" in result.stderr


def test_deleting_the_cache_folder_never_resends(
    built: ProgramFolder, plain: Server, cli: Callable[..., Any]
) -> None:
    assert send(cli, plain).exit_code == 0
    shutil.rmtree(built.state_dir)
    assert send(cli, plain).exit_code == 0
    assert len(plain.received) == DELIVERABLE


def test_one_notify_at_a_time(
    built: ProgramFolder, plain: Server, cli: Callable[..., Any]
) -> None:
    with store.sending(built):  # another cron run is still delivering
        result = send(cli, plain)
    assert result.exit_code == ExitCode.LOCKED
    assert plain.received == [] and keys(built) == []


def test_resend_goes_again_with_its_own_message_id(
    built: ProgramFolder, plain: Server, cli: Callable[..., Any]
) -> None:
    assert send(cli, plain, "--kind", "digest").exit_code == 0
    assert send(cli, plain, "--kind", "digest", "--resend").exit_code == 0
    first, again = plain.received
    assert first["Subject"] == again["Subject"] and first["Message-ID"] != again["Message-ID"]
    assert len(keys(built)) == 2


def test_the_transport_directly(built: ProgramFolder, plain: Server) -> None:
    """The interface tests (and other code) use: a config and a transport."""
    transport = SmtpTransport(SmtpConfig(plain.host, plain.port, Security.NONE))
    result = service.notify(built, MONDAY, mode=service.Mode.SEND, pair="hal--gus",
                            transport=transport)
    assert [m.state for m in result.messages] == [service.State.SENT] * 2
    assert len(plain.received) == 2


def _set_login(folder: ProgramFolder, username: str) -> None:
    program = folder.load_program()
    settings = program.message_settings
    smtp = settings.smtp.model_copy(update={"username": username})
    folder.save_program(program.model_copy(
        update={"messages": settings.model_copy(update={"smtp": smtp})}))




def test_a_run_killed_mid_batch_leaves_a_rerun_to_send_exactly_the_rest(
    built: ProgramFolder, cli: Callable[..., Any]
) -> None:
    """cron's run killed (kill -9) while the server has not answered the fourth message:
    three are recorded, the lock dies with the process, and the next run records the
    fourth (the server had it all: it may have gone) and sends the rest."""
    import os
    import subprocess
    import sys

    with smtp_server(stall_after=3) as slow:
        run = subprocess.Popen(
            [sys.executable, "-m", "mentorkit", "notify", "--send", "--as-of", AS_OF,
             "--smtp", slow.address, "--security", "none", "--rate", "10000"],
            cwd=built.root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env={**os.environ, "MENTORKIT_PROGRAM": str(built.root)})
        try:
            assert slow.handler.stalled.wait(60), "the fourth message never arrived"
        finally:
            run.kill()
            run.wait()
    assert_rerun_sends_exactly_the_rest(built, cli, slow, went=3, in_flight=1)


def test_a_line_starting_from_arrives_as_written(
    built: ProgramFolder, plain: Server, cli: Callable[..., Any]
) -> None:
    """smtplib's send_message writes ">From" for "From " at a line's start (mbox
    quoting); the actions message has such a line."""
    assert send(cli, plain, "--kind", "actions").exit_code == 0
    (message,) = plain.received
    text, _, _ = parts(message)
    lines = text.splitlines()
    assert "From your mentoring with Ana, still open:" in lines
    assert not [line for line in lines if line.startswith(">")]


def _set_email(folder: ProgramFolder, person_id: str, email: str) -> None:
    person = folder.load_participants()[person_id]
    folder.save_participant(person_id, person.model_copy(update={"email": email}))


def _set_sender(folder: ProgramFolder, sender: str) -> None:
    program = folder.load_program()
    settings = program.message_settings.model_copy(update={"sender": sender})
    folder.save_program(program.model_copy(update={"messages": settings}))


def test_a_domain_outside_ascii_goes_in_its_idna_form(
    built: ProgramFolder, plain: Server, cli: Callable[..., Any]
) -> None:
    _set_email(built, "hal", "hal@stmärys.example.org")
    assert send(cli, plain, "--pair", "hal--gus").exit_code == 0
    to = sorted(env[1][0] for env in plain.handler.envelopes)
    assert to == ["gus@example.org", "hal@xn--stmrys-dua.example.org"]
    assert sorted(m["To"].addresses[0].addr_spec for m in plain.received) == to


def test_a_name_outside_ascii_is_refused_by_a_server_without_smtputf8_and_the_rest_go(
    built: ProgramFolder, cli: Callable[..., Any]
) -> None:
    _set_email(built, "cara", "cára@example.org")
    with smtp_server() as ascii_only:
        result = send(cli, ascii_only)
    assert result.exit_code == ExitCode.PROBLEMS_FOUND, result.stderr
    assert "Traceback" not in result.stderr
    assert "cára@example.org: refused by the mail server: the mail server does not take " \
        "addresses with letters outside ASCII (SMTPUTF8)" in result.stderr
    assert len(ascii_only.received) == DELIVERABLE - 3  # cara's reminder, actions, check-in
    with smtp_server(smtputf8=True) as international:  # a server that takes them
        assert send(cli, international).exit_code == 0
    assert sorted(env[1][0] for env in international.handler.envelopes) == ["cára@example.org"] * 3
    assert {m["To"].addresses[0].addr_spec for m in international.received} == {
        "cára@example.org"}
    assert len(keys(built)) == DELIVERABLE


def test_a_sender_outside_ascii_sends_nothing_to_a_server_without_smtputf8(
    built: ProgramFolder, cli: Callable[..., Any]
) -> None:
    _set_sender(built, "méntoring@stmarys.example.org")
    with smtp_server() as ascii_only:
        result = send(cli, ascii_only)
    assert result.exit_code == ExitCode.UNAVAILABLE
    assert result.stderr.startswith("error: méntoring@stmarys.example.org: the mail server "
                                    "does not take addresses with letters outside ASCII")
    assert "messages.from" in result.stderr and "Traceback" not in result.stderr
    assert ascii_only.received == [] and keys(built) == []
    with smtp_server(smtputf8=True) as international:
        assert send(cli, international).exit_code == 0
    assert len(international.received) == DELIVERABLE
    assert {m["From"].addresses[0].addr_spec for m in international.received} == {
        "méntoring@stmarys.example.org"}


def test_a_message_the_server_had_but_never_answered_is_not_sent_again(
    built: ProgramFolder, cli: Callable[..., Any]
) -> None:
    """The line is lost after the whole message reached the server, before its answer:
    it may be delivered, so it is recorded as sent (never twice) and named."""
    with smtp_server(answer_after=2) as slow:
        transport = SmtpTransport(SmtpConfig(slow.host, slow.port, Security.NONE, timeout=0.5))
        result = service.notify(built, MONDAY, mode=service.Mode.SEND, pair="hal--gus",
                                transport=transport)
        assert len(slow.received) == 1  # the server has it
    assert "timed out" in (result.stopped or "")
    assert [m.state for m in result.messages] == [service.State.SENT, service.State.NOT_SENT]
    (unconfirmed,) = result.unconfirmed
    assert keys(built) == [unconfirmed.key] == [result.messages[0].key]
    with smtp_server() as working:
        rerun = send(cli, working, "--pair", "hal--gus")
    assert rerun.exit_code == 0, rerun.stderr
    assert [m["Message-ID"] for m in working.received] == [result.messages[1].message_id]
    assert sorted(keys(built)) == sorted(m.key for m in result.messages)
