"""Helpers for the toolkit's tests: a pair in a program folder, a scripted $EDITOR."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from conftest import make_person

from mentorkit.models.relationship import Relationship
from mentorkit.store.folder import ProgramFolder
from mentorkit.vocab import RelationshipStatus

TODAY = dt.date.today()
PAIR = "dan-ortiz--maria-lopez"


def days(n: int) -> dt.date:
    """A date n days from today (negative: in the past)."""
    return TODAY + dt.timedelta(days=n)


def make_pair(
    folder: ProgramFolder,
    *,
    created: dt.date | None = None,
    status: RelationshipStatus = RelationshipStatus.PROPOSED,
    started: dt.date | None = None,
    mentor_capacity: int | None = None,
) -> str:
    """Dan Ortiz (mentor) and Maria Lopez (mentee), paired `created` (default 120 days ago)."""
    people = folder.participant_ids()
    if "dan-ortiz" not in people:
        make_person(
            folder,
            "Dan Ortiz",
            role="mentor",
            years_experience=12,
            capacity=mentor_capacity,
            job_title="Charge Nurse",
            department="ICU",
        )
    if "maria-lopez" not in people:
        make_person(
            folder,
            "Maria Lopez",
            role="mentee",
            years_experience=1,
            job_title="Staff Nurse",
            department="ICU",
        )
    folder.save_relationship(
        Relationship(
            mentor="dan-ortiz",
            mentee="maria-lopez",
            created=created or days(-120),
            status=status,
            started=started,
        )
    )
    return PAIR


EDITOR_SCRIPT = """
import json, pathlib, sys
here = pathlib.Path(__file__).parent
path = pathlib.Path(sys.argv[1])
n = len(list(here.glob("seen-*.yaml")))
(here / f"seen-{n}.yaml").write_text(path.read_text())
plan = json.loads((here / "plan.json").read_text())
step = plan[min(n, len(plan) - 1)]
text = path.read_text()
if step["mode"] == "write":
    text = step["text"]
elif step["mode"] == "replace":
    for old, new in step["pairs"]:
        assert old in text, (old, text)
        text = text.replace(old, new, 1)
path.write_text(text)
sys.exit(step.get("exit", 0))
"""


class Editor:
    """A stand-in for $EDITOR that follows a plan, one step per time it is opened."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(exist_ok=True)
        (folder / "editor.py").write_text(EDITOR_SCRIPT)
        self.command = f"{sys.executable} {folder / 'editor.py'}"

    def plan(self, *steps: dict[str, Any]) -> None:
        (self.folder / "plan.json").write_text(json.dumps(list(steps)))

    def seen(self, n: int) -> str:
        """What the editor was shown the n-th time (from 0)."""
        return (self.folder / f"seen-{n}.yaml").read_text()

    @property
    def calls(self) -> int:
        return len(list(self.folder.glob("seen-*.yaml")))


def replace(*pairs: tuple[str, str], exit: int = 0) -> dict[str, Any]:
    return {"mode": "replace", "pairs": [list(p) for p in pairs], "exit": exit}


def write(text: str) -> dict[str, Any]:
    return {"mode": "write", "text": text}


KEEP: dict[str, Any] = {"mode": "keep"}


def fill_every_form(cli: Any, folder: ProgramFolder) -> str:
    """PAIR with a needs analysis, goals, actions (one overdue), a session with private
    text (SECRET-NOTE) and an agreed next meeting, and a partnership idea."""

    def ok(result: Any) -> None:
        assert result.exit_code == 0, result.stdout + result.stderr

    make_pair(folder)
    ok(cli("needs-analysis", PAIR, "--wants", "Lead a unit huddle", "--cadence", "monthly"))
    ok(
        cli(
            "goals",
            PAIR,
            "--goal",
            "Run the huddle alone|3 huddles|coaching",
            "--goal",
            "Finish the course",
        )
    )
    ok(
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
    ok(
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
    ok(cli("partnership", PAIR, "--idea", "Co-present at grand rounds"))
    return PAIR


def heavy_imports(program: Path, argv: list[str]) -> tuple[str, list[str]]:
    """What `mentorkit --program PROGRAM ARGV...` prints in a fresh Python, and which of
    numpy and scipy's modules it imported (a pair command should import none)."""
    import subprocess

    code = (
        "import sys\n"
        "from mentorkit.cli.app import app\n"
        f"try:\n    app(['--program', {str(program)!r}, *{argv!r}], "
        "prog_name='mentorkit')\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in ('numpy', 'scipy')]\n"
        "print('HEAVY:' + ','.join(sorted(heavy)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    *printed, last = done.stdout.splitlines()
    return "\n".join(printed), [m for m in last.removeprefix("HEAVY:").split(",") if m]


def amend_session(cli: Any, tmp_path: Path, pair: str, day: dt.date, text: str,
                  reason: str) -> Any:
    """`mentorkit amend-session PAIR DAY --from FILE --reason REASON`, FILE holding `text`."""
    fixed = tmp_path / "fixed.yaml"
    fixed.write_text(text, encoding="utf-8")
    return cli("amend-session", pair, day.isoformat(), "--from", str(fixed), "--reason", reason)
