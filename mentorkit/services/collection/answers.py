"""Answers as people type them into a form: "45 min", "1 hour", "In progress", "Monthly",
"Yes", "4", "11/20/2026", "Email, Phone" — turned into the toolkit's values.

Each parser raises InvalidInput with a plain message; the caller adds the row and column.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import TypeVar

from mentorkit.errors import InvalidInput
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
    match = re.match(r"\s*(\d+)(?:\.0+)?\b", text)
    if match is None or not low <= int(match.group(1)) <= high:
        raise InvalidInput(f"{text!r} is not a number from {low} to {high}")
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


# -- dates -------------------------------------------------------------------------------
MONTH_FIRST, DAY_FIRST = "month-first", "day-first"
_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_NUMERIC = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?!\d)")
_TIME = r"(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*([AaPp][Mm])?"
_ZONE = r"(?:\s*(?:GMT|UTC)\s*([+-]\d{1,2})(?::?(\d{2}))?|\s*(?:GMT|UTC|Z))?"


def date_order(texts: Iterable[str]) -> str | None:
    """The order an export writes dates in, from any date in it that can only be read one
    way (11/20/2026 is month first, 20/11/2026 day first); None if none says."""
    for text in texts:
        match = _NUMERIC.search(text)
        if match and not _ISO.search(text):
            first, second = int(match.group(1)), int(match.group(2))
            if first > 12 >= second:
                return DAY_FIRST
            if second > 12 >= first:
                return MONTH_FIRST
    return None


def day(text: str, order: str | None = None) -> dt.date:
    """A date as typed or exported: 2026-11-20, 2026/11/20, 11/20/2026 (month first when
    the order is known or the day is over 12), 20 Nov 2026, Nov 20, 2026."""
    said = " ".join(text.split())
    iso = _ISO.match(said)
    if iso:
        return _real(said, int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    numeric = _NUMERIC.match(said)
    if numeric:
        first, second, year = (int(g) for g in numeric.groups())
        year += 2000 if year < 100 else 0
        if first > 12 or (order == DAY_FIRST and second <= 12):
            first, second = second, first
        elif second <= 12 and first != second and order is None:
            names = ["", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                     "Nov", "Dec"]
            raise InvalidInput(
                f"{text!r} could be {second} {names[first]} or {first} {names[second]}",
                "Give --date-order month-first (as US forms write) or day-first.",
            )
        return _real(said, year, first, second)
    named = re.match(r"(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})|([A-Za-z]{3,9})\.?\s+"
                     r"(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", said)
    if named:
        d, m, y = (named.group(1), named.group(2), named.group(3)) if named.group(1) else (
            named.group(5), named.group(4), named.group(6))
        month = _MONTHS.get(m[:3].casefold())
        if month:
            return _real(said, int(y), month, int(d))
    raise InvalidInput(f"{text!r} is not a date; write it like 2026-11-20 or 11/20/2026")


def _real(text: str, year: int, month: int, day_: int) -> dt.date:
    try:
        return dt.date(year, month, day_)
    except ValueError:
        raise InvalidInput(f"{text!r} is not a real date") from None


def timestamp(text: str, order: str | None = MONTH_FIRST) -> dt.datetime:
    """When a response was submitted, as exports write it: Google's
    `2026/11/20 9:14:03 AM GMT-5`, Microsoft's `11/20/2026 9:14:03` (or an XLSX date and
    time, read as `2026-11-20 09:14:03`). Zone-less times are taken as local."""
    said = " ".join(text.split())
    match = re.fullmatch(rf"(.+?)[ T]{_TIME}{_ZONE}", said)
    if match is None:
        return dt.datetime.combine(day(said, order), dt.time(0))
    date_part, hour, minute, second, ampm, zone_h, zone_m = match.groups()
    h = int(hour)
    if ampm:
        if not 1 <= h <= 12:
            raise InvalidInput(f"{text!r} is not a time of day")
        h = h % 12 + (12 if ampm.casefold() == "pm" else 0)
    try:
        at = dt.time(h, int(minute), int(second or 0))
    except ValueError:
        raise InvalidInput(f"{text!r} is not a time of day") from None
    zone = None
    if zone_h is not None:
        offset = int(zone_h) * 60 + (int(zone_m or 0) * (1 if int(zone_h) >= 0 else -1))
        zone = dt.timezone(dt.timedelta(minutes=offset))
    elif re.search(r"(GMT|UTC|Z)$", said):
        zone = dt.UTC
    return dt.datetime.combine(day(date_part, order), at, tzinfo=zone)


def order_key(moment: dt.datetime) -> dt.datetime:
    """Submission times compared: zoned ones in UTC, the rest as they are."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


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
