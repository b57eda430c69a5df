"""`kill -9` at random moments of every command that writes several files: the folder is
whole afterwards.

Two ways of killing:

- the installed `mentorkit` script in a subprocess, killed with SIGKILL after a random
  delay around the time a whole run takes (import, match --apply): the real command,
  start-up and all (slow: a few of these);
- the service in a forked child that sends itself SIGKILL just before its N-th call
  that changes the disk (open, write, fsync, rename, unlink, mkdir, chmod ...), N drawn
  at random from the calls a whole run makes: many kills a second, each landing in the
  write phase (import, collect, amend-session, removing a session or a form).

Either way the next command (here: ProgramFolder.find, as every command starts) finishes
or undoes the interrupted change; then every file of the program is as before the
command or as after a whole run (byte for byte), no temporary file and no journal is
left, and `validate` passes.
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
import traceback
from collections.abc import Callable
from pathlib import Path

import pytest

from mentorkit.models.relationship import Relationship
from mentorkit.models.toolkit import Goal, Goals, NeedsAnalysis
from mentorkit.services.collection.collect import collect
from mentorkit.services.enrolment.importer import run_import
from mentorkit.services.enrolment.program import create_program
from mentorkit.services.matching.manual import unpair
from mentorkit.services.monitoring import validate
from mentorkit.services.toolkit import corrections
from mentorkit.services.toolkit.fill import log_session
from mentorkit.store.folder import ProgramFolder
from mentorkit.store.transaction import JOURNAL, is_temp_name
from mentorkit.vocab import RelationshipStatus
from tests.collection_support import google_csv, us
from tests.conftest import make_person

KILLS = 6  # each a fresh process: slow; the forked kills below are the many
FORK_KILLS = 24
SCRIPT = str(Path(sys.executable).with_name("mentorkit"))  # the installed script
TODAY = dt.date.today()
# the calls that change the disk; a kill lands just before one of them
WRITES = ("open", "write", "fsync", "replace", "rename", "unlink", "rmdir", "mkdir",
          "chmod", "fchmod")


def days(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


def _program(root: Path) -> ProgramFolder:
    create_program(root, {"name": "Kill", "start_date": dt.date(2026, 1, 5)}, None)
    return ProgramFolder(root)


def _run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([SCRIPT, "--program", str(root), *args], capture_output=True,
                          text=True, timeout=60, env={**os.environ, "NO_COLOR": "1"})


def _state(root: Path) -> dict[str, bytes]:
    """Every file of the program (not .mentorkit/, mentorkit's own lock and cache)."""
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*")
            if p.is_file() and ".mentorkit" not in p.relative_to(root).parts}


def _assert_whole(root: Path, before: dict[str, bytes], after: dict[str, bytes],
                  n: int) -> str:
    # the next command recovers first (in this process: a new one costs a start-up)
    program = ProgramFolder.find(root)
    problems = validate.run(program).problems
    assert problems == [], (n, [str(p) for p in problems])
    now = _state(root)
    changed = sorted(set(now) ^ set(after) | {k for k in now.keys() & after.keys()
                                                if now[k] != after[k]})
    assert now in (before, after), (n, changed[:5])
    leftovers = [p for p in root.rglob("*") if is_temp_name(p.name)]
    assert leftovers == [], (n, leftovers)
    assert not (root / ".mentorkit" / JOURNAL).exists(), n
    assert not list((root / ".mentorkit").glob("rehearsal-*")), n  # private copies gone
    return "all" if now == after else "none"


# -- the real command, killed from outside ---------------------------------------------------
def _kill_at_random(template: Path, tmp: Path, args: list[str], seed: int) -> None:
    """Kill `mentorkit ARGS` on copies of `template` at random moments; check each."""
    before = _state(template)
    whole = tmp / "whole"
    shutil.copytree(template, whole)
    started = time.perf_counter()
    done = _run(whole, *args)
    took = time.perf_counter() - started
    assert done.returncode == 0, done.stderr
    after = _state(whole)
    assert after != before
    rng = random.Random(seed)
    for n in range(KILLS):
        root = tmp / f"kill-{n}"
        shutil.copytree(template, root)
        proc = subprocess.Popen([SCRIPT, "--program", str(root), *args],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.4, 1.05) * took)  # most of a run is start-up and reading
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        _assert_whole(root, before, after, n)


# -- the service, killed from inside at its N-th write ----------------------------------------
def _in_child(run: Callable[[Path], object], root: Path, kill_at: int) -> int:
    """Run `run(root)` in a forked child that SIGKILLs itself just before its
    `kill_at`-th disk-changing call (0: never); returns how many such calls it made."""
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        status = 0
        try:
            os.close(reader)
            calls = 0

            def counted(call: Callable[..., object]) -> Callable[..., object]:
                def wrapper(*args: object, **kwargs: object) -> object:
                    nonlocal calls
                    calls += 1
                    if calls == kill_at:
                        os.kill(os.getpid(), signal.SIGKILL)
                    return call(*args, **kwargs)
                return wrapper

            real = {name: getattr(os, name) for name in WRITES}
            for name in WRITES:
                setattr(os, name, counted(real[name]))
            run(root)
            for name in WRITES:
                setattr(os, name, real[name])
            os.write(writer, str(calls).encode())
        except BaseException:
            os.write(writer, traceback.format_exc().encode())
            status = 1
        finally:
            os._exit(status)
    os.close(writer)
    chunks = []
    while chunk := os.read(reader, 65536):
        chunks.append(chunk)
    os.close(reader)
    _, status = os.waitpid(pid, 0)
    said = b"".join(chunks).decode()
    if kill_at:
        assert os.WIFSIGNALED(status) or said.isdigit(), said
        return 0
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, said
    return int(said)


def _kill_from_inside(template: Path, tmp: Path, run: Callable[[Path], object],
                      seed: int) -> set[str]:
    before = _state(template)
    whole = tmp / "whole"
    shutil.copytree(template, whole)
    calls = _in_child(run, whole, 0)
    after = _state(whole)
    assert after != before and calls > 0
    rng = random.Random(seed)
    moments = sorted(rng.sample(range(1, calls + 1), min(FORK_KILLS, calls)))
    outcomes = set()
    for n in moments:
        root = tmp / f"kill-{n}"
        shutil.copytree(template, root)
        _in_child(run, root, n)
        outcomes.add(_assert_whole(root, before, after, n))
        shutil.rmtree(root)
    return outcomes


# -- programs to kill commands in ----------------------------------------------------------------
def _sheet(path: Path, rows: int) -> Path:
    lines = ["Name,Email,Role,Department"] + [
        f"Person {n},p{n}@example.org,mentee,ICU" for n in range(rows)]
    path.write_text("\n".join(lines) + "\n")
    return path


def _pairs(root: Path, count: int) -> tuple[ProgramFolder, list[str]]:
    """`count` proposed pairs, each with two goals."""
    folder = _program(root)
    pairs = []
    for n in range(count):
        mentor = make_person(folder, f"Mentor {chr(65 + n)}", role="mentor",
                             years_experience=12)
        mentee = make_person(folder, f"Mentee {chr(65 + n)}", years_experience=1)
        relationship = Relationship(mentor=mentor, mentee=mentee, created=days(-130),
                                    status=RelationshipStatus.PROPOSED)
        folder.save_relationship(relationship)
        folder.save_form(relationship.id, Goals(kind="goals", goals=[
            Goal(id="g1", statement="Lead a safety huddle"),
            Goal(id="g2", statement="Learn the audit process")]))
        pairs.append(relationship.id)
    return folder, pairs


def _busy_pair(root: Path) -> str:
    """One active pair with a needs analysis and three sessions that agreed actions."""
    folder, [pair] = _pairs(root, 1)
    folder.save_form(pair, NeedsAnalysis(kind="needs-analysis", date=days(-125),
                                         wants_to_accomplish="Lead the huddle"))
    for n, when in enumerate((days(-100), days(-60), days(-30))):
        log_session(folder, pair, {
            "date": when, "duration_minutes": 45,
            "actions": [{"description": f"Action {n}", "date": when + dt.timedelta(10),
                         "goal": "g1"}]}, today=TODAY)
    return pair


SESSION_TITLES = {"date": "Date of the meeting", "duration": "How long did you meet?",
                  "mode": "How did you meet?",
                  "actions": "Actions agreed before the next meeting"}


def _session_export(path: Path, pairs: list[str]) -> Path:
    from mentorkit.services.collection.questions import question_list

    titles = [q.title for q in question_list("session").questions]
    rows = []
    for n, pair in enumerate(pairs):
        mentee = pair.split("--")[1]
        for k, when in enumerate((days(-40 + n), days(-20 + n))):
            answers = {SESSION_TITLES["date"]: us(when), SESSION_TITLES["duration"]: "45 min",
                       SESSION_TITLES["mode"]: "Video call",
                       SESSION_TITLES["actions"]: f"Book course {k} before {us(days(20))}"}
            rows.append((dt.datetime.combine(when, dt.time(9, 14, 3)),
                         f"{mentee}@example.org", [answers.get(t, "") for t in titles]))
    return google_csv(path, titles, rows)


# -- the tests ---------------------------------------------------------------------------------
def test_kill_9_during_import(tmp_path: Path) -> None:
    template = tmp_path / "template"
    _program(template)
    sheet = _sheet(tmp_path / "signup.csv", 150)
    _kill_at_random(template, tmp_path, ["import", str(sheet)], seed=9)


def test_kill_9_during_match_apply(tmp_path: Path) -> None:
    template = tmp_path / "template"
    folder = _program(template)
    for n in range(30):
        make_person(folder, f"Mentor {n}", role="mentor", years_experience=10 + n % 5,
                    can_help_with=["leadership"], capacity=1)
        make_person(folder, f"Mentee {n}", years_experience=1, wants_help_with=["leadership"])
    _kill_at_random(template, tmp_path, ["match", "--apply"], seed=10)


def test_import_killed_at_any_write(tmp_path: Path) -> None:
    template = tmp_path / "template"
    _program(template)
    sheet = _sheet(tmp_path / "signup.csv", 40)
    outcomes = _kill_from_inside(
        template, tmp_path, lambda root: run_import(ProgramFolder(root), sheet, column_map={}),
        seed=1)
    assert outcomes == {"all", "none"}  # kills before and after the point of no return


def test_collect_killed_at_any_write(tmp_path: Path) -> None:
    """Sessions for three pairs: each pair's sessions, action plan, started relationship
    and responses ledger land together, or nothing does."""
    template = tmp_path / "template"
    _, pairs = _pairs(template, 3)
    export = _session_export(tmp_path / "Session record.csv", pairs)
    outcomes = _kill_from_inside(
        template, tmp_path, lambda root: collect(ProgramFolder(root), export,
                                                 date_order="month-first", today=TODAY),
        seed=2)
    assert outcomes == {"all", "none"}


def test_amend_session_killed_at_any_write(tmp_path: Path) -> None:
    """A session moved to another date with other actions: the old file removed, the new
    one written, the action plan and the relationship's history changed -- all or none."""
    template = tmp_path / "template"
    pair = _busy_pair(template)
    name = days(-60).isoformat()
    text = (f"schema_version: 1\nkind: session\ndate: {days(-59).isoformat()}\n"
            f"duration_minutes: 50\nactions:\n- description: Another action\n"
            f"  date: {days(-40).isoformat()}\n")
    outcomes = _kill_from_inside(
        template, tmp_path, lambda root: corrections.amend_from_text(
            ProgramFolder(root), pair, name, text, source="typed", reason="wrong day",
            today=TODAY),
        seed=3)
    assert outcomes == {"all", "none"}


@pytest.mark.parametrize(("what", "seed"), [(days(-100).isoformat(), 4),
                                            ("needs-analysis", 5)], ids=["session", "form"])
def test_remove_session_or_form_killed_at_any_write(tmp_path: Path, what: str,
                                                    seed: int) -> None:
    """A session (its actions out of the plan, the start moved, the history noted) or a
    form (the file gone, the history noted): all or none."""
    template = tmp_path / "template"
    pair = _busy_pair(template)
    outcomes = _kill_from_inside(
        template, tmp_path, lambda root: corrections.remove(
            ProgramFolder(root), pair, what, "logged by mistake", today=TODAY),
        seed=seed)
    assert outcomes == {"all", "none"}


def test_unpair_killed_at_any_write(tmp_path: Path) -> None:
    """A proposed pair unpaired: its files and its folder go, or none of it does; a kill
    after the point of no return left an empty pair folder that `validate` reported."""
    template = tmp_path / "template"
    folder = _program(template)
    mentor = make_person(folder, "Mentor A", role="mentor", years_experience=12)
    mentee = make_person(folder, "Mentee A", years_experience=1)
    pair = Relationship(mentor=mentor, mentee=mentee, created=days(-10),
                        status=RelationshipStatus.PROPOSED)
    folder.save_relationship(pair)
    outcomes = _kill_from_inside(
        template, tmp_path, lambda root: unpair(ProgramFolder(root), pair.id), seed=6)
    assert outcomes == {"all", "none"}
