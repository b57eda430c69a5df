"""The program starters in templates/programs and the bundled example in examples/."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from mentorkit.models.program import Program
from mentorkit.services.enrolment import program as program_service
from mentorkit.services.monitoring import validate as validate_service
from mentorkit.store.folder import ProgramFolder
from mentorkit.store.resources import program_templates
from mentorkit.vocab import MentorFunction

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
EXAMPLE = EXAMPLES / "st-marys-mentoring"
STARTERS = sorted(program_templates())


def test_the_required_starters_are_there() -> None:
    assert {"healthcare-new-hire", "experienced-peer"} <= set(STARTERS)
    assert len(STARTERS) >= 3


@pytest.mark.parametrize("name", STARTERS)
def test_starter_is_a_valid_program_without_name_or_date(name: str) -> None:
    path = program_templates()[name]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert "name" not in data and "start_date" not in data, "init fills these in"
    program = Program.model_validate({**data, "name": "X", "start_date": dt.date(2026, 9, 1)})
    assert program.description and len(program.objectives) >= 3
    assert program.confidentiality and program.focus_areas
    assert 30 <= program.session_minutes <= 60
    assert program.matching.min_mentor_years > 0
    assert "#" in path.read_text(encoding="utf-8"), "starters explain themselves in comments"
    assert program_service.template_defaults(name)["kind"] == "program"


def test_new_hire_starter_shape() -> None:
    data = program_service.template_defaults("healthcare-new-hire")
    assert (data["duration_months"], data["cadence"], data["session_minutes"]) == (6, "monthly", 45)
    assert {"professional-socialisation", "career-development", "support"} <= set(
        data["focus_areas"]
    )


def test_peer_starter_shape() -> None:
    data = program_service.template_defaults("experienced-peer")
    assert data["cadence"] in {"fortnightly", "monthly"}
    assert {MentorFunction.NETWORKING, MentorFunction.FEEDBACK, MentorFunction.COACHING} <= {
        MentorFunction(f) for f in data["focus_areas"]
    }
    assert data["matching"]["department"] == "different"


@pytest.mark.parametrize("name", STARTERS)
def test_init_from_each_starter(tmp_path: Path, cli: Callable[..., Any], name: str) -> None:
    target = tmp_path / name
    result = cli(
        "init", str(target), "--template", name, "--name", "Night Shift Mentoring",
        "--start-date", "2026-09-01", "--no-interactive",
    )
    assert result.exit_code == 0, result.stderr
    assert f"from template {name}" in result.stdout
    program = ProgramFolder(target).load_program()
    starter = yaml.safe_load(program_templates()[name].read_text(encoding="utf-8"))
    assert program.name == "Night Shift Mentoring"
    assert program.start_date == dt.date(2026, 9, 1)
    assert program.cadence.value == starter["cadence"]
    assert program.session_minutes == starter["session_minutes"]
    assert program.objectives == starter["objectives"]
    assert program.matching.min_mentor_years == starter["matching"]["min_mentor_years"]
    assert (target / "participants").is_dir() and (target / "relationships").is_dir()


def test_flags_override_the_starter(tmp_path: Path, cli: Callable[..., Any]) -> None:
    target = tmp_path / "p"
    result = cli(
        "init", str(target), "-t", "experienced-peer", "--name", "Peers", "--cadence", "monthly",
        "--session-minutes", "45", "--no-interactive",
    )
    assert result.exit_code == 0, result.stderr
    program = ProgramFolder(target).load_program()
    assert (program.cadence.value, program.session_minutes) == ("monthly", 45)


def test_unknown_starter_names_the_available_ones(tmp_path: Path, cli: Callable[..., Any]) -> None:
    result = cli("init", str(tmp_path / "p"), "-t", "nursing", "--no-interactive")
    assert result.exit_code == 3
    assert "healthcare-new-hire" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "p" / "program.yaml").exists()


# -- the bundled example ------------------------------------------------------------------


def _signup_rows() -> list[dict[str, str]]:
    with (EXAMPLES / "signup.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_example_validates_clean(cli: Callable[..., Any]) -> None:
    result = validate_service.run(ProgramFolder(EXAMPLE))
    assert result.ok, [str(p) for p in result.problems]
    cli_result = cli("-p", str(EXAMPLE), "validate")
    assert cli_result.exit_code == 0, cli_result.stderr


def test_example_is_the_signup_export() -> None:
    rows = _signup_rows()
    people = ProgramFolder(EXAMPLE).load_participants()
    assert len(rows) >= 48 and len(people) == len(rows)
    assert {p.email for p in people.values()} == {r["Email address"].strip().lower() for r in rows}
    program = ProgramFolder(EXAMPLE).load_program()
    assert program.organisation and program.start_date == dt.date(2026, 9, 1)


def test_example_is_a_realistic_mix() -> None:
    people = ProgramFolder(EXAMPLE).load_participants().values()
    roles = {p.role.value for p in people}
    assert roles == {"mentor", "mentee", "both"}
    assert len({p.department for p in people}) >= 8
    assert len({p.site for p in people}) >= 2
    assert sum(1 for p in people if p.role.mentors and p.years_experience >= 5) >= 10
    emails = {p.email for p in people}
    assert sum(1 for p in people if p.manager in emails) >= 5, "managers who are enrolled"
    assert len({lang for p in people for lang in p.languages}) >= 6
    # Most mentees can find someone who offers what they asked for.
    offered = {topic.casefold() for p in people if p.role.mentors for topic in p.can_help_with}
    mentees = [p for p in people if p.role.mentees]
    served = [p for p in mentees if offered & {w.casefold() for w in p.wants_help_with}]
    assert len(served) >= 0.8 * len(mentees)


def test_reimporting_the_signup_changes_nothing(
    tmp_path: Path, cli: Callable[..., Any]
) -> None:
    copy = tmp_path / "st-marys"
    shutil.copytree(EXAMPLE, copy, ignore=shutil.ignore_patterns(".mentorkit"))
    before = {p.name: p.read_bytes() for p in (copy / "participants").iterdir()}
    result = cli(
        "-p", str(copy), "import", str(EXAMPLES / "signup.csv"),
        "--map", str(EXAMPLES / "column-map.yaml"),
    )
    assert result.exit_code == 0, result.stderr
    assert "0 new, 0 updated" in result.stdout
    assert {p.name: p.read_bytes() for p in (copy / "participants").iterdir()} == before
    as_json = cli(
        "-p", str(copy), "import", str(EXAMPLES / "signup.csv"),
        "--map", str(EXAMPLES / "column-map.yaml"), "--dry-run", "--json",
    )
    counts = json.loads(as_json.stdout)
    assert (counts["created"], counts["updated"], counts["unchanged"]) == (0, 0, len(before))


# -- the example in flight (build-relationships.sh) ----------------------------------------

AS_OF = "2026-11-20"


@pytest.fixture
def example_copy(tmp_path: Path) -> Path:
    """A copy of the example, so reports may write their cache without touching the repo."""
    copy = tmp_path / "st-marys"
    shutil.copytree(EXAMPLE, copy, ignore=shutil.ignore_patterns(".mentorkit"))
    return copy


def _json(cli: Callable[..., Any], *args: str) -> Any:
    result = cli(*args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_example_report_shows_every_stage(
    example_copy: Path, cli: Callable[..., Any]
) -> None:
    report = _json(cli, "-p", str(example_copy), "report", "--as-of", AS_OF)
    by_status = report["lifecycle"]["by_status"]
    for status in ("proposed", "active", "completed", "ended-early"):
        assert by_status.get(status, 0) >= 1, (status, by_status)
    assert by_status["proposed"] >= 3 and by_status["active"] >= 6
    engagement = report["engagement"]
    assert engagement["at_risk"] == ["gloria-mendoza--kwame-asante"]
    assert engagement["sessions_held"] >= 15
    assert report["goals"]["actions_overdue"] >= 1
    assert report["goals"]["by_status"]["achieved"] >= 1
    evaluation = report["evaluation"]
    assert evaluation["closures_by_kind"] == {"completed": 1, "ended-early": 1}
    assert evaluation["received"] >= 3 and evaluation["nps"] is not None
    # every goal is tied to a mentor function, and every function is used somewhere
    assert set(report["goals"]["by_function"]) == {f.value for f in MentorFunction}


def test_example_relationships_are_dated_in_order() -> None:
    folder = ProgramFolder(EXAMPLE)
    relationships = folder.load_relationships()
    assert len(relationships) == sum(
        1 for p in folder.load_participants().values() if p.role.mentees
    )
    start = dt.date(2026, 9, 1)
    for pid, r in relationships.items():
        assert r.created >= start, pid
        assert r.created <= dt.date.fromisoformat(AS_OF), pid
    for pid in ("wilner-joseph--mei-lin", "grace-kim--lucia-fernandez"):
        assert relationships[pid].status.value in {"completed", "ended-early"}
    completed = folder.relationship_dir("wilner-joseph--mei-lin")
    for name in ("evaluation-mentor.yaml", "evaluation-mentee.yaml", "partnership-ideas.yaml"):
        assert (completed / name).is_file(), name


def test_example_due_calendar_and_show(
    example_copy: Path, cli: Callable[..., Any], tmp_path: Path
) -> None:
    due = _json(cli, "-p", str(example_copy), "due", "--as-of", AS_OF)
    assert due["anything_overdue"]
    assert len(due["coming_meetings"]) >= 3
    assert any(a["pair"] == "wilner-joseph--tamika-johnson" for a in due["late_actions"])
    ics = tmp_path / "mentoring.ics"
    calendar = _json(cli, "-p", str(example_copy), "calendar", "--as-of", AS_OF, "--out", str(ics))
    assert len(calendar["meetings"]) >= 5 and ics.read_text().count("BEGIN:VEVENT") >= 5
    shown = cli("-p", str(example_copy), "show", "olumide-adeyemi--hannah-schultz")
    assert shown.exit_code == 0, shown.stderr
    assert "Ventilator" in shown.stdout and "Sessions (3)" in shown.stdout
