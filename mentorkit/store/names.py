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

import os
import time
from array import array
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISDIR, S_ISREG
from typing import Any

from mentorkit.store import results
from mentorkit.store.location import PARTICIPANTS, RELATIONSHIPS
from mentorkit.vocab import RelationshipStatus

RELATIONSHIP_FILE = "relationship.yaml"
REQUEST = {"index": "names", "format": 1}


@dataclass(frozen=True)
class Person:
    """What finding a person by name needs (services/resolve.py)."""

    name: str
    email: str


@dataclass(frozen=True)
class Pair:
    """What finding a pair by one of its people needs (services/resolve.py)."""

    mentor: str
    mentee: str
    status: RelationshipStatus


@dataclass
class NameIndex:
    people: dict[str, Person]
    pairs: dict[str, Pair]


def state(root: Path) -> bytes | None:
    """The stat key of everything finding a person or pair reads, or None when an index
    could be in doubt (see the module docstring)."""
    started = time.time_ns()
    found: list[tuple[str, os.stat_result | None]] = []
    try:
        for folder in (PARTICIPANTS, RELATIONSHIPS):
            found.append((folder, os.lstat(root / folder)))
            with os.scandir(root / folder) as listing:
                for entry in listing:
                    label = f"{folder}/{entry.name}"
                    found.append((label, entry.stat(follow_symlinks=False)))
                    if folder == RELATIONSHIPS and entry.is_dir(follow_symlinks=False):
                        found.append((f"{label}/{RELATIONSHIP_FILE}",
                                      _lstat(os.path.join(entry.path, RELATIONSHIP_FILE))))
    except OSError:
        return None
    names: list[str] = []
    numbers = array("q")  # size, mtime_ns, ctime_ns, inode and mode of each
    newest = 0
    for label, st in found:
        names.append(label)
        if st is None:
            continue  # a pair folder without relationship.yaml
        if not (S_ISREG(st.st_mode) or S_ISDIR(st.st_mode)):
            return None  # a link or a special file: the full load decides
        numbers.extend((st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_mode))
        newest = max(newest, st.st_ctime_ns)
    return results.sealed(names, numbers, newest, started)


def _lstat(path: str) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None


def lookup(root: Path, taken: bytes | None) -> NameIndex | None:
    """The index kept for the folder in `taken` state (from `state`), if there is one."""
    if taken is None:
        return None
    with results.open_results(root) as cache:
        key = cache.key(REQUEST, taken) if cache is not None else None
        found: Any = cache.get_json(key) if cache is not None and key is not None else None
    if not isinstance(found, dict):
        return None
    try:
        return NameIndex(
            {k: Person(name, email) for k, (name, email) in found["people"].items()},
            {k: Pair(mentor, mentee, RelationshipStatus(status))
             for k, (mentor, mentee, status) in found["pairs"].items()},
        )
    except (KeyError, TypeError, ValueError):
        return None


def remember(root: Path, taken: bytes | None, people: dict[str, Any],
             pairs: dict[str, Any]) -> None:
    """Keep the index of `people` and `pairs` (validated, read while the folder was in
    `taken` state). Failures are ignored: the index is only a shortcut."""
    if taken is None:
        return
    value = {
        "people": {k: [p.name, p.email] for k, p in people.items()},
        "pairs": {k: [r.mentor, r.mentee, str(r.status.value)] for k, r in pairs.items()},
    }
    with results.open_results(root) as cache:
        key = cache.key(REQUEST, taken) if cache is not None else None
        if cache is not None and key is not None:
            cache.put_json(key, value)
