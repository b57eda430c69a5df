"""Tool 4: `log-session`, one meeting of a pair (options, prompts, --from FILE, --edit)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import typer

from mentorkit.cli.common import folder, interactive
from mentorkit.cli.filling import ask_and_log, fill_form, nothing
from mentorkit.cli.options import (
    Day,
    Edit,
    FromFile,
    InteractiveOption,
    JsonOption,
    Pair,
    choice,
    date_value,
    flowed,
    minutes,
    repeated,
)
from mentorkit.limits import SESSION_MINUTES
from mentorkit.vocab import MeetingKind, MeetingMode


# -- Tool 4 ----------------------------------------------------------------------------------
def log_session(
    ctx: typer.Context,
    pair: Pair,
    date: Day = None,
    time: Annotated[str | None, typer.Option(help="When you met, HH:MM.")] = None,
    duration: Annotated[
        int | None,
        minutes(SESSION_MINUTES, "How long you met",
                default="the program's usual session length"),
    ] = None,
    mode: Annotated[MeetingMode | None, typer.Option(
        parser=choice(MeetingMode), metavar="MODE",
        help="How you met: in-person, video, phone or chat.")] = None,
    meeting: Annotated[
        MeetingKind | None,
        typer.Option(parser=choice(MeetingKind), metavar="MEETING",
                     help="first, regular or final. Default: first for a pair's first session."),
    ] = None,
    progress: Annotated[
        list[str] | None,
        repeated(
            "Progress on a goal: 'GOAL|STATUS|PERCENT|NOTE', e.g. 'g1|in-progress|40|ran "
            "a huddle' (repeat per goal).",
        ),
    ] = None,
    issue: Annotated[
        list[str] | None,
        repeated("An issue and a possible solution: 'ISSUE|SOLUTION' (repeat)."),
    ] = None,
    learning: Annotated[list[str] | None, repeated("Something learned (repeat).")] = None,
    action: Annotated[
        list[str] | None,
        repeated(
            "An action before the next meeting: 'DESCRIPTION|DATE|OWNER|GOAL' (repeat); "
            "it joins the action plan.",
            "--action",
        ),
    ] = None,
    next_meeting: Annotated[
        dt.date | None,
        typer.Option(
            "--next",
            parser=date_value,
            metavar="DATE",
            help="The agreed next meeting, YYYY-MM-DD.",
            show_default=False,
        ),
    ] = None,
    next_time: Annotated[str | None, typer.Option(help="Its time, HH:MM.")] = None,
    notes: Annotated[str | None, typer.Option(help="Private notes, for the pair only.")] = None,
    source: FromFile = None,
    edit: Edit = False,
    prompt: InteractiveOption = None,
    as_json: JsonOption = False,
) -> None:
    """Tool 4 — Session record: log one meeting.

    Progress against each goal, issues with possible solutions, learnings, actions due
    before the next meeting (they join the action plan) and the agreed next date. The
    first session logged makes a proposed relationship active. Issues, learnings and
    notes are private to the pair.

    Example: mentorkit log-session maria-lopez --duration 45 --progress
    "g1|in-progress|30" --action "Draft the checklist|2026-03-01|g1" --next 2026-03-05
    """
    from mentorkit.cli import syntax
    from mentorkit.services.toolkit import fill
    from mentorkit.services.toolkit.pair import open_pair
    from mentorkit.services.toolkit.submit import refuse_session

    fields: dict[str, Any] = {
        "date": date,
        "time": time,
        "duration_minutes": duration,
        "mode": mode,
        "meeting": meeting,
        "progress": [syntax.parse_progress(p) for p in progress] if progress else None,
        "issues": [syntax.parse_issue(i) for i in issue] if issue else None,
        "learnings": learning or None,
        "actions": [syntax.parse_action(a) for a in action] if action else None,
        "next_meeting": next_meeting,
        "next_meeting_time": next_time,
        "private_notes": notes,
    }
    given = any(v is not None for v in fields.values())

    def from_options() -> Any:
        state = folder(ctx)
        if interactive(prompt):
            from mentorkit.errors import InvalidInput

            forms = open_pair(state, pair)
            refuse_session(state, forms)  # before the questions, not after
            if fields["date"] is not None:
                problem = fill.session_date_problem(forms, fields["date"])
                if problem:
                    raise InvalidInput(f"--date: {problem}")
            return ask_and_log(state, forms, fields)
        elif not given:
            raise nothing("at least --date, --duration or what you discussed (--progress...)")
        return fill.log_session(state, pair, fields)

    fill_form(ctx, "session", pair, source, edit, given, from_options, as_json)


def register(app: typer.Typer) -> None:
    app.command("log-session", help=flowed(log_session))(log_session)
