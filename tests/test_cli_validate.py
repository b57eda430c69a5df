"""`mentorkit validate`: every file and every reference, all problems at once."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import make_person
from toolkit_support import TODAY, days

from mentorkit.models.relationship import Relationship
from mentorkit.services.monitoring.validate import run as validate
from mentorkit.store.folder import ProgramFolder
from mentorkit.vocab import RelationshipStatus


def problems(cli: Any) -> list[dict[str, Any]]:
    result = cli("validate", "--json")
    assert "Traceback" not in result.stderr
    data = json.loads(result.stdout)
    assert result.exit_code == (0 if data["ok"] else 1)
    return list(data["problems"])


def messages(cli: Any) -> list[str]:
    return [f"{p['path']}:{p['line'] or ''}: {p['field']}: {p['message']}" for p in problems(cli)]


def relationship(folder: ProgramFolder, mentor: str, mentee: str) -> None:
    folder.save_relationship(
        Relationship(
            kind="relationship", mentor=mentor, mentee=mentee, created=dt.date(2026, 1, 5),
            status=RelationshipStatus.ACTIVE,
        )
    )


def test_a_clean_program(cli: Any, folder: ProgramFolder) -> None:
    make_person(folder, "Ann", role="mentor")
    make_person(folder, "Cy", manager="ann")
    relationship(folder, "ann", "cy")
    result = cli("validate")
    assert result.exit_code == 0, result.stderr
    assert "OK:" in result.stdout
    assert "2 participants, 1 relationship" in result.stdout
    assert result.stderr == ""


def test_an_empty_program(cli: Any, folder: ProgramFolder) -> None:
    data = json.loads(cli("validate", "--json").stdout)
    assert data["ok"] is True
    assert data["counts"] == {"participants": 0, "relationships": 0}


def test_every_problem_is_listed_at_once(cli: Any, folder: ProgramFolder) -> None:
    make_person(folder, "Ann", role="mentor", email="ann@example.org")
    make_person(folder, "Bob", role="mentee", email="ANN@example.org")  # duplicate email
    make_person(folder, "Cy", manager="nobody-here")  # unknown manager
    make_person(folder, "Di", manager="di")  # own manager
    make_person(folder, "Ed", preferred_mentors=["zed"])  # unknown preferred mentor
    make_person(folder, "Flo", manager="boss@elsewhere.org")  # outside the program: fine
    relationship(folder, "ann", "ghost")  # names nobody
    relationship(folder, "bob", "cy")  # bob is not a mentor
    relationship(folder, "cy", "ann")  # cy not a mentor, ann not a mentee
    (folder.participants_dir / "Bad Name.yaml").write_text("kind: participant\n")
    (folder.participants_dir / "notes.txt").write_text("hello")
    (folder.participants_dir / "gil.yaml").write_text(
        "schema_version: 1\nkind: participant\nname: Gil\nemail: gil@example.org\n"
        "role: mentee\nyears_experience: lots\n"
    )
    result = cli("validate")
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    err = result.stderr
    expected = [
        "participants/bob.yaml: email: ann@example.org is also the email of ann",
        "participants/cy.yaml: manager: 'nobody-here' is neither an enrolled participant",
        "participants/di.yaml: manager: a person cannot be their own manager",
        "participants/ed.yaml: preferred_mentors: 'zed' is not an enrolled participant",
        "relationships/ann--ghost/relationship.yaml: mentee: 'ghost' is not an enrolled",
        "relationships/bob--cy/relationship.yaml: mentor: bob is not enrolled as a mentor",
        "relationships/cy--ann/relationship.yaml: mentor: cy is not enrolled as a mentor",
        "relationships/cy--ann/relationship.yaml: mentee: ann is not enrolled as a mentee",
        "participants/Bad Name.yaml: the name is not a valid id",
        "participants/notes.txt: not a participant file",
        "participants/gil.yaml:6: years_experience: Input should be a valid number",
    ]
    for line in expected:
        assert line in err, line
    assert "flo" not in err
    assert f"{len(expected)} problems" in result.stdout
    assert len(problems(cli)) == len(expected)


def test_invalid_program_yaml_is_listed_with_the_rest(cli: Any, folder: ProgramFolder) -> None:
    make_person(folder, "Ann", manager="nobody")
    folder.program_path.write_text(
        "schema_version: 1\nkind: program\nname: X\nstart_date: 2026-01-05\n"
        "cadence: hourly\nsession_minuts: 45\n"
    )
    found = messages(cli)
    assert any(m.startswith("program.yaml:5: cadence: must be one of") for m in found), found
    assert any(
        m.startswith("program.yaml:6: session_minuts: unknown field; did you mean "
                     "'session_minutes'?")
        for m in found
    ), found
    assert any(m.startswith("participants/ann.yaml::") for m in found)


def test_program_references(cli: Any, folder: ProgramFolder) -> None:
    make_person(folder, "Ann", role="mentor")
    text = folder.program_path.read_text()
    folder.program_path.write_text(
        text.replace(
            "  exclusions: []\n",
            "  exclusions:\n  - mentor: ann\n    mentee: nobody\n"
            "  exclusions_file: missing.csv\n",
        ).replace("  pinned: []\n", "  pinned:\n  - mentor: ghost\n    mentee: ann\n")
    )
    fields = {p["field"]: p["message"] for p in problems(cli)}
    assert fields == {
        "matching.exclusions.0.mentee": "'nobody' is not an enrolled participant",
        "matching.pinned.0.mentor": "'ghost' is not an enrolled participant",
        "matching.exclusions_file": "missing.csv does not exist in the program folder",
    }
    (folder.root / "missing.csv").write_text("mentor,mentee\n")
    assert len(problems(cli)) == 2


def exclusions_file_problem(cli: Any, folder: ProgramFolder, value: str) -> str:
    text = folder.program_path.read_text()
    folder.program_path.write_text(
        text.replace("  exclusions: []\n", f"  exclusions: []\n  exclusions_file: {value}\n")
    )
    found = problems(cli)
    assert [p["field"] for p in found] == ["matching.exclusions_file"]
    return str(found[0]["message"])


def test_exclusions_file_outside_the_folder(cli: Any, folder: ProgramFolder) -> None:
    assert "inside the program folder" in exclusions_file_problem(cli, folder, "../x.csv")


def test_exclusions_file_symlinked_outside_the_folder(
    cli: Any, folder: ProgramFolder, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.csv"
    outside.write_text("mentor,mentee\n")
    (folder.root / "excl.csv").symlink_to(outside)
    assert "outside the program folder" in exclusions_file_problem(cli, folder, "excl.csv")


def test_relationship_folder_that_does_not_match_its_file(
    cli: Any, folder: ProgramFolder
) -> None:
    make_person(folder, "Ann", role="mentor")
    make_person(folder, "Cy")
    make_person(folder, "Di")
    relationship(folder, "ann", "cy")
    (folder.relationships_dir / "ann--cy").rename(folder.relationships_dir / "ann--di")
    found = messages(cli)
    assert found == [
        "relationships/ann--di/relationship.yaml:1: mentor: names 'ann--cy' but its folder "
        "is 'ann--di'"
    ]


def test_relationship_folder_with_a_bad_name(cli: Any, folder: ProgramFolder) -> None:
    bad = folder.relationships_dir / "Ann and Cy"
    bad.mkdir()
    (bad / "relationship.yaml").write_text("kind: relationship\n")
    found = messages(cli)
    assert len(found) == 1
    assert found[0].startswith("relationships/Ann and Cy/relationship.yaml:: : the name is not")


def test_newer_schema_is_refused_by_name(cli: Any, folder: ProgramFolder) -> None:
    make_person(folder, "Ann")
    path = folder.participant_path("ann")
    path.write_text(path.read_text().replace("schema_version: 1", "schema_version: 7"))
    result = cli("validate")
    assert result.exit_code == 1
    assert "participants/ann.yaml: schema_version: written by a newer mentorkit" in result.stderr
    result = cli("participants", "list")
    assert result.exit_code == 2
    assert "newer mentorkit" in result.stderr
    assert "Upgrade mentorkit" in result.stderr


def test_merge_conflict_markers(cli: Any, folder: ProgramFolder) -> None:
    make_person(folder, "Ann")
    path = folder.participant_path("ann")
    path.write_text(
        path.read_text().replace(
            "site: ''\n", "<<<<<<< HEAD\nsite: North\n=======\nsite: South\n>>>>>>> theirs\n"
        )
    )
    result = cli("validate")
    assert result.exit_code == 1
    assert "participants/ann.yaml:8: git merge-conflict markers found" in result.stderr
    result = cli("participants", "show", "ann")
    assert result.exit_code == 2
    assert "Resolve the merge conflict" in result.stderr


def test_human_output_goes_to_the_right_streams(cli: Any, folder: ProgramFolder) -> None:
    make_person(folder, "Ann", manager="nobody")
    result = cli("validate")
    assert "participants/ann.yaml" in result.stderr
    assert "participants/ann.yaml" not in result.stdout
    assert "1 problem in" in result.stdout


def _ok(result) -> None:
    assert result.exit_code == 0, result.stdout + result.stderr


# -- validate --------------------------------------------------------------------------------
def test_validate_reports_every_toolkit_problem_at_once(
    cli, folder: ProgramFolder, busy_pair: str
) -> None:
    assert validate(folder).ok
    base = folder.relationship_dir(busy_pair)
    (base / "notes.txt").write_text("stray")
    (base / "sessions" / "misc.yaml").write_text("x: 1\n")
    session = base / "sessions" / f"{days(-10)}.yaml"
    text = session.read_text().replace("goal: g1", "goal: g7")
    (base / "sessions" / f"{days(-9)}.yaml").write_text(
        text.replace(f"date: {days(-10)}", f"date: {days(-200)}")
    )
    plan = base / "action-plan.yaml"
    plan.write_text(plan.read_text().replace("goal: g1", "goal: g5"))
    (base / "goals.yaml").write_text("schema_version: 1\nkind: goals\ngoals:\n  - id: g1\n")
    (base / "evaluation-mentor.yaml").write_text(
        f"schema_version: 1\nkind: evaluation\nrespondent: mentee\ndate: {TODAY}\n"
    )
    result = cli("validate")
    assert result.exit_code == 1
    err = result.stderr
    for text in (
        "notes.txt: not a toolkit form",
        "sessions/misc.yaml: not a session record",
        "goals.yaml:4: goals.0.statement: required field is missing",
        f"is before the relationship began ({days(-10)})",
        f"dated {days(-200)} but named for {days(-9)}",
        "progress.0.goal: there is no goal g7",
        "action-plan.yaml:5: actions.0.goal: there is no goal g5",
        "evaluation-mentor.yaml: respondent: answered by the mentee, but this is the mentor's",
    ):
        assert text in err, text


def test_a_form_dated_outside_the_pairs_time_is_named(cli: Any, folder: ProgramFolder) -> None:
    # saved by hand (or before the commands refused it): show and report never see it
    make_person(folder, "Ann", role="mentor")
    make_person(folder, "Cy")
    relationship(folder, "ann", "cy")
    later = days(10)
    (folder.relationships_dir / "ann--cy" / "needs-analysis.yaml").write_text(
        f"schema_version: 1\nkind: needs-analysis\ndate: {later}\nwants_to_accomplish: x\n")
    (folder.relationships_dir / "ann--cy" / "evaluation-mentor.yaml").write_text(
        "schema_version: 1\nkind: evaluation\nrespondent: mentor\ndate: 2025-12-01\n")
    assert messages(cli) == [
        f"relationships/ann--cy/needs-analysis.yaml:3: date: {later} is after today ({TODAY}); "
        "give the day it happened, today or earlier",
        "relationships/ann--cy/evaluation-mentor.yaml:4: date: 2025-12-01 is before the "
        "relationship was made (2026-01-05)",
    ]


ROSTER = ('{"schema_version": 1, "kind": "roster", "imported": "2026-12-01T09:00:00+00:00", '
          '"source": "hr.csv", "rows": [\n{"email": "ann@example.org", "hired": true}\n]}\n')
SENT = ("schema_version: 1\nkind: sent-messages\nday: 2026-11-02\nmessages:\n- key: k1\n"
        "  kind: introduction\n  to: ann@example.org\n  recipient: ann-lee\n"
        "  message_id: <m1@example.org>\n  at: 2026-11-02T09:00:00\n  via: true\n")


@pytest.mark.parametrize(("relpath", "text", "said"), [
    ("private/roster.json", ROSTER, "private/roster.json: rows.0.hired: "),
    ("messages/sent/2026-11-02.yaml", SENT, "messages/sent/2026-11-02.yaml:11: "
                                            "messages.0.via: "),
    ("messages/templates/introduction.md", "Subject: Hi\n\nHello {% if %}\n",
     "messages/templates/introduction.md:3: template syntax: "),
], ids=["roster", "sent log", "template"])
def test_files_other_commands_read_are_checked_as_they_read_them(
    cli: Any, folder: ProgramFolder, relpath: str, text: str, said: str
) -> None:
    # validate said OK while report (the roster) or notify (the log, a template) refused
    path = folder.root / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    result = cli("validate")
    assert result.exit_code == 1 and said in result.stderr, result.stderr


def test_every_broken_day_of_the_sent_log_is_named(cli: Any, folder: ProgramFolder) -> None:
    # notify stops at the first that does not load; validate names each, to mend at once
    sent = folder.root / "messages" / "sent"
    sent.mkdir(parents=True)
    for day in ("2026-11-02", "2026-11-03"):
        (sent / f"{day}.yaml").write_text(SENT.replace("2026-11-02", day))
    result = cli("validate")
    assert result.exit_code == 1
    for day in ("2026-11-02", "2026-11-03"):
        assert f"messages/sent/{day}.yaml:11: messages.0.via: " in result.stderr, result.stderr
