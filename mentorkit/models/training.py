"""Training: what program.yaml asks each role to complete, and one person's completions.

program.yaml:

    training:
      courses:
        - name: Mentoring 101
          role: mentor          # mentor, mentee or everyone
        - name: Getting the most from mentoring
          role: mentee
      mentors_must_complete_before_matching: true

A completion lives in the person's own file (participants/<id>.yaml, `training:`): it is
a fact about the person, goes wherever the person goes (removed with them, carried to the
next round), and is read by the same bulk loader and cache that matching, `due` and
`report` already use, so there is no second file to keep in step with the first.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import Field, field_validator, model_validator

from mentorkit.models.base import Model, Text, empty_list
from mentorkit.vocab import Choice, Role


class Audience(Choice):
    """Whom a training or a resource is for."""

    MENTOR = "mentor"
    MENTEE = "mentee"
    EVERYONE = "everyone"

    def includes(self, role: Role) -> bool:
        if self is Audience.MENTOR:
            return role.mentors
        if self is Audience.MENTEE:
            return role.mentees
        return True


class Course(Model):
    name: Text = Field(min_length=1, max_length=200)
    role: Audience = Audience.EVERYONE


class TrainingSettings(Model):
    courses: list[Course] = Field(default_factory=empty_list)
    # True: a mentor is matched only once they completed every course for mentors
    mentors_must_complete_before_matching: bool = False

    @field_validator("courses")
    @classmethod
    def _names_once(cls, courses: list[Course]) -> list[Course]:
        _once([c.name for c in courses], "is named twice; each training once")
        return courses

    @model_validator(mode="after")
    def _something_to_complete(self) -> TrainingSettings:
        if self.mentors_must_complete_before_matching and not self.for_role(Role.MENTOR):
            raise ValueError("mentors must complete their training before matching, but no "
                             "course is for mentors: add one with `role: mentor`")
        return self

    def for_role(self, role: Role) -> list[Course]:
        """The courses a person enrolled in `role` should complete, in program.yaml's order."""
        return [c for c in self.courses if c.role.includes(role)]

    def find(self, name: str) -> Course | None:
        wanted = " ".join(name.split()).casefold()
        return next((c for c in self.courses if c.name.casefold() == wanted), None)


class Completion(Model):
    """One training a person completed, and when (participants/<id>.yaml `training:`)."""

    name: Text = Field(min_length=1, max_length=200)
    date: dt.date


def unique_completions(values: list[Completion]) -> list[Completion]:
    """A person completes a training once: the same name twice is a mistake to fix."""
    _once([c.name for c in values], "is listed twice; keep one completion")
    return values


def _once(names: list[str], problem: str) -> None:
    """Refuse a name given twice (in any case): `problem` says what to do about it."""
    seen: set[str] = set()
    for name in names:
        if name.casefold() in seen:
            raise ValueError(f"{name!r} {problem}")
        seen.add(name.casefold())


def training_of(program: Any) -> TrainingSettings:
    """A program's training settings (none asked when program.yaml has no `training:`)."""
    return program.training or TrainingSettings()
