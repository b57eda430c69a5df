"""participants/<id>.yaml: one person, who may be mentor, mentee or both."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, field_validator, model_validator

from mentorkit.limits import YEARS
from mentorkit.models.base import EmailAddress, FileModel, Model, Text, TextList, empty_list
from mentorkit.models.training import Completion, unique_completions
from mentorkit.vocab import Availability, MeetingMode, Role, Status


class StatusChange(Model):
    date: dt.date
    status: Status


class Participant(FileModel):
    KIND = "participant"

    kind: Literal["participant"] = "participant"
    name: Text = Field(min_length=1, max_length=200)
    email: EmailAddress
    role: Role
    job_title: Text = ""
    department: Text = ""
    site: Text = ""
    years_experience: float = Field(default=0, ge=YEARS.low, le=YEARS.high)
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
    # each change of status and the day it took effect (`participants edit --status ...
    # --date`), oldest first, so that `--as-of` shows the status of that day: active before
    # the first; `status` is the one since the last (with none, on every day); None
    # rather than empty, so that the files of people never paused do not carry it
    status_changes: list[StatusChange] | None = None
    seeking: bool = False  # completed a relationship and asks to be matched again
    joined: dt.date | None = None
    notes: str = ""
    # False: `notify` sends this person nothing (and says so); unset means on
    notifications: bool | None = None
    # trainings completed (models/training.py); `mentorkit training record` adds them
    training: Annotated[list[Completion], AfterValidator(unique_completions)] = Field(
        default_factory=empty_list)

    @model_validator(mode="before")
    @classmethod
    def _since_as_a_change(cls, data: Any) -> Any:
        """Files written before `status_changes` kept one day, `status_since`: the day
        the status took effect."""
        if isinstance(data, dict) and "status_since" in data:
            data = dict(data)
            since = data.pop("status_since")
            if since is not None and not data.get("status_changes"):
                data["status_changes"] = [{"date": since,
                                           "status": data.get("status", Status.ACTIVE)}]
        return data

    @field_validator("status_changes")
    @classmethod
    def _in_date_order(cls, changes: list[StatusChange] | None) -> list[StatusChange] | None:
        for before, after in itertools.pairwise(changes or []):
            if after.date <= before.date:
                raise ValueError(f"{after.date} is listed after {before.date}: list the "
                                 "changes oldest first, one a day")
        return changes

    def changed_after(self, day: dt.date) -> bool:
        """A change of status took effect after `day`."""
        changes = self.status_changes
        return changes is not None and bool(changes) and changes[-1].date > day

    def status_on(self, day: dt.date) -> Status:
        """The status the person had on `day`."""
        if not self.changed_after(day):
            return self.status
        earlier = [c.status for c in self.status_changes or [] if c.date <= day]
        return earlier[-1] if earlier else Status.ACTIVE

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
