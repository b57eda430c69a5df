"""Finding one pair from what a person typed, and loading its forms."""

from __future__ import annotations

from mentorkit.errors import InvalidFile, NotFound
from mentorkit.models.pair import PairRecord, is_pair_id
from mentorkit.services import resolve
from mentorkit.store import names
from mentorkit.store.folder import ProgramFolder
from mentorkit.store.pairs import load_pair, scan_pair
from mentorkit.store.snapshot import load_people_and_pairs


def open_pair(folder: ProgramFolder, query: str) -> PairRecord:
    """Resolve PAIR (an id, a prefix, or either person) and load its forms."""
    if is_pair_id(query) and folder.has_relationship(query):  # the common case
        return load_pair(folder, query)
    # Who is who, from the name index while no participant or relationship file has
    # changed since it was made (store/names.py); else from every one of them.
    taken = names.state(folder.root)
    index = names.lookup(folder.root, taken)
    if index is not None:
        return load_pair(folder, resolve.pair(query, index.pairs, index.people))
    # A broken file elsewhere in the program does not stop this pair's work; it only
    # matters when it might be the pair asked for.
    # Everyone and every relationship, through the load cache (validated all the same).
    people, relationships, broken = load_people_and_pairs(folder)
    if not broken:
        names.remember(folder.root, taken, people, relationships)
    try:
        pair = resolve.pair(query, relationships, people)
    except NotFound:
        if broken:
            raise InvalidFile(broken) from None
        raise
    forms, problems = scan_pair(folder, relationships[pair])
    if problems:
        raise InvalidFile(problems)
    return forms
