"""`mentorkit import FILE`: CSV and XLSX sign-up exports, column maps, bad rows, re-imports."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import make_person

from mentorkit.store.folder import ProgramFolder

HEADERS = [
    "Timestamp", "Full name", "Email address", "I want to be a", "Department", "Campus",
    "Years in healthcare", "I can help with", "I would like help with", "Languages",
    "How would you like to meet?", "When are you available?",
]

ROWS = [
    ["2026-01-02 09:14", "ann smith", " Ann.Smith@Example.org ", "I want to be a mentor", "ICU",
     "North", "12 years", "Leadership; QI projects, research", "", "English;Spanish",
     "Teams, in person", "Mornings; weekends"],
    ["2026-01-02 10:01", "Bob  Jones", "bob@example.org", "Both", "Emergency", "North", "7",
     "Triage", "Research; writing", "English", "video", "evenings"],
    ["2026-01-03 08:30", "CY YOUNG", "cy@example.org", "I want a mentor", "ICU", "South", "1",
     "", "Confidence,  night shifts ", "", "phone", ""],
]


def write_csv(path: Path, headers: list[str], rows: list[list[str]], **kw: Any) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, **kw)
        writer.writerow(headers)
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, headers: list[Any], rows: list[list[Any]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


@pytest.fixture
def signup(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "signup.csv", HEADERS, ROWS)


def clean_failure(result: Any, code: int = 2) -> None:
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert result.stderr.startswith("error: ")
    assert "Traceback" not in result.stderr


def test_import_csv(cli: Any, folder: ProgramFolder, signup: Path) -> None:
    result = cli("import", str(signup))
    assert result.exit_code == 0, result.stderr
    assert "3 new, 0 updated, 0 unchanged" in result.stdout
    assert "Ignored columns: Timestamp" in result.stdout
    assert folder.participant_ids() == ["ann-smith", "bob-jones", "cy-young"]
    ann = folder.load_participant("ann-smith")
    assert ann.name == "Ann Smith"  # all lower case is tidied
    assert ann.email == "ann.smith@example.org"
    assert ann.role.value == "mentor"
    assert ann.department == "ICU"
    assert ann.site == "North"
    assert ann.years_experience == 12
    assert ann.can_help_with == ["Leadership", "QI projects", "research"]
    assert ann.languages == ["English", "Spanish"]
    assert [m.value for m in ann.meeting_modes] == ["video", "in-person"]
    assert [a.value for a in ann.availability] == ["weekday-morning", "weekend"]
    assert ann.joined == dt.date.today()
    bob = folder.load_participant("bob-jones")
    assert bob.name == "Bob Jones"  # inner whitespace folded
    assert bob.role.value == "both"
    assert bob.wants_help_with == ["Research", "writing"]
    cy = folder.load_participant("cy-young")
    assert cy.name == "Cy Young"  # all upper case is tidied
    assert cy.role.value == "mentee"
    assert cy.wants_help_with == ["Confidence", "night shifts"]


def test_import_xlsx(cli: Any, folder: ProgramFolder, tmp_path: Path) -> None:
    rows: list[list[Any]] = [
        [dt.datetime(2026, 1, 2, 9, 0), "Ann Smith", "ann@example.org", "Mentor", "ICU", 12.0,
         "Leadership, audit"],
        [dt.datetime(2026, 1, 2, 9, 5), "Bob Jones", "bob@example.org", "mentor and mentee",
         "ED", 3, None],
        [None, None, None, None, None, None, None],  # an empty row is skipped
        [None, "Cy Young", "cy@example.org", "Mentee", None, 0.5, "x; y"],
    ]
    path = write_xlsx(
        tmp_path / "signup.xlsx",
        ["Timestamp", "Name", "Email", "Role", "Unit", "Years of experience", "Expertise"],
        rows,
    )
    result = cli("import", str(path), "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["created"] == 3
    assert [r["row"] for r in data["rows"]] == [2, 3, 5]  # spreadsheet row numbers
    ann = folder.load_participant("ann-smith")
    assert ann.years_experience == 12
    assert ann.department == "ICU"
    assert ann.can_help_with == ["Leadership", "audit"]
    assert folder.load_participant("bob-jones").role.value == "both"
    assert folder.load_participant("cy-young").years_experience == 0.5


def test_import_xlsx_bad_row_names_row_and_column(
    cli: Any, folder: ProgramFolder, tmp_path: Path
) -> None:
    path = write_xlsx(
        tmp_path / "s.xlsx", ["Name", "Email", "Role", "Years"],
        [["Ann", "ann@example.org", "mentor", 5], ["Bob", "bob@example.org", "boss", 5]],
    )
    result = cli("import", str(path))
    clean_failure(result)
    assert "row 3" in result.stderr
    assert "'Role' (role)" in result.stderr
    assert folder.participant_ids() == []


def test_import_not_an_xlsx(cli: Any, folder: ProgramFolder, tmp_path: Path) -> None:
    path = tmp_path / "s.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    clean_failure(cli("import", str(path)))


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("s.pdf", b"x", "CSV or XLSX"),
        ("e.csv", b"", "the file is empty"),
        ("x.csv", b"Name,Email\n\x81\x8d\x8f\x90\x9d\n", "not text in an encoding mentorkit reads"),
    ],
)
def test_import_unreadable_files(
    cli: Any, folder: ProgramFolder, tmp_path: Path, name: str, content: bytes, words: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = cli("import", str(path))
    clean_failure(result)
    assert words in result.stderr


def test_the_answers_are_read_from_the_sheet_the_workbook_opens_on(
    cli: Any, folder: ProgramFolder, tmp_path: Path
) -> None:
    """A workbook with a note on its first sheet and the answers on the one it opens
    on, and one whose first sheet is blank: the answers are read either way."""
    from openpyxl import Workbook

    for name, note, active in (("noted.xlsx", "Exported from Microsoft Forms", 1),
                               ("blank.xlsx", None, 0)):
        book = Workbook()
        book.active.title = "Instructions"
        if note:
            book.active.append([note])
        answers = book.create_sheet("Form1")
        answers.append(["Name", "Email", "Role"])
        answers.append(["Kim Lee", f"kim-{active}@example.org", "Mentor"])
        book.active = active
        book.save(tmp_path / name)
        result = cli("import", str(tmp_path / name))
        assert result.exit_code == 0, result.stderr
    assert len(folder.participant_ids()) == 2


def test_a_workbook_with_no_rows_says_so_and_how_to_export_again(
    cli: Any, folder: ProgramFolder, tmp_path: Path
) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.create_sheet("Form1")
    book.save(tmp_path / "empty.xlsx")
    result = cli("import", str(tmp_path / "empty.xlsx"))
    clean_failure(result)
    assert "no sheet has any rows (Sheet, Form1)" in result.stderr
    assert "restore it from git" not in result.stderr and "Export" in result.stderr


def test_import_missing_file(cli: Any, folder: ProgramFolder, tmp_path: Path) -> None:
    clean_failure(cli("import", str(tmp_path / "nope.csv")), 3)


def test_import_header_only(cli: Any, folder: ProgramFolder, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "h.csv", ["Name", "Email", "Role"], [])
    result = cli("import", str(path))
    assert result.exit_code == 0, result.stderr
    assert "0 new" in result.stdout


def test_import_semicolon_separated_csv(cli: Any, folder: ProgramFolder, tmp_path: Path) -> None:
    # European Excel writes ';' between cells; lists inside cells then use ','
    path = write_csv(
        tmp_path / "s.csv", ["Name", "Email", "Role", "Can help with"],
        [["Ann", "ann@example.org", "mentor", "Audit, teaching"],
         ["Bob", "bob@example.org", "mentee", ""]],
        delimiter=";",
    )
    result = cli("import", str(path))
    assert result.exit_code == 0, result.stderr
    assert folder.load_participant("ann").can_help_with == ["Audit", "teaching"]


def test_import_windows_csv(cli: Any, folder: ProgramFolder, tmp_path: Path) -> None:
    path = tmp_path / "w.csv"
    path.write_bytes("Name,Email,Role\r\nJosé Núñez,jose@example.org,Mentee\r\n".encode("cp1252"))
    result = cli("import", str(path))
    assert result.exit_code == 0, result.stderr
    assert folder.load_participant("jose-nunez").name == "José Núñez"


def test_import_utf8_bom(cli: Any, folder: ProgramFolder, tmp_path: Path) -> None:
    path = tmp_path / "b.csv"
    path.write_bytes("\ufeffName,Email,Role\nAnn,ann@example.org,mentor\n".encode())
    assert cli("import", str(path)).exit_code == 0
    assert folder.participant_ids() == ["ann"]


@pytest.mark.parametrize(
    ("answer", "role"),
    [
        ("I want to be a mentor", "mentor"),
        ("Mentor", "mentor"),
        ("  MENTEE ", "mentee"),
        ("I want a mentor", "mentee"),
        ("Both", "both"),
        ("Mentor & Mentee", "both"),
        ("Either!", "both"),
        ("Protégé", "mentee"),
    ],
)
def test_import_role_wording(
    cli: Any, folder: ProgramFolder, tmp_path: Path, answer: str, role: str
) -> None:
    path = write_csv(tmp_path / "r.csv", ["Name", "Email", "Role"],
                     [["Ann", "ann@example.org", answer]])
    result = cli("import", str(path))
    assert result.exit_code == 0, result.stderr
    assert folder.load_participant("ann").role.value == role


def test_import_dry_run_writes_nothing(cli: Any, folder: ProgramFolder, signup: Path) -> None:
    make_person(folder, "Bob Jones", email="bob@example.org", department="ED")
    before = {p.name: p.read_bytes() for p in folder.participants_dir.iterdir()}
    result = cli("import", str(signup), "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert "Would import" in result.stdout
    assert "2 new, 1 updated" in result.stdout
    assert "~ bob-jones:" in result.stdout and "department" in result.stdout
    assert "Nothing was written (dry run)" in result.stdout
    after = {p.name: p.read_bytes() for p in folder.participants_dir.iterdir()}
    assert after == before


def test_import_dry_run_json(cli: Any, folder: ProgramFolder, signup: Path) -> None:
    data = json.loads(cli("import", str(signup), "--dry-run", "--json").stdout)
    assert data["dry_run"] is True
    assert data["created"] == 3
    assert data["columns"]["Campus"] == "site"
    assert data["ignored_columns"] == ["Timestamp"]
    assert folder.participant_ids() == []


def test_bad_rows_are_reported_and_nothing_is_written(
    cli: Any, folder: ProgramFolder, tmp_path: Path
) -> None:
    rows = [
        ["Ann", "ann@example.org", "mentor", "12"],
        ["Bob", "not-an-email", "mentee", "3"],
        ["Cy", "cy@example.org", "boss", "3"],
        ["Di", "di@example.org", "mentee", "lots"],
        ["", "ed@example.org", "mentee", "1"],
        ["Flo", "flo@example.org", "mentee", "90"],
    ]
    path = write_csv(tmp_path / "bad.csv", ["Name", "Email address", "Role", "Years"], rows)
    result = cli("import", str(path))
    clean_failure(result)
    err = result.stderr
    # every bad value is named by the sheet's column, a bad email as the rest
    assert "bad.csv: row 3: column 'Email address' (email): " in err
    assert "bad.csv: row 4: column 'Role' (role): 'boss' is not a role" in err
    assert "bad.csv: row 5: column 'Years' (years_experience): 'lots' is not a number" in err
    assert "bad.csv: row 6: column 'Name' (name): required" in err
    assert "bad.csv: row 7: column 'Years' (years_experience): Input should be less than" in err
    assert "row 2" not in err
    assert "Nothing was imported" in err
    assert folder.participant_ids() == []


def test_skip_bad_imports_the_good_rows(cli: Any, folder: ProgramFolder, tmp_path: Path) -> None:
    rows = [["Ann", "ann@example.org", "mentor"], ["Bob", "bob", "mentee"]]
    path = write_csv(tmp_path / "bad.csv", ["Name", "Email", "Role"], rows)
    result = cli("import", str(path), "--skip-bad")
    assert result.exit_code == 0, result.stderr
    assert "1 bad rows skipped" in result.stdout
    assert "row 3" in result.stdout
    assert folder.participant_ids() == ["ann"]


def test_reimport_updates_by_email_and_never_duplicates(
    cli: Any, folder: ProgramFolder, signup: Path, tmp_path: Path
) -> None:
    assert cli("import", str(signup)).exit_code == 0
    first = {i: folder.participant_path(i).read_bytes() for i in folder.participant_ids()}
    again = cli("import", str(signup))
    assert again.exit_code == 0, again.stderr
    assert "0 new, 0 updated, 3 unchanged" in again.stdout
    assert {i: folder.participant_path(i).read_bytes() for i in folder.participant_ids()} == first

    changed = [list(r) for r in ROWS]
    changed[0][4] = "Cardiology"  # Ann moved department
    changed[1][1] = "Robert Jones"  # Bob uses his full name now
    changed[2][2] = "CY@EXAMPLE.ORG"  # same person, email typed in capitals
    path = write_csv(tmp_path / "v2.csv", HEADERS, changed)
    result = cli("import", str(path), "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["created"], data["updated"], data["unchanged"]) == (0, 2, 1)
    assert folder.participant_ids() == ["ann-smith", "bob-jones", "cy-young"]
    assert folder.load_participant("ann-smith").department == "Cardiology"
    assert folder.load_participant("bob-jones").name == "Robert Jones"


def test_reimport_keeps_fields_the_form_does_not_have(
    cli: Any, folder: ProgramFolder, tmp_path: Path
) -> None:
    make_person(folder, "Ann Smith", email="ann@example.org", role="mentor", notes="keep me",
                status="paused", joined=dt.date(2025, 1, 1))
    path = write_csv(tmp_path / "s.csv", ["Name", "Email", "Role", "Site"],
                     [["Ann Smith", "ann@example.org", "mentor", "East"]])
    assert cli("import", str(path)).exit_code == 0
    ann = folder.load_participant("ann-smith")
    assert ann.site == "East"
    assert ann.notes == "keep me"
    assert ann.status.value == "paused"
    assert ann.joined == dt.date(2025, 1, 1)



def test_a_status_changed_by_a_reimport_is_dated(
    cli: Any, folder: ProgramFolder, tmp_path: Path
) -> None:
    """A re-import that pauses someone records the day it took effect (the import's), as
    `participants edit --status` does: `--as-of` an earlier day still shows them active,
    and the report of that day counts them so."""
    make_person(folder, "Ann Smith", email="ann@example.org", role="mentor",
                joined=dt.date(2025, 1, 1))
    path = write_csv(tmp_path / "s.csv", ["Name", "Email", "Role", "Status"],
                     [["Ann Smith", "ann@example.org", "mentor", "paused"]])
    result = cli("import", str(path))
    assert result.exit_code == 0, result.stderr
    ann = folder.load_participant("ann-smith")
    today = dt.date.today()
    assert ann.status.value == "paused"
    assert [(c.date, c.status.value) for c in ann.status_changes or []] == [(today, "paused")]
    assert ann.status_on(today - dt.timedelta(days=1)).value == "active"
    again = cli("import", str(path))  # the same status again: nothing new to record
    assert again.exit_code == 0 and "1 unchanged" in again.stdout
    assert folder.load_participant("ann-smith").status_changes == ann.status_changes

def test_new_person_with_a_taken_name_gets_a_new_id(
    cli: Any, folder: ProgramFolder, tmp_path: Path
) -> None:
    make_person(folder, "Ann Smith", email="ann1@example.org")
    path = write_csv(tmp_path / "s.csv", ["Name", "Email", "Role"],
                     [["Ann Smith", "ann2@example.org", "mentee"],
                      ["Ann Smith", "ann3@example.org", "mentee"]])
    assert cli("import", str(path)).exit_code == 0
    assert folder.participant_ids() == ["ann-smith", "ann-smith-2", "ann-smith-3"]


def test_duplicate_emails_within_the_file(cli: Any, folder: ProgramFolder, tmp_path: Path) -> None:
    rows = [["Ann", "ann@example.org", "mentor"], ["Ann Again", "ANN@example.org", "mentee"]]
    path = write_csv(tmp_path / "d.csv", ["Name", "Email", "Role"], rows)
    result = cli("import", str(path))
    clean_failure(result)
    assert "row 3" in result.stderr
    assert "also on row 2" in result.stderr
    assert folder.participant_ids() == []


def test_duplicate_email_of_an_existing_person_within_the_file(
    cli: Any, folder: ProgramFolder, tmp_path: Path
) -> None:
    make_person(folder, "Ann", email="ann@example.org", role="mentor")
    rows = [["Ann", "ann@example.org", "mentor"], ["Ann", "ann@example.org", "both"]]
    path = write_csv(tmp_path / "d.csv", ["Name", "Email", "Role"], rows)
    result = cli("import", str(path))
    clean_failure(result)
    assert "also on row 2" in result.stderr
    assert folder.load_participant("ann").role.value == "mentor"


def test_column_flags(cli: Any, folder: ProgramFolder, tmp_path: Path) -> None:
    headers = ["Who are you?", "Contact", "Mentor or mentee?", "Ward", "Comments"]
    rows = [["Ann", "ann@example.org", "Mentor", "ICU", "hello"]]
    path = write_csv(tmp_path / "s.csv", headers, rows)
    result = cli(
        "import", str(path), "--column", "Who are you?=name", "--column", "Contact=email",
        "--column", "Ward=department", "--column", "Comments=ignore",
    )
    assert result.exit_code == 0, result.stderr
    ann = folder.load_participant("ann")
    assert ann.department == "ICU"
    assert ann.notes == ""  # the comments column was ignored


def test_column_map_file(cli: Any, folder: ProgramFolder, tmp_path: Path) -> None:
    headers = ["Who are you?", "Contact", "Mentor or mentee?", "Ward", "Timestamp"]
    path = write_csv(tmp_path / "s.csv", headers, [["Ann", "ann@example.org", "Both", "ICU", "x"]])
    column_map = tmp_path / "map.yaml"
    column_map.write_text(
        "# how our form's questions map to mentorkit fields\n"
        "columns:\n"
        "  Who are you?: name\n"
        "  Contact: email\n"
        "  Ward: department\n"
        "  Timestamp: ignore\n"
    )
    result = cli("import", str(path), "--map", str(column_map), "--column", "Ward=site")
    assert result.exit_code == 0, result.stderr
    ann = folder.load_participant("ann")
    assert ann.role.value == "both"
    assert ann.site == "ICU"  # --column wins over the map file
    assert ann.department == ""


def test_column_map_file_without_columns_key(
    cli: Any, folder: ProgramFolder, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "s.csv", ["Who", "Email", "Role"], [["Ann", "a@example.org", "x"]])
    column_map = tmp_path / "map.yaml"
    column_map.write_text("Who: name\nRole: ignore\n")
    result = cli("import", str(path), "--map", str(column_map))
    clean_failure(result)
    assert "no column for role" in result.stderr


def test_column_map_names_an_unknown_field(cli: Any, folder: ProgramFolder, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "s.csv", ["Name", "Email", "Role", "Ward"], [])
    column_map = tmp_path / "map.yaml"
    column_map.write_text("columns:\n  Name: name\n  Ward: dept\n")
    result = cli("import", str(path), "--map", str(column_map))
    clean_failure(result)
    assert "map.yaml:3: Ward: 'dept' is not a participant field" in result.stderr


def test_column_map_names_a_column_the_file_lacks(
    cli: Any, folder: ProgramFolder, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "s.csv", ["Name", "Email", "Role"], [])
    column_map = tmp_path / "map.yaml"
    column_map.write_text("columns:\n  Ward: department\n")
    result = cli("import", str(path), "--map", str(column_map))
    clean_failure(result)
    assert "'Ward'" in result.stderr
    assert "'Name', 'Email', 'Role'" in result.stderr


@pytest.mark.parametrize("text", ["- a\n- b\n", "columns: [1, 2]\n", "columns: {a: [b]}\n",
                                  ": : :\n", "{1: name}\n"])
def test_malformed_column_map(cli: Any, folder: ProgramFolder, tmp_path: Path, text: str) -> None:
    path = write_csv(tmp_path / "s.csv", ["Name", "Email", "Role"], [])
    column_map = tmp_path / "map.yaml"
    column_map.write_text(text)
    clean_failure(cli("import", str(path), "--map", str(column_map)))


def test_missing_column_map(cli: Any, folder: ProgramFolder, signup: Path, tmp_path: Path) -> None:
    clean_failure(cli("import", str(signup), "--map", str(tmp_path / "nope.yaml")), 3)


@pytest.mark.parametrize("flag", ["no-equals-sign", "=name", "Ward=dept"])
def test_bad_column_flag(cli: Any, folder: ProgramFolder, signup: Path, flag: str) -> None:
    clean_failure(cli("import", str(signup), "--column", flag))


def test_two_columns_for_one_field(cli: Any, folder: ProgramFolder, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "s.csv", ["Name", "Full name", "Email", "Role"], [])
    result = cli("import", str(path))
    clean_failure(result)
    assert "two columns would fill name" in result.stderr
    result = cli("import", str(path), "--column", "Full name=ignore")
    assert result.exit_code == 0, result.stderr


def test_required_columns_missing(cli: Any, folder: ProgramFolder, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "s.csv", ["Name", "Department"], [["Ann", "ICU"]])
    result = cli("import", str(path))
    clean_failure(result)
    assert "no column for email, role" in result.stderr


def test_import_with_an_invalid_participant_file_refuses(
    cli: Any, folder: ProgramFolder, signup: Path
) -> None:
    (folder.participants_dir / "broken.yaml").write_text("kind: participant\nname: [\n")
    result = cli("import", str(signup))
    clean_failure(result)
    assert "participants/broken.yaml" in result.stderr
    assert folder.participant_ids() == ["broken"]


def test_import_through_program_option(
    cli: Any, program_dir: Path, signup: Path, tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("-p", str(program_dir), "import", str(signup))
    assert result.exit_code == 0, result.stderr
    assert len(list((program_dir / "participants").glob("*.yaml"))) == 3


def test_reimport_cannot_change_the_role_of_someone_in_a_relationship(
    cli: Any, folder: ProgramFolder, tmp_path: Path
) -> None:
    from mentorkit.models.relationship import Relationship

    make_person(folder, "Ann", email="ann@example.org", role="mentor")
    make_person(folder, "Cy", email="cy@example.org", role="mentee")
    folder.save_relationship(
        Relationship(kind="relationship", mentor="ann", mentee="cy", created=dt.date(2026, 1, 5))
    )
    path = write_csv(tmp_path / "s.csv", ["Name", "Email", "Role"],
                     [["Ann", "ann@example.org", "mentee"], ["Cy", "cy@example.org", "both"]])
    result = cli("import", str(path))
    clean_failure(result)
    assert "row 2" in result.stderr and "ann is the mentor in ann--cy" in result.stderr
    assert "row 3" not in result.stderr  # widening cy to both keeps the mentee side
    assert folder.load_participant("ann").role.value == "mentor"
    assert folder.load_participant("cy").role.value == "mentee"


def test_manager_given_by_name_is_stored_as_their_id_and_keeps_them_apart(
    cli: Any, folder: ProgramFolder, tmp_path: Path
) -> None:
    make_person(folder, "Ola Boss", role="mentor", years_experience=25)
    rows = [["Quinn Staff", "quinn@example.org", "mentee", "2", "Dana Lead"],  # further down
            ["Dana Lead", "dana@example.org", "mentor", "20", ""],
            ["Ray Moss", "ray@example.org", "mentee", "2", "OLA BOSS"],
            ["Sam Hill", "sam@example.org", "mentee", "2", "Boss@Elsewhere.org"]]
    path = write_csv(tmp_path / "s.csv", ["Name", "Email", "Role", "Years", "Manager"], rows)
    result = cli("import", str(path))
    assert result.exit_code == 0, result.stderr
    assert folder.load_participant("quinn-staff").manager == "dana-lead"
    assert folder.load_participant("ray-moss").manager == "ola-boss"
    assert folder.load_participant("sam-hill").manager == "boss@elsewhere.org"  # not enrolled
    proposed = json.loads(cli("match", "--json").stdout)
    assert {p["mentee"]: p["mentor"] for p in proposed["pairs"]}["quinn-staff"] != "dana-lead"


def test_a_manager_who_names_nobody_refuses_the_import(
    cli: Any, folder: ProgramFolder, tmp_path: Path
) -> None:
    rows = [["Dana Lead", "dana@example.org", "mentor", "Dana Leed"],
            ["Quinn Staff", "quinn@example.org", "mentee", "Quinn Staff"]]
    path = write_csv(tmp_path / "s.csv", ["Name", "Email", "Role", "Manager"], rows)
    result = cli("import", str(path))
    clean_failure(result)
    assert ("s.csv: row 2: column 'Manager' (manager): 'Dana Leed' is not an enrolled "
            "participant") in result.stderr
    assert "s.csv: row 3: column 'Manager' (manager): a person cannot be their own manager" \
        in result.stderr
    assert folder.participant_ids() == []
