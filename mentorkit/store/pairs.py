"""One pair read from its folder into a PairRecord (models/pair.py), for the toolkit's
commands and `validate`; reports read every pair at once through store/snapshot.py,
which files what it reads through the same `PairRecord.add`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mentorkit.errors import InvalidFile, Problem
from mentorkit.models.base import FileModel
from mentorkit.models.pair import FORM_FILES, PairRecord
from mentorkit.models.relationship import Relationship
from mentorkit.models.toolkit import SessionRecord

if TYPE_CHECKING:
    from mentorkit.store.folder import ProgramFolder


def scan_pair(
    folder: ProgramFolder, relationship: Relationship
) -> tuple[PairRecord, list[Problem]]:
    """Every form of a pair; forms that do not load (or do not belong where they are) are
    left out and reported."""
    record = PairRecord(relationship)
    problems: list[Problem] = []
    pair = relationship.id
    for filename, model in FORM_FILES.items():
        try:
            document = folder.load_form(pair, model, filename)
        except InvalidFile as exc:
            problems.extend(exc.problems)
            continue
        if document is not None:
            _file(folder, record, folder.form_path(pair, filename), document, problems)
    for path in folder.session_paths(pair):  # already in session order
        try:
            session = folder.load(path, SessionRecord)
        except InvalidFile as exc:
            problems.extend(exc.problems)
            continue
        _file(folder, record, path, session, problems)
    return record, problems


def _file(
    folder: ProgramFolder, record: PairRecord, path: Path, document: FileModel,
    problems: list[Problem],
) -> None:
    misfiled = record.add(folder.relative(path), document)
    if misfiled is not None:
        problems.append(misfiled)


def load_pair(folder: ProgramFolder, pair: str) -> PairRecord:
    """A pair's forms; any form that does not load stops the command with its problems."""
    record, problems = scan_pair(folder, folder.load_relationship(pair))
    if problems:
        raise InvalidFile(problems)
    return record
