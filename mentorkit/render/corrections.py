"""`mentorkit amend-session` and `remove-form` on a terminal."""

from __future__ import annotations

from rich.console import Console

from mentorkit.render import human
from mentorkit.services.toolkit.corrections import CorrectionResult


@human.register
def _correction(result: CorrectionResult, console: Console) -> None:
    r = result.relationship
    console.print(f"{result.action.capitalize()} {result.form} of {result.pair}; the pair is "
                  f"{r.status.value}" + (f" (since {r.started})" if r.started else ""),
                  markup=False)
    for note in result.notes:
        console.print(f"  {note}", markup=False)
    console.print("  noted in the relationship's history", markup=False)
