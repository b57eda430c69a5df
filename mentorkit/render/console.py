"""rich's console as mentorkit prints with it: to stdout, and table cells as typed."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.table import Table
from rich.text import Text

BIG_TABLE = 500  # rows above which a pipe gets plain tab-separated lines (rich is slow)


def table(console: Console, columns: list[str], rows: list[list[str]],
          right: set[str] | None = None) -> None:
    """A table of text as typed: through rich on a terminal or when short; piped with
    more than BIG_TABLE rows, as tab-separated lines under a header line (rich takes
    about 1 ms a row, 10 s for `notify` on a 5,000-person program)."""
    if not sys.stdout.isatty() and len(rows) > BIG_TABLE:
        lines = ["\t".join(columns), *("\t".join(r) for r in rows)]
        console.file.write("\n".join(lines) + "\n")
        return
    shown = Table(show_edge=False, header_style="bold")
    for column in columns:
        shown.add_column(column, justify="right" if column in (right or set()) else "left",
                         overflow="fold")
    for row in rows:
        text_row(shown, *row)
    console.print(shown)


def text_row(table: Table, *cells: str | Text) -> None:
    """A table row shown as typed: `[brackets]` in a name or a goal are not rich markup."""
    table.add_row(*(c if isinstance(c, Text) else Text(c) for c in cells))


class _StdoutConsole(Console):
    def on_broken_pipe(self) -> None:
        # rich would exit 1 itself; the reader gone is the CLI's to tell (cli/pipe.py)
        raise BrokenPipeError


def stdout_console() -> Console:
    # soft_wrap keeps long lines whole when piped; highlight and emoji codes off: what is
    # printed is data as typed (a note saying ":x:" is not a red cross)
    tty = sys.stdout.isatty()
    return _StdoutConsole(highlight=False, emoji=False, soft_wrap=not tty,
                          width=None if tty else 120)


def stderr_console() -> Console:
    """Warnings and refusals beside the output, whole lines however long."""
    return Console(stderr=True, highlight=False, emoji=False, soft_wrap=True)
