"""The mentoring toolkit's forms (Tools 1–6), one file each in a relationship's folder.

    needs-analysis.yaml      Tool 1  NeedsAnalysis
    goals.yaml               Tool 2  Goals (at most five active goals)
    action-plan.yaml         Tool 3  ActionPlan
    sessions/<date>[-n].yaml Tool 4  SessionRecord (one per meeting)
    evaluation-mentor.yaml   Tool 5  Evaluation (respondent: mentor)
    evaluation-mentee.yaml   Tool 5  Evaluation (respondent: mentee)
    partnership-ideas.yaml   Tool 6  PartnershipIdeas

Rules that need one file only live here; rules across files (a session may only report
on goals that exist, dates against the relationship) live in the toolkit service.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar, Literal

from pydantic import AfterValidator, Field, field_validator, model_validator

from mentorkit.limits import (
    MEETING_MINUTES,
    RATING,
    RECOMMEND,
    SESSION_MINUTES,
    next_meeting_ok,
)
from mentorkit.models.base import FileModel, Minutes, Model, Text, TextList, empty_list
from mentorkit.vocab import (
    Achieved,
    ActionStatus,
    Cadence,
    GoalStatus,
    MeetingKind,
    MeetingMode,
    MentorFunction,
    Owner,
    Respondent,
)

MAX_ACTIVE_GOALS = 5


def _check_item_id(value: str) -> str:
    # Every character a letter, a digit or a hyphen (str.isalnum over the rest: run for
    # each of tens of thousands of items on every load, so no per-character loop).
    bare = value.replace("-", "")
    if not value or len(value) > 40 or (bare and not bare.isalnum()):
        raise ValueError(f"{value!r} is not a valid id (letters, digits and hyphens, like g1)")
    return value.lower()


def _refuse_repeats(rule: str, ids: list[str]) -> None:
    if len(set(ids)) == len(ids):
        return
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise ValueError(f"{rule}; repeated: {', '.join(repeated)}")


ItemId = Annotated[str, AfterValidator(_check_item_id)]
Rating = Annotated[int, Field(ge=RATING.low, le=RATING.high)]
Percent = Annotated[int, Field(ge=0, le=100)]


# -- Tool 1 ------------------------------------------------------------------------------
class NeedsAnalysis(FileModel):
    """First meeting: what the mentee wants, what each side hopes for and brings."""

    KIND = "needs-analysis"
    FILE: ClassVar[str] = "needs-analysis.yaml"

    kind: Literal["needs-analysis"] = "needs-analysis"
    date: dt.date
    wants_to_accomplish: Text = Field(min_length=1)  # what the mentee most wants
    interests_and_skills: TextList = Field(default_factory=empty_list)
    current_issues: TextList = Field(default_factory=empty_list)  # issues faced at work now
    mentee_hopes: Text = ""
    mentor_hopes: Text = ""
    mentee_brings: Text = ""
    mentor_brings: Text = ""
    communication: TextList = Field(default_factory=empty_list)  # agreed ways of keeping in touch
    meeting_cadence: Cadence | None = None
    meeting_minutes: Minutes | None = Field(
        default=None, ge=MEETING_MINUTES.low, le=MEETING_MINUTES.high
    )
    meeting_place: Text = ""
    confidentiality_agreed: bool = False


# -- Tool 2 ------------------------------------------------------------------------------
class Goal(Model):
    id: ItemId
    statement: Text = Field(min_length=1)  # specific and realistic for the time there is
    measure: Text = ""  # how success will be measured
    target_date: dt.date | None = None
    status: GoalStatus = GoalStatus.NOT_STARTED
    progress: Percent = 0
    function: MentorFunction | None = None  # the mentor function it draws on

    @model_validator(mode="after")
    def _achieved_is_complete(self) -> Goal:
        if self.status is GoalStatus.ACHIEVED and self.progress < 100:
            self.__dict__["progress"] = 100  # achieved means done; avoid contradictory data
        return self


class Goals(FileModel):
    KIND = "goals"
    FILE: ClassVar[str] = "goals.yaml"

    kind: Literal["goals"] = "goals"
    goals: list[Goal] = Field(default_factory=empty_list)

    @model_validator(mode="after")
    def _rules(self) -> Goals:
        _refuse_repeats("goal ids must be unique", [g.id for g in self.goals])
        active = [g.id for g in self.goals if g.status.counts_as_active]
        if len(active) > MAX_ACTIVE_GOALS:
            raise ValueError(
                f"{len(active)} active goals; at most {MAX_ACTIVE_GOALS} "
                "(drop or merge some: set status: dropped)"
            )
        return self

    def get(self, goal_id: str) -> Goal | None:
        return next((g for g in self.goals if g.id == goal_id), None)


# -- Tool 3 ------------------------------------------------------------------------------
class Action(Model):
    id: ItemId
    goal: ItemId | None = None  # the goal it serves
    description: Text = Field(min_length=1)
    owner: Owner = Owner.MENTEE
    date: dt.date  # scheduled for
    time: dt.time | None = None
    status: ActionStatus = ActionStatus.PLANNED
    done_date: dt.date | None = None
    from_session: str | None = None  # the session record that agreed it

    @model_validator(mode="after")
    def _done_has_date(self) -> Action:
        if self.done_date is not None and self.status is not ActionStatus.DONE:
            raise ValueError("done_date: only a done action has a done date")
        return self


class ActionPlan(FileModel):
    KIND = "action-plan"
    FILE: ClassVar[str] = "action-plan.yaml"

    kind: Literal["action-plan"] = "action-plan"
    actions: list[Action] = Field(default_factory=empty_list)

    @model_validator(mode="after")
    def _unique(self) -> ActionPlan:
        _refuse_repeats("action ids must be unique", [a.id for a in self.actions])
        return self


# -- Tool 4 ------------------------------------------------------------------------------
class GoalProgress(Model):
    goal: ItemId
    status: GoalStatus
    progress: Percent | None = None
    note: Text = ""


class IssueRecord(Model):
    issue: Text = Field(min_length=1)
    possible_solution: Text = ""


class AgreedAction(Model):
    """An action agreed in a session, due before the next meeting; it joins the action plan."""

    description: Text = Field(min_length=1)
    owner: Owner = Owner.MENTEE
    date: dt.date
    time: dt.time | None = None
    goal: ItemId | None = None


class SessionRecord(FileModel):
    KIND = "session"
    FOLDER: ClassVar[str] = "sessions"
    # Text that stays inside the pair: never in program-level reports or exports.
    PRIVATE_FIELDS: ClassVar[frozenset[str]] = frozenset({"issues", "learnings", "private_notes"})

    kind: Literal["session"] = "session"
    date: dt.date
    time: dt.time | None = None
    duration_minutes: Minutes = Field(ge=SESSION_MINUTES.low, le=SESSION_MINUTES.high)
    mode: MeetingMode = MeetingMode.IN_PERSON
    meeting: MeetingKind = MeetingKind.REGULAR
    progress: list[GoalProgress] = Field(default_factory=empty_list)
    issues: list[IssueRecord] = Field(default_factory=empty_list)
    learnings: TextList = Field(default_factory=empty_list)
    actions: list[AgreedAction] = Field(default_factory=empty_list)
    next_meeting: dt.date | None = None
    next_meeting_time: dt.time | None = None
    private_notes: str = ""

    @model_validator(mode="after")
    def _rules(self) -> SessionRecord:
        if self.next_meeting is not None and not next_meeting_ok(self.date, self.next_meeting):
            raise ValueError("next_meeting: the agreed next meeting must be after this session")
        if self.next_meeting_time is not None and self.next_meeting is None:
            raise ValueError("next_meeting_time: give next_meeting too")
        _refuse_repeats("progress: each goal once", [p.goal for p in self.progress])
        return self


# -- Tool 5 ------------------------------------------------------------------------------
class GoalOutcome(Model):
    goal: ItemId | None = None
    statement: Text = Field(min_length=1)
    achieved: Achieved
    why_not: Text = ""  # if not (fully) achieved, why

    @field_validator("achieved", mode="before")
    @classmethod
    def _yaml_yes_no(cls, value: object) -> object:
        # YAML reads a bare yes/no as true/false; here they mean the answers "yes"/"no"
        return {True: "yes", False: "no"}.get(value, value) if isinstance(value, bool) else value


class ProgramRatings(Model):
    goals_clear: Rating | None = None
    time_commitment_right: Rating | None = None
    match_worked: Rating | None = None


class RelationshipRatings(Model):
    met_regularly: Rating | None = None
    came_prepared: Rating | None = None
    open_and_honest: Rating | None = None
    grew: Rating | None = None


class Evaluation(FileModel):
    """Answered by mentor and mentee separately at the end."""

    KIND = "evaluation"

    kind: Literal["evaluation"] = "evaluation"
    respondent: Respondent
    date: dt.date
    goals: list[GoalOutcome] = Field(default_factory=empty_list)
    new_goals: TextList = Field(default_factory=empty_list)
    program: ProgramRatings = Field(default_factory=ProgramRatings)
    relationship: RelationshipRatings = Field(default_factory=RelationshipRatings)
    recommend: int | None = Field(default=None, ge=RECOMMEND.low, le=RECOMMEND.high)
    continue_partnership: bool | None = None
    support_needed: Text = ""
    comments: Text = ""

    @staticmethod
    def file_for(respondent: Respondent) -> str:
        return f"evaluation-{respondent.value}.yaml"


# -- Tool 6 ------------------------------------------------------------------------------
class PartnershipIdea(Model):
    idea: Text = Field(min_length=1)
    needs: TextList = Field(default_factory=empty_list)  # actions or support it needs
    date: dt.date | None = None  # scheduled for


class PartnershipIdeas(FileModel):
    KIND = "partnership-ideas"
    FILE: ClassVar[str] = "partnership-ideas.yaml"

    kind: Literal["partnership-ideas"] = "partnership-ideas"
    ideas: list[PartnershipIdea] = Field(default_factory=empty_list)
