"""The exact optimum from a sparse candidate graph, with a certificate that proves it.

The assignment LP — maximise Σ s_ij x_ij with each mentee at most once and mentor j at
most capacity_j times — has the dual: minimise Σ u_i + Σ capacity_j v_j subject to
u_i + v_j >= s_ij for every allowed pair, u, v >= 0. A matching and dual prices with
equal totals prove each other optimal. So:

1. solve exactly on the candidate graph (scipy's min_weight_full_bipartite_matching) —
   or, given the previous run's answer and prices, solve only where they no longer fit
   (repair.from_previous);
2. compute dual prices for that optimum (`prices`): the least mentor prices v under
   which every matched mentee's mentor is its best candidate and no unmatched mentee
   wants anyone — longest paths over "mentee i could swap from mentor j to k" arcs,
   found by vectorised Bellman–Ford rounds; u_i is then mentee i's best surplus;
3. price every pair left out of the graph: a pair (i, j) could improve the total only
   if s_ij > u_i + v_j. A left-out pair scores at most min(row_bound_i, col_bound_j)
   (candidates.py), so only the pairs where that bound exceeds u_i + v_j are scored
   again, found block by block of rows (memory stays at a block);
4. add every pair that could improve and solve again, until none can; a later solve
   is local to the pairs added (repair.py).

When the loop ends, (u, v) is feasible for the whole problem and its total equals the
matching's: the matching is the exact optimum over all pairs, not just the graph's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

from mentorkit.engine.candidates import cells
from mentorkit.engine.repair import SolveGraph, from_previous, solve_near

TOLERANCE = 1e-4  # of a point: scores are float32, 8e-6 apart near 100
# A guessed first solve must prove itself to within rounding of float64 sums, not to a
# score's resolution: a guess that is worse by a little is solved again.
GUESS_TOLERANCE = 1e-7
BLOCK_CELLS = 1_000_000  # bound checks per block of rows
BATCH_PAIRS = 500_000  # left-out pairs scored at once
# (mentee positions, mentors) -> (their scores, whether each pair is allowed)
Price = Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]
# a quicker solve that may miss the optimum, or give up (None)
Guess = Callable[
    [np.ndarray, np.ndarray, np.ndarray, int, np.ndarray],
    tuple[np.ndarray, np.ndarray, np.ndarray] | None,
]
_NONE = np.zeros(0, dtype=np.int64)


class Previous(NamedTuple):
    """The last run's answer, to start from (in this solve's numbering)."""

    rows: np.ndarray  # its pairs: mentee positions
    cols: np.ndarray  # and their mentors
    prices: np.ndarray  # each mentor's price v
    extra_rows: np.ndarray = _NONE  # the pairs its pricing added to the graph
    extra_cols: np.ndarray = _NONE


class NotCertified(RuntimeError):
    """The dual prices do not prove the matching optimal (a bug, never bad input)."""


@dataclass
class Certificate:
    """Proof of optimality: dual prices whose total equals the matching's total."""

    rounds: int  # solves of the candidate graph
    edges: int  # pairs in the final graph
    added: int  # pairs added by pricing
    priced: int  # left-out pairs scored again to price them
    primal: float  # total score of the matching
    dual: float  # Σ u + Σ capacity × v
    mentee_surplus: np.ndarray  # u
    mentor_price: np.ndarray  # v (inf for mentors with no room)
    # the pairs pricing added to the candidate graph (mentee positions, mentors)
    added_pairs: tuple[np.ndarray, np.ndarray] = field(default=(_NONE, _NONE))

    @property
    def gap(self) -> float:
        return self.dual - self.primal


def solve_certified(
    ei: np.ndarray,
    ej: np.ndarray,
    ew: np.ndarray,
    n: int,
    capacity: np.ndarray,
    row_bound: np.ndarray,
    col_bound: np.ndarray,
    price: Price,
    solve: SolveGraph,
    guess: Guess | None = None,
    previous: Previous | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, Certificate]:
    """Rows, columns and scores of the exact optimum, and its certificate.

    `guess` is a quicker first solve that may miss the optimum (or give up: None); its
    answer is kept only if its prices prove it optimal on the graph to within rounding
    (GUESS_TOLERANCE), else the graph is solved with `solve`. `previous` (the last
    run's pairs and prices) is a start that is proven the same way."""
    capacity = np.maximum(np.asarray(capacity, dtype=np.int64), 0)
    m = len(capacity)
    live = capacity[ej] > 0
    ei, ej, ew = ei[live], ej[live], np.asarray(ew[live], dtype=np.float64)
    added = priced = 0
    rounds = 1
    memo = _Scored()
    first = None
    if previous is not None:
        ei, ej, ew = _with_pairs(ei, ej, ew, n, capacity, previous, price)
        # solved exactly near where it no longer fits (a guess there that missed would
        # throw the whole start away), in wider balls until one is proven
        for found in from_previous(ei, ej, ew, n, capacity, previous, solve):
            first = _proven(ei, ej, ew, n, capacity, found)
            if first is not None:
                break
    if first is None:
        first = _guessed(ei, ej, ew, n, capacity, guess)
    if first is None:
        rows, cols, chosen = solve(ei, ej, ew, n, capacity)
        u, v = prices(ei, ej, ew, rows, cols, chosen, n, capacity)
    else:
        rows, cols, chosen, u, v = first
    priced_at: tuple[np.ndarray, np.ndarray] | None = None  # the last round's prices
    grown: list[tuple[np.ndarray, np.ndarray]] = []  # the pairs pricing added
    while True:
        keys = ei * max(m, 1) + ej
        ni, nj, nw, looked = _improving(keys, u, v, row_bound, col_bound, price, memo,
                                        priced_at)
        priced += looked
        if len(ni) == 0:
            break
        priced_at = (u, v)
        added += len(ni)
        grown.append((ni, nj))
        ei, ej, ew = _merge(ei, ej, ew, ni, nj, nw, m)
        rounds += 1
        # only the pairs near the ones just added can change (repair.py); if the
        # prices of that answer (guessed or not) do not prove it, the whole graph is
        # solved instead, without a guess
        reduced = u[ei] + v[ej] - ew
        rows, cols, chosen = solve_near(ei, ej, ew, reduced, n, capacity, rows, cols,
                                        chosen, _guess_first(guess, solve))
        try:
            u, v = prices(ei, ej, ew, rows, cols, chosen, n, capacity)
            _check(_certificate(rounds, ei, added, priced, chosen, u, v, capacity),
                   rows, cols, chosen, capacity, n,
                   tolerance=TOLERANCE if guess is None else GUESS_TOLERANCE)
        except NotCertified:
            rows, cols, chosen = solve(ei, ej, ew, n, capacity)
            u, v = prices(ei, ej, ew, rows, cols, chosen, n, capacity)
    cert = _certificate(rounds, ei, added, priced, chosen, u, v, capacity)
    _check(cert, rows, cols, chosen, capacity, n)
    if grown:
        cert.added_pairs = (np.concatenate([g[0] for g in grown]),
                            np.concatenate([g[1] for g in grown]))
    return rows, cols, chosen, cert


def _with_pairs(
    ei: np.ndarray, ej: np.ndarray, ew: np.ndarray, n: int, capacity: np.ndarray,
    previous: Previous, price: Price,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The graph with the previous answer's pairs and the pairs its pricing added (the
    allowed ones, to mentors with room) as edges: without them the start would look
    broken where nothing changed, and pricing would add them again, round after round."""
    m = len(capacity)
    pi = np.concatenate([previous.rows, previous.extra_rows]).astype(np.int64)
    pj = np.concatenate([previous.cols, previous.extra_cols]).astype(np.int64)
    valid = (pi >= 0) & (pi < n) & (pj >= 0) & (pj < m)
    pi, pj = pi[valid], pj[valid]
    if len(pi) == 0:
        return ei, ej, ew
    scores, allowed = price(pi, pj)
    keep = np.asarray(allowed, dtype=bool) & (capacity[pj] > 0)
    return _merge(ei, ej, ew, pi[keep], pj[keep],
                  np.asarray(scores, dtype=np.float64)[keep], m)


def _guess_first(guess: Guess | None, solve: SolveGraph) -> SolveGraph:
    """A solve that takes the guess's answer when it has one (proven afterwards)."""
    def either(
        ei: np.ndarray, ej: np.ndarray, ew: np.ndarray, n: int, capacity: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        found = None if guess is None else guess(ei, ej, ew, n, capacity)
        return solve(ei, ej, ew, n, capacity) if found is None else found

    return either


def _guessed(
    ei: np.ndarray, ej: np.ndarray, ew: np.ndarray, n: int, capacity: np.ndarray,
    guess: Guess | None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None:
    """The guess's matching and its prices, if they prove it optimal on the graph."""
    found = None if guess is None else guess(ei, ej, ew, n, capacity)
    return None if found is None else _proven(ei, ej, ew, n, capacity, found)


def _proven(
    ei: np.ndarray, ej: np.ndarray, ew: np.ndarray, n: int, capacity: np.ndarray,
    found: tuple[np.ndarray, np.ndarray, np.ndarray],
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None:
    """The matching `found` and its prices, if they prove it optimal on the graph to
    within rounding."""
    rows, cols, chosen = found
    try:
        u, v = prices(ei, ej, ew, rows, cols, chosen, n, capacity)
        _check(_certificate(1, ei, 0, 0, chosen, u, v, capacity), rows, cols, chosen,
               capacity, n, tolerance=GUESS_TOLERANCE)
    except NotCertified:
        return None
    return rows, cols, chosen, u, v


def _certificate(
    rounds: int, ei: np.ndarray, added: int, priced: int, chosen: np.ndarray,
    u: np.ndarray, v: np.ndarray, capacity: np.ndarray,
) -> Certificate:
    primal = float(np.sum(chosen, dtype=np.float64))
    room = capacity > 0  # a mentor with no room may have any price: it adds nothing
    dual = float(u.sum() + np.sum(capacity[room] * v[room]))
    return Certificate(rounds, len(ei), added, priced, primal, dual, u, v)


def prices(
    ei: np.ndarray, ej: np.ndarray, ew: np.ndarray,
    rows: np.ndarray, cols: np.ndarray, chosen: np.ndarray,
    n: int, capacity: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Dual prices (u per mentee, v per mentor) of an optimal matching on the graph.

    v is the least solution of: v >= 0; v_k >= s_ik for an unmatched mentee i and any of
    its candidates k; v_k >= v_j + s_ik - s_ij when mentee i holds mentor j (so i never
    prefers k). Least prices exist (the constraints keep their minimum) and lie under
    every optimal dual, so they meet its upper bounds too: v_j <= s_ij for a held pair and
    v_j = 0 for a mentor with room left. u_i = max(0, max_k s_ik - v_k)."""
    m = len(capacity)
    holder = np.full(n, -1, dtype=np.int64)
    held = np.zeros(n, dtype=np.float64)
    holder[rows], held[rows] = cols, chosen
    v = np.zeros(m, dtype=np.float64)
    mine = holder[ei]
    loose = mine < 0
    if loose.any():
        np.maximum.at(v, ej[loose], ew[loose])
    swap = ~loose & (ej != mine)
    tails, heads = mine[swap], ej[swap]
    weights = ew[swap] - held[ei[swap]]
    if len(heads):
        # one arc per (head, tail): the largest weight; grouped by head for reduceat
        order = np.lexsort((-weights, tails, heads))
        tails, heads, weights = tails[order], heads[order], weights[order]
        first = np.ones(len(heads), dtype=bool)
        first[1:] = (heads[1:] != heads[:-1]) | (tails[1:] != tails[:-1])
        tails, heads, weights = tails[first], heads[first], weights[first]
        starts = np.flatnonzero(np.r_[True, heads[1:] != heads[:-1]])
        targets = heads[starts]
        for _ in range(m + 2):  # a longest path has at most m arcs
            best = np.maximum.reduceat(v[tails] + weights, starts)
            better = best > v[targets] + 1e-9
            if not better.any():
                break
            v[targets[better]] = best[better]
        else:
            raise NotCertified("the mentor prices did not settle: the matching is not optimal")
    v[capacity <= 0] = np.inf
    u = np.zeros(n, dtype=np.float64)
    if len(ei):
        np.maximum.at(u, ei, ew - v[ej])
    return u, v


def rows_to_price(
    u: np.ndarray, v: np.ndarray, row_bound: np.ndarray, col_bound: np.ndarray
) -> np.ndarray:
    """Mentee rows that may hold a left-out pair with s_ij > u_i + v_j: some mentor j has
    v_j < row_bound_i - u_i and col_bound_j - v_j > u_i (both bound the pair's score)."""
    if len(v) == 0:
        return np.zeros(0, dtype=np.int64)
    headroom, slack = _bounds(u, v, row_bound, col_bound)
    order = np.argsort(v, kind="stable")
    best_slack = np.maximum.accumulate(slack[order])
    cheaper = np.searchsorted(v[order], headroom, side="left")  # mentors with v < headroom
    flagged = (cheaper > 0) & (best_slack[np.maximum(cheaper - 1, 0)] > u + TOLERANCE)
    return np.flatnonzero(flagged)


def _bounds(
    u: np.ndarray, v: np.ndarray, row_bound: np.ndarray, col_bound: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Per mentee, how far its bound is above its surplus; per mentor, how far its bound
    is above its price (-inf for a mentor with no room: it is never priced)."""
    headroom = row_bound.astype(np.float64) - u - TOLERANCE
    slack = np.full(len(v), -np.inf)
    finite = np.isfinite(v)
    slack[finite] = col_bound[finite].astype(np.float64) - v[finite]
    return headroom, slack


def _improving(
    graph_keys: np.ndarray, u: np.ndarray, v: np.ndarray,
    row_bound: np.ndarray, col_bound: np.ndarray, price: Price, memo: _Scored | None = None,
    previous: tuple[np.ndarray, np.ndarray] | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Left-out allowed pairs whose score beats u_i + v_j, and how many were scored.

    The pairs whose bounds allow it are found a block of rows at a time and scored in
    batches (one scoring call has a fixed cost, so it should see many pairs). With the
    `previous` round's prices, a pair is looked at only if the mentee's or the mentor's
    price fell since: that round found every other left-out pair no better than prices
    at most these."""
    m = len(v)
    memo = memo or _Scored()
    memo.new_round()
    flagged = rows_to_price(u, v, row_bound, col_bound)
    headroom, slack = _bounds(u, v, row_bound, col_bound)
    found: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    batch: list[tuple[np.ndarray, np.ndarray]] = []
    batched = looked = 0

    def score_batch() -> None:
        ii = np.concatenate([b[0] for b in batch])
        jj = np.concatenate([b[1] for b in batch])
        batch.clear()
        score, allowed = memo.price(ii, jj, max(m, 1), price)
        better = allowed & (score - u[ii] - v[jj] > TOLERANCE)
        found.append((ii[better], jj[better], score[better]))

    # (mentee rows, the mentors to look at with them: None for every one)
    scans: list[tuple[np.ndarray, np.ndarray | None]] = [(flagged, None)]
    if previous is not None:
        fell = u < previous[0]
        scans = [(flagged[fell[flagged]], None),
                 (flagged[~fell[flagged]], np.flatnonzero(v < previous[1]))]
    for scan_rows, cols in scans:
        col_v, col_slack = (v, slack) if cols is None else (v[cols], slack[cols])
        step = max(1, BLOCK_CELLS // max(len(col_v), 1))
        for start in range(0, len(scan_rows) if len(col_v) else 0, step):
            rows = scan_rows[start:start + step]
            maybe = ((col_v[None, :] < headroom[rows, None])
                     & (col_slack[None, :] > u[rows, None] + TOLERANCE))
            r, c = cells(maybe)  # one flat scan: most of a block is False
            ii, jj = rows[r], (c.astype(np.int64) if cols is None else cols[c])
            left_out = ~_member(ii * max(m, 1) + jj, graph_keys)
            ii, jj = ii[left_out], jj[left_out]
            looked += len(ii)
            batched += len(ii)
            batch.append((ii, jj))
            if batched >= BATCH_PAIRS:
                score_batch()
                batched = 0
    if batched:
        score_batch()
    if not found:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0), looked
    ni = np.concatenate([f[0] for f in found])
    nj = np.concatenate([f[1] for f in found])
    nw = np.concatenate([f[2] for f in found])
    return ni, nj, nw, looked


class _Scored:
    """The pairs one pricing round scored, so the next round (whose prices moved only a
    little, so it looks at nearly the same pairs) scores only the ones it had not."""

    LIMIT = 5_000_000  # pairs remembered (about 70 MB)

    def __init__(self) -> None:
        empty = np.zeros(0, dtype=np.int64)
        self.keys, self.scores, self.allowed = empty, np.zeros(0), np.zeros(0, dtype=bool)
        self.parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []

    def new_round(self) -> None:
        """What the last round scored becomes what is remembered."""
        if not self.parts:
            return
        keys = np.concatenate([p[0] for p in self.parts])
        order = np.argsort(keys, kind="stable")
        self.keys = keys[order]
        self.scores = np.concatenate([p[1] for p in self.parts])[order]
        self.allowed = np.concatenate([p[2] for p in self.parts])[order]
        self.parts = []

    def price(
        self, ii: np.ndarray, jj: np.ndarray, width: int, price: Price
    ) -> tuple[np.ndarray, np.ndarray]:
        keys = ii * width + jj
        at = np.minimum(np.searchsorted(self.keys, keys), max(len(self.keys) - 1, 0))
        known = (self.keys[at] == keys) if len(self.keys) else np.zeros(len(keys), bool)
        score = np.zeros(len(keys))
        allowed = np.zeros(len(keys), dtype=bool)
        score[known], allowed[known] = self.scores[at[known]], self.allowed[at[known]]
        fresh = ~known
        if fresh.any():
            s, a = price(ii[fresh], jj[fresh])
            score[fresh], allowed[fresh] = np.asarray(s, dtype=np.float64), a
        if sum(len(p[0]) for p in self.parts) + len(keys) <= self.LIMIT:
            self.parts.append((keys, score, allowed))
        return score, allowed


def _member(keys: np.ndarray, sorted_keys: np.ndarray) -> np.ndarray:
    """Whether each key is in `sorted_keys` (binary search: no hash table per block)."""
    at = np.searchsorted(sorted_keys, keys)
    found = np.zeros(len(keys), dtype=bool)
    inside = at < len(sorted_keys)
    found[inside] = sorted_keys[at[inside]] == keys[inside]
    return found


def _merge(
    ei: np.ndarray, ej: np.ndarray, ew: np.ndarray,
    ni: np.ndarray, nj: np.ndarray, nw: np.ndarray, m: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    i, j, w = np.concatenate([ei, ni]), np.concatenate([ej, nj]), np.concatenate([ew, nw])
    _, first = np.unique(i * max(m, 1) + j, return_index=True)  # sorted, deterministic
    return i[first], j[first], w[first]


def _check(
    cert: Certificate, rows: np.ndarray, cols: np.ndarray, chosen: np.ndarray,
    capacity: np.ndarray, n: int, *, tolerance: float = TOLERANCE,
) -> None:
    """Complementary slackness, checked rather than assumed."""
    u, v = cert.mentee_surplus, cert.mentor_price
    load = np.bincount(cols, minlength=len(capacity))
    slack = tolerance * max(1, n)
    problems = []
    if (load > capacity).any() or len(np.unique(rows)) != len(rows):
        problems.append("the matching breaks a capacity or uses a mentee twice")
    if len(rows) and (u[rows] - (chosen - v[cols])).max() > tolerance:
        problems.append("a matched mentee has a better candidate")
    if (v[(load < capacity)] > tolerance).any():
        problems.append("a mentor with room left has a price")
    if not -slack <= cert.gap <= slack:
        problems.append(f"the dual total is {cert.gap:+.6f} from the matching's")
    if problems:
        raise NotCertified("; ".join(problems))
