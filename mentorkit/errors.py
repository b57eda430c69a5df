"""One error hierarchy for everything a user can get wrong, and the exit codes.

Every error carries the words a coordinator needs (which file, line and field, what is
wrong, what to do) and an exit code. The CLI maps them to stderr in one place
(`mentorkit.cli.app.main`); nothing below the CLI prints.
"""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path


def quoted(text: str, most: int = 60) -> str:
    """`text` as a message names what was typed: quoted, and cut short when it is long
    (a 5,000-digit "number" is named by its start and length, not printed whole)."""
    if len(text) <= most:
        return repr(text)
    return f"{text[:most]!r}… ({len(text):,} characters)"


class ExitCode(IntEnum):
    """Exit codes, documented in the README."""

    OK = 0
    PROBLEMS_FOUND = 1  # a check found something (validate, due --fail-if-overdue, --edit)
    INVALID = 2  # bad input: a malformed file, a wrong value, a bad command line
    NOT_FOUND = 3  # no program folder, an unknown person or pair
    CONFLICT = 4  # would overwrite or break something that exists
    LOCKED = 5  # another mentorkit command holds the program's lock
    UNAVAILABLE = 6  # a mail server could not be reached, refused the login, or hung up
    INTERRUPTED = 130
    OUTPUT_CLOSED = 141  # the reader of stdout went away (`| head`): 128 + SIGPIPE, as a shell says


class MentorkitError(Exception):
    """Base class: `message` is the first line, `hint` the optional second."""

    exit_code: ExitCode = ExitCode.INVALID

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def lines(self) -> list[str]:
        return [self.message] + ([self.hint] if self.hint else [])


class InvalidInput(MentorkitError):
    """A value given on the command line or in a form is not acceptable."""


class Problem:
    """One thing wrong with one file: `path:line: field: message` (or with an option as
    it was typed, in `path`: `--action 'Shadow a visit|2026-12-10|g1': message`)."""

    __slots__ = ("field", "hint", "line", "message", "path")

    def __init__(
        self,
        path: Path | str,
        message: str,
        *,
        line: int | None = None,
        field: str = "",
        hint: str | None = None,
    ) -> None:
        self.path = str(path)
        self.line = line
        self.field = field
        self.message = message
        self.hint = hint  # what to do, when it is more than "fix the file"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        if self.field:
            return f"{where}: {self.field}: {self.message}"
        return f"{where}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {"path": self.path, "line": self.line, "field": self.field, "message": self.message}


FIX_BY_HAND = "Fix the file by hand (or restore it from git), then run the command again."


class InvalidFile(MentorkitError):
    """A file in the program folder (or given as input) is malformed or invalid.

    The distinct hints its problems carry (a newer schema: upgrade; a merge conflict:
    resolve it) come first, being the most specific; then `hint`, the caller's general
    advice; with neither, it says to fix the file by hand.
    """

    def __init__(self, problems: list[Problem], hint: str | None = None) -> None:
        self.problems = problems
        specific = list(dict.fromkeys(p.hint for p in problems if p.hint))
        if hint is not None:
            for problem in problems:
                problem.hint = problem.hint or hint
        lines = specific + ([hint] if hint and hint not in specific else [])
        super().__init__("\n".join(str(p) for p in problems), "\n".join(lines) or FIX_BY_HAND)


class NewerSchema(InvalidFile):
    """A file written by a newer mentorkit: refuse rather than guess."""


class NotFound(MentorkitError):
    exit_code = ExitCode.NOT_FOUND


class Conflict(MentorkitError):
    exit_code = ExitCode.CONFLICT


class Locked(MentorkitError):
    exit_code = ExitCode.LOCKED


class Unavailable(MentorkitError):
    """A server mentorkit talks to (the mail server) could not be reached or said no."""

    exit_code = ExitCode.UNAVAILABLE
