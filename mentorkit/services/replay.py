"""Replay what `report`, `due` or `match` printed while the program folder is unchanged.

The cache, and everything its key covers, is store/results.py. This module holds no
model and imports no pydantic, so a replay costs a listing and one lookup.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from mentorkit.store.location import locate
from mentorkit.store.results import Printed, folder_state, open_results

__all__ = ["Printed", "replayed"]


def replayed(program: Path | None, request: dict[str, Any], run: Callable[[], Printed],
             *, restore: Callable[[Printed], None] | None = None) -> Printed:
    """What `run` would print for `request` on the program (`program` as --program gives
    it): replayed when the folder, the request and mentorkit are all as they were, else
    `run()`, kept when it succeeds. The files a command writes (Printed.files) are its
    output, not its input: they are left out of the key, and on a replay `restore`
    (given what is replayed) puts back any of them changed or removed since."""
    root = locate(program)
    outputs = frozenset(request.get("writes", ()))
    with open_results(root) as cache:
        state = folder_state(root, skip=outputs) if cache is not None else None
        key = cache.key(request, state) if cache is not None and state is not None else None
        if cache is not None and key is not None:
            found = cache.get(key)
            if found is not None and set(found.files) == outputs:
                if found.files and restore is not None:
                    restore(found)
                return found
        printed = run()
        if cache is not None and key is not None and set(printed.files) == outputs:
            cache.put(key, printed)
    return printed
