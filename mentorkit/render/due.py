"""`mentorkit due` on a terminal."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from mentorkit.render import human, text_row
from mentorkit.render.report_sections import text
from mentorkit.services.monitoring.due import DueResult

TERMINAL_ROWS = 50  # per table; the most urgent first


@human.register
def _due(result: DueResult, console: Console) -> None:
    console.print(f"[bold]Due as of {result.as_of}[/]")
    if not result.anything_overdue and not result.coming_meetings and not result.check_ins:
        console.print("Nothing overdue and no meetings agreed in the next "
                      f"{result.within_days} days.")
        return
    _table(console, "Meetings overdue (no session for longer than cadence + grace)",
           ["pair", "last meeting", "days quiet", "overdue by"],
           [[f"{o.mentor_name} ↔ {o.mentee_name}", text(o.last_meeting), str(o.days_quiet),
             f"{o.overdue_days} days"] for o in result.overdue_meetings])
    _table(console, f"Meetings agreed in the next {result.within_days} days",
           ["date", "time", "pair", "in"],
           [[text(c.date), c.time.strftime("%H:%M") if c.time else "", f"{c.mentor_name} ↔ "
             f"{c.mentee_name}", f"{c.in_days} days"] for c in result.coming_meetings])
    _table(console, "Actions past their date", ["pair", "action", "owner", "date", "late"],
           [[a.pair, f"{a.action}: {a.description}", a.owner, text(a.date),
             f"{a.days_late} days"] for a in result.late_actions])
    _table(console, "Closed pairs missing an evaluation", ["pair", "closed", "missing"],
           [[m.pair, text(m.closed), ", ".join(m.missing)] for m in result.missing_evaluations])
    _table(console, "Check-ins due or missing", ["pair", "check-in of", "not answered by",
                                                 "state", "days since"],
           [[f"{c.mentor_name} ↔ {c.mentee_name}", text(c.due), ", ".join(c.missing),
             c.state, str(c.days_since_due)] for c in result.check_ins])
    _table(console, "Pairs to get in touch with (from their check-ins)",
           ["pair", "answered by", "check-in of", "why", "note at"],
           [[f"{f.mentor_name} ↔ {f.mentee_name}", f.respondent, text(f.due),
             ", ".join(f.reasons), f.note] for f in result.needs_coordinator])


def _table(console: Console, title: str, headers: list[str], rows: list[list[str]]) -> None:
    if not rows:
        return
    table = Table(title=f"{title}: {len(rows)}", title_justify="left")
    for header in headers:
        table.add_column(header)
    for row in rows[:TERMINAL_ROWS]:
        text_row(table, *row)
    console.print(table)
    if len(rows) > TERMINAL_ROWS:
        console.print(f"  … {len(rows) - TERMINAL_ROWS} more (`mentorkit due --json` lists all)",
                      style="dim")
