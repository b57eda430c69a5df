"""No individual's HR data in any program-level output once a roster is imported.

A colleague's email and dates, and a mentee's hire and leaving dates, are searched for
(in the ways exports and reports write dates) in every output a coordinator shares.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from outcomes_support import (
    MARKER_EMAIL,
    MARKER_HIRED,
    MARKER_LEFT,
    MENTEE_HIRED,
    MENTEES,
    MENTOR,
    make_program,
    mentee_hired,
    roster_lines,
    write_roster,
)

from mentorkit.store.folder import ProgramFolder

Cli = Callable[..., Any]
AS_OF = ("--as-of", "2026-06-01")
PAIR = f"{MENTOR}--{MENTEES[0]}"


def markers() -> list[str]:
    mentee_left = mentee_hired(12) + dt.timedelta(days=60)
    days = [MARKER_HIRED, MARKER_LEFT, MENTEE_HIRED, mentee_hired(12), mentee_left]
    found = [MARKER_EMAIL, "zebulon", "Quartermaine".lower()]
    for day in days:
        found += [day.isoformat(), day.strftime("%m/%d/%Y"), day.strftime("%d %b %Y"),
                  day.strftime("%b %d, %Y"), day.strftime("%Y%m%d")]
    return found


def test_no_roster_row_reaches_any_output(folder: ProgramFolder, cli: Cli,
                                         tmp_path: Path) -> None:
    make_program(folder)
    program = folder.program_path  # notify needs a sender to write the outbox
    program.write_text(program.read_text() + "messages:\n  from: mentoring@example.org\n")
    roster = write_roster(str(tmp_path / "hr.csv"), roster_lines())
    imported = cli("outcomes", "import", roster)
    assert imported.exit_code == 0, imported.stderr
    outputs: dict[str, str] = {"import": imported.stdout + imported.stderr}
    commands = {
        "report": ["report", *AS_OF],
        "report json": ["report", "--json", *AS_OF],
        "report markdown": ["report", "--format", "markdown", *AS_OF],
        "report html": ["report", "--format", "html", *AS_OF],
        "report csv": ["report", "--format", "csv", *AS_OF],
        "pair report": ["report", "--pair", PAIR, *AS_OF],
        "due": ["due", *AS_OF], "due json": ["due", "--json", *AS_OF],
        "show": ["show", PAIR, *AS_OF], "show json": ["show", PAIR, "--json", *AS_OF],
        "participants": ["participants", "list"],
        "participants json": ["participants", "list", "--json"],
        "participant": ["participants", "show", MENTEES[0]],
        "notify": ["notify", *AS_OF], "notify json": ["notify", "--json", *AS_OF],
        "outcomes show": ["outcomes", "show"],
        "outcomes show json": ["outcomes", "show", "--json"],
        "validate": ["validate"],
    }
    for name, args in commands.items():
        result = cli(*args)
        assert result.exit_code in (0, 1), f"{name}: {result.stderr}"
        outputs[name] = result.stdout + result.stderr
    assert "Outcomes: retention after hire" in outputs["report"]  # the figures are there
    outbox = tmp_path / "outbox"
    assert cli("notify", "--outbox", str(outbox), *AS_OF).exit_code == 0
    outputs |= {f"outbox {p.name}": p.read_text(encoding="utf-8", errors="replace")
                for p in outbox.rglob("*") if p.is_file()}
    book = tmp_path / "report.xlsx"
    assert cli("report", "--format", "xlsx", "--out", str(book), *AS_OF).exit_code == 0
    outputs["report xlsx"] = _workbook_text(book)
    assert len(outputs) > len(commands) + 2  # the outbox had messages in it
    leaks = [(name, marker) for name, text in outputs.items() for marker in markers()
             if marker.lower() in text.lower()]
    assert leaks == []


def _workbook_text(path: Path) -> str:
    from openpyxl import load_workbook

    book = load_workbook(path)
    return "\n".join(str(c.value) for sheet in book for row in sheet.iter_rows() for c in row
                     if c.value is not None)
