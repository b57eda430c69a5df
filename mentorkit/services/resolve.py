"""Find the program, a person or a pair from what a coordinator types.

A person: an id, a unique id prefix, a full name, or an email address. A pair: its id
or a unique prefix, or either person when that person has exactly one open relationship.
A miss suggests the closest names.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from mentorkit.errors import InvalidInput, NotFound
from mentorkit.store.ids import same_name, slugify, slugs
from mentorkit.store.names import Person as IndexedPerson
from mentorkit.vocab import RelationshipStatus

if TYPE_CHECKING:
    from mentorkit.store.folder import ProgramFolder


class Named(Protocol):
    """A person as finding one needs: a Participant, or the name index's (store/names.py)."""

    @property
    def name(self) -> str: ...
    @property
    def email(self) -> str: ...


class Paired(Protocol):
    """A pair as finding one needs: a Relationship, or the name index's."""

    @property
    def mentor(self) -> str: ...
    @property
    def mentee(self) -> str: ...
    @property
    def status(self) -> RelationshipStatus: ...


def name_key(person: Named) -> str:
    """The person's name as two are compared (store/ids.py's same_name): as the name
    index keeps it worked out (store/names.py), else worked out now."""
    if isinstance(person, IndexedPerson):
        return person.name_key
    return same_name(person.name)


def program_folder(explicit: Path | None = None) -> ProgramFolder:
    """The program a command works on: `explicit` (--program DIR, or MENTORKIT_PROGRAM),
    else the nearest folder from here upwards that holds program.yaml."""
    from mentorkit.store.folder import ProgramFolder

    return ProgramFolder.find(explicit)


def person(query: str, people: Mapping[str, Named]) -> str:
    text = query.strip()
    if text in people:
        return text
    for attempt in _attempts(text, people):
        if len(attempt) == 1:
            return attempt[0]
        if len(attempt) > 1:
            raise InvalidInput(
                f"{query!r} could be any of: {', '.join(sorted(attempt)[:8])}",
                "Give the id (see `mentorkit participants list`).",
            )
    raise NotFound(f"no participant {query!r}", _suggest(text, people))


def _attempts(text: str, people: Mapping[str, Named]) -> Iterator[list[str]]:
    """The people `text` could mean, most exact first: by email, by full name (any
    case, any apostrophe), by id prefix. Each is worked out only if the one before found
    no one."""
    folded = text.casefold()
    yield [i for i, p in people.items() if p.email == folded]
    name = same_name(text)
    yield [i for i, p in people.items() if name_key(p) == name]
    if text:
        prefixes = tuple(slugs(text))
        yield [i for i in people if i.startswith(prefixes)]


def pair(query: str, relationships: Mapping[str, Paired], people: Mapping[str, Named]) -> str:
    text = query.strip()
    if text in relationships:
        return text
    # The start of a pair id only once it names the mentor whole ("ana--c"): "bob-both"
    # begins "bob-both--zoe-zed" too, and means Bob, who may be in another pair.
    prefixed = [k for k in relationships if k.startswith(text)] if "--" in text else []
    if len(prefixed) == 1:
        return prefixed[0]
    close_people = None  # "Did you mean ...?" of the person `text` might have meant
    if "--" not in text:
        try:
            who = person(text, people)
        except NotFound as missing:
            who = None
            if missing.hint and missing.hint.startswith("Did you mean"):
                close_people = missing.hint
        if who is not None:
            theirs = [k for k, r in relationships.items() if who in (r.mentor, r.mentee)]
            open_ones = [k for k in theirs if relationships[k].status.is_open]
            if len(open_ones) == 1:
                return open_ones[0]
            if len(theirs) == 1:
                return theirs[0]
            if theirs:
                raise InvalidInput(
                    f"{who} is in {len(theirs)} relationships: {', '.join(sorted(theirs))}",
                    "Give the pair id.",
                )
            raise NotFound(f"{who} is not in any relationship")
    close = difflib.get_close_matches(text, list(relationships), n=3)
    # a person's name typed nearly right ("Chloe Martinez") is far from every pair id:
    # then the people it is close to are the suggestion (either one names their pair)
    hint = (f"Did you mean {' or '.join(close)}?" if close
            else close_people or "See `mentorkit report` for pairs.")
    raise NotFound(f"no relationship {query!r}", hint)


class Exactly:
    """People named exactly: id, email or full name (any case, any apostrophe); never a
    prefix or a close guess. For names that are stored (a preferred mentor, an
    exclusion) and must never land on the wrong person."""

    def __init__(self, people: Mapping[str, Named]) -> None:
        self.people = people
        self.ids = people.keys()

    # Built when first needed: most stored names are ids, and on 60,000 people the two
    # indexes cost a third of a second that `match` spent for nothing.
    @cached_property
    def emails(self) -> dict[str, str]:
        return {p.email: k for k, p in self.people.items()}

    @cached_property
    def names(self) -> dict[str, list[str]]:
        names: dict[str, list[str]] = {}
        for k, p in self.people.items():
            names.setdefault(name_key(p), []).append(k)
        return names

    def find(self, text: str) -> tuple[str | None, str]:
        """The id `text` names, or None and why not (in plain words)."""
        text = text.strip()
        if text in self.ids:
            return text, ""
        if text.casefold() in self.emails:
            return self.emails[text.casefold()], ""
        named = self.names.get(same_name(text), [])
        if len(named) == 1:
            return named[0], ""
        if named:
            return None, f"{text!r} could be any of {', '.join(sorted(named))}: give the id"
        return None, f"{text!r} is not an enrolled participant (give an id, email or full name)"


def _suggest(text: str, people: Mapping[str, Named]) -> str:
    names = {p.name: i for i, p in people.items()}
    close = difflib.get_close_matches(slugify(text), list(people), n=3, cutoff=0.6)
    close += [names[n] for n in difflib.get_close_matches(text, list(names), n=3, cutoff=0.6)]
    close = list(dict.fromkeys(close))[:3]
    if close:
        return f"Did you mean {' or '.join(close)}?"
    return "See `mentorkit participants list`."
