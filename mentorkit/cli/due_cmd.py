"""`mentorkit due`: overdue meetings, meetings coming up, late actions, missing evaluations."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from mentorkit.cli.common import folder
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
    from mentorkit.cli.replay import replay_request, replayed
    from mentorkit.errors import ExitCode
    from mentorkit.services.replay import Printed

    def run() -> Printed:
        from mentorkit.render import captured, to_json_text
        from mentorkit.render.progress import load_progress
        from mentorkit.services.monitoring import due as service
        from mentorkit.services.monitoring.exports import whole_program

        with whole_program(), load_progress() as progress:
            result = service.due(folder(ctx), day, within, progress)
        return Printed(to_json_text(result) if as_json else captured(result),
                       {"overdue": result.anything_overdue})

    day = today(as_of)
    request = replay_request("due", day, terminal=not as_json, within=within, json=as_json)

    def exit_code(printed: Printed) -> int:
        overdue = fail_if_overdue and printed.flags.get("overdue")
        return int(ExitCode.PROBLEMS_FOUND) if overdue else 0

    printed = (replayed(ctx, request, run, exit_code=exit_code) if request is not None
               else run())
    sys.stdout.write(printed.stdout)
    if code := exit_code(printed):
        raise typer.Exit(code)


def register(root: typer.Typer) -> None:
    root.command("due")(due)
