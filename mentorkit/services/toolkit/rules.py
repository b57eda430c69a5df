"""The toolkit's rules across files, and one relationship's forms read together.

Rules that need a single file live on the models (models/toolkit.py). The rules here
need two or more files; each returns *issues* — (location in the file, message) — so
the same rule can refuse a save (`raise_issues`) and be reported by `mentorkit validate`.

The latest-session rule (`current_goals`): goals.yaml holds each goal and the status it
was given there; sessions record progress. A goal's current status is the one given by
the latest session that reports on it (by date; on the same date, the later file), and
its progress the latest number a session gave; a goal no session reports on keeps what
goals.yaml says. A goal set to `dropped` in goals.yaml stays dropped whatever sessions
said before (and a session cannot report on it until goals.yaml revives it), so at most
five goals are ever active: goals.yaml allows five that are not dropped. Achieved means
100 %.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mentorkit.errors import InvalidFile, Problem
from mentorkit.models.relationship import Relationship
from mentorkit.models.toolkit import (
    Action,
    ActionPlan,
    Evaluation,
    Goal,
    Goals,
    NeedsAnalysis,
    PartnershipIdeas,
    SessionRecord,
)
from mentorkit.store import yamlio
from mentorkit.store.folder import ProgramFolder
from mentorkit.vocab import GoalStatus, RelationshipStatus, Respondent

FUTURE_LIMIT = dt.timedelta(days=365)  # a session more than this far ahead is a typo

Loc = tuple[str | int, ...]
Issue = tuple[Loc, str]  # where in the file (keys and list indexes) and what is wrong


@dataclass
class PairForms:
    """Everything in one relationship's folder that loaded cleanly."""

    id: str
    relationship: Relationship
    needs: NeedsAnalysis | None = None
    goals: Goals | None = None
    plan: ActionPlan | None = None
    sessions: list[tuple[str, SessionRecord]] = field(default_factory=list)
    evaluations: dict[Respondent, Evaluation] = field(default_factory=dict)
    ideas: PartnershipIdeas | None = None

    @property
    def records(self) -> list[SessionRecord]:
        return [s for _, s in self.sessions]

    def current_goals(self) -> list[Goal]:
        return current_goals(self.goals, self.records)


def scan_pair(
    folder: ProgramFolder, pair: str, relationship: Relationship
) -> tuple[PairForms, list[Problem]]:
    """Load every form of a pair; forms that do not load are left out and reported."""
    forms = PairForms(pair, relationship)
    problems: list[Problem] = []

    def load(model: type[Any], filename: str | None = None) -> Any:
        try:
            return folder.load_form(pair, model, filename)
        except InvalidFile as exc:
            problems.extend(exc.problems)
            return None

    forms.needs = load(NeedsAnalysis)
    forms.goals = load(Goals)
    forms.plan = load(ActionPlan)
    forms.ideas = load(PartnershipIdeas)
    for who in Respondent:
        evaluation = load(Evaluation, Evaluation.file_for(who))
        if evaluation is not None:
            forms.evaluations[who] = evaluation
    for path in folder.session_paths(pair):
        try:
            forms.sessions.append((path.stem, folder.load(path, SessionRecord)))
        except InvalidFile as exc:
            problems.extend(exc.problems)
    return forms, problems


def load_pair(folder: ProgramFolder, pair: str) -> PairForms:
    """A pair's forms; any form that does not load stops the command with its problems."""
    forms, problems = scan_pair(folder, pair, folder.load_relationship(pair))
    if problems:
        raise InvalidFile(problems)
    return forms


# -- the latest-session rule ---------------------------------------------------------------
def goal_progress(
    goals: Iterable[Goal], sessions: Iterable[SessionRecord]
) -> dict[str, tuple[GoalStatus, int]]:
    """Each goal's (status, progress) now, by the latest-session rule (module docstring).

    Pass sessions in file order (as `ProgramFolder.load_sessions` gives them): on the same
    date, the later one wins. Plain values, no models: reports call this for every pair.
    """
    status: dict[str, GoalStatus] = {}
    progress: dict[str, int] = {}
    for session in sorted(sessions, key=lambda s: s.date):  # stable: file order within a day
        for report in session.progress:
            status[report.goal] = report.status
            if report.progress is not None:
                progress[report.goal] = report.progress
    now: dict[str, tuple[GoalStatus, int]] = {}
    for goal in goals:
        if goal.status is GoalStatus.DROPPED or goal.id not in status:
            now[goal.id] = (goal.status, goal.progress)
            continue
        reported = status[goal.id]  # achieved means 100 %, as on Goal
        percent = 100 if reported is GoalStatus.ACHIEVED else progress.get(goal.id, goal.progress)
        now[goal.id] = (reported, percent)
    return now


def current_goals(
    goals: Goals | Sequence[Goal] | None, sessions: Iterable[SessionRecord]
) -> list[Goal]:
    """Each goal with the status and progress it has now (see `goal_progress`)."""
    items = goals.goals if isinstance(goals, Goals) else list(goals or [])
    now = goal_progress(items, sessions)
    return [
        g if now[g.id] == (g.status, g.progress)
        else g.model_copy(update={"status": now[g.id][0], "progress": now[g.id][1]})
        for g in items
    ]


def active_count(goals: Iterable[Goal]) -> int:
    return sum(1 for g in goals if g.status.counts_as_active)


# -- rules across files --------------------------------------------------------------------
def begins(relationship: Relationship) -> dt.date:
    """The first day a session can be dated: when the pair started, else when it was made."""
    return relationship.started or relationship.created


def goal_ids(goals: Goals | None) -> set[str]:
    return {g.id for g in goals.goals} if goals else set()


def no_goal(goal: str, goals: Goals | None) -> str:
    if not goals or not goals.goals:
        return (
            f"there is no goal {goal}: this pair has no goals yet (set them with `mentorkit goals`)"
        )
    known = ", ".join(g.id for g in goals.goals)
    return f"there is no goal {goal} in goals.yaml (its goals: {known})"


def date_issues(relationship: Relationship, day: dt.date, today: dt.date) -> list[str]:
    """What is wrong with `day` as the date of one of the pair's sessions."""
    issues = []
    start = begins(relationship)
    if day < start:
        message = f"{day} is before the relationship began ({start})"
        if relationship.status is RelationshipStatus.PROPOSED:
            message += (
                f"; if you met before it was recorded, run `mentorkit start {relationship.id} "
                f"--date {day}` first"
            )
        issues.append(message)
    if day > today + FUTURE_LIMIT:
        issues.append(f"{day} is more than a year ahead; check the year")
    if relationship.ended and day > relationship.ended:
        issues.append(f"{day} is after the relationship ended ({relationship.ended})")
    return issues


def session_issues(
    relationship: Relationship, goals: Goals | None, session: SessionRecord, today: dt.date
) -> list[Issue]:
    issues: list[Issue] = [
        (("date",), message) for message in date_issues(relationship, session.date, today)
    ]
    known = goal_ids(goals)
    for index, report in enumerate(session.progress):
        goal = goals.get(report.goal) if goals else None
        if goal is None:
            issues.append((("progress", index, "goal"), no_goal(report.goal, goals)))
        elif goal.status is GoalStatus.DROPPED and report.status is not GoalStatus.DROPPED:
            issues.append(
                (
                    ("progress", index, "status"),
                    f"goal {goal.id} is dropped in goals.yaml; to work on it again, set its "
                    f"status there first (mentorkit goals PAIR --status {goal.id}=in-progress)",
                )
            )
    for index, action in enumerate(session.actions):
        if action.goal is not None and action.goal not in known:
            issues.append((("actions", index, "goal"), no_goal(action.goal, goals)))
    return issues


def plan_issues(plan: ActionPlan, goals: Goals | None, sessions: Iterable[str] = ()) -> list[Issue]:
    """Actions serve goals that exist; `sessions` (file stems) checks `from_session` too."""
    known = goal_ids(goals)
    names = set(sessions)
    issues: list[Issue] = []
    for index, action in enumerate(plan.actions):
        if action.goal is not None and action.goal not in known:
            issues.append((("actions", index, "goal"), no_goal(action.goal, goals)))
        if names and action.from_session and action.from_session not in names:
            issues.append(
                (
                    ("actions", index, "from_session"),
                    f"there is no session record sessions/{action.from_session}.yaml",
                )
            )
    return issues


def evaluation_issues(evaluation: Evaluation, goals: Goals | None) -> list[Issue]:
    known = goal_ids(goals)
    return [
        (("goals", index, "goal"), no_goal(outcome.goal, goals))
        for index, outcome in enumerate(evaluation.goals)
        if outcome.goal is not None and outcome.goal not in known
    ]


def removed_goal_issues(
    before: Goals | None,
    after: Goals,
    sessions: Sequence[tuple[str, SessionRecord]],
    plan: ActionPlan | None,
) -> list[Issue]:
    """A goal that sessions or actions refer to is dropped, never deleted."""
    issues: list[Issue] = []
    for goal in sorted(goal_ids(before) - goal_ids(after)):
        used = [name for name, s in sessions if _mentions(s, goal)]
        actions = [a.id for a in plan.actions if a.goal == goal] if plan else []
        where = []
        if used:
            where.append(f"session {', '.join(used)}")
        if actions:
            where.append(f"action {', '.join(actions)}")
        if where:
            issues.append(
                (
                    ("goals",),
                    f"goal {goal} cannot be deleted: {' and '.join(where)} refer to it; "
                    f"set its status to dropped instead (mentorkit goals PAIR --drop {goal})",
                )
            )
    return issues


def _mentions(session: SessionRecord, goal: str) -> bool:
    return any(p.goal == goal for p in session.progress) or any(
        a.goal == goal for a in session.actions
    )


def problems_of(
    issues: Iterable[Issue], path: Path | str, text: str | None = None
) -> list[Problem]:
    return [
        Problem(
            path,
            message,
            field=".".join(str(part) for part in loc),
            line=yamlio.line_of(text, loc) if text else None,
        )
        for loc, message in issues
    ]


def raise_issues(
    issues: list[Issue], path: Path | str, text: str | None = None, hint: str | None = None
) -> None:
    if issues:
        raise InvalidFile(
            problems_of(issues, path, text), hint or "Correct it and run the command again."
        )


# -- the action plan against today -----------------------------------------------------------
DUE_DAYS = 14  # an open action dated within this many days is due


def action_state(action: Action, today: dt.date) -> str:
    """late (open, its date passed), due (open, within 14 days), upcoming, done, cancelled."""
    if not action.status.is_open:
        return action.status.value
    if action.date < today:
        return "late"
    return "due" if action.date <= today + dt.timedelta(days=DUE_DAYS) else "upcoming"


def refuse_request(relationship: Relationship, pair: str) -> None:
    """A request waiting for its answer, or declined, is not a pair yet: nothing is
    recorded for it and it is neither started, closed nor reopened."""
    from mentorkit.errors import Conflict

    if relationship.status is RelationshipStatus.REQUESTED:
        raise Conflict(f"{pair} is a request waiting for {relationship.mentor}'s answer",
                       f"The mentor answers it: mentorkit accept {pair} (or decline "
                       f"{pair} --reason TEXT).")
    if relationship.status is RelationshipStatus.DECLINED:
        raise Conflict(f"{pair} was declined by {relationship.mentor}",
                       "The mentee chooses another mentor: mentorkit match suggest "
                       f"{relationship.mentee}")
