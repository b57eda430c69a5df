"""Every figure of the program report against a small program with known answers."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from mentorkit.errors import InvalidInput
from mentorkit.models.toolkit import GoalProgress, Goals, SessionRecord
from mentorkit.services.monitoring import pair_state as monitoring
from mentorkit.services.monitoring import report as service
from mentorkit.services.monitoring.pair_report import one_pair
from mentorkit.store.folder import ProgramFolder
from mentorkit.vocab import Status
from tests import report_program
from tests.report_program import TODAY

D = dt.date


@pytest.fixture
def built(folder: ProgramFolder) -> ProgramFolder:
    report_program.build(folder)
    return folder


@pytest.fixture
def report(built: ProgramFolder) -> service.ProgramReport:
    return service.program_report(built, TODAY)


def test_a_department_typed_in_another_case_is_one_department(
    built: ProgramFolder,
) -> None:
    """`add` keeps a department as typed: 'nursing' and 'Nursing' are one row, under
    the spelling most people have."""
    person = next(p for p in built.load_participants().values() if p.department == "Nursing")
    changed = next(i for i, p in built.load_participants().items() if p == person)
    built.save_participant(changed, person.model_copy(update={"department": "nursing",
                                                              "site": "NORTH"}))
    en = service.program_report(built, TODAY).enrolment
    assert en.by_department == {"Laboratory": 3, "Nursing": 4, "Pharmacy": 2}
    assert en.by_site == {"North": 6, "South": 3}


def test_enrolment(report: service.ProgramReport) -> None:
    en = report.enrolment
    assert en.participants == 9
    assert en.by_role == {"both": 1, "mentee": 6, "mentor": 2}
    assert en.by_status == {"active": 8, "paused": 1}
    assert en.by_department == {"Laboratory": 3, "Nursing": 4, "Pharmacy": 2}
    assert en.by_site == {"North": 6, "South": 3}
    assert (en.active_mentees, en.matched_mentees) == (6, 4)
    assert en.match_rate == pytest.approx(4 / 6)  # paired, met or not
    assert (en.met_mentees, en.met_rate) == (3, pytest.approx(3 / 6))  # hal--gus never met
    assert {(u.id, u.reason) for u in en.unmatched} == {
        ("fay", "paused"), ("hal", "no relationship yet"), ("ivy", "no relationship yet")
    }
    assert (en.mentor_capacity, en.mentor_used, en.mentor_free) == (5, 3, 2)
    assert {m.id: (m.capacity, m.used, m.free) for m in en.mentors} == {
        "ana": (2, 2, 0), "ben": (1, 0, 1), "hal": (2, 1, 1)
    }


def test_engagement(report: service.ProgramReport) -> None:
    eg = report.engagement
    rows = {r.pair: r for r in eg.pairs}
    assert [(p, rows[p].sessions_held, rows[p].sessions_expected, rows[p].on_cadence)
            for p in sorted(rows)] == [
        ("ana--cara", 3, 2, True), ("ana--dev", 1, 2, False), ("ben--eli", 3, 1, True),
        ("ben--fay", 0, 0, True), ("hal--gus", 0, 0, None),
    ]
    assert (eg.pairs_started, eg.pairs_on_cadence) == (4, 3)
    assert eg.on_cadence_share == pytest.approx(0.75)
    assert (eg.sessions_held, eg.sessions_expected) == (7, 5)
    assert eg.at_risk == ["ana--dev"]
    assert eg.hours == pytest.approx(6.0)
    assert rows["ana--cara"].hours == pytest.approx(2.25)
    assert rows["ana--cara"].last_meeting == D(2026, 3, 10)
    assert rows["ana--cara"].next_meeting == D(2026, 4, 8)
    assert rows["ana--dev"].next_meeting == D(2026, 2, 15)
    assert rows["ana--dev"].days_since_meeting == 76
    assert rows["ben--eli"].next_meeting is None  # closed pairs have no next meeting
    assert rows["ana--cara"].mentee_name == "Cara"


def test_goals_and_actions(report: service.ProgramReport) -> None:
    go = report.goals
    assert go.set == 5
    assert go.by_status == {"not-started": 1, "in-progress": 1, "achieved": 2, "revised": 0,
                            "dropped": 1}
    assert go.by_function["coaching"]["set"] == 2
    assert go.by_function["coaching"]["dropped"] == 1
    assert go.by_function["coaching"]["not-started"] == 1
    assert go.by_function["career-development"]["achieved"] == 1
    assert go.by_function["networking"]["achieved"] == 1
    assert go.by_function["feedback"]["in-progress"] == 1
    assert list(go.by_function) == ["career-development", "networking", "feedback", "coaching"]
    assert (go.actions, go.actions_done, go.actions_open, go.actions_cancelled) == (6, 1, 4, 1)
    assert go.actions_overdue == 2  # a2 and b1; c1 belongs to a closed pair


def test_evaluation(report: service.ProgramReport) -> None:
    ev = report.evaluation
    assert (ev.closed_pairs, ev.expected, ev.received) == (2, 4, 3)
    assert ev.response_rate == pytest.approx(0.75)
    means = {r.item: (r.mean, r.responses) for r in ev.ratings}
    assert means["program.goals_clear"] == (pytest.approx(3.0), 3)
    assert means["program.match_worked"] == (pytest.approx(5.0), 1)
    assert means["relationship.grew"] == (pytest.approx(3.0), 2)
    assert means["relationship.met_regularly"] == (None, 0)
    assert ev.goals_reported == {"yes": 1, "partly": 1, "no": 0}
    assert (ev.promoters, ev.passives, ev.detractors, ev.recommend_responses) == (2, 0, 1, 3)
    assert ev.nps == pytest.approx(100 / 3)
    assert ev.closures_by_kind == {"completed": 1, "ended-early": 1}
    assert ev.closure_reasons == {"Goals met": 1, "Moved to another site": 1}


def test_lifecycle(report: service.ProgramReport) -> None:
    lc = report.lifecycle
    assert lc.by_status == {"requested": 0, "proposed": 1, "active": 2, "completed": 1,
                            "ended-early": 1, "declined": 0}
    assert lc.completed == 1
    assert lc.average_length_days == pytest.approx(59)


def test_department_filter(built: ProgramFolder) -> None:
    report = service.program_report(built, TODAY, department="nursing")
    assert report.enrolment.participants == 4
    assert sorted(r.pair for r in report.engagement.pairs) == ["ana--cara", "ana--dev",
                                                              "hal--gus"]
    assert report.lifecycle.by_status["active"] == 2
    assert report.evaluation.closed_pairs == 0
    assert report.evaluation.response_rate is None
    assert report.evaluation.nps is None


def test_date_filter(built: ProgramFolder) -> None:
    report = service.program_report(built, TODAY, since=D(2026, 2, 1), until=D(2026, 2, 28))
    rows = {r.pair: r for r in report.engagement.pairs}
    assert report.engagement.sessions_held == 2  # ana--cara 02-10, ben--eli 02-05
    assert rows["ana--cara"].sessions_held == 1
    assert rows["ana--cara"].sessions_expected == 27 // 30
    assert report.evaluation.closed_pairs == 1  # ben--fay closed 02-01
    assert report.evaluation.closures_by_kind == {"ended-early": 1}
    assert report.lifecycle.completed == 0
    assert report.evaluation.recommend_responses == 2  # fay's pair's evaluations, in February


def test_until_before_since_is_refused(built: ProgramFolder) -> None:
    with pytest.raises(InvalidInput):
        service.program_report(built, TODAY, since=D(2026, 3, 1), until=D(2026, 2, 1))


def test_pair_report(built: ProgramFolder) -> None:
    pair = one_pair(built, "cara", TODAY)  # either person finds their open pair
    assert pair.row.pair == "ana--cara"
    assert [(g.id, g.status, g.progress) for g in pair.goals] == [
        ("g1", "achieved", 100), ("g2", "achieved", 100), ("g3", "not-started", 0)]
    assert [(a.id, a.overdue) for a in pair.actions] == [
        ("a1", False), ("a2", True), ("a3", False), ("a4", False)]
    assert [s.date for s in pair.sessions] == [D(2026, 1, 10), D(2026, 2, 10), D(2026, 3, 10)]
    assert all(s.private_notes is None for s in pair.sessions)
    assert "private_notes" not in pair.to_json()["sessions"][0]
    private = one_pair(built, "ana--cara", TODAY, include_private=True)
    assert private.sessions[0].private_notes == f"notes {report_program.MARKER}"


def test_goal_state_latest_session_wins() -> None:
    goals = Goals.model_validate({"kind": "goals", "goals": [
        {"id": "g1", "statement": "One", "progress": 5},
        {"id": "g2", "statement": "Two"}]})

    def rec(day: int, *progress: GoalProgress) -> tuple[str, SessionRecord]:
        record = SessionRecord.model_validate({
            "kind": "session", "date": D(2026, 1, day), "duration_minutes": 30,
            "progress": [p.model_dump() for p in progress]})
        return (record.date.isoformat(), record)

    sessions = [
        rec(1, GoalProgress(goal="g1", status="in-progress", progress=40)),
        rec(2, GoalProgress(goal="g1", status="revised"), GoalProgress(goal="gone",
                                                                      status="achieved")),
        rec(3, GoalProgress(goal="g2", status="achieved")),
    ]
    state = monitoring.goal_states(goals, sessions)
    assert (state["g1"].status.value, state["g1"].progress, state["g1"].updated) == (
        "revised", 40, D(2026, 1, 2))
    assert (state["g2"].status.value, state["g2"].progress) == ("achieved", 100)
    early = monitoring.goal_states(goals, sessions, until=D(2026, 1, 1))
    assert early["g2"].status.value == "not-started"
    assert monitoring.goal_states(None, sessions) == {}


def test_a_pair_gone_quiet_is_at_risk_and_not_on_cadence(cli: Any, tmp_path: Path) -> None:
    import json
    import shutil

    root = Path(__file__).resolve().parent.parent / "examples" / "st-marys-mentoring"
    program = tmp_path / "program"
    shutil.copytree(root, program, ignore=lambda d, names: [n for n in names if n == ".mentorkit"])
    result = cli("-p", str(program), "report", "--as-of", "2026-11-20", "--json")
    assert result.exit_code == 0, result.stderr
    engagement = json.loads(result.stdout)["engagement"]
    quiet = next(p for p in engagement["pairs"] if p["pair"] == "gloria-mendoza--kwame-asante")
    # two sessions in its first month: as many as expected, but none for 52 days
    assert quiet["sessions_held"] >= quiet["sessions_expected"]
    assert quiet["at_risk"] is True and quiet["on_cadence"] is False
    assert engagement["pairs_on_cadence"] == engagement["pairs_started"] - 1


def test_mentor_places_add_up_when_a_mentor_is_overbooked(
    built: ProgramFolder, cli: Any, tmp_path: Path
) -> None:
    # ana (2 places, both used) is paired with ivy as well, by `pair --force`: it said
    # "5 places, 4 used, 2 free" (ana's -1 free counted as 0)
    built.save_relationship(report_program.relationship("ana", "ivy", "proposed"))
    en = service.program_report(built, TODAY).enrolment
    assert (en.mentor_capacity, en.mentor_used, en.mentor_free, en.mentor_over) == (5, 4, 2, 1)
    assert en.mentor_capacity == en.mentor_used - en.mentor_over + en.mentor_free
    assert {m.id: m.over for m in en.mentors} == {"ana": 1, "ben": 0, "hal": 0}
    line = "5 places, 4 used (1 over capacity), 2 free"
    as_of = ("--as-of", TODAY.isoformat())
    for fmt in ("terminal", "markdown", "html"):
        result = cli("report", "--format", fmt, *as_of)
        assert line in result.stdout, fmt
    data = json.loads(cli("report", "--json", *as_of).stdout)["enrolment"]
    assert (data["mentor_used"], data["mentor_over"], data["mentor_free"]) == (4, 1, 2)
    book = tmp_path / "report.xlsx"
    assert cli("report", "--format", "xlsx", "--out", str(book), *as_of).exit_code == 0
    summary = {r[1]: r[2] for r in load_workbook(book)["Summary"].iter_rows(values_only=True)}
    assert summary["mentor capacity"] == line


def test_mentor_places_add_up_when_a_mentor_is_paused(built: ProgramFolder) -> None:
    # it said "47 places, 35 used, 14 free": the paused mentor's pairs were counted as
    # used, but not their places
    person = built.load_participant("ana")
    built.save_participant("ana", person.model_copy(update={"status": Status.PAUSED}))
    en = service.program_report(built, TODAY).enrolment
    assert (en.mentor_capacity, en.mentor_used, en.mentor_free) == (3, 1, 2)
    assert en.mentor_capacity == en.mentor_used + en.mentor_free
