"""The whole program in one read: program, participants, and every pair with its forms.

`load_snapshot(folder)` is the bulk loader behind `report` and `due`. It lists the files
once, takes every unchanged file from the load cache (store/cache.py) and parses and
validates the rest, then refreshes the cache. Any invalid file is reported (all of them
at once) as InvalidFile, like the single-file loaders do.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from mentorkit.errors import InvalidFile, Problem
from mentorkit.models.base import FileModel, is_valid_id
from mentorkit.models.pair import NOT_AN_ID, PAIR_FILES, PairRecord, folder_problem
from mentorkit.models.participant import Participant
from mentorkit.models.program import Program
from mentorkit.models.relationship import Relationship
from mentorkit.models.toolkit import (
    ActionPlan,
    Evaluation,
    Goals,
    NeedsAnalysis,
    PartnershipIdeas,
    SessionRecord,
)

if TYPE_CHECKING:
    from mentorkit.store.folder import ProgramFolder

Progress = Callable[[int, int], None]  # (files done, files to parse)
MAX_PROBLEMS = 10  # in one error; `mentorkit validate` lists them all

KINDS: dict[str, type[FileModel]] = {
    m.KIND: m
    for m in (Program, Participant, Relationship, NeedsAnalysis, Goals, ActionPlan,
              SessionRecord, Evaluation, PartnershipIdeas)
}


@dataclass
class Snapshot:
    program: Program
    participants: dict[str, Participant]
    pairs: dict[str, PairRecord]
    from_cache: int = 0  # files taken from the cache
    parsed: int = 0  # files read and validated in this run

    @property
    def relationships(self) -> dict[str, Relationship]:
        return {pair: files.relationship for pair, files in self.pairs.items()}


class Entry(NamedTuple):
    """A file found on disk: where it is, what it should hold, and its stat key."""

    relpath: str
    kind: str
    key: tuple[int, int, int]  # size, mtime_ns, inode
    pair: str = ""  # the relationship folder it is in, if any
    name: str = ""  # the file name


def list_files(folder: ProgramFolder) -> list[Entry]:
    """Every file the snapshot reads. Stray files are left to `validate` to report."""
    from mentorkit.store.folder import PARTICIPANTS, PROGRAM_FILE, RELATIONSHIPS

    root = str(folder.root)
    st = os.stat(os.path.join(root, PROGRAM_FILE))
    found = [Entry(PROGRAM_FILE, Program.KIND, (st.st_size, st.st_mtime_ns, st.st_ino))]
    kind = Participant.KIND
    for entry in _scandir(os.path.join(root, PARTICIPANTS)):
        if entry.name.endswith(".yaml") and not entry.is_file():
            # not data we could read, but not something to pass over in silence either
            raise InvalidFile([Problem(f"{PARTICIPANTS}/{entry.name}",
                                       "is not a file; a participant is one YAML file")])
        if entry.name.endswith(".yaml"):
            st = entry.stat()
            found.append(Entry(f"{PARTICIPANTS}/{entry.name}", kind,
                               (st.st_size, st.st_mtime_ns, st.st_ino), "", entry.name))
    session_kind, sessions = SessionRecord.KIND, SessionRecord.FOLDER
    for pair_dir in _scandir(os.path.join(root, RELATIONSHIPS)):
        pair = pair_dir.name
        if pair.startswith(".") or not pair_dir.is_dir():
            continue
        base = f"{RELATIONSHIPS}/{pair}/"
        for entry in _scandir(pair_dir.path):
            name = entry.name
            model = PAIR_FILES.get(name)
            if model is not None and entry.is_file():
                st = entry.stat()
                found.append(Entry(base + name, model.KIND,
                                   (st.st_size, st.st_mtime_ns, st.st_ino), pair, name))
            elif name == sessions and entry.is_dir():
                folder_base = f"{base}{sessions}/"
                for session in _scandir(entry.path):
                    if session.name.endswith(".yaml") and session.is_file():
                        st = session.stat()
                        found.append(Entry(folder_base + session.name, session_kind,
                                           (st.st_size, st.st_mtime_ns, st.st_ino), pair,
                                           session.name))
    return found


def _scandir(path: str) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(path) as it:
            return list(it)
    except (FileNotFoundError, NotADirectoryError):
        return []


# A short-lived command may set this to a list that it never frees (see bulk_load below):
# each load then parks what it built there, so CPython does not spend a tenth of a second
# freeing a large program object by object as the command ends.
PARKING: list[Any] | None = None


@contextlib.contextmanager
def bulk_load() -> Iterator[None]:
    """Pause the cycle collector while a whole program is loaded and summarised.

    Hundreds of thousands of objects are made that live until the command ends; the
    collector would scan them again and again (about a second on a large program).
    They are frozen afterwards so no later collection (or the one at exit) rescans them,
    and parked in a list that refers to itself, so they are left to the operating system
    at exit rather than freed one by one.
    """
    global PARKING
    parked: list[Any] = []
    parked.append(parked)
    enabled = gc.isenabled()
    gc.disable()
    PARKING = parked
    try:
        yield
    finally:
        PARKING = None
        gc.freeze()
        if enabled:
            gc.enable()


def load_snapshot(
    folder: ProgramFolder, progress: Progress | None = None, *, use_cache: bool = True
) -> Snapshot:
    from mentorkit.store import cache as cache_mod

    started = cache_mod.now_ns()
    gc_was_enabled = gc.isenabled()
    gc.disable()  # tens of thousands of small objects: the collector only slows this down
    try:
        entries = list_files(folder)
        cached = cache_mod.read(folder) if use_cache else None
        if cached is not None:
            docs, hits, todo = cached.take(entries, KINDS)
        else:
            docs, hits, todo = {}, [], entries
        fresh, problems = _parse(folder, todo, progress)
        docs.update(fresh)
        stale = cached is None or len(cached.entries) != len(hits)
        if use_cache and (todo or stale):
            plain = cached.plain(hits) if cached is not None else []
            plain += [(e, cache_mod.to_plain(fresh[e.relpath]))
                      for e in todo if e.relpath in fresh]  # invalid files stay out
            cache_mod.write(folder, started, plain)
        snapshot = _assemble(entries, docs, problems)
        if PARKING is not None:
            PARKING.append((snapshot, cached, entries, docs))
    finally:
        if gc_was_enabled:
            gc.enable()
    snapshot.parsed = len(todo)
    snapshot.from_cache = len(entries) - len(todo)
    return snapshot


def _parse(
    folder: ProgramFolder, todo: list[Entry], progress: Progress | None
) -> tuple[dict[str, FileModel], list[Problem]]:
    from mentorkit.store import yamlio
    from mentorkit.store.folder import validate

    docs: dict[str, FileModel] = {}
    problems: list[Problem] = []
    for done, entry in enumerate(todo, 1):
        try:
            text, data = yamlio.read(folder.root / entry.relpath, shown=entry.relpath)
            docs[entry.relpath] = validate(data, KINDS[entry.kind], path=entry.relpath, text=text)
        except InvalidFile as exc:
            problems.extend(exc.problems)
        if progress is not None and (done % 250 == 0 or done == len(todo)):
            progress(done, len(todo))
    return docs, problems


def _assemble(
    entries: list[Entry], docs: dict[str, FileModel], problems: list[Problem]
) -> Snapshot:
    program = docs.get("program.yaml")
    people: dict[str, Participant] = {}
    pairs: dict[str, PairRecord] = {}
    forms: list[tuple[Entry, FileModel]] = []
    for entry in entries:
        doc = docs.get(entry.relpath)
        if doc is None or entry.kind == Program.KIND:
            continue
        if entry.kind == Participant.KIND:
            person_id = entry.name[: -len(".yaml")]
            if is_valid_id(person_id):
                people[person_id] = doc  # type: ignore[assignment]
            else:
                problems.append(Problem(entry.relpath, NOT_AN_ID))
        elif entry.kind == Relationship.KIND:
            _add_pair(entry, doc, pairs, problems)  # type: ignore[arg-type]
        else:
            forms.append((entry, doc))
    for entry, doc in forms:
        files = pairs.get(entry.pair)
        if files is None:
            continue  # a folder without a valid relationship.yaml: reported above or by validate
        misfiled = files.add(entry.relpath, doc)
        if misfiled is not None:
            problems.append(misfiled)
    for files in pairs.values():
        if len(files.sessions) > 1:
            files.sort_sessions()
    if problems or not isinstance(program, Program):
        shown = problems[:MAX_PROBLEMS] or [Problem("program.yaml", "missing")]
        if len(problems) > MAX_PROBLEMS:
            shown.append(Problem("...", f"and {len(problems) - MAX_PROBLEMS} more problems"))
        raise InvalidFile(
            shown,
            "Fix the files named above (`mentorkit validate` lists every problem), "
            "then run the command again.",
        )
    return Snapshot(program, dict(sorted(people.items())), dict(sorted(pairs.items())))


def _add_pair(
    entry: Entry, doc: Relationship, pairs: dict[str, PairRecord], problems: list[Problem]
) -> None:
    wrong = folder_problem(entry.relpath, entry.pair, doc)
    if wrong is None:
        pairs[entry.pair] = PairRecord(doc)
    else:
        problems.append(wrong)
