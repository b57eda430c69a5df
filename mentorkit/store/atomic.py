"""Atomic writes: a temporary file in the same folder, fsync, then os.replace."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


def write_text(path: Path, text: str, *, private: bool = False) -> None:
    """Replace `path` with `text` in one step; readers see the old or the new file, never half.

    `private` files (a relationship's forms) are readable and writable by their owner only,
    in folders only their owner can open.
    """
    if private:
        make_private_dirs(path.parent)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
    replace_file(path, text, mode=0o600 if private else None)


def replace_file(path: Path, text: str | bytes, *, mode: int | None = None) -> None:
    """The atomic step: a temporary file beside `path`, fsync, chmod, rename over it.

    `mode` None gives the usual permissions (0666 less the umask). Errors name `path`,
    never the temporary file.
    """
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    tmp = Path(tmp_name)
    try:
        data = text.encode("utf-8") if isinstance(text, str) else text  # bytes: a workbook
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is None:
            mode = default_mode()
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise OSError(exc.errno, exc.strerror, str(path)) from None
        raise
    _fsync_dir(path.parent)


def make_private_dirs(folder: Path) -> None:
    """Create `folder` and any missing parents readable by their owner only (0700); an
    existing `folder` that others can read is made private too.

    `Path.mkdir(parents=True, mode=...)` applies the mode to the last folder only, so the
    missing ones are made one by one, outermost first.
    """
    missing = []
    here = folder
    while not here.exists():
        missing.append(here)
        here = here.parent
    for path in reversed(missing):
        path.mkdir(mode=0o700, exist_ok=True)
    if folder.stat().st_mode & 0o077:  # made by something else (a git checkout, say)
        os.chmod(folder, 0o700)


def make_private_file(path: Path) -> None:
    """Create `path` if missing, owner-only (0600), in owner-only folders: before a
    library such as SQLite opens it with the umask's mode."""
    make_private_dirs(path.parent)
    os.close(os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600))
    if os.stat(path).st_mode & 0o077:
        os.chmod(path, 0o600)


def write_new(path: Path, text: str, *, mode: int | None = None) -> None:
    """Create `path` (it must not exist) with `text` and `mode`, without fsync: the
    caller makes a whole batch durable at once (store/transaction.py)."""
    _write_unsynced(path, text, mode, os.O_EXCL)


def write_scratch(path: Path, text: str, *, mode: int | None = None) -> None:
    """Write `path` in place (made or emptied first) without fsync: for a scratch copy
    that is thrown away, where neither atomicity nor durability is wanted."""
    _write_unsynced(path, text, mode, os.O_TRUNC)


def _write_unsynced(path: Path, text: str, mode: int | None, flag: int) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | flag, 0o666 if mode is None else mode)
    try:
        if mode is not None:
            os.fchmod(fd, mode)  # the umask must not loosen or tighten what was asked
        data = memoryview(text.encode("utf-8"))
        while data:
            data = data[os.write(fd, data):]
    finally:
        os.close(fd)


def default_mode() -> int:
    """0666 less the umask, as a plain open() would give."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def fsync_path(path: Path) -> None:
    """fsync a file or a folder (a folder makes the names in it durable)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # some platforms cannot open folders
        return
    try:
        os.fsync(fd)
    except OSError:  # e.g. filesystems that do not support fsync on folders
        pass
    finally:
        os.close(fd)


def make_private_tree(folder: Path) -> list[Path]:
    """Make `folder` and everything in it owner-only (folders 0700, files 0600), leaving
    symlinks alone; returns what was changed."""
    changed = []
    for path in [folder, *folder.rglob("*")]:
        try:
            st = path.lstat()
        except FileNotFoundError:
            continue
        if stat.S_ISLNK(st.st_mode) or not st.st_mode & 0o077:
            continue
        os.chmod(path, stat.S_IMODE(st.st_mode) & 0o700)
        changed.append(path)
    return changed


def write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise


def _fsync_dir(folder: Path) -> None:
    # The rename itself is durable only once the folder's entry is flushed.
    fsync_path(folder)
