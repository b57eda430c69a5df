"""The program's controlled vocabularies.

Kept free of pydantic and yaml so the CLI can use them in option types without
slowing down `mentorkit --help`.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    MENTOR = "mentor"
    MENTEE = "mentee"
    BOTH = "both"

    @property
    def mentors(self) -> bool:
        return self in (Role.MENTOR, Role.BOTH)

    @property
    def mentees(self) -> bool:
        return self in (Role.MENTEE, Role.BOTH)


class Status(StrEnum):
    """A participant's enrolment status."""

    ACTIVE = "active"
    PAUSED = "paused"
    WITHDRAWN = "withdrawn"


class MeetingMode(StrEnum):
    IN_PERSON = "in-person"
    VIDEO = "video"
    PHONE = "phone"
    CHAT = "chat"


class Cadence(StrEnum):
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    MONTHLY = "monthly"
    BIMONTHLY = "bimonthly"

    @property
    def days(self) -> int:
        return {"weekly": 7, "fortnightly": 14, "monthly": 30, "bimonthly": 61}[self.value]


class MentorFunction(StrEnum):
    """What a mentor does for a mentee (the six mentor functions)."""

    PROFESSIONAL_SOCIALISATION = "professional-socialisation"
    CAREER_DEVELOPMENT = "career-development"
    NETWORKING = "networking"
    FEEDBACK = "feedback"
    COACHING = "coaching"
    SUPPORT = "support"


class SamePreference(StrEnum):
    """Whether matching should favour the same or a different department/site."""

    SAME = "same"
    DIFFERENT = "different"
    ANY = "any"


class RelationshipStatus(StrEnum):
    PROPOSED = "proposed"
    ACTIVE = "active"
    COMPLETED = "completed"
    ENDED_EARLY = "ended-early"

    @property
    def is_open(self) -> bool:
        return self in (RelationshipStatus.PROPOSED, RelationshipStatus.ACTIVE)


class Availability(StrEnum):
    """Coarse time slots people tick on a sign-up form."""

    WEEKDAY_MORNING = "weekday-morning"
    WEEKDAY_AFTERNOON = "weekday-afternoon"
    WEEKDAY_EVENING = "weekday-evening"
    WEEKEND = "weekend"
    NIGHT_SHIFT = "night-shift"


class GoalStatus(StrEnum):
    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    ACHIEVED = "achieved"
    REVISED = "revised"
    DROPPED = "dropped"

    @property
    def counts_as_active(self) -> bool:
        """Dropped goals stay on file (sessions refer to them) but free a goal slot."""
        return self is not GoalStatus.DROPPED


class ActionStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    CANCELLED = "cancelled"

    @property
    def is_open(self) -> bool:
        return self in (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)


class Owner(StrEnum):
    MENTOR = "mentor"
    MENTEE = "mentee"
    BOTH = "both"


class MeetingKind(StrEnum):
    FIRST = "first"
    REGULAR = "regular"
    FINAL = "final"


class Achieved(StrEnum):
    YES = "yes"
    PARTLY = "partly"
    NO = "no"


class Respondent(StrEnum):
    MENTOR = "mentor"
    MENTEE = "mentee"


class Security(StrEnum):
    """How `notify --send` talks to the mail server."""

    STARTTLS = "starttls"  # port 587: plain connect, then upgrade (Exchange Online, Gmail)
    SSL = "ssl"  # port 465: TLS from the first byte
    NONE = "none"  # an internal relay that takes mail in clear, on a trusted network

    @property
    def default_port(self) -> int:
        return {"starttls": 587, "ssl": 465, "none": 25}[self.value]
