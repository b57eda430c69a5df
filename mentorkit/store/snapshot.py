"""The whole program in one read: program, participants, and every pair with its forms.

`load_snapshot(folder)` is the bulk loader behind `report` and `due`. It lists the files
once, takes every unchanged file from the load cache (store/cache.py, where it is
validated again like a fresh read) and parses and validates the rest, then refreshes the
cache. `load_people_and_pairs(folder)` does the same for participants and
relationship.yaml files only: what finding a person or a pair by name needs. Any invalid
file is reported (all of them at once) as InvalidFile, like the single-file loaders do.
"""

from __future__ import annotations

import contextlib
import gc
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from mentorkit.errors import InvalidFile, Problem
from mentorkit.models.base import FileModel, is_valid_id
from mentorkit.models.checkin import CheckIn
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
from mentorkit.store import cache as cache_mod
from mentorkit.store.cache import now_ns, stat_key
from mentorkit.words import plural

if TYPE_CHECKING:
    from mentorkit.store.folder import ProgramFolder

Progress = Callable[[int, int], None]  # (files done, files to parse)
MAX_PROBLEMS = 10  # in one error; `mentorkit validate` lists them all

KINDS: dict[str, type[FileModel]] = {
    m.KIND: m
    for m in (Program, Participant, Relationship, NeedsAnalysis, Goals, ActionPlan,
              SessionRecord, Evaluation, PartnershipIdeas, CheckIn)
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
    key: tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode (cache.stat_key)
    pair: str = ""  # the relationship folder it is in, if any
    name: str = ""  # the file name


def list_files(folder: ProgramFolder) -> list[Entry]:
    """Every file the snapshot reads. Stray files are left to `validate` to report.

    One pass of os.scandir: whether an entry is a link comes free with the listing
    (d_type), so only links cost a realpath, and each file costs one stat (its key)."""
    from mentorkit.store.folder import PROGRAM_FILE, RELATIONSHIPS

    root = str(folder.root)
    found = [Entry(PROGRAM_FILE, Program.KIND, stat_key(os.stat(os.path.join(root, PROGRAM_FILE))))]
    found += _participant_files(root)
    links = _Links(root)
    links.refuse([(RELATIONSHIPS, links.leaves_by_path(RELATIONSHIPS))])
    session_kind, sessions = SessionRecord.KIND, SessionRecord.FOLDER
    folders = {sessions: session_kind, CheckIn.FOLDER: CheckIn.KIND}
    append = found.append
    for pair_dir in _scandir(os.path.join(root, RELATIONSHIPS)):
        pair = pair_dir.name
        if pair.startswith(".") or not pair_dir.is_dir():
            continue
        base = f"{RELATIONSHIPS}/{pair}/"
        pair_out = links.leaves(pair_dir)
        entries = _scandir(pair_dir.path)
        checked: list[tuple[str, bool]] = []
        inner: list[tuple[os.DirEntry[str], str, list[os.DirEntry[str]]]] = []
        for entry in entries:
            out = pair_out or links.leaves(entry)
            checked.append((base + entry.name, out))
            if entry.name in folders and entry.is_dir():
                items = _scandir(entry.path)
                inner.append((entry, folders[entry.name], items))
                checked += [(f"{base}{entry.name}/{i.name}", out or links.leaves(i))
                            for i in items]
        links.refuse(checked)
        for entry in entries:
            name = entry.name
            model = PAIR_FILES.get(name)
            if model is not None:
                append(Entry(base + name, model.KIND, _file_key(entry, base + name), pair, name))
        for entry, kind, items in inner:  # sessions/, check-ins/
            folder_base = f"{base}{entry.name}/"
            for item in items:
                if item.name.endswith(".yaml"):
                    append(Entry(folder_base + item.name, kind,
                                 _file_key(item, folder_base + item.name), pair, item.name))
    return found


def _file_key(entry: os.DirEntry[str], relpath: str) -> tuple[int, int, int, int]:
    """The stat key of a file the snapshot reads. A folder or a named pipe by a form's
    name is refused, naming it: passed over, the pair's goals read as "none yet" and a
    session went uncounted (and a pipe, once opened, would never answer)."""
    from mentorkit.store.yamlio import NOT_A_FILE_HINT, not_a_file

    try:
        st = entry.stat()  # (a link inside the folder is followed, as the read would)
    except OSError as exc:  # a link to nothing
        raise InvalidFile([Problem(relpath, f"cannot read: {exc.strerror}")]) from None
    if not stat.S_ISREG(st.st_mode):
        raise InvalidFile([Problem(relpath, not_a_file(st.st_mode))], NOT_A_FILE_HINT)
    return stat_key(st)


def _participant_files(root: str) -> list[Entry]:
    from mentorkit.store.folder import PARTICIPANTS

    found: list[Entry] = []
    kind = Participant.KIND
    listed = _scandir(os.path.join(root, PARTICIPANTS))
    links = _Links(root)
    folder_out = links.leaves_by_path(PARTICIPANTS)
    links.refuse([(PARTICIPANTS, folder_out)] + [
        (f"{PARTICIPANTS}/{e.name}", folder_out or links.leaves(e)) for e in listed])
    for entry in listed:
        if entry.name.endswith(".yaml"):
            relpath = f"{PARTICIPANTS}/{entry.name}"
            found.append(Entry(relpath, kind, _file_key(entry, relpath), "", entry.name))
    return found


class _Links:
    """Links leaving the program folder, refused on read as on write (folder.load says
    the same for one file). A path leaves when it, or a folder on the way to it, is a
    link resolving outside; whether a listed entry is a link is known from the listing
    itself, so only links cost a realpath."""

    def __init__(self, root: str) -> None:
        self.root = root
        self.real_root = os.path.realpath(root) + os.sep

    def leaves(self, entry: os.DirEntry[str]) -> bool:
        return entry.is_symlink() and not (
            os.path.realpath(entry.path) + os.sep).startswith(self.real_root)

    def leaves_by_path(self, relpath: str) -> bool:
        path = os.path.join(self.root, relpath)
        return os.path.islink(path) and not (
            os.path.realpath(path) + os.sep).startswith(self.real_root)

    @staticmethod
    def refuse(checked: list[tuple[str, bool]]) -> None:
        """Every one of these that leaves the program folder, as one error."""
        from mentorkit.store.folder import LINK_OUT, LINK_OUT_HINT

        out = [Problem(rel, LINK_OUT) for rel, leaves in checked if leaves]
        if out:
            raise InvalidFile(out, LINK_OUT_HINT)


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
    gc_was_enabled = gc.isenabled()
    gc.disable()  # tens of thousands of small objects: the collector only slows this down
    try:
        started = now_ns()  # before the files are listed: rows are trusted against this
        entries = list_files(folder)
        docs, todo, problems = _load(folder, entries, started, progress, use_cache=use_cache)
        snapshot = _assemble(entries, docs, problems)
        if PARKING is not None:
            PARKING.append((snapshot, entries, docs))
    finally:
        if gc_was_enabled:
            gc.enable()
    snapshot.parsed = len(todo)
    snapshot.from_cache = len(entries) - len(todo)
    return snapshot


def _load(
    folder: ProgramFolder, entries: list[Entry], started: int, progress: Progress | None,
    *, use_cache: bool,
) -> tuple[dict[str, FileModel], list[Entry], list[Problem]]:
    """Every listed file's validated document (from the load cache where its row matches,
    else read and validated), the files that were read, and the problems found."""
    cached = cache_mod.open_cache(folder.state_dir, KINDS) if use_cache else None
    if cached is None:
        fresh, problems = _parse(folder, entries, progress)
        return fresh, entries, problems
    with cached:
        docs, todo = cached.take(entries)
        fresh, problems = _parse(folder, todo, progress)
        docs.update(fresh)
        cached.store(started, [(e, fresh[e.relpath]) for e in todo if e.relpath in fresh],
                     entries)  # invalid files stay out
    return docs, todo, problems


def load_people_and_pairs(
    folder: ProgramFolder, *, use_cache: bool = True
) -> tuple[dict[str, Participant], dict[str, Relationship], list[Problem]]:
    """Every valid participant and relationship (through the load cache), and the
    problems of the files that are not: what finding a person or a pair by name needs,
    without reading any pair's forms or sessions. Problems are returned, not raised, so
    one broken file elsewhere does not stop work on another pair."""
    from mentorkit.store.folder import RELATIONSHIPS

    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        started = now_ns()
        root = str(folder.root)
        entries = _participant_files(root)
        pair_dirs = _scandir(os.path.join(root, RELATIONSHIPS))
        links = _Links(root)
        folder_out = links.leaves_by_path(RELATIONSHIPS)
        checked = [(RELATIONSHIPS, folder_out)]
        for pair_dir in pair_dirs:
            pair_out = folder_out or links.leaves(pair_dir)
            rel = f"{RELATIONSHIPS}/{pair_dir.name}/{Relationship.FILE}"
            try:
                st = os.lstat(os.path.join(pair_dir.path, Relationship.FILE))
            except (FileNotFoundError, NotADirectoryError):
                checked.append((f"{RELATIONSHIPS}/{pair_dir.name}", pair_out))
                continue
            file_out = pair_out
            if stat.S_ISLNK(st.st_mode):
                file_out = file_out or links.leaves_by_path(rel)
                with contextlib.suppress(OSError):
                    st = os.stat(os.path.join(pair_dir.path, Relationship.FILE))
            checked += [(f"{RELATIONSHIPS}/{pair_dir.name}", pair_out), (rel, file_out)]
            if pair_dir.name.startswith(".") or not stat.S_ISREG(st.st_mode):
                continue  # as list_files: not a file, left to `validate` to name
            entries.append(Entry(rel, Relationship.KIND, stat_key(st), pair_dir.name,
                                 Relationship.FILE))
        links.refuse(checked)
        docs, _, problems = _load(folder, entries, started, None, use_cache=use_cache)
        people: dict[str, Participant] = {}
        pairs: dict[str, PairRecord] = {}
        for entry in entries:
            doc = docs.get(entry.relpath)
            if isinstance(doc, Relationship):
                _add_pair(entry, doc, pairs, problems)
            elif isinstance(doc, Participant):
                _add_person(entry, doc, people, problems)
    finally:
        if gc_was_enabled:
            gc.enable()
    relationships = {pair: files.relationship for pair, files in sorted(pairs.items())}
    return dict(sorted(people.items())), relationships, problems


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
            _add_person(entry, doc, people, problems)  # type: ignore[arg-type]
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
        if files.check_ins:
            files.check_ins.sort(key=lambda c: (c.due, c.respondent.value))
    if problems or not isinstance(program, Program):
        shown = problems[:MAX_PROBLEMS] or [Problem("program.yaml", "missing")]
        if len(problems) > MAX_PROBLEMS:
            more = len(problems) - MAX_PROBLEMS
            shown.append(Problem("...", f"and {plural(more, 'more problem')}"))
        raise InvalidFile(
            shown,
            "Fix the files named above (`mentorkit validate` lists every problem), "
            "then run the command again.",
        )
    return Snapshot(program, dict(sorted(people.items())), dict(sorted(pairs.items())))


def _add_person(
    entry: Entry, doc: Participant, people: dict[str, Participant], problems: list[Problem]
) -> None:
    """A participant under its file's name, which must be a valid id (both loaders)."""
    person_id = entry.name[: -len(".yaml")]
    if is_valid_id(person_id):
        people[person_id] = doc
    else:
        problems.append(Problem(entry.relpath, NOT_AN_ID))


def _add_pair(
    entry: Entry, doc: Relationship, pairs: dict[str, PairRecord], problems: list[Problem]
) -> None:
    wrong = folder_problem(entry.relpath, entry.pair, doc)
    if wrong is None:
        pairs[entry.pair] = PairRecord(doc)
    else:
        problems.append(wrong)
