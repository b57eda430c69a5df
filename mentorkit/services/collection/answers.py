"""Answers as people type them into a form: "45 min", "1 hour", "In progress", "Monthly",
"Yes", "4", "11/20/2026", "Email, Phone" — turned into the toolkit's values.

Each parser raises InvalidInput with a plain message; the caller adds the row and column.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from enum import StrEnum
from typing import TypeVar

from mentorkit import dates
from mentorkit.errors import InvalidInput, quoted
from mentorkit.limits import LENGTH_CHARS
from mentorkit.vocab import (
    Achieved,
    Cadence,
    GoalStatus,
    MeetingAsAgreed,
    MeetingKind,
    MeetingMode,
    Owner,
)

E = TypeVar("E", bound=StrEnum)


def fold(text: str) -> str:
    """'In-progress ' -> 'in progress': how answers and titles are compared."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.casefold()).split())


# -- durations -------------------------------------------------------------------------------
_UNIT = r"(h|hr|hrs|hour|hours|m|min|mins|minute|minutes)"
_PART = re.compile(rf"(\d+(?:[.,]\d+)?)\s*{_UNIT}\b\.?")
_WORDS = {"half an hour": 30, "an hour": 60, "one hour": 60, "an hour and a half": 90,
          "hour and a half": 90, "quarter of an hour": 15}


def minutes(text: str) -> int:
    """'45', '45 min', '1 hour', '1.5 hours', '1h30', '1 hr 15 mins', 'an hour' -> minutes."""
    said = " ".join(text.casefold().split()).strip(". ")
    if len(said) > LENGTH_CHARS:  # (a 400-digit number of hours is infinity)
        raise InvalidInput(f"{quoted(text)} is not a length of time; write it like 45 min "
                           "or 1 hour")
    if said in _WORDS:
        return _WORDS[said]
    if re.fullmatch(r"\d+(?:[.,]\d+)?", said):
        return round(float(said.replace(",", ".")))
    compact = re.fullmatch(r"(\d+)\s*h\s*(\d{1,2})", said)  # 1h30
    if compact:
        return int(compact.group(1)) * 60 + int(compact.group(2))
    total, rest = 0.0, said
    for number, unit in _PART.findall(said):
        value = float(number.replace(",", "."))
        total += value * 60 if unit.startswith("h") else value
        rest = rest.replace(number, "", 1)
    leftover = _PART.sub("", said).replace("and", "").strip(" ,.")
    if total <= 0 or leftover:
        raise InvalidInput(f"{text!r} is not a length of time; write it like 45 min or 1 hour")
    return round(total)


# -- choices ---------------------------------------------------------------------------------
# Words people use (and the Forms choices) for each value, folded.
SYNONYMS: dict[type[StrEnum], dict[str, str]] = {
    GoalStatus: {"not started": "not-started", "in progress": "in-progress",
                 "started": "in-progress", "ongoing": "in-progress", "underway": "in-progress",
                 "achieved": "achieved", "done": "achieved", "complete": "achieved",
                 "completed": "achieved", "met": "achieved", "revised": "revised",
                 "changed": "revised", "dropped": "dropped", "abandoned": "dropped"},
    MeetingMode: {"in person": "in-person", "face to face": "in-person",
                  "video call": "video", "video": "video", "teams": "video", "zoom": "video",
                  "phone": "phone", "phone call": "phone", "telephone": "phone",
                  "chat or messages": "chat", "chat": "chat", "messages": "chat",
                  "text": "chat"},
    MeetingKind: {"first meeting": "first", "first": "first", "regular meeting": "regular",
                  "regular": "regular", "final meeting": "final", "final": "final",
                  "last": "final", "last meeting": "final"},
    Cadence: {"every week": "weekly", "weekly": "weekly", "every two weeks": "fortnightly",
              "fortnightly": "fortnightly", "biweekly": "fortnightly", "monthly": "monthly",
              "every month": "monthly", "once a month": "monthly",
              "every two months": "bimonthly", "bimonthly": "bimonthly"},
    Achieved: {"yes": "yes", "partly": "partly", "partially": "partly", "partial": "partly",
               "somewhat": "partly", "no": "no", "not yet": "no"},
    MeetingAsAgreed: {"yes as agreed": "yes", "yes": "yes", "as agreed": "yes",
                      "less often than agreed": "less-often", "less often": "less-often",
                      "sometimes": "less-often", "we are not meeting": "not-meeting",
                      "not meeting": "not-meeting", "no": "not-meeting"},
    Owner: {"mentor": "mentor", "mentee": "mentee", "both": "both", "both of us": "both"},
}


def choice(kind: type[E], text: str) -> E:
    """A value of `kind` from the words on a form ('In progress', 'Monthly', 'Video call')."""
    said = fold(text)
    words = SYNONYMS.get(kind, {})
    value = words.get(said) or next((m.value for m in kind if fold(m.value) == said), None)
    if value is None:
        shown = sorted({k for k in words} or {m.value for m in kind})
        raise InvalidInput(f"{text!r} is not one of the choices ({', '.join(shown)})")
    return kind(value)


def yes_no(text: str) -> bool:
    said = fold(text)
    if said in {"yes", "y", "true", "1", "yes please"}:
        return True
    if said in {"no", "n", "false", "0", "no thanks", "no thank you"}:
        return False
    raise InvalidInput(f"{text!r} is not Yes or No")


def number(text: str, low: int, high: int) -> int:
    """A rating: '4', '4 - Good', '4.0' -> 4, within low-high."""
    match = re.match(r"\s*(\d{1,9})(?:\.0+)?\b", text)  # (int() refuses 4,300 digits)
    if match is None or not low <= int(match.group(1)) <= high:
        raise InvalidInput(f"{quoted(text)} is not a number from {low} to {high}")
    return int(match.group(1))


def checkboxes(text: str, choices: Sequence[str]) -> list[str]:
    """Ticked boxes as Forms export them: Google joins with ', ', Microsoft with ';' and a
    trailing ';'. A choice that holds a comma stays whole; an 'Other' answer is kept."""
    if ";" in text:
        return [p.strip() for p in text.split(";") if p.strip()]
    found: list[str] = []
    rest = text
    for option in sorted(choices, key=len, reverse=True):  # longest first: "Teams or video"
        if re.search(rf"(^|,\s*){re.escape(option)}(\s*,|$)", rest):
            found.append(option)
            rest = re.sub(rf"(^|,\s*){re.escape(option)}(?=\s*,|$)", "", rest, count=1)
    found.sort(key=lambda o: text.find(o))
    return found + [p.strip() for p in rest.split(",") if p.strip()]


def lines(text: str) -> list[str]:
    """A paragraph answer as a list: one item a line (bullets and numbering dropped)."""
    out = []
    for line in text.splitlines():
        item = re.sub(r"^\s*(?:[-*•]|\d+[.)])\s+", "", line).strip()
        if item:
            out.append(item)
    return out


# -- dates (read by mentorkit/dates.py, the one date parser) ----------------------------------
MONTH_FIRST, DAY_FIRST = dates.MONTH_FIRST, dates.DAY_FIRST
date_order = dates.date_order
order_key = dates.order_key


def day(text: str, order: str | None = None) -> dt.date:
    """A date as typed or exported (see dates.form_date)."""
    try:
        return dates.form_date(text, order)
    except dates.DateError as exc:
        raise InvalidInput(str(exc), _date_hint(exc)) from None


def timestamp(text: str, order: str | None = MONTH_FIRST) -> dt.datetime:
    """When a response was submitted (see dates.timestamp)."""
    try:
        return dates.timestamp(text, order)
    except dates.DateError as exc:
        raise InvalidInput(str(exc), _date_hint(exc)) from None


def _date_hint(exc: dates.DateError) -> str | None:
    if isinstance(exc, dates.AmbiguousDate):
        return "Give --date-order month-first (as US forms write) or day-first."
    return None


# -- agreed actions, one a line -------------------------------------------------------------
_DATE_IN_LINE = re.compile(
    r"(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})(?!\d)|"
    r"\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{4}|[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})"
)


def action_line(text: str, order: str | None) -> dict[str, object]:
    """'Shadow the charge nurse by 12/3/2026 (mentor, goal 2)' -> an agreed action."""
    found = _DATE_IN_LINE.search(text)
    if found is None:
        raise InvalidInput(f"{text!r}: give the date it is due, like 12/3/2026")
    due = day(found.group(1), order)
    rest = (text[: found.start()] + " " + text[found.end():]).strip()
    action: dict[str, object] = {"date": due}
    goal = re.search(r"\b(?:goal\s*|g)(\d)\b", rest, flags=re.IGNORECASE)
    if goal:
        action["goal"] = f"g{goal.group(1)}"
        rest = rest[: goal.start()] + rest[goal.end():]
    owner = re.search(r"\b(mentor|mentee|both of us|both)\b", rest, flags=re.IGNORECASE)
    if owner:
        action["owner"] = choice(Owner, owner.group(1))
        rest = rest[: owner.start()] + rest[owner.end():]
    rest = re.sub(r"\(\s*[,;]?\s*\)", "", rest)
    rest = re.sub(r"\s*\b(by|before|on|due)\s*$", "", rest.strip(" ,;-—–()"), flags=re.I)
    description = " ".join(rest.strip(" ,;-—–()").split())
    if not description:
        raise InvalidInput(f"{text!r}: say what will be done")
    action["description"] = description
    return action


def issue_line(text: str) -> dict[str, str]:
    """'Hard to find time - meet before handover' -> issue and possible solution."""
    issue, solution = text, ""
    parts = re.split(r"\s+[-—–]\s+", text, maxsplit=1)
    if len(parts) == 2:
        issue, solution = parts
    return {"issue": issue.strip() or text, "possible_solution": solution.strip()}
