"""Pairs never to match: program.yaml's exclusions and the exclusions CSV it names."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import TYPE_CHECKING

from mentorkit.errors import InvalidFile, NotFound, Problem
from mentorkit.models.program import Program
from mentorkit.services import resolve
from mentorkit.store.folder import ProgramFolder

if TYPE_CHECKING:
    from mentorkit.models.participant import Participant

SIDES = ("mentor", "mentee")
MENTOR_FIRST = "each exclusion names the mentor first, then the mentee"


def read_exclusions(
    folder: ProgramFolder, program: Program, people: Mapping[str, resolve.Named], *,
    roles: Mapping[str, Participant],
) -> tuple[list[tuple[str, str]], list[Problem]]:
    """(mentor, mentee) pairs of program.yaml's exclusions and the exclusions CSV, and
    the problems found. CSV columns: mentor, mentee, optional reason; a header row is
    allowed; people by id, email or full name. `roles`: the participants whose role is
    known (everyone, or only a pair's two when `people` is the name index, which holds
    no roles); one of them named on a side their role does not take is a problem."""
    settings = program.matching
    pairs = [(e.mentor, e.mentee) for e in settings.exclusions]
    found: list[Problem] = []
    for index, e in enumerate(settings.exclusions):
        for side in SIDES:
            person_id = getattr(e, side)
            why = ("is not enrolled" if person_id not in people
                   else wrong_side(person_id, side, roles))
            if why:
                found.append(Problem("program.yaml", f"{person_id!r} {why}",
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
        cells = cells[:2]  # the reason aside
        ids = []
        for cell in cells:
            person_id, problem = exactly.find(cell)
            if person_id is None:
                found.append(Problem(name, problem, line=line))
            else:
                ids.append(person_id)
        if len(ids) < 2:
            continue
        wrong = [f"{cell!r} {why}" for cell, person_id, side in zip(cells, ids, SIDES, strict=True)
                 if (why := wrong_side(person_id, side, roles))]
        if wrong:
            found.append(Problem(name, f"{'; '.join(wrong)} ({MENTOR_FIRST})", line=line))
        else:
            pairs.append((ids[0], ids[1]))
    return pairs, found


def wrong_side(person_id: str, side: str, roles: Mapping[str, Participant]) -> str | None:
    """Why `person_id` cannot be the `side` of an excluded pair, when their role is
    known: a row naming the mentee first would exclude a pair that can never be made,
    and leave the pair meant free to be matched."""
    person = roles.get(person_id)
    if person is None or person.role.takes(side):
        return None
    return f"is enrolled as a {person.role.value}, not as a {side}"


def exclusion_pairs(
    folder: ProgramFolder, program: Program, people: Mapping[str, resolve.Named], *,
    roles: Mapping[str, Participant],
) -> list[tuple[str, str]]:
    pairs, found = read_exclusions(folder, program, people, roles=roles)
    if found:  # a mistyped exclusion would silently allow a pair that must never happen
        raise InvalidFile(found, "Fix the exclusion list, then match again.")
    return pairs
