"""Plurals and units right everywhere: a program with exactly one of everything (one
mentor, one mentee, one relationship, one session, goal, action, evaluation, promoter,
one day to the next meeting) never prints "1 relationships", "1 days" or "(s)"."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from mentorkit.words import in_days, noun, of, plural

NOUNS = ("days|relationships|pairs|mentors|mentees|sessions|goals|actions|promoters|passives|"
         "detractors|answers|participants|places|problems|months|minutes|years|evaluations|"
         "messages|meetings|rows|weeks|hours|files|people")
# "1 relationships", "1 open relationships", "1 of 1 active mentees", "1 agreed action(s)"
WRONG = re.compile(rf"(?<![\d.,])1 (?:[a-z-]+ )?(?:{NOUNS})\b|\w\(s\)")


def _day(n: int) -> str:
    return (dt.date.today() + dt.timedelta(days=n)).isoformat()


@pytest.fixture
def one_of_everything(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every command's output, over the life of one pair."""
    root = tmp_path / "one"
    runs = [cli("init", str(root), "--start-date", _day(-60), "--duration-months", "1",
                "--capacity", "1", "--no-interactive")]
    monkeypatch.chdir(root)
    monkeypatch.delenv("MENTORKIT_PROGRAM", raising=False)
    pair = "ann-mentor--ben-mentee"
    steps = [
        ["add", "Ann Mentor", "--email", "ann@example.org", "--role", "mentor", "--years",
         "9", "--capacity", "1", "--joined", _day(-60), "--no-interactive"],
        ["add", "Ben Mentee", "--email", "ben@example.org", "--role", "mentee",
         "--joined", _day(-60), "--no-interactive"],
        ["add", "Cy Junior", "--email", "cy@example.org", "--role", "mentor", "--years", "1",
         "--capacity", "1", "--no-interactive"],
        ["participants", "list"],
        ["match"],
        ["pair", "ann-mentor", "ben-mentee", "--date", _day(-55)],
        ["needs-analysis", pair, "--date", _day(-50), "--wants", "Confidence", "--cadence",
         "monthly", "--minutes", "45", "--no-interactive"],
        ["goals", pair, "--goal", "Lead a huddle", "--no-interactive"],
        ["action-plan", pair, "--action", f"Shadow the charge nurse|{_day(-45)}|g1",
         "--no-interactive"],
        ["log-session", pair, "--date", _day(-30), "--progress", "g1|in-progress|50",
         "--action", f"Draft the checklist|{_day(-20)}|g1", "--next", _day(1),
         "--no-interactive"],
        ["due"], ["show", pair], ["report"], ["participants", "show", "ann-mentor"],
        ["calendar", "--out", str(tmp_path / "one.ics")],
        ["log-session", pair, "--date", _day(-1), "--meeting", "final", "--no-interactive"],
        ["evaluate", pair, "--as", "mentee", "--recommend", "9", "--grew", "5",
         "--outcome", "g1|yes", "--no-interactive"],
        ["close", pair, "--reason", "done", "--missing-reason", "the mentor was away",
         "--no-interactive"],
        ["report"], ["report", "--format", "markdown"], ["due"], ["validate"],
        ["show", pair], ["match"],
    ]
    for args in steps:
        result = cli(*args)
        assert result.exit_code in (0, 1), (args, result.stdout, result.stderr)
        runs.append(result)
    return runs


def test_one_of_everything_is_said_in_the_singular(one_of_everything: list[Any]) -> None:
    text = "\n".join(r.stdout + r.stderr for r in one_of_everything)
    assert [text[max(0, m.start() - 60):m.end() + 20] for m in WRONG.finditer(text)] == []
    assert "1 promoter" in text and "1 relationship" in text  # the test saw them
    assert "in 1 day" in text  # the next meeting, in `due`


def test_the_helpers() -> None:
    assert plural(1, "promoter") == "1 promoter"
    assert plural(0, "promoter") == "0 promoters"
    assert plural(1.5, "year") == "1.5 years"
    assert plural(2, "person", "people") == "2 people"
    assert of(1, 1, "active mentee") == "1 of 1 active mentee"
    assert of(1, 3, "mentor") == "1 of 3 mentors"
    assert noun(1, "question") == "question" and noun(2, "question") == "questions"
    assert (in_days(0), in_days(1), in_days(-1), in_days(3)) == (
        "today", "in 1 day", "1 day ago", "in 3 days")


def test_the_check_would_catch_them() -> None:
    for wrong in ("1 relationships", "1 of 1 active mentees", "1 agreed action(s)",
                  "in 1 days", "1 open relationships"):
        assert WRONG.search(wrong), wrong
    for right in ("11 days", "1 day", "1.5 years", "0 of 1 mentee", "21 days"):
        assert not WRONG.search(right), right
