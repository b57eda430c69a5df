"""Toolkit benchmark: a program with many pairs, each with a full set of forms.

    python benchmarks/bench_toolkit.py [--pairs 300] [--sessions 6]
    python benchmarks/bench_toolkit.py --by-name [DIR] [--runs 5]

Builds benchmarks/.work/toolkit-<pairs>/ (kept between runs), then times what a pair and
a coordinator do most: log a session, show a pair, and validate the whole program.

`--by-name` instead times pair commands given a person's name or email (`show`,
`log-session`, `report --pair`, `certificate`, `accept`), each a fresh
`python -m mentorkit` process, on the 5,000-person program of bench_report.py (DIR,
default /tmp/mentorkit-bench-report, generated there if missing): the name has to be
looked up among every participant and relationship. The same commands given the pair's
id are timed alongside for comparison. Target: at most 0.5 s each (warm load cache), in
CPU seconds (user + system), as the other benchmarks judge on a shared machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench_report, beside this file

from mentorkit.models.participant import Participant
from mentorkit.models.relationship import Relationship
from mentorkit.models.toolkit import (
    Action,
    ActionPlan,
    Evaluation,
    Goal,
    GoalProgress,
    Goals,
    NeedsAnalysis,
    SessionRecord,
)
from mentorkit.services.enrolment.program import create_program
from mentorkit.services.monitoring import validate
from mentorkit.services.toolkit import show
from mentorkit.services.toolkit.fill import log_session
from mentorkit.store.folder import ProgramFolder
from mentorkit.vocab import GoalStatus, RelationshipStatus, Respondent

START = dt.date.today() - dt.timedelta(days=200)


from precompile import ensure_bytecode  # noqa: E402  (benchmarks/, beside this file)


def build(root: Path, pairs: int, sessions: int) -> ProgramFolder:
    if root.exists():
        shutil.rmtree(root)
    create_program(root, {"name": "Bench", "start_date": START}, None)
    folder = ProgramFolder(root)
    for n in range(pairs):
        mentor, mentee = f"mentor-{n}", f"mentee-{n}"
        for person, role in ((mentor, "mentor"), (mentee, "mentee")):
            folder.save_participant(
                person,
                Participant(
                    kind="participant",
                    name=person.replace("-", " ").title(),
                    email=f"{person}@example.org",
                    role=role,
                    years_experience=10,
                ),
            )
        folder.save_relationship(
            Relationship(
                mentor=mentor,
                mentee=mentee,
                created=START,
                started=START,
                status=RelationshipStatus.ACTIVE,
            )
        )
        pair = f"{mentor}--{mentee}"
        folder.save_form(
            pair,
            NeedsAnalysis(
                kind="needs-analysis",
                date=START,
                wants_to_accomplish="Lead a unit huddle",
                interests_and_skills=["wound care", "teaching"],
                confidentiality_agreed=True,
            ),
        )
        folder.save_form(
            pair,
            Goals(
                kind="goals",
                goals=[
                    Goal(id=f"g{i}", statement=f"Goal {i}", measure="counted") for i in range(1, 5)
                ],
            ),
        )
        folder.save_form(
            pair,
            ActionPlan(
                kind="action-plan",
                actions=[
                    Action(
                        id=f"a{i}",
                        goal=f"g{1 + i % 4}",
                        description=f"Step {i}",
                        date=START + dt.timedelta(days=10 * i),
                    )
                    for i in range(1, 9)
                ],
            ),
        )
        for s in range(sessions):
            day = START + dt.timedelta(days=30 * s + 1)
            folder.save(
                folder.new_session_path(pair, day),
                SessionRecord(
                    kind="session",
                    date=day,
                    duration_minutes=45,
                    progress=[
                        GoalProgress(goal=f"g{i}", status=GoalStatus.IN_PROGRESS, progress=10 * s)
                        for i in range(1, 5)
                    ],
                    learnings=["Keep it short"],
                    private_notes="notes " * 20,
                    next_meeting=day + dt.timedelta(days=30),
                ),
                private=True,
            )
        for who in Respondent:
            folder.save_form(
                pair,
                Evaluation(kind="evaluation", respondent=who, date=START),
                Evaluation.file_for(who),
            )
    return folder


def timed(label: str, runs: int, work: Callable[[], object]) -> None:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        work()
        times.append(time.perf_counter() - began)
    print(
        f"{label:<40} median {statistics.median(times) * 1000:8.1f} ms  "
        f"(min {min(times) * 1000:.1f}, {runs} runs)"
    )


def by_name(root: Path, runs: int) -> None:
    """Fresh-process pair commands naming a person, on the 5,000-person program."""
    import bench_report

    bench_report.ensure_program(root)
    pair, name, email = ("mentor-00000--mentee-00000", "Mentee 00000",
                         "mentee-00000@example.org")
    sessions = root / "relationships" / pair / "sessions"
    completed = "Mentee 01500"  # of mentor-00000--mentee-01500, completed
    certificates = Path(tempfile.mkdtemp(prefix="mentorkit-bench-certificates-"))

    def log_session(who: str) -> tuple[float, float]:
        before = set(sessions.iterdir())
        timing = bench_report.run(root, "log-session", who, "--date", "2026-08-03",
                                  "--duration", "30")
        new = set(sessions.iterdir()) - before
        if len(new) != 1:
            sys.exit(f"log-session {who!r} did not write one session")
        new.pop().unlink()  # leave the program as it was
        return timing

    request = _request_to_answer(ProgramFolder(root))

    def accept() -> tuple[float, float]:
        """`accept` by the mentee's name, of a request made (untimed) just before, with
        the name index brought up to date as any command after the request would; then
        the request removed and the index made again."""
        folder = ProgramFolder(root)
        folder.save_relationship(request)
        time.sleep(2.1)  # past the racy window (store/results.py): the index is kept
        bench_report.run(root, "show", request.id)
        bench_report.run(root, "show", request.mentee)  # the name index made again
        timing = bench_report.run(root, "accept", request.mentee, "--date", "2026-08-03")
        if folder.load_relationship(request.id).status is not RelationshipStatus.PROPOSED:
            sys.exit(f"accept {request.mentee!r} did not accept {request.id}")
        folder.remove_relationship(request.id)
        time.sleep(2.1)  # the program as it was, and its name index made again, for the
        bench_report.run(root, "show", name)  # other commands timed after this one
        return timing

    def typer_floor() -> tuple[float, float]:
        """The one-command Typer app of bench_foundation.py, run (not its --help): what
        any Typer command costs before doing anything (Typer 0.29 builds a pydantic
        TypeAdapter for every parameter, importing pydantic)."""
        from bench_foundation import ONE_COMMAND_APP

        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", ONE_COMMAND_APP, "Maria"], check=True,
                       stdout=subprocess.DEVNULL)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return time.perf_counter() - started, (after.ru_utime - before.ru_utime) + (
            after.ru_stime - before.ru_stime)

    cases: dict[str, Callable[[], tuple[float, float]]] = {
        "floor: a one-command Typer app, run (for comparison)": typer_floor,
        "`show` PAIR-ID (for comparison)": lambda: bench_report.run(root, "show", pair),
        "`show` NAME": lambda: bench_report.run(root, "show", name),
        "`show` EMAIL": lambda: bench_report.run(root, "show", email),
        "`log-session` PAIR-ID (for comparison)": lambda: log_session(pair),
        "`log-session` NAME": lambda: log_session(name),
        "`log-session` EMAIL": lambda: log_session(email),
        "`report --pair` NAME": lambda: bench_report.run(root, "report", "--pair", name),
        "`certificate` NAME (a completed pair)": lambda: bench_report.run(
            root, "certificate", completed, "--out", str(certificates / "one.html")),
        "`accept` NAME (a request waiting)": accept,
    }
    print(f"program: {root}; {os.cpu_count()} CPUs; Python {sys.version.split()[0]}; "
          f"load average before: {os.getloadavg()[0]:.2f}")
    bench_report.run(root, "show", name)  # the load cache up to date, as in daily use
    times: dict[str, list[tuple[float, float]]] = {label: [] for label in cases}
    for _ in range(runs):  # turn about, so a change in the machine's load hits all alike
        for label, case in cases.items():
            times[label].append(case())
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    print("\n| command (5,000 people, 2,500 pairs) | wall s | CPU s | target |")
    print("|---|---:|---:|---|")
    for label, found in times.items():
        wall, cpu = bench_report.median(found)
        # Judged on CPU seconds, as the other benchmarks are: on a shared machine the
        # wall clock measures the other jobs as much as mentorkit.
        target = "" if "comparison" in label else ("met (<= 0.5 s CPU)" if cpu <= 0.5
                                                   else "NOT met (> 0.5 s CPU)")
        print(f"| {label} | {wall:.2f} | {cpu:.2f} | {target} |")


def _request_to_answer(folder: ProgramFolder) -> Relationship:
    """A request `accept` can answer: of the first mentee in no relationship yet, to the
    first mentor with room whom every hard constraint allows."""
    from mentorkit.models.relationship import RequestRecord
    from mentorkit.services.matching.pool import pair_problems, prepare

    day = dt.date(2026, 8, 1)
    pool = prepare(folder, day)
    paired = {who for r in pool.relationships.values() for who in (r.mentor, r.mentee)}
    free = [i for i in pool.mentee_ids if i not in paired]  # their name names one pair
    for mentee in free:
        for j, mentor in enumerate(pool.mentor_ids):
            if pool.capacity[j] > 0 and not pair_problems(pool, mentor, mentee):
                return Relationship(
                    mentor=mentor, mentee=mentee, status=RelationshipStatus.REQUESTED,
                    created=day, request=RequestRecord(requested=day,
                                                       expires=day + dt.timedelta(days=14)))
    sys.exit("no request can be made on this program")


def main() -> None:
    ensure_bytecode()
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pairs", type=int, default=300)
    parser.add_argument("--sessions", type=int, default=6)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--by-name", nargs="?", type=Path, metavar="DIR",
                        const=Path("/tmp/mentorkit-bench-report"))
    args = parser.parse_args()
    if args.by_name is not None:
        by_name(args.by_name, args.runs)
        return
    root = Path(__file__).resolve().parent / ".work" / f"toolkit-{args.pairs}"
    began = time.perf_counter()
    folder = build(root, args.pairs, args.sessions)
    files = sum(1 for _ in folder.relationships_dir.rglob("*.yaml"))
    print(
        f"built {args.pairs} pairs, {files} relationship files in "
        f"{time.perf_counter() - began:.1f} s"
    )
    pair = "mentor-0--mentee-0"
    day = dt.date.today()
    timed("show one pair", args.runs, lambda: show.show(folder, pair))
    timed(
        "log a session (with 1 agreed action)",
        args.runs,
        lambda: log_session(
            folder, pair, {"date": day, "actions": [{"description": "x", "date": day}]}
        ),
    )
    timed(f"validate the program ({args.pairs} pairs)", args.runs, lambda: validate.run(folder))


if __name__ == "__main__":
    main()
