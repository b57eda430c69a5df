"""Milestones reached, for the program report: first meetings, goals achieved, completions.

Counts, and the most recent ones with their pair and day, for "recognise achievements and
milestones": names of people and pair ids, never a goal's text or anything private. Built
on the program as it stood on the report's day (report.py narrows it with
services/asof.py first), and, with --since/--until, only what happened in the window.

The day of each:
- first meeting: the relationship's start or its first session, whichever is earlier;
- goal achieved: the latest session that reported it achieved (a goal marked achieved in
  goals.yaml with no session saying so is counted, but has no day to list it under);
- completion: the day the relationship was closed as completed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from mentorkit.models.pair import PairRecord
from mentorkit.vocab import GoalStatus, RelationshipStatus

RECENT = 10  # how many of the latest milestones the report lists
FIRST_MEETING, GOAL_ACHIEVED, COMPLETED = "first meeting", "goal achieved", "completed"


@dataclass
class ReachedMilestone:
    date: dt.date
    milestone: str  # first meeting, goal achieved, completed
    pair: str
    mentor_name: str
    mentee_name: str
    count: int = 1  # goals a pair achieved on the same day are one row


@dataclass
class MilestonesReached:
    first_meetings: int
    goals_achieved: int
    completions: int
    recent: list[ReachedMilestone] = field(default_factory=list)  # newest first


def reached(
    pairs: dict[str, PairRecord], names: dict[str, str],
    since: dt.date | None = None, until: dt.date | None = None,
) -> MilestonesReached:
    """The milestones `pairs` reached (as they stand), in the window when one is given."""

    def inside(day: dt.date | None) -> bool:
        return day is None or ((since is None or day >= since)
                               and (until is None or day <= until))

    counts = {FIRST_MEETING: 0, GOAL_ACHIEVED: 0, COMPLETED: 0}
    dated: dict[tuple[dt.date, str, str], ReachedMilestone] = {}
    for pair, files in pairs.items():
        rel = files.relationship
        mentor, mentee = names.get(rel.mentor, rel.mentor), names.get(rel.mentee, rel.mentee)
        for milestone, day in _milestones(files):
            if not inside(day) or (day is None and (since or until)):
                continue
            counts[milestone] += 1
            if day is None:
                continue
            row = dated.setdefault((day, milestone, pair),
                                   ReachedMilestone(day, milestone, pair, mentor, mentee, 0))
            row.count += 1
    order = {COMPLETED: 0, GOAL_ACHIEVED: 1, FIRST_MEETING: 2}
    latest = sorted(dated.values(),
                    key=lambda m: (-m.date.toordinal(), order[m.milestone], m.pair))
    return MilestonesReached(counts[FIRST_MEETING], counts[GOAL_ACHIEVED], counts[COMPLETED],
                             latest[:RECENT])


def _milestones(files: PairRecord) -> list[tuple[str, dt.date | None]]:
    rel = files.relationship
    if not rel.status.is_match:  # a request waiting, or declined: not a pair
        return []
    found: list[tuple[str, dt.date | None]] = []
    first = min([d for d in (rel.started, *(s.date for s in files.records)) if d], default=None)
    if first is not None:
        found.append((FIRST_MEETING, first))
    said_achieved: dict[str, dt.date] = {}
    for session in files.records:  # in order: the latest report wins
        for report in session.progress:
            if report.status is GoalStatus.ACHIEVED:
                said_achieved[report.goal] = session.date
    for goal in files.current_goals():
        if goal.status is GoalStatus.ACHIEVED:
            found.append((GOAL_ACHIEVED, said_achieved.get(goal.id)))
    if rel.status is RelationshipStatus.COMPLETED:
        found.append((COMPLETED, rel.closure.date if rel.closure else rel.ended))
    return found
