"""`mentorkit import` reading real Google Forms (CSV) and Microsoft Forms (XLSX) sign-up
exports: their timestamps as dates, their list answers split the way each joins them,
common question wordings matched without a map, a person who answered twice."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

from collection_support import csv_text, google_csv, microsoft_xlsx
from conftest import make_person

from mentorkit.store.folder import ProgramFolder

ROOT = Path(__file__).resolve().parents[1]
BUNDLED_MAP = ROOT / "examples" / "column-map.yaml"
# The bundled map's questions, in the order a form built from it asks them (after
# Google's own Timestamp and Email Address).
MAP_TITLES = [
    "Full name", "I want to take part as", "Job title", "Department", "Site",
    "Years of experience in healthcare", "My manager's email", "I can help others with",
    "I would like help with", "Career goals", "Interests outside work", "Languages I speak",
    "How would you like to meet?", "When are you available?",
    "How many mentees could you take on?",
]
AT = dt.datetime(2026, 11, 20, 9, 14, 3)


def answers(name: str, role: str, **given: str) -> list[str]:
    by_title = dict.fromkeys(MAP_TITLES, "")
    by_title.update({"Full name": name, "I want to take part as": role}, **given)
    return [by_title[t] for t in MAP_TITLES]


def test_google_timestamp_fills_joined_through_the_bundled_map(
    cli: Any, folder: ProgramFolder, tmp_path: Path
) -> None:
    path = google_csv(tmp_path / "signup.csv", MAP_TITLES, [
        (AT, "ann@example.org", answers("Ann Smith", "Mentor", **{
            "Languages I speak": "English, Polish",
            "How would you like to meet?": "In person, Video call",
            "When are you available?": "Weekday mornings"})),
        (AT + dt.timedelta(hours=14, minutes=30), "bo@example.org",
         answers("Bo Chan", "Mentee")),  # 11:44 PM in GMT-5: still the 20th where it was sent
    ])
    result = cli("import", str(path), "--map", str(BUNDLED_MAP))
    assert result.exit_code == 0, result.stderr
    ann = folder.load_participant("ann-smith")
    assert ann.joined == dt.date(2026, 11, 20)
    assert ann.languages == ["English", "Polish"]
    assert [m.value for m in ann.meeting_modes] == ["in-person", "video"]
    assert folder.load_participant("bo-chan").joined == dt.date(2026, 11, 20)


def test_google_option_with_a_comma_stays_whole_when_known(
    cli: Any, folder: ProgramFolder, tmp_path: Path
) -> None:
    # one option holds a comma: known from the program (a mentor already offers it) ...
    make_person(folder, "Old Hand", role="mentor",
                can_help_with=["Leadership, staffing and scheduling"])
    # ... or from the column map's `choices:`
    column_map = tmp_path / "map.yaml"
    column_map.write_text(
        'columns:\n  "Timestamp": joined\n  "What could you help others with?": can_help_with\n'
        'choices:\n  wants_help_with: ["Budgets, rotas and leave"]\n')
    titles = ["Full name", "Mentor or mentee?", "What could you help others with?",
              "What would you like help with?"]
    path = google_csv(tmp_path / "signup.csv", titles, [
        (AT, "cy@example.org", ["Cy Diaz", "Both",
                                "leadership, staffing and scheduling, Difficult conversations",
                                "Budgets, rotas and leave, Research"]),
    ])
    result = cli("import", str(path), "--map", str(column_map))
    assert result.exit_code == 0, result.stderr
    cy = folder.load_participant("cy-diaz")
    assert cy.can_help_with == ["Leadership, staffing and scheduling", "Difficult conversations"]
    assert cy.wants_help_with == ["Budgets, rotas and leave", "Research"]


def test_microsoft_checkboxes_split_on_semicolons_and_times_parse(
    cli: Any, folder: ProgramFolder, tmp_path: Path
) -> None:
    titles = ["Mentor or mentee?", "I can help with", "Languages you speak"]
    path = microsoft_xlsx(tmp_path / "signup.xlsx", titles, [
        (AT, "ann@example.org", "Ann Smith",
         ["Mentor", "Leadership, staffing and scheduling;Difficult conversations;",
          "English;Spanish;"]),
        (AT + dt.timedelta(days=1), "bo@example.org", "Bo Chan",
         ["Mentee", "", "English, French"]),  # a typed answer: commas still split it
    ])
    result = cli("import", str(path), "--column", "Completion time=joined")
    assert result.exit_code == 0, result.stderr
    ann = folder.load_participant("ann-smith")
    assert ann.can_help_with == ["Leadership, staffing and scheduling", "Difficult conversations"]
    assert ann.languages == ["English", "Spanish"]
    assert ann.joined == dt.date(2026, 11, 20)
    bo = folder.load_participant("bo-chan")
    assert bo.languages == ["English", "French"]
    assert bo.joined == dt.date(2026, 11, 21)


def test_anonymous_microsoft_form_uses_its_own_name_and_email_questions(
    cli: Any, folder: ProgramFolder, tmp_path: Path
) -> None:
    """An anonymous Microsoft form exports Email 'anonymous' and a blank Name: the form's
    own questions for them are used instead, and the dry run says so."""
    titles = ["Full name", "Work email address", "Mentor or mentee?"]
    path = microsoft_xlsx(tmp_path / "signup.xlsx", titles, [
        (AT, "anonymous", "", ["Ann Smith", "ann@example.org", "Mentor"]),
    ])
    result = cli("import", str(path), "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert "Read as a Microsoft Forms export" in result.stdout
    assert "Name also looked like name; Full name was used" in result.stdout
    assert "Email also looked like email; Work email address was used" in result.stdout
    assert "Ignored columns: ID, Start time, Completion time, Email, Name" in result.stdout
    assert cli("import", str(path)).exit_code == 0
    assert folder.load_participant("ann-smith").email == "ann@example.org"


def test_microsoft_time_written_as_text(cli: Any, folder: ProgramFolder, tmp_path: Path) -> None:
    """Exports copied through another tool carry the times as text: '11/20/2026 9:14:03 AM'
    and '2026-11-20 09:14:03' are both read."""
    path = microsoft_xlsx(tmp_path / "signup.xlsx", ["Mentor or mentee?"], [
        (AT, "ann@example.org", "Ann Smith", ["Mentor"]),
        (AT, "bo@example.org", "Bo Chan", ["Mentee"]),
    ])
    from openpyxl import load_workbook

    book = load_workbook(path)
    book.active["B2"] = "11/20/2026 9:14:03 AM"
    book.active["B3"] = "2026-11-21 09:14:03"
    book.save(path)
    result = cli("import", str(path), "--column", "Start time=joined")
    assert result.exit_code == 0, result.stderr
    assert folder.load_participant("ann-smith").joined == dt.date(2026, 11, 20)
    assert folder.load_participant("bo-chan").joined == dt.date(2026, 11, 21)


def test_ambiguous_dates_are_read_month_first_and_said(
    cli: Any, folder: ProgramFolder, tmp_path: Path
) -> None:
    path = csv_text(tmp_path / "signup.csv",
        "Signed up,Name,Email,Role\n3/4/2026,Ann,ann@example.org,mentor\n")
    result = cli("import", str(path), "--column", "Signed up=joined")
    assert result.exit_code == 0, result.stderr
    assert "read month first" in result.stdout and "--date-order day-first" in result.stdout
    assert folder.load_participant("ann").joined == dt.date(2026, 3, 4)
    result = cli("import", str(path), "--column", "Signed up=joined", "--date-order", "day-first")
    assert result.exit_code == 0, result.stderr
    assert folder.load_participant("ann").joined == dt.date(2026, 4, 3)
    assert "read month first" not in result.stdout


def test_date_order_worked_out_from_the_export(
    cli: Any, folder: ProgramFolder, tmp_path: Path
) -> None:
    path = csv_text(tmp_path / "signup.csv",
        "Timestamp,Name,Email,Role\n20/11/2026 09:14:03,Ann,ann@example.org,mentor\n"
                    "3/4/2026 10:00:00,Bo,bo@example.org,mentee\n")
    result = cli("import", str(path), "--column", "Timestamp=joined", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["date_order"] == "day-first"
    assert folder.load_participant("bo").joined == dt.date(2026, 4, 3)


def test_bad_date_order(cli: Any, folder: ProgramFolder, tmp_path: Path) -> None:
    path = csv_text(tmp_path / "s.csv",
        "Name,Email,Role\nAnn,ann@example.org,mentor\n")
    result = cli("import", str(path), "--date-order", "sideways")
    assert result.exit_code == 2
    assert "month-first or day-first" in result.stderr


WORDED = [
    "Full name", "Email address", "Would you like to be a mentor or a mentee?",
    "Languages you speak", "How many years have you worked in your field?",
    "Which department do you work in?", "What would you like help with?",
    "What could you help others with?", "What is your job title?",
    "Your manager's email address", "Where are you based? (site)",
    "What are your career goals?", "Anything else we should know?", "Favourite colour",
]
WORDED_FIELDS = {
    "Full name": "name", "Email address": "email",
    "Would you like to be a mentor or a mentee?": "role", "Languages you speak": "languages",
    "How many years have you worked in your field?": "years_experience",
    "Which department do you work in?": "department",
    "What would you like help with?": "wants_help_with",
    "What could you help others with?": "can_help_with", "What is your job title?": "job_title",
    "Your manager's email address": "manager", "Where are you based? (site)": "site",
    "What are your career goals?": "career_goals", "Anything else we should know?": "notes",
}


ROW = ["Dee Park", "dee@example.org", "Mentee", "English, Korean", "4", "Pharmacy",
       "Leading a team", "", "Pharmacist", "boss@example.org", "North", "Lead a unit",
       "Night shifts only", "Green"]


def test_common_wordings_map_without_a_map_and_the_dry_run_says_where(
    cli: Any, folder: ProgramFolder, tmp_path: Path
) -> None:
    asked = [t for t in WORDED if t != "Email address"]  # Google collects the email itself
    row = [a for t, a in zip(WORDED, ROW, strict=True) if t != "Email address"]
    path = google_csv(tmp_path / "signup.csv", asked, [(AT, "dee@example.org", row)])
    result = cli("import", str(path), "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert "Read as a Google Forms export" in result.stdout
    assert "Languages you speak → languages  (by its words)" in result.stdout
    assert "How many years have you worked in your field? → years_experience" in result.stdout
    assert "Email Address → email  (by the export)" in result.stdout
    assert "Ignored columns: Timestamp, Favourite colour" in result.stdout
    assert "+ dee-park (Dee Park, dee@example.org)" in result.stdout
    assert folder.participant_ids() == []
    data = json.loads(cli("import", str(path), "--dry-run", "--json").stdout)
    expected = {k: v for k, v in WORDED_FIELDS.items() if k != "Email address"}
    assert data["columns"] == {"Email Address": "email", **expected}
    assert data["export"] == "Google Forms"
    assert data["ignored_columns"] == ["Timestamp", "Favourite colour"]
    assert {m["column"]: m["matched_by"] for m in data["column_matches"]}[
        "Languages you speak"] == "its words"


def test_wordings_alone_fill_a_participant(cli: Any, folder: ProgramFolder, tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    with path.open("w", newline="") as handle:
        csv.writer(handle).writerows([WORDED, ROW])
    result = cli("import", str(path), "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["columns"] == WORDED_FIELDS
    dee = folder.load_participant("dee-park")
    assert (dee.languages, dee.years_experience, dee.department) == (
        ["English", "Korean"], 4, "Pharmacy")
    assert (dee.wants_help_with, dee.job_title, dee.manager, dee.site, dee.notes) == (
        ["Leading a team"], "Pharmacist", "boss@example.org", "North", "Night shifts only")


def test_a_loose_guess_gives_way_to_an_exact_header(
    cli: Any, folder: ProgramFolder, tmp_path: Path
) -> None:
    path = csv_text(tmp_path / "s.csv",
        "Name,Email,Role,Languages,Which languages would you like to learn?\n"
                    "Ann,ann@example.org,mentee,English,Spanish\n")
    result = cli("import", str(path), "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert ("Which languages would you like to learn? also looked like languages; "
            "Languages was used") in result.stdout


def test_ids_keep_letters_unicode_does_not_decompose(
    cli: Any, folder: ProgramFolder, tmp_path: Path
) -> None:
    path = csv_text(tmp_path / "s.csv",
        "Name,Email,Role\nChloé Łukasz,cl@example.org,mentee\n"
                    "Søren Ødegård,so@example.org,mentor\nAnna Strauß,as@example.org,mentee\n"
                    "Þóra Æsa Đurić,th@example.org,mentee\n")
    result = cli("import", str(path))
    assert result.exit_code == 0, result.stderr
    assert folder.participant_ids() == [
        "anna-strauss", "chloe-lukasz", "soren-odegard", "thora-aesa-duric"]


def _twice(tmp_path: Path) -> Path:
    """Ann answered twice; the export was sorted by name, so her later answer comes first."""
    titles = ["Full name", "Mentor or mentee?", "Department"]
    return google_csv(tmp_path / "signup.csv", titles, [
        (AT + dt.timedelta(days=2), "ann@example.org", ["Ann Smith", "Mentor", "ICU"]),
        (AT, "Ann@Example.org", ["Ann Smith", "Mentee", "ED"]),
        (AT, "bo@example.org", ["Bo Chan", "Mentee", "ED"]),
    ])


def test_answered_twice_is_refused_naming_both_rows(
    cli: Any, folder: ProgramFolder, tmp_path: Path
) -> None:
    result = cli("import", str(_twice(tmp_path)))
    assert result.exit_code == 2
    assert "row 3" in result.stderr and "also on row 2" in result.stderr
    assert "--keep-latest" in result.stderr
    assert "Traceback" not in result.stderr
    assert folder.participant_ids() == []


def test_keep_latest_keeps_the_later_answer_and_says_so(
    cli: Any, folder: ProgramFolder, tmp_path: Path
) -> None:
    path = _twice(tmp_path)
    result = cli("import", str(path), "--keep-latest")
    assert result.exit_code == 0, result.stderr
    assert "ann@example.org answered 2 times: kept row 2" in result.stdout
    assert "dropped row 3" in result.stdout
    ann = folder.load_participant("ann-smith")
    assert (ann.role.value, ann.department) == ("mentor", "ICU")
    assert folder.participant_ids() == ["ann-smith", "bo-chan"]
    data = json.loads(cli("import", str(path), "--keep-latest", "--json").stdout)
    assert data["superseded"] == [{"email": "ann@example.org", "kept_row": 2,
                                   "dropped_rows": [3],
                                   "kept_submitted": "2026/11/22 9:14:03 AM GMT-5"}]


def test_keep_latest_compares_time_zones(cli: Any, folder: ProgramFolder, tmp_path: Path) -> None:
    path = csv_text(
        tmp_path / "s.csv",
        "Timestamp,Name,Email,Role\n"
        "2026/11/20 9:00:00 AM GMT-5,Ann,ann@example.org,mentor\n"  # 14:00 UTC: later
        "2026/11/20 10:00:00 AM GMT+1,Ann,ann@example.org,mentee\n",  # 09:00 UTC
    )
    result = cli("import", str(path), "--keep-latest")
    assert result.exit_code == 0, result.stderr
    assert folder.load_participant("ann").role.value == "mentor"


def test_keep_latest_needs_a_time(cli: Any, folder: ProgramFolder, tmp_path: Path) -> None:
    path = csv_text(tmp_path / "s.csv",
        "Name,Email,Role\nAnn,ann@example.org,mentor\nAnn,ann@example.org,mentee\n")
    result = cli("import", str(path), "--keep-latest")
    assert result.exit_code == 2
    assert "when each answer was sent" in result.stderr
    assert folder.participant_ids() == []


def test_keep_latest_with_an_unreadable_time_names_the_row(
    cli: Any, folder: ProgramFolder, tmp_path: Path
) -> None:
    path = csv_text(tmp_path / "s.csv",
        "Timestamp,Name,Email,Role\n2026/11/20 9:00:00 AM GMT-5,Ann,ann@example.org,"
                    "mentor\nsoon,Ann,ann@example.org,mentee\n")
    result = cli("import", str(path), "--keep-latest")
    assert result.exit_code == 2
    assert "row 3" in result.stderr and "'soon' is not a date" in result.stderr
    assert folder.participant_ids() == []
