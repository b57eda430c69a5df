"""The matching pool: the program loaded and turned into arrays for the engine, and the
words for one pair (its score, reasons and the hard constraints it breaks).

Every matching use case starts from `prepare`; the engine (mentorkit.engine) works on
the arrays, and this module turns its answer back into people and words.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from mentorkit.errors import InvalidFile, InvalidInput, NotFound, Problem
from mentorkit.models.participant import Participant
from mentorkit.models.past_pairs import PastPair
from mentorkit.models.program import Program
from mentorkit.models.relationship import Relationship, pair_id
from mentorkit.models.training import training_of
from mentorkit.services.asof import participants_on, relationships_on
from mentorkit.services.enrolment import preferences
from mentorkit.services.enrolment.participants import mentor_load, unknown_manager
from mentorkit.services.matching.exclusions import exclusion_pairs
from mentorkit.services.programs.past_pairs import earlier_pairs
from mentorkit.services.programs.training import untrained_mentor
from mentorkit.services.resolve import Named, Paired
from mentorkit.services.toolkit.pair import by_name
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
    day: dt.date = field(default_factory=dt.date.today)  # the day the pool stands on
    # everyone enrolled, whether they had joined by `day` or not: who a name may mean
    enrolled: Mapping[str, Named] = field(default_factory=dict)
    # (person id, why) for each preferred mentor that names nobody (or several people):
    # left out of the scores, and `match` says so
    unresolved_preferences: list[tuple[str, str]] = field(default_factory=list)

    def row(self, person_id: str) -> int | None:
        return self._rows.get(person_id)

    def col(self, person_id: str) -> int | None:
        return self._cols.get(person_id)

    def __post_init__(self) -> None:
        self._rows = {k: n for n, k in enumerate(self.mentee_ids)}
        self._cols = {k: n for n, k in enumerate(self.mentor_ids)}

    def total_capacity(self, mentor_id: str) -> int:
        return self.people[mentor_id].mentor_capacity(self.program.default_mentor_capacity)

    def places_with(self, mentor_id: str, pair: str) -> int:
        """The mentor's places taken once `pair` holds one (an open relationship, or a
        request waiting for an answer): counted already if it holds one on `day`."""
        held = self.relationships.get(pair)
        counted = held is not None and (held.status.is_open or held.pending_request(self.day))
        return self.load.get(mentor_id, 0) + (0 if counted else 1)

    def over_capacity(self, mentor_id: str, pair: str) -> bool:
        """More places taken than the mentor has once `pair` holds one (their capacity
        was lowered, or a forced pair went past it)."""
        return (mentor_id in self.people
                and self.places_with(mentor_id, pair) > self.total_capacity(mentor_id))

    # The arrays are made when first used: a command about one pair needs none of them,
    # nor numpy and scipy (`prepare` makes them at once, for matching).
    @cached_property
    def space(self) -> FeatureSpace:
        from mentorkit.engine.features import FeatureSpace

        return FeatureSpace([self.people[i] for i in self.mentee_ids],
                            [self.people[i] for i in self.mentor_ids], self.mentor_ids,
                            self.program.matching)

    @cached_property
    def constraints(self) -> Constraints:
        from mentorkit.engine.constraints import Constraints

        # a pair that ever had a relationship (any status) is never proposed again
        previous = [(r.mentor, r.mentee) for r in self.relationships.values()]
        return Constraints(
            self.mentee_ids, [self.people[i] for i in self.mentee_ids], self.mentor_ids,
            [self.people[i] for i in self.mentor_ids], self.program.matching, self.emails,
            self.exclusions, previous, self.earlier,
            [i in self.untrained for i in self.mentor_ids],
        )

    @cached_property
    def capacity(self) -> np.ndarray:
        """Per mentor (column): the places left besides open relationships and requests
        waiting for an answer."""
        import numpy as np

        default = self.program.default_mentor_capacity
        return np.array(
            [max(0, self.people[i].mentor_capacity(default) - self.load.get(i, 0))
             for i in self.mentor_ids], dtype=np.int64)

    @cached_property
    def excluded(self) -> frozenset[tuple[str, str]]:
        return frozenset(self.exclusions)


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
    program = folder.load_program()
    # through the load cache: an unchanged program is not parsed again
    people, relationships, problems = load_people_and_pairs(folder)
    if problems:
        raise InvalidFile(problems)
    # a preferred mentor given by name or email
    people, missed = preferences.read_as_ids(people)
    pool = _pool(folder, program, people, relationships, today,
                 rematch_completed=rematch_completed, include_requesting=include_requesting)
    pool.unresolved_preferences = missed
    pool.space, pool.constraints, pool.capacity  # noqa: B018 (made now, while collection waits)
    return pool


def around_pair(
    folder: ProgramFolder, mentor: str, mentee: str, today: dt.date | None = None
) -> Pool:
    """The pool `prepare` makes, cut down to one mentor and one mentee (`pair_pools`),
    with everyone's names from the name index."""
    # within by_name: an exclusion naming someone not found is a broken file's doing
    # when there is one
    return by_name(folder, lambda everyone, pairs: pair_pools(
        folder, mentor, mentee, [today], everyone, pairs)[0])


def pair_pools(
    folder: ProgramFolder, mentor: str, mentee: str, days: Sequence[dt.date | None],
    everyone: Mapping[str, Named], pairs: Mapping[str, Paired],
) -> list[Pool]:
    """The pool `prepare` makes on each of `days`, cut down to one mentor and one mentee:
    their files and their relationships only, besides program.yaml, the exclusion list
    and past pairs. For checking that pair again (`accept`) on a large program without
    reading it all: the pair's hard constraints, the mentee's open relationship and the
    mentor's places taken come out as the whole pool's would (tests/test_requests.py
    holds them equal). The exclusion list is checked against `everyone` (every
    participant's name and email, with `pairs`, from store/names.py's index through
    toolkit/pair.py's by_name; the sides it names them on only for the pair's two, as
    the index holds no roles); it has no scores (no preferred mentors read as ids), and
    a broken file of someone else does not stop it."""
    program = folder.load_program()
    ids = {mentor, mentee}
    relationships = {k: folder.load_relationship(k) for k, p in sorted(pairs.items())
                     if p.mentor in ids or p.mentee in ids}
    people = {}
    for who in sorted(ids):
        with contextlib.suppress(NotFound):  # not enrolled (or not any more)
            people[who] = folder.load_participant(who)
    return [_pool(folder, program, people, relationships, day, everyone=everyone)
            for day in days]


def _pool(
    folder: ProgramFolder, program: Program, people: dict[str, Participant],
    relationships: dict[str, Relationship], today: dt.date | None, *,
    rematch_completed: bool = False, include_requesting: bool = False,
    everyone: Mapping[str, Named] | None = None,
) -> Pool:
    """The pool of `people` and `relationships` as they stood on `today`. `everyone`:
    every participant's name and email, when `people` is not all of them."""
    from mentorkit.engine.rules import not_taking_part

    # Who is enrolled at all, whether they had joined by `today` or not: the exclusion
    # list names them (one joining next month is not "not enrolled"), and a manager may
    # be given by email.
    known = people if everyone is None else everyone
    cast = people  # whose roles are known: the exclusion list must name them on their side
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
    emails = {p.email: i for i, p in known.items()}
    _refuse_unknown_managers(people, [*mentee_ids, *mentor_ids], known, emails)
    exclusions = exclusion_pairs(folder, program, known, roles=cast)
    earlier = earlier_pairs(folder, people)
    untrained = {i: why for i in mentor_ids
                 if (why := untrained_mentor(people[i], training_of(program), day)) is not None}
    return Pool(folder, program, people, relationships, mentee_ids, mentor_ids, load, in_open,
                completed, requesting, emails, exclusions, earlier, untrained, day, known)


def _refuse_unknown_managers(
    people: Mapping[str, Participant], matched: list[str], known: Mapping[str, Named],
    emails: Mapping[str, str],
) -> None:
    """InvalidFile naming each person taking part whose manager names no one: the manager
    rule could not find that manager, and would let them be paired with them."""
    found = [Problem(f"participants/{i}.yaml", why, field="manager")
             for i in dict.fromkeys(matched)
             if (m := people[i].manager) is not None
             and (why := unknown_manager(m, known, emails)) is not None]
    if found:
        raise InvalidFile(found, "Give the id or email of their manager (see `mentorkit "
                                 "participants list`), then run the command again.")


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
    """Every hard constraint (besides capacity) the pair breaks, in words. Worked out for
    the one pair (engine/rules.py), without the pool's arrays."""
    from mentorkit.engine.rules import constraint_words, not_taking_part, person_to_person

    out = []
    for person_id, side in ((mentor, "mentor"), (mentee, "mentee")):
        person = pool.people.get(person_id)
        if person is None:
            out.append(f"{person_id} had not joined the program by {pool.day} (if they took "
                       f"part then: mentorkit participants edit {person_id} --joined DAY)"
                       if person_id in pool.enrolled else f"{person_id} is not enrolled")
            continue
        why = not_taking_part(person, side)
        if why:
            out.append(f"{person_id} {why}")
    if mentee in pool.in_open:
        out.append(f"{mentee} is already in relationship {pool.in_open[mentee]}")
    pid = pair_id(mentor, mentee)
    before = pool.relationships.get(pid)
    if before is not None and before.request is not None and before.expired_request(pool.day):
        out.append(f"{mentee}'s request to {mentor} ({pid}) expired unanswered on "
                   f"{before.request.expires}; to ask again, remove it first: mentorkit "
                   f"unpair {pid}")
    elif (before is not None and before.status is RelationshipStatus.DECLINED
          and before.request is not None):
        # never paired: asked and refused, in words the coordinator can pass on
        reason = before.request.decline_reason
        out.append(f"{mentor} declined {mentee}'s request on {before.request.answered} "
                   f"({pid}{f': {reason}' if reason else ''}); a declined request is not "
                   "asked again")
    elif before is not None and pool.in_open.get(mentee) != pid:
        out.append(f"{mentor} and {mentee} were already paired before ({pid} is "
                   f"{before.status.value})")
    past = pool.earlier.get((mentor, mentee))
    if past is not None:  # in words that name the round: "paired in St. Mary's 2026"
        out.append(f"{mentor} and {mentee} were {past.words()}; never the same pair twice")
    if mentor not in pool.people or mentee not in pool.people:
        return out
    settings = pool.program.matching
    # managers are resolved against every participant, in the pool or not
    broken = person_to_person(mentee, pool.people[mentee], mentor, pool.people[mentor],
                              settings.min_mentor_years, pool.emails)
    if (mentor, mentee) in pool.excluded:
        broken.append("excluded")
    out += [f"{mentor} {constraint_words(c, settings.min_mentor_years)}" for c in broken]
    if mentor in pool.untrained:
        out.append(f"{mentor} {pool.untrained[mentor]}")
    return out


def problems_with_room(pool: Pool, mentor: str, mentee: str, pid: str) -> list[str]:
    """Why `mentor` may not take `mentee` as the pair `pid` on the pool's day: the hard
    constraints, and a mentor with no place left for it."""
    broken = pair_problems(pool, mentor, mentee)
    if pool.col(mentor) is not None and pool.over_capacity(mentor, pid):
        broken.append(f"{mentor} is full ({pool.load.get(mentor, 0)} of "
                      f"{pool.total_capacity(mentor)} places taken, requests waiting for an "
                      "answer included)")
    return broken


def refuse_not_joined(person_id: str, person: Participant, day: dt.date) -> None:
    """InvalidInput if `person` joined the program after `day`: a pair or a request
    dated then would count them before they were enrolled (`report --as-of`, `due`)."""
    if person.joined is not None and person.joined > day:
        raise InvalidInput(
            f"{person_id} joined the program on {person.joined}, after {day}",
            f"Give a date on or after {person.joined}; or, if they took part before it, "
            f"say when they joined: mentorkit participants edit {person_id} --joined DAY")


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
