"""Rematching: who `match` proposes again, weak fits in an edited proposal, mentors who
cannot be matched at all; and `match suggest` / `show` as of a day."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest

from mentorkit.models.relationship import Relationship
from mentorkit.store.folder import ProgramFolder
from tests.conftest import make_person

Cli = Callable[..., Any]
D = dt.date


@pytest.fixture
def round_two(folder: ProgramFolder) -> ProgramFolder:
    """Three mentees after a first round: Ann completed, Ben ended early, Cy withdrew."""
    make_person(folder, "Mo Old", role="mentor", years_experience=15, capacity=3,
                can_help_with=["wound care"])
    make_person(folder, "Nia New", role="mentor", years_experience=12, capacity=3,
                can_help_with=["wound care"])
    make_person(folder, "Ann", years_experience=2, wants_help_with=["wound care"])
    make_person(folder, "Ben", years_experience=2, wants_help_with=["wound care"])
    make_person(folder, "Cy", years_experience=2, wants_help_with=["wound care"],
                status="withdrawn")
    for mentee, status, kind in (("ann", "completed", "completed"),
                                 ("ben", "ended-early", "ended-early")):
        folder.save_relationship(Relationship.model_validate({
            "mentor": "mo-old", "mentee": mentee, "status": status, "created": D(2026, 1, 5),
            "started": D(2026, 1, 10), "ended": D(2026, 6, 1),
            "closure": {"date": D(2026, 6, 1), "kind": kind, "reason": "done"}}))
    return folder


def _proposed(cli: Cli, *extra: str) -> dict[str, Any]:
    result = cli("match", "--json", *extra)
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_who_is_matched_again(round_two: ProgramFolder, cli: Cli) -> None:
    data = _proposed(cli)
    assert [p["mentee"] for p in data["pairs"]] == ["ben"]  # ended early: yes
    assert data["already_completed"] == 1  # ann completed: not unless she asks
    # she asks
    ann = round_two.load_participant("ann")
    ann.seeking = True
    round_two.save_participant("ann", ann)
    data = _proposed(cli)
    assert sorted(p["mentee"] for p in data["pairs"]) == ["ann", "ben"]
    assert all(p["mentor"] == "nia-new" for p in data["pairs"])  # never the same pair
    assert "cy" not in json.dumps(data["pairs"])  # withdrawn: never


def test_the_terminal_says_why_completed_mentees_wait(round_two: ProgramFolder,
                                                       cli: Cli) -> None:
    out = cli("match").stdout
    assert "Left out: 1 mentee who completed a relationship" in out
    assert "--rematch-completed" in out


def test_capacity_table_marks_mentors_who_cannot_be_matched(
    round_two: ProgramFolder, cli: Cli
) -> None:
    make_person(round_two, "Zed Zero", role="mentor", years_experience=20, capacity=0)
    make_person(round_two, "Rookie", role="mentor", years_experience=2, capacity=2)
    mentors = {m["mentor"]: m for m in _proposed(cli)["mentors"]}
    assert mentors["zed-zero"]["cannot_match"] == "takes no mentees (capacity 0)"
    assert mentors["rookie"]["cannot_match"] == (
        "2 years of experience, fewer than the program's minimum of 5")
    assert mentors["nia-new"]["cannot_match"] is None
    assert "cannot be matched" in cli("match").stdout


def test_an_edited_proposal_with_a_weak_fit_warns(round_two: ProgramFolder, cli: Cli) -> None:
    make_person(round_two, "Far Away", role="mentor", years_experience=40, capacity=1,
                can_help_with=["tax law"], site="Elsewhere", languages=["Latin"])
    edited = round_two.root / "edited.yaml"
    assert cli("match", "--out", str(edited)).exit_code == 0
    text = edited.read_text(encoding="utf-8").replace("mentor: nia-new", "mentor: far-away")
    edited.write_text(text, encoding="utf-8")
    applied = cli("match", "--apply", "--proposal", str(edited), "--json")
    assert applied.exit_code == 0, applied.stderr
    warnings = json.loads(applied.stdout)["warnings"]
    assert any(w.startswith("weak fit: far-away → ben scores") for w in warnings)


def test_suggest_and_show_as_of_a_day(round_two: ProgramFolder, cli: Cli) -> None:
    # Nia takes three mentees in July: full today, not in June
    for name in ("Dee", "Eve", "Flo"):
        make_person(round_two, name, years_experience=1)
        round_two.save_relationship(Relationship.model_validate({
            "mentor": "nia-new", "mentee": name.lower(), "status": "proposed",
            "created": D(2026, 7, 1)}))
    now = json.loads(cli("match", "suggest", "ben", "--json").stdout)
    assert [s["mentor"] for s in now["suggestions"]] == []
    june = json.loads(cli("match", "suggest", "ben", "--json", "--as-of", "2026-06-15").stdout)
    assert [s["mentor"] for s in june["suggestions"]] == ["nia-new"]
    # ann--mo-old as it was in March: active, not yet completed
    march = json.loads(cli("show", "mo-old--ann", "--json", "--as-of", "2026-03-01").stdout)
    assert march["status"] == "active"
    assert "ended" not in march and "closure" not in march
    assert json.loads(cli("show", "mo-old--ann", "--json").stdout)["status"] == "completed"
