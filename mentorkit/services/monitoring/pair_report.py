"""`mentorkit report --pair`: one relationship's figures, goals, actions and session
timeline; the pair's private session text only with include_private.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, ClassVar

from mentorkit.models.base import plain
from mentorkit.models.toolkit import Evaluation
from mentorkit.services.asof import existing_on
from mentorkit.services.monitoring import pair_state as mon
from mentorkit.services.monitoring.report import DateRange, pair_row
from mentorkit.services.monitoring.report_results import (
    RATING_ITEMS,
    REPORT_VERSION,
    PairRow,
)
from mentorkit.services.programs.library import ResourcePick, for_pair
from mentorkit.services.toolkit.settled import as_filed
from mentorkit.store.folder import ProgramFolder
from mentorkit.store.snapshot import Snapshot
from mentorkit.vocab import Respondent


@dataclass
class GoalLine:
    id: str
    statement: str
    measure: str
    function: str | None
    target_date: dt.date | None
    status: str
    progress: int
    updated: dt.date | None


@dataclass
class ActionLine:
    id: str
    goal: str | None
    description: str
    owner: str
    date: dt.date
    status: str
    done_date: dt.date | None
    overdue: bool


@dataclass
class SessionLine:
    date: dt.date
    duration_minutes: int
    mode: str
    meeting: str
    goals: list[dict[str, Any]]  # goal, status, progress; note only with include_private
    actions_agreed: int
    next_meeting: dt.date | None
    # Private to the pair: only filled with include_private.
    issues: list[dict[str, str]] | None = None
    learnings: list[str] | None = None
    private_notes: str | None = None


@dataclass
class EvaluationLine:
    respondent: str
    date: dt.date
    ratings: dict[str, int | None]
    recommend: int | None
    goals: dict[str, int]
    continue_partnership: bool | None


@dataclass
class PairReport:
    JSON_KIND: ClassVar[str] = "pair-report"  # the --json envelope (render/envelope.py)
    JSON_VERSION: ClassVar[int] = REPORT_VERSION

    as_of: dt.date
    include_private: bool
    row: PairRow
    closure: dict[str, Any] | None
    goals: list[GoalLine]
    actions: list[ActionLine]
    sessions: list[SessionLine]
    evaluations: list[EvaluationLine] = field(default_factory=list)
    resources: list[ResourcePick] = field(default_factory=list)  # chosen for this pair

    def to_json(self) -> dict[str, Any]:
        data = plain(self, json=True)
        if not self.include_private:
            for line in data["sessions"]:
                for name in ("issues", "learnings", "private_notes"):
                    line.pop(name)
        return {"report_version": REPORT_VERSION, **data}


def one_pair(
    folder: ProgramFolder, query: str, today: dt.date, *, include_private: bool = False
) -> PairReport:
    """`report --pair`: read from the pair's own files, its people and program.yaml."""
    from mentorkit.services.toolkit.pair import find_pair, pairs_snapshot

    pair = find_pair(folder, query)
    return pair_report(pairs_snapshot(folder, [pair]), pair, today,
                       include_private=include_private)


def pair_report(
    snapshot: Snapshot, query: str, today: dt.date, *, include_private: bool = False
) -> PairReport:
    """One relationship (an id, a prefix, or either person): figures, goals, actions,
    session timeline; the pair's private session text only with include_private."""
    from mentorkit.services import resolve

    pair = resolve.pair(query, snapshot.relationships, snapshot.participants)
    files = existing_on(snapshot.pairs[pair], today)
    rel = as_filed(files.relationship, files.evaluations, [s for _, s in files.sessions])
    goals = mon.goal_states(files.goals, files.sessions, today)
    overdue = {a.id for a in mon.overdue_actions(files, today)} if rel.status.is_open else set()
    return PairReport(
        as_of=today,
        include_private=include_private,
        row=pair_row(snapshot, files, today, DateRange(None, None), goals),
        closure=plain(rel.closure.model_dump(), json=True) if rel.closure else None,
        goals=[
            GoalLine(g.goal.id, g.goal.statement, g.goal.measure,
                     g.goal.function.value if g.goal.function else None, g.goal.target_date,
                     g.status.value, g.progress, g.updated)
            for g in goals.values()
        ],
        actions=[
            ActionLine(a.id, a.goal, a.description, a.owner.value, a.date, a.status.value,
                       a.done_date, a.id in overdue)
            for a in (files.action_plan.actions if files.action_plan else [])
        ],
        sessions=[_session_line(s, include_private) for _, s in files.sessions],
        evaluations=[_evaluation_line(files.evaluations[r]) for r in Respondent
                     if r in files.evaluations],
        resources=for_pair(snapshot.program.resources or [], snapshot.participants.get(rel.mentee),
                           [g.goal for g in goals.values()]),
    )


def _session_line(session: Any, include_private: bool) -> SessionLine:
    line = SessionLine(
        date=session.date,
        duration_minutes=session.duration_minutes,
        mode=session.mode.value,
        meeting=session.meeting.value,
        goals=[{"goal": p.goal, "status": p.status.value, "progress": p.progress}
               for p in session.progress],
        actions_agreed=len(session.actions),
        next_meeting=session.next_meeting,
    )
    if include_private:  # a progress note is the pair's own words, as private as the rest
        for shown, progress in zip(line.goals, session.progress, strict=True):
            shown["note"] = progress.note
        line.issues = [
            {"issue": i.issue, "possible_solution": i.possible_solution} for i in session.issues
        ]
        line.learnings = list(session.learnings)
        line.private_notes = session.private_notes
    return line


def _evaluation_line(evaluation: Evaluation) -> EvaluationLine:
    ratings: dict[str, int | None] = {}
    for label, name in RATING_ITEMS:
        section = label.split(".")[0]
        ratings[label] = getattr(getattr(evaluation, section), name)
    return EvaluationLine(
        respondent=evaluation.respondent.value,
        date=evaluation.date,
        ratings=ratings,
        recommend=evaluation.recommend,
        goals=dict(Counter(g.achieved.value for g in evaluation.goals)),
        continue_partnership=evaluation.continue_partnership,
    )
