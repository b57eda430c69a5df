"""The `mentorkit` command: registers the command modules and maps errors to exit codes.

Only typer is imported here; each command's module is imported when that command runs
(cli/lazy.py), so `mentorkit --help` costs about half of a bare Typer app.
"""

from __future__ import annotations

import functools
import gc
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, NoReturn

import typer

from mentorkit import __version__
from mentorkit.cli.common import State
from mentorkit.cli.lazy import Entry, LazyGroup

if TYPE_CHECKING:
    from mentorkit.errors import MentorkitError

# The sections of `mentorkit --help`.
ENROL = "Set up and enrol"
MATCH = "Match"
TOOLKIT = "Relationships and the toolkit"
REPORT = "Check and report"

# Every command: the module that registers it, its one-line help, its help panel. This is
# the one place a command's panel is named (modules register commands without one).
COMMANDS: dict[str, Entry] = {
    "init": Entry("init_cmd", "Create a program folder.", ENROL),
    "add": Entry("participants_cmd", "Enrol one person as mentor, mentee or both.", ENROL),
    "import": Entry("import_cmd", "Enrol or update many people from a CSV or XLSX export.", ENROL),
    "participants": Entry(
        "participants_cmd", "List, show, edit, pause, withdraw or remove people.", ENROL
    ),
    "training": Entry(
        "training_cmd",
        "Record completed trainings, import attendance, see who still needs training.", ENROL,
    ),
    "match": Entry("match_cmd", "Propose the optimal assignment, with reasons.", MATCH),
    "pair": Entry("match_cmd", "Pair a mentor and a mentee by hand.", MATCH),
    "unpair": Entry("match_cmd",
                    "Remove a proposed pair with no records yet, or an expired request.", MATCH),
    "request": Entry("requests_cmd", "A mentee asks a mentor for mentoring.", MATCH),
    "accept": Entry("requests_cmd", "The mentor accepts a request.", MATCH),
    "decline": Entry("requests_cmd", "The mentor declines a request, with a reason.", MATCH),
    "show": Entry("show_cmd", "One relationship whole, as the pair sees it.", TOOLKIT),
    "start": Entry("lifecycle_cmd", "Make a proposed relationship active.", TOOLKIT),
    "close": Entry(
        "lifecycle_cmd", "Close a relationship: completed, ended early, rematched.", TOOLKIT
    ),
    "reopen": Entry("lifecycle_cmd", "Reopen a closed relationship.", TOOLKIT),
    "certificate": Entry(
        "certificate_cmd", "Certificates of completion for completed relationships.", TOOLKIT
    ),
    "needs-analysis": Entry(
        "plan_cmd", "Tool 1 — Needs analysis, at the first meeting.", TOOLKIT
    ),
    "goals": Entry("plan_cmd", "Tool 2 — Goals: up to five, specific and realistic.", TOOLKIT),
    "action-plan": Entry(
        "plan_cmd", "Tool 3 — Action plan: the actions toward each goal.", TOOLKIT
    ),
    "log-session": Entry("session_cmd", "Tool 4 — Session record: log one meeting.", TOOLKIT),
    "evaluate": Entry(
        "evaluate_cmd", "Tool 5 — Evaluation, by mentor and mentee separately.", TOOLKIT
    ),
    "partnership": Entry(
        "evaluate_cmd", "Tool 6 — Partnership ideas for a lasting relationship.", TOOLKIT
    ),
    "amend-session": Entry(
        "corrections_cmd", "Correct a session record logged with a mistake.", TOOLKIT
    ),
    "remove-form": Entry("corrections_cmd", "Remove a session or form filed by mistake.",
                         TOOLKIT),
    "forms": Entry(
        "forms_cmd", "Blank forms, questions for Microsoft/Google Forms, a pair's workbook.",
        TOOLKIT,
    ),
    "collect": Entry(
        "collect_cmd", "File answers from a Forms export or a pair's workbook.", TOOLKIT
    ),
    "events": Entry("events_cmd", "Group events: add, list, record who came, cancel.", TOOLKIT),
    "report": Entry(
        "report_cmd", "The program report: enrolment, engagement, goals, ratings.", REPORT
    ),
    "outcomes": Entry(
        "outcomes_cmd", "Import an HR roster for retention figures, or show what is imported.",
        REPORT,
    ),
    "due": Entry("due_cmd", "Overdue meetings, late actions, missing evaluations.", REPORT),
    "calendar": Entry("calendar_cmd", "Write the agreed next meetings to an .ics file.", REPORT),
    "notify": Entry(
        "notify_cmd", "Messages due to participants and the coordinator: list, outbox, or send.",
        REPORT,
    ),
    "validate": Entry(
        "validate_cmd", "Check every file and reference; exit 1 on any problem.", REPORT
    ),
    "schema": Entry(
        "schema_cmd", "JSON Schemas of the program's files, for completion in your editor.",
        REPORT,
    ),
}


def _none_is_none(process: Callable[[Any, Any], Any]) -> Callable[..., Any]:
    """Leave an absent root option (--program, --help) as None without typer's coercion:
    that coercion imports pydantic (typer's value adapters), which nearly doubled the cost
    of `mentorkit CMD --help`."""

    def process_value(ctx: Any, value: Any) -> Any:
        return None if value is None else process(ctx, value)

    return process_value


class _MentorkitGroup(LazyGroup):
    """The one place where errors become plain stderr lines and named exit codes."""

    registry: ClassVar[dict[str, Entry]] = COMMANDS

    def get_params(self, ctx: Any) -> list[Any]:
        params = super().get_params(ctx)
        for param in params:
            if not hasattr(param, "_none_is_none"):
                param.process_value = _none_is_none(param.process_value)  # type: ignore[method-assign]
                param._none_is_none = True  # type: ignore[attr-defined]
        return params

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """Run with typer's own error display off: usage errors become plain lines too."""
        run = functools.partial(
            super().main, args, prog_name, complete_var,
            windows_expand_args=windows_expand_args, **extra,
        )
        if not standalone_mode:
            return run(standalone_mode=False)
        from typer._click.exceptions import NoArgsIsHelpError, UsageError

        from mentorkit.errors import ExitCode

        try:
            code = run(standalone_mode=False)
        except NoArgsIsHelpError as exc:  # `mentorkit` alone, `mentorkit participants`
            exc.show()
            sys.exit(int(ExitCode.INVALID))
        except UsageError as exc:
            typer.echo(f"error: {_plain_usage(exc.format_message())}", err=True)
            if exc.ctx is not None:
                typer.echo(f"See '{exc.ctx.command_path} --help'.", err=True)
            sys.exit(int(ExitCode.INVALID))
        except typer.TyperException as exc:  # click's other errors: a file it could not open
            typer.echo(f"error: {exc.format_message()}", err=True)
            sys.exit(int(ExitCode.INVALID))
        except (typer.Abort, EOFError):  # Ctrl-C or Ctrl-D at a prompt
            typer.echo("\ninterrupted", err=True)
            sys.exit(int(ExitCode.INTERRUPTED))
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: Any) -> Any:
        from mentorkit.errors import ExitCode, MentorkitError

        collect_from_here()
        try:
            return super().invoke(ctx)
        except MentorkitError as exc:
            _fail(exc)
        except BrokenPipeError:  # not the disk: what reads stdout stopped reading
            from mentorkit.cli.pipe import output_closed

            raise typer.Exit(output_closed()) from None
        except OSError as exc:  # the disk said no: permissions, no space, a file for a folder
            where = f"{exc.filename}: " if exc.filename else ""
            typer.echo(f"error: {where}{exc.strerror or exc}", err=True)
            typer.echo("Check the program folder's permissions and free space.", err=True)
            raise typer.Exit(int(ExitCode.INVALID)) from None
        except KeyboardInterrupt:
            typer.echo("interrupted", err=True)
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        except Exception as exc:
            # a value a model refused that no service checked first: still plain words.
            # (Matched through sys.modules: importing pydantic here would slow `--help`,
            # and no model error can be raised before pydantic_core is imported.)
            core = sys.modules.get("pydantic_core")
            if core is None or not isinstance(exc, core.ValidationError):
                raise
            from mentorkit.services.inputs import input_error

            _fail(input_error(exc))


def _fail(exc: MentorkitError) -> NoReturn:
    """The error's one or two plain lines on stderr, and its exit code."""
    first, *rest = exc.lines()
    typer.echo(f"error: {first}", err=True)
    for line in rest:
        typer.echo(line, err=True)
    raise typer.Exit(int(exc.exit_code)) from None


def collect_from_here() -> None:
    """Turn cyclic garbage collection back on (cli/entry.py turns it off while Python
    starts), with everything alive now frozen: the imports and the app live to the end, so
    a collection need never scan them. A command that makes millions of objects (match on
    50,000 mentees) is still collected, less often: the modules a command imports itself
    (the models, rich) and the name index's 7,500 entries made the collector run a few
    hundred times over the same young objects (25 M of a `show` by name's 1,383 M
    instructions; 10 M with these thresholds). Where collection is on already (a test's
    CliRunner, a script calling the app) nothing changes."""
    if not gc.isenabled():
        gc.freeze()
        gc.set_threshold(50_000, 20, 20)
        gc.enable()


# typer checks a number option with pydantic, whose words are for programmers
_PLAIN_WORDS = [
    ("Input should be a valid integer, unable to parse string as an integer",
     "give a whole number"),
    ("Input should be a valid integer, got a number with a fractional part",
     "give a whole number"),
    ("Input should be a valid number, unable to parse string as a number", "give a number"),
    ("Input should be less than or equal to ", "give at most "),
    ("Input should be greater than or equal to ", "give at least "),
    ("Value error, ", ""),
]


def _plain_usage(message: str) -> str:
    """typer's wording of a bad option value, in the words the rest of mentorkit uses."""
    for technical, plain in _PLAIN_WORDS:
        message = message.replace(technical, plain)
    return message


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
    import warnings

    # A library's warning (openpyxl on an odd workbook, say) is for developers, never for
    # the person at the terminal; every problem mentorkit finds is its own plain error.
    warnings.simplefilter("ignore")
    app(prog_name="mentorkit")
