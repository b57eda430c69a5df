"""Corrections: a session or form filed by mistake amended or removed, the pair kept
consistent and the change noted in its history; the same session twice refused."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from toolkit_support import amend_session, days, make_pair

from mentorkit.errors import Conflict, InvalidFile, InvalidInput, NotFound
from mentorkit.services.toolkit import corrections
from mentorkit.store.folder import ProgramFolder
from mentorkit.store.pairs import load_pair
from mentorkit.vocab import RelationshipStatus


def _log(cli: Any, pair: str, day: int, *extra: str) -> None:
    result = cli("log-session", pair, "--date", days(day).isoformat(), "--duration", "45",
                 "--no-interactive", *extra)
    assert result.exit_code == 0, result.stderr


def test_removing_the_only_session_makes_the_pair_proposed_again(
    cli: Any, folder: ProgramFolder
) -> None:
    pair = make_pair(folder)
    _log(cli, pair, -3, "--action", f"Read the policy|mentee|{days(5).isoformat()}")
    assert folder.load_relationship(pair).status is RelationshipStatus.ACTIVE
    result = corrections.remove(folder, pair, days(-3).isoformat(), "logged for the wrong pair")
    assert result.relationship.status is RelationshipStatus.PROPOSED
    after = folder.load_relationship(pair)
    assert (after.status, after.started) == (RelationshipStatus.PROPOSED, None)
    assert after.history[-1].event == "session removed"
    assert "logged for the wrong pair" in (after.history[-1].note or "")
    assert folder.session_paths(pair) == []
    plan = folder.load_form(pair, corrections.ActionPlan)
    assert plan is not None and plan.actions == []  # the action it agreed went with it


def test_removing_the_first_session_moves_the_start(cli: Any, folder: ProgramFolder) -> None:
    pair = make_pair(folder)
    _log(cli, pair, -20)
    _log(cli, pair, -5)
    result = corrections.remove(folder, pair, days(-20).isoformat(), "never happened")
    assert folder.load_relationship(pair).started == days(-5)
    assert any("started moved" in note for note in result.notes)


def test_a_pair_started_by_hand_stays_active(cli: Any, folder: ProgramFolder) -> None:
    pair = make_pair(folder, status=RelationshipStatus.ACTIVE, started=days(-30))
    _log(cli, pair, -3)
    corrections.remove(folder, pair, days(-3).isoformat(), "typo")
    after = folder.load_relationship(pair)
    assert (after.status, after.started) == (RelationshipStatus.ACTIVE, days(-30))


def test_amending_keeps_actions_still_agreed_and_renames_on_a_new_date(
    cli: Any, folder: ProgramFolder, tmp_path: Path
) -> None:
    pair = make_pair(folder)
    _log(cli, pair, -4, "--action", f"Read the policy|mentee|{days(5).isoformat()}",
         "--action", f"Book a shadow shift|mentee|{days(6).isoformat()}")
    plan = folder.load_form(pair, corrections.ActionPlan)
    assert plan is not None
    ids = {a.description: a.id for a in plan.actions}
    new = tmp_path / "s.yaml"
    new.write_text(
        f"date: {days(-3).isoformat()}\nduration_minutes: 60\nmeeting: first\n"
        f"actions:\n- description: Read the policy\n  date: {days(7).isoformat()}\n",
        encoding="utf-8")
    result = corrections.amend_from_text(folder, pair, days(-4).isoformat(),
                                         new.read_text(encoding="utf-8"), source=str(new),
                                         reason="wrong day")
    assert result.form == f"sessions/{days(-3).isoformat()}.yaml"
    [(name, session)] = load_pair(folder, pair).sessions
    assert (name, session.duration_minutes) == (days(-3).isoformat(), 60)
    plan = folder.load_form(pair, corrections.ActionPlan)
    assert plan is not None
    assert [(a.id, a.date, a.from_session) for a in plan.actions] == [
        (ids["Read the policy"], days(7), name)]
    after = folder.load_relationship(pair)
    assert after.started == days(-3)
    assert after.history[-1].event == "session amended"


def test_amending_keeps_an_action_no_longer_agreed_that_was_done_since(
    cli: Any, folder: ProgramFolder
) -> None:
    pair = make_pair(folder)
    _log(cli, pair, -4, "--action", f"Read the policy|mentee|{days(5).isoformat()}")
    done = cli("action-plan", pair, "--done", f"a1={days(-1)}", "--no-interactive")
    assert done.exit_code == 0, done.output
    text = f"date: {days(-4).isoformat()}\nduration_minutes: 60\nmeeting: first\n"
    result = corrections.amend_from_text(folder, pair, days(-4).isoformat(), text,
                                         source="s.yaml", reason="no actions agreed")
    assert any("kept in the action plan" in note and "a1 (done)" in note
               for note in result.notes)
    plan = folder.load_form(pair, corrections.ActionPlan)
    assert plan is not None
    assert [(a.id, a.status.value, a.done_date) for a in plan.actions] == [
        ("a1", "done", days(-1))]


def _amend_date(folder: ProgramFolder, pair: str, given: int, new: int) -> Any:
    text = f"date: {days(new).isoformat()}\nduration_minutes: 45\nmeeting: first\n"
    return corrections.amend_from_text(folder, pair, days(given).isoformat(), text,
                                       source="s.yaml", reason="wrong day")


def test_a_first_session_moved_later_can_be_moved_back(folder: ProgramFolder, cli: Any) -> None:
    pair = make_pair(folder, created=days(-30))
    _log(cli, pair, -10)
    _amend_date(folder, pair, -10, -8)
    assert folder.load_relationship(pair).started == days(-8)
    _amend_date(folder, pair, -8, -10)  # the date fix undone: the start follows
    assert folder.load_relationship(pair).started == days(-10)
    with pytest.raises(InvalidFile, match=f"before the relationship began \\({days(-30)}\\)"):
        _amend_date(folder, pair, -10, -31)  # never before the pair was made
    assert [n for n, _ in load_pair(folder, pair).sessions] == [days(-10).isoformat()]


def test_a_blank_form_filled_in_part_amends_as_it_logs(
    cli: Any, folder: ProgramFolder, tmp_path: Path
) -> None:
    pair = make_pair(folder)
    _log(cli, pair, -3)
    blank = tmp_path / "b.yaml"
    assert cli("forms", "copy", "session", str(blank)).exit_code == 0
    text = blank.read_text(encoding="utf-8")
    for key, value in (("date", days(-2).isoformat()), ("duration_minutes", "50"),
                       ("meeting", "first")):
        text = text.replace(f"\n{key}:\n", f"\n{key}: {value}\n", 1)
    blank.write_text(text, encoding="utf-8")
    result = cli("amend-session", pair, days(-3).isoformat(), "--from", str(blank),
                 "--reason", "wrong day and length")
    assert result.exit_code == 0, result.stderr
    [(name, session)] = load_pair(folder, pair).sessions
    assert (name, session.duration_minutes) == (days(-2).isoformat(), 50)


def test_other_forms_and_refusals(cli: Any, folder: ProgramFolder) -> None:
    pair = make_pair(folder)
    ok = cli("goals", pair, "--goal", "Lead a handover", "--no-interactive")
    assert ok.exit_code == 0, ok.stderr
    _log(cli, pair, -2, "--progress", "g1|in-progress|20")
    with pytest.raises(InvalidInput, match="cannot be removed"):
        corrections.remove(folder, pair, "goals", "mistake")
    with pytest.raises(NotFound):
        corrections.remove(folder, pair, "needs-analysis", "mistake")
    with pytest.raises(NotFound, match="no session"):
        corrections.remove(folder, pair, "2020-01-01", "mistake")
    with pytest.raises(InvalidInput, match="reason"):
        corrections.remove(folder, pair, days(-2).isoformat(), " ")
    ok = cli("close", pair, "--reason", "done", "--kind", "ended-early",
             "--missing-reason", "left", "--no-interactive")
    assert ok.exit_code == 0, ok.stderr
    with pytest.raises(Conflict, match="not corrected"):
        corrections.remove(folder, pair, days(-2).isoformat(), "mistake")


def test_the_same_session_twice_is_refused(cli: Any, folder: ProgramFolder) -> None:
    pair = make_pair(folder)
    args = ("log-session", pair, "--date", days(-1).isoformat(), "--duration", "45",
            "--next", days(20).isoformat(), "--no-interactive")
    assert cli(*args).exit_code == 0
    again = cli(*args)
    assert again.exit_code != 0
    assert "already has this session" in again.stderr
    assert "--time HH:MM" in again.stderr
    assert len(folder.session_paths(pair)) == 1
    second = cli(*args, "--time", "15:00")
    assert second.exit_code == 0, second.stderr
    assert len(folder.session_paths(pair)) == 2
    shown = json.loads(cli("show", pair, "--json").stdout)
    assert len(shown["sessions"]) == 2


def test_through_the_cli(cli: Any, folder: ProgramFolder, tmp_path: Path) -> None:
    pair = make_pair(folder)
    _log(cli, pair, -3)
    amended = amend_session(cli, tmp_path, pair, days(-3),
                            f"date: {days(-3).isoformat()}\nduration_minutes: 1 hour\n",
                            "it ran long")
    assert amended.exit_code == 0, amended.stderr
    assert "Amended sessions/" in amended.stdout
    assert load_pair(folder, pair).sessions[0][1].duration_minutes == 60
    needs_both = cli("amend-session", pair, days(-3).isoformat(), "--reason", "x")
    assert needs_both.exit_code == 2
    assert "--from FILE or --edit" in needs_both.stderr
    removed = cli("remove-form", pair, days(-3).isoformat(), "--reason", "wrong pair",
                  "--json")
    assert removed.exit_code == 0, removed.stderr
    assert json.loads(removed.stdout)["status"] == "proposed"
    history = json.loads(cli("show", pair, "--json").stdout)["history"]
    assert [e["event"] for e in history][-2:] == ["session amended", "session removed"]
    missing = cli("remove-form", pair, "2020-01-01", "--reason", "x")
    assert missing.exit_code != 0 and "has no session" in missing.stderr

