"""Cohorts on the terminal: the next round started (`init --next-from`)."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from mentorkit.render import human
from mentorkit.render.words import plural
from mentorkit.services.programs.next_round import NextRoundResult


@human.register
def _next_round(result: NextRoundResult, console: Console) -> None:
    p = result.program
    console.print(Text.assemble("Started ", (p.name, "bold"), f" in {result.root}, the round "
                                f"after {result.previous}"))
    console.print(f"  {p.duration_months} months from {p.start_date} (dates moved "
                  f"{plural(result.shifted_days, 'day')}), meeting {p.cadence.value}",
                  markup=False)
    console.print(f"  {plural(len(result.carried), 'participant')} carried, status reset to "
                  "active; no relationships", markup=False)
    for d in result.left:
        console.print(f"  not carried: {d.name} ({d.id}), {d.why}", markup=False)
    console.print(f"  {plural(result.past_pairs, 'past pair')} remembered "
                  f"({result.new_past_pairs} from {result.previous}): none is matched again",
                  markup=False)
    for note in result.notes:
        console.print(f"  note: {note}", markup=False)
    console.print(f"Next: check the people (mentorkit --program {result.root} participants "
                  "list), enrol new ones, then match.", markup=False)
