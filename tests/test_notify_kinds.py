"""Which messages `notify` drafts, and on which day: the kinds' rules, not delivery."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import json
from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from mentorkit.errors import ExitCode
from mentorkit.store import messages as store
from mentorkit.store.folder import ProgramFolder
from tests import messaging_program
from tests.messaging_program import MONDAY
from tests.report_program import relationship
from tests.smtp_support import parts


@pytest.fixture
def built(folder: ProgramFolder) -> ProgramFolder:
    messaging_program.build(folder)
    return folder


@pytest.mark.parametrize("delivery", [
    ["--outbox", "outbox"], ["--send", "--smtp", "localhost:2525", "--security", "none"]])
def test_a_future_day_is_listed_but_never_delivered(
    built: ProgramFolder, cli: Callable[..., Any], tmp_path: Path, delivery: list[str]
) -> None:
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    delivery = [str(tmp_path / a) if a == "outbox" else a for a in delivery]
    result = cli("notify", "--as-of", tomorrow, *delivery)
    assert result.exit_code == ExitCode.INVALID
    assert f"error: {tomorrow} is after today" in result.stderr
    assert "cannot be sent on a future date" in result.stderr
    assert not (tmp_path / "outbox").exists() and store.sent_messages(built) == []
    ahead = cli("notify", "--json", "--as-of", tomorrow)  # looking ahead is fine
    assert ahead.exit_code == 0, ahead.stderr
    assert json.loads(ahead.stdout)["messages"]



def drafted(cli: Callable[..., Any], *args: str) -> set[tuple[str, str, str | None]]:
    """(kind, recipient, pair) of every message listed as of MONDAY, blocked ones too."""
    result = cli("notify", "--json", "--as-of", MONDAY.isoformat(), *args)
    assert result.exit_code == 0, result.stderr
    return {(m["kind"], m["recipient"], m["pair"]) for m in json.loads(result.stdout)["messages"]}


def test_a_pair_started_by_hand_has_met(built: ProgramFolder, cli: Callable[..., Any]) -> None:
    """`start` records the first meeting: no "have you met yet?" and no introduction."""
    before = drafted(cli)
    assert {("first-meeting", "hal", "hal--gus"), ("first-meeting", "gus", "hal--gus"),
            ("introduction", "hal", "hal--ivy-stone")} <= before
    for pair, day in (("hal--gus", "2026-01-20"), ("hal--ivy-stone", "2026-04-02")):
        assert cli("start", pair, "--date", day).exit_code == 0
    after = drafted(cli)
    assert {(k, p) for k, _, p in after} & {("first-meeting", "hal--gus"),
                                            ("introduction", "hal--ivy-stone")} == set()
    # as it stood before the pair met, the nudge was due (nothing after the day counts)
    assert ("first-meeting", "hal", "hal--gus") in drafted(cli, "--as-of", "2026-01-19")


@pytest.mark.parametrize("status", ["withdrawn", "paused"])
def test_a_pair_with_someone_not_taking_part_is_not_told_to_meet(
    built: ProgramFolder, cli: Callable[..., Any], status: str
) -> None:
    # Ivy has also asked Ana to mentor her: Ana is asked to answer while Ivy takes part
    built.save_relationship(relationship(
        "ana", "ivy-stone", "requested", created=dt.date(2026, 4, 2),
        request={"requested": dt.date(2026, 4, 2), "expires": dt.date(2026, 4, 16)}))
    before = drafted(cli)
    for person in ("ivy-stone", "cara", "ben"):
        change = cli("participants", "edit", person, "--status", status, "--date", "2026-04-03")
        assert change.exit_code == 0, change.stderr
    after = drafted(cli)
    # Ivy's introduction and request, and ana--cara's reminder, actions and check-in
    gone = {m for m in before if m[2] in ("hal--ivy-stone", "ana--ivy-stone", "ana--cara")}
    assert {k for k, _, _ in gone} == {"introduction", "request", "reminder", "actions",
                                       "check-in"}
    assert not gone & after
    # ben--eli is closed: Eli, still taking part, is still asked for the evaluation
    assert ("evaluation", "eli", "ben--eli") in after
    assert after == before - gone


def test_the_digest_lists_everything_due_lists(
    folder: ProgramFolder, cli: Callable[..., Any], tmp_path: Path
) -> None:
    """A new program: one pair that has not met, and a request waiting for its answer.
    Neither is an overdue meeting, action or evaluation, yet both are the coordinator's
    to chase; a digest that went with neither said nothing (or did not go at all)."""
    from tests.conftest import make_person

    for name, role in (("Ana", "mentor"), ("Ben", "mentor"), ("Cara", "mentee"),
                       ("Dev", "mentee")):
        make_person(folder, name, role=role)
    folder.save_relationship(relationship("ana", "cara", "proposed",
                                          created=dt.date(2026, 3, 2)))
    folder.save_relationship(relationship(
        "ben", "dev", "requested", created=dt.date(2026, 3, 10),
        request={"requested": dt.date(2026, 3, 10), "expires": dt.date(2026, 3, 31)}))
    path = folder.root / "program.yaml"
    path.write_text(path.read_text() + "messages:\n  from: mentoring@example.org\n"
                    "  coordinator: coordinator@example.org\n")

    def digest(day: str) -> str:
        outbox = tmp_path / day
        result = cli("notify", "--kind", "digest", "--as-of", day, "--outbox", str(outbox))
        assert result.exit_code == 0, result.stderr
        (eml,) = outbox.glob("*.eml")
        message = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        return parts(message)[0]

    # the pair is not late yet: the waiting request alone is worth a digest
    first = digest("2026-03-16")
    assert "Dev asked Ben on Tuesday 10 March 2026: expires Tuesday 31 March 2026" in first
    assert "first meeting" not in first
    later = digest("2026-03-30")
    assert ("Ana and Cara: first meeting was due Monday 23 March 2026, 7 days late "
            "(matched Monday 2 March 2026, never met)") in later
    assert "Dev asked Ben" in later
    expired = digest("2026-04-06")
    assert "Dev asked Ben on Tuesday 10 March 2026: expired Tuesday 31 March 2026" in expired


def test_the_digest_template_words_the_check_in_and_training_lists(
    folder: ProgramFolder,
) -> None:
    from mentorkit.services.messaging.templates import Templates

    day = dt.date(2026, 4, 6)
    empty: dict[str, Any] = {name: [] for name in (
        "overdue", "coming", "late_actions", "late_milestones", "requests",
        "missing_evaluations", "check_ins")}
    text = Templates(folder).render("digest", {
        **empty, "program": {"name": "P"}, "as_of": day,
        "needs_coordinator": [{"pair": "Ana and Cara", "id": "ana--cara",
                               "respondent": "mentee", "due": day,
                               "reasons": ["not meeting", "asked to be contacted"]}],
        "training": [{"name": "Hal", "id": "hal", "role": "mentor and mentee",
                      "missing": ["Mentoring 101"], "blocks_matching": True}]}).text
    assert ("- Ana and Cara, the mentee's check-in of Monday 6 April 2026: not meeting, "
            "asked to be contacted\n") in text
    assert "- Hal (mentor and mentee): Mentoring 101; not matched until done\n" in text
