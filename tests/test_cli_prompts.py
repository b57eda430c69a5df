"""Prompts on a terminal: what they ask and leave out, asking again at once for an answer
that cannot be saved, drafts of answers that fail at the end, and `close` asking for the
final meeting and the evaluations that are missing."""

from __future__ import annotations

from typing import Any

from toolkit_support import days, make_pair

from mentorkit.services.toolkit.pair import open_pair
from mentorkit.store.folder import ProgramFolder
from mentorkit.store.pairs import load_pair
from mentorkit.vocab import MeetingKind, RelationshipStatus, Respondent

# The session questions for a pair with no goals: date, minutes, mode, issue (empty ends),
# learnings, action (empty ends), next meeting, private notes. Enter keeps each default.
SESSION = "\n" * 8
# An evaluation for a pair with no goals: new goals, seven ratings (the last: grew),
# recommend, continue, comments.
EVALUATION = "\n" * 7 + "4\n" + "9\n" + "n\n" + "Thank you\n"


def _close(cli: Any, answers: str) -> Any:
    return cli("close", "maria-lopez", "--reason", "six months done", "--interactive",
               "--date", days(-1).isoformat(), input=answers)


def test_close_records_the_final_meeting_and_evaluations_it_asks_for(
    cli: Any, folder: ProgramFolder
) -> None:
    pair = make_pair(folder, status=RelationshipStatus.ACTIVE, started=days(-90))
    answers = "y\n" + SESSION + "y\n" + EVALUATION + "y\n" + EVALUATION
    result = _close(cli, answers)
    assert result.exit_code == 0, result.stdout + result.stderr
    forms = open_pair(folder, pair)
    final = [s for s in forms.records if s.meeting is MeetingKind.FINAL]
    assert [s.date for s in final] == [days(-1)]  # the closing date is offered
    for who in Respondent:
        assert forms.evaluations[who].recommend == 9
        assert forms.evaluations[who].relationship.grew == 4
        assert forms.evaluations[who].comments == "Thank you"
    relationship = folder.load_relationship(pair)
    assert relationship.status is RelationshipStatus.COMPLETED
    assert relationship.closure is not None and relationship.closure.missing == []


def test_close_without_them_records_why(cli: Any, folder: ProgramFolder) -> None:
    pair = make_pair(folder, status=RelationshipStatus.ACTIVE, started=days(-90))
    result = _close(cli, "n\nn\nn\ny\nthe mentee left before the end\n")
    assert result.exit_code == 0, result.stdout + result.stderr
    closure = folder.load_relationship(pair).closure
    assert closure is not None
    assert closure.missing_reason == "the mentee left before the end"
    assert len(closure.missing) == 3


def test_declining_to_close_changes_nothing(cli: Any, folder: ProgramFolder) -> None:
    pair = make_pair(folder, status=RelationshipStatus.ACTIVE, started=days(-90))
    result = _close(cli, "n\nn\nn\nn\n")
    assert result.exit_code == 130
    assert "Not closed." in result.stderr
    assert folder.load_relationship(pair).status is RelationshipStatus.ACTIVE


# -- prompts leave out the YAML-editing instructions -----------------------------------------
def test_prompts_leave_out_yaml_instructions(cli, folder, with_goal) -> None:
    result = cli(
        "log-session", with_goal, "--date", str(days(-1)), "--duration", "30", "--mode",
        "phone", "--meeting", "regular", "--issue", "Time|Plan ahead", "--action",
        f"Draft it|{days(2)}|g1", "--next", str(days(9)), "--notes", "-", "--interactive",
        input="\n\nKeep it short; ask early\n\n",  # time, g1, learnings, next time
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "Progress against each goal since last time." in result.stdout
    assert "What you learned in this meeting." in result.stdout
    assert "(separate with ';')" in result.stdout
    assert "Copy the block" not in result.stdout
    assert '"- "' not in result.stdout
    assert load_pair(folder, with_goal).records[0].learnings == ["Keep it short", "ask early"]


def test_every_prompt_guidance_is_free_of_yaml_editing() -> None:
    from mentorkit.cli.asker import for_prompt
    from mentorkit.services.toolkit.catalogue import FORMS, guidance

    for name in FORMS:
        for key, text in guidance(name).items():
            shown = for_prompt(text)
            assert "Copy the block" not in shown and '"- "' not in shown, (name, key)
            assert "...." not in shown
    assert for_prompt(guidance("needs-analysis")["communication"]) == (
        "How you will keep in touch between meetings: email, phone, chat..."
    )


# -- prompted answers are not lost to a rule checked at the end ----------------------------
def test_a_prompted_date_before_the_start_is_asked_again(cli, folder, with_goal) -> None:
    answers = [
        str(days(-200)),  # before the pair was created (120 days ago): asked again
        str(days(-2)),
        "",  # no time
        "40", "phone", "",  # minutes, mode, meeting
        "",  # g1 skipped
        "",  # no issue
        "",  # no learnings
        "",  # no action
        "none", "",  # no next meeting (one cadence later is suggested), no notes
    ]  # fmt: skip
    result = cli("log-session", with_goal, "--interactive", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stderr
    assert f"{days(-200)} is before the relationship began" in result.stdout
    ((_, session),) = load_pair(folder, with_goal).sessions
    assert session.date == days(-2)


def test_a_bad_date_option_fails_before_the_questions(cli, with_goal) -> None:
    result = cli("log-session", with_goal, "--date", str(days(-200)), "--interactive", input="")
    assert result.exit_code != 0
    assert "is before the relationship began" in result.stderr
    assert "Minutes" not in result.stdout


def test_prompts_ask_again_for_an_unknown_goal_and_an_early_next_date(
    cli, folder, with_goal
) -> None:
    answers = [
        str(days(-2)), "", "40", "phone", "",  # date, time, minutes, mode, meeting
        "",  # g1 skipped
        "", "",  # no issue, no learnings
        "Draft the list", str(days(3)), "", "g9", "g1",  # g9 is no goal: asked again
        "",  # no more actions
        str(days(-5)), str(days(10)), "", "",  # a next meeting before this one: asked again
    ]  # fmt: skip
    result = cli("log-session", with_goal, "--interactive", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stderr
    assert "There is no goal g9; this pair's goals: g1." in result.stdout
    assert f"It must be after this one ({days(-2)})." in result.stdout
    ((_, session),) = load_pair(folder, with_goal).sessions
    assert (session.actions[0].goal, session.next_meeting) == ("g1", days(10))


def test_answers_that_fail_at_the_end_are_kept_in_a_draft(
    cli, folder, with_goal, monkeypatch
) -> None:
    from mentorkit.cli import ask
    from mentorkit.services.toolkit.fill import fill_goals

    asked = ask.session

    def meanwhile(*args, **kwargs) -> None:  # someone drops g1 while the questions run
        asked(*args, **kwargs)
        fill_goals(folder, with_goal, drop=["g1"])

    monkeypatch.setattr(ask, "session", meanwhile)
    answers = [
        str(days(-2)), "", "40", "phone", "",  # date, time, minutes, mode, meeting
        "in-progress", "30", "Led one",  # g1
        "", "Keep it short",  # no issue; learnings
        "Draft the list", str(days(3)), "", "g1",
        "",  # no more actions
        str(days(10)), "", "just us",  # next meeting, its time, notes
    ]  # fmt: skip
    result = cli("log-session", with_goal, "--interactive", input="\n".join(answers) + "\n")
    assert result.exit_code != 0
    assert "goal g1 is dropped" in result.stderr
    assert load_pair(folder, with_goal).sessions == []
    drafts = list(folder.state_dir.glob("draft-session-*.yaml"))
    assert len(drafts) == 1
    assert f"--from {drafts[0]}" in " ".join(result.stderr.split())
    assert cli("goals", with_goal, "--status", "g1=in-progress").exit_code == 0
    resumed = cli("log-session", with_goal, "--from", str(drafts[0]))
    assert resumed.exit_code == 0, resumed.stderr
    ((_, session),) = load_pair(folder, with_goal).sessions
    assert (session.date, session.learnings, session.next_meeting) == (
        days(-2),
        ["Keep it short"],
        days(10),
    )
    assert session.actions[0].goal == "g1" and session.progress[0].progress == 30
    assert session.private_notes == "just us"
