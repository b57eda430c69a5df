"""`mentorkit outcomes import|show`: the HR roster behind the report's retention figures."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mentorkit.cli.common import folder, show
from mentorkit.cli.options import JsonOption, column_option, dry_run_option

app = typer.Typer(
    help="Import an HR roster for retention figures, or show what is imported.",
    no_args_is_help=True,
)


@app.command("import")
def import_roster(
    ctx: typer.Context,
    source: Annotated[Path, typer.Argument(
        help="The HR system's export (CSV or XLSX): work email, hire date, "
             "termination date.", dir_okay=False)],
    column: Annotated[list[str] | None, column_option(
        "Name a column: 'Header=email', 'Header=hired', 'Header=left' "
        "(or 'Header=ignore'); repeat.")] = None,
    dry_run: Annotated[bool, dry_run_option(
        "Check the export and show the counts; write nothing.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Replace the program's HR roster with an export; every row must be good.

    Only the email, hire and leaving dates are kept, in private/roster.json (owner-only,
    git-ignored). The report compares mentees' retention with colleagues'.
    """
    from mentorkit.services.outcomes import roster_import

    columns = roster_import.parse_columns(column or [])
    show(roster_import.run_import(folder(ctx), source, columns=columns, dry_run=dry_run),
         as_json)


@app.command("show")
def show_roster(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """When the roster was imported, how many people it holds and how many took part."""
    from mentorkit.services.outcomes import roster_import

    show(roster_import.show(folder(ctx)), as_json)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="outcomes")
