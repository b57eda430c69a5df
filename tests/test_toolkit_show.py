"""`mentorkit show PAIR`: one relationship whole, and who may read its files."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from toolkit_support import PAIR, days, heavy_imports, make_pair

from mentorkit.store.folder import ProgramFolder


def _ok(result) -> None:
    assert result.exit_code == 0, result.stdout + result.stderr


# -- show ------------------------------------------------------------------------------------
def test_show_prints_the_relationship_whole(cli, busy_pair: str) -> None:
    result = cli("show", "maria")
    _ok(result)
    out = result.stdout
    for text in (
        "Dan Ortiz <dan-ortiz@example.org>",
        "Charge Nurse",
        "active",
        "Lead a unit huddle",
        "Run the huddle alone",
        "40%",
        "Overdue step",
        "late",
        "1 late, 1 due in the next 14 days",
        "Nervous speaking up → Rehearse",
        "SECRET-NOTE",
        f"next meeting  {days(20)}",
        "Co-present at grand rounds",
        "first session logged",
    ):
        assert text in out, text


def test_show_json(cli, busy_pair: str) -> None:
    result = cli("show", busy_pair, "--json")
    _ok(result)
    data = json.loads(result.stdout)
    assert data["id"] == busy_pair
    assert data["status"] == "active"
    assert data["people"]["mentee"]["name"] == "Maria Lopez"
    goal = data["goals"][0]
    assert (goal["status"], goal["progress"], goal["recorded_status"]) == (
        "in-progress",
        40,
        "not-started",
    )
    assert data["late"] == ["a1"] and data["due"] == ["a2"]
    assert [a["state"] for a in data["action_plan"]] == ["late", "due", "upcoming"]
    assert data["sessions"][0]["private_notes"] == "SECRET-NOTE"
    assert data["next_meeting"] == str(days(20))
    assert data["evaluations"] == {}
    assert data["partnership_ideas"]["ideas"][0]["idea"] == "Co-present at grand rounds"


def test_a_closed_pair_has_no_next_meeting(cli, busy_pair: str) -> None:
    # show kept the one its latest session agreed; report and calendar have none
    _ok(cli("close", busy_pair, "--kind", "ended-early", "--reason", "moved away",
            "--missing-reason", "left at once", "--no-interactive"))
    assert json.loads(cli("show", busy_pair, "--json").stdout)["next_meeting"] is None
    assert "next meeting" not in cli("show", busy_pair).stdout


def test_show_an_unknown_pair(cli, folder: ProgramFolder) -> None:
    make_pair(folder)
    result = cli("show", "dan-ortiz--maria-lopz")
    assert result.exit_code == 3
    assert "Did you mean dan-ortiz--maria-lopez?" in result.stderr


# -- confidentiality -------------------------------------------------------------------------
def test_relationship_files_are_private(cli, folder: ProgramFolder, busy_pair: str) -> None:
    _ok(cli("evaluate", busy_pair, "--as", "mentee", "--grew", "5"))
    folder_path = folder.relationship_dir(busy_pair)
    paths = [folder_path, folder_path / "sessions", *folder_path.rglob("*")]
    for path in paths:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), (path, oct(mode))


def test_private_folders_are_made_private_all_the_way_down(tmp_path: Path) -> None:
    from mentorkit.store import atomic

    target = tmp_path / "a" / "b" / "c.yaml"
    atomic.write_text(target, "x: 1\n", private=True)
    for path in (tmp_path / "a", tmp_path / "a" / "b"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o700
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    (tmp_path / "a" / "b").chmod(0o755)  # as a git checkout leaves it
    atomic.write_text(target, "x: 2\n", private=True)
    assert stat.S_IMODE((tmp_path / "a" / "b").stat().st_mode) == 0o700


def test_show_prints_text_as_typed(cli, folder: ProgramFolder) -> None:
    make_pair(folder)
    _ok(cli("goals", PAIR, "--goal", "Learn [SBAR] handoffs [/]|[bold]audit"))
    _ok(cli("log-session", PAIR, "--date", str(days(-1)), "--duration", "30",
            "--notes", "Rota :x: again [red]late[/red]", "--learning", "ask :smile: early"))
    _ok(cli("partnership", PAIR, "--idea", "Co-teach :rocket: a skills day|a room"))
    result = cli("show", PAIR)
    _ok(result)
    assert "Learn [SBAR] handoffs [/]" in result.stdout
    assert "[bold]audit" in result.stdout
    assert "notes: Rota :x: again [red]late[/red]" in result.stdout  # no emoji, no markup
    assert "learned: ask :smile: early" in result.stdout
    assert "Co-teach :rocket: a skills day" in result.stdout


@pytest.mark.parametrize("command", [["show", "maria"], ["report", "--pair", "maria"]])
def test_a_pair_by_name_loads_only_its_own_renderer(
    busy_pair: str, program_dir: Path, command: list[str]
) -> None:
    """A pair command prints through its own renderer alone: not matching's (numpy,
    scipy), which every fresh `show` used to import just to print one pair, and
    `report --pair` (a pair report's module is pair_report.py, its renderer report.py)
    until this test."""
    printed, heavy = heavy_imports(program_dir, command)
    assert "Dan Ortiz" in printed
    assert heavy == []
