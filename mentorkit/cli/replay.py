"""Replay what `report` or `due` printed while the program folder is unchanged.

The cache and what its key covers are store/results.py (used through
services/replay.py); here the CLI says what was asked for, the request, and
how to work the answer out when there is nothing to replay.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from typing import Any

import typer

from mentorkit.services.replay import Printed


def replayed(ctx: typer.Context, request: dict[str, Any], run: Callable[[], Printed], *,
             restore: Callable[[Printed], None] | None = None) -> Printed:
    """What `run` would print for `request`: replayed while nothing has changed."""
    from mentorkit.cli.common import program_option
    from mentorkit.services.replay import replayed as service

    return service(program_option(ctx), request, run, restore=restore)


def replay_request(command: str, day: dt.date, *, terminal: bool,
                   **options: Any) -> dict[str, Any] | None:
    """What a replayed output must have been asked with: the command, its day and every
    option that shapes the output, and the whole environment (TZ, and whatever rich reads
    to choose colours and width: a superset, so nothing it reads is missed). For the
    terminal, also whether stdout is one, its size and encoding. None when the output
    cannot be replayed: on a Windows console rich may write natively, not text."""
    stdout = None
    if terminal:
        tty = sys.stdout.isatty()
        if tty and sys.platform == "win32":
            return None
        stdout = {"tty": tty, "encoding": sys.stdout.encoding,
                  "sizes": _terminal_sizes() if tty else None}
    return {"command": command, "day": day.isoformat(), "stdout": stdout,
            "environment": sorted(os.environ.items()), "platform": sys.platform, **options}


def _terminal_sizes() -> list[tuple[int, int] | None]:
    """The size of each standard stream's terminal: rich asks them in turn."""
    sizes: list[tuple[int, int] | None] = []
    for fd in (0, 1, 2):
        try:
            sizes.append(tuple(os.get_terminal_size(fd)))  # type: ignore[arg-type]
        except (OSError, ValueError):
            sizes.append(None)
    return sizes
