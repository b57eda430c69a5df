"""The `mentorkit` command: registers the command modules and maps errors to exit codes.

Only typer is imported here; each command imports its service when it runs, so
`mentorkit --help` stays as fast as a bare Typer app.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from mentorkit import __version__
from mentorkit.cli import (
    forms_cmd,
    import_cmd,
    init_cmd,
    lifecycle_cmd,
    participants_cmd,
    show_cmd,
    toolkit_cmd,
    validate_cmd,
)
from mentorkit.cli.common import State


class _MentorkitGroup(TyperGroup):
    """The one place where a MentorkitError becomes stderr lines and an exit code."""

    def invoke(self, ctx: Any) -> Any:
        from mentorkit.errors import ExitCode, MentorkitError

        try:
            return super().invoke(ctx)
        except MentorkitError as exc:
            first, *rest = exc.lines()
            typer.echo(f"error: {first}", err=True)
            for line in rest:
                typer.echo(line, err=True)
            raise typer.Exit(int(exc.exit_code)) from None
        except KeyboardInterrupt:
            typer.echo("interrupted", err=True)
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None


app = typer.Typer(
    name="mentorkit",
    cls=_MentorkitGroup,
    help=(
        "Run a workplace mentorship program from a folder of plain YAML files: "
        "enrol people, match mentors and mentees, record the mentoring toolkit, report."
    ),
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mentorkit {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    program: Annotated[
        Path | None,
        typer.Option(
            "--program",
            "-p",
            help="The program folder. Default: the nearest folder upwards with program.yaml.",
            envvar="MENTORKIT_PROGRAM",
            file_okay=False,
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    ctx.obj = State(program=program)


init_cmd.register(app)
participants_cmd.register(app)
import_cmd.register(app)
validate_cmd.register(app)
toolkit_cmd.register(app)
forms_cmd.register(app)
show_cmd.register(app)
lifecycle_cmd.register(app)


def main() -> None:
    """Console entry point."""
    app()
