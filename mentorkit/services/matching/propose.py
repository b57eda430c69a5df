"""`mentorkit match`: propose an optimal assignment, and the proposal file it writes."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from mentorkit.errors import NotFound
from mentorkit.models.proposal import Proposal, ProposedPair, UnmatchedMentee
from mentorkit.models.relationship import pair_id
from mentorkit.services.matching.pool import (
    PairView,
    Pool,
    long_lived,
    pair_problems,
    pair_views,
    prepare,
    total_score,
)
from mentorkit.services.matching.unmatchable import cannot_match, not_in_round
from mentorkit.store.folder import ProgramFolder, file_exists

if TYPE_CHECKING:
    import numpy as np

    from mentorkit.engine.solver import Method, Progress

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
    cannot_match: str | None = None  # why no mentee can be proposed to them at all


@dataclass
class ProposalResult:
    JSON_KIND: ClassVar[str] = "match-proposal"  # the --json envelope (render/envelope.py)

    pairs: list[PairView]
    unmatched: list[Unmatched]
    mentors: list[MentorRoom]
    method: str
    total: float
    already_matched: int = 0
    already_completed: int = 0  # mentees who completed and did not ask to be matched again
    waiting_on_request: int = 0  # mentees whose request waits for the mentor's answer
    warnings: list[str] = field(default_factory=list)
    proposal_path: str | None = None
    proposal_text: str | None = field(default=None, repr=False)  # what was written there
    applied: list[str] = field(default_factory=list)  # relationship ids written
    proposal_removed: str | None = None  # the proposal file applied, then removed
    # the sparse solver's proof of optimality (pinned pairs aside): its dual total
    # equals the total of the pairs it chose
    optimality: dict[str, float | int] | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "total_score": self.total,  # the sum of the unrounded scores
            "pairs": [p.to_json() for p in self.pairs],
            "unmatched": [vars(u) for u in self.unmatched],
            "mentors": [vars(m) for m in self.mentors],
            "already_matched": self.already_matched,
            "already_completed": self.already_completed,
            "waiting_on_request": self.waiting_on_request,
            "warnings": self.warnings,
            "proposal_path": self.proposal_path,
            "applied": self.applied,
            "proposal_removed": self.proposal_removed,
            "optimality": self.optimality,
        }

    def to_document(self) -> dict[str, Any]:
        """`to_proposal().to_document()` built directly: the same plain data (a test
        holds them equal) without a model and its validation per pair, which cost more
        than writing the file on a large program."""
        return {
            "schema_version": Proposal.SCHEMA_VERSION,
            "kind": Proposal.KIND,
            "created": dt.date.today(),
            "method": self.method,
            "total_score": _whole(round(self.total, 3)),
            "pairs": [
                {"mentee": p.mentee, "mentor": p.mentor, "score": _whole(p.score),
                 "reasons": list(p.reasons), "pinned": p.pinned}
                for p in self.pairs
            ],
            # the reason's spaces as the model's Text type tidies them
            "unmatched": [{"mentee": u.mentee, "reason": " ".join(u.reason.split())}
                          for u in self.unmatched],
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


def _whole(value: float) -> float | int:
    """A whole float as an int (`76`, not `76.0`), as models.base.plain writes it."""
    return int(value) if value.is_integer() else value


# -- propose ---------------------------------------------------------------------------
def propose(
    folder: ProgramFolder, *, method: Method = "auto", progress: Progress | None = None,
    rematch_completed: bool = False, include_requesting: bool = False,
    save_to: Path | None = None,
) -> ProposalResult:
    """The optimal proposal; with `save_to`, also written there (write_proposal)."""
    pool = prepare(folder, rematch_completed=rematch_completed,
                   include_requesting=include_requesting)
    with long_lived():
        result = propose_pool(pool, method=method, progress=progress)
        if save_to is not None:
            write_proposal(folder, result, save_to)
    return result


def propose_pool(pool: Pool, *, method: Method, progress: Progress | None) -> ProposalResult:
    import numpy as np

    from mentorkit.engine import solver
    from mentorkit.engine.explain import unmatched_reason
    from mentorkit.services.matching import last_answer

    capacity = pool.capacity.copy()
    pinned, warnings = _pins(pool, capacity)
    pinned_rows = {i for i, _ in pinned}
    rows = np.array(
        [n for n, k in enumerate(pool.mentee_ids)
         if k not in pool.in_open and k not in pool.completed and k not in pool.requesting
         and n not in pinned_rows],
        dtype=np.int64,
    )
    # the solve starts from the last answer, where there is one (last_answer.py)
    sol = solver.assign(pool.space, pool.constraints, capacity, rows=rows, method=method,
                        progress=progress, previous=last_answer.recall(pool, rows))
    last_answer.remember(pool, sol, rows)
    chosen_i = [*(i for i, _ in pinned), *sol.rows.tolist()]
    chosen_j = [*(j for _, j in pinned), *sol.cols.tolist()]
    pairs = pair_views(pool, chosen_i, chosen_j, pinned=len(pinned))
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
    feasible = sol.mentor_feasible
    mentors = [
        MentorRoom(k, pool.people[k].name, pool.total_capacity(k), pool.load.get(k, 0),
                   proposed.get(j, 0), int(pool.capacity[j]) - proposed.get(j, 0),
                   cannot_match(pool, k, j, rows,
                                None if feasible is None else int(feasible[j])))
        for j, k in enumerate(pool.mentor_ids)
    ]
    mentors += [MentorRoom(k, pool.people[k].name, pool.total_capacity(k),
                           pool.load.get(k, 0), 0, 0, why)
                for k, why in not_in_round(pool).items()]
    mentors.sort(key=lambda m: m.mentor)
    total = total_score(pool, chosen_i, chosen_j)
    cert = sol.certificate
    return ProposalResult(
        pairs, unmatched, mentors, sol.method, total,
        already_matched=sum(1 for k in pool.mentee_ids if k in pool.in_open),
        already_completed=sum(1 for k in pool.mentee_ids if k in pool.completed),
        waiting_on_request=sum(1 for k in pool.mentee_ids if k in pool.requesting),
        warnings=[*_unused_preferences(pool, rows.tolist()), *warnings],
        optimality=None if cert is None else {
            "chosen_total": cert.primal, "dual_total": cert.dual, "gap": cert.gap,
            "graph_solves": cert.rounds, "pairs_added_by_pricing": cert.added,
        },
    )


def _unused_preferences(pool: Pool, rows: list[int]) -> list[str]:
    """A warning for each preferred mentor, of a mentee matched now, that names nobody:
    it counts for nothing, and only `validate` would have said so. A preference is soft,
    so matching goes on."""
    if not pool.unresolved_preferences:
        return []
    matched = {pool.mentee_ids[i] for i in rows}
    return [f"a preferred mentor of {person_id} is left out: {why}"
            for person_id, why in pool.unresolved_preferences if person_id in matched]


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
        problems = pair_problems(pool, ref.mentor, ref.mentee)
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


# -- the proposal file -----------------------------------------------------------------
def write_proposal(folder: ProgramFolder, result: ProposalResult, path: Path) -> str:
    from mentorkit.store import yamlevents

    # a fresh proposal replaces the old one outright (comments and all), the old one
    # going only as the new one lands: one write in the store's transaction
    text = yamlevents.dump(result.to_document())
    with folder.transaction() as tx:
        tx.stage_write(folder.inside(path), text, private=False)
    result.proposal_path = folder.relative(path)
    result.proposal_text = text
    return result.proposal_path


def read_proposal(folder: ProgramFolder, path: Path) -> Proposal:
    if not file_exists(path):  # it may be outside the program folder
        raise NotFound(f"{path}: no such proposal file",
                       "Run `mentorkit match` to write one (proposal.yaml).")
    return folder.load(path, Proposal)
