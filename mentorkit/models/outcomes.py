"""Outcomes: the program's setting for HR figures, and the HR roster file it keeps.

The roster (`mentorkit outcomes import`) is the organisation's HR data about people, most
of whom never took part: it lives in the program's private area (store/roster.py),
owner-only and git-ignored, and no program-level output shows a row of it.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, field_validator, model_validator

from mentorkit.models.base import FileModel, Model, empty_list

# Below five people, a share of leavers points at individuals (the usual floor of
# statistical disclosure control); a program may ask for more, never for less.
SMALLEST_GROUP = 5


class OutcomeSettings(Model):
    """program.yaml `outcomes:`: how HR outcomes are reported."""

    # A group (mentees, or colleagues) with fewer countable people than this shows no
    # retention figure: with a handful of people, "80 % stayed" says who left.
    min_group_size: int = Field(default=10, ge=SMALLEST_GROUP, le=10_000)


def plain_email(value: str) -> str:
    """An address as the roster and participants are matched on: trimmed, lower case."""
    return value.strip().lower()


class RosterRow(Model):
    """One person on the HR roster: only what retention needs, nothing else is kept."""

    email: str = Field(min_length=3, max_length=254)
    hired: dt.date
    left: dt.date | None = None  # the last day employed (a termination date)

    @field_validator("email")
    @classmethod
    def _an_address(cls, value: str) -> str:
        value = plain_email(value)
        if "@" not in value or any(c.isspace() for c in value):
            raise ValueError(f"{value!r} is not an email address")
        return value

    @model_validator(mode="after")
    def _in_order(self) -> RosterRow:
        if self.left is not None and self.left < self.hired:
            raise ValueError(f"leaving date {self.left} is before the hire date {self.hired}")
        return self


class Roster(FileModel):
    """private/roster.json: the last HR roster imported, replaced whole by each import."""

    KIND = "roster"

    kind: Literal["roster"] = "roster"
    imported: dt.datetime  # when (UTC): `outcomes show` and the report say how fresh it is
    source: str = ""  # the export's file name (not its path: that may name a person's PC)
    ignored_rows: int = Field(default=0, ge=0)  # rows without an email: cannot be matched
    rows: list[RosterRow] = Field(default_factory=empty_list)

    @model_validator(mode="after")
    def _each_once(self) -> Roster:
        seen: set[str] = set()
        for row in self.rows:
            if row.email in seen:
                raise ValueError(f"{row.email} is on the roster twice")
            seen.add(row.email)
        return self
