"""What the two SQLite caches share (store/cache.py, store/results.py): opening one that
may be damaged, and a transaction. No models here: store/results.py stays light."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def open_or_remake(path: Path, connect: Callable[[Path], T]) -> T | None:
    """`connect(path)`; a file that is not a database, or a damaged one, is removed and
    made afresh. None when the cache cannot be used at all (a read-only folder, say): a
    cache is only ever a shortcut."""
    for _attempt in range(2):
        try:
            return connect(path)
        except sqlite3.DatabaseError:  # not a database, or damaged: start afresh
            with contextlib.suppress(OSError):
                path.unlink()
        except (OSError, sqlite3.Error):
            return None
    return None


@contextlib.contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[None]:
    """All of it or none of it (the connection is in autocommit mode otherwise)."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
