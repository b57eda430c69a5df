"""Replay what `report`, `due` or `match` printed while the program folder is unchanged.

The cache, and everything its key covers, is store/results.py. This module holds no
model and imports no pydantic, so a replay costs a listing and one lookup. A plain
`report` or `due` is also kept for the quick replay (services/quick.py), which answers
its command line before the CLI is even imported.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from mentorkit.services import quick
from mentorkit.store.location import locate
from mentorkit.store.results import Printed, folder_state, open_results

__all__ = ["Printed", "replayed"]


def replayed(program: Path | None, request: dict[str, Any], run: Callable[[], Printed],
             *, restore: Callable[[Printed], None] | None = None,
             exit_code: Callable[[Printed], int] | None = None) -> Printed:
    """What `run` would print for `request` on the program (`program` as --program gives
    it): replayed when the folder, the request and mentorkit are all as they were, else
    `run()`, kept when it succeeds. The files a command writes (Printed.files) are its
    output, not its input: they are left out of the key, and on a replay `restore`
    (given what is replayed) puts back any of them changed or removed since.

    `exit_code`, when given, says the command prints `stdout` as it is and nothing else,
    then exits with that code: the run is then also kept for `quick`."""
    root = locate(program)
    outputs = frozenset(request.get("writes", ()))
    run_by = quick.started(root) if exit_code is not None and not outputs else None
    with open_results(root) as cache:
        state = None
        if cache is not None:  # (quick may have worked it out already)
            state = (run_by.state if run_by is not None and run_by.state is not None
                     else folder_state(root, skip=outputs))
        key = cache.key(request, state) if cache is not None and state is not None else None
        printed = cache.get(key) if cache is not None and key is not None else None
        if printed is not None and set(printed.files) == outputs:
            if printed.files and restore is not None:
                restore(printed)
        else:
            printed = run()
            if cache is not None and key is not None and set(printed.files) == outputs:
                cache.put(key, printed)
        if (run_by is not None and exit_code is not None and cache is not None
                and state is not None and not printed.files and not printed.warnings):
            quick.keep(cache, run_by, state, printed, exit_code(printed))
    return printed
