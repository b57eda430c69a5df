"""`mentorkit match explain`: one pair's score feature by feature, the constraints it
breaks, and what forcing it would cost against the optimum.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from mentorkit.services import resolve
from mentorkit.services.matching.pool import pair_problems, prepare
from mentorkit.store.folder import ProgramFolder

if TYPE_CHECKING:
    from mentorkit.engine.solver import Method


@dataclass
class FeatureLine:
    feature: str
    value: float
    weight: float
    points: float
    words: str | None


@dataclass
class ExplainResult:
    JSON_KIND: ClassVar[str] = "match-explanation"  # the --json envelope (render/envelope.py)

    mentee: str
    mentor: str
    mentee_name: str
    mentor_name: str
    score: float
    features: list[FeatureLine]
    forbidden: list[str]  # hard constraints the pair breaks, in words
    chosen: bool | None = None  # did the optimum choose this pair
    optimum_mentor: str | None = None  # whom the optimum gave this mentee
    cost: float | None = None  # total score lost by forcing this pair instead
    note: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "mentee": self.mentee,
            "mentor": self.mentor,
            "mentee_name": self.mentee_name,
            "mentor_name": self.mentor_name,
            "score": self.score,
            "features": [vars(f) for f in self.features],
            "forbidden": self.forbidden,
            "chosen": self.chosen,
            "optimum_mentor": self.optimum_mentor,
            "cost_of_forcing": self.cost,
            "note": self.note,
        }


def explain(
    folder: ProgramFolder, mentee_query: str, mentor_query: str, *, method: Method = "auto"
) -> ExplainResult:
    import numpy as np

    from mentorkit.engine import solver
    from mentorkit.engine.explain import feature_words
    from mentorkit.engine.features import FEATURES

    pool = prepare(folder)
    mentee = resolve.person(mentee_query, pool.people)
    mentor = resolve.person(mentor_query, pool.people)
    forbidden = pair_problems(pool, mentor, mentee)
    i, j = pool.row(mentee), pool.col(mentor)
    result = ExplainResult(mentee, mentor, pool.people[mentee].name, pool.people[mentor].name,
                           0.0, [], forbidden)
    if i is None or j is None:
        result.note = "one of them cannot be matched in this role, so there is no score"
        return result
    values = pool.space.breakdown([i], [j])[0]
    result.score = round(float(pool.space.pairs([i], [j])[0]), 1)
    for k, name in enumerate(FEATURES):
        weight = float(pool.space.weights[k])
        result.features.append(FeatureLine(
            name, round(float(values[k]), 3), weight,
            round(float(values[k] * weight * pool.space.scale), 1),
            feature_words(pool.space, name, pool.people[mentee], pool.people[mentor], mentor)
            if weight > 0 else "not used (weight 0 or `any`)",
        ))
    if forbidden:
        return result
    if pool.capacity[j] <= 0:
        result.note = f"{mentor} has no room left"
        return result
    rows = np.array([n for n, k in enumerate(pool.mentee_ids) if k not in pool.in_open],
                    dtype=np.int64)
    best = solver.assign(pool.space, pool.constraints, pool.capacity, rows=rows, method=method)
    given = dict(zip(best.rows.tolist(), best.cols.tolist(), strict=True))
    result.chosen = given.get(i) == j
    result.optimum_mentor = pool.mentor_ids[given[i]] if i in given else None
    if result.chosen:
        result.cost = 0.0
        return result
    capacity = pool.capacity.copy()
    capacity[j] -= 1
    rest = solver.assign(pool.space, pool.constraints, capacity, rows=rows[rows != i],
                         method=method)
    forced = rest.total + float(pool.space.pairs([i], [j])[0])
    result.cost = round(max(best.total - forced, 0.0), 1)
    return result
