"""Enrol many people from a sign-up form export (CSV or XLSX).

Columns are matched to participant fields by services/enrolment/columns.py; cells are
read by services/enrolment/cells.py (lists split the way the export joins them, dates
through mentorkit/dates.py). Every row is checked before anything is written: a bad row
is reported with its row number, column and reason, and the import stops unless the
caller asked to skip bad rows. People already enrolled are matched by email and updated.
A person who answered twice is refused, or with `keep_latest` their later answer (by
the export's submission time) is kept and the earlier one said to be dropped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from pydantic import ValidationError

from mentorkit import dates
from mentorkit.errors import InvalidFile, InvalidInput, MentorkitError, Problem
from mentorkit.models.participant import Participant
from mentorkit.services.collection import exports
from mentorkit.services.enrolment import preferences
from mentorkit.services.enrolment.cells import LIST_FIELDS, Reading, row_fields, when
from mentorkit.services.enrolment.columns import (
    FIELDS,
    Columns,
    load_column_map,
    parse_column_options,
    resolve_columns,
)
from mentorkit.services.enrolment.participants import (
    manager_problem,
    role_conflict,
    status_changes,
)
from mentorkit.services.resolve import Exactly
from mentorkit.store import tables
from mentorkit.store.folder import ProgramFolder
from mentorkit.store.ids import unique_id

# Fields naming other people: read once every row is planned (_with_people_named)
NAMING_FIELDS = ("preferred_mentors", "manager")

__all__ = ["FIELDS", "ImportResult", "load_column_map", "parse_column_options", "run_import"]


@dataclass
class RowOutcome:
    row: int
    id: str
    name: str
    email: str
    action: str  # create, update, unchanged
    changed: list[str] = field(default_factory=list)


@dataclass
class Superseded:
    """A person who answered more than once: the answer kept and the ones dropped."""

    email: str
    kept_row: int
    dropped_rows: list[int]
    kept_submitted: str


@dataclass
class ImportResult:
    JSON_KIND: ClassVar[str] = "import"  # the --json envelope (render/envelope.py)

    source: str
    dry_run: bool
    columns: Columns
    outcomes: list[RowOutcome]
    bad_rows: list[Problem]
    export: str  # Google Forms, Microsoft Forms, or spreadsheet
    date_order: str
    date_note: str = ""  # said when the order was assumed and a date could be read both ways
    superseded: list[Superseded] = field(default_factory=list)

    @property
    def skipped_columns(self) -> list[str]:
        return self.columns.ignored

    def count(self, action: str) -> int:
        return sum(1 for o in self.outcomes if o.action == action)

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "dry_run": self.dry_run,
            "export": self.export,
            "columns": self.columns.fields,
            "column_matches": self.columns.to_json(),
            "ignored_columns": self.columns.ignored,
            "date_order": self.date_order,
            "created": self.count("create"),
            "updated": self.count("update"),
            "unchanged": self.count("unchanged"),
            "skipped": len(self.bad_rows),
            "superseded": [asdict(s) for s in self.superseded],
            "rows": [o.__dict__ for o in self.outcomes],
            "problems": [p.as_dict() for p in self.bad_rows],
        }


@dataclass
class _Table:
    """The export as read, and what is known about how it was written."""

    name: str
    headers: list[str]
    rows: list[tuple[int, list[str]]]
    columns: Columns
    reading: Reading
    submitted: str | None  # the column saying when each answer was sent

    def cells(self, raw: list[str]) -> dict[str, str]:
        return dict(zip(self.headers, raw, strict=False))


def run_import(
    folder: ProgramFolder,
    source: Path,
    *,
    column_map: dict[str, str],
    choices: dict[str, list[str]] | None = None,
    date_order: str | None = None,
    keep_latest: bool = False,
    dry_run: bool = False,
    skip_bad: bool = False,
) -> ImportResult:
    headers, rows = tables.read_table(source, keep_times=True)
    kind = exports.kind_of(headers)
    added = exports.added_columns(headers, kind)
    columns = resolve_columns(headers, column_map, added)
    submitted = next((h for h, what in added.items() if what == "submitted"), None)
    table = _Table(source.name, headers, rows, columns, Reading(kind),
                   submitted or columns.header_of("joined"))
    note = _date_order(table, date_order)
    with folder.transaction():  # every row lands, or none (store/transaction.py)
        people = folder.load_participants()
        table.reading.choices = _known_choices(people.values(), choices or {})
        bad: list[Problem] = []
        relationships = list(folder.load_relationships().values())
        superseded = _answered_twice(table, keep_latest, bad)
        dropped = {n for s in superseded for n in s.dropped_rows}
        planned = _plan(table, people, relationships, dropped, bad)
        if bad and not skip_bad:
            raise InvalidFile(
                sorted(bad, key=_row_number),
                "Nothing was imported. Fix these rows (or pass --skip-bad to import the rest).",
            )
        if not dry_run:
            for outcome, person in planned:
                if outcome.action != "unchanged":
                    folder.save_participant(outcome.id, person)
    return ImportResult(
        source=str(source), dry_run=dry_run, columns=columns,
        outcomes=[o for o, _ in planned], bad_rows=sorted(bad, key=_row_number),
        export=kind or "spreadsheet", date_order=table.reading.date_order, date_note=note,
        superseded=superseded,
    )


def _row_number(problem: Problem) -> int:
    return int((problem.field or "row 0").split()[-1])


def _date_order(table: _Table, given: str | None) -> str:
    """Set the order dates like 3/4/2026 are read in: as given (--date-order), else as
    any date in the export that reads one way only shows, else month first (as Google
    and Microsoft Forms write them in US English). Returns a note when it was assumed
    and a date in the file could be read either way."""
    date_columns = [table.headers.index(h) for h in
                    dict.fromkeys([table.submitted, table.columns.header_of("joined")]) if h]
    texts = [cells[i] for _, cells in table.rows for i in date_columns if i < len(cells)]
    found = given or dates.date_order(texts)
    table.reading.date_order = found or dates.MONTH_FIRST
    if found is not None:
        return ""
    for text in texts:
        try:
            dates.timestamp(text, None)
        except dates.AmbiguousDate:
            return (f"Dates like {text.split()[0]} were read month first, as US forms write "
                    "them; if they are day first, import again with --date-order day-first.")
        except dates.DateError:
            continue
    return ""


def _known_choices(
    people: Iterable[Participant], given: dict[str, list[str]]
) -> dict[str, list[str]]:
    """Each list field's options as the program already spells them, then the map's."""
    known: dict[str, list[str]] = {f: list(v) for f, v in given.items()}
    for person in people:
        for name in LIST_FIELDS - {"meeting_modes", "availability", "preferred_mentors"}:
            known.setdefault(name, []).extend(getattr(person, name))
    return {f: list(dict.fromkeys(v)) for f, v in known.items()}


def _answered_twice(table: _Table, keep_latest: bool, bad: list[Problem]) -> list[Superseded]:
    """The rows of people who answered more than once. Without `keep_latest` each later
    row is a bad row naming the first; with it, the latest answer by submission time is
    kept (the lower row when two were sent at the same moment) and the others dropped."""
    email_column = table.columns.header_of("email")
    by_email: dict[str, list[int]] = {}
    raw_rows = dict(table.rows)
    for number, raw in table.rows:
        email = " ".join(table.cells(raw).get(email_column or "", "").split()).casefold()
        if email:
            by_email.setdefault(email, []).append(number)
    twice = {e: ns for e, ns in by_email.items() if len(ns) > 1}
    if not twice:
        return []
    if not keep_latest:
        for email, numbers in twice.items():
            for number in numbers[1:]:
                bad.append(Problem(
                    table.name, f"{email} is also on row {numbers[0]}; each person once "
                    "(--keep-latest keeps their later answer)", field=f"row {number}"))
        return []
    if table.submitted is None:
        raise InvalidInput(
            "--keep-latest needs a column saying when each answer was sent",
            "Keep the export's Timestamp (Google) or Completion time (Microsoft) column, "
            "or map one with --column 'Header=joined'.")
    out = []
    for email, numbers in twice.items():
        stamps = {}
        for number in numbers:
            text = table.cells(raw_rows[number]).get(table.submitted, "")
            try:
                stamps[number] = dates.order_key(when(text, table.reading.date_order))
            except InvalidInput as exc:
                bad.append(Problem(table.name, f"column {table.submitted!r}: {exc.message}; "
                                   "cannot tell which answer is the later",
                                   field=f"row {number}"))
        if len(stamps) < len(numbers):
            continue
        kept = max(numbers, key=lambda n: (stamps[n], n))
        out.append(Superseded(email, kept, [n for n in numbers if n != kept],
                              table.cells(raw_rows[kept]).get(table.submitted, "")))
    return out


def _plan(
    table: _Table,
    people: dict[str, Participant],
    relationships: list[Any],
    dropped: set[int],
    bad: list[Problem],
) -> list[tuple[RowOutcome, Participant]]:
    """What each row would do, checked; bad rows are added to `bad`."""
    by_email = {p.email: pid for pid, p in people.items()}
    taken = set(people)
    read: list[tuple[int, dict[str, Any], dict[str, Any]]] = []  # row, fields, people named
    for number, raw_cells in table.rows:
        if number in dropped:
            continue
        try:
            data = row_fields(table.cells(raw_cells), table.columns.fields, table.reading)
        except MentorkitError as exc:
            bad.append(Problem(table.name, exc.message, field=f"row {number}"))
            continue
        read.append((number, data, {f: data.pop(f) for f in NAMING_FIELDS if f in data}))
    spelling = Spelling(people.values(), [data for _, data, _ in read])
    planned: list[tuple[RowOutcome, Participant, dict[str, Any]]] = []
    for number, data, named in read:
        try:
            spelling.tidy(data)
            outcome, person = _plan_row(number, data, people, by_email, taken,
                                        table.columns)
        except MentorkitError as exc:
            bad.append(Problem(table.name, exc.message, field=f"row {number}"))
            continue
        conflict = (role_conflict(outcome.id, person.role, relationships)
                    if "role" in outcome.changed else None)
        if conflict:
            bad.append(Problem(table.name, conflict, field=f"row {number}"))
            continue
        if outcome.action == "create":
            taken.add(outcome.id)
        planned.append((outcome, person, named))
    return _with_people_named(table, people, planned, bad)


def _plan_row(
    number: int,
    data: dict[str, Any],
    people: dict[str, Participant],
    by_email: dict[str, str],
    taken: set[str],
    columns: Columns,
) -> tuple[RowOutcome, Participant]:
    existing_id = by_email.get(str(data.get("email", "")).lower())
    if existing_id is not None:
        before = people[existing_id]
        merged = before.model_dump(mode="json", exclude_none=True) | data
        person = _validated(merged, columns)
        if person.status is not before.status:  # taking effect today, as an edit's would
            merged["status_changes"] = status_changes(before, person.status, None)
            person = _validated(merged, columns)
        _joined_by_today(data, person, columns)
        changed = [f for f in data if getattr(before, f) != getattr(person, f)]
        action = "update" if changed else "unchanged"
        return RowOutcome(number, existing_id, person.name, person.email, action, changed), person
    data.setdefault("joined", dt.date.today().isoformat())
    person = _validated({"kind": "participant", **data}, columns)
    _joined_by_today(data, person, columns)
    new_id = unique_id(person.name, taken)
    return RowOutcome(number, new_id, person.name, person.email, "create"), person


def _joined_by_today(data: dict[str, Any], person: Participant, columns: Columns) -> None:
    """A day joined read from the file is not after today (as `add --joined` refuses):
    a date read in the wrong order is the likelier cause."""
    today = dt.date.today()
    if "joined" in data and person.joined is not None and person.joined > today:
        header = columns.header_of("joined")
        where = f"column {header!r} (joined)" if header else "joined"
        raise InvalidInput(f"{where}: {person.joined} is after today ({today}): a participant "
                           "cannot join on a future date (if the form writes dates day "
                           "first, import with --date-order day-first)")


def _with_people_named(
    table: _Table,
    people: dict[str, Participant],
    planned: list[tuple[RowOutcome, Participant, dict[str, Any]]],
    bad: list[Problem],
) -> list[tuple[RowOutcome, Participant]]:
    """Preferred mentors and managers (id, email or full name) as stored, once every row
    is planned: a mentee may name a mentor, or a manager, who signs up further down the
    same file."""
    everyone = people | {o.id: p for o, p, _ in planned}
    out = []
    for outcome, person, named in planned:
        try:
            update = _named_people(table, outcome.id, person, named, everyone)
        except InvalidInput as exc:
            bad.append(Problem(table.name, exc.message, field=f"row {outcome.row}"))
            continue
        person = person.model_copy(update=update)
        before = people.get(outcome.id)
        changed = [f for f, v in update.items() if before is not None and getattr(before, f) != v]
        if changed:
            outcome.changed += changed
            outcome.action = "update"
        out.append((outcome, person))
    return out


def _named_people(
    table: _Table, person_id: str, person: Participant, named: dict[str, Any],
    everyone: dict[str, Participant],
) -> dict[str, Any]:
    """The row's preferred mentors as ids and its manager as an id or email; InvalidInput
    naming the column of one that names nobody (or several people)."""
    update: dict[str, Any] = {}
    if named.get("preferred_mentors"):
        column = table.columns.header_of("preferred_mentors")
        update["preferred_mentors"] = preferences.to_ids(
            named["preferred_mentors"], everyone, f"column {column!r}")
    if named.get("manager"):
        try:
            update["manager"] = _manager(person_id, person, named["manager"], everyone)
        except InvalidInput as exc:
            column = table.columns.header_of("manager")
            raise InvalidInput(f"column {column!r} (manager): {exc.message}") from None
    return update


def _manager(
    person_id: str, person: Participant, text: str, everyone: dict[str, Participant]
) -> str:
    """The manager as stored: an email as given (a manager outside the program is given
    by email), else the id of the participant an id or full name names exactly. A name
    kept as typed would match nobody, and the manager rule would let the pair through."""
    manager = text.strip().lower()
    if "@" not in manager:
        found, why = Exactly(everyone).find(text)
        if found is None:
            raise InvalidInput(f"{why}; a manager outside the program is given by email")
        manager = found
    # now an id or an email: only being their own manager is left to refuse
    problem = manager_problem(person_id, person.model_copy(update={"manager": manager}),
                              everyone, ())
    if problem:
        raise InvalidInput(problem)
    return manager


class Spelling:
    """One spelling per department, site and job title, so 'emergency dept' typed in
    lower case joins 'Emergency Dept' rather than becoming a department of its own.

    The spelling already in the program wins, then the first one in the file typed with
    capitals (`rows`: every row's fields, read before any is tidied: 'icu' on the first
    row and 'ICU' below is 'ICU' for both); an answer everyone typed all in lower case is
    given capitals.
    """

    FIELDS = ("department", "site", "job_title")

    def __init__(self, people: Iterable[Participant], rows: Iterable[dict[str, Any]]) -> None:
        self.known: dict[str, dict[str, str]] = {f: {} for f in self.FIELDS}
        for person in people:
            for field_name in self.FIELDS:
                value = getattr(person, field_name)
                if value:
                    self.known[field_name].setdefault(value.casefold(), value)
        for data in rows:
            for field_name in self.FIELDS:
                value = data.get(field_name)
                if isinstance(value, str) and value and not value.islower():
                    self.known[field_name].setdefault(value.casefold(), value)

    def tidy(self, data: dict[str, Any]) -> None:
        for field_name in self.FIELDS:
            value = data.get(field_name)
            if not isinstance(value, str) or not value:
                continue
            if value.islower():
                value = " ".join(w[:1].upper() + w[1:] for w in value.split(" "))
            data[field_name] = self.known[field_name].setdefault(value.casefold(), value)


def _validated(data: dict[str, Any], columns: Columns) -> Participant:
    """The row's person; InvalidInput naming the column (as a cell that cannot be read
    is named, cells.row_fields) of the first field the model refuses."""
    try:
        return Participant.model_validate(data)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        name = ".".join(str(p) for p in first["loc"])
        message = first["msg"]
        if first["type"] == "missing":
            message = "required, but the row leaves it empty"
        header = columns.header_of(name)
        where = f"column {header!r} ({name})" if header else name
        raise InvalidInput(f"{where}: {message.removeprefix('Value error, ')}") from None
