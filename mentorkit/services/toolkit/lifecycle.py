"""A relationship's life: proposed -> active -> completed or ended early (-> reopened).

    proposed  made by matching (or `mentorkit pair`); counts against the mentor's capacity
    active    from the first session logged, or `mentorkit start PAIR`
    completed / ended-early   `mentorkit close PAIR --reason ...` (rematched ends early)
    reopened  `mentorkit reopen PAIR --reason ...` makes a closed relationship active again

Closing frees the mentor's capacity: only proposed and active relationships count
(services/enrolment/participants.mentor_load).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from mentorkit.dates import not_in_future
from mentorkit.errors import Conflict, InvalidInput, NotFound
from mentorkit.models.pair import PairRecord
from mentorkit.models.relationship import Closure, ClosureKind, Event, Relationship
from mentorkit.services.asof import CLOSED, REOPENED
from mentorkit.services.resolve import Named, Paired
from mentorkit.services.toolkit import rules as toolkit
from mentorkit.services.toolkit.pair import open_pair, with_pair
from mentorkit.services.toolkit.settled import FINAL_MEETING, evaluation_word
from mentorkit.store.folder import ProgramFolder
from mentorkit.store.pairs import load_pair
from mentorkit.vocab import MeetingKind, RelationshipStatus, Respondent, Status
from mentorkit.words import plural


@dataclass
class LifecycleResult:
    JSON_KIND: ClassVar[str] = "relationship-change"  # the --json envelope (render/envelope.py)

    pair: str
    action: str  # started, closed, reopened; requested, accepted, declined (matching.requests)
    relationship: Relationship
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "pair": self.pair,
            "action": self.action,
            "notes": self.notes,
            "relationship": self.relationship.to_document(),
        }


def started(relationship: Relationship, date: dt.date, note: str) -> Relationship:
    """The relationship made active on `date`, with the event in its history."""
    return _checked(
        relationship.model_copy(
            update={
                "status": RelationshipStatus.ACTIVE,
                "started": relationship.started or date,
                "history": [*relationship.history, Event(date=date, event="started", note=note)],
            }
        )
    )


def start(
    folder: ProgramFolder, query: str, date: dt.date | None = None, today: dt.date | None = None
) -> LifecycleResult:
    """Make a proposed relationship active. A date before it was created (a pair that met
    on paper before it was recorded) moves `created` back to that date, in the history."""
    with folder.locked():
        forms = open_pair(folder, query)
        r = forms.relationship
        toolkit.refuse_request(r, forms.id)
        if r.status is not RelationshipStatus.PROPOSED:
            since = f" since {r.started}" if r.status is RelationshipStatus.ACTIVE else ""
            hint = (
                f"Reopen it: mentorkit reopen {forms.id} --reason TEXT"
                if not r.status.is_open
                else None
            )
            raise Conflict(f"{forms.id} is already {r.status.value}{since}", hint)
        now = today or dt.date.today()
        day = date or now
        not_in_future(day, now, "start")
        if r.request is not None and r.request.answered is not None:
            # a pair made by accepting a request cannot have met before it was accepted
            _not_before(day, r.request.answered, "was accepted")
        refuse_not_taking_part(folder, r, "start", day)
        note, notes = "started by hand", []
        if day < r.created:
            _refuse_not_joined_by(folder, r, day)
            note += f"; created moved back from {r.created}"
            notes.append(f"created moved back from {r.created} to {day}, the day it started")
            r = r.model_copy(update={"created": day})
        after = started(r, day, note)
        folder.save_relationship(after)
    return LifecycleResult(forms.id, "started", after, notes)


def _refuse_not_joined_by(folder: ProgramFolder, r: Relationship, day: dt.date) -> None:
    """A start that moves the pair back before either person joined is refused, as a
    pair dated then is (`report --as-of` would count them in a pair before they were
    enrolled)."""
    from mentorkit.services.matching.pool import refuse_not_joined

    for person_id in (r.mentor, r.mentee):
        refuse_not_joined(person_id, folder.load_participant(person_id), day)


@dataclass
class Missing:
    """What a proper close has that a pair lacks."""

    pair: str
    final_meeting: bool
    evaluations: list[Respondent]

    def words(self) -> list[str]:
        return ([FINAL_MEETING] if self.final_meeting else []) + [
            evaluation_word(who) for who in self.evaluations
        ]


def missing_records(folder: ProgramFolder, query: str) -> Missing:
    forms = open_pair(folder, query)
    return Missing(
        forms.id,
        not any(s.meeting is MeetingKind.FINAL for s in forms.records),
        [who for who in Respondent if who not in forms.evaluations],
    )


def missing_at_close(folder: ProgramFolder, query: str) -> tuple[str, list[str]]:
    """What a proper close has that this pair lacks: the final meeting, either evaluation."""
    missing = missing_records(folder, query)
    return missing.pair, missing.words()


def close(
    folder: ProgramFolder,
    query: str,
    *,
    reason: str,
    kind: ClosureKind = ClosureKind.COMPLETED,
    date: dt.date | None = None,
    missing_reason: str | None = None,
    today: dt.date | None = None,
) -> LifecycleResult:
    _given(reason, "say why it closes (it is kept in the relationship's history)")
    with folder.transaction():
        forms = open_pair(folder, query)
        r = forms.relationship
        toolkit.refuse_request(r, forms.id)
        if not r.status.is_open:
            raise Conflict(
                f"{forms.id} is already {r.status.value} (closed {r.ended})",
                f"To change that, reopen it first: mentorkit reopen {forms.id} --reason TEXT",
            )
        now = today or dt.date.today()
        day = date or now
        not_in_future(day, now, "close")
        _not_before(day, toolkit.begins(r), "began")
        last = max((s.date for s in forms.records), default=None)
        if last is not None and day < last:
            raise InvalidInput(f"{day} is before the last session ({last}); close on or after it")
        latest = _last_life_event(r)
        if latest is not None and day < latest.date:
            # a close before a reopen puts the history out of order: `--as-of` replays it
            raise InvalidInput(f"{day} is before the relationship's last event ({latest.event} "
                               f"on {latest.date}); close on or after it")
        if kind is ClosureKind.COMPLETED and r.status is RelationshipStatus.PROPOSED:
            raise InvalidInput(
                f"{forms.id} never started, so it cannot be completed",
                "Use --kind ended-early (or --kind rematched).",
            )
        _, missing = missing_at_close(folder, forms.id)
        if missing and not (missing_reason or "").strip():
            raise InvalidInput(
                f"{forms.id} has no record of {_and(missing)}",
                "Record them first (mentorkit log-session PAIR --meeting final; mentorkit "
                "evaluate PAIR --as mentor|mentee), or give --missing-reason TEXT.",
            )
        status = (
            RelationshipStatus.COMPLETED
            if kind is ClosureKind.COMPLETED
            else RelationshipStatus.ENDED_EARLY
        )
        closure = Closure(
            date=day,
            kind=kind,
            reason=reason,
            missing=missing,
            missing_reason=missing_reason if missing else None,
        )
        after = _checked(
            r.model_copy(
                update={
                    "status": status,
                    "ended": day,
                    "closure": closure,
                    "history": [
                        *r.history,
                        Event(date=day, event=f"{CLOSED}{kind.value}", note=reason,
                              missing=missing or None, missing_reason=closure.missing_reason),
                    ],
                }
            )
        )
        folder.save_relationship(after)
    notes = [f"{r.mentor}'s mentoring place is free again"]
    if missing:
        notes.append(f"recorded as missing: {_and(missing, 'and')}")
    return LifecycleResult(forms.id, "closed", after, notes)


def reopen(
    folder: ProgramFolder,
    query: str,
    *,
    reason: str,
    date: dt.date | None = None,
    today: dt.date | None = None,
) -> LifecycleResult:
    _given(reason, "say why it reopens (it is kept in the relationship's history)")
    now = today or dt.date.today()
    day = date or now
    # imported here, as no other lifecycle command needs matching's modules
    from mentorkit.services.matching.pool import Pool, pair_pools

    def checked(pid: str, everyone: Mapping[str, Named],
                pairs: Mapping[str, Paired]) -> tuple[PairRecord, Pool]:
        """The pair, if it may reopen on `day`, and the pool it is checked in today: as
        `pair` refuses, one open relationship a mentee (only the pair's own people and
        relationships are read)."""
        forms = load_pair(folder, pid)
        r = forms.relationship
        toolkit.refuse_request(r, forms.id)
        if r.status.is_open:
            raise Conflict(f"{forms.id} is {r.status.value}, not closed; nothing to reopen")
        not_in_future(day, now, "reopen")
        if r.ended is not None:
            _not_before(day, r.ended, "ended")
        refuse_not_taking_part(folder, r, "reopen", day)
        return forms, pair_pools(folder, r.mentor, r.mentee, [now], everyone, pairs)[0]

    with folder.locked():
        forms, pool = with_pair(folder, query, checked)
        r = forms.relationship
        other = pool.in_open.get(r.mentee)
        if other is not None:
            raise Conflict(f"{r.mentee} is in relationship {other} now; a mentee has one "
                           "open relationship at a time",
                           f"Close {other} first (mentorkit close {other} --reason TEXT), "
                           "then reopen this one.")
        was = f"was {r.status.value} on {r.ended}"
        if r.closure is not None:
            was += f": {r.closure.reason}"
        after = _checked(
            r.model_copy(
                update={
                    "status": RelationshipStatus.ACTIVE,
                    "started": r.started or day,
                    "ended": None,
                    "closure": None,
                    "history": [
                        *r.history,
                        Event(date=day, event=REOPENED, note=f"{reason} ({was})"),
                    ],
                }
            )
        )
        folder.save_relationship(after)
    notes = []
    if pool.over_capacity(r.mentor, forms.id):
        load = pool.places_with(r.mentor, forms.id)
        notes.append(f"{r.mentor} now has {plural(load, 'open relationship')}, above their "
                     f"capacity of {pool.total_capacity(r.mentor)}")
    return LifecycleResult(forms.id, "reopened", after, notes)


def refuse_not_taking_part(
    folder: ProgramFolder, r: Relationship, doing: str, day: dt.date, *, today_too: bool = True
) -> None:
    """Neither of the pair may be paused or withdrawn when it becomes active (`start`,
    `reopen`, the first session logged): not today, as the edit that did it said, nor on
    `day`, the day it becomes active (`--as-of` that day would show an active pair with
    someone paused). A correction that moves the start checks `day` alone
    (`today_too=False`): today may be anything."""
    for who in (r.mentor, r.mentee):
        try:
            person = folder.load_participant(who)
        except NotFound:
            continue  # not enrolled any more: `validate` names the relationship
        if today_too and person.status is not Status.ACTIVE:
            end = (f"Remove the pair (mentorkit unpair {r.id}), or make"
                   if r.status is RelationshipStatus.PROPOSED else "Make")
            raise Conflict(f"{r.id} cannot {doing}: {who} is {person.status.value}",
                           f"{end} {who} active again (mentorkit participants edit {who} "
                           "--status active).")
        then = person.status_on(day)
        if then is not Status.ACTIVE:
            since = max((c.date for c in person.status_changes or [] if c.date <= day),
                        default=None)
            raise Conflict(f"{r.id} cannot {doing} on {day}: {who} was {then.value} then"
                           + (f" (from {since})" if since else ""),
                           f"Give a day {who} took part (mentorkit participants show {who} "
                           "lists the changes of status).")


def _last_life_event(r: Relationship) -> Event | None:
    """The latest of the relationship's history events that `begins` does not stand
    for: accepted, closed, reopened. (Its "started" event keeps its day when a
    correction moves `started`; corrections are noted there too, dated the day they
    were made, which is no part of its life.)"""
    life = ("accepted", CLOSED, REOPENED)
    return max((e for e in r.history if e.event.startswith(life)), key=lambda e: e.date,
               default=None)


def _given(reason: str, why: str) -> None:
    if not reason.strip():
        raise InvalidInput(f"give --reason: {why}")


def _checked(relationship: Relationship) -> Relationship:
    # model_copy does not validate; a round trip does (dates in order, and so on)
    return Relationship.model_validate(relationship.model_dump())


def _not_before(day: dt.date, limit: dt.date, what: str) -> None:
    if day < limit:
        raise InvalidInput(f"{day} is before the relationship {what} ({limit})")


def _and(items: list[str], word: str = "or") -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {word} {items[-1]}"
