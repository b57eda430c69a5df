"""One sign-up answer turned into a participant field's value.

How a cell is read depends on the export: Microsoft Forms joins ticked boxes with ';'
(and a trailing ';'), so its options may hold commas; Google Forms joins them with ', ',
so an option holding a comma is recognised from the choices already known (the program's
own spellings, and `choices:` in the column map). Dates go through mentorkit/dates.py,
the one date reader, in the order the export writes them.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from mentorkit import dates
from mentorkit.errors import InvalidInput, quoted
from mentorkit.services.collection.exports import MICROSOFT
from mentorkit.services.enrolment import tidy

LIST_FIELDS = {
    "can_help_with", "wants_help_with", "career_goals", "interests", "languages",
    "meeting_modes", "availability", "preferred_mentors",
}


@dataclass
class Reading:
    """How to read the cells of one export."""

    kind: str | None = None  # exports.GOOGLE, exports.MICROSOFT, or None
    date_order: str = dates.MONTH_FIRST
    choices: dict[str, list[str]] = field(default_factory=dict)  # field -> known options

    def split(self, target: str, raw: str) -> list[str]:
        if self.kind == MICROSOFT and ";" in raw:
            return [" ".join(p.split()) for p in raw.split(";") if p.strip()]
        return tidy.split_answers(raw, self.choices.get(target, ()))


def row_fields(cells: dict[str, str], columns: dict[str, str], reading: Reading) -> dict[str, Any]:
    """One row's answers as participant fields; raises InvalidInput naming the column."""
    data: dict[str, Any] = {}
    for header, target in columns.items():
        raw = " ".join((cells.get(header) or "").split())
        if not raw or tidy.is_placeholder(raw):
            continue
        try:
            data[target] = convert(target, raw, reading)
        except InvalidInput as exc:
            raise InvalidInput(f"column {header!r} ({target}): {exc.message}") from None
    return data


def convert(target: str, raw: str, reading: Reading | None = None) -> Any:
    reading = reading or Reading()
    if target == "role":
        return tidy.parse_role(raw)
    if target == "status":
        return tidy.parse_status(raw)
    if target == "name":
        return raw.title() if raw.islower() or raw.isupper() else raw
    if target == "email":
        return raw.lower()
    if target == "meeting_modes":
        return [tidy.parse_mode(v) for v in reading.split(target, raw)]
    if target == "availability":
        return [tidy.parse_slot(v) for v in reading.split(target, raw)]
    if target in LIST_FIELDS:
        return reading.split(target, raw)
    if target == "joined":
        return when(raw, reading.date_order).date()
    if target == "years_experience":
        return years(raw)
    if target == "capacity":
        return _number(target, raw)
    return raw


def when(raw: str, order: str) -> Any:
    """A date or a Forms timestamp (Google's `2026/11/20 9:14:03 AM GMT-5`, Microsoft's
    `11/20/2026 9:14:03 AM`, an XLSX date-time), read by mentorkit/dates.py."""
    try:
        return dates.timestamp(raw, order)
    except dates.DateError as exc:
        raise InvalidInput(
            f"{exc}; write {dates.HOW} (or leave it as the form exported it)") from None


def years(raw: str) -> float:
    """Years of experience as people write them: 3, 2.5, "3 years", "10+", "6 months"
    (0.5, on a new hire's form). The one reader of a sign-up column, `--years` and the
    prompt, so each reads the same answer the same way."""
    months = re.fullmatch(r"(?i)(\d+(?:[.,]\d+)?)\s*(months?|mos?)\.?", raw.strip())
    if months:
        return round(float(months.group(1).replace(",", ".")) / 12, 2)
    return _number("years_experience", raw.strip())


def _number(target: str, raw: str) -> float | int:
    number = re.sub(r"(?i)\s*(years?|yrs?|mentees?)\.?$", "", raw).replace(",", ".")
    if number.endswith("+"):
        number = number[:-1]
    try:
        value = float(number)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):  # "nan", "inf", a 400-digit number: none is a count
        raise InvalidInput(f"{quoted(raw)} is not a number")
    if target != "capacity":
        return value  # years may be a fraction: half a year is 0.5
    if not value.is_integer():  # 0.5 mentees is no count: cut to 0 it would bar a mentor
        raise InvalidInput(f"{quoted(raw)} is not a whole number; give how many mentees, "
                           "like 2")
    return int(value)
