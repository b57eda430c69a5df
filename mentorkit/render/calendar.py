"""`mentorkit calendar` on a terminal; the .ics text itself is
services/monitoring/calendar.to_ics (a reminder message attaches the same event)."""

from __future__ import annotations

from rich.console import Console

from mentorkit.render import human
from mentorkit.render.words import plural
from mentorkit.services.monitoring.calendar import CalendarResult, to_ics

__all__ = ["to_ics"]  # `from mentorkit.render.calendar import to_ics` still works


@human.register
def _calendar(result: CalendarResult, console: Console) -> None:
    shown = sum(m.status == "confirmed" for m in result.meetings)
    cancelled = len(result.meetings) - shown
    console.print(f"{plural(shown, 'agreed meeting')}, times in {result.time_zone}"
                  + (f"; {cancelled} cancelled" if cancelled else "")
                  + (f"; {plural(len(result.events), 'group event')}" if result.events else ""),
                  markup=False)
    for m in result.meetings:
        when = f"{m.date} {m.time.strftime('%H:%M')}" if m.time else f"{m.date} (all day)"
        note = f"  (cancelled: {m.why_cancelled})" if m.status == "cancelled" else ""
        console.print(f"  {when}  {m.summary}{note}", markup=False)
    for e in result.events:
        when = f"{e.date} {e.start.strftime('%H:%M')}" if e.start else f"{e.date} (all day)"
        note = "  (cancelled)" if e.status == "cancelled" else ""
        console.print(f"  {when}  {e.title}: {len(e.invitees)} invited{note}", markup=False)
