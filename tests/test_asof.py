"""One clock: every figure as the program stood on a day (services/asof.py).

A program with a known history, written through the lifecycle service so the history
is the one mentorkit keeps:

    ana--cara  created 01-05, started 01-10; sessions 01-10, 02-10, 03-10 (final);
               completed 03-20; mentor evaluates 03-25, mentee 04-05
    ben--dev   created 02-01, started 02-15 (session); ended early 03-01; reopened 03-15;
               session 03-20
    ana--gus   created 03-01; never met
    ivy        joins 03-15 as a mentee
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest

from mentorkit.models.relationship import ClosureKind
from mentorkit.models.toolkit import ActionPlan, Goals
from mentorkit.services import asof
from mentorkit.services.monitoring import calendar, due, report
from mentorkit.services.toolkit import lifecycle
from mentorkit.store.folder import ProgramFolder
from mentorkit.store.snapshot import load_snapshot
from mentorkit.vocab import Status
from tests.conftest import make_person
from tests.report_program import add_session, evaluation, relationship, session

D = dt.date


@pytest.fixture
def history(folder: ProgramFolder) -> ProgramFolder:
    make_person(folder, "Ana", role="mentor", years_experience=12)
    make_person(folder, "Ben", role="mentor", years_experience=12)
    for name in ("Cara", "Dev", "Gus"):
        make_person(folder, name)
    make_person(folder, "Ivy", joined=D(2026, 3, 15))
    later = D(2026, 4, 30)

    folder.save_relationship(relationship("ana", "cara", "proposed", created=D(2026, 1, 5)))
    lifecycle.start(folder, "ana--cara", D(2026, 1, 10), today=later)
    folder.save_form("ana--cara", Goals.model_validate({"kind": "goals", "goals": [
        {"id": "g1", "statement": "Lead a handover"}]}))
    folder.save_form("ana--cara", ActionPlan.model_validate({"kind": "action-plan", "actions": [
        {"id": "a1", "goal": "g1", "description": "Shadow", "date": D(2026, 2, 1),
         "status": "done", "done_date": D(2026, 2, 20)},
        {"id": "a2", "goal": "g1", "description": "Lead one", "date": D(2026, 3, 1),
         "from_session": "2026-02-10"},
    ]}))
    add_session(folder, "ana--cara", session(D(2026, 1, 10), 60, meeting="first",
                                             next_meeting=D(2026, 2, 10)))
    add_session(folder, "ana--cara", session(D(2026, 2, 10), 60, progress=[
        {"goal": "g1", "status": "in-progress", "progress": 50}], next_meeting=D(2026, 3, 10)))
    add_session(folder, "ana--cara", session(D(2026, 3, 10), 60, meeting="final", progress=[
        {"goal": "g1", "status": "achieved"}]))
    folder.save_form("ana--cara", evaluation("mentor", D(2026, 3, 25), recommend=10),
                     "evaluation-mentor.yaml")
    lifecycle.close(folder, "ana--cara", reason="Goals met", date=D(2026, 3, 20),
                    missing_reason="mentee evaluates later", today=later)
    # closed on paper without a reason for the missing evaluations: `due` chases them
    closed = folder.load_relationship("ana--cara")
    assert closed.closure is not None
    closed.closure.missing_reason = None
    folder.save_relationship(closed)
    folder.save_form("ana--cara", evaluation("mentee", D(2026, 4, 5), recommend=9),
                     "evaluation-mentee.yaml")

    folder.save_relationship(relationship("ben", "dev", "proposed", created=D(2026, 2, 1)))
    lifecycle.start(folder, "ben--dev", D(2026, 2, 15), today=later)
    add_session(folder, "ben--dev", session(D(2026, 2, 15), 45, meeting="first"))
    lifecycle.close(folder, "ben--dev", reason="Shift change", kind=ClosureKind.ENDED_EARLY,
                    date=D(2026, 3, 1), missing_reason="left early", today=later)
    lifecycle.reopen(folder, "ben--dev", reason="Back on days", date=D(2026, 3, 15),
                     today=later)
    add_session(folder, "ben--dev", session(D(2026, 3, 20), 45, next_meeting=D(2026, 4, 20)))

    folder.save_relationship(relationship("ana", "gus", "proposed", created=D(2026, 3, 1)))
    return folder


def statuses(folder: ProgramFolder, day: dt.date) -> dict[str, str]:
    snap = asof.snapshot_on(load_snapshot(folder), day)
    return {pair: f.relationship.status.value for pair, f in snap.pairs.items()}


def test_statuses_replay_the_history(history: ProgramFolder) -> None:
    assert statuses(history, D(2026, 1, 7)) == {"ana--cara": "proposed"}
    assert statuses(history, D(2026, 2, 20)) == {"ana--cara": "active", "ben--dev": "active"}
    assert statuses(history, D(2026, 3, 5)) == {
        "ana--cara": "active", "ben--dev": "ended-early", "ana--gus": "proposed"}
    assert statuses(history, D(2026, 3, 22)) == {
        "ana--cara": "completed", "ben--dev": "active", "ana--gus": "proposed"}


def test_closed_then_reopened_keeps_the_closure_it_had(history: ProgramFolder) -> None:
    rel = asof.snapshot_on(load_snapshot(history), D(2026, 3, 5)).pairs["ben--dev"].relationship
    assert rel.closure is not None and rel.closure.reason == "Shift change"
    assert rel.ended == D(2026, 3, 1)
    assert [e.event for e in rel.history] == ["started", "closed: ended-early"]
    # what the close recorded as missing, and why, as on that day
    assert rel.closure.missing == ["the final meeting", "the mentor's evaluation",
                                   "the mentee's evaluation"]
    assert rel.closure.missing_reason == "left early"


def test_a_close_written_before_its_history_kept_what_was_missing_still_loads(
    history: ProgramFolder,
) -> None:
    rel = history.load_relationship("ben--dev")
    close = rel.history[1]
    close.missing, close.missing_reason = None, None
    history.save_relationship(rel)
    then = asof.snapshot_on(load_snapshot(history), D(2026, 3, 5)).pairs["ben--dev"]
    assert then.relationship.closure is not None
    assert then.relationship.closure.reason == "Shift change"
    assert then.relationship.closure.missing == []


def test_today_returns_what_was_loaded(history: ProgramFolder) -> None:
    snap = load_snapshot(history)
    assert asof.snapshot_on(snap, D(2026, 5, 1)) is snap


def test_report_figures_at_several_dates(history: ProgramFolder) -> None:
    def figures(day: dt.date) -> tuple[Any, ...]:
        r = report.build(load_snapshot(history), day)
        return (r.enrolment.participants, r.engagement.sessions_held,
                r.evaluation.closed_pairs, r.evaluation.received,
                r.lifecycle.by_status, r.goals.by_status["achieved"], r.goals.actions_done)

    statuses_ = ("proposed", "active", "completed", "ended-early")

    def by(*counts: int) -> dict[str, int]:
        return {**dict(zip(statuses_, counts, strict=True)), "requested": 0, "declined": 0}

    assert figures(D(2026, 2, 1)) == (5, 1, 0, 0, by(1, 1, 0, 0), 0, 0)
    assert figures(D(2026, 3, 5)) == (5, 3, 1, 0, by(1, 1, 0, 1), 0, 1)
    assert figures(D(2026, 3, 26)) == (6, 5, 1, 1, by(1, 1, 1, 0), 1, 1)
    assert figures(D(2026, 4, 10)) == (6, 5, 1, 2, by(1, 1, 1, 0), 1, 1)


def test_report_window_counts_inside_it_and_risk_at_its_end(history: ProgramFolder) -> None:
    r = report.build(load_snapshot(history), D(2026, 4, 30), since=D(2026, 2, 1),
                     until=D(2026, 2, 28))
    assert r.scope.as_of == D(2026, 2, 28)
    rows = {row.pair: row for row in r.engagement.pairs}
    assert set(rows) == {"ana--cara", "ben--dev"}  # ana--gus did not exist yet
    assert (rows["ana--cara"].sessions_held, rows["ana--cara"].sessions_expected) == (1, 0)
    assert rows["ana--cara"].status == "active"  # completed only in March
    assert r.evaluation.closed_pairs == 0
    assert r.engagement.at_risk == []
    # a whole window in which ben--dev was quiet: at risk at its end
    r = report.build(load_snapshot(history), D(2026, 4, 30), since=D(2026, 3, 15),
                     until=D(2026, 4, 30))
    row = {row.pair: row for row in r.engagement.pairs}["ben--dev"]
    assert (row.sessions_held, row.sessions_expected) == (1, 1)


def test_due_as_of(history: ProgramFolder) -> None:
    before = due.compute(load_snapshot(history), D(2026, 3, 22))
    assert [m.pair for m in before.missing_evaluations] == ["ana--cara"]
    assert before.missing_evaluations[0].missing == ["mentor", "mentee"]
    between = due.compute(load_snapshot(history), D(2026, 3, 26))
    assert between.missing_evaluations[0].missing == ["mentee"]
    after = due.compute(load_snapshot(history), D(2026, 4, 6))
    assert after.missing_evaluations == []
    # a1 (due 02-01) was done on 02-20: late before that, not after
    assert [(a.pair, a.action) for a in due.compute(load_snapshot(history), D(2026, 2, 15))
            .late_actions] == [("ana--cara", "a1")]
    assert due.compute(load_snapshot(history), D(2026, 2, 25)).late_actions == []


def test_actions_agreed_later_are_not_there_yet(history: ProgramFolder) -> None:
    def plan(day: dt.date) -> list[tuple[str, str]]:
        files = asof.snapshot_on(load_snapshot(history), day).pairs["ana--cara"]
        assert files.action_plan is not None
        return [(a.id, a.status.value) for a in files.action_plan.actions]

    assert plan(D(2026, 2, 5)) == [("a1", "planned")]
    assert plan(D(2026, 2, 25)) == [("a1", "done"), ("a2", "planned")]


def test_calendar_as_of(history: ProgramFolder) -> None:
    result = calendar.meetings(load_snapshot(history), D(2026, 2, 1))
    assert [(m.pair, m.date) for m in result.meetings] == [("ana--cara", D(2026, 2, 10))]
    result = calendar.meetings(load_snapshot(history), D(2026, 4, 1))
    assert [(m.pair, m.date) for m in result.meetings] == [("ben--dev", D(2026, 4, 20))]


def test_report_pair_refused_before_it_existed(
    history: ProgramFolder, cli: Callable[..., Any]
) -> None:
    result = cli("report", "--pair", "ana--gus", "--as-of", "2026-02-01")
    assert result.exit_code != 0
    assert "did not exist yet on 2026-02-01" in result.stderr
    # show refuses it the same way (it showed the pair "proposed", as it was created)
    shown = cli("show", "ana--gus", "--as-of", "2026-02-01")
    assert (shown.exit_code, shown.stderr) == (result.exit_code, result.stderr)
    result = cli("report", "--json", "--as-of", "2026-03-05")
    data = json.loads(result.stdout)
    assert data["lifecycle"]["by_status"]["ended-early"] == 1
    assert data["scope"]["as_of"] == "2026-03-05"


def test_a_pause_or_withdrawal_shows_from_the_day_it_took_effect(folder, cli) -> None:
    # `report --as-of` a day before someone withdrew listed them withdrawn (and out of the
    # active mentees), though their pair was still meeting
    from conftest import make_person

    from mentorkit.services.monitoring import report

    make_person(folder, "Lucia F", joined=dt.date(2026, 7, 1))
    edited = cli("participants", "edit", "lucia-f", "--status", "withdrawn",
                 "--date", "2026-10-31")
    assert edited.exit_code == 0, edited.stderr
    assert [(c.date, c.status.value) for c in folder.load_participant("lucia-f")
            .status_changes or []] == [(dt.date(2026, 10, 31), "withdrawn")]
    before = report.program_report(folder, dt.date(2026, 10, 15)).enrolment
    after = report.program_report(folder, dt.date(2026, 11, 1)).enrolment
    assert (before.by_status, before.active_mentees) == ({"active": 1}, 1)
    assert (after.by_status, after.active_mentees) == ({"withdrawn": 1}, 0)
    for wrong, words in ((["--date", "2026-06-01"], "before Lucia F joined (2026-07-01)"),
                         (["--date", "2099-01-01"], "is after today")):
        refused = cli("participants", "edit", "lucia-f", "--status", "paused", *wrong)
        assert refused.exit_code == 2 and words in refused.stderr
    alone = cli("participants", "edit", "lucia-f", "--date", "2026-11-01")
    assert alone.exit_code == 2 and "--date goes with --status" in alone.stderr


def test_every_day_has_the_status_it_had(folder: ProgramFolder, cli: Any) -> None:
    # a pause ended by `--status active --date` showed the pause days active (the day of
    # active was dropped, and with it the pause); paused then withdrawn lost the pause
    make_person(folder, "Helen", role="mentor", joined=D(2026, 7, 1))

    def status_on(day: dt.date) -> dict[str, int]:
        return report.program_report(folder, day).enrolment.by_status

    for status, day in (("paused", "2026-11-20"), ("active", "2026-12-01")):
        edited = cli("participants", "edit", "helen", "--status", status, "--date", day)
        assert edited.exit_code == 0, edited.stderr
    assert status_on(D(2026, 11, 19)) == {"active": 1}
    assert status_on(D(2026, 11, 25)) == {"paused": 1}
    assert status_on(D(2026, 12, 1)) == {"active": 1}
    cli("participants", "edit", "helen", "--status", "withdrawn", "--date", "2026-12-02")
    assert status_on(D(2026, 11, 25)) == {"paused": 1}
    assert status_on(D(2026, 12, 1)) == {"active": 1}
    # the status they have, given another day, is re-dated (it was "Unchanged")
    redated = cli("participants", "edit", "helen", "--status", "withdrawn", "--date",
                  "2026-12-01")
    assert redated.exit_code == 0 and redated.stdout.startswith("Updated"), redated.stderr
    assert status_on(D(2026, 11, 30)) == {"paused": 1}
    assert status_on(D(2026, 12, 1)) == {"withdrawn": 1}
    refused = cli("participants", "edit", "helen", "--status", "active", "--date",
                  "2026-11-10")
    assert refused.exit_code == 2
    assert "2026-11-10 is before Helen became withdrawn (2026-12-01)" in refused.stderr


def test_a_file_with_status_since_still_loads(folder: ProgramFolder) -> None:
    make_person(folder, "Lucia", joined=D(2026, 7, 1))
    path = folder.participant_path("lucia")
    path.write_text(path.read_text().replace("status: active",
                                             "status: withdrawn\nstatus_since: 2026-10-31"))
    person = folder.load_participant("lucia")
    assert (person.status_on(D(2026, 10, 30)), person.status_on(D(2026, 10, 31))) == (
        Status.ACTIVE, Status.WITHDRAWN)
