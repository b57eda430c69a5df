"""Preferred mentors, given by id, email or full name wherever people give them (an
import column, `add`/`edit --preferred-mentor`, the participant's file).

What the coordinator types through mentorkit is turned into ids before it is saved, and
refused when it names nobody or several people (a preference must never land on the
wrong mentor). A name typed into the file by hand stays as typed: it is read as the id
it names whenever the program is matched, and `validate` names any that names nobody.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from mentorkit.errors import InvalidInput
from mentorkit.models.participant import Participant
from mentorkit.services.resolve import Exactly


def to_ids(wanted: Iterable[str], people: Mapping[str, Participant], where: str) -> list[str]:
    """Each preferred mentor's id; InvalidInput naming `where` (an option, a column) and
    the first one that names nobody or several people."""
    exactly = Exactly(people)
    ids: list[str] = []
    for text in wanted:
        person_id, problem = exactly.find(text)
        if person_id is None:
            raise InvalidInput(f"{where}: {problem}",
                               "See `mentorkit participants list` for ids and emails.")
        if person_id not in ids:
            ids.append(person_id)
    return ids


def unresolved(people: Mapping[str, Participant]) -> list[tuple[str, str]]:
    """(person id, why) for each preference in the files that names nobody (or several)."""
    return read_as_ids(people)[1]


def as_ids(people: Mapping[str, Participant]) -> dict[str, Participant]:
    """The people with every preference that names someone written as their id (in
    memory only), for matching and for finding who refers to whom."""
    return read_as_ids(people)[0]


def read_as_ids(
    people: Mapping[str, Participant],
) -> tuple[dict[str, Participant], list[tuple[str, str]]]:
    """`as_ids` and `unresolved` in one reading: matching needs both, and the name
    index behind them costs a third of a second on 60,000 people."""
    exactly = Exactly(people)
    out = dict(people)
    missed = []
    for person_id, person in people.items():
        ids = []
        for text in person.preferred_mentors:
            found, problem = exactly.find(text)
            if found is None:
                missed.append((person_id, problem))
            ids.append(found or text)  # one naming nobody stays as written
        if ids != person.preferred_mentors:
            out[person_id] = person.model_copy(update={"preferred_mentors": ids})
    return out, missed
