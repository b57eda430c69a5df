"""`mentorkit show PAIR`: one relationship with all its forms."""

from __future__ import annotations

import typer

from mentorkit.cli.common import JsonOption, folder, show
from mentorkit.cli.toolkit_cmd import Pair


def show_pair(ctx: typer.Context, pair: Pair, as_json: JsonOption = False) -> None:
    """One relationship whole: the people, status and dates, the match, needs analysis,
    goals with their progress now, the action plan (what is due or late), the session
    timeline, evaluations and partnership ideas. Private notes included: it is the
    pair's own view."""
    from mentorkit.services import show as service

    show(service.show(folder(ctx), pair), as_json)


def register(app: typer.Typer) -> None:
    app.command("show", rich_help_panel="Relationships")(show_pair)
