"""The program folder: the only code that touches the disk.

    program.yaml, participants/<id>.yaml, relationships/<pair>/..., .mentorkit/ (lock, caches)

Reads validate every file; writes are atomic and happen under the folder's lock.

One job, the folder's files one at a time, which is why it runs past 400 lines: one pair
read whole is store/pairs.py, the whole program at once store/snapshot.py.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import ValidationError

from mentorkit.errors import Conflict, InvalidFile, Locked, MentorkitError, NotFound, Problem
from mentorkit.models.base import FileModel, is_valid_id
from mentorkit.models.pair import NOT_AN_ID, folder_problem, session_order
from mentorkit.models.participant import Participant
from mentorkit.models.program import Program
from mentorkit.models.relationship import Relationship
from mentorkit.store import atomic, problems, upgrade, yamlio
from mentorkit.store.location import (  # noqa: F401  (the folder's names, used from here)
    ENV_VAR,
    PARTICIPANTS,
    PROGRAM_FILE,
    REHEARSAL_PREFIX,
    RELATIONSHIPS,
    STATE,
    locate,
)

if TYPE_CHECKING:

    from mentorkit.store.transaction import Transaction

M = TypeVar("M", bound=FileModel)

LOCK_TIMEOUT_SECONDS = 15.0
# Reads are refused where writes are: a file reached through a link that leaves the
# program folder is not the program's, whatever it holds.
LINK_OUT = "is reached through a link to a place outside the program folder"
LINK_OUT_HINT = ("mentorkit reads only what is inside the program folder: replace the link "
                 "with the file or folder itself.")
# `.mentorkit`, not `.mentorkit/`: the latter ignores only a folder, and leaves a link by
# that name (refused, but it could be committed before it is) to git
GITIGNORE = f"# mentorkit's lock and caches: never edit, never commit\n{STATE}\n"
# .mentorkit/ holds the lock, the journal of a change being made, scratch copies of pair
# files and the load cache (private session text among them): never somewhere else.
STATE_LINKED = ("is a link; mentorkit keeps its lock and caches (which hold the pairs' "
                "private notes) in a folder of its own inside the program")
STATE_LINKED_HINT = (f"Remove the link (`rm {STATE}`, not what it leads to); mentorkit "
                     "makes the folder again.")


@dataclass(frozen=True)
class Entry:
    """One name in a folder, as `validate` looks for stray files."""

    name: str
    path: Path
    is_dir: bool
    is_file: bool


class ProgramFolder:
    def __init__(self, root: Path, *, durable: bool = True) -> None:
        """`durable=False`: a scratch copy, thrown away after the command (store/
        rehearsal.py); its writes skip the journal and every fsync."""
        self.root = root.resolve()
        self.durable = durable
        self._lock: Any = None
        self._tx: Transaction | None = None
        self._resolved_dirs: dict[str, str] = {}  # folder -> its real path (inside())

    @classmethod
    def create(cls, root: Path, program: Program) -> ProgramFolder:
        """Make a program folder: program.yaml, participants/, relationships/ and a
        .gitignore for .mentorkit/ (added to an existing one). Never overwrites a program."""
        root.mkdir(parents=True, exist_ok=True)
        folder = cls(root)
        with folder.transaction() as tx:  # program.yaml and .gitignore: both or neither
            if folder.has_program():  # created while we waited for the lock
                raise Conflict(f"{folder.program_path} already exists")
            folder.participants_dir.mkdir(exist_ok=True)
            folder.relationships_dir.mkdir(exist_ok=True)
            gitignore = folder.root / ".gitignore"
            if not gitignore.exists():
                tx.stage_write(gitignore, GITIGNORE, private=False)
            elif not {STATE, f"{STATE}/"} & set(
                    (old := gitignore.read_text(encoding="utf-8")).splitlines()):
                tx.stage_write(gitignore, old + GITIGNORE, private=False)
            folder.save_program(program)
        return folder

    def has_program(self) -> bool:
        """Whether program.yaml (or anything by that name) is already here."""
        return self.program_path.exists()

    @classmethod
    def find(cls, explicit: Path | None = None, start: Path | None = None) -> ProgramFolder:
        folder = cls(locate(explicit, start))
        folder.recover()  # a change a kill interrupted is finished before anything reads
        return folder

    # -- paths -------------------------------------------------------------------------
    @property
    def program_path(self) -> Path:
        return self.root / PROGRAM_FILE

    @property
    def participants_dir(self) -> Path:
        return self.root / PARTICIPANTS

    @property
    def relationships_dir(self) -> Path:
        return self.root / RELATIONSHIPS

    @property
    def state_dir(self) -> Path:
        """.mentorkit/, refused (naming it) when it is a link: whatever uses it stops."""
        problem = self.state_problem()
        if problem is not None:
            raise InvalidFile([problem])
        return self.root / STATE

    def state_problem(self) -> Problem | None:
        """What is wrong with .mentorkit (a link), for `validate` to name as well."""
        if os.path.islink(self.root / STATE):
            return Problem(STATE, STATE_LINKED, hint=STATE_LINKED_HINT)
        return None

    def participant_path(self, person_id: str) -> Path:
        return self.participants_dir / f"{_checked_id(person_id)}.yaml"

    def relationship_dir(self, pair: str) -> Path:
        mentor, sep, mentee = pair.partition("--")
        if not sep:
            raise MentorkitError(f"{pair!r} is not a pair id (mentor--mentee)")
        return self.relationships_dir / f"{_checked_id(mentor)}--{_checked_id(mentee)}"

    def inside(self, relative: str | Path) -> Path:
        """A path named in a file, refused if it would leave the program folder."""
        head, name = os.path.split(self.root / relative)
        # each folder is resolved once a command (an import saves 5,000 files in one)
        parent = self._resolved_dirs.get(head)
        if parent is None:
            parent = self._resolved_dirs[head] = os.path.realpath(head)
        path = os.path.join(parent, name)
        if name in ("", ".", "..") or os.path.islink(path):
            path = os.path.realpath(path)
        root = str(self.root)
        if path != root and not path.startswith(root + os.sep):
            raise MentorkitError(f"{relative}: refers outside the program folder")
        return Path(path)

    def has_file(self, relative: str | Path) -> bool:
        """Whether a file named in a program file is there (refused like inside())."""
        return self.inside(relative).is_file()

    def is_misplaced(self, path: Path) -> bool:
        """Something is at `path` but it is not a folder (say participants/ as a file)."""
        return path.exists() and not path.is_dir()

    def entries(self, directory: Path) -> list[Entry]:
        """What is in a folder, sorted by name; nothing when it is not a folder."""
        if not directory.is_dir():
            return []
        return [
            Entry(p.name, p, is_dir=p.is_dir(), is_file=p.is_file())
            for p in sorted(directory.iterdir())
        ]

    def relative(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)

    # -- lock --------------------------------------------------------------------------
    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the program's write lock (re-entrant within one command)."""
        from filelock import FileLock, Timeout

        if not self.durable:  # a scratch copy is this command's alone, under the real lock
            yield
            return
        if self._lock is None:
            self.state_dir.mkdir(exist_ok=True)
            self._lock = FileLock(str(self.state_dir / "lock"), timeout=LOCK_TIMEOUT_SECONDS)
        try:
            self._lock.acquire()
        except Timeout:
            raise Locked(
                f"{self.root}: another mentorkit command is changing this program",
                "Wait for it to finish and try again.",
            ) from None
        try:
            if self._lock.lock_counter == 1:
                self.recover()
            yield
        finally:
            self._lock.release()

    # -- privacy on disk: a pair's folder is owner-only ---------------------------------
    def loose_private_modes(self) -> list[tuple[Path, int]]:
        """Relationship folders and files others can read (say after a git clone)."""
        import stat

        found = []
        for path in sorted(self.relationships_dir.glob("*/**")) + sorted(
            p for p in self.relationships_dir.glob("*/**/*") if p.is_file()
        ):
            st = path.lstat()
            if not stat.S_ISLNK(st.st_mode) and st.st_mode & 0o077:
                found.append((path, stat.S_IMODE(st.st_mode)))
        return sorted(found)

    def tighten_private_modes(self) -> list[Path]:
        """Make every relationship's folder and files owner-only; what was changed."""
        with self.locked():
            return [p for pair in sorted(self.relationships_dir.iterdir()) if pair.is_dir()
                    for p in atomic.make_private_tree(pair)]

    # -- all-or-nothing writes (store/transaction.py) -------------------------------------
    @contextlib.contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """Hold the lock and stage every save and remove until the block ends; then all
        of them land, or (on an exception, or a kill part-way) none. Nested: joins."""
        from mentorkit.store.transaction import Transaction

        if self._tx is not None:
            yield self._tx
            return
        with self.locked():
            self._tx = tx = Transaction(self)
            try:
                yield tx
            finally:
                self._tx = None
            tx.commit()

    def recover(self) -> str | None:
        """Finish or undo a change that a kill interrupted (see store/transaction.py)."""
        from mentorkit.store import transaction

        if self.state_problem() is not None:
            return None  # no journal of ours there: refused by what uses it, named by validate
        self._remove_dead_rehearsals()
        # a kill while the journal itself was being written leaves only its temporary file
        stale = f".{transaction.JOURNAL}.*{transaction.TMP_SUFFIX}"
        if not (self.state_dir / transaction.JOURNAL).exists() and not any(
                self.state_dir.glob(stale)):
            return None
        with self.locked():
            for leftover in self.state_dir.glob(stale):
                leftover.unlink(missing_ok=True)
            return transaction.recover(self)

    def _remove_dead_rehearsals(self) -> None:
        """A scratch copy (store/rehearsal.py) left by a killed command holds private pair
        files: it goes once the process that made it is gone."""
        import shutil

        for scratch in self.state_dir.glob(f"{REHEARSAL_PREFIX}*"):
            pid = scratch.name.removeprefix(REHEARSAL_PREFIX)
            if not pid.isdecimal() or int(pid) == os.getpid():
                continue
            try:
                os.kill(int(pid), 0)
            except ProcessLookupError:
                shutil.rmtree(scratch, ignore_errors=True)
            except OSError:  # alive, under another user: not ours to judge
                continue

    # -- generic model I/O -------------------------------------------------------------
    def load(self, path: Path, model: type[M]) -> M:
        shown = self.relative(path)
        # A program file reached through a link (of it or a folder above) that leaves the
        # folder; files given from elsewhere (a proposal, a --from file) are the user's own.
        inside = Path(os.path.abspath(path)).is_relative_to(self.root)
        if inside and not path.resolve().is_relative_to(self.root):
            raise InvalidFile([Problem(shown, LINK_OUT)], LINK_OUT_HINT)
        text, data = yamlio.read(path, shown)
        return validate(data, model, path=shown, text=text)

    def save(
        self, path: Path, document: FileModel, *, private: bool = False, text: str | None = None
    ) -> None:
        """Write `document`; `text` (what a person typed, say in $EDITOR) keeps its comments."""
        path = self.inside(path)
        doc = document.to_document()
        with self.transaction() as tx:
            old = text if text is not None else tx.current_text(path)
            text = yamlio.dump(doc) if old is None else yamlio.render_update(old, doc)
            tx.stage_write(path, text, private=private)

    def remove(self, path: Path, *, missing_ok: bool = False) -> None:
        path = self.inside(path)
        with self.transaction() as tx:
            tx.stage_remove(path, missing_ok=missing_ok)

    # -- program -------------------------------------------------------------------------
    def load_program(self) -> Program:
        return self.load(self.program_path, Program)

    def save_program(self, program: Program) -> None:
        self.save(self.program_path, program)

    # -- participants --------------------------------------------------------------------
    def participant_ids(self) -> list[str]:
        if not self.participants_dir.is_dir():
            return []
        return sorted(p.stem for p in self.participants_dir.glob("*.yaml"))

    def has_participant(self, person_id: str) -> bool:
        return self.participant_path(person_id).is_file()

    def load_participant(self, person_id: str) -> Participant:
        path = self.participant_path(person_id)
        if not os.path.lexists(path):  # (anything else by its name: load names it)
            raise NotFound(f"no participant {person_id!r}")
        return self.load(path, Participant)

    def load_participants(self) -> dict[str, Participant]:
        """Every participant by id; the first invalid file raises."""
        people, found = self.scan_participants()
        if found:
            raise InvalidFile(found)
        return people

    def scan_participants(self) -> tuple[dict[str, Participant], list[Problem]]:
        """Every valid participant, and the problems of the ones that are not."""
        return self._scan(self.participants_dir.glob("*.yaml"), Participant)

    def save_participant(self, person_id: str, person: Participant) -> None:
        self.save(self.participant_path(person_id), person)

    # -- relationships -------------------------------------------------------------------
    def relationship_path(self, pair: str) -> Path:
        return self.relationship_dir(pair) / "relationship.yaml"

    def has_relationship(self, pair: str) -> bool:
        return self.relationship_path(pair).is_file()

    def load_relationship(self, pair: str) -> Relationship:
        path = self.relationship_path(pair)
        if not os.path.lexists(path):  # (anything else by its name: load names it)
            raise NotFound(f"no relationship {pair!r}")
        return self.load(path, Relationship)

    def load_relationships(self) -> dict[str, Relationship]:
        pairs, found = self.scan_relationships()
        if found:
            raise InvalidFile(found)
        return pairs

    def scan_relationships(self) -> tuple[dict[str, Relationship], list[Problem]]:
        return self._scan(self.relationships_dir.glob("*/relationship.yaml"), Relationship)

    def save_relationship(self, relationship: Relationship) -> None:
        self.save(self.relationship_path(relationship.id), relationship, private=True)

    # -- the toolkit's forms in a relationship's folder ----------------------------------
    def form_path(self, pair: str, filename: str) -> Path:
        if "/" in filename or "\\" in filename or filename.startswith("."):
            raise MentorkitError(f"{filename!r} is not a form file name")
        return self.relationship_dir(pair) / filename

    def load_form(self, pair: str, model: type[M], filename: str | None = None) -> M | None:
        """A pair's form, or None when it has not been filled yet (a folder or a pipe by
        its name is refused by load, never taken for a form not filled)."""
        path = self.form_path(pair, filename or model.FILE)  # type: ignore[attr-defined]
        return self.load(path, model) if os.path.lexists(path) else None

    def save_form(
        self,
        pair: str,
        document: FileModel,
        filename: str | None = None,
        *,
        text: str | None = None,
    ) -> None:
        name = filename or document.FILE  # type: ignore[attr-defined]
        self.save(self.form_path(pair, name), document, private=True, text=text)

    def session_paths(self, pair: str) -> list[Path]:
        """Session records in date order (file names are <date>[-n].yaml)."""
        folder = self.relationship_dir(pair) / "sessions"
        if not folder.is_dir():
            return []
        return sorted(folder.glob("*.yaml"), key=lambda path: session_order(path.stem))

    def new_session_path(self, pair: str, date: dt.date) -> Path:
        """sessions/<date>.yaml, or <date>-2.yaml ... when that day already has one."""
        folder = self.relationship_dir(pair) / "sessions"
        path = folder / f"{date.isoformat()}.yaml"
        n = 2
        while path.exists():
            path = folder / f"{date.isoformat()}-{n}.yaml"
            n += 1
        return path

    # -- check-ins and the responses `collect` filed -----------------------------------------
    def check_in_path(self, pair: str, filename: str) -> Path:
        if "/" in filename or "\\" in filename or filename.startswith("."):
            raise MentorkitError(f"{filename!r} is not a check-in file name")
        return self.relationship_dir(pair) / "check-ins" / filename

    def load_check_in(self, pair: str, filename: str) -> Any:
        """One check-in (a CheckIn), or None when that side has not answered it."""
        from mentorkit.models.checkin import CheckIn

        path = self.check_in_path(pair, filename)
        return self.load(path, CheckIn) if os.path.lexists(path) else None

    def check_in_paths(self, pair: str) -> list[Path]:
        """A pair's check-in answers, in file-name order (by due date, then side)."""
        from mentorkit.models.checkin import CheckIn

        folder = self.relationship_dir(pair) / CheckIn.FOLDER
        return sorted(folder.glob("*.yaml")) if folder.is_dir() else []

    def load_check_ins(self, pair: str) -> list[tuple[str, Any]]:
        """(file name, CheckIn) for each check-in of a pair, in file-name order."""
        from mentorkit.models.checkin import CheckIn

        return [(p.name, self.load(p, CheckIn)) for p in self.check_in_paths(pair)]

    def relationship_records(self, pair: str) -> list[str]:
        """Files in a relationship's folder besides relationship.yaml (its toolkit records)."""
        folder = self.relationship_dir(pair)
        if not folder.is_dir():
            return []
        return sorted(
            str(p.relative_to(folder))
            for p in folder.rglob("*")
            if p.is_file() and p.name != "relationship.yaml"
        )

    def remove_relationship(self, pair: str) -> None:
        """Delete a relationship's folder and everything in it (only inside relationships/)."""
        folder = self.inside(self.relationship_dir(pair))
        if folder.parent != self.relationships_dir.resolve() or not folder.is_dir():
            raise NotFound(f"no relationship {pair!r}")
        with self.transaction() as tx:  # every file goes, or (killed part-way) none
            for path in sorted(folder.rglob("*")):
                if path.is_symlink() or not path.is_dir():
                    tx.stage_remove(path, missing_ok=True)
            tx.stage_remove_folder(folder)  # and the folder, even after a kill

    def read_text(self, relative: str | Path) -> str:
        """A text file named in program.yaml (like the exclusions CSV), inside the folder."""
        path = self.inside(relative)
        if not os.path.lexists(path):
            raise NotFound(f"{relative}: no such file in the program folder")
        try:
            return yamlio.read_bytes(path, relative).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InvalidFile([Problem(relative, f"cannot read: {exc}")]) from None

    def head(self, relative: str | Path, size: int = 4096) -> str:
        """The first `size` bytes of a file inside the folder as text ("" if there is no
        such file, or it cannot be read): enough to tell what kind of file it is."""
        try:
            with yamlio.open_regular(self.inside(relative)) as handle:
                return handle.read(size).decode("utf-8", "replace")
        except OSError:
            return ""

    def write_support_files(self, files: dict[str, str]) -> None:
        """Files mentorkit writes for the coordinator (editor settings, schemas, a
        replayed proposal put back), as one transaction; paths are inside the folder."""
        with self.transaction() as tx:  # all of them, or none
            for relative, text in files.items():
                tx.stage_write(self.inside(relative), text, private=False)

    # -- scratch files (a form open in $EDITOR) ------------------------------------------
    def write_scratch(self, name: str, text: str) -> Path:
        """Write a private working file in .mentorkit/ (never part of the program's data)."""
        if "/" in name or "\\" in name or name.startswith("."):
            raise MentorkitError(f"{name!r} is not a scratch file name")
        path = self.state_dir / name
        atomic.write_text(path, text, private=True)
        return path

    def read_scratch(self, path: Path) -> str:
        """A scratch file as it is now (say after the editor saved it)."""
        return path.read_text(encoding="utf-8")

    def scratch_exists(self, path: Path) -> bool:
        return path.exists()

    def remove_scratch(self, path: Path) -> None:
        if path.parent == self.state_dir:
            path.unlink(missing_ok=True)

    # -- helpers -------------------------------------------------------------------------
    def _scan(self, paths: Iterator[Path], model: type[M]) -> tuple[dict[str, M], list[Problem]]:
        found: dict[str, M] = {}
        trouble: list[Problem] = []
        for path in sorted(paths):
            shown = self.relative(path)
            if path.name == Relationship.FILE:
                key = path.parent.name
                wrong = folder_problem(shown, key)
            else:
                key = path.stem
                wrong = None if is_valid_id(key) else Problem(shown, NOT_AN_ID)
            if wrong is not None:
                trouble.append(wrong)
                continue
            try:
                item = self.load(path, model)
            except InvalidFile as exc:
                trouble.extend(exc.problems)
                continue
            if isinstance(item, Relationship):
                wrong = folder_problem(shown, key, item)
                if wrong is not None:
                    trouble.append(wrong)
                    continue
            found[key] = item
        return found, trouble


def file_exists(path: Path) -> bool:
    """Whether a file named on the command line (it may be outside any program) is there."""
    return path.is_file()


def validate(data: Any, model: type[M], *, path: Path | str, text: str | None = None) -> M:
    """Check parsed YAML against `model`, upgrading older schema versions first."""
    if not isinstance(data, dict):
        what = "empty" if data is None else f"a {type(data).__name__}"
        raise InvalidFile([Problem(path, f"expected a mapping of fields, found {what}", line=1)])
    # A file says what it is and which shape it has; a default would hide a stray file.
    unversioned = [] if "schema_version" in data else [Problem(
        path, f"required field is missing (write `schema_version: {model.SCHEMA_VERSION}` "
              "at the top)", line=1, field="schema_version")]
    kind = data.get("kind")
    if "kind" not in data:
        raise InvalidFile([*unversioned, Problem(
            path, f"required field is missing (write `kind: {model.KIND}` at the top)",
            line=1, field="kind")])
    if kind != model.KIND:
        line = yamlio.line_of(text, ["kind"]) if text else None
        if kind is None or isinstance(kind, str):  # a deep list would not even repr
            found = repr(kind if kind is None or len(kind) <= 40 else kind[:40] + "...")
        else:
            found = f"a {type(kind).__name__}"
        raise InvalidFile(
            [Problem(path, f"is {found}, expected {model.KIND!r}", line=line, field="kind")]
        )
    data = upgrade.upgrade(data, kind=model.KIND, current=model.SCHEMA_VERSION, path=path)
    try:
        document = model.model_validate(data)
    except ValidationError as exc:
        raise InvalidFile(
            unversioned + problems.from_validation_error(exc, path=path, text=text, model=model)
        ) from None
    if unversioned:
        raise InvalidFile(unversioned)
    return document


def _checked_id(value: str) -> str:
    if not is_valid_id(value):
        raise MentorkitError(
            f"{value!r} is not a valid id",
            "Ids are lower-case letters, digits and single hyphens, like maria-lopez.",
        )
    return value
