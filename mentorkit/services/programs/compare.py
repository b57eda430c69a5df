"""`mentorkit report --compare OTHER...`: the headline figures of several rounds of a
program side by side.

Each round is reported as `report` would report it alone, with its own program.yaml
(cadence, grace days, ...), and all of them on the same day: `--as-of` (default today)
is one clock for every round, so a finished round shows how it ended and a running one
how it stands; a round that had not started by then shows zeros and says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from mentorkit.errors import InvalidInput, MentorkitError
from mentorkit.models.base import plain
from mentorkit.models.relationship import ClosureKind
from mentorkit.services.monitoring.report import program_report
from mentorkit.services.monitoring.report_results import REPORT_VERSION, ProgramReport
from mentorkit.store.folder import ProgramFolder
from mentorkit.vocab import GoalStatus

if TYPE_CHECKING:
    from mentorkit.store.snapshot import Progress


@dataclass
class RoundFigures:
    """One round's headline figures (also the CSV's row)."""

    program: str
    folder: str
    start_date: dt.date
    end_date: dt.date
    stage: str  # on the as-of day: not started, running, ended
    participants: int
    active_mentees: int
    matched_mentees: int
    match_rate: float | None  # matched / active mentees, met or not
    met_mentees: int
    met_rate: float | None  # in a pair that has met / active mentees
    pairs: int  # relationships matched (not requests)
    pairs_started: int
    sessions_held: int
    sessions_expected: int
    hours: float
    goals_set: int
    goals_achieved: int
    completed: int
    ended_early: int
    evaluations_received: int
    evaluations_expected: int
    evaluation_response_rate: float | None
    nps: float | None
    nps_responses: int


@dataclass
class ProgramComparison:
    JSON_KIND: ClassVar[str] = "program-comparison"  # the --json envelope (render/envelope.py)

    as_of: dt.date
    department: str | None
    rounds: list[RoundFigures]  # oldest start first

    def to_json(self) -> dict[str, Any]:
        return {"report_version": REPORT_VERSION, **plain(self, json=True)}


def compare(
    folders: list[ProgramFolder], day: dt.date, *, department: str | None = None,
    progress: Progress | None = None,
) -> ProgramComparison:
    seen: dict[object, ProgramFolder] = {}
    for folder in folders:
        if folder.root in seen:
            raise InvalidInput(f"{folder.root} is given twice",
                               "Name each round once: the current program and each --compare.")
        seen[folder.root] = folder
    rounds = []
    for folder in folders:
        program = folder.load_program()
        try:
            report = program_report(folder, day, department=department, progress=progress)
        except MentorkitError as exc:  # say which round: file paths are each round's own
            exc.message = f"{program.name} ({folder.root}): {exc.message}"
            raise
        rounds.append(_figures(report, folder, program.start_date, program.end_date, day))
    rounds.sort(key=lambda r: (r.start_date, r.program))
    return ProgramComparison(day, department, rounds)


def _figures(r: ProgramReport, folder: ProgramFolder, start: dt.date, end: dt.date,
             day: dt.date) -> RoundFigures:
    en, eg, go, ev, lc = r.enrolment, r.engagement, r.goals, r.evaluation, r.lifecycle
    stage = "not started" if day < start else "ended" if day >= end else "running"
    return RoundFigures(
        program=r.scope.program, folder=str(folder.root), start_date=start, end_date=end,
        stage=stage, participants=en.participants, active_mentees=en.active_mentees,
        matched_mentees=en.matched_mentees, match_rate=en.match_rate,
        met_mentees=en.met_mentees, met_rate=en.met_rate, pairs=len(eg.pairs),
        pairs_started=eg.pairs_started, sessions_held=eg.sessions_held,
        sessions_expected=eg.sessions_expected, hours=eg.hours, goals_set=go.set,
        goals_achieved=go.by_status.get(GoalStatus.ACHIEVED.value, 0),
        completed=lc.completed,
        ended_early=ev.closures_by_kind.get(ClosureKind.ENDED_EARLY.value, 0),
        evaluations_received=ev.received, evaluations_expected=ev.expected,
        evaluation_response_rate=ev.response_rate, nps=ev.nps,
        nps_responses=ev.recommend_responses,
    )
