"""`mentorkit forms list|copy`: the toolkit's blank forms, with their guidance."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mentorkit.cli.common import show
from mentorkit.cli.options import JsonOption

app = typer.Typer(
    help="Blank toolkit forms with guidance, to copy and fill in.",
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


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="forms")
