"""`mentorkit collect` reading Forms exports as they come: edited answers and exports
collected out of order, blank required answers, times that read two ways, columns titled
alike, and refusals worded for an export (its rows and columns, not a command's options)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mentorkit.errors import ExitCode
from mentorkit.models.checkin import CheckIn
from mentorkit.models.toolkit import Evaluation, Goal, Goals
from mentorkit.store.folder import ProgramFolder
from mentorkit.vocab import RelationshipStatus
from tests.collection_support import microsoft_text_xlsx, sessions, us
from tests.toolkit_support import PAIR, days, make_pair

CLI = Callable[..., Any]
MARIA, DAN = "maria-lopez@example.org", "dan-ortiz@example.org"


def titles(cli: CLI, form: str) -> list[str]:
    result = cli("forms", "questions", form, "--json")
    return [q["title"] for q in json.loads(result.stdout)["questions"]]


def row(cli: CLI, form: str, answers: dict[str, str]) -> list[str]:
    return [answers.get(t, "") for t in titles(cli, form)]


def at(day: dt.date, time: str = "9:14:03") -> str:
    """A completion time as a US-locale Microsoft Forms export writes it."""
    return f"{us(day)} {time}"


def check_in(cli: CLI, **answers: str) -> list[str]:
    return row(cli, "check-in", {
        "Are you meeting as agreed?": "Yes, as agreed",
        "How well is your mentoring relationship working?": "4",
        "How much progress are you making toward your goals?": "4",
        "Would you like the program coordinator to get in touch?": "No"} | answers)


def collect(cli: CLI, path: Path, *args: str) -> Any:
    return cli("collect", str(path), "--date-order", "month-first", *args)


@pytest.fixture
def active(folder: ProgramFolder) -> ProgramFolder:
    make_pair(folder, created=days(-130), status=RelationshipStatus.ACTIVE, started=days(-120))
    folder.save_form(PAIR, Goals(kind="goals", goals=[
        Goal(id="g1", statement="Lead a safety huddle")]))
    return folder


def filed_check_in(folder: ProgramFolder) -> CheckIn:
    [path] = folder.check_in_paths(PAIR)
    found = folder.load_check_in(PAIR, path.name)
    assert found is not None
    return found


# -- edited answers ------------------------------------------------------------------------
def test_an_older_export_does_not_undo_an_edited_answer(
    cli: CLI, active: ProgramFolder, tmp_path: Path
) -> None:
    """Export A, then export B made after Maria edited her answer (same completion time,
    a Last modified time), then A again: her edit stands."""
    done = at(days(-3))
    a = microsoft_text_xlsx(tmp_path / "a.xlsx", titles(cli, "check-in"),
                            [(done, MARIA, check_in(cli))])
    b = microsoft_text_xlsx(tmp_path / "b.xlsx", titles(cli, "check-in"), [(done, MARIA, check_in(
        cli, **{"How well is your mentoring relationship working?": "1",
                "Would you like the program coordinator to get in touch?": "Yes"}))],
        modified=[at(days(-1), "16:00:00")])
    actions = []
    for export in (a, b, a, b):
        result = collect(cli, export, "--json")
        assert result.exit_code == 0, result.output
        actions.append(json.loads(result.stdout)["rows"][0]["action"])
    assert actions == ["filed", "replaced", "older", "already filed"]
    filed = filed_check_in(active)
    assert (filed.relationship, filed.contact_me, filed.date) == (1, True, days(-1))


def test_an_answer_with_the_same_time_is_the_same_answer(
    cli: CLI, active: ProgramFolder, tmp_path: Path
) -> None:
    """An export without Last modified time: the same completion time is the answer filed,
    not a newer one."""
    done = at(days(-3))
    first = microsoft_text_xlsx(tmp_path / "1.xlsx", titles(cli, "check-in"),
                                [(done, MARIA, check_in(cli))])
    rated_2 = check_in(cli, **{"How well is your mentoring relationship working?": "2"})
    other = microsoft_text_xlsx(tmp_path / "2.xlsx", titles(cli, "check-in"),
                                [(done, MARIA, rated_2)])
    assert collect(cli, first).exit_code == 0
    result = collect(cli, other, "--json")
    assert result.exit_code == 0, result.output
    [again] = json.loads(result.stdout)["rows"]
    assert again["action"] == "already filed" and "same time" in again["notes"][0]
    assert filed_check_in(active).relationship == 4


# -- blank required answers ----------------------------------------------------------------
def evaluation(cli: CLI) -> dict[str, str]:
    return {t: "4" for t in titles(cli, "evaluation")[1:8]} | {
        "How likely are you to recommend the program to a colleague?": "9"}


@pytest.mark.parametrize(("form", "blank"), [
    ("session", "How did you meet?"),
    ("evaluation", "We met regularly"),
    ("check-in", "Are you meeting as agreed?"),
])
def test_a_blank_required_answer_is_refused_naming_its_row_and_column(
    cli: CLI, active: ProgramFolder, tmp_path: Path, form: str, blank: str
) -> None:
    answers = {
        "session": {"Date of the meeting": us(days(-4)), "How did you meet?": "Video call"},
        "evaluation": evaluation(cli),
        "check-in": dict(zip(titles(cli, "check-in"), check_in(cli), strict=True)),
    }[form]
    assert blank in answers
    export = microsoft_text_xlsx(tmp_path / "e.xlsx", titles(cli, form),
                                 [(at(days(-3)), MARIA, row(cli, form, answers | {blank: ""}))])
    result = collect(cli, export)
    assert result.exit_code == ExitCode.INVALID, result.output
    assert f"row 2: column {blank!r}: required, but left empty" in result.stderr
    assert not sessions(active, PAIR) and not active.check_in_paths(PAIR)
    assert active.load_form(PAIR, Evaluation, "evaluation-mentee.yaml") is None


# -- dates ----------------------------------------------------------------------------------
def test_a_check_in_answered_after_today_is_refused(
    cli: CLI, active: ProgramFolder, tmp_path: Path
) -> None:
    export = microsoft_text_xlsx(tmp_path / "c.xlsx", titles(cli, "check-in"),
                                 [(at(days(22)), MARIA, check_in(cli))])
    result = collect(cli, export)
    assert result.exit_code == ExitCode.INVALID, result.output
    assert "row 2: column 'Completion time': answered" in result.stderr
    assert "after today" in result.stderr
    assert not active.check_in_paths(PAIR)


def day_first(day: dt.date) -> str:
    return f"{day.day}/{day.month}/{day.year} 14:02:11"


def test_completion_times_that_read_two_ways_need_the_date_order(
    cli: CLI, active: ProgramFolder, tmp_path: Path
) -> None:
    """A UK export: 2/11 could be 2 November or 11 February. Nothing in the column says
    which, so it is refused; a day over 12 anywhere in the column says."""
    two_ways = [d for d in (days(-n) for n in range(1, 100)) if d.day <= 12 and d.day != d.month]
    one_way = next(d for d in (days(-n) for n in range(1, 40)) if d.day > 12)
    rows = [(day_first(two_ways[0]), MARIA, check_in(cli)),
            (day_first(two_ways[0]), DAN, check_in(cli))]
    export = microsoft_text_xlsx(tmp_path / "uk.xlsx", titles(cli, "check-in"), rows)
    result = cli("collect", str(export))
    assert result.exit_code == ExitCode.INVALID, result.output
    assert "row 2: column 'Completion time'" in result.stderr and "--date-order" in result.stderr
    assert not active.check_in_paths(PAIR)
    rows[1] = (day_first(one_way), DAN, check_in(cli))
    export = microsoft_text_xlsx(tmp_path / "uk.xlsx", titles(cli, "check-in"), rows)
    result = cli("collect", str(export))
    assert result.exit_code == 0, result.output
    answered = {c.respondent.value: c.date for c in (
        active.load_check_in(PAIR, p.name) for p in active.check_in_paths(PAIR)) if c}
    assert answered == {"mentee": two_ways[0], "mentor": one_way}


# -- columns titled alike --------------------------------------------------------------------
def test_columns_titled_alike_are_told_apart_by_number(
    cli: CLI, active: ProgramFolder, tmp_path: Path
) -> None:
    """A question titled "Email" beside Microsoft's own Email column."""
    export = microsoft_text_xlsx(tmp_path / "c.xlsx", ["Email", *titles(cli, "check-in")],
                                 [(at(days(-3)), MARIA, ["me@home.example", *check_in(cli)])])
    result = collect(cli, export)
    assert result.exit_code == ExitCode.INVALID
    assert "--column 'Email#2=ignore'" in result.stderr
    result = collect(cli, export, "--column", "Email#2=ignore", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["filed"] == 1 and "Email#2" in data["ignored_columns"]


# -- refusals in the export's words ----------------------------------------------------------
@pytest.mark.parametrize(("answers", "said", "unsaid"), [
    ({"Date of the meeting": "DAY21"},
     "row 2: column 'Date of the meeting': ", "--next"),
    ({"Goal 4: where is it now?": "In progress"},
     "row 2: column 'Goal 4: where is it now?': there is no goal g4", "progress.0"),
])
def test_a_refused_session_names_its_column_and_an_exports_remedy(
    cli: CLI, active: ProgramFolder, tmp_path: Path, answers: dict[str, str], said: str,
    unsaid: str
) -> None:
    answers = {k: us(days(int(v[3:]))) if v.startswith("DAY") else v for k, v in answers.items()}
    export = microsoft_text_xlsx(tmp_path / "s.xlsx", titles(cli, "session"), [
        (at(days(-3)), MARIA, row(cli, "session", {
            "Date of the meeting": us(days(-4)), "How did you meet?": "Video call"} | answers))])
    result = collect(cli, export)
    assert result.exit_code == ExitCode.INVALID, result.output
    assert said in result.stderr and unsaid not in result.stderr, result.stderr
    if "goal" in said:
        assert "set the goals first, or correct the answer in the export" in result.stderr


def test_an_evaluation_about_a_goal_not_set_names_its_column(
    cli: CLI, active: ProgramFolder, tmp_path: Path
) -> None:
    export = microsoft_text_xlsx(tmp_path / "e.xlsx", titles(cli, "evaluation"), [
        (at(days(-3)), MARIA, row(cli, "evaluation", evaluation(cli) | {
            "Goal 4: was it achieved?": "Yes"}))])
    result = collect(cli, export)
    assert result.exit_code == ExitCode.INVALID, result.output
    assert ("row 2: column 'Goal 4: was it achieved?': there is no goal g4"
            in result.stderr), result.stderr
    assert "set the goals first, or correct the answer in the export" in result.stderr
    assert active.load_form(PAIR, Evaluation, "evaluation-mentee.yaml") is None


def test_a_csv_named_xlsx_is_made_again_not_mended(
    cli: CLI, active: ProgramFolder, tmp_path: Path
) -> None:
    export = tmp_path / "answers.xlsx"
    export.write_text('"Timestamp","Email Address"\n"2026/12/01 9:14:03 AM GMT-5","a@b.org"\n')
    result = collect(cli, export)
    assert result.exit_code == ExitCode.INVALID
    assert "not a readable XLSX workbook" in result.stderr
    assert "by hand" not in result.stderr and "named .csv" in result.stderr
