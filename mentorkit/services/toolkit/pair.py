"""Finding one pair from what a person typed, and loading its forms."""

from __future__ import annotations

import re

from mentorkit.errors import InvalidFile, NotFound
from mentorkit.models.base import PAIR_ID_PATTERN
from mentorkit.services import resolve
from mentorkit.services.toolkit import rules as toolkit
from mentorkit.services.toolkit.rules import PairForms, load_pair
from mentorkit.store.folder import ProgramFolder


# -- the pair and its forms ----------------------------------------------------------------
def open_pair(folder: ProgramFolder, query: str) -> PairForms:
    """Resolve PAIR (an id, a prefix, or either person) and load its forms."""
    if is_pair_id(query) and folder.has_relationship(query):  # the common case
        return load_pair(folder, query)
    # A broken file elsewhere in the program does not stop this pair's work; it only
    # matters when it might be the pair asked for.
    relationships, broken = folder.scan_relationships()
    people, broken_people = folder.scan_participants()
    try:
        pair = resolve.pair(query, relationships, people)
    except NotFound:
        if broken or broken_people:
            raise InvalidFile(broken + broken_people) from None
        raise
    forms, problems = toolkit.scan_pair(folder, pair, relationships[pair])
    if problems:
        raise InvalidFile(problems)
    return forms


def is_pair_id(text: str) -> bool:
    return re.fullmatch(PAIR_ID_PATTERN, text) is not None
