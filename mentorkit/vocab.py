"""The program's controlled vocabularies.

Kept free of pydantic and yaml so the CLI can use them in option types without
slowing down `mentorkit --help`.
"""

from __future__ import annotations

import re
from enum import StrEnum

# What people write for a choice, beyond its own value in any case and spelling (US or
# British, spaces, underscores or hyphens): per enum, a spoken form -> the value.
SYNONYMS: dict[str, dict[str, str]] = {
    "Cadence": {
        "every-week": "weekly", "once-a-week": "weekly", "each-week": "weekly",
        "biweekly": "fortnightly", "bi-weekly": "fortnightly", "fortnight": "fortnightly",
        "every-two-weeks": "fortnightly", "every-2-weeks": "fortnightly",
        "every-other-week": "fortnightly", "every-fortnight": "fortnightly",
        "once-a-fortnight": "fortnightly", "twice-a-month": "twice-monthly",
        "semimonthly": "twice-monthly", "semi-monthly": "twice-monthly",
        "two-times-a-month": "twice-monthly", "2-times-a-month": "twice-monthly",
        "twice-per-month": "twice-monthly", "every-month": "monthly",
        "once-a-month": "monthly", "each-month": "monthly", "every-two-months": "bimonthly",
        "every-2-months": "bimonthly", "every-other-month": "bimonthly",
        "bi-monthly": "bimonthly", "every-three-months": "quarterly",
        "every-3-months": "quarterly", "every-quarter": "quarterly",
        "once-a-quarter": "quarterly",
    },
    "MeetingMode": {"in-person": "in-person", "face-to-face": "in-person",
                    "person": "in-person", "onsite": "in-person", "on-site": "in-person",
                    "video-call": "video", "videocall": "video", "teams": "video",
                    "ms-teams": "video", "zoom": "video", "online": "video",
                    "virtual": "video", "phone-call": "phone", "telephone": "phone",
                    "call": "phone", "text": "chat", "messaging": "chat",
                    "instant-message": "chat", "im": "chat"},
    "Role": {"mentor-and-mentee": "both", "mentee-and-mentor": "both",
             "mentor-mentee": "both"},
    "Status": {"on-hold": "paused", "on-leave": "paused", "pause": "paused",
               "inactive": "paused", "withdraw": "withdrawn", "left": "withdrawn",
               "dropped-out": "withdrawn"},
    "MentorFunction": {"socialisation": "professional-socialisation",
                       "career": "career-development", "career-advice": "career-development",
                       "network": "networking", "feedback-and-reflection": "feedback",
                       "coach": "coaching", "emotional-support": "support",
                       "psychosocial-support": "support"},
    "RelationshipStatus": {"proposal": "proposed", "pending": "requested",
                           "request": "requested", "open": "active", "complete": "completed",
                           "finished": "completed", "ended": "ended-early",
                           "early": "ended-early", "refused": "declined"},
    "Milestone": {"first": "first-meeting", "goals": "goals-agreed", "midpoint": "mid-point",
                  "middle": "mid-point", "half-way": "mid-point", "halfway": "mid-point",
                  "final": "final-meeting", "last-meeting": "final-meeting"},
    "Availability": {"mornings": "weekday-morning", "morning": "weekday-morning",
                     "afternoon": "weekday-afternoon", "evening": "weekday-evening",
                     "weekends": "weekend", "nights": "night-shift", "night": "night-shift",
                     "night-shifts": "night-shift", "nocturnal": "night-shift"},
    "GoalStatus": {"not-yet-started": "not-started", "to-do": "not-started",
                   "todo": "not-started", "started": "in-progress",
                   "ongoing": "in-progress", "underway": "in-progress",
                   "done": "achieved", "met": "achieved", "completed": "achieved",
                   "complete": "achieved", "reached": "achieved", "changed": "revised",
                   "abandoned": "dropped", "cancelled": "dropped", "canceled": "dropped"},
    "ActionStatus": {"to-do": "planned", "todo": "planned", "not-started": "planned",
                     "started": "in-progress", "ongoing": "in-progress",
                     "completed": "done", "complete": "done", "finished": "done",
                     "canceled": "cancelled", "dropped": "cancelled"},
    "Owner": {"mentor-and-mentee": "both", "mentee-and-mentor": "both", "us-both": "both",
              "both-of-us": "both", "together": "both"},
    "MeetingKind": {"first-meeting": "first", "initial": "first",
                    "regular-meeting": "regular", "follow-up": "regular",
                    "ordinary": "regular", "final-meeting": "final", "last": "final",
                    "closing": "final"},
    "Achieved": {"partially": "partly", "partial": "partly", "partly-achieved": "partly",
                 "partially-achieved": "partly", "y": "yes", "achieved": "yes",
                 "n": "no", "not-achieved": "no"},
    "Respondent": {"the-mentor": "mentor", "the-mentee": "mentee"},
}
_US = ((r"ization\b", "isation"), (r"izing\b", "ising"), (r"ize\b", "ise"))


def spoken_key(text: str) -> str:
    """A choice as typed, reduced to the form the values take: `In progress` is
    `in-progress`, `Professional Socialization` is `professional-socialisation`."""
    key = re.sub(r"[\s_/]+", "-", text.strip().strip(".!?'\"").casefold())
    key = re.sub(r"-*&-*", "-and-", key)
    for us, british in _US:
        key = re.sub(us, british, key)
    return key


class Choice(StrEnum):
    """A controlled vocabulary that accepts what people write (see SYNONYMS)."""

    @classmethod
    def _missing_(cls, value: object) -> Choice | None:
        if not isinstance(value, str):
            return None
        key = spoken_key(value)
        words = SYNONYMS.get(cls.__name__, {})
        # a plural names the same choice in a filter: --role mentors, --status "Paused ones"
        for typed in (key, key[:-1] if key.endswith("s") else key):
            typed = words.get(typed, typed)
            for member in cls:
                if member.value == typed:
                    return member
        return None


class Role(Choice):
    MENTOR = "mentor"
    MENTEE = "mentee"
    BOTH = "both"

    @property
    def mentors(self) -> bool:
        return self in (Role.MENTOR, Role.BOTH)

    @property
    def mentees(self) -> bool:
        return self in (Role.MENTEE, Role.BOTH)

    def takes(self, side: str) -> bool:
        """Whether this role may be on `side` ('mentor' or 'mentee') of a pair."""
        return self.mentors if side == "mentor" else self.mentees


class Status(Choice):
    """A participant's enrolment status."""

    ACTIVE = "active"
    PAUSED = "paused"
    WITHDRAWN = "withdrawn"


class MeetingMode(Choice):
    IN_PERSON = "in-person"
    VIDEO = "video"
    PHONE = "phone"
    CHAT = "chat"


class Cadence(Choice):
    """How often a pair meets. Also accepted: biweekly, every two weeks (fortnightly);
    twice a month, semimonthly (twice-monthly); every two months (bimonthly: every two
    months, not twice a month); every three months (quarterly)."""

    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    TWICE_MONTHLY = "twice-monthly"
    MONTHLY = "monthly"
    BIMONTHLY = "bimonthly"
    QUARTERLY = "quarterly"

    @property
    def days(self) -> int:
        return {"weekly": 7, "fortnightly": 14, "twice-monthly": 15, "monthly": 30,
                "bimonthly": 61, "quarterly": 91}[self.value]

    @property
    def words(self) -> str:
        """What it means, in words (bimonthly is the one people read two ways)."""
        return {"weekly": "every week", "fortnightly": "every two weeks",
                "twice-monthly": "twice a month", "monthly": "every month",
                "bimonthly": "every two months", "quarterly": "every three months"}[self.value]

    @property
    def label(self) -> str:
        """The value, with its meaning where the word alone leaves doubt: "monthly",
        "fortnightly (every two weeks)", "bimonthly (every two months)"."""
        if self.words.split()[-1] in self.value:  # every week, every month, twice a month
            return self.value
        return f"{self.value} ({self.words})"


class MentorFunction(Choice):
    """What a mentor does for a mentee (the six mentor functions)."""

    PROFESSIONAL_SOCIALISATION = "professional-socialisation"
    CAREER_DEVELOPMENT = "career-development"
    NETWORKING = "networking"
    FEEDBACK = "feedback"
    COACHING = "coaching"
    SUPPORT = "support"


class SamePreference(Choice):
    """Whether matching should favour the same or a different department/site."""

    SAME = "same"
    DIFFERENT = "different"
    ANY = "any"


class RelationshipStatus(Choice):
    PROPOSED = "proposed"
    ACTIVE = "active"
    COMPLETED = "completed"
    ENDED_EARLY = "ended-early"
    REQUESTED = "requested"  # a mentee asked for this mentor; no answer yet
    DECLINED = "declined"  # the mentor said no

    @property
    def is_open(self) -> bool:
        return self in (RelationshipStatus.PROPOSED, RelationshipStatus.ACTIVE)

    @property
    def is_match(self) -> bool:
        """A pair that was matched (not a request still waiting, or declined)."""
        return self not in (RelationshipStatus.REQUESTED, RelationshipStatus.DECLINED)

    @property
    def is_closed(self) -> bool:
        return self in (RelationshipStatus.COMPLETED, RelationshipStatus.ENDED_EARLY)


class Milestone(Choice):
    """The steps of a relationship's life, in order (services/toolkit/milestones.py)."""

    MATCHED = "matched"
    FIRST_MEETING = "first-meeting"
    GOALS_AGREED = "goals-agreed"
    MIDPOINT = "mid-point"
    FINAL_MEETING = "final-meeting"
    EVALUATED = "evaluated"
    CLOSED = "closed"


class Availability(Choice):
    """Coarse time slots people tick on a sign-up form."""

    WEEKDAY_MORNING = "weekday-morning"
    WEEKDAY_AFTERNOON = "weekday-afternoon"
    WEEKDAY_EVENING = "weekday-evening"
    WEEKEND = "weekend"
    NIGHT_SHIFT = "night-shift"


class GoalStatus(Choice):
    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    ACHIEVED = "achieved"
    REVISED = "revised"
    DROPPED = "dropped"

    @property
    def counts_as_active(self) -> bool:
        """Dropped goals stay on file (sessions refer to them) but free a goal slot."""
        return self is not GoalStatus.DROPPED


class ActionStatus(Choice):
    PLANNED = "planned"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    CANCELLED = "cancelled"

    @property
    def is_open(self) -> bool:
        return self in (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)


class Owner(Choice):
    MENTOR = "mentor"
    MENTEE = "mentee"
    BOTH = "both"


class MeetingKind(Choice):
    FIRST = "first"
    REGULAR = "regular"
    FINAL = "final"


class Achieved(Choice):
    YES = "yes"
    PARTLY = "partly"
    NO = "no"


class Respondent(Choice):
    MENTOR = "mentor"
    MENTEE = "mentee"


class MeetingAsAgreed(StrEnum):
    """A check-in's first question: are you meeting as agreed?"""

    YES = "yes"
    LESS_OFTEN = "less-often"
    NOT_MEETING = "not-meeting"


class Security(StrEnum):
    """How `notify --send` talks to the mail server."""

    STARTTLS = "starttls"  # port 587: plain connect, then upgrade (Exchange Online, Gmail)
    SSL = "ssl"  # port 465: TLS from the first byte
    NONE = "none"  # an internal relay that takes mail in clear, on a trusted network

    @property
    def default_port(self) -> int:
        return {"starttls": 587, "ssl": 465, "none": 25}[self.value]
