"""What the command modules share: the program folder, whether to prompt, showing a result.

The options several commands share are in cli/options.py.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from mentorkit.store.folder import ProgramFolder


@dataclass
class State:
    program: Path | None = None
    _folder: ProgramFolder | None = None

    def folder(self) -> ProgramFolder:
        if self._folder is None:
            from mentorkit.services.resolve import program_folder

            self._folder = program_folder(self.program)
        return self._folder


def _state(ctx: typer.Context) -> State:
    state = ctx.find_root().obj
    if not isinstance(state, State):  # invoked without the root callback (never in practice)
        state = State()
        ctx.find_root().obj = state
    return state


def folder(ctx: typer.Context) -> ProgramFolder:
    return _state(ctx).folder()


def program_option(ctx: typer.Context) -> Path | None:
    """--program as given (None: MENTORKIT_PROGRAM, or the folder found from here)."""
    return _state(ctx).program


def interactive(flag: bool | None) -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty() if flag is None else flag


def split_list(values: list[str] | None) -> list[str] | None:
    """Options that take lists accept repeats and comma/semicolon separated values."""
    if values is None:
        return None
    from mentorkit.services.enrolment.tidy import split_answers

    out: list[str] = []
    for value in values:
        out.extend(split_answers(value))
    return out


def show(result: Any, as_json: bool = False) -> None:
    from mentorkit.render import render

    render(result, as_json=as_json)
