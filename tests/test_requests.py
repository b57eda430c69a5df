"""Mentee-driven matching: request, accept, decline, expiry, the place a request holds."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest

from mentorkit.services.monitoring import due, report
from mentorkit.store.folder import ProgramFolder
from mentorkit.store.snapshot import load_snapshot
from tests.conftest import make_person

Cli = Callable[..., Any]
D = dt.date


@pytest.fixture
def people(folder: ProgramFolder) -> ProgramFolder:
    make_person(folder, "Dan Ortiz", role="mentor", years_experience=14, capacity=1,
                can_help_with=["wound care"])
    make_person(folder, "Eve Stone", role="mentor", years_experience=9, capacity=2,
                can_help_with=["wound care"])
    make_person(folder, "Ann Lee", years_experience=3, wants_help_with=["wound care"])
    make_person(folder, "Bo Chen", years_experience=2, wants_help_with=["wound care"])
    make_person(folder, "Boss", role="mentor", years_experience=30)
    make_person(folder, "Cy Reports", years_experience=1, manager="boss")
    return folder


def _ok(result: Any) -> dict[str, Any]:
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_request_holds_a_place_and_accept_makes_a_pair(people: ProgramFolder,
                                                       cli: Cli) -> None:
    today = dt.date.today()  # `match` runs today: the request must be waiting today
    made = _ok(cli("request", "ann-lee", "dan-ortiz", "--json"))
    assert made["relationship"]["status"] == "requested"
    assert made["relationship"]["request"]["expires"] == str(today + dt.timedelta(days=14))
    assert any("holds one of dan-ortiz's places" in n for n in made["notes"])
    # Dan's one place is held: Bo cannot ask him, and `match` does not propose him
    full = cli("request", "bo-chen", "dan-ortiz")
    assert full.exit_code != 0 and "dan-ortiz is full" in full.stderr
    proposal = _ok(cli("match", "--json"))
    assert "ann-lee" not in [p["mentee"] for p in proposal["pairs"]]  # she waits
    assert proposal["waiting_on_request"] == 1
    assert all(p["mentor"] != "dan-ortiz" for p in proposal["pairs"])
    # one request at a time
    again = cli("request", "ann-lee", "eve-stone")
    assert again.exit_code != 0 and "already waits" in again.stderr
    accepted = _ok(cli("accept", "dan-ortiz--ann-lee", "--json"))
    relationship = accepted["relationship"]
    assert relationship["status"] == "proposed"
    assert relationship["request"]["answered"] == str(today)
    assert [e["event"] for e in relationship["history"]] == ["requested", "accepted"]
    # the milestones count from the acceptance: first meeting due 21 days later
    later = today + dt.timedelta(days=22)
    late = due.compute(load_snapshot(people), later).late_milestones
    assert [(m.pair, m.due) for m in late] == [
        ("dan-ortiz--ann-lee", today + dt.timedelta(days=21))]


def test_decline_with_a_reason_frees_the_place(people: ProgramFolder, cli: Cli) -> None:
    _ok(cli("request", "ann-lee", "dan-ortiz", "--date", "2026-03-01", "--json"))
    no_reason = cli("decline", "dan-ortiz--ann-lee", "--reason", " ")
    assert no_reason.exit_code != 0
    declined = _ok(cli("decline", "dan-ortiz--ann-lee", "--reason", "on nights until June",
                       "--date", "2026-03-02", "--json"))
    assert declined["relationship"]["request"]["decline_reason"] == "on nights until June"
    assert any("match suggest ann-lee" in n for n in declined["notes"])
    # the place is free for Bo; Ann may not ask Dan again
    _ok(cli("request", "bo-chen", "dan-ortiz", "--date", "2026-03-03", "--json"))
    again = cli("request", "ann-lee", "dan-ortiz", "--date", "2026-03-03")
    assert again.exit_code != 0
    assert ("dan-ortiz declined ann-lee's request on 2026-03-02 (dan-ortiz--ann-lee: on "
            "nights until June); a declined request is not asked again") in again.stderr
    # nothing can be recorded for a declined request
    logged = cli("log-session", "dan-ortiz--ann-lee", "--date", "2026-03-04", "--duration",
                 "45", "--no-interactive")
    assert logged.exit_code != 0 and "was declined" in logged.stderr


def test_an_unanswered_request_expires(people: ProgramFolder, cli: Cli) -> None:
    _ok(cli("request", "ann-lee", "dan-ortiz", "--date", "2026-03-01", "--json"))
    waiting = due.compute(load_snapshot(people), D(2026, 3, 10)).requests
    assert [(r.pair, r.expired) for r in waiting] == [("dan-ortiz--ann-lee", False)]
    expired = due.compute(load_snapshot(people), D(2026, 3, 16)).requests
    assert [(r.pair, r.expired) for r in expired] == [("dan-ortiz--ann-lee", True)]
    late = cli("accept", "dan-ortiz--ann-lee", "--date", "2026-03-16")
    assert late.exit_code != 0 and "expired on 2026-03-15" in late.stderr
    assert "match suggest ann-lee" in late.stderr
    r = report.build(load_snapshot(people), D(2026, 3, 16))
    assert r.lifecycle.requests == {"pending": 0, "accepted": 0, "declined": 0, "expired": 1}
    unmatched = {u.id: u.reason for u in r.enrolment.unmatched}
    assert unmatched["ann-lee"] == "no relationship yet"
    waiting_report = report.build(load_snapshot(people), D(2026, 3, 5))
    assert {u.id: u.reason for u in waiting_report.enrolment.unmatched}["ann-lee"] == (
        "asked dan-ortiz for mentoring; waiting for the answer")
    assert waiting_report.enrolment.matched_mentees == 0  # a request is not a match


def test_hard_constraints_apply(people: ProgramFolder, cli: Cli) -> None:
    refused = cli("request", "cy-reports", "boss", "--date", "2026-03-01")
    assert refused.exit_code != 0
    assert "cannot ask boss" in refused.stderr and "manager" in refused.stderr


def test_as_of_before_the_answer_the_request_was_waiting(people: ProgramFolder,
                                                         cli: Cli) -> None:
    _ok(cli("request", "ann-lee", "dan-ortiz", "--date", "2026-03-01", "--json"))
    _ok(cli("accept", "dan-ortiz--ann-lee", "--date", "2026-03-04", "--json"))
    then = report.build(load_snapshot(people), D(2026, 3, 2))
    assert then.lifecycle.by_status["requested"] == 1
    assert then.lifecycle.requests["pending"] == 1
    now = report.build(load_snapshot(people), D(2026, 3, 5))
    assert now.lifecycle.by_status["proposed"] == 1
    assert now.lifecycle.requests["accepted"] == 1


def test_notify_tells_the_mentor_then_the_mentee(people: ProgramFolder, cli: Cli) -> None:
    _ok(cli("request", "ann-lee", "dan-ortiz", "--date", "2026-03-01", "--json"))

    def requests_on(day: str) -> list[tuple[str, str]]:
        data = _ok(cli("notify", "--json", "--kind", "request", "--as-of", day))
        return [(m["recipient"], m["subject"]) for m in data["messages"]]

    assert requests_on("2026-03-02") == [("dan-ortiz", "Ann would like you as their mentor")]
    _ok(cli("decline", "dan-ortiz--ann-lee", "--reason", "On nights", "--date", "2026-03-03",
            "--json"))
    assert requests_on("2026-03-04") == [("ann-lee", "About your request to Dan")]
    # as of the day before the answer, the mentor's message is the one due
    assert requests_on("2026-03-02") == [("dan-ortiz", "Ann would like you as their mentor")]
    preview = cli("notify", "--preview", "request", "dan-ortiz--ann-lee", "--as-of",
                  "2026-03-04")
    assert '"On nights"' in preview.stdout


def test_a_lapsed_request_asks_nothing_once_the_mentee_is_paired(people: ProgramFolder,
                                                                 cli: Cli) -> None:
    # `due` and the mentee's message kept saying "choose again" after they had
    _ok(cli("request", "ann-lee", "dan-ortiz", "--date", "2026-03-01", "--json"))
    _ok(cli("pair", "eve-stone", "ann-lee", "--json"))
    assert due.compute(load_snapshot(people), dt.date.today()).requests == []
    for only in ([], ["--pair", "dan-ortiz--ann-lee"]):
        data = _ok(cli("notify", "--json", "--kind", "request", *only))
        assert data["messages"] == [], only
    # before the pair was made, it still did
    lapsed = due.compute(load_snapshot(people), D(2026, 3, 16)).requests
    assert [(r.pair, r.expired) for r in lapsed] == [("dan-ortiz--ann-lee", True)]


# -- accept checks the pair again, reading only that pair ------------------------------
def test_accept_refuses_a_mentor_now_over_capacity(people: ProgramFolder, cli: Cli) -> None:
    # Ann's request holds Dan's one place; the coordinator then pairs Bo with him anyway
    _ok(cli("request", "ann-lee", "dan-ortiz", "--date", "2026-03-01", "--json"))
    _ok(cli("pair", "dan-ortiz", "bo-chen", "--force", "--reason", "only wound-care mentor",
            "--date", "2026-03-02", "--json"))
    refused = cli("accept", "Ann Lee", "--date", "2026-03-03")
    assert refused.exit_code == 4
    assert refused.stderr.splitlines()[0] == (
        "error: dan-ortiz--ann-lee cannot be accepted: dan-ortiz is over capacity "
        "(2 places taken, this request's included, of 1)")
    assert people.load_relationship("dan-ortiz--ann-lee").status.value == "requested"


def test_accept_by_name_reads_only_the_pair(
    people: ProgramFolder, cli: Cli, forbid: Callable[..., None],
) -> None:
    from toolkit_support import heavy_imports

    from mentorkit.services.matching import pool

    _ok(cli("request", "ann-lee", "dan-ortiz", "--date", "2026-03-01", "--json"))
    _ok(cli("request", "bo-chen", "eve-stone", "--date", "2026-03-01", "--json"))
    # a broken file of someone else does not stop it (as for every pair command)
    (people.participants_dir / "zed.yaml").write_text("kind: participant\nname: [\n")
    printed, heavy = heavy_imports(people.root, ["accept", "Ann Lee", "--date", "2026-03-02"])
    assert printed.startswith("Accepted dan-ortiz--ann-lee") and heavy == []
    forbid((pool, "load_people_and_pairs"))
    accepted = _ok(cli("accept", "bo-chen@example.org", "--date", "2026-03-02", "--json"))
    assert accepted["relationship"]["status"] == "proposed"



def test_accept_takes_everyones_names_once(
    people: ProgramFolder, cli: Cli, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Finding the pair and checking it on the answer's day and today take the stat of
    every participant and pair once (7,500 files on a large program): it was three times,
    a third of `accept`."""
    from mentorkit.store import names

    _ok(cli("request", "ann-lee", "dan-ortiz", "--date", "2026-03-01", "--json"))
    taken: list[object] = []
    state = names.state
    monkeypatch.setattr(names, "state", lambda root: taken.append(root) or state(root))
    accepted = _ok(cli("accept", "Ann Lee", "--date", "2026-03-02", "--json"))
    assert accepted["relationship"]["status"] == "proposed"
    assert len(taken) == 1

def _tangled(people: ProgramFolder, cli: Cli) -> None:
    """Requests waiting and expired, a mentor over capacity, an exclusion, managers by id
    and by email, someone paused, someone joining later, every kind of relationship."""
    from mentorkit.models.program import PairRef
    from tests.report_program import relationship

    make_person(people, "Fay Paused", role="mentor", years_experience=20, status="paused")
    make_person(people, "Gil Both", role="both", years_experience=10,
                manager="ann-lee@example.org", wants_help_with=["wound care"])
    make_person(people, "Hal Later", years_experience=1, joined=D(2026, 5, 1))
    make_person(people, "Ida Done", years_experience=2)
    program = people.load_program()
    matching = program.matching.model_copy(
        update={"exclusions": [PairRef(mentor="eve-stone", mentee="hal-later")]})
    people.save_program(program.model_copy(update={"matching": matching}))
    _ok(cli("request", "ann-lee", "dan-ortiz", "--date", "2026-03-01", "--json"))
    _ok(cli("request", "cy-reports", "eve-stone", "--date", "2026-02-01", "--json"))  # expires
    _ok(cli("pair", "dan-ortiz", "bo-chen", "--force", "--reason", "needed",
            "--date", "2026-03-02", "--json"))
    people.save_relationship(relationship("gil-both", "ida-done", "completed",
                                          ended=D(2026, 2, 20)))
    people.save_relationship(relationship("eve-stone", "gil-both", "active",
                                          started=D(2026, 1, 20)))


@pytest.mark.parametrize("day", [D(2026, 1, 10), D(2026, 3, 1), D(2026, 3, 5), D(2026, 6, 1)])
def test_the_pair_alone_is_checked_as_the_whole_pool_checks_it(
    people: ProgramFolder, cli: Cli, day: dt.date,
) -> None:
    from mentorkit.services.matching.pool import around_pair, pair_problems, prepare

    _tangled(people, cli)
    whole = prepare(people, day)
    everyone = sorted(people.load_participants())
    for mentor in everyone:
        for mentee in everyone:
            alone = around_pair(people, mentor, mentee, day)
            assert pair_problems(alone, mentor, mentee) == pair_problems(whole, mentor, mentee)
            pid = f"{mentor}--{mentee}"
            assert alone.over_capacity(mentor, pid) == whole.over_capacity(mentor, pid)
            assert alone.load.get(mentor) == whole.load.get(mentor)
            assert alone.in_open.get(mentee) == whole.in_open.get(mentee)


def test_an_exclusion_naming_someone_joining_later_stops_nobody(people: ProgramFolder,
                                                               cli: Cli) -> None:
    # it said "'hal-later' is not enrolled. Fix the exclusion list" to every request and
    # acceptance until the day Hal joined
    from mentorkit.models.program import PairRef

    make_person(people, "Hal Later", years_experience=1,
                joined=dt.date.today() + dt.timedelta(days=30))
    program = people.load_program()
    people.save_program(program.model_copy(update={"matching": program.matching.model_copy(
        update={"exclusions": [PairRef(mentor="eve-stone", mentee="hal-later")]})}))
    _ok(cli("request", "ann-lee", "dan-ortiz", "--json"))
    assert _ok(cli("accept", "Dan Ortiz", "--json"))["relationship"]["status"] == "proposed"


def test_accept_names_a_broken_file_the_exclusion_list_may_mean(people: ProgramFolder,
                                                                cli: Cli) -> None:
    # not "'zed' is not enrolled. Fix the exclusion list": Zed's file is broken
    from mentorkit.models.program import PairRef

    make_person(people, "Zed", years_experience=2)
    program = people.load_program()
    people.save_program(program.model_copy(update={"matching": program.matching.model_copy(
        update={"exclusions": [PairRef(mentor="eve-stone", mentee="zed")]})}))
    _ok(cli("request", "ann-lee", "dan-ortiz", "--date", "2026-03-01", "--json"))
    (people.participants_dir / "zed.yaml").write_text("kind: participant\nname: [\n")
    refused = cli("accept", "Ann Lee", "--date", "2026-03-02")
    assert refused.exit_code == 2 and "zed.yaml" in refused.stderr.splitlines()[0]
    assert people.load_relationship("dan-ortiz--ann-lee").status.value == "requested"


def test_accept_refuses_an_exclusion_naming_its_pair_the_wrong_way_round(
        people: ProgramFolder, cli: Cli) -> None:
    # only the pair's two have their roles read on this path (the name index holds none):
    # enough to refuse the row that was meant to keep them apart
    program = people.load_program()
    people.save_program(program.model_copy(update={"matching": program.matching.model_copy(
        update={"exclusions_file": "exclusions.csv"})}))
    (people.root / "exclusions.csv").write_text("mentor,mentee\n")
    _ok(cli("request", "ann-lee", "dan-ortiz", "--date", "2026-03-01", "--json"))
    (people.root / "exclusions.csv").write_text("mentor,mentee\nAnn Lee,Dan Ortiz\n")
    refused = cli("accept", "Ann Lee", "--date", "2026-03-02")
    assert refused.exit_code == 2
    assert "exclusions.csv:2: 'Ann Lee' is enrolled as a mentee, not as a mentor" \
        in refused.stderr
    assert people.load_relationship("dan-ortiz--ann-lee").status.value == "requested"


# -- a date given to request, accept, decline or pair ----------------------------------------
def test_a_request_dated_earlier_never_writes_over_a_later_pair(people: ProgramFolder,
                                                                 cli: Cli) -> None:
    # it wrote `status: requested` over the active pair, its start and history gone
    _ok(cli("pair", "eve-stone", "bo-chen", "--date", "2026-03-10", "--json"))
    _ok(cli("start", "eve-stone--bo-chen", "--date", "2026-03-12", "--json"))
    path = people.relationships_dir / "eve-stone--bo-chen" / "relationship.yaml"
    before = path.read_bytes()
    refused = cli("request", "bo-chen", "eve-stone", "--date", "2026-03-01")
    assert refused.exit_code == 4
    assert refused.stderr.splitlines()[0] == (
        "error: eve-stone and bo-chen were already paired after 2026-03-01 "
        "(eve-stone--bo-chen is active)")
    assert path.read_bytes() == before


def test_a_request_or_answer_dated_earlier_still_respects_todays_places(
    people: ProgramFolder, cli: Cli,
) -> None:
    today = dt.date.today()
    # Dan's one place is taken today; on the earlier day it was free
    _ok(cli("pair", "dan-ortiz", "bo-chen", "--json"))
    earlier = str(today - dt.timedelta(days=5))
    refused = cli("request", "ann-lee", "dan-ortiz", "--date", earlier)
    assert refused.exit_code == 4 and "dan-ortiz is full (1 of 1" in refused.stderr
    assert not (people.relationships_dir / "dan-ortiz--ann-lee").exists()
    # a request made before Bo's pair, answered today-5: Dan would hold two places today
    _ok(cli("unpair", "dan-ortiz--bo-chen", "--json"))
    _ok(cli("request", "ann-lee", "dan-ortiz", "--date", str(today - dt.timedelta(days=6)),
            "--json"))
    _ok(cli("pair", "dan-ortiz", "bo-chen", "--force", "--reason", "needed", "--json"))
    late = cli("accept", "Ann Lee", "--date", earlier)
    assert late.exit_code == 4 and "dan-ortiz is over capacity (2 places taken" in late.stderr
    assert people.load_relationship("dan-ortiz--ann-lee").status.value == "requested"


@pytest.mark.parametrize("command", [
    ["request", "ann-lee", "dan-ortiz"], ["accept", "dan-ortiz--ann-lee"],
    ["decline", "dan-ortiz--ann-lee", "--reason", "busy"], ["pair", "eve-stone", "bo-chen"],
])
def test_a_future_date_is_refused(people: ProgramFolder, cli: Cli, command: list[str]) -> None:
    # `pair --date 2027-03-01` left Bo with "no relationship yet" in the report, and his
    # mentor's place free to give away again
    if command[0] in ("accept", "decline"):
        _ok(cli("request", "ann-lee", "dan-ortiz", "--json"))
    before = sorted(p.name for p in people.relationships_dir.iterdir())
    later = str(dt.date.today() + dt.timedelta(days=7))
    refused = cli(*command, "--date", later)
    assert refused.exit_code == 2
    assert refused.stderr.splitlines()[0].startswith(f"error: {later} is after today (")
    assert sorted(p.name for p in people.relationships_dir.iterdir()) == before
    if command[0] in ("accept", "decline"):
        assert people.load_relationship("dan-ortiz--ann-lee").status.value == "requested"


def test_a_request_before_someone_joined_says_so(people: ProgramFolder, cli: Cli) -> None:
    # it said "no participant 'gail-new'. Did you mean ...?" of an exact id
    make_person(people, "Gail New", years_experience=1, joined=D(2026, 3, 10))
    refused = cli("request", "gail-new", "dan-ortiz", "--date", "2026-03-01")
    assert refused.exit_code == 2
    assert refused.stderr.splitlines() == [
        "error: gail-new joined the program on 2026-03-10, after 2026-03-01",
        "Give a date on or after 2026-03-10; or, if they took part before it, say when they "
        "joined: mentorkit participants edit gail-new --joined DAY"]


def test_an_expired_request_can_be_removed_and_asked_again(people: ProgramFolder,
                                                           cli: Cli) -> None:
    # every way out was refused, each pointing to another (accept, request, unpair,
    # close, pair --force): Ann could never be paired with Dan again
    _ok(cli("request", "ann-lee", "dan-ortiz", "--date", "2026-03-01", "--json"))
    pid = "dan-ortiz--ann-lee"
    again = cli("request", "ann-lee", "dan-ortiz")
    assert again.exit_code == 4
    assert ("ann-lee's request to dan-ortiz (dan-ortiz--ann-lee) expired unanswered on "
            "2026-03-15; to ask again, remove it first: mentorkit unpair dan-ortiz--ann-lee"
            ) in again.stderr
    closed = cli("close", pid, "--reason", "x", "--missing-reason", "x", "--no-interactive")
    assert closed.exit_code == 4 and closed.stderr.splitlines() == [
        "error: dan-ortiz--ann-lee is a request that expired unanswered on 2026-03-15",
        "To ask again, or pair them, remove it first: mentorkit unpair dan-ortiz--ann-lee"]
    forced = cli("pair", "dan-ortiz", "ann-lee", "--force", "--reason", "x")
    assert forced.exit_code == 4 and "remove it first with mentorkit unpair" in forced.stderr
    removed = cli("unpair", "Ann Lee")
    assert (removed.exit_code, removed.stdout) == (0, f"Removed expired request {pid}.\n")
    assert _ok(cli("request", "ann-lee", "dan-ortiz", "--json"))["relationship"][
        "status"] == "requested"
    # one waiting for its answer is not removed: the mentor answers it
    waiting = cli("unpair", pid)
    assert waiting.exit_code == 4 and "not just proposed" in waiting.stderr


def test_a_request_entered_after_it_expired_says_it_holds_nothing(people: ProgramFolder,
                                                                   cli: Cli) -> None:
    made = _ok(cli("request", "ann-lee", "dan-ortiz", "--date", "2026-03-01", "--json"))
    assert made["notes"] == [
        "dated 2026-03-01, it expired on 2026-03-15, unanswered: it holds no place"]
