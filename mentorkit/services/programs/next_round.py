"""`mentorkit init NEW --next-from OLD`: start the next round of a program.

What is carried, and why:

- program.yaml: every setting, with the new name and start date. The start date is the
  one given, else the day the old round ended (start + duration_months). Every other
  date in program.yaml moves by the same number of days, so something set two weeks
  after the start stays two weeks after it. Pinned pairs are dropped (they were the old
  round's); exclusions naming someone who does not continue are dropped (matching
  refuses an exclusion of someone not enrolled), and the result says which.
- The participants who continue: everyone whose status is not `withdrawn`, less those
  named with --without. Withdrawn is the word the program already uses for someone who
  left; --without is for "not this time" without rewriting the old round's history.
  Their profiles are kept as they are; status is reset to active and `seeking` cleared.
  A manager given by the id of someone who does not continue becomes that person's
  email (the rule still holds); preferred mentors who do not continue are dropped.
- past-pairs.yaml: the old round's own list plus every pair the old round matched
  (proposed, active, completed or ended early; not requests declined or unanswered),
  so the list grows round by round and matching never proposes a pair twice.
- The program's own files: the exclusions CSV (rows naming someone who does not
  continue are commented out) and message templates. Relationships, sessions, the sent
  log and anything private to a pair are not carried.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from mentorkit.errors import Conflict, InvalidInput
from mentorkit.models.participant import Participant
from mentorkit.models.past_pairs import PastPair, PastPairs
from mentorkit.models.program import Program
from mentorkit.services import resolve
from mentorkit.services.inputs import build
from mentorkit.services.matching.exclusions import read_exclusions
from mentorkit.store import cohorts as store
from mentorkit.store.folder import PROGRAM_FILE, ProgramFolder, locate
from mentorkit.store.snapshot import load_people_and_pairs
from mentorkit.vocab import Status


@dataclass
class Departure:
    id: str
    name: str
    why: str


@dataclass
class NextRoundResult:
    JSON_KIND: ClassVar[str] = "next-round"  # the --json envelope (render/envelope.py)

    root: Path
    previous: str  # the old round's name
    previous_root: Path
    program: Program
    shifted_days: int
    carried: list[str]
    left: list[Departure]
    past_pairs: int  # in past-pairs.yaml now, all rounds
    new_past_pairs: int  # of them, from the old round
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "root": str(self.root),
            "previous": {"name": self.previous, "root": str(self.previous_root)},
            "program": self.program.to_document() | {
                "start_date": self.program.start_date.isoformat()},
            "dates_shifted_days": self.shifted_days,
            "carried": self.carried,
            "left": [vars(d) for d in self.left],
            "past_pairs": self.past_pairs,
            "new_past_pairs": self.new_past_pairs,
            "notes": self.notes,
        }


def old_program(path: Path) -> tuple[ProgramFolder, Program]:
    """The round to continue from, refused clearly when it is not a program."""
    folder = ProgramFolder(locate(path))
    folder.recover()
    return folder, folder.load_program()


def default_name(old: Program, start: dt.date) -> str | None:
    """The old name with its year moved on (…2026 -> …2027), or None when it has none."""
    year = str(old.start_date.year)
    if start.year == old.start_date.year or not re.search(rf"\b{year}\b", old.name):
        return None
    return re.sub(rf"\b{year}\b", str(start.year), old.name)


def next_round(
    target: Path, old_path: Path, *, name: str | None = None,
    start_date: dt.date | None = None, without: list[str] | None = None,
) -> NextRoundResult:
    target = target.expanduser().resolve()
    old_folder, old = old_program(old_path)
    if target == old_folder.root or target.is_relative_to(old_folder.root):
        raise InvalidInput(f"{target} is inside the old round's folder {old_folder.root}",
                           "Give the next round a folder of its own, beside the old one.")
    if ProgramFolder(target).has_program():
        raise Conflict(f"{target / PROGRAM_FILE} already exists; init never overwrites a "
                       "program", "Choose a new folder for the next round.")
    start = start_date or old.end_date
    name = name or default_name(old, start)
    if not name:
        raise InvalidInput(f"the next round needs a name of its own ({old.name!r} has no "
                           "year to move on)", "Add --name 'Program name 2027'.")
    if name.strip().casefold() == old.name.strip().casefold():
        raise InvalidInput(f"the next round must not share the name {old.name!r}: past pairs "
                           "are remembered by round name", "Give another --name.")

    people, relationships, problems = load_people_and_pairs(old_folder)
    if problems:
        from mentorkit.errors import InvalidFile

        raise InvalidFile(problems, f"Fix the old round ({old_folder.root}) first: "
                          "mentorkit validate shows every problem.")
    leaving = _leaving(people, without or [])
    carried = {k: p for k, p in people.items() if k not in leaving}
    notes: list[str] = []
    new_people = {k: _reset(k, p, people, carried, notes) for k, p in carried.items()}

    past = store.load_past_pairs(old_folder)
    ours = [
        PastPair(mentor=r.mentor, mentor_email=people[r.mentor].email, mentee=r.mentee,
                 mentee_email=people[r.mentee].email, program=old.name, started=r.started,
                 ended=r.ended, status=r.status)
        for _, r in sorted(relationships.items())
        if r.status.is_match and r.mentor in people and r.mentee in people
    ]
    history = PastPairs(pairs=[*past.pairs, *ours])

    shift = (start - old.start_date).days
    program = _next_program(old, name, start, shift, carried, notes)
    files = store.message_templates(old_folder)
    csv_name = old.matching.exclusions_file
    if csv_name:
        files[csv_name] = _carried_csv(old_folder, program, new_people, csv_name, notes)
    store.write_next_round(target, program, old_folder.read_text(PROGRAM_FILE), new_people,
                           history, files)
    return NextRoundResult(
        target, old.name, old_folder.root, program, shift, sorted(new_people),
        [Departure(k, people[k].name, why) for k, why in sorted(leaving.items())],
        len(history.pairs), len(ours), notes)


def _leaving(people: dict[str, Participant], without: list[str]) -> dict[str, str]:
    out = {k: "withdrawn" for k, p in people.items() if p.status is Status.WITHDRAWN}
    for query in without:
        person_id = resolve.person(query, people)  # a miss names the closest
        out.setdefault(person_id, "named with --without")
    return out


def _reset(person_id: str, person: Participant, everyone: dict[str, Participant],
           carried: dict[str, Participant], notes: list[str]) -> Participant:
    changes: dict[str, Any] = {"status": Status.ACTIVE, "seeking": False}
    manager = person.manager
    if manager in everyone and manager not in carried:
        changes["manager"] = everyone[manager].email  # the rule holds by email
    kept = [m for m in person.preferred_mentors if m in carried]
    if kept != person.preferred_mentors:
        gone = sorted(set(person.preferred_mentors) - set(kept))
        notes.append(f"{person_id}: preferred mentor {', '.join(gone)} does not continue; "
                     "dropped")
        changes["preferred_mentors"] = kept
    return person.model_copy(update=changes)


def _next_program(old: Program, name: str, start: dt.date, shift: int,
                  carried: dict[str, Participant], notes: list[str]) -> Program:
    data = _shifted(old.to_document(), dt.timedelta(days=shift))
    data.update(name=name, start_date=start)
    matching = data.setdefault("matching", {})
    matching["pinned"] = []
    kept = []
    for e in matching.get("exclusions", []):
        if e["mentor"] in carried and e["mentee"] in carried:
            kept.append(e)
        else:
            notes.append(f"program.yaml: exclusion {e['mentor']} / {e['mentee']} dropped "
                         "(one of them does not continue)")
    matching["exclusions"] = kept
    return build(Program, data)


def _shifted(value: Any, by: dt.timedelta) -> Any:
    """Every date in the document moved by `by` (datetimes are not dates here: none)."""
    if isinstance(value, dict):
        return {k: _shifted(v, by) for k, v in value.items()}
    if isinstance(value, list):
        return [_shifted(v, by) for v in value]
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value + by
    return value


def _carried_csv(old_folder: ProgramFolder, program: Program, people: dict[str, Participant],
                 name: str, notes: list[str]) -> str:
    """The exclusions CSV with each row naming someone who does not continue commented
    out (kept for the record, skipped by matching)."""
    text = old_folder.read_text(name)
    # roles={}: only rows naming someone who leaves are cut; one naming someone on the
    # wrong side is carried as it is, for the new round's validate to name
    _, found = read_exclusions(old_folder, program.model_copy(update={"matching": program.matching
                               .model_copy(update={"exclusions": []})}), people, roles={})
    bad = {p.line for p in found if p.line is not None}
    if not bad:
        return text
    lines = text.splitlines()
    for n in sorted(bad):
        if 0 < n <= len(lines):
            lines[n - 1] = f"# does not continue: {lines[n - 1]}"
    notes.append(f"{name}: {len(bad)} row(s) name someone who does not continue; "
                 "commented out")
    return "\n".join(lines) + "\n"
