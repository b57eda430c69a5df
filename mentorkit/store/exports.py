"""Files mentorkit makes for people outside the program folder: reports, calendars.

The path comes from the command line (never from a program file), so it may be anywhere
the user chooses; it is still written atomically.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mentorkit.errors import Conflict, InvalidInput
from mentorkit.store import atomic


def write_export(path: Path, content: str | bytes, *, private: bool = False) -> Path:
    """Write an export; `private` ones (holding a pair's private notes) are owner-only."""
    target = path.expanduser()
    if target.is_dir():
        raise InvalidInput(f"{path} is a folder", "Give a file name, e.g. --out report.html")
    if not target.parent.is_dir():
        raise InvalidInput(f"{target.parent}: no such folder", "Create it first, or pick another.")
    atomic.replace_file(target, content, mode=0o600 if private else None)
    return target


def write_new(dest: Path, filename: str, content: str, *, command: str) -> Path:
    """Write a new file at `dest` (or `dest`/`filename` when it is a folder); never
    overwrites what is there. `command` names who refuses, in the error."""
    target = dest.expanduser()
    if target.is_dir():
        target = target / filename
    if target.exists():
        raise Conflict(
            f"{target} already exists; {command} never overwrites",
            "Give another destination, or move that file away first.",
        )
    atomic.write_text(target, content)
    return target


def write_new_workbook(path: Path, book: Any, *, command: str) -> Path:
    """Save an openpyxl workbook as a new file, atomically (a half-written .xlsx cannot be
    opened); never overwrites, since a pair's workbook holds what they typed into it."""
    import io

    target = path.expanduser()
    if target.is_dir():
        raise InvalidInput(f"{path} is a folder", "Give a file name, e.g. --out pair.xlsx")
    if not target.parent.is_dir():
        raise InvalidInput(f"{target.parent}: no such folder", "Create it first, or pick another.")
    if target.exists():
        raise Conflict(
            f"{target} already exists; {command} never overwrites",
            "Give another file name, or move that file away first.",
        )
    data = io.BytesIO()
    book.save(data)
    atomic.write_bytes(target, data.getvalue())
    return target
