"""Solving again after pricing added a few pairs: only where the optimum can move.

Pricing (certificate.py) usually adds a handful of pairs to a graph of a million, and a
second solve of the whole graph costs as much as the first (scipy's solver spends time
on every column for every slot, however little changes). A local solve gives the same
exact optimum:

Let M be optimal on the graph before the pairs were added, with dual prices (u, v)
(certificate.prices). Every old pair then has reduced cost r_ij = u_i + v_j - s_ij >= 0,
zero on M; only an added pair can have r < 0, by at most D in all. A better matching M*
differs from M in alternating paths and cycles, each of which gains something, so the
reduced costs along one, added pairs aside, sum to less than D. So every mentee and
mentor that M* treats differently lies within distance D of an added pair's ends along
such a path, with r as the length of an edge (`ball`). Solving the pairs inside that
ball, with M kept outside it, is solving the whole graph.

The caller proves the answer anyway (certificate.prices and the final check), and
solves the whole graph if that proof fails; the argument above only makes the local
solve the usual case.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

# every edge at least this long: scipy's graph routines must never see an explicit 0
LENGTH_FLOOR = 1e-9
SLACK = 1e-3  # points of distance beyond D still searched, against rounding
# (edges ei, ej, ew; mentees n; mentor capacity) -> (rows, cols, scores)
SolveGraph = Callable[
    [np.ndarray, np.ndarray, np.ndarray, int, np.ndarray],
    tuple[np.ndarray, np.ndarray, np.ndarray],
]


def ball(
    ei: np.ndarray, ej: np.ndarray, reduced: np.ndarray, n: int, m: int,
    rows: np.ndarray, cols: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Mentees and mentors (as masks) within the added pairs' total gain of an added
    pair's ends along alternating paths, closed under the matching (a mentee's mentor
    and a mentor's mentees are in it together).

    A path that changes the matching alternates: a pair outside M, then a pair of M,
    and so on. So each person is two nodes, "next a pair of M" (A) and "next a pair
    outside it" (B); a pair outside M leads from B to A at its reduced cost, a pair of
    M from A to B at no cost, and the search starts at the A nodes of the added pairs'
    ends (the added pair itself is the path's first step, either way)."""
    from scipy import sparse
    from scipy.sparse.csgraph import dijkstra

    gaining = reduced < 0
    gain = float(-reduced[gaining].sum())
    people = n + m  # node x: person x's A node; people + x: its B node
    mentor_node = n + ej
    matched_mentor = n + cols
    tails = np.concatenate([people + ei, people + mentor_node, rows, matched_mentor])
    heads = np.concatenate([mentor_node, ei, people + matched_mentor, people + rows])
    outside = np.maximum(reduced, 0.0) + LENGTH_FLOOR
    length = np.concatenate([outside, outside, np.full(2 * len(rows), LENGTH_FLOOR)])
    graph = sparse.csr_matrix((length, (tails, heads)), shape=(2 * people, 2 * people))
    sources = np.unique(np.concatenate([ei[gaining], mentor_node[gaining]]))
    limit = gain + SLACK + LENGTH_FLOOR * 2 * people
    reach = dijkstra(graph, directed=True, indices=sources, min_only=True, limit=limit)
    near = np.isfinite(reach[:people]) | np.isfinite(reach[people:])
    mentees, mentors = near[:n].copy(), near[n:].copy()
    mentors[cols[mentees[rows]]] = True  # a mentee's mentor comes along
    mentees[rows[mentors[cols]]] = True  # and a mentor's mentees
    return mentees, mentors


def solve_near(
    ei: np.ndarray, ej: np.ndarray, ew: np.ndarray, reduced: np.ndarray,
    n: int, capacity: np.ndarray,
    rows: np.ndarray, cols: np.ndarray, chosen: np.ndarray, solve: SolveGraph,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The matching with the pairs inside `ball` solved again and M kept outside it.

    `reduced` is u_i + v_j - s_ij for every edge under M's prices; the added pairs are
    the ones below 0."""
    m = len(capacity)
    mentees, mentors = ball(ei, ej, reduced, n, m, rows, cols)
    inside = mentees[ei] & mentors[ej]
    local_i = np.cumsum(mentees) - 1  # mentee -> its number inside the ball
    local_j = np.cumsum(mentors) - 1
    si, sj, sw = local_i[ei[inside]], local_j[ej[inside]], ew[inside]
    r, c, w = solve(si, sj, sw, int(mentees.sum()), capacity[mentors])
    kept = ~mentees[rows]
    new_rows = np.concatenate([rows[kept], np.flatnonzero(mentees)[r]])
    new_cols = np.concatenate([cols[kept], np.flatnonzero(mentors)[c]])
    new_chosen = np.concatenate([chosen[kept], w])
    order = np.argsort(new_rows, kind="stable")
    return new_rows[order], new_cols[order], new_chosen[order]
