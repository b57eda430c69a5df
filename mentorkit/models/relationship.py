"""relationships/<mentor>--<mentee>/relationship.yaml: one pair and its life."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import ClassVar, Literal

from pydantic import Field, model_validator

from mentorkit.models.base import FileModel, Model, ParticipantId, Text, empty_list
from mentorkit.vocab import RelationshipStatus


class MatchMethod(StrEnum):
    OPTIMAL = "optimal"  # chosen by `mentorkit match`
    SUGGESTED = "suggested"  # picked from `match suggest`
    MANUAL = "manual"  # the coordinator's `mentorkit pair`


class MatchRecord(Model):
    method: MatchMethod = MatchMethod.OPTIMAL
    score: float | None = Field(default=None, ge=0, le=100)
    reasons: list[str] = Field(default_factory=empty_list)
    forced_reason: Text | None = None  # why a hard constraint was overridden
    overridden: list[str] = Field(default_factory=empty_list)  # which constraints


class ClosureKind(StrEnum):
    COMPLETED = "completed"
    ENDED_EARLY = "ended-early"
    REMATCHED = "rematched"


class Closure(Model):
    date: dt.date
    kind: ClosureKind
    reason: Text = Field(min_length=1)
    missing: list[str] = Field(default_factory=empty_list)  # forms missing at closure
    missing_reason: Text | None = None


class RequestRecord(Model):
    """A mentee's request for this mentor (`mentorkit request`) and the answer."""

    requested: dt.date
    expires: dt.date  # unanswered after this day, it no longer holds the mentor's place
    answered: dt.date | None = None  # accepted or declined
    decline_reason: Text | None = None


class Event(Model):
    date: dt.date
    event: Text
    note: Text | None = None
    # on a close: its closure's `missing` and `missing_reason`, so that `--as-of` a day
    # before a later reopen still shows them (the closure itself is gone by then); older
    # files' close events have neither
    missing: list[str] | None = None
    missing_reason: Text | None = None


class Relationship(FileModel):
    KIND = "relationship"
    FILE: ClassVar[str] = "relationship.yaml"  # in relationships/<id>/

    kind: Literal["relationship"] = "relationship"
    mentor: ParticipantId
    mentee: ParticipantId
    status: RelationshipStatus = RelationshipStatus.PROPOSED
    created: dt.date
    started: dt.date | None = None
    ended: dt.date | None = None
    match: MatchRecord = Field(default_factory=MatchRecord)
    closure: Closure | None = None
    request: RequestRecord | None = None
    history: list[Event] = Field(default_factory=empty_list)

    @property
    def id(self) -> str:
        return pair_id(self.mentor, self.mentee)

    @property
    def matched_on(self) -> dt.date:
        """The day the pair was matched: a request's acceptance, else its creation."""
        if self.request is not None and self.request.answered is not None:
            return self.request.answered
        return self.created

    def pending_request(self, today: dt.date) -> bool:
        """A request with no answer that has not expired: it holds the mentor's place."""
        return (self.status is RelationshipStatus.REQUESTED and self.request is not None
                and today <= self.request.expires)

    def expired_request(self, today: dt.date) -> bool:
        return (self.status is RelationshipStatus.REQUESTED and self.request is not None
                and today > self.request.expires)

    @model_validator(mode="after")
    def _consistent(self) -> Relationship:
        if self.mentor == self.mentee:
            raise ValueError("mentor and mentee must be different people")
        if self.started and self.started < self.created:
            raise ValueError("started: cannot be before created")
        if self.ended and self.started and self.ended < self.started:
            raise ValueError("ended: cannot be before started")
        return self


def pair_id(mentor: str, mentee: str) -> str:
    return f"{mentor}--{mentee}"
