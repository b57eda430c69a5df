"""`close` on a terminal asks for the final meeting and the evaluations that are missing."""

from __future__ import annotations

from typing import Any

from toolkit_support import days, make_pair

from mentorkit.services.toolkit.pair import open_pair
from mentorkit.store.folder import ProgramFolder
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
