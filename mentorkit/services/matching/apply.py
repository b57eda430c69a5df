"""`mentorkit match --apply`: write a proposal as proposed relationships, after checking
every pair against the hard constraints and capacities again.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from mentorkit.dates import not_in_future
from mentorkit.errors import Conflict, InvalidFile, Problem
from mentorkit.models.relationship import MatchMethod, MatchRecord, Relationship, pair_id
from mentorkit.services.matching.pool import (
    WEAK_FIT,
    Pool,
    pair_problems,
    pair_views,
    prepare,
    total_score,
)
from mentorkit.services.matching.propose import ProposalResult, propose_pool, read_proposal
from mentorkit.store.folder import ProgramFolder
from mentorkit.vocab import RelationshipStatus
from mentorkit.words import plural

if TYPE_CHECKING:
    from mentorkit.engine.solver import Method, Progress


# -- apply -----------------------------------------------------------------------------
def apply(
    folder: ProgramFolder,
    *,
    proposal: Path | None = None,
    method: Method = "auto",
    progress: Progress | None = None,
    date: dt.date | None = None,
    rematch_completed: bool = False,
    include_requesting: bool = False,
) -> ProposalResult:
    """Write the fresh proposal (or an edited proposal file) as proposed relationships,
    after checking every pair against the hard constraints and capacities again.
    `date` is the relationships' created date (default today), e.g. to record a match
    made on paper earlier. An applied proposal file inside the program folder is removed,
    so it cannot be applied twice."""
    if date is not None:  # as `pair --date` refuses it
        not_in_future(date, dt.date.today(), "be made")
    with folder.transaction():  # every pair, and the applied file removed, or nothing
        pool = prepare(folder, rematch_completed=rematch_completed,
                       include_requesting=include_requesting)
        if proposal is None:
            result = propose_pool(pool, method=method, progress=progress)
            wanted = [(p.mentee, p.mentor, p.pinned) for p in result.pairs]
            source = "the fresh proposal"
        else:
            doc = read_proposal(folder, proposal)
            wanted = [(p.mentee, p.mentor, p.pinned) for p in doc.pairs]
            source = folder.relative(proposal)
            result = ProposalResult([], [], [], doc.method or "edited", 0.0)
            _not_applied_before(pool, wanted, source)
        _check_all(pool, wanted, source, date)
        if proposal is None:
            views = result.pairs
        else:  # scores and reasons of the pairs as they are now
            rows = [pool.row(m) or 0 for m, _, _ in wanted]
            cols = [pool.col(m) or 0 for _, m, _ in wanted]
            views = pair_views(pool, rows, cols)
            result.total = total_score(pool, rows, cols)
            for view, (_, _, pinned) in zip(views, wanted, strict=True):
                view.pinned = pinned
            # an edited proposal may hold pairs the optimiser would not choose: say so,
            # as `pair` does
            result.warnings += [
                f"weak fit: {v.mentor} → {v.mentee} scores {v.score:g} of 100 "
                f"(below {WEAK_FIT:g})" for v in views if v.score < WEAK_FIT]
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
            _remove_applied(folder, proposal, result)
    return result


def _not_applied_before(pool: Pool, wanted: list[tuple[str, str, bool]], source: str) -> None:
    """Refuse, in one message, a proposal whose every pair is a relationship already."""
    if wanted and all(pair_id(mentor, mentee) in pool.relationships
                      for mentee, mentor, _ in wanted):
        n = len(wanted)
        raise Conflict(f"{source} was already applied ({plural(n, 'pair')} "
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


def _check_all(
    pool: Pool, wanted: list[tuple[str, str, bool]], source: str, date: dt.date | None
) -> None:
    """Every pair against the hard constraints and capacities today and, given an
    earlier `date`, as the program stood that day too (the pairs hold their places from
    then on): in one message, or nothing is applied."""
    found = _problems(pool, wanted, source)
    if date is not None and date < pool.day:
        then = prepare(pool.folder, date)
        said = {str(p) for p in found}
        found += [p for p in _problems(then, wanted, source) if str(p) not in said]
    if found:
        raise InvalidFile(found, "Nothing was applied. Fix or remove these pairs and apply again.")


def _problems(pool: Pool, wanted: list[tuple[str, str, bool]], source: str) -> list[Problem]:
    found: list[Problem] = []
    seen: set[str] = set()
    room = Counter[str]()
    for index, (mentee, mentor, _) in enumerate(wanted):
        where = f"pairs.{index}"
        for problem in pair_problems(pool, mentor, mentee):
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
    return found
