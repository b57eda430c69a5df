"""Options and arguments that several commands share, declared once.

Command modules import them from here, never from one another, so a command's help
text and the way its values are read are the same wherever it appears.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from mentorkit.errors import InvalidInput, quoted
from mentorkit.limits import RATING, YEARS, Bounds, minutes_wanted, minutes_within
from mentorkit.vocab import Availability, MeetingMode, Role, Status

E = TypeVar("E", bound=Enum)

JsonOption = Annotated[
    bool, typer.Option("--json", help="Print machine-readable JSON instead of a table.")
]

InteractiveOption = Annotated[
    bool | None,
    typer.Option(
        "--interactive/--no-interactive",
        help="Prompt for what is missing. Default: prompt when run on a terminal.",
        show_default=False,
    ),
]


# -- option shapes several commands use ----------------------------------------------------
def repeated(help: str, *flags: str) -> Any:
    """An option that may be given again for each entry (a list)."""
    return typer.Option(*flags, help=help, show_default=False)


def dry_run_option(help: str) -> Any:
    """`--dry-run` of a command that reads an export; `help` says what it would show."""
    return typer.Option("--dry-run", help=help)


def column_option(help: str) -> Any:
    """`--column 'Header=target'` (repeatable) of a command that reads an export; read by
    services/inputs.column_options. `help` names the targets."""
    return typer.Option("--column", help=help, show_default=False)


def rating(help: str) -> Any:
    """An evaluation's rating, 1-5; `help` says what is rated."""
    low, high = RATING
    return typer.Option(min=low, max=high, help=f"{low}-{high}: {help}", show_default=False)


# -- a pair, a person, a day -----------------------------------------------------------------
Pair = Annotated[
    str,
    typer.Argument(
        help="The pair: its id (mentor--mentee), its start past the -- (dan-ortiz--m), or "
        "either person's id or name when they have one open relationship.",
        show_default=False,
    ),
]
Person = Annotated[str, typer.Argument(help="An id, unique id prefix, full name or email.")]
def date_value(text: str) -> dt.date:
    """How every date option reads its value (mentorkit/dates.py): give it as `parser=`,
    with metavar="DATE"."""
    from mentorkit import dates

    try:
        return dates.parse(text)
    except dates.DateError as exc:
        raise typer.BadParameter(f"{exc}; write {dates.HOW}") from None


def choice(kind: type[E]) -> Callable[[str], E]:
    """How an option of a vocabulary reads its value: any case and spelling, and the
    everyday words (vocab.Choice: "Video", "every two weeks"). Give it as `parser=`."""

    from mentorkit.vocab import spoken_key

    def parse(text: str) -> E:
        try:
            return kind(text)
        except ValueError:
            for member in kind:  # an enum that is not a Choice: any case and spacing
                if spoken_key(str(member.value)) == spoken_key(text):
                    return member
            raise typer.BadParameter(
                f"{text!r}: use one of {', '.join(m.value for m in kind)}") from None

    return parse


def minutes(bounds: Bounds, what: str, default: str | None = None) -> Any:
    """An option for a length of time, read as the forms and prompts read one (45,
    "45 min", "1 hour", "1h30"), within `bounds`."""

    def parse(text: str) -> int:
        found = minutes_within(text, bounds)
        if found is None:
            raise typer.BadParameter(f"{quoted(text)}: give {minutes_wanted(bounds)}")
        return found

    said = f"{what}: {bounds.low} to {bounds.high} minutes, like 45, 1 hour or 1h30."
    return typer.Option(parser=parse, metavar="MINUTES",
                        help=said + (f" Default: {default}." if default else ""))


def vocab(kind: type[E], help: str, *flags: str, metavar: str | None = None) -> Any:
    """An option whose value is one of a vocabulary, read the way people write it
    (choice): its help lists the values, as Typer's own enum options would."""
    values = ", ".join(str(m.value) for m in kind)
    return typer.Option(*flags, parser=choice(kind), metavar=metavar or kind.__name__.upper(),
                        help=f"{help}: {values}.", show_default=False)


Day = Annotated[
    dt.date | None,
    typer.Option(
        "--date", parser=date_value, metavar="DATE", help="YYYY-MM-DD. Default: today.",
        show_default=False,
    ),
]
AsOf = Annotated[
    dt.date | None,
    typer.Option("--as-of", parser=date_value, metavar="DATE",
                 help="As the program stood on DATE (YYYY-MM-DD): nothing after it counts. "
                 "For reproducible output."),
]


def today(as_of: dt.date | None) -> dt.date:
    """--as-of's day, or today."""
    return as_of or dt.date.today()


# -- a toolkit form as a whole -----------------------------------------------------------
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


# -- a participant's fields (`add` and `participants edit`) ------------------------------
Email = Annotated[str | None, typer.Option(help="Work email (unique in the program).")]
RoleOpt = Annotated[Role | None, vocab(Role, "Their role", metavar="ROLE")]
JobTitle = Annotated[str | None, typer.Option(help="Job title, e.g. 'Staff Nurse'.")]
Department = Annotated[str | None, typer.Option(help="Department or unit.")]
Site = Annotated[str | None, typer.Option(help="Site or campus.")]


def years_value(text: str) -> float:
    """`--years` read as a sign-up sheet's column is (3, 2.5, "3 years", "6 months")."""
    from mentorkit.services.enrolment.cells import years

    try:
        value = years(text)
    except InvalidInput as exc:
        raise typer.BadParameter(f"{exc.message}; give years like 3, 2.5 or '6 months'") from None
    if value < YEARS.low or value > YEARS.high:  # in the words of the other number options
        raise typer.BadParameter(f"give at least {YEARS.low}" if value < YEARS.low
                                 else f"give at most {YEARS.high}")
    return value


Years = Annotated[
    float | None,
    typer.Option("--years", parser=years_value, metavar="YEARS",
                 help="Years of experience in the field: 3, 2.5, '3 years' or '6 months'."),
]
Manager = Annotated[
    str | None, typer.Option(help="Their manager's id or email (no manager–report pairs).")
]
Offers = Annotated[
    list[str] | None, repeated("What they can help with (repeat, or use ';').", "--can-help-with")
]
Wants = Annotated[
    list[str] | None,
    repeated("What they want help with (repeat, or use ';').", "--wants-help-with"),
]
CareerGoals = Annotated[
    list[str] | None, repeated("A career goal (repeat, or use ';').", "--career-goal")
]
Interests = Annotated[list[str] | None, repeated("An interest (repeat, or use ';').", "--interest")]
Languages = Annotated[
    list[str] | None, repeated("A language they can mentor in (repeat).", "--language")
]
PreferredMentors = Annotated[
    list[str] | None,
    repeated("A mentor they would like: id, email or full name (repeat, or use ';').",
             "--preferred-mentor"),
]
Modes = Annotated[
    list[MeetingMode] | None,
    vocab(MeetingMode, "A meeting mode they accept; repeat for more", "--mode", metavar="MODE"),
]
Slots = Annotated[
    list[Availability] | None,
    vocab(Availability, "When they can meet; repeat for more", "--available", metavar="WHEN"),
]
Capacity = Annotated[
    int | None,
    typer.Option(min=0, max=50, help="Mentees they can take. Default: the program's."),
]
StatusOpt = Annotated[Status | None, vocab(Status, "Their status", metavar="STATUS")]
StatusDay = Annotated[
    dt.date | None,
    typer.Option("--date", parser=date_value, metavar="DATE",
                 help="The day a --status change took effect (YYYY-MM-DD). Default: today.",
                 show_default=False),
]
Joined = Annotated[
    dt.date | None,
    typer.Option("--joined", parser=date_value, metavar="DATE",
                 help="The day they joined the program (YYYY-MM-DD), today or earlier; add "
                 "takes today. Pairs and requests dated before it are refused.",
                 show_default=False),
]
Notes = Annotated[str | None, typer.Option(help="Free notes for the coordinator.")]


# -- help text ------------------------------------------------------------------------------
def flowed(command: Callable[..., Any]) -> str:
    """A command's docstring as --help text: each paragraph one line, for the terminal to wrap
    (Typer's rich mode keeps the docstring's line breaks)."""
    import inspect

    paragraphs = inspect.cleandoc(command.__doc__ or "").split("\n\n")
    return "\n\n".join(" ".join(p.split()) for p in paragraphs)
