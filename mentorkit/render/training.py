"""`mentorkit training` on a terminal."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from mentorkit.render import human
from mentorkit.render.console import text_row
from mentorkit.render.report_sections import DASH, text
from mentorkit.services.programs.attendance import AttendanceResult
from mentorkit.services.programs.training import RecordResult, TrainingStatus
from mentorkit.vocab import Role


@human.register
def _record(result: RecordResult, console: Console) -> None:
    who = f"{result.name} ({result.person})"
    if result.action == "removed":
        line = f"Removed: {who} completed {result.training} on {result.previous}"
    elif result.action == "unchanged":
        line = f"No change: {who} completed {result.training} on {result.date}"
    elif result.action == "changed":
        line = f"Changed: {who} completed {result.training} on {result.date} " \
               f"(was {result.previous})"
    else:
        line = f"Recorded: {who} completed {result.training} on {result.date}"
    console.print(line, markup=False)
    for note in result.notes:
        console.print(f"  note: {note}", markup=False)


@human.register
def _status(result: TrainingStatus, console: Console) -> None:
    if not result.courses:
        console.print("program.yaml names no training (add `training: courses:`).")
        return
    rule = ("mentors are matched only once trained" if result.mentors_must_complete
            else "training is not required to be matched")
    console.print(f"[bold]Training as of {result.as_of}[/] ({rule})")
    if not result.people:
        console.print("Everyone has completed their training." if result.only_due
                      else "Nobody is enrolled.")
        return
    names = [c.name for c in result.courses]
    # the courses the matching rule asks of mentors: where a held-back mentor's gap shows
    for_mentors = {c.name for c in result.courses if c.role.includes(Role.MENTOR)}
    table = Table(show_edge=False, pad_edge=False)
    for header in ("person", "enrolled as", "status", *names):
        table.add_column(header)
    for p in result.people:
        cells = [text(p.completed[n]) if n in p.completed else "not for them" for n in names]
        cells = [DASH + (" NOT MATCHED" if p.blocks_matching and n in for_mentors else "")
                 if c == DASH else c for n, c in zip(names, cells, strict=True)]
        text_row(table, f"{p.name} ({p.id})", p.role, p.status, *cells)
    console.print(table)
    console.print(f"{len(result.people)} listed; {DASH} = not completed yet")


@human.register
def _attendance(result: AttendanceResult, console: Console) -> None:
    verb = "Would record" if result.dry_run else "Recorded"
    console.print(f"{verb} from {result.source}: {result.count('recorded')} new, "
                  f"{result.count('earlier')} earlier date, {result.count('unchanged')} "
                  "already recorded", markup=False)
    if result.ignored_columns:
        console.print(f"  ignored columns: {', '.join(result.ignored_columns)}", markup=False)
    table = Table(show_edge=False, pad_edge=False)
    for header in ("row", "person", "training", "date", ""):
        table.add_column(header)
    for r in result.rows:
        text_row(table, str(r.row), f"{r.name} ({r.person})", r.training, text(r.date),
                 {"recorded": "new", "earlier": "earlier date", "unchanged": "already"}[r.action])
    if result.rows:
        console.print(table)
