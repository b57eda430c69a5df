"""The program report's result types and their JSON form (see report.py).

The JSON shape is versioned by REPORT_VERSION and documented in the README's Reports
section: add fields freely, bump the version when one is renamed or removed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from mentorkit.models.base import plain
from mentorkit.models.toolkit import ProgramRatings, RelationshipRatings
from mentorkit.services.collection.schedule import RelationshipHealth
from mentorkit.services.outcomes.results import Outcomes
from mentorkit.services.recognition.milestones import MilestonesReached

if TYPE_CHECKING:
    from mentorkit.services.events.attendance import EventAttendance

REPORT_VERSION = 1
RATING_ITEMS: list[tuple[str, str]] = [
    *((f"program.{n}", n) for n in ProgramRatings.model_fields),
    *((f"relationship.{n}", n) for n in RelationshipRatings.model_fields),
]
NO_FUNCTION = "unspecified"


# -- result types ----------------------------------------------------------------------------
@dataclass
class Scope:
    program: str
    as_of: dt.date
    since: dt.date | None
    until: dt.date | None
    department: str | None
    cadence: str
    grace_days: int


@dataclass
class Unmatched:
    id: str
    name: str
    department: str
    reason: str


@dataclass
class MentorCapacity:
    id: str
    name: str
    status: str
    capacity: int
    used: int
    free: int
    over: int = 0  # used beyond capacity (paired with --force): capacity - used = free - over


@dataclass
class Enrolment:
    participants: int
    by_role: dict[str, int]
    by_department: dict[str, int]
    by_site: dict[str, int]
    by_status: dict[str, int]
    active_mentees: int
    matched_mentees: int
    match_rate: float | None  # matched / active mentees (paired, met or not)
    unmatched: list[Unmatched]
    mentor_capacity: int  # active mentors' total capacity
    mentor_used: int
    mentor_free: int
    mentors: list[MentorCapacity]
    # added in v1: mentees in a pair that has met at least once; met_rate is the match
    # rate that counts only pairs that met (match_rate counts pairs on paper)
    met_mentees: int = 0
    met_rate: float | None = None
    # added in v1: places used beyond active mentors' capacity (pairs made with --force);
    # mentor_capacity = mentor_used - mentor_over + mentor_free
    mentor_over: int = 0


@dataclass
class PairRow:
    """One pair's key figures (also the CSV's row)."""

    pair: str
    mentor: str
    mentor_name: str
    mentee: str
    mentee_name: str
    department: str
    status: str
    started: dt.date | None
    ended: dt.date | None
    cadence_days: int
    sessions_held: int
    sessions_expected: int
    on_cadence: bool | None  # None: not started
    last_meeting: dt.date | None
    next_meeting: dt.date | None
    days_since_meeting: int | None
    at_risk: bool
    hours: float
    goals_set: int
    goals_achieved: int
    actions_done: int
    actions_overdue: int
    evaluations: int
    # added in v1: the pair's milestones (services/toolkit/milestones.py)
    milestone: str = "matched"  # the furthest reached
    next_milestone: str | None = None  # None once closed
    next_milestone_due: dt.date | None = None
    milestone_days_late: int = 0  # past next_milestone_due; 0 when not late
    days_to_first_meeting: int | None = None  # from the match; None: not met yet
    check_ins: int = 0  # check-in answers received (both sides)
    check_in_flags: str = ""  # why the latest check-in needs the coordinator


@dataclass
class Engagement:
    pairs_started: int
    pairs_on_cadence: int
    on_cadence_share: float | None
    sessions_held: int
    sessions_expected: int
    at_risk: list[str]  # pair ids
    hours: float
    pairs: list[PairRow]


@dataclass
class GoalSummary:
    set: int
    by_status: dict[str, int]
    by_function: dict[str, dict[str, int]]  # function -> {set, achieved, in-progress, ...}
    actions: int
    actions_done: int
    actions_open: int
    actions_overdue: int
    actions_cancelled: int


@dataclass
class RatingMean:
    item: str
    mean: float | None
    responses: int


@dataclass
class EvaluationSummary:
    closed_pairs: int
    expected: int
    received: int
    response_rate: float | None
    ratings: list[RatingMean]
    goals_reported: dict[str, int]  # achieved yes / partly / no, as the evaluations say
    recommend_responses: int
    promoters: int
    passives: int
    detractors: int
    nps: float | None
    closures_by_kind: dict[str, int]
    closure_reasons: dict[str, int]


@dataclass
class LateMilestone:
    pair: str
    reached: str
    milestone: str  # the one it is late for
    due: dt.date
    days_late: int


@dataclass
class Lifecycle:
    by_status: dict[str, int]
    completed: int
    average_length_days: float | None
    # added in v1: milestones (services/toolkit/milestones.py)
    by_milestone: dict[str, int] = field(default_factory=dict)  # furthest reached
    median_days_to_first_meeting: float | None = None  # pairs that met: match to meeting
    never_met: int = 0  # open pairs with no meeting yet
    late_for_milestone: list[LateMilestone] = field(default_factory=list)
    # added in v1: mentee requests (`mentorkit request`): pending, accepted, declined, expired
    requests: dict[str, int] = field(default_factory=dict)


# -- training (built by services/programs/training_figures.py) ---------------------
@dataclass
class CourseCompletion:
    training: str
    role: str  # whom it is for: mentor, mentee or everyone
    expected: int  # active participants it is for
    completed: int
    share: float | None


@dataclass
class RoleCompletion:
    role: str  # as enrolled: mentor, mentee or both
    people: int
    completed_all: int  # every training of their role
    share: float | None


@dataclass
class TrainingFigures:
    by_role: list[RoleCompletion]
    by_training: list[CourseCompletion]
    mentors_must_complete: bool
    mentors_held_back: int  # active mentors the matching rule holds back (0 when off)


@dataclass
class ProgramReport:
    JSON_KIND: ClassVar[str] = "program-report"  # the --json envelope (render/envelope.py)
    JSON_VERSION: ClassVar[int] = REPORT_VERSION

    scope: Scope
    enrolment: Enrolment
    engagement: Engagement
    goals: GoalSummary
    evaluation: EvaluationSummary
    lifecycle: Lifecycle
    health: RelationshipHealth | None = None  # from the pulse check-ins
    training: TrainingFigures | None = None  # None: program.yaml names no training
    outcomes: Outcomes | None = None  # HR retention (services/outcomes/retention.py)
    # added in v1: first meetings, goals achieved, completions (services/recognition)
    milestones: MilestonesReached | None = None
    events: EventAttendance | None = None  # group events (services/events/); None: none

    def to_json(self) -> dict[str, Any]:
        data = plain(self, json=True)
        return {"report_version": REPORT_VERSION, **data}
