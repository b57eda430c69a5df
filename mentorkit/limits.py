"""Rules that both the models (what a file may hold) and the command line (options and
prompts, which check as people type) state, written once here.

Standard library only: command modules read these when --help builds their options.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple


class Bounds(NamedTuple):
    low: int
    high: int


SESSION_MINUTES = Bounds(5, 480)  # one session record's length
MEETING_MINUTES = Bounds(10, 240)  # the usual meeting length a pair or a program plans
RATING = Bounds(1, 5)  # an evaluation's ratings
RECOMMEND = Bounds(0, 10)  # how likely someone is to recommend the program


def next_meeting_ok(session: dt.date, next_meeting: dt.date) -> bool:
    """The next meeting agreed at a session comes after that session."""
    return next_meeting > session
