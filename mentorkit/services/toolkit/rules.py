"""The toolkit's rules across files, and the action plan against today.

Rules that need a single file live on the models (models/toolkit.py). The rules here
need two or more files; each returns *issues* — (location in the file, message) — so
the same rule can refuse a save (`raise_issues`) and be reported by `mentorkit validate`.

The latest-session rule (what each goal's status is now) is on the pair's model:
models/pair.py `current_goals`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from mentorkit.errors import InvalidFile, Problem
from mentorkit.models.relationship import Relationship
from mentorkit.models.toolkit import (
    Action,
    ActionPlan,
    Evaluation,
    Goals,
    NeedsAnalysis,
    SessionRecord,
)
from mentorkit.services.asof import closed_spells
from mentorkit.store import yamlio
from mentorkit.vocab import GoalStatus, RelationshipStatus

Loc = tuple[str | int, ...]
Issue = tuple[Loc, str]  # where in the file (keys and list indexes) and what is wrong
# Where in a form values typed as options went, and each option as typed:
# {("actions", 2): "--action 'Shadow a visit|2026-12-10|g1'", ("date",): "--date"}.
Options = Mapping[Loc, str]


# -- rules across files --------------------------------------------------------------------
def begins(relationship: Relationship) -> dt.date:
    """The first day a session can be dated: when the pair started, else when it was made
    (a pair made by a request: when it was accepted, as `start` holds)."""
    if relationship.started is not None:
        return relationship.started
    return max(relationship.created, _accepted(relationship) or relationship.created)


def _accepted(relationship: Relationship) -> dt.date | None:
    request = relationship.request
    return request.answered if request is not None else None


def goal_ids(goals: Goals | None) -> set[str]:
    return {g.id for g in goals.goals} if goals else set()


# The remedies these refusals name for the form commands, which `collect` replaces with
# its own: an export has no --next, and its remedy is the goals first, or its answer.
NO_GOAL, SET_GOALS = "there is no goal", " (set them with `mentorkit goals`)"
NEXT_OPTION = " (the next one agreed is --next)"


def no_goal(goal: str, goals: Goals | None) -> str:
    if not goals or not goals.goals:
        return f"{NO_GOAL} {goal}: this pair has no goals yet{SET_GOALS}"
    known = ", ".join(g.id for g in goals.goals)
    return f"{NO_GOAL} {goal} in goals.yaml (its goals: {known})"


def date_issues(relationship: Relationship, day: dt.date, today: dt.date) -> list[str]:
    """What is wrong with `day` as the date of one of the pair's sessions."""
    issues = []
    start = begins(relationship)
    if day < start and relationship.started is None and start == _accepted(relationship):
        issues.append(f"{day} is before the request was accepted ({start}): a pair made by "
                      "a request meets once it is accepted")
    elif day < start:
        message = f"{day} is before the relationship began ({start})"
        if relationship.status is RelationshipStatus.PROPOSED:
            message += (
                f"; if you met before it was recorded, run `mentorkit start {relationship.id} "
                f"--date {day}` first"
            )
        issues.append(message)
    if day > today:  # a session record is written after the meeting
        issues.append(f"{day} is after today ({today}): record a meeting once it has "
                      f"happened{NEXT_OPTION}")
    if relationship.ended and day > relationship.ended:
        issues.append(f"{day} is after the relationship ended ({relationship.ended})")
    issues += [f"{day} is while the relationship was closed ({closed} to {reopened}): a "
               "closed relationship takes no sessions"
               for closed, reopened in closed_spells(relationship.history)
               if closed < day < reopened]
    return issues


def happened_issues(relationship: Relationship, document: object, today: dt.date) -> list[Issue]:
    """Dates that say when something happened (a needs analysis or an evaluation filled
    in, an action done) lie between the day the pair was made and today: `show`, `report`
    and `due` count nothing before the pair existed and take a later date as not
    happened yet (services/asof.py), so such a form would be saved and then not seen."""
    dated: list[tuple[Loc, str, dt.date]] = []  # where, what (as the user names it), when
    if isinstance(document, NeedsAnalysis | Evaluation):
        dated.append((("date",), "", document.date))
    elif isinstance(document, ActionPlan):
        dated += [
            (("actions", index, "done_date"), f"{action.id} done ", action.done_date)
            for index, action in enumerate(document.actions)
            if action.done_date is not None
        ]
    return [(loc, what + message) for loc, what, day in dated
            for message in _happened_problems(relationship, day, today)]


def _happened_problems(relationship: Relationship, day: dt.date, today: dt.date) -> list[str]:
    if day > today:
        return [f"{day} is after today ({today}); give the day it happened, today or earlier"]
    if day < relationship.created:
        return [f"{day} is before the relationship was made ({relationship.created})"]
    return []


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
    issues: Iterable[Issue], path: Path | str, text: str | None = None,
    options: Options | None = None,
) -> list[Problem]:
    """Each issue where it lies: in the file at `path`, or, for a value typed as one of
    `options`, in that option (the file may not exist yet, and was not what was typed)."""
    problems = []
    for loc, message in issues:
        option = typed_as(loc, options or {})
        if option is not None:
            problems.append(Problem(option, message))
            continue
        problems.append(Problem(
            path,
            message,
            field=".".join(str(part) for part in loc),
            line=yamlio.line_of(text, loc) if text else None,
        ))
    return problems


def typed_as(loc: Loc, options: Options) -> str | None:
    """The option the value at `loc` (or the item holding it) was typed as, if any."""
    return next((option for where, option in options.items() if loc[:len(where)] == where),
                None)


def raise_issues(
    issues: list[Issue], path: Path | str, text: str | None = None, hint: str | None = None,
    options: Options | None = None,
) -> None:
    if issues:
        raise InvalidFile(
            problems_of(issues, path, text, options),
            hint or "Correct it and run the command again.",
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

    request = relationship.request
    if request is not None and relationship.expired_request(dt.date.today()):
        raise Conflict(f"{pair} is a request that expired unanswered on {request.expires}",
                       f"To ask again, or pair them, remove it first: mentorkit unpair {pair}")
    if relationship.status is RelationshipStatus.REQUESTED:
        raise Conflict(f"{pair} is a request waiting for {relationship.mentor}'s answer",
                       f"The mentor answers it: mentorkit accept {pair} (or decline "
                       f"{pair} --reason TEXT).")
    if relationship.status is RelationshipStatus.DECLINED:
        raise Conflict(f"{pair} was declined by {relationship.mentor}",
                       "The mentee chooses another mentor: mentorkit match suggest "
                       f"{relationship.mentee}")
