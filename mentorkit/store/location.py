"""Where a program folder is and how it is laid out: names only, no models.

Kept apart from store/folder.py so that finding the program costs no pydantic import
(a replayed `report`, store/results.py, needs nothing more).
"""

from __future__ import annotations

import os
from pathlib import Path

from mentorkit.errors import NotFound

PROGRAM_FILE = "program.yaml"
PARTICIPANTS = "participants"
RELATIONSHIPS = "relationships"
STATE = ".mentorkit"
ENV_VAR = "MENTORKIT_PROGRAM"
REHEARSAL_PREFIX = "rehearsal-"  # .mentorkit/rehearsal-<pid>/: store/rehearsal.py


def locate(explicit: Path | None = None, start: Path | None = None) -> Path:
    """The program folder: `explicit` (--program or MENTORKIT_PROGRAM), else the nearest
    folder from `start` upwards that holds program.yaml, as git finds its repository."""
    if explicit is None and os.environ.get(ENV_VAR):
        explicit = Path(os.environ[ENV_VAR])
    if explicit is not None:
        root = explicit.expanduser().resolve()
        if not (root / PROGRAM_FILE).is_file():
            raise NotFound(
                f"{explicit}: no {PROGRAM_FILE} here, so this is not a mentorkit program",
                "Give the folder made by `mentorkit init`, or create one with it.",
            )
        return root
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / PROGRAM_FILE).is_file():
            return folder
    raise NotFound(
        f"no {PROGRAM_FILE} in {here} or any folder above it",
        "Run `mentorkit init` to create a program, or pass --program DIR "
        f"(or set {ENV_VAR}).",
    )
