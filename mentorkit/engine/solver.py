"""The assignment with the greatest total score under mentor capacities.

Maximise Σ score(i, j) over chosen feasible pairs, each mentee at most once, each mentor
j at most capacity[j] times. Unmatched mentees are allowed; an infeasible pair is never
chosen.

- dense: scipy.optimize.linear_sum_assignment on the capacity-expanded matrix (one column
  per free mentor slot). Infeasible cells cost 0, the same as leaving the mentee or the
  slot empty, and are dropped afterwards; since every row (or every column, whichever
  side is smaller) can always be given a zero cell, the optimum of that matrix is the
  optimum over feasible pairs with unmatched allowed.
- sparse: a candidate graph of each mentee's top-k mentors together with each mentor's
  top-k mentees, solved exactly: OR-tools min-cost flow when installed (the `large`
  extra), else scipy's min_weight_full_bipartite_matching on the slot-expanded graph with
  one "stay unmatched" column per mentee.

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

from mentorkit.engine.constraints import CONSTRAINTS, Constraints
from mentorkit.engine.features import FeatureSpace

Method = Literal["auto", "dense", "sparse"]
Progress = Callable[[int, int], None]

DENSE_CELLS = 80_000_000  # mentees × free slots above which "auto" goes sparse (~640 MB)
BLOCK_CELLS = 4_000_000  # scores computed per block of mentees
TOP_K_MENTEE = 24
TOP_K_MENTOR = 24
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
) -> Solution:
    """Score, constrain and solve mentees `rows` (default: all) against every mentor."""
    capacity = np.maximum(np.asarray(capacity, dtype=np.int64), 0)
    todo = np.arange(space.n_mentees) if rows is None else np.asarray(rows, dtype=np.int64)
    n, m = len(todo), space.n_mentors
    kind = choose(n, int(capacity.sum()), method)
    feasible = np.zeros(n, dtype=np.int64)
    roomy = np.zeros(n, dtype=np.int64)
    failures = {name: np.zeros(n, dtype=np.int64) for name in CONSTRAINTS}
    if kind == "dense":
        score = np.zeros((n, m), dtype=np.float32)
        ok = np.zeros((n, m), dtype=bool)
    else:
        graph = _Candidates(m, top_k[1])
    k_mentee = top_k[0] if kind == "sparse" else 0
    for block in _blocks(space, constraints, todo, capacity > 0, k_mentee):
        part = block.part
        feasible[part] = block.feasible
        roomy[part] = block.roomy
        for name in CONSTRAINTS:
            failures[name][part] = block.failures[name]
        if kind == "dense":
            score[part] = block.score
            ok[part] = block.ok
        else:
            graph.add(part.start, block)
        if progress is not None:
            progress(part.stop, n)
    if kind == "dense":
        r, c = solve_dense(score, ok, capacity)
        chosen = score[r, c].astype(np.float64)
    else:
        ei, ej, ew = graph.edges()
        r, c, chosen = solve_sparse(ei, ej, ew, n, capacity)
    return Solution(todo[r], c, chosen, kind, feasible, roomy, failures)


@dataclass
class _Block:
    part: slice  # positions in the mentees being solved
    score: np.ndarray  # (b × M) scores
    ok: np.ndarray  # (b × M) feasible and the mentor has room
    feasible: np.ndarray  # per row: mentors passing the constraints
    roomy: np.ndarray  # per row: of those, with room
    failures: dict[str, np.ndarray]  # per constraint, per row: mentors failing it
    masked: np.ndarray | None = None  # sparse: score, -1 where not ok
    mentee_top: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None  # sparse: edges


def _blocks(
    space: FeatureSpace,
    constraints: Constraints,
    todo: np.ndarray,
    has_room: np.ndarray,
    k_mentee: int,
) -> Iterator[_Block]:
    """Scores and feasibility of `todo` mentees block by block, in order.

    Blocks are computed on a few threads (numpy and scipy release the GIL), with at most
    one block per thread waiting, so memory stays at a few blocks. With `k_mentee`, each
    block also carries its mentees' best k feasible mentors.
    """
    n, m = len(todo), space.n_mentors
    step = max(1, BLOCK_CELLS // max(m, 1))
    parts = [slice(a, min(a + step, n)) for a in range(0, n, step)]

    def work(part: slice) -> _Block:
        block_rows = todo[part]
        f, counts = constraints.block(block_rows)
        feasible = f.sum(axis=1)
        f &= has_room[None, :]  # a full mentor is no candidate
        block = _Block(part, space.block(block_rows), f, feasible, f.sum(axis=1), counts)
        if k_mentee > 0:
            block.masked = np.where(f, block.score, np.float32(-1.0))
            block.mentee_top = _top_per_row(block.masked, k_mentee, part.start)
        return block

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


def _top_per_row(
    masked: np.ndarray, k: int, start: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each row's k best feasible (>= 0) cells as (row + start, column, score)."""
    b, m = masked.shape
    k = min(k, m)
    if k == 0 or b == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=np.float32)
    if k < m:
        top = np.argpartition(-masked, k - 1, axis=1)[:, :k]
    else:
        top = np.broadcast_to(np.arange(m), (b, m))
    rows = np.repeat(np.arange(b), top.shape[1])
    cols = top.ravel()
    vals = masked[rows, cols]
    keep = vals >= 0
    return rows[keep] + start, cols[keep], vals[keep]


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


class _Candidates:
    """Each mentee's top-k mentors and each mentor's top-k mentees, block by block.

    A mentor's top-k is kept with a running threshold (its k-th best score so far): only
    cells above it are collected, and the collection is cut back to k per mentor now and
    then, so a block costs one comparison per cell. Ties keep the lower mentee id.
    """

    def __init__(self, m: int, k_mentor: int) -> None:
        self.m = m
        self.k_mentor = k_mentor
        self.parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        self.threshold = np.full(m, -0.5, dtype=np.float32)  # feasible scores are >= 0
        self.pool: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        self.pooled = 0
        self.seeded = False

    def add(self, start: int, block: _Block) -> None:
        if block.mentee_top is not None:
            self.parts.append(block.mentee_top)
        masked = block.masked
        if masked is None or self.k_mentor <= 0 or masked.shape[0] == 0:
            return
        b = masked.shape[0]
        if not self.seeded and b > self.k_mentor:
            # the first block sets every mentor's bar at its k-th best there, so the pool
            # never holds a whole block
            kth = np.partition(masked, b - self.k_mentor, axis=0)[b - self.k_mentor]
            r, c = np.nonzero(masked >= np.maximum(kth, self.threshold)[None, :])
            self.threshold = np.maximum(self.threshold, kth)
            self.seeded = True
        else:
            r, c = np.nonzero(masked > self.threshold[None, :])
        self.pool.append((r + start, c, masked[r, c]))
        self.pooled += len(r)
        if self.pooled > 4 * self.k_mentor * max(self.m, 1):
            self._prune()

    def _prune(self) -> None:
        if not self.pool:
            return
        r = np.concatenate([p[0] for p in self.pool])
        c = np.concatenate([p[1] for p in self.pool])
        v = np.concatenate([p[2] for p in self.pool])
        order = np.lexsort((r, -v, c))  # by mentor, best first, then lower mentee id
        r, c, v = r[order], c[order], v[order]
        first = np.searchsorted(c, c, side="left")
        rank = np.arange(len(c)) - first
        keep = rank < self.k_mentor
        r, c, v = r[keep], c[keep], v[keep]
        full = np.flatnonzero(np.bincount(c, minlength=self.m) >= self.k_mentor)
        last = np.searchsorted(c, full, side="left") + self.k_mentor - 1
        self.threshold[full] = v[last]
        self.pool = [(r, c, v)]
        self.pooled = len(r)

    def edges(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        self._prune()
        parts = [*self.parts, *self.pool]
        if not parts:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, np.zeros(0)
        i = np.concatenate([p[0] for p in parts]).astype(np.int64)
        j = np.concatenate([p[1] for p in parts]).astype(np.int64)
        w = np.concatenate([p[2] for p in parts]).astype(np.float64)
        key = i * max(self.m, 1) + j
        _, first = np.unique(key, return_index=True)  # sorted by (mentee, mentor)
        return i[first], j[first], w[first]


def solve_sparse(
    ei: np.ndarray, ej: np.ndarray, ew: np.ndarray, n: int, capacity: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Optimal assignment on a candidate graph of edges (mentee ei, mentor ej, score ew)."""
    empty = np.zeros(0, dtype=np.int64)
    capacity = np.maximum(np.asarray(capacity, dtype=np.int64), 0)
    live = capacity[ej] > 0
    ei, ej, ew = ei[live], ej[live], ew[live]
    if len(ei) == 0:
        return empty, empty, np.zeros(0)
    try:
        from ortools.graph.python import min_cost_flow  # noqa: F401
    except ImportError:
        rows, cols = _sparse_scipy(ei, ej, ew, n, capacity)
    else:
        rows, cols = _sparse_ortools(ei, ej, ew, n, capacity)
    width = max(int(capacity.shape[0]), 1)
    key = ei * width + ej
    order = np.argsort(key, kind="stable")
    at = order[np.searchsorted(key, rows * width + cols, sorter=order)]
    return rows, cols, ew[at]


def _sparse_scipy(
    ei: np.ndarray, ej: np.ndarray, ew: np.ndarray, n: int, capacity: np.ndarray
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
    # matching must cover every row, which is then always possible.
    if n_slots < n:
        rows = np.concatenate([sc, np.arange(n_slots)])
        cols = np.concatenate([si, n + np.arange(n_slots)])
        shape = (n_slots, n + n_slots)
    else:
        rows = np.concatenate([si, np.arange(n)])
        cols = np.concatenate([sc, n_slots + np.arange(n)])
        shape = (n, n_slots + n)
    weights = np.concatenate([cost, np.full(shape[0], top)])
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


def _sparse_ortools(
    ei: np.ndarray, ej: np.ndarray, ew: np.ndarray, n: int, capacity: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    from ortools.graph.python import min_cost_flow

    m = len(capacity)
    scale = 10_000  # scores 0–100 to 1e-4 of a point
    top = int(np.ceil(float(ew.max()) * scale)) + 1
    source, sink = n + m, n + m + 1
    flow = min_cost_flow.SimpleMinCostFlow()
    # mentee -> mentor (score), mentee -> sink (unmatched), source -> mentee, mentor -> sink
    tails = np.concatenate([ei, np.arange(n), np.full(n, source), n + np.arange(m)])
    heads = np.concatenate([n + ej, np.full(n, sink), np.arange(n), np.full(m, sink)])
    caps = np.concatenate([np.ones(len(ei) + 2 * n, dtype=np.int64), capacity])
    costs = np.concatenate([
        top - np.rint(ew * scale).astype(np.int64),
        np.full(n, top, dtype=np.int64),
        np.zeros(n + m, dtype=np.int64),
    ])
    flow.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    supplies = np.zeros(n + m + 2, dtype=np.int64)
    supplies[source], supplies[sink] = n, -n
    flow.set_nodes_supplies(np.arange(n + m + 2), supplies)
    if flow.solve() != flow.OPTIMAL:  # pragma: no cover - the network always has a flow
        return _sparse_scipy(ei, ej, ew, n, capacity)
    used = flow.flows(np.arange(len(ei))) > 0
    r, c = ei[used], ej[used]
    order = np.lexsort((c, r))
    return r[order].astype(np.int64), c[order].astype(np.int64)
