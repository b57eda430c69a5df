"""Dates as people type them, read in one place: options (--date, --as-of, --since...),
the parts of option values ('Read|2026-03-01'), and answers to prompts.

A date is written YYYY-MM-DD; a month or day of one digit is fine (2026-3-5). Text shaped
like that which is no real date (2026-02-30) is an error, never read as something else.

To accept another way of writing dates, add a pattern to SHAPES: a regular expression
whose named groups are year, month and day. Standard library only: the command line's
--help imports this module.
"""

from __future__ import annotations

import datetime as dt
import re

HOW = "YYYY-MM-DD"  # how to write a date, for messages

# Each way a date may be written: named groups year, month, day.
SHAPES: list[re.Pattern[str]] = [
    re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"),
]


class DateError(ValueError):
    """Text that is not a date. Its message says so in plain words, naming the text but
    no option or file: the caller adds where it was and how to write one (HOW)."""

    def __init__(self, text: str, *, shaped: bool) -> None:
        self.text = text
        self.shaped = shaped  # written like a date, but no such day exists
        super().__init__(f"{text!r} is not a real date" if shaped else f"{text!r} is not a date")


def find(text: str) -> dt.date | None:
    """The date `text` is written as, or None when it is not written like a date at all.
    Raises DateError for text written like a date that is no real day."""
    text = text.strip()
    for shape in SHAPES:
        match = shape.fullmatch(text)
        if match is None:
            continue
        try:
            return dt.date(int(match["year"]), int(match["month"]), int(match["day"]))
        except ValueError:
            raise DateError(text, shaped=True) from None
    return None


def parse(text: str) -> dt.date:
    """The date `text` is written as; DateError when it is none."""
    day = find(text)
    if day is None:
        raise DateError(text.strip(), shaped=False)
    return day
