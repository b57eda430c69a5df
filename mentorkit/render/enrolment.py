"""Human output for init, participants, import and validate."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.table import Table
from rich.text import Text

from mentorkit.render import human
from mentorkit.render.console import stderr_console, text_row
from mentorkit.render.stderr import warn
from mentorkit.render.words import of, plural
from mentorkit.services.enrolment.importer import ImportResult
from mentorkit.services.enrolment.participants import ParticipantList, PersonResult
from mentorkit.services.enrolment.program import InitResult
from mentorkit.services.monitoring.validate import ValidateResult


@human.register
def _init(result: InitResult, console: Console) -> None:
    p = result.program
    start = f" from template {result.template}" if result.template else ""
    console.print(Text.assemble("Created program ", (p.name, "bold"), f" in {result.root}{start}"))
    console.print(
        f"  {plural(p.duration_months, 'month')} from {p.start_date}, meeting {p.cadence.label} "
        f"for about {plural(p.session_minutes, 'minute')}"
    )
    console.print("Next: enrol people with `mentorkit add` or `mentorkit import FILE`.")


@human.register
def _person(result: PersonResult, console: Console) -> None:
    p = result.person
    if result.action in {"added", "updated", "removed", "unchanged"}:
        done = f"{result.action.capitalize()} {result.id} ({p.name}, {p.role.value})"
        console.print(done, markup=False)
        warn(result.warnings)
        if result.action in {"removed", "unchanged"}:
            return
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    rows: list[tuple[str, str]] = [
        ("id", result.id),
        ("name", p.name),
        ("email", p.email),
        ("role", p.role.value),
        ("status", p.status.value),
        ("status changes", "; ".join(f"{c.status.value} from {c.date}"
                                     for c in p.status_changes or [])),
        ("job title", p.job_title),
        ("department", p.department),
        ("site", p.site),
        ("years", _years(p.years_experience)),
        ("manager", p.manager or ""),
        ("can help with", "; ".join(p.can_help_with)),
        ("wants help with", "; ".join(p.wants_help_with)),
        ("career goals", "; ".join(p.career_goals)),
        ("interests", "; ".join(p.interests)),
        ("languages", ", ".join(p.languages)),
        ("meeting modes", ", ".join(m.value for m in p.meeting_modes)),
        ("availability", ", ".join(a.value for a in p.availability)),
        ("preferred mentors", ", ".join(p.preferred_mentors)),
        ("mentor capacity", str(result.capacity) if p.role.mentors else ""),
        ("joined", str(p.joined or "")),
        ("training", "; ".join(f"{c.name} ({c.date})" for c in p.training)),
        ("notes", p.notes),
    ]
    for label, value in rows:
        if value:
            text_row(table, label, value)
    for r in result.relationships:
        other = r.mentee if r.mentor == result.id else r.mentor
        side = "mentor of" if r.mentor == result.id else "mentee of"
        text_row(table, "relationship", f"{side} {other} ({r.status.value}) — {r.id}")
    console.print(table)


def _years(value: float) -> str:
    return f"{value:g}"


# (header, widest it may grow); the short columns keep their full width
LIST_COLUMNS: list[tuple[str, int | None]] = [
    ("id", None), ("name", 22), ("role", None), ("job title", 22), ("department", 20),
    ("site", 16), ("years", None), ("mentees", None), ("status", None),
]
_FULL_WIDTH = {"role": 6, "years": 5, "mentees": 7, "status": 9}


@human.register
def _list(result: ParticipantList, console: Console) -> None:
    if not result.rows:
        console.print(f"No participants match ({result.total} enrolled).")
        return
    if not sys.stdout.isatty() and len(result.rows) > 500:
        # Rich lays out big tables slowly; a plain aligned listing reads the same in a pipe.
        _plain_list(result)
        return
    table = Table(show_edge=False, header_style="bold")
    for column, width in LIST_COLUMNS:
        table.add_column(
            column,
            justify="right" if column in {"years", "mentees"} else "left",
            no_wrap=True,  # one person per line, long text shortened with an ellipsis
            overflow="ellipsis",
            max_width=width,
            # ids are what people type next: never shorten them
            min_width=max(len(r.id) for r in result.rows) if column == "id"
            else _FULL_WIDTH.get(column),
        )
    for row in result.rows:
        p = row.person
        load = f"{row.open_as_mentor}/{row.capacity}" if p.role.mentors else ""
        text_row(table, row.id, p.name, p.role.value, p.job_title, p.department, p.site,
                      _years(p.years_experience), load, p.status.value)
    console.print(table)
    console.print(of(len(result.rows), result.total, "participant"))


def _plain_list(result: ParticipantList) -> None:
    lines = ["\t".join(column for column, _ in LIST_COLUMNS)]
    for row in result.rows:
        p = row.person
        load = f"{row.open_as_mentor}/{row.capacity}" if p.role.mentors else ""
        lines.append("\t".join((row.id, p.name, p.role.value, p.job_title, p.department, p.site,
                                _years(p.years_experience), load, p.status.value)))
    lines.append(of(len(result.rows), result.total, "participant"))
    sys.stdout.write("\n".join(lines) + "\n")


@human.register
def _import(result: ImportResult, console: Console) -> None:
    verb = "Would import" if result.dry_run else "Imported"
    console.print(
        f"{verb} {result.source}: {result.count('create')} new, {result.count('update')} "
        f"updated, {result.count('unchanged')} unchanged"
        + (f", {len(result.bad_rows)} bad rows skipped" if result.bad_rows else "")
    )
    if result.dry_run:
        console.print(f"Read as a {result.export} export. Columns:", markup=False)
        for match in result.columns.to_json():
            console.print(f"  {match['column']} → {match['field']}  (by {match['matched_by']})",
                          markup=False)
    if result.skipped_columns:
        console.print(f"Ignored columns: {', '.join(result.skipped_columns)}", markup=False)
    for header, winner in result.columns.overruled.items():
        field_name = result.columns.fields[winner]
        console.print(f"  {header} also looked like {field_name}; {winner} was used",
                      markup=False)
    if result.date_note:
        console.print(result.date_note, markup=False)
    for s in result.superseded:
        console.print(f"  {s.email} answered {len(s.dropped_rows) + 1} times: kept row "
                      f"{s.kept_row} ({s.kept_submitted}), dropped row"
                      f"{'s' if len(s.dropped_rows) > 1 else ''} "
                      f"{', '.join(map(str, s.dropped_rows))}", markup=False)
    for o in result.outcomes:
        if o.action == "create":
            console.print(f"  + {o.id} ({o.name}, {o.email})  row {o.row}", markup=False)
        elif o.action == "update":
            console.print(f"  ~ {o.id}: {', '.join(o.changed)}  row {o.row}", markup=False)
    for problem in result.bad_rows:
        console.print(f"  ! {problem}", style="red", markup=False)
    if result.dry_run:
        console.print("Nothing was written (dry run).")


SHOWN_WARNINGS = 10


@human.register
def _validate(result: ValidateResult, console: Console) -> None:
    counts = ", ".join(plural(n, k.removesuffix("s"), k) for k, n in result.counts.items())
    if result.warnings:
        err = stderr_console()
        for warning in result.warnings[:SHOWN_WARNINGS]:
            err.print(f"warning: {warning}", markup=False)
        if len(result.warnings) > SHOWN_WARNINGS:
            err.print(f"warning: ... and {len(result.warnings) - SHOWN_WARNINGS} more",
                      markup=False)
        hints = dict.fromkeys(w.hint for w in result.warnings if w.hint)
        for hint in hints:
            err.print(hint, markup=False)
    if result.ok:
        console.print(f"OK: {result.root} ({counts}) has no problems.", markup=False)
        return
    err = stderr_console()
    for problem in result.problems:
        err.print(str(problem), markup=False)
    console.print(f"{plural(len(result.problems), 'problem')} in {result.root} ({counts}).",
                  markup=False)
