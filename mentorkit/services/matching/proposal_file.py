"""Where `match` writes its proposal, and putting back a replayed one.

Apart from propose.py so that a replayed `match` (services/replay.py) imports neither
numpy nor scipy: only this, to check where the proposal goes and to write it again.
"""

from __future__ import annotations

import re
from pathlib import Path

from mentorkit.errors import Conflict, InvalidInput, MentorkitError
from mentorkit.store.folder import ProgramFolder, file_exists

PROPOSAL_FILE = "proposal.yaml"


def proposal_path(folder: ProgramFolder, given: Path | None = None) -> Path:
    """Where the proposal goes: proposal.yaml in the program folder, or `given` (which
    must be inside the folder, so the store can write it). Never over the program's own
    records, nor over a file that is not a proposal (refused_output)."""
    if given is None:
        path = folder.root / PROPOSAL_FILE
    else:
        path = (given if given.is_absolute() else Path.cwd() / given).resolve()
        if not path.is_relative_to(folder.root):
            raise InvalidInput(f"{given}: must be inside the program folder {folder.root}")
    refusal = refused_output(folder, path)
    if refusal is not None:
        raise Conflict(f"{given or path}: {refusal}",
                       "Give another file with --out, e.g. --out proposal-2.yaml.")
    return path


def refused_output(folder: ProgramFolder, path: Path) -> str | None:
    """Why a proposal may not be written at `path` (inside the folder), or None.

    `match --out program.yaml` used to replace the program's settings with the proposal.
    The program's own files and folders are refused outright (a proposal there would
    overwrite a record or be read as one), and any other file that exists must itself be
    a proposal (it says `kind: proposal` near its top), so no other file is lost."""
    from mentorkit.store.cohorts import PAST_PAIRS
    from mentorkit.store.events import FOLDER as EVENTS
    from mentorkit.store.location import PARTICIPANTS, PROGRAM_FILE, RELATIONSHIPS, STATE
    from mentorkit.store.messages import MESSAGES
    from mentorkit.store.roster import PRIVATE

    parts = path.relative_to(folder.root).parts
    if not parts:
        return "is the program folder itself, not a file"
    if parts[0] in {PARTICIPANTS, RELATIONSHIPS, STATE, EVENTS, MESSAGES, PRIVATE} or (
            len(parts) == 1 and parts[0] in {PROGRAM_FILE, PAST_PAIRS}):
        return ("is where the program keeps its own records: a proposal there would "
                "overwrite one or be read as one")
    if file_exists(path) and not _is_proposal(folder, path):
        return "exists and is not a proposal: mentorkit will not overwrite it"
    return None


def _is_proposal(folder: ProgramFolder, path: Path) -> bool:
    head = folder.head(folder.relative(path))
    return re.search(r"(?m)^kind:[ \t]*['\"]?proposal['\"]?[ \t]*(#.*)?\r?$", head) is not None


def put_back(folder: ProgramFolder, files: dict[str, str]) -> None:
    """Write again each proposal (relative path -> text) of a replayed `match` that has
    been changed or removed since it was written; one left as written is not touched."""
    changed = {}
    for relative, text in files.items():
        try:
            same = folder.read_text(relative) == text
        except MentorkitError:  # gone, or unreadable: written again
            same = False
        if not same:
            changed[relative] = text
    if changed:
        folder.write_support_files(changed)
