"""The files of `notify`: the sent-message log, template overrides, outbox .eml files.

    messages/sent/<day>.yaml        what was delivered that day (SentLog), program data
    messages/templates/<kind>.md    the coordinator's own wording for a kind
    .mentorkit/notify.lock          held for a whole `notify --send` run

One log file a day keeps each atomic rewrite small (a daily run rewrites only its own
day) while every record stays plain YAML a person can read and keep in git.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from mentorkit.errors import InvalidInput, Locked
from mentorkit.models.messages import SentLog, SentMessage
from mentorkit.store import atomic, resources
from mentorkit.store.folder import ProgramFolder

MESSAGES = "messages"
SENT = f"{MESSAGES}/sent"
TEMPLATES = f"{MESSAGES}/templates"


def sent_messages(folder: ProgramFolder) -> list[SentMessage]:
    """Every message recorded as delivered, oldest day first."""
    found: list[SentMessage] = []
    directory = folder.root / SENT
    if not directory.is_dir():
        return found
    for path in sorted(directory.glob("*.yaml")):
        found.extend(folder.load(path, SentLog).messages)
    return found


def record_sent(folder: ProgramFolder, message: SentMessage) -> None:
    """Add one delivered message to its day's log: atomic, under the folder's lock."""
    day = message.at.date()
    path = folder.root / SENT / f"{day.isoformat()}.yaml"
    with folder.locked():
        log = folder.load(path, SentLog) if path.is_file() else SentLog(day=day)
        log.messages.append(message)
        folder.save(path, log)


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


def write_outbox(directory: Path, filename: str, data: bytes) -> Path:
    """One .eml file in the outbox folder (made if missing), written atomically."""
    target = directory.expanduser()
    if target.exists() and not target.is_dir():
        raise InvalidInput(f"{directory} is a file", "Give a folder for --outbox.")
    path = target / filename
    atomic.write_bytes(path, data)
    return path


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
