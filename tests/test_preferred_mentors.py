"""Preferred mentors given by id, email or full name: in an import column, in
`add`/`edit --preferred-mentor`, and typed into a participant's file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from collection_support import csv_text
from conftest import make_person

from mentorkit.store.folder import ProgramFolder


def test_add_and_edit_take_a_name_or_an_email(cli: Any, folder: ProgramFolder) -> None:
    make_person(folder, "Ann Mentor", role="mentor")
    make_person(folder, "Bo Mentor", role="mentor")
    result = cli("add", "Cy Mentee", "--email", "cy@example.org", "--role", "mentee",
                 "--preferred-mentor", "ANN-MENTOR@example.org", "--preferred-mentor", "bo mentor")
    assert result.exit_code == 0, result.stderr
    assert folder.load_participant("cy-mentee").preferred_mentors == ["ann-mentor", "bo-mentor"]
    result = cli("participants", "edit", "cy-mentee", "--preferred-mentor", "Bo Mentor")
    assert result.exit_code == 0, result.stderr
    assert folder.load_participant("cy-mentee").preferred_mentors == ["bo-mentor"]


def test_add_refuses_a_mentor_it_cannot_find(cli: Any, folder: ProgramFolder) -> None:
    make_person(folder, "Ann Mentor", role="mentor")
    twin = folder.load_participant("ann-mentor").model_copy(update={"email": "ann2@x.org"})
    folder.save_participant("ann-mentor-two", twin)  # two people of the same name
    result = cli("add", "Cy", "--email", "cy@example.org", "--role", "mentee",
                 "--preferred-mentor", "Ann Mentor")
    assert result.exit_code == 2
    assert "--preferred-mentor: 'Ann Mentor' could be any of ann-mentor, ann-mentor-two" \
        in result.stderr
    result = cli("add", "Cy", "--email", "cy@example.org", "--role", "mentee",
                 "--preferred-mentor", "ann")  # a prefix is never enough for a stored name
    assert result.exit_code == 2
    assert "'ann' is not an enrolled participant" in result.stderr
    assert "Traceback" not in result.stderr
    assert "cy" not in folder.participant_ids()


def test_import_column_by_name_or_email(cli: Any, folder: ProgramFolder, tmp_path: Path) -> None:
    make_person(folder, "Ann Mentor", role="mentor")
    path = csv_text(
        tmp_path / "s.csv",
        "Name,Email,Role,Do you have a preferred mentor?\n"
        "Cy Mentee,cy@example.org,mentee,ann-mentor@example.org; Dee Later\n"
        "Dee Later,dee@example.org,mentor,\n",  # a mentor signing up further down
    )
    result = cli("import", str(path))
    assert result.exit_code == 0, result.stderr
    assert folder.load_participant("cy-mentee").preferred_mentors == ["ann-mentor", "dee-later"]


def test_import_names_the_row_and_column_of_an_unknown_mentor(
    cli: Any, folder: ProgramFolder, tmp_path: Path
) -> None:
    path = csv_text(tmp_path / "s.csv",
        "Name,Email,Role,Preferred mentor\nCy,cy@example.org,mentee,Zed Nobody\n")
    result = cli("import", str(path))
    assert result.exit_code == 2
    assert "row 2" in result.stderr
    assert "column 'Preferred mentor': 'Zed Nobody' is not an enrolled participant" \
        in result.stderr
    assert folder.participant_ids() == []


def test_names_in_the_file_are_read_as_the_mentor(cli: Any, folder: ProgramFolder) -> None:
    make_person(folder, "Ann Mentor", role="mentor", years_experience=12)
    make_person(folder, "Cy Mentee", preferred_mentors=["Ann Mentor"], years_experience=2)
    assert cli("validate").exit_code == 0
    explained = cli("match", "explain", "cy-mentee", "ann-mentor")
    assert explained.exit_code == 0, explained.stderr
    assert "asked for this mentor" in explained.stdout
    removed = cli("participants", "remove", "ann-mentor", "--yes")
    assert removed.exit_code == 4
    assert "preferred mentor of cy-mentee" in removed.stderr


def test_validate_names_a_preference_that_names_nobody(cli: Any, folder: ProgramFolder) -> None:
    make_person(folder, "Cy Mentee", preferred_mentors=["Zed Nobody"])
    result = cli("validate")
    assert result.exit_code != 0
    assert ("participants/cy-mentee.yaml: preferred_mentors: 'Zed Nobody' is not an enrolled "
            "participant") in result.stdout + result.stderr


def test_match_warns_of_a_preferred_mentor_who_names_nobody(
    cli: Any, folder: ProgramFolder
) -> None:
    # typed into the file by hand: the wish counted for nothing and match said nothing
    make_person(folder, "Ann Mentor", role="mentor", years_experience=12)
    make_person(folder, "Cy Mentee", preferred_mentors=["Fay Otter"], years_experience=2)
    make_person(folder, "Di Paired", preferred_mentors=["Zed"], years_experience=2,
                status="withdrawn")  # not matched now: nothing to say about her wish
    warning = ("a preferred mentor of cy-mentee is left out: 'Fay Otter' is not an enrolled "
               "participant (give an id, email or full name)")
    data = json.loads(cli("match", "--json").stdout)
    assert data["warnings"] == [warning]
    assert [p["mentee"] for p in data["pairs"]] == ["cy-mentee"]  # a soft wish: matched
    shown = cli("match")
    assert shown.exit_code == 0, shown.stderr
    assert warning in shown.stderr


def test_a_curly_apostrophe_names_the_same_person(
    cli: Any, folder: ProgramFolder, tmp_path: Path
) -> None:
    # phones and Microsoft Forms type ’ where the file has ' (and the other way round)
    result = cli("add", "Siobhán O'Neill", "--email", "so@example.org", "--role", "mentor")
    assert result.exit_code == 0, result.stderr
    result = cli("add", "Ann Ó Sé", "--email", "ann@example.org", "--role", "mentee",
                 "--preferred-mentor", "Siobhán O’Neill")
    assert result.exit_code == 0, result.stderr
    assert folder.load_participant("ann-o-se").preferred_mentors == ["siobhan-o-neill"]
    shown = cli("participants", "show", "siobhán o’neill", "--json")
    assert shown.exit_code == 0, shown.stderr
    assert json.loads(shown.stdout)["id"] == "siobhan-o-neill"
    sheet = tmp_path / "signup.csv"
    sheet.write_text("Name,Email,Role,Preferred mentor,Manager\n"
                     "Dara O’Brien,dara@example.org,mentee,Siobhán O’Neill,Siobhán O‘Neill\n",
                     encoding="utf-8")
    result = cli("import", str(sheet))
    assert result.exit_code == 0, result.stderr
    dara = folder.load_participant("dara-o-brien")  # as "Dara O'Brien" would be
    assert (dara.preferred_mentors, dara.manager) == (["siobhan-o-neill"], "siobhan-o-neill")
