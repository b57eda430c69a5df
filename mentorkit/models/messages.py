"""Messages to participants: program.yaml's `messages:` block and the sent-message log.

    program.yaml            messages: from, reply_to, coordinator, smtp, timings, shareable
    messages/sent/<day>.yaml  SentLog: what `notify` delivered that day (program data)
    messages/templates/<kind>.md  the coordinator's own wording (optional)

The log is program data, not cache: deleting .mentorkit/ must never make a message go out
twice, so it lives beside the relationships and is kept in git like them.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

from pydantic import ConfigDict, Field, field_validator

from mentorkit.models.base import EmailAddress, FileModel, Model, Text, empty_list
from mentorkit.vocab import Security

# Profile fields an introduction may show the other person, and the ones it never may.
SHAREABLE_FIELDS = frozenset({
    "job_title", "department", "site", "years_experience", "can_help_with",
    "wants_help_with", "career_goals", "interests", "languages", "meeting_modes",
    "availability",
})
NEVER_SHARED = frozenset({"notes", "manager", "preferred_mentors", "capacity", "status"})
DEFAULT_SHAREABLE = [
    "job_title", "department", "site", "can_help_with", "wants_help_with", "languages",
    "meeting_modes",
]


class SmtpSettings(Model):
    """Where `notify --send` delivers. The password is never here: MENTORKIT_SMTP_PASSWORD."""

    host: Text | None = None
    port: int | None = Field(default=None, ge=1, le=65535)  # None: by security
    security: Security = Security.STARTTLS
    username: Text | None = None  # None: no login (a relay that trusts the sender's address)


class MessageSettings(Model):
    model_config = ConfigDict(validate_by_name=True, validate_by_alias=True,
                              serialize_by_alias=True)

    sender: EmailAddress | None = Field(default=None, alias="from")
    sender_name: Text = ""  # shown beside the from address; default: the program's name
    reply_to: EmailAddress | None = None  # usually the coordinator
    coordinator: EmailAddress | None = None  # gets the digest; none: no digest
    smtp: SmtpSettings = Field(default_factory=SmtpSettings)
    rate_per_minute: int = Field(default=30, ge=1, le=10_000)  # Exchange Online: 30/minute
    first_meeting_days: int = Field(default=14, ge=1, le=365)  # nudge if no first meeting
    reminder_days: int = Field(default=2, ge=0, le=30)  # before an agreed meeting
    shareable: list[str] = Field(default_factory=lambda: list(DEFAULT_SHAREABLE))
    kinds_off: list[str] = Field(default_factory=empty_list)  # kinds this program never sends

    @field_validator("shareable")
    @classmethod
    def _only_profile_fields(cls, values: list[str]) -> list[str]:
        for value in values:
            if value in NEVER_SHARED:
                raise ValueError(f"{value!r} is never shared with the other person")
            if value not in SHAREABLE_FIELDS:
                known = ", ".join(sorted(SHAREABLE_FIELDS))
                raise ValueError(f"{value!r} is not a profile field; choose from {known}")
        return list(dict.fromkeys(values))


class Via(StrEnum):
    SMTP = "smtp"
    OUTBOX = "outbox"


class SentMessage(Model):
    key: str = Field(min_length=1)  # what makes it this message: kind, pair, person, date
    kind: str
    to: str
    recipient: str  # a participant id, or "coordinator"
    pair: str | None = None
    subject: str = ""
    message_id: str
    at: dt.datetime
    via: Via


class SentLog(FileModel):
    KIND = "sent-messages"

    kind: Literal["sent-messages"] = "sent-messages"
    day: dt.date
    messages: list[SentMessage] = Field(default_factory=empty_list)
