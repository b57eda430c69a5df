"""`kill -9` at random moments of `import` and `match --apply`: the folder is whole.

Each run is the installed `mentorkit` script in a subprocess, killed with SIGKILL after a
random delay around the time a whole run takes. The next command (`validate`) finishes
or undoes the interrupted change; then the folder holds every file of the batch or none,
no temporary file is left, and `validate` passes.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from mentorkit.services.enrolment.program import create_program
from mentorkit.services.monitoring import validate
from mentorkit.store.folder import ProgramFolder
from mentorkit.store.transaction import JOURNAL, is_temp_name
from tests.conftest import make_person

KILLS = 10
SCRIPT = str(Path(sys.executable).with_name("mentorkit"))  # the installed script


def _program(root: Path) -> ProgramFolder:
    create_program(root, {"name": "Kill", "start_date": dt.date(2026, 1, 5)}, None)
    return ProgramFolder(root)


def _run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([SCRIPT, "--program", str(root), *args], capture_output=True,
                          text=True, timeout=60, env={**os.environ, "NO_COLOR": "1"})


def _files(root: Path, folder: str) -> set[str]:
    return {str(p.relative_to(root)) for p in (root / folder).rglob("*") if p.is_file()}


def _kill_at_random(
    template: Path, tmp: Path, args: list[str], folder: str, seed: int
) -> None:
    """Kill `mentorkit ARGS` on copies of `template` at random moments; check each."""
    before = _files(template, folder)
    whole = tmp / "whole"
    shutil.copytree(template, whole)
    started = time.perf_counter()
    done = _run(whole, *args)
    took = time.perf_counter() - started
    assert done.returncode == 0, done.stderr
    after = _files(whole, folder)
    assert after != before
    rng = random.Random(seed)
    outcomes = set()
    for n in range(KILLS):
        root = tmp / f"kill-{n}"
        shutil.copytree(template, root)
        proc = subprocess.Popen([SCRIPT, "--program", str(root), *args],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.4, 1.05) * took)  # most of a run is start-up and reading
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        # the next command recovers first (in this process: a new one costs a start-up)
        program = ProgramFolder.find(root)
        problems = validate.run(program).problems
        assert problems == [], (n, [str(p) for p in problems])
        now = _files(root, folder)
        assert now in (before, after), (n, sorted(now ^ after)[:5])
        outcomes.add("all" if now == after else "none")
        leftovers = [p for p in root.rglob("*") if is_temp_name(p.name)]
        assert leftovers == [] and not (root / ".mentorkit" / JOURNAL).exists()
    # (which outcomes occur depends on timing; both are whole)
    assert outcomes <= {"all", "none"}


def test_kill_9_during_import(tmp_path: Path) -> None:
    template = tmp_path / "template"
    _program(template)
    sheet = tmp_path / "signup.csv"
    rows = ["Name,Email,Role,Department"] + [
        f"Person {n},p{n}@example.org,mentee,ICU" for n in range(150)
    ]
    sheet.write_text("\n".join(rows) + "\n")
    _kill_at_random(template, tmp_path, ["import", str(sheet)], "participants", seed=9)


def test_kill_9_during_match_apply(tmp_path: Path) -> None:
    template = tmp_path / "template"
    folder = _program(template)
    for n in range(30):
        make_person(folder, f"Mentor {n}", role="mentor", years_experience=10 + n % 5,
                    can_help_with=["leadership"], capacity=1)
        make_person(folder, f"Mentee {n}", years_experience=1, wants_help_with=["leadership"])
    _kill_at_random(template, tmp_path, ["match", "--apply"], "relationships", seed=10)
