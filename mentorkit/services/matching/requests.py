"""Mentee-driven matching: `mentorkit request MENTEE MENTOR`, `accept` and `decline`.

    (match suggest) -> request -> requested --accept--> proposed (a pair; the milestones
                                          \\--decline --reason--> declined
                                           \\--no answer by `expires`--> expired

- A request is a relationship with status `requested` and a `request` record (asked on,
  expires on, answered on, the reason for a decline).
- Hard constraints (roles, status, years, managers, exclusions, never the same pair
  twice) and the mentor's capacity are checked when the mentee asks and again when the
  mentor accepts.
- A pending request holds one of the mentor's places, like a proposed pair, from the
  day it is made until it is answered or expires (`matching.request_expiry_days`,
  default 14, in program.yaml); an expired one holds nothing and the mentee is told
  (by `due` and the report) to choose again. A mentee waits on one request at a time.
- `match` leaves a mentee with a pending request alone unless `--include-requesting`.
- Accepting makes the pair `proposed`, matched that day (the milestones count from it);
  declining records the reason, which the mentee is shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from mentorkit.dates import not_in_future
from mentorkit.errors import Conflict, InvalidInput
from mentorkit.models.relationship import (
    Event,
    MatchMethod,
    MatchRecord,
    Relationship,
    RequestRecord,
    pair_id,
)
from mentorkit.services import resolve
from mentorkit.services.matching.pool import (
    WEAK_FIT,
    Pool,
    pair_pools,
    pair_problems,
    pair_views,
    prepare,
    problems_with_room,
    refuse_not_joined,
)
from mentorkit.services.toolkit.lifecycle import LifecycleResult
from mentorkit.services.toolkit.pair import find_pair, with_pair
from mentorkit.store.folder import ProgramFolder
from mentorkit.vocab import RelationshipStatus
from mentorkit.words import days


def request(
    folder: ProgramFolder, mentee_query: str, mentor_query: str, *,
    today: dt.date | None = None,
) -> LifecycleResult:
    now = dt.date.today()
    day = today or now
    not_in_future(day, now, "be requested")
    with folder.locked():
        pool = prepare(folder, day)
        mentee = _joined(folder, pool, mentee_query)
        mentor = _joined(folder, pool, mentor_query)
        pid = pair_id(mentor, mentee)
        if pid not in pool.relationships and folder.has_relationship(pid):
            # made after `day`: a request dated earlier must not write over it
            raise Conflict(f"{mentor} and {mentee} were already paired after {day} ({pid} is "
                           f"{folder.load_relationship(pid).status.value})")
        expires = day + dt.timedelta(days=pool.program.matching.request_expiry_days)
        pools = [pool]
        if day < now <= expires:  # entered late, it holds the mentor's place today too
            pools.append(prepare(folder, now))
        broken: list[str] = []
        for each in pools:
            waiting = each.requesting.get(mentee)
            if waiting is not None:
                raise Conflict(f"{mentee} already waits for an answer to {waiting}",
                               "One request at a time: wait for the answer, or until it "
                               "expires.")
            broken += [p for p in problems_with_room(each, mentor, mentee, pid)
                       if p not in broken]
        if broken:
            raise Conflict(f"{mentee} cannot ask {mentor}: {'; '.join(broken)}",
                           f"See the mentors who can: mentorkit match suggest {mentee}")
        score, words = _fit(pool, mentor, mentee)
        relationship = Relationship(
            mentor=mentor, mentee=mentee, status=RelationshipStatus.REQUESTED, created=day,
            match=MatchRecord(method=MatchMethod.SUGGESTED, score=score, reasons=words),
            request=RequestRecord(requested=day, expires=expires),
            history=[Event(date=day, event="requested", note=f"by {mentee}")],
        )
        folder.save_relationship(relationship)
    notes = [f"it holds one of {mentor}'s places until {mentor} answers, or until it "
             f"expires on {expires}",
             f"{mentor} answers: mentorkit accept {pid} / mentorkit decline {pid} "
             "--reason TEXT"] if now <= expires else [
        f"dated {day}, it expired on {expires}, unanswered: it holds no place"]
    if score is not None and score < WEAK_FIT:
        notes.append(f"weak fit: score {score:g} of 100 (below {WEAK_FIT:g})")
    return LifecycleResult(pid, "requested", relationship, notes)


def accept(
    folder: ProgramFolder, query: str, *, today: dt.date | None = None
) -> LifecycleResult:
    now = dt.date.today()
    day = today or now
    not_in_future(day, now, "be accepted")
    with folder.locked():
        # checked again: enrolment, the mentor's room or the mentee's other pairs may have
        # changed since the request (which itself holds one place); on the day of the
        # answer and, given an earlier day, today too (the pair holds its place from then
        # on). Only the pair's people and relationships are read (on a large program, the
        # whole pool took seconds to load), and everyone's names once, for both the pair
        # and its pools
        relationship, pools = with_pair(folder, query, lambda pid, everyone, pairs: (
            _waiting_and_pools(folder, pid, day, sorted({day, now}), everyone, pairs)))
        pid, mentor, mentee = relationship.id, relationship.mentor, relationship.mentee
        broken: list[str] = []
        for pool in pools:
            broken += [p for p in _accept_problems(pool, mentor, mentee, pid)
                       if p not in broken]
        if broken:
            raise Conflict(f"{pid} cannot be accepted: {'; '.join(broken)}",
                           f"Decline it instead: mentorkit decline {pid} --reason TEXT")
        after = _answered(relationship, day, RelationshipStatus.PROPOSED, "accepted", None)
        folder.save_relationship(after)
    return LifecycleResult(pid, "accepted", after, [
        f"{pid} is a pair now (proposed), matched on {day}: the first meeting is due within "
        f"{days(pool.program.milestones.first_meeting_days)}"])


def decline(
    folder: ProgramFolder, query: str, *, reason: str, today: dt.date | None = None
) -> LifecycleResult:
    now = dt.date.today()
    day = today or now
    not_in_future(day, now, "be declined")
    if not reason.strip():
        raise InvalidInput("give --reason: the mentee is told why, to choose well next time")
    with folder.locked():
        relationship = _waiting(folder, find_pair(folder, query), day)
        after = _answered(relationship, day, RelationshipStatus.DECLINED, "declined",
                          reason.strip())
        folder.save_relationship(after)
    return LifecycleResult(after.id, "declined", after, [
        f"{after.mentor}'s place is free again",
        f"{after.mentee} chooses again: mentorkit match suggest {after.mentee}"])


def _joined(folder: ProgramFolder, pool: Pool, query: str) -> str:
    """The id of the person `query` names, enrolled by the pool's day."""
    person_id = resolve.person(query, pool.enrolled)
    if person_id not in pool.people:
        refuse_not_joined(person_id, folder.load_participant(person_id), pool.day)
    return person_id


def _accept_problems(pool: Pool, mentor: str, mentee: str, pid: str) -> list[str]:
    """Why the request `pid` may not be accepted on the pool's day."""
    broken = [p for p in pair_problems(pool, mentor, mentee) if pid not in p]
    if pool.over_capacity(mentor, pid):
        broken.append(f"{mentor} is over capacity ({pool.places_with(mentor, pid)} places "
                      f"taken, this request's included, of {pool.total_capacity(mentor)})")
    return broken


def _waiting_and_pools(
    folder: ProgramFolder, pid: str, day: dt.date, days: list[dt.date],
    everyone: Mapping[str, resolve.Named], pairs: Mapping[str, resolve.Paired],
) -> tuple[Relationship, list[Pool]]:
    """The request `pid` waiting on `day` and the pools its pair is checked in (days)."""
    relationship = _waiting(folder, pid, day)
    return relationship, pair_pools(folder, relationship.mentor, relationship.mentee, days,
                                    everyone, pairs)


def _waiting(folder: ProgramFolder, pid: str, day: dt.date) -> Relationship:
    relationship = folder.load_relationship(pid)
    pid = relationship.id
    if relationship.status is not RelationshipStatus.REQUESTED or relationship.request is None:
        raise Conflict(f"{pid} is {relationship.status.value}, not a request waiting for an "
                       "answer")
    if relationship.expired_request(day):
        raise Conflict(
            f"the request {pid} expired on {relationship.request.expires}, unanswered",
            f"{relationship.mentee} chooses again: mentorkit match suggest "
            f"{relationship.mentee}")
    return relationship


def _answered(
    relationship: Relationship, day: dt.date, status: RelationshipStatus, event: str,
    reason: str | None,
) -> Relationship:
    assert relationship.request is not None
    if day < relationship.request.requested:
        raise InvalidInput(f"{day} is before the request was made "
                           f"({relationship.request.requested})")
    after = relationship.model_copy(update={
        "status": status,
        "request": relationship.request.model_copy(
            update={"answered": day, "decline_reason": reason}),
        "history": [*relationship.history, Event(date=day, event=event, note=reason)],
    })
    return Relationship.model_validate(after.model_dump())


def _fit(pool: Pool, mentor: str, mentee: str) -> tuple[float | None, list[str]]:
    i, j = pool.row(mentee), pool.col(mentor)
    if i is None or j is None:
        return None, []
    view = pair_views(pool, [i], [j])[0]
    return view.score, view.reasons
