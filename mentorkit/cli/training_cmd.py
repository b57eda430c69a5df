"""`mentorkit training`: record completed trainings, import attendance, see who is due."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from mentorkit.cli.common import folder, show
from mentorkit.cli.options import (
    AsOf,
    Day,
    JsonOption,
    Person,
    choice,
    column_option,
    date_value,
    dry_run_option,
    today,
)
from mentorkit.vocab import Role

app = typer.Typer(
    help="Record completed trainings, import attendance, see who still needs training.",
    no_args_is_help=True,
)

Training = Annotated[
    str, typer.Argument(help="The training's name as program.yaml gives it (any case, or a "
                             "unique beginning).", show_default=False)
]


@app.command("record")
def record(
    ctx: typer.Context,
    person: Person,
    training: Training,
    date: Day = None,
    replace: Annotated[bool, typer.Option(
        "--replace", help="Change the date of a completion already recorded.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Record that a person completed a training (on --date, default today)."""
    from mentorkit.services.programs import training as service

    day = today(None)
    result = service.record(folder(ctx), person, training, date or day, today=day,
                            replace=replace)
    show(result, as_json)


@app.command("remove")
def remove(ctx: typer.Context, person: Person, training: Training,
           as_json: JsonOption = False) -> None:
    """Take back a completion recorded by mistake."""
    from mentorkit.services.programs import training as service

    show(service.remove(folder(ctx), person, training), as_json)


@app.command("list")
def list_people(
    ctx: typer.Context,
    due: Annotated[bool, typer.Option(
        "--due", help="Only active people with a training still to complete.")] = False,
    role: Annotated[Role | None, typer.Option(
        parser=choice(Role), metavar="ROLE",
        help="Only mentors, mentees or people enrolled as both.")] = None,
    as_json: JsonOption = False,
    as_of: AsOf = None,
) -> None:
    """Who has completed which of their role's trainings, and when."""
    from mentorkit.services.programs import training as service

    show(service.status(folder(ctx), today(as_of), only_due=due, role=role), as_json)


@app.command("import")
def import_attendance(
    ctx: typer.Context,
    source: Annotated[Path, typer.Argument(
        help="The attendance sheet: CSV or XLSX, one row per person.", dir_okay=False)],
    training: Annotated[str | None, typer.Option(
        "--training", help="The training every row attended (when the sheet has no "
                           "training column).", show_default=False)] = None,
    date: Annotated[dt.date | None, typer.Option(
        "--date", parser=date_value, metavar="DATE",
        help="The day every row attended, YYYY-MM-DD (when the sheet has no date column).",
        show_default=False)] = None,
    column: Annotated[list[str] | None, column_option(
        "Name a column: 'Header=person' (or training, date, ignore). Repeat.")] = None,
    dry_run: Annotated[bool, dry_run_option("Show what would be recorded; write nothing.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Record completions from an attendance sheet (CSV or XLSX).

    The person is found by email, name or id. Nothing is recorded unless every row is good.
    """
    from mentorkit.services.programs import attendance

    mapping = attendance.parse_column_options(column or [])
    result = attendance.run_import(folder(ctx), source, today=today(None), column_map=mapping,
                                   training=training, date=date, dry_run=dry_run)
    show(result, as_json)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="training")
