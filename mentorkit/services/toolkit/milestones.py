"""A relationship's milestones, and which one a pair is late for.

    matched -> first meeting -> goals agreed -> mid-point -> final meeting -> evaluated -> closed

A pair has reached a milestone when it has reached every one before it and:
- matched:        the relationship exists (made by `match --apply`, `pair` or an accepted
                  request);
- first meeting:  a session is logged, or the pair was started by hand (`start`);
- goals agreed:   goals.yaml holds at least one goal;
- mid-point:      a session held on or after the half-way day (the first meeting plus
                  `midpoint` of the way to the program's end date);
- final meeting:  a session logged as the final meeting;
- evaluated:      both the mentor and the mentee have evaluated;
- closed:         the relationship is closed (a closed pair has nothing more due, even if
                  it closed early; `due` lists the evaluations it still lacks).

The next milestone is due (program.yaml `milestones`, defaults in brackets):
first meeting `first_meeting_days` [21] after the match; goals `goals_days` [0] after the
first meeting; the mid-point review by the half-way day plus the pair's cadence; the
final meeting `final_meeting_days` [0] after the program's end date; evaluations and the
close `wrap_up_days` [14] after the final meeting. A pair is late when today is after
that day. Everything is worked out from what the caller passes: pass the pair as it
stood on the day (services/asof.py) to ask "as of" a day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from mentorkit.models.program import Program
from mentorkit.models.relationship import Relationship
from mentorkit.models.toolkit import Goals, SessionRecord
from mentorkit.vocab import MeetingKind, Milestone, Respondent

ORDER = list(Milestone)
WORDS = {
    Milestone.MATCHED: "matched",
    Milestone.FIRST_MEETING: "first meeting",
    Milestone.GOALS_AGREED: "goals agreed",
    Milestone.MIDPOINT: "mid-point review",
    Milestone.FINAL_MEETING: "final meeting",
    Milestone.EVALUATED: "both evaluations",
    Milestone.CLOSED: "closed",
}


@dataclass(frozen=True)
class MilestoneState:
    reached: Milestone  # the furthest milestone reached in order
    next: Milestone | None  # None: closed
    due: dt.date | None  # by when `next` is due
    days_late: int  # 0 when not late
    first_meeting: dt.date | None
    midpoint_day: dt.date | None  # the half-way day, once the pair has met

    @property
    def late(self) -> bool:
        return self.days_late > 0


def words(milestone: Milestone | None) -> str:
    return "" if milestone is None else WORDS[milestone]


def milestone_state(
    program: Program,
    relationship: Relationship,
    sessions: Sequence[SessionRecord],
    goals: Goals | None,
    evaluations: Collection[Respondent],
    cadence_days: int,
    today: dt.date,
) -> MilestoneState:
    settings = program.milestones
    met = min((s.date for s in sessions), default=None)
    first = min([d for d in (relationship.started, met) if d is not None], default=None)
    end = program.end_date if first is None else max(program.end_date, first)
    midpoint = None if first is None else first + (end - first) * settings.midpoint
    final = min((s.date for s in sessions if s.meeting is MeetingKind.FINAL), default=None)
    reached = {
        Milestone.MATCHED: True,
        Milestone.FIRST_MEETING: first is not None,
        Milestone.GOALS_AGREED: bool(goals and goals.goals),
        Milestone.MIDPOINT: midpoint is not None and any(s.date >= midpoint for s in sessions),
        Milestone.FINAL_MEETING: final is not None,
        Milestone.EVALUATED: all(who in evaluations for who in Respondent),
        Milestone.CLOSED: relationship.status.is_closed,
    }
    if reached[Milestone.CLOSED]:
        return MilestoneState(Milestone.CLOSED, None, None, 0, first, midpoint)
    furthest = Milestone.MATCHED
    for milestone in ORDER[1:]:
        if not reached[milestone]:
            break
        furthest = milestone
    following = ORDER[ORDER.index(furthest) + 1]
    days = dt.timedelta
    due = {
        Milestone.FIRST_MEETING: relationship.matched_on + days(settings.first_meeting_days),
        Milestone.GOALS_AGREED: (first or today) + days(settings.goals_days),
        Milestone.MIDPOINT: (midpoint or today) + days(cadence_days),
        Milestone.FINAL_MEETING: end + days(settings.final_meeting_days),
        Milestone.EVALUATED: (final or end) + days(settings.wrap_up_days),
        Milestone.CLOSED: (final or end) + days(settings.wrap_up_days),
    }[following]
    return MilestoneState(furthest, following, due, max(0, (today - due).days), first,
                          midpoint)


def days_to_first_meeting(relationship: Relationship, state: MilestoneState) -> int | None:
    if state.first_meeting is None:
        return None
    return max(0, (state.first_meeting - relationship.matched_on).days)
