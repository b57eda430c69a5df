"""One reading of the dates people type (mentorkit/dates.py), wherever they type them:
options, the parts of option values, prompts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentorkit import dates
from mentorkit.cli.syntax import parse_action


@given(st.dates(min_value=dt.date(dates.YEARS.start, 1, 1),
                max_value=dt.date(dates.YEARS.stop - 1, 12, 31)))
def test_every_date_reads_back_padded_or_not(day: dt.date) -> None:
    assert dates.parse(day.isoformat()) == day
    assert dates.parse(f"{day.year}-{day.month}-{day.day}") == day
    assert dates.find(f"  {day.isoformat()} ") == day


@given(st.one_of(st.dates(min_value=dt.date(1000, 1, 1),
                          max_value=dt.date(dates.YEARS.start - 1, 12, 31)),
                 st.dates(min_value=dt.date(dates.YEARS.stop, 1, 1))))
def test_a_date_outside_a_programs_years_is_too_far_off(day: dt.date) -> None:
    # (`report --as-of 9999-12-31` stepped past the end of Python's calendar)
    for read in (dates.parse, dates.form_date):
        with pytest.raises(dates.FarDate, match="too far off"):
            read(day.isoformat())


@given(st.text(max_size=30))
def test_any_text_is_a_date_none_or_a_plain_error(text: str) -> None:
    try:
        found = dates.find(text)
    except dates.DateError as exc:
        assert exc.shaped and str(exc).endswith("is not a real date")
        return
    assert found is None or isinstance(found, dt.date)


@pytest.mark.parametrize("text", ["2026-02-30", "2026-13-01", "2026-00-10"])
def test_shaped_like_a_date_but_no_such_day(text: str) -> None:
    with pytest.raises(dates.DateError, match="is not a real date") as caught:
        dates.parse(text)
    assert caught.value.shaped
    with pytest.raises(dates.DateError):
        dates.find(text)  # never taken for some other field


@pytest.mark.parametrize("text", ["yesterday", "15/09/2026", "20260301", "", "2026-03"])
def test_not_written_as_a_date(text: str) -> None:
    assert dates.find(text) is None
    with pytest.raises(dates.DateError, match="is not a date"):
        dates.parse(text)


@pytest.mark.parametrize(
    "args",
    [
        ("due", "--as-of", "2026-02-30"),
        ("report", "--since", "2026-02-30"),
        ("calendar", "--out", "x.ics", "--as-of", "2026-02-30"),
        ("log-session", "dan-ortiz--maria-lopez", "--date", "2026-02-30"),
        ("pair", "a", "b", "--date", "2026-02-30"),
    ],
)
def test_every_date_option_says_the_same(cli: Any, args: tuple[str, ...]) -> None:
    result = cli(*args)
    assert result.exit_code == 2
    assert "'2026-02-30' is not a real date; write YYYY-MM-DD" in result.stderr


def test_date_options_read_unpadded_dates(cli: Any, folder: Any) -> None:
    result = cli("due", "--as-of", "2026-3-1", "--json")
    assert result.exit_code == 0, result.stderr


def test_option_parts_read_dates_the_same_way() -> None:
    assert parse_action("Read|2026-3-1")["date"] == dt.date(2026, 3, 1)
    with pytest.raises(Exception, match=r"'2026-02-30' is not a real date \(YYYY-MM-DD\)"):
        parse_action("Read|2026-02-30")
