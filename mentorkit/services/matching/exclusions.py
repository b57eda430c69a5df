"""Pairs never to match: program.yaml's exclusions and the exclusions CSV it names."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping

from mentorkit.errors import InvalidFile, NotFound, Problem
from mentorkit.models.program import Program
from mentorkit.services import resolve
from mentorkit.store.folder import ProgramFolder


def read_exclusions(
    folder: ProgramFolder, program: Program, people: Mapping[str, resolve.Named]
) -> tuple[list[tuple[str, str]], list[Problem]]:
    """(mentor, mentee) pairs of program.yaml's exclusions and the exclusions CSV, and
    the problems found. CSV columns: mentor, mentee, optional reason; a header row is
    allowed; people by id, email or full name."""
    settings = program.matching
    pairs = [(e.mentor, e.mentee) for e in settings.exclusions]
    found: list[Problem] = []
    for index, e in enumerate(settings.exclusions):
        for side in ("mentor", "mentee"):
            if getattr(e, side) not in people:
                found.append(Problem("program.yaml", f"{getattr(e, side)!r} is not enrolled",
                                     field=f"matching.exclusions.{index}.{side}"))
    name = settings.exclusions_file
    if not name:
        return pairs, found
    try:
        text = folder.read_text(name)
    except NotFound:
        return pairs, [*found, Problem("program.yaml", f"{name} does not exist in the program "
                                       "folder", field="matching.exclusions_file")]
    exactly = resolve.Exactly(people)  # no prefixes: an exclusion must never land on the
    # wrong person
    for line, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        cells = [c.strip() for c in row]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if line == 1 and [c.casefold() for c in cells[:2]] == ["mentor", "mentee"]:
            continue
        if len(cells) < 2 or not cells[0] or not cells[1]:
            found.append(Problem(name, "expected mentor,mentee[,reason]", line=line))
            continue
        ids = []
        for cell in cells[:2]:
            person_id, problem = exactly.find(cell)
            if person_id is None:
                found.append(Problem(name, problem, line=line))
            else:
                ids.append(person_id)
        if len(ids) == 2:
            pairs.append((ids[0], ids[1]))
    return pairs, found


def exclusion_pairs(
    folder: ProgramFolder, program: Program, people: Mapping[str, resolve.Named]
) -> list[tuple[str, str]]:
    pairs, found = read_exclusions(folder, program, people)
    if found:  # a mistyped exclusion would silently allow a pair that must never happen
        raise InvalidFile(found, "Fix the exclusion list, then match again.")
    return pairs
