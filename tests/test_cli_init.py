"""`mentorkit init`: flags, prompts, templates, and refusing to overwrite."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from mentorkit.models.program import DEFAULT_CONFIDENTIALITY, Program
from mentorkit.store.folder import ProgramFolder


def program_at(root: Path) -> Program:
    return ProgramFolder(root).load_program()


def test_init_with_defaults_creates_the_folder_layout(cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "night-nurses"
    result = cli("init", str(target), "--no-interactive")
    assert result.exit_code == 0, result.stderr
    assert (target / "program.yaml").is_file()
    assert (target / "participants").is_dir()
    assert (target / "relationships").is_dir()
    # `.mentorkit`, not `.mentorkit/`, which leaves a link by that name to git
    assert ".mentorkit" in (target / ".gitignore").read_text().splitlines()
    program = program_at(target)
    assert program.name == "Night Nurses"  # from the folder name
    assert program.start_date == dt.date.today()
    assert program.duration_months == 6
    assert program.cadence.value == "monthly"
    assert program.session_minutes == 45
    assert program.confidentiality == DEFAULT_CONFIDENTIALITY
    assert len(program.focus_areas) == 6
    assert "Created program Night Nurses" in result.stdout
    text = (target / "program.yaml").read_text()
    assert text.startswith("schema_version: 1\nkind: program\n")


def test_init_with_every_flag(cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "p"
    result = cli(
        "init", str(target), "--no-interactive",
        "--name", "ICU Preceptors",
        "--organisation", "St Elsewhere Hospital",
        "--description", "New ICU nurses in their first year",
        "--objective", "Retain new nurses; Build confidence",
        "--objective", "Share know-how",
        "--start-date", "2026-03-02",
        "--duration-months", "9",
        "--cadence", "fortnightly",
        "--session-minutes", "30",
        "--focus", "coaching", "--focus", "support",
        "--confidentiality", "Stays between us.",
        "--capacity", "3",
    )
    assert result.exit_code == 0, result.stderr
    p = program_at(target)
    assert p.name == "ICU Preceptors"
    assert p.organisation == "St Elsewhere Hospital"
    assert p.description == "New ICU nurses in their first year"
    assert p.objectives == ["Retain new nurses", "Build confidence", "Share know-how"]
    assert p.start_date == dt.date(2026, 3, 2)
    assert p.duration_months == 9
    assert p.cadence.value == "fortnightly"
    assert p.session_minutes == 30
    assert [f.value for f in p.focus_areas] == ["coaching", "support"]
    assert p.confidentiality == "Stays between us."
    assert p.default_mentor_capacity == 3
    assert p.end_date == dt.date(2026, 12, 2)


def test_init_json(cli: Any, tmp_path: Path) -> None:
    result = cli("init", str(tmp_path / "p"), "--no-interactive", "--name", "X", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["program"]["name"] == "X"
    assert data["template"] is None
    assert Path(data["root"]) == (tmp_path / "p").resolve()


def test_init_in_the_current_folder(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = tmp_path / "lab-peers"
    here.mkdir()
    monkeypatch.chdir(here)
    result = cli("init", "--no-interactive")
    assert result.exit_code == 0, result.stderr
    assert program_at(here).name == "Lab Peers"


def test_init_keeps_an_existing_gitignore(cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "p"
    target.mkdir()
    (target / ".gitignore").write_text("*.pyc\n")
    assert cli("init", str(target), "--no-interactive").exit_code == 0
    text = (target / ".gitignore").read_text()
    assert text.startswith("*.pyc\n") and ".mentorkit" in text.splitlines()


def test_init_prompts_for_what_is_missing(cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "p"
    answers = "\n".join(
        [
            "Pharmacy Peers",  # name
            "General Hospital",  # organisation
            "Pharmacists new to the wards",  # description
            "Confidence; Retention",  # objectives
            "2026-04-01",  # start date
            "",  # duration: default 6
            " Weekly ",  # cadence, as people type it
            "60",  # session minutes
            "Coaching; career development",  # focus areas, as people type them
            "3",  # mentees per mentor
            "",  # confidentiality: keep the standard statement
        ]
    ) + "\n"
    result = cli("init", str(target), "--interactive", input=answers)
    assert result.exit_code == 0, result.stderr
    p = program_at(target)
    assert p.name == "Pharmacy Peers"
    assert p.organisation == "General Hospital"
    assert p.description == "Pharmacists new to the wards"
    assert p.objectives == ["Confidence", "Retention"]
    assert p.start_date == dt.date(2026, 4, 1)
    assert p.duration_months == 6
    assert p.cadence.value == "weekly"
    assert p.session_minutes == 60
    assert [f.value for f in p.focus_areas] == ["coaching", "career-development"]
    assert p.default_mentor_capacity == 3
    assert p.confidentiality == DEFAULT_CONFIDENTIALITY
    assert "Program name" in result.stdout


def test_init_prompts_only_for_fields_not_given(cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "p"
    # name and start date come from flags; nine more questions remain
    result = cli(
        "init", str(target), "--interactive", "--name", "Given", "--start-date", "2026-01-01",
        input="\n" * 9,
    )
    assert result.exit_code == 0, result.stderr
    assert "Program name" not in result.stdout
    assert "Start date" not in result.stdout
    p = program_at(target)
    assert p.name == "Given"
    assert p.start_date == dt.date(2026, 1, 1)
    assert p.cadence.value == "monthly"


def test_init_prompt_asks_a_cadence_again_from_a_menu(cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "p"
    answers = "Name\n\n\n\n2026-01-01\n\nsometimes\nevery two weeks\n" + "\n" * 5
    result = cli("init", str(target), "--interactive", input=answers)
    assert result.exit_code == 0, result.stderr
    assert "5 bimonthly (every two months)" in result.stdout  # the menu says what it means
    assert "Choose a number from 1 to 6" in result.stdout
    assert program_at(target).cadence.value == "fortnightly"


def test_init_prompt_with_a_bad_answer_is_a_clean_error(cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "p"
    answers = "Name\n\n\n\n2026-01-01\n\n4\nlots\n\n\n\n"
    result = cli("init", str(target), "--interactive", input=answers)
    assert result.exit_code == 2
    assert "session_minutes" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (target / "program.yaml").exists()


def test_init_prompt_with_a_bad_date(cli: Any, tmp_path: Path) -> None:
    result = cli("init", str(tmp_path / "p"), "--interactive", input="N\n\n\n\n2026-13-45\n")
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.stderr


def test_init_refuses_to_overwrite(cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "p"
    assert cli("init", str(target), "--no-interactive", "--name", "First").exit_code == 0
    before = (target / "program.yaml").read_text()
    result = cli("init", str(target), "--no-interactive", "--name", "Second")
    assert result.exit_code == 4
    assert "already exists" in result.stderr
    assert "Traceback" not in result.stderr
    assert (target / "program.yaml").read_text() == before


@pytest.mark.parametrize(
    ("flags", "words"),
    [
        (["--name", "   "], "name"),
        (["--duration-months", "0"], "duration-months"),
        (["--session-minutes", "5"], "session-minutes"),
        (["--cadence", "hourly"], "cadence"),
        (["--focus", "gossip"], "focus"),
        (["--start-date", "01/02/2026"], "start-date"),
        (["--capacity", "0"], "capacity"),
    ],
)
def test_init_rejects_bad_values_cleanly(
    cli: Any, tmp_path: Path, flags: list[str], words: str
) -> None:
    target = tmp_path / "p"
    result = cli("init", str(target), "--no-interactive", *flags)
    assert result.exit_code == 2
    assert words in result.stderr
    assert "Traceback" not in result.stderr
    assert not (target / "program.yaml").exists()


def test_init_unknown_template(cli: Any, tmp_path: Path) -> None:
    result = cli("init", str(tmp_path / "p"), "--no-interactive", "--template", "no-such-starter")
    assert result.exit_code == 3
    assert "no-such-starter" in result.stderr
    assert not (tmp_path / "p" / "program.yaml").exists()


@pytest.fixture
def starter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary program starter, offered in place of the ones in templates/."""
    path = tmp_path / "starters" / "wards.yaml"
    path.parent.mkdir()
    path.write_text(
        yaml.safe_dump(
            {
                "schema_version": 1,
                "kind": "program",
                "description": "New nurses on the wards",
                "objectives": ["Retention", "Confidence"],
                "cadence": "fortnightly",
                "session_minutes": 30,
                "focus_areas": ["professional-socialisation", "support"],
            }
        )
    )
    monkeypatch.setattr(
        "mentorkit.services.enrolment.program.program_templates", lambda: {"wards": path}
    )
    return path


def test_init_from_a_template(cli: Any, tmp_path: Path, starter: Path) -> None:
    target = tmp_path / "p"
    result = cli(
        "init", str(target), "--no-interactive", "--template", "wards",
        "--name", "Ward Starters", "--session-minutes", "45",
    )
    assert result.exit_code == 0, result.stderr
    assert "from template wards" in result.stdout
    p = program_at(target)
    assert p.name == "Ward Starters"
    assert p.description == "New nurses on the wards"
    assert p.cadence.value == "fortnightly"
    assert p.session_minutes == 45  # the flag wins over the starter
    assert [f.value for f in p.focus_areas] == ["professional-socialisation", "support"]


def test_init_template_values_are_the_prompt_defaults(
    cli: Any, tmp_path: Path, starter: Path
) -> None:
    target = tmp_path / "p"
    result = cli(
        "init", str(target), "--interactive", "--template", "wards", input="Wards\n" + "\n" * 10
    )
    assert result.exit_code == 0, result.stderr
    assert "Retention; Confidence" in result.stdout
    p = program_at(target)
    assert p.objectives == ["Retention", "Confidence"]
    assert p.cadence.value == "fortnightly"
    assert p.session_minutes == 30


def test_init_with_a_broken_template_is_a_clean_error(
    cli: Any, tmp_path: Path, starter: Path
) -> None:
    starter.write_text("schema_version: 1\nkind: program\ncadense: weekly\n")
    result = cli("init", str(tmp_path / "p"), "--no-interactive", "--template", "wards")
    assert result.exit_code == 2
    assert "cadense" in result.stderr
    assert "Traceback" not in result.stderr


def test_version_and_help(cli: Any) -> None:
    assert cli("--version").stdout.startswith("mentorkit ")
    result = cli("--help")
    assert result.exit_code == 0
    for command in ("init", "add", "import", "participants", "validate"):
        assert command in result.stdout
