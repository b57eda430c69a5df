"""`mentorkit pair` / `unpair`: the coordinator's manual override of matching."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, ClassVar

from mentorkit.dates import not_in_future
from mentorkit.errors import Conflict, InvalidInput
from mentorkit.models.relationship import MatchMethod, MatchRecord, Relationship, pair_id
from mentorkit.services import resolve
from mentorkit.services.matching.pool import (
    WEAK_FIT,
    around_pair,
    pair_views,
    prepare,
    problems_with_room,
    refuse_not_joined,
)
from mentorkit.services.toolkit.pair import find_pair
from mentorkit.store.folder import ProgramFolder
from mentorkit.vocab import RelationshipStatus


@dataclass
class PairResult:
    JSON_KIND: ClassVar[str] = "relationship"  # the --json envelope (render/envelope.py)

    relationship: Relationship
    warnings: list[str] = field(default_factory=list)
    action: str = "paired"  # paired, unpaired

    def to_json(self) -> dict[str, Any]:
        document = self.relationship.to_document()
        del document["kind"]  # the envelope's kind, "relationship", says it
        return {
            "id": self.relationship.id,
            "action": self.action,
            "warnings": self.warnings,
            **document,
        }


# -- manual pairing --------------------------------------------------------------------
def pair(
    folder: ProgramFolder, mentor_query: str, mentee_query: str, *,
    force: bool = False, reason: str | None = None, date: dt.date | None = None,
) -> PairResult:
    now = dt.date.today()
    day = date or now
    not_in_future(day, now, "be made")
    with folder.locked():
        pool = prepare(folder)
        mentor = resolve.person(mentor_query, pool.people)
        mentee = resolve.person(mentee_query, pool.people)
        if mentor == mentee:
            raise InvalidInput(f"{mentor} cannot mentor themself")
        for person_id, side in ((mentor, "mentor"), (mentee, "mentee")):
            role = pool.people[person_id].role
            if not role.takes(side):
                raise InvalidInput(f"{person_id} is not enrolled as a {side}",
                                   f"Change their role: mentorkit participants edit {person_id}")
            refuse_not_joined(person_id, pool.people[person_id], day)
        pid = pair_id(mentor, mentee)
        if pid in pool.relationships:
            before = pool.relationships[pid]
            raise Conflict(f"relationship {pid} already exists ({before.status.value})",
                           f"It is a request that expired: remove it first with mentorkit "
                           f"unpair {pid}" if before.expired_request(pool.day) else None)
        broken = problems_with_room(pool, mentor, mentee, pid)
        if day < now:
            # the pair holds its place from `day` on: checked as the program stood then
            # too (the mentee's other relationship, the mentor's places), as `accept` is;
            # only the pair's people and relationships are read
            then = around_pair(folder, mentor, mentee, day)
            broken += [p for p in problems_with_room(then, mentor, mentee, pid)
                       if p not in broken]
        j = pool.col(mentor)
        if broken and not force:
            raise Conflict(f"cannot pair {mentor} with {mentee}: {'; '.join(broken)}",
                           "To override, add --force --reason 'why this pair anyway'.")
        if force and broken and not (reason and reason.strip()):
            raise InvalidInput("--force needs --reason: say why the constraint is overridden")
        warnings: list[str] = []
        score: float | None = None
        words: list[str] = []
        i = pool.row(mentee)
        if i is not None and j is not None:
            view = pair_views(pool, [i], [j])[0]
            score, words = view.score, view.reasons
            if score < WEAK_FIT:
                warnings.append(f"weak fit: score {score:g} of 100 (below {WEAK_FIT:g})")
        relationship = Relationship(
            mentor=mentor, mentee=mentee, status=RelationshipStatus.PROPOSED,
            created=day,
            match=MatchRecord(
                method=MatchMethod.MANUAL, score=score, reasons=words,
                forced_reason=reason.strip() if broken and reason else None,
                overridden=broken if force else [],
            ),
        )
        folder.save_relationship(relationship)
    if broken:
        warnings.append(f"overrode: {'; '.join(broken)}")
    return PairResult(relationship, warnings)


def unpair(folder: ProgramFolder, query: str) -> PairResult:
    with folder.locked():
        relationship = folder.load_relationship(find_pair(folder, query))
        pid = relationship.id
        # a request nobody answered holds nothing, and nothing can be recorded for it;
        # while it stays, the pair can be neither asked for again nor made
        if relationship.expired_request(dt.date.today()):
            folder.remove_relationship(pid)
            return PairResult(relationship, action="unpaired")
        if relationship.status is not RelationshipStatus.PROPOSED:
            raise Conflict(
                f"{pid} is {relationship.status.value}, not just proposed",
                f"End it with `mentorkit close {pid} --reason ...` instead.",
            )
        records = folder.relationship_records(pid)
        if records:
            raise Conflict(
                f"{pid} already has toolkit records ({', '.join(records[:3])})",
                f"Close it with `mentorkit close {pid} --reason ...` so they are kept.",
            )
        folder.remove_relationship(pid)
    return PairResult(relationship, action="unpaired")
