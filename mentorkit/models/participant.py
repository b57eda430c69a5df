"""participants/<id>.yaml: one person, who may be mentor, mentee or both."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, field_validator

from mentorkit.limits import MAX_YEARS_EXPERIENCE
from mentorkit.models.base import EmailAddress, FileModel, Text, TextList, empty_list
from mentorkit.models.training import Completion, unique_completions
from mentorkit.vocab import Availability, MeetingMode, Role, Status


class Participant(FileModel):
    KIND = "participant"

    kind: Literal["participant"] = "participant"
    name: Text = Field(min_length=1, max_length=200)
    email: EmailAddress
    role: Role
    job_title: Text = ""
    department: Text = ""
    site: Text = ""
    years_experience: float = Field(default=0, ge=0, le=MAX_YEARS_EXPERIENCE)
    manager: str | None = None  # a participant id or an email address
    can_help_with: TextList = Field(default_factory=empty_list)
    wants_help_with: TextList = Field(default_factory=empty_list)
    career_goals: TextList = Field(default_factory=empty_list)
    interests: TextList = Field(default_factory=empty_list)
    languages: TextList = Field(default_factory=empty_list)
    meeting_modes: list[MeetingMode] = Field(default_factory=empty_list)
    availability: list[Availability] = Field(default_factory=empty_list)
    # ids, emails or full names; read as ids (services/enrolment/preferences.py)
    preferred_mentors: TextList = Field(default_factory=empty_list)
    capacity: int | None = Field(default=None, ge=0, le=50)  # None: the program's default
    status: Status = Status.ACTIVE
    # the day `status` (paused or withdrawn) took effect; before it the person was active,
    # as `--as-of` shows them (`participants edit --status ... --date`)
    status_since: dt.date | None = None
    seeking: bool = False  # completed a relationship and asks to be matched again
    joined: dt.date | None = None
    notes: str = ""
    # False: `notify` sends this person nothing (and says so); unset means on
    notifications: bool | None = None
    # trainings completed (models/training.py); `mentorkit training record` adds them
    training: Annotated[list[Completion], AfterValidator(unique_completions)] = Field(
        default_factory=empty_list)

    @property
    def wants_messages(self) -> bool:
        return self.notifications is not False

    @field_validator("manager")
    @classmethod
    def _tidy_manager(cls, value: str | None) -> str | None:
        value = (value or "").strip().lower()
        return value or None

    @field_validator("meeting_modes", "availability")
    @classmethod
    def _unique(cls, values: list[MeetingMode] | list[Availability]) -> list[Any]:
        return list(dict.fromkeys(values))

    def mentor_capacity(self, default: int) -> int:
        if not self.role.mentors:
            return 0
        return default if self.capacity is None else self.capacity
