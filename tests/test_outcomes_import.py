"""`mentorkit outcomes import` and `outcomes show`, through the CLI."""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from outcomes_support import (
    HEADERS,
    MARKER_EMAIL,
    make_program,
    roster_lines,
    write_roster,
)

from mentorkit.store.folder import ProgramFolder
from mentorkit.store.roster import ROSTER_FILE

Cli = Callable[..., Any]


@pytest.fixture
def program(folder: ProgramFolder) -> ProgramFolder:
    make_program(folder)
    return folder


def roster_file(tmp_path: Path, lines: list[str] | None = None, name: str = "hr.csv") -> str:
    return write_roster(str(tmp_path / name), lines or roster_lines())


def test_import_keeps_only_email_and_dates_owner_only_and_git_ignored(
    cli: Cli, program: ProgramFolder, tmp_path: Path
) -> None:
    result = cli("outcomes", "import", roster_file(tmp_path), "--json")
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    # 12 mentees + the mentor + 30 colleagues + marker + 2 others
    assert summary["rows"] == 46 and summary["matched"] == 13 and summary["mentees"] == 12
    assert summary["columns"] == {"Work Email": "email", "Hire Date": "hired",
                                  "Termination Date": "left"}
    assert "Worker" in summary["not_kept"] and "Job Title" in summary["not_kept"]
    path = program.root / ROSTER_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    text = path.read_text(encoding="utf-8")
    assert MARKER_EMAIL in text and "2025-08-27" in text
    assert "Nurse" not in text and "colleague-00," not in text  # names and titles not kept
    assert "private/" in (program.root / ".gitignore").read_text().splitlines()
    shown = cli("outcomes", "show")
    assert shown.exit_code == 0
    assert "46 people on the roster, 13 of them enrolled" in shown.stdout
    assert "12 mentees who took part" in shown.stdout
    assert MARKER_EMAIL not in shown.stdout


def test_import_replaces_the_roster_whole(cli: Cli, program: ProgramFolder,
                                          tmp_path: Path) -> None:
    assert cli("outcomes", "import", roster_file(tmp_path)).exit_code == 0
    smaller = roster_lines(colleagues=3)
    smaller = [ln for ln in smaller if MARKER_EMAIL not in ln]
    result = cli("outcomes", "import", roster_file(tmp_path, smaller, "second.csv"))
    assert result.exit_code == 0, result.stderr
    assert "replaces the roster imported" in result.stdout
    text = (program.root / ROSTER_FILE).read_text(encoding="utf-8")
    assert MARKER_EMAIL not in text and '"source": "second.csv"' in text
    assert json.loads(cli("outcomes", "show", "--json").stdout)["rows"] == 18


def test_dry_run_writes_nothing(cli: Cli, program: ProgramFolder, tmp_path: Path) -> None:
    result = cli("outcomes", "import", roster_file(tmp_path), "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert "Would import" in result.stdout and "Nothing was written" in result.stdout
    assert "46 people on the roster" in result.stdout
    assert not (program.root / "private").exists()
    assert "No HR roster imported yet" in cli("outcomes", "show").stdout


def test_bad_rows_are_named_and_nothing_changes(cli: Cli, program: ProgramFolder,
                                                tmp_path: Path) -> None:
    assert cli("outcomes", "import", roster_file(tmp_path)).exit_code == 0
    before = (program.root / ROSTER_FILE).read_bytes()
    lines = roster_lines()
    lines[3] = lines[3].replace("Nurse,", "Nurse,02/30/2025,", 1).rsplit(",", 3)[0] + ",,Active"
    lines[5] = "E9,X,x@example.org,Nurse,06/01/2025,05/01/2025,Terminated"
    lines.append(lines[7])  # the same person twice
    lines.append("E10,Y,y@example.org,Nurse,,,Active")
    result = cli("outcomes", "import", roster_file(tmp_path, lines, "bad.csv"))
    assert result.exit_code == 2
    err = result.stderr
    assert "bad.csv: row 4: Hire Date: '02/30/2025' is not a real date" in err
    assert "row 6: Termination Date: leaving date 2025-05-01 is before the hire date" in err
    assert f"row {len(lines) - 1}: mentee-07@example.org is also on row 8" in err
    assert f"row {len(lines)}: Hire Date: empty" in err
    assert "Nothing was imported" in err and "Traceback" not in err
    assert (program.root / ROSTER_FILE).read_bytes() == before


def test_headers_of_other_hr_systems_and_column_option(cli: Cli, program: ProgramFolder,
                                                       tmp_path: Path) -> None:
    kronos = ["Employee Name,Email Address,Date Hired,Separation Date",
              "A,a@example.org,2025-01-06,", "B,b@example.org,2025-01-07,2025-03-01"]
    result = cli("outcomes", "import", roster_file(tmp_path, kronos, "k.csv"), "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["columns"] == {
        "Email Address": "email", "Date Hired": "hired", "Separation Date": "left"}
    odd = ["Mail,Began,Gone", "a@example.org,2025-01-06,", "c@example.org,2025-01-08,"]
    missing = cli("outcomes", "import", roster_file(tmp_path, odd, "odd.csv"))
    assert missing.exit_code == 2
    assert "odd.csv: no column for the work email or the hire date" in missing.stderr
    assert "'Mail', 'Began', 'Gone'" in missing.stderr
    named = cli("outcomes", "import", str(tmp_path / "odd.csv"), "--column", "Mail=email",
                "--column", "Began=hired", "--column", "Gone=left", "--json")
    assert named.exit_code == 0, named.stderr
    assert json.loads(named.stdout)["rows"] == 2
    wrong = cli("outcomes", "import", str(tmp_path / "odd.csv"), "--column", "Mail=name")
    assert wrong.exit_code == 2 and "Fields: email, hired, left" in wrong.stderr
    twice = cli("outcomes", "import", str(tmp_path / "odd.csv"), "--column", "Mail=hired",
                "--column", "Began=hired")
    assert twice.exit_code == 2 and "another --column already fills hired" in twice.stderr


def test_rows_without_email_are_ignored_and_counted(cli: Cli, program: ProgramFolder,
                                                    tmp_path: Path) -> None:
    lines = [*roster_lines(), "A1,Agency Nurse,,Nurse,09/01/2025,,Active"]
    result = cli("outcomes", "import", roster_file(tmp_path, lines))
    assert result.exit_code == 0, result.stderr
    assert "1 rows ignored: no email" in result.stdout
    assert json.loads(cli("outcomes", "show", "--json").stdout)["ignored"] == 1


def test_xlsx_roster_with_date_cells(cli: Cli, program: ProgramFolder, tmp_path: Path) -> None:
    import datetime as dt

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Work Email", "Hire Date", "Termination Date"])
    sheet.append(["mentee-01@example.org", dt.datetime(2025, 2, 19), None])
    sheet.append(["someone@example.org", dt.datetime(2025, 3, 3), dt.datetime(2025, 9, 30)])
    book.save(tmp_path / "roster.xlsx")
    result = cli("outcomes", "import", str(tmp_path / "roster.xlsx"), "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["matched"] == 1
    assert '"left": "2025-09-30"' in (program.root / ROSTER_FILE).read_text()


def test_ambiguous_dates_read_by_the_order_the_file_uses(
    cli: Cli, program: ProgramFolder, tmp_path: Path
) -> None:
    day_first = ["Work Email,Hire Date", "a@example.org,03/04/2025", "b@example.org,25/12/2024"]
    assert cli("outcomes", "import", roster_file(tmp_path, day_first)).exit_code == 0
    assert '"hired": "2025-04-03"' in (program.root / ROSTER_FILE).read_text()
    unclear = ["Work Email,Hire Date", "a@example.org,03/04/2025"]
    result = cli("outcomes", "import", roster_file(tmp_path, unclear, "u.csv"))
    assert result.exit_code == 2
    assert "u.csv: row 2: Hire Date: '03/04/2025' could be" in result.stderr


def test_a_damaged_roster_in_the_folder_is_named(cli: Cli, program: ProgramFolder,
                                                 tmp_path: Path) -> None:
    assert cli("outcomes", "import", roster_file(tmp_path)).exit_code == 0
    (program.root / ROSTER_FILE).write_text('{"schema_version": 1, "kind": "roster", "rows": 3}')
    result = cli("report")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {ROSTER_FILE}")
    assert "rows" in result.stderr and "imported" in result.stderr  # the fields named
    (program.root / ROSTER_FILE).write_text('{"kind": "roster",\n "rows": [')
    cut = cli("report")
    assert cut.exit_code == 2 and f"{ROSTER_FILE}:2: not JSON" in cut.stderr
    assert "Traceback" not in result.stderr
    again = cli("outcomes", "import", roster_file(tmp_path))  # a new import puts it right
    assert again.exit_code == 0, again.stderr
    assert cli("report").exit_code == 0


@pytest.mark.parametrize(("damage", "said"), [
    (lambda text: text.replace('"ignored_rows": 0', '"ignored_rows": ' + "9" * 5000),
     "a number too long"),
    (lambda text: text.replace('"rows": [', '"rows": [' + "[" * 100_000, 1), "nested too deep"),
])
def test_a_roster_json_cannot_read_is_named(cli: Cli, program: ProgramFolder, tmp_path: Path,
                                            damage: Callable[[str], str], said: str) -> None:
    # json's limit on digits (a ValueError) and its recursion were tracebacks
    assert cli("outcomes", "import", roster_file(tmp_path)).exit_code == 0
    path = program.root / ROSTER_FILE
    damaged = damage(path.read_text())
    assert damaged != path.read_text()
    path.write_text(damaged)
    for command in (("report",), ("outcomes", "show")):
        result = cli(*command)
        assert result.exit_code == 2, (command, result.stderr)
        assert result.stderr.startswith(f"error: {ROSTER_FILE}: ") and said in result.stderr
        assert "outcomes import" in result.stderr  # the hint: import it again


def test_an_empty_or_headless_export_is_refused(cli: Cli, program: ProgramFolder,
                                                tmp_path: Path) -> None:
    (tmp_path / "empty.csv").write_text("")
    assert cli("outcomes", "import", str(tmp_path / "empty.csv")).exit_code == 2
    only = cli("outcomes", "import", roster_file(tmp_path, [HEADERS], "only.csv"), "--json")
    assert only.exit_code == 0 and json.loads(only.stdout)["rows"] == 0
