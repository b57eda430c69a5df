"""The hard constraints for one pair (engine/rules.py) say what the arrays say
(engine/constraints.py) for every pair of any people: `request`, `accept`, `pair` and
`validate` decide with the first, `match` with the second."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorkit.engine.constraints import Constraints
from mentorkit.engine.rules import CONSTRAINTS, person_to_person
from mentorkit.models.participant import Participant
from mentorkit.models.program import MatchingSettings

PERSON_TO_PERSON = ("min_years", "more_years", "self", "manager")

# years on both sides of where 32-bit floats round, and the edges the model allows
years = st.one_of(
    st.sampled_from([0.0, 0.1, 1.0, 4.9999999, 5.0, 5.00000001, 5.0000001, 12.0, 70.0]),
    st.floats(0, 70, allow_nan=False),
)
# (up to the 70 years program.yaml allows: 1e39 once overflowed a 32-bit float here)
min_years = st.one_of(st.sampled_from([0.0, 5.0, 5.00000001, 4.99999999, 69.99999999, 70.0]),
                      st.floats(0, 70, allow_nan=False))


@st.composite
def programs(draw: st.DrawFn) -> tuple[dict[str, Participant], list[str], list[str]]:
    n = draw(st.integers(1, 6))
    ids = [f"p{k}" for k in range(n)]
    people = {}
    for k, person_id in enumerate(ids):
        # a manager by id, by email, someone not enrolled, or nobody
        manager = draw(st.one_of(
            st.none(), st.sampled_from(ids), st.sampled_from([f"p{j}@x.org" for j in range(n)]),
            st.just("boss@elsewhere.org")))
        people[person_id] = Participant(
            name=f"Person {k}", email=f"p{k}@x.org", role=draw(st.sampled_from(
                ["mentor", "mentee", "both"])),
            years_experience=draw(years), manager=manager)
    mentees = [i for i in ids if people[i].role.mentees]
    mentors = [i for i in ids if people[i].role.mentors]
    return people, mentees, mentors


@settings(max_examples=300, deadline=None)
@given(program=programs(), least=min_years)
def test_one_pair_rules_match_the_arrays(
    program: tuple[dict[str, Participant], list[str], list[str]], least: float
) -> None:
    people, mentee_ids, mentor_ids = program
    matching = MatchingSettings(min_mentor_years=least)
    emails = {p.email: i for i, p in people.items()}
    arrays = Constraints(mentee_ids, [people[i] for i in mentee_ids], mentor_ids,
                         [people[i] for i in mentor_ids], matching, emails, [])
    for i, mentee in enumerate(mentee_ids):
        for j, mentor in enumerate(mentor_ids):
            expected = [c for c in arrays.why_not(i, j) if c in PERSON_TO_PERSON]
            assert person_to_person(mentee, people[mentee], mentor, people[mentor],
                                    matching.min_mentor_years, emails) == expected


def test_the_rules_name_each_constraint_the_arrays_check() -> None:
    one = Participant(name="A B", email="a@x.org", role="both", years_experience=3)
    arrays = Constraints(["a"], [one], ["a"], [one], MatchingSettings(), {}, [])
    masks = arrays.broken(np.array([0]), np.array([0]))
    assert tuple(masks) == CONSTRAINTS
    # the same person, below the minimum, and with no more years than themself
    assert person_to_person("a", one, "a", one, 5.0, {}) == ["min_years", "more_years", "self"]
