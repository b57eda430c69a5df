"""`mentorkit training import FILE`: attendance sheets, all or nothing, bad rows named."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_cli_import import write_csv, write_xlsx
from test_training_cli import completions, fails, ok
from training_support import training_program

from mentorkit.store.folder import ProgramFolder

Cli = Callable[..., Any]


@pytest.fixture
def trained(folder: ProgramFolder) -> ProgramFolder:
    training_program(folder)
    return folder


def participant_bytes(folder: ProgramFolder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.participants_dir.glob("*.yaml"))}


def test_import_a_csv_with_person_training_and_date(cli: Cli, trained: ProgramFolder,
                                                    tmp_path: Path) -> None:
    sheet = write_csv(tmp_path / "attendance.csv", ["Email", "Course", "Completed on"], [
        ["dan@example.org", "Mentoring 101", "2026-01-10"],
        ["Maria Lopez", "getting the most from mentoring", "1/12/2026"],
    ])
    result = json.loads(ok(cli("training", "import", str(sheet), "--json")).stdout)
    assert (result["kind"], result["recorded"]) == ("training-import", 2)
    assert completions(trained, "dan-ortiz") == {"Mentoring 101": "2026-01-10"}
    assert completions(trained, "maria-lopez") == {"Getting the most from mentoring": "2026-01-12"}
    again = json.loads(ok(cli("training", "import", str(sheet), "--json")).stdout)
    assert (again["recorded"], again["unchanged"]) == (0, 2)


def test_an_earlier_date_replaces_a_later_one(cli: Cli, trained: ProgramFolder,
                                              tmp_path: Path) -> None:
    ok(cli("training", "record", "dan", "Mentoring 101", "--date", "2026-02-01"))
    sheet = write_csv(tmp_path / "a.csv", ["Attendee", "Training", "Date"], [
        ["dan-ortiz", "Mentoring 101", "2026-01-05"]])
    result = json.loads(ok(cli("training", "import", str(sheet), "--json")).stdout)
    assert result["earlier"] == 1
    assert completions(trained, "dan-ortiz") == {"Mentoring 101": "2026-01-05"}


def test_one_session_sheet_with_training_and_date_given(cli: Cli, trained: ProgramFolder,
                                                        tmp_path: Path) -> None:
    sheet = write_xlsx(tmp_path / "session.xlsx", ["Name", "Signed in"], [
        ["Dan Ortiz", "yes"], ["Eve Stone", "yes"]])
    result = ok(cli("training", "import", str(sheet), "--training", "Mentoring 101",
                    "--date", "2026-01-20", "--column", "Signed in=ignore"))
    assert "2 new" in result.stdout
    assert completions(trained, "eve-stone") == {"Mentoring 101": "2026-01-20"}


def test_dry_run_writes_nothing(cli: Cli, trained: ProgramFolder, tmp_path: Path) -> None:
    sheet = write_csv(tmp_path / "a.csv", ["Email", "Training", "Date"], [
        ["dan@example.org", "Mentoring 101", "2026-01-10"]])
    before = participant_bytes(trained)
    result = ok(cli("training", "import", str(sheet), "--dry-run"))
    assert "Would record" in result.stdout
    assert participant_bytes(trained) == before


@pytest.mark.parametrize(("row", "words"), [
    (["nobody@example.org", "Mentoring 101", "2026-01-10"], "no participant"),
    (["eve@example.org", "Knitting", "2026-01-10"], "no training 'Knitting'"),
    (["eve@example.org", "Mentoring 101", "next tuesday"], "not a date"),
    (["eve@example.org", "Mentoring 101", "2099-01-01"], "in the future"),
    (["", "Mentoring 101", "2026-01-10"], "person's column is empty"),
    (["dan@example.org", "Mentoring 101", "2026-01-11"], "also on row 2"),
])
def test_a_bad_row_is_named_and_nothing_is_recorded(
        cli: Cli, trained: ProgramFolder, tmp_path: Path, row: list[str], words: str) -> None:
    sheet = write_csv(tmp_path / "attendance.csv", ["Email", "Training", "Date"], [
        ["dan@example.org", "Mentoring 101", "2026-01-10"], row])
    before = participant_bytes(trained)
    fails(cli("training", "import", str(sheet)), 2, "attendance.csv: row 3:", words,
          "Nothing was recorded")
    assert participant_bytes(trained) == before


def test_a_sheet_without_the_columns_it_needs(cli: Cli, trained: ProgramFolder,
                                              tmp_path: Path) -> None:
    sheet = write_csv(tmp_path / "a.csv", ["Email", "Score"], [["dan@example.org", "9"]])
    fails(cli("training", "import", str(sheet)), 2, "no column for date, training",
          "--training")
    fails(cli("training", "import", str(sheet), "--column", "Score=grade"), 2,
          "'Header=person'")
    fails(cli("training", "import", str(sheet), "--column", "Nope=person"), 2,
          "no column 'Nope'")
    fails(cli("training", "import", str(tmp_path / "missing.csv"), "--training", "Mentoring 101",
              "--date", "2026-01-01"), 3, "no such file")
    fails(cli("training", "import", str(sheet), "--training", "Mentoring 101",
              "--date", "2099-01-01"), 2, "in the future")
