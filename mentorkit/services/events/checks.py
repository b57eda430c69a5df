"""`mentorkit validate` on events/: each file loads, its id is its name, and every person
and pair it names (invited or attended) is in the program."""

from __future__ import annotations

from mentorkit.errors import Problem
from mentorkit.services.monitoring.loaded import Loaded


def check_events(s: Loaded) -> list[Problem]:
    from mentorkit.store.events import events_dir, scan_events

    directory = events_dir(s.folder)
    if s.folder.is_misplaced(directory):
        return [Problem(s.folder.relative(directory), "should be a folder")]
    events, out = scan_events(s.folder)
    for entry in s.folder.entries(directory):
        if not (entry.name.startswith(".") or entry.name.endswith(".yaml")):
            out.append(Problem(s.folder.relative(entry.path),
                               "not an event file (expected <id>.yaml)"))
    for event_id, event in events.items():
        shown = s.folder.relative(directory / f"{event_id}.yaml")
        named = [(f"invite.people.{i}", p) for i, p in enumerate(event.invite.people)]
        named += [(f"attended.{i}.person", a.person) for i, a in enumerate(event.attended)]
        for where, person in named:
            if person not in s.people:
                out.append(Problem(shown, f"{person!r} is not an enrolled participant",
                                   field=where))
        pairs = [(f"invite.pairs.{i}", p) for i, p in enumerate(event.invite.pairs)]
        pairs += [(f"attended.{i}.pair", a.pair) for i, a in enumerate(event.attended) if a.pair]
        for where, pair in pairs:
            if pair not in s.relationships:
                out.append(Problem(shown, f"{pair!r} is not a relationship in the program",
                                   field=where))
    return out
