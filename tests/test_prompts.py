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


HEADER = "Dan Ortiz (mentor) and Maria Lopez (mentee) [dan-ortiz--maria-lopez]"


def test_every_form_names_the_pair_above_its_questions(cli: Any, folder: ProgramFolder) -> None:
    pair = make_pair(folder)
    runs = {
        "Tool 2 — Goals": cli("goals", pair, "--interactive", input="\n"),
        "Tool 3 — Action plan": cli("action-plan", pair, "--interactive", input="\n"),
        "Tool 6 — Partnership ideas": cli("partnership", pair, "--interactive", input="\n"),
        "Tool 5 — Evaluation": cli("evaluate", pair, "--interactive", "--as", "The mentee",
                                   input="\n" * 7 + "4\n9\nno\nThanks\n"),
    }
    for title, result in runs.items():
        assert result.exit_code in (0, 2), result.stderr  # an empty goals form says "nothing"
        assert f"{title}: {HEADER}" in result.stdout, title
    assert "answered by the mentee" in runs["Tool 5 — Evaluation"].stdout
    asked = cli("evaluate", pair, "--interactive", input="2\n" + "\n" * 7 + "4\n9\nno\n\n")
    assert asked.exit_code == 0, asked.stderr
    assert f"Tool 5 — Evaluation: {HEADER}" in asked.stdout
    assert "Who is answering (1 mentor, 2 mentee)" in asked.stdout
    assert "Continue the partnership (yes/no)" in asked.stdout  # a yes/no question


def test_needs_analysis_offers_the_programs_rhythm_and_takes_the_words(
    cli: Any, folder: ProgramFolder
) -> None:
    program = folder.load_program()
    folder.save_program(program.model_copy(update={"session_minutes": 50}))
    pair = make_pair(folder)
    answers = [str(days(-3)), "Confidence", "", "", "", "", "", "", "",
               "", "", "", ""]  # cadence and length: Enter keeps the program's
    result = cli("needs-analysis", pair, "--interactive", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stderr
    assert f"Tool 1 — Needs analysis: {HEADER}" in result.stdout
    assert "2 fortnightly (every two weeks)" in result.stdout  # a menu that says what it means
    assert "[monthly]" in result.stdout and "[50]" in result.stdout
    assert "Have you agreed on confidentiality (yes/no)" in result.stdout
    needs = load_pair(folder, pair).needs_analysis
    assert needs is not None
    assert (needs.meeting_cadence.value, needs.meeting_minutes) == ("monthly", 50)
    answers[9:11] = ["Every two weeks", "1 hour"]
    result = cli("needs-analysis", pair, "--interactive", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stderr
    needs = load_pair(folder, pair).needs_analysis
    assert needs is not None
    assert (needs.meeting_cadence.value, needs.meeting_minutes) == ("fortnightly", 60)


def test_a_session_offers_the_time_and_way_the_pair_agreed(
    cli: Any, folder: ProgramFolder
) -> None:
    pair = make_pair(folder)
    first = cli("log-session", pair, "--date", str(days(-14)), "--time", "07:30",
                "--mode", "Phone call", "--next", str(days(-2)), "--next-time", "15:15",
                "--no-interactive")
    assert first.exit_code == 0, first.stderr
    answers = [str(days(-2)), "", "1h30", "", "",  # date, time, length, mode, meeting
               "", "", "", "", "", ""]  # issue, learnings, action, next, its time, notes
    result = cli("log-session", pair, "--interactive", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stderr
    session = load_pair(folder, pair).records[-1]
    assert session.time == dt.time(15, 15)  # the time they agreed for this day
    assert session.mode.value == "phone"  # as they met last time
    assert session.duration_minutes == 90
    assert session.meeting.value == "regular"


def test_menus_take_numbers_words_and_ask_again(cli: Any, folder: ProgramFolder) -> None:
    pair = make_pair(folder)
    assert cli("goals", pair, "--goal", "Lead a handover", "--no-interactive").exit_code == 0
    answers = [str(days(-2)), "", "", "by pigeon", "Video call", "",  # mode asked again
               "In progress", "40", "", "", "", "", "", "", ""]
    result = cli("log-session", pair, "--interactive", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stderr
    assert "Choose a number from 1 to 4, or one of: in-person, video, phone, chat." in (
        result.stdout)
    session = load_pair(folder, pair).records[-1]
    assert session.mode.value == "video"
    assert [(p.goal, p.status.value, p.progress) for p in session.progress] == [
        ("g1", "in-progress", 40)]


def test_a_menu_answered_with_a_digit_that_is_no_number_asks_again(
    cli: Any, folder: ProgramFolder
) -> None:
    pair = make_pair(folder)
    answers = [str(days(-2)), "", "45", "²", "video", "",  # date, time, length, mode, meeting
               "", "", "", "", "", ""]  # issue, learnings, action, next, its time, notes
    result = cli("log-session", pair, "--interactive", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stderr
    assert load_pair(folder, pair).records[-1].mode.value == "video"
