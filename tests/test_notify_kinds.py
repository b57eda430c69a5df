"""Which messages `notify` drafts, and on which day: the kinds' rules, not delivery."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mentorkit.errors import ExitCode
from mentorkit.store import messages as store
from mentorkit.store.folder import ProgramFolder
from tests import messaging_program
from tests.messaging_program import MONDAY
from tests.report_program import relationship


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
