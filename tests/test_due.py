"""`mentorkit due`: overdue meetings, coming meetings, late actions, missing evaluations."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest

from mentorkit.errors import ExitCode
from mentorkit.services.monitoring import due as service
from mentorkit.store.folder import ProgramFolder
from tests import report_program
from tests.report_program import TODAY

D = dt.date


@pytest.fixture
def built(folder: ProgramFolder) -> ProgramFolder:
    report_program.build(folder)
    return folder


def test_due_lists(built: ProgramFolder) -> None:
    result = service.due(built, TODAY)
    assert [(o.pair, o.last_meeting, o.days_quiet, o.overdue_days)
            for o in result.overdue_meetings] == [("ana--dev", D(2026, 1, 15), 76, 32)]
    assert [(c.pair, c.date, c.time, c.in_days) for c in result.coming_meetings] == [
        ("ana--cara", D(2026, 4, 8), dt.time(10, 0), 7)]
    assert [(a.pair, a.action, a.days_late) for a in result.late_actions] == [
        ("ana--dev", "b1", 59), ("ana--cara", "a2", 17)]
    assert [(m.pair, m.missing) for m in result.missing_evaluations] == [
        ("ben--eli", ["mentee"])]
    assert result.anything_overdue


def test_within_limits_coming_meetings(built: ProgramFolder) -> None:
    assert service.due(built, TODAY, within=6).coming_meetings == []
    assert len(service.due(built, TODAY, within=7).coming_meetings) == 1


def test_grace_decides_overdue(built: ProgramFolder) -> None:
    # ana--dev's last session was 2026-01-15: overdue once 30 + 14 days have passed
    assert service.due(built, D(2026, 2, 28)).overdue_meetings == []
    assert len(service.due(built, D(2026, 3, 1)).overdue_meetings) == 1


def test_cli_json_and_exit_codes(built: ProgramFolder, cli: Callable[..., Any]) -> None:
    result = cli("due", "--json", "--as-of", "2026-04-01")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["kind"] == "due"
    assert data["anything_overdue"] is True
    assert data["overdue_meetings"][0]["pair"] == "ana--dev"
    assert data["coming_meetings"][0]["time"] == "10:00:00"
    failing = cli("due", "--fail-if-overdue", "--as-of", "2026-04-01")
    assert failing.exit_code == ExitCode.PROBLEMS_FOUND == 1
    assert "Meetings overdue" in failing.stdout
    assert "Closed pairs missing an evaluation" in failing.stdout


def test_nothing_due_exits_zero(folder: ProgramFolder, cli: Callable[..., Any]) -> None:
    result = cli("due", "--fail-if-overdue")
    assert result.exit_code == 0
    assert "Nothing overdue" in result.stdout
