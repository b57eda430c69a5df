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
        metavar="EMAIL",
        help="The ORGANIZER of every meeting. Default: calendar.organizer in program.yaml "
             "(the coordinator), else each pair's mentor.")] = None,
    include_past: Annotated[bool, typer.Option(
        "--include-past", help="Also export agreed meetings whose day has passed.")] = False,
    as_json: JsonOption = False,
    as_of: AsOf = None,
) -> None:
    """Write the agreed next meetings to an .ics file.

    One event per open pair with both people as attendees, in the program's time zone
    (time_zone in program.yaml). Importing the file again updates the same events: a
    moved meeting moves and a cancelled one (pair closed, meeting replaced) is cancelled.

    Group events (`mentorkit events`) still ahead go in too, with everyone invited as
    attendees; a cancelled one is marked cancelled.
    """
    from mentorkit.render.calendar import to_ics
    from mentorkit.render.progress import load_progress
    from mentorkit.services.monitoring import calendar as service
    from mentorkit.services.monitoring.exports import whole_program, write_export

    with whole_program(), load_progress() as progress:
        result = service.calendar(folder(ctx), today(as_of), organizer, progress,
                                  include_past=include_past)
    write_export(out, to_ics(result).decode("utf-8"))
    show(result, as_json)
    if not as_json:
        typer.echo(f"Wrote {out}", err=True)


def register(root: typer.Typer) -> None:
    root.command("calendar")(calendar)
