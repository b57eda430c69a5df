"""Fixes from the toolkit review: each test names the item it covers."""

from __future__ import annotations

import pytest
from toolkit_support import TODAY, days, make_pair

from mentorkit.store.folder import ProgramFolder
from mentorkit.store.pairs import load_pair
from mentorkit.vocab import MeetingKind, RelationshipStatus


@pytest.fixture
def pair(folder: ProgramFolder) -> str:
    return make_pair(folder)


@pytest.fixture
def with_goals(folder: ProgramFolder, pair: str, cli) -> str:
    result = cli("goals", pair, "--goal", "Run the morning huddle alone|3 huddles led")
    assert result.exit_code == 0, result.stderr
    return pair


# -- 1: a progress number outside 0-100 is an error, not a note -----------------------------
@pytest.mark.parametrize("number", ["150", "-5", "101%"])
def test_progress_out_of_range_is_refused(cli, folder, with_goals, number) -> None:
    given = f"g1|in-progress|{number}"
    result = cli("log-session", with_goals, "--progress", given, "--no-interactive")
    assert result.exit_code != 0
    shown = number.rstrip("%")
    assert f"error: --progress {given!r}: {shown} is not 0–100" in result.stderr
    assert load_pair(folder, with_goals).sessions == []


# -- 2: a part shaped like a date that is no real date -----------------------------------------
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
def test_impossible_dates_in_options(cli, with_goals, command, option, value) -> None:
    result = cli(command, with_goals, option, value, "--no-interactive")
    assert result.exit_code != 0
    assert "is not a real date (YYYY-MM-DD)" in result.stderr


def test_action_word_where_the_date_belongs(cli, with_goals) -> None:
    result = cli("log-session", with_goals, "--action", "Do x|notadate|g1", "--no-interactive")
    assert result.exit_code != 0
    assert "more than one goal" not in result.stderr
    assert "write the date as YYYY-MM-DD" in result.stderr


def test_action_date_without_zero_padding_is_a_date() -> None:
    from mentorkit.cli.syntax import parse_action

    assert parse_action("Do x|2026-3-1|g1")["date"].isoformat() == "2026-03-01"


# -- 5: "give it as an option" only for a value not given ---------------------------------------
HINT = "Give it as an option (see --help)"


@pytest.mark.parametrize(
    "args",
    [
        ("log-session", "--date", str(days(-3)), "--next", str(days(-5))),
        ("log-session", "--time", "25:00"),
    ],
    ids=["next-before-date", "bad-time"],
)
def test_a_given_value_that_is_wrong_has_no_option_hint(cli, with_goals, args) -> None:
    command, *rest = args
    result = cli(command, with_goals, *rest, "--no-interactive")
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


# -- 6: log-session with nothing given ----------------------------------------------------------
def test_log_session_with_no_options_is_refused(cli, folder, pair) -> None:
    result = cli("log-session", pair, "--no-interactive")
    assert result.exit_code != 0
    assert "error: nothing to record" in result.stderr
    assert load_pair(folder, pair).sessions == []


def test_log_session_with_only_a_date_is_enough(cli, folder, pair) -> None:
    result = cli("log-session", pair, "--date", str(days(-2)), "--no-interactive")
    assert result.exit_code == 0, result.stderr
    assert len(load_pair(folder, pair).sessions) == 1


# -- 3: start, close and reopen refuse a date after today --------------------------------------
def test_start_refuses_a_future_date(cli, folder, pair) -> None:
    result = cli("start", pair, "--date", str(days(30)))
    assert result.exit_code != 0
    assert f"{days(30)} is after today ({TODAY})" in result.stderr
    assert load_pair(folder, pair).relationship.status is RelationshipStatus.PROPOSED


def test_close_refuses_a_future_date(cli, folder, pair) -> None:
    assert cli("start", pair, "--date", str(days(-60))).exit_code == 0
    result = cli(
        "close",
        pair,
        "--reason",
        "done",
        "--kind",
        "ended-early",
        "--date",
        str(days(400)),
        "--missing-reason",
        "none kept",
        "--no-interactive",
    )
    assert result.exit_code != 0
    assert "is after today" in result.stderr
    assert load_pair(folder, pair).relationship.status is RelationshipStatus.ACTIVE


def test_lifecycle_today_is_injectable(folder: ProgramFolder, pair) -> None:
    from mentorkit.errors import InvalidInput
    from mentorkit.services.toolkit import lifecycle

    with pytest.raises(InvalidInput):
        lifecycle.start(folder, pair, days(-5), today=days(-10))
    result = lifecycle.start(folder, pair, days(-5), today=days(-5))
    assert result.relationship.started == days(-5)
    lifecycle.close(
        folder, pair, reason="moved", date=days(-1), missing_reason="left", today=days(-1)
    )
    with pytest.raises(InvalidInput, match="after today"):
        lifecycle.reopen(folder, pair, reason="back", date=days(3))


# -- 7: backfilling a pair that existed on paper --------------------------------------------
def test_start_before_created_moves_created_back(cli, folder: ProgramFolder) -> None:
    pair = make_pair(folder, created=TODAY)
    result = cli("start", pair, "--date", str(days(-80)))
    assert result.exit_code == 0, result.stderr
    assert "created moved back" in result.stdout
    r = load_pair(folder, pair).relationship
    assert (r.created, r.started) == (days(-80), days(-80))
    assert f"created moved back from {TODAY}" in r.history[-1].note
    logged = cli("log-session", pair, "--date", str(days(-79)), "--no-interactive")
    assert logged.exit_code == 0, logged.stderr


def test_first_session_before_created_says_to_start_it(cli, folder: ProgramFolder) -> None:
    pair = make_pair(folder, created=TODAY)
    result = cli("log-session", pair, "--date", str(days(-80)), "--no-interactive")
    assert result.exit_code != 0
    assert f"run `mentorkit start {pair} --date {days(-80)}` first" in result.stderr
    assert load_pair(folder, pair).sessions == []


# -- 4: --from applies the session defaults the options do ------------------------------------
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


# -- 9: prompts leave out the YAML-editing instructions -----------------------------------------
def test_prompts_leave_out_yaml_instructions(cli, folder, with_goals) -> None:
    result = cli(
        "log-session", with_goals, "--date", str(days(-1)), "--duration", "30", "--mode",
        "phone", "--meeting", "regular", "--issue", "Time|Plan ahead", "--action",
        f"Draft it|{days(2)}|g1", "--next", str(days(9)), "--notes", "-", "--interactive",
        input="\nKeep it short; ask early\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "Progress against each goal since last time." in result.stdout
    assert "What you learned in this meeting." in result.stdout
    assert "(separate with ';')" in result.stdout
    assert "Copy the block" not in result.stdout
    assert '"- "' not in result.stdout
    assert load_pair(folder, with_goals).records[0].learnings == ["Keep it short", "ask early"]


def test_every_prompt_guidance_is_free_of_yaml_editing() -> None:
    from mentorkit.cli.ask import for_prompt
    from mentorkit.services.toolkit.catalogue import FORMS, guidance

    for name in FORMS:
        for key, text in guidance(name).items():
            shown = for_prompt(text)
            assert "Copy the block" not in shown and '"- "' not in shown, (name, key)
            assert "...." not in shown
    assert for_prompt(guidance("needs-analysis")["communication"]) == (
        "How you will keep in touch between meetings: email, phone, chat..."
    )


# -- 8: prompted answers are not lost to a rule checked at the end ----------------------------
def test_a_prompted_date_before_the_start_is_asked_again(cli, folder, with_goals) -> None:
    answers = [
        str(days(-200)),  # before the pair was created (120 days ago): asked again
        str(days(-2)),
        "40", "phone", "",  # minutes, mode, meeting
        "",  # g1 skipped
        "",  # no issue
        "",  # no learnings
        "",  # no action
        "", "",  # no next meeting, no notes
    ]  # fmt: skip
    result = cli("log-session", with_goals, "--interactive", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stderr
    assert f"{days(-200)} is before the relationship began" in result.stdout
    ((_, session),) = load_pair(folder, with_goals).sessions
    assert session.date == days(-2)


def test_a_bad_date_option_fails_before_the_questions(cli, with_goals) -> None:
    result = cli("log-session", with_goals, "--date", str(days(-200)), "--interactive", input="")
    assert result.exit_code != 0
    assert "is before the relationship began" in result.stderr
    assert "Minutes" not in result.stdout


def test_prompts_ask_again_for_an_unknown_goal_and_an_early_next_date(
    cli, folder, with_goals
) -> None:
    answers = [
        str(days(-2)), "40", "phone", "",  # date, minutes, mode, meeting
        "",  # g1 skipped
        "", "",  # no issue, no learnings
        "Draft the list", str(days(3)), "", "g9", "g1",  # g9 is no goal: asked again
        "",  # no more actions
        str(days(-5)), str(days(10)), "",  # a next meeting before this one: asked again
    ]  # fmt: skip
    result = cli("log-session", with_goals, "--interactive", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stderr
    assert "There is no goal g9; this pair's goals: g1." in result.stdout
    assert f"It must be after this one ({days(-2)})." in result.stdout
    ((_, session),) = load_pair(folder, with_goals).sessions
    assert (session.actions[0].goal, session.next_meeting) == ("g1", days(10))


def test_answers_that_fail_at_the_end_are_kept_in_a_draft(
    cli, folder, with_goals, monkeypatch
) -> None:
    from mentorkit.cli import ask
    from mentorkit.services.toolkit.fill import fill_goals

    asked = ask.session

    def meanwhile(*args, **kwargs) -> None:  # someone drops g1 while the questions run
        asked(*args, **kwargs)
        fill_goals(folder, with_goals, drop=["g1"])

    monkeypatch.setattr(ask, "session", meanwhile)
    answers = [
        str(days(-2)), "40", "phone", "",  # date, minutes, mode, meeting
        "in-progress", "30", "Led one",  # g1
        "", "Keep it short",  # no issue; learnings
        "Draft the list", str(days(3)), "", "g1",
        "",  # no more actions
        str(days(10)), "just us",
    ]  # fmt: skip
    result = cli("log-session", with_goals, "--interactive", input="\n".join(answers) + "\n")
    assert result.exit_code != 0
    assert "goal g1 is dropped" in result.stderr
    assert load_pair(folder, with_goals).sessions == []
    drafts = list(folder.state_dir.glob("draft-session-*.yaml"))
    assert len(drafts) == 1
    assert f"--from {drafts[0]}" in " ".join(result.stderr.split())
    assert cli("goals", with_goals, "--status", "g1=in-progress").exit_code == 0
    resumed = cli("log-session", with_goals, "--from", str(drafts[0]))
    assert resumed.exit_code == 0, resumed.stderr
    ((_, session),) = load_pair(folder, with_goals).sessions
    assert (session.date, session.learnings, session.next_meeting) == (
        days(-2),
        ["Keep it short"],
        days(10),
    )
    assert session.actions[0].goal == "g1" and session.progress[0].progress == 30
    assert session.private_notes == "just us"
