"""What a close still lacks.

`mentorkit close` records in the relationship's `closure` what a proper close has that
the pair lacked (`missing`: "the final meeting", "the mentor's evaluation", ...) and,
when it went ahead anyway, why (`missing_reason`). The reason lets the close go ahead;
it does not settle a missing evaluation: `due` lists it and `notify` asks for it until it
is filed. A form filed after the close clears its "missing" note wherever the closure is
shown (`show`, `report --pair`), because the note is read against the forms on file, not
only as written.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from mentorkit.models.relationship import Relationship
from mentorkit.models.toolkit import SessionRecord
from mentorkit.vocab import MeetingKind, Respondent

FINAL_MEETING = "the final meeting"


def evaluation_word(who: Respondent) -> str:
    return f"the {who.value}'s evaluation"


def still_missing(
    relationship: Relationship,
    evaluations: Collection[Respondent],
    sessions: Iterable[SessionRecord],
) -> list[str]:
    """The closure's `missing` items that are still not on file."""
    closure = relationship.closure
    if closure is None:
        return []
    have = {evaluation_word(who) for who in evaluations}
    if any(s.meeting is MeetingKind.FINAL for s in sessions):
        have.add(FINAL_MEETING)
    return [item for item in closure.missing if item not in have]


def as_filed(
    relationship: Relationship,
    evaluations: Collection[Respondent],
    sessions: Iterable[SessionRecord],
) -> Relationship:
    """The relationship with its closure's `missing` note read against the forms on file
    (a view for showing; the file keeps what the close recorded)."""
    closure = relationship.closure
    if closure is None or not closure.missing:
        return relationship
    left = still_missing(relationship, evaluations, sessions)
    if left == closure.missing:
        return relationship
    return relationship.model_copy(update={"closure": closure.model_copy(update={
        "missing": left, "missing_reason": closure.missing_reason if left else None})})
