"""Spreadsheets: the report as an Excel workbook, and CSV that Excel and LibreOffice read
as UTF-8."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from mentorkit.store.folder import ProgramFolder
from tests import report_program
from tests.conftest import make_person

AS_OF = ("--as-of", report_program.TODAY.isoformat())


@pytest.fixture
def built(folder: ProgramFolder) -> ProgramFolder:
    report_program.build(folder)
    return folder


def _workbook(cli: Callable[..., Any], target: Path, *args: str) -> Any:
    result = cli("report", "--format", "xlsx", "--out", str(target), *AS_OF, *args)
    assert result.exit_code == 0, result.stdout + result.stderr
    return load_workbook(target)


def test_workbook_has_a_typed_sheet_per_table(built: ProgramFolder, cli: Callable[..., Any],
                                              tmp_path: Path) -> None:
    book = _workbook(cli, tmp_path / "report.xlsx")
    assert book.sheetnames == ["Summary", "By department", "By site", "Unmatched mentees",
                               "Mentors' capacity", "Pairs", "Goals by mentor function",
                               "Ratings (1–5)", "Closure reasons",
                               "Pairs late for a milestone", "Latest milestones",
                               "Check-ins over time", "Pairs flagged by their check-in"]
    for sheet in book:
        assert sheet.freeze_panes == "A2", sheet.title
        assert all(cell.font.bold for cell in sheet[1])
    pairs = book["Pairs"]
    header = [c.value for c in pairs[1]]
    rows = {r[0]: dict(zip(header, r, strict=True)) for r in pairs.iter_rows(min_row=2,
                                                                           values_only=True)}
    cara = rows["Ana ↔ Cara"]
    assert cara["held"] == 3 and isinstance(cara["held"], int)
    assert cara["last"] == dt.datetime(2026, 3, 10)  # a date, not text
    assert cara["hours"] == 2.25
    assert rows["Ana ↔ Dev"]["at risk"] == "AT RISK"
    assert pairs.cell(row=2, column=header.index("last") + 1).number_format == "yyyy-mm-dd"
    # columns fit what they hold
    widest = max(len(str(r[0])) for r in pairs.iter_rows(values_only=True))
    assert pairs.column_dimensions["A"].width >= widest
    summary = {(r[0], r[1]): r[2] for r in book["Summary"].iter_rows(min_row=2,
                                                                      values_only=True)}
    assert summary[("Enrolment", "participants")] == 9
    assert summary[("Enrolment", "match rate")].startswith("50%")  # pairs that met
    assert summary[("Enrolment", "paired")].startswith("67%")


def test_workbook_text_is_never_a_formula(folder: ProgramFolder, cli: Callable[..., Any],
                                          tmp_path: Path) -> None:
    make_person(folder, "Eve", department='=HYPERLINK("http://evil.example","x")')
    book = _workbook(cli, tmp_path / "r.xlsx")
    cell = next(c for row in book["By department"].iter_rows(min_row=2) for c in row
                if str(c.value).startswith("=HYPERLINK"))
    assert cell.data_type == "s"


def test_one_pair_workbook(built: ProgramFolder, cli: Callable[..., Any],
                           tmp_path: Path) -> None:
    book = _workbook(cli, tmp_path / "pair.xlsx", "--pair", "ana--cara")
    assert book.sheetnames == ["Summary", "Goals", "Actions", "Sessions"]
    goals = list(book["Goals"].iter_rows(min_row=2, values_only=True))
    assert goals[0][5] == 1  # 100% progress, as a share
    assert book["Goals"]["F2"].number_format == "0%"


def test_workbook_needs_a_file(built: ProgramFolder, cli: Callable[..., Any]) -> None:
    result = cli("report", "--format", "xlsx")
    assert result.exit_code == 2
    assert "--out FILE" in result.stderr
    assert result.stdout == ""


def test_csv_file_carries_a_byte_order_mark_unless_told(
        folder: ProgramFolder, cli: Callable[..., Any], tmp_path: Path) -> None:
    mentor = make_person(folder, "Chloé Łukasz", role="mentor")
    mentee = make_person(folder, "Zoë", department="Médecine")
    folder.save_relationship(report_program.relationship(mentor, mentee, "proposed"))
    with_bom, without = tmp_path / "a.csv", tmp_path / "b.csv"
    assert cli("report", "--format", "csv", "--out", str(with_bom)).exit_code == 0
    assert cli("report", "--format", "csv", "--no-bom", "--out", str(without)).exit_code == 0
    data = with_bom.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert "Chloé Łukasz" in data.decode("utf-8-sig")
    assert without.read_bytes() == data[3:]
