"""Tidying answers typed into forms and sign-up sheets."""

from __future__ import annotations

import re
from typing import TypeVar

from mentorkit.errors import InvalidInput
from mentorkit.vocab import Availability, MeetingMode, Role, Status

E = TypeVar("E", Status, MeetingMode, Availability)

# A separator (comma, semicolon, newline) that is not inside brackets: forms offer
# options like "Video call (Teams, Zoom)", which stay one answer.
_SPLIT = re.compile(r"\s*[;,\n]\s*(?![^()]*\))")
_NOTE = re.compile(r"\([^()]*\)")
# What people type into a form for "nothing": read as a blank answer.
PLACEHOLDERS = {"n/a", "na", "n.a.", "none", "-", "--", "—", "–", "not applicable", "nil"}


def split_answers(value: str) -> list[str]:
    """'Leadership; QI projects, research' -> ['Leadership', 'QI projects', 'research']."""
    return [part for part in (" ".join(p.split()) for p in _SPLIT.split(value)) if part]


def is_placeholder(value: str) -> bool:
    """'N/A', 'none', '-': an answer that means the question does not apply."""
    return " ".join(value.casefold().split()) in PLACEHOLDERS


def _without_notes(text: str) -> str:
    """'video call (teams)' -> 'video call': the bracketed hint of a form option."""
    return " ".join(_NOTE.sub(" ", text).split())


_ROLE_WORDS = {
    Role.MENTOR: {"mentor", "mentors", "be a mentor", "i want to be a mentor", "give mentoring"},
    Role.MENTEE: {"mentee", "mentees", "be a mentee", "protege", "protégé", "i want a mentor",
                  "find a mentor", "receive mentoring"},
    Role.BOTH: {"both", "mentor and mentee", "mentee and mentor", "either", "mentor & mentee",
                "mentor/mentee", "mentee/mentor"},
}


def parse_role(value: str) -> Role:
    text = " ".join(value.casefold().split()).strip(" .!")
    for role, words in _ROLE_WORDS.items():
        if text in words:
            return role
    has_mentor = re.search(r"\bmentor\b", text) is not None
    has_mentee = re.search(r"\b(mentee|protege|protégé)\b", text) is not None
    if (has_mentor and has_mentee) or "both" in text:
        return Role.BOTH
    if has_mentee:
        return Role.MENTEE
    if has_mentor:
        return Role.MENTOR
    raise InvalidInput(f"{value!r} is not a role: use mentor, mentee or both")


def parse_status(value: str) -> Status:
    return _enum(Status, value, "status")


_MODE_WORDS = {
    "in person": MeetingMode.IN_PERSON, "in-person": MeetingMode.IN_PERSON,
    "face to face": MeetingMode.IN_PERSON, "face-to-face": MeetingMode.IN_PERSON,
    "onsite": MeetingMode.IN_PERSON, "on site": MeetingMode.IN_PERSON,
    "video": MeetingMode.VIDEO, "video call": MeetingMode.VIDEO, "teams": MeetingMode.VIDEO,
    "zoom": MeetingMode.VIDEO, "virtual": MeetingMode.VIDEO, "online": MeetingMode.VIDEO,
    "phone": MeetingMode.PHONE, "telephone": MeetingMode.PHONE, "phone call": MeetingMode.PHONE,
    "chat": MeetingMode.CHAT, "email": MeetingMode.CHAT, "messaging": MeetingMode.CHAT,
    "text": MeetingMode.CHAT,
}


def parse_mode(value: str) -> MeetingMode:
    text = _without_notes(value.casefold())
    for words in (text, " ".join(text.replace("/", " ").split())):
        if words in _MODE_WORDS:
            return _MODE_WORDS[words]
    return _enum(MeetingMode, text or value, "meeting mode", shown=value)


_SLOT_WORDS = {
    "mornings": Availability.WEEKDAY_MORNING, "morning": Availability.WEEKDAY_MORNING,
    "weekday mornings": Availability.WEEKDAY_MORNING,
    "afternoons": Availability.WEEKDAY_AFTERNOON, "afternoon": Availability.WEEKDAY_AFTERNOON,
    "weekday afternoons": Availability.WEEKDAY_AFTERNOON,
    "lunchtime": Availability.WEEKDAY_AFTERNOON,
    "evenings": Availability.WEEKDAY_EVENING, "evening": Availability.WEEKDAY_EVENING,
    "weekday evenings": Availability.WEEKDAY_EVENING,
    "weekends": Availability.WEEKEND, "weekend": Availability.WEEKEND,
    "nights": Availability.NIGHT_SHIFT, "night shift": Availability.NIGHT_SHIFT,
    "night": Availability.NIGHT_SHIFT, "overnight": Availability.NIGHT_SHIFT,
}


def parse_slot(value: str) -> Availability:
    text = " ".join(_without_notes(value.casefold()).replace("-", " ").split())
    if text in _SLOT_WORDS:
        return _SLOT_WORDS[text]
    return _enum(Availability, text or value, "availability", shown=value)


def _enum(kind: type[E], value: str, what: str, shown: str | None = None) -> E:
    try:
        return kind(value)  # a vocab.Choice reads any case, spelling and everyday word
    except ValueError:
        pass
    text = "-".join(value.casefold().split())
    for member in kind:
        if member.value == text:
            return member
    allowed = ", ".join(m.value for m in kind)
    raise InvalidInput(f"{shown or value!r} is not a {what}: use one of {allowed}")
