"""From `forms questions` to `report` and `due`: a Microsoft Forms XLSX of check-ins, an
evaluation, and the needs-analysis and goals forms, collected as a coordinator would."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mentorkit.errors import ExitCode
from mentorkit.models.checkin import CheckIn
from mentorkit.models.relationship import Relationship
from mentorkit.models.toolkit import Evaluation, Goal, Goals, NeedsAnalysis
from mentorkit.services.collection.schedule import occasion_for, occasions
from mentorkit.store.folder import ProgramFolder
from mentorkit.vocab import Cadence, RelationshipStatus
from tests.collection_support import google_csv, microsoft_xlsx, us
from tests.conftest import make_person
from tests.toolkit_support import PAIR, days, make_pair

CLI = Callable[..., Any]
MARIA, DAN = "maria-lopez@example.org", "dan-ortiz@example.org"


def questions(cli: CLI, form: str) -> list[dict[str, Any]]:
    result = cli("forms", "questions", form, "--json")
    assert result.exit_code == 0, result.output
    return list(json.loads(result.stdout)["questions"])


def answers_for(cli: CLI, form: str, given: dict[str, Any]) -> tuple[list[str], list[Any]]:
    """Column titles as the form was built (word for word) and one row's answers."""
    titles = [q["title"] for q in questions(cli, form)]
    return titles, [given.get(t, "") for t in titles]


def at(day: dt.date, hour: int = 8) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 5, 0))


@pytest.fixture
def pair(folder: ProgramFolder) -> ProgramFolder:
    make_pair(folder, created=days(-130), status=RelationshipStatus.ACTIVE, started=days(-120))
    return folder


def test_default_schedule_is_30_days_then_every_60(pair: ProgramFolder) -> None:
    program, rel = pair.load_program(), pair.load_relationship(PAIR)
    dates = occasions(program, rel)
    start = days(-120)
    assert dates[:3] == [start + dt.timedelta(days=n) for n in (30, 90, 150)]
    assert occasion_for(program, rel, start + dt.timedelta(days=80)) == dates[1]  # 10 days early
    assert occasion_for(program, rel, start + dt.timedelta(days=60)) == dates[0]


def test_journey_microsoft_check_ins_to_report_and_due(
    cli: CLI, pair: ProgramFolder, tmp_path: Path
) -> None:
    # the coordinator builds the check-in form word for word from `forms questions`
    titles, maria = answers_for(cli, "check-in", {
        "Are you meeting as agreed?": "Yes, as agreed",
        "How well is your mentoring relationship working?": 4,
        "How much progress are you making toward your goals?": 4,
        "Would you like the program coordinator to get in touch?": "No"})
    _, dan = answers_for(cli, "check-in", {
        "Are you meeting as agreed?": "We are not meeting",
        "How well is your mentoring relationship working?": 2,
        "How much progress are you making toward your goals?": 3,
        "Would you like the program coordinator to get in touch?": "Yes",
        "Anything the program coordinator should know?": "Shifts clash every week"})
    export = microsoft_xlsx(tmp_path / "Mentoring check-in(1-2).xlsx", titles, [
        (at(days(-88)), MARIA, "Maria Lopez", maria),
        (at(days(-85)), DAN, "Dan Ortiz", dan),
    ])
    result = cli("collect", str(export), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["source_kind"], data["form"], data["filed"]) == ("Microsoft Forms", "check-in", 2)
    due_date = days(-120) + dt.timedelta(days=30)
    answers = pair.load_check_ins(PAIR)
    assert [(name, c.respondent.value, c.due) for name, c in answers] == [
        (f"{due_date}-mentee.yaml", "mentee", due_date),
        (f"{due_date}-mentor.yaml", "mentor", due_date)]
    # the report's figures: 2 of the 4 answers due so far (check-ins at day 30 and 90)
    report = json.loads(cli("report", "--json").stdout)
    health = report["health"]
    assert (health["expected"], health["received"], health["response_rate"]) == (4, 2, 0.5)
    assert health["rounds"] == [{"round": 1, "days_after_start": 30, "responses": 2,
                                 "meeting_as_agreed": 0.5, "relationship_mean": 3,
                                 "progress_mean": 3.5}]
    assert health["pairs_flagged"] == [PAIR]
    row = next(r for r in report["engagement"]["pairs"] if r["pair"] == PAIR)
    assert row["check_ins"] == 2 and "not meeting" in row["check_in_flags"]
    # every format shows relationship health; none shows the note to the coordinator
    for fmt in ("markdown", "html", "csv"):
        out = tmp_path / f"report.{fmt}"
        assert cli("report", "--format", fmt, "--out", str(out)).exit_code == 0
        text = out.read_text()
        assert "Shifts clash" not in text
        assert ("check_in_flags" if fmt == "csv" else "Relationship health") in text
    assert "Relationship health" in cli("report").stdout
    # `due`: the day-90 check-in is due from both; the pair needs the coordinator
    due = json.loads(cli("due", "--json").stdout)
    assert [(c["due"], c["missing"], c["state"]) for c in due["check_ins"]] == [
        ((days(-120) + dt.timedelta(days=90)).isoformat(), ["mentor", "mentee"], "due")]
    [flag] = due["needs_coordinator"]
    assert flag["respondent"] == "mentor"
    assert flag["reasons"] == ["not meeting", "relationship 2/5", "asked to be contacted",
                               "left a note for the coordinator"]
    assert "Shifts clash" not in json.dumps(due)
    assert cli("due", "--fail-if-overdue").exit_code == ExitCode.PROBLEMS_FOUND
    human = cli("due").stdout
    assert "Check-ins due or missing" in human and "Pairs to get in touch with" in human


def test_microsoft_checkboxes_and_needs_analysis(
    cli: CLI, pair: ProgramFolder, tmp_path: Path
) -> None:
    titles, row = answers_for(cli, "needs-analysis", {
        "What does the mentee most want to accomplish?": "Lead the unit's safety huddles",
        "The mentee's main interests and skills": "Quality improvement\nTeaching",
        "How often will you meet?": "Monthly",
        "How long will each meeting be?": "1 hour",
        "How will you keep in touch between meetings?": "Email;Teams or video call;",
        "Have you agreed that what you discuss stays between you?": "Yes"})
    export = microsoft_xlsx(tmp_path / "needs.xlsx", titles,
                            [(at(days(-110)), MARIA, "Maria Lopez", row)])
    result = cli("collect", str(export))
    assert result.exit_code == 0, result.output
    needs = pair.load_form(PAIR, NeedsAnalysis)
    assert needs is not None
    assert needs.meeting_cadence is Cadence.MONTHLY and needs.meeting_minutes == 60
    assert needs.communication == ["Email", "Teams or video call"]
    assert needs.interests_and_skills == ["Quality improvement", "Teaching"]
    assert needs.confidentiality_agreed is True


def test_google_goals_form_obeys_five_goals_at_most(
    cli: CLI, pair: ProgramFolder, tmp_path: Path
) -> None:
    pair.save_form(PAIR, Goals(kind="goals", goals=[
        Goal(id=f"g{n}", statement=f"Goal {n}") for n in range(1, 4)]))
    titles, row = answers_for(cli, "goals", {
        "Goal 1": "Run a huddle", "Goal 1: target date": us(days(40)),
        "Goal 2": "Finish the audit course", "Goal 3": "Present at grand rounds"})
    export = google_csv(tmp_path / "goals.csv", titles, [(at(days(-100)), MARIA, row)])
    result = cli("collect", str(export), "--date-order", "month-first")
    assert result.exit_code == ExitCode.INVALID
    assert "row 2" in result.stderr and "at most 5" in result.stderr
    pair.save_form(PAIR, Goals(kind="goals", goals=[Goal(id="g1", statement="Goal 1")]))
    result = cli("collect", str(export), "--date-order", "month-first")
    assert result.exit_code == 0, result.output
    goals = pair.load_form(PAIR, Goals)
    assert goals is not None
    assert [(g.id, g.statement, g.target_date) for g in goals.goals] == [
        ("g1", "Goal 1", None), ("g2", "Run a huddle", days(40)),
        ("g3", "Finish the audit course", None), ("g4", "Present at grand rounds", None)]


def test_evaluation_of_a_closed_pair_each_side_separately(
    cli: CLI, folder: ProgramFolder, tmp_path: Path
) -> None:
    make_pair(folder, created=days(-200), status=RelationshipStatus.ACTIVE, started=days(-190))
    folder.save_form(PAIR, Goals(kind="goals", goals=[Goal(id="g1", statement="Run a huddle")]))
    rel = folder.load_relationship(PAIR)
    folder.save_relationship(Relationship.model_validate(
        rel.model_dump() | {"status": "completed", "ended": days(-3)}))
    ratings = {q["title"]: 5 for q in questions(cli, "evaluation") if q["type"] == "rating"}
    titles, mentee = answers_for(cli, "evaluation", ratings | {
        "How likely are you to recommend the program to a colleague?": 9,
        "Goal 1: was it achieved?": "Partly",
        "Will you keep in touch as professional partners?": "Yes"})
    _, mentor = answers_for(cli, "evaluation", ratings | {
        "How likely are you to recommend the program to a colleague?": 10})
    export = google_csv(tmp_path / "eval.csv", titles, [
        (at(days(-2)), MARIA, [str(c) for c in mentee]),
        (at(days(-1)), DAN, [str(c) for c in mentor])])
    result = cli("collect", str(export))
    assert result.exit_code == 0, result.output
    mine = folder.load_form(PAIR, Evaluation, "evaluation-mentee.yaml")
    theirs = folder.load_form(PAIR, Evaluation, "evaluation-mentor.yaml")
    assert mine is not None and theirs is not None
    assert (mine.recommend, theirs.recommend) == (9, 10)
    assert [(g.goal, g.statement, g.achieved.value) for g in mine.goals] == [
        ("g1", "Run a huddle", "partly")]
    assert mine.continue_partnership is True and mine.relationship.grew == 5


@pytest.mark.parametrize(("typed_on", "action"), [(-5, "replaced"), (-1, "older")])
def test_an_evaluation_typed_in_is_replaced_by_a_later_form_answer_and_says_so(
    cli: CLI, pair: ProgramFolder, tmp_path: Path, typed_on: int, action: str
) -> None:
    """Maria's evaluation, typed in with `evaluate`, then her Forms answer of days(-2): the
    later of the two is her evaluation (never the two merged, but for her private comments,
    which the form did not ask), as for a resubmitted form; the row says what happened to
    the file on record."""
    typed = cli("evaluate", PAIR, "--as", "mentee", "--date", days(typed_on).isoformat(),
                "--recommend", "3", "--comments", "typed in from paper")
    assert typed.exit_code == 0, typed.output
    ratings = {q["title"]: 4 for q in questions(cli, "evaluation") if q["type"] == "rating"}
    titles, row = answers_for(cli, "evaluation", ratings | {
        "How likely are you to recommend the program to a colleague?": 9})
    export = google_csv(tmp_path / "eval.csv", titles,
                        [(at(days(-2)), MARIA, [str(c) for c in row])])
    result = cli("collect", str(export), "--json")
    assert result.exit_code == 0, result.output
    [filed] = json.loads(result.stdout)["rows"]
    assert filed["action"] == action
    assert "evaluation-mentee.yaml" in filed["notes"][0]
    mine = pair.load_form(PAIR, Evaluation, "evaluation-mentee.yaml")
    assert mine is not None
    assert (mine.recommend, mine.comments) == (
        9 if action == "replaced" else 3, "typed in from paper")
    text = cli("collect", str(export), "--dry-run")
    assert "evaluation-mentee.yaml" in text.stdout


def test_form_option_and_column_map(cli: CLI, pair: ProgramFolder, tmp_path: Path) -> None:
    """A form built in other words: --form says which, --column maps the questions."""
    export = google_csv(tmp_path / "pulse.csv", ["Meeting?", "Relationship", "Goals", "Call me?"],
                        [(at(days(-88)), MARIA, ["Less often", "3", "4", "No"])])
    result = cli("collect", str(export))
    assert result.exit_code == ExitCode.INVALID and "--form" in result.stderr
    maps = ["--column", "Meeting?=meeting_as_agreed", "--column", "Relationship=relationship",
            "--column", "Goals=progress", "--column", "Call me?=contact_me"]
    result = cli("collect", str(export), "--form", "check-in", *maps)
    assert result.exit_code == 0, result.output
    [(_, answer)] = pair.load_check_ins(PAIR)
    assert isinstance(answer, CheckIn)
    assert (answer.meeting_as_agreed.value, answer.relationship, answer.progress,
            answer.contact_me) == ("less-often", 3, 4, False)
    bad = cli("collect", str(export), "--form", "check-in", "--column", "Meeting?=meeting")
    assert bad.exit_code == ExitCode.INVALID and "no question key" in bad.stderr


def test_check_in_before_a_pair_starts_is_a_bad_row(
    cli: CLI, folder: ProgramFolder, tmp_path: Path
) -> None:
    make_pair(folder, created=days(-10))
    make_person(folder, "Lee Park", role="mentee")
    titles, row = answers_for(cli, "check-in", {
        "Are you meeting as agreed?": "Yes", "How well is your mentoring relationship working?":
        "5", "How much progress are you making toward your goals?": "5",
        "Would you like the program coordinator to get in touch?": "No"})
    export = google_csv(tmp_path / "c.csv", titles, [(at(days(-1)), MARIA, row),
                                                     (at(days(-1)), "lee-park@example.org", row)])
    result = cli("collect", str(export))
    assert result.exit_code == ExitCode.INVALID
    assert "row 2" in result.stderr and "has no check-ins: it has not started" in result.stderr
    assert "row 3" in result.stderr and "in no open relationship" in result.stderr
