"""Answers as people type them, and the dates and times Forms exports write."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentorkit import dates
from mentorkit.errors import InvalidInput
from mentorkit.services.collection import answers
from mentorkit.services.collection.questions import CATALOGUE
from mentorkit.vocab import Cadence, GoalStatus, MeetingAsAgreed, MeetingMode


@pytest.mark.parametrize(("typed", "minutes"), [
    ("45", 45), ("45 min", 45), ("45 mins.", 45), ("1 hour", 60), ("1 hr", 60),
    ("1.5 hours", 90), ("1h30", 90), ("1 hour 15 minutes", 75), ("an hour", 60),
    ("half an hour", 30), ("90m", 90)])
def test_durations(typed: str, minutes: int) -> None:
    assert answers.minutes(typed) == minutes


@pytest.mark.parametrize("typed", ["a while", "", "1 hour and a bit", "soon"])
def test_not_durations(typed: str) -> None:
    with pytest.raises(InvalidInput, match="length of time"):
        answers.minutes(typed)


def test_choices_in_people_words() -> None:
    assert answers.choice(GoalStatus, "In progress") is GoalStatus.IN_PROGRESS
    assert answers.choice(GoalStatus, "in-progress") is GoalStatus.IN_PROGRESS
    assert answers.choice(Cadence, "Monthly") is Cadence.MONTHLY
    assert answers.choice(Cadence, "Every two weeks") is Cadence.FORTNIGHTLY
    assert answers.choice(MeetingMode, "Video call") is MeetingMode.VIDEO
    assert answers.choice(MeetingAsAgreed, "We are not meeting") is MeetingAsAgreed.NOT_MEETING
    with pytest.raises(InvalidInput, match="not one of the choices"):
        answers.choice(MeetingMode, "Carrier pigeon")


def test_every_choice_offered_is_understood() -> None:
    """A form built from `forms questions` can only give answers collect understands."""
    from mentorkit.services.collection import filing

    for spec in CATALOGUE.values():
        for q in spec.questions:
            for choice in q.choices:
                a = filing.Answers({q.key: choice}, lambda k: k, None)
                if spec.name == "session":
                    filing.session_fields(a)
                elif spec.name == "check-in":
                    filing.check_in_fields(a, dt.date(2026, 1, 1))
                elif spec.name == "evaluation":
                    filing.evaluation_fields(a, dt.date(2026, 1, 1))
                elif spec.name == "needs-analysis":
                    filing.needs_fields(a, q.choices, dt.date(2026, 1, 1))


def test_google_timestamps_and_microsoft_times() -> None:
    moment = dates.timestamp("2026/11/20 9:14:03 AM GMT-5")
    assert moment == dt.datetime(2026, 11, 20, 9, 14, 3,
                                 tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    assert dates.timestamp("2026/11/20 12:05:00 PM GMT+5:30").hour == 12
    assert dates.timestamp("2026/11/20 12:05:00 AM GMT").hour == 0
    assert dates.timestamp("11/20/2026 9:14:03") == dt.datetime(2026, 11, 20, 9, 14, 3)
    assert dates.timestamp("2026-11-20 21:14:03") == dt.datetime(2026, 11, 20, 21, 14, 3)
    assert dates.order_key(moment) == dt.datetime(2026, 11, 20, 14, 14, 3)


def test_dates_with_their_order() -> None:
    assert dates.form_date("11/20/2026") == dt.date(2026, 11, 20)  # only one way to read it
    assert dates.form_date("20/11/2026") == dt.date(2026, 11, 20)
    assert dates.form_date("3/4/2026", dates.MONTH_FIRST) == dt.date(2026, 3, 4)
    assert dates.form_date("3/4/2026", dates.DAY_FIRST) == dt.date(2026, 4, 3)
    assert dates.form_date("Nov 20, 2026") == dates.form_date("20 November 2026")
    with pytest.raises(dates.AmbiguousDate, match="4 Mar or 3 Apr"):
        dates.form_date("3/4/2026")
    with pytest.raises(dates.DateError, match="not a real date"):
        dates.form_date("2/30/2026")
    assert dates.date_order(["", "3/4/2026", "11/20/2026"]) == dates.MONTH_FIRST
    assert dates.date_order(["20/11/2026"]) == dates.DAY_FIRST
    assert dates.date_order(["3/4/2026", "2026/11/20 9:14:03 AM GMT-5"]) is None


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31)),
       st.sampled_from([dates.MONTH_FIRST, dates.DAY_FIRST]))
def test_a_date_written_either_way_reads_back(day: dt.date, order: str) -> None:
    first, second = (day.month, day.day) if order == dates.MONTH_FIRST else (day.day, day.month)
    assert dates.form_date(f"{first}/{second}/{day.year}", order) == day


CHOICES = ["Email", "Phone", "Text messages", "Teams or video call", "In person",
           "Video call (Teams, Zoom)"]


@given(st.lists(st.sampled_from(CHOICES), min_size=1, unique=True))
def test_ticked_boxes_in_either_exports_delimiter(ticked: list[str]) -> None:
    assert answers.checkboxes(", ".join(ticked), CHOICES) == ticked  # Google
    assert answers.checkboxes("".join(f"{t};" for t in ticked), CHOICES) == ticked  # Microsoft


absurd_numbers = st.integers(300, 5_000).map(lambda n: "9" * n)  # infinity as a float
hostile_text = st.one_of(st.text(max_size=60), absurd_numbers,
                         absurd_numbers.map(lambda n: f"{n} hours"))


@given(hostile_text)
def test_hostile_answers_never_crash(text: str) -> None:
    for parse in (answers.minutes, answers.yes_no, lambda t: answers.number(t, 1, 5),
                  lambda t: answers.day(t, None), lambda t: answers.action_line(t, None),
                  lambda t: answers.choice(GoalStatus, t)):
        with contextlib.suppress(InvalidInput):
            parse(text)


def test_action_lines() -> None:
    assert answers.action_line("Shadow the charge nurse by 12/3/2026 (mentor, goal 2)",
                               dates.MONTH_FIRST) == {
        "date": dt.date(2026, 12, 3), "goal": "g2", "owner": answers.choice(
            answers.Owner, "mentor"), "description": "Shadow the charge nurse"}
    with pytest.raises(InvalidInput, match="give the date"):
        answers.action_line("Read the policy", None)
