"""Filling a toolkit form from the command line, shared by the form commands and `close`:
the four ways (options, prompts, `--from FILE`, `--edit`), and the prompted session and
evaluation that `close` offers when they are missing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer

from mentorkit.cli.common import folder, show
from mentorkit.vocab import MeetingKind, Respondent


def items(values: list[str] | None) -> list[str] | None:
    """A list option: repeat it, or separate entries with ';'."""
    if not values:
        return None
    return [part.strip() for v in values for part in v.split(";") if part.strip()]


def fill_form(
    ctx: typer.Context,
    form: str,
    pair: str,
    source: Path | None,
    edit: bool,
    given: bool,
    fill: Callable[[], Any],
    as_json: bool,
    respondent: Respondent | None = None,
) -> None:
    """The four ways to fill a form: --from `source`, `edit`, or `fill` (from options or
    prompts); `given` says whether any field option was used."""
    from mentorkit.errors import InvalidInput
    from mentorkit.services.toolkit import whole_form

    state = folder(ctx)
    if source is not None and edit:
        raise InvalidInput("give --from or --edit, not both")
    if (source is not None or edit) and given:
        raise InvalidInput(
            "--from and --edit take the whole form; leave out the other options",
            "Or drop --from/--edit and use the options alone.",
        )
    if source is not None:
        result = whole_form.submit_file(state, pair, form, source, respondent=respondent)
    elif edit:
        from mentorkit.cli.editor import edit_until_valid

        pair_id, text, context = whole_form.edit_start(state, pair, form, respondent=respondent)
        result = edit_until_valid(
            state,
            form,
            text,
            context,
            lambda typed: whole_form.submit_text(
                state, pair_id, form, typed, source=f"{form}.yaml", respondent=respondent
            ),
        )
    else:
        result = fill()
    show(result, as_json)


def nothing(what: str) -> Exception:
    from mentorkit.errors import InvalidInput

    return InvalidInput(
        f"nothing to record: give {what}",
        "Or use --from FILE, --edit, or run on a terminal to be asked (see --help).",
    )


def ask_and_log(
    state: Any, forms: Any, fields: dict[str, Any], day: dt.date | None = None
) -> Any:
    """Ask for what `fields` leaves out (offering `day` as the date), then log the session;
    answers that still fail are kept in a draft whose path the error names."""
    from mentorkit.cli import ask
    from mentorkit.errors import ExitCode, MentorkitError
    from mentorkit.services.toolkit import fill, whole_form

    defaults = fill.session_defaults(state, forms, None)
    if day is not None:
        defaults["date"] = day
    ask.session(
        fields,
        defaults,
        forms.current_goals(),
        check_date=lambda day: fill.session_date_problem(forms, day),
    )
    try:
        return fill.log_session(state, forms.id, fields)
    except MentorkitError as exc:
        if exc.exit_code != ExitCode.INVALID:
            raise
        draft = whole_form.save_session_draft(state, forms.id, fields)
        exc.hint = (
            f"Your answers are kept in {draft}; correct them there and save with: "
            f"mentorkit log-session {forms.id} --from {draft}"
        )
        raise


def prompt_final_meeting(state: Any, pair: str, day: dt.date | None = None) -> Any:
    """Ask for and log the final meeting (offered by `close` on a terminal), on `day`
    unless the person answers another date."""
    from mentorkit.services.toolkit.pair import open_pair

    forms = open_pair(state, pair)
    return ask_and_log(state, forms, {"meeting": MeetingKind.FINAL}, day)


def prompt_evaluation(state: Any, pair: str, respondent: Respondent) -> Any:
    """Ask for and save one side's evaluation (offered by `close` on a terminal)."""
    from mentorkit.cli import ask
    from mentorkit.services.toolkit import fill
    from mentorkit.services.toolkit.pair import open_pair

    fields: dict[str, Any] = {}
    ask.evaluation(fields, open_pair(state, pair).current_goals())
    return fill.fill_evaluation(state, pair, respondent, fields)
