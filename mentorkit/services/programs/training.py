"""Training: who should complete what, who has, and what the matching rule says.

The rules read only a person and program.yaml's `training:` settings, so matching, `due`,
`report` and `mentorkit training` all agree. A completion dated after the day asked about
(`--as-of`) does not count on that day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, ClassVar

from mentorkit.errors import Conflict, InvalidInput, NotFound
from mentorkit.models.base import plain
from mentorkit.models.participant import Participant
from mentorkit.models.training import Completion, Course, TrainingSettings, training_of
from mentorkit.services import resolve
from mentorkit.store.folder import ProgramFolder
from mentorkit.vocab import Role, Status


# -- the rules ---------------------------------------------------------------------------
def completed_on(person: Participant, name: str, day: dt.date) -> dt.date | None:
    """When the person completed the training `name`, if they had by `day`."""
    wanted = name.casefold()
    for item in person.training:
        if item.name.casefold() == wanted and item.date <= day:
            return item.date
    return None


def missing(person: Participant, settings: TrainingSettings, day: dt.date,
            role: Role | None = None) -> list[str]:
    """The courses for the person's role (or `role`) not completed by `day`."""
    return [c.name for c in settings.for_role(role or person.role)
            if completed_on(person, c.name, day) is None]


def untrained_mentor(person: Participant, settings: TrainingSettings,
                     day: dt.date) -> str | None:
    """Why the program will not match this mentor yet, in words; None when it may."""
    if not settings.mentors_must_complete_before_matching:
        return None
    left = missing(person, settings, day, Role.MENTOR)
    if not left:
        return None
    return (f"has not completed {_and(left)} (the program asks mentors to complete it "
            "before they are matched)")


def resolve_course(query: str, settings: TrainingSettings) -> Course:
    """A training from what the coordinator typed: its name in any case, or a prefix."""
    if not settings.courses:
        raise NotFound("program.yaml names no training",
                       "Add `training: courses: [{name: ..., role: mentor}]` to program.yaml.")
    found = settings.find(query)
    if found is not None:
        return found
    folded = " ".join(query.split()).casefold()
    starts = [c for c in settings.courses if folded and c.name.casefold().startswith(folded)]
    if len(starts) == 1:
        return starts[0]
    names = ", ".join(repr(c.name) for c in settings.courses)
    raise NotFound(f"no training {query!r}" if not starts else
                   f"{query!r} could be any of: {', '.join(c.name for c in starts)}",
                   f"The program's trainings: {names}.")


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


# -- recording one completion ------------------------------------------------------------
@dataclass
class RecordResult:
    JSON_KIND: ClassVar[str] = "training-record"  # the --json envelope (render/envelope.py)
    person: str
    name: str
    training: str
    date: dt.date | None
    action: str  # recorded, changed, unchanged, removed
    previous: dt.date | None = None
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return plain(self, json=True)


def record(folder: ProgramFolder, person_query: str, training_query: str, day: dt.date,
           *, today: dt.date, replace: bool = False) -> RecordResult:
    """Record that a person completed a training on `day` (never after `today`)."""
    if day > today:
        raise InvalidInput(f"--date {day} is in the future",
                           "Record a training once it has been completed.")
    course = resolve_course(training_query, training_of(folder.load_program()))
    with folder.transaction():
        person_id = resolve.person(person_query, folder.load_participants())
        person = folder.load_participant(person_id)
        before = next((c for c in person.training if c.name.casefold() == course.name.casefold()),
                      None)
        result = RecordResult(person_id, person.name, course.name, day, "recorded")
        if not course.role.includes(person.role):
            result.notes.append(f"{course.name} is for {course.role.value}s; {person.name} is "
                                f"enrolled as {person.role.value}")
        if before is not None:
            result.previous = before.date
            if before.date == day:
                result.action = "unchanged"
                return result
            if not replace:
                raise Conflict(f"{person_id} already completed {course.name} on {before.date}",
                               "Pass --replace to change the date.")
            result.action = "changed"
        kept = [c for c in person.training if c is not before]
        person.training = [*kept, Completion(name=course.name, date=day)]
        folder.save_participant(person_id, person)
    return result


def remove(folder: ProgramFolder, person_query: str, training_query: str) -> RecordResult:
    """Take back a completion recorded by mistake."""
    with folder.transaction():
        person_id = resolve.person(person_query, folder.load_participants())
        person = folder.load_participant(person_id)
        wanted = " ".join(training_query.split()).casefold()
        before = next((c for c in person.training if c.name.casefold() == wanted), None)
        if before is None:
            done = ", ".join(c.name for c in person.training) or "none"
            raise NotFound(f"{person_id} has no completion of {training_query!r}",
                           f"Their completed trainings: {done}.")
        person.training = [c for c in person.training if c is not before]
        folder.save_participant(person_id, person)
    return RecordResult(person_id, person.name, before.name, None, "removed", before.date)


# -- who has completed what ----------------------------------------------------------------
@dataclass
class PersonTraining:
    id: str
    name: str
    role: str
    status: str
    completed: dict[str, dt.date | None]  # each course for their role: when, or None
    missing: list[str]
    blocks_matching: bool = False  # a mentor the matching rule holds back


@dataclass
class TrainingStatus:
    JSON_KIND: ClassVar[str] = "training-status"  # the --json envelope (render/envelope.py)
    as_of: dt.date
    courses: list[Course]
    mentors_must_complete: bool
    people: list[PersonTraining]
    only_due: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"as_of": self.as_of.isoformat(),
                "courses": [plain(c.model_dump(), json=True) for c in self.courses],
                "mentors_must_complete_before_matching": self.mentors_must_complete,
                "only_due": self.only_due,
                "people": plain(self.people, json=True)}


def person_training(person_id: str, person: Participant, settings: TrainingSettings,
                    day: dt.date) -> PersonTraining:
    courses = settings.for_role(person.role)
    done = {c.name: completed_on(person, c.name, day) for c in courses}
    return PersonTraining(
        person_id, person.name, person.role.value, person.status.value, done,
        [n for n, d in done.items() if d is None],
        person.role.mentors and person.status is Status.ACTIVE
        and untrained_mentor(person, settings, day) is not None,
    )


def still_due(people: dict[str, Participant], settings: TrainingSettings,
              day: dt.date) -> list[PersonTraining]:
    """Active people with a training of their role still to complete on `day`: mentors
    the matching rule holds back first."""
    out = [person_training(k, p, settings, day) for k, p in sorted(people.items())
           if p.status is Status.ACTIVE]
    out = [p for p in out if p.missing]
    return sorted(out, key=lambda p: (not p.blocks_matching, p.id))


def status(folder: ProgramFolder, day: dt.date, *, only_due: bool = False,
           role: Role | None = None) -> TrainingStatus:
    from mentorkit.services.asof import participants_on
    from mentorkit.store.snapshot import load_people_and_pairs

    settings = training_of(folder.load_program())
    people, _, problems = load_people_and_pairs(folder)
    if problems:
        from mentorkit.errors import InvalidFile

        raise InvalidFile(problems)
    people = participants_on(people, day)
    if role is not None:
        people = {k: p for k, p in people.items() if _in_role(p, role)}
    if only_due:
        rows = still_due(people, settings, day)
    else:
        rows = [person_training(k, p, settings, day) for k, p in sorted(people.items())]
    return TrainingStatus(day, settings.courses, settings.mentors_must_complete_before_matching,
                          rows, only_due)


def _in_role(person: Participant, role: Role) -> bool:
    """`--role mentor` lists everyone who mentors (both included); `both` only them."""
    if role is Role.BOTH:
        return person.role is Role.BOTH
    return person.role.takes(role.value)
