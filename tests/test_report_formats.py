"""The report in every format, through the CLI; and the confidentiality rule."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from mentorkit.store.folder import ProgramFolder
from tests import report_program
from tests.conftest import make_person
from tests.report_program import MARKER

AS_OF = ("--as-of", report_program.TODAY.isoformat())
FORMATS = ["terminal", "markdown", "html", "json", "csv"]


@pytest.fixture
def built(folder: ProgramFolder) -> ProgramFolder:
    report_program.build(folder)
    return folder


def run_ok(cli: Callable[..., Any], *args: str) -> Any:
    result = cli(*args)
    assert result.exit_code == 0, result.stdout + result.stderr
    return result


def test_terminal_report(built: ProgramFolder, cli: Callable[..., Any]) -> None:
    out = run_ok(cli, "report", *AS_OF).stdout
    for text in ("Enrolment", "Engagement", "Goals and actions", "Evaluation", "Lifecycle",
                 "67% (4 of 6 active mentees", "75% (3 of 4 started pairs)", "AT RISK",
                 "Net Promoter Score", "33 (2 promoters"):
        assert text in out, text


def test_json_report_shape(built: ProgramFolder, cli: Callable[..., Any]) -> None:
    data = json.loads(run_ok(cli, "report", "--json", *AS_OF).stdout)
    assert data["report_version"] == 1
    assert data["kind"] == "program-report"
    assert set(data) >= {"scope", "enrolment", "engagement", "goals", "evaluation", "lifecycle"}
    assert data["scope"]["as_of"] == "2026-04-01"
    assert data["enrolment"]["match_rate"] == pytest.approx(0.6667)
    assert data["engagement"]["at_risk"] == ["ana--dev"]
    assert data["evaluation"]["nps"] == pytest.approx(33.3333)
    same = json.loads(run_ok(cli, "report", "--format", "json", *AS_OF).stdout)
    assert same == data


def test_markdown_report(built: ProgramFolder, cli: Callable[..., Any]) -> None:
    out = run_ok(cli, "report", "--format", "markdown", *AS_OF).stdout
    assert out.startswith("# Test Program: program report\n")
    assert "## Engagement" in out
    assert "| Ana ↔ Dev | active | 1 | 2 | no |" in out
    assert "- **match rate**: 50% (3 of 6 active mentees in a pair that has met" in out
    assert "- **paired**: 67%" in out


def test_html_report_is_self_contained(built: ProgramFolder, cli: Callable[..., Any],
                                       tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.html"
    target.parent.mkdir()
    result = run_ok(cli, "report", "--format", "html", "--out", str(target), *AS_OF)
    assert "Wrote" in result.stderr
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert page.count("<svg") >= 5  # sessions, rhythm, goals, ratings, NPS, statuses
    assert "@media print" in page
    lowered = page.lower()
    for external in ("<script", "<link", "@import", "src="):
        assert external not in lowered, external
    # url() only ever points inside the page (the hatch pattern of a warning bar)
    assert re.findall(r"url\((?!#chart\d+-hatch\))", lowered) == []
    # the only URL is the SVG namespace, which browsers never fetch
    assert lowered.count("http") == lowered.count('xmlns="http://www.w3.org/2000/svg"')


def test_html_escapes_program_text(folder: ProgramFolder, cli: Callable[..., Any]) -> None:
    from tests.conftest import make_person

    make_person(folder, "Eve", department="<script>alert(1)</script>")
    page = run_ok(cli, "report", "--format", "html", *AS_OF).stdout
    assert "<script>" not in page
    assert "&lt;script&gt;" in page


def test_csv_one_row_per_pair(built: ProgramFolder, cli: Callable[..., Any]) -> None:
    out = run_ok(cli, "report", "--format", "csv", *AS_OF).stdout
    assert out.startswith("\ufeffpair,")  # the byte order mark Excel needs (test_report_xlsx)
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
    assert [r["pair"] for r in rows] == ["ana--cara", "ana--dev", "ben--eli", "ben--fay",
                                         "hal--gus"]
    dev = rows[1]
    assert (dev["sessions_held"], dev["sessions_expected"], dev["at_risk"]) == ("1", "2", "true")
    assert dev["last_meeting"] == "2026-01-15"
    assert rows[4]["on_cadence"] == ""


def test_pair_report_formats(built: ProgramFolder, cli: Callable[..., Any]) -> None:
    for fmt in FORMATS:
        out = run_ok(cli, "report", "--pair", "ana--cara", "--format", fmt, *AS_OF).stdout
        assert "2026-03-10" in out, fmt
    data = json.loads(run_ok(cli, "report", "--pair", "ana--cara", "--json", *AS_OF).stdout)
    assert data["kind"] == "pair-report"
    assert [g["status"] for g in data["goals"]] == ["achieved", "achieved", "not-started"]


def test_include_private_needs_pair(built: ProgramFolder, cli: Callable[..., Any]) -> None:
    result = cli("report", "--include-private")
    assert result.exit_code == 2
    assert "--include-private needs --pair" in result.stderr
    assert MARKER not in result.stdout + result.stderr


def test_bad_date_and_unknown_pair(built: ProgramFolder, cli: Callable[..., Any]) -> None:
    result = cli("report", "--since", "yesterday")
    assert result.exit_code == 2
    assert "not a date" in result.stderr
    result = cli("report", "--pair", "nobody--here")
    assert result.exit_code == 3


def _program_outputs(cli: Callable[..., Any], tmp_path: Path) -> dict[str, str]:
    """Every program-level output: each format, filtered or not, plus due and calendar."""
    outputs: dict[str, str] = {}
    filters: list[tuple[str, ...]] = [(), ("--department", "Nursing"),
                                      ("--since", "2026-01-01", "--until", "2026-12-31")]
    for fmt in FORMATS:
        for n, extra in enumerate(filters):
            target = tmp_path / f"report-{fmt}-{n}"
            shown = run_ok(cli, "report", "--format", fmt, *extra, *AS_OF)
            outputs[f"{fmt}{extra}"] = shown.stdout + shown.stderr
            run_ok(cli, "report", "--format", fmt, "--out", str(target), *extra, *AS_OF)
            outputs[f"{fmt}{extra} file"] = target.read_text(encoding="utf-8")
        shown = run_ok(cli, "report", "--pair", "ana--cara", "--format", fmt, *AS_OF)
        outputs[f"pair {fmt}"] = shown.stdout + shown.stderr
    for args in (("due",), ("due", "--json")):
        shown = cli(*args, *AS_OF)
        outputs[" ".join(args)] = shown.stdout + shown.stderr
    ics = tmp_path / "meetings.ics"
    shown = run_ok(cli, "calendar", "--out", str(ics), "--json", *AS_OF)
    outputs["calendar"] = shown.stdout + ics.read_text(encoding="utf-8")
    return outputs


def test_no_private_text_in_any_program_output(
    built: ProgramFolder, cli: Callable[..., Any], tmp_path: Path
) -> None:
    sessions = list(built.relationships_dir.glob("*/sessions/*.yaml"))
    assert len(sessions) == 7
    assert all(s.read_text(encoding="utf-8").count(MARKER) >= 4 for s in sessions)
    assert any(f"progress {MARKER}" in s.read_text(encoding="utf-8") for s in sessions)
    outputs = _program_outputs(cli, tmp_path)
    assert len(outputs) == 38
    leaks = [name for name, text in outputs.items() if MARKER in text]
    assert leaks == []


def _pair_outputs(cli: Callable[..., Any], tmp_path: Path, *private: str) -> dict[str, str]:
    """One pair's report in every format, the workbook's cells read as text."""
    outputs = {fmt: run_ok(cli, "report", "--pair", "ana--cara", *private, "--format", fmt,
                           *AS_OF).stdout for fmt in FORMATS}
    book = tmp_path / "pair.xlsx"
    run_ok(cli, "report", "--pair", "ana--cara", *private, "--format", "xlsx",
           "--out", str(book), *AS_OF)
    outputs["xlsx"] = "\n".join(str(cell) for sheet in load_workbook(book)
                                 for row in sheet.iter_rows(values_only=True) for cell in row)
    return outputs


def test_private_text_only_for_one_pair_on_request(
    built: ProgramFolder, cli: Callable[..., Any], tmp_path: Path
) -> None:
    for fmt, out in _pair_outputs(cli, tmp_path, "--include-private").items():
        for text in (f"issue {MARKER}", f"progress {MARKER}", f"learned {MARKER}",
                     f"notes {MARKER}"):
            assert text in out, (fmt, text)


def test_no_progress_note_in_a_pair_report_without_include_private(
    built: ProgramFolder, cli: Callable[..., Any], tmp_path: Path
) -> None:
    leaks = [fmt for fmt, out in _pair_outputs(cli, tmp_path).items() if MARKER in out]
    assert leaks == []


def test_names_are_never_rich_markup(folder: ProgramFolder, cli: Callable[..., Any]) -> None:
    from tests.conftest import make_person

    make_person(folder, "Odd [/] [bold]Name", department="[red]Unit")
    out = run_ok(cli, "report", *AS_OF).stdout
    assert "Odd [/] [bold]Name" in out
    assert "[red]Unit" in out


def test_report_for_an_unknown_department_names_the_known_ones(cli: Any, tmp_path: Path) -> None:
    program = tmp_path / "p"
    assert cli("init", str(program), "--no-interactive").exit_code == 0
    make_person(ProgramFolder(program), "Ann Lee", department="Emergency Department")
    result = cli("-p", str(program), "report", "--department", "Nursing")
    assert result.exit_code == 3
    assert "no participant is in department 'Nursing'" in result.stderr
    assert "Departments: Emergency Department." in result.stderr
    ok = cli("-p", str(program), "report", "--department", "emergency department")
    assert ok.exit_code == 0, ok.stderr
