"""Corrections: `mentorkit amend-session` and `mentorkit remove-form` PAIR."""

from __future__ import annotations

from typing import Annotated

import typer

from mentorkit.cli.common import folder, show
from mentorkit.cli.options import Edit, FromFile, JsonOption, Pair, flowed

Reason = Annotated[
    str,
    typer.Option(help="Why: it is noted in the pair's history.", show_default=False),
]


def amend_session(
    ctx: typer.Context,
    pair: Pair,
    session: Annotated[str, typer.Argument(
        help="The session: its date (2026-03-10) or file name (2026-03-10-2).",
        show_default=False)],
    reason: Reason,
    source: FromFile = None,
    edit: Edit = False,
    as_json: JsonOption = False,
) -> None:
    """Correct a session record logged with a mistake.

    Give the whole corrected record with --from FILE, or --edit it in $EDITOR. It is
    checked like a new session; a new date renames the file; the actions it agreed are
    brought up to date in the action plan (an action still agreed keeps its id and
    status); the relationship's start follows its first session; the correction is noted
    in the history.
    """
    from mentorkit.errors import InvalidInput
    from mentorkit.services.toolkit import corrections

    state = folder(ctx)
    if (source is None) == (not edit):
        raise InvalidInput("give the corrected record with --from FILE or --edit")
    if source is not None:
        result = corrections.amend_from_file(state, pair, session, source, reason=reason)
    else:
        from mentorkit.cli.editor import edit_until_valid

        name, text = corrections.session_text(state, pair, session)
        result = edit_until_valid(
            state, "session", text, [f"Correcting sessions/{name}.yaml of {pair}."],
            lambda typed: corrections.amend_from_text(
                state, pair, name, typed, source=f"sessions/{name}.yaml", reason=reason),
        )
    show(result, as_json)


def remove_form(
    ctx: typer.Context,
    pair: Pair,
    what: Annotated[str, typer.Argument(
        help="A session (its date or file name) or a form: needs-analysis, goals, "
        "action-plan, evaluation-mentor, evaluation-mentee, partnership-ideas.",
        show_default=False, metavar="SESSION|FORM")],
    reason: Reason,
    as_json: JsonOption = False,
) -> None:
    """Remove a session or form filed by mistake.

    Removing a session takes the actions it agreed out of the action plan and moves the
    relationship's start to its first session left (a pair started by its first session
    is proposed again when none is left). Goals that sessions or actions refer to are
    dropped, not removed. Every removal is noted in the pair's history.
    """
    from mentorkit.services.toolkit import corrections

    show(corrections.remove(folder(ctx), pair, what, reason), as_json)


def register(root: typer.Typer) -> None:
    root.command("amend-session", help=flowed(amend_session))(amend_session)
    root.command("remove-form", help=flowed(remove_form))(remove_form)
