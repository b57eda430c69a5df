"""Replay what `report` or `due` printed while the program folder is unchanged.

The cache, and everything its key covers, is store/results.py. This module holds no
model and imports no pydantic, so a replay costs a listing and one lookup.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from mentorkit.store.location import locate
from mentorkit.store.results import Printed, open_results

__all__ = ["Printed", "replayed"]


def replayed(program: Path | None, request: dict[str, Any],
             run: Callable[[], Printed]) -> Printed:
    """What `run` would print for `request` on the program (`program` as --program gives
    it): replayed when the folder, the request and mentorkit are all as they were, else
    `run()`, kept when it succeeds."""
    root = locate(program)
    with open_results(root) as cache:
        key = cache.key(request) if cache is not None else None
        if cache is not None and key is not None:
            found = cache.get(key)
            if found is not None:
                return found
        printed = run()
        if cache is not None and key is not None:
            cache.put(key, printed)
    return printed
