"""Dates as people type them, read in one place: options (--date, --as-of, --since...),
the parts of option values ('Read|2026-03-01'), and answers to prompts.

A date is written YYYY-MM-DD; a month or day of one digit is fine (2026-3-5). Text shaped
like that which is no real date (2026-02-30) is an error, never read as something else.

To accept another way of writing dates, add a pattern to SHAPES: a regular expression
whose named groups are year, month and day. Standard library only: the command line's
--help imports this module.

Answers collected from Microsoft and Google Forms (`mentorkit collect`) are read by
`form_date` and `timestamp` below: 11/20/2026 (month first in US forms; which way round
is known from the order the export uses, `date_order`), 2026/11/20, 20 Nov 2026, and
Google's `2026/11/20 9:14:03 AM GMT-5`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

HOW = "YYYY-MM-DD"  # how to write a date, for messages

# Each way a date may be written: named groups year, month, day.
SHAPES: list[re.Pattern[str]] = [
    re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"),
]


# The years a date typed for a program may fall in. Python's dates end at 9999: a report
# "as of" 9999-12-31 would step past the end working out what is due next.
YEARS = range(1900, 2200)


class DateError(ValueError):
    """Text that is not a date. Its message says so in plain words, naming the text but
    no option or file: the caller adds where it was and how to write one (HOW)."""

    def __init__(self, text: str, *, shaped: bool) -> None:
        self.text = text
        self.shaped = shaped  # written like a date, but no such day exists
        super().__init__(f"{text!r} is not a real date" if shaped else f"{text!r} is not a date")


class FarDate(DateError):
    """A real date, but not one of a mentoring program's years (YEARS)."""

    def __init__(self, text: str) -> None:
        ValueError.__init__(self, f"{text!r} is too far off (give a year from {YEARS.start} "
                                  f"to {YEARS.stop - 1})")
        self.text, self.shaped = text, True


def find(text: str) -> dt.date | None:
    """The date `text` is written as, or None when it is not written like a date at all.
    Raises DateError for text written like a date that is no real day."""
    text = text.strip()
    for shape in SHAPES:
        match = shape.fullmatch(text)
        if match is None:
            continue
        return _real(text, int(match["year"]), int(match["month"]), int(match["day"]))
    return None


def parse(text: str) -> dt.date:
    """The date `text` is written as; DateError when it is none."""
    day = find(text)
    if day is None:
        raise DateError(text.strip(), shaped=False)
    return day


# -- dates in form answers and exports ----------------------------------------------------------
MONTH_FIRST, DAY_FIRST = "month-first", "day-first"
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_YMD = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_NUMERIC = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?!\d)")
_NAMED = re.compile(r"(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})|([A-Za-z]{3,9})\.?\s+"
                    r"(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
_TIME = r"(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*([AaPp][Mm])?"
_ZONE = r"(?:\s*(?:GMT|UTC)\s*([+-]\d{1,2})(?::?(\d{2}))?|\s*(?:GMT|UTC|Z))?"


class AmbiguousDate(DateError):
    """3/4/2026 when nothing says whether the month or the day comes first."""

    def __init__(self, text: str, first: int, second: int) -> None:
        names = [m.capitalize() for m in MONTHS]
        ValueError.__init__(self, f"{text!r} could be {second} {names[first - 1]} or "
                                  f"{first} {names[second - 1]}")
        self.text, self.shaped = text, True


def date_order(texts: Iterable[str]) -> str | None:
    """The order an export writes dates in, from any date in it that can only be read one
    way (11/20/2026 is month first, 20/11/2026 day first); None if none says."""
    for text in texts:
        match = _NUMERIC.search(text)
        if match and not _YMD.search(text):
            first, second = int(match.group(1)), int(match.group(2))
            if first > 12 >= second:
                return DAY_FIRST
            if second > 12 >= first:
                return MONTH_FIRST
    return None


def form_date(text: str, order: str | None = None) -> dt.date:
    """A date as forms export or people type it: 2026-11-20, 2026/11/20, 11/20/2026 (month
    first when `order` says so or the day is over 12), 20 Nov 2026, Nov 20, 2026."""
    said = " ".join(text.split())
    ymd = _YMD.match(said)
    if ymd:
        return _real(said, int(ymd.group(1)), int(ymd.group(2)), int(ymd.group(3)))
    numeric = _NUMERIC.match(said)
    if numeric:
        first, second, year = (int(g) for g in numeric.groups())
        year += 2000 if year < 100 else 0
        if first > 12 or (order == DAY_FIRST and second <= 12):
            first, second = second, first
        elif second <= 12 and first != second and order is None:
            raise AmbiguousDate(text, first, second)
        return _real(said, year, first, second)
    named = _NAMED.match(said)
    if named:
        d, m, y = (named.group(1), named.group(2), named.group(3)) if named.group(1) else (
            named.group(5), named.group(4), named.group(6))
        if m[:3].casefold() in MONTHS:
            return _real(said, int(y), MONTHS.index(m[:3].casefold()) + 1, int(d))
    raise DateError(text, shaped=False)


def _real(text: str, year: int, month: int, day: int) -> dt.date:
    try:
        found = dt.date(year, month, day)
    except ValueError:
        raise DateError(text, shaped=True) from None
    if found.year not in YEARS:
        raise FarDate(text)
    return found


def timestamp(text: str, order: str | None = MONTH_FIRST) -> dt.datetime:
    """When a form was submitted, as exports write it: Google's
    `2026/11/20 9:14:03 AM GMT-5`, Microsoft's `11/20/2026 9:14:03` (or an XLSX date and
    time, read as `2026-11-20 09:14:03`). Times without a zone are taken as local."""
    said = " ".join(text.split())
    match = re.fullmatch(rf"(.+?)[ T]{_TIME}{_ZONE}", said)
    if match is None:
        return dt.datetime.combine(form_date(said, order), dt.time(0))
    date_part, hour, minute, second, ampm, zone_h, zone_m = match.groups()
    h = int(hour)
    if ampm:
        if not 1 <= h <= 12:
            raise DateError(text, shaped=True)
        h = h % 12 + (12 if ampm.casefold() == "pm" else 0)
    try:
        at = dt.time(h, int(minute), int(second or 0))
    except ValueError:
        raise DateError(text, shaped=True) from None
    zone = None
    if zone_h is not None:
        sign = -1 if zone_h.startswith("-") else 1
        zone = dt.timezone(dt.timedelta(minutes=int(zone_h) * 60 + sign * int(zone_m or 0)))
    elif re.search(r"(GMT|UTC|Z)$", said):
        zone = dt.UTC
    return dt.datetime.combine(form_date(date_part, order), at, tzinfo=zone)


def order_key(moment: dt.datetime) -> dt.datetime:
    """Submission times compared: zoned ones in UTC, the rest as they are."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


def not_in_future(
    day: dt.date, today: dt.date, what: str, who: str = "a relationship",
    option: str = "--date", hint: str | None = None,
) -> None:
    """Refuse a day after today for something that has happened ("a relationship cannot
    start on a future date"), given as `option`."""
    if day > today:
        from mentorkit.errors import InvalidInput

        raise InvalidInput(
            f"{day} is after today ({today}): {who} cannot {what} on a future date",
            hint or f"Give the day it happened, today or earlier (or leave out {option} for "
            "today).",
        )
