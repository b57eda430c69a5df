"""Files mentorkit makes for people outside the program folder: reports, calendars.

The path comes from the command line (never from a program file), so it may be anywhere
the user chooses; it is still written atomically.
"""

from __future__ import annotations

from pathlib import Path

from mentorkit.errors import InvalidInput
from mentorkit.store import atomic


def write_export(path: Path, content: str, *, private: bool = False) -> Path:
    """Write an export; `private` ones (holding a pair's private notes) are owner-only."""
    target = path.expanduser()
    if target.is_dir():
        raise InvalidInput(f"{path} is a folder", "Give a file name, e.g. --out report.html")
    if not target.parent.is_dir():
        raise InvalidInput(f"{target.parent}: no such folder", "Create it first, or pick another.")
    atomic.replace_file(target, content, mode=0o600 if private else None)
    return target
