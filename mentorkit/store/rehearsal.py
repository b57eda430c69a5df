"""Filing many answers all or nothing: rehearse on a scratch copy, then guard the real run.

`rehearsal(folder, pairs)` copies program.yaml and the named pairs' folders into
.mentorkit/ and yields a ProgramFolder there: the same code files every answer into the
copy, so every bad row is found (and `--dry-run` shows exactly what would happen) while
the program itself is untouched. `restoring(folder, pairs)` guards the real run: what the
pairs' folders held before is put back if the run fails part way.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from mentorkit.store import atomic
from mentorkit.store.folder import ProgramFolder


@contextlib.contextmanager
def rehearsal(folder: ProgramFolder, pairs: set[str]) -> Iterator[ProgramFolder]:
    scratch = folder.state_dir / f"rehearsal-{os.getpid()}"
    shutil.rmtree(scratch, ignore_errors=True)
    atomic.make_private_dirs(scratch)
    try:
        shutil.copy2(folder.program_path, scratch / folder.program_path.name)
        copy = ProgramFolder(scratch)
        for pair in sorted(pairs):
            source = folder.relationship_dir(pair)
            if source.is_dir():
                shutil.copytree(source, copy.relationship_dir(pair))
        yield copy
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


@contextlib.contextmanager
def restoring(folder: ProgramFolder, pairs: set[str]) -> Iterator[None]:
    """Hold the lock; on an exception, put the pairs' folders back as they were."""
    with folder.locked():
        before: dict[Path, bytes] = {}
        for pair in pairs:
            root = folder.relationship_dir(pair)
            if root.is_dir():
                before.update({p: p.read_bytes() for p in root.rglob("*") if p.is_file()})
        try:
            yield
        except BaseException:
            for pair in pairs:
                root = folder.relationship_dir(pair)
                if root.is_dir():
                    for path in root.rglob("*"):
                        if path.is_file() and path not in before:
                            path.unlink()
            for path, data in before.items():
                if not path.is_file() or path.read_bytes() != data:
                    atomic.write_bytes(path, data)
                    os.chmod(path, 0o600)
            raise
