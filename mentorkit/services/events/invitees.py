"""Who an event invites, worked out from the participants as they stand.

An event names its invitees as the coordinator chose them (models/event.Invitees); here
they become people. Withdrawn people are left out of everyone, a role and a department,
and so is anyone who joined after the event's day; people named one by one (or through
their pair) are always on the list, so a coordinator's own choice is never overruled.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from mentorkit.models.event import Event
from mentorkit.models.participant import Participant
from mentorkit.models.relationship import Relationship
from mentorkit.vocab import Status


@dataclass(frozen=True)
class Invitee:
    id: str
    name: str
    email: str


def invited_ids(event: Event, people: Mapping[str, Participant],
                relationships: Mapping[str, Relationship]) -> list[str]:
    """The ids of everyone `event` invites, in id order."""
    spec = event.invite
    chosen: set[str] = set(p for p in spec.people if p in people)
    for pair in spec.pairs:
        rel = relationships.get(pair)
        if rel is not None:
            chosen.update(p for p in (rel.mentor, rel.mentee) if p in people)
    departments = {d.casefold() for d in spec.departments}
    for person_id, person in people.items():
        if person.status is Status.WITHDRAWN or (person.joined and person.joined > event.date):
            continue
        if (spec.everyone or spec.nobody_named
                or ("mentor" in spec.roles and person.role.mentors)
                or ("mentee" in spec.roles and person.role.mentees)
                or person.department.casefold() in departments):
            chosen.add(person_id)
    return sorted(chosen)


def invitees(event: Event, people: Mapping[str, Participant],
             relationships: Mapping[str, Relationship]) -> list[Invitee]:
    return [Invitee(i, people[i].name, people[i].email)
            for i in invited_ids(event, people, relationships)]


def describe(event: Event) -> str:
    """Who is invited, in words: "everyone", "mentors; Emergency department; 2 people"."""
    spec = event.invite
    if spec.everyone or spec.nobody_named:
        return "everyone"
    parts = [f"{r}s" for r in spec.roles]
    parts += [d if d.casefold().endswith("department") else f"{d} department"
              for d in spec.departments]
    if spec.people:
        parts.append(", ".join(spec.people))
    if spec.pairs:
        parts.append("pairs " + ", ".join(spec.pairs))
    return "; ".join(parts)
