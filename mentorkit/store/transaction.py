"""All-or-nothing writes of several files, even under `kill -9` or a power cut.

Use it for every command that writes more than one file:

    with folder.transaction() as tx:
        tx.save(folder.participant_path(pid), person)        # or folder.save_participant(...)
        tx.remove(folder.root / "proposal.yaml")

Inside the block, `folder.save(...)`, `folder.save_participant(...)`,
`folder.save_relationship(...)`, `folder.save_form(...)` and `folder.remove(...)` join the
open transaction too, so a service only swaps `folder.locked()` for `folder.transaction()`.
Nothing is on disk until the block ends without an exception; an exception drops every
staged change. Reads inside the block see the files as they were before it, except that a
save builds on what the block already staged for the same file (`current_text`); code
that must read back what it wrote (collect's fill functions) files into a scratch copy
first and lands the result as one transaction (store/rehearsal.py). A transaction opened
inside another one joins it (one commit at the end of the outermost).

The commit, under the folder's lock:

1. `.mentorkit/journal.json` is written with state "staging", listing every target (so a
   kill at any later moment leaves nothing that the next command cannot find);
2. each new file is written beside its target as `.<name>.<txid>.tmp`;
3. one durability barrier for the whole batch (syncfs on Linux; fsync of each file for
   a few files) — not one fsync per file, which is what made bulk writes slow;
4. the journal is atomically replaced by its "commit" state: the point of no return;
5. every temporary file is renamed over its target and every removal done (with the
   folders the removals emptied, such as an unpaired pair's);
6. a second barrier, then the journal is deleted.

A scratch copy (`ProgramFolder(..., durable=False)`, store/rehearsal.py) skips all of
this: its changes are written in place when the block ends, without a journal or a
barrier, as nothing of it outlives the command.

Recovery (`recover`) runs whenever a command takes the lock and finds a journal: a
"commit" journal is rolled forward (the remaining renames and removals are redone: each
step is idempotent), anything else is rolled back (the listed temporary files are
deleted). Either way the folder is whole again: every file of the batch, or none.
Paths in a journal are checked to stay inside the program folder before anything is done,
so a forged journal cannot reach outside it.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mentorkit.errors import InvalidFile, Problem
from mentorkit.store import atomic, yamlio

if TYPE_CHECKING:
    from mentorkit.models.base import FileModel
    from mentorkit.store.folder import ProgramFolder

JOURNAL = "journal.json"
TMP_SUFFIX = ".tmp"
# Up to this many files, fsync each one: cheaper than syncing the whole filesystem.
FSYNC_EACH_UP_TO = 8


@dataclass
class _Write:
    target: Path
    text: str
    private: bool


@dataclass
class Transaction:
    """Staged changes to the program folder; see the module docstring."""

    folder: ProgramFolder
    txid: str = field(default_factory=lambda: secrets.token_hex(6))
    writes: dict[Path, _Write] = field(default_factory=dict)
    removes: dict[Path, bool] = field(default_factory=dict)  # path -> missing_ok
    # folders the removals empty (a pair's), to go with them: in the journal, so that a
    # kill part-way does not leave an empty pair folder that `validate` reports
    emptied: list[Path] = field(default_factory=list)

    def save(
        self, path: Path, document: FileModel, *, private: bool = False, text: str | None = None
    ) -> None:
        """Stage `document` for `path` (see ProgramFolder.save for `text`)."""
        self.folder.save(path, document, private=private, text=text)

    def remove(self, path: Path, *, missing_ok: bool = False) -> None:
        """Stage the removal of `path` (a file inside the program folder)."""
        self.folder.remove(path, missing_ok=missing_ok)

    # -- used by ProgramFolder while this transaction is open ------------------------
    def current_text(self, target: Path) -> str | None:
        """`target`'s text as this transaction leaves it so far (None: no such file), so
        a save after a save or a removal of the same file builds on it."""
        if target in self.writes:
            return self.writes[target].text
        if target in self.removes or not os.path.lexists(target):
            return None
        # (refused, not read, when it is not a regular file: a named pipe never answers)
        return yamlio.read_bytes(target, self.folder.relative(target)).decode("utf-8")

    def stage_write(self, target: Path, text: str, *, private: bool) -> None:
        self.removes.pop(target, None)
        self.writes[target] = _Write(target, text, private)

    def stage_remove(self, target: Path, *, missing_ok: bool) -> None:
        self.writes.pop(target, None)
        if not missing_ok and not target.is_file():
            raise FileNotFoundError(2, "No such file", str(target))
        self.removes[target] = missing_ok

    def stage_remove_folder(self, target: Path) -> None:
        """Stage the removal of a folder that the staged removals leave empty (what is
        still in it stays, and so does the folder)."""
        self.emptied.append(target)

    def commit(self) -> None:
        if not self.writes and not self.removes:
            return
        if not self.folder.durable:
            self._write_through()
            return
        root = self.folder.root
        journal = self.folder.state_dir / JOURNAL
        targets = list(self.writes)
        removes, emptied = list(self.removes), self.emptied
        _write_journal(journal, root, self.txid, "staging", targets, removes, emptied)
        written: list[Path] = []
        made: set[Path] = set()  # folders known to exist: one mkdir a folder, not a file
        try:
            for item in self.writes.values():
                tmp = temp_path(item.target, self.txid)
                parent = item.target.parent
                if item.private:
                    atomic.make_private_dirs(parent)
                elif parent not in made:
                    parent.mkdir(parents=True, exist_ok=True)
                    made.add(parent)
                written.append(tmp)
                try:
                    atomic.write_new(tmp, item.text, mode=0o600 if item.private else None)
                except OSError as exc:  # name the file the user knows, not the temporary
                    raise OSError(exc.errno, exc.strerror, str(item.target)) from None
            barrier(written, root)
            _write_journal(journal, root, self.txid, "commit", targets, removes, emptied)
        except BaseException:
            for tmp in written:
                with contextlib.suppress(OSError):
                    tmp.unlink()
            _remove_empty_parents(targets, root)
            with contextlib.suppress(OSError):
                journal.unlink()
            raise
        # every temporary file was just written: rename without looking (recovery looks)
        for tmp, target in zip(written, targets, strict=True):
            os.replace(tmp, target)
        _roll_forward(self.txid, [], removes, emptied)
        barrier(sorted({t.parent for t in targets} | {r.parent for r in removes + emptied}),
                root)
        journal.unlink()
        tighten_pairs(self.folder, [w.target for w in self.writes.values() if w.private])


    def _write_through(self) -> None:
        """A scratch copy (store/rehearsal.py) is thrown away once read: its files are
        written in place, with no journal and no barrier (rehearsing a 500-row export
        paid about eight fsyncs a row, and a --dry-run wrote nothing that lasts anyway)."""
        for item in self.writes.values():
            if item.private:
                atomic.make_private_dirs(item.target.parent)
            else:
                item.target.parent.mkdir(parents=True, exist_ok=True)
            atomic.write_scratch(item.target, item.text, mode=0o600 if item.private else None)
        for path in self.removes:
            path.unlink(missing_ok=True)


def _remove_empty_parents(targets: list[Path], root: Path) -> None:
    """Undo the folders a rolled-back change made for its files (a new pair's folder, its
    sessions/): only empty ones, never the program's own top-level folders."""
    for target in targets:
        for parent in target.parents:
            if parent == root or parent.parent == root or root not in parent.parents:
                break
            try:
                parent.rmdir()  # only an empty folder goes
            except OSError:
                break


def temp_path(target: Path, txid: str) -> Path:
    # string work, not Path.with_name: this runs for every file of a 5,000-row import
    head, name = os.path.split(target)
    return Path(f"{head}/.{name}.{txid}{TMP_SUFFIX}")


def is_temp_name(name: str) -> bool:
    """Whether a file name is one of mentorkit's temporary files (an interrupted write)."""
    return name.startswith(".") and name.endswith(TMP_SUFFIX)


def _write_journal(
    journal: Path, root: Path, txid: str, state: str, writes: list[Path], removes: list[Path],
    emptied: list[Path],
) -> None:
    doc = {
        "txid": txid,
        "state": state,
        "writes": _relative(writes, root),
        "removes": _relative(removes, root),
        "emptied": _relative(emptied, root),
    }
    journal.parent.mkdir(exist_ok=True)
    atomic.replace_file(journal, json.dumps(doc), mode=0o600)


def _relative(paths: list[Path], root: Path) -> list[str]:
    """Paths inside `root` as relative text (string slicing: thousands at a time)."""
    prefix = f"{root}{os.sep}"
    out = []
    for path in paths:
        text = str(path)
        if not text.startswith(prefix):
            raise ValueError(f"{path} is not inside {root}")
        out.append(text[len(prefix):])
    return out


def _roll_forward(txid: str, writes: list[Path], removes: list[Path],
                  emptied: list[Path]) -> None:
    for target in writes:
        tmp = temp_path(target, txid)
        if tmp.exists():  # else renamed before the kill
            os.replace(tmp, target)
    for path in removes:
        with contextlib.suppress(OSError):  # gone already, or not ours to remove after all
            path.unlink()
    for folder in emptied:
        _remove_empty_tree(folder)


def _remove_empty_tree(folder: Path) -> None:
    """`folder` and the folders in it, deepest first, each only when empty (a file, or a
    link, keeps it and every folder above it)."""
    for dirpath, _, _ in os.walk(folder, topdown=False):  # (links are not walked into)
        with contextlib.suppress(OSError):
            os.rmdir(dirpath)


def recover(folder: ProgramFolder) -> str | None:
    """Finish or undo a transaction that was interrupted; call with the lock held.

    Returns what was done ("rolled forward", "rolled back") or None when there was no
    journal."""
    journal = folder.state_dir / JOURNAL
    try:
        raw = journal.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    where = f"{folder.relative(journal)}"
    try:
        doc = json.loads(raw)
        txid = str(doc["txid"])
        state = doc["state"]
        writes = [folder.inside(p) for p in doc["writes"]]
        removes = [folder.inside(p) for p in doc["removes"]]
        emptied = [folder.inside(p) for p in doc.get("emptied", [])]  # (older journals)
        if not txid.isalnum() or any(folder.state_dir in p.parents or p == folder.root
                                     for p in writes + removes + emptied):
            raise ValueError("names a file mentorkit does not write")
    except (ValueError, KeyError, TypeError) as exc:
        raise InvalidFile(
            [Problem(where, f"an interrupted change cannot be finished: {exc}")],
            "Restore the program folder from git or a backup, then delete that file.",
        ) from None
    except Exception as exc:  # e.g. a path leaving the program folder
        raise InvalidFile([Problem(where, f"refused: {exc}")],
                          "Delete that file: mentorkit did not write it.") from None
    if state == "commit":
        _roll_forward(txid, writes, removes, emptied)
        barrier(sorted({p.parent for p in writes + removes + emptied}), folder.root)
        done = "rolled forward"
    else:
        for target in writes:
            with contextlib.suppress(FileNotFoundError):
                temp_path(target, txid).unlink()
        _remove_empty_parents(writes, folder.root)
        done = "rolled back"
    journal.unlink()
    return done


def barrier(paths: list[Path], root: Path) -> None:
    """Make every file (or folder entry) in `paths` durable: fsync each when they are few,
    else one syncfs of the whole filesystem (Linux), else os.sync()."""
    if len(paths) <= FSYNC_EACH_UP_TO:
        for path in paths:
            atomic.fsync_path(path)
        for parent in sorted({p.parent for p in paths}):
            atomic.fsync_path(parent)
        return
    if not _syncfs(root):
        os.sync()


def _syncfs(root: Path) -> bool:
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        syncfs = libc.syncfs
    except (OSError, AttributeError):
        return False
    fd = os.open(root, os.O_RDONLY)
    try:
        return bool(syncfs(fd) == 0)
    finally:
        os.close(fd)


def tighten_pairs(folder: ProgramFolder, private_targets: list[Path]) -> None:
    """Make the relationship folders written to owner-only, with every file in them
    (a program cloned from git arrives with 0644/0755)."""
    rel = folder.relationships_dir
    pairs = {t.relative_to(rel).parts[0] for t in private_targets if rel in t.parents}
    for pair in sorted(pairs):
        atomic.make_private_tree(rel / pair)


def orphan_temp_files(folder: ProgramFolder) -> list[Path]:
    """Temporary files left by an interrupted write anywhere in the program folder."""
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder.root):
        # .git is not ours; .mentorkit/ holds the cache, which readers write without the lock
        dirnames[:] = [d for d in dirnames if d not in (".git", ".mentorkit")]
        found.extend(Path(dirpath) / n for n in filenames if is_temp_name(n))
    return sorted(found)
