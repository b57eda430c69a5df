"""The report test program (tests/report_program.py) with group events, through the CLI.

Mentors Ana, Ben, Hal (both); mentees Cara, Dev, Eli, Fay (paused), Gus, Hal, Ivy;
Nursing: Ana, Cara, Dev, Gus. Pairs include ana--cara and hal--gus.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mentorkit.store.folder import ProgramFolder
from tests import report_program

ADDED_ON = "2026-03-20"
CIRCLE = "conversation-circle-2026-04-15"
WORKSHOP = "goal-setting-workshop-2026-03-25"


def ok(result: Any) -> Any:
    assert result.exit_code == 0, result.output + result.stderr
    return result


def build(folder: ProgramFolder, cli: Callable[..., Any], *, zone: str | None = None) -> None:
    report_program.build(folder)
    if zone:
        program = folder.load_program()
        folder.save_program(program.model_copy(update={"time_zone": zone}))
    ok(cli("events", "add", "Conversation Circle", "--type", "Conversation Circle",
           "--date", "2026-04-15", "--start", "12:30", "--length", "1 hour",
           "--place", "Education Centre, Room 2", "--role", "mentee", "--as-of", ADDED_ON))
    ok(cli("events", "add", "Goal-setting workshop", "--type", "workshop",
           "--date", "2026-03-25", "--start", "09:00", "--length", "90 min",
           "--link", "https://teams.example.org/goals", "--department", "Nursing",
           "--pair", "hal--gus", "--as-of", ADDED_ON))
