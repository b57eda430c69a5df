"""Enrol many people from a sign-up form export (CSV or XLSX).

A column map says which form question fills which participant field. Headers that
match a field's name or a common wording ("Email address", "Years in healthcare") are
mapped without being told. Every row is checked before anything is written: a bad row
is reported with its row number, column and reason, and the import stops unless the
caller asked to skip bad rows. People already enrolled are matched by email and updated.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from pydantic import ValidationError

from mentorkit.errors import InvalidFile, InvalidInput, MentorkitError, Problem
from mentorkit.models.participant import Participant
from mentorkit.services.enrolment import tidy
from mentorkit.services.enrolment.participants import role_conflict
from mentorkit.store import tables, yamlio
from mentorkit.store.folder import ProgramFolder
from mentorkit.store.ids import unique_id

LIST_FIELDS = {
    "can_help_with", "wants_help_with", "career_goals", "interests", "languages",
    "meeting_modes", "availability", "preferred_mentors",
}
FIELDS = set(Participant.model_fields) - {"schema_version", "kind"}

# Common wordings of sign-up form questions, folded (lower case, letters and digits).
SYNONYMS: dict[str, str] = {
    "fullname": "name", "yourname": "name", "name": "name", "participantname": "name",
    "email": "email", "emailaddress": "email", "workemail": "email", "youremail": "email",
    "role": "role", "iwanttobea": "role", "iwanttotakepartas": "role", "participateas": "role",
    "mentorormentee": "role",
    "jobtitle": "job_title", "title": "job_title", "position": "job_title",
    "roletitle": "job_title",
    "department": "department", "unit": "department", "dept": "department",
    "site": "site", "location": "site", "campus": "site", "facility": "site",
    "years": "years_experience", "experience": "years_experience",
    "yearsofexperience": "years_experience", "yearsexperience": "years_experience",
    "yearsinhealthcare": "years_experience", "experienceyears": "years_experience",
    "manager": "manager", "manageremail": "manager", "linemanager": "manager",
    "icanhelpwith": "can_help_with", "canhelpwith": "can_help_with",
    "expertise": "can_help_with", "areasofexpertise": "can_help_with",
    "iwanthelpwith": "wants_help_with", "wantshelpwith": "wants_help_with",
    "iwouldlikehelpwith": "wants_help_with", "developmentareas": "wants_help_with",
    "careergoals": "career_goals", "interests": "interests", "hobbies": "interests",
    "languages": "languages", "languagesspoken": "languages",
    "meetingmodes": "meeting_modes", "preferredmeetingmode": "meeting_modes",
    "howwouldyouliketomeet": "meeting_modes",
    "availability": "availability", "whenareyouavailable": "availability",
    "capacity": "capacity", "howmanymenteescanyoutake": "capacity",
    "menteescapacity": "capacity", "notes": "notes", "comments": "notes",
    "preferredmentors": "preferred_mentors",
}


def _fold(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.casefold())


@dataclass
class RowOutcome:
    row: int
    id: str
    name: str
    email: str
    action: str  # create, update, unchanged
    changed: list[str] = field(default_factory=list)


@dataclass
class ImportResult:
    JSON_KIND: ClassVar[str] = "import"  # the --json envelope (render/envelope.py)

    source: str
    dry_run: bool
    columns: dict[str, str]
    outcomes: list[RowOutcome]
    bad_rows: list[Problem]
    skipped_columns: list[str]

    def count(self, action: str) -> int:
        return sum(1 for o in self.outcomes if o.action == action)

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "dry_run": self.dry_run,
            "columns": self.columns,
            "ignored_columns": self.skipped_columns,
            "created": self.count("create"),
            "updated": self.count("update"),
            "unchanged": self.count("unchanged"),
            "skipped": len(self.bad_rows),
            "rows": [o.__dict__ for o in self.outcomes],
            "problems": [p.as_dict() for p in self.bad_rows],
        }


def load_column_map(path: Path) -> dict[str, str]:
    """A YAML file `columns: {"Form question": field, ...}` (or the mapping alone)."""
    text, data = tables.read_column_map(path)
    if isinstance(data, dict) and "columns" in data:
        data = data["columns"]
    if not isinstance(data, dict) or not all(isinstance(k, str) for k in data):
        raise InvalidFile(
            [Problem(path, "expected `columns:` mapping form headers to field names", line=1)]
        )
    mapping: dict[str, str] = {}
    for header, target in data.items():
        if target is None or target == "ignore":
            mapping[header] = "ignore"
            continue
        if not isinstance(target, str) or target not in FIELDS:
            raise InvalidFile(
                [Problem(path, f"{target!r} is not a participant field", line=yamlio.line_of(
                    text, ["columns", header] if "columns" in text else [header]), field=header)],
                f"Fields: {', '.join(sorted(FIELDS))} (or ignore).",
            )
        mapping[header] = str(target)
    return mapping


def parse_column_options(options: list[str]) -> dict[str, str]:
    """--column 'Form question=field' flags."""
    mapping = {}
    for option in options:
        header, sep, target = option.rpartition("=")
        target = target.strip()
        if not sep or not header.strip():
            raise InvalidInput(f"--column {option!r}: write it as 'Form header=field'")
        if target not in FIELDS and target != "ignore":
            raise InvalidInput(
                f"--column {option!r}: {target!r} is not a participant field",
                f"Fields: {', '.join(sorted(FIELDS))} (or ignore).",
            )
        mapping[header.strip()] = target
    return mapping


def resolve_columns(headers: list[str], given: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """Map each header to a field: the given map first, then names and common wordings."""
    folded_given = {_fold(k): v for k, v in given.items()}
    unknown_given = [k for k in given if _fold(k) not in {_fold(h) for h in headers}]
    if unknown_given:
        raise InvalidInput(
            f"the column map names {', '.join(repr(k) for k in unknown_given)}, "
            "which the file does not have",
            f"The file's columns are: {', '.join(repr(h) for h in headers)}.",
        )
    columns: dict[str, str] = {}
    ignored: list[str] = []
    for header in headers:
        key = _fold(header)
        target = folded_given.get(key) or _field_by_name(header) or SYNONYMS.get(key)
        if not target or target == "ignore":
            ignored.append(header)
            continue
        if target in columns.values():
            raise InvalidInput(
                f"two columns would fill {target}: "
                f"{next(h for h, t in columns.items() if t == target)!r} and {header!r}",
                f"Map one of them with --column '{header}=ignore'.",
            )
        columns[header] = target
    missing = {"name", "email", "role"} - set(columns.values())
    if missing:
        raise InvalidInput(
            f"no column for {', '.join(sorted(missing))}",
            "Map the form's questions with --column 'Header=field' or --map FILE.yaml.",
        )
    return columns, ignored


def _field_by_name(header: str) -> str | None:
    snake = re.sub(r"[^a-z0-9]+", "_", header.casefold()).strip("_")
    return snake if snake in FIELDS else None


def row_fields(cells: dict[str, str], columns: dict[str, str]) -> dict[str, Any]:
    """One row's answers as participant fields; raises InvalidInput naming the column."""
    data: dict[str, Any] = {}
    for header, target in columns.items():
        raw = " ".join((cells.get(header) or "").split())
        if not raw or tidy.is_placeholder(raw):
            continue
        try:
            data[target] = _convert(target, raw)
        except InvalidInput as exc:
            raise InvalidInput(f"column {header!r} ({target}): {exc.message}") from None
    return data


def _convert(target: str, raw: str) -> Any:
    if target == "role":
        return tidy.parse_role(raw)
    if target == "status":
        return tidy.parse_status(raw)
    if target == "name":
        return raw.title() if raw.islower() or raw.isupper() else raw
    if target == "email":
        return raw.lower()
    if target == "meeting_modes":
        return [tidy.parse_mode(v) for v in tidy.split_answers(raw)]
    if target == "availability":
        return [tidy.parse_slot(v) for v in tidy.split_answers(raw)]
    if target in LIST_FIELDS:
        return tidy.split_answers(raw)
    if target == "joined":
        return parse_form_date(raw)
    if target in {"years_experience", "capacity"}:
        months = re.fullmatch(r"(?i)(\d+(?:[.,]\d+)?)\s*(months?|mos?)\.?", raw)
        if months and target == "years_experience":  # "6 months" on a new hire's form
            return round(float(months.group(1).replace(",", ".")) / 12, 2)
        number = re.sub(r"(?i)\s*(years?|yrs?|mentees?)\.?$", "", raw).replace(",", ".")
        if number.endswith("+"):
            number = number[:-1]
        try:
            value = float(number)
        except ValueError:
            raise InvalidInput(f"{raw!r} is not a number") from None
        return int(value) if target == "capacity" else value
    return raw


_FORM_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?")


def parse_form_date(raw: str) -> dt.date:
    """A date as forms export it: ISO `2026-07-06[ 08:12:05]`, or the US-style
    `7/6/2026 08:12:05` Google and Microsoft Forms write (day first when the first
    number cannot be a month)."""
    text = raw.strip()
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        pass
    match = _FORM_DATE.fullmatch(text)
    if match:
        first, second, year = (int(g) for g in match.groups())
        month, day = (second, first) if first > 12 else (first, second)
        try:
            return dt.date(year, month, day)
        except ValueError:
            pass
    raise InvalidInput(f"{raw!r} is not a date; write YYYY-MM-DD (or M/D/YYYY as forms do)")


def run_import(
    folder: ProgramFolder,
    source: Path,
    *,
    column_map: dict[str, str],
    dry_run: bool = False,
    skip_bad: bool = False,
) -> ImportResult:
    headers, rows = tables.read_table(source)
    columns, ignored = resolve_columns(headers, column_map)
    today = dt.date.today()
    with folder.transaction():  # every row lands, or none (store/transaction.py)
        people = folder.load_participants()
        relationships = list(folder.load_relationships().values())
        by_email = {p.email: pid for pid, p in people.items()}
        taken = set(people)
        spelling = Spelling(people.values())
        seen_emails: dict[str, int] = {}
        bad: list[Problem] = []
        planned: list[tuple[RowOutcome, Participant]] = []
        for number, raw_cells in rows:
            cells = dict(zip(headers, raw_cells, strict=False))
            try:
                outcome, person = _plan_row(
                    number, cells, columns, people, by_email, taken, today, spelling
                )
            except MentorkitError as exc:
                bad.append(Problem(source.name, exc.message, field=f"row {number}"))
                continue
            conflict = (
                role_conflict(outcome.id, person.role, relationships)
                if "role" in outcome.changed
                else None
            )
            if conflict:
                bad.append(Problem(source.name, conflict, field=f"row {number}"))
                continue
            if person.email in seen_emails:
                bad.append(
                    Problem(
                        source.name,
                        f"{person.email} is also on row {seen_emails[person.email]}; "
                        "each person once",
                        field=f"row {number}",
                    )
                )
                continue
            seen_emails[person.email] = number
            if outcome.action == "create":
                taken.add(outcome.id)
            planned.append((outcome, person))
        if bad and not skip_bad:
            raise InvalidFile(
                bad,
                "Nothing was imported. Fix these rows (or pass --skip-bad to import the rest).",
            )
        if not dry_run:
            for outcome, person in planned:
                if outcome.action != "unchanged":
                    folder.save_participant(outcome.id, person)
    return ImportResult(
        source=str(source),
        dry_run=dry_run,
        columns=columns,
        outcomes=[o for o, _ in planned],
        bad_rows=bad,
        skipped_columns=ignored,
    )


class Spelling:
    """One spelling per department, site and job title, so 'emergency dept' typed in
    lower case joins 'Emergency Dept' rather than becoming a department of its own.

    The spelling already in the program wins, then the first one in the file; an answer
    typed all in lower case is given capitals.
    """

    FIELDS = ("department", "site", "job_title")

    def __init__(self, people: Iterable[Participant]) -> None:
        self.known: dict[str, dict[str, str]] = {f: {} for f in self.FIELDS}
        for person in people:
            for field_name in self.FIELDS:
                value = getattr(person, field_name)
                if value:
                    self.known[field_name].setdefault(value.casefold(), value)

    def tidy(self, data: dict[str, Any]) -> None:
        for field_name in self.FIELDS:
            value = data.get(field_name)
            if not isinstance(value, str) or not value:
                continue
            if value.islower():
                value = " ".join(w[:1].upper() + w[1:] for w in value.split(" "))
            data[field_name] = self.known[field_name].setdefault(value.casefold(), value)


def _plan_row(
    number: int,
    cells: dict[str, str],
    columns: dict[str, str],
    people: dict[str, Participant],
    by_email: dict[str, str],
    taken: set[str],
    today: dt.date,
    spelling: Spelling,
) -> tuple[RowOutcome, Participant]:
    data = row_fields(cells, columns)
    spelling.tidy(data)
    existing_id = by_email.get(str(data.get("email", "")).lower())
    if existing_id is not None:
        before = people[existing_id]
        merged = before.model_dump(mode="json", exclude_none=True) | data
        person = _validated(merged)
        changed = [f for f in data if getattr(before, f) != getattr(person, f)]
        action = "update" if changed else "unchanged"
        return RowOutcome(number, existing_id, person.name, person.email, action, changed), person
    data.setdefault("joined", today.isoformat())
    person = _validated({"kind": "participant", **data})
    new_id = unique_id(person.name, taken)
    return RowOutcome(number, new_id, person.name, person.email, "create"), person


def _validated(data: dict[str, Any]) -> Participant:
    try:
        return Participant.model_validate(data)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        name = ".".join(str(p) for p in first["loc"])
        message = first["msg"]
        if first["type"] == "missing":
            message = "required, but the row leaves it empty"
        raise InvalidInput(f"{name}: {message.removeprefix('Value error, ')}") from None
