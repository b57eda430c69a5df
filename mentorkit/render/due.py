"""`mentorkit due` on a terminal."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from mentorkit.render import human
from mentorkit.render.console import text_row
from mentorkit.render.report_sections import text
from mentorkit.render.words import days, in_days
from mentorkit.services.monitoring.due import DueResult
from mentorkit.services.toolkit.milestones import words
from mentorkit.vocab import Milestone


def milestone_words(value: str) -> str:
    return words(Milestone(value))

TERMINAL_ROWS = 50  # per table; the most urgent first


@human.register
def _due(result: DueResult, console: Console) -> None:
    console.print(f"[bold]Due as of {result.as_of}[/]")
    if not result.anything_listed:
        console.print("Nothing overdue and no meetings agreed in the next "
                      f"{days(result.within_days)}.")
        return
    _table(console, "Meetings overdue (no session for longer than cadence + grace)",
           ["pair", "last meeting", "days quiet", "overdue by"],
           [[f"{o.mentor_name} ↔ {o.mentee_name}", text(o.last_meeting), str(o.days_quiet),
             days(o.overdue_days)] for o in result.overdue_meetings])
    _table(console, f"Meetings agreed in the next {days(result.within_days)}",
           ["date", "time", "pair", "in"],
           [[text(c.date), c.time.strftime("%H:%M") if c.time else "", f"{c.mentor_name} ↔ "
             f"{c.mentee_name}", in_days(c.in_days)] for c in result.coming_meetings])
    _table(console, "Actions past their date", ["pair", "action", "owner", "date", "late"],
           [[a.pair, f"{a.action}: {a.description}", a.owner, text(a.date),
             days(a.days_late)] for a in result.late_actions])
    _table(console, "Pairs late for a milestone (the coordinator should get in touch)",
           ["pair", "matched", "reached", "late for", "was due", "late"],
           [[f"{m.mentor_name} ↔ {m.mentee_name}", text(m.matched), milestone_words(m.reached),
             milestone_words(m.milestone), text(m.due), days(m.days_late)]
            for m in result.late_milestones])
    _table(console, "Requests waiting for the mentor's answer",
           ["pair", "asked", "expires", ""],
           [[f"{r.mentor_name} ← {r.mentee_name}", text(r.requested), text(r.expires),
             "EXPIRED: the mentee should choose again" if r.expired else ""]
            for r in result.requests])
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
    _table(console, "Training still to complete", ["person", "enrolled as", "still to complete",
                                                    ""],
           [[f"{p.name} ({p.id})", p.role, ", ".join(p.missing),
             "not matched until done" if p.blocks_matching else ""] for p in result.training])


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
