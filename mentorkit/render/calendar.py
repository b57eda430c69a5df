"""`mentorkit calendar` on a terminal; the .ics text itself is services/monitoring/calendar.to_ics
(a reminder message attaches the same event)."""

from __future__ import annotations

from rich.console import Console

from mentorkit.render import human
from mentorkit.services.monitoring.calendar import CalendarResult, to_ics

__all__ = ["to_ics"]  # `from mentorkit.render.calendar import to_ics` still works


@human.register
def _calendar(result: CalendarResult, console: Console) -> None:
    console.print(f"{len(result.meetings)} agreed meeting(s)")
    for m in result.meetings:
        when = f"{m.date} {m.time.strftime('%H:%M')}" if m.time else f"{m.date} (all day)"
        console.print(f"  {when}  {m.summary}", markup=False)
