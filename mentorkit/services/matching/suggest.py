"""`mentorkit match suggest`: the best few mentors with room for one mentee."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, ClassVar

from mentorkit.errors import InvalidInput
from mentorkit.services import resolve
from mentorkit.services.matching.pool import Pool, prepare
from mentorkit.store.folder import ProgramFolder


@dataclass
class Suggestion:
    mentor: str
    name: str
    score: float
    reasons: list[str]
    remaining: int


@dataclass
class SuggestResult:
    JSON_KIND: ClassVar[str] = "match-suggestions"  # the --json envelope (render/envelope.py)

    mentee: str
    name: str
    suggestions: list[Suggestion]
    note: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "mentee": self.mentee,
            "name": self.name,
            "note": self.note,
            "suggestions": [vars(s) for s in self.suggestions],
        }


def _mentee_row(pool: Pool, query: str) -> tuple[str, int]:
    from mentorkit.engine.rules import not_taking_part

    person_id = resolve.person(query, pool.people)
    i = pool.row(person_id)
    if i is None:
        why = not_taking_part(pool.people[person_id], "mentee")
        raise InvalidInput(f"{person_id} cannot be matched as a mentee: {person_id} {why}")
    return person_id, i


def suggest(
    folder: ProgramFolder, query: str, top: int = 5, today: dt.date | None = None
) -> SuggestResult:
    """The best `top` mentors with room for one mentee, as the program stands (or stood
    on `today`)."""
    import numpy as np

    from mentorkit.engine.explain import reasons

    if top < 1:
        raise InvalidInput("--top must be at least 1")
    pool = prepare(folder, today)
    mentee, i = _mentee_row(pool, query)
    row = np.array([i])
    score = pool.space.block(row)[0]
    ok, _ = pool.constraints.block(row)
    ok = ok[0] & (pool.capacity > 0)
    candidates = np.flatnonzero(ok)
    order = candidates[np.lexsort((candidates, -score[candidates]))][:top]
    values = pool.space.breakdown(np.full(len(order), i), order)
    person = pool.people[mentee]
    out = [
        Suggestion(pool.mentor_ids[j], pool.people[pool.mentor_ids[j]].name,
                   round(float(score[j]), 1),
                   reasons(pool.space, values[n], person, pool.people[pool.mentor_ids[j]],
                           pool.mentor_ids[j]),
                   int(pool.capacity[j]))
        for n, j in enumerate(order.tolist())
    ]
    notes = []
    if mentee in pool.in_open:
        notes.append(f"{mentee} is already in relationship {pool.in_open[mentee]}")
    before = sorted(r.mentor for k, r in pool.relationships.items()
                    if r.mentee == mentee and k != pool.in_open.get(mentee))
    if before:
        notes.append(f"not suggested, already paired before: {', '.join(before)}")
    if mentee in pool.completed:
        notes.append(f"{mentee} completed {pool.completed[mentee]}; `match` leaves them out "
                     "unless they ask (seeking: true)")
    if not out and mentee not in pool.in_open:
        notes.append("no mentor with room passes the constraints")
    return SuggestResult(mentee, person.name, out, "; ".join(notes) or None)
