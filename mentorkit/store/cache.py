"""The load cache: each program file's validated document, so big programs load fast.

Where: `.mentorkit/cache/load.sqlite3`, one row per file: its path, kind, stat key and
its validated document as JSON. Why SQLite (it ships with Python): a row is replaced on
its own, so one edited session costs one small write instead of rewriting the whole
cache (tens of megabytes on a large program); a command that needs only some kinds of
file (resolving a person's name reads participants and relationships) selects just
those rows; and SQLite's own locking keeps two commands from tearing it. Measured on the
benchmark program (43,495 files, benchmarks/README.md): reading every row takes under a
tenth of the time of reading the files themselves, writing them all a few tenths of a
second.

The cache can never disagree with the files:

- **Key.** A row is used only when the file's size, mtime_ns, ctime_ns and inode all
  match. The inode change time (ctime) is set by the kernel on every write and cannot be
  put back (`os.utime` sets mtime, and itself moves ctime), so an edit that keeps size
  and modification time is still seen. A content hash would be as safe but would mean
  reading every byte of every file, which is the very cost the cache exists to avoid.
  Like git's index, a file changed within RACY_WINDOW_NS of when its row was made is not
  trusted (two writes in one clock tick could share a key).
- **Validation.** Nothing is served without passing the same pydantic validation as a
  fresh read: the rows of one kind are validated in one pydantic-core call (a JSON
  array through a TypeAdapter, so the parsing and the model building happen in Rust).
  A row that fails -- damaged, or written by hand with an invalid email or -99 years --
  is dropped and its file is read instead. There is no pickle, no exec and no generated
  code; a model can only come out of `model_validate_json`.
- **Never required.** A missing, damaged (not a database), foreign (another mentorkit,
  another shape of the models) or unwritable cache is ignored and rebuilt; a failed
  cache write never fails a command.

What re-validation cannot catch is a row forged to hold a *different valid* document
under a file's exact key; whoever can write that can edit the file itself.

Why rows are validated again rather than trusted by a MAC (measured 2026-12-02 on the
benchmark program, benchmarks/README.md "Report and due"): rows signed with a per-user
key kept outside the program folder could be rebuilt by a validator stripped of the
Python-level checks (the models' core schema without its function validators). That
would cut validating all 43,495 rows from 1.37 s to 0.92 s of CPU, and checking their
MACs would give back 0.10 s (keyed BLAKE2b) to 0.16-0.25 s (HMAC-SHA256): a net 0.3 s of
a 2.4 s warm `report`, for a secret to create, guard and lose. Most of the time is
pydantic-core building the models themselves (30,000 sessions with their nested
items), which no trust can skip; merely json.loads-ing the rows costs 0.34 s. Neither
the warm target nor the by-name one would be met with it, so it was not added. What
meets the warm target is store/results.py: when not one file of the folder has changed,
`report` and `due` replay what they printed. Its key is not the loader's listing but
every file under the folder (a superset, so no input can be forgotten), and because it
shows text that no model validates again, its entries are signed with a per-user secret.

The cache holds the pairs' private session text just like the files it mirrors, so its
folder is owner-only (0700) and the database file owner-only (0600); SQLite gives its
journal the database file's mode.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sqlite3
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel, TypeAdapter

from mentorkit import __version__
from mentorkit.models.base import FileModel
from mentorkit.store import atomic
from mentorkit.store.sqlitefile import open_or_remake, transaction

CACHE_FORMAT = 2  # 1 was the pickle; its leftover file is removed when seen
CACHE_FILE = "cache/load.sqlite3"
OLD_CACHE_FILE = "cache/snapshot.pickle"
RACY_WINDOW_NS = 2_000_000_000  # files changed this close to a row's making are re-read
BUSY_TIMEOUT_S = 2.0  # another command writing the cache: wait this long, then skip

Key = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    ctime_ns INTEGER NOT NULL,
    inode INTEGER NOT NULL,
    read_ns INTEGER NOT NULL,   -- when the file was listed before being read
    doc BLOB NOT NULL           -- the validated document as JSON
);
CREATE INDEX IF NOT EXISTS files_by_kind ON files (kind);
"""


class FileEntry(Protocol):
    """A file found on disk (store/snapshot.py's Entry)."""

    @property
    def relpath(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def key(self) -> Key: ...


E = TypeVar("E", bound=FileEntry)


def stat_key(st: os.stat_result) -> Key:
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def now_ns() -> int:
    return time.time_ns()


def path_of(root: Path) -> Path:
    """The cache database of the program folder whose state folder (.mentorkit) is `root`."""
    return root / CACHE_FILE


class LoadCache:
    """An open cache database. Use `open_cache`; close it (or use it as a context)."""

    def __init__(self, db: sqlite3.Connection, path: Path,
                 kinds: Mapping[str, type[FileModel]]) -> None:
        self._db = db
        self._path = path
        self._kinds = kinds
        self._known: set[str] = set()  # paths with a row, among the kinds taken

    def __enter__(self) -> LoadCache:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._db.close()

    def take(self, entries: Sequence[E]) -> tuple[dict[str, FileModel], list[E]]:
        """Validated documents for the files whose rows match, and the files to read:
        new, changed, changed too recently, or whose row did not pass validation."""
        wanted = sorted({e.kind for e in entries})
        query = "SELECT path, kind, size, mtime_ns, ctime_ns, inode, read_ns, doc FROM files"
        if set(wanted) != set(self._kinds):  # a whole table scan beats the index for all
            query += f" WHERE kind IN ({','.join('?' * len(wanted))})"
        else:
            wanted = []
        try:
            rows = self._db.execute(query, wanted).fetchall()
        except sqlite3.Error as exc:  # damaged inside: read every file, and start afresh
            if isinstance(exc, sqlite3.DatabaseError) and not isinstance(
                    exc, sqlite3.OperationalError):
                self._remake()
            return {}, list(entries)
        by_path = {row[0]: row for row in rows}
        self._known = set(by_path)
        todo: list[E] = []
        usable: dict[str, list[tuple[E, bytes]]] = {}
        for entry in entries:
            row = by_path.get(entry.relpath)
            if row is None or row[1] != entry.kind or row[2:6] != entry.key or (
                not isinstance(row[6], int)
                or max(entry.key[1], entry.key[2]) >= row[6] - RACY_WINDOW_NS
            ):
                todo.append(entry)
                continue
            doc = row[7]
            if isinstance(doc, str):  # a row written by hand: validated all the same
                doc = doc.encode("utf-8", "surrogatepass")
            if isinstance(doc, bytes):
                usable.setdefault(entry.kind, []).append((entry, doc))
            else:
                todo.append(entry)
        docs: dict[str, FileModel] = {}
        for kind, items in usable.items():
            model = self._kinds[kind]
            models = _validate_all(model, [doc for _, doc in items])
            for (entry, _), found in zip(items, models, strict=True):
                if found is None:
                    todo.append(entry)  # the row is bad: the file is the truth
                else:
                    docs[entry.relpath] = found
        return docs, todo

    def _remake(self) -> None:
        self.close()
        with contextlib.suppress(OSError):
            self._path.unlink()
        try:
            self._db = _connect(self._path, self._kinds)._db
        except (OSError, sqlite3.Error):
            self._db = sqlite3.connect(":memory:")  # written to, then forgotten

    def store(self, read_ns: int, fresh: Iterable[tuple[FileEntry, FileModel]],
              present: Iterable[FileEntry]) -> None:
        """Save freshly validated documents (read after `read_ns`) and forget the rows of
        files, among the kinds taken, that are gone. Failures are ignored: the cache is
        only ever a shortcut."""
        rows = [
            (e.relpath, e.kind, *e.key, read_ns, _dump(doc)) for e, doc in fresh
        ]
        gone = self._known.difference(e.relpath for e in present)
        if not rows and not gone:
            return
        for _attempt in range(2):
            try:
                with transaction(self._db):
                    self._db.executemany(
                        "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
                    self._db.executemany("DELETE FROM files WHERE path = ?",
                                         [(p,) for p in gone])
                return
            except sqlite3.OperationalError:  # busy, read-only, disk full: skip it this time
                return
            except sqlite3.Error:  # damaged: the rows just read go into a new cache
                self._remake()
                gone = set()


def open_cache(state_dir: Path, kinds: Mapping[str, type[FileModel]]) -> LoadCache | None:
    """The program's load cache (made if missing, remade if damaged or foreign), or None
    when it cannot be used at all (say, the folder is read-only)."""
    path = path_of(state_dir)
    with contextlib.suppress(OSError):
        (state_dir / OLD_CACHE_FILE).unlink()  # the pickle of format 1 holds private text
    return open_or_remake(path, lambda p: _connect(p, kinds))


def _connect(path: Path, kinds: Mapping[str, type[FileModel]]) -> LoadCache:
    atomic.make_private_file(path)  # owner-only before SQLite opens it
    db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    try:
        wanted = json.dumps(header(kinds), sort_keys=True)
        found = db.execute("SELECT name FROM sqlite_master WHERE name = 'meta'").fetchone()
        stored = db.execute("SELECT value FROM meta WHERE name = 'header'").fetchone() if (
            found) else None
        if stored is None or stored[0] != wanted:
            with transaction(db):  # another mentorkit's cache, or none yet: claim it
                db.execute("DROP TABLE IF EXISTS files")
                db.execute("DROP TABLE IF EXISTS meta")
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.execute("INSERT INTO meta VALUES ('header', ?)", (wanted,))
        return LoadCache(db, path, kinds)
    except BaseException:
        db.close()
        raise


def _validate_all(model: type[FileModel], docs: list[bytes]) -> list[FileModel | None]:
    """Each stored document through the model's own validation; None where it fails.

    All at once first (one JSON array, one pydantic-core call); only if something in it
    fails, one by one, to keep the good ones.
    """
    # Not only ValidationError: a row made by hand may upset a validator in other ways,
    # and a row that cannot be validated, for whatever reason, is simply not used.
    try:
        return list(_list_adapter(model).validate_json(b"[" + b",".join(docs) + b"]"))
    except Exception:
        pass
    found: list[FileModel | None] = []
    for doc in docs:
        try:
            found.append(model.model_validate_json(doc))
        except Exception:
            found.append(None)
    return found


_ADAPTERS: dict[type[BaseModel], tuple[TypeAdapter[Any], TypeAdapter[Any]]] = {}


def _adapters(model: type[BaseModel]) -> tuple[TypeAdapter[Any], TypeAdapter[Any]]:
    found = _ADAPTERS.get(model)
    if found is None:
        # the model's own validator first (built on first use: models/base.py), which
        # both adapters then reuse; else each would build the model's schema again
        model.model_rebuild()
        found = _ADAPTERS[model] = (TypeAdapter(model), TypeAdapter(list[model]))  # type: ignore[valid-type]
    return found


def _list_adapter(model: type[BaseModel]) -> TypeAdapter[Any]:
    return _adapters(model)[1]


def _dump(doc: BaseModel) -> bytes:
    # Values equal to their defaults are left out (a third less to store and to check):
    # validation gives them back as the same defaults, so the model is the same.
    return _adapters(type(doc))[0].dump_json(doc, exclude_defaults=True)


def header(kinds: Mapping[str, type[FileModel]]) -> dict[str, Any]:
    """What must match for a cache to be used: format, mentorkit, Python and models."""
    return {
        "format": CACHE_FORMAT,
        "mentorkit": __version__,
        "python": list(sys.version_info[:2]),
        "models": _fingerprint(tuple(sorted(kinds.items()))),
    }


_FINGERPRINTS: dict[tuple[tuple[str, type[FileModel]], ...], str] = {}


def _fingerprint(kinds: tuple[tuple[str, type[FileModel]], ...]) -> str:
    """A hash of every cached model's fields and their types (schema versions included),
    so a cache made by other models is remade rather than read."""
    if kinds in _FINGERPRINTS:
        return _FINGERPRINTS[kinds]
    seen: dict[str, str] = {}

    def visit(cls: type[BaseModel]) -> None:
        if cls.__qualname__ in seen:
            return
        seen[cls.__qualname__] = repr(
            [(n, repr(f.annotation), getattr(cls, "SCHEMA_VERSION", 0))
             for n, f in cls.model_fields.items()]
        )
        for f in cls.model_fields.values():
            for sub in _models_in(f.annotation):
                visit(sub)

    for _, kind_model in kinds:
        visit(kind_model)
    text = re.sub(r" at 0x[0-9a-fA-F]+", "", repr(sorted(seen.items())))  # no addresses
    _FINGERPRINTS[kinds] = digest = hashlib.sha256(text.encode()).hexdigest()
    return digest


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    from typing import get_args

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for a in get_args(annotation) for m in _models_in(a)]
