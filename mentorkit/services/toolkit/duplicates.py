"""The same session logged twice (same pair, date and content) is refused, with the way
to record a second meeting on the same day, or to change the one on file."""

from __future__ import annotations

from mentorkit.errors import Conflict
from mentorkit.models.pair import PairRecord
from mentorkit.models.toolkit import SessionRecord

SAME_ANYWAY = {"schema_version", "meeting"}


def duplicate_of(forms: PairRecord, session: SessionRecord) -> str | None:
    """The session on file that this one repeats (same date and content), if any.

    The kind of meeting is left out of the comparison: logged again, the same meeting
    gets `regular` where the first time it was the pair's `first`.
    """
    wanted = session.model_dump(exclude=SAME_ANYWAY)
    for name, existing in forms.sessions:
        if existing.date == session.date and existing.model_dump(exclude=SAME_ANYWAY) == wanted:
            return name
    return None


def refuse_duplicate(forms: PairRecord, session: SessionRecord) -> None:
    name = duplicate_of(forms, session)
    if name is not None:
        raise Conflict(
            f"{forms.id} already has this session on {session.date}: sessions/{name}.yaml "
            "holds the same record",
            "A second meeting that day: log it with its time (--time HH:MM) or what was "
            f"different. To change the one on file: mentorkit amend-session {forms.id} {name}",
        )
