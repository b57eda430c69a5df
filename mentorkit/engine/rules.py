"""The hard constraints for one pair, worked out without arrays.

engine/constraints.py decides them for every mentee against every mentor at once, with
numpy and scipy. A command about one pair (`request`, `accept`, `pair`, `validate`'s
pinned pairs) needs only its own answer, and importing numpy and scipy alone costs more
than the half second such a command is given. So the rules are written here once more,
for one pair; tests/test_pair_rules.py holds this answer equal to the arrays' for any
two people (Hypothesis), so the two cannot drift apart.

Nothing here imports numpy, scipy or pydantic.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Mapping
from typing import TYPE_CHECKING

from mentorkit.vocab import Status
from mentorkit.words import noun

if TYPE_CHECKING:
    from mentorkit.models.participant import Participant

# every hard constraint by name, in the order they are reported
CONSTRAINTS: tuple[str, ...] = (
    "min_years", "more_years", "self", "manager", "excluded", "paired_before",
    "earlier_round", "untrained",
)
YEARS = ("year's", "years'")  # "1 year's experience", "3 years' experience"


def not_taking_part(person: Participant, side: str) -> str | None:
    """Why this person cannot be matched on `side` ('mentor' or 'mentee'), or None."""
    if person.status is not Status.ACTIVE:
        return f"is {person.status.value}"
    if not person.role.takes(side):
        return f"is not enrolled as a {side}"
    return None


def person_to_person(
    mentee_id: str, mentee: Participant, mentor_id: str, mentor: Participant,
    min_years: float, emails: Mapping[str, str],
) -> list[str]:
    """The constraints between the two people themselves that the pair breaks, by name:
    min_years, more_years, self and manager. (The listed ones, excluded, paired_before
    and earlier_round, and the mentor's training are the caller's: they come from files
    about the program, not from the two people.) `emails` maps an enrolled person's
    email to their id: a manager may be given either way."""
    # the arrays hold years as 32-bit floats and compare the minimum as one too
    mentor_years = _f32(mentor.years_experience)
    broken = {
        "min_years": mentor_years < _f32(float(min_years)),
        "more_years": mentor_years <= _f32(mentee.years_experience),
        "self": mentee_id == mentor_id,
        "manager": _manager(mentee, emails) == mentor_id
        or _manager(mentor, emails) == mentee_id,
    }
    return [name for name in CONSTRAINTS if broken.get(name)]


def constraint_words(name: str, min_years: float) -> str:
    return {
        "min_years": f"has fewer than {min_years:g} {noun(min_years, YEARS[0], YEARS[1])} "
                     "experience",
        "more_years": "has no more years' experience than the mentee",
        "self": "is the same person",
        "manager": "is the manager or direct report",
        "excluded": "is on the exclusion list",
        "paired_before": "was already paired before with this mentee",
        "earlier_round": "was paired with this mentee in an earlier round",
        "untrained": "has not completed the training the program asks of mentors",
    }[name]


def _manager(person: Participant, emails: Mapping[str, str]) -> str | None:
    m = person.manager
    return None if m is None else emails.get(m, m)


def _f32(value: float) -> float:
    """`value` rounded to the nearest 32-bit float, as numpy stores it."""
    try:
        return float(struct.unpack("f", struct.pack("f", value))[0])
    except OverflowError:  # beyond a 32-bit float's range: numpy makes it infinite
        return math.copysign(math.inf, value)
