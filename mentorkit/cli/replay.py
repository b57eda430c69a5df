"""Replay what `report` or `due` printed while the program folder is unchanged.

The cache and what its key covers are store/results.py (used through
services/replay.py); here the CLI says what was asked for, the request, and
how to work the answer out when there is nothing to replay.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from typing import Any

import typer

from mentorkit.services.replay import Printed


def replayed(ctx: typer.Context, request: dict[str, Any], run: Callable[[], Printed], *,
             restore: Callable[[Printed], None] | None = None,
             exit_code: Callable[[Printed], int] | None = None) -> Printed:
    """What `run` would print for `request`: replayed while nothing has changed.
    `exit_code`: see services/replay.replayed."""
    from mentorkit.cli.common import program_option
    from mentorkit.services.replay import replayed as service

    return service(program_option(ctx), request, run, restore=restore, exit_code=exit_code)


def replay_request(command: str, day: dt.date, *, terminal: bool,
                   **options: Any) -> dict[str, Any] | None:
    """What a replayed output must have been asked with: the command, its day and every
    option that shapes the output, and what services/quick.invocation adds (the whole
    environment; for the terminal, stdout's kind, size and encoding). None when the
    output cannot be replayed: on a Windows console rich may write natively, not text."""
    from mentorkit.services.quick import invocation

    if terminal and sys.platform == "win32" and sys.stdout.isatty():
        return None
    return {"command": command, "day": day.isoformat(), **invocation(terminal=terminal),
            **options}
