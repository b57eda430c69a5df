"""`mentorkit request`, `accept` and `decline` on a terminal."""

from __future__ import annotations

from rich.console import Console

from mentorkit.render import human
from mentorkit.services.matching.requests import RequestResult


@human.register
def _request(result: RequestResult, console: Console) -> None:
    r = result.relationship
    line = f"{result.action.capitalize()} {result.pair}: now {r.status.value}"
    if r.match.score is not None:
        line += f" (score {r.match.score:g})"
    console.print(line, markup=False)
    for note in result.notes:
        console.print(f"  {note}", markup=False)
