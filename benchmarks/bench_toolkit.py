"""Toolkit benchmark: a program with many pairs, each with a full set of forms.

    /work/venv/bin/python benchmarks/bench_toolkit.py [--pairs 300] [--sessions 6]

Builds benchmarks/.work/toolkit-<pairs>/ (kept between runs), then times what a pair and
a coordinator do most: log a session, show a pair, and validate the whole program.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pairs", type=int, default=300)
    parser.add_argument("--sessions", type=int, default=6)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
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
