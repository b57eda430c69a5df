"""A `notify` stopped while a message is on its way never sends that message twice.

Each message is noted in .mentorkit/ before it goes and recorded in the sent log after
(store/messages.py). Here a run is stopped at its third message, after the transport
took it and before its record landed (as `kill -9` would stop it); the next run settles
the note before it reads the log.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from mentorkit.models.messages import Via
from mentorkit.services.messaging import notify as service
from mentorkit.services.messaging.delivery import OutboxTransport
from mentorkit.store import messages as store
from mentorkit.store.folder import ProgramFolder
from tests import messaging_program
from tests.messaging_program import DELIVERABLE, MONDAY


class Stopped(BaseException):
    """The process ends here: nothing after it runs (no except clause catches it)."""


class Mailbox:
    """A mail server that accepts every message; stops the run after its `stop_at`-th."""

    via = Via.SMTP

    def __init__(self, stop_at: int = 0) -> None:
        self.accepted: list[str] = []
        self.stop_at = stop_at

    def file_for(self, filename: str) -> Path | None:
        return None

    def connect(self) -> None:
        return None

    def deliver(self, message: EmailMessage, target: Path | None) -> None:
        self.accepted.append(str(message["Message-ID"]))
        if len(self.accepted) == self.stop_at:
            raise Stopped

    def close(self) -> None:
        return None


class StoppingOutbox(OutboxTransport):
    def __init__(self, directory: Path, stop_at: int, before_writing: bool) -> None:
        super().__init__(directory)
        self.count, self.stop_at, self.before_writing = 0, stop_at, before_writing

    def deliver(self, message: EmailMessage, target: Path | None) -> None:
        self.count += 1
        if self.count == self.stop_at and self.before_writing:
            raise Stopped
        super().deliver(message, target)
        if self.count == self.stop_at:
            raise Stopped


@pytest.fixture
def built(folder: ProgramFolder) -> ProgramFolder:
    messaging_program.build(folder)
    return folder


def run(folder: ProgramFolder, mode: service.Mode, transport: Any) -> service.NotifyResult:
    return service.notify(folder, MONDAY, mode=mode, transport=transport)


def sent_keys(folder: ProgramFolder) -> list[str]:
    return [m.key for m in store.sent_messages(folder)]


def test_a_message_the_server_took_before_a_stop_is_not_sent_again(
        built: ProgramFolder) -> None:
    first = Mailbox(stop_at=3)
    with pytest.raises(Stopped):
        run(built, service.Mode.SEND, first)
    assert len(sent_keys(built)) == 2  # the third went, but its record did not land
    second = Mailbox()
    result = run(built, service.Mode.SEND, second)
    assert not set(first.accepted) & set(second.accepted)  # none of them twice
    assert len(first.accepted) + len(second.accepted) == DELIVERABLE
    keys = sent_keys(built)
    assert len(keys) == len(set(keys)) == DELIVERABLE
    [unconfirmed] = result.unconfirmed  # and the coordinator is told to check that one
    assert "@" in unconfirmed.to
    assert run(built, service.Mode.SEND, Mailbox()).unconfirmed == []  # settled once


def test_the_cli_names_the_unconfirmed_message(built: ProgramFolder,
                                               cli: Callable[..., Any]) -> None:
    with pytest.raises(Stopped):
        run(built, service.Mode.SEND, Mailbox(stop_at=1))
    result = cli("notify", "--as-of", MONDAY.isoformat(), "--outbox",
                 str(built.root.parent / "outbox"))
    assert result.exit_code == 0, result.stderr
    assert "recorded as sent, so it is not sent again" in result.stderr
    assert "--resend" in result.stderr


@pytest.mark.parametrize("before_writing", [False, True], ids=["written", "not-written"])
def test_an_outbox_draft_is_settled_by_whether_it_was_written(
        built: ProgramFolder, tmp_path: Path, before_writing: bool) -> None:
    outbox = tmp_path / "outbox"
    with pytest.raises(Stopped):
        run(built, service.Mode.OUTBOX, StoppingOutbox(outbox, 3, before_writing))
    drafts = sorted(p.name for p in outbox.iterdir())
    assert len(drafts) == (2 if before_writing else 3)
    result = run(built, service.Mode.OUTBOX, OutboxTransport(outbox))
    assert result.unconfirmed == []  # a draft that is there was written: no doubt
    # the stopped draft is written once: again only when it was never written
    assert result.count(service.State.WRITTEN) == DELIVERABLE - 2 - (0 if before_writing else 1)
    keys = sent_keys(built)
    assert len(keys) == len(set(keys)) == DELIVERABLE
    assert not (built.state_dir / store.SENDING_NOTE).exists()



class KilledMidWrite(OutboxTransport):
    """Stopped while the third draft is half written: its temporary copy (atomic.py's
    `.NAME.*.tmp`, beside where it goes) is left, and the draft itself never appears."""

    def __init__(self, directory: Path) -> None:
        super().__init__(directory)
        self.count = 0

    def deliver(self, message: EmailMessage, target: Path | None) -> None:
        self.count += 1
        if self.count == 3:
            assert target is not None
            target.parent.mkdir(parents=True, exist_ok=True)
            (target.parent / f".{target.name}.k1ll3d.tmp").write_bytes(b"From: half")
            raise Stopped
        super().deliver(message, target)


def test_a_draft_killed_mid_write_leaves_no_copy_behind(
        built: ProgramFolder, tmp_path: Path) -> None:
    """Outbox drafts hold people's names and addresses, and the outbox is outside the
    program (validate never looks there): the next run removes the half-written copy of
    the draft it writes again, and only that one."""
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    theirs = outbox / ".notes.txt.abc.tmp"  # not a draft mentorkit was writing: kept
    theirs.write_text("someone else's")
    with pytest.raises(Stopped):
        run(built, service.Mode.OUTBOX, KilledMidWrite(outbox))
    assert len(list(outbox.glob(".*.eml.*.tmp"))) == 1
    result = run(built, service.Mode.OUTBOX, OutboxTransport(outbox))
    assert result.count(service.State.WRITTEN) == DELIVERABLE - 2
    assert sorted(p.name for p in outbox.iterdir() if p.name.startswith(".")) == [theirs.name]
    assert len(list(outbox.glob("*.eml"))) == DELIVERABLE

def test_the_listing_and_the_advice_agree_with_the_record(
        built: ProgramFolder, cli: Callable[..., Any]) -> None:
    """After a kill, plain `notify` lists the message in flight as sent (as --send will
    record it), and the advice on stderr sends that one message again, to that one
    person, whatever its kind."""
    import json
    import shlex

    from tests.smtp_support import smtp_server

    rows = {m.message_id: m for m in run(built, service.Mode.LIST, None).messages}
    stopped = Mailbox(stop_at=1)
    with pytest.raises(Stopped):
        run(built, service.Mode.SEND, stopped)
    pending = rows[stopped.accepted[0]]
    day = ("--as-of", MONDAY.isoformat())
    listing = cli("notify", "--json", *day)
    listed = json.loads(listing.stdout)
    assert pending.key not in [m["key"] for m in listed["messages"]]
    assert listed["already_sent"] == 1
    assert [m["state"] for m in listed["messages"]].count("due") == DELIVERABLE - 1
    assert [m["key"] for m in listed["unconfirmed"]] == [pending.key]
    assert "recorded as sent" in listing.stderr
    with smtp_server() as server:
        where = ("--smtp", server.address, "--security", "none", "--rate", "10000")
        rest = cli("notify", "--send", *day, *where)
        assert rest.exit_code == 0, rest.stderr
        assert len(server.received) == DELIVERABLE - 1
        advice = rest.stderr.split("send that one message again: mentorkit notify ")[1]
        # word for word: the day it was due is part of it (today it is due no more)
        again = cli("notify", *shlex.split(advice), *where)
        assert again.exit_code == 0, again.stderr
        assert len(server.received) == DELIVERABLE
        # a key due on no such day is said to be, not "Nothing to send"
        elsewhere = cli("notify", "--send", "--resend", "--key", pending.key, *where)
        assert elsewhere.exit_code == 3, elsewhere.output
        assert elsewhere.stderr.splitlines()[0] == (
            f"error: no message {pending.key} is due as of {dt.date.today()}")
        assert "--as-of" in elsewhere.stderr
        assert len(server.received) == DELIVERABLE
    resent = server.received[-1]
    assert resent["To"].addresses[0].addr_spec == pending.to
    assert resent["Subject"] == pending.subject and resent["Message-ID"] != pending.message_id
    assert sent_keys(built).count(pending.key) == 2
    assert store.interrupted(built) is None
