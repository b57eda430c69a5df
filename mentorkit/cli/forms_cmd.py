"""`mentorkit forms list|copy|questions|workbook`: the toolkit's blank forms with their
guidance, the questions to build in Microsoft or Google Forms, and a pair's workbook."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from mentorkit.cli.common import folder, show
from mentorkit.cli.options import JsonOption

app = typer.Typer(
    help="Blank forms, questions for Microsoft/Google Forms, a pair's workbook.",
    no_args_is_help=True,
)


@app.command("list")
def listing(as_json: JsonOption = False) -> None:
    """List the blank forms and the command that fills each."""
    from mentorkit.services.toolkit import catalogue

    show(catalogue.list_forms(), as_json)


@app.command("copy")
def copy(
    name: Annotated[
        str,
        typer.Argument(
            help="The form: needs-analysis, goals, action-plan, "
            "session, evaluation or partnership-ideas."
        ),
    ],
    dest: Annotated[
        Path | None,
        typer.Argument(
            help="A file or folder. Default: ./NAME.yaml. Never overwrites.", show_default=False
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Copy a blank form out to fill in."""
    from mentorkit.services.toolkit import catalogue

    show(catalogue.copy_form(name, dest), as_json)


@app.command("questions")
def questions(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(
        help="The form: session, check-in, evaluation, needs-analysis or goals.")],
    as_json: JsonOption = False,
) -> None:
    """Every question to build the form in Microsoft Forms or Google Forms.

    Type each title word for word and `mentorkit collect` needs no column map. Private
    questions are listed only when program.yaml opts in (collect_private).
    """
    from mentorkit.services.collection import questions as service

    program = _program_settings(ctx)
    show(service.question_list(name, program.collect_private if program else None), as_json)


def _program_settings(ctx: typer.Context) -> Any:
    """The program's settings when run inside a program folder (None outside one)."""
    from mentorkit.errors import NotFound

    try:
        return folder(ctx).load_program()
    except NotFound:
        return None


@app.command("workbook")
def workbook(
    ctx: typer.Context,
    pair: Annotated[str, typer.Argument(help="The pair: its id, or either person.")],
    out: Annotated[Path, typer.Option(
        "--out", help="The workbook to write (.xlsx). Never overwrites.", dir_okay=False)],
    as_json: JsonOption = False,
) -> None:
    """An Excel workbook for a pair without Forms: their goals and actions, sheets for
    session records, check-ins and the evaluation, with drop-down lists and guidance.

    File what they enter with `mentorkit collect FILE.xlsx`.
    """
    from mentorkit.services.collection import workbook as service

    show(service.write_workbook(folder(ctx), pair, out), as_json)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="forms")
