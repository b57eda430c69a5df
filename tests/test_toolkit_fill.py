"""Filling a form from options and files: option values refused with a plain reason,
hints only where they help, what log-session needs, the defaults --from applies."""

from __future__ import annotations

import pytest
from toolkit_support import days

from mentorkit.store.folder import ProgramFolder
from mentorkit.store.pairs import load_pair
from mentorkit.vocab import MeetingKind


# -- a progress number outside 0-100 is an error, not a note -----------------------------
@pytest.mark.parametrize("number", ["150", "-5", "101%"])
def test_progress_out_of_range_is_refused(cli, folder, with_goal, number) -> None:
    given = f"g1|in-progress|{number}"
    result = cli("log-session", with_goal, "--progress", given, "--no-interactive")
    assert result.exit_code != 0
    shown = number.rstrip("%")
    assert f"error: --progress {given!r}: {shown} is not 0–100" in result.stderr
    assert load_pair(folder, with_goal).sessions == []


# -- a part shaped like a date that is no real date -----------------------------------------
def test_goal_with_impossible_date_is_refused(cli, folder, pair) -> None:
    result = cli("goals", pair, "--goal", "X|2026-02-30")
    assert result.exit_code != 0
    assert "'2026-02-30' is not a real date (YYYY-MM-DD)" in result.stderr
    assert load_pair(folder, pair).goals is None


@pytest.mark.parametrize(
    ("command", "option", "value"),
    [
        ("log-session", "--action", "Do x|2026-02-30|g1"),
        ("log-session", "--action", "Do x|g1|2026-13-01"),
        ("action-plan", "--action", "Do x|2026-02-30"),
        ("partnership", "--idea", "Coffee|a slot|2026-02-30"),
        ("action-plan", "--done", "a1=2026-02-30"),
    ],
)
def test_impossible_dates_in_options(cli, with_goal, command, option, value) -> None:
    result = cli(command, with_goal, option, value, "--no-interactive")
    assert result.exit_code != 0
    assert "is not a real date (YYYY-MM-DD)" in result.stderr


def test_action_word_where_the_date_belongs(cli, with_goal) -> None:
    result = cli("log-session", with_goal, "--action", "Do x|notadate|g1", "--no-interactive")
    assert result.exit_code != 0
    assert "more than one goal" not in result.stderr
    assert "write the date as YYYY-MM-DD" in result.stderr


# -- "give it as an option" only for a value not given ---------------------------------------
HINT = "Give it as an option (see --help)"


@pytest.mark.parametrize(
    "args",
    [
        ("log-session", "--date", str(days(-3)), "--next", str(days(-5))),
        ("log-session", "--time", "25:00"),
    ],
    ids=["next-before-date", "bad-time"],
)
def test_a_given_value_that_is_wrong_has_no_option_hint(cli, with_goal, args) -> None:
    command, *rest = args
    result = cli(command, with_goal, *rest, "--no-interactive")
    assert result.exit_code != 0
    assert result.stderr.startswith("error: ")
    assert HINT not in result.stderr


def test_a_sixth_goal_has_no_option_hint(cli, pair) -> None:
    goals = [f"--goal=Goal {n}" for n in range(6)]
    result = cli("goals", pair, *goals)
    assert result.exit_code != 0
    assert "at most 5" in result.stderr
    assert HINT not in result.stderr


def test_a_missing_value_keeps_the_option_hint(folder: ProgramFolder, pair) -> None:
    from mentorkit.errors import InvalidInput
    from mentorkit.services.toolkit.fill import fill_ideas

    with pytest.raises(InvalidInput) as raised:
        fill_ideas(folder, pair, [{"needs": ["a slot"]}])
    assert HINT in (raised.value.hint or "")


# -- log-session with nothing given ----------------------------------------------------------
def test_log_session_with_no_options_is_refused(cli, folder, pair) -> None:
    result = cli("log-session", pair, "--no-interactive")
    assert result.exit_code != 0
    assert "error: nothing to record" in result.stderr
    assert load_pair(folder, pair).sessions == []


def test_log_session_with_only_a_date_is_enough(cli, folder, pair) -> None:
    result = cli("log-session", pair, "--date", str(days(-2)), "--no-interactive")
    assert result.exit_code == 0, result.stderr
    assert len(load_pair(folder, pair).sessions) == 1


# -- --from applies the session defaults the options do ------------------------------------
def _session_file(tmp_path, day, meeting: str = "") -> str:
    from mentorkit.services.toolkit.catalogue import blank

    text = blank("session").replace("date:\n", f"date: {day}\n", 1)
    text = text.replace("duration_minutes:\n", "duration_minutes: 40\n", 1)
    text = text.replace("meeting:\n", f"meeting: {meeting}\n", 1)
    path = tmp_path / "session.yaml"
    path.write_text(text)
    return str(path)


def test_first_session_from_a_file_is_the_first_meeting(cli, folder, pair, tmp_path) -> None:
    result = cli("log-session", pair, "--from", _session_file(tmp_path, days(-9)))
    assert result.exit_code == 0, result.stderr
    second = cli("log-session", pair, "--from", _session_file(tmp_path, days(-2)))
    assert second.exit_code == 0, second.stderr
    sessions = sorted(load_pair(folder, pair).sessions, key=lambda s: s[1].date)
    assert [s.meeting for _, s in sessions] == [MeetingKind.FIRST, MeetingKind.REGULAR]
    first = folder.relationship_dir(pair) / "sessions" / f"{sessions[0][0]}.yaml"
    assert "meeting: first" in first.read_text()  # the file says so too


def test_a_meeting_given_in_the_file_is_kept(cli, folder, pair, tmp_path) -> None:
    result = cli("log-session", pair, "--from", _session_file(tmp_path, days(-9), "final"))
    assert result.exit_code == 0, result.stderr
    assert load_pair(folder, pair).records[0].meeting is MeetingKind.FINAL


# -- a form dated after today or before the pair existed is refused, not saved then hidden -----
@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (("evaluate", "--as", "mentor", "--date", str(days(90)), "--recommend", "9"),
         f"date: {days(90)} is after today ({days(0)})"),
        (("needs-analysis", "--date", str(days(90)), "--wants", "X"),
         f"date: {days(90)} is after today ({days(0)})"),
        (("needs-analysis", "--date", str(days(-400)), "--wants", "X"),
         f"date: {days(-400)} is before the relationship was made ({days(-120)})"),
    ],
    ids=["evaluation-future", "needs-future", "needs-before-pair"],
)
def test_a_form_dated_out_of_the_pairs_time_is_refused(
    cli, folder, pair, args, shown
) -> None:
    command, *rest = args
    result = cli(command, pair, *rest, "--no-interactive")
    assert result.exit_code != 0
    assert shown in result.stderr
    forms = load_pair(folder, pair)
    assert forms.needs_analysis is None and forms.evaluations == {}


@pytest.mark.parametrize(
    ("done", "shown"),
    [(days(30), f"a1 done {days(30)} is after today"),
     (days(-400), f"a1 done {days(-400)} is before the relationship was made")],
    ids=["future", "before-pair"],
)
def test_an_action_done_out_of_the_pairs_time_is_refused(cli, folder, pair, done, shown) -> None:
    assert cli("action-plan", pair, "--action", f"Step|{days(10)}").exit_code == 0
    result = cli("action-plan", pair, "--done", f"a1={done}")
    assert result.exit_code != 0
    assert shown in result.stderr
    plan = load_pair(folder, pair).action_plan
    assert plan is not None and plan.actions[0].done_date is None


# -- a command run twice records nothing twice --------------------------------------------------
@pytest.mark.parametrize(
    ("command", "option", "first", "again", "note"),
    [
        ("goals", "--goal", "Run the huddle", "  run the HUDDLE ",
         "already there: g1, goal 'Run the huddle'; not added again"),
        ("action-plan", "--action", f"Read the policy|{days(5)}", f"read  the policy|{days(5)}",
         "already there: a1, action 'Read the policy'; not added again"),
        ("partnership", "--idea", "Co-present at rounds", "Co-present at rounds",
         "already there: idea 'Co-present at rounds'; not added again"),
    ],
    ids=["goal", "action", "idea"],
)
def test_the_same_item_given_again_is_not_added_twice(
    cli, folder, pair, command, option, first, again, note
) -> None:
    assert cli(command, pair, option, first, "--no-interactive").exit_code == 0
    before = folder.relationship_dir(pair).joinpath(_FILES[command]).read_text()
    result = cli(command, pair, option, again, "--no-interactive")
    assert result.exit_code == 0, result.stderr
    assert f"  {note}" in result.stdout
    assert folder.relationship_dir(pair).joinpath(_FILES[command]).read_text() == before


_FILES = {"goals": "goals.yaml", "action-plan": "action-plan.yaml",
          "partnership": "partnership-ideas.yaml"}


def test_an_action_again_on_another_day_is_a_new_action(cli, folder, pair) -> None:
    for day in (5, 5, 12):
        assert cli("action-plan", pair, "--action", f"Read|{days(day)}").exit_code == 0
    plan = load_pair(folder, pair).action_plan
    assert plan is not None
    assert [(a.id, a.date) for a in plan.actions] == [("a1", days(5)), ("a2", days(12))]
