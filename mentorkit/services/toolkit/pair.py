"""Finding one pair from what a person typed, and loading its files."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from typing import NamedTuple

from mentorkit.errors import InvalidFile, NotFound, Problem
from mentorkit.models.pair import PairRecord, is_pair_id
from mentorkit.services import resolve
from mentorkit.store import names
from mentorkit.store.folder import ProgramFolder
from mentorkit.store.pairs import load_pair
from mentorkit.store.snapshot import Snapshot, load_people_and_pairs


class WhoIsWho(NamedTuple):
    """Everyone's name and email and every pair's people and status: what finding a person
    or a pair by what was typed needs (services/resolve.py)."""

    people: Mapping[str, resolve.Named]
    pairs: Mapping[str, resolve.Paired]
    broken: list[Problem]  # participant and relationship files that did not load

    def missing(self, exc: NotFound) -> Exception:
        """What to raise when a name was not found: a broken file may be the one meant."""
        return InvalidFile(self.broken) if self.broken else exc


def who_is_who(folder: ProgramFolder) -> WhoIsWho:
    """From the name index while no participant or relationship file has changed since it
    was made (store/names.py); else from every one of them, through the load cache
    (validated all the same), and the index made again."""
    taken = names.state(folder.root)
    index = names.lookup(folder.root, taken)
    if index is not None:
        return WhoIsWho(index.people, index.pairs, [])
    people, relationships, broken = load_people_and_pairs(folder)
    if not broken:
        names.remember(folder.root, taken, people, relationships)
    return WhoIsWho(people, relationships, broken)


def find_pair(folder: ProgramFolder, query: str) -> str:
    """The id of the pair PAIR names (an id, a prefix, or either person). An exact id
    reads no other file; a broken file elsewhere in the program does not stop this pair's
    work, it only matters when it might be the pair asked for."""
    if is_pair_id(query) and folder.has_relationship(query):  # the common case
        return query
    known = who_is_who(folder)
    try:
        return resolve.pair(query, known.pairs, known.people)
    except NotFound as exc:
        raise known.missing(exc) from None


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
