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
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from mentorkit.errors import InvalidFile, Problem
from mentorkit.models.base import FileModel, is_valid_id
from mentorkit.models.checkin import CheckIn
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
from mentorkit.vocab import Respondent

if TYPE_CHECKING:
    from mentorkit.store.folder import ProgramFolder

Progress = Callable[[int, int], None]  # (files done, files to parse)
MAX_PROBLEMS = 10  # in one error; `mentorkit validate` lists them all

# The files a relationship's folder may hold, by name, and their models.
FORMS: dict[str, type[FileModel]] = {
    "relationship.yaml": Relationship,
    NeedsAnalysis.FILE: NeedsAnalysis,
    Goals.FILE: Goals,
    ActionPlan.FILE: ActionPlan,
    "evaluation-mentor.yaml": Evaluation,
    "evaluation-mentee.yaml": Evaluation,
    PartnershipIdeas.FILE: PartnershipIdeas,
}
KINDS: dict[str, type[FileModel]] = {
    m.KIND: m
    for m in (Program, Participant, Relationship, NeedsAnalysis, Goals, ActionPlan,
              SessionRecord, Evaluation, PartnershipIdeas, CheckIn)
}


@dataclass
class PairFiles:
    """One relationship and the toolkit forms filled so far."""

    relationship: Relationship
    needs_analysis: NeedsAnalysis | None = None
    goals: Goals | None = None
    action_plan: ActionPlan | None = None
    evaluations: dict[Respondent, Evaluation] = field(default_factory=dict)
    partnership: PartnershipIdeas | None = None
    sessions: list[tuple[str, SessionRecord]] = field(default_factory=list)  # date order
    check_ins: list[CheckIn] = field(default_factory=list)  # file-name order: by due date


@dataclass
class Snapshot:
    program: Program
    participants: dict[str, Participant]
    pairs: dict[str, PairFiles]
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
    folders = {sessions: session_kind, CheckIn.FOLDER: CheckIn.KIND}
    for pair_dir in _scandir(os.path.join(root, RELATIONSHIPS)):
        pair = pair_dir.name
        if pair.startswith(".") or not pair_dir.is_dir():
            continue
        base = f"{RELATIONSHIPS}/{pair}/"
        for entry in _scandir(pair_dir.path):
            name = entry.name
            model = FORMS.get(name)
            if model is not None and entry.is_file():
                st = entry.stat()
                found.append(Entry(base + name, model.KIND,
                                   (st.st_size, st.st_mtime_ns, st.st_ino), pair, name))
            elif name in folders and entry.is_dir():  # sessions/, check-ins/
                folder_base, kind = f"{base}{name}/", folders[name]
                for item in _scandir(entry.path):
                    if item.name.endswith(".yaml") and item.is_file():
                        st = item.stat()
                        found.append(Entry(folder_base + item.name, kind,
                                           (st.st_size, st.st_mtime_ns, st.st_ino), pair,
                                           item.name))
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
    pairs: dict[str, PairFiles] = {}
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
                problems.append(Problem(entry.relpath, "the name is not a valid id "
                                        "(lower-case letters, digits, hyphens)"))
        elif entry.kind == Relationship.KIND:
            _add_pair(entry, doc, pairs, problems)  # type: ignore[arg-type]
        else:
            forms.append((entry, doc))
    for entry, doc in forms:
        files = pairs.get(entry.pair)
        if files is None:
            continue  # a folder without a valid relationship.yaml: reported above or by validate
        if entry.kind == SessionRecord.KIND:
            files.sessions.append((entry.name[: -len(".yaml")], doc))  # type: ignore[arg-type]
        elif isinstance(doc, Evaluation):
            expected = entry.name[len("evaluation-"): -len(".yaml")]
            if doc.respondent.value != expected:
                problems.append(Problem(entry.relpath, f"respondent is {doc.respondent.value!r} "
                                        f"but the file is for the {expected}",
                                        field="respondent"))
            else:
                files.evaluations[doc.respondent] = doc
        elif isinstance(doc, CheckIn):
            files.check_ins.append(doc)
        elif isinstance(doc, NeedsAnalysis):
            files.needs_analysis = doc
        elif isinstance(doc, Goals):
            files.goals = doc
        elif isinstance(doc, ActionPlan):
            files.action_plan = doc
        elif isinstance(doc, PartnershipIdeas):
            files.partnership = doc
    for files in pairs.values():
        if len(files.sessions) > 1:
            files.sessions.sort(key=_session_order)
        files.check_ins.sort(key=lambda c: (c.due, c.respondent.value))
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
    entry: Entry, doc: Relationship, pairs: dict[str, PairFiles], problems: list[Problem]
) -> None:
    mentor, sep, mentee = entry.pair.partition("--")
    if not (sep and is_valid_id(mentor) and is_valid_id(mentee)):
        problems.append(Problem(entry.relpath, "the folder name is not a pair id (mentor--mentee)"))
    elif doc.id != entry.pair:
        problems.append(Problem(entry.relpath, f"names {doc.id!r} but its folder is "
                                f"{entry.pair!r}", field="mentor", line=1))
    else:
        pairs[entry.pair] = PairFiles(doc)


def _session_order(item: tuple[str, SessionRecord]) -> tuple[str, int]:
    """<date>.yaml, then <date>-2.yaml, <date>-3.yaml ... (as ProgramFolder.session_paths)."""
    stem = item[0]
    suffix = stem[11:]
    return (stem[:10], int(suffix) if stem[10:11] == "-" and suffix.isdigit() else 1)
