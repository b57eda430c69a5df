"""`mentorkit events`: group events (Conversation Circles, workshops, kick-offs)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from mentorkit.cli.common import folder, show
from mentorkit.cli.options import AsOf, JsonOption, date_value, repeated, today

app = typer.Typer(
    help="Group events: add, list, record who came, cancel.",
    no_args_is_help=True,
)

EventId = Annotated[str, typer.Argument(help="The event's id (see `mentorkit events list`).",
                                        show_default=False)]


def add(
    ctx: typer.Context,
    title: Annotated[str, typer.Argument(help="What it is called, e.g. 'Conversation Circle'.",
                                         show_default=False)],
    date: Annotated[dt.date, typer.Option("--date", parser=date_value, metavar="DATE",
                                          help="The day, YYYY-MM-DD.", show_default=False)],
    type: Annotated[str, typer.Option(
        "--type", help="conversation-circle, workshop, kick-off, networking, celebration "
                       "or other.")] = "other",
    start: Annotated[str | None, typer.Option(
        metavar="HH:MM", help="Start time on the program's clock (time_zone in program.yaml). "
                              "None: an all-day event.", show_default=False)] = None,
    length: Annotated[str | None, typer.Option(
        metavar="LENGTH", help="How long: 60, '90 min', '1.5 hours'. Default: 60 minutes.",
        show_default=False)] = None,
    place: Annotated[str, typer.Option(help="Where: a room and site.")] = "",
    link: Annotated[str, typer.Option(help="A Teams or Zoom link, or a page about it.")] = "",
    description: Annotated[str, typer.Option(help="A line or two about it.")] = "",
    everyone: Annotated[bool, typer.Option(
        "--everyone", help="Invite every participant (the default when nobody else is named)."
    )] = False,
    role: Annotated[list[str] | None, repeated("Invite every mentor or every mentee (repeat).",
                                               "--role")] = None,
    department: Annotated[list[str] | None, repeated(
        "Invite everyone in a department (repeat).", "--department")] = None,
    person: Annotated[list[str] | None, repeated(
        "Invite a person: id, name or email (repeat).", "--person")] = None,
    pair: Annotated[list[str] | None, repeated("Invite both people of a pair (repeat).",
                                               "--pair")] = None,
    event_id: Annotated[str | None, typer.Option(
        "--id", help="The event's id. Default: from the title and date.",
        show_default=False)] = None,
    as_json: JsonOption = False,
    as_of: AsOf = None,
) -> None:
    """Add a group event and who is invited.

    Invitees are everyone, a role, a department, named people or pairs, or any mix; they
    are worked out when needed, so someone who enrols later is invited to an event for
    everyone. `mentorkit notify` sends the invitations and reminders, and `mentorkit
    calendar` exports the event.
    """
    from mentorkit.services.events import manage

    result = manage.add(folder(ctx), today(as_of), title=title, type=type, date=date,
                        start=start, minutes=length, place=place, link=link,
                        description=description, everyone=everyone, roles=role,
                        departments=department, people=person, pairs=pair, event_id=event_id)
    for warning in result.warnings:
        typer.echo(f"note: {warning}", err=True)
    show(result, as_json)


def listing(
    ctx: typer.Context,
    upcoming: Annotated[bool, typer.Option("--upcoming", help="Only events still ahead.")]
    = False,
    as_json: JsonOption = False,
    as_of: AsOf = None,
) -> None:
    """List the events: date, who is invited, who came."""
    from mentorkit.services.events import manage

    show(manage.list_events(folder(ctx), today(as_of), upcoming=upcoming), as_json)


def attend(
    ctx: typer.Context,
    event: EventId,
    who: Annotated[list[str], typer.Argument(
        help="Who came: people (id, name or email) and pairs that came together (their "
             "pair id counts for both).", show_default=False)],
    remove: Annotated[bool, typer.Option("--remove", help="Take back attendance recorded "
                                                          "by mistake.")] = False,
    as_json: JsonOption = False,
    as_of: AsOf = None,
) -> None:
    """Record who came to an event that has taken place."""
    from mentorkit.services.events import manage

    show(manage.attend(folder(ctx), event, who, today(as_of), remove=remove), as_json)


def cancel(
    ctx: typer.Context,
    event: EventId,
    reason: Annotated[str, typer.Option(help="Why, for the people invited.")] = "",
    as_json: JsonOption = False,
    as_of: AsOf = None,
) -> None:
    """Cancel an event: `notify` tells the invitees and calendars drop it."""
    from mentorkit.services.events import manage

    show(manage.cancel(folder(ctx), event, today(as_of), reason), as_json)


app.command("add")(add)
app.command("create", hidden=True)(add)  # the word some coordinators reach for
app.command("list")(listing)
app.command("attend")(attend)
app.command("cancel")(cancel)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="events")
