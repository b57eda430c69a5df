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


# How alike two wordings must be (difflib's ratio) to be one item reworded: a typo
# fixed or a few words added, not another item.
REWORDED = 0.6


def same_items(before: list[str], after: list[str]) -> dict[int, int]:
    """Which item worded `before` each item worded `after` is, by position (after ->
    before): the same words first, then the most alike wording left if it is alike
    enough. An answer given again, corrected, keeps its items (and what was recorded
    on them since) rather than making new ones."""
    from difflib import SequenceMatcher

    left = {j: same_words(text) for j, text in enumerate(before)}
    wanted = [same_words(text) for text in after]
    found: dict[int, int] = {}
    for i, words in enumerate(wanted):
        j = next((j for j, held in left.items() if held == words), None)
        if j is not None:
            found[i] = j
            del left[j]
    for i, words in enumerate(wanted):
        if i in found or not left:
            continue
        likeness = {j: SequenceMatcher(None, held, words).ratio() for j, held in left.items()}
        j = max(likeness, key=likeness.__getitem__)
        if likeness[j] >= REWORDED:
            found[i] = j
            del left[j]
    return found
