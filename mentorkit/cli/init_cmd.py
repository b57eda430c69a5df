"""`mentorkit init [DIR]`: create a program folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer

from mentorkit.cli.common import interactive, show, split_list
from mentorkit.cli.options import (
    InteractiveOption,
    JsonOption,
    choice,
    date_value,
    minutes,
    vocab,
)
from mentorkit.limits import MEETING_MINUTES
from mentorkit.vocab import Cadence, MentorFunction


def init(
    directory: Annotated[
        Path, typer.Argument(help="Folder to create the program in.", file_okay=False)
    ] = Path("."),
    name: Annotated[str | None, typer.Option(help="The program's name.")] = None,
    organisation: Annotated[
        str | None, typer.Option(help="Hospital, lab or department running it.")
    ] = None,
    description: Annotated[str | None, typer.Option(help="Scope: who it is for and why.")] = None,
    objective: Annotated[
        list[str] | None,
        typer.Option(
            "--objective", help="An objective (repeat, or separate with ';').", show_default=False
        ),
    ] = None,
    start_date: Annotated[
        dt.date | None,
        typer.Option(parser=date_value, metavar="DATE",
                     help="First day, YYYY-MM-DD. Default: today."),
    ] = None,
    duration_months: Annotated[
        int | None, typer.Option(min=1, max=60, help="Length of a relationship. Default: 6.")
    ] = None,
    cadence: Annotated[
        Cadence | None, typer.Option(
            parser=choice(Cadence), metavar="CADENCE",
            help="How often pairs meet: weekly, fortnightly (every two weeks), twice-monthly, "
            "monthly, bimonthly (every two months) or quarterly. Default: monthly.")
    ] = None,
    session_minutes: Annotated[
        int | None, minutes(MEETING_MINUTES, "Expected session length", default="45")
    ] = None,
    focus: Annotated[
        list[MentorFunction] | None,
        vocab(MentorFunction, "A mentor function the program stresses; repeat for more",
              "--focus", metavar="FUNCTION"),
    ] = None,
    confidentiality: Annotated[
        str | None, typer.Option(help="The confidentiality statement pairs agree to.")
    ] = None,
    capacity: Annotated[
        int | None,
        typer.Option("--capacity", min=1, max=50, help="Default mentees per mentor. Default: 2."),
    ] = None,
    template: Annotated[
        str | None,
        typer.Option(
            "--template", "-t", help="Start from a starter in templates/programs "
            "(healthcare-new-hire, experienced-peer, ...)."
        ),
    ] = None,
    next_from: Annotated[
        Path | None,
        typer.Option("--next-from", metavar="OLD", file_okay=False,
                     help="Start the next round of the program in OLD: its settings, the "
                     "people who continue (all but withdrawn), and its pairs remembered so "
                     "none is matched again. Dates move with --start-date (default: the day "
                     "OLD ended)."),
    ] = None,
    without: Annotated[
        list[str] | None,
        typer.Option("--without", metavar="PERSON",
                     help="With --next-from: leave this person out of the next round "
                     "(repeat, or separate with ';').", show_default=False),
    ] = None,
    prompt: InteractiveOption = None,
    as_json: JsonOption = False,
) -> None:
    """Create a program folder.

    Writes program.yaml and the participants/ and relationships/ folders; never
    overwrites an existing program. With --next-from OLD: the next round of OLD, with its
    settings and the people who continue, and its pairs remembered (past-pairs.yaml).
    """
    from mentorkit.services.enrolment import program as service

    if next_from is not None:
        _next_round(directory, next_from, locals(), interactive(prompt), as_json)
        return
    if without:
        from mentorkit.errors import InvalidInput

        raise InvalidInput("--without works with --next-from only",
                           "Run: mentorkit init NEW --next-from OLD --without PERSON")

    fields: dict[str, Any] = {
        "name": name,
        "organisation": organisation,
        "description": description,
        "objectives": split_list(objective),
        "start_date": start_date,
        "duration_months": duration_months,
        "cadence": cadence,
        "session_minutes": session_minutes,
        "focus_areas": focus,
        "confidentiality": confidentiality,
        "default_mentor_capacity": capacity,
    }
    if interactive(prompt):
        defaults = service.template_defaults(template) if template else {}
        _ask(fields, defaults, directory)
    show(service.create_program(directory, fields, template), as_json)


def _ask(fields: dict[str, Any], defaults: dict[str, Any], directory: Path) -> None:
    """Prompt for what the flags left out, offering the template's values as defaults."""
    folder_name = directory.resolve().name.replace("-", " ").replace("_", " ").title()
    questions: list[tuple[str, str, Any]] = [
        ("name", "Program name", folder_name),
        ("organisation", "Organisation", ""),
        ("description", "Scope (who it is for, why)", ""),
        ("objectives", "Objectives, separated by ';'", ""),
        ("start_date", "Start date (YYYY-MM-DD)", dt.date.today().isoformat()),
        ("duration_months", "Duration in months", 6),
        ("cadence", "Meeting cadence", "monthly"),
        ("session_minutes", "Session length in minutes (30-60 is usual)", 45),
        ("focus_areas", "Mentor functions to stress, separated by ';' ("
         + ", ".join(f.value for f in MentorFunction) + ")", "; ".join(MentorFunction)),
        ("default_mentor_capacity", "Mentees per mentor, unless a mentor says otherwise", 2),
        ("confidentiality", "Confidentiality statement (Enter keeps the standard one)", ""),
    ]
    for key, text, default in questions:
        if fields.get(key) is not None:
            continue
        shown = defaults.get(key, default)
        if key == "cadence":  # a menu, asked again until it is one
            from mentorkit.cli.asker import menu

            fields[key] = menu(text, Cadence, Cadence(shown), required=True)
            continue
        if isinstance(shown, list):
            shown = "; ".join(str(v) for v in shown)
        answer = typer.prompt(text, default=str(shown), show_default=bool(shown))
        if key == "objectives":
            fields[key] = split_list([answer]) or None
        elif key == "focus_areas":
            # "Career development" as typed -> career-development
            fields[key] = [_function(a) for a in split_list([answer]) or []] or None
        elif key == "start_date":
            fields[key] = _date(answer)
        else:
            fields[key] = answer or None


# what --next-from carries from the old round: these options would be silently ignored
_SETTINGS = ("organisation", "description", "objective", "duration_months", "cadence",
             "session_minutes", "focus", "confidentiality", "capacity", "template")


def _next_round(directory: Path, old: Path, given: dict[str, Any], ask: bool,
                as_json: bool) -> None:
    """`init NEW --next-from OLD`: name and start date from the options, else asked for
    on a terminal (the defaults: the old name with its year moved on, the old end date)."""
    from mentorkit.errors import InvalidInput
    from mentorkit.services.programs import next_round as service

    clash = [f"--{k.replace('_', '-')}" for k in _SETTINGS if given.get(k)]
    if clash:
        raise InvalidInput(f"{', '.join(clash)}: --next-from carries the old round's "
                           "settings", "Start the round, then edit the new program.yaml.")
    name, start = given["name"], given["start_date"]
    if ask and (name is None or start is None):
        _, program = service.old_program(old)
        if start is None:
            start = _date(typer.prompt("Start date (YYYY-MM-DD)",
                                       default=program.end_date.isoformat()))
        if name is None:
            name = typer.prompt("Name of the next round",
                                default=service.default_name(program, start) or "")
    show(service.next_round(directory, old, name=name, start_date=start,
                            without=split_list(given["without"])), as_json)


def _function(text: str) -> str:
    """A mentor function as typed ("Career development", "socialization"): its value if it
    is one, else as typed, for the program's own check to name."""
    try:
        return MentorFunction(text).value
    except ValueError:
        return text


def _date(text: str) -> dt.date:
    return date_value(text.strip())


def register(app: typer.Typer) -> None:
    app.command()(init)
