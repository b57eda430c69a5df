"""What the outcomes commands and the report's Outcomes section return.

None of them holds a row of the roster: counts, shares, months and file names only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, ClassVar

from mentorkit.models.base import plain

HORIZONS = (6, 12)  # months after hire
MENTEES, COLLEAGUES = "mentees", "colleagues"


@dataclass
class RosterSummary:
    """`outcomes import` (what was, or would be, kept) and `outcomes show`."""

    JSON_KIND: ClassVar[str] = "roster-summary"  # the --json envelope (render/envelope.py)

    action: str  # imported, would-import, shown, none
    source: str
    imported: dt.datetime | None
    rows: int  # people on the roster (rows with an email)
    ignored: int  # rows without an email: nobody can tell whether they took part
    matched: int  # rows whose email is a participant's
    mentees: int  # of those, mentees in a relationship that has started
    file: str  # where the roster is kept, inside the program folder
    columns: dict[str, str] = field(default_factory=dict)  # export header -> what it fills
    not_kept: list[str] = field(default_factory=list)  # columns read past and never stored
    replaced: dt.datetime | None = None  # when the roster it replaced was imported

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = plain(self, json=True)
        return data


@dataclass
class RetentionFigure:
    """One group at one horizon. `stayed`, `rate` and the interval are None when the
    group is too small to show (`withheld` says why, in words)."""

    months: int
    group: str  # mentees or colleagues
    countable: int  # hired at least `months` before the as-of date
    stayed: int | None
    left: int | None
    rate: float | None
    low: float | None  # 95 % Wilson interval
    high: float | None
    withheld: str | None = None


@dataclass
class Outcomes:
    """The report's Outcomes section: retention of mentees against colleagues."""

    roster_imported: dt.datetime | None
    roster_source: str
    min_group_size: int
    mentees: int = 0  # mentees who took part (a started relationship) by the as-of date
    mentees_on_roster: int = 0
    colleagues: int = 0  # on the roster, never enrolled, hired in the window
    window_from: str | None = None  # YYYY-MM: the months the mentees were hired in
    window_to: str | None = None
    figures: list[RetentionFigure] = field(default_factory=list)
    not_shown: str | None = None  # why there are no figures at all (no roster, ...)
