"""`mentorkit due`: overdue meetings, meetings coming up, late actions, missing evaluations."""

from __future__ import annotations

from typing import Annotated

import typer

from mentorkit.cli.common import folder, show
from mentorkit.cli.options import AsOf, JsonOption, today


def due(
    ctx: typer.Context,
    within: Annotated[int, typer.Option(min=0, max=366, metavar="DAYS",
                                        help="Show meetings agreed in the next DAYS.")] = 14,
    fail_if_overdue: Annotated[bool, typer.Option(
        "--fail-if-overdue",
        help="Exit with code 1 when anything is overdue (for scripts and cron).")] = False,
    as_json: JsonOption = False,
    as_of: AsOf = None,
) -> None:
    """Overdue meetings, late actions, missing evaluations.

    Also lists the meetings agreed in the next DAYS (not overdue).
    """
    from mentorkit.errors import ExitCode
    from mentorkit.render.progress import load_progress
    from mentorkit.services.monitoring import due as service
    from mentorkit.services.monitoring.exports import whole_program

    with whole_program(), load_progress() as progress:
        result = service.due(folder(ctx), today(as_of), within, progress)
    show(result, as_json)
    if fail_if_overdue and result.anything_overdue:
        raise typer.Exit(int(ExitCode.PROBLEMS_FOUND))


def register(root: typer.Typer) -> None:
    root.command("due")(due)
