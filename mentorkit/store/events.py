"""events/<id>.yaml: the program's group events (models/event.py), one file each.

Written like every program file: atomically, under the folder's lock (ProgramFolder.save).
"""

from __future__ import annotations

from pathlib import Path

from mentorkit.errors import InvalidFile, NotFound, Problem
from mentorkit.models.base import is_valid_id
from mentorkit.models.event import Event
from mentorkit.store.folder import ProgramFolder

FOLDER = Event.FOLDER


def events_dir(folder: ProgramFolder) -> Path:
    return folder.root / FOLDER


def event_path(folder: ProgramFolder, event_id: str) -> Path:
    if not is_valid_id(event_id):
        raise NotFound(f"no event {event_id!r}", "See `mentorkit events list` for the ids.")
    return events_dir(folder) / f"{event_id}.yaml"


def has_event(folder: ProgramFolder, event_id: str) -> bool:
    return is_valid_id(event_id) and event_path(folder, event_id).exists()


def scan_events(folder: ProgramFolder) -> tuple[dict[str, Event], list[Problem]]:
    """Every valid event by id (date order), and the problems of the files that are not:
    a file that will not load, or whose `id` is not its file name."""
    found: dict[str, Event] = {}
    trouble: list[Problem] = []
    directory = events_dir(folder)
    if not directory.is_dir():
        return found, trouble
    for path in sorted(directory.glob("*.yaml")):
        shown = folder.relative(path)
        try:
            event = folder.load(path, Event)
        except InvalidFile as exc:
            trouble.extend(exc.problems)
            continue
        if event.id != path.stem:
            trouble.append(Problem(shown, f"is {event.id!r}, but the file is {path.name}",
                                   field="id", hint="Make the id and the file name the same."))
            continue
        found[event.id] = event
    ordered = sorted(found.values(), key=lambda e: (e.date, e.start is not None, e.start, e.id))
    return {e.id: e for e in ordered}, trouble


def load_events(folder: ProgramFolder) -> dict[str, Event]:
    """Every event by id in date order; any invalid file is an error naming it."""
    found, trouble = scan_events(folder)
    if trouble:
        raise InvalidFile(trouble)
    return found


def load_event(folder: ProgramFolder, event_id: str) -> Event:
    path = event_path(folder, event_id)
    if not path.is_file():
        known = ", ".join(list(load_events(folder))[-5:]) if has_events(folder) else ""
        raise NotFound(f"no event {event_id!r}",
                       f"Events: {known}." if known else "Add one with `mentorkit events add`.")
    event = folder.load(path, Event)
    if event.id != event_id:
        raise InvalidFile([Problem(folder.relative(path), f"is {event.id!r}, but the file is "
                                   f"{path.name}", field="id")])
    return event


def save_event(folder: ProgramFolder, event: Event) -> None:
    folder.save(event_path(folder, event.id), event)


def has_events(folder: ProgramFolder) -> bool:
    """Whether the program has an events/ folder at all."""
    return events_dir(folder).is_dir()
