"""Why a mentor cannot be matched at all, in words, for the capacity table of `match`.

A mentor is marked when no mentee of this round can be proposed to them: they take no
mentees, have no free place, have fewer years than the program's minimum, are paused or
withdrawn, or every mentee waiting is ruled out by the hard constraints (the most common
one named), or the program asks them to complete their training first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mentorkit.engine.rules import CONSTRAINTS, constraint_words, not_taking_part
from mentorkit.services.matching.pool import Pool
from mentorkit.words import of, plural

if TYPE_CHECKING:
    import numpy as np


def cannot_match(
    pool: Pool, mentor: str, j: int, rows: np.ndarray, feasible: int | None = None
) -> str | None:
    """Why no mentee among `rows` (the mentees waiting) can be proposed to mentor `j`
    (None: some can). `feasible`, when known (the solver counts it), is how many of
    `rows` pass every hard constraint with the mentor: only a mentor with none needs
    the constraints checked one by one for the words."""
    import numpy as np

    person = pool.people[mentor]
    total = pool.total_capacity(mentor)
    if total == 0:
        return "takes no mentees (capacity 0)"
    if pool.capacity[j] <= 0:
        return f"no free place: {pool.load.get(mentor, 0)} open of {plural(total, 'place')}"
    least = pool.program.matching.min_mentor_years
    if person.years_experience < least:
        return (f"{plural(person.years_experience, 'year')} of experience, fewer than the "
                f"program's minimum of {least:g}")
    if mentor in pool.untrained:
        return pool.untrained[mentor]
    if len(rows) == 0 or (feasible is not None and feasible > 0):
        return None
    masks = pool.constraints.broken(rows, np.array([j], dtype=np.int64))
    ruled_out = np.zeros(len(rows), dtype=bool)
    for mask in masks.values():
        ruled_out |= mask
    if not ruled_out.all():
        return None
    name = max(CONSTRAINTS, key=lambda c: (int(masks[c].sum()), -CONSTRAINTS.index(c)))
    words = constraint_words(name, least)
    words = words.replace("the mentee", "each mentee").replace("this mentee", "each mentee")
    return (f"ruled out for every mentee waiting: {words} "
            f"({of(int(masks[name].sum()), len(rows), 'mentee')})")


def not_in_round(pool: Pool) -> dict[str, str]:
    """Mentors who are enrolled but not taking part (paused, withdrawn), and why."""
    return {
        k: f"{p.status.value}: not matched until active again"
        for k, p in sorted(pool.people.items())
        if p.role.mentors and not_taking_part(p, "mentor") is not None
    }
