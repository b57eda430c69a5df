"""The program report's "Milestones reached": first meetings, goals achieved, completions,
counted as of the report's day (and in its window), with the latest by pair and day."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from mentorkit.store.folder import ProgramFolder
from tests import recognition_program
from tests.report_program import MARKER


@pytest.fixture
def program(folder: ProgramFolder) -> ProgramFolder:
    recognition_program.build(folder)
    return folder


def milestones(cli: Callable[..., Any], *args: str) -> dict[str, Any]:
    result = cli("report", "--json", *args)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["report_version"] == 1
    return dict(data["milestones"])


def test_counts_and_the_latest_as_of_a_day(
    program: ProgramFolder, cli: Callable[..., Any]
) -> None:
    m = milestones(cli, "--as-of", "2026-04-01")
    # first meetings: ana--cara, ana--dev, ben--eli, ben--fay (the declined request and
    # the proposed pairs have none); goals: ana--cara g1 and g2, ben--eli g1 and g2
    assert (m["first_meetings"], m["goals_achieved"], m["completions"]) == (4, 4, 1)
    assert [(r["date"], r["milestone"], r["pair"], r["count"]) for r in m["recent"]] == [
        ("2026-03-10", "goal achieved", "ana--cara", 1),
        ("2026-03-05", "completed", "ben--eli", 1),
        ("2026-03-05", "goal achieved", "ben--eli", 1),  # g1; g2 (goals.yaml) has no day
        ("2026-02-10", "goal achieved", "ana--cara", 1),
        ("2026-01-20", "first meeting", "ben--fay", 1),
        ("2026-01-15", "first meeting", "ana--dev", 1),
        ("2026-01-10", "first meeting", "ana--cara", 1),
        ("2026-01-05", "first meeting", "ben--eli", 1),
    ]
    assert m["recent"][1]["mentor_name"] == "Ben" and m["recent"][1]["mentee_name"] == "Eli"


def test_nothing_after_as_of_counts(program: ProgramFolder, cli: Callable[..., Any]) -> None:
    m = milestones(cli, "--as-of", "2026-03-01")
    assert (m["first_meetings"], m["goals_achieved"], m["completions"]) == (4, 2, 0)
    assert all(r["date"] <= "2026-03-01" for r in m["recent"])
    assert "completed" not in {r["milestone"] for r in m["recent"]}


def test_a_window_counts_what_happened_in_it(
    program: ProgramFolder, cli: Callable[..., Any]
) -> None:
    m = milestones(cli, "--as-of", "2026-04-01", "--since", "2026-03-01")
    # undated achievements (goals.yaml alone) cannot be placed in a window: left out
    assert (m["first_meetings"], m["goals_achieved"], m["completions"]) == (0, 2, 1)


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "html", "csv"])
def test_every_format_shows_the_section_and_no_private_text(
    program: ProgramFolder, cli: Callable[..., Any], fmt: str
) -> None:
    result = cli("report", "--format", fmt, "--as-of", "2026-04-01")
    assert result.exit_code == 0, result.stderr
    assert "Milestones reached" in result.stdout or fmt == "csv"
    assert "Ben ↔ Eli" in result.stdout or fmt == "csv"
    assert MARKER not in result.stdout
    for goal in recognition_program.ACHIEVED:  # counts and pairs, not the goals' words
        assert goal not in result.stdout
