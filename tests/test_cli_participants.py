"""`mentorkit add` and `mentorkit participants list|show|edit|remove` through the CLI."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import make_person

from mentorkit.models.relationship import Relationship
from mentorkit.store.folder import ProgramFolder
from mentorkit.vocab import RelationshipStatus


def clean_failure(result: Any, code: int) -> None:
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert result.stderr.startswith("error: ")
    assert "Traceback" not in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


def pair(folder: ProgramFolder, mentor: str, mentee: str, status: str = "active") -> Relationship:
    relationship = Relationship(
        kind="relationship",
        mentor=mentor,
        mentee=mentee,
        status=RelationshipStatus(status),
        created=dt.date(2026, 1, 10),
    )
    folder.save_relationship(relationship)
    return relationship


# -- add -----------------------------------------------------------------------------------


def test_add_with_every_flag(cli: Any, folder: ProgramFolder) -> None:
    result = cli(
        "add", "María López", "--no-interactive",
        "--email", "Maria.Lopez@Example.org",
        "--role", "both",
        "--job-title", "Charge Nurse",
        "--department", "ICU",
        "--site", "North Campus",
        "--years", "12.5",
        "--manager", "head@example.org",
        "--can-help-with", "Leadership; QI projects",
        "--can-help-with", "rostering",
        "--wants-help-with", "research",
        "--career-goal", "Nurse manager",
        "--interest", "running, chess",
        "--language", "English", "--language", "Spanish",
        "--mode", "video", "--mode", "in-person",
        "--available", "weekday-morning",
        "--capacity", "3",
        "--notes", "Prefers night-shift mentees",
    )
    assert result.exit_code == 0, result.stderr
    assert "Added maria-lopez (María López, both)" in result.stdout
    p = folder.load_participant("maria-lopez")
    assert p.name == "María López"
    assert p.email == "maria.lopez@example.org"
    assert p.role.value == "both"
    assert p.job_title == "Charge Nurse"
    assert p.department == "ICU"
    assert p.site == "North Campus"
    assert p.years_experience == 12.5
    assert p.manager == "head@example.org"
    assert p.can_help_with == ["Leadership", "QI projects", "rostering"]
    assert p.wants_help_with == ["research"]
    assert p.career_goals == ["Nurse manager"]
    assert p.interests == ["running", "chess"]
    assert p.languages == ["English", "Spanish"]
    assert [m.value for m in p.meeting_modes] == ["video", "in-person"]
    assert [a.value for a in p.availability] == ["weekday-morning"]
    assert p.capacity == 3
    assert p.notes == "Prefers night-shift mentees"
    assert p.joined == dt.date.today()


def test_add_json(cli: Any, folder: ProgramFolder) -> None:
    result = cli("add", "Dan Ortiz", "--email", "dan@example.org", "--role", "mentor", "--json",
                 "--no-interactive")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["id"] == "dan-ortiz"
    assert data["action"] == "added"
    assert data["mentor_capacity"] == 2  # the program's default
    assert data["relationships"] == []


def test_add_same_name_gets_a_numbered_id(cli: Any, folder: ProgramFolder) -> None:
    make_person(folder, "Dan Ortiz")
    result = cli("add", "Dan Ortiz", "--email", "dan2@example.org", "--role", "mentee",
                 "--no-interactive")
    assert result.exit_code == 0, result.stderr
    assert folder.participant_ids() == ["dan-ortiz", "dan-ortiz-2"]


def test_add_with_prompts(cli: Any, folder: ProgramFolder) -> None:
    answers = "\n".join(
        [
            "Amy Chen",  # name
            "amy@example.org",  # email
            "I want to be a mentor",  # role
            "Pharmacist",  # job title
            "Pharmacy",  # department
            "",  # site: left empty
            "8",  # years
            "Antibiotics; audits",  # can help with (mentor)
            "Chief pharmacist",  # career goals
        ]
    ) + "\n"
    result = cli("add", "--interactive", input=answers)
    assert result.exit_code == 0, result.stderr
    assert "What do you want help with" not in result.stdout  # a mentor is not asked
    p = folder.load_participant("amy-chen")
    assert p.role.value == "mentor"
    assert p.job_title == "Pharmacist"
    assert p.department == "Pharmacy"
    assert p.site == ""
    assert p.years_experience == 8
    assert p.can_help_with == ["Antibiotics", "audits"]
    assert p.career_goals == ["Chief pharmacist"]


def test_add_prompts_a_mentee_for_what_they_want(cli: Any, folder: ProgramFolder) -> None:
    answers = "\n".join(["", "", "", "", "Rostering; research", ""]) + "\n"
    result = cli(
        "add", "Ben Ito", "--email", "ben@example.org", "--role", "mentee", "--interactive",
        input=answers,
    )
    assert result.exit_code == 0, result.stderr
    assert "What can you help with" not in result.stdout
    assert folder.load_participant("ben-ito").wants_help_with == ["Rostering", "research"]


def test_add_prompt_asks_a_bad_role_again_from_a_menu(cli: Any, folder: ProgramFolder) -> None:
    result = cli("add", "--interactive", input="Amy\namy@example.org\nboss\n2\n" + "\n" * 6)
    assert result.exit_code == 0, result.stderr
    assert "Role (1 mentor, 2 mentee, 3 both)" in result.stdout
    assert "Choose a number from 1 to 3, or one of: mentor, mentee, both." in result.stdout
    assert folder.load_participant("amy").role.value == "mentee"


def test_add_prompt_with_bad_years(cli: Any, folder: ProgramFolder) -> None:
    answers = "Amy\namy@example.org\nmentee\n\n\n\nlots\n\n\n"
    result = cli("add", "--interactive", input=answers)
    clean_failure(result, 2)
    assert "years_experience: 'lots' is not a number" in result.stderr
    assert folder.participant_ids() == []
    answers = answers.replace("lots", "6 months")  # as --years and a sign-up sheet read it
    assert cli("add", "--interactive", input=answers).exit_code == 0
    assert folder.load_participant("amy").years_experience == 0.5


def test_add_duplicate_email_is_refused(cli: Any, folder: ProgramFolder) -> None:
    make_person(folder, "Maria Lopez", email="maria@example.org")
    result = cli("add", "Maria L", "--email", "MARIA@example.org", "--role", "mentee",
                 "--no-interactive")
    clean_failure(result, 4)
    assert "maria-lopez" in result.stderr
    assert folder.participant_ids() == ["maria-lopez"]


@pytest.mark.parametrize(
    ("args", "missing"),
    [
        (["--email", "a@example.org", "--role", "mentee"], "name"),
        (["Amy", "--role", "mentee"], "email"),
        (["Amy", "--email", "a@example.org"], "role"),
        ([], "name, email, role"),
    ],
)
def test_add_missing_fields(cli: Any, folder: ProgramFolder, args: list[str], missing: str) -> None:
    result = cli("add", *args, "--no-interactive")
    clean_failure(result, 2)
    assert f"missing {missing}" in result.stderr
    assert folder.participant_ids() == []


@pytest.mark.parametrize("email", ["not-an-email", "a@", "@example.org", "a b@example.org"])
def test_add_bad_email(cli: Any, folder: ProgramFolder, email: str) -> None:
    result = cli("add", "Amy", "--email", email, "--role", "mentee", "--no-interactive")
    clean_failure(result, 2)
    assert "email" in result.stderr
    assert folder.participant_ids() == []


def test_add_bad_role(cli: Any, folder: ProgramFolder) -> None:
    result = cli("add", "Amy", "--email", "a@example.org", "--role", "boss", "--no-interactive")
    assert result.exit_code == 2
    assert "--role" in result.stderr
    assert "Traceback" not in result.stderr
    assert folder.participant_ids() == []


@pytest.mark.parametrize(
    "flags",
    [["--years", "-1"], ["--years", "71"], ["--capacity", "51"], ["--mode", "pigeon"],
     ["--available", "never"]],
)
def test_add_bad_values(cli: Any, folder: ProgramFolder, flags: list[str]) -> None:
    result = cli("add", "Amy", "--email", "a@example.org", "--role", "mentor", *flags,
                 "--no-interactive")
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    assert folder.participant_ids() == []


@pytest.mark.parametrize(("given", "years"), [
    ("6 months", 0.5), ("3 years", 3), ("2.5 yrs", 2.5), ("10+", 10), ("18 mos", 1.5),
])
def test_years_are_read_as_the_sign_up_sheet_reads_them(
    cli: Any, folder: ProgramFolder, tmp_path: Path, given: str, years: float
) -> None:
    # `add` and `edit` said "give a number" where `import` read "6 months" as 0.5
    result = cli("add", "Amy Lee", "--email", "amy@example.org", "--role", "mentee",
                 "--years", given, "--no-interactive")
    assert result.exit_code == 0, result.stderr
    assert folder.load_participant("amy-lee").years_experience == years
    assert cli("participants", "edit", "amy-lee", "--years", "1").exit_code == 0
    result = cli("participants", "edit", "amy-lee", "--years", given)
    assert result.exit_code == 0, result.stderr
    assert folder.load_participant("amy-lee").years_experience == years
    sheet = tmp_path / "signup.csv"
    sheet.write_text(f"Name,Email,Role,Years\nBo Ray,bo@example.org,mentee,{given}\n",
                     encoding="utf-8")
    assert cli("import", str(sheet)).exit_code == 0
    assert folder.load_participant("bo-ray").years_experience == years


def test_add_name_that_is_only_punctuation(cli: Any, folder: ProgramFolder) -> None:
    result = cli("add", "!!!", "--email", "x@example.org", "--role", "mentee", "--no-interactive")
    assert result.exit_code == 0, result.stderr
    assert folder.participant_ids() == ["person"]


# -- list ----------------------------------------------------------------------------------


@pytest.fixture
def staff(folder: ProgramFolder) -> ProgramFolder:
    make_person(folder, "Ann Mentor", role="mentor", department="ICU", site="North",
                years_experience=15)
    make_person(folder, "Bob Both", role="both", department="ED", site="North",
                years_experience=8)
    make_person(folder, "Cy Mentee", role="mentee", department="icu", site="South")
    make_person(folder, "Di Paused", role="mentee", department="ED", site="South",
                status="paused")
    make_person(folder, "Ed Gone", role="mentor", department="Lab", site="South",
                status="withdrawn", years_experience=20)
    return folder


def listed(cli: Any, *args: str) -> list[str]:
    result = cli("participants", "list", "--json", *args)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["total"] == 5
    assert data["shown"] == len(data["participants"])
    return [p["id"] for p in data["participants"]]


def test_list_all(cli: Any, staff: ProgramFolder) -> None:
    assert listed(cli) == ["ann-mentor", "bob-both", "cy-mentee", "di-paused", "ed-gone"]


@pytest.mark.parametrize(
    ("args", "ids"),
    [
        (["--role", "mentor"], ["ann-mentor", "bob-both", "ed-gone"]),
        (["--role", "mentee"], ["bob-both", "cy-mentee", "di-paused"]),
        (["--role", "both"], ["bob-both"]),
        (["--department", "ICU"], ["ann-mentor", "cy-mentee"]),  # case-insensitive
        (["--department", "ed"], ["bob-both", "di-paused"]),
        (["--site", "south"], ["cy-mentee", "di-paused", "ed-gone"]),
        (["--status", "active"], ["ann-mentor", "bob-both", "cy-mentee"]),
        (["--status", "paused"], ["di-paused"]),
        (["--status", "withdrawn"], ["ed-gone"]),
        (["--role", "mentor", "--site", "north"], ["ann-mentor", "bob-both"]),
        (["--department", "Radiology"], []),
    ],
)
def test_list_filters(cli: Any, staff: ProgramFolder, args: list[str], ids: list[str]) -> None:
    assert listed(cli, *args) == ids


def test_list_json_carries_the_fields(cli: Any, staff: ProgramFolder) -> None:
    pair(staff, "ann-mentor", "cy-mentee")
    data = json.loads(cli("participants", "list", "--json", "--role", "mentor").stdout)
    ann = data["participants"][0]
    assert ann["id"] == "ann-mentor"
    assert ann["email"] == "ann-mentor@example.org"
    assert ann["department"] == "ICU"
    assert ann["years_experience"] == 15
    assert ann["mentor_capacity"] == 2
    assert ann["open_as_mentor"] == 1


def test_list_table(cli: Any, staff: ProgramFolder) -> None:
    pair(staff, "ann-mentor", "cy-mentee")
    result = cli("participants", "list", "--role", "mentor")
    assert result.exit_code == 0, result.stderr
    assert "Ann Mentor" in result.stdout
    assert "Cy Mentee" not in result.stdout
    assert "1/2" in result.stdout  # one open pair of a capacity of two
    assert "3 of 5 participants" in result.stdout


def test_list_nothing_matches(cli: Any, staff: ProgramFolder) -> None:
    result = cli("participants", "list", "--site", "Moon")
    assert result.exit_code == 0
    assert "No participants match (5 enrolled)" in result.stdout


def test_list_bad_filter_value(cli: Any, staff: ProgramFolder) -> None:
    result = cli("participants", "list", "--status", "asleep")
    assert result.exit_code == 2
    assert "--status" in result.stderr


def test_list_with_an_invalid_file_names_it(cli: Any, staff: ProgramFolder) -> None:
    (staff.participants_dir / "zed.yaml").write_text("kind: participant\nname: Zed\n")
    result = cli("participants", "list")
    clean_failure(result, 2)
    assert "participants/zed.yaml" in result.stderr
    assert "email: required field is missing" in result.stderr


# -- show ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query", ["bob-both", "bob", "Bob Both", "bob both", "BOB-BOTH@example.org"]
)
def test_show_by_id_prefix_name_or_email(cli: Any, staff: ProgramFolder, query: str) -> None:
    result = cli("participants", "show", query, "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["id"] == "bob-both"


def test_show_lists_relationships(cli: Any, staff: ProgramFolder) -> None:
    pair(staff, "ann-mentor", "cy-mentee")
    result = cli("participants", "show", "cy-mentee")
    assert result.exit_code == 0, result.stderr
    assert "mentee of ann-mentor (active)" in result.stdout
    data = json.loads(cli("participants", "show", "ann", "--json").stdout)
    assert data["relationships"] == [
        {"id": "ann-mentor--cy-mentee", "mentor": "ann-mentor", "mentee": "cy-mentee",
         "status": "active"}
    ]


def test_show_ambiguous_prefix(cli: Any, folder: ProgramFolder) -> None:
    make_person(folder, "Dan Ortiz")
    make_person(folder, "Dana Scully")
    result = cli("participants", "show", "dan")
    clean_failure(result, 2)
    assert "dan-ortiz" in result.stderr and "dana-scully" in result.stderr


def test_show_unknown_person_suggests_the_closest(cli: Any, staff: ProgramFolder) -> None:
    result = cli("participants", "show", "Bob Bothe")
    clean_failure(result, 3)
    assert "no participant 'Bob Bothe'" in result.stderr
    assert "Did you mean bob-both" in result.stderr


def test_show_unknown_with_nothing_close(cli: Any, staff: ProgramFolder) -> None:
    result = cli("participants", "show", "zzzzzz")
    clean_failure(result, 3)
    assert "participants list" in result.stderr


@pytest.mark.parametrize("query", ["../program", "../../etc/passwd", "a/b", ""])
def test_show_with_path_like_query(cli: Any, staff: ProgramFolder, query: str) -> None:
    result = cli("participants", "show", query)
    assert result.exit_code in (2, 3)
    assert "Traceback" not in result.stderr


# -- edit ----------------------------------------------------------------------------------


def test_edit_pause_and_withdraw(cli: Any, staff: ProgramFolder) -> None:
    result = cli("participants", "edit", "cy", "--status", "paused")
    assert result.exit_code == 0, result.stderr
    assert "Updated cy-mentee" in result.stdout
    assert staff.load_participant("cy-mentee").status.value == "paused"
    assert cli("participants", "edit", "Cy Mentee", "--status", "withdrawn").exit_code == 0
    assert staff.load_participant("cy-mentee").status.value == "withdrawn"


def test_edit_lists_replace_and_scalars_change(cli: Any, staff: ProgramFolder) -> None:
    result = cli(
        "participants", "edit", "ann-mentor", "--can-help-with", "Audit; Teaching",
        "--years", "16", "--site", "East", "--json",
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["action"] == "updated"
    p = staff.load_participant("ann-mentor")
    assert p.can_help_with == ["Audit", "Teaching"]
    assert p.years_experience == 16
    assert p.site == "East"
    assert p.department == "ICU"  # untouched


def test_edit_with_nothing_changed(cli: Any, staff: ProgramFolder) -> None:
    path = staff.participant_path("ann-mentor")
    before = path.stat().st_mtime_ns
    result = cli("participants", "edit", "ann-mentor", "--site", "North")
    assert result.exit_code == 0, result.stderr
    assert "Unchanged ann-mentor" in result.stdout
    assert path.stat().st_mtime_ns == before


def test_edit_email_must_stay_unique(cli: Any, staff: ProgramFolder) -> None:
    result = cli("participants", "edit", "cy", "--email", "Ann-Mentor@example.org")
    clean_failure(result, 4)
    assert "ann-mentor" in result.stderr
    assert staff.load_participant("cy-mentee").email == "cy-mentee@example.org"


def test_edit_own_email_case_is_fine(cli: Any, staff: ProgramFolder) -> None:
    result = cli("participants", "edit", "cy", "--email", "CY-MENTEE@example.org")
    assert result.exit_code == 0, result.stderr
    assert "Unchanged" in result.stdout


def test_edit_bad_email(cli: Any, staff: ProgramFolder) -> None:
    result = cli("participants", "edit", "cy", "--email", "nope")
    clean_failure(result, 2)
    assert "email" in result.stderr


def test_edit_role_change_refused_while_in_a_relationship(cli: Any, staff: ProgramFolder) -> None:
    pair(staff, "ann-mentor", "cy-mentee")
    result = cli("participants", "edit", "ann-mentor", "--role", "mentee")
    clean_failure(result, 2)
    assert "ann-mentor--cy-mentee" in result.stderr
    result = cli("participants", "edit", "cy-mentee", "--role", "mentor")
    clean_failure(result, 2)
    assert "mentee in ann-mentor--cy-mentee" in result.stderr
    assert staff.load_participant("cy-mentee").role.value == "mentee"
    # widening to both keeps every side they play
    assert cli("participants", "edit", "cy-mentee", "--role", "both").exit_code == 0


def test_edit_role_change_without_relationships(cli: Any, staff: ProgramFolder) -> None:
    assert cli("participants", "edit", "cy-mentee", "--role", "mentor").exit_code == 0
    assert staff.load_participant("cy-mentee").role.value == "mentor"


def test_edit_unknown_person(cli: Any, staff: ProgramFolder) -> None:
    result = cli("participants", "edit", "ann-mentr", "--status", "paused")
    clean_failure(result, 3)
    assert "ann-mentor" in result.stderr


# -- remove --------------------------------------------------------------------------------


def test_remove(cli: Any, staff: ProgramFolder) -> None:
    result = cli("participants", "remove", "di-paused", "--yes")
    assert result.exit_code == 0, result.stderr
    assert "Removed di-paused" in result.stdout
    assert "di-paused" not in staff.participant_ids()


def test_remove_asks_for_confirmation(cli: Any, staff: ProgramFolder, monkeypatch: Any) -> None:
    monkeypatch.setattr("mentorkit.cli.participants_cmd.interactive", lambda flag: True)
    result = cli("participants", "remove", "di-paused", input="n\n")
    assert result.exit_code == 130  # stopped by the user
    assert "Nothing removed." in result.stderr
    assert "di-paused" in staff.participant_ids()
    result = cli("participants", "remove", "di-paused", input="y\n")
    assert result.exit_code == 0, result.stderr
    assert "di-paused" not in staff.participant_ids()


@pytest.mark.parametrize("status", ["active", "proposed", "completed"])
def test_remove_refused_when_in_a_relationship(
    cli: Any, staff: ProgramFolder, status: str
) -> None:
    pair(staff, "ann-mentor", "cy-mentee", status)
    for who in ("ann-mentor", "cy-mentee"):
        result = cli("participants", "remove", who, "--yes")
        clean_failure(result, 4)
        assert "ann-mentor--cy-mentee" in result.stderr
        assert "--status withdrawn" in result.stderr
        assert who in staff.participant_ids()


def test_remove_refused_when_someone_names_them_as_manager(
    cli: Any, folder: ProgramFolder
) -> None:
    make_person(folder, "Boss Person", role="mentor")
    make_person(folder, "Report One", manager="boss-person")
    make_person(folder, "Report Two", manager="BOSS-PERSON@example.org", email="r2@example.org")
    result = cli("participants", "remove", "boss-person", "--yes")
    clean_failure(result, 4)
    assert "manager of report-one" in result.stderr
    assert "manager of report-two" in result.stderr
    assert "boss-person" in folder.participant_ids()


def test_remove_refused_when_a_preferred_mentor(cli: Any, folder: ProgramFolder) -> None:
    make_person(folder, "Ann Mentor", role="mentor")
    make_person(folder, "Cy Mentee", preferred_mentors=["ann-mentor"])
    result = cli("participants", "remove", "ann-mentor", "--yes")
    clean_failure(result, 4)
    assert "preferred mentor of cy-mentee" in result.stderr


def test_remove_unknown(cli: Any, staff: ProgramFolder) -> None:
    clean_failure(cli("participants", "remove", "nobody-here", "--yes"), 3)


# -- finding the program folder ------------------------------------------------------------


def test_program_option(cli: Any, program_dir: Path, tmp_path: Path, monkeypatch: Any) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = cli("--program", str(program_dir), "add", "Amy", "--email", "a@example.org",
                 "--role", "mentee", "--no-interactive")
    assert result.exit_code == 0, result.stderr
    assert (program_dir / "participants" / "amy.yaml").is_file()


def test_program_env_var(cli: Any, program_dir: Path, tmp_path: Path, monkeypatch: Any) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = cli("participants", "list", "--json", env={"MENTORKIT_PROGRAM": str(program_dir)})
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["total"] == 0


def test_program_found_from_a_subfolder(cli: Any, folder: ProgramFolder, monkeypatch: Any) -> None:
    make_person(folder, "Amy")
    deep = folder.root / "relationships" / "notes" / "deeper"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    result = cli("participants", "list", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["total"] == 1


def test_no_program_folder(cli: Any, tmp_path: Path, monkeypatch: Any) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.chdir(empty)
    monkeypatch.delenv("MENTORKIT_PROGRAM", raising=False)
    for args in (["participants", "list"], ["validate"], ["add", "A", "--email", "a@b.org",
                                                          "--role", "mentee"]):
        result = cli(*args)
        clean_failure(result, 3)
        assert "mentorkit init" in result.stderr


def test_program_option_pointing_at_a_plain_folder(cli: Any, tmp_path: Path) -> None:
    result = cli("--program", str(tmp_path), "participants", "list")
    clean_failure(result, 3)
    assert "not a mentorkit program" in result.stderr


def test_env_var_pointing_nowhere(cli: Any, tmp_path: Path) -> None:
    result = cli("validate", env={"MENTORKIT_PROGRAM": str(tmp_path / "missing")})
    clean_failure(result, 3)


def test_remove_refused_when_program_yaml_names_them(cli: Any, folder: ProgramFolder) -> None:
    make_person(folder, "Ann Mentor", role="mentor", years_experience=12)
    make_person(folder, "Cy Mentee", years_experience=1)
    text = folder.program_path.read_text()
    folder.program_path.write_text(
        text.replace(
            "  pinned: []\n", "  pinned:\n  - mentor: ann-mentor\n    mentee: cy-mentee\n"
        )
    )
    for who in ("ann-mentor", "cy-mentee"):
        result = cli("participants", "remove", who, "--yes")
        clean_failure(result, 4)
        assert "pinned in program.yaml" in result.stderr
    assert cli("validate").exit_code == 0


def test_add_does_not_prompt_when_not_on_a_terminal(cli: Any, folder: ProgramFolder) -> None:
    result = cli("add", "Amy", input="amy@example.org\nmentee\n")
    clean_failure(result, 2)
    assert "missing email, role" in result.stderr
    assert "Work email" not in result.stdout


@pytest.mark.parametrize(
    ("manager", "message"),
    [
        ("ann-lee", "a person cannot be their own manager"),
        ("nobody-at-all", "'nobody-at-all' is neither an enrolled participant nor an email"),
    ],
)
def test_edit_refuses_a_manager_that_validate_would_reject(
    cli: Any, folder: ProgramFolder, manager: str, message: str
) -> None:
    make_person(folder, "Ann Lee")
    before = folder.participant_path("ann-lee").read_text()
    result = cli("participants", "edit", "ann-lee", "--manager", manager)
    assert result.exit_code == 2
    assert message in result.stderr
    assert folder.participant_path("ann-lee").read_text() == before
    added = cli("add", "Bo Chan", "--email", "bo@example.org", "--role", "mentee",
                "--manager", "nobody-at-all", "--no-interactive")
    assert added.exit_code == 2 and "manager" in added.stderr
    assert "bo-chan" not in folder.participant_ids()
    fine = cli("participants", "edit", "ann-lee", "--manager", "boss@elsewhere.org")
    assert fine.exit_code == 0, fine.stderr
