"""Matching use cases: propose, apply, suggest, explain, pair and unpair.

Loads the program through the store, builds the arrays (mentorkit.engine) and turns
the solver's answer into results with words. Never prints.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mentorkit.errors import Conflict, InvalidFile, InvalidInput, NotFound, Problem
from mentorkit.models.participant import Participant
from mentorkit.models.program import Program
from mentorkit.models.proposal import Proposal, ProposedPair, UnmatchedMentee
from mentorkit.models.relationship import MatchMethod, MatchRecord, Relationship, pair_id
from mentorkit.services import resolve
from mentorkit.services.enrolment.participants import mentor_load
from mentorkit.store.folder import ProgramFolder, file_exists
from mentorkit.vocab import RelationshipStatus

if TYPE_CHECKING:
    import numpy as np

    from mentorkit.engine.constraints import Constraints
    from mentorkit.engine.features import FeatureSpace
    from mentorkit.engine.solver import Method, Progress

PROPOSAL_FILE = "proposal.yaml"
WEAK_FIT = 40.0  # `pair` warns below this score


# -- results ---------------------------------------------------------------------------
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


@dataclass
class Unmatched:
    mentee: str
    name: str
    reason: str


@dataclass
class MentorRoom:
    mentor: str
    name: str
    capacity: int
    open: int  # open relationships before this proposal
    proposed: int
    remaining: int


@dataclass
class ProposalResult:
    pairs: list[PairView]
    unmatched: list[Unmatched]
    mentors: list[MentorRoom]
    method: str
    total: float
    already_matched: int = 0
    warnings: list[str] = field(default_factory=list)
    proposal_path: str | None = None
    applied: list[str] = field(default_factory=list)  # relationship ids written
    proposal_removed: str | None = None  # the proposal file applied, then removed

    def to_json(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "total_score": round(self.total, 3),
            "pairs": [p.to_json() for p in self.pairs],
            "unmatched": [vars(u) for u in self.unmatched],
            "mentors": [vars(m) for m in self.mentors],
            "already_matched": self.already_matched,
            "warnings": self.warnings,
            "proposal_path": self.proposal_path,
            "applied": self.applied,
            "proposal_removed": self.proposal_removed,
        }

    def to_proposal(self) -> Proposal:
        return Proposal(
            created=dt.date.today(),
            method=self.method,
            total_score=round(self.total, 3),
            pairs=[
                ProposedPair(mentee=p.mentee, mentor=p.mentor, score=p.score,
                             reasons=p.reasons, pinned=p.pinned)
                for p in self.pairs
            ],
            unmatched=[UnmatchedMentee(mentee=u.mentee, reason=u.reason) for u in self.unmatched],
        )


@dataclass
class Suggestion:
    mentor: str
    name: str
    score: float
    reasons: list[str]
    remaining: int


@dataclass
class SuggestResult:
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


@dataclass
class FeatureLine:
    feature: str
    value: float
    weight: float
    points: float
    words: str | None


@dataclass
class ExplainResult:
    mentee: str
    mentor: str
    mentee_name: str
    mentor_name: str
    score: float
    features: list[FeatureLine]
    forbidden: list[str]  # hard constraints the pair breaks, in words
    chosen: bool | None = None  # did the optimum choose this pair
    optimum_mentor: str | None = None  # whom the optimum gave this mentee
    cost: float | None = None  # total score lost by forcing this pair instead
    note: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "mentee": self.mentee,
            "mentor": self.mentor,
            "mentee_name": self.mentee_name,
            "mentor_name": self.mentor_name,
            "score": self.score,
            "features": [vars(f) for f in self.features],
            "forbidden": self.forbidden,
            "chosen": self.chosen,
            "optimum_mentor": self.optimum_mentor,
            "cost_of_forcing": self.cost,
            "note": self.note,
        }


@dataclass
class PairResult:
    relationship: Relationship
    warnings: list[str] = field(default_factory=list)
    action: str = "paired"  # paired, unpaired

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.relationship.id,
            "action": self.action,
            "warnings": self.warnings,
            **self.relationship.to_document(),
        }


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
    emails: dict[str, str]  # every participant's email -> id (managers are either)
    exclusions: list[tuple[str, str]]  # (mentor, mentee) pairs never to match

    def row(self, person_id: str) -> int | None:
        return self._rows.get(person_id)

    def col(self, person_id: str) -> int | None:
        return self._cols.get(person_id)

    def __post_init__(self) -> None:
        self._rows = {k: n for n, k in enumerate(self.mentee_ids)}
        self._cols = {k: n for n, k in enumerate(self.mentor_ids)}

    def total_capacity(self, mentor_id: str) -> int:
        return self.people[mentor_id].mentor_capacity(self.program.default_mentor_capacity)


def prepare(folder: ProgramFolder) -> Pool:
    import numpy as np

    from mentorkit.engine.constraints import Constraints, not_taking_part
    from mentorkit.engine.features import FeatureSpace

    program = folder.load_program()
    people = folder.load_participants()
    relationships = folder.load_relationships()
    load = mentor_load(relationships.values())
    in_open = {r.mentee: k for k, r in relationships.items() if r.status.is_open}
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
    constraints = Constraints(
        mentee_ids, mentees, mentor_ids, mentors, settings, emails, exclusions, previous,
    )
    default = program.default_mentor_capacity
    capacity = np.array(
        [max(0, people[i].mentor_capacity(default) - load.get(i, 0)) for i in mentor_ids],
        dtype=np.int64,
    )
    return Pool(folder, program, people, relationships, mentee_ids, mentor_ids, space,
                constraints, capacity, load, in_open, emails, exclusions)


def read_exclusions(
    folder: ProgramFolder, program: Program, people: dict[str, Participant]
) -> tuple[list[tuple[str, str]], list[Problem]]:
    """(mentor, mentee) pairs of program.yaml's exclusions and the exclusions CSV, and
    the problems found. CSV columns: mentor, mentee, optional reason; a header row is
    allowed; people by id, email or full name."""
    settings = program.matching
    pairs = [(e.mentor, e.mentee) for e in settings.exclusions]
    found: list[Problem] = []
    for index, e in enumerate(settings.exclusions):
        for side in ("mentor", "mentee"):
            if getattr(e, side) not in people:
                found.append(Problem("program.yaml", f"{getattr(e, side)!r} is not enrolled",
                                     field=f"matching.exclusions.{index}.{side}"))
    name = settings.exclusions_file
    if not name:
        return pairs, found
    try:
        text = folder.read_text(name)
    except NotFound:
        return pairs, [*found, Problem("program.yaml", f"{name} does not exist in the program "
                                       "folder", field="matching.exclusions_file")]
    emails = {p.email: k for k, p in people.items()}
    names: dict[str, list[str]] = {}
    for k, p in people.items():
        names.setdefault(p.name.casefold(), []).append(k)
    for line, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        cells = [c.strip() for c in row]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if line == 1 and [c.casefold() for c in cells[:2]] == ["mentor", "mentee"]:
            continue
        if len(cells) < 2 or not cells[0] or not cells[1]:
            found.append(Problem(name, "expected mentor,mentee[,reason]", line=line))
            continue
        ids = []
        for cell in cells[:2]:
            person_id, problem = _exactly(cell, people, emails, names)
            if person_id is None:
                found.append(Problem(name, problem, line=line))
            else:
                ids.append(person_id)
        if len(ids) == 2:
            pairs.append((ids[0], ids[1]))
    return pairs, found


def _exactly(
    text: str, people: dict[str, Participant], emails: dict[str, str],
    names: dict[str, list[str]],
) -> tuple[str | None, str]:
    """A person named exactly (id, email or full name; no prefixes: an exclusion must
    never land on the wrong person), or why not."""
    if text in people:
        return text, ""
    if text.casefold() in emails:
        return emails[text.casefold()], ""
    named = names.get(text.casefold(), [])
    if len(named) == 1:
        return named[0], ""
    if named:
        return None, f"{text!r} could be any of {', '.join(sorted(named))}: give the id"
    return None, f"{text!r} is not an enrolled participant (give an id, email or full name)"


def exclusion_pairs(
    folder: ProgramFolder, program: Program, people: dict[str, Participant]
) -> list[tuple[str, str]]:
    pairs, found = read_exclusions(folder, program, people)
    if found:  # a mistyped exclusion would silently allow a pair that must never happen
        raise InvalidFile(found, "Fix the exclusion list, then match again.")
    return pairs


# -- propose ---------------------------------------------------------------------------
def propose(
    folder: ProgramFolder, *, method: Method = "auto", progress: Progress | None = None
) -> ProposalResult:
    return _propose(prepare(folder), method=method, progress=progress)


def _propose(pool: Pool, *, method: Method, progress: Progress | None) -> ProposalResult:
    import numpy as np

    from mentorkit.engine import solver
    from mentorkit.engine.explain import unmatched_reason

    capacity = pool.capacity.copy()
    pinned, warnings = _pins(pool, capacity)
    pinned_rows = {i for i, _ in pinned}
    rows = np.array(
        [n for n, k in enumerate(pool.mentee_ids)
         if k not in pool.in_open and n not in pinned_rows],
        dtype=np.int64,
    )
    sol = solver.assign(pool.space, pool.constraints, capacity, rows=rows, method=method,
                        progress=progress)
    chosen_i = [*(i for i, _ in pinned), *sol.rows.tolist()]
    chosen_j = [*(j for _, j in pinned), *sol.cols.tolist()]
    pairs = _views(pool, chosen_i, chosen_j, pinned=len(pinned))
    pairs.sort(key=lambda p: p.mentee)
    taken = set(chosen_i)
    position = {int(r): n for n, r in enumerate(rows)}
    unmatched = []
    for i in rows.tolist():
        if i in taken:
            continue
        n = position[i]
        person_id = pool.mentee_ids[i]
        reason = unmatched_reason(
            int(sol.feasible[n]), int(sol.roomy[n]),
            {c: int(v[n]) for c, v in sol.failures.items()},
            len(pool.mentor_ids), pool.program.matching.min_mentor_years,
        )
        unmatched.append(Unmatched(person_id, pool.people[person_id].name, reason))
    proposed = Counter(chosen_j)
    mentors = [
        MentorRoom(k, pool.people[k].name, pool.total_capacity(k), pool.load.get(k, 0),
                   proposed.get(j, 0), int(pool.capacity[j]) - proposed.get(j, 0))
        for j, k in enumerate(pool.mentor_ids)
    ]
    total = float(sum(p.score for p in pairs))
    return ProposalResult(
        pairs, unmatched, mentors, sol.method, total,
        already_matched=sum(1 for k in pool.mentee_ids if k in pool.in_open),
        warnings=warnings,
    )


def _pins(pool: Pool, capacity: np.ndarray) -> tuple[list[tuple[int, int]], list[str]]:
    """program.yaml's pinned pairs that can be kept (taking their mentor's room), and why
    the others cannot."""
    kept: list[tuple[int, int]] = []
    warnings: list[str] = []
    seen: set[int] = set()
    for ref in pool.program.matching.pinned:
        label = f"pinned pair {ref.mentor} → {ref.mentee}"
        if pool.relationships.get(pair_id(ref.mentor, ref.mentee)) is not None:
            continue  # already a relationship: nothing to propose
        i, j = pool.row(ref.mentee), pool.col(ref.mentor)
        problems = _pair_problems(pool, ref.mentor, ref.mentee)
        if i is not None and i in seen:
            problems.append(f"{ref.mentee} is pinned twice")
        if i is not None and j is not None and not problems and capacity[j] <= 0:
            problems.append(f"{ref.mentor} has no room left")
        if problems or i is None or j is None:
            warnings.append(f"{label} not kept: {'; '.join(problems)}")
            continue
        capacity[j] -= 1
        seen.add(i)
        kept.append((i, j))
    return kept, warnings


def _pair_problems(pool: Pool, mentor: str, mentee: str) -> list[str]:
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
            for c in broken if c != "paired_before"]
    return out


def _views(
    pool: Pool, rows: list[int], cols: list[int], *, pinned: int = 0
) -> list[PairView]:
    from mentorkit.engine.explain import common_features, reasons

    if not rows:
        return []
    values = pool.space.breakdown(rows, cols)
    scores = pool.space.pairs(rows, cols)
    common = common_features(values)
    views = []
    for n, (i, j) in enumerate(zip(rows, cols, strict=True)):
        mentee, mentor = pool.mentee_ids[i], pool.mentor_ids[j]
        words = reasons(pool.space, values[n], pool.people[mentee], pool.people[mentor], mentor,
                        common=common)
        if n < pinned:
            words = ["pinned by the coordinator", *words]
        views.append(PairView(mentee, mentor, pool.people[mentee].name, pool.people[mentor].name,
                              round(float(scores[n]), 1), words, pinned=n < pinned))
    return views


# -- the proposal file -----------------------------------------------------------------
def proposal_path(folder: ProgramFolder, given: Path | None = None) -> Path:
    """Where the proposal goes: proposal.yaml in the program folder, or `given` (which
    must be inside the folder, so the store can write it)."""
    if given is None:
        return folder.root / PROPOSAL_FILE
    path = given if given.is_absolute() else Path.cwd() / given
    path = path.resolve()
    if not path.is_relative_to(folder.root):
        raise InvalidInput(f"{given}: must be inside the program folder {folder.root}")
    return path


def write_proposal(folder: ProgramFolder, result: ProposalResult, path: Path) -> str:
    with folder.locked():
        folder.remove(path, missing_ok=True)  # a fresh proposal replaces the old one outright
        folder.save(path, result.to_proposal())
    result.proposal_path = folder.relative(path)
    return result.proposal_path


def read_proposal(folder: ProgramFolder, path: Path) -> Proposal:
    if not file_exists(path):  # it may be outside the program folder
        raise NotFound(f"{path}: no such proposal file",
                       "Run `mentorkit match` to write one (proposal.yaml).")
    return folder.load(path, Proposal)


# -- apply -----------------------------------------------------------------------------
def apply(
    folder: ProgramFolder,
    *,
    proposal: Path | None = None,
    method: Method = "auto",
    progress: Progress | None = None,
    date: dt.date | None = None,
) -> ProposalResult:
    """Write the fresh proposal (or an edited proposal file) as proposed relationships,
    after checking every pair against the hard constraints and capacities again.
    `date` is the relationships' created date (default today), e.g. to record a match
    made on paper earlier. An applied proposal file inside the program folder is removed,
    so it cannot be applied twice."""
    with folder.locked():
        pool = prepare(folder)
        if proposal is None:
            result = _propose(pool, method=method, progress=progress)
            wanted = [(p.mentee, p.mentor, p.pinned) for p in result.pairs]
            source = "the fresh proposal"
        else:
            doc = read_proposal(folder, proposal)
            wanted = [(p.mentee, p.mentor, p.pinned) for p in doc.pairs]
            source = folder.relative(proposal)
            result = ProposalResult([], [], [], doc.method or "edited", 0.0)
            _not_applied_before(pool, wanted, source)
        _check_all(pool, wanted, source)
        if proposal is None:
            views = result.pairs
        else:  # scores and reasons of the pairs as they are now
            views = _views(pool, [pool.row(m) or 0 for m, _, _ in wanted],
                           [pool.col(m) or 0 for _, m, _ in wanted])
            for view, (_, _, pinned) in zip(views, wanted, strict=True):
                view.pinned = pinned
        today = date or dt.date.today()
        for view in views:
            relationship = Relationship(
                mentor=view.mentor, mentee=view.mentee, status=RelationshipStatus.PROPOSED,
                created=today,
                match=MatchRecord(
                    method=MatchMethod.MANUAL if view.pinned else MatchMethod.OPTIMAL,
                    score=view.score, reasons=view.reasons,
                ),
            )
            folder.save_relationship(relationship)
            result.applied.append(relationship.id)
        if proposal is not None:
            result.pairs = views
            result.total = float(sum(v.score for v in views))
            _remove_applied(folder, proposal, result)
    return result


def _not_applied_before(pool: Pool, wanted: list[tuple[str, str, bool]], source: str) -> None:
    """Refuse, in one message, a proposal whose every pair is a relationship already."""
    if wanted and all(pair_id(mentor, mentee) in pool.relationships
                      for mentee, mentor, _ in wanted):
        n = len(wanted)
        raise Conflict(f"{source} was already applied ({n} pair{'s' if n > 1 else ''} "
                       f"exist{'' if n > 1 else 's'})",
                       "Run `mentorkit match` for a fresh proposal.")


def _remove_applied(folder: ProgramFolder, proposal: Path, result: ProposalResult) -> None:
    """Remove an applied proposal file, so it cannot be applied twice (one outside the
    program folder is not the store's to remove)."""
    path = (proposal if proposal.is_absolute() else Path.cwd() / proposal).resolve()
    if not path.is_relative_to(folder.root):
        return
    try:
        folder.remove(path)
    except OSError as exc:
        result.warnings.append(f"could not remove the applied {folder.relative(path)}: "
                               f"{exc.strerror or exc}")
        return
    result.proposal_removed = folder.relative(path)


def _check_all(pool: Pool, wanted: list[tuple[str, str, bool]], source: str) -> None:
    found: list[Problem] = []
    seen: set[str] = set()
    room = Counter[str]()
    for index, (mentee, mentor, _) in enumerate(wanted):
        where = f"pairs.{index}"
        for problem in _pair_problems(pool, mentor, mentee):
            found.append(Problem(source, problem, field=where))
        if mentee in seen:
            found.append(Problem(source, f"{mentee} appears in more than one pair", field=where))
        seen.add(mentee)
        j = pool.col(mentor)
        if j is not None:
            room[mentor] += 1
            if room[mentor] == int(pool.capacity[j]) + 1:
                found.append(Problem(
                    source, f"{mentor} would have more mentees than their capacity "
                    f"({pool.total_capacity(mentor)}, {pool.load.get(mentor, 0)} open)",
                    field=where))
    if found:
        raise InvalidFile(found, "Nothing was applied. Fix or remove these pairs and apply again.")


# -- suggest and explain ---------------------------------------------------------------
def _mentee_row(pool: Pool, query: str) -> tuple[str, int]:
    from mentorkit.engine.constraints import not_taking_part

    person_id = resolve.person(query, pool.people)
    i = pool.row(person_id)
    if i is None:
        why = not_taking_part(pool.people[person_id], "mentee")
        raise InvalidInput(f"{person_id} cannot be matched as a mentee: {person_id} {why}")
    return person_id, i


def suggest(folder: ProgramFolder, query: str, top: int = 5) -> SuggestResult:
    import numpy as np

    from mentorkit.engine.explain import reasons

    if top < 1:
        raise InvalidInput("--top must be at least 1")
    pool = prepare(folder)
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
    if not out and mentee not in pool.in_open:
        notes.append("no mentor with room passes the constraints")
    return SuggestResult(mentee, person.name, out, "; ".join(notes) or None)


def explain(
    folder: ProgramFolder, mentee_query: str, mentor_query: str, *, method: Method = "auto"
) -> ExplainResult:
    import numpy as np

    from mentorkit.engine import solver
    from mentorkit.engine.explain import feature_words
    from mentorkit.engine.features import FEATURES

    pool = prepare(folder)
    mentee = resolve.person(mentee_query, pool.people)
    mentor = resolve.person(mentor_query, pool.people)
    forbidden = _pair_problems(pool, mentor, mentee)
    i, j = pool.row(mentee), pool.col(mentor)
    result = ExplainResult(mentee, mentor, pool.people[mentee].name, pool.people[mentor].name,
                           0.0, [], forbidden)
    if i is None or j is None:
        result.note = "one of them cannot be matched in this role, so there is no score"
        return result
    values = pool.space.breakdown([i], [j])[0]
    result.score = round(float(pool.space.pairs([i], [j])[0]), 1)
    for k, name in enumerate(FEATURES):
        weight = float(pool.space.weights[k])
        result.features.append(FeatureLine(
            name, round(float(values[k]), 3), weight,
            round(float(values[k] * weight * pool.space.scale), 1),
            feature_words(pool.space, name, pool.people[mentee], pool.people[mentor], mentor)
            if weight > 0 else "not used (weight 0 or `any`)",
        ))
    if forbidden:
        return result
    if pool.capacity[j] <= 0:
        result.note = f"{mentor} has no room left"
        return result
    rows = np.array([n for n, k in enumerate(pool.mentee_ids) if k not in pool.in_open],
                    dtype=np.int64)
    best = solver.assign(pool.space, pool.constraints, pool.capacity, rows=rows, method=method)
    given = dict(zip(best.rows.tolist(), best.cols.tolist(), strict=True))
    result.chosen = given.get(i) == j
    result.optimum_mentor = pool.mentor_ids[given[i]] if i in given else None
    if result.chosen:
        result.cost = 0.0
        return result
    capacity = pool.capacity.copy()
    capacity[j] -= 1
    rest = solver.assign(pool.space, pool.constraints, capacity, rows=rows[rows != i],
                         method=method)
    forced = rest.total + float(pool.space.pairs([i], [j])[0])
    result.cost = round(max(best.total - forced, 0.0), 1)
    return result


# -- manual pairing --------------------------------------------------------------------
def pair(
    folder: ProgramFolder, mentor_query: str, mentee_query: str, *,
    force: bool = False, reason: str | None = None, date: dt.date | None = None,
) -> PairResult:
    from mentorkit.engine.constraints import not_taking_part

    with folder.locked():
        pool = prepare(folder)
        mentor = resolve.person(mentor_query, pool.people)
        mentee = resolve.person(mentee_query, pool.people)
        if mentor == mentee:
            raise InvalidInput(f"{mentor} cannot mentor themself")
        for person_id, side in ((mentor, "mentor"), (mentee, "mentee")):
            role = pool.people[person_id].role
            if not (role.mentors if side == "mentor" else role.mentees):
                raise InvalidInput(f"{person_id} is not enrolled as a {side}",
                                   f"Change their role: mentorkit participants edit {person_id}")
        pid = pair_id(mentor, mentee)
        if pid in pool.relationships:
            raise Conflict(f"relationship {pid} already exists")
        broken = _pair_problems(pool, mentor, mentee)
        j = pool.col(mentor)
        open_now = pool.load.get(mentor, 0)
        if (j is None or pool.capacity[j] <= 0) and not_taking_part(
                pool.people[mentor], "mentor") is None:
            broken.append(f"{mentor} is full ({open_now} of {pool.total_capacity(mentor)})")
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
            view = _views(pool, [i], [j])[0]
            score, words = view.score, view.reasons
            if score < WEAK_FIT:
                warnings.append(f"weak fit: score {score:g} of 100 (below {WEAK_FIT:g})")
        relationship = Relationship(
            mentor=mentor, mentee=mentee, status=RelationshipStatus.PROPOSED,
            created=date or dt.date.today(),
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
        people = folder.load_participants()
        relationships = folder.load_relationships()
        pid = resolve.pair(query, relationships, people)
        relationship = relationships[pid]
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
