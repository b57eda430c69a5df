"""`mentorkit events` on a terminal."""

from __future__ import annotations

from rich.console import Console

from mentorkit.render import human
from mentorkit.render.words import plural
from mentorkit.services.events.manage import AttendanceSaved, EventList, EventSaved, EventView


def when(event: EventView) -> str:
    if event.start is None:
        return f"{event.date} (all day)"
    return f"{event.date} {event.start.strftime('%H:%M')}, {event.minutes} min"


def where(event: EventView) -> str:
    return " · ".join(p for p in (event.place, event.link) if p) or "place to be confirmed"


@human.register
def _saved(result: EventSaved, console: Console) -> None:
    e = result.event
    if result.action == "cancelled":
        console.print(f"Cancelled {e.title} on {e.date} ({e.id}); `mentorkit notify` tells "
                      f"the {plural(len(e.invited), 'person', 'people')} invited.",
                      markup=False)
        return
    console.print(f"Added {e.title}: {when(e)}, {where(e)}", markup=False)
    console.print(f"  id {e.id}, in {e.file}", markup=False)
    console.print(f"  invited: {e.invite} ({plural(len(e.invited), 'person', 'people')})",
                  markup=False)


@human.register
def _listing(result: EventList, console: Console) -> None:
    if not result.events:
        console.print(f"No events as of {result.as_of}. Add one with `mentorkit events add`.",
                      markup=False)
        return
    # One short block an event, as `git log` prints commits: an event has too much to
    # say for an 80-column table, and its id (what `events attend/cancel` take) must
    # never be cut short.
    console.print(f"Events as of {result.as_of}", markup=False)
    for e in result.events:
        came = {"held": f"{len(e.attended)} came", "upcoming": "upcoming",
                "cancelled": "CANCELLED"}[e.state]
        console.print(f"\n{when(e)}  {e.title} ({e.type})", markup=False)
        console.print(f"  id: {e.id}", markup=False)
        console.print(f"  where: {where(e)}", markup=False)
        console.print(f"  invited: {len(e.invited)} ({e.invite}); {came}", markup=False)


@human.register
def _attendance(result: AttendanceSaved, console: Console) -> None:
    e = result.event
    if result.removed:
        console.print(f"Took back attendance at {e.title} ({e.date}): "
                      f"{', '.join(result.removed)}", markup=False)
    if result.added:
        console.print(f"Recorded at {e.title} ({e.date}): {', '.join(result.added)}",
                      markup=False)
    if result.already:
        console.print(f"  already recorded: {', '.join(result.already)}", markup=False)
    if result.not_invited:
        console.print(f"  not on the invitation list, recorded all the same: "
                      f"{', '.join(result.not_invited)}", markup=False)
    if not (result.added or result.removed):
        console.print("Nothing changed.", markup=False)
    invited = {i.id for i in e.invited}
    came = sum(1 for who in e.attended if who in invited)
    others = len(e.attended) - came  # recorded all the same, but not of the invited
    also = f", and {others} not invited" if others else ""
    console.print(f"  {came} of {len(e.invited)} invited came{also}", markup=False)
