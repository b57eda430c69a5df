"""`mentorkit add` and `mentorkit participants list|show|edit|remove`."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from mentorkit.cli.common import folder, interactive, show, split_list
from mentorkit.cli.options import (
    Capacity,
    CareerGoals,
    Department,
    Email,
    InteractiveOption,
    Interests,
    JobTitle,
    Joined,
    JsonOption,
    Languages,
    Manager,
    Modes,
    Notes,
    Offers,
    Person,
    PreferredMentors,
    RoleOpt,
    Site,
    Slots,
    StatusDay,
    StatusOpt,
    Wants,
    Years,
    vocab,
)
from mentorkit.vocab import Role, Status

app = typer.Typer(
    help="List, show, edit, pause, withdraw or remove people.",
    no_args_is_help=True,
)

# Options whose name is not the participant field they fill.
_FIELD_OF_OPTION = {
    "years": "years_experience", "career_goal": "career_goals", "interest": "interests",
    "language": "languages", "mode": "meeting_modes", "available": "availability",
    "preferred_mentor": "preferred_mentors",
}
_NOT_FIELDS = {"ctx", "person", "prompt", "as_json", "date"}
_TEXT_LISTS = {
    "can_help_with", "wants_help_with", "career_goals", "interests", "languages",
    "preferred_mentors",
}


def _fields(options: dict[str, Any]) -> dict[str, Any]:
    """A command's option values (its `locals()`) as participant fields; text lists accept
    repeats and ';'-separated values."""
    fields = {
        _FIELD_OF_OPTION.get(k, k): v for k, v in options.items() if k not in _NOT_FIELDS
    }
    return {k: split_list(v) if k in _TEXT_LISTS else v for k, v in fields.items()}


def add(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Argument(help="Full name.", show_default=False)] = None,
    email: Email = None,
    role: RoleOpt = None,
    job_title: JobTitle = None,
    department: Department = None,
    site: Site = None,
    years: Years = None,
    manager: Manager = None,
    can_help_with: Offers = None,
    wants_help_with: Wants = None,
    career_goal: CareerGoals = None,
    interest: Interests = None,
    language: Languages = None,
    mode: Modes = None,
    available: Slots = None,
    preferred_mentor: PreferredMentors = None,
    capacity: Capacity = None,
    notes: Notes = None,
    joined: Joined = None,
    prompt: InteractiveOption = None,
    as_json: JsonOption = False,
) -> None:
    """Enrol one person as mentor, mentee or both."""
    fields = _fields(locals())  # first: only the options are local yet
    from mentorkit.errors import InvalidInput
    from mentorkit.services.enrolment import participants as service

    if interactive(prompt):
        _ask(fields)
    missing = [k for k in ("name", "email", "role") if not fields.get(k)]
    if missing:
        raise InvalidInput(
            f"missing {', '.join(missing)}",
            "Give NAME, --email and --role (or run on a terminal to be asked).",
        )
    show(service.add(folder(ctx), fields), as_json)


def _ask(fields: dict[str, Any]) -> None:
    from mentorkit.services.enrolment.tidy import parse_role

    if not fields["name"]:
        fields["name"] = typer.prompt("Full name")
    if not fields["email"]:
        fields["email"] = typer.prompt("Work email")
    if not fields["role"]:
        from mentorkit.cli.asker import menu

        fields["role"] = menu("Role", Role, required=True, read=parse_role)  # "I mentor"
    optional = [
        ("job_title", "Job title"),
        ("department", "Department"),
        ("site", "Site"),
        ("years_experience", "Years of experience"),
    ]
    if fields["role"] in (Role.MENTOR, Role.BOTH):
        optional.append(("can_help_with", "What can you help with? (separate with ';')"))
    if fields["role"] in (Role.MENTEE, Role.BOTH):
        optional.append(("wants_help_with", "What do you want help with? (separate with ';')"))
    optional.append(("career_goals", "Career goals (separate with ';')"))
    for key, text in optional:
        if fields.get(key) is None:
            answer = typer.prompt(text, default="", show_default=False).strip()
            if answer:
                fields[key] = _answer(key, text, answer)


def _answer(key: str, question: str, answer: str) -> Any:
    """A prompt's answer as the option (and a sign-up sheet) reads it: '6 months' is 0.5
    years; a list question's answer split on ';'."""
    from mentorkit.errors import InvalidInput
    from mentorkit.services.enrolment.cells import years
    from mentorkit.services.enrolment.tidy import split_answers

    if key == "years_experience":
        try:
            return years(answer)
        except InvalidInput as exc:
            raise InvalidInput(f"{key}: {exc.message}") from None
    return split_answers(answer) if question.endswith("';')") else answer


def listing(
    ctx: typer.Context,
    role: Annotated[
        Role | None, vocab(Role, "Only mentors, mentees, or people who are both", metavar="ROLE")
    ] = None,
    department: Annotated[str | None, typer.Option(help="Only this department.")] = None,
    site: Annotated[str | None, typer.Option(help="Only this site.")] = None,
    status: Annotated[Status | None, vocab(Status, "Only this status", metavar="STATUS")] = None,
    as_json: JsonOption = False,
) -> None:
    """List participants as a table (or --json)."""
    from mentorkit.services.enrolment import participants as service

    result = service.listing(
        folder(ctx), role=role, department=department, site=site, status=status
    )
    show(result, as_json)


def show_person(ctx: typer.Context, person: Person, as_json: JsonOption = False) -> None:
    """Show one participant and the relationships they are in."""
    from mentorkit.services.enrolment import participants as service

    show(service.show(folder(ctx), person), as_json)


def edit(
    ctx: typer.Context,
    person: Person,
    name: Annotated[str | None, typer.Option(help="Full name.")] = None,
    email: Email = None,
    role: RoleOpt = None,
    job_title: JobTitle = None,
    department: Department = None,
    site: Site = None,
    years: Years = None,
    manager: Manager = None,
    can_help_with: Offers = None,
    wants_help_with: Wants = None,
    career_goal: CareerGoals = None,
    interest: Interests = None,
    language: Languages = None,
    mode: Modes = None,
    available: Slots = None,
    preferred_mentor: PreferredMentors = None,
    capacity: Capacity = None,
    status: StatusOpt = None,
    notes: Notes = None,
    date: StatusDay = None,
    joined: Joined = None,
    as_json: JsonOption = False,
) -> None:
    """Change a participant's fields; list options replace the whole list.

    Pause someone with --status paused, withdraw them with --status withdrawn; --date
    gives the day it took effect, if not today (reports as of an earlier day show them
    active).
    """
    fields = _fields(locals())  # first: only the options are local yet
    from mentorkit.services.enrolment import participants as service

    show(service.edit(folder(ctx), person, fields, status_date=date), as_json)


def remove(
    ctx: typer.Context,
    person: Person,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Remove someone enrolled by mistake. People in a relationship are withdrawn instead."""
    from mentorkit.services.enrolment import participants as service

    state = folder(ctx)
    if not yes and interactive(None):
        target = service.show(state, person)
        if not typer.confirm(f"Remove {target.id} ({target.person.name})?"):
            from mentorkit.errors import ExitCode

            typer.echo("Nothing removed.", err=True)
            raise typer.Exit(int(ExitCode.INTERRUPTED))
    show(service.remove(state, person), as_json)


app.command("list")(listing)
app.command("show")(show_person)
app.command("edit")(edit)
app.command("remove")(remove)


def register(root: typer.Typer) -> None:
    root.command("add")(add)
    root.add_typer(app, name="participants")
