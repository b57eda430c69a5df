"""Mentee-driven matching: `mentorkit request MENTEE MENTOR`, `accept PAIR`, `decline PAIR`."""

from __future__ import annotations

from typing import Annotated

import typer

from mentorkit.cli.common import folder, show
from mentorkit.cli.options import Day, JsonOption, Pair, Person, flowed


def request(
    ctx: typer.Context,
    mentee: Annotated[str, typer.Argument(help="The mentee asking (id, name or email).")],
    mentor: Person,
    date: Day = None,
    as_json: JsonOption = False,
) -> None:
    """A mentee asks a mentor for mentoring.

    After `match suggest`. The hard constraints and the mentor's room are checked. The
    request holds one of the mentor's places until the mentor answers (accept, decline)
    or it expires (matching.request_expiry_days in program.yaml, default 14 days).
    """
    from mentorkit.services.matching import requests

    show(requests.request(folder(ctx), mentee, mentor, today=date), as_json)


def accept(ctx: typer.Context, pair: Pair, date: Day = None, as_json: JsonOption = False) -> None:
    """The mentor accepts a request.

    The pair is matched (proposed) that day; the hard constraints and the mentor's room
    are checked again.
    """
    from mentorkit.services.matching import requests

    show(requests.accept(folder(ctx), pair, today=date), as_json)


def decline(
    ctx: typer.Context,
    pair: Pair,
    reason: Annotated[str, typer.Option(help="Why: the mentee is told, to choose well next.",
                                        show_default=False)],
    date: Day = None,
    as_json: JsonOption = False,
) -> None:
    """The mentor declines a request, with a reason.

    The mentor's place is free again and the mentee chooses again.
    """
    from mentorkit.services.matching import requests

    show(requests.decline(folder(ctx), pair, reason=reason, today=date), as_json)


def register(root: typer.Typer) -> None:
    for command in (request, accept, decline):
        root.command(help=flowed(command))(command)
