"""Finding one pair from what a person typed, and loading its files."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping
from typing import TypeVar

from mentorkit.errors import InvalidFile, NotFound
from mentorkit.models.pair import PairRecord, is_pair_id
from mentorkit.services import resolve
from mentorkit.store import names
from mentorkit.store.folder import ProgramFolder
from mentorkit.store.pairs import load_pair
from mentorkit.store.snapshot import Snapshot, load_people_and_pairs

T = TypeVar("T")


def exact_pair(folder: ProgramFolder, query: str) -> str | None:
    """`query` when it is the exact id of a pair of the program (the common case: no other
    file need be read), else None."""
    text = query.strip()
    return text if is_pair_id(text) and folder.has_relationship(text) else None


def by_name(
    folder: ProgramFolder, find: Callable[[Mapping[str, resolve.Named],
                                           Mapping[str, resolve.Paired]], T],
) -> T:
    """`find` given everyone's name and email and every pair's people and status: from the
    name index while no participant or relationship file has changed since it was made
    (store/names.py); else from every one of them, through the load cache (validated all
    the same), and the index made again. A broken file elsewhere in the program does not
    stop the work; it only matters when what was typed is not found (or `find` finds a
    file naming someone not found), since it may be the one meant."""
    taken = names.state(folder.root)
    index = names.lookup(folder.root, taken)
    if index is not None:
        return find(index.people, index.pairs)
    people, relationships, broken = load_people_and_pairs(folder)
    if not broken:
        names.remember(folder.root, taken, people, relationships)
    try:
        return find(people, relationships)
    except (NotFound, InvalidFile):
        if broken:
            raise InvalidFile(broken) from None
        raise


def find_pair(folder: ProgramFolder, query: str) -> str:
    """The id of the pair PAIR names (an id, a prefix, or either person)."""
    return exact_pair(folder, query) or by_name(
        folder, lambda people, pairs: resolve.pair(query, pairs, people))


def with_pair(
    folder: ProgramFolder, query: str,
    then: Callable[[str, Mapping[str, resolve.Named], Mapping[str, resolve.Paired]], T],
) -> T:
    """`then` given the id of the pair PAIR names and everyone's names and pairs, read
    once (see `by_name`): for a command that checks the pair against the others too
    (`accept`, `reopen`), which would otherwise take the stat of every participant and
    relationship file twice."""
    return by_name(folder, lambda people, pairs: then(resolve.pair(query, pairs, people),
                                                      people, pairs))


def open_pair(folder: ProgramFolder, query: str) -> PairRecord:
    """Resolve PAIR (see `find_pair`) and load its forms."""
    return load_pair(folder, find_pair(folder, query))


def pairs_snapshot(folder: ProgramFolder, pairs: list[str]) -> Snapshot:
    """The program as a report or a certificate on a few pairs reads it: program.yaml, the
    pairs (ids, from `find_pair`) with all their files, and their people (one not
    enrolled is left out). Not every file of the program: on a large one that is
    thousands, and a broken file elsewhere does not stop work on these pairs."""
    records = {pair: load_pair(folder, pair) for pair in pairs}
    ids = {who for files in records.values()
           for who in (files.relationship.mentor, files.relationship.mentee)}
    people = {}
    for who in sorted(ids):
        with contextlib.suppress(NotFound):  # not enrolled (or not any more)
            people[who] = folder.load_participant(who)
    return Snapshot(folder.load_program(), people, records)
