"""Enrolment: add, list, show, edit and remove participants."""

from __future__ import annotations

import datetime as dt
from collections.abc import Container
from dataclasses import dataclass, field
from typing import Any, ClassVar

from mentorkit.dates import not_in_future
from mentorkit.errors import Conflict, InvalidInput
from mentorkit.models.participant import Participant, StatusChange
from mentorkit.models.relationship import Relationship
from mentorkit.services import resolve
from mentorkit.services.enrolment import preferences
from mentorkit.services.inputs import build
from mentorkit.store.folder import ProgramFolder
from mentorkit.store.ids import unique_id
from mentorkit.store.snapshot import load_snapshot
from mentorkit.vocab import RelationshipStatus, Role, Status


@dataclass
class PersonResult:
    """One participant, with the relationships they are in."""

    JSON_KIND: ClassVar[str] = "participant"  # the --json envelope (render/envelope.py)

    id: str
    person: Participant
    action: str = "shown"  # added, updated, unchanged, removed, shown
    relationships: list[Relationship] = field(default_factory=list)
    capacity: int = 0
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        document = self.person.to_document()
        del document["kind"]  # the envelope's kind, "participant", says it
        return {
            "id": self.id,
            "action": self.action,
            **document,
            "mentor_capacity": self.capacity,
            "relationships": [
                {"id": r.id, "mentor": r.mentor, "mentee": r.mentee, "status": r.status.value}
                for r in self.relationships
            ],
            "warnings": self.warnings,
        }


@dataclass
class Row:
    id: str
    person: Participant
    open_as_mentor: int
    capacity: int


@dataclass
class ParticipantList:
    JSON_KIND: ClassVar[str] = "participants"  # the --json envelope (render/envelope.py)

    rows: list[Row]
    total: int  # before filtering

    def to_json(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "shown": len(self.rows),
            "participants": [
                {
                    "id": r.id,
                    **r.person.to_document(),
                    "mentor_capacity": r.capacity,
                    "open_as_mentor": r.open_as_mentor,
                }
                for r in self.rows
            ],
        }


def add(folder: ProgramFolder, fields: dict[str, Any]) -> PersonResult:
    program = folder.load_program()
    data = {k: v for k, v in fields.items() if v is not None}
    data.setdefault("joined", dt.date.today())
    _refuse_joined_later(data["joined"])
    person = build(Participant, {"kind": "participant", **data})
    with folder.locked():
        people = folder.load_participants()
        _refuse_duplicate_email(person.email, people)
        person = _with_preferences(person, people)
        person_id = unique_id(person.name, people)
        _refuse_bad_manager(person_id, person, people)
        folder.save_participant(person_id, person)
    return PersonResult(
        person_id, person, "added", capacity=person.mentor_capacity(program.default_mentor_capacity)
    )


def listing(
    folder: ProgramFolder,
    *,
    role: Role | None = None,
    department: str | None = None,
    site: str | None = None,
    status: Status | None = None,
) -> ParticipantList:
    whole = load_snapshot(folder)  # through the load cache: a second listing is quick
    program, people = whole.program, whole.participants
    load = mentor_load(whole.relationships.values())
    rows = []
    for person_id, p in people.items():
        if role is not None and not _has_role(p.role, role):
            continue
        if department is not None and p.department.casefold() != department.casefold():
            continue
        if site is not None and p.site.casefold() != site.casefold():
            continue
        if status is not None and p.status != status:
            continue
        capacity = p.mentor_capacity(program.default_mentor_capacity)
        rows.append(Row(person_id, p, load.get(person_id, 0), capacity))
    return ParticipantList(rows, total=len(people))


def show(folder: ProgramFolder, query: str) -> PersonResult:
    program = folder.load_program()
    people = folder.load_participants()
    person_id = resolve.person(query, people)
    person = people[person_id]
    theirs = [
        r for r in folder.load_relationships().values() if person_id in (r.mentor, r.mentee)
    ]
    return PersonResult(
        person_id,
        person,
        "shown",
        theirs,
        person.mentor_capacity(program.default_mentor_capacity),
    )


def edit(folder: ProgramFolder, query: str, changes: dict[str, Any], *,
         status_date: dt.date | None = None) -> PersonResult:
    """Change a participant's fields. A status takes effect on `status_date` (default
    today), kept in `status_changes` so that `--as-of` any day shows the status of that
    day; the status they already have, given with a date, is re-dated."""
    changes = {k: v for k, v in changes.items() if v is not None}
    if status_date is not None and "status" not in changes:
        raise InvalidInput("--date goes with --status: the day the pause or withdrawal "
                           "took effect")
    program = folder.load_program()
    with folder.locked():
        people = folder.load_participants()
        person_id = resolve.person(query, people)
        before = people[person_id]
        if "preferred_mentors" in changes:
            changes["preferred_mentors"] = preferences.to_ids(
                changes["preferred_mentors"], people, "--preferred-mentor")
        if "status" in changes:
            dated = status_changes(before, Status(changes["status"]), status_date)
            if dated is not None:
                changes["status_changes"] = dated
        data = before.model_dump(mode="json", exclude_none=True) | changes
        after = build(Participant, data)
        if after.email != before.email:
            others = {k: v for k, v in people.items() if k != person_id}
            _refuse_duplicate_email(after.email, others)
        if after.role != before.role:
            _refuse_role_change(folder, person_id, after.role)
        if after.manager != before.manager:
            _refuse_bad_manager(person_id, after, people)
        if after.joined != before.joined:
            _refuse_joined_after_theirs(folder, person_id, after)
        action = "unchanged" if after == before else "updated"
        if action == "updated":
            folder.save_participant(person_id, after)
        warnings = (_left_open(folder, person_id, after.status)
                    if after.status is not before.status else [])
    return PersonResult(
        person_id, after, action, capacity=after.mentor_capacity(program.default_mentor_capacity),
        warnings=warnings,
    )


def status_changes(
    before: Participant, status: Status, day: dt.date | None
) -> list[dict[str, Any]] | None:
    """`before`'s status changes with `status` taking effect on `day` (default today), for
    `participants edit --status` and a re-import that changes it.
    None: nothing to record (the status they have, with no day; or active, when they
    never were anything else)."""
    changes = list(before.status_changes or [])
    if status is before.status:
        if day is None or (status is Status.ACTIVE and not changes):
            return None
        if changes and changes[-1].status is status:
            changes.pop()  # re-dated: the day it took effect moves to `day`
    today = dt.date.today()
    when = day or today
    not_in_future(when, today, "change", "a status")
    if before.joined is not None and when < before.joined:
        raise InvalidInput(f"{when} is before {before.name} joined ({before.joined})")
    if changes and when < changes[-1].date:
        last = changes[-1]
        raise InvalidInput(f"{when} is before {before.name} became {last.status.value} "
                           f"({last.date})", "Give a day on or after it.")
    if changes and changes[-1].date == when:
        changes.pop()  # two changes on one day: the later one stands
    changes.append(StatusChange(date=when, status=status))
    return [c.model_dump(mode="json") for c in changes]


def _refuse_joined_later(joined: dt.date) -> None:
    not_in_future(joined, dt.date.today(), "join", "a participant", "--joined")


def _refuse_joined_after_theirs(folder: ProgramFolder, person_id: str, after: Participant) -> None:
    """A joining day (`--joined`) on or before everything of theirs already dated: their
    first relationship was made (asked for), and a pause or withdrawal took effect, on
    or after it (`report --as-of` would count them in a pair before they joined)."""
    assert after.joined is not None
    _refuse_joined_later(after.joined)
    theirs = [r for r in folder.load_relationships().values()
              if person_id in (r.mentor, r.mentee) and r.created < after.joined]
    if theirs:
        first = min(theirs, key=lambda r: r.created)
        raise InvalidInput(f"{person_id} is in {first.id}, made on {first.created}, before "
                           f"{after.joined}", f"Give --joined {first.created} or earlier.")
    earliest = min(after.status_changes or [], key=lambda c: c.date, default=None)
    if earliest is not None and earliest.date < after.joined:
        raise InvalidInput(f"{person_id} became {earliest.status.value} on {earliest.date}, "
                           f"before {after.joined}", f"Give --joined {earliest.date} or earlier.")


def _left_open(folder: ProgramFolder, person_id: str, status: Status) -> list[str]:
    """The open relationships of someone no longer active: nothing ends them but the
    coordinator, and until then the other person is not matched again."""
    if status is Status.ACTIVE:
        return []
    out = []
    for r in folder.load_relationships().values():
        if person_id not in (r.mentor, r.mentee) or not r.status.is_open:
            continue
        other = r.mentee if r.mentor == person_id else r.mentor
        how = (f"mentorkit unpair {r.id}" if r.status is RelationshipStatus.PROPOSED
               else f"mentorkit close {r.id} --kind rematched --reason TEXT")
        out.append(f"{person_id} is {status.value}, but {r.id} is still {r.status.value}: "
                   f"end it so {other} can be matched again ({how})")
    return out


def remove(folder: ProgramFolder, query: str) -> PersonResult:
    with folder.locked():
        people = folder.load_participants()
        person_id = resolve.person(query, people)
        reasons = references_to(folder, person_id, people)
        if reasons:
            raise Conflict(
                f"{person_id} cannot be removed: {'; '.join(reasons[:3])}",
                f"Withdraw them instead: mentorkit participants edit {person_id} "
                "--status withdrawn",
            )
        person = people[person_id]
        folder.remove(folder.participant_path(person_id))
    return PersonResult(person_id, person, "removed")


def references_to(
    folder: ProgramFolder, person_id: str, people: dict[str, Participant]
) -> list[str]:
    """Why removing this person would leave something pointing at nobody."""
    reasons = [
        f"in relationship {r.id} ({r.status.value})"
        for r in folder.load_relationships().values()
        if person_id in (r.mentor, r.mentee)
    ]
    email = people[person_id].email
    reasons += [
        f"manager of {other}"
        for other, p in people.items()
        if p.manager in (person_id, email) and other != person_id
    ]
    reasons += [
        f"a preferred mentor of {other}"
        for other, p in preferences.as_ids(people).items()
        if person_id in p.preferred_mentors
    ]
    matching = folder.load_program().matching
    reasons += [
        f"{'excluded' if kind == 'exclusions' else 'pinned'} in program.yaml "
        f"({ref.mentor}--{ref.mentee})"
        for kind in ("exclusions", "pinned")
        for ref in getattr(matching, kind)
        if person_id in (ref.mentor, ref.mentee)
    ]
    return reasons


def mentor_load(relationships: Any, today: dt.date | None = None) -> dict[str, int]:
    """Places each mentor has taken: open relationships (proposed or active) and requests
    waiting for an answer that have not expired by `today` (default: today)."""
    day = today or dt.date.today()
    load: dict[str, int] = {}
    for r in relationships:
        if r.status.is_open or r.pending_request(day):
            load[r.mentor] = load.get(r.mentor, 0) + 1
    return load


def _with_preferences(person: Participant, people: dict[str, Participant]) -> Participant:
    """Preferred mentors given by name or email, saved as ids."""
    if not person.preferred_mentors:
        return person
    ids = preferences.to_ids(person.preferred_mentors, people, "--preferred-mentor")
    return person.model_copy(update={"preferred_mentors": ids})


def _has_role(actual: Role, wanted: Role) -> bool:
    if wanted is Role.BOTH:
        return actual is Role.BOTH
    return actual is wanted or actual is Role.BOTH


def _refuse_bad_manager(
    person_id: str, person: Participant, people: dict[str, Participant]
) -> None:
    problem = manager_problem(person_id, person, people, {p.email for p in people.values()})
    if problem:
        raise InvalidInput(
            f"manager: {problem}",
            "Give the id or email of their manager (see `mentorkit participants list`).",
        )


def _refuse_duplicate_email(email: str, people: dict[str, Participant]) -> None:
    for other_id, other in people.items():
        if other.email == email:
            raise Conflict(
                f"{email} is already enrolled as {other_id} ({other.name})",
                f"Edit that person instead: mentorkit participants edit {other_id}",
            )


def _refuse_role_change(folder: ProgramFolder, person_id: str, role: Role) -> None:
    conflict = role_conflict(person_id, role, folder.load_relationships().values())
    if conflict:
        raise InvalidInput(conflict)


def role_conflict(person_id: str, role: Role, relationships: Any) -> str | None:
    """Why `person_id` cannot take `role`: a side they play in a relationship, or None."""
    for r in relationships:
        if r.mentor == person_id and not role.mentors:
            return f"{person_id} is the mentor in {r.id}; keep a mentor role"
        if r.mentee == person_id and not role.mentees:
            return f"{person_id} is the mentee in {r.id}; keep a mentee role"
    return None


def manager_problem(
    person_id: str, person: Participant, ids: Container[str], emails: Container[str]
) -> str | None:
    """What is wrong with a person's `manager`, if anything. A manager is an enrolled
    participant's id or email, or the email of someone outside the program."""
    m = person.manager
    if m is None:
        return None
    if m in (person_id, person.email):
        return "a person cannot be their own manager"
    return unknown_manager(m, ids, emails)


def unknown_manager(manager: str, ids: Container[str], emails: Container[str]) -> str | None:
    """Why `manager` names no one, if it does not: it is neither an enrolled
    participant's id or email nor an email address (of someone outside the program)."""
    if manager in ids or manager in emails or "@" in manager:
        return None
    return f"{manager!r} is neither an enrolled participant nor an email address"
