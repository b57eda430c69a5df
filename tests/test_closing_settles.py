"""What a close settles: a recorded reason for a missing evaluation lets the close go
ahead, but `due` still lists the evaluation (as the README says, and as `notify` still
asks for it); an evaluation filed after the close clears its "missing" note."""

from __future__ import annotations

import json
from typing import Any

from toolkit_support import days, make_pair

from mentorkit.store.folder import ProgramFolder
from mentorkit.vocab import RelationshipStatus


def _closed(cli: Any, folder: ProgramFolder, *extra: str) -> str:
    pair = make_pair(folder, status=RelationshipStatus.ACTIVE, started=days(-90))
    ok = cli("log-session", pair, "--date", days(-2).isoformat(), "--duration", "45",
             "--meeting", "final", "--no-interactive")
    assert ok.exit_code == 0, ok.stderr
    closed = cli("close", pair, "--reason", "six months done", "--no-interactive",
                 "--date", days(-1).isoformat(), *extra)
    assert closed.exit_code == 0, closed.stderr
    return pair


def test_due_still_lists_what_a_reason_went_without(cli: Any, folder: ProgramFolder) -> None:
    # the reason counted as settling them: `due` was silent while `notify` asked for them
    pair = _closed(cli, folder, "--missing-reason", "both left the trust")
    due = cli("due", "--json")
    assert json.loads(due.stdout)["missing_evaluations"][0]["missing"] == ["mentor", "mentee"]
    assert cli("due", "--fail-if-overdue").exit_code == 1
    preview = cli("notify", "--pair", pair, "--json")
    assert preview.exit_code == 0, preview.stderr
    kinds = [m["kind"] for m in json.loads(preview.stdout)["messages"]]
    assert kinds.count("evaluation") == 2


def test_an_evaluation_after_the_close_clears_its_missing_note(
    cli: Any, folder: ProgramFolder
) -> None:
    pair = _closed(cli, folder, "--missing-reason", "evaluations come later")
    before = json.loads(cli("show", pair, "--json").stdout)["closure"]
    assert before["missing"] == ["the mentor's evaluation", "the mentee's evaluation"]
    filed = cli("evaluate", pair, "--as", "mentee", "--recommend", "9", "--no-interactive")
    assert filed.exit_code == 0, filed.stderr
    after = json.loads(cli("show", pair, "--json").stdout)["closure"]
    assert after["missing"] == ["the mentor's evaluation"]
    assert after["missing_reason"] == "evaluations come later"
    report = json.loads(cli("report", "--pair", pair, "--json").stdout)
    assert report["closure"]["missing"] == ["the mentor's evaluation"]
    shown = cli("show", pair).stdout
    assert "the mentee's evaluation" not in shown
    # the file keeps what the close recorded
    closure = folder.load_relationship(pair).closure
    assert closure is not None and len(closure.missing) == 2
