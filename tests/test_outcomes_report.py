"""The report's Outcomes section: retention figures, the as-of day, small groups, formats."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from outcomes_support import make_program, roster_lines, write_roster

from mentorkit.services.outcomes.retention import wilson
from mentorkit.store.folder import ProgramFolder

Cli = Callable[..., Any]


@pytest.fixture
def imported(folder: ProgramFolder, cli: Cli, tmp_path: Path) -> ProgramFolder:
    make_program(folder)
    result = cli("outcomes", "import", write_roster(str(tmp_path / "hr.csv"), roster_lines()))
    assert result.exit_code == 0, result.stderr
    return folder


def outcomes(cli: Cli, *args: str) -> dict[str, Any]:
    result = cli("report", "--json", *args)
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)["outcomes"]
    return data


def figure(data: dict[str, Any], months: int, group: str) -> dict[str, Any]:
    return next(f for f in data["figures"] if f["months"] == months and f["group"] == group)


def test_retention_of_mentees_and_colleagues_with_wilson_intervals(
    imported: ProgramFolder, cli: Cli
) -> None:
    data = outcomes(cli, "--as-of", "2026-06-01")
    assert (data["mentees"], data["mentees_on_roster"], data["colleagues"]) == (12, 12, 31)
    assert (data["window_from"], data["window_to"]) == ("2025-02", "2025-05")
    for months in (6, 12):
        mentees, colleagues = figure(data, months, "mentees"), figure(data, months, "colleagues")
        # mentee-12 left two months in; six colleagues after three, the marker after five
        assert (mentees["countable"], mentees["stayed"], mentees["left"]) == (12, 11, 1)
        assert (colleagues["countable"], colleagues["stayed"], colleagues["left"]) == (31, 24, 7)
        low, high = wilson(11, 12)
        assert mentees["low"] == round(low, 4) and mentees["high"] == round(high, 4)
        assert mentees["rate"] == round(11 / 12, 4) and mentees["withheld"] is None


def test_people_hired_too_recently_are_not_countable_yet(imported: ProgramFolder,
                                                         cli: Cli) -> None:
    data = outcomes(cli, "--as-of", "2026-01-01")
    assert figure(data, 6, "mentees")["countable"] == 12
    twelve = figure(data, 12, "mentees")  # nobody was hired before 2025-01-01
    assert twelve["countable"] == 0 and twelve["stayed"] is None and twelve["rate"] is None
    assert "fewer than the 10 needed to keep people anonymous" in twelve["withheld"]


def test_before_any_relationship_started_nobody_took_part(imported: ProgramFolder,
                                                          cli: Cli) -> None:
    data = outcomes(cli, "--as-of", "2025-08-31")
    assert data["mentees"] == 0 and data["figures"] == []
    assert "no mentee who took part is on the roster" in data["not_shown"]


def test_on_an_earlier_day_fewer_people_are_countable(imported: ProgramFolder,
                                                     cli: Cli) -> None:
    # on 2025-09-04 (three days into the pairs) ten colleagues were hired six months before or
    # more; the six who left after three months had left, so four stayed. Two mentees
    # were: too few to show.
    data = outcomes(cli, "--as-of", "2025-09-04")
    colleagues, mentees = figure(data, 6, "colleagues"), figure(data, 6, "mentees")
    assert (colleagues["countable"], colleagues["stayed"]) == (10, 4)
    assert (mentees["countable"], mentees["stayed"]) == (2, None)


def test_the_smallest_group_shown_is_a_program_setting(imported: ProgramFolder,
                                                       cli: Cli) -> None:
    program = imported.load_program()
    program.outcomes.min_group_size = 13
    imported.save_program(program)
    data = outcomes(cli, "--as-of", "2026-06-01")
    mentees = figure(data, 6, "mentees")
    assert mentees["stayed"] is None and "fewer than the 13 needed" in mentees["withheld"]
    assert figure(data, 6, "colleagues")["stayed"] == 24
    text = cli("report", "--as-of", "2026-06-01").stdout
    assert "mentees at 6 months" in text and "not shown" in text


def test_a_setting_below_five_is_refused(imported: ProgramFolder, cli: Cli) -> None:
    path = imported.program_path
    path.write_text(path.read_text().replace("min_group_size: 10", "min_group_size: 2"))
    result = cli("report")
    assert result.exit_code == 2
    assert "outcomes.min_group_size" in result.stderr and "Traceback" not in result.stderr


def test_no_roster_and_one_department_say_why(folder: ProgramFolder, cli: Cli) -> None:
    make_program(folder)
    assert "no HR roster has been imported" in outcomes(cli)["not_shown"]
    assert "the roster has no departments" in outcomes(cli, "--department", "ICU")["not_shown"]


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "html"])
def test_every_human_format_has_the_section(imported: ProgramFolder, cli: Cli,
                                            fmt: str) -> None:
    result = cli("report", "--format", fmt, "--as-of", "2026-06-01")
    assert result.exit_code == 0, result.stderr
    assert "Outcomes: retention after hire" in result.stdout
    assert "92%" in result.stdout and "77%" in result.stdout  # 11 of 12, 24 of 31
    assert "2025-02 to 2025-05" in result.stdout


def test_the_workbook_has_the_retention_sheet(imported: ProgramFolder, cli: Cli,
                                              tmp_path: Path) -> None:
    from openpyxl import load_workbook

    target = tmp_path / "r.xlsx"
    result = cli("report", "--format", "xlsx", "--out", str(target), "--as-of", "2026-06-01")
    assert result.exit_code == 0, result.stderr
    book = load_workbook(target)
    sheet = next(book[n] for n in book.sheetnames if "Retention" in n)
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][:6] == ["after hire", "group", "countable", "stayed", "left", "retention"]
    assert rows[1][:5] == ["6 months", "mentees", 12, 11, 1]
    assert abs(rows[1][5] - 11 / 12) < 1e-9
