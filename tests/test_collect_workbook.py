"""A pair's workbook: written with openpyxl, filled in as the pair would, collected back."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import make_person
from openpyxl import load_workbook

from mentorkit.errors import ExitCode
from mentorkit.models.relationship import Relationship
from mentorkit.models.toolkit import Action, ActionPlan, Evaluation, Goal, Goals
from mentorkit.store.folder import ProgramFolder
from mentorkit.vocab import RelationshipStatus
from tests.collection_support import sessions
from tests.toolkit_support import PAIR, days, make_pair

CLI = Callable[..., Any]
SECRET = "MARKER-our-own-notes-7f3a"


@pytest.fixture
def book(folder: ProgramFolder, cli: CLI, tmp_path: Path) -> Path:
    make_pair(folder, created=days(-130), status=RelationshipStatus.ACTIVE, started=days(-120))
    folder.save_form(PAIR, Goals(kind="goals", goals=[
        Goal(id="g1", statement="Lead a safety huddle", measure="runs one alone"),
        Goal(id="g2", statement="Learn the audit process")]))
    folder.save_form(PAIR, ActionPlan(kind="action-plan", actions=[
        Action(id="a1", goal="g1", description="Watch two huddles", date=days(-100))]))
    out = tmp_path / "dan-and-maria.xlsx"
    result = cli("forms", "workbook", PAIR, "--out", str(out))
    assert result.exit_code == 0, result.output
    return out


def column(sheet: Any, title: str) -> int:
    return next(c.column for c in sheet[1] if c.value == title)


def test_workbook_is_prefilled_with_drop_downs_and_guidance(book: Path) -> None:
    wb = load_workbook(book)
    assert wb.sheetnames[:7] == ["Start here", "Goals", "Actions", "Lists", "Sessions",
                                 "Check-ins", "Evaluation"]
    assert "Our notes" in wb.sheetnames
    assert wb["mentorkit"].sheet_state == "hidden" and wb["mentorkit"]["B1"].value == PAIR
    assert "mentorkit never reads" in " ".join(str(c.value) for c in wb["Start here"]["A"])
    goals = [[c.value for c in row] for row in wb["Goals"].iter_rows(min_row=2)]
    assert [g[:3] for g in goals] == [["g1", "Lead a safety huddle", "runs one alone"],
                                      ["g2", "Learn the audit process", None]]
    assert [c.value for c in wb["Actions"][2]][:3] == ["a1", "g1", "Watch two huddles"]
    sessions = wb["Sessions"]
    validated = {str(r) for v in sessions.data_validations.dataValidation for r in v.sqref.ranges
                 if v.type == "list"}
    for title in ("Filled in by", "How did you meet?", "Which meeting was this?",
                  "Goal 1: where is it now?"):
        letter = sessions.cell(row=1, column=column(sessions, title)).column_letter
        assert any(r.startswith(f"{letter}2:") for r in validated), title
    checkins = wb["Check-ins"]
    lists = {v.formula1 for v in checkins.data_validations.dataValidation if v.type == "list"}
    choices = {tuple(c.value for c in col if c.value) for col in wb["Lists"].iter_cols()}
    assert ("Yes, as agreed", "Less often than agreed", "We are not meeting") in choices
    assert len(lists) >= 4  # side, meeting as agreed, two ratings, contact


def fill(book: Path, meeting: dt.date) -> None:
    wb = load_workbook(book)
    s = wb["Sessions"]
    row = {"Filled in by": "Mentee", "Date of the meeting": meeting,
           "How long did you meet?": "45 min", "How did you meet?": "In person",
           "Goal 2: where is it now?": "In progress",
           "Actions agreed before the next meeting": f"Book the audit course by {days(9)}"}
    for title, value in row.items():
        s.cell(row=2, column=column(s, title), value=value)
    c = wb["Check-ins"]
    answer = {"Filled in by": "Mentor", "Date answered": days(-89),
              "Are you meeting as agreed?": "Yes, as agreed",
              "How well is your mentoring relationship working?": 5,
              "How much progress are you making toward your goals?": 4,
              "Would you like the program coordinator to get in touch?": "No"}
    for title, value in answer.items():
        c.cell(row=2, column=column(c, title), value=value)
    wb["Our notes"]["A2"] = SECRET
    wb.save(book)


def cells_of(sheet: Any, row: int) -> list[tuple[Any, str]]:
    return [(c.value, c.number_format) for c in sheet[row]]


def put_row(sheet: Any, row: int, cells: list[tuple[Any, str]], *, with_id: bool = True) -> None:
    """A row as Excel copies or sorts it: values and date formats, its Row id too unless
    not `with_id` (openpyxl's `cell(..., value=None)` would leave a cell as it was)."""
    for i, (value, shown) in enumerate(cells, 1):
        if i > 1 or with_id:
            cell = sheet.cell(row=row, column=i)
            cell.value, cell.number_format = value, shown


def collected(book: Path, cli: CLI) -> Any:
    """The workbook filled in (`fill`) and collected once, open for the next change."""
    fill(book, days(-20))
    assert cli("collect", str(book)).exit_code == 0
    return load_workbook(book)


def test_round_trip_files_what_is_new_and_nothing_twice(
    book: Path, cli: CLI, folder: ProgramFolder
) -> None:
    fill(book, days(-20))
    result = cli("collect", str(book), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["source_kind"], data["filed"]) == ("workbook", 2)
    [(_, session)] = sessions(folder, PAIR)
    assert (session.date, session.duration_minutes, session.mode.value) == (
        days(-20), 45, "in-person")
    assert [(p.goal, p.status.value) for p in session.progress] == [("g2", "in-progress")]
    [(_, answer)] = folder.load_check_ins(PAIR)
    assert (answer.respondent.value, answer.relationship) == ("mentor", 5)
    again = json.loads(cli("collect", str(book), "--json").stdout)
    assert (again["filed"], again["already_filed"]) == (0, 2)
    # a corrected row replaces what it filed
    wb = load_workbook(book)
    wb["Sessions"].cell(row=2, column=column(wb["Sessions"], "How long did you meet?"),
                        value="1 hour")
    wb.save(book)
    third = json.loads(cli("collect", str(book), "--json").stdout)
    assert (third["filed"], third["replaced"]) == (0, 1)
    assert [s.duration_minutes for _, s in sessions(folder, PAIR)] == [60]
    # the notes sheet is never read: its text is nowhere in the program
    for path in folder.root.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path


def test_a_workbook_files_to_its_own_pair_when_both_have_other_pairs(
    book: Path, cli: CLI, folder: ProgramFolder
) -> None:
    """Dan mentors someone else too, and Maria has a second mentor: the workbook names its
    pair, so nobody is asked which relationship a row is about."""
    eve, ray = make_person(folder, "Eve Park"), make_person(folder, "Ray Chu", role="mentor")
    for mentor, mentee in (("dan-ortiz", eve), (ray, "maria-lopez")):
        folder.save_relationship(Relationship(mentor=mentor, mentee=mentee, created=days(-60),
                                              status=RelationshipStatus.ACTIVE,
                                              started=days(-50)))
    fill(book, days(-20))
    result = cli("collect", str(book), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["filed"] == 2
    assert {(r["pair"], r["respondent"]) for r in data["rows"]} == {
        (PAIR, "mentee"), (PAIR, "mentor")}
    assert len(sessions(folder, PAIR)) == 1 and len(folder.load_check_ins(PAIR)) == 1


def test_date_order_reads_an_action_date_typed_as_text(
    book: Path, cli: CLI, folder: ProgramFolder
) -> None:
    fill(book, days(-20))
    wb = load_workbook(book)
    s = wb["Sessions"]
    s.cell(row=2, column=column(s, "Actions agreed before the next meeting"),
           value="Book the audit course by 12/10/2026")
    wb.save(book)
    unsure = cli("collect", str(book))
    assert unsure.exit_code == ExitCode.INVALID and "--date-order" in unsure.stderr
    result = cli("collect", str(book), "--date-order", "month-first")
    assert result.exit_code == 0, result.output
    plan = folder.load_form(PAIR, ActionPlan)
    assert plan is not None
    assert [(a.description, a.date) for a in plan.actions if a.id != "a1"] == [
        ("Book the audit course", dt.date(2026, 12, 10))]


RATING = "How well is your mentoring relationship working?"


@pytest.mark.parametrize(("edits", "said"), [
    ({("Sessions", "Filled in by"): None, ("Check-ins", RATING): 9},
     ["sheet Sessions: row 2: column 'Filled in by'",
      f"sheet Check-ins: row 2: column '{RATING}'"]),
    # the row's date is also when it was answered: named as the sheet names it
    ({("Sessions", "Date of the meeting"): None, ("Check-ins", "Date answered"): None},
     ["sheet Sessions: row 2: column 'Date of the meeting': required, but left empty",
      "sheet Check-ins: row 2: column 'Date answered': required, but left empty"]),
    # a name where the list offers Mentor or Mentee: not taken for an email address
    ({("Sessions", "Filled in by"): "Maria Lopez"},
     ["sheet Sessions: row 2: column 'Filled in by': say who filled it in (Mentor or Mentee)"]),
], ids=["side-and-rating", "blank-dates", "a-name-for-the-side"])
def test_a_bad_workbook_row_names_sheet_row_and_column(
    book: Path, cli: CLI, folder: ProgramFolder, edits: dict[tuple[str, str], Any],
    said: list[str],
) -> None:
    fill(book, days(-20))
    wb = load_workbook(book)
    for (name, title), value in edits.items():
        wb[name].cell(row=2, column=column(wb[name], title)).value = value
    wb.save(book)
    result = cli("collect", str(book))
    assert result.exit_code == ExitCode.INVALID
    for line in said:
        assert line in result.stderr
    assert "Timestamp" not in result.stderr  # no such column in a workbook
    assert sessions(folder, PAIR) == [] and folder.load_check_ins(PAIR) == []


@pytest.mark.parametrize(("change", "said"), [
    ({"rename": ("Sessions", "Session records")},
     ["has no sheet 'Sessions' (renamed or deleted?)",
      "sheet 'Session records' is not one mentorkit files, yet it has rows"]),
    ({"remove": "Check-ins"}, ["has no sheet 'Check-ins'"]),
    ({"add": "Plans"}, ["sheet 'Plans' is not one mentorkit files, yet it has rows"]),
])
def test_a_sheet_renamed_deleted_or_added_is_named_and_nothing_is_filed(
    book: Path, cli: CLI, folder: ProgramFolder, change: dict[str, Any], said: list[str],
) -> None:
    fill(book, days(-20))
    wb = load_workbook(book)
    if "rename" in change:
        old, new = change["rename"]
        wb[old].title = new
    if "remove" in change:
        wb.remove(wb[change["remove"]])
    if "add" in change:
        wb.create_sheet(change["add"])["A1"] = "Next steps"
    wb.create_sheet("Sheet2")  # an empty sheet added is nothing to file: no complaint
    wb.save(book)
    result = cli("collect", str(book))
    assert result.exit_code == ExitCode.INVALID, result.output
    for line in said:
        assert line in result.stderr
    assert "Sheet2" not in result.stderr and "Give the sheets back their names" in result.stderr
    assert sessions(folder, PAIR) == [] and folder.load_check_ins(PAIR) == []


def test_workbook_never_overwrites(book: Path, cli: CLI) -> None:
    result = cli("forms", "workbook", PAIR, "--out", str(book))
    assert result.exit_code == ExitCode.CONFLICT and "never overwrites" in result.stderr


FOR_COORDINATOR = "Anything the program coordinator should know?"


def test_no_question_for_the_coordinator_alone_in_the_shared_workbook(
    folder: ProgramFolder, cli: CLI, tmp_path: Path
) -> None:
    """Both partners fill in the one file: a mentee's note to the coordinator there is
    read by the mentor. The workbook says how to reach the coordinator instead."""
    make_pair(folder, created=days(-130), status=RelationshipStatus.ACTIVE, started=days(-120))
    program = folder.load_program()
    link = "https://forms.example.org/check-in"
    folder.save_program(program.model_copy(update={
        "check_ins": program.check_ins.model_copy(update={"form_link": link})}))
    out = tmp_path / "wb.xlsx"
    assert cli("forms", "workbook", PAIR, "--out", str(out)).exit_code == 0
    wb = load_workbook(out)
    headers = {c.value for name in ("Sessions", "Check-ins", "Evaluation")
               for c in wb[name][1]}
    assert FOR_COORDINATOR not in headers
    guidance = " ".join(str(c.value) for c in wb["Start here"]["A"])
    assert f"only they should read, answer the check-in form ({link})" in guidance


def test_an_older_workbook_with_the_coordinator_question_is_still_filed(
    book: Path, cli: CLI, folder: ProgramFolder
) -> None:
    """Read, not ignored: the note was written for the coordinator, who files it as the
    check-in's; dropping it would lose a message they were promised."""
    fill(book, days(-20))
    wb = load_workbook(book)
    c = wb["Check-ins"]
    last = c.max_column + 1
    c.cell(row=1, column=last, value=FOR_COORDINATOR)
    c.cell(row=2, column=last, value="Please call me")
    wb.save(book)
    result = cli("collect", str(book), "--json")
    assert result.exit_code == 0, result.output
    assert FOR_COORDINATOR not in json.loads(result.stdout)["ignored_columns"]
    [(_, answer)] = folder.load_check_ins(PAIR)
    assert answer.for_coordinator == "Please call me"


def test_the_columns_who_and_when_come_from_are_reported_as_used(
    book: Path, cli: CLI
) -> None:
    fill(book, days(-20))
    data = json.loads(cli("collect", str(book), "--dry-run", "--json").stdout)
    assert data["ignored_columns"] == []
    assert (data["columns"]["Filled in by"], data["columns"]["Date answered"]) == (
        "email", "submitted")
    assert data["columns"]["Date of the meeting"] == "date"
    assert not {"Email Address", "Timestamp"} & set(data["columns"])  # not the sheet's
    assert "Columns not used" not in cli("collect", str(book), "--dry-run").stdout


def test_a_corrected_row_replaces_what_it_filed_whatever_its_date(
    book: Path, cli: CLI, folder: ProgramFolder
) -> None:
    """A workbook row is known by its place in the workbook (its Row), not by its date:
    a meeting's date typed wrong and corrected moves that session, and a check-in
    corrected to an earlier day replaces the answer. Both filed a second record, or
    nothing, when a row was known by its date."""
    wb = collected(book, cli)
    s, c = wb["Sessions"], wb["Check-ins"]
    s.cell(row=2, column=column(s, "Date of the meeting"), value=days(-21))
    c.cell(row=2, column=column(c, "Date answered"), value=days(-91))
    c.cell(row=2, column=column(c, RATING), value=3)
    wb.save(book)
    result = cli("collect", str(book), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["filed"], data["replaced"]) == (0, 2)
    assert [s.date for _, s in sessions(folder, PAIR)] == [days(-21)]
    [(_, answer)] = folder.load_check_ins(PAIR)
    assert (answer.date, answer.relationship) == (days(-91), 3)
    plan = folder.load_form(PAIR, ActionPlan)
    assert plan is not None and [a.description for a in plan.actions].count(
        "Book the audit course") == 1  # its action moved with it, not added twice


def test_rows_sorted_or_moved_are_the_same_rows(
    book: Path, cli: CLI, folder: ProgramFolder
) -> None:
    fill(book, days(-20))
    wb = load_workbook(book)
    s = wb["Sessions"]
    for title, value in {"Filled in by": "Mentee", "Date of the meeting": days(-40),
                         "How long did you meet?": "30 min",
                         "How did you meet?": "Video call"}.items():
        s.cell(row=3, column=column(s, title), value=value)
    wb.save(book)
    assert json.loads(cli("collect", str(book), "--json").stdout)["filed"] == 3
    wb = load_workbook(book)
    s = wb["Sessions"]
    second, third = cells_of(s, 2), cells_of(s, 3)
    put_row(s, 2, third)  # sorted by date, Row and all
    put_row(s, 3, second)
    wb.save(book)
    again = json.loads(cli("collect", str(book), "--json").stdout)
    assert (again["filed"], again["replaced"], again["already_filed"]) == (0, 0, 3)
    assert [s.date for _, s in sessions(folder, PAIR)] == [days(-40), days(-20)]


def test_a_copied_row_is_refused_naming_both(book: Path, cli: CLI, folder: ProgramFolder) -> None:
    fill(book, days(-20))
    wb = load_workbook(book)
    s = wb["Sessions"]
    put_row(s, 5, cells_of(s, 2))  # row 2 copied whole into row 5, its Row too
    s.cell(row=5, column=column(s, "Date of the meeting"), value=days(-10))
    wb.save(book)
    result = cli("collect", str(book))
    assert result.exit_code == ExitCode.INVALID, result.output
    assert "sheet Sessions: row 5: column 'Row': S1 is row 2's too" in result.stderr
    assert "clear row 5's Row" in result.stderr
    assert sessions(folder, PAIR) == []
    s.cell(row=5, column=column(s, "Row")).value = None  # as the message says
    wb.save(book)
    result = cli("collect", str(book), "--json")
    assert result.exit_code == 0, result.output
    assert [s.date for _, s in sessions(folder, PAIR)] == [days(-20), days(-10)]


def test_two_rows_for_one_meeting_do_not_replace_each_other_in_turn(
    book: Path, cli: CLI, folder: ProgramFolder
) -> None:
    """Two rows of one workbook for the same meeting (or the same check-in): the one
    filed first stays, the other is named, and collecting again changes nothing (each
    replaced the other on every collect when rows were known by their dates)."""
    fill(book, days(-20))
    wb = load_workbook(book)
    s, c = wb["Sessions"], wb["Check-ins"]
    for sheet in (s, c):  # a second answer typed for the same occasion
        put_row(sheet, 3, cells_of(sheet, 2), with_id=False)
    s.cell(row=3, column=column(s, "How long did you meet?")).value = "2 hours"
    c.cell(row=3, column=column(c, RATING)).value = 2
    wb.save(book)
    for _ in range(2):
        result = cli("collect", str(book), "--json")
        assert result.exit_code == 0, result.output
        rows = {(r["form"], r["row"]): r for r in json.loads(result.stdout)["rows"]}
        assert rows[("session", 3)]["action"] == rows[("check-in", 3)]["action"] == "skipped"
        assert "row S2 is filed" not in json.dumps(list(rows.values()))
        assert rows[("session", 3)]["notes"] == [
            f"row S1 is filed as the mentee's session for {days(-20)}: one answer each; "
            "correct that row, or clear this one"]
        assert [s.duration_minutes for _, s in sessions(folder, PAIR)] == [45]
        [(_, answer)] = folder.load_check_ins(PAIR)
        assert answer.relationship == 5


def test_a_meeting_kind_cleared_in_a_corrected_row_is_cleared(
    book: Path, cli: CLI, folder: ProgramFolder
) -> None:
    """"Leave blank for a regular meeting": a row marked Final meeting by mistake and
    cleared is what a new row would be, here the pair's first meeting (the kind it was
    filed with was kept, as when a form never asks)."""
    fill(book, days(-20))
    wb = load_workbook(book)
    s = wb["Sessions"]
    s.cell(row=2, column=column(s, "Which meeting was this?")).value = "Final meeting"
    wb.save(book)
    assert cli("collect", str(book)).exit_code == 0
    assert [s.meeting.value for _, s in sessions(folder, PAIR)] == ["final"]
    s.cell(row=2, column=column(s, "Which meeting was this?")).value = None
    wb.save(book)
    result = cli("collect", str(book))
    assert result.exit_code == 0, result.output
    assert [s.meeting.value for _, s in sessions(folder, PAIR)] == ["first"]


def test_a_check_in_whose_date_alone_is_corrected_moves_to_its_check_in(
    book: Path, cli: CLI, folder: ProgramFolder
) -> None:
    fill(book, days(-20))
    assert cli("collect", str(book)).exit_code == 0
    [(_, before)] = folder.load_check_ins(PAIR)
    wb = load_workbook(book)
    c = wb["Check-ins"]
    c.cell(row=2, column=column(c, "Date answered")).value = days(-30)  # a later check-in
    wb.save(book)
    result = cli("collect", str(book), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["replaced"] == 1
    [(_, after)] = folder.load_check_ins(PAIR)
    assert after.date == days(-30) and after.due != before.due


RATINGS = ["The program's goals were clear to me", "The time it asked of me was about right",
           "My mentoring partner was a good match for me", "We met regularly",
           "We both came to our meetings prepared", "We were open and honest with each other",
           "I grew through this mentoring relationship"]
RECOMMEND = "How likely are you to recommend the program to a colleague?"


def evaluate(sheet: Any, row: int, side: str, day: dt.date, recommend: int) -> None:
    answers = {"Filled in by": side, "Date answered": day, RECOMMEND: recommend,
               **dict.fromkeys(RATINGS, 4)}
    for title, value in answers.items():
        sheet.cell(row=row, column=column(sheet, title)).value = value


def test_evaluation_rows_switched_between_the_partners_keep_both(
    book: Path, cli: CLI, folder: ProgramFolder
) -> None:
    """The mentee's evaluation was deleted for good when the two rows swapped sides."""
    wb = load_workbook(book)
    evaluate(wb["Evaluation"], 2, "Mentor", days(-2), 9)
    evaluate(wb["Evaluation"], 3, "Mentee", days(-1), 6)
    wb.save(book)
    assert cli("collect", str(book)).exit_code == 0
    e = wb["Evaluation"]
    e.cell(row=2, column=column(e, "Filled in by")).value = "Mentee"
    e.cell(row=3, column=column(e, "Filled in by")).value = "Mentor"
    wb.save(book)
    for _ in range(2):
        result = cli("collect", str(book))
        assert result.exit_code == 0, result.output
        on_file = {side: folder.load_form(PAIR, Evaluation, f"evaluation-{side}.yaml")
                   for side in ("mentor", "mentee")}
        assert {side: e.recommend if e else None for side, e in on_file.items()} == {
            "mentor": 6, "mentee": 9}


def test_a_row_corrected_onto_another_rows_check_in_does_not_overwrite_it(
    book: Path, cli: CLI, folder: ProgramFolder
) -> None:
    fill(book, days(-20))  # C1: the mentor's check-in answered days(-89)
    wb = load_workbook(book)
    c = wb["Check-ins"]
    put_row(c, 3, cells_of(c, 2), with_id=False)  # C2: the next period's, rated 2
    c.cell(row=3, column=column(c, "Date answered")).value = days(-30)
    c.cell(row=3, column=column(c, RATING)).value = 2
    wb.save(book)
    assert json.loads(cli("collect", str(book), "--json").stdout)["filed"] == 3
    before = {a.due: a.relationship for _, a in folder.load_check_ins(PAIR)}
    assert sorted(before.values()) == [2, 5]
    c.cell(row=2, column=column(c, "Date answered")).value = days(-31)  # onto C2's period
    wb.save(book)
    result = cli("collect", str(book), "--json")
    assert result.exit_code == 0, result.output
    rows = {(r["form"], r["row"]): r for r in json.loads(result.stdout)["rows"]}
    assert rows[("check-in", 2)]["action"] == "skipped"
    assert rows[("check-in", 2)]["notes"][0].startswith("row C2 is filed as the mentor's")
    assert {a.due: a.relationship for _, a in folder.load_check_ins(PAIR)} == before


def test_a_row_without_an_id_for_a_filed_meeting_is_named_collect_after_collect(
    book: Path, cli: CLI, folder: ProgramFolder
) -> None:
    wb = collected(book, cli)
    s = wb["Sessions"]
    below = s.max_row + 1  # below the rows offered: no Row id
    for title, value in {"Filled in by": "Mentee", "Date of the meeting": days(-20),
                         "How long did you meet?": "50 min",
                         "How did you meet?": "In person"}.items():
        s.cell(row=below, column=column(s, title)).value = value
    wb.save(book)
    for _ in range(2):
        result = cli("collect", str(book), "--json")
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
        assert (data["filed"], data["replaced"]) == (0, 0)
        [late] = [r for r in data["rows"] if r["row"] == below]
        assert late["action"] == "skipped" and late["notes"][0].startswith("row S1 is filed")
        assert [s.duration_minutes for _, s in sessions(folder, PAIR)] == [45]


def test_an_older_copy_of_a_workbook_collected_again_files_nothing(
    book: Path, cli: CLI, folder: ProgramFolder, tmp_path: Path
) -> None:
    fill(book, days(-20))
    assert cli("collect", str(book)).exit_code == 0
    newer = tmp_path / "again.xlsx"  # a workbook made again, the meeting corrected there
    assert cli("forms", "workbook", PAIR, "--out", str(newer)).exit_code == 0
    fill(newer, days(-20))
    wb = load_workbook(newer)
    wb["Sessions"].cell(row=2, column=column(wb["Sessions"], "How long did you meet?"),
                        value="1 hour")
    wb.save(newer)
    assert json.loads(cli("collect", str(newer), "--json").stdout)["replaced"] == 1
    for path in (book, newer, book):
        result = cli("collect", str(path), "--json")
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
        assert (data["filed"], data["replaced"]) == (0, 0), data["rows"]
        assert [s.duration_minutes for _, s in sessions(folder, PAIR)] == [60]


def test_a_copy_sorted_above_its_original_is_the_one_refused(
    book: Path, cli: CLI, folder: ProgramFolder
) -> None:
    wb = collected(book, cli)
    s = wb["Sessions"]
    put_row(s, 3, cells_of(s, 2))  # the copy on top, the original below
    s.cell(row=2, column=column(s, "Date of the meeting")).value = days(-10)
    wb.save(book)
    result = cli("collect", str(book))
    assert result.exit_code == ExitCode.INVALID, result.output
    assert "sheet Sessions: row 2: column 'Row': S1 is row 3's too" in result.stderr
    assert [s.date for _, s in sessions(folder, PAIR)] == [days(-20)]


def session_row(sheet: Any, row: int, day: dt.date, minutes: str, actions: str = "") -> None:
    answers = {"Filled in by": "Mentee", "Date of the meeting": day,
               "How long did you meet?": minutes, "How did you meet?": "In person",
               "Actions agreed before the next meeting": actions or None}
    for title, value in answers.items():
        sheet.cell(row=row, column=column(sheet, title)).value = value


def test_a_bad_row_keeps_what_it_filed_from_a_row_that_claims_it_under_skip_bad(
    book: Path, cli: CLI, folder: ProgramFolder
) -> None:
    """--skip-bad files the rest, but a row below for S1's meeting (no Row of its own)
    must not take S1's record while S1 is bad: the dry run and the real run agree."""
    wb = collected(book, cli)
    s = wb["Sessions"]
    session_row(s, s.max_row + 1, days(-20), "50 min")
    s.cell(row=2, column=column(s, "Goal 4: where is it now?")).value = "In progress"
    wb.save(book)
    for dry in (["--dry-run"], []):
        result = cli("collect", str(book), "--skip-bad", "--json", *dry)
        assert result.exit_code == 0, result.output
        [below] = [r for r in json.loads(result.stdout)["rows"] if r["form"] == "session"]
        assert below["action"] == "skipped" and below["notes"][0].startswith("row S1 is")
    assert [s.duration_minutes for _, s in sessions(folder, PAIR)] == [45]


def test_a_session_moved_by_amend_session_stays_its_rows(
    book: Path, cli: CLI, folder: ProgramFolder, tmp_path: Path
) -> None:
    wb = collected(book, cli)
    [(name, _)] = sessions(folder, PAIR)
    moved = tmp_path / "moved.yaml"
    [path] = folder.session_paths(PAIR)
    moved.write_text(path.read_text().replace(f"date: {days(-20)}", f"date: {days(-19)}"))
    amended = cli("amend-session", PAIR, name, "--from", str(moved), "--reason", "the 20th")
    assert amended.exit_code == 0, amended.output
    assert json.loads(cli("collect", str(book), "--json").stdout)["already_filed"] == 2
    s = wb["Sessions"]
    s.cell(row=2, column=column(s, "How long did you meet?")).value = "50 min"
    wb.save(book)
    result = cli("collect", str(book), "--json")
    assert result.exit_code == 0, result.output
    assert [(x.date, x.duration_minutes) for _, x in sessions(folder, PAIR)] == [
        (days(-20), 50)]  # the row's date and length: one record, not two
    plan = folder.load_form(PAIR, ActionPlan)
    assert plan is not None and [a.description for a in plan.actions].count(
        "Book the audit course") == 1


@pytest.mark.parametrize("change", ["swap", "move-and-add"])
def test_rows_whose_dates_move_in_one_collect_take_their_records_with_them(
    book: Path, cli: CLI, folder: ProgramFolder, change: str
) -> None:
    wb = load_workbook(book)
    s = wb["Sessions"]
    session_row(s, 2, days(-40), "45 min", f"Read the policy by {days(5)}")
    session_row(s, 3, days(-30), "30 min", f"Shadow a huddle by {days(6)}")
    wb.save(book)
    assert cli("collect", str(book)).exit_code == 0
    if change == "swap":
        s.cell(row=2, column=column(s, "Date of the meeting")).value = days(-30)
        s.cell(row=3, column=column(s, "Date of the meeting")).value = days(-40)
        expected = [(days(-40), 30, ["Shadow a huddle"]), (days(-30), 45, ["Read the policy"])]
    else:
        s.cell(row=2, column=column(s, "Date of the meeting")).value = days(-35)
        session_row(s, 4, days(-40), "20 min")
        expected = [(days(-40), 20, []), (days(-35), 45, ["Read the policy"]),
                    (days(-30), 30, ["Shadow a huddle"])]
    wb.save(book)
    for _ in range(2):
        result = cli("collect", str(book), "--json")
        assert result.exit_code == 0, result.output
        plan = folder.load_form(PAIR, ActionPlan)
        assert plan is not None
        by_session = {a.from_session: a.description for a in plan.actions if a.from_session}
        assert [(x.date, x.duration_minutes, [by_session[n]] if n in by_session else [])
                for n, x in sessions(folder, PAIR)] == expected


def test_a_row_of_a_workbook_made_again_is_the_record_it_holds(
    book: Path, cli: CLI, folder: ProgramFolder, tmp_path: Path
) -> None:
    collected(book, cli)
    again = tmp_path / "again.xlsx"
    assert cli("forms", "workbook", PAIR, "--out", str(again)).exit_code == 0
    fill(again, days(-20))
    assert json.loads(cli("collect", str(again), "--json").stdout)["already_filed"] == 2
    wb = load_workbook(again)
    s = wb["Sessions"]
    s.cell(row=2, column=column(s, "Date of the meeting")).value = days(-19)
    wb.save(again)
    result = cli("collect", str(again), "--json")
    assert result.exit_code == 0, result.output
    assert [x.date for _, x in sessions(folder, PAIR)] == [days(-19)]


def test_check_ins_of_two_periods_file_with_the_session_that_starts_the_pair(
    folder: ProgramFolder, cli: CLI, tmp_path: Path
) -> None:
    """Before the session is filed the pair has not started and no check-in has a
    period yet: they were taken as two answers for one check-in, and one held back."""
    make_pair(folder, created=days(-130), status=RelationshipStatus.PROPOSED)
    book = tmp_path / "wb.xlsx"
    assert cli("forms", "workbook", PAIR, "--out", str(book)).exit_code == 0
    wb = load_workbook(book)
    session_row(wb["Sessions"], 2, days(-120), "45 min")
    c = wb["Check-ins"]
    for row, day, rating in ((2, days(-89), 5), (3, days(-30), 2)):
        answer = {"Filled in by": "Mentor", "Date answered": day,
                  "Are you meeting as agreed?": "Yes, as agreed", RATING: rating,
                  "How much progress are you making toward your goals?": 4,
                  "Would you like the program coordinator to get in touch?": "No"}
        for title, value in answer.items():
            c.cell(row=row, column=column(c, title)).value = value
    wb.save(book)
    result = cli("collect", str(book), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["filed"] == 3, result.stdout
    assert sorted(a.relationship for _, a in folder.load_check_ins(PAIR)) == [2, 5]
