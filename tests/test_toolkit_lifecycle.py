"""A relationship's life (start, close, reopen), `show`, confidentiality, validate, forms."""

from __future__ import annotations

import json
import re
import stat
from pathlib import Path

import pytest
import yaml
from toolkit_support import PAIR, TODAY, days, make_pair

from mentorkit.errors import Conflict
from mentorkit.services.enrolment.participants import mentor_load
from mentorkit.services.monitoring.validate import run as validate
from mentorkit.services.toolkit import lifecycle
from mentorkit.services.toolkit.catalogue import FORMS, form, guidance
from mentorkit.services.toolkit.fill import log_session
from mentorkit.services.toolkit.pair import open_pair
from mentorkit.store.folder import ProgramFolder
from mentorkit.store.resources import templates_dir
from mentorkit.vocab import RelationshipStatus


def _ok(result) -> None:
    assert result.exit_code == 0, result.stdout + result.stderr


def _finish(cli, pair: str) -> None:
    """A final meeting and both evaluations: what a proper close needs."""
    _ok(cli("log-session", pair, "--date", str(days(-2)), "--meeting", "final"))
    _ok(cli("evaluate", pair, "--as", "mentor", "--recommend", "9"))
    _ok(cli("evaluate", pair, "--as", "mentee", "--recommend", "10"))


# -- lifecycle -------------------------------------------------------------------------------
def test_start_makes_a_proposed_relationship_active(cli, folder: ProgramFolder) -> None:
    make_pair(folder)
    _ok(cli("start", PAIR, "--date", str(days(-50))))
    r = folder.load_relationship(PAIR)
    assert (r.status, r.started) == (RelationshipStatus.ACTIVE, days(-50))
    assert r.history[-1].event == "started"
    result = cli("start", PAIR)
    assert result.exit_code == 4
    assert f"already active since {days(-50)}" in result.stderr


def test_start_before_created_backfills_created(folder: ProgramFolder) -> None:
    make_pair(folder, created=days(-10))
    result = lifecycle.start(folder, PAIR, days(-11))
    assert result.relationship.created == result.relationship.started == days(-11)


def test_close_with_everything_recorded(cli, folder: ProgramFolder) -> None:
    make_pair(folder, mentor_capacity=1)
    _finish(cli, PAIR)
    assert mentor_load(folder.load_relationships().values()) == {"dan-ortiz": 1}
    result = cli("close", "maria", "--reason", "Goals met", "--json")
    _ok(result)
    data = json.loads(result.stdout)
    assert data["relationship"]["status"] == "completed"
    r = folder.load_relationship(PAIR)
    assert r.closure.kind.value == "completed"
    assert (r.ended, r.closure.missing, r.closure.missing_reason) == (TODAY, [], None)
    assert mentor_load(folder.load_relationships().values()) == {}  # the place is free again
    result = cli("close", PAIR, "--reason", "again")
    assert result.exit_code == 4
    assert "already completed" in result.stderr


def test_close_without_the_final_meeting_needs_a_reason(cli, folder: ProgramFolder) -> None:
    make_pair(folder)
    _ok(cli("log-session", PAIR, "--date", str(days(-20))))
    _ok(cli("evaluate", PAIR, "--as", "mentee", "--recommend", "7"))
    result = cli(
        "close", PAIR, "--reason", "Moved to nights", "--kind", "ended-early", "--no-interactive"
    )
    assert result.exit_code == 2
    assert "has no record of the final meeting or the mentor's evaluation" in result.stderr
    assert "--missing-reason" in result.stderr
    _ok(
        cli(
            "close",
            PAIR,
            "--reason",
            "Moved to nights",
            "--kind",
            "ended-early",
            "--missing-reason",
            "Dan left the unit",
            "--date",
            str(days(-1)),
        )
    )
    r = folder.load_relationship(PAIR)
    assert r.status is RelationshipStatus.ENDED_EARLY
    assert r.closure.missing == ["the final meeting", "the mentor's evaluation"]
    assert r.closure.missing_reason == "Dan left the unit"


def test_close_asks_on_a_terminal(cli, folder: ProgramFolder) -> None:
    make_pair(folder, status=RelationshipStatus.ACTIVE, started=days(-60))
    # record the final meeting / mentor's / mentee's evaluation now? no, no, no; close? no
    result = cli("close", PAIR, "--reason", "Done", "--interactive", input="n\nn\nn\nn\n")
    assert result.exit_code == 130
    assert "the mentee's evaluation" in result.stdout
    assert folder.load_relationship(PAIR).status is RelationshipStatus.ACTIVE
    result = cli(
        "close",
        PAIR,
        "--reason",
        "Done",
        "--kind",
        "rematched",
        "--interactive",
        input="n\nn\nn\ny\nRematched with a night-shift mentor\n",
    )
    _ok(result)
    r = folder.load_relationship(PAIR)
    assert (r.status, r.closure.kind.value) == (RelationshipStatus.ENDED_EARLY, "rematched")
    assert r.closure.missing_reason == "Rematched with a night-shift mentor"


def test_close_rules(cli, folder: ProgramFolder) -> None:
    make_pair(folder)
    result = cli("close", PAIR, "--reason", "x", "--missing-reason", "y")
    assert "never started, so it cannot be completed" in result.stderr
    result = cli("close", PAIR, "--reason", "x", "--kind", "finished")
    assert "--kind 'finished': use one of completed, ended-early, rematched" in result.stderr
    _ok(cli("log-session", PAIR, "--date", str(days(-3))))
    result = cli("close", PAIR, "--reason", "x", "--missing-reason", "y", "--date", str(days(-4)))
    assert "is before the relationship began" in result.stderr


def test_reopen(cli, folder: ProgramFolder) -> None:
    make_pair(folder)
    _finish(cli, PAIR)
    result = cli("reopen", PAIR, "--reason", "x")
    assert result.exit_code == 4
    assert "not closed; nothing to reopen" in result.stderr
    _ok(cli("close", PAIR, "--reason", "Goals met"))
    with pytest.raises(Conflict, match="a closed relationship takes no more sessions"):
        log_session(folder, PAIR, {"date": TODAY})
    result = cli("log-session", PAIR, "--edit")  # refused before the editor opens
    assert result.exit_code == 4
    assert "Reopen it first" in result.stderr
    _ok(cli("reopen", PAIR, "--reason", "A second project"))
    r = folder.load_relationship(PAIR)
    assert (r.status, r.ended, r.closure) == (RelationshipStatus.ACTIVE, None, None)
    assert r.history[-1].event == "reopened"
    assert "A second project (was completed on" in r.history[-1].note
    assert "Goals met" in r.history[-1].note
    log_session(folder, PAIR, {"date": TODAY})


def test_reopen_says_when_the_mentor_is_over_capacity(folder: ProgramFolder) -> None:
    make_pair(folder, status=RelationshipStatus.COMPLETED, started=days(-100), mentor_capacity=1)
    from conftest import make_person

    from mentorkit.models.relationship import Relationship

    make_person(folder, "Ann Lee")
    folder.save_relationship(Relationship(mentor="dan-ortiz", mentee="ann-lee", created=days(-5)))
    result = lifecycle.reopen(folder, PAIR, reason="More to do")
    assert result.notes == ["dan-ortiz now has 2 open relationships, above their capacity of 1"]


# -- show ------------------------------------------------------------------------------------
@pytest.fixture
def busy_pair(cli, folder: ProgramFolder) -> str:
    make_pair(folder)
    _ok(cli("needs-analysis", PAIR, "--wants", "Lead a unit huddle", "--cadence", "monthly"))
    _ok(
        cli(
            "goals",
            PAIR,
            "--goal",
            "Run the huddle alone|3 huddles|coaching",
            "--goal",
            "Finish the course",
        )
    )
    _ok(
        cli(
            "action-plan",
            PAIR,
            "--action",
            f"Overdue step|{days(-3)}|g1",
            "--action",
            f"Soon step|{days(10)}",
            "--action",
            f"Later step|{days(40)}",
        )
    )
    _ok(
        cli(
            "log-session",
            PAIR,
            "--date",
            str(days(-10)),
            "--progress",
            "g1|in-progress|40",
            "--issue",
            "Nervous speaking up|Rehearse",
            "--learning",
            "Short huddles work",
            "--notes",
            "SECRET-NOTE",
            "--next",
            str(days(20)),
        )
    )
    _ok(cli("partnership", PAIR, "--idea", "Co-present at grand rounds"))
    return PAIR


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


# -- validate --------------------------------------------------------------------------------
def test_validate_reports_every_toolkit_problem_at_once(
    cli, folder: ProgramFolder, busy_pair: str
) -> None:
    assert validate(folder).ok
    base = folder.relationship_dir(busy_pair)
    (base / "notes.txt").write_text("stray")
    (base / "sessions" / "misc.yaml").write_text("x: 1\n")
    session = base / "sessions" / f"{days(-10)}.yaml"
    text = session.read_text().replace("goal: g1", "goal: g7")
    (base / "sessions" / f"{days(-9)}.yaml").write_text(
        text.replace(f"date: {days(-10)}", f"date: {days(-200)}")
    )
    plan = base / "action-plan.yaml"
    plan.write_text(plan.read_text().replace("goal: g1", "goal: g5"))
    (base / "goals.yaml").write_text("schema_version: 1\nkind: goals\ngoals:\n  - id: g1\n")
    (base / "evaluation-mentor.yaml").write_text(
        f"schema_version: 1\nkind: evaluation\nrespondent: mentee\ndate: {TODAY}\n"
    )
    result = cli("validate")
    assert result.exit_code == 1
    err = result.stderr
    for text in (
        "notes.txt: not a toolkit form",
        "sessions/misc.yaml: not a session record",
        "goals.yaml:4: goals.0.statement: required field is missing",
        f"is before the relationship began ({days(-10)})",
        f"dated {days(-200)} but named for {days(-9)}",
        "progress.0.goal: there is no goal g7",
        "action-plan.yaml:5: actions.0.goal: there is no goal g5",
        "evaluation-mentor.yaml: respondent: answered by the mentee, but this is the mentor's",
    ):
        assert text in err, text


# -- blank forms -----------------------------------------------------------------------------
SAMPLES = {
    "date": "2026-02-02",
    "next_meeting": "2026-03-02",
    "target_date": "2026-05-01",
    "done_date": "2026-02-10",
    "time": "'09:30'",
    "next_meeting_time": "'10:00'",
    "duration_minutes": "45",
    "meeting_minutes": "45",
    "progress": "40",
    "recommend": "9",
    "meeting": "regular",
    "meeting_cadence": "monthly",
    "function": "coaching",
    "owner": "both",
    "achieved": "partly",
    "respondent": "mentee",
    "goal": "g1",
    "continue_partnership": "true",
    "status": "in-progress",
    **{
        k: "4"
        for k in (
            "goals_clear",
            "time_commitment_right",
            "match_worked",
            "met_regularly",
            "came_prepared",
            "open_and_honest",
            "grew",
        )
    },
    **{
        k: "[one, two]"
        for k in (
            "interests_and_skills",
            "current_issues",
            "communication",
            "learnings",
            "new_goals",
            "needs",
        )
    },
}
PER_FORM = {"goals": {"id": "g1"}, "action-plan": {"id": "a1", "status": "done"}}
_BLANK = re.compile(r"^(\s*(?:- )?)([a-z_]+):[ \t]*(#.*)?$")


def fill_blanks(name: str, text: str) -> str:
    """Give every empty value in a blank form a sample answer (parents keep their children)."""
    lines = text.splitlines()
    out = []
    for index, line in enumerate(lines):
        match = _BLANK.match(line)
        following = next(
            (n for n in lines[index + 1 :] if n.strip() and not n.lstrip().startswith("#")), ""
        )
        indent = len(match.group(1)) if match else 0
        is_parent = match and (
            len(following) - len(following.lstrip()) > indent
            or (following.lstrip().startswith("- ")
            and len(following) - len(following.lstrip()) >= indent)
        )
        if match and not is_parent:
            key = match.group(2)
            value = PER_FORM.get(name, {}).get(key) or SAMPLES.get(key, "'Sample answer'")
            line = f"{match.group(1)}{key}: {value}"
        out.append(line)
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("name", list(FORMS))
def test_each_blank_form_once_filled_validates(name: str) -> None:
    spec = form(name)
    text = (templates_dir() / "forms" / f"{name}.yaml").read_text()
    assert text.startswith(f"# {spec.title}")
    filled = yaml.safe_load(fill_blanks(name, text))
    document = spec.model.model_validate(filled)
    # every field the model has is on the form, so the form cannot drift from it
    assert set(filled) == set(type(document).model_fields)
    hints = guidance(name)  # what the prompts show: every answer has some
    unexplained = [
        p for p in _leaves(filled) if p not in {"schema_version", "kind"} and not hints.get(p)
    ]
    assert unexplained == []


def _leaves(data: dict, prefix: str = "") -> list[str]:
    paths = []
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, list) and value and isinstance(value[0], dict):
            value = value[0]
        paths += _leaves(value, f"{path}.") if isinstance(value, dict) else [path]
    return paths


def test_forms_list_and_copy(cli, tmp_path: Path) -> None:
    result = cli("forms", "list")
    _ok(result)
    assert "mentorkit log-session" in result.stdout
    _ok(cli("forms", "copy", "goals", str(tmp_path)))
    copied = tmp_path / "goals.yaml"
    assert copied.read_text() == (templates_dir() / "forms" / "goals.yaml").read_text()
    result = cli("forms", "copy", "goals", str(copied))
    assert result.exit_code == 4
    assert "never overwrites" in result.stderr
    result = cli("forms", "copy", "goalz")
    assert result.exit_code == 3
    assert "no form 'goalz'" in result.stderr
    data = json.loads(cli("forms", "list", "--json").stdout)
    assert [f["name"] for f in data["forms"]] == list(FORMS)


def test_a_copied_form_filled_in_is_saved_with_from(
    cli, folder: ProgramFolder, tmp_path: Path
) -> None:
    make_pair(folder)
    _ok(cli("forms", "copy", "goals", str(tmp_path / "mine.yaml")))
    path = tmp_path / "mine.yaml"
    path.write_text(path.read_text().replace("- statement:", "- statement: Lead a huddle", 1))
    _ok(cli("goals", PAIR, "--from", str(path)))
    assert open_pair(folder, PAIR).goals.goals[0].statement == "Lead a huddle"


def test_show_prints_text_as_typed(cli, folder: ProgramFolder) -> None:
    make_pair(folder)
    _ok(cli("goals", PAIR, "--goal", "Learn [SBAR] handoffs [/]|[bold]audit"))
    result = cli("show", PAIR)
    _ok(result)
    assert "Learn [SBAR] handoffs [/]" in result.stdout
    assert "[bold]audit" in result.stdout
