"""The last `match` answer, kept as the start of the next one (engine/repair.py).

A coordinator who corrects one participant and runs `match` again would otherwise pay
for the whole solve again: 4–5 s of 20 on 50,000 mentees × 10,000 mentors, however small
the edit. So each answer's pairs (mentee and mentor ids), mentor prices and the pairs
pricing added to its graph are kept, and the next run starts from them, solving again
only near where they no longer fit. (A dense solve has no prices: it keeps no record and
ignores one.)

The record lives in the result cache (store/results.py: owner-only, signed with the
user's secret, so a damaged, copied or forged record is ignored), one per program folder
and mentorkit version. It holds ids and numbers only, no one's text. It is only ever a
start: the answer is proven optimal as every answer is (engine/certificate.py), so a
stale record costs time, never the optimum.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

    from mentorkit.engine.certificate import Previous
    from mentorkit.engine.solver import Solution
    from mentorkit.services.matching.pool import Pool

REQUEST = {"record": "match-start", "format": 1}


def recall(pool: Pool, rows: np.ndarray) -> Previous | None:
    """The last answer in this solve's numbering (mentees by their position in `rows`),
    or None when there is none to be had."""
    import numpy as np

    from mentorkit.engine.certificate import Previous
    from mentorkit.store.results import open_results

    with open_results(pool.folder.root) as cache:
        found: Any = cache.get_json(cache.key(REQUEST, b"")) if cache is not None else None
    position = {int(r): n for n, r in enumerate(rows)}

    def numbered(mentees: Any, mentors: Any) -> tuple[np.ndarray, np.ndarray]:
        pairs = [(pool.row(a), pool.col(b)) for a, b in zip(mentees, mentors, strict=True)]
        kept = [(position[i], j) for i, j in pairs
                if i is not None and i in position and j is not None]
        return (np.array([i for i, _ in kept], dtype=np.int64),
                np.array([j for _, j in kept], dtype=np.int64))

    try:
        v = np.zeros(len(pool.mentor_ids))
        for mentor, value in found["prices"].items():
            j = pool.col(mentor)
            if j is not None and isinstance(value, int | float):
                v[j] = value
        return Previous(*numbered(found["mentees"], found["mentors"]), v,
                        *numbered(*found["added"]))
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def remember(pool: Pool, solution: Solution, solved: np.ndarray) -> None:
    """Keep `solution` of the mentees `solved` (a sparse one: it has prices) as the next
    run's start. Failures are ignored: the record is only a shortcut."""
    from mentorkit.store.results import open_results

    cert = solution.certificate
    if cert is None:
        return
    added_rows, added_cols = cert.added_pairs  # positions among the mentees solved
    record = {
        "mentees": [pool.mentee_ids[i] for i in solution.rows.tolist()],
        "mentors": [pool.mentor_ids[j] for j in solution.cols.tolist()],
        # the pairs pricing added to the graph: the next graph has them from the start
        "added": [[pool.mentee_ids[i] for i in solved[added_rows].tolist()],
                  [pool.mentor_ids[j] for j in added_cols.tolist()]],
        "prices": {pool.mentor_ids[j]: value
                   for j, value in enumerate(cert.mentor_price.tolist())
                   if math.isfinite(value) and value > 0},
    }
    with open_results(pool.folder.root) as cache:
        if cache is not None:
            cache.put_json(cache.key(REQUEST, b""), record)
