"""The files of `notify`: the sent-message log, template overrides, outbox .eml files.

    messages/sent/<day>[-n].yaml    what was delivered that day (SentLog), program data
    messages/templates/<kind>.md    the coordinator's own wording for a kind
    .mentorkit/notify.lock          held for a whole `notify --send` run

One log file a day keeps each atomic rewrite small (a daily run rewrites only its own
day) while every record stays plain YAML a person can read and keep in git.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import glob
from collections.abc import Iterator
from pathlib import Path

from mentorkit.errors import InvalidInput, Locked
from mentorkit.models.messages import SentLog, SentMessage, Via
from mentorkit.store import atomic, resources, yamlio
from mentorkit.store.folder import ProgramFolder

MESSAGES = "messages"
SENT = f"{MESSAGES}/sent"
TEMPLATES = f"{MESSAGES}/templates"


def sent_messages(folder: ProgramFolder) -> list[SentMessage]:
    """Every message recorded as delivered, oldest day first."""
    return [m for path in sent_log_files(folder) for m in folder.load(path, SentLog).messages]


def sent_log_files(folder: ProgramFolder) -> list[Path]:
    """The sent log's files (messages/sent/<day>[-n].yaml), oldest day first."""
    directory = folder.root / SENT
    return sorted(directory.glob("*.yaml")) if directory.is_dir() else []


class SentRecorder:
    """Adds delivered messages to the log, one atomic write (under the folder's lock)
    after each. A day's log is kept in parts of at most PART_SIZE messages
    (<day>.yaml, <day>-2.yaml, ...): each write stays small however large the batch, and
    each part short enough to read at the C parser's full speed.

    Never sent twice, even under `kill -9`, in three steps for each message:

    1. `sending()`: once the transport is ready (connected, logged in) and before the
       message goes, it is noted durably in .mentorkit/notify-sending.json (a
       one-message write-ahead journal);
    2. the transport delivers it (the mail server, or an .eml file in the outbox);
    3. `add()`: its record lands in the log (one file replaced atomically), and only then
       is the note deleted. A refused message's note is dropped (`not_sent()`), and so is one
       whose sender the server turned down.

    A kill between 1 and 3 leaves the note; the next delivering `notify` settles it
    before it reads the log (`settle_interrupted`): an outbox draft that is there (its
    own file, with its Message-ID) was written, one that is not was not; a message
    handed to the mail server cannot be checked, so it is recorded as sent (at most
    once) and named to the coordinator, who can send it again (--resend --key) if it did
    not arrive. Not one transaction for the whole batch (store/transaction.py): a batch
    committed at the end and rolled back by a kill part-way would forget every message
    already delivered, and send them all again."""

    PART_SIZE = 25

    def __init__(self, folder: ProgramFolder) -> None:
        self.folder = folder
        self._part: tuple[Path, SentLog] | None = None

    def sending(self, message: SentMessage, outbox_file: Path | None) -> None:
        """Note `message` as about to go (step 1): durable before the transport is called."""
        import json

        note = {"message": message.model_dump(mode="json"),
                "outbox": str(outbox_file) if outbox_file is not None else None}
        self.folder.state_dir.mkdir(exist_ok=True)
        atomic.replace_file(_note_path(self.folder), json.dumps(note), mode=0o600)

    def not_sent(self) -> None:
        """The message noted did not go (refused, or the server hung up first)."""
        _note_path(self.folder).unlink(missing_ok=True)

    def add(self, message: SentMessage) -> None:
        day = message.at.date()
        with self.folder.locked():
            part = self._part
            if part is None or part[1].day != day or len(part[1].messages) >= self.PART_SIZE:
                part = self._part = self._open(day)
            path, log = part
            log.messages.append(message)
            atomic.write_text(path, yamlio.dump(log.to_document()))
            _note_path(self.folder).unlink(missing_ok=True)  # on record: the note is done

    def _open(self, day: dt.date) -> tuple[Path, SentLog]:
        """The day's last part if it has room, else a new one."""
        directory = self.folder.root / SENT
        n = 1
        while (directory / _part_name(day, n + 1)).is_file():
            n += 1
        path = directory / _part_name(day, n)
        if path.is_file():
            log = self.folder.load(path, SentLog)
            if len(log.messages) < self.PART_SIZE:
                return path, log
            path = directory / _part_name(day, n + 1)
        return path, SentLog(day=day)


SENDING_NOTE = "notify-sending.json"


def _note_path(folder: ProgramFolder) -> Path:
    return folder.state_dir / SENDING_NOTE


def settle_interrupted(folder: ProgramFolder) -> SentMessage | None:
    """Finish the record of a message a killed `notify` was delivering (see SentRecorder);
    call holding `sending(folder)`, before the log is read. Returns the message when it
    went to a mail server and may or may not have arrived (now recorded as sent)."""
    message = interrupted(folder)
    if message is None:
        _remove_half_written_draft(folder)
        _note_path(folder).unlink(missing_ok=True)  # nothing went: it goes with this run
        return None
    SentRecorder(folder).add(message)
    return message if message.via is Via.SMTP else None


def interrupted(folder: ProgramFolder) -> SentMessage | None:
    """The message a killed `notify` was delivering, when it counts as delivered (it
    went to a mail server, or its outbox draft is there): the next delivering run
    records it (`settle_interrupted`), and a listing counts it as sent already. Reads
    only; None when there is no note, or it is not one mentorkit wrote."""
    import json

    from pydantic import ValidationError

    try:
        note = json.loads(_note_path(folder).read_text(encoding="utf-8"))
        message = SentMessage.model_validate(note["message"])
        outbox = note.get("outbox")
    except (OSError, ValueError, KeyError, TypeError, ValidationError):
        return None
    if outbox is not None and not _holds(Path(outbox), message.message_id):
        return None  # never written (atomically): not delivered
    return message


def _remove_half_written_draft(folder: ProgramFolder) -> None:
    """The temporary copy (store/atomic.py's `.NAME.*.tmp`) of the outbox draft a killed
    `notify` was writing, if the kill came mid-write: it holds a person's name and
    address, in a folder outside the program that `validate` never sees. Only that
    draft's copies, named from the note; the draft itself is written again."""
    import json

    try:
        outbox = json.loads(_note_path(folder).read_text(encoding="utf-8")).get("outbox")
    except (OSError, ValueError, AttributeError):
        return
    if not isinstance(outbox, str):
        return
    draft = Path(outbox)
    for copy in draft.parent.glob(f".{glob.escape(draft.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            if copy.is_file() and not copy.is_symlink():
                copy.unlink()


def _holds(draft: Path, message_id: str) -> bool:
    """Whether the outbox file `draft` is there and is the message `message_id`."""
    from email.parser import BytesHeaderParser

    try:
        with draft.open("rb") as handle:
            return BytesHeaderParser().parse(handle)["Message-ID"] == message_id
    except OSError:
        return False


def _part_name(day: dt.date, n: int) -> str:
    return f"{day.isoformat()}{f'-{n}' if n > 1 else ''}.yaml"


def template_text(folder: ProgramFolder, name: str) -> tuple[str, str]:
    """A message template (`name`.md): the program's own if it has one, else the shipped
    default. Returns the text and the path to show in errors."""
    own = folder.root / TEMPLATES / f"{name}.md"
    if own.is_file():
        return own.read_text(encoding="utf-8-sig"), f"{TEMPLATES}/{name}.md"
    shipped = resources.templates_dir() / "messages" / f"{name}.md"
    if not shipped.is_file():
        raise InvalidInput(f"no template for messages of kind {name!r}",
                           f"Add {TEMPLATES}/{name}.md to the program folder.")
    return shipped.read_text(encoding="utf-8"), f"templates/messages/{name}.md"


def shipped_templates() -> dict[str, str]:
    """The default template of every kind, by kind name (for docs and checks)."""
    folder = resources.templates_dir() / "messages"
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.md"))}


def free_outbox_path(directory: Path, filename: str) -> Path:
    """Where a new draft named `filename` goes in the outbox folder: that name, or
    <stem>-2.eml, -3 ... when a draft has it already (say, a --resend the same day)."""
    folder = directory.expanduser()
    if folder.exists() and not folder.is_dir():
        raise InvalidInput(f"{directory} is a file", "Give a folder for --outbox.")
    path, stem, n = folder / filename, Path(filename).stem, 1
    while path.exists():
        n += 1
        path = folder / f"{stem}-{n}{Path(filename).suffix}"
    return path


def write_outbox(path: Path, data: bytes) -> None:
    """A new .eml file in the outbox folder (made if missing), written atomically; never
    over a draft that is there (one not yet sent from the mail app would be lost)."""
    if path.exists():
        raise InvalidInput(f"{path}: a draft of that name is there already",
                           "Move it away, or give another --outbox folder.")
    atomic.write_bytes(path, data)


@contextlib.contextmanager
def sending(folder: ProgramFolder) -> Iterator[None]:
    """Only one `notify` delivers at a time, so two overlapping cron runs never both send
    the same message. The folder's own lock is taken only for each log write, so other
    commands are not held up while a long batch goes out."""
    from filelock import FileLock, Timeout

    folder.state_dir.mkdir(exist_ok=True)
    lock = FileLock(str(folder.state_dir / "notify.lock"), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise Locked(f"{folder.root}: another `mentorkit notify` is delivering messages",
                     "Wait for it to finish; it sends what is due.") from None
    try:
        yield
    finally:
        lock.release()
