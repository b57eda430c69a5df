"""Every choice the command line takes is read the way people write it: any case, US or
British spelling, spaces, hyphens or underscores, plurals in filters and the everyday
words (vocab.SYNONYMS)."""

from __future__ import annotations

import json
import typing
from collections.abc import Iterator
from enum import Enum
from typing import Any

import pytest
from conftest import make_person

from mentorkit.cli.app import COMMANDS
from mentorkit.cli.lazy import load_command
from mentorkit.store.folder import ProgramFolder


def _params(command: Any, path: str) -> Iterator[tuple[str, Any]]:
    if hasattr(command, "commands"):
        for name, sub in command.commands.items():
            yield from _params(sub, f"{path} {name}")
        return
    for param in command.params:
        yield f"{path} {param.name}", param.type_descriptor


def _is_choice(annotation: Any) -> bool:
    inner = [a for a in typing.get_args(annotation) if a is not type(None)]
    return any(_is_choice(a) for a in inner) or (
        isinstance(annotation, type) and issubclass(annotation, Enum))


def test_every_choice_option_reads_everyday_spellings() -> None:
    """A plain enum option (Typer's own Choice) takes only the exact value: `--role
    Mentor` would fail. Every one goes through options.choice instead."""
    plain = [
        where for name, entry in COMMANDS.items()
        for where, typed in _params(load_command(name, entry), name)
        if _is_choice(typed.annotation) and typed.parameter_info.parser is None
    ]
    assert plain == []


@pytest.fixture
def people(folder: ProgramFolder) -> None:
    make_person(folder, "Ann Mentor", role="mentor", years_experience=9)
    make_person(folder, "Ben Both", role="both", years_experience=9)
    make_person(folder, "Cal Mentee", role="mentee", status="paused")


@pytest.mark.parametrize(("options", "ids"), [
    (["--role", "Mentors"], ["ann-mentor", "ben-both"]),  # "both" people mentor too
    (["--role", "MENTOR"], ["ann-mentor", "ben-both"]),
    (["--role", "mentor and mentee"], ["ben-both"]),
    (["--role", "Mentees", "--status", "On hold"], ["cal-mentee"]),
    (["--status", "Paused"], ["cal-mentee"]),
])
def test_participants_list_filters_take_the_words(
    cli: Any, people: None, options: list[str], ids: list[str]
) -> None:
    result = cli("participants", "list", *options, "--json")
    assert result.exit_code == 0, result.stderr
    assert [row["id"] for row in json.loads(result.stdout)["participants"]] == ids


def test_a_choice_that_is_no_choice_names_the_choices(cli: Any, people: None) -> None:
    result = cli("participants", "list", "--role", "boss")
    assert result.exit_code == 2
    assert "'boss': use one of mentor, mentee, both" in result.stderr


def test_add_and_edit_take_the_words(cli: Any, folder: ProgramFolder) -> None:
    result = cli("add", "Dee Nurse", "--email", "dee@example.org", "--role", "Mentee",
                 "--mode", "In person", "--mode", "Zoom", "--available", "Weekday mornings",
                 "--no-interactive", "--json")
    assert result.exit_code == 0, result.stderr
    result = cli("participants", "edit", "dee-nurse", "--status", "on leave", "--json")
    assert result.exit_code == 0, result.stderr
    person = json.loads(cli("participants", "show", "dee-nurse", "--json").stdout)
    assert person["meeting_modes"] == ["in-person", "video"]
    assert person["availability"] == ["weekday-morning"]
    assert person["status"] == "paused"


def test_report_format_and_evaluate_respondent_in_any_case(cli: Any, people: None) -> None:
    assert cli("report", "--format", "JSON").exit_code == 0
    result = cli("evaluate", "nobody", "--as", "The Mentee", "--grew", "4")
    assert "'The Mentee'" not in result.stderr  # read as mentee; the pair is what is wrong


def test_close_kind_in_everyday_words(cli: Any, folder: ProgramFolder) -> None:
    from toolkit_support import days, make_pair

    from mentorkit.vocab import RelationshipStatus

    pair = make_pair(folder, status=RelationshipStatus.ACTIVE, started=days(-30))
    result = cli("close", pair, "--kind", "Ended early", "--reason", "moved away",
                 "--missing-reason", "left suddenly", "--no-interactive")
    assert result.exit_code == 0, result.stderr
    assert folder.load_relationship(pair).status is RelationshipStatus.ENDED_EARLY


@pytest.mark.parametrize(("kind", "typed", "value"), [
    ("Cadence", "every other week", "fortnightly"), ("Cadence", "Bi-weekly", "fortnightly"),
    ("Cadence", "fortnight", "fortnightly"), ("Cadence", "two times a month", "twice-monthly"),
    ("Cadence", "Once a month", "monthly"), ("Cadence", "every other month", "bimonthly"),
    ("Cadence", "every quarter", "quarterly"), ("MeetingMode", "Face to face", "in-person"),
    ("MeetingMode", "on site", "in-person"), ("MeetingMode", "Teams", "video"),
    ("MeetingMode", "online", "video"), ("MeetingMode", "telephone", "phone"),
    ("MeetingMode", "Text", "chat"), ("Status", "On hold", "paused"),
    ("Status", "left", "withdrawn"), ("Role", "Mentor & mentee", "both"),
    ("Owner", "both of us", "both"), ("Owner", "together", "both"),
    ("MentorFunction", "Socialization", "professional-socialisation"),
    ("MentorFunction", "career advice", "career-development"),
    ("MentorFunction", "emotional support", "support"),
    ("GoalStatus", "To do", "not-started"), ("GoalStatus", "Ongoing", "in-progress"),
    ("GoalStatus", "Completed", "achieved"), ("GoalStatus", "abandoned", "dropped"),
    ("ActionStatus", "not started", "planned"), ("ActionStatus", "Finished", "done"),
    ("ActionStatus", "canceled", "cancelled"), ("MeetingKind", "Last", "final"),
    ("MeetingKind", "initial", "first"), ("Achieved", "partially", "partly"),
    ("Achieved", "not achieved", "no"), ("Availability", "Evenings", "weekday-evening"),
    ("Availability", "weekends", "weekend"), ("Availability", "nights", "night-shift"),
])
def test_the_readme_table_of_words(kind: str, typed: str, value: str) -> None:
    from mentorkit import vocab

    assert getattr(vocab, kind)(typed).value == value
