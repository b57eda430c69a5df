"""`mentorkit notify`: which messages are due, and delivering them once.

Rules that make a daily cron run safe:
- a message's key (kind, pair, person, occasion) is recorded in messages/sent/ only
  after the server accepted it (or its .eml file is on disk), one atomic write each;
- a key on record is never sent again (unless --resend), so a rerun sends the rest;
- every message is rendered before the first one goes, so a template error sends nothing;
- one `notify` delivers at a time (store.messages.sending), so overlapping runs cannot
  both send a message.
A message handed to the mail server that never answered (the run killed, the line lost)
is recorded as sent, never twice, and named as unconfirmed: whether it arrived cannot be
known, and `--resend --key KEY` sends that one message again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar

from mentorkit.dates import not_in_future
from mentorkit.errors import InvalidInput, NotFound, Unavailable
from mentorkit.models.messages import SentMessage, Via
from mentorkit.models.program import Program
from mentorkit.services.messaging import kinds as registry
from mentorkit.services.messaging.base import Draft
from mentorkit.services.messaging.context import Plan
from mentorkit.services.messaging.templates import Rendered, Templates
from mentorkit.store import messages as store
from mentorkit.store.snapshot import Snapshot, load_snapshot
from mentorkit.words import of

if TYPE_CHECKING:
    from mentorkit.services.messaging.delivery import Pacer, Transport
    from mentorkit.store.folder import ProgramFolder

FUTURE_HINT = ("Leave out --as-of to send what is due today; without --send or --outbox, "
               "--as-of a later day lists what will be due then.")


class Mode(StrEnum):
    LIST = "list"
    OUTBOX = "outbox"
    SEND = "send"


class State(StrEnum):
    DUE = "due"  # listed; nothing delivered (no delivery option)
    SENT = "sent"  # accepted by the mail server, recorded
    WRITTEN = "written"  # .eml file in the outbox, recorded
    REFUSED = "refused"  # the server turned this one down; not recorded
    NOT_SENT = "not sent"  # the connection was lost before its turn; not recorded
    BLOCKED = "blocked"  # the person gets nothing (notifications off, withdrawn)


@dataclass
class Outgoing:
    kind: str
    recipient: str  # participant id or "coordinator"
    name: str
    to: str
    pair: str | None
    subject: str
    message_id: str
    state: State
    detail: str = ""  # why blocked or refused
    key: str = ""


@dataclass(frozen=True)
class Unconfirmed:
    """A message handed to the mail server that never said it took it (a run killed,
    or the line lost, in between): recorded as sent, so never sent twice, but whether it
    arrived cannot be known (store/messages.py)."""

    to: str
    subject: str
    key: str  # `notify --resend --key KEY` sends this one message again

    @classmethod
    def of(cls, record: SentMessage) -> Unconfirmed:
        return cls(record.to, record.subject, record.key)


@dataclass
class NotifyResult:
    JSON_KIND: ClassVar[str] = "notify"  # the --json envelope (render/envelope.py)
    JSON_VERSION: ClassVar[int] = 2  # 2: `unconfirmed` holds {to, subject, key}, not text

    as_of: dt.date
    mode: Mode
    messages: list[Outgoing]
    already_sent: int  # due messages left out because they went before
    outbox: str | None = None
    stopped: str | None = None  # why delivery stopped part way
    unconfirmed: list[Unconfirmed] = field(default_factory=list)

    def count(self, state: State) -> int:
        return sum(1 for m in self.messages if m.state is state)

    @property
    def refused(self) -> list[Outgoing]:
        return [m for m in self.messages if m.state is State.REFUSED]

    def to_json(self) -> dict[str, Any]:
        from mentorkit.models.base import plain

        return plain(self, json=True)


@dataclass
class Preview:
    kind: str
    pair: str | None
    to: str
    name: str
    subject: str
    text: str
    html: str
    attachments: list[str] = field(default_factory=list)



@dataclass
class PreviewResult:
    JSON_KIND: ClassVar[str] = "notify-preview"  # the --json envelope (render/envelope.py)

    messages: list[Preview]

    def to_json(self) -> dict[str, Any]:
        from mentorkit.models.base import plain

        return plain(self, json=True)


@dataclass
class Prepared:
    draft: Draft
    rendered: Rendered
    message_id: str


def notify(
    folder: ProgramFolder,
    as_of: dt.date,
    *,
    mode: Mode = Mode.LIST,
    kinds: list[str] | None = None,
    pair: str | None = None,
    key: str | None = None,
    resend: bool = False,
    transport: Transport | None = None,
    pacer: Pacer | None = None,
    outbox: str | None = None,
    now: Callable[[], dt.datetime] | None = None,
) -> NotifyResult:
    """List (mode LIST) or deliver through `transport` every message due and not sent
    (`key`: only that one message)."""
    snapshot, only_pair = _read(folder, pair)
    settings = snapshot.program.message_settings
    if mode is not Mode.LIST and settings.sender is None:
        raise InvalidInput("program.yaml: messages.from is not set, so messages have no sender",
                           "Add `messages: {from: mentoring@your-org.org}` to program.yaml.")
    wanted = Wanted(_kinds([_kind_of(key)] if key else kinds, settings.kinds_off),
                    only_pair, key, resend)
    clock = now or (lambda: dt.datetime.now().astimezone().replace(microsecond=0))
    if mode is not Mode.LIST:
        # a message sent ahead of its day is on record as sent, so on the day it would
        # not go: a future day may be listed, to look ahead, but not delivered
        not_in_future(as_of, clock().date(), "be sent", "messages", hint=FUTURE_HINT)
    if mode is Mode.LIST:
        # a killed run's message in flight counts as sent: the next delivering run will
        # record it before it reads the log (store/messages.py)
        pending = store.interrupted(folder)
        result = _plan(folder, snapshot, as_of, wanted, mode, outbox, pending)[0]
        if pending is not None and pending.via is Via.SMTP:
            result.unconfirmed.append(Unconfirmed.of(pending))
        return result
    if transport is None:
        raise ValueError("a delivery mode needs a transport")
    with store.sending(folder):  # the sent log is read after the lock: no overlap
        settled = store.settle_interrupted(folder)  # a killed run's message in flight
        result, ready = _plan(folder, snapshot, as_of, wanted, mode, outbox)
        if settled is not None:
            result.unconfirmed.append(Unconfirmed.of(settled))
        _deliver(folder, snapshot.program, result, ready, transport, pacer, clock)
    return result


def preview(folder: ProgramFolder, as_of: dt.date, kind: str, pair: str) -> PreviewResult:
    """Every message of `kind` for `pair`, rendered, whatever the day and the sent log."""
    chosen = registry.kind(kind)
    snapshot, only_pair = _read(folder, pair if chosen.per_pair else None)
    plan = Plan(folder, snapshot, as_of, preview=True, only_pair=only_pair)
    templates = Templates(folder)
    shown = []
    for draft in chosen.drafts(plan):
        rendered = templates.render(draft.kind, _variables(plan, draft))
        shown.append(Preview(draft.kind, draft.pair, draft.recipient.email, draft.recipient.name,
                             rendered.subject, rendered.text, rendered.html,
                             [a.filename for a in draft.attachments]))
    if not shown:
        why = "no coordinator address (messages.coordinator)" if not chosen.per_pair else (
            "nothing to say to this pair yet (say, no next meeting agreed)")
        raise InvalidInput(f"no {kind} message for {pair}: {why}")
    return PreviewResult(shown)


@dataclass(frozen=True)
class Wanted:
    """Which of the due messages a run is about."""

    kinds: list[str]
    pair: str | None  # only messages about this pair
    key: str | None  # only this one message
    resend: bool  # messages sent before too


def _plan(
    folder: ProgramFolder, snapshot: Any, as_of: dt.date, wanted: Wanted, mode: Mode,
    outbox: str | None, pending: SentMessage | None = None,
) -> tuple[NotifyResult, list[Prepared]]:
    from mentorkit.services.asof import snapshot_on
    from mentorkit.services.messaging.compose import message_id

    # one clock: the program as it stood on the day (nothing after it counts)
    sent: dict[str, int] = {}
    for record in [*store.sent_messages(folder), *([pending] if pending else [])]:
        sent[record.key] = sent.get(record.key, 0) + 1
    plan = Plan(folder, snapshot_on(snapshot, as_of), as_of, only_pair=wanted.pair,
                sent=frozenset(sent))
    templates = Templates(folder)
    listed: list[Outgoing] = []
    ready: list[Prepared] = []
    already = matched = 0
    for name in wanted.kinds:
        for draft in registry.kind(name).drafts(plan):
            if wanted.key is not None and draft.key != wanted.key:
                continue
            matched += 1
            if draft.key in sent and not wanted.resend:
                already += 1
                continue
            rendered = templates.render(draft.kind, _variables(plan, draft))
            msg_id = message_id(draft.key, plan.settings.sender, sent.get(draft.key, 0))
            who = draft.recipient
            state = State.BLOCKED if who.blocked else State.DUE
            listed.append(Outgoing(draft.kind, who.id, who.name, who.email, draft.pair,
                                   rendered.subject, msg_id, state, who.blocked, draft.key))
            if not who.blocked:
                ready.append(Prepared(draft, rendered, msg_id))
    if wanted.key is not None and not matched:
        raise NotFound(f"no message {wanted.key} is due as of {as_of}",
                       "Give the day it was due with --as-of (`mentorkit notify --json "
                       "--as-of DAY` lists that day's keys).")
    return NotifyResult(as_of, mode, listed, already, outbox), ready


def _deliver(
    folder: ProgramFolder, program: Program, result: NotifyResult, ready: list[Prepared],
    transport: Transport, pacer: Pacer | None, clock: Callable[[], dt.datetime],
) -> None:
    from mentorkit.services.messaging.compose import compose
    from mentorkit.services.messaging.delivery import ConnectionLost, Refused

    rows = {m.message_id: m for m in result.messages}
    recorder = store.SentRecorder(folder)
    delivered = State.SENT if transport.via.value == "smtp" else State.WRITTEN
    try:
        for number, item in enumerate(ready):
            row = rows[item.message_id]
            when = clock()
            message = compose(item.draft, item.rendered, program.message_settings,
                              program.name, item.message_id, when)
            if pacer is not None:
                pacer.wait()
            record = SentMessage(
                key=item.draft.key, kind=item.draft.kind, to=item.draft.recipient.email,
                recipient=item.draft.recipient.id, pair=item.draft.pair,
                subject=item.rendered.subject, message_id=item.message_id, at=when,
                via=transport.via)
            # a name no other draft has (an outbox): the note names the very file
            target = transport.file_for(_filename(item, when))
            transport.connect()  # a server that cannot be reached or logged into took nothing
            # never twice: noted before it goes, recorded after (store/messages.py)
            recorder.sending(record, target)
            try:
                transport.deliver(message, target)
            except Unavailable:
                recorder.not_sent()  # turned down before the message went (the sender)
                raise
            except Refused as exc:
                recorder.not_sent()
                row.state, row.detail = State.REFUSED, str(exc)
                continue
            except ConnectionLost as exc:
                unsent = ready[number:]
                if exc.handed_over:  # it may have gone: as after a kill, never twice
                    recorder.add(record)
                    row.state, unsent = delivered, unsent[1:]
                    result.unconfirmed.append(Unconfirmed.of(record))
                else:
                    recorder.not_sent()
                for later in unsent:
                    rows[later.message_id].state = State.NOT_SENT
                result.stopped = (f"the mail server hung up ({exc}) after "
                                  f"{of(result.count(delivered), len(ready), 'message')}")
                return
            recorder.add(record)
            row.state = delivered
    finally:
        transport.close()


def _variables(plan: Plan, draft: Draft) -> dict[str, Any]:
    return {"program": plan.program_view(), "recipient": draft.recipient.view(),
            "as_of": plan.as_of, "kind": draft.kind, **draft.variables}


def _filename(item: Prepared, when: dt.datetime) -> str:
    """Readable, and one per message: the key's digest tells apart the messages a kind
    sends one person on one day (two events' invitations, say)."""
    import hashlib

    who = item.draft.recipient.id
    about = f"-{item.draft.pair}" if item.draft.pair else ""
    digest = hashlib.sha256(item.draft.key.encode("utf-8")).hexdigest()[:8]
    return f"{when:%Y-%m-%d}-{item.draft.kind}{about}-{who}-{digest}.eml"


def _kind_of(key: str) -> str:
    """The kind a message's key starts with ("reminder:ana--cara:2026-04-08:mentee")."""
    name = key.partition(":")[0]
    if name not in registry.all_kinds():
        raise InvalidInput(f"--key {key!r} is not the key of a message",
                           "Copy it from `mentorkit notify --json` (key) or messages/sent/.")
    return name


def _kinds(asked: list[str] | None, off: list[str]) -> list[str]:
    known = registry.all_kinds()
    for name in [*(asked or []), *off]:
        registry.kind(name)  # an unknown name is an error that lists the known ones
    if asked:
        return [k for k in known if k in asked]
    return [k for k in known if k not in off]


def _read(folder: ProgramFolder, query: str | None) -> tuple[Snapshot, str | None]:
    """The program as the messages read it, and the one pair asked for (None: all).

    For one pair, only its files, its people and program.yaml: the messages to one pair
    read nothing else (the coordinator's digest and event messages, which would, are
    left out of `--pair`), and on a large program that is a few files, not thousands.
    A request's mentee's other pairs are read too: one that lapsed after they were paired
    with someone else asks nothing of them."""
    if query is None:
        return load_snapshot(folder), None
    from mentorkit.services.toolkit.pair import by_name, find_pair, pairs_snapshot

    pair = find_pair(folder, query)
    snapshot = pairs_snapshot(folder, [pair])
    rel = snapshot.pairs[pair].relationship
    if rel.request is None:
        return snapshot, pair
    theirs = by_name(folder, lambda _, pairs: [k for k, p in sorted(pairs.items())
                                               if p.mentee == rel.mentee])
    return pairs_snapshot(folder, theirs), pair
