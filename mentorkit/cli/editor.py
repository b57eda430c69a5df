"""`--edit`: a form in $EDITOR, reopened with the errors on top until it is valid (as
`git commit` does). What was typed is never lost: if you give up after an error, the
working file stays in .mentorkit/ and its path is printed.

Lines starting with `#!` are mentorkit's notes (context, errors) and are never saved.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import typer

if TYPE_CHECKING:
    from mentorkit.store.folder import ProgramFolder

R = TypeVar("R")
MARK = "#!"
MAX_ROUNDS = 20  # an editor (or a script) that never produces a valid form is stopped


def editor_command() -> list[str]:
    command = os.environ.get("EDITOR") or os.environ.get("VISUAL") or "vi"
    return shlex.split(command)


def strip_notes(text: str) -> str:
    return "".join(line for line in text.splitlines(keepends=True) if not line.startswith(MARK))


def has_content(text: str) -> bool:
    return any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines())


def compose(notes: list[str], body: str) -> str:
    return "".join(f"{MARK} {line}".rstrip() + "\n" for line in notes) + body


def error_notes(exc: Exception, shift: int) -> list[str]:
    """The error as `#!` lines; line numbers shifted to match the reopened file."""
    from mentorkit.errors import InvalidFile, MentorkitError

    lines = [
        "This form was NOT saved. Correct it below and save again;",
        "empty the file to give up.",
    ]
    if isinstance(exc, InvalidFile):
        for p in exc.problems:
            where = f"line {p.line + shift}" if p.line else "form"
            lines.append(f"  {where}: {p.field + ': ' if p.field else ''}{p.message}")
    elif isinstance(exc, MentorkitError):
        lines += [f"  {line}" for line in exc.lines()]
    return lines


def _abort(message: str) -> typer.Exit:
    """Give up the edit: nothing was saved because the form never passed its checks."""
    from mentorkit.errors import ExitCode

    typer.echo(f"aborted: {message}", err=True)
    return typer.Exit(int(ExitCode.PROBLEMS_FOUND))


def _run(path: str) -> None:
    argv = [*editor_command(), path]
    try:
        code = subprocess.run(argv, check=False).returncode
    except FileNotFoundError:
        raise _abort(f"cannot run the editor {argv[0]!r}; set EDITOR (or VISUAL)") from None
    if code != 0:
        raise _abort(f"the editor exited with status {code}")


def edit_until_valid(
    folder: ProgramFolder,
    name: str,
    text: str,
    context: list[str],
    submit: Callable[[str], R],
) -> R:
    """Open `text` in $EDITOR; hand what was typed to `submit` until it is accepted."""
    from mentorkit.errors import ExitCode, MentorkitError

    notes = list(context)
    path = folder.write_scratch(f"edit-{name}-{os.getpid()}.yaml", compose(notes, text))
    original = shown = strip_notes(text)
    saved = False
    try:
        for _ in range(MAX_ROUNDS):
            _run(str(path))
            typed = strip_notes(folder.read_scratch(path))
            if not has_content(typed):
                raise _abort("the form is empty; nothing was saved")
            if typed == shown:
                what = "nothing changed" if typed == original else "the errors are still there"
                raise _abort(f"{what}; nothing was saved")
            try:
                result = submit(typed)
            except MentorkitError as exc:
                if (
                    exc.exit_code != ExitCode.INVALID
                ):  # not a problem with the form (not found, locked...)
                    raise
                shown = typed
                above = len(error_notes(exc, 0)) + len(context)  # lines before the form
                notes = error_notes(exc, above) + context
                folder.write_scratch(path.name, compose(notes, typed))
                continue
            saved = True
            return result
        raise _abort(f"still not valid after {MAX_ROUNDS} tries")
    finally:
        left = (
            strip_notes(folder.read_scratch(path)) if folder.scratch_exists(path) else original
        )
        if saved or left == original or not has_content(left):
            folder.remove_scratch(path)
        else:
            typer.echo(f"What you typed is kept in {path}", err=True)
