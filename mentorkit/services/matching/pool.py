"""The matching pool: the program loaded and turned into arrays for the engine, and the
words for one pair (its score, reasons and the hard constraints it breaks).

Every matching use case starts from `prepare`; the engine (mentorkit.engine) works on
the arrays, and this module turns its answer back into people and words.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mentorkit.errors import InvalidFile
from mentorkit.models.participant import Participant
from mentorkit.models.past_pairs import PastPair
from mentorkit.models.program import Program
from mentorkit.models.relationship import Relationship, pair_id
from mentorkit.models.training import training_of
from mentorkit.services.asof import participants_on, relationships_on
from mentorkit.services.enrolment import preferences
from mentorkit.services.enrolment.participants import mentor_load
from mentorkit.services.matching.exclusions import exclusion_pairs
from mentorkit.services.programs.past_pairs import earlier_pairs
from mentorkit.services.programs.training import untrained_mentor
from mentorkit.store.folder import ProgramFolder
from mentorkit.store.snapshot import bulk_load, load_people_and_pairs
from mentorkit.vocab import RelationshipStatus

if TYPE_CHECKING:
    import numpy as np

    from mentorkit.engine.constraints import Constraints
    from mentorkit.engine.features import FeatureSpace


WEAK_FIT = 40.0  # `pair` and an applied edited proposal warn below this score


@dataclass
class PairView:
    mentee: str
    mentor: str
    mentee_name: str
    mentor_name: str
    score: float
    reasons: list[str]
    pinned: bool = False

    def to_json(self) -> dict[str, Any]:
        return dict(vars(self))


# -- the pool: everything loaded and turned into arrays ---------------------------------
@dataclass
class Pool:
    folder: ProgramFolder
    program: Program
    people: dict[str, Participant]
    relationships: dict[str, Relationship]
    mentee_ids: list[str]
    mentor_ids: list[str]
    space: FeatureSpace
    constraints: Constraints
    capacity: np.ndarray  # per mentor: room left besides open relationships
    load: dict[str, int]
    in_open: dict[str, str]  # mentee id -> their open relationship
    completed: dict[str, str]  # mentee id -> a completed relationship; not matched again
    requesting: dict[str, str]  # mentee id -> their request waiting for an answer
    emails: dict[str, str]  # every participant's email -> id (managers are either)
    exclusions: list[tuple[str, str]]  # (mentor, mentee) pairs never to match
    # (mentor, mentee) -> their pair in an earlier round (past-pairs.yaml): never again
    earlier: dict[tuple[str, str], PastPair]
    # mentor id -> why the training rule holds them back (program.yaml `training`)
    untrained: dict[str, str] = field(default_factory=dict)

    def row(self, person_id: str) -> int | None:
        return self._rows.get(person_id)

    def col(self, person_id: str) -> int | None:
        return self._cols.get(person_id)

    def __post_init__(self) -> None:
        self._rows = {k: n for n, k in enumerate(self.mentee_ids)}
        self._cols = {k: n for n, k in enumerate(self.mentor_ids)}

    def total_capacity(self, mentor_id: str) -> int:
        return self.people[mentor_id].mentor_capacity(self.program.default_mentor_capacity)


def prepare(
    folder: ProgramFolder, today: dt.date | None = None, *, rematch_completed: bool = False,
    include_requesting: bool = False,
) -> Pool:
    """The pool as the program stands (or stood on `today`, services/asof.py).

    Who is matched again: a mentee whose relationship ended early (or was rematched) is;
    one who completed is not, unless they ask (`seeking: true` in their file) or
    `rematch_completed` is given; paused and withdrawn people never are. A mentee whose
    request (`mentorkit request`) waits for its answer is left alone unless
    `include_requesting`; the request holds the mentor's place until answered or expired.
    """
    # hundreds of thousands of objects that all live on: scanning them again and again
    # as they are made cost 3 s of 7 on 60,000 people
    with bulk_load():
        return _prepare(folder, today, rematch_completed=rematch_completed,
                        include_requesting=include_requesting)


def _prepare(
    folder: ProgramFolder, today: dt.date | None, *, rematch_completed: bool,
    include_requesting: bool,
) -> Pool:
    import numpy as np

    from mentorkit.engine.constraints import Constraints, not_taking_part
    from mentorkit.engine.features import FeatureSpace

    program = folder.load_program()
    # through the load cache: an unchanged program is not parsed again
    people, relationships, problems = load_people_and_pairs(folder)
    if problems:
        raise InvalidFile(problems)
    people = preferences.as_ids(people)  # a preferred mentor given by name or email
    if today is not None:
        people = participants_on(people, today)
        relationships = relationships_on(relationships, today)
    day = today or dt.date.today()
    load = mentor_load(relationships.values(), day)
    requesting = {} if include_requesting else {
        r.mentee: k for k, r in relationships.items() if r.pending_request(day)}
    in_open = {r.mentee: k for k, r in relationships.items() if r.status.is_open}
    completed = {} if rematch_completed else {
        r.mentee: k for k, r in relationships.items()
        if r.status is RelationshipStatus.COMPLETED and r.mentee not in in_open
        and r.mentee in people and not people[r.mentee].seeking
    }
    mentee_ids = [i for i in sorted(people) if not_taking_part(people[i], "mentee") is None]
    mentor_ids = [i for i in sorted(people) if not_taking_part(people[i], "mentor") is None]
    mentees = [people[i] for i in mentee_ids]
    mentors = [people[i] for i in mentor_ids]
    settings = program.matching
    emails = {p.email: i for i, p in people.items()}
    space = FeatureSpace(mentees, mentors, mentor_ids, settings)
    # a pair that ever had a relationship (any status) is never proposed again
    previous = [(r.mentor, r.mentee) for r in relationships.values()]
    exclusions = exclusion_pairs(folder, program, people)
    earlier = earlier_pairs(folder, people)
    untrained = {i: why for i in mentor_ids
                 if (why := untrained_mentor(people[i], training_of(program), day)) is not None}
    constraints = Constraints(
        mentee_ids, mentees, mentor_ids, mentors, settings, emails, exclusions, previous,
        earlier, [i in untrained for i in mentor_ids],
    )
    default = program.default_mentor_capacity
    capacity = np.array(
        [max(0, people[i].mentor_capacity(default) - load.get(i, 0)) for i in mentor_ids],
        dtype=np.int64,
    )
    return Pool(folder, program, people, relationships, mentee_ids, mentor_ids, space,
                constraints, capacity, load, in_open, completed, requesting, emails, exclusions,
                earlier, untrained)


@contextmanager
def long_lived() -> Iterator[None]:
    """Everything made so far (the loaded program, the pool) left out of the garbage
    collector's full scans until the block ends: they live as long as the command, and
    each full scan of 200,000 objects cost up to 0.2 s while a large proposal's
    thousands of short-lived objects were made."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def pair_problems(pool: Pool, mentor: str, mentee: str) -> list[str]:
    """Every hard constraint (besides capacity) the pair breaks, in words."""
    from mentorkit.engine.constraints import Constraints, not_taking_part
    from mentorkit.engine.explain import constraint_words

    out = []
    for person_id, side in ((mentor, "mentor"), (mentee, "mentee")):
        person = pool.people.get(person_id)
        if person is None:
            out.append(f"{person_id} is not enrolled")
            continue
        why = not_taking_part(person, side)
        if why:
            out.append(f"{person_id} {why}")
    if mentee in pool.in_open:
        out.append(f"{mentee} is already in relationship {pool.in_open[mentee]}")
    pid = pair_id(mentor, mentee)
    before = pool.relationships.get(pid)
    if before is not None and pool.in_open.get(mentee) != pid:
        out.append(f"{mentor} and {mentee} were already paired before ({pid} is "
                   f"{before.status.value})")
    past = pool.earlier.get((mentor, mentee))
    if past is not None:  # in words that name the round: "paired in St. Mary's 2026"
        out.append(f"{mentor} and {mentee} were {past.words()}; never the same pair twice")
    if mentor not in pool.people or mentee not in pool.people:
        return out
    i, j = pool.row(mentee), pool.col(mentor)
    if i is not None and j is not None:
        broken = pool.constraints.why_not(i, j)
    else:  # one of them is not in the active pool: check the pair on its own, with
        # managers resolved against every participant
        settings = pool.program.matching
        one = Constraints([mentee], [pool.people[mentee]], [mentor], [pool.people[mentor]],
                          settings, pool.emails, pool.exclusions)
        broken = one.why_not(0, 0)
    min_years = pool.program.matching.min_mentor_years
    out += [f"{mentor} {constraint_words(c, min_years)}"
            for c in broken if c not in ("paired_before", "earlier_round", "untrained")]
    if mentor in pool.untrained:  # the one-pair Constraints above does not know it
        out.append(f"{mentor} {pool.untrained[mentor]}")
    return out


def total_score(pool: Pool, rows: list[int], cols: list[int]) -> float:
    """The pairs' total score: the sum of their unrounded scores (each pair's is shown
    rounded to 0.1, and a sum of rounded scores drifts with the number of pairs)."""
    import numpy as np

    if not rows:
        return 0.0
    return float(np.sum(pool.space.pairs(rows, cols), dtype=np.float64))


def pair_views(
    pool: Pool, rows: list[int], cols: list[int], *, pinned: int = 0
) -> list[PairView]:
    from mentorkit.engine.explain import common_features, reason_order, reasons

    if not rows:
        return []
    values = pool.space.breakdown(rows, cols)
    scores = pool.space.pairs(rows, cols)
    common = common_features(values)
    orders = reason_order(pool.space, values, common)
    views = []
    for n, (i, j) in enumerate(zip(rows, cols, strict=True)):
        mentee, mentor = pool.mentee_ids[i], pool.mentor_ids[j]
        words = reasons(pool.space, values[n], pool.people[mentee], pool.people[mentor], mentor,
                        common=common, order=orders[n])
        if n < pinned:
            words = ["pinned by the coordinator", *words]
        views.append(PairView(mentee, mentor, pool.people[mentee].name, pool.people[mentor].name,
                              round(float(scores[n]), 1), words, pinned=n < pinned))
    return views
