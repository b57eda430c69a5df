"""Journeys through the installed `mentorkit` command, as a coordinator runs it: each step
is a new process of the console script, in a program folder under tmp_path."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
PAIR = "wei-zhang--aisha-bello"  # the first pair the example sign-ups are matched into
OTHER = "michael-o-brien--ana-silva"


def mentorkit() -> str:
    """The console script installed with the package (the venv's, when run from one)."""
    found = shutil.which("mentorkit", path=os.pathsep.join(
        [str(Path(sys.executable).parent), os.environ.get("PATH", "")]
    ))
    assert found, "the mentorkit command is not installed: pip install -e ."
    return found


def own_environment(**extra: str) -> dict[str, str]:
    """This environment for a mentorkit process, without a MENTORKIT_PROGRAM of the
    developer's own (which would point it at another program), plus `extra`."""
    return {**{k: v for k, v in os.environ.items() if k != "MENTORKIT_PROGRAM"}, **extra}


def run(cwd: Path, *args: str, code: int = 0) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [mentorkit(), *args], cwd=cwd, env=own_environment(), capture_output=True, text=True,
        timeout=120, check=False,
    )
    assert done.returncode == code, f"{args}: {done.returncode}\n{done.stdout}\n{done.stderr}"
    assert "Traceback" not in done.stderr
    return done


def data(cwd: Path, *args: str) -> Any:
    return json.loads(run(cwd, *args, "--json").stdout)


@pytest.fixture(scope="module")
def matched(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Sign-ups imported and matched: 37 proposed pairs (built once, copied per test)."""
    base = tmp_path_factory.mktemp("matched")
    run(base, "init", "prog", "--template", "healthcare-new-hire", "--name", "Journeys",
        "--start-date", "2026-09-01", "--no-interactive")
    prog = base / "prog"
    imported = data(prog, "import", str(EXAMPLES / "signup.csv"),
                    "--map", str(EXAMPLES / "column-map.yaml"))
    assert (imported["created"], imported["problems"]) == (52, [])
    applied = data(prog, "match", "--apply", "--date", "2026-09-02")
    assert len(applied["applied"]) == 37 and {PAIR, OTHER} <= set(applied["applied"])
    return prog


@pytest.fixture
def program(matched: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(matched, tmp_path / "prog"))


def test_import_match_apply_sessions_then_the_report_counts_them(program: Path) -> None:
    run(program, "goals", PAIR, "--no-interactive", "--goal", "Sign off QC|3 reviews|2027-01-31")
    for day, minutes, progress in (("2026-09-10", "45", "g1|in-progress|30"),
                                   ("2026-10-10", "60", "g1|achieved")):
        run(program, "log-session", PAIR, "--no-interactive", "--date", day,
            "--duration", minutes, "--progress", progress)
    run(program, "log-session", OTHER, "--no-interactive", "--date", "2026-09-12",
        "--duration", "30")

    report = data(program, "report", "--as-of", "2026-10-20")
    engagement = report["engagement"]
    assert (engagement["pairs_started"], engagement["sessions_held"]) == (2, 3)
    assert engagement["hours"] == 2.25
    assert report["goals"]["set"] == 1 and report["goals"]["by_status"]["achieved"] == 1
    assert report["lifecycle"]["by_status"] == {
        "requested": 0, "proposed": 35, "active": 2, "completed": 0, "ended-early": 0,
        "declined": 0,
    }
    assert report["enrolment"]["participants"] == 52
    row = next(p for p in engagement["pairs"] if p["pair"] == PAIR)
    assert (row["sessions_held"], row["last_meeting"], row["goals_achieved"]) == (
        2, "2026-10-10", 1,
    )


def test_close_with_both_evaluations_then_the_report_rates_the_program(program: Path) -> None:
    run(program, "goals", PAIR, "--no-interactive", "--goal", "Sign off QC")
    run(program, "log-session", PAIR, "--no-interactive", "--date", "2026-09-10",
        "--duration", "45", "--progress", "g1|in-progress|50")
    run(program, "log-session", PAIR, "--no-interactive", "--date", "2026-11-20",
        "--duration", "45", "--meeting", "final", "--progress", "g1|achieved")
    run(program, "evaluate", PAIR, "--as", "mentee", "--no-interactive", "--date", "2026-11-21",
        "--outcome", "g1|yes", "--grew", "5", "--match-worked", "4", "--recommend", "10")
    run(program, "evaluate", PAIR, "--as", "mentor", "--no-interactive", "--date", "2026-11-22",
        "--outcome", "g1|partly|one review left", "--grew", "3", "--recommend", "6")
    closed = data(program, "close", PAIR, "--reason", "goals met", "--date", "2026-11-25",
                  "--no-interactive")
    assert closed["action"] == "closed"

    evaluation = data(program, "report", "--as-of", "2026-12-01")["evaluation"]
    assert (evaluation["closed_pairs"], evaluation["expected"], evaluation["received"]) == (1, 2, 2)
    assert evaluation["response_rate"] == 1.0
    ratings = {r["item"]: (r["mean"], r["responses"]) for r in evaluation["ratings"]}
    assert ratings["relationship.grew"] == (4.0, 2)
    assert ratings["program.match_worked"] == (4.0, 1)
    assert evaluation["goals_reported"] == {"yes": 1, "partly": 1, "no": 0}
    assert (evaluation["promoters"], evaluation["passives"], evaluation["detractors"]) == (1, 0, 1)
    assert evaluation["nps"] == 0.0
    assert evaluation["closures_by_kind"] == {"completed": 1}


def test_an_edit_by_hand_is_named_by_validate(program: Path) -> None:
    assert data(program, "validate")["ok"] is True
    person = program / "participants" / "aisha-bello.yaml"
    person.write_text(person.read_text().replace("years_experience:", "years_experiance:"))
    session = program / "relationships" / OTHER / "sessions"
    session.mkdir(parents=True)
    (session / "2026-09-12.yaml").write_text(
        "schema_version: 1\nkind: session\ndate: 2026-09-12\nduration_minutes: 900\n"
    )

    result = run(program, "validate", code=1)
    assert "participants/aisha-bello.yaml" in result.stderr + result.stdout
    assert "years_experiance" in result.stderr + result.stdout
    problems = json.loads(run(program, "validate", "--json", code=1).stdout)["problems"]
    where = {(p["path"], p["field"]) for p in problems}
    assert ("participants/aisha-bello.yaml", "years_experiance") in where
    assert (f"relationships/{OTHER}/sessions/2026-09-12.yaml", "duration_minutes") in where
