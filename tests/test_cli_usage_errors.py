"""Bad command lines get plain lines on stderr and exit 2; Ctrl-C/Ctrl-D at a prompt, 130."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


def _plain(result: Any) -> list[str]:
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) <= 2, result.stderr
    assert not any(ch in result.stderr for ch in "╭│╰"), result.stderr  # no rich boxes
    return lines


def test_a_bad_choice_is_one_plain_line_and_a_pointer_to_help(cli: Any, program_dir: Any) -> None:
    result = cli("participants", "list", "--role", "boss")
    assert result.exit_code == 2
    first, second = _plain(result)
    assert first == (
        "error: Invalid value for '--role': 'boss': use one of mentor, mentee, both"
    )
    assert second == "See 'mentorkit participants list --help'."


def test_an_impossible_date_says_so(cli: Any, tmp_path: Path) -> None:
    result = cli("init", str(tmp_path / "p"), "--start-date", "2026-02-30", "--no-interactive")
    assert result.exit_code == 2
    assert "'2026-02-30' is not a real date; write YYYY-MM-DD" in _plain(result)[0]


def test_an_unknown_command(cli: Any) -> None:
    result = cli("nope")
    assert result.exit_code == 2
    assert "No such command 'nope'" in _plain(result)[0]


def test_end_of_input_at_a_prompt_is_an_interruption(cli: Any, program_dir: Any) -> None:
    result = cli("add", "--interactive", input="")
    assert result.exit_code == 130
    assert result.stderr.strip().endswith("interrupted")



def test_a_number_option_that_is_not_a_number_says_so_plainly(
    cli: Any, program_dir: Any
) -> None:
    for years, said in (("lots", "'lots' is not a number; give years like 3, 2.5 or '6 months'"),
                        ("71", "give at most 70"), ("-1", "give at least 0"),
                        ("inf", "'inf' is not a number; give years like 3, 2.5 or '6 months'")):
        result = cli("add", "Ann Lee", "--email", "ann@example.org", "--role", "mentee",
                     "--years", years, "--no-interactive")
        assert result.exit_code == 2
        assert _plain(result)[0] == f"error: Invalid value for '--years': {said}"


@pytest.mark.parametrize("given", ["forever", "4.5", "1.01 hours", "500", "0", "²"])
def test_a_length_of_time_that_is_none_says_what_is(
    cli: Any, program_dir: Any, given: str
) -> None:
    result = cli("log-session", "nobody", "--duration", given, "--no-interactive")
    assert result.exit_code == 2
    assert _plain(result)[0] == (
        f"error: Invalid value for '--duration': {given!r}: give a whole number from 5 to "
        "480 minutes, or a length like 45 min, 1 hour or 1h30")


def test_a_date_beyond_a_programs_years_is_refused(cli: Any, program_dir: Any) -> None:
    # `report --as-of 9999-12-31` stepped past the end of Python's calendar (a traceback)
    for day in ("9999-12-31", "0001-01-02"):
        result = cli("report", "--as-of", day)
        assert result.exit_code == 2
        assert _plain(result)[0] == (f"error: Invalid value for '--as-of': '{day}' is too far "
                                     "off (give a year from 1900 to 2199); write YYYY-MM-DD")


def test_a_value_no_service_checked_is_still_plain_words(
    cli: Any, program_dir: Any, monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a model refusing a value a service did not check first (as `close --reason ""` did)
    # must not end in a traceback: the one mapping for every command says field: message
    from mentorkit.models.relationship import Closure
    from mentorkit.services.toolkit import lifecycle

    def refuse(*_: object, **__: object) -> None:
        Closure.model_validate({"date": "2026-01-01", "kind": "completed", "reason": ""})

    monkeypatch.setattr(lifecycle, "start", refuse)
    result = cli("start", "anything")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "error: reason: String should have at least 1 character"]
