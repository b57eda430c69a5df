"""`mentorkit outcomes import` and `outcomes show`: counts about the roster, no rows."""

from __future__ import annotations

from rich.console import Console

from mentorkit.render import human
from mentorkit.services.outcomes.results import RosterSummary


@human.register
def _roster(result: RosterSummary, console: Console) -> None:
    if result.action == "none":
        console.print("No HR roster imported yet. Import one with "
                      "`mentorkit outcomes import ROSTER` (CSV or XLSX).", markup=False)
        return
    when = f"{result.imported:%Y-%m-%d %H:%M} UTC" if result.imported else "unknown"
    head = {"imported": "Imported", "would-import": "Would import",
            "shown": "HR roster"}[result.action]
    console.print(f"{head} {result.source or 'a roster'} ({when}) into {result.file}",
                  markup=False)
    console.print(f"  {result.rows} people on the roster, {result.matched} of them enrolled "
                  f"in the program ({result.mentees} mentees who took part)", markup=False)
    if result.ignored:
        console.print(f"  {result.ignored} rows ignored: no email, so nobody can tell "
                      "whether they took part", markup=False)
    if result.columns:
        used = ", ".join(f"{h} → {t}" for h, t in result.columns.items())
        console.print(f"  columns read: {used}", markup=False)
    if result.not_kept:
        console.print(f"  not kept: {', '.join(result.not_kept)}", markup=False)
    if result.action == "imported" and result.replaced:
        console.print(f"  replaces the roster imported {result.replaced:%Y-%m-%d %H:%M} UTC",
                      markup=False)
    if result.action == "would-import":
        console.print("Nothing was written (dry run).")
    elif result.action == "imported":
        console.print("The roster is private (owner-only, git-ignored); the report shows "
                      "only group figures.", markup=False)
