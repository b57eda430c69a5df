"""A relationship's life: start, close, reopen, and the dates each accepts."""

from __future__ import annotations

import json

import pytest
from toolkit_support import PAIR, TODAY, days, make_pair

from mentorkit.errors import Conflict
from mentorkit.services.enrolment.participants import mentor_load
from mentorkit.services.toolkit import lifecycle
from mentorkit.services.toolkit.fill import log_session
from mentorkit.store.folder import ProgramFolder
from mentorkit.store.pairs import load_pair
from mentorkit.vocab import RelationshipStatus


def _ok(result) -> None:
    assert result.exit_code == 0, result.stdout + result.stderr


def _finish(cli, pair: str) -> None:
    """A final meeting and both evaluations: what a proper close needs."""
    _ok(cli("log-session", pair, "--date", str(days(-2)), "--meeting", "final"))
    _ok(cli("evaluate", pair, "--as", "mentor", "--recommend", "9"))
    _ok(cli("evaluate", pair, "--as", "mentee", "--recommend", "10"))


# -- lifecycle -------------------------------------------------------------------------------
def test_start_makes_a_proposed_relationship_active(cli, folder: ProgramFolder) -> None:
    make_pair(folder)
    _ok(cli("start", PAIR, "--date", str(days(-50))))
    r = folder.load_relationship(PAIR)
    assert (r.status, r.started) == (RelationshipStatus.ACTIVE, days(-50))
    assert r.history[-1].event == "started"
    result = cli("start", PAIR)
    assert result.exit_code == 4
    assert f"already active since {days(-50)}" in result.stderr


def test_start_before_created_backfills_created(folder: ProgramFolder) -> None:
    make_pair(folder, created=days(-10))
    result = lifecycle.start(folder, PAIR, days(-11))
    assert result.relationship.created == result.relationship.started == days(-11)


def test_close_with_everything_recorded(cli, folder: ProgramFolder) -> None:
    make_pair(folder, mentor_capacity=1)
    _finish(cli, PAIR)
    assert mentor_load(folder.load_relationships().values()) == {"dan-ortiz": 1}
    result = cli("close", "maria", "--reason", "Goals met", "--json")
    _ok(result)
    data = json.loads(result.stdout)
    assert data["relationship"]["status"] == "completed"
    r = folder.load_relationship(PAIR)
    assert r.closure.kind.value == "completed"
    assert (r.ended, r.closure.missing, r.closure.missing_reason) == (TODAY, [], None)
    assert mentor_load(folder.load_relationships().values()) == {}  # the place is free again
    result = cli("close", PAIR, "--reason", "again")
    assert result.exit_code == 4
    assert "already completed" in result.stderr


def test_close_without_the_final_meeting_needs_a_reason(cli, folder: ProgramFolder) -> None:
    make_pair(folder)
    _ok(cli("log-session", PAIR, "--date", str(days(-20))))
    _ok(cli("evaluate", PAIR, "--as", "mentee", "--recommend", "7"))
    result = cli(
        "close", PAIR, "--reason", "Moved to nights", "--kind", "ended-early", "--no-interactive"
    )
    assert result.exit_code == 2
    assert "has no record of the final meeting or the mentor's evaluation" in result.stderr
    assert "--missing-reason" in result.stderr
    _ok(
        cli(
            "close",
            PAIR,
            "--reason",
            "Moved to nights",
            "--kind",
            "ended-early",
            "--missing-reason",
            "Dan left the unit",
            "--date",
            str(days(-1)),
        )
    )
    r = folder.load_relationship(PAIR)
    assert r.status is RelationshipStatus.ENDED_EARLY
    assert r.closure.missing == ["the final meeting", "the mentor's evaluation"]
    assert r.closure.missing_reason == "Dan left the unit"


def test_close_asks_on_a_terminal(cli, folder: ProgramFolder) -> None:
    make_pair(folder, status=RelationshipStatus.ACTIVE, started=days(-60))
    # record the final meeting / mentor's / mentee's evaluation now? no, no, no; close? no
    result = cli("close", PAIR, "--reason", "Done", "--interactive", input="n\nn\nn\nn\n")
    assert result.exit_code == 130
    assert "the mentee's evaluation" in result.stdout
    assert folder.load_relationship(PAIR).status is RelationshipStatus.ACTIVE
    result = cli(
        "close",
        PAIR,
        "--reason",
        "Done",
        "--kind",
        "rematched",
        "--interactive",
        input="n\nn\nn\ny\nRematched with a night-shift mentor\n",
    )
    _ok(result)
    r = folder.load_relationship(PAIR)
    assert (r.status, r.closure.kind.value) == (RelationshipStatus.ENDED_EARLY, "rematched")
    assert r.closure.missing_reason == "Rematched with a night-shift mentor"


def test_close_rules(cli, folder: ProgramFolder) -> None:
    make_pair(folder)
    result = cli("close", PAIR, "--reason", "x", "--missing-reason", "y")
    assert "never started, so it cannot be completed" in result.stderr
    result = cli("close", PAIR, "--reason", "x", "--kind", "finished")
    assert "--kind 'finished': use one of completed, ended-early, rematched" in result.stderr
    _ok(cli("log-session", PAIR, "--date", str(days(-3))))
    result = cli("close", PAIR, "--reason", "x", "--missing-reason", "y", "--date", str(days(-4)))
    assert "is before the relationship began" in result.stderr


def test_reopen(cli, folder: ProgramFolder) -> None:
    make_pair(folder)
    _finish(cli, PAIR)
    result = cli("reopen", PAIR, "--reason", "x")
    assert result.exit_code == 4
    assert "not closed; nothing to reopen" in result.stderr
    _ok(cli("close", PAIR, "--reason", "Goals met"))
    with pytest.raises(Conflict, match="a closed relationship takes no more sessions"):
        log_session(folder, PAIR, {"date": TODAY})
    result = cli("log-session", PAIR, "--edit")  # refused before the editor opens
    assert result.exit_code == 4
    assert "Reopen it first" in result.stderr
    _ok(cli("reopen", PAIR, "--reason", "A second project"))
    r = folder.load_relationship(PAIR)
    assert (r.status, r.ended, r.closure) == (RelationshipStatus.ACTIVE, None, None)
    assert r.history[-1].event == "reopened"
    assert "A second project (was completed on" in r.history[-1].note
    assert "Goals met" in r.history[-1].note
    log_session(folder, PAIR, {"date": TODAY})


def test_close_refuses_a_day_before_the_reopen(cli, folder: ProgramFolder) -> None:
    # the close was saved after the reopen, dated before it: the history went out of order
    make_pair(folder, status=RelationshipStatus.ACTIVE, started=days(-100))
    closing = ["--missing-reason", "on paper", "--no-interactive"]
    _ok(cli("close", PAIR, "--reason", "done", "--date", str(days(-20)), *closing))
    _ok(cli("reopen", PAIR, "--reason", "lead role", "--date", str(days(-8))))
    before = (folder.relationships_dir / PAIR / "relationship.yaml").read_bytes()
    refused = cli("close", PAIR, "--reason", "done", "--date", str(days(-13)), *closing)
    assert refused.exit_code == 2
    assert refused.stderr.splitlines() == [
        f"error: {days(-13)} is before the relationship's last event (reopened on "
        f"{days(-8)}); close on or after it"]
    assert (folder.relationships_dir / PAIR / "relationship.yaml").read_bytes() == before
    _ok(cli("close", PAIR, "--reason", "done", "--date", str(days(-8)), *closing))


def test_no_session_is_dated_while_the_pair_was_closed(cli, folder, tmp_path) -> None:
    # after a reopen, one dated between the close and the reopen was saved: the pair as
    # it stood then showed a meeting after it ended
    make_pair(folder, status=RelationshipStatus.ACTIVE, started=days(-100))
    session = ["--duration", "30", "--no-interactive"]
    _ok(cli("log-session", PAIR, "--date", str(days(-30)), *session))
    _ok(cli("close", PAIR, "--reason", "done", "--date", str(days(-20)),
            "--missing-reason", "on paper", "--no-interactive"))
    _ok(cli("reopen", PAIR, "--reason", "lead role", "--date", str(days(-5))))
    said = (f"{days(-13)} is while the relationship was closed ({days(-20)} to {days(-5)}): "
            "a closed relationship takes no sessions")
    logged = cli("log-session", PAIR, "--date", str(days(-13)), *session)
    assert logged.exit_code == 2 and said in logged.stderr
    fixed = tmp_path / "session.yaml"
    fixed.write_text(f"date: {days(-13)}\nduration_minutes: 30\n", encoding="utf-8")
    amended = cli("amend-session", PAIR, str(days(-30)), "--from", str(fixed),
                  "--reason", "wrong day")
    assert amended.exit_code == 2 and said in amended.stderr
    assert [s.date for s in load_pair(folder, PAIR).records] == [days(-30)]
    _ok(cli("log-session", PAIR, "--date", str(days(-5)), *session))  # the day it reopened


def test_reopen_says_when_the_mentor_is_over_capacity(folder: ProgramFolder) -> None:
    make_pair(folder, status=RelationshipStatus.COMPLETED, started=days(-100), mentor_capacity=1)
    from conftest import make_person

    from mentorkit.models.relationship import Relationship

    make_person(folder, "Ann Lee")
    folder.save_relationship(Relationship(mentor="dan-ortiz", mentee="ann-lee", created=days(-5)))
    result = lifecycle.reopen(folder, PAIR, reason="More to do")
    assert result.notes == ["dan-ortiz now has 2 open relationships, above their capacity of 1"]


# -- start, close and reopen refuse a date after today --------------------------------------
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


# -- backfilling a pair that existed on paper --------------------------------------------
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


# -- reopen keeps a mentee to one open relationship; a reason is never blank ---------------
def test_reopen_refuses_while_the_mentee_has_another_open_relationship(cli, folder) -> None:
    from conftest import make_person

    from mentorkit.models.relationship import Relationship

    make_pair(folder, status=RelationshipStatus.COMPLETED, started=days(-100))
    make_person(folder, "Bob Mentor", role="mentor", years_experience=20)
    folder.save_relationship(Relationship(mentor="bob-mentor", mentee="maria-lopez",
                                          created=days(-5)))
    result = cli("reopen", PAIR, "--reason", "oops")
    assert result.exit_code == 4
    assert result.stderr.splitlines() == [
        "error: maria-lopez is in relationship bob-mentor--maria-lopez now; a mentee has one "
        "open relationship at a time",
        "Close bob-mentor--maria-lopez first (mentorkit close bob-mentor--maria-lopez --reason "
        "TEXT), then reopen this one."]
    assert folder.load_relationship(PAIR).status is RelationshipStatus.COMPLETED


@pytest.mark.parametrize("command", ["close", "reopen"])
def test_a_blank_reason_is_refused_in_plain_words(cli, folder, command: str) -> None:
    # close crashed with a pydantic traceback; reopen recorded an empty reason
    status = RelationshipStatus.ACTIVE if command == "close" else RelationshipStatus.COMPLETED
    make_pair(folder, status=status, started=days(-100))
    before = (folder.relationships_dir / PAIR / "relationship.yaml").read_bytes()
    extra = ["--missing-reason", "x", "--no-interactive"] if command == "close" else []
    result = cli(command, PAIR, "--reason", " ", *extra)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: give --reason: say why it")
    assert "Traceback" not in result.stderr + result.stdout
    assert (folder.relationships_dir / PAIR / "relationship.yaml").read_bytes() == before


# -- someone who stops taking part ------------------------------------------------------------
def test_withdrawing_someone_in_a_pair_warns_and_the_pair_cannot_start(cli, folder) -> None:
    # the mentee stayed "paired" with nobody to meet, and `start` made the pair active
    make_pair(folder)
    edited = cli("participants", "edit", "dan-ortiz", "--status", "withdrawn")
    assert edited.exit_code == 0
    assert (f"warning: dan-ortiz is withdrawn, but {PAIR} is still proposed: end it so "
            f"maria-lopez can be matched again (mentorkit unpair {PAIR})") in edited.stderr
    refused = cli("start", PAIR)
    assert refused.exit_code == 4
    assert refused.stderr.splitlines()[0] == f"error: {PAIR} cannot start: dan-ortiz is withdrawn"
    assert folder.load_relationship(PAIR).status is RelationshipStatus.PROPOSED


@pytest.mark.parametrize(("command", "doing"), [
    (["log-session", PAIR, "--date", str(days(-3)), "--duration", "30", "--no-interactive"],
     "start"),
    (["reopen", PAIR, "--reason", "more to do"], "reopen"),
])
def test_a_first_session_and_reopen_refuse_someone_not_taking_part(
    cli, folder, command: list[str], doing: str
) -> None:
    # only `start` refused: the first session made the pair active, and reopen made a
    # closed pair active, with the mentee paused
    status = RelationshipStatus.PROPOSED if doing == "start" else RelationshipStatus.COMPLETED
    make_pair(folder, status=status, started=None if doing == "start" else days(-100))
    assert cli("participants", "edit", "maria-lopez", "--status", "paused").exit_code == 0
    before = (folder.relationships_dir / PAIR / "relationship.yaml").read_bytes()
    refused = cli(*command)
    assert refused.exit_code == 4
    end = (f"Remove the pair (mentorkit unpair {PAIR}), or make"
           if doing == "start" else "Make")
    assert refused.stderr.splitlines() == [
        f"error: {PAIR} cannot {doing}: maria-lopez is paused",
        f"{end} maria-lopez active again (mentorkit participants edit maria-lopez --status "
        "active)."]
    assert (folder.relationships_dir / PAIR / "relationship.yaml").read_bytes() == before
    assert load_pair(folder, PAIR).sessions == []


def test_start_does_not_move_a_pair_back_before_its_people_joined(cli, folder) -> None:
    from conftest import make_person

    make_person(folder, "Dan Ortiz", role="mentor", years_experience=12, joined=days(0))
    make_person(folder, "Ann Lee", years_experience=1, joined=days(0))
    assert cli("pair", "dan-ortiz", "ann-lee").exit_code == 0
    early = cli("start", "dan-ortiz--ann-lee", "--date", str(days(-20)))
    assert early.exit_code == 2, early.output
    assert early.stderr.splitlines()[0] == (
        f"error: dan-ortiz joined the program on {days(0)}, after {days(-20)}")
    assert "participants edit dan-ortiz --joined DAY" in early.stderr
    for who in ("dan-ortiz", "ann-lee"):
        assert cli("participants", "edit", who, "--joined", str(days(-30))).exit_code == 0
    assert cli("start", "dan-ortiz--ann-lee", "--date", str(days(-20))).exit_code == 0


def test_a_pair_from_a_request_cannot_start_before_it_was_accepted(cli, folder) -> None:
    from conftest import make_person

    make_person(folder, "Dan Ortiz", role="mentor", years_experience=12)
    make_person(folder, "Ann Lee", years_experience=1)
    assert cli("request", "ann-lee", "dan-ortiz", "--date", str(days(-10))).exit_code == 0
    assert cli("accept", "Ann Lee", "--date", str(days(-5))).exit_code == 0
    early = cli("start", "dan-ortiz--ann-lee", "--date", str(days(-8)))
    assert early.exit_code == 2
    assert early.stderr.splitlines()[0] == (
        f"error: {days(-8)} is before the relationship was accepted ({days(-5)})")
    # nor by its first session, which starts it as `start` does
    session = cli("log-session", "dan-ortiz--ann-lee", "--date", str(days(-8)),
                  "--duration", "30", "--no-interactive")
    assert session.exit_code == 2
    assert (f"{days(-8)} is before the request was accepted ({days(-5)})"
            in session.stderr), session.stderr
    assert load_pair(folder, "dan-ortiz--ann-lee").sessions == []
    assert folder.load_relationship("dan-ortiz--ann-lee").started is None


@pytest.mark.parametrize("command", ["start", "log-session", "reopen"])
def test_a_pair_cannot_become_active_on_a_day_someone_was_paused(
    cli, folder, command: str
) -> None:
    """Maria was paused from -20 to -10 and is active today: the pair may not start (by
    hand or by its first session), nor reopen, on a day of her pause."""
    closed = command == "reopen"
    make_pair(folder, created=days(-60), status=RelationshipStatus.COMPLETED if closed
              else RelationshipStatus.PROPOSED, started=days(-50) if closed else None)
    if closed:
        ended = folder.load_relationship(PAIR).model_copy(update={"ended": days(-40)})
        folder.save_relationship(ended)
    for status, day in (("paused", -20), ("active", -10)):
        edited = cli("participants", "edit", "maria-lopez", "--status", status,
                     "--date", str(days(day)))
        assert edited.exit_code == 0, edited.stderr
    before = (folder.relationships_dir / PAIR / "relationship.yaml").read_bytes()
    args = {"start": ["start", PAIR, "--date", str(days(-15))],
            "log-session": ["log-session", PAIR, "--date", str(days(-15)), "--duration", "30",
                            "--no-interactive"],
            "reopen": ["reopen", PAIR, "--date", str(days(-15)), "--reason", "more to do"]}
    refused = cli(*args[command])
    assert refused.exit_code == 4, refused.output
    doing = "reopen" if closed else "start"
    assert refused.stderr.splitlines()[0] == (
        f"error: {PAIR} cannot {doing} on {days(-15)}: maria-lopez was paused then "
        f"(from {days(-20)})")
    shown = cli("participants", "show", "maria-lopez").stdout
    assert f"paused from {days(-20)}; active from {days(-10)}" in shown
    assert (folder.relationships_dir / PAIR / "relationship.yaml").read_bytes() == before
    assert load_pair(folder, PAIR).sessions == []
    # the day after her pause, it may
    args[command][args[command].index(str(days(-15)))] = str(days(-10))
    assert cli(*args[command]).exit_code == 0


@pytest.mark.parametrize("correction", ["amend", "remove"])
def test_a_correction_does_not_move_the_start_into_a_pause(
    cli, folder, tmp_path, correction: str
) -> None:
    """Maria was paused from -40 to -20: a first session moved into her pause (or
    removed, leaving one there as the first) would start the pair on a day she was
    paused, which `log-session` and `start` refuse."""
    from toolkit_support import amend_session

    make_pair(folder, created=days(-60))
    _ok(cli("log-session", PAIR, "--date", str(days(-50)), "--duration", "30",
            "--no-interactive"))
    if correction == "remove":  # a session in her pause, logged before she was paused
        _ok(cli("log-session", PAIR, "--date", str(days(-30)), "--duration", "30",
                "--no-interactive"))
    for status, day in (("paused", -40), ("active", -20)):
        _ok(cli("participants", "edit", "maria-lopez", "--status", status,
                "--date", str(days(day))))
    if correction == "amend":
        refused = amend_session(cli, tmp_path, PAIR, days(-50),
                                f"date: {days(-30)}\nduration_minutes: 30\n", "wrong day")
    else:
        refused = cli("remove-form", PAIR, str(days(-50)), "--reason", "wrong pair")
    assert refused.exit_code == 4, refused.output
    assert refused.stderr.splitlines()[0] == (
        f"error: {PAIR} cannot start on {days(-30)}: maria-lopez was paused then "
        f"(from {days(-40)})")
    assert folder.load_relationship(PAIR).started == days(-50)
    assert len(load_pair(folder, PAIR).sessions) == (2 if correction == "remove" else 1)
