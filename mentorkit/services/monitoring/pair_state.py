"""How one pair is doing, as of a day: the facts `report`, `due` and `calendar` share.

Definitions (documented in the README's Reports section):
- A pair's cadence is the one agreed in its needs analysis, else the program's.
- Sessions expected so far: one per whole cadence period between the day the pair
  started and today (or the day it ended, if earlier).
- On cadence: held at least as many sessions as expected.
- At risk / overdue: an active pair with no session for longer than cadence + the
  program's grace_days (counted from the start when there has been no session yet).
- A goal's current state: goals.yaml, then every session record that reports on the goal,
  in date order, sets its status (and its progress, when given; achieved means 100).
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from mentorkit.models.pair import PairRecord
from mentorkit.models.program import Program
from mentorkit.models.toolkit import Action, Goal, Goals, SessionRecord
from mentorkit.services.toolkit.milestones import MilestoneState, milestone_state
from mentorkit.vocab import GoalStatus, RelationshipStatus


class GoalState(NamedTuple):
    goal: Goal
    status: GoalStatus
    progress: int
    updated: dt.date | None  # the session that last reported on it, if any


def cadence_days(program: Program, files: PairRecord) -> int:
    agreed = files.needs_analysis.meeting_cadence if files.needs_analysis else None
    return (agreed or program.cadence).days


def last_session(files: PairRecord, today: dt.date) -> SessionRecord | None:
    for _, session in reversed(files.sessions):  # date order: usually the very last one
        if session.date <= today:
            return session
    return None


def next_meeting(files: PairRecord) -> tuple[dt.date, dt.time | None] | None:
    """The next meeting agreed at the latest session, if one was agreed."""
    if not files.sessions:
        return None
    latest = files.sessions[-1][1]
    if latest.next_meeting is None:
        return None
    return latest.next_meeting, latest.next_meeting_time


def window_end(files: PairRecord, today: dt.date) -> dt.date:
    ended = files.relationship.ended
    return min(today, ended) if ended else today


def expected_sessions(program: Program, files: PairRecord, start: dt.date, end: dt.date) -> int:
    if end < start:
        return 0
    return (end - start).days // cadence_days(program, files)


def quiet_days(files: PairRecord, today: dt.date) -> int | None:
    """Days since the last session (or since the start); None for a pair not started."""
    last = last_session(files, today)
    since = last.date if last else files.relationship.started
    return None if since is None else (today - since).days


def overdue_by(program: Program, files: PairRecord, today: dt.date) -> int | None:
    """Days past cadence + grace without a session, for an active pair; None if not overdue."""
    if files.relationship.status is not RelationshipStatus.ACTIVE:
        return None
    quiet = quiet_days(files, today)
    if quiet is None:
        return None
    late = quiet - cadence_days(program, files) - program.grace_days
    return late if late > 0 else None


def goal_states(
    goals: Goals | None, sessions: list[tuple[str, SessionRecord]], until: dt.date | None = None
) -> dict[str, GoalState]:
    """Each goal's status and progress as of `until`, by the toolkit's latest-session rule
    (models/pair.py `goal_progress`), with the date a session last reported on it."""
    if goals is None:
        return {}
    from mentorkit.models.pair import goal_progress

    held = [s for _, s in sessions if until is None or s.date <= until]
    updated: dict[str, dt.date] = {}
    for session in held:
        for item in session.progress:
            updated[item.goal] = max(session.date, updated.get(item.goal, session.date))
    now = goal_progress(goals.goals, held)
    return {g.id: GoalState(g, *now[g.id], updated.get(g.id)) for g in goals.goals}


def overdue_actions(files: PairRecord, today: dt.date) -> list[Action]:
    """Open actions (planned or in progress) whose date has passed."""
    plan = files.action_plan
    if plan is None:
        return []
    return [a for a in plan.actions if a.status.is_open and a.date < today]


def milestones(program: Program, files: PairRecord, today: dt.date) -> MilestoneState:
    """Where the pair is in its life and which milestone is next (toolkit.milestones)."""
    return milestone_state(program, files.relationship, [s for _, s in files.sessions],
                           files.goals, files.evaluations, cadence_days(program, files), today)
