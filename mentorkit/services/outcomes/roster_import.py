"""`mentorkit outcomes import ROSTER` and `outcomes show`: the HR roster, kept whole.

An HR system's export (Workday, UKG/Kronos, a spreadsheet) has a column for the work
email, the hire date and the leaving (termination) date, under its own spelling; those
three are found by name (HEADERS) or named with --column. Every other column (name,
job title, department, pay...) is read past and never stored: retention needs no more.

Each import replaces the roster whole, and only when every row is good: a bad row (a
date that is no date, a leaving date before the hire date, a person twice) is named
with its row number and nothing is written. Rows without an email are counted as
ignored: nobody can tell whether that person took part.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from pydantic import ValidationError

from mentorkit import dates
from mentorkit.errors import InvalidFile, InvalidInput, Problem
from mentorkit.models.outcomes import Roster, RosterRow
from mentorkit.services.asof import participants_on, relationships_on
from mentorkit.services.enrolment.tidy import is_placeholder
from mentorkit.services.inputs import column_options
from mentorkit.services.outcomes.results import RosterSummary
from mentorkit.services.outcomes.retention import matched, took_part
from mentorkit.store import tables
from mentorkit.store.folder import ProgramFolder
from mentorkit.store.roster import ROSTER_FILE, load_roster, save_roster
from mentorkit.store.snapshot import load_people_and_pairs

FIELDS = {"email": "work email", "hired": "hire date", "left": "leaving date"}
# Header spellings of HR exports, folded to lower-case letters and digits, most specific
# first: with both "Hire Date" and "Original Hire Date", the latest hire is the one kept.
HEADERS: dict[str, list[str]] = {
    "email": ["workemail", "workemailaddress", "emailprimarywork", "primaryworkemail",
              "businessemail", "emailwork", "employeeemail", "emailaddress", "email"],
    "hired": ["hiredate", "mostrecenthiredate", "rehiredate", "datehired", "dateofhire",
              "hired", "employmentstartdate", "startdate", "originalhiredate"],
    "left": ["terminationdate", "termdate", "terminationeffectivedate", "separationdate",
             "leavingdate", "dateleft", "lastdayofwork", "lastday", "employmentenddate",
             "enddate", "left"],
}
SHOWN_PROBLEMS = 20  # a wrong date format fails every row: the first ones say enough
NO_LEAVING_YEAR = 9000  # SAP-style exports write 9999-12-31 for "still employed"


def fold(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.casefold())


def parse_columns(options: list[str]) -> dict[str, str]:
    """--column 'Header=field' options (field: email, hired, left or ignore)."""
    given = column_options(options, "'Header=field'", FIELDS,
                           "Fields: email, hired, left (or ignore).")
    seen: set[str] = set()
    for option in options:  # each field from one column only
        target = option.rpartition("=")[2].strip()
        if target != "ignore" and target in seen:
            raise InvalidInput(f"--column {option!r}: another --column already fills {target}")
        seen.add(target)
    return given


def resolve_columns(headers: list[str], given: dict[str, str],
                    source: str) -> dict[str, str]:
    """Export header -> field, for email, hired and left (left may be absent)."""
    folded = {fold(h): h for h in headers}
    columns: dict[str, str] = {}
    for header, target in given.items():
        if fold(header) not in folded:
            raise InvalidInput(f"--column names {header!r}, which {source} does not have",
                               f"Its columns are: {', '.join(map(repr, headers))}.")
        if target != "ignore":
            columns[folded[fold(header)]] = target
    ignored = {folded[fold(h)] for h, t in given.items() if t == "ignore"}
    for target, spellings in HEADERS.items():
        if target in columns.values():
            continue
        for spelling in spellings:
            found = folded.get(spelling)
            if found is not None and found not in columns and found not in ignored:
                columns[found] = target
                break
    missing = [FIELDS[f] for f in ("email", "hired") if f not in columns.values()]
    if missing:
        raise InvalidInput(
            f"{source}: no column for the {' or the '.join(missing)}",
            f"Its columns are: {', '.join(map(repr, headers))}. Name them with "
            "--column 'Header=email' (or hired, left).")
    return columns


def read_roster(source: Path, given: dict[str, str]) -> tuple[Roster, dict[str, str], list[str]]:
    """The export as a Roster, the columns used and those not kept; InvalidFile naming
    every bad row (the first SHOWN_PROBLEMS of them) when any row is bad."""
    headers, body = tables.read_table(source)
    columns = resolve_columns(headers, given, source.name)
    by_field = {t: headers.index(h) for h, t in columns.items()}
    date_cells = [cells[by_field[f]] for _, cells in body for f in ("hired", "left")
                  if f in by_field and by_field[f] < len(cells)]
    order = dates.date_order(date_cells)
    rows: list[RosterRow] = []
    first_row: dict[str, int] = {}
    bad: list[Problem] = []
    ignored = 0
    for number, cells in body:
        values = {f: _cell(cells, i) for f, i in by_field.items()}
        if not values["email"]:
            ignored += 1
            continue
        try:
            row = _row(values, order, columns)
        except InvalidInput as exc:
            bad.append(Problem(source.name, exc.message, field=f"row {number}"))
            continue
        if row.email in first_row:
            bad.append(Problem(source.name, f"{row.email} is also on row "
                               f"{first_row[row.email]}; each person once",
                               field=f"row {number}"))
            continue
        first_row[row.email] = number
        rows.append(row)
    if bad:
        more = len(bad) - SHOWN_PROBLEMS
        shown = bad[:SHOWN_PROBLEMS] + ([Problem(source.name, f"and {more} more bad rows")]
                                        if more > 0 else [])
        raise InvalidFile(shown, "Nothing was imported; the roster kept before is unchanged. "
                                 "Fix these rows in the export and import it again.")
    roster = Roster(imported=dt.datetime.now(dt.UTC).replace(microsecond=0),
                    source=source.name, ignored_rows=ignored, rows=rows)
    return roster, columns, [h for h in headers if h not in columns and h]


def _cell(cells: list[str], index: int) -> str:
    text = " ".join(cells[index].split()) if index < len(cells) else ""
    return "" if is_placeholder(text) else text


def _row(values: dict[str, str], order: str | None, columns: dict[str, str]) -> RosterRow:
    header = {t: h for h, t in columns.items()}
    day: dict[str, dt.date | None] = {}
    for name in ("hired", "left"):
        text = values.get(name, "")
        if not text:
            if name == "hired":
                raise InvalidInput(f"{header[name]}: empty; every person needs a hire date")
            day[name] = None
            continue
        try:
            day[name] = dates.form_date(text, order)
        except dates.DateError as exc:
            raise InvalidInput(f"{header[name]}: {exc}; write YYYY-MM-DD or "
                               "MM/DD/YYYY") from None
    hired, left = day["hired"], day["left"]
    if left is not None and left.year >= NO_LEAVING_YEAR:
        left = None
    if left is not None and hired is not None and left < hired:
        raise InvalidInput(f"{header['left']}: leaving date {left} is before the hire date "
                           f"{hired}")
    try:
        return RosterRow.model_validate({"email": values["email"], "hired": hired, "left": left})
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = header.get(str(first["loc"][0])) if first["loc"] else None
        message = first["msg"].removeprefix("Value error, ")
        raise InvalidInput(f"{where}: {message}" if where else message) from None


def run_import(folder: ProgramFolder, source: Path, *, columns: dict[str, str],
               dry_run: bool = False) -> RosterSummary:
    roster, used, not_kept = read_roster(source, columns)
    before = None if dry_run else _previous(folder)
    summary = summarise(folder, roster, "would-import" if dry_run else "imported")
    summary.columns, summary.not_kept = used, not_kept
    if not dry_run:
        save_roster(folder, roster)
        summary.replaced = before.imported if before else None
    return summary


def _previous(folder: ProgramFolder) -> Roster | None:
    """The roster being replaced; a damaged one is replaced too, not a reason to refuse."""
    try:
        return load_roster(folder)
    except InvalidFile:
        return None


def show(folder: ProgramFolder) -> RosterSummary:
    roster = load_roster(folder)
    if roster is None:
        return RosterSummary("none", "", None, 0, 0, 0, 0, ROSTER_FILE)
    return summarise(folder, roster, "shown")


def summarise(folder: ProgramFolder, roster: Roster, action: str) -> RosterSummary:
    """Counts only: how many rows, how many are participants and mentees today."""
    today = dt.date.today()
    people, relationships, problems = load_people_and_pairs(folder)
    if problems:
        raise InvalidFile(problems)
    people = participants_on(people, today)
    ids = matched(roster, people)
    mentees = took_part(relationships_on(relationships, today).values())
    return RosterSummary(action, roster.source, roster.imported, len(roster.rows),
                         roster.ignored_rows, len(ids),
                         sum(pid in mentees for pid in ids.values()), ROSTER_FILE)
