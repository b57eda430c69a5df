"""`mentorkit collect`: Google Forms CSV and Microsoft Forms XLSX exports in their real
layouts, filed through the toolkit's own rules; bad rows, resubmissions, privacy."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mentorkit.errors import ExitCode
from mentorkit.models.relationship import Relationship
from mentorkit.models.toolkit import ActionPlan, Goal, Goals
from mentorkit.store.folder import ProgramFolder
from mentorkit.vocab import RelationshipStatus
from tests.collection_support import google_csv, sessions, us
from tests.conftest import make_person
from tests.toolkit_support import PAIR, days, make_pair

CLI = Callable[..., Any]
MARIA, DAN = "maria-lopez@example.org", "dan-ortiz@example.org"
NOON = dt.time(12, 0)


def at(day: dt.date, hour: int = 9, minute: int = 14) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute, 3))


def titles(cli: CLI, form: str) -> list[str]:
    """The question titles, as `forms questions NAME --json` gives them (partner first)."""
    result = cli("forms", "questions", form, "--json")
    assert result.exit_code == 0, result.output
    return [q["title"] for q in json.loads(result.stdout)["questions"]]


@pytest.fixture
def active(folder: ProgramFolder) -> ProgramFolder:
    make_pair(folder, created=days(-130), status=RelationshipStatus.ACTIVE, started=days(-120))
    folder.save_form(PAIR, Goals(kind="goals", goals=[
        Goal(id="g1", statement="Lead a safety huddle"),
        Goal(id="g2", statement="Learn the audit process")]))
    return folder


def session_row(cli: CLI, day: dt.date, **answers: str) -> list[str]:
    base = {"Date of the meeting": us(day), "How long did you meet?": "45 min",
            "How did you meet?": "Video call"}
    base.update(answers)
    return [base.get(t, "") for t in titles(cli, "session")]


def collect(cli: CLI, path: Path, *args: str, order: bool = True) -> Any:
    """Dates relative to today may read two ways (11/2), so tests say the order; the
    test of ambiguous dates passes order=False."""
    return cli("collect", str(path), *args, *(["--date-order", "month-first"] if order else []))


# -- forms questions ---------------------------------------------------------------------------
@pytest.mark.parametrize("form", ["session", "check-in", "evaluation", "needs-analysis", "goals"])
def test_questions_text_and_json(cli: CLI, folder: ProgramFolder, form: str) -> None:
    data = json.loads(cli("forms", "questions", form, "--json").stdout)
    assert data["form"] == form and data["questions"]
    for q in data["questions"]:
        assert q["type"] in {"short text", "paragraph", "choice", "checkboxes", "date",
                             "rating", "linear scale"}
        assert set(q) >= {"title", "help", "type", "choices", "required"}
        assert bool(q["choices"]) == (q["type"] in {"choice", "checkboxes"})
        assert not q["private"]  # nothing private unless the program opts in
    text = cli("forms", "questions", form).stdout
    assert all(q["title"] in text for q in data["questions"])
    assert any(q["required"] for q in data["questions"])


def test_check_in_asks_the_five_pulse_questions(cli: CLI, folder: ProgramFolder) -> None:
    asked = titles(cli, "check-in")[1:]
    assert asked == ["Are you meeting as agreed?",
                     "How well is your mentoring relationship working?",
                     "How much progress are you making toward your goals?",
                     "Would you like the program coordinator to get in touch?",
                     "Anything the program coordinator should know?"]


def test_unknown_form_is_named(cli: CLI, folder: ProgramFolder) -> None:
    result = cli("forms", "questions", "sessions")
    assert result.exit_code == ExitCode.NOT_FOUND
    assert "no form 'sessions'" in result.stderr and "check-in" in result.stderr


# -- Google Forms: sessions ------------------------------------------------------------------
def test_google_sessions_filed_through_the_toolkit_rules(
    cli: CLI, active: ProgramFolder, tmp_path: Path
) -> None:
    meeting = days(-10)
    export = google_csv(tmp_path / "Session record.csv", titles(cli, "session"), [
        (at(meeting), MARIA, session_row(
            cli, meeting, **{"How long did you meet?": "1 hour",
                             "Goal 1: where is it now?": "In progress",
                             "Actions agreed before the next meeting":
                                 f"Shadow the charge nurse by {us(days(5))} (goal 1)\n"
                                 f"- Book the audit course before {us(days(20))} mentor",
                             "Date of your next meeting": us(days(20))})),
    ])
    dry = collect(cli, export, "--dry-run", "--json")
    assert dry.exit_code == 0, dry.output
    assert json.loads(dry.stdout)["filed"] == 1
    assert sessions(active, PAIR) == []  # a dry run writes nothing
    result = collect(cli, export)
    assert result.exit_code == 0, result.output
    [(stem, session)] = sessions(active, PAIR)
    assert (session.date, session.duration_minutes, session.mode.value) == (meeting, 60, "video")
    assert [(p.goal, p.status.value) for p in session.progress] == [("g1", "in-progress")]
    assert session.next_meeting == days(20)
    plan = active.load_form(PAIR, ActionPlan)
    assert plan is not None
    assert [(a.description, a.goal, a.owner.value, a.date, a.from_session) for a in plan.actions] \
        == [("Shadow the charge nurse", "g1", "mentee", days(5), stem),
            ("Book the audit course", None, "mentor", days(20), stem)]


def test_same_export_again_files_nothing_new(
    cli: CLI, active: ProgramFolder, tmp_path: Path
) -> None:
    export = google_csv(tmp_path / "s.csv", titles(cli, "session"),
                        [(at(days(-10)), MARIA, session_row(cli, days(-10)))], newline="\n")
    assert collect(cli, export).exit_code == 0
    before = sorted(p.read_bytes() for p in active.relationship_dir(PAIR).rglob("*.yaml"))
    again = collect(cli, export, "--json")
    assert again.exit_code == 0, again.output
    data = json.loads(again.stdout)
    assert (data["filed"], data["already_filed"]) == (0, 1)
    assert sorted(p.read_bytes() for p in active.relationship_dir(PAIR).rglob("*.yaml")) == before


def test_later_resubmission_replaces_the_earlier_and_says_so(
    cli: CLI, active: ProgramFolder, tmp_path: Path
) -> None:
    meeting = days(-10)
    first = session_row(cli, meeting, **{
        "Actions agreed before the next meeting": f"Read the policy by {us(days(3))}"})
    second = session_row(cli, meeting, **{
        "How long did you meet?": "30 minutes",
        "Actions agreed before the next meeting": f"Read the audit policy by {us(days(4))}"})
    export = google_csv(tmp_path / "s.csv", titles(cli, "session"),
                        [(at(meeting), MARIA, first)])
    assert collect(cli, export).exit_code == 0
    export = google_csv(tmp_path / "s.csv", titles(cli, "session"),
                        [(at(meeting), MARIA, first), (at(meeting, 18), MARIA, second)])
    result = collect(cli, export)
    assert result.exit_code == 0, result.output
    assert "replaced" in result.stdout and "replaces the answer submitted" in result.stdout
    [(_, session)] = sessions(active, PAIR)
    assert session.duration_minutes == 30
    plan = active.load_form(PAIR, ActionPlan)
    assert plan is not None
    assert [a.description for a in plan.actions] == ["Read the audit policy"]
    # and the earlier one, collected again, does not come back
    older = google_csv(tmp_path / "old.csv", titles(cli, "session"),
                       [(at(meeting), MARIA, first)])
    data = json.loads(collect(cli, older, "--json").stdout)
    assert data["filed"] == 0 and data["rows"][0]["action"] in {"older", "already filed"}
    assert sessions(active, PAIR)[0][1].duration_minutes == 30


def test_a_corrected_session_answer_keeps_what_was_recorded_on_its_actions(
    cli: CLI, active: ProgramFolder, tmp_path: Path
) -> None:
    meeting, agreed = days(-10), "Actions agreed before the next meeting"
    first = session_row(cli, meeting, **{agreed: "\n".join([
        f"Read the QC SOP by {us(days(3))}", f"Shadow the charge nurse by {us(days(5))}",
        f"Book the audit course by {us(days(6))}"])})
    export = google_csv(tmp_path / "s.csv", titles(cli, "session"), [(at(meeting), MARIA, first)])
    assert collect(cli, export).exit_code == 0
    for done in ("a1", "a2"):
        marked = cli("action-plan", PAIR, "--done", f"{done}={days(-2)}", "--no-interactive")
        assert marked.exit_code == 0, marked.output
    # corrected: a longer meeting, a1 reworded with a new date, a2 and a3 no longer agreed
    second = session_row(cli, meeting, **{"How long did you meet?": "50 min", agreed: "\n".join([
        f"Read the QC SOP and sign it by {us(days(4))}",
        f"Ask about night shifts by {us(days(7))}"])})
    export = google_csv(tmp_path / "s2.csv", titles(cli, "session"),
                        [(at(meeting, 18), MARIA, second)])
    result = collect(cli, export)
    assert result.exit_code == 0, result.output
    assert "kept in the action plan for what was recorded on them since: a2 (done)" in (
        " ".join(result.stdout.split()))
    plan = active.load_form(PAIR, ActionPlan)
    assert plan is not None
    assert [(a.id, a.description, a.date, a.status.value, a.done_date) for a in plan.actions] == [
        ("a1", "Read the QC SOP and sign it", days(4), "done", days(-2)),
        ("a2", "Shadow the charge nurse", days(5), "done", days(-2)),
        ("a4", "Ask about night shifts", days(7), "planned", None)]
    [(_, session)] = sessions(active, PAIR)
    assert session.duration_minutes == 50


def test_a_corrected_goals_answer_keeps_each_goals_id_status_and_progress(
    cli: CLI, active: ProgramFolder, tmp_path: Path
) -> None:
    goals = titles(cli, "goals")
    def answer(*statements: str) -> list[str]:
        given = dict(zip(["Goal 1", "Goal 2", "Goal 3"], statements, strict=False))
        return [given.get(t, "") for t in goals]

    first = answer("Run a Code Blue debrief", "Pass the CCRN exam", "Chair a meeting")
    export = google_csv(tmp_path / "g.csv", goals, [(at(days(-3)), MARIA, first)])
    assert collect(cli, export).exit_code == 0
    worked = cli("goals", PAIR, "--status", "g4=in-progress", "--progress", "g4=40",
                 "--no-interactive")
    assert worked.exit_code == 0, worked.output
    # corrected: g4 reworded, g5 (nothing recorded on it) no longer there
    second = answer("Run a Code Blue debrief", "Pass the CCRN exam in spring")
    export = google_csv(tmp_path / "g2.csv", goals, [(at(days(-2)), MARIA, second)])
    result = collect(cli, export)
    assert result.exit_code == 0, result.output
    filed = active.load_form(PAIR, Goals)
    assert filed is not None
    assert [(g.id, g.statement, g.status.value, g.progress) for g in filed.goals[2:]] == [
        ("g3", "Run a Code Blue debrief", "not-started", 0),
        ("g4", "Pass the CCRN exam in spring", "in-progress", 40)]


def test_a_dry_run_syncs_nothing_and_a_large_collect_syncs_once_for_the_batch(
    cli: CLI, active: ProgramFolder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    synced: list[int] = []
    fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd) or fsync(fd))
    meetings = [days(-100 + 2 * n) for n in range(40)]
    export = google_csv(tmp_path / "s.csv", titles(cli, "session"),
                        [(at(day), MARIA, session_row(cli, day)) for day in meetings])
    dry = collect(cli, export, "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert synced == [] and sessions(active, PAIR) == []
    real = collect(cli, export)
    assert real.exit_code == 0, real.output
    assert len(sessions(active, PAIR)) == 40
    # one transaction: its journal, and one barrier for the batch (not eight fsyncs a row)
    assert len(synced) <= 8, len(synced)


def test_the_other_side_does_not_record_the_same_meeting_twice(
    cli: CLI, active: ProgramFolder, tmp_path: Path
) -> None:
    meeting = days(-10)
    export = google_csv(tmp_path / "s.csv", titles(cli, "session"), [
        (at(meeting), MARIA, session_row(cli, meeting)),
        (at(meeting, 11), DAN, session_row(cli, meeting))])
    data = json.loads(collect(cli, export, "--json").stdout)
    assert [r["action"] for r in data["rows"]] == ["filed", "skipped"]
    assert len(sessions(active, PAIR)) == 1


def test_first_session_starts_a_proposed_pair(
    cli: CLI, folder: ProgramFolder, tmp_path: Path
) -> None:
    make_pair(folder, created=days(-20))
    export = google_csv(tmp_path / "s.csv", titles(cli, "session"),
                        [(at(days(-3)), MARIA, session_row(cli, days(-3)))])
    result = collect(cli, export)
    assert result.exit_code == 0, result.output
    assert folder.load_relationship(PAIR).status is RelationshipStatus.ACTIVE
    assert session_meeting(folder) == "first"


def session_meeting(folder: ProgramFolder) -> str:
    return sessions(folder, PAIR)[0][1].meeting.value


# -- bad rows ----------------------------------------------------------------------------
BAD_CASES = [
    ({"email": "nobody@example.org"}, "no participant has this email"),
    ({"Date of the meeting": "someday"}, "'Date of the meeting'"),
    ({"Date of the meeting": ""}, "'Date of the meeting': required"),
    ({"How long did you meet?": "a while"}, "'How long did you meet?'"),
    ({"How did you meet?": "Carrier pigeon"}, "'How did you meet?'"),
    ({"Goal 3: where is it now?": "In progress"}, "g3"),  # the pair has no goal 3
    ({"Date of the meeting": "DAY-200"}, "before the relationship began"),
    ({"Date of your next meeting": "DAY-20"}, "next_meeting"),
    ({"Actions agreed before the next meeting": "Read the policy"}, "give the date"),
]


@pytest.mark.parametrize(("change", "reason"), BAD_CASES)
def test_each_bad_row_is_named_and_nothing_is_written(
    cli: CLI, active: ProgramFolder, tmp_path: Path, change: dict[str, str], reason: str
) -> None:
    email = change.pop("email", MARIA)
    for key, value in change.items():
        if value.startswith("DAY"):
            change[key] = us(days(int(value[3:])))
    good = session_row(cli, days(-30))
    bad = session_row(cli, days(-10), **change)
    export = google_csv(tmp_path / "s.csv", titles(cli, "session"),
                        [(at(days(-30)), MARIA, good), (at(days(-10)), email, bad)])
    result = collect(cli, export)
    assert result.exit_code == ExitCode.INVALID, result.output
    assert "row 3" in result.stderr and reason in result.stderr, result.stderr
    assert "Traceback" not in result.output
    assert sessions(active, PAIR) == []  # the good row waits for the bad one
    skipped = collect(cli, export, "--skip-bad", "--json")
    assert skipped.exit_code == 0, skipped.output
    assert json.loads(skipped.stdout)["bad"] == 1
    assert [s.date for _, s in sessions(active, PAIR)] == [days(-30)]


def test_closed_pair_takes_no_more_sessions(
    cli: CLI, folder: ProgramFolder, tmp_path: Path
) -> None:
    make_pair(folder, created=days(-200), status=RelationshipStatus.ACTIVE, started=days(-190))
    rel = folder.load_relationship(PAIR)
    folder.save_relationship(Relationship.model_validate(
        rel.model_dump() | {"status": "completed", "ended": days(-5)}))
    export = google_csv(tmp_path / "s.csv", titles(cli, "session"),
                        [(at(days(-10)), MARIA, session_row(cli, days(-10)))])
    result = collect(cli, export)
    assert result.exit_code == ExitCode.INVALID
    assert "in no open relationship" in result.stderr


def test_several_pairs_need_the_partner_question(
    cli: CLI, active: ProgramFolder, tmp_path: Path
) -> None:
    make_person(active, "Sam Reed", role="mentee")
    active.save_relationship(Relationship(mentor="dan-ortiz", mentee="sam-reed",
                                          created=days(-130), status=RelationshipStatus.ACTIVE,
                                          started=days(-120)))
    row = session_row(cli, days(-10))
    export = google_csv(tmp_path / "s.csv", titles(cli, "session"), [(at(days(-10)), DAN, row)])
    result = collect(cli, export)
    assert result.exit_code == ExitCode.INVALID
    assert "2 relationships" in result.stderr and "Sam Reed" in result.stderr
    row[0] = "sam reed"  # the partner question, as typed
    export = google_csv(tmp_path / "s.csv", titles(cli, "session"), [(at(days(-10)), DAN, row)])
    result = collect(cli, export)
    assert result.exit_code == 0, result.output
    assert sessions(active, "dan-ortiz--sam-reed") and not sessions(active, PAIR)


def test_ambiguous_dates_need_the_date_order(
    cli: CLI, active: ProgramFolder, tmp_path: Path
) -> None:
    # a day that reads two ways (3/4 is 4 March or 3 April)
    meeting = next(days(-n) for n in range(10, 60) if days(-n).day <= 12
                   and days(-n).day != days(-n).month)
    row = session_row(cli, meeting)
    export = google_csv(tmp_path / "s.csv", titles(cli, "session"), [(at(meeting), MARIA, row)])
    result = collect(cli, export, order=False)
    assert result.exit_code == ExitCode.INVALID and "--date-order" in result.stderr
    assert collect(cli, export).exit_code == 0
    assert sessions(active, PAIR)[0][1].date == meeting
