"""Tidying answers typed into forms and sign-up sheets."""

from __future__ import annotations

import re
from collections.abc import Iterable
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


def split_answers(value: str, known: Iterable[str] = ()) -> list[str]:
    """'Leadership; QI projects, research' -> ['Leadership', 'QI projects', 'research'].

    `known`: choices that hold a comma themselves ("Leadership, staffing and scheduling",
    as a Google Forms export joins ticked boxes with ', '). Each is kept whole, in its
    known spelling, where it stands between separators; the rest is split as above."""
    found: list[tuple[int, str]] = []
    rest = value
    for option in sorted({k for k in known if _SPLIT.search(k)}, key=len, reverse=True):
        words = r"\s+".join(re.escape(w) for w in option.split())
        pattern = re.compile(rf"(?:^|(?<=[;,\n]))\s*{words}\s*(?=[;,\n]|$)", re.IGNORECASE)
        for match in pattern.finditer(rest):
            found.append((match.start(), option))
        # blanked out, same length: the positions of what follows stay the same
        rest = pattern.sub(lambda m: "\0" * len(m.group()), rest)
    parts, start = [], 0
    for separator in [*_SPLIT.finditer(rest), None]:
        end = separator.start() if separator else len(rest)
        parts.append((start, " ".join(rest[start:end].replace("\0", " ").split())))
        start = separator.end() if separator else end
    return [text for _, text in sorted([*found, *parts]) if text]


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


# "a mentor" as what someone asks for: wanting one is being a mentee
_ASKS_FOR_A_MENTOR = re.compile(
    r"\b(?:want|wants|like|looking for|look for|get|need|find|have|receive|seek|seeking)"
    r"\s+(?:a|an|one|my own)\s+mentor\b")


def parse_role(value: str) -> Role:
    text = " ".join(value.casefold().replace("\u2019", "'").split()).strip(" .!")
    text = _without_notes(text).strip(" .!") or text  # "Mentee (I want a mentor)"
    for role, words in _ROLE_WORDS.items():
        if text in words:
            return role
    text = _ASKS_FOR_A_MENTOR.sub("mentee", text)
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
