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
    assert again.exit_code != 0 and "already paired before" in again.stderr
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
