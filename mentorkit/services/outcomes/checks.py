"""`mentorkit validate`'s check of the HR roster (private/roster.json), read as `report`
and `outcomes show` read it."""

from __future__ import annotations

from mentorkit.errors import InvalidFile, MentorkitError, Problem
from mentorkit.services.monitoring.loaded import Loaded


def roster_file(s: Loaded) -> list[Problem]:
    from mentorkit.store.roster import ROSTER_FILE, load_roster

    try:
        load_roster(s.folder)
    except InvalidFile as exc:
        return exc.problems
    except MentorkitError as exc:  # a link that leads out of the folder
        return [Problem(ROSTER_FILE, exc.message)]
    return []
