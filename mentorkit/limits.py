"""Rules that both the models (what a file may hold) and the command line (options and
prompts, which check as people type) state, written once here.

Standard library only: command modules read these when --help builds their options.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, NamedTuple


class Bounds(NamedTuple):
    low: int
    high: int


SESSION_MINUTES = Bounds(5, 480)  # one session record's length
MEETING_MINUTES = Bounds(10, 240)  # the usual meeting length a pair or a program plans
RATING = Bounds(1, 5)  # an evaluation's ratings
RECOMMEND = Bounds(0, 10)  # how likely someone is to recommend the program
MAX_YEARS_EXPERIENCE = 70  # years in the field: a participant's, and matching's settings


def next_meeting_ok(session: dt.date, next_meeting: dt.date) -> bool:
    """The next meeting agreed at a session comes after that session."""
    return next_meeting > session


LENGTH_CHARS = 40  # no length of time people write is longer ("1 hour 30 minutes": 17)
_LENGTH = re.compile(r"(?:(\d+(?:[.,]\d+)?)\s*(?:h|hr|hrs|hour|hours))?\s*"
                     r"(?:(\d+)\s*(?:m|min|mins|minute|minutes)?)?")


def read_minutes(value: Any) -> Any:
    """A length of time as people write it, in whole minutes: 45, "45", "45 min",
    "1 hour", "1.5 hours", "1h30", "1 hr 15 mins". Anything else is returned as it came,
    for the caller to refuse (a form's int check, an option's message)."""
    if not isinstance(value, str) or len(value) > LENGTH_CHARS:
        return value  # (a 400-digit "hours" would be infinity, and int() would raise)
    text = value.strip().casefold()
    if text.isdecimal():  # (not isdigit: "²" is a digit that int() refuses)
        return int(text)
    match = _LENGTH.fullmatch(text)
    if not match or not any(match.groups()):
        return value
    hours = float((match.group(1) or "0").replace(",", "."))
    minutes = hours * 60 + int(match.group(2) or 0)
    return int(minutes) if minutes == int(minutes) else value


def minutes_within(text: str, bounds: Bounds) -> int | None:
    """`text` read as a length of time (read_minutes), if it is one within `bounds`."""
    found = read_minutes(text)
    return found if isinstance(found, int) and bounds.low <= found <= bounds.high else None


def minutes_wanted(bounds: Bounds) -> str:
    """What a length of time within `bounds` may look like, for a message."""
    return (f"a whole number from {bounds.low} to {bounds.high} minutes, "
            "or a length like 45 min, 1 hour or 1h30")
