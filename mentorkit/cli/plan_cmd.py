"""Tools 1–3: `needs-analysis`, `goals`, `action-plan`.

Each fills one form of a pair four ways: options; prompts on a terminal for what the
options leave out; `--from FILE.yaml` (a filled copy of `mentorkit forms copy NAME`);
`--edit` in $EDITOR.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from mentorkit.cli.common import folder, interactive
from mentorkit.cli.filling import announce, fill_form, items, nothing
from mentorkit.cli.options import (
    Day,
    Edit,
    FromFile,
    InteractiveOption,
    JsonOption,
    Pair,
    choice,
    flowed,
    repeated,
)
from mentorkit.cli.options import minutes as minutes_option  # (`minutes` is an option here)
from mentorkit.limits import MEETING_MINUTES
from mentorkit.vocab import Cadence


# -- Tool 1 ----------------------------------------------------------------------------------
def needs_analysis(
    ctx: typer.Context,
    pair: Pair,
    date: Day = None,
    wants: Annotated[
        str | None, typer.Option(help="What the mentee most wants to accomplish.")
    ] = None,
    interest: Annotated[
        list[str] | None,
        repeated("A main interest or skill of the mentee (repeat, or separate with ';')."),
    ] = None,
    issue: Annotated[
        list[str] | None,
        repeated("An issue the mentee faces at work now (repeat, or ';')."),
    ] = None,
    mentee_hopes: Annotated[str | None, typer.Option(help="What the mentee hopes to get.")] = None,
    mentor_hopes: Annotated[str | None, typer.Option(help="What the mentor hopes to get.")] = None,
    mentee_brings: Annotated[str | None, typer.Option(help="What the mentee brings.")] = None,
    mentor_brings: Annotated[str | None, typer.Option(help="What the mentor brings.")] = None,
    communication: Annotated[
        list[str] | None,
        repeated("How you keep in touch between meetings (repeat, or ';')."),
    ] = None,
    cadence: Annotated[Cadence | None, typer.Option(
        parser=choice(Cadence), metavar="CADENCE",
        help="How often you meet: weekly, fortnightly (every two weeks), twice-monthly, "
        "monthly, bimonthly (every two months) or quarterly.")] = None,
    minutes: Annotated[
        int | None, minutes_option(MEETING_MINUTES, "How long each meeting")
    ] = None,
    place: Annotated[str | None, typer.Option(help="Where you meet.")] = None,
    confidentiality: Annotated[
        bool | None,
        typer.Option(
            "--confidentiality/--no-confidentiality",
            help="Confidentiality agreed.",
            show_default=False,
        ),
    ] = None,
    source: FromFile = None,
    edit: Edit = False,
    prompt: InteractiveOption = None,
    as_json: JsonOption = False,
) -> None:
    """Tool 1 — Needs analysis, at the first meeting.

    What the mentee most wants to accomplish, their interests and skills, the issues
    they face now, what each side hopes for and brings, and how you will meet.

    Fill it with options, by answering prompts on a terminal, --from FILE or --edit.

    Example: mentorkit needs-analysis maria-lopez --wants "Lead a unit huddle"
    --interest "wound care; teaching" --cadence monthly --minutes 45 --confidentiality
    """
    from mentorkit.services.toolkit import fill
    from mentorkit.services.toolkit.pair import open_pair

    fields: dict[str, Any] = {
        "date": date,
        "wants_to_accomplish": wants,
        "interests_and_skills": items(interest),
        "current_issues": items(issue),
        "mentee_hopes": mentee_hopes,
        "mentor_hopes": mentor_hopes,
        "mentee_brings": mentee_brings,
        "mentor_brings": mentor_brings,
        "communication": items(communication),
        "meeting_cadence": cadence,
        "meeting_minutes": minutes,
        "meeting_place": place,
        "confidentiality_agreed": confidentiality,
    }
    given = any(v is not None for v in fields.values())

    def from_options() -> Any:
        state = folder(ctx)
        if interactive(prompt):
            from mentorkit.cli import ask

            forms = open_pair(state, pair)
            announce(state, "needs-analysis", forms)
            ask.needs_analysis(fields, forms.needs_analysis, state.load_program())
        elif not given:
            raise nothing("the answers as options (--wants, --interest...)")
        return fill.fill_needs(state, pair, fields)

    fill_form(ctx, "needs-analysis", pair, source, edit, given, from_options, as_json)


# -- Tool 2 ----------------------------------------------------------------------------------
def goals(
    ctx: typer.Context,
    pair: Pair,
    goal: Annotated[
        list[str] | None,
        repeated(
            "Add a goal: 'STATEMENT|HOW MEASURED|TARGET DATE|MENTOR FUNCTION' (only the "
            "statement is needed; repeat for more).",
            "--goal",
        ),
    ] = None,
    status: Annotated[
        list[str] | None,
        repeated(
            "Set a goal's status: g1=in-progress (not-started, in-progress, achieved, "
            "revised, dropped).",
        ),
    ] = None,
    progress: Annotated[list[str] | None, repeated("Set a goal's progress: g1=40 (0-100).")] = None,
    drop: Annotated[
        list[str] | None,
        repeated("Drop a goal (it stays on file; frees a place)."),
    ] = None,
    remove: Annotated[
        list[str] | None,
        repeated("Delete a goal no session or action refers to."),
    ] = None,
    source: FromFile = None,
    edit: Edit = False,
    prompt: InteractiveOption = None,
    as_json: JsonOption = False,
) -> None:
    """Tool 2 — Goals: up to five, specific and realistic.

    Each goal has how success is measured, a target date and the mentor function it
    draws on. Record progress in sessions (log-session); the latest session counts.
    A goal that sessions refer to is dropped (--drop), never deleted.

    Example: mentorkit goals maria-lopez --goal "Run the morning huddle alone|3 huddles
    led|2026-04-30|coaching"
    """
    from mentorkit.cli import syntax
    from mentorkit.services.toolkit import fill
    from mentorkit.services.toolkit.pair import open_pair
    from mentorkit.vocab import GoalStatus

    given = any([goal, status, progress, drop, remove])

    def from_options() -> Any:
        state = folder(ctx)
        add = [syntax.parse_goal(g) for g in goal or []]
        if not given and interactive(prompt):
            from mentorkit.cli import ask

            forms = open_pair(state, pair)
            announce(state, "goals", forms)
            add = ask.new_goals(forms.current_goals())
        elif not given:
            raise nothing("--goal, --status, --progress, --drop or --remove")
        statuses = dict(syntax.parse_setting("--status", t, GoalStatus) for t in status or [])
        numbers = dict(syntax.parse_percent_setting(t) for t in progress or [])
        return fill.fill_goals(
            state,
            pair,
            add=add,
            status=statuses,
            progress=numbers,
            drop=[d.lower() for d in drop or []],
            remove=[r.lower() for r in remove or []],
        )

    fill_form(ctx, "goals", pair, source, edit, given, from_options, as_json)


# -- Tool 3 ----------------------------------------------------------------------------------
def action_plan(
    ctx: typer.Context,
    pair: Pair,
    action: Annotated[
        list[str] | None,
        repeated(
            "Add an action: 'DESCRIPTION|DATE|OWNER|GOAL|HH:MM' (description and date "
            "needed; the rest in any order; repeat for more).",
            "--action",
        ),
    ] = None,
    done: Annotated[
        list[str] | None,
        repeated("Mark an action done: a1, or a1=YYYY-MM-DD for the day it was done."),
    ] = None,
    status: Annotated[
        list[str] | None,
        repeated(
            "Set an action's status: a1=in-progress (planned, in-progress, done, "
            "cancelled).",
        ),
    ] = None,
    source: FromFile = None,
    edit: Edit = False,
    prompt: InteractiveOption = None,
    as_json: JsonOption = False,
) -> None:
    """Tool 3 — Action plan: the actions toward each goal.

    Each action has an owner (mentor, mentee or both) and a date. Actions agreed in a
    session join the plan by themselves.

    Example: mentorkit action-plan maria-lopez --action "Shadow the charge
    nurse|2026-02-10|g1" --done a1
    """
    from mentorkit.cli import syntax
    from mentorkit.services.toolkit import fill
    from mentorkit.services.toolkit.pair import open_pair
    from mentorkit.vocab import ActionStatus

    given = any([action, done, status])

    def from_options() -> Any:
        state = folder(ctx)
        add = [syntax.parse_action(a) for a in action or []]
        if not given and interactive(prompt):
            from mentorkit.cli import ask

            forms = open_pair(state, pair)
            announce(state, "action-plan", forms)
            add = ask.new_actions(forms.current_goals())
        elif not given:
            raise nothing("--action, --done or --status")
        statuses = dict(syntax.parse_setting("--status", t, ActionStatus) for t in status or [])
        finished = dict(syntax.parse_done(t) for t in done or [])
        return fill.fill_plan(state, pair, add=add, status=statuses, done=finished)

    fill_form(ctx, "action-plan", pair, source, edit, given, from_options, as_json)


def register(app: typer.Typer) -> None:
    for name, command in (
        ("needs-analysis", needs_analysis),
        ("goals", goals),
        ("action-plan", action_plan),
    ):
        app.command(name, help=flowed(command))(command)
