"""Milestones: matched -> first meeting -> goals agreed -> mid-point -> final meeting ->
evaluated -> closed; `due` and `report` show pairs late for their next one.

Program 2026-01-05 for 6 months (ends 2026-07-05), monthly cadence.

    ana--cara  matched 01-05, never met
    ana--dev   matched 01-05, first meeting 01-12, goals agreed
    ben--eli   matched 01-05, first meeting 01-20, no goals
    ben--fay   matched 01-05, met 01-10, goals agreed, ended early 02-01
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest

from mentorkit.models.toolkit import Goals
from mentorkit.services.monitoring import due, report
from mentorkit.store.folder import ProgramFolder
from mentorkit.store.snapshot import load_snapshot
from tests.conftest import make_person
from tests.report_program import add_session, relationship, session

D = dt.date


@pytest.fixture
def pairs(folder: ProgramFolder) -> ProgramFolder:
    for mentor in ("Ana", "Ben"):
        make_person(folder, mentor, role="mentor", years_experience=12, capacity=3)
    for mentee in ("Cara", "Dev", "Eli", "Fay"):
        make_person(folder, mentee)
    folder.save_relationship(relationship("ana", "cara", "proposed"))
    folder.save_relationship(relationship("ana", "dev", "active", started=D(2026, 1, 12)))
    add_session(folder, "ana--dev", session(D(2026, 1, 12), 45, meeting="first"))
    folder.save_form("ana--dev", Goals.model_validate({"kind": "goals", "goals": [
        {"id": "g1", "statement": "Run a huddle"}]}))
    folder.save_relationship(relationship("ben", "eli", "active", started=D(2026, 1, 20)))
    add_session(folder, "ben--eli", session(D(2026, 1, 20), 45, meeting="first"))
    folder.save_relationship(relationship(
        "ben", "fay", "ended-early", started=D(2026, 1, 10), ended=D(2026, 2, 1),
        closure={"date": D(2026, 2, 1), "kind": "ended-early", "reason": "Left"}))
    add_session(folder, "ben--fay", session(D(2026, 1, 10), 45, meeting="first"))
    folder.save_form("ben--fay", Goals.model_validate({"kind": "goals", "goals": [
        {"id": "g1", "statement": "Learn the rota"}]}))
    return folder


def late(folder: ProgramFolder, day: dt.date) -> list[tuple[str, str, str, int]]:
    return [(m.pair, m.reached, m.milestone, m.days_late)
            for m in due.compute(load_snapshot(folder), day).late_milestones]


def test_never_met_is_late_after_21_days(pairs: ProgramFolder) -> None:
    assert late(pairs, D(2026, 1, 20)) == []
    assert late(pairs, D(2026, 1, 26)) == [("ben--eli", "first-meeting", "goals-agreed", 6)]
    assert late(pairs, D(2026, 1, 27)) == [
        ("ana--cara", "matched", "first-meeting", 1),  # never met: listed first
        ("ben--eli", "first-meeting", "goals-agreed", 7),
    ]


def test_mid_point_and_final_meeting(pairs: ProgramFolder) -> None:
    # ana--dev met 01-12: half-way to 07-05 is 04-09, due with the next cadence by 05-09
    assert ("ana--dev", "goals-agreed", "mid-point", 1) in late(pairs, D(2026, 5, 10))
    assert not [m for m in late(pairs, D(2026, 5, 9)) if m[0] == "ana--dev"]
    add_session(pairs, "ana--dev", session(D(2026, 4, 15), 45))
    assert not [m for m in late(pairs, D(2026, 5, 10)) if m[0] == "ana--dev"]
    assert ("ana--dev", "mid-point", "final-meeting", 1) in late(pairs, D(2026, 7, 6))


def test_program_settings_move_the_due_dates(pairs: ProgramFolder) -> None:
    program = pairs.load_program()
    program.milestones.first_meeting_days = 30
    program.milestones.goals_days = 7
    pairs.save_program(program)
    assert late(pairs, D(2026, 1, 27)) == []
    assert late(pairs, D(2026, 2, 5)) == [("ana--cara", "matched", "first-meeting", 1),
                                          ("ben--eli", "first-meeting", "goals-agreed", 9)]


def test_report_counts_milestones_and_days_to_first_meeting(pairs: ProgramFolder) -> None:
    r = report.build(load_snapshot(pairs), D(2026, 2, 10))
    lc = r.lifecycle
    assert {k: v for k, v in lc.by_milestone.items() if v} == {
        "matched": 1, "first-meeting": 1, "goals-agreed": 1, "closed": 1}
    assert lc.median_days_to_first_meeting == 7  # 5, 7 and 15 days after the match
    assert lc.never_met == 1
    assert [(m.pair, m.milestone) for m in lc.late_for_milestone] == [
        ("ana--cara", "first-meeting"), ("ben--eli", "goals-agreed")]
    # match rate counts mentees whose pair met at least once; paired counts them all
    assert (r.enrolment.met_mentees, r.enrolment.matched_mentees) == (2, 3)
    assert r.enrolment.met_rate == pytest.approx(2 / 4)
    # before anyone met
    early = report.build(load_snapshot(pairs), D(2026, 1, 8))
    assert early.lifecycle.median_days_to_first_meeting is None
    assert early.enrolment.met_mentees == 0


def test_cli_due_and_report(pairs: ProgramFolder, cli: Callable[..., Any]) -> None:
    result = cli("due", "--json", "--as-of", "2026-02-10")
    data = json.loads(result.stdout)
    assert data["late_milestones"][0] == {
        "pair": "ana--cara", "mentor_name": "Ana", "mentee_name": "Cara",
        "reached": "matched", "milestone": "first-meeting", "due": "2026-01-26",
        "days_late": 15, "matched": "2026-01-05"}
    assert cli("due", "--fail-if-overdue", "--as-of", "2026-01-20").exit_code == 0
    failing = cli("due", "--fail-if-overdue", "--as-of", "2026-01-27")
    assert failing.exit_code == 1
    assert "late for a milestone" in failing.stdout
    assert "Ana ↔ Cara" in failing.stdout
    text = cli("report", "--as-of", "2026-02-10").stdout
    assert "1 open pair with no meeting yet" in text
    assert "median 7" in text
    row = next(p for p in json.loads(cli("report", "--json", "--as-of", "2026-02-10").stdout)
               ["engagement"]["pairs"] if p["pair"] == "ana--cara")
    assert (row["milestone"], row["next_milestone"], row["milestone_days_late"]) == (
        "matched", "first-meeting", 15)
