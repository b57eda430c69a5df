"""The name index: who is who, and who is in which pair, to find a pair by a person's
name or email without validating every participant and relationship again.

A pair command given "Maria Lopez" must look her up among everyone (5,000 people and
2,500 relationships on a large program). Even from the load cache that meant validating
7,500 documents on every command. The answer depends only on each person's name and
email and each pair's mentor, mentee and status, so those are kept, as worked out from
validated files, in the result cache (store/results.py) and used while the files they
came from are exactly as they were:

- **Key**: the stat key (size, mtime_ns, ctime_ns, inode, mode) of every entry in
  participants/ and in relationships/, and of every pair's relationship.yaml: a superset
  of what the full load reads. A link, a special file or a change within the racy window
  anywhere there means no index (the full load decides, and says what is wrong).
- **Trust**: the entry is signed with the user's secret like every result-cache entry,
  so a forged or copied index is ignored. It is kept only when every participant and
  relationship file was valid.

Nothing here imports pydantic or the models.
"""

from __future__ import annotations

import contextlib
import os
import time
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISDIR, S_ISREG
from typing import Any, NamedTuple

from mentorkit.store import results
from mentorkit.store.ids import same_name
from mentorkit.store.location import PARTICIPANTS, RELATIONSHIPS
from mentorkit.vocab import RelationshipStatus

RELATIONSHIP_FILE = "relationship.yaml"
REQUEST = {"index": "names", "format": 4}


class Person(NamedTuple):
    """What finding a person by name needs (services/resolve.py); `name_key` is the name
    as two are compared (store/ids.py's same_name), worked out when the index is made
    rather than for all 5,000 people on every lookup."""

    name: str
    email: str
    name_key: str


class Pair(NamedTuple):
    """What finding a pair by one of its people needs (services/resolve.py)."""

    mentor: str
    mentee: str
    status: RelationshipStatus


STATUS = {s.value: s for s in RelationshipStatus}


@dataclass
class NameIndex:
    people: dict[str, Person]
    pairs: dict[str, Pair]


def state(root: Path) -> bytes | None:
    """The stat key of everything finding a person or pair reads, or None when an index
    could be in doubt (see the module docstring).

    One stat per participant and one per pair: a pair folder's own entry is not needed,
    since renaming, adding or removing one changes relationships/ itself, and its
    relationship.yaml is stated directly (a missing one as zeros, so that moving it
    from one pair to another still changes the key). Where the system allows, each
    folder is opened once and its entries stated relative to it, rather than walking
    the path from the root 7,500 times (a tenth quicker)."""
    started = time.time_ns()
    names: list[str] = []  # each folder's label, then its entries' names
    numbers = array("q")  # size, mtime_ns, ctime_ns, inode and mode of each
    try:
        for folder in (PARTICIPANTS, RELATIONSHIPS):
            names.append(folder + "/")  # no entry's name holds a slash: unambiguous
            with _opened(os.path.join(root, folder)) as (where, own):
                stats = _entry_stats(where, folder == RELATIONSHIPS, names)
            if not _add([own, *stats], numbers):
                return None  # a link or a special file: the full load decides
    except OSError:
        return None
    return results.sealed(names, numbers, max(numbers[2::5], default=0), started)


# Opened with O_NOFOLLOW, a folder that is itself a link is refused (ELOOP) as lstat does.
BY_FD = os.scandir in os.supports_fd and os.stat in os.supports_dir_fd
OPEN_FOLDER = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)
MISSING = (0, 0, 0, 0, 0)  # a pair folder without relationship.yaml


@contextlib.contextmanager
def _opened(path: str) -> Iterator[tuple[int | str, os.stat_result]]:
    """The folder to list (an open descriptor, or its path) and its own stat."""
    if not BY_FD:
        yield path, os.lstat(path)
        return
    fd = os.open(path, OPEN_FOLDER)
    try:
        yield fd, os.fstat(fd)
    finally:
        os.close(fd)


def _entry_stats(where: int | str, pairs: bool, names: list[str]) -> list[os.stat_result | None]:
    """The stat of each entry of the folder `where` (appending its name to `names`); of
    a pair folder's relationship.yaml when `pairs`."""
    stats: list[os.stat_result | None] = []
    with os.scandir(where) as listing:
        for entry in listing:
            names.append(entry.name)
            if pairs and entry.is_dir(follow_symlinks=False):
                stats.append(_relationship_stat(where, entry.name))
            else:
                stats.append(entry.stat(follow_symlinks=False))
    return stats


def _relationship_stat(where: int | str, pair: str) -> os.stat_result | None:
    try:
        if isinstance(where, int):
            return os.stat(f"{pair}/{RELATIONSHIP_FILE}", dir_fd=where, follow_symlinks=False)
        return os.lstat(os.path.join(where, pair, RELATIONSHIP_FILE))
    except FileNotFoundError:
        return None


def _add(stats: list[os.stat_result | None], numbers: array[int]) -> bool:
    """Append the key of each stat to `numbers`; False at a link or special file."""
    for st in stats:
        if st is None:
            numbers.extend(MISSING)
            continue
        mode = st.st_mode
        if not (S_ISREG(mode) or S_ISDIR(mode)):
            return False
        numbers.extend((st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, mode))
    return True


def lookup(root: Path, taken: bytes | None) -> NameIndex | None:
    """The index kept for the folder in `taken` state (from `state`), if there is one."""
    if taken is None:
        return None
    with results.open_results(root) as cache:
        key = cache.key(REQUEST, taken) if cache is not None else None
        found: Any = cache.get_json(key) if cache is not None and key is not None else None
    # parallel lists, one per field: far quicker to decode and zip than a list per person
    try:
        ids, people, emails, keys = found["people"]
        pair_ids, mentors, mentees, statuses = found["pairs"]
        return NameIndex(dict(zip(ids, map(Person, people, emails, keys), strict=True)),
                         dict(zip(pair_ids, map(Pair, mentors, mentees,
                                                map(STATUS.__getitem__, statuses)),
                                  strict=True)))
    except (KeyError, TypeError, ValueError):
        return None


def remember(root: Path, taken: bytes | None, people: dict[str, Any],
             pairs: dict[str, Any]) -> None:
    """Keep the index of `people` and `pairs` (validated, read while the folder was in
    `taken` state). Failures are ignored: the index is only a shortcut."""
    if taken is None:
        return
    value = {
        "people": [list(people), [p.name for p in people.values()],
                   [p.email for p in people.values()],
                   [same_name(p.name) for p in people.values()]],
        "pairs": [list(pairs), [r.mentor for r in pairs.values()],
                  [r.mentee for r in pairs.values()],
                  [str(r.status.value) for r in pairs.values()]],
    }
    with results.open_results(root) as cache:
        key = cache.key(REQUEST, taken) if cache is not None else None
        if cache is not None and key is not None:
            cache.put_json(key, value)
