"""Scores and constraints in words: why a pair fits, why a mentee stayed unmatched."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from mentorkit.engine.features import FEATURES, FeatureSpace
from mentorkit.engine.rules import CONSTRAINTS, constraint_words
from mentorkit.words import of, plural

if TYPE_CHECKING:
    from mentorkit.models.participant import Participant

TOP_REASONS = 3
COMMON_SHARE = 0.9  # a feature full in this share of the pairs shown is "common"
_MODES = {"in-person": "in person", "video": "by video", "phone": "by phone", "chat": "by chat"}
_SLOTS = {"weekday-morning": "weekday mornings", "weekday-afternoon": "weekday afternoons",
          "weekday-evening": "weekday evenings", "weekend": "at weekends",
          "night-shift": "on night shifts"}


def first_name(person: Participant) -> str:
    return person.name.split()[0] if person.name.split() else person.name


def _listing(items: Sequence[str], most: int = 3) -> str:
    shown = list(items[:most])
    more = len(items) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def _shared_phrases(space: FeatureSpace, mine: Sequence[str], theirs: Sequence[str]) -> list[str]:
    theirs_words = set(space.words.bag(theirs))
    return [p for p in mine if set(space.words(p)) & theirs_words]


def covered_needs(space: FeatureSpace, mentee: Participant, mentor: Participant) -> list[str]:
    """The mentee's wanted phrases of which the mentor offers at least half the words."""
    offered = set(space.words.bag(mentor.can_help_with))
    out = []
    for phrase in mentee.wants_help_with:
        ws = space.words(phrase)
        if ws and sum(w in offered for w in ws) * 2 >= len(ws):
            out.append(phrase)
    return out


def feature_words(
    space: FeatureSpace, name: str, mentee: Participant, mentor: Participant, mentor_id: str
) -> str | None:
    """One feature of one pair in words, or None when there is nothing concrete to say."""
    who = first_name(mentee)
    settings = space.settings
    if name == "expertise":
        wanted = [p for p in mentee.wants_help_with if space.words(p)]
        covered = covered_needs(space, mentee, mentor)
        if not wanted or not covered:
            return None
        if len(wanted) == 1:
            return f"offers what {who} wants: {covered[0]}"
        return f"offers {len(covered)} of {len(wanted)} things {who} wants: {_listing(covered)}"
    if name == "experience_gap":
        gap = mentor.years_experience - mentee.years_experience
        low, high = settings.ideal_gap_years
        if gap <= 0:
            return None
        text = f"{plural(gap, 'year')} ahead"
        return text if low <= gap <= high else f"{text} (ideal {low:g}–{high:g})"
    if name in ("career_goals", "interests"):
        shared = _shared_phrases(space, getattr(mentee, name), getattr(mentor, name))
        label = "career goals" if name == "career_goals" else "interests"
        return f"shares {label}: {_listing(shared)}" if shared else None
    if name == "language":
        theirs = {x.casefold() for x in mentor.languages}
        shared = [x for x in mentee.languages if x.casefold() in theirs]
        return f"both speak {_listing(shared)}" if shared else None
    if name == "meeting_mode":
        modes = [_MODES[m.value] for m in mentee.meeting_modes if m in mentor.meeting_modes]
        if not modes:
            return None
        head = ", ".join(modes[:-1]) + " or " if len(modes) > 1 else ""
        return f"both can meet {head}{modes[-1]}"
    if name == "availability":
        slots = [_SLOTS[a.value] for a in mentee.availability if a in mentor.availability]
        return f"both free {_listing(slots)}" if slots else None
    if name in ("department", "site"):
        mine, theirs = getattr(mentee, name), getattr(mentor, name)
        if not mine or not theirs:
            return None
        same = mine.casefold() == theirs.casefold()
        if getattr(settings, name).value == "same":
            return f"same {name} ({mine})" if same else None
        return f"different {name} ({theirs})" if not same else None
    if name == "preference":
        return f"{who} asked for this mentor" if mentor_id in mentee.preferred_mentors else None
    raise ValueError(name)


def reasons(
    space: FeatureSpace,
    values: np.ndarray,
    mentee: Participant,
    mentor: Participant,
    mentor_id: str,
    *,
    top: int = TOP_REASONS,
    common: np.ndarray | None = None,
    order: np.ndarray | None = None,
) -> list[str]:
    """The pair's strongest reasons, biggest share of the score first (ties: feature order).

    `common` marks features nearly every pair has in full (everyone speaks English):
    true, but they tell pairs apart least, so they come after the others. `order` is
    `reason_order` of this pair, when it was worked out for many pairs at once."""
    if order is None:
        order = reason_order(space, values[None, :], common)[0]
    out: list[str] = []
    for k in order.tolist():
        if len(out) >= top:
            break
        text = feature_words(space, FEATURES[k], mentee, mentor, mentor_id)
        if text:
            out.append(text)
    return out


def reason_order(
    space: FeatureSpace, values: np.ndarray, common: np.ndarray | None = None
) -> list[np.ndarray]:
    """Per pair (a row of feature `values`), the features that add points, in the order
    their reasons are given: usual ones last, then the most points first, then feature
    order. One sort for all the pairs."""
    points = values * space.weights
    usual = np.broadcast_to(
        common if common is not None else np.zeros(len(FEATURES), dtype=bool), points.shape)
    position = np.broadcast_to(np.arange(len(FEATURES)), points.shape)
    order = np.lexsort((position, -points, usual), axis=1)
    adds = np.take_along_axis(points, order, axis=1) > 0
    return [row[keep] for row, keep in zip(order, adds, strict=True)]


def common_features(values: np.ndarray) -> np.ndarray:
    """Features at (nearly) 1 in at least COMMON_SHARE of the rows of `values` (pairs ×
    features); none when there are too few pairs to say."""
    if values.shape[0] < 10:
        return np.zeros(values.shape[1], dtype=bool)
    return np.asarray((values >= 0.99).mean(axis=0) >= COMMON_SHARE)


def unmatched_reason(
    feasible: int, roomy: int, failures: dict[str, int], n_mentors: int, min_years: float
) -> str:
    """Why one mentee stayed unmatched, from the solver's per-mentee counts."""
    if n_mentors == 0:
        return "no mentor is taking part"
    if feasible == 0:
        name = max(CONSTRAINTS, key=lambda c: (failures.get(c, 0), -CONSTRAINTS.index(c)))
        count = failures.get(name, 0)
        return (
            f"no mentor passes the constraints (most often: the mentor "
            f"{constraint_words(name, min_years)}, {of(count, n_mentors, 'mentor')})"
        )
    if roomy == 0:
        return "the one fitting mentor is full" if feasible == 1 else (
            f"all {feasible} fitting mentors are full")
    if roomy == 1:
        return "the one fitting mentor with room went to a mentee who fits them better"
    return (f"all {roomy} fitting mentors are full (their places went to mentees who fit "
            "them better)")
