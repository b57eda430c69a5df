"""The assignment with the greatest total score under mentor capacities.

Maximise Σ score(i, j) over chosen feasible pairs, each mentee at most once, each mentor
j at most capacity[j] times. Unmatched mentees are allowed; an infeasible pair is never
chosen. Both methods give the exact optimum:

- dense: scipy.optimize.linear_sum_assignment on the capacity-expanded matrix (one column
  per free mentor slot). Infeasible cells cost 0, the same as leaving the mentee or the
  slot empty, and are dropped afterwards; since every row (or every column, whichever
  side is smaller) can always be given a zero cell, the optimum of that matrix is the
  optimum over feasible pairs with unmatched allowed. Memory grows with mentees × slots.
- sparse: a candidate graph of each mentee's top-k mentors together with each mentor's
  top-k mentees (candidates.py), solved with scipy's min_weight_full_bipartite_matching
  on the slot-expanded graph, then proved optimal over every pair by dual prices,
  adding any left-out pair that could improve the total until none can
  (certificate.py). Memory stays at the graph plus a few blocks of scores.

Rows and columns come in id order and both solvers are deterministic, so the same input
gives the same proposal.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from threadpoolctl import threadpool_limits

from mentorkit.engine.candidates import Candidates, TopRows, top_per_row
from mentorkit.engine.certificate import Certificate, Previous, solve_certified
from mentorkit.engine.constraints import Constraints
from mentorkit.engine.features import FeatureSpace
from mentorkit.engine.rules import CONSTRAINTS

Method = Literal["auto", "dense", "sparse"]
Progress = Callable[[int, int], None]

DENSE_CELLS = 5_000_000  # mentees × free slots above which "auto" goes sparse (~40 MB)
# scores per block of mentees: 4 MB of float32, about one core's L2 cache. A quarter of
# that was measured a quarter slower on 50,000 × 10,000 (25-row blocks: the per-block
# costs of the dense product, the masks and the top-k add up)
BLOCK_CELLS = 1_000_000
TOP_K_MENTEE = 8  # each mentee's best mentors in the graph
# each mentor's best mentees: its bound prunes most pricing. 64 rather than 48: on
# 10,000 x 3,000 pricing then adds 11 pairs, not 56 (a second solve of a market of near
# ties costs as much as the first), and on 50,000 x 10,000 none, not 3; more (96) makes
# the mentors' running top lists cost more than the rounds they save on the larger one
TOP_K_MENTOR = 64
THREADS = min(4, os.cpu_count() or 1)


@dataclass
class Solution:
    rows: np.ndarray  # mentee index of each chosen pair
    cols: np.ndarray  # mentor index of each chosen pair
    scores: np.ndarray  # the pairs' scores, 0–100
    method: str
    feasible: np.ndarray  # per mentee: how many mentors pass every hard constraint
    roomy: np.ndarray  # per mentee: how many of those have room
    failures: dict[str, np.ndarray] = field(default_factory=dict)  # per constraint, per mentee
    # per mentor: how many of the mentees solved pass every hard constraint with them
    # (room aside), counted in the same pass as the scores
    mentor_feasible: np.ndarray | None = None
    certificate: Certificate | None = None  # sparse: the proof that this is the optimum

    @property
    def total(self) -> float:
        return float(np.sum(self.scores, dtype=np.float64))


def choose(n_rows: int, slots: int, method: Method) -> Literal["dense", "sparse"]:
    if method != "auto":
        return method
    return "dense" if n_rows * max(slots, 1) <= DENSE_CELLS else "sparse"


def assign(
    space: FeatureSpace,
    constraints: Constraints,
    capacity: np.ndarray,
    *,
    method: Method = "auto",
    rows: np.ndarray | None = None,
    progress: Progress | None = None,
    top_k: tuple[int, int] = (TOP_K_MENTEE, TOP_K_MENTOR),
    previous: Previous | None = None,
) -> Solution:
    """Score, constrain and solve mentees `rows` (default: all) against every mentor.

    `previous` (sparse only): an earlier answer's pairs (mentees' positions in `rows`,
    mentors) and mentor prices, to start from (certificate.solve_certified)."""
    capacity = np.maximum(np.asarray(capacity, dtype=np.int64), 0)
    todo = np.arange(space.n_mentees) if rows is None else np.asarray(rows, dtype=np.int64)
    n, m = len(todo), space.n_mentors
    kind = choose(n, int(capacity.sum()), method)
    feasible = np.zeros(n, dtype=np.int64)
    roomy = np.zeros(n, dtype=np.int64)
    failures = {name: np.zeros(n, dtype=np.int64) for name in CONSTRAINTS}
    mentor_feasible = np.zeros(m, dtype=np.int64)
    if kind == "dense":
        score = np.zeros((n, m), dtype=np.float32)
        ok = np.zeros((n, m), dtype=bool)
    else:
        graph = Candidates(n, m, top_k[0], top_k[1])
    k_mentee = top_k[0] if kind == "sparse" else None
    for block in _blocks(space, constraints, todo, capacity > 0, k_mentee=k_mentee):
        part = block.part
        feasible[part] = block.feasible
        roomy[part] = block.roomy
        mentor_feasible += block.col_feasible
        for name in CONSTRAINTS:
            failures[name][part] = block.failures[name]
        if kind == "dense":
            score[part] = block.score
            ok[part] = block.ok
        else:
            graph.add(part.start, block.masked, block.top)  # type: ignore[arg-type]
        if progress is not None:
            progress(part.stop, n)
    certificate = None
    if kind == "dense":
        r, c = solve_dense(score, ok, capacity)
        chosen = score[r, c].astype(np.float64)
    else:
        ei, ej, ew = graph.edges()

        def price(ii: np.ndarray, jj: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            return space.pairs(todo[ii], jj), constraints.feasible(todo[ii], jj)

        r, c, chosen, certificate = solve_certified(
            ei, ej, ew, n, capacity, graph.row_bound, graph.col_bound, price, solve_sparse,
            guess=solve_filling_every_slot, previous=previous)
    return Solution(todo[r], c, chosen, kind, feasible, roomy, failures, mentor_feasible,
                    certificate)


@dataclass
class _Block:
    part: slice  # positions in the mentees being solved
    score: np.ndarray  # (b × M) scores
    ok: np.ndarray  # (b × M) feasible and the mentor has room
    feasible: np.ndarray  # per row: mentors passing the constraints
    roomy: np.ndarray  # per row: of those, with room
    failures: dict[str, np.ndarray]  # per constraint, per row: mentors failing it
    col_feasible: np.ndarray  # per mentor: rows passing the constraints with them
    masked: np.ndarray | None = None  # sparse: score, -1 where not ok
    top: TopRows | None = None  # sparse: each row's best k and its bound


def _blocks(
    space: FeatureSpace,
    constraints: Constraints,
    todo: np.ndarray,
    has_room: np.ndarray,
    *,
    k_mentee: int | None = None,
) -> Iterator[_Block]:
    """Scores and feasibility of `todo` mentees block by block, in order.

    Blocks are computed on a few threads (numpy and scipy release the GIL), with at most
    one block per thread waiting, so memory stays at a few blocks. With `k_mentee`, each
    block also carries its masked scores and its mentees' best k feasible mentors.
    """
    n, m = len(todo), space.n_mentors
    step = max(1, BLOCK_CELLS // max(m, 1))
    parts = [slice(a, min(a + step, n)) for a in range(0, n, step)]

    def work(part: slice) -> _Block:
        block_rows = todo[part]
        f, counts = constraints.block(block_rows)
        feasible, col_feasible = _count(f, 1), _count(f, 0)
        f &= has_room[None, :]  # a full mentor is no candidate
        block = _Block(part, space.block(block_rows), f, feasible, _count(f, 1),
                       counts, col_feasible)
        if k_mentee is not None:
            block.masked = _masked(block.score, f)  # the sparse path needs only these
            block.top = top_per_row(block.masked, k_mentee, part.start)
        return block

    # The blocks are the threads' work: a BLAS product that starts threads of its own
    # only makes them spin against each other (a third more CPU on two cores).
    with threadpool_limits(limits=1, user_api="blas"):
        yield from _in_order(work, parts)


def _in_order(work: Callable[[slice], _Block], parts: list[slice]) -> Iterator[_Block]:
    threads = min(THREADS, len(parts))
    if threads <= 1:
        yield from map(work, parts)
        return
    with ThreadPoolExecutor(max_workers=threads) as pool:
        pending: deque[Future[_Block]] = deque()
        for part in parts:
            pending.append(pool.submit(work, part))
            if len(pending) > threads:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _count(ok: np.ndarray, axis: int) -> np.ndarray:
    """True cells along an axis: summed as bytes into int32, twice as quick as
    count_nonzero's per-row counting (a block has far fewer than 2**31 cells)."""
    return ok.view(np.uint8).sum(axis=axis, dtype=np.int32).astype(np.int64)


def _masked(score: np.ndarray, ok: np.ndarray) -> np.ndarray:
    """`score` where `ok`, -1 elsewhere, in place: score × ok − (not ok) is exact (no
    rounding: x × 1 − 0 and x × 0 − 1) and streams, where copyto(where=) branches per
    cell."""
    np.multiply(score, ok, out=score)
    np.subtract(score, ~ok, out=score)
    return score


def solve_dense(
    score: np.ndarray, ok: np.ndarray, capacity: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Optimal (rows, cols) of a dense score matrix with a feasibility mask."""
    from scipy.optimize import linear_sum_assignment

    capacity = np.maximum(np.asarray(capacity, dtype=np.int64), 0)
    live_rows = np.flatnonzero(ok.any(axis=1))
    live_cols = np.flatnonzero(ok.any(axis=0) & (capacity > 0))
    empty = np.zeros(0, dtype=np.int64)
    if len(live_rows) == 0 or len(live_cols) == 0:
        return empty, empty
    # one column per slot, but never more slots for a mentor than there are mentees
    slots = np.minimum(capacity[live_cols], len(live_rows))
    slot_col = np.repeat(live_cols, slots)
    gain = np.where(ok[live_rows], score[live_rows], np.float32(0.0))  # infeasible: 0
    np.negative(gain, out=gain)
    cost = np.take(gain, slot_col, axis=1).astype(np.float64)
    del gain
    r, c = linear_sum_assignment(cost)
    rows, cols = live_rows[r], slot_col[c]
    keep = ok[rows, cols]
    order = np.argsort(rows[keep], kind="stable")
    return rows[keep][order], cols[keep][order]


def solve_sparse(
    ei: np.ndarray, ej: np.ndarray, ew: np.ndarray, n: int, capacity: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Optimal assignment on a candidate graph of edges (mentee ei, mentor ej, score ew)."""
    capacity, (ei, ej, ew) = _with_room(capacity, ei, ej, ew)
    if len(ei) == 0:
        return _NOTHING
    rows, cols = _sparse_scipy(ei, ej, ew, n, capacity)
    return rows, cols, _scores_of(ei, ej, ew, rows, cols, int(capacity.shape[0]))


def solve_filling_every_slot(
    ei: np.ndarray, ej: np.ndarray, ew: np.ndarray, n: int, capacity: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """The best assignment on a candidate graph that fills every mentor slot, or None
    when the slots outnumber the mentees or cannot all be filled.

    Not always the optimum (leaving a slot empty can free a mentee for a better one),
    but usually it is, and it is a quarter quicker: with no "stays empty" column per
    slot, scipy has a quarter fewer columns to visit for every slot. The caller proves
    it optimal or solves again (certificate.solve_certified)."""
    capacity, (ei, ej, ew) = _with_room(capacity, ei, ej, ew)
    if len(ei) == 0:
        return _NOTHING
    if int(np.minimum(capacity, np.bincount(ej, minlength=len(capacity))).sum()) >= n:
        return None
    try:
        rows, cols = _sparse_scipy(ei, ej, ew, n, capacity, slots_may_stay_empty=False)
    except ValueError:  # scipy: "no full matching exists"
        return None
    return rows, cols, _scores_of(ei, ej, ew, rows, cols, len(capacity))


_NOTHING = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0))


def _with_room(
    capacity: np.ndarray, ei: np.ndarray, ej: np.ndarray, ew: np.ndarray
) -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Capacities as non-negative ints, and only the edges to mentors with room."""
    capacity = np.maximum(np.asarray(capacity, dtype=np.int64), 0)
    live = capacity[ej] > 0
    return capacity, (ei[live], ej[live], ew[live])


def _scores_of(
    ei: np.ndarray, ej: np.ndarray, ew: np.ndarray, rows: np.ndarray, cols: np.ndarray,
    m: int,
) -> np.ndarray:
    """The edge scores of the pairs (rows, cols)."""
    width = max(m, 1)
    key = ei * width + ej
    order = np.argsort(key, kind="stable")
    return ew[order[np.searchsorted(key, rows * width + cols, sorter=order)]]


def _sparse_scipy(
    ei: np.ndarray, ej: np.ndarray, ew: np.ndarray, n: int, capacity: np.ndarray,
    *, slots_may_stay_empty: bool = True,
) -> tuple[np.ndarray, np.ndarray]:
    from scipy import sparse
    from scipy.sparse.csgraph import min_weight_full_bipartite_matching

    # a mentor never needs more slots than mentees who could take them
    degree = np.bincount(ej, minlength=len(capacity))
    slots = np.minimum(capacity, degree)
    first_slot = np.concatenate([[0], np.cumsum(slots)[:-1]])
    n_slots = int(slots.sum())
    reps = slots[ej]
    si = np.repeat(ei, reps)
    sj = np.repeat(ej, reps)
    offset = np.arange(len(si)) - np.repeat(np.cumsum(reps) - reps, reps)
    sc = first_slot[sj] + offset
    top = float(ew.max()) + 1.0  # weights must be > 0: cost = top - score, "none" = top
    cost = top - ew[np.repeat(np.arange(len(ei)), reps)]
    slot_owner = np.repeat(np.arange(len(capacity)), slots)
    # The smaller side are the rows, each with its own "stays unmatched" column; the
    # matching must cover every row, which is then always possible. Without those
    # columns every slot must be filled (solve_filling_every_slot).
    if n_slots < n and not slots_may_stay_empty:
        rows, cols, shape = sc, si, (n_slots, n)
    elif n_slots < n:
        rows = np.concatenate([sc, np.arange(n_slots)])
        cols = np.concatenate([si, n + np.arange(n_slots)])
        shape = (n_slots, n + n_slots)
    else:
        rows = np.concatenate([si, np.arange(n)])
        cols = np.concatenate([sc, n_slots + np.arange(n)])
        shape = (n, n_slots + n)
    weights = np.concatenate([cost, np.full(len(rows) - len(cost), top)])
    graph = sparse.csr_matrix((weights, (rows, cols)), shape=shape)
    r, c = min_weight_full_bipartite_matching(graph)
    if n_slots < n:
        matched = c < n
        mentee, mentor = c[matched], slot_owner[r[matched]]
    else:
        matched = c < n_slots
        mentee, mentor = r[matched], slot_owner[c[matched]]
    order = np.argsort(mentee, kind="stable")
    return mentee[order].astype(np.int64), mentor[order].astype(np.int64)
