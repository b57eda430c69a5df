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


def _name(state: Any, person_id: str) -> str:
    return state.load_participant(person_id).name if state.has_participant(person_id) \
        else person_id


def announce(state: Any, form: str, forms: Any, respondent: Respondent | None = None) -> None:
    """The header above a form's questions: the form, and the pair by their names
    (and who answers an evaluation), so nobody fills in the wrong pair's form."""
    from mentorkit.cli.asker import header
    from mentorkit.services.toolkit.catalogue import FORMS

    rel = forms.relationship
    who = f", answered by the {respondent.value}" if respondent else ""
    header(FORMS[form].title, f"{_name(state, rel.mentor)} (mentor) and "
           f"{_name(state, rel.mentee)} (mentee)", f" [{forms.id}]{who}")


def pair_habits(forms: Any, day: dt.date | None = None) -> dict[str, Any]:
    """What a prompt offers from the pair's own meetings: the time agreed for `day` at the
    last session (else the last session's time) and the way they last met."""
    records = forms.records
    if not records:
        return {}
    agreed = next((r.next_meeting_time for r in reversed(records)
                   if r.next_meeting == day and r.next_meeting_time), None)
    last = ([r for r in records if day is None or r.date <= day] or records)[-1]
    return {"time": agreed or last.time, "mode": last.mode}


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
    announce(state, "session", forms)
    ask.session(
        fields,
        defaults,
        forms.current_goals(),
        check_date=lambda day: fill.session_date_problem(forms, day),
        next_meeting=lambda day: fill.next_meeting_default(state, forms, day),
        habits=lambda day: pair_habits(forms, day),
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
    forms = open_pair(state, pair)
    announce(state, "evaluation", forms, respondent)
    ask.evaluation(fields, forms.current_goals())
    return fill.fill_evaluation(state, pair, respondent, fields)
