"""The capacity table of `match` marks every mentor who cannot be matched at all and says
why in words; applying an edited proposal warns about weak fits as `pair` does."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from conftest import make_person

from mentorkit.store.folder import ProgramFolder

Cli = Callable[..., Any]


@pytest.fixture
def mentors(folder: ProgramFolder) -> ProgramFolder:
    make_person(folder, "Mo Able", role="mentor", years_experience=15, capacity=2,
                can_help_with=["wound care"])
    make_person(folder, "Zed Zero", role="mentor", years_experience=20, capacity=0)
    make_person(folder, "Rookie", role="mentor", years_experience=2, capacity=2)
    make_person(folder, "Pat Paused", role="mentor", years_experience=12, status="paused")
    make_person(folder, "Wes Gone", role="mentor", years_experience=12, status="withdrawn")
    make_person(folder, "Jo Junior", role="mentor", years_experience=6, capacity=2)
    make_person(folder, "Ann", years_experience=8, wants_help_with=["wound care"])
    make_person(folder, "Ben", years_experience=9, wants_help_with=["wound care"])
    return folder


def test_each_mentor_who_cannot_be_matched_is_marked_with_why(
    mentors: ProgramFolder, cli: Cli
) -> None:
    result = cli("match", "--json")
    assert result.exit_code == 0, result.stderr
    why = {m["mentor"]: m["cannot_match"] for m in json.loads(result.stdout)["mentors"]}
    assert why == {
        "mo-able": None,
        "zed-zero": "takes no mentees (capacity 0)",
        "rookie": "2 years of experience, fewer than the program's minimum of 5",
        "pat-paused": "paused: not matched until active again",
        "wes-gone": "withdrawn: not matched until active again",
        # 6 years, and both mentees have more: the hard constraint rules out every one
        "jo-junior": "ruled out for every mentee waiting: has no more years' experience "
                     "than each mentee (2 of 2 mentees)",
    }
    table = cli("match").stdout
    assert "cannot be matched" in table and "paused: not matched until active" in table


def test_a_full_mentor_has_no_free_place(mentors: ProgramFolder, cli: Cli) -> None:
    assert cli("match", "--apply").exit_code == 0  # Mo takes both mentees: full
    make_person(mentors, "Cy", years_experience=1)
    why = {m["mentor"]: m["cannot_match"] for m in json.loads(
        cli("match", "--json").stdout)["mentors"]}
    assert why["mo-able"] == "no free place: 2 open of 2 places"
    assert why["jo-junior"] is None  # Cy has fewer years than Jo


def test_an_edited_proposal_warns_about_a_weak_fit_on_the_terminal(
    mentors: ProgramFolder, cli: Cli
) -> None:
    make_person(mentors, "Far Away", role="mentor", years_experience=40, capacity=3,
                can_help_with=["tax law"], site="Elsewhere", languages=["Latin"])
    edited = mentors.root / "edited.yaml"
    assert cli("match", "--out", str(edited)).exit_code == 0
    text = edited.read_text(encoding="utf-8")
    assert "mentor: mo-able" in text
    edited.write_text(text.replace("mentor: mo-able", "mentor: far-away"), encoding="utf-8")
    applied = cli("match", "--apply", "--proposal", str(edited))
    assert applied.exit_code == 0, applied.stderr
    assert "warning: weak fit: far-away → ann scores" in applied.stderr
    # the same words `pair` uses for the same kind of pair
    make_person(mentors, "Dee", years_experience=1, wants_help_with=["wound care"])
    paired = cli("pair", "far-away", "dee")
    assert "warning: weak fit: score" in paired.stderr
