"""Never the same pair twice, across rounds: the pairs of earlier rounds (past-pairs.yaml)
found among this round's participants."""

from __future__ import annotations

from mentorkit.errors import InvalidFile, Problem
from mentorkit.models.participant import Participant
from mentorkit.models.past_pairs import PastPair
from mentorkit.services.monitoring.loaded import Loaded
from mentorkit.store.cohorts import load_past_pairs
from mentorkit.store.folder import ProgramFolder


def earlier_pairs(
    folder: ProgramFolder, people: dict[str, Participant]
) -> dict[tuple[str, str], PastPair]:
    """(mentor id, mentee id) in this round -> the earlier round's pair, the first round
    it happened in. A person is found by the email or the id the earlier round knew:
    either is enough, since proposing a past pair again is the mistake to avoid."""
    past = load_past_pairs(folder)
    if not past.pairs:
        return {}
    by_email: dict[str, list[str]] = {}
    for person_id, person in people.items():
        by_email.setdefault(person.email, []).append(person_id)
    out: dict[tuple[str, str], PastPair] = {}
    for pp in past.pairs:
        mentors = {*by_email.get(pp.mentor_email, []), *([pp.mentor] if pp.mentor in people
                                                         else [])}
        mentees = {*by_email.get(pp.mentee_email, []), *([pp.mentee] if pp.mentee in people
                                                         else [])}
        for mentor in mentors:
            for mentee in mentees:
                out.setdefault((mentor, mentee), pp)
    return out


def past_pairs_file(s: Loaded) -> list[Problem]:
    """`validate`: past-pairs.yaml reads cleanly (matching refuses to run otherwise)."""
    try:
        load_past_pairs(s.folder)
    except InvalidFile as exc:
        return exc.problems
    return []
