"""A relationship's life: `mentorkit start`, `close` and `reopen` PAIR."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from mentorkit.cli.common import folder, interactive, show
from mentorkit.cli.options import Day, InteractiveOption, JsonOption, Pair, flowed


def start(ctx: typer.Context, pair: Pair, date: Day = None, as_json: JsonOption = False) -> None:
    """Make a proposed relationship active.

    Logging its first session does this too.
    """
    from mentorkit.services.toolkit import lifecycle

    show(lifecycle.start(folder(ctx), pair, date), as_json)


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
    (evaluate --as mentor, --as mentee). If any is missing, a terminal offers to record
    it there and then, and asks whether to go on without what is still missing, and why;
    in scripts give --missing-reason. Closing frees the mentor's place.
    """
    from mentorkit.errors import InvalidInput
    from mentorkit.models.relationship import ClosureKind
    from mentorkit.services.toolkit import lifecycle
    from mentorkit.vocab import spoken_key

    state = folder(ctx)
    try:
        closure = ClosureKind(spoken_key(kind))  # "Ended early", "ended_early"
    except ValueError:
        allowed = ", ".join(k.value for k in ClosureKind)
        raise InvalidInput(f"--kind {kind!r}: use one of {allowed}") from None
    if missing_reason is None and interactive(prompt):
        missing_reason = _ask_for_missing(state, pair, date, as_json)
    show(
        lifecycle.close(
            state,
            pair,
            reason=reason,
            kind=closure,
            date=date,
            missing_reason=missing_reason,
        ),
        as_json,
    )


def _ask_for_missing(state: Any, pair: str, day: Any, as_json: bool) -> str | None:
    """On a terminal: offer to record the final meeting and each missing evaluation now,
    then, if something is still missing, ask whether to close anyway and why."""
    from mentorkit.cli.filling import prompt_evaluation, prompt_final_meeting
    from mentorkit.services.toolkit import lifecycle

    missing = lifecycle.missing_records(state, pair)
    if not missing.words():
        return None
    typer.echo(f"{missing.pair} has no record of: {', '.join(missing.words())}.")
    if missing.final_meeting and typer.confirm("Record the final meeting now?", default=True):
        show(prompt_final_meeting(state, missing.pair, day), as_json)
    for who in missing.evaluations:
        if typer.confirm(f"Record the {who.value}'s evaluation now?", default=True):
            show(prompt_evaluation(state, missing.pair, who), as_json)
    still = lifecycle.missing_records(state, pair).words()
    if not still:
        return None
    if not typer.confirm(f"Close without {', '.join(still)}?", default=False):
        from mentorkit.errors import ExitCode

        typer.echo("Not closed.", err=True)
        raise typer.Exit(int(ExitCode.INTERRUPTED))
    return str(typer.prompt("Why are they missing"))


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
    from mentorkit.services.toolkit import lifecycle

    show(lifecycle.reopen(folder(ctx), pair, reason=reason, date=date), as_json)


def register(app: typer.Typer) -> None:
    for command in (start, close, reopen):
        app.command(help=flowed(command))(command)
