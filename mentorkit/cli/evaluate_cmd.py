"""Tools 5–6: `evaluate` (each side separately) and `partnership` ideas, at the end of a
relationship (options, prompts, --from FILE, --edit).
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from mentorkit.cli.common import folder, interactive
from mentorkit.cli.filling import announce, fill_form, nothing
from mentorkit.cli.options import (
    Day,
    Edit,
    FromFile,
    InteractiveOption,
    JsonOption,
    Pair,
    flowed,
    rating,
    repeated,
    vocab,
)
from mentorkit.vocab import Respondent


# -- Tool 5 ----------------------------------------------------------------------------------
def evaluate(
    ctx: typer.Context,
    pair: Pair,
    respondent: Annotated[
        Respondent | None,
        vocab(Respondent, "Who is answering; each answers separately", "--as", metavar="WHO"),
    ] = None,
    date: Day = None,
    outcome: Annotated[
        list[str] | None,
        repeated("A goal's outcome: 'GOAL|yes, partly or no|WHY NOT' (repeat per goal)."),
    ] = None,
    new_goal: Annotated[list[str] | None, repeated("A new goal that arose (repeat).")] = None,
    goals_clear: Annotated[int | None, rating("the program's goals were clear.")] = None,
    time_commitment_right: Annotated[int | None, rating("the time asked was right.")] = None,
    match_worked: Annotated[int | None, rating("the match worked.")] = None,
    met_regularly: Annotated[int | None, rating("you met regularly.")] = None,
    came_prepared: Annotated[int | None, rating("you both came prepared.")] = None,
    open_and_honest: Annotated[int | None, rating("you were open and honest.")] = None,
    grew: Annotated[int | None, rating("you grew through it.")] = None,
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
    from mentorkit.cli import syntax
    from mentorkit.errors import InvalidInput
    from mentorkit.services.toolkit import fill
    from mentorkit.services.toolkit.pair import open_pair

    asked_who = respondent is None and source is None

    fields: dict[str, Any] = {
        "date": date,
        "goals": [syntax.parse_outcome(o) for o in outcome] if outcome else None,
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

        announce(folder(ctx), "evaluation", open_pair(folder(ctx), pair))
        respondent = ask.Asker("evaluation").choice("respondent", "Who is answering", Respondent,
                                                    required=True)

    def from_options() -> Any:
        state = folder(ctx)
        assert respondent is not None
        if interactive(prompt):
            from mentorkit.cli import ask

            forms = open_pair(state, pair)
            if not asked_who:  # the header came with the question of who answers
                announce(state, "evaluation", forms, respondent)
            ask.evaluation(fields, forms.current_goals())
        elif not given:
            raise nothing("the answers as options (--outcome, --grew, --recommend...)")
        return fill.fill_evaluation(state, pair, respondent, fields)

    fill_form(ctx, "evaluation", pair, source, edit, given, from_options, as_json, respondent)


# -- Tool 6 ----------------------------------------------------------------------------------
def partnership(
    ctx: typer.Context,
    pair: Pair,
    idea: Annotated[
        list[str] | None,
        repeated("Add an idea: 'IDEA|WHAT IT NEEDS; ANOTHER NEED|DATE' (repeat)."),
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
    from mentorkit.cli import syntax
    from mentorkit.services.toolkit import fill

    given = bool(idea)

    def from_options() -> Any:
        add = [syntax.parse_idea(i) for i in idea or []]
        if not given and interactive(prompt):
            from mentorkit.cli import ask
            from mentorkit.services.toolkit.pair import open_pair

            announce(folder(ctx), "partnership-ideas", open_pair(folder(ctx), pair))
            add = ask.new_ideas()
        elif not given:
            raise nothing("--idea")
        return fill.fill_ideas(folder(ctx), pair, add)

    fill_form(ctx, "partnership-ideas", pair, source, edit, given, from_options, as_json)


def register(app: typer.Typer) -> None:
    for name, command in (("evaluate", evaluate), ("partnership", partnership)):
        app.command(name, help=flowed(command))(command)
