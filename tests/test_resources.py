"""Resources: chosen for each pair by what the mentee wants help with, shown by `show`,
the pair report and the introduction message; validate checks their files."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_training_cli import fails, ok
from training_support import set_program, training_program

from mentorkit.models.relationship import Relationship
from mentorkit.models.toolkit import Goals
from mentorkit.store.folder import ProgramFolder

Cli = Callable[..., Any]
PAIR = "dan-ortiz--maria-lopez"


@pytest.fixture
def paired(folder: ProgramFolder) -> ProgramFolder:
    import datetime as dt

    training_program(folder, required=False)
    folder.save_relationship(Relationship(mentor="dan-ortiz", mentee="maria-lopez",
                                          created=dt.date.today()))
    return folder


def titles(items: list[dict[str, Any]]) -> list[str]:
    return [i["title"] for i in items]


def test_show_points_the_pair_to_resources_for_what_the_mentee_wants(
        cli: Cli, paired: ProgramFolder) -> None:
    shown = json.loads(ok(cli("show", PAIR, "--json")).stdout)
    assert titles(shown["resources"]) == ["Talking with families", "Welcome pack"]
    why = {r["title"]: r["why"] for r in shown["resources"]}
    assert why["Talking with families"] == "wants help with: conflict with families"
    assert why["Welcome pack"] == "for every mentee"
    families = shown["resources"][0]
    assert (families["file"], families["link"]) == ("resources/families.md", None)
    text = ok(cli("show", PAIR)).stdout
    assert "Resources for this pair" in text and "resources/families.md" in text


def test_a_goal_brings_in_resources_for_its_mentor_function(cli: Cli, paired: ProgramFolder
                                                            ) -> None:
    paired.save_form(PAIR, Goals.model_validate({"kind": "goals", "goals": [
        {"id": "g1", "statement": "Ask for feedback after each shift", "function": "feedback"},
        {"id": "g2", "statement": "Cope better with night shifts"}]}))
    picks = json.loads(ok(cli("show", PAIR, "--json")).stdout)["resources"]
    why = {r["title"]: r["why"] for r in picks}
    assert why["Giving feedback that lands"] == "goal g1 (feedback)"
    assert why["Night shift survival"] == "goal: Cope better with night shifts"
    report = json.loads(ok(cli("report", "--pair", PAIR, "--json")).stdout)
    assert titles(report["resources"]) == titles(picks)
    assert "Resources for this pair" in ok(cli("report", "--pair", PAIR)).stdout


def test_the_introduction_gives_each_side_its_resources(cli: Cli, paired: ProgramFolder
                                                        ) -> None:
    set_program(paired, messages={"from": "mentoring@example.org"})
    data = json.loads(ok(cli("notify", "--json", "--preview", "introduction", PAIR)).stdout)
    text = {m["to"]: m["text"] for m in data["messages"]}
    assert "Welcome pack: https://example.org/welcome" in text["maria@example.org"]
    assert "Talking with families" in text["maria@example.org"]
    assert "Welcome pack" not in text["dan@example.org"]  # for mentees
    assert "Talking with families" in text["dan@example.org"]


def test_no_resources_no_section(cli: Cli, folder: ProgramFolder) -> None:
    import datetime as dt

    from conftest import make_person

    make_person(folder, "Dan Ortiz", role="mentor", years_experience=12)
    make_person(folder, "Maria Lopez", role="mentee")
    folder.save_relationship(Relationship(mentor="dan-ortiz", mentee="maria-lopez",
                                          created=dt.date.today()))
    assert json.loads(ok(cli("show", PAIR, "--json")).stdout)["resources"] == []
    assert "Resources" not in ok(cli("show", PAIR)).stdout


def test_validate_names_a_missing_resource_file(cli: Cli, paired: ProgramFolder) -> None:
    ok(cli("validate"))
    (paired.root / "resources" / "families.md").unlink()
    result = cli("validate")
    assert result.exit_code == 1
    assert "program.yaml: resources.1.file: resources/families.md does not exist" in (
        result.stdout + result.stderr)


def test_validate_names_a_resource_file_linked_from_outside(
        cli: Cli, paired: ProgramFolder, tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text("not the program's")
    target = paired.root / "resources" / "families.md"
    target.unlink()
    os.symlink(secret, target)
    result = cli("validate")
    assert result.exit_code == 1
    assert "resources.1.file" in result.stdout + result.stderr
    assert "outside the program folder" in result.stdout + result.stderr


@pytest.mark.parametrize(("resource", "words"), [
    ({"title": "X", "file": "../outside.md"}, "inside the program folder"),
    ({"title": "X", "file": "/etc/passwd"}, "inside the program folder"),
    ({"title": "X"}, "either `link`"),
    ({"title": "X", "link": "https://a.org", "file": "a.md"}, "either `link`"),
    ({"title": "X", "link": "javascript:alert(1)"}, "https://"),
    ({"title": "X", "link": "https://a.org", "functions": ["juggling"]}, "functions"),
    ({"title": "X", "link": "https://a.org", "role": "manager"}, "role"),
])
def test_bad_resource_settings_are_named(cli: Cli, folder: ProgramFolder,
                                         resource: dict[str, Any], words: str) -> None:
    path = folder.program_path
    path.write_text(path.read_text() + "resources:\n" + "".join(
        f"  {'- ' if n == 0 else '  '}{k}: {json.dumps(v)}\n"
        for n, (k, v) in enumerate(resource.items())))
    result = cli("validate")
    assert result.exit_code != 0
    out = result.stdout + result.stderr
    assert "program.yaml" in out and "resources.0" in out and words in out, out
    assert "Traceback" not in out


@pytest.mark.parametrize(("training", "words"), [
    ("training:\n  courses:\n  - name: A\n  - name: a\n", "named twice"),
    ("training:\n  courses:\n  - name: A\n    role: mentee\n"
     "  mentors_must_complete_before_matching: true\n", "no course is for mentors"),
    ("training:\n  courses:\n  - role: mentor\n", "training.courses.0.name"),
    ("training:\n  mentors_must_complete: true\n", "mentors_must_complete"),
])
def test_bad_training_settings_are_named(cli: Cli, folder: ProgramFolder, training: str,
                                         words: str) -> None:
    folder.program_path.write_text(folder.program_path.read_text() + training)
    result = cli("validate")
    out = result.stdout + result.stderr
    assert result.exit_code != 0 and "program.yaml" in out and words in out, out


def test_validate_names_completions_of_unknown_trainings(cli: Cli, paired: ProgramFolder
                                                         ) -> None:
    path = paired.root / "participants" / "dan-ortiz.yaml"
    path.write_text(path.read_text().replace(
        "training: []\n", "training:\n- name: Knitting\n  date: 2026-01-02\n"))
    result = cli("validate")
    assert result.exit_code == 1
    out = result.stdout + result.stderr
    assert "participants/dan-ortiz.yaml: training.0.name: 'Knitting' is not a training" in out


def test_a_completion_listed_twice_is_named(cli: Cli, paired: ProgramFolder) -> None:
    path = paired.root / "participants" / "dan-ortiz.yaml"
    path.write_text(path.read_text().replace(
        "training: []\n", "training:\n- name: Mentoring 101\n  date: 2026-01-02\n"
        "- name: mentoring 101\n  date: 2026-01-03\n"))
    fails(cli("training", "list"), 2, "dan-ortiz.yaml", "listed twice")
