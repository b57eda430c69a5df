"""The files of cohorts (rounds of a program): past-pairs.yaml, and the next round's
folder written whole.

    past-pairs.yaml    every pair of the earlier rounds (models/past_pairs.py)
"""

from __future__ import annotations

from pathlib import Path

from mentorkit.errors import Conflict
from mentorkit.models.participant import Participant
from mentorkit.models.past_pairs import PastPairs
from mentorkit.models.program import Program
from mentorkit.store import yamlio
from mentorkit.store.folder import GITIGNORE, ProgramFolder, file_exists
from mentorkit.store.messages import TEMPLATES

PAST_PAIRS = "past-pairs.yaml"


def load_past_pairs(folder: ProgramFolder) -> PastPairs:
    """The program's past pairs; none when it is a first round (no file)."""
    path = folder.root / PAST_PAIRS
    if not file_exists(path):
        return PastPairs()
    return folder.load(path, PastPairs)


def message_templates(folder: ProgramFolder) -> dict[str, str]:
    """The program's own message wording (messages/templates/*.md), by relative path."""
    directory = folder.root / TEMPLATES
    if not directory.is_dir():
        return {}
    return {f"{TEMPLATES}/{p.name}": folder.read_text(f"{TEMPLATES}/{p.name}")
            for p in sorted(directory.glob("*.md")) if p.is_file()}


def write_next_round(
    root: Path, program: Program, old_program_text: str, people: dict[str, Participant],
    past: PastPairs, files: dict[str, str],
) -> ProgramFolder:
    """Create the next round's folder in one transaction: every file or none.

    program.yaml is staged last, so it is renamed into place last: a folder that has it
    has everything (a kill before then leaves no program, and the next command that
    takes the lock there rolls the rest back or forward). The old program.yaml's
    comments are kept beside the keys they describe."""
    root.mkdir(parents=True, exist_ok=True)
    folder = ProgramFolder(root)
    with folder.transaction() as tx:
        if folder.has_program():  # created while we waited for the lock
            raise Conflict(f"{folder.program_path} already exists; init never overwrites "
                           "a program", "Choose a new folder for the next round.")
        folder.participants_dir.mkdir(exist_ok=True)
        folder.relationships_dir.mkdir(exist_ok=True)
        if not file_exists(root / ".gitignore"):
            tx.stage_write(folder.inside(".gitignore"), GITIGNORE, private=False)
        for relative, text in files.items():
            tx.stage_write(folder.inside(relative), text, private=False)
        for person_id, person in people.items():
            folder.save_participant(person_id, person)
        if past.pairs:
            folder.save(folder.inside(PAST_PAIRS), past)
        text = yamlio.render_update(old_program_text, program.to_document())
        tx.stage_write(folder.program_path, text, private=False)
    return folder
