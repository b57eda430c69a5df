"""The result cache: what `report`, `due` and `match` printed, replayed while nothing
has changed.

A program of 5,000 people and 30,000 sessions is 43,495 files. Even with every file's
document in the load cache (store/cache.py), `report` must validate all of them again
and work every figure out anew: several seconds for an answer that, when not one file
has changed, is the very text it printed last time. So the text is kept, and given back
when the *whole* program folder is exactly as it was.

What must match for a replay (the entry's key; all of it, or the command runs as usual):

- **Every file and folder under the program folder**, found by one walk that is a
  superset of what any command reads: each name with its size, mtime_ns, ctime_ns,
  inode and mode (the same stat key as the load cache: an edit that keeps size and
  modification time still moves the inode change time). Left out are only what no
  command ever reads as program data: version control's own folders (.git, .hg, .svn)
  and mentorkit's own caches and lock. Because the walk is not the loader's listing, an
  input the loader reads but the key forgot cannot exist; a stray file merely costs a
  replay. The one other thing left out is what the command itself writes in the folder
  (`match`'s proposal, `skip`): its output, never its input (`match --out` refuses the
  program's records and any file that is not a proposal), put back on a replay if it
  has been changed or removed since.
- **The request**: the command, every option that shapes its output, the day it is as
  of (so "today" turns over at midnight), the whole environment (TZ, and whatever rich
  reads to choose colours and width), and, for the terminal, whether stdout is one, its
  size and encoding (cli/replay.py).
- **The code**: mentorkit's version and the stat key of every file of the installed
  package, and of the libraries that shape the output, so an upgrade (or a developer's
  edit) is never answered by the old code's text.

It is skipped (the command simply runs) whenever the answer could be in doubt: a link
anywhere in the folder (the loader decides what links may be read), a special file, an
interrupted change waiting to be finished (.mentorkit/journal.json or a scratch copy),
or a file changed within RACY_WINDOW_NS of the walk (two writes in one clock tick could
share a stat key, as git's index knows). Only output of a command that succeeded is
kept.

A damaged, foreign or forged entry is never shown: each entry is signed (keyed BLAKE2b)
with a secret kept outside the program folder, in the user's own cache folder
(`$XDG_CACHE_HOME/mentorkit/result-key`, else `~/.cache/...`, owner-only). A cache copied
from another machine or user, edited by hand, or made by someone who can write the
program folder but not the user's home, fails the check and is ignored; the command runs
and the entry is remade. Without a usable secret (a read-only home, say) nothing is
replayed. The text kept is program-level output (no pair's private notes: `report
--pair` and `--include-private` are never kept), still in an owner-only file.

Nothing here imports pydantic or the models: a replay costs the walk and one lookup.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import importlib.util
import json
import os
import sqlite3
import sys
import time
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISREG
from typing import Any

from mentorkit import __version__
from mentorkit.store import atomic
from mentorkit.store.location import REHEARSAL_PREFIX, STATE
from mentorkit.store.sqlitefile import open_or_remake, transaction

RESULTS_FILE = "cache/results.sqlite3"
SECRET_FILE = "result-key"
SECRET_BYTES = 32
RACY_WINDOW_NS = 2_000_000_000
KEEP = 32  # entries kept per program folder, the most recently made
BUSY_TIMEOUT_S = 2.0
TABLE = "results_3"  # a new shape of entry gets a new name; other tables are dropped
# Never program data: version control's folders at the top, mentorkit's caches and lock.
SKIP_TOP = frozenset({".git", ".hg", ".svn"})
SKIP_STATE = frozenset({"cache", "lock"})
STATE_REL = f"{STATE}/"
# An interrupted change is finished by the next command that takes the lock: not a replay.
UNFINISHED = ("journal.json", ".journal.json.")
# The libraries whose versions shape what is printed: rendering and validation, and for
# match the solver (another scipy may pick another of several equally good assignments).
LIBRARIES = ("rich", "pydantic", "pydantic_core", "yaml", "typer", "click", "numpy", "scipy")


@dataclass
class Printed:
    """What a command printed: its stdout, its warnings (stderr), the facts its exit code
    depends on, and the files it wrote inside the folder (path -> text), which are not
    its inputs and are left out of the key (`folder_state(skip=...)`)."""

    stdout: str
    flags: dict[str, bool] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)


def folder_state(root: Path, skip: frozenset[str] = frozenset()) -> bytes | None:
    """The stat key of everything under `root` (see the module docstring) but the files
    in `skip` (relative paths: what the command itself writes), or None when a replay
    could be in doubt. Names in listing order: a folder lists its names in the same
    order while it is unchanged, and a changed order only costs a replay."""
    started = time.time_ns()
    names: list[str] = [str(root)]
    numbers = array("q")  # size, mtime_ns, ctime_ns, inode and mode of each file
    newest = 0  # the latest inode change: any write moves it to the clock's now
    stack = [("", str(root))]
    while stack:
        rel, path = stack.pop()
        try:
            with os.scandir(path) as listing:
                entries = list(listing)
        except OSError:
            return None
        for entry in entries:
            name = entry.name
            # is_dir comes with the listing (d_type): one lstat per file only
            if entry.is_dir(follow_symlinks=False):
                if (rel == "" and name in SKIP_TOP) or (rel == STATE_REL and name in SKIP_STATE):
                    continue
                if rel == STATE_REL and name.startswith(REHEARSAL_PREFIX):
                    return None  # a killed command's scratch copy: the usual path clears it
                names.append(f"{rel}{name}/")
                stack.append((f"{rel}{name}/", entry.path))
                continue
            if rel == STATE_REL and (name in SKIP_STATE or name.startswith(UNFINISHED)):
                if name in SKIP_STATE:
                    continue
                return None  # an interrupted change: the usual path finishes it first
            if skip and rel + name in skip:
                continue
            try:
                st = entry.stat(follow_symlinks=False)
            except OSError:
                return None
            if not S_ISREG(st.st_mode):
                return None  # a link, a fifo, a device: the usual path decides
            names.append(rel + name)
            ctime = st.st_ctime_ns
            numbers.extend((st.st_size, st.st_mtime_ns, ctime, st.st_ino, st.st_mode))
            if ctime > newest:
                newest = ctime
    return sealed(names, numbers, newest, started)


def sealed(names: list[str], numbers: array[int], newest: int, started: int) -> bytes | None:
    """A state as key material: the names, then each one's size, mtime_ns, ctime_ns,
    inode and mode; None when the newest inode change (`newest`) falls within the racy
    window of the walk's start (`started`): a second write in the same clock tick could
    leave the same stat key."""
    if newest >= started - RACY_WINDOW_NS:
        return None
    return "\0".join(names).encode("utf-8", "surrogateescape") + b"\0" + numbers.tobytes()


def code_state() -> str:
    """mentorkit's version and the stat key of every file of the package and of the
    libraries that shape the output."""
    package = Path(__file__).resolve().parents[1]
    keys: list[str] = [__version__, sys.version]
    for folder, _dirs, files in sorted(os.walk(package)):
        if os.path.basename(folder) == "__pycache__":
            continue
        for name in sorted(files):
            st = os.stat(os.path.join(folder, name))
            keys.append(f"{folder}/{name}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ino}")
    for library in LIBRARIES:
        spec = importlib.util.find_spec(library)
        origin = spec.origin if spec is not None else None
        if origin:
            st = os.stat(origin)
            keys.append(f"{origin}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ino}")
    return "\n".join(keys)


def secret_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "mentorkit" / SECRET_FILE


def user_secret() -> bytes | None:
    """The user's signing secret (made on first use), or None if it cannot be had safely:
    a secret others could read or write signs nothing."""
    path = secret_path()
    for _attempt in range(2):
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except FileNotFoundError:
            _make_secret(path)
            continue
        except OSError:
            return None
        with os.fdopen(fd, "rb") as handle:
            st = os.fstat(handle.fileno())
            secret = handle.read(SECRET_BYTES + 1)
        if st.st_mode & 0o077 or st.st_uid != os.getuid() or len(secret) != SECRET_BYTES:
            return None
        return secret
    return None


def _make_secret(path: Path) -> None:
    """Write a new secret without ever replacing one another command just made."""
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        draft = path.with_name(f".{SECRET_FILE}.{os.getpid()}")
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0),
                     0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(os.urandom(SECRET_BYTES))
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(draft, path)  # fails if another command made one first: theirs stands
        finally:
            draft.unlink()


class ResultCache:
    """The replayable outputs of one program folder. Use `open_results`."""

    def __init__(self, db: sqlite3.Connection, secret: bytes, root: Path) -> None:
        self._db = db
        self._secret = secret
        self._root = root

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._db.close()

    def key(self, request: dict[str, Any], state: bytes) -> bytes:
        """The entry key for `request` on the folder in `state`: the part of it that the
        answer depends on (folder_state, or store/names.py's narrower one)."""
        digest = hashlib.blake2b(key=self._secret, digest_size=32, person=b"mk-result-key")
        digest.update(json.dumps(request, sort_keys=True, default=str).encode())
        digest.update(b"\0" + code_state().encode("utf-8", "surrogateescape") + b"\0")
        digest.update(state)
        return digest.digest()

    def get(self, key: bytes) -> Printed | None:
        found = self.get_json(key)
        try:
            return Printed(found["stdout"], dict(found["flags"]), list(found["warnings"]),
                           dict(found["files"]))
        except (KeyError, TypeError, ValueError):
            return None

    def put(self, key: bytes, printed: Printed) -> None:
        """Keep `printed` under `key`; failures are ignored (a replay is only a shortcut)."""
        self.put_json(key, {"stdout": printed.stdout, "flags": printed.flags,
                            "warnings": printed.warnings, "files": printed.files})

    def get_json(self, key: bytes) -> Any:
        """The JSON value kept under `key`, or None: missing, or damaged, foreign or forged
        (its signature does not match), so the caller works it out again."""
        try:
            row = self._db.execute(f"SELECT payload, mac FROM {TABLE} WHERE key = ?",
                                   (key,)).fetchone()
        except sqlite3.Error:
            return None
        if row is None or not isinstance(row[0], bytes) or not isinstance(row[1], bytes):
            return None
        payload, mac = row
        if not hmac.compare_digest(mac, self._sign(key, payload)):
            return None
        try:
            return json.loads(payload)  # a replay writes nothing: entries go oldest-made first
        except ValueError:
            return None

    def put_json(self, key: bytes, value: Any) -> None:
        payload = json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogateescape")
        with contextlib.suppress(sqlite3.Error), transaction(self._db):
            self._db.execute(f"INSERT OR REPLACE INTO {TABLE} VALUES (?, ?, ?, ?)",
                             (key, payload, self._sign(key, payload), time.time_ns()))
            self._db.execute(f"DELETE FROM {TABLE} WHERE key NOT IN (SELECT key FROM {TABLE} "
                             "ORDER BY made DESC LIMIT ?)", (KEEP,))

    def _sign(self, key: bytes, payload: bytes) -> bytes:
        mac = hashlib.blake2b(key=self._secret, digest_size=32, person=b"mk-result-mac")
        mac.update(key)
        mac.update(payload)
        return mac.digest()


@contextlib.contextmanager
def open_results(root: Path) -> Iterator[ResultCache | None]:
    """The result cache of the program folder `root`, or None when it cannot be used."""
    # a .mentorkit that is a link is never used (folder.state_dir refuses it)
    secret = None if os.path.islink(root / STATE) else user_secret()
    cache = open_or_remake(root / STATE / RESULTS_FILE,
                           lambda path: _connect(path, secret, root)) if secret else None
    try:
        yield cache
    finally:
        if cache is not None:
            cache.close()


def _connect(path: Path, secret: bytes, root: Path) -> ResultCache:
    atomic.make_private_file(path)  # owner-only before SQLite opens it
    db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    try:
        tables = {name for (name,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        for old in tables - {TABLE}:  # another mentorkit's entries
            db.execute(f'DROP TABLE "{old.replace(chr(34), chr(34) * 2)}"')
        if TABLE not in tables:
            db.execute(f"CREATE TABLE {TABLE} (key BLOB PRIMARY KEY, payload BLOB NOT NULL, "
                       "mac BLOB NOT NULL, made INTEGER NOT NULL)")
        return ResultCache(db, secret, root)
    except BaseException:
        db.close()
        raise
