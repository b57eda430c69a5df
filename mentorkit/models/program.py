"""program.yaml: the program's purpose, shape and matching settings."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from mentorkit.limits import MEETING_MINUTES, YEARS
from mentorkit.models.base import (
    FileModel,
    Minutes,
    Model,
    ParticipantId,
    Text,
    TextList,
    empty_list,
)
from mentorkit.models.library import Resource
from mentorkit.models.messages import MessageSettings
from mentorkit.models.outcomes import OutcomeSettings
from mentorkit.models.training import TrainingSettings
from mentorkit.vocab import Cadence, MentorFunction, SamePreference

DEFAULT_CONFIDENTIALITY = (
    "What is said between mentor and mentee stays between them. Session notes, issues "
    "and learnings are private to the pair; the program coordinator sees only dates, "
    "counts and goal progress. Either side may raise a concern about safety, patient "
    "care or misconduct through the usual channels."
)


# A weight says how much one feature counts against the others: 100 times another is
# already all that counts. Bounded (and finite, as every number: models/base.py) so that
# a score summed over ten weights stays a number the solver can take.
MAX_WEIGHT = 100
Weight = Annotated[float, Field(ge=0, le=MAX_WEIGHT)]
Years = Annotated[float, Field(ge=YEARS.low, le=YEARS.high)]


class MatchWeights(Model):
    """How much each compatibility feature counts; each feature scores 0 to 1.

    The defaults put what the mentor offers against what the mentee wants first,
    then the experience gap and shared career goals, then the practicalities.
    """

    expertise: Weight = 4.0  # mentor offers what the mentee wants
    experience_gap: Weight = 2.0  # a moderate gap beats a huge one
    career_goals: Weight = 2.0
    interests: Weight = 1.0
    language: Weight = 1.0
    meeting_mode: Weight = 1.0
    availability: Weight = 1.0
    department: Weight = 0.5
    site: Weight = 0.5
    preference: Weight = 2.0  # the mentee asked for this mentor

    @model_validator(mode="after")
    def _some_weight(self) -> MatchWeights:
        if not any(getattr(self, name) > 0 for name in type(self).model_fields):
            raise ValueError("at least one weight must be above 0")
        return self


class PairRef(Model):
    mentor: ParticipantId
    mentee: ParticipantId
    reason: Text | None = None


class MatchingSettings(Model):
    min_mentor_years: Years = 5.0
    ideal_gap_years: tuple[Years, Years] = (3.0, 10.0)
    department: SamePreference = SamePreference.ANY
    site: SamePreference = SamePreference.SAME
    weights: MatchWeights = Field(default_factory=MatchWeights)
    exclusions: list[PairRef] = Field(default_factory=empty_list)
    exclusions_file: str | None = None  # a CSV (mentor,mentee[,reason]) inside the folder
    pinned: list[PairRef] = Field(default_factory=empty_list)
    request_expiry_days: int = Field(default=14, ge=1, le=90)  # unanswered requests expire

    @field_validator("ideal_gap_years")
    @classmethod
    def _ordered_gap(cls, value: tuple[float, float]) -> tuple[float, float]:
        low, high = value
        if low < 0 or high < low:
            raise ValueError("give two numbers, smallest first, both at least 0")
        return value

    @field_validator("exclusions_file")
    @classmethod
    def _inside_folder(cls, value: str | None) -> str | None:
        if value is not None and (value.startswith(("/", "\\")) or ".." in value.split("/")):
            raise ValueError("must be a path inside the program folder")
        return value


class CheckInSettings(Model):
    """Pulse check-ins: the first some days after a relationship starts, then regularly
    until it ends (Mentorloop asks at 30 days, then every 60)."""

    first_after_days: int = Field(default=30, ge=1, le=365)
    every_days: int = Field(default=60, ge=7, le=365)
    form_link: Text = ""  # the check-in form's link, for the `check-in` invitation


class CollectPrivate(Model):
    """Which forms may collect the pair's private reflections (issues, learnings, hopes,
    evaluation comments) from Forms or a workbook. Off by default: the coordinator, who
    runs the export, would see text the pair was promised stays between them."""

    session: bool = False
    evaluation: bool = False
    needs_analysis: bool = False


class MilestoneSettings(Model):
    """By when each milestone of a relationship is due (services/toolkit/milestones.py)."""

    first_meeting_days: int = Field(default=21, ge=0, le=365)  # after the match
    goals_days: int = Field(default=0, ge=0, le=365)  # after the first meeting: at it
    midpoint: float = Field(default=0.5, gt=0, lt=1)  # share of the way to the end date
    final_meeting_days: int = Field(default=0, ge=0, le=365)  # after the end date
    wrap_up_days: int = Field(default=14, ge=0, le=365)  # evaluate and close after the final


class CalendarSettings(Model):
    """`mentorkit calendar`: who organises the meetings it exports (the coordinator)."""

    organizer: str | None = Field(default=None, min_length=3, max_length=254)  # an email
    organizer_name: Text = ""

    @field_validator("organizer")
    @classmethod
    def _an_email(cls, value: str | None) -> str | None:
        if value is not None and ("@" not in value or any(c.isspace() for c in value)):
            raise ValueError("give the coordinator's email address, e.g. coord@example.org")
        return value


class Program(FileModel):
    KIND = "program"

    kind: Literal["program"] = "program"
    name: Text = Field(min_length=1)
    organisation: Text = ""
    description: Text = ""
    objectives: TextList = Field(default_factory=empty_list)
    start_date: dt.date
    duration_months: int = Field(default=6, ge=1, le=60)
    cadence: Cadence = Cadence.MONTHLY
    session_minutes: Minutes = Field(
        default=45, ge=MEETING_MINUTES.low, le=MEETING_MINUTES.high
    )
    focus_areas: list[MentorFunction] = Field(default_factory=lambda: list(MentorFunction))
    confidentiality: Text = DEFAULT_CONFIDENTIALITY
    default_mentor_capacity: int = Field(default=2, ge=1, le=50)
    grace_days: int = Field(default=14, ge=0, le=365)  # late before a pair counts as at risk
    matching: MatchingSettings = Field(default_factory=MatchingSettings)
    check_ins: CheckInSettings = Field(default_factory=CheckInSettings)
    collect_private: CollectPrivate = Field(default_factory=CollectPrivate)
    milestones: MilestoneSettings = Field(default_factory=MilestoneSettings)
    messages: MessageSettings | None = None  # `notify`; unset: the defaults, nothing sent
    # IANA name (America/Chicago, Europe/London) of the program's wall clock: meeting times
    # are read in it. Unset: the zone of the computer that exports the calendar.
    time_zone: str | None = None
    calendar: CalendarSettings = Field(default_factory=CalendarSettings)
    training: TrainingSettings | None = None  # models/training.py; unset: none asked
    resources: list[Resource] | None = None  # models/library.py; unset: none
    outcomes: OutcomeSettings = Field(default_factory=OutcomeSettings)  # HR retention figures

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        if value is None:
            return None
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"{value!r} is not an IANA time zone name "
                             "(e.g. America/New_York, Europe/London)") from None
        return value

    @property
    def message_settings(self) -> MessageSettings:
        return self.messages or MessageSettings()

    @property
    def end_date(self) -> dt.date:
        month = self.start_date.month - 1 + self.duration_months
        year = self.start_date.year + month // 12
        month = month % 12 + 1
        day = min(self.start_date.day, _days_in_month(year, month))
        return dt.date(year, month, day)


def _days_in_month(year: int, month: int) -> int:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day
