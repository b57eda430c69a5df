"""`mentorkit training import FILE`: completions from an attendance sheet (CSV or XLSX).

Columns are found by their headers: who (email, name or id: "Email", "Attendee"...),
which training ("Training", "Course", "Session"), and when ("Date", "Completed on").
A sheet for one session may leave out the training or the date and give them as
--training and --date instead. Every row is checked before anything is written: a bad
row is named with its row number and nothing is recorded (as `mentorkit import` does).

Recording twice is harmless: a completion already recorded on the same day is left as it
is, and an earlier day replaces a later one (the first completion is the one that counts).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from mentorkit.dates import DateError, timestamp
from mentorkit.errors import InvalidFile, InvalidInput, MentorkitError, Problem
from mentorkit.models.base import plain
from mentorkit.models.participant import Participant
from mentorkit.models.training import Completion, Course, TrainingSettings, training_of
from mentorkit.services import resolve
from mentorkit.services.inputs import column_options
from mentorkit.services.programs.training import resolve_course
from mentorkit.store import tables
from mentorkit.store.folder import ProgramFolder

TARGETS = ("person", "training", "date")
# Headers, folded to letters and digits, that name each column.
SYNONYMS: dict[str, str] = {
    **dict.fromkeys(("person", "email", "emailaddress", "workemail", "attendee", "name",
                     "fullname", "participant", "id", "staffemail", "learner"), "person"),
    **dict.fromkeys(("training", "course", "session", "trainingname", "coursename",
                     "module", "workshop"), "training"),
    **dict.fromkeys(("date", "completed", "completedon", "completiondate", "attended",
                     "attendedon", "sessiondate", "dateattended"), "date"),
}


def _fold(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.casefold())


def _guess(header: str) -> str | None:
    """A header in other words: "Attendee email", "Course title", "Date of session"."""
    words = set(re.findall(r"[a-z]+", header.casefold()))
    for target, hints in (("person", {"email", "attendee", "participant"}),
                          ("training", {"course", "training", "workshop", "module"}),
                          ("date", {"date", "completed", "attended"})):
        if words & hints:
            return target
    return None


@dataclass
class AttendanceRow:
    row: int
    person: str
    name: str
    training: str
    date: dt.date
    action: str  # recorded, earlier (replaces a later date), unchanged


@dataclass
class AttendanceResult:
    JSON_KIND: ClassVar[str] = "training-import"  # the --json envelope (render/envelope.py)
    source: str
    dry_run: bool
    columns: dict[str, str]
    rows: list[AttendanceRow]
    ignored_columns: list[str] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    def to_json(self) -> dict[str, Any]:
        return {"source": self.source,
                "dry_run": self.dry_run, "columns": self.columns,
                "ignored_columns": self.ignored_columns,
                "recorded": self.count("recorded"), "earlier": self.count("earlier"),
                "unchanged": self.count("unchanged"), "rows": plain(self.rows, json=True)}


def parse_column_options(options: list[str]) -> dict[str, str]:
    """--column 'Header=person|training|date|ignore'."""
    return column_options(options, "'Header=person', 'Header=training', 'Header=date' or "
                          "'Header=ignore'", TARGETS)


def find_columns(headers: list[str], given: dict[str, str], *, training: bool,
                 date: bool) -> tuple[dict[str, str], list[str]]:
    """Each header's target; `training`/`date`: given for every row (no column needed)."""
    folded = {_fold(k): v for k, v in given.items()}
    unknown = [k for k in given if _fold(k) not in {_fold(h) for h in headers}]
    if unknown:
        raise InvalidInput(f"the file has no column {', '.join(repr(k) for k in unknown)}",
                           f"Its columns are: {', '.join(repr(h) for h in headers)}.")
    columns: dict[str, str] = {}
    ignored: list[str] = []
    for header in headers:
        target = folded.get(_fold(header)) or SYNONYMS.get(_fold(header)) or _guess(header)
        if target is None or target == "ignore" or target in columns.values():
            # a second "Name" beside "Email" says the same person again: the first wins
            ignored.append(header)
            continue
        columns[header] = target
    needed = {"person"} | ({"training"} if not training else set()) | (
        {"date"} if not date else set())
    lacking = needed - set(columns.values())
    if lacking:
        raise InvalidInput(
            f"no column for {', '.join(sorted(lacking))}",
            "Name it with --column 'Header=person' (or training, date); for a sheet of one "
            "session give --training NAME and --date DATE instead.")
    return columns, ignored


def run_import(folder: ProgramFolder, source: Path, *, today: dt.date,
               column_map: dict[str, str] | None = None, training: str | None = None,
               date: dt.date | None = None, dry_run: bool = False) -> AttendanceResult:
    settings = training_of(folder.load_program())
    if not settings.courses:  # said once, not on every row
        resolve_course(training or "", settings)
    every_row_course = resolve_course(training, settings) if training else None
    if date is not None and date > today:
        raise InvalidInput(f"--date {date} is in the future",
                           "Record a training once it has been completed.")
    headers, rows = tables.read_table(source)
    columns, ignored = find_columns(headers, column_map or {},
                                    training=every_row_course is not None,
                                    date=date is not None)
    with folder.transaction():  # every row lands, or none (store/transaction.py)
        people = folder.load_participants()
        planned: dict[str, Participant] = {}
        seen: dict[tuple[str, str], int] = {}
        bad: list[Problem] = []
        done: list[AttendanceRow] = []
        for number, raw in rows:
            cells = {columns[h]: " ".join((v or "").split())
                     for h, v in zip(headers, raw, strict=False) if h in columns}
            try:
                person_id, course, day = _read_row(cells, people, settings,
                                                   every_row_course, date, today)
            except MentorkitError as exc:
                bad.append(Problem(source.name, exc.message, field=f"row {number}"))
                continue
            key = (person_id, course.name)
            if key in seen:
                bad.append(Problem(source.name, f"{person_id} and {course.name} are also on "
                                   f"row {seen[key]}; each completion once", field=f"row {number}"))
                continue
            seen[key] = number
            person = planned.get(person_id, people[person_id])
            person, action = _with_completion(person, course, day)
            planned[person_id] = person
            done.append(AttendanceRow(number, person_id, person.name, course.name, day, action))
        if bad:
            raise InvalidFile(bad, "Nothing was recorded. Fix these rows and import again.")
        if not dry_run:
            for person_id, person in planned.items():
                if person is not people[person_id]:
                    folder.save_participant(person_id, person)
    return AttendanceResult(str(source), dry_run, columns, done, ignored)


def _read_row(cells: dict[str, str], people: dict[str, Participant],
              settings: TrainingSettings, course: Course | None, day: dt.date | None,
              today: dt.date) -> tuple[str, Course, dt.date]:
    who = cells.get("person", "")
    if not who:
        raise InvalidInput("the person's column is empty")
    person_id = resolve.person(who, people)
    if course is None:
        if not cells.get("training"):
            raise InvalidInput("the training's column is empty")
        course = resolve_course(cells["training"], settings)
    if cells.get("date"):
        try:
            # as forms and sign-in sheets write it (US order unless the day is over 12)
            day = timestamp(cells["date"]).date()
        except DateError as exc:
            raise InvalidInput(f"date: {exc}; write YYYY-MM-DD (or M/D/YYYY as forms "
                               "do)") from None
    if day is None:
        raise InvalidInput("the date's column is empty (or give --date for every row)")
    if day > today:
        raise InvalidInput(f"date {day} is in the future")
    return person_id, course, day


def _with_completion(person: Participant, course: Course,
                     day: dt.date) -> tuple[Participant, str]:
    before = next((c for c in person.training if c.name.casefold() == course.name.casefold()),
                  None)
    if before is not None and before.date <= day:
        return person, "unchanged"
    kept = [c for c in person.training if c is not before]
    changed = person.model_copy(update={
        "training": [*kept, Completion(name=course.name, date=day)]})
    return changed, "recorded" if before is None else "earlier"
