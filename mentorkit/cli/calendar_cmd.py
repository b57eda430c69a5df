"""`mentorkit calendar`: the agreed next meetings as an iCalendar (.ics) file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mentorkit.cli.common import folder, show
from mentorkit.cli.options import AsOf, JsonOption, today


def calendar(
    ctx: typer.Context,
    out: Annotated[Path, typer.Option("--out", "-o", dir_okay=False,
                                      help="The .ics file to write.")],
    organizer: Annotated[str | None, typer.Option(
        metavar="EMAIL", help="Add an ORGANIZER (e.g. the coordinator's email).")] = None,
    as_json: JsonOption = False,
    as_of: AsOf = None,
) -> None:
    """Write the agreed next meetings to an .ics file.

    One event per open pair with both people as attendees; importing the file again
    updates the same events (stable UIDs).
    """
    from mentorkit.render.calendar import to_ics
    from mentorkit.render.progress import load_progress
    from mentorkit.services.monitoring import calendar as service
    from mentorkit.services.monitoring.exports import whole_program, write_export

    with whole_program(), load_progress() as progress:
        result = service.calendar(folder(ctx), today(as_of), organizer, progress)
    write_export(out, to_ics(result).decode("utf-8"))
    show(result, as_json)
    if not as_json:
        typer.echo(f"Wrote {out}", err=True)


def register(root: typer.Typer) -> None:
    root.command("calendar")(calendar)
