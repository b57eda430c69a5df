"""`mentorkit collect FILE`: file answers from a Forms export or a pair's workbook."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mentorkit.cli.common import folder, show
from mentorkit.cli.options import JsonOption, column_option, dry_run_option

FORM_NAMES = "session, check-in, evaluation, needs-analysis or goals"


def collect(
    ctx: typer.Context,
    source: Annotated[Path, typer.Argument(
        help="A Google Forms CSV, a Microsoft Forms XLSX, or a pair's workbook (.xlsx).",
        dir_okay=False)],
    form: Annotated[str | None, typer.Option(
        "--form", help=f"Which form it is ({FORM_NAMES}), when the columns do not say.",
        show_default=False)] = None,
    column_map: Annotated[Path | None, typer.Option(
        "--map", help="A YAML file: `columns: {\"Form question\": KEY}`.", dir_okay=False)] = None,
    column: Annotated[list[str] | None, column_option(
        "Map one column: 'Form question=KEY' (repeat; 'ignore' skips; of several "
        "columns titled alike, 'Email#2=KEY' is the second). "
        "Keys: `mentorkit forms questions NAME --json`.")] = None,
    date_order: Annotated[str | None, typer.Option(
        "--date-order", help="How the form writes dates like 3/4/2026: month-first (US) or "
        "day-first. Default: worked out from the export when it can be.",
        show_default=False)] = None,
    dry_run: Annotated[bool, dry_run_option("Show what would be filed; write nothing.")] = False,
    skip_bad: Annotated[bool, typer.Option(
        "--skip-bad", help="File the good rows even if some are bad.")] = False,
    as_json: JsonOption = False,
) -> None:
    """File answers from a Forms export or a pair's workbook.

    Each answer goes to the pair of the person who gave it (found by their email), through
    the same rules as the form commands. Nothing is written unless every row is good (or
    --skip-bad). Collecting the same export again files nothing new; a later answer by the
    same person for the same meeting or check-in replaces the earlier one.
    """
    from mentorkit.errors import InvalidInput
    from mentorkit.services.collection import answers, exports, workbook
    from mentorkit.services.collection import collect as service

    if date_order is not None and date_order not in (answers.MONTH_FIRST, answers.DAY_FIRST):
        raise InvalidInput(f"--date-order {date_order!r}: give month-first or day-first")
    mapping = exports.load_column_map(column_map) if column_map else {}
    mapping.update(exports.parse_column_options(column or []))
    program = folder(ctx)
    if workbook.is_workbook(source):
        result = workbook.collect_workbook(program, source, date_order=date_order,
                                           dry_run=dry_run, skip_bad=skip_bad)
    else:
        result = service.collect(program, source, form=form, column_map=mapping,
                                 date_order=date_order, dry_run=dry_run, skip_bad=skip_bad)
    show(result, as_json)


def register(app: typer.Typer) -> None:
    app.command("collect")(collect)
