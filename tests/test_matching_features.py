"""Features: each in [0, 1], the documented formulas, block and pair modes agree."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.gen_program import people as generated_people
from mentorkit.engine.explain import common_features, reason_order, reasons
from mentorkit.engine.features import FEATURES, FeatureSpace, words
from mentorkit.models.participant import Participant
from mentorkit.models.program import MatchingSettings


def person(name: str, **fields: Any) -> Participant:
    fields.setdefault("email", f"{name}@example.org")
    fields.setdefault("role", "mentee")
    return Participant.model_validate({"kind": "participant", "name": name, **fields})


def space_of(mentees: list[Participant], mentors: list[Participant], **settings: Any) -> Any:
    ids = [f"m{n}" for n in range(len(mentors))]
    return FeatureSpace(mentees, mentors, ids, MatchingSettings.model_validate(settings))


def value(space: FeatureSpace, feature: str, i: int = 0, j: int = 0) -> float:
    return float(space.breakdown([i], [j])[0][FEATURES.index(feature)])


def test_words_normalise_case_stop_words_and_plurals() -> None:
    assert words("Wound-care Audits") == ("wound", "care", "audit")
    assert words("help with leadership skills") == ("leadership",)
    assert words("process") == ("process",)  # not a plural


def test_expertise_is_one_sided_coverage_of_the_mentees_needs() -> None:
    mentee = person("Maria", wants_help_with=["wound care", "IV therapy", "leadership",
                                              "budgeting"])
    broad = person("Dan", role="mentor", can_help_with=["Wound care", "IV therapy",
                                                         "leadership", "phlebotomy", "QI"])
    narrow = person("Eve", role="mentor", can_help_with=["Budgeting", "care planning"])
    nothing = person("Zed", role="mentor")
    space = space_of([mentee], [broad, narrow, nothing])
    assert value(space, "expertise", 0, 0) == pytest.approx(0.75)  # 3 of 4, extras ignored
    # budgeting whole, half of "wound care": (1 + 0.5) / 4
    assert value(space, "expertise", 0, 1) == pytest.approx(0.375)
    assert value(space, "expertise", 0, 2) == 0.0
    why = reasons(space, space.breakdown([0], [0])[0], mentee, broad, "m0")
    assert why[0] == "offers 3 of 4 things Maria wants: wound care, IV therapy, leadership"


def test_experience_gap_is_a_trapezoid() -> None:
    mentee = person("Ann", years_experience=2)
    mentors = [person(f"M{y}", role="mentor", years_experience=2 + y) for y in
               (0, 1.5, 3, 7, 10, 15, 20, 30)]
    space = space_of([mentee], mentors, ideal_gap_years=(3, 10))
    got = [value(space, "experience_gap", 0, j) for j in range(len(mentors))]
    assert got == pytest.approx([0.0, 0.5, 1.0, 1.0, 1.0, 0.5, 0.0, 0.0])


def test_jaccard_language_modes_availability_and_unknowns() -> None:
    mentee = person("Ann", career_goals=["nurse educator"], interests=["running", "chess"],
                    languages=["Spanish"], meeting_modes=["video"],
                    availability=["weekend", "weekday-morning"])
    match = person("Bo", role="mentor", career_goals=["Nurse Educator", "charge nurse"],
                   interests=["running"], languages=["spanish", "English"],
                   meeting_modes=["video", "phone"], availability=["weekend"])
    blank = person("Cy", role="mentor")
    space = space_of([mentee], [match, blank])
    assert value(space, "career_goals") == pytest.approx(2 / 3)  # {nurse, educator, charge}
    assert value(space, "interests") == pytest.approx(1 / 2)
    assert value(space, "language") == 1.0
    assert value(space, "meeting_mode") == 1.0
    assert value(space, "availability") == pytest.approx(0.5)
    for feature in ("language", "meeting_mode", "availability"):
        assert value(space, feature, 0, 1) == 0.5  # the mentor left it empty: unknown
    assert value(space, "career_goals", 0, 1) == 0.0


@pytest.mark.parametrize(("setting", "same", "other"), [("same", 1.0, 0.0),
                                                        ("different", 0.0, 1.0)])
def test_department_and_site_follow_program_preference(
    setting: str, same: float, other: float
) -> None:
    mentee = person("Ann", department="ICU", site="North")
    mentors = [person("Bo", role="mentor", department="icu", site="north"),
               person("Cy", role="mentor", department="Surgery", site="South")]
    space = space_of([mentee], mentors, department=setting, site=setting)
    assert value(space, "department", 0, 0) == same
    assert value(space, "department", 0, 1) == other
    assert value(space, "site", 0, 1) == other


def test_any_turns_a_feature_off() -> None:
    mentee = person("Ann", department="ICU")
    mentors = [person("Bo", role="mentor", department="ICU"),
               person("Cy", role="mentor", department="Surgery")]
    space = space_of([mentee], mentors, department="any", site="any")
    scores = space.pairs([0, 0], [0, 1])
    assert scores[0] == scores[1]


def test_preference_counts_only_named_mentors() -> None:
    mentee = person("Ann", preferred_mentors=["m1"])
    mentors = [person("Bo", role="mentor"), person("Cy", role="mentor")]
    space = space_of([mentee], mentors)
    assert value(space, "preference", 0, 0) == 0.0
    assert value(space, "preference", 0, 1) == 1.0
    why = reasons(space, space.breakdown([0], [1])[0], mentee, mentors[1], "m1")
    assert "Ann asked for this mentor" in why


@pytest.mark.parametrize(
    "settings",
    [{"department": "different"}, {"department": "same", "site": "any"},
     {"ideal_gap_years": (0, 0), "site": "different"}],
)
def test_block_and_pairs_agree_and_scores_stay_in_range(settings: dict[str, Any]) -> None:
    docs = generated_people(60, 25, seed=3, both=0.2)
    for n, doc in enumerate(docs.values()):  # some blanks: unknown values
        if n % 4 == 0:
            doc.update(department="", site="", languages=[], meeting_modes=[],
                       availability=[], wants_help_with=[], can_help_with=[])
    people = [Participant.model_validate(d) for d in docs.values()]
    mentees = [p for p in people if p.role.mentees]
    mentors = [p for p in people if p.role.mentors]
    space = space_of(mentees, mentors, **settings)
    block = space.block(np.arange(len(mentees)))
    assert np.allclose(block, space.block_by_formula(np.arange(len(mentees))), atol=1e-3)
    ii, jj = np.meshgrid(np.arange(len(mentees)), np.arange(len(mentors)), indexing="ij")
    pairs = space.pairs(ii.ravel(), jj.ravel()).reshape(block.shape)
    assert np.allclose(block, pairs, atol=1e-4)
    assert block.min() >= 0 and block.max() <= 100
    values = space.breakdown(ii.ravel(), jj.ravel())
    assert values.min() >= 0 and values.max() <= 1
    weighted = (values * space.weights).sum(axis=1) * space.scale
    assert np.allclose(weighted.reshape(block.shape), block, atol=1e-3)


def test_reasons_put_features_every_pair_shares_last() -> None:
    mentee = person("Ann", years_experience=1, wants_help_with=["triage"],
                    languages=["English"], interests=["chess"])
    mentor = person("Bo", role="mentor", years_experience=6, can_help_with=["triage"],
                    languages=["English"], interests=["chess"])
    space = space_of([mentee], [mentor])
    values = space.breakdown([0], [0])
    plain = reasons(space, values[0], mentee, mentor, "m0", top=10)
    assert plain == ["offers what Ann wants: triage", "5 years ahead", "shares interests: chess",
                     "both speak English"]
    many = np.repeat(values, 10, axis=0)
    common = common_features(many)
    assert common[FEATURES.index("experience_gap")] and common[FEATURES.index("language")]
    assert not common[FEATURES.index("preference")]
    ranked = reasons(space, values[0], mentee, mentor, "m0", top=10,
                     common=np.array([f == "experience_gap" for f in FEATURES]))
    assert ranked[-1] == "5 years ahead"  # every pair has it: it tells them apart least
    assert not common_features(values).any()  # too few pairs to tell


@settings(max_examples=100, deadline=None)
@given(rows=st.lists(st.lists(st.sampled_from([0.0, 0.25, 0.5, 1.0]), min_size=len(FEATURES),
                              max_size=len(FEATURES)), min_size=1, max_size=6),
       common=st.lists(st.booleans(), min_size=len(FEATURES), max_size=len(FEATURES)))
def test_reason_order_for_many_pairs_is_each_pairs_own_sort(
    rows: list[list[float]], common: list[bool],
) -> None:
    # usual features last, then most points first, then feature order; none without points
    space = space_of([person("Ann")], [person("Bo", role="mentor")])
    values = np.array(rows, dtype=np.float32)
    usual = np.array(common)
    orders = reason_order(space, values, usual)
    for row, order in zip(values, orders, strict=True):
        points = row * space.weights
        expected = [k for k in sorted(range(len(FEATURES)),
                                      key=lambda k: (bool(usual[k]), -float(points[k]), k))
                    if points[k] > 0]
        assert order.tolist() == expected
