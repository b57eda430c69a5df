"""The quick replay: `report` or `due` answered from its command line alone, before
Typer and the CLI are imported (called by cli/entry.py).

It only ever answers a command line that ran through services/replay.replayed before,
printed its output as it is and nothing else, on this very folder (the same stat key),
from the same directory, in the same environment, on the same day, to the same kind of
terminal, with the same mentorkit. Importing Typer and the commands costs more than the
whole replay, which is why it exists.

Light on purpose: every command's start imports this module, `--help` included, so the
cache is only imported once the command line names a command that may be quick.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from mentorkit.store.location import ENV_VAR

if TYPE_CHECKING:
    from mentorkit.store.results import Printed, ResultCache

# What these commands print is their whole output (match writes a proposal: never quick).
QUICK_COMMANDS = frozenset({"report", "due"})


class QuickAnswer(NamedTuple):
    stdout: str
    exit_code: int


class Started(NamedTuple):
    """What `quick` saw of this run, for `replayed` to keep the answer under."""

    root: Path
    request: dict[str, Any]
    state: bytes | None  # the folder's state, when quick had to work it out


_started: Started | None = None


def invocation(*, terminal: bool) -> dict[str, Any]:
    """What shapes any output besides the options: the whole environment (TZ, and
    whatever rich reads to choose colours and width: a superset, so nothing it reads is
    missed), the platform, and for the terminal whether stdout is one, its size and its
    encoding."""
    stdout = None
    if terminal:
        tty = sys.stdout.isatty()
        stdout = {"tty": tty, "encoding": sys.stdout.encoding,
                  "sizes": _terminal_sizes() if tty else None}
    return {"stdout": stdout, "environment": sorted(os.environ.items()),
            "platform": sys.platform}


def _terminal_sizes() -> list[tuple[int, int] | None]:
    """The size of each standard stream's terminal: rich asks them in turn."""
    sizes: list[tuple[int, int] | None] = []
    for fd in (0, 1, 2):
        try:
            sizes.append(tuple(os.get_terminal_size(fd)))  # type: ignore[arg-type]
        except (OSError, ValueError):
            sizes.append(None)
    return sizes


def quick(argv: list[str]) -> QuickAnswer | None:
    """What the command line `argv` printed when it last ran on the folder as it is now,
    if it can be replayed (see the module docstring); else None, and the CLI runs."""
    global _started
    _started = None
    found = _command(argv)
    if found is None or found[1] not in QUICK_COMMANDS or sys.platform == "win32":
        return None  # (a Windows console: rich may write natively, not text)
    import datetime as dt

    from mentorkit.errors import MentorkitError
    from mentorkit.store.location import locate
    from mentorkit.store.results import folder_state, open_results

    program = found[0]
    try:
        root = locate(Path(program) if program is not None else None)
        cwd = os.getcwd()
    except (MentorkitError, OSError):
        return None  # not a program here (or no directory at all): the CLI says so
    request = {"quick": argv, "cwd": cwd, "day": dt.date.today().isoformat(),
               **invocation(terminal=True)}
    with open_results(root) as cache:
        if cache is None:
            return None
        kept = cache.get_json(cache.key(request, b""))
        if not isinstance(kept, dict) or kept.get("root") != str(root):
            _started = Started(root, request, None)
            return None
        state = folder_state(root)
        _started = Started(root, request, state)
        if state is None or kept.get("state") != _digest(state):
            return None
        stdout, code = kept.get("stdout"), kept.get("exit_code")
        if not isinstance(stdout, str) or not isinstance(code, int):
            return None
        return QuickAnswer(stdout, code)


def _command(argv: list[str]) -> tuple[str | None, str] | None:
    """--program's value (or None) and the command, from the options before it; None
    for anything else before the command (--help, --version, a typo): the CLI decides."""
    program = None
    at = 0
    while at < len(argv) and argv[at].startswith("-"):
        option = argv[at]
        if option in ("-p", "--program") and at + 1 < len(argv):
            program, at = argv[at + 1], at + 2
        elif option.startswith("--program="):
            program, at = option.partition("=")[2], at + 1
        else:
            return None
    if at >= len(argv):
        return None
    if program is None and os.environ.get(ENV_VAR):
        program = os.environ[ENV_VAR]
    return program, argv[at]


def started(root: Path) -> Started | None:
    """This run's command line as `quick` saw it, if it was on `root`. Only this very
    process's (an earlier command line in the same process, as in tests, is not it)."""
    if _started is None or _started.root != root or _started.request["quick"] != sys.argv[1:]:
        return None
    return _started


def keep(cache: ResultCache, run: Started, state: bytes, printed: Printed,
         exit_code: int) -> None:
    """Keep what `run`'s command line printed on the folder in `state`, for `quick`."""
    cache.put_json(cache.key(run.request, b""), {
        "root": str(run.root), "state": _digest(state), "stdout": printed.stdout,
        "exit_code": exit_code})


def _digest(state: bytes) -> str:
    import hashlib

    return hashlib.blake2b(state, digest_size=32).hexdigest()
