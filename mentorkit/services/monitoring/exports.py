"""How the monitoring commands read a whole program and write what they make for people
outside it (a report, a calendar), so that commands reach the store only through here."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def whole_program() -> Iterator[None]:
    """Around a use case that reads every file of the program (report, due, calendar): the
    store's bulk mode, which spares the garbage collector the objects that live until the
    command ends."""
    from mentorkit.store.snapshot import bulk_load

    with bulk_load():
        yield


def write_export(path: Path, content: str, *, private: bool = False) -> Path:
    """Write `content` to the file the user named (anywhere, atomically); `private` ones,
    holding a pair's private notes, are readable by their owner only."""
    from mentorkit.store import exports

    return exports.write_export(path, content, private=private)
