"""The sparse candidate graph: each mentee's best k mentors and each mentor's best k
mentees, gathered block by block, with the bounds that make pricing cheap.

Besides the edges, the graph keeps two bounds: `row_bound[i]`, the k-th best score of
mentee i (every mentor left out of its top k scores at most that), and `col_bound[j]`,
mentor j's k-th best (likewise for mentees left out of its top k). A pair in neither
list scores at most min(row_bound[i], col_bound[j]); the certificate (certificate.py)
uses that to skip whole rows without scoring them again.
"""

from __future__ import annotations

import numpy as np

NONE = np.float32(-1.0)  # the bound of a mentee or mentor whose every candidate is kept
# (rows, columns, scores) of each row's best k, and each row's bound
TopRows = tuple[tuple[np.ndarray, np.ndarray, np.ndarray], np.ndarray]


def top_per_row(masked: np.ndarray, k: int, start: int) -> TopRows:
    """Each row's k best feasible (>= 0) cells as (row + start, column, score), and each
    row's bound: its k-th best value, or NONE when every feasible cell was kept."""
    b, m = masked.shape
    k = min(k, m)
    if k == 0 or b == 0:
        empty = np.zeros(0, dtype=np.int64)
        bound = np.full(b, NONE if m == 0 else np.float32(np.inf), dtype=np.float32)
        if m and b:  # k == 0: nothing kept, so every cell is bounded by the row's best
            bound = masked.max(axis=1)
        return (empty, empty, np.zeros(0, dtype=np.float32)), bound
    if k == m:
        rows, cols = cells(masked >= 0)
        return (rows + start, cols, masked[rows, cols]), np.full(b, NONE, dtype=np.float32)
    if m >= 2 * CHUNKS and k <= CHUNKS:
        found = _top_by_chunks(masked, k)
        if found is not None:
            rows, cols, kth = found
            return (rows + start, cols, masked[rows, cols]), kth
    # the k-th best value of each row, then every cell at least that good (ties too, so
    # a row may keep a few more than k); a row with fewer than k allowed cells keeps them
    # all, and its k-th best is NONE (-1)
    kth = np.partition(masked, m - k, axis=1)[:, m - k]
    rows, cols = cells(masked >= np.maximum(kth, 0)[:, None])
    return (rows + start, cols, masked[rows, cols]), kth.astype(np.float32)


CHUNKS = 64  # column chunks whose maxima give each row a floor under its k-th best


def _top_by_chunks(
    masked: np.ndarray, k: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """`top_per_row` without partitioning whole rows: the k-th best of a row's 64
    chunk maxima is k distinct cells' worth, so no more than its k-th best; the cells at
    or above it are few, and the k-th best is found among them. None when ties make
    them many (then partitioning is quicker)."""
    b, m = masked.shape
    width = m // CHUNKS
    maxima = masked[:, :width * CHUNKS].reshape(b, CHUNKS, width).max(axis=2)
    if width * CHUNKS < m:  # the last few columns join the last chunk
        np.maximum(maxima[:, -1], masked[:, width * CHUNKS:].max(axis=1), out=maxima[:, -1])
    floor = np.maximum(np.partition(maxima, CHUNKS - k, axis=1)[:, CHUNKS - k], 0)
    rows, cols = cells(masked >= floor[:, None])
    if len(rows) > 16 * k * b:
        return None
    values = masked[rows, cols]
    order = np.lexsort((-values, rows))  # by row, best first
    per_row = np.bincount(rows, minlength=b)
    first = np.concatenate([[0], np.cumsum(per_row)[:-1]])
    # rows with fewer than k feasible cells keep them all, and their bound is NONE
    kth = np.full(b, NONE, dtype=np.float32)
    full = per_row >= k
    kth[full] = values[order[first[full] + k - 1]]
    keep = values >= np.maximum(kth, 0)[rows]
    return rows[keep], cols[keep], kth


def cells(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(rows, columns) of a 2-D mask's true cells, in row order: one flat scan and a
    division, twice as quick as np.nonzero on a sparse mask."""
    flat = np.flatnonzero(mask)
    rows, cols = np.divmod(flat, mask.shape[1])
    return rows, cols


class Candidates:
    """Each mentee's top-k mentors and each mentor's top-k mentees, block by block.

    A mentor's top-k is kept with a running threshold (its k-th best score so far): only
    cells above it are collected, and the collection is cut back to k per mentor now and
    then, so a block costs one comparison per cell. Ties keep the lower mentee id. The
    threshold only rises, and every cell dropped was at most the threshold when it was
    dropped, so the final threshold bounds every mentee left out (`col_bound`).
    """

    def __init__(self, n: int, m: int, k_mentee: int, k_mentor: int) -> None:
        self.n = n
        self.m = m
        self.k_mentee = k_mentee
        self.k_mentor = k_mentor
        self.parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        self.threshold = np.full(m, -0.5, dtype=np.float32)  # feasible scores are >= 0
        self.row_bound = np.full(n, NONE, dtype=np.float32)
        self.pool: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        self.pooled = 0
        self.seeded = False

    def add(self, start: int, masked: np.ndarray, top_rows: TopRows | None = None) -> None:
        """One block: scores of mentees start.. against every mentor, -1 where not
        allowed (and its `top_per_row`, when already computed)."""
        b = masked.shape[0]
        if b == 0:
            return
        top, bound = top_rows or top_per_row(masked, self.k_mentee, start)
        self.parts.append(top)
        self.row_bound[start:start + b] = bound
        if self.k_mentor <= 0:
            return
        if not self.seeded and b > self.k_mentor:
            # the first block sets every mentor's bar at its k-th best there, so the pool
            # never holds a whole block
            kth = np.partition(masked, b - self.k_mentor, axis=0)[b - self.k_mentor]
            r, c = cells(masked >= np.maximum(kth, self.threshold)[None, :])
            self.threshold = np.maximum(self.threshold, kth)
            self.seeded = True
        else:
            r, c = cells(masked > self.threshold[None, :])
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
        # by mentor, best first, then lower mentee id (a non-negative float32's bits sort
        # like the float; + 0 turns a -0.0 into 0.0)
        bits = (np.maximum(v, 0) + np.float32(0)).astype(np.float32).view(np.uint32)
        best_first = np.uint32(0xFFFFFFFF) - bits
        r_bits = max(1, int(self.n - 1).bit_length())
        if r_bits + max(1, int(self.m - 1).bit_length()) <= 31:
            # all three in one int64, sorted in place: no argsort and gathers (the
            # pairs are distinct, so the order is the same as a stable sort's)
            key = c.astype(np.int64) << (32 + r_bits)
            key |= best_first.astype(np.int64) << r_bits
            key |= r.astype(np.int64)
            key.sort()
            r = key & ((1 << r_bits) - 1)
            c = key >> (32 + r_bits)
            v = (np.uint32(0xFFFFFFFF)
                 - ((key >> r_bits) & 0xFFFFFFFF).astype(np.uint32)).view(np.float32)
        else:
            key = (c.astype(np.int64) << 32) | best_first.astype(np.int64)
            order = np.argsort(key, kind="stable")  # equal keys stay in mentee order
            r, c, v = r[order], c[order], v[order]
        first = np.searchsorted(c, c, side="left")
        rank = np.arange(len(c)) - first
        keep = rank < self.k_mentor
        r, c, v = r[keep], c[keep], v[keep]
        full = np.flatnonzero(np.bincount(c, minlength=self.m) >= self.k_mentor)
        last = np.searchsorted(c, full, side="left") + self.k_mentor - 1
        self.threshold[full] = np.maximum(self.threshold[full], v[last])
        self.pool = [(r, c, v)]
        self.pooled = len(r)

    @property
    def col_bound(self) -> np.ndarray:
        """Per mentor: the best score of any mentee not among its kept ones."""
        if self.k_mentor <= 0:
            return np.full(self.m, np.inf, dtype=np.float32)
        return self.threshold

    def edges(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The graph's edges (mentee, mentor, score) sorted by (mentee, mentor)."""
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
