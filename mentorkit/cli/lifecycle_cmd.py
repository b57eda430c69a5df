"""A relationship's life: `mentorkit start`, `close` and `reopen` PAIR."""

from __future__ import annotations

from typing import Annotated

import typer

from mentorkit.cli.common import InteractiveOption, JsonOption, folder, interactive, show
from mentorkit.cli.toolkit_cmd import Day, Pair, day_of, flowed


def start(ctx: typer.Context, pair: Pair, date: Day = None, as_json: JsonOption = False) -> None:
    """Make a proposed relationship active.

    Logging its first session does this too.
    """
    from mentorkit.services import lifecycle

    show(lifecycle.start(folder(ctx), pair, day_of(date)), as_json)


def close(
    ctx: typer.Context,
    pair: Pair,
    reason: Annotated[
        str, typer.Option(help="Why it ends: goals met, a move, a rematch...", show_default=False)
    ],
    kind: Annotated[str, typer.Option(help="completed, ended-early or rematched.")] = "completed",
    date: Day = None,
    missing_reason: Annotated[
        str | None,
        typer.Option(
            help="Close even though the final meeting or an evaluation is missing, for this "
            "reason (recorded).",
            show_default=False,
        ),
    ] = None,
    prompt: InteractiveOption = None,
    as_json: JsonOption = False,
) -> None:
    """Close a relationship: completed, ended early, rematched.

    A proper close has a final meeting (log-session --meeting final) and both evaluations
    (evaluate --as mentor, --as mentee). If any is missing, a terminal asks whether to go
    on and why; otherwise give --missing-reason. Closing frees the mentor's place.
    """
    from mentorkit.errors import InvalidInput
    from mentorkit.models.relationship import ClosureKind
    from mentorkit.services import lifecycle

    state = folder(ctx)
    try:
        closure = ClosureKind(kind.strip().casefold())
    except ValueError:
        allowed = ", ".join(k.value for k in ClosureKind)
        raise InvalidInput(f"--kind {kind!r}: use one of {allowed}") from None
    if missing_reason is None and interactive(prompt):
        pair_id, missing = lifecycle.missing_at_close(state, pair)
        if missing:
            typer.echo(f"{pair_id} has no record of:")
            for item in missing:
                typer.echo(f"  - {item}")
            typer.echo(
                "Record them first with `mentorkit log-session PAIR --meeting final` "
                "and `mentorkit evaluate PAIR --as mentor|mentee`."
            )
            if not typer.confirm("Close it anyway?", default=False):
                raise typer.Exit(1)
            missing_reason = typer.prompt("Why are they missing")
    show(
        lifecycle.close(
            state,
            pair,
            reason=reason,
            kind=closure,
            date=day_of(date),
            missing_reason=missing_reason,
        ),
        as_json,
    )


def reopen(
    ctx: typer.Context,
    pair: Pair,
    reason: Annotated[str, typer.Option(help="Why it continues.", show_default=False)],
    date: Day = None,
    as_json: JsonOption = False,
) -> None:
    """Reopen a closed relationship.

    It is active again, with the reason in its history.
    """
    from mentorkit.services import lifecycle

    show(lifecycle.reopen(folder(ctx), pair, reason=reason, date=day_of(date)), as_json)


def register(app: typer.Typer) -> None:
    for command in (start, close, reopen):
        app.command(help=flowed(command))(command)
