"""`mentorkit validate`: check every file and every reference."""

from __future__ import annotations

from typing import Annotated

import typer

from mentorkit.cli.common import folder, show
from mentorkit.cli.options import JsonOption


def validate(
    ctx: typer.Context,
    as_json: JsonOption = False,
    fix_permissions: Annotated[bool, typer.Option(
        "--fix-permissions",
        help="First make every relationship's folder and files readable by you only.")
    ] = False,
) -> None:
    """Check every file and reference; exit 1 on any problem.

    Lists every problem at once: file, line, field and what is wrong.
    """
    from mentorkit.errors import ExitCode
    from mentorkit.services.monitoring import validate as service

    if fix_permissions:
        from mentorkit.words import plural

        fixed = service.fix_permissions(folder(ctx))
        typer.echo(f"made {plural(len(fixed), 'file or folder', 'files and folders')} "
                   "private", err=True)
    result = service.run(folder(ctx))
    show(result, as_json)
    if not result.ok:
        raise typer.Exit(int(ExitCode.PROBLEMS_FOUND))


def register(app: typer.Typer) -> None:
    app.command()(validate)
