"""The `mentorkit` command: registers the command modules and maps errors to exit codes.

Only typer is imported here; each command imports its service when it runs, so
`mentorkit --help` stays as fast as a bare Typer app.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, ClassVar

import typer

from mentorkit import __version__
from mentorkit.cli.common import State
from mentorkit.cli.lazy import Entry, LazyGroup

SET_UP, ENROL, MATCH, TOOLKIT, RELATIONSHIPS, REPORT = (
    "Set up", "Enrol", "Match", "Toolkit", "Relationships", "Check and report",
)

# Every command: the module that registers it, its one-line help, its help panel.
COMMANDS: dict[str, Entry] = {
    "init": Entry(
        "init_cmd", "Create a program folder: program.yaml, participants/, relationships/.",
        SET_UP,
    ),
    "add": Entry("participants_cmd", "Enrol one person as mentor, mentee or both.", ENROL),
    "import": Entry(
        "import_cmd", "Enrol or update many people from a CSV or XLSX sign-up export.", ENROL
    ),
    "participants": Entry(
        "participants_cmd",
        "Look after enrolment: list, show, edit (pause, withdraw) and remove people.",
        ENROL,
    ),
    "match": Entry(
        "match_cmd",
        "Propose the optimal mentor–mentee assignment with reasons; nothing changes until "
        "--apply. Subcommands: suggest, explain.",
        MATCH,
    ),
    "pair": Entry(
        "match_cmd", "Pair a mentor and a mentee by hand (a proposed relationship).", MATCH
    ),
    "unpair": Entry(
        "match_cmd", "Remove a proposed relationship that has no toolkit records yet.", MATCH
    ),
    "show": Entry("show_cmd", "One relationship whole, as the pair sees it.", RELATIONSHIPS),
    "start": Entry(
        "lifecycle_cmd",
        "Make a proposed relationship active (logging its first session does this too).",
        RELATIONSHIPS,
    ),
    "close": Entry(
        "lifecycle_cmd",
        "Close a relationship after the final meeting: completed, ended early, or rematched.",
        RELATIONSHIPS,
    ),
    "reopen": Entry(
        "lifecycle_cmd",
        "Reopen a closed relationship: active again, with the reason in its history.",
        RELATIONSHIPS,
    ),
    "needs-analysis": Entry(
        "toolkit_cmd", "Tool 1 — Needs analysis, filled at the first meeting.", TOOLKIT
    ),
    "goals": Entry(
        "toolkit_cmd",
        "Tool 2 — Goals: up to five, specific and realistic for the time you have.",
        TOOLKIT,
    ),
    "action-plan": Entry(
        "toolkit_cmd",
        "Tool 3 — Action plan: the actions toward each goal, and when each is due.",
        TOOLKIT,
    ),
    "log-session": Entry("toolkit_cmd", "Tool 4 — Session record: log one meeting.", TOOLKIT),
    "evaluate": Entry(
        "toolkit_cmd",
        "Tool 5 — Evaluation at the end, by mentor and mentee separately (--as).",
        TOOLKIT,
    ),
    "partnership": Entry(
        "toolkit_cmd",
        "Tool 6 — Partnership ideas for a lasting professional relationship.",
        TOOLKIT,
    ),
    "forms": Entry(
        "forms_cmd",
        "The toolkit's blank forms (Tools 1-6), with guidance as comments: list them, copy one "
        "out, fill it in, then save it with the form's command and --from FILE.",
        TOOLKIT,
    ),
    "report": Entry(
        "report_cmd",
        "The program evaluation: enrolment, engagement, goals, evaluation and lifecycle.",
        REPORT,
    ),
    "due": Entry(
        "due_cmd", "What needs chasing: overdue meetings, late actions, missing evaluations.",
        REPORT,
    ),
    "calendar": Entry("calendar_cmd", "Write the agreed next meetings to an .ics calendar file.",
                      REPORT),
    "validate": Entry(
        "validate_cmd",
        "Check every file and reference; list all problems; exit 1 if there are any.",
        REPORT,
    ),
}


class _MentorkitGroup(LazyGroup):
    """The one place where a MentorkitError becomes stderr lines and an exit code."""

    registry: ClassVar[dict[str, Entry]] = COMMANDS

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
        except OSError as exc:  # the disk said no: permissions, no space, a file for a folder
            where = f"{exc.filename}: " if exc.filename else ""
            typer.echo(f"error: {where}{exc.strerror or exc}", err=True)
            typer.echo("Check the program folder's permissions and free space.", err=True)
            raise typer.Exit(int(ExitCode.INVALID)) from None
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



def main() -> None:
    """Console entry point."""
    app(prog_name="mentorkit")
