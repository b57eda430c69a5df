"""rich's console as mentorkit prints with it: to stdout, and table cells as typed."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.table import Table
from rich.text import Text


def text_row(table: Table, *cells: str | Text) -> None:
    """A table row shown as typed: `[brackets]` in a name or a goal are not rich markup."""
    table.add_row(*(c if isinstance(c, Text) else Text(c) for c in cells))


class _StdoutConsole(Console):
    def on_broken_pipe(self) -> None:
        # rich would exit 1 itself; the reader gone is the CLI's to tell (cli/pipe.py)
        raise BrokenPipeError


def stdout_console() -> Console:
    # soft_wrap keeps long lines whole when piped; highlight off: data, not code
    tty = sys.stdout.isatty()
    return _StdoutConsole(highlight=False, soft_wrap=not tty, width=None if tty else 120)
