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

from collections.abc import Callable, Iterator
from typing import Any

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
    gaining = reduced < 0
    gain = float(-reduced[gaining].sum())
    starts = np.unique(np.concatenate([ei[gaining], n + ej[gaining]]))
    return _within(ei, ej, reduced, n, m, rows, cols, starts, gain)


def _within(
    ei: np.ndarray, ej: np.ndarray, reduced: np.ndarray, n: int, m: int,
    rows: np.ndarray, cols: np.ndarray, starts: np.ndarray, radius: float,
) -> tuple[np.ndarray, np.ndarray]:
    """People within `radius` of the nodes `starts` along alternating paths (see `ball`;
    node x < n + m is person x's A node, n + m + x its B node), closed under the
    matching."""
    graph = _alternating(ei, ej, reduced, n, m, rows, cols)
    return _near(graph, n, m, rows, cols, starts, radius)


def _alternating(
    ei: np.ndarray, ej: np.ndarray, reduced: np.ndarray, n: int, m: int,
    rows: np.ndarray, cols: np.ndarray,
) -> Any:
    """The two-state graph of `ball`: a pair outside M from B to A at its reduced cost,
    a pair of M from A to B at (almost) none."""
    from scipy import sparse

    people = n + m  # node x: person x's A node; people + x: its B node
    mentor_node = n + ej
    matched_mentor = n + cols
    tails = np.concatenate([people + ei, people + mentor_node, rows, matched_mentor])
    heads = np.concatenate([mentor_node, ei, people + matched_mentor, people + rows])
    outside = np.maximum(reduced, 0.0) + LENGTH_FLOOR
    length = np.concatenate([outside, outside, np.full(2 * len(rows), LENGTH_FLOOR)])
    return sparse.csr_matrix((length, (tails, heads)), shape=(2 * people, 2 * people))


def _near(
    graph: Any, n: int, m: int, rows: np.ndarray, cols: np.ndarray, starts: np.ndarray,
    radius: float,
) -> tuple[np.ndarray, np.ndarray]:
    """People within `radius` of `starts` on the `_alternating` graph, closed under M."""
    from scipy.sparse.csgraph import dijkstra

    people = n + m
    limit = radius + SLACK + LENGTH_FLOOR * 2 * people
    reach = dijkstra(graph, directed=True, indices=starts, min_only=True, limit=limit)
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
    mentees, mentors = ball(ei, ej, reduced, n, len(capacity), rows, cols)
    return _solve_inside(mentees, mentors, ei, ej, ew, capacity, rows, cols, chosen, solve)


def _solve_inside(
    mentees: np.ndarray, mentors: np.ndarray,
    ei: np.ndarray, ej: np.ndarray, ew: np.ndarray, capacity: np.ndarray,
    rows: np.ndarray, cols: np.ndarray, chosen: np.ndarray, solve: SolveGraph,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """M outside the people marked (closed under M), the best matching inside them."""
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


def from_previous(
    ei: np.ndarray, ej: np.ndarray, ew: np.ndarray, n: int, capacity: np.ndarray,
    previous: tuple[np.ndarray, ...], solve: SolveGraph,
) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Answers to try, started from the previous run's pairs and mentor prices (rows,
    columns, v; in this graph's numbering), each solved again in a wider ball around
    where they no longer fit; the caller proves each (certificate.prices) and stops at
    the first that holds.

    The previous pairs that are still edges (within each mentor's room) make M; the
    previous prices v, with u_i = max(0, max_k s_ik - v_k), satisfy u_i + v_j >= s_ij on
    every edge. M is optimal exactly when nothing is left over: no pair of M with
    u_i + v_j > s_ij, no unmatched mentee with u_i > 0, no mentor with room left and
    v_j > 0 (complementary slackness). Their sum, the gap, bounds what any matching can
    gain over M; as in `ball`, every person a better matching treats differently lies
    within the gap of one of those places along alternating paths, so a ball of that
    radius always holds the optimum. The gap is a loose bound (an edited mentee who now
    prefers another mentor leaves the whole of their mentor's price in it), and the
    optimum usually moves much less far, so smaller balls are tried first: radius 1,
    then 8 times wider each time, up to the gap. When nothing changed since the previous
    run, the gap is 0 and M itself is the one answer."""
    m = len(capacity)
    rows, cols, chosen = _still_edges(ei, ej, ew, n, capacity, *previous[:2])
    v = np.asarray(previous[2], dtype=np.float64)
    v = np.where(np.isfinite(v) & (v > 0), v, 0.0) if v.shape == (m,) else np.zeros(m)
    u = np.zeros(n)
    if len(ei):
        np.maximum.at(u, ei, ew - v[ej])
    reduced = u[ei] + v[ej] - ew
    matched = np.zeros(n, dtype=bool)
    matched[rows] = True
    room = capacity - np.bincount(cols, minlength=m)
    held = u[rows] + v[cols] - chosen  # each pair of M's surplus over its score
    loose_pairs = held > GAP_FLOOR
    lonely = ~matched & (u > GAP_FLOOR)  # unmatched, yet some mentor pays it
    idle = (room > 0) & (v > GAP_FLOOR)  # room left, yet priced
    gap = float(held[loose_pairs].sum() + u[lonely].sum() + (v * np.maximum(room, 0))[idle].sum())
    if not (loose_pairs.any() or lonely.any() or idle.any()):
        yield rows, cols, chosen
        return
    people = n + m
    places = np.concatenate([rows[loose_pairs], n + cols[loose_pairs],
                             np.flatnonzero(lonely), n + np.flatnonzero(idle)])
    starts = np.unique(np.concatenate([places, people + places]))  # both A and B nodes
    radius = min(FIRST_RADIUS, gap)
    graph = _alternating(ei, ej, reduced, n, m, rows, cols)  # once, for every radius
    while True:
        mentees, mentors = _near(graph, n, m, rows, cols, starts, radius)
        yield _solve_inside(mentees, mentors, ei, ej, ew, capacity, rows, cols, chosen, solve)
        if radius >= gap or (mentees.all() and mentors.all()):  # no wider ball left
            return
        radius = min(radius * WIDER, gap)


FIRST_RADIUS = 1.0  # points: the first ball tried around where the previous answer broke
WIDER = 8.0  # each ball tried after it: this many times the radius

GAP_FLOOR = 1e-9  # slack below this is rounding, not a place where M no longer fits


def _still_edges(
    ei: np.ndarray, ej: np.ndarray, ew: np.ndarray, n: int, capacity: np.ndarray,
    rows: np.ndarray, cols: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The pairs (rows, cols) that are edges of the graph, each mentee once and each
    mentor within its capacity (best scores kept), sorted by mentee, with their scores."""
    m = len(capacity)
    width = max(m, 1)
    rows, cols = np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)
    valid = (rows >= 0) & (rows < n) & (cols >= 0) & (cols < m)
    rows, cols = rows[valid], cols[valid]
    key = ei * width + ej
    order = np.argsort(key, kind="stable")
    wanted = rows * width + cols
    at = np.searchsorted(key, wanted, sorter=order)
    found = at < len(key)
    found[found] = key[order[at[found]]] == wanted[found]
    rows, cols = rows[found], cols[found]
    scores = ew[order[at[found]]]
    best_first = np.lexsort((-scores, cols))  # by mentor, best first
    rows, cols, scores = rows[best_first], cols[best_first], scores[best_first]
    first = np.searchsorted(cols, cols, side="left")
    keep = np.arange(len(cols)) - first < capacity[cols]
    rows, cols, scores = rows[keep], cols[keep], scores[keep]
    _, once = np.unique(rows, return_index=True)
    by_mentee = np.sort(once)
    rows, cols, scores = rows[by_mentee], cols[by_mentee], scores[by_mentee]
    order = np.argsort(rows, kind="stable")
    return rows[order], cols[order], scores[order]
