"""`mentorkit import FILE`: enrol many people from a sign-up form export."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mentorkit.cli.common import folder, show
from mentorkit.cli.options import JsonOption, column_option, dry_run_option


def import_file(
    ctx: typer.Context,
    source: Annotated[
        Path, typer.Argument(help="The CSV or XLSX export of the sign-up form.", dir_okay=False)
    ],
    column_map: Annotated[
        Path | None,
        typer.Option(
            "--map", help="A YAML file: `columns: {\"Form question\": field}`.", dir_okay=False
        ),
    ] = None,
    column: Annotated[list[str] | None, column_option(
        "Map one column: 'Form question=field' (repeat; 'ignore' skips).")] = None,
    dry_run: Annotated[bool, dry_run_option("Show what would change; write nothing.")] = False,
    skip_bad: Annotated[
        bool, typer.Option("--skip-bad", help="Import the good rows even if some are bad.")
    ] = False,
    keep_latest: Annotated[
        bool, typer.Option(
            "--keep-latest", help="Someone who answered twice (same email): keep their later "
            "answer, by the export's Timestamp or Completion time, and say which was dropped.")
    ] = False,
    date_order: Annotated[str | None, typer.Option(
        "--date-order", help="How the form writes dates like 3/4/2026: month-first (US) or "
        "day-first. Default: worked out from the export, else month-first (said).",
        show_default=False)] = None,
    as_json: JsonOption = False,
) -> None:
    """Enrol or update many people from a CSV or XLSX export.

    Google Forms and Microsoft Forms exports are recognised by their columns; common
    questions ("Email address", "Languages you speak") are matched without a map, and
    --dry-run shows which column fills which field. People already enrolled are matched
    by email and updated, never duplicated. Nothing is written unless every row is good
    (or --skip-bad).
    """
    from mentorkit import dates
    from mentorkit.errors import InvalidInput
    from mentorkit.services.enrolment import importer

    if date_order is not None and date_order not in (dates.MONTH_FIRST, dates.DAY_FIRST):
        raise InvalidInput(f"--date-order {date_order!r}: give month-first or day-first")
    mapping, choices = importer.load_column_map(column_map) if column_map else ({}, {})
    mapping.update(importer.parse_column_options(column or []))
    result = importer.run_import(
        folder(ctx), source, column_map=mapping, choices=choices, date_order=date_order,
        keep_latest=keep_latest, dry_run=dry_run, skip_bad=skip_bad,
    )
    show(result, as_json)


def register(app: typer.Typer) -> None:
    app.command("import")(import_file)
