"""Which pair a response belongs to, and which side answered, from the respondent's email.

A person in one open relationship needs nothing more. Someone with several (a mentor of
two, or a mentor in one pair and a mentee in another) names their partner in the form's
partner question; without it the row is refused, with the candidates named.
"""

from __future__ import annotations

from dataclasses import dataclass

from mentorkit.errors import InvalidInput
from mentorkit.models.participant import Participant
from mentorkit.models.relationship import Relationship
from mentorkit.services.collection.answers import fold
from mentorkit.vocab import Respondent


@dataclass(frozen=True)
class Found:
    pair: str
    respondent: Respondent
    person: str  # participant id


class PairFinder:
    def __init__(
        self, people: dict[str, Participant], relationships: dict[str, Relationship]
    ) -> None:
        self.people = people
        self.relationships = relationships
        self.by_email = {p.email.casefold(): pid for pid, p in people.items()}

    def find(self, email: str, partner: str = "", *, closed_too: bool = False) -> Found:
        """The pair of the person with this email. `closed_too`: an evaluation comes at
        the end, so a closed relationship counts as well as an open one."""
        person = self._person(email)
        pairs = [r for r in self.relationships.values()
                 if person in (r.mentor, r.mentee) and (closed_too or r.status.is_open)]
        if partner.strip():
            named = [r for r in pairs if self._is(partner, self._other(r, person))]
            if not named:
                raise InvalidInput(
                    f"{partner!r} is not {self._name(person)}'s mentoring partner",
                    self._choose(person, pairs),
                )
            pairs = named
        if not pairs:
            state = "relationship" if closed_too else "open relationship"
            raise InvalidInput(f"{self._name(person)} ({email}) is in no {state}")
        if len(pairs) > 1:
            raise InvalidInput(
                f"{self._name(person)} is in {len(pairs)} relationships; which one is this "
                "about?", self._choose(person, pairs))
        return self._found(pairs[0], person)

    def in_pair(self, email: str, pair: str, *, closed_too: bool = False) -> Found:
        """The side of `pair` the person with this email is on: a pair's workbook names
        its pair, so their other relationships have no say (and it asks no partner)."""
        person = self._person(email)
        relationship = self.relationships[pair]
        if person not in (relationship.mentor, relationship.mentee):
            raise InvalidInput(f"{email} is not in {pair}, the pair this workbook is for")
        if not (closed_too or relationship.status.is_open):
            raise InvalidInput(f"{pair} is {relationship.status.value}: only its evaluation "
                               "can be filed now")
        return self._found(relationship, person)

    def _person(self, email: str) -> str:
        person = self.by_email.get(email.strip().casefold())
        if person is None:
            raise InvalidInput(f"{email or 'no email'}: no participant has this email",
                               "Enrol them, or correct the email in the participant's file.")
        return person

    def _found(self, relationship: Relationship, person: str) -> Found:
        side = Respondent.MENTOR if relationship.mentor == person else Respondent.MENTEE
        return Found(relationship.id, side, person)

    def _other(self, relationship: Relationship, person: str) -> str:
        return relationship.mentee if relationship.mentor == person else relationship.mentor

    def _is(self, answer: str, person_id: str) -> bool:
        said = fold(answer)
        person = self.people.get(person_id)
        names = {fold(person_id.replace("-", " "))}
        if person is not None:
            names |= {fold(person.name), fold(person.email)}
            names.add(fold(person.name.split()[0]) if person.name.split() else "")
        return said in names - {""}

    def _choose(self, person: str, pairs: list[Relationship]) -> str:
        others = ", ".join(self._name(self._other(r, person)) for r in pairs)
        return f"Answer 'Who is your mentoring partner?' with one of: {others}."

    def _name(self, person: str) -> str:
        found = self.people.get(person)
        return found.name if found else person
