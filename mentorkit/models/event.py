"""events/<id>.yaml: one group event (a Conversation Circle, a workshop, a kick-off),
who is invited and who came.

Invitees are kept as the coordinator chose them (everyone, a role, a department, named
people or pairs) and worked out from the participants when needed, so someone who
enrols later is invited to an "everyone" event too. Attendance is kept by person: a
pair that came together is two entries, each naming the pair.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BeforeValidator, Field, field_validator, model_validator

from mentorkit.models.base import (
    FileModel,
    Minutes,
    Model,
    ParticipantId,
    Text,
    empty_list,
    is_valid_id,
)

TIME_HOW = "write the time as HH:MM on a 24-hour clock, e.g. 12:30 or 09:00"


class EventType(StrEnum):
    CONVERSATION_CIRCLE = "conversation-circle"
    WORKSHOP = "workshop"
    KICK_OFF = "kick-off"
    NETWORKING = "networking"
    CELEBRATION = "celebration"
    OTHER = "other"

    @property
    def words(self) -> str:
        return self.value.replace("-", " ").capitalize().replace("Kick off", "Kick-off")


def _event_type(value: Any) -> Any:
    """`Conversation Circle`, `kickoff`, `Workshop` as people type them."""
    if not isinstance(value, str):
        return value
    key = re.sub(r"[\s_]+", "-", value.strip().casefold())
    return {"kickoff": "kick-off", "circle": "conversation-circle"}.get(key, key)


def _clock(value: Any) -> Any:
    """12:30, 9:00, 0930 → a time; anything else is refused with the way to write it."""
    if value is None or isinstance(value, dt.time):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        # YAML 1.1 reads an unquoted 12:30 as 750 (sexagesimal): turn it back
        value = f"{value // 60}:{value % 60:02d}"
    text = str(value).strip()
    match = re.fullmatch(r"(\d{1,2}):?(\d{2})", text)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour < 24 and minute < 60:
            return dt.time(hour, minute)
    raise ValueError(f"{text!r} is not a time; {TIME_HOW}")


Clock = Annotated[dt.time, BeforeValidator(_clock)]
PairId = Annotated[str, Field(pattern=r"^[a-z0-9-]+--[a-z0-9-]+$")]


class Invitees(Model):
    """Who is invited: the union of everything given. Nothing given at all: everyone."""

    everyone: bool = False
    roles: list[Literal["mentor", "mentee"]] = Field(default_factory=empty_list)
    departments: list[Text] = Field(default_factory=empty_list)
    people: list[ParticipantId] = Field(default_factory=empty_list)
    pairs: list[PairId] = Field(default_factory=empty_list)

    @property
    def nobody_named(self) -> bool:
        return not (self.everyone or self.roles or self.departments or self.people
                    or self.pairs)


class Attendance(Model):
    person: ParticipantId
    pair: PairId | None = None  # came together with their mentor or mentee


class Cancellation(Model):
    date: dt.date  # the day it was called off
    reason: Text = ""


class Event(FileModel):
    KIND = "event"
    FOLDER: ClassVar[str] = "events"

    kind: Literal["event"] = "event"
    id: str
    title: Text = Field(min_length=1, max_length=200)
    type: Annotated[EventType, BeforeValidator(_event_type)] = EventType.OTHER
    date: dt.date
    start: Clock | None = None  # None: an all-day event
    minutes: Minutes = Field(default=60, ge=5, le=12 * 60)
    place: Text = ""
    link: Text = ""  # a Teams or Zoom link, or a page about it
    description: Text = ""
    created: dt.date  # invitations go from this day
    invite: Invitees = Field(default_factory=Invitees)
    attended: list[Attendance] = Field(default_factory=empty_list)
    cancelled: Cancellation | None = None

    @field_validator("id")
    @classmethod
    def _an_id(cls, value: str) -> str:
        if not is_valid_id(value):
            raise ValueError(f"{value!r} is not a valid id (lower-case letters, digits and "
                             "single hyphens)")
        return value

    @model_validator(mode="after")
    def _rules(self) -> Event:
        seen = [a.person for a in self.attended]
        repeated = sorted({p for p in seen if seen.count(p) > 1})
        if repeated:
            raise ValueError(f"attended: {', '.join(repeated)} listed more than once")
        if self.cancelled is not None and self.attended:
            raise ValueError("attended: a cancelled event has no attendance")
        return self

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled is not None

    def held_by(self, day: dt.date) -> bool:
        """Took place on or before `day` (so its attendance counts as of then)."""
        return not self.is_cancelled and self.date <= day
