"""The HR roster in the program's private area: private/roster.yaml.

Why a folder of its own, and not .mentorkit/ or the program's files:
- .mentorkit/ holds the lock and caches, which anyone may delete to clear them; the
  roster is data the coordinator imported and must survive that;
- beside program.yaml and participants/, it would be committed and shared with the
  program folder, yet most of its rows are colleagues who never took part.
So private/ is owner-only (folder 0700, file 0600), and an import adds it to the program's
.gitignore (in the same all-or-nothing write) so a `git add .` cannot publish it.
"""

from __future__ import annotations

from pathlib import Path

from mentorkit.errors import InvalidFile, Problem
from mentorkit.models.outcomes import Roster
from mentorkit.store import yamlio
from mentorkit.store.folder import ProgramFolder

PRIVATE = "private"
ROSTER_FILE = f"{PRIVATE}/roster.yaml"
IGNORE_LINE = f"{PRIVATE}/"
IGNORE_BLOCK = (f"# HR data and other private imports: owner-only, never commit\n"
                f"{IGNORE_LINE}\n")


def roster_path(folder: ProgramFolder) -> Path:
    return folder.root / ROSTER_FILE


def load_roster(folder: ProgramFolder) -> Roster | None:
    """The roster last imported, or None when there is none."""
    path = roster_path(folder)
    if not path.exists():
        return None
    return folder.load(path, Roster)


def save_roster(folder: ProgramFolder, roster: Roster) -> None:
    """Replace the roster whole, owner-only, and make sure git ignores private/: both
    files land together or neither does (store/transaction.py)."""
    text = yamlio.dump(roster.to_document())
    if len(text.encode("utf-8")) > yamlio.MAX_FILE_BYTES:
        raise InvalidFile([Problem(roster.source or ROSTER_FILE, f"{len(roster.rows)} rows "
                                   "are more than mentorkit keeps in one roster file")],
                          "Export only the staff hired in the years the program covers.")
    with folder.transaction() as tx:
        # staged as fresh text: a roster is replaced, never merged with the last one
        tx.stage_write(folder.inside(ROSTER_FILE), text, private=True)
        gitignore = folder.root / ".gitignore"
        old = gitignore.read_text(encoding="utf-8") if gitignore.is_file() else ""
        if IGNORE_LINE not in old.splitlines():
            joined = old if not old or old.endswith("\n") else old + "\n"
            tx.stage_write(gitignore, joined + IGNORE_BLOCK, private=False)

