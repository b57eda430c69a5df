"""A Forms export read as responses: who answered, when, and each question's answer.

Google Forms (CSV): `Timestamp` (2026/11/20 9:14:03 AM GMT-5), `Email Address`, then one
column per question titled as the question; ticked boxes joined by ", ".
Microsoft Forms (XLSX): `ID`, `Start time`, `Completion time`, `Email`, `Name` (and, in
newer exports, `Last modified time`, set when the respondent edited their answer), then
the questions; ticked boxes joined by ";" with a trailing ";".
A column is matched to a question by its title (case and punctuation aside), or by a
column map (`--map FILE`, `--column 'Header=KEY'`) naming the question's key. Columns
with the same title are told apart by their place among them: `Email#2` is the second
column titled Email.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from mentorkit.errors import InvalidFile, InvalidInput, Problem
from mentorkit.services.collection import answers
from mentorkit.services.collection.questions import CATALOGUE, PARTNER, FormSpec, spec
from mentorkit.services.inputs import column_options
from mentorkit.words import noun

GOOGLE, MICROSOFT, WORKBOOK = "Google Forms", "Microsoft Forms", "workbook"
ROW = "Row"  # a workbook's column of row ids (services/collection/workbook.py)
# modified: when the answer was last edited, so when it was given (else submitted)
META = {"email", "submitted", "modified", "name", "ignore"}
# Columns every export adds, folded: what they hold.
GOOGLE_META = {"timestamp": "submitted", "email address": "email", "username": "email"}
MICROSOFT_META = {"id": "ignore", "start time": "ignore", "completion time": "submitted",
                  "email": "email", "name": "name", "last modified time": "modified",
                  "total points": "ignore", "quiz feedback": "ignore"}


def kind_of(headers: list[str]) -> str | None:
    """Which Forms wrote a table, from the columns it adds: MICROSOFT (`ID` and
    `Completion time`), GOOGLE (`Timestamp`), or None for any other spreadsheet."""
    folded = {answers.fold(h) for h in headers}
    if {"completion time", "id"} <= folded:
        return MICROSOFT
    return GOOGLE if "timestamp" in folded else None


def added_columns(headers: list[str], kind: str | None) -> dict[str, str]:
    """The columns a Forms export adds itself (header -> email, name, submitted or
    ignore), as opposed to the form's questions."""
    meta = {GOOGLE: GOOGLE_META, MICROSOFT: MICROSOFT_META}.get(kind or "", {})
    return {h: meta[answers.fold(h)] for h in headers if answers.fold(h) in meta}


@dataclass
class ExportRow:
    row: int
    email: str
    name: str
    submitted: dt.datetime
    answers: dict[str, str]  # question key -> the answer as exported (non-empty only)
    dated_by: str = "submitted"  # or "modified": the column `submitted` was read from
    key: str = ""  # a workbook row's own id (models/responses.py's Response.row)


@dataclass
class Export:
    source: str  # Google Forms, Microsoft Forms
    form: FormSpec
    columns: dict[str, str]  # column name -> question key (or email, submitted, name)
    ignored: list[str]
    private_left_out: list[str]  # private questions' columns not filed (no opt-in)
    rows: list[ExportRow]
    bad: list[Problem] = field(default_factory=list)
    date_order: str | None = None
    name: str = ""  # the file (and sheet) it came from, as problems name it
    # header -> the column a person sees, for a column the reader made up (a workbook's
    # Timestamp is a copy of its own "Date answered")
    labels: dict[str, str] = field(default_factory=dict)
    # a workbook's rows that could not be read (bad), by Row id: what they filed before
    # stays theirs until they are put right (services/collection/contests.py)
    unread: set[str] = field(default_factory=set)

    def header(self, key: str) -> str:
        found = next((h for h, k in self.columns.items() if k == key), key)
        return self.labels.get(found, found)


def parse_column_options(options: list[str]) -> dict[str, str]:
    """--column 'Form header=KEY' flags (KEY: a question key, email, submitted or ignore)."""
    return column_options(options, "'Form header=KEY'")


def column_names(headers: list[str]) -> list[str]:
    """Each column as messages and column maps name it: its title, or `Title#2` for the
    second of several columns titled alike (a question titled "Email" beside Microsoft's
    own Email column), which a map keyed by the title alone cannot tell apart."""
    titled = Counter(answers.fold(h) for h in headers)
    seen: Counter[str] = Counter()
    names = []
    for header in headers:
        seen[answers.fold(header)] += 1
        alike = titled[answers.fold(header)] > 1
        names.append(f"{header}#{seen[answers.fold(header)]}" if alike else header)
    return names


def _map_key(name: str) -> str:
    """A column map's key as compared: the title folded, `#N` kept apart from it."""
    numbered = re.fullmatch(r"(.*?)\s*#(\d+)", name)
    return f"{answers.fold(numbered[1])}#{numbered[2]}" if numbered else answers.fold(name)


def load_column_map(path: Any) -> dict[str, str]:
    """A YAML file `columns: {"Form question": KEY, ...}` (or the mapping alone)."""
    from mentorkit.store import tables

    _, data = tables.read_column_map(path)
    if isinstance(data, dict) and "columns" in data:
        data = data["columns"]
    if not isinstance(data, dict) or not all(isinstance(k, str) for k in data):
        raise InvalidFile([Problem(path, "expected `columns:` mapping form headers to keys",
                                   line=1)])
    return {k: "ignore" if v is None else str(v) for k, v in data.items()}


def check_map(mapping: dict[str, str], form: FormSpec | None) -> None:
    keys = {q.key for f in CATALOGUE.values() for q in [PARTNER, *f.questions]}
    if form is not None:
        keys = {q.key for q in [PARTNER, *form.questions]}
    for header, target in mapping.items():
        if target not in keys | META:
            raise InvalidInput(
                f"the column map sends {header!r} to {target!r}, which is no question key",
                "Keys are in `mentorkit forms questions NAME --json`; or email, submitted, "
                "name, ignore.")


def read(
    headers: list[str],
    rows: list[tuple[int, list[str]]],
    *,
    source_name: str,
    form_name: str | None,
    mapping: dict[str, str],
    private_allowed: Any,
    date_order: str | None,
    labels: dict[str, str] | None = None,
) -> Export:
    """The responses in a table read by store.tables; raises InvalidInput when the file
    as a whole cannot be collected (no email column, a required question missing).
    `labels`: how problems name columns the caller made up (Export.labels)."""
    names = column_names(headers)
    source = kind_of(headers) or GOOGLE
    meta = MICROSOFT_META if source == MICROSOFT else GOOGLE_META
    given = {_map_key(k): v for k, v in mapping.items()}
    known = {answers.fold(h) for h in headers} | {_map_key(n) for n in names}
    absent = [k for k in mapping if _map_key(k) not in known]
    if absent:
        raise InvalidInput(
            f"the column map names {', '.join(repr(k) for k in absent)}, which "
            f"{source_name} does not have",
            f"Its columns are: {', '.join(repr(h) for h in headers)}.")
    form = spec(form_name) if form_name else _which_form(headers, given, source_name)
    check_map(mapping, form)
    by_title = {answers.fold(q.title): q for q in [PARTNER, *form.questions]}
    allowed = private_allowed(form)
    columns: dict[str, str] = {}
    ignored: list[str] = []
    left_out: list[str] = []
    for header, name in zip(headers, names, strict=True):
        key = answers.fold(header)
        question = by_title.get(key)
        target = (given.get(_map_key(name)) or given.get(key) or meta.get(key)
                  or (question.key if question else None))
        if target is None or target == "ignore":
            ignored.append(name)
            continue
        question = form.question(target)
        if question is not None and question.private and not allowed:
            left_out.append(name)  # never read: the program has not opted in
            continue
        if target in columns.values():
            raise InvalidInput(f"two columns would fill {target}: {name!r} and "
                               f"{next(h for h, t in columns.items() if t == target)!r}",
                               f"Map one of them with --column '{name}=ignore'.")
        columns[name] = target
    for needed in ("email", "submitted"):
        if needed not in columns.values():
            what = "the respondent's email" if needed == "email" else "when it was submitted"
            raise InvalidInput(
                f"{source_name}: no column for {what}",
                "Turn on 'Collect email addresses' (Google) or keep the Email column "
                "(Microsoft), or map one with --column 'Header=email'.")
    missing = [q.title for q in form.questions
               if q.required and q.key not in columns.values()]
    if missing:
        raise InvalidInput(
            f"{source_name}: no column for the required {noun(len(missing), 'question')} "
            + ", ".join(repr(m) for m in missing),
            f"Build the form from `mentorkit forms questions {form.name}`, or map the "
            "columns with --column 'Header=KEY'.")
    export = Export(source, form, columns, ignored, left_out, [], name=source_name,
                    labels=labels or {})
    date_columns = [names.index(h) for h, k in columns.items()
                    if k in ("submitted", "modified")
                    or (form.question(k) and form.question(k).type == "date")]  # type: ignore[union-attr]
    export.date_order = date_order or answers.date_order(
        cells[i] for _, cells in rows for i in date_columns if i < len(cells))
    for number, cells in rows:
        values = {columns[n]: _tidy(c) for n, c in zip(names, cells, strict=False)
                  if n in columns}
        try:
            export.rows.append(_row(number, values, export))
        except InvalidInput as exc:
            export.bad.append(Problem(source_name, exc.message, field=f"row {number}",
                                      hint=exc.hint))
    return export


def _row(number: int, values: dict[str, str], export: Export) -> ExportRow:
    email = values.get("email", "").strip()
    if not email or email.casefold() == "anonymous":
        raise InvalidInput(f"column {export.header('email')!r}: no email, so no way to "
                           "tell who answered")
    # an edited answer was given when it was last modified: an export made before the
    # edit has the same completion time and the older answers
    when = "modified" if values.get("modified", "").strip() else "submitted"
    stamp = values.get(when, "")
    if not stamp.strip():
        raise InvalidInput(f"column {export.header(when)!r}: required, but left empty")
    try:
        # no order assumed: an ambiguous time is refused, like an ambiguous answer date
        submitted = answers.timestamp(stamp, export.date_order)
    except InvalidInput as exc:
        raise InvalidInput(f"column {export.header(when)!r}: {exc.message}", exc.hint) from None
    kept = {k: v for k, v in values.items()
            if k not in META and v.strip() and not _blank(v)}
    blank = [export.header(q.key) for q in export.form.questions
             if q.required and q.key in export.columns.values() and q.key not in kept]
    if blank:
        raise InvalidInput(f"{noun(len(blank), 'column')} {', '.join(map(repr, blank))}: "
                           "required, but left empty")
    return ExportRow(number, email, values.get("name", ""), submitted, kept, when)


def _tidy(cell: str) -> str:
    """Spaces folded within each line; the lines of a paragraph answer kept."""
    kept = (" ".join(line.split()) for line in cell.splitlines())
    return "\n".join(line for line in kept if line)


def _blank(value: str) -> bool:
    return answers.fold(value) in {"n a", "na", "none", ""} or value.strip() in {"-", "—", ";"}


def _which_form(headers: list[str], given: dict[str, str], source_name: str) -> FormSpec:
    """The form whose question titles (or mapped keys) the headers carry most of."""
    folded = [answers.fold(h) for h in headers]
    scores = []
    for form in CATALOGUE.values():
        titles = {answers.fold(q.title) for q in form.questions}
        keys = {q.key for q in form.questions}
        hits = sum(1 for h in folded if h in titles or given.get(h) in keys)
        scores.append((hits, form.name))
    scores.sort(reverse=True)
    if scores[0][0] == 0 or scores[0][0] == scores[1][0]:
        raise InvalidInput(
            f"{source_name}: cannot tell which form this is from its columns",
            f"Say which with --form ({', '.join(CATALOGUE)}).")
    return CATALOGUE[scores[0][1]]
