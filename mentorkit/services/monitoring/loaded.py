"""What each `mentorkit validate` check is handed: everything that loaded cleanly.

The checks live beside what they check (services/toolkit/checks.py,
services/matching/checks.py, services/monitoring/validate.py); validate.py lists them all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mentorkit.errors import Problem
from mentorkit.models.participant import Participant
from mentorkit.models.program import Program
from mentorkit.models.relationship import Relationship
from mentorkit.store.folder import ProgramFolder


@dataclass
class Loaded:
    """The program folder and the files of it that loaded cleanly."""

    folder: ProgramFolder
    program: Program | None
    people: dict[str, Participant]
    relationships: dict[str, Relationship]


Check = Callable[[Loaded], list[Problem]]  # a check: all it finds wrong
