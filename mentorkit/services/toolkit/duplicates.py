"""The same session logged twice (same pair, date and content) is refused, with the way
to record a second meeting on the same day, or to change the one on file. A goal, an
action or a partnership idea given again (a command run twice) is not added twice: the
command says it is already there."""

from __future__ import annotations

from typing import Any

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


def same_words(value: object) -> str:
    """Text as people read it: case and runs of whitespace do not count."""
    return " ".join(str(value).casefold().split())


def new_items(
    items: list[dict[str, Any]], given: list[dict[str, Any]], same: tuple[str, ...],
    name: str,
) -> tuple[list[dict[str, Any]], list[str]]:
    """The items in `given` that `items` (or an earlier one given) do not already hold
    (the same words in each of the fields `same`), and a note for each one left out:
    a command run twice would otherwise record everything twice."""
    def key(item: dict[str, Any]) -> tuple[str, ...]:
        return tuple(same_words(item.get(f) or "") for f in same)

    held = {key(item): item for item in items}
    fresh, notes = [], []
    for item in given:
        there = held.get(key(item))
        if there is None:
            held[key(item)] = item
            fresh.append(item)
            continue
        known = f"{there['id']}, " if there.get("id") else ""
        notes.append(f"already there: {known}{name} {there[same[0]]!r}; not added again")
    return fresh, notes
