"""`mentorkit show PAIR`: one relationship with all its forms."""

from __future__ import annotations

import typer

from mentorkit.cli.common import folder, show
from mentorkit.cli.options import AsOf, JsonOption, Pair, flowed, today


def show_pair(
    ctx: typer.Context, pair: Pair, as_json: JsonOption = False, as_of: AsOf = None
) -> None:
    """One relationship whole, as the pair sees it.

    The people, status and dates, the match, the needs analysis, goals with their
    progress now, the action plan (what is due or late), the session timeline,
    evaluations and partnership ideas, private notes included.
    """
    from mentorkit.services.toolkit import show as service

    show(service.show(folder(ctx), pair, today(as_of)), as_json)


def register(app: typer.Typer) -> None:
    app.command("show", help=flowed(show_pair))(show_pair)
