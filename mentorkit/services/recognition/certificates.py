"""`mentorkit certificate PAIR|PERSON`: who gets a certificate of completion, and what it says.

A certificate is for one person in one completed relationship: a pair gives two (mentor
and mentee), a person one for each relationship of theirs that completed. It says who
(name, role, the other person), the program and organisation, the dates, the meetings and
hours, and the goals achieved — the goal statements of goals.yaml that reached
`achieved` by the latest-session rule, nothing else. Never a session's notes, issues or
learnings, a goal's progress note, an evaluation's free text or a profile's notes: a
certificate leaves the program (it is printed, framed, mailed).

Everything is worked out as the program stood on the day (services/asof.py), so a pair
closed after --as-of is not completed yet. The certificate is dated by the completion,
not by the day it is made, so making it again gives the same file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from mentorkit.errors import Conflict, NotFound
from mentorkit.models.base import plain
from mentorkit.models.pair import PairRecord
from mentorkit.services import resolve
from mentorkit.services.asof import existing_on, snapshot_on
from mentorkit.services.toolkit.settled import FINAL_MEETING, evaluation_word
from mentorkit.store.folder import ProgramFolder
from mentorkit.store.snapshot import Snapshot
from mentorkit.vocab import GoalStatus, MeetingKind, RelationshipStatus, Respondent

# What a one-page certificate can hold; longer text is cut at a word, with an ellipsis.
GOAL_CHARS = 240
NAME_CHARS = 80
PROGRAM_CHARS = 120


@dataclass
class Certificate:
    pair: str
    person: str  # participant id
    name: str
    role: str  # mentor or mentee
    other_name: str  # the other person in the pair
    program: str
    organisation: str
    started: dt.date
    completed: dt.date
    sessions: int
    hours: float
    goals: list[str]  # the statements of the goals achieved

    @property
    def filename(self) -> str:
        """certificate-<pair>-<role>: one file per person and relationship."""
        return f"certificate-{self.pair}-{self.role}"


@dataclass
class CertificateResult:
    JSON_KIND: ClassVar[str] = "certificates"  # the --json envelope (render/envelope.py)
    as_of: dt.date
    certificates: list[Certificate]
    written: list[str] = field(default_factory=list)  # files, once the CLI wrote them

    def to_json(self) -> dict[str, Any]:
        return plain(self, json=True)


def certificates(folder: ProgramFolder, query: str, as_of: dt.date) -> CertificateResult:
    """`mentorkit certificate`: see `build`. Reads the pairs asked for, their people and
    program.yaml, not every file of the program: who is meant is found first (by the name
    index where it can be, services/toolkit/pair.py)."""
    from mentorkit.services.toolkit.pair import by_name, exact_pair, pairs_snapshot

    exact = exact_pair(folder, query)
    pairs = [exact] if exact else by_name(
        folder, lambda people, relationships: _asked(people, relationships, query)[1])
    return build(pairs_snapshot(folder, pairs), query, as_of)


def build(snapshot: Snapshot, query: str, as_of: dt.date) -> CertificateResult:
    """The certificates for a pair (both people) or a person (each completed relationship).
    Refuses, saying what is missing, when there is nothing completed to certify."""
    then = snapshot_on(snapshot, as_of)
    person, pairs = _asked_on(snapshot, then, query, as_of)
    done = [p for p in pairs if then.pairs[p].relationship.status is RelationshipStatus.COMPLETED]
    if not done:
        raise _not_completed(then, pairs, query, as_of)
    made = []
    for pair in done:
        made.extend(for_pair(then, then.pairs[pair]))
    if person is not None:
        made = [c for c in made if c.person == person]
    return CertificateResult(as_of, made)


def for_pair(snapshot: Snapshot, files: PairRecord) -> list[Certificate]:
    """The mentor's and the mentee's certificates of a completed pair."""
    rel = files.relationship
    if rel.status is not RelationshipStatus.COMPLETED:
        raise ValueError(f"{rel.id} is not completed")
    program = snapshot.program
    completed = rel.closure.date if rel.closure else rel.ended
    held = [s for s in files.records if completed is None or s.date <= completed]
    first = min([d for d in (rel.started, *(s.date for s in held)) if d is not None],
                default=rel.created)
    goals = [_cut(g.statement, GOAL_CHARS) for g in files.current_goals()
             if g.status is GoalStatus.ACHIEVED]
    names = {who: _name(snapshot, who) for who in (rel.mentor, rel.mentee)}
    return [
        Certificate(
            pair=rel.id, person=me, name=names[me], role=role, other_name=names[other],
            program=_cut(program.name, PROGRAM_CHARS),
            organisation=_cut(program.organisation, PROGRAM_CHARS),
            started=first, completed=completed or first, sessions=len(held),
            hours=round(sum(s.duration_minutes for s in held) / 60, 2), goals=goals,
        )
        for me, other, role in ((rel.mentor, rel.mentee, "mentor"),
                                (rel.mentee, rel.mentor, "mentee"))
    ]


def _name(snapshot: Snapshot, person: str) -> str:
    found = snapshot.participants.get(person)
    return _cut(found.name if found else person, NAME_CHARS)


def _cut(text: str, limit: int) -> str:
    words = " ".join(text.split())
    if len(words) <= limit:
        return words
    return words[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.-") + "…"


# -- what was asked for ----------------------------------------------------------------------
def _asked(
    people: Mapping[str, resolve.Named], relationships: Mapping[str, resolve.Paired],
    query: str,
) -> tuple[str | None, list[str]]:
    """The person asked for (None for a pair) and the pairs: a pair id (or prefix) gives
    that pair; a person gives every relationship of theirs."""
    person = _person_asked(people, relationships, query)
    if person is not None:
        theirs = sorted(k for k, r in relationships.items() if person in (r.mentor, r.mentee))
        if not theirs:
            raise NotFound(f"{person} is not in any relationship"
                           + (" yet" if relationships else ""),
                           "A certificate is for a completed relationship.")
        return person, theirs
    return None, [resolve.pair(query, relationships, people)]


def _asked_on(
    snapshot: Snapshot, then: Snapshot, query: str, day: dt.date
) -> tuple[str | None, list[str]]:
    """`_asked` on `day` (`then`); a pair asked for that was created after the day is
    refused as `report --pair` refuses it, not as if it were unknown."""
    try:
        return _asked(then.participants, then.relationships, query)
    except NotFound as unknown:
        try:
            _, later = _asked(snapshot.participants, snapshot.relationships, query)
        except NotFound:
            raise unknown from None
        for pair in later:
            if pair not in then.pairs:
                existing_on(snapshot.pairs[pair], day)
        raise


def _person_asked(
    people: Mapping[str, resolve.Named], relationships: Mapping[str, resolve.Paired],
    query: str,
) -> str | None:
    text = query.strip()
    if text in relationships or "--" in text:
        return None
    try:
        return resolve.person(text, people)
    except NotFound:
        return None


def _not_completed(snapshot: Snapshot, pairs: list[str], query: str, as_of: dt.date) -> Conflict:
    lines = [_why_not(snapshot.pairs[p]) for p in pairs]
    when = "" if as_of >= dt.date.today() else f" as of {as_of}"
    if len(pairs) == 1:
        message, hint = lines[0]
        return Conflict(f"no certificate for {pairs[0]}{when}: {message}", hint)
    each = "; ".join(f"{p}: {m}" for p, (m, _) in zip(pairs, lines, strict=True))
    return Conflict(f"no certificate for {query}{when}: none of their relationships is "
                    f"completed ({each})",
                    "A certificate is for a relationship closed as completed.")


def _why_not(files: PairRecord) -> tuple[str, str]:
    rel = files.relationship
    pair = rel.id
    if rel.status is RelationshipStatus.ENDED_EARLY:
        day = rel.closure.date if rel.closure else rel.ended
        return (f"ended early{f' on {day}' if day else ''}, not completed",
                f"If it did complete: mentorkit reopen {pair} --reason TEXT, then "
                f"mentorkit close {pair} --kind completed --reason TEXT")
    if not rel.status.is_match:
        return (f"a request ({rel.status.value}), not a relationship yet",
                "A certificate is for a relationship closed as completed.")
    missing = _missing(files)
    still = f"; still missing: {', '.join(missing)}" if missing else ""
    return (f"{rel.status.value}, not completed{still}",
            f"When it is done: mentorkit close {pair} --reason TEXT (completed is the default)")


def _missing(files: PairRecord) -> list[str]:
    """What a proper close has that this open pair lacks (the words `close` uses)."""
    missing = []
    if not files.sessions:
        missing.append("any meeting")
    if not any(s.meeting is MeetingKind.FINAL for s in files.records):
        missing.append(FINAL_MEETING)
    missing += [evaluation_word(who) for who in Respondent if who not in files.evaluations]
    return missing
