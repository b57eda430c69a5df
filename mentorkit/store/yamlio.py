"""Reading program files: regular files only, of a sane size, as UTF-8 text; and the
way to YAML (store/yamltext.py) for parsing and writing.

PyYAML and the loader built on it are about a tenth of the instructions of a command
that parses nothing (a warm `report` or `due`, replayed from store/results.py: 996 M
on the benchmark program, PyYAML's import about 90 M of them), so they are imported
when a command first parses or writes YAML, not whenever a file is read.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO

from mentorkit.errors import InvalidFile, Problem

MAX_FILE_BYTES = 4 * 1024 * 1024  # a year of one pair's notes is a few kilobytes


def parse(text: str, path: Path | str) -> Any:
    """Parse YAML text safely; any syntax problem becomes an InvalidFile naming the line."""
    from mentorkit.store import yamltext

    return yamltext.parse(text, path)


def dump(data: Any) -> str:
    """`data` as YAML: block style, multi-line text as `|` blocks, no aliases."""
    from mentorkit.store import yamltext

    return yamltext.dump(data)


def render_update(old_text: str, new_data: dict[str, Any]) -> str:
    """New content for a file that exists, keeping its comments and key order."""
    from mentorkit.store import yamltext

    return yamltext.render_update(old_text, new_data)


def line_of(text: str, loc: Sequence[str | int]) -> int | None:
    """The 1-based line of the value at `loc` (keys and list indexes), or the nearest parent."""
    from mentorkit.store import yamltext

    return yamltext.line_of(text, loc)


def _bounded_read(fd: int, size: int) -> bytes:
    """The file's bytes, or the first MAX_FILE_BYTES + 1 of a larger one. Asked for
    its size (plus one, to see a file that grew since) rather than for the limit: a
    read of the limit sets aside a buffer of the limit for every file, which cost a bulk
    load more than reading them (0.49 s against 0.17 s for 13,000 small files). Read
    with os.read, not through a buffered file object: the 13,000 files of a cold
    `match` took 0.37 s that way, 0.17 s this way."""
    raw = os.read(fd, min(size, MAX_FILE_BYTES) + 1)  # short only at the end of a file
    if len(raw) > size:  # it grew while being read: the rest, up to the limit
        chunks, got = [raw], len(raw)
        while chunks[-1] and got <= MAX_FILE_BYTES:
            chunks.append(os.read(fd, MAX_FILE_BYTES + 1 - got))
            got += len(chunks[-1])
        raw = b"".join(chunks)
    return raw


NOT_A_FILE_HINT = "Put the file itself in its place, or remove it."


class NotAFile(OSError):
    """Something that is not a regular file where a program file should be."""


_NOT_FILES = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"),
              (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"))


def not_a_file(mode: int) -> str:
    """What is said of something that is not a regular file (of its st_mode)."""
    what = next((name for test, name in _NOT_FILES if test(mode)), "something else")
    return f"is {what}, not a plain file"


def open_regular(path: Path | str) -> BinaryIO:
    """`path` open for reading if it is a regular file, else NotAFile (an OSError, as a
    missing file is)."""
    fd, _ = _open_regular_fd(path)
    try:
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _open_regular_fd(path: Path | str) -> tuple[int, int]:
    """A descriptor open for reading on `path` and its size, if it is a regular file,
    else NotAFile. Opened without blocking and then asked what it is, on the one open
    file: a named pipe would block a plain open (and every read) forever, and a check
    made before opening could be answered by another file than the one opened."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotAFile(errno.EINVAL, not_a_file(st.st_mode))
        os.set_blocking(fd, True)
        return fd, st.st_size
    except BaseException:
        os.close(fd)
        raise


def read_bytes(path: Path, shown: Path | str | None = None) -> bytes:
    """A regular file's bytes, up to MAX_FILE_BYTES; anything else is an InvalidFile
    naming it as `shown` (default: path). Missing files included: callers ask first."""
    name = path if shown is None else shown
    try:
        fd, size = _open_regular_fd(path)
        try:
            raw = _bounded_read(fd, size)
        finally:
            os.close(fd)
    except NotAFile as exc:
        raise InvalidFile([Problem(name, str(exc.strerror))], NOT_A_FILE_HINT) from None
    except OSError as exc:
        raise InvalidFile([Problem(name, f"cannot read: {exc.strerror}")]) from None
    if len(raw) > MAX_FILE_BYTES:
        raise InvalidFile([Problem(
            name, f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; too large "
                  "for a mentorkit file")])
    return raw


def read(path: Path, shown: Path | str | None = None) -> tuple[str, Any]:
    """The file's text and parsed data; problems name the file as `shown` (default: path)."""
    name = path if shown is None else shown
    try:
        text = read_bytes(path, name).decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidFile([Problem(name, "not UTF-8 text")]) from None
    return text, parse(text, name)


