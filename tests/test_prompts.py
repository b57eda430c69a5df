"""Prompts that feel finished: a header naming the pair and the form, the meeting's time
and the next one's asked, defaults from the pair's own agreement, menus by number, and no
next meeting after the final one."""

from __future__ import annotations

import datetime as dt
from typing import Any

from toolkit_support import days, make_pair

from mentorkit.cli.asker import clock_time
from mentorkit.models.toolkit import NeedsAnalysis
from mentorkit.store.folder import ProgramFolder
from mentorkit.store.pairs import load_pair


def _agreed(folder: ProgramFolder, pair: str) -> None:
    folder.save_form(pair, NeedsAnalysis.model_validate({
        "kind": "needs-analysis", "date": days(-30), "wants_to_accomplish": "Confidence",
        "meeting_cadence": "fortnightly", "meeting_minutes": 60}))


def test_defaults_come_from_the_pairs_agreement(cli: Any, folder: ProgramFolder) -> None:
    pair = make_pair(folder)
    _agreed(folder, pair)
    answers = [
        str(days(-2)), "14:00",  # date, time
        "", "2", "2",  # minutes (the pair's 60), mode 2 = video, meeting 2 = regular
        "", "", "",  # no issue, learnings, action
        "", "",  # next meeting: the suggestion (14 days later), its time (the same)
        "",  # notes
    ]
    result = cli("log-session", pair, "--interactive", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stderr
    assert (f"Tool 4 — Session record: Dan Ortiz (mentor) and Maria Lopez (mentee) [{pair}]"
            in result.stdout)
    assert "Length (minutes, or like 1 hour) [60]" in result.stdout
    assert "(1 in-person, 2 video, 3 phone, 4 chat)" in result.stdout
    ((_, session),) = load_pair(folder, pair).sessions
    assert (session.duration_minutes, session.mode.value, session.meeting.value) == (
        60, "video", "regular")
    assert (session.time, session.next_meeting, session.next_meeting_time) == (
        dt.time(14, 0), days(12), dt.time(14, 0))


def test_the_length_note_says_whose_it_is(cli: Any, folder: ProgramFolder) -> None:
    pair = make_pair(folder)
    _agreed(folder, pair)
    result = cli("log-session", pair, "--date", str(days(-1)), "--no-interactive")
    assert result.exit_code == 0, result.stderr
    assert "duration: 60 minutes, the length you agreed" in result.stdout


def test_a_final_meeting_does_not_ask_for_a_next_one(cli: Any, folder: ProgramFolder) -> None:
    pair = make_pair(folder)
    answers = [str(days(-2)), "", "", "", "final", "", "", "", ""]  # ... notes
    result = cli("log-session", pair, "--interactive", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stderr
    assert "Next meeting" not in result.stdout
    ((_, session),) = load_pair(folder, pair).sessions
    assert session.meeting.value == "final" and session.next_meeting is None


def test_times_as_people_write_them() -> None:
    assert clock_time("9:30") == dt.time(9, 30)
    assert clock_time("14.00") == dt.time(14, 0)
    assert clock_time("2pm") == dt.time(14, 0)
    assert clock_time("12:15 am") == dt.time(0, 15)
    assert clock_time("40") is None  # a bare number is not a time
    assert clock_time("25:00") is None
