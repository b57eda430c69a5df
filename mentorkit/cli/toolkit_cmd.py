"""The toolkit's forms: needs-analysis, goals, action-plan, log-session, evaluate, partnership.

Each fills one form of a pair four ways: options; prompts on a terminal for what the
options leave out; `--from FILE.yaml` (a filled copy of `mentorkit forms copy NAME`);
`--edit` in $EDITOR.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from mentorkit.cli.common import InteractiveOption, JsonOption, folder, interactive, show
from mentorkit.vocab import Cadence, MeetingKind, MeetingMode, Respondent

Pair = Annotated[
    str,
    typer.Argument(
        help="The pair: its id (mentor--mentee), a prefix, or either person's "
        "id or name when they have one open relationship.",
        show_default=False,
    ),
]
FromFile = Annotated[
    Path | None,
    typer.Option(
        "--from",
        help="Take the whole form from a filled copy of the blank form "
        "(mentorkit forms copy NAME).",
        dir_okay=False,
        exists=True,
        show_default=False,
    ),
]
Edit = Annotated[
    bool, typer.Option("--edit", help="Open the form in $EDITOR (the current one, or a blank).")
]
Day = Annotated[
    dt.datetime | None,
    typer.Option(
        "--date", formats=["%Y-%m-%d"], help="YYYY-MM-DD. Default: today.", show_default=False
    ),
]


def day_of(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value else None


def _items(values: list[str] | None) -> list[str] | None:
    """A list option: repeat it, or separate entries with ';'."""
    if not values:
        return None
    return [part.strip() for v in values for part in v.split(";") if part.strip()]


def _fill(
    ctx: typer.Context,
    form: str,
    pair: str,
    *,
    source: Path | None,
    edit: bool,
    given: bool,
    fill: Callable[[], Any],
    as_json: bool,
    respondent: Respondent | None = None,
) -> None:
    """The four ways to fill a form; `given` says whether any field option was used."""
    from mentorkit.errors import InvalidInput
    from mentorkit.services.toolkit import forms as service

    state = folder(ctx)
    if source is not None and edit:
        raise InvalidInput("give --from or --edit, not both")
    if (source is not None or edit) and given:
        raise InvalidInput(
            "--from and --edit take the whole form; leave out the other options",
            "Or drop --from/--edit and use the options alone.",
        )
    if source is not None:
        result = service.submit_file(state, pair, form, source, respondent=respondent)
    elif edit:
        from mentorkit.cli.editor import edit_until_valid

        pair_id, text, context = service.edit_start(state, pair, form, respondent=respondent)
        result = edit_until_valid(
            state,
            form,
            text,
            context,
            lambda typed: service.submit_text(
                state, pair_id, form, typed, source=f"{form}.yaml", respondent=respondent
            ),
        )
    else:
        result = fill()
    show(result, as_json)


def _nothing(what: str) -> Exception:
    from mentorkit.errors import InvalidInput

    return InvalidInput(
        f"nothing to record: give {what}",
        "Or use --from FILE, --edit, or run on a terminal to be asked (see --help).",
    )


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
        typer.Option(
            help="A main interest or skill of the mentee (repeat, or separate with ';').",
            show_default=False,
        ),
    ] = None,
    issue: Annotated[
        list[str] | None,
        typer.Option(
            help="An issue the mentee faces at work now (repeat, or ';').", show_default=False
        ),
    ] = None,
    mentee_hopes: Annotated[str | None, typer.Option(help="What the mentee hopes to get.")] = None,
    mentor_hopes: Annotated[str | None, typer.Option(help="What the mentor hopes to get.")] = None,
    mentee_brings: Annotated[str | None, typer.Option(help="What the mentee brings.")] = None,
    mentor_brings: Annotated[str | None, typer.Option(help="What the mentor brings.")] = None,
    communication: Annotated[
        list[str] | None,
        typer.Option(
            help="How you keep in touch between meetings (repeat, or ';').", show_default=False
        ),
    ] = None,
    cadence: Annotated[Cadence | None, typer.Option(help="How often you meet.")] = None,
    minutes: Annotated[
        int | None, typer.Option(min=10, max=240, help="Minutes per meeting.")
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
    from mentorkit.services.toolkit import forms as service

    fields: dict[str, Any] = {
        "date": day_of(date),
        "wants_to_accomplish": wants,
        "interests_and_skills": _items(interest),
        "current_issues": _items(issue),
        "mentee_hopes": mentee_hopes,
        "mentor_hopes": mentor_hopes,
        "mentee_brings": mentee_brings,
        "mentor_brings": mentor_brings,
        "communication": _items(communication),
        "meeting_cadence": cadence,
        "meeting_minutes": minutes,
        "meeting_place": place,
        "confidentiality_agreed": confidentiality,
    }
    given = any(v is not None for v in fields.values())

    def fill() -> Any:
        state = folder(ctx)
        if interactive(prompt):
            from mentorkit.cli import ask

            ask.needs_analysis(fields, service.open_pair(state, pair).needs)
        elif not given:
            raise _nothing("the answers as options (--wants, --interest...)")
        return service.fill_needs(state, pair, fields)

    _fill(
        ctx,
        "needs-analysis",
        pair,
        source=source,
        edit=edit,
        given=given,
        fill=fill,
        as_json=as_json,
    )


# -- Tool 2 ----------------------------------------------------------------------------------
def goals(
    ctx: typer.Context,
    pair: Pair,
    goal: Annotated[
        list[str] | None,
        typer.Option(
            "--goal",
            help="Add a goal: 'STATEMENT|HOW MEASURED|TARGET DATE|MENTOR FUNCTION' "
            "(only the statement is needed; repeat for more).",
            show_default=False,
        ),
    ] = None,
    status: Annotated[
        list[str] | None,
        typer.Option(
            help="Set a goal's status: g1=in-progress (not-started, in-progress, achieved, "
            "revised, dropped).",
            show_default=False,
        ),
    ] = None,
    progress: Annotated[
        list[str] | None,
        typer.Option(help="Set a goal's progress: g1=40 (0-100).", show_default=False),
    ] = None,
    drop: Annotated[
        list[str] | None,
        typer.Option(help="Drop a goal (it stays on file; frees a place).", show_default=False),
    ] = None,
    remove: Annotated[
        list[str] | None,
        typer.Option(help="Delete a goal no session or action refers to.", show_default=False),
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
    from mentorkit.services.toolkit import forms as service
    from mentorkit.vocab import GoalStatus

    given = any([goal, status, progress, drop, remove])

    def fill() -> Any:
        state = folder(ctx)
        add = [service.parse_goal(g) for g in goal or []]
        if not given and interactive(prompt):
            from mentorkit.cli import ask

            add = ask.new_goals(service.open_pair(state, pair).current_goals())
        elif not given:
            raise _nothing("--goal, --status, --progress, --drop or --remove")
        statuses = dict(service.parse_setting("--status", t, GoalStatus) for t in status or [])
        numbers = dict(service.parse_percent_setting(t) for t in progress or [])
        return service.fill_goals(
            state,
            pair,
            add=add,
            status=statuses,
            progress=numbers,
            drop=[d.lower() for d in drop or []],
            remove=[r.lower() for r in remove or []],
        )

    _fill(ctx, "goals", pair, source=source, edit=edit, given=given, fill=fill, as_json=as_json)


# -- Tool 3 ----------------------------------------------------------------------------------
def action_plan(
    ctx: typer.Context,
    pair: Pair,
    action: Annotated[
        list[str] | None,
        typer.Option(
            "--action",
            help="Add an action: 'DESCRIPTION|DATE|OWNER|GOAL|HH:MM' (description "
            "and date needed; the rest in any order; repeat for more).",
            show_default=False,
        ),
    ] = None,
    done: Annotated[
        list[str] | None,
        typer.Option(
            help="Mark an action done: a1, or a1=YYYY-MM-DD for the day it was done.",
            show_default=False,
        ),
    ] = None,
    status: Annotated[
        list[str] | None,
        typer.Option(
            help="Set an action's status: a1=in-progress (planned, in-progress, done, cancelled).",
            show_default=False,
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
    from mentorkit.services.toolkit import forms as service
    from mentorkit.vocab import ActionStatus

    given = any([action, done, status])

    def fill() -> Any:
        state = folder(ctx)
        add = [service.parse_action(a) for a in action or []]
        if not given and interactive(prompt):
            from mentorkit.cli import ask

            add = ask.new_actions(service.open_pair(state, pair).current_goals())
        elif not given:
            raise _nothing("--action, --done or --status")
        statuses = dict(service.parse_setting("--status", t, ActionStatus) for t in status or [])
        finished = dict(service.parse_done(t) for t in done or [])
        return service.fill_plan(state, pair, add=add, status=statuses, done=finished)

    _fill(
        ctx, "action-plan", pair, source=source, edit=edit, given=given, fill=fill, as_json=as_json
    )


# -- Tool 4 ----------------------------------------------------------------------------------
def log_session(
    ctx: typer.Context,
    pair: Pair,
    date: Day = None,
    time: Annotated[str | None, typer.Option(help="When you met, HH:MM.")] = None,
    duration: Annotated[
        int | None,
        typer.Option(min=5, max=480, help="Minutes. Default: the program's usual session length."),
    ] = None,
    mode: Annotated[MeetingMode | None, typer.Option(help="How you met.")] = None,
    meeting: Annotated[
        MeetingKind | None,
        typer.Option(help="first, regular or final. Default: first for a pair's first session."),
    ] = None,
    progress: Annotated[
        list[str] | None,
        typer.Option(
            help="Progress on a goal: 'GOAL|STATUS|PERCENT|NOTE', e.g. 'g1|in-progress|40|ran "
            "a huddle' (repeat per goal).",
            show_default=False,
        ),
    ] = None,
    issue: Annotated[
        list[str] | None,
        typer.Option(
            help="An issue and a possible solution: 'ISSUE|SOLUTION' (repeat).", show_default=False
        ),
    ] = None,
    learning: Annotated[
        list[str] | None, typer.Option(help="Something learned (repeat).", show_default=False)
    ] = None,
    action: Annotated[
        list[str] | None,
        typer.Option(
            "--action",
            help="An action before the next meeting: 'DESCRIPTION|DATE|OWNER|GOAL' "
            "(repeat); it joins the action plan.",
            show_default=False,
        ),
    ] = None,
    next_meeting: Annotated[
        dt.datetime | None,
        typer.Option(
            "--next",
            formats=["%Y-%m-%d"],
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
    from mentorkit.services.toolkit import forms as service

    fields: dict[str, Any] = {
        "date": day_of(date),
        "time": time,
        "duration_minutes": duration,
        "mode": mode,
        "meeting": meeting,
        "progress": [service.parse_progress(p) for p in progress] if progress else None,
        "issues": [service.parse_issue(i) for i in issue] if issue else None,
        "learnings": learning or None,
        "actions": [service.parse_action(a) for a in action] if action else None,
        "next_meeting": day_of(next_meeting),
        "next_meeting_time": next_time,
        "private_notes": notes,
    }
    given = any(v is not None for v in fields.values())

    def fill() -> Any:
        state = folder(ctx)
        if interactive(prompt):
            from mentorkit.errors import InvalidInput

            forms = service.open_pair(state, pair)
            service.refuse_closed(forms)  # before the questions, not after
            if fields["date"] is not None:
                problem = service.session_date_problem(forms, fields["date"])
                if problem:
                    raise InvalidInput(f"--date: {problem}")
            return _ask_and_log(state, forms, fields)
        elif not given:
            raise _nothing("at least --date, --duration or what you discussed (--progress...)")
        return service.log_session(state, pair, fields)

    _fill(ctx, "session", pair, source=source, edit=edit, given=given, fill=fill, as_json=as_json)


def _ask_and_log(
    state: Any, forms: Any, fields: dict[str, Any], day: dt.date | None = None
) -> Any:
    """Ask for what `fields` leaves out (offering `day` as the date), then log the session;
    answers that still fail are kept in a draft whose path the error names."""
    from mentorkit.cli import ask
    from mentorkit.errors import ExitCode, MentorkitError
    from mentorkit.services.toolkit import forms as service

    defaults = service.session_defaults(state, forms, None)
    if day is not None:
        defaults["date"] = day
    ask.session(
        fields,
        defaults,
        forms.current_goals(),
        check_date=lambda day: service.session_date_problem(forms, day),
    )
    try:
        return service.log_session(state, forms.id, fields)
    except MentorkitError as exc:
        if exc.exit_code != ExitCode.INVALID:
            raise
        draft = service.save_session_draft(state, forms.id, fields)
        exc.hint = (
            f"Your answers are kept in {draft}; correct them there and save with: "
            f"mentorkit log-session {forms.id} --from {draft}"
        )
        raise


def prompt_final_meeting(state: Any, pair: str, day: dt.date | None = None) -> Any:
    """Ask for and log the final meeting (offered by `close` on a terminal), on `day`
    unless the person answers another date."""
    from mentorkit.services.toolkit import forms as service

    forms = service.open_pair(state, pair)
    return _ask_and_log(state, forms, {"meeting": MeetingKind.FINAL}, day)


def prompt_evaluation(state: Any, pair: str, respondent: Respondent) -> Any:
    """Ask for and save one side's evaluation (offered by `close` on a terminal)."""
    from mentorkit.cli import ask
    from mentorkit.services.toolkit import forms as service

    fields: dict[str, Any] = {}
    ask.evaluation(fields, service.open_pair(state, pair).current_goals())
    return service.fill_evaluation(state, pair, respondent, fields)


# -- Tool 5 ----------------------------------------------------------------------------------
def evaluate(
    ctx: typer.Context,
    pair: Pair,
    respondent: Annotated[
        Respondent | None,
        typer.Option(
            "--as",
            help="Who is answering: mentor or mentee (each answers separately).",
            show_default=False,
        ),
    ] = None,
    date: Day = None,
    outcome: Annotated[
        list[str] | None,
        typer.Option(
            help="A goal's outcome: 'GOAL|yes, partly or no|WHY NOT' (repeat per goal).",
            show_default=False,
        ),
    ] = None,
    new_goal: Annotated[
        list[str] | None, typer.Option(help="A new goal that arose (repeat).", show_default=False)
    ] = None,
    goals_clear: Annotated[
        int | None,
        typer.Option(min=1, max=5, help="1-5: the program's goals were clear.", show_default=False),
    ] = None,
    time_commitment_right: Annotated[
        int | None,
        typer.Option(min=1, max=5, help="1-5: the time asked was right.", show_default=False),
    ] = None,
    match_worked: Annotated[
        int | None, typer.Option(min=1, max=5, help="1-5: the match worked.", show_default=False)
    ] = None,
    met_regularly: Annotated[
        int | None, typer.Option(min=1, max=5, help="1-5: you met regularly.", show_default=False)
    ] = None,
    came_prepared: Annotated[
        int | None,
        typer.Option(min=1, max=5, help="1-5: you both came prepared.", show_default=False),
    ] = None,
    open_and_honest: Annotated[
        int | None,
        typer.Option(min=1, max=5, help="1-5: you were open and honest.", show_default=False),
    ] = None,
    grew: Annotated[
        int | None, typer.Option(min=1, max=5, help="1-5: you grew through it.", show_default=False)
    ] = None,
    recommend: Annotated[
        int | None,
        typer.Option(
            min=0,
            max=10,
            help="0-10: how likely you are to recommend the program.",
            show_default=False,
        ),
    ] = None,
    continue_partnership: Annotated[
        bool | None,
        typer.Option(
            "--continue/--no-continue",
            help="Whether a continuing partnership is wanted.",
            show_default=False,
        ),
    ] = None,
    support: Annotated[str | None, typer.Option(help="What support it would need.")] = None,
    comments: Annotated[str | None, typer.Option(help="Anything else.")] = None,
    source: FromFile = None,
    edit: Edit = False,
    prompt: InteractiveOption = None,
    as_json: JsonOption = False,
) -> None:
    """Tool 5 — Evaluation, by mentor and mentee separately.

    Whether each goal was achieved (and if not, why), new goals, ratings 1-5 of the
    program and the relationship, likelihood to recommend (0-10), whether to continue.

    Example: mentorkit evaluate maria-lopez --as mentee --outcome "g1|yes" --outcome
    "g2|partly|audit moved" --grew 5 --recommend 9 --continue
    """
    from mentorkit.errors import InvalidInput
    from mentorkit.services.toolkit import forms as service

    fields: dict[str, Any] = {
        "date": day_of(date),
        "goals": [service.parse_outcome(o) for o in outcome] if outcome else None,
        "new_goals": new_goal or None,
        "goals_clear": goals_clear,
        "time_commitment_right": time_commitment_right,
        "match_worked": match_worked,
        "met_regularly": met_regularly,
        "came_prepared": came_prepared,
        "open_and_honest": open_and_honest,
        "grew": grew,
        "recommend": recommend,
        "continue_partnership": continue_partnership,
        "support_needed": support,
        "comments": comments,
    }
    given = any(v is not None for v in fields.values())
    if respondent is None and source is None:
        if not interactive(prompt):
            raise InvalidInput("say who is answering: --as mentor or --as mentee")
        from mentorkit.cli import ask

        respondent = ask.Asker("evaluation").choice("respondent", "Who is answering", Respondent)
        if respondent is None:
            raise InvalidInput("say who is answering: mentor or mentee")

    def fill() -> Any:
        state = folder(ctx)
        assert respondent is not None
        if interactive(prompt):
            from mentorkit.cli import ask

            ask.evaluation(fields, service.open_pair(state, pair).current_goals())
        elif not given:
            raise _nothing("the answers as options (--outcome, --grew, --recommend...)")
        return service.fill_evaluation(state, pair, respondent, fields)

    _fill(
        ctx,
        "evaluation",
        pair,
        source=source,
        edit=edit,
        given=given,
        fill=fill,
        as_json=as_json,
        respondent=respondent,
    )


# -- Tool 6 ----------------------------------------------------------------------------------
def partnership(
    ctx: typer.Context,
    pair: Pair,
    idea: Annotated[
        list[str] | None,
        typer.Option(
            help="Add an idea: 'IDEA|WHAT IT NEEDS; ANOTHER NEED|DATE' (repeat).",
            show_default=False,
        ),
    ] = None,
    source: FromFile = None,
    edit: Edit = False,
    prompt: InteractiveOption = None,
    as_json: JsonOption = False,
) -> None:
    """Tool 6 — Partnership ideas for a lasting relationship.

    Each idea with the actions or support it needs, and when. Usually at the final
    meeting.

    Example: mentorkit partnership maria-lopez --idea "Co-present at nursing grand
    rounds|abstract by March; a slot from the educator|2026-06-12"
    """
    from mentorkit.services.toolkit import forms as service

    given = bool(idea)

    def fill() -> Any:
        add = [service.parse_idea(i) for i in idea or []]
        if not given and interactive(prompt):
            from mentorkit.cli import ask

            add = ask.new_ideas()
        elif not given:
            raise _nothing("--idea")
        return service.fill_ideas(folder(ctx), pair, add)

    _fill(
        ctx,
        "partnership-ideas",
        pair,
        source=source,
        edit=edit,
        given=given,
        fill=fill,
        as_json=as_json,
    )


def flowed(command: Callable[..., Any]) -> str:
    """A command's docstring as --help text: each paragraph one line, for the terminal to wrap
    (Typer's rich mode keeps the docstring's line breaks)."""
    import inspect

    paragraphs = inspect.cleandoc(command.__doc__ or "").split("\n\n")
    return "\n\n".join(" ".join(p.split()) for p in paragraphs)


def register(app: typer.Typer) -> None:
    for name, command in (
        ("needs-analysis", needs_analysis),
        ("goals", goals),
        ("action-plan", action_plan),
        ("log-session", log_session),
        ("evaluate", evaluate),
        ("partnership", partnership),
    ):
        app.command(name, help=flowed(command))(command)
