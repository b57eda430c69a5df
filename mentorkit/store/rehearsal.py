"""Filing many answers all or nothing: rehearse on a scratch copy, then land the result.

`rehearsal(folder, pairs)` copies program.yaml and the named pairs' folders into
.mentorkit/ and yields a ProgramFolder there: the same code files every answer into the
copy, so every bad row is found (and `--dry-run` shows exactly what would happen) while
the program itself is untouched. The copy is not durable (nothing of it outlives the
command): its writes skip the journal and every fsync. `land(copy, folder, pairs)` then
makes the pairs' folders in the program what they became in the copy, as one
transaction (store/transaction.py): every file of every pair, or none, even under
`kill -9`, with one durability barrier for the whole batch.

Filing into the copy first is what lets one transaction hold a whole batch: the toolkit's
fill functions read what the previous answer wrote (the session a check-in follows, the
action plan a session added to), which a transaction's staged writes would hide until
its commit.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from mentorkit.store import atomic
from mentorkit.store.folder import REHEARSAL_PREFIX as PREFIX
from mentorkit.store.folder import ProgramFolder


@contextlib.contextmanager
def rehearsal(folder: ProgramFolder, pairs: set[str]) -> Iterator[ProgramFolder]:
    """A scratch copy of the pairs' folders; call with the folder's lock held."""
    # a copy left by a killed run holds private pair files: it goes (nobody else can be
    # rehearsing while we hold the lock)
    for stale in folder.state_dir.glob(f"{PREFIX}*"):
        shutil.rmtree(stale, ignore_errors=True)
    scratch = folder.state_dir / f"{PREFIX}{os.getpid()}"
    atomic.make_private_dirs(scratch)
    try:
        shutil.copy2(folder.program_path, scratch / folder.program_path.name)
        copy = ProgramFolder(scratch, durable=False)  # thrown away: no fsync, no journal
        for pair in sorted(pairs):
            source = folder.relationship_dir(pair)
            if source.is_dir():
                shutil.copytree(source, copy.relationship_dir(pair))
        yield copy
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def land(copy: ProgramFolder, folder: ProgramFolder, pairs: set[str]) -> int:
    """Make each pair's folder in `folder` hold what it holds in `copy`: changed and new
    files written, files gone from the copy removed, all in one transaction. Returns how
    many files change."""
    changes = 0
    with folder.transaction() as tx:
        for pair in sorted(pairs):
            source, target = copy.relationship_dir(pair), folder.relationship_dir(pair)
            after = _files(source)
            before = _files(target)
            for relative, data in after.items():
                if before.get(relative) != data:
                    tx.stage_write(folder.inside(target / relative), data.decode("utf-8"),
                                   private=True)
                    changes += 1
            for relative in sorted(before.keys() - after.keys()):
                tx.stage_remove(folder.inside(target / relative), missing_ok=True)
                changes += 1
    return changes


def _files(root: Path) -> dict[Path, bytes]:
    if not root.is_dir():
        return {}
    return {p.relative_to(root): p.read_bytes() for p in root.rglob("*") if p.is_file()}
