"""Compatibility features of every mentee–mentor pair, each in [0, 1], and the score.

One job, past 400 lines: the ten feature formulas and the weighted score, which share
the arrays built here (the small-table lookups are in engine/lookup.py).

Every feature is one vectorised formula over index arrays: `ii` (mentees) and `jj`
(mentors) that either broadcast to a block (`ii` shaped (b, 1), `jj` shaped (1, M)) or
pair up element by element (both shaped (n,)). Set features are sparse incidence
matrices multiplied together, so there is no Python loop over pairs.

Features (weights in program.yaml `matching.weights`):

- expertise: one-sided coverage of what the mentee wants help with by what the mentor
  can help with. Each wanted phrase counts equally; a phrase is covered by the share of
  its words (normalised: lower case, no stop words, simple plurals) the mentor offers.
- experience_gap: mentor years minus mentee years against `matching.ideal_gap_years`
  (lo, hi): 1 inside the range, rising linearly from 0 at no gap up to lo, falling
  linearly above hi to 0 at 2 × hi (at hi + 1 when hi is 0).
- career_goals, interests: Jaccard similarity of the two people's normalised word sets.
- language: 1 when they share a language, 0 when not.
- meeting_mode: 1 when they accept a common meeting mode, 0 when not.
- availability: share of the mentee's time slots the mentor also has.
- department, site: 1 when same (or different, as `matching.department`/`site` asks);
  `any` turns the feature off.
- preference: 1 when the mentee named this mentor in preferred_mentors.

A side that left a field empty makes that feature 0.5 (unknown), except: expertise is 0
when only the mentor named nothing; career goals and interests (Jaccard) are 0; and
preference is 0 unless named. The score is 100 × Σ weight × feature / Σ weight over the
features in use, so it runs from 0 to 100.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np
from scipy import sparse

from mentorkit.engine.lookup import LookupTable, LookupTables, row_cells

if TYPE_CHECKING:
    from mentorkit.models.participant import Participant
    from mentorkit.models.program import MatchingSettings

FEATURES: tuple[str, ...] = (
    "expertise",
    "experience_gap",
    "career_goals",
    "interests",
    "language",
    "meeting_mode",
    "availability",
    "department",
    "site",
    "preference",
)
UNKNOWN = 0.5
DENSE_VOCAB_CELLS = 20_000_000  # vocabulary × mentors kept as a dense float32 matrix

_WORD = re.compile(r"[a-z0-9]+(?:[+#][a-z0-9+#]*)?")
STOP_WORDS = frozenset((
    "a", "an", "and", "any", "as", "at", "be", "being", "better", "by", "for", "from", "get",
    "getting", "help", "how", "i", "in", "into", "is", "it", "its", "learn", "learning",
    "making", "me", "more", "my", "new", "of", "on", "or", "other", "own", "skill", "skills",
    "the", "their", "them", "to", "up", "with", "work", "working",
))


def words(text: str) -> tuple[str, ...]:
    """Normalised content words of a phrase: 'Wound-care audits' -> ('wound', 'care', 'audit')."""
    out = []
    for word in _WORD.findall(text.casefold()):
        if word in STOP_WORDS:
            continue
        if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "is", "us")):
            word = word[:-1]
        out.append(word)
    return tuple(dict.fromkeys(out))


class _Words:
    """A cache of phrase -> words: sign-up forms repeat the same phrases many times."""

    def __init__(self) -> None:
        self.cache: dict[str, tuple[str, ...]] = {}
        self.bags: dict[tuple[str, ...], tuple[str, ...]] = {}

    def __call__(self, phrase: str) -> tuple[str, ...]:
        found = self.cache.get(phrase)
        if found is None:
            found = self.cache[phrase] = words(phrase)
        return found

    def bag(self, phrases: Sequence[str]) -> tuple[str, ...]:
        key = tuple(phrases)
        found = self.bags.get(key)
        if found is None:
            found = self.bags[key] = tuple(dict.fromkeys(w for p in key for w in self(p)))
        return found


class Sets:
    """Two families of sets over one vocabulary: A (mentees) and B (mentors).

    `a_weights` optionally weight each A member (the expertise coverage weights).
    People repeat the same sets a lot (a program has a few hundred distinct interest
    lists), so each distinct set is made into a row once and people take copies.
    """

    def __init__(
        self,
        a: Sequence[Sequence[str]],
        b: Sequence[Sequence[str]],
        a_weights: Sequence[Sequence[float]] | None = None,
        *,
        dense: bool = True,
    ) -> None:
        a_rows, a_codes = _distinct_rows(a, a_weights)
        b_rows, b_codes = _distinct_rows(b, None)
        vocab: dict[str, int] = {}
        for rows in (a_rows, b_rows):  # first-seen order, as over every person
            for members, _ in rows:
                for m in members:
                    vocab.setdefault(m, len(vocab))
        self.vocab = vocab
        weighted = a_weights is not None
        self.A = _incidence(a_rows, vocab, weighted)[a_codes]
        self.B = _incidence(b_rows, vocab, False)[b_codes]
        # a small vocabulary multiplies fastest as dense BLAS; a large one stays sparse
        self.BT: np.ndarray | sparse.csr_matrix = (
            self.B.T.toarray()
            if dense and self.B.shape[0] * self.B.shape[1] <= DENSE_VOCAB_CELLS
            else self.B.T.tocsr()
        )
        self.a_size = np.array([len(m) for m, _ in a_rows], dtype=np.float32)[a_codes]
        self.b_size = np.array([len(m) for m, _ in b_rows], dtype=np.float32)[b_codes]
        self.a_empty = self.a_size == 0
        self.b_empty = self.b_size == 0
        # up to 64 members: each side's set as the bits of one integer, so "any shared"
        # is one AND per cell, and the count one popcount
        self.bits: tuple[np.ndarray, np.ndarray] | None = None
        if a_weights is None and len(vocab) <= 64:
            dtype = next(t for t in (np.uint8, np.uint16, np.uint32, np.uint64)
                         if np.iinfo(t).bits >= len(vocab))
            self.bits = (_bits(self.A, dtype), _bits(self.B, dtype))

    def any_shared(self, ii: np.ndarray, jj: np.ndarray) -> np.ndarray:
        """Whether the two sets meet: a block (b × M) or pairwise (n,), bool."""
        if self.bits is not None:
            a, b = self.bits
            return (a[ii] & b[jj]) != 0
        return self.dot(ii, jj) > 0

    def count(self, ii: np.ndarray, jj: np.ndarray) -> np.ndarray:
        """How many members the two sets share (float32), like `dot` for unweighted sets."""
        if self.bits is not None and hasattr(np, "bitwise_count"):
            a, b = self.bits
            return np.bitwise_count(a[ii] & b[jj]).astype(np.float32)
        return self.dot(ii, jj)

    def dot(self, ii: np.ndarray, jj: np.ndarray) -> np.ndarray:
        """Σ over shared members of A's weight: a block (b × M) or pairwise (n,)."""
        if ii.ndim == 2:  # block: rows ii[:, 0] against every mentor
            rows = self.A[ii[:, 0]]
            if isinstance(self.BT, np.ndarray):
                return np.asarray(rows.toarray() @ self.BT, dtype=np.float32)
            return np.asarray((rows @ self.BT).toarray(), dtype=np.float32)
        product = self.A[ii].multiply(self.B[jj])
        return np.asarray(product.sum(axis=1), dtype=np.float32).ravel()

    def unknown(self, value: np.ndarray, ii: np.ndarray, jj: np.ndarray, fill: float) -> np.ndarray:
        """`value` with `fill` wherever either side's set is empty (in place for blocks)."""
        if ii.ndim == 2:
            value[self.a_empty[ii[:, 0]], :] = fill
            value[:, self.b_empty[jj[0]]] = fill
            return value
        return np.where(self.a_empty[ii] | self.b_empty[jj], np.float32(fill), value)


class Codes:
    """One value per person (department, site) as integer codes, ignoring case; -1: blank."""

    def __init__(self, a: Sequence[str], b: Sequence[str]) -> None:
        codes: dict[str, int] = {}

        def code(value: str) -> int:
            key = value.casefold()
            return codes.setdefault(key, len(codes)) if key else -1

        self.a = np.array([code(v) for v in a], dtype=np.int32)
        self.b = np.array([code(v) for v in b], dtype=np.int32)


def _bits(matrix: sparse.csr_matrix, dtype: type[np.unsignedinteger]) -> np.ndarray:
    """Each row's members (column numbers < 64) as the bits of one unsigned integer."""
    rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
    out = np.zeros(matrix.shape[0], dtype=np.uint64)
    np.bitwise_or.at(out, rows, np.left_shift(np.uint64(1), matrix.indices.astype(np.uint64)))
    return out.astype(dtype)


Row = tuple[tuple[str, ...], tuple[float, ...]]  # a set's members and their weights


def _distinct_rows(
    family: Sequence[Sequence[str]], weights: Sequence[Sequence[float]] | None
) -> tuple[list[Row], np.ndarray]:
    """The family's distinct (members, weights) in first-seen order, and each set's
    number among them."""
    index: dict[Row, int] = {}
    if weights is None:
        keys: Iterable[Row] = ((tuple(m), ()) for m in family)
    else:
        keys = ((tuple(m), tuple(w)) for m, w in zip(family, weights, strict=True))
    codes = np.fromiter((index.setdefault(k, len(index)) for k in keys), dtype=np.int64,
                        count=len(family))
    return list(index), codes


def _incidence(rows: Sequence[Row], vocab: dict[str, int], weighted: bool) -> sparse.csr_matrix:
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(m) for m, _ in rows])
    indices = np.fromiter((vocab[m] for ms, _ in rows for m in ms), dtype=np.int64,
                          count=int(indptr[-1]))
    if not weighted:
        data = np.ones(len(indices), dtype=np.float32)
    else:
        data = np.fromiter((w for _, ws in rows for w in ws), dtype=np.float32,
                           count=int(indptr[-1]))
    return sparse.csr_matrix((data, indices, indptr), shape=(len(rows), max(len(vocab), 1)))


class FeatureSpace:
    """Everything needed to score any mentee (row) against any mentor (column)."""

    def __init__(
        self,
        mentees: Sequence[Participant],
        mentors: Sequence[Participant],
        mentor_ids: Sequence[str],
        settings: MatchingSettings,
    ) -> None:
        self.n_mentees = len(mentees)
        self.n_mentors = len(mentors)
        self.settings = settings
        w = _Words()
        self.words = w

        # expertise: mentee word v weighs Σ over wanted phrases p ∋ v of 1 / (n_p × |p|)
        wanted: list[list[str]] = []
        wanted_w: list[list[float]] = []
        needs: dict[tuple[str, ...], tuple[list[str], list[float]]] = {}  # repeated lists
        for p in mentees:
            key = tuple(p.wants_help_with)
            found = needs.get(key)
            if found is None:
                phrases = [ws for ws in map(w, key) if ws]
                weight: dict[str, float] = {}
                for ws in phrases:
                    for word in ws:
                        weight[word] = weight.get(word, 0.0) + 1.0 / (len(phrases) * len(ws))
                found = needs[key] = (list(weight), list(weight.values()))
            wanted.append(found[0])
            wanted_w.append(found[1])
        self.expertise = Sets(wanted, [w.bag(p.can_help_with) for p in mentors], wanted_w)
        self.goals = Sets([w.bag(p.career_goals) for p in mentees],
                          [w.bag(p.career_goals) for p in mentors])
        self.interests = Sets([w.bag(p.interests) for p in mentees],
                              [w.bag(p.interests) for p in mentors])
        self.language = _plain_sets([p.languages for p in mentees],
                                    [p.languages for p in mentors])
        # the choices are StrEnum members: their text is their value (no `.value`, a
        # descriptor call each, 0.3 s on 60,000 people)
        self.mode = _plain_sets([p.meeting_modes for p in mentees],
                                [p.meeting_modes for p in mentors])
        self.slots = _plain_sets([p.availability for p in mentees],
                                 [p.availability for p in mentors])
        self.department = Codes([p.department for p in mentees], [p.department for p in mentors])
        self.site = Codes([p.site for p in mentees], [p.site for p in mentors])
        self.preference = Sets([list(p.preferred_mentors) for p in mentees],
                               [[i] for i in mentor_ids], dense=False)
        self.mentee_years = np.array([p.years_experience for p in mentees], dtype=np.float32)
        self.mentor_years = np.array([p.years_experience for p in mentors], dtype=np.float32)

        weights = settings.weights
        self.weights = np.array([getattr(weights, f) for f in FEATURES], dtype=np.float32)
        for name in ("department", "site"):
            if getattr(settings, name).value == "any":
                self.weights[FEATURES.index(name)] = 0.0
        total = float(self.weights.sum())
        # all weights 0 can only happen when just department/site were weighted
        self.scale = np.float32(100.0 / total) if total > 0 else np.float32(0.0)
        self._formulas: dict[str, Callable[[np.ndarray, np.ndarray], np.ndarray]] = {
            "expertise": self._expertise,
            "experience_gap": self._gap,
            "career_goals": lambda ii, jj: _jaccard(self.goals, ii, jj),
            "interests": lambda ii, jj: _jaccard(self.interests, ii, jj),
            "language": lambda ii, jj: _shared(self.language, ii, jj),
            "meeting_mode": lambda ii, jj: _shared(self.mode, ii, jj),
            "availability": self._availability,
            "department": lambda ii, jj: self._same(self.department, "department", ii, jj),
            "site": lambda ii, jj: self._same(self.site, "site", ii, jj),
            "preference": lambda ii, jj: np.minimum(self.preference.dot(ii, jj), 1.0),
        }

        self._fast = _BlockScorer(self)

    # -- the score ---------------------------------------------------------------------
    def block(self, rows: np.ndarray) -> np.ndarray:
        """Scores 0–100 of mentees `rows` against every mentor: float32 (len(rows) × M).

        The same numbers as `pairs`, computed with as few passes over the block as
        possible (the formulas are rearranged, not changed; a test holds them equal)."""
        return self._fast(np.asarray(rows, dtype=np.int64))

    def block_by_formula(self, rows: np.ndarray) -> np.ndarray:
        """`block` straight from the feature formulas (for tests and checking)."""
        ii = np.asarray(rows, dtype=np.int64)[:, None]
        jj = np.arange(self.n_mentors, dtype=np.int64)[None, :]
        return self._score(ii, jj)

    def pairs(self, ii: Sequence[int] | np.ndarray, jj: Sequence[int] | np.ndarray) -> np.ndarray:
        """Scores 0–100 of the pairs (ii[k], jj[k])."""
        return self._score(np.asarray(ii, dtype=np.int64), np.asarray(jj, dtype=np.int64))

    def breakdown(
        self, ii: Sequence[int] | np.ndarray, jj: Sequence[int] | np.ndarray
    ) -> np.ndarray:
        """Feature values (n × len(FEATURES)) of the pairs (ii[k], jj[k])."""
        ii_ = np.asarray(ii, dtype=np.int64)
        jj_ = np.asarray(jj, dtype=np.int64)
        out = np.zeros((len(ii_), len(FEATURES)), dtype=np.float32)
        for k, name in enumerate(FEATURES):
            out[:, k] = np.broadcast_to(self._formulas[name](ii_, jj_), (len(ii_),))
        return out

    def _score(self, ii: np.ndarray, jj: np.ndarray) -> np.ndarray:
        shape = np.broadcast_shapes(ii.shape, jj.shape)
        total = np.zeros(shape, dtype=np.float32)
        for k, name in enumerate(FEATURES):
            weight = self.weights[k] * self.scale
            if weight > 0:
                value = np.asarray(self._formulas[name](ii, jj), dtype=np.float32)
                if value.shape == shape:
                    value *= weight
                    total += value
                else:
                    total += weight * value
        return total

    # -- formulas ----------------------------------------------------------------------
    def _expertise(self, ii: np.ndarray, jj: np.ndarray) -> np.ndarray:
        # a mentor who named no expertise offers nothing the mentee asked for (0); a
        # mentee who named no needs cannot tell mentors apart (0.5)
        sets = self.expertise
        covered = np.minimum(sets.dot(ii, jj), np.float32(1.0))
        if ii.ndim == 2:
            covered[:, sets.b_empty[jj[0]]] = 0.0
            covered[sets.a_empty[ii[:, 0]], :] = UNKNOWN
            return covered
        covered = np.where(sets.b_empty[jj], np.float32(0.0), covered)
        return np.where(sets.a_empty[ii], np.float32(UNKNOWN), covered)

    def _gap(self, ii: np.ndarray, jj: np.ndarray) -> np.ndarray:
        # min(rising edge, falling edge) clipped to [0, 1] is the trapezoid
        low, high = self.settings.ideal_gap_years
        width = high if high > 0 else 1.0
        gap = self.mentor_years[jj] - self.mentee_years[ii]
        rise = gap * np.float32(1.0 / low) if low > 0 else np.where(gap > 0, np.float32(1), 0)
        fall = (np.float32(high + width) - gap) * np.float32(1.0 / width)
        out = np.minimum(rise, fall, dtype=np.float32)
        return np.clip(out, 0.0, 1.0, out=out)

    def _availability(self, ii: np.ndarray, jj: np.ndarray) -> np.ndarray:
        sets = self.slots
        share = sets.dot(ii, jj) / np.maximum(sets.a_size[ii], np.float32(1.0))
        return sets.unknown(share.astype(np.float32, copy=False), ii, jj, UNKNOWN)

    def _same(self, codes: Codes, name: str, ii: np.ndarray, jj: np.ndarray) -> np.ndarray:
        a, b = codes.a[ii], codes.b[jj]
        wanted = (a == b) if getattr(self.settings, name).value == "same" else (a != b)
        value = wanted.astype(np.float32)
        if ii.ndim == 2:
            value[a[:, 0] < 0, :] = UNKNOWN
            value[:, b[0] < 0] = UNKNOWN
            return value
        return np.where((a < 0) | (b < 0), np.float32(UNKNOWN), value)


def _jaccard(sets: Sets, ii: np.ndarray, jj: np.ndarray) -> np.ndarray:
    shared = sets.count(ii, jj)
    union = sets.a_size[ii] + sets.b_size[jj] - shared
    np.maximum(union, np.float32(1.0), out=union)  # no members on either side: 0 / 1
    return np.divide(shared, union, out=union)


def _shared(sets: Sets, ii: np.ndarray, jj: np.ndarray) -> np.ndarray:
    return sets.unknown(sets.any_shared(ii, jj).astype(np.float32), ii, jj, UNKNOWN)


def _plain_sets(a: Iterable[Iterable[str]], b: Iterable[Iterable[str]]) -> Sets:
    """Sets of values compared whole, ignoring case; empty values are left out."""
    folded: dict[tuple[str, ...], tuple[str, ...]] = {}  # people repeat the same lists

    def fold_one(members: Iterable[str]) -> tuple[str, ...]:
        key = tuple(members)
        found = folded.get(key)
        if found is None:
            found = folded[key] = tuple(dict.fromkeys(x.casefold() for x in key if x))
        return found

    def fold(family: Iterable[Iterable[str]]) -> list[tuple[str, ...]]:
        return [fold_one(members) for members in family]

    return Sets(fold(a), fold(b))



class _BlockScorer:
    """The weighted score of a block with the fewest passes over (b × M) memory.

    - expertise and availability are linear in the set incidence, so their weighted sum
      is one matrix product (weights folded into the mentee side);
    - preference adds its weight at the few named cells;
    - language, meeting mode, department and site add their weight where they hold;
    - unknown (empty) sides get 0.5 × weight on their rows or columns.
    """

    def __init__(self, space: FeatureSpace) -> None:
        self.space = space
        w = space.weights * space.scale
        self.w = {name: float(w[k]) for k, name in enumerate(FEATURES)}
        e, a = space.expertise, space.slots
        inv = 1.0 / np.maximum(a.a_size, 1.0)
        left = [self.w["expertise"] * e.A, self.w["availability"] * sparse.diags(inv) @ a.A]
        right = [e.B, a.B]
        self.linear_A = sparse.hstack(left, format="csr", dtype=np.float32)
        self.linear_BT = _dense_or_sparse(sparse.hstack(right, format="csr").T)
        # a small vocabulary multiplies fastest as a dense product of dense rows
        self.linear_dense: np.ndarray | None = None
        if isinstance(self.linear_BT, np.ndarray) and (
                self.linear_A.shape[0] * self.linear_A.shape[1] <= DENSE_VOCAB_CELLS):
            self.linear_dense = np.ascontiguousarray(self.linear_A.toarray(), dtype=np.float32)
            self.linear_BT = np.ascontiguousarray(self.linear_BT)
        self.pref = _preference_cells(space)
        low, high = space.settings.ideal_gap_years
        width = high if high > 0 else 1.0
        wg = self.w["experience_gap"]
        self.gap_ok = low > 0
        # rise = wg × gap / low, fall = wg × (high + width − gap) / width, gap = mentor − mentee
        self.rise_b = (space.mentor_years * (wg / low) if low > 0 else space.mentor_years)
        self.rise_a = (space.mentee_years * (wg / low) if low > 0 else space.mentee_years)
        self.fall_b = (high + width - space.mentor_years) * (wg / width)
        self.fall_a = space.mentee_years * (wg / width)
        self.tables: list[LookupTable] = []
        self.tabled: set[str] = set()
        for group in LOOKUP_GROUPS:
            self._table(group)
        self.lookups = LookupTables(self.tables, space.n_mentors)

    def _table(self, group: tuple[str, ...]) -> None:
        """Score the group by table lookup (lookup.py) when its keys allow it."""
        space = self.space
        used = [name for name in group if self.w[name] > 0]
        keys = [_lookup_keys(space, name) for name in used]
        if not used or any(k is None for k in keys):
            return
        a_keys = [k[0] for k in keys if k is not None]
        b_keys = [k[1] for k in keys if k is not None]

        def value(ii: np.ndarray, jj: np.ndarray) -> np.ndarray:
            out = np.zeros(np.broadcast_shapes(ii.shape, jj.shape), dtype=np.float32)
            for name in used:
                out += np.float32(self.w[name]) * space._formulas[name](ii, jj)
            return out

        table = LookupTable.build(a_keys, b_keys, value)
        if table is not None:
            self.tables.append(table)
            self.tabled.update(used)

    def __call__(self, rows: np.ndarray) -> np.ndarray:
        space, w = self.space, self.w
        m = space.n_mentors
        cols = np.arange(m, dtype=np.int64)
        if self.linear_dense is not None:
            total = np.asarray(self.linear_dense[rows] @ self.linear_BT, dtype=np.float32)
        else:
            total = _product(self.linear_A[rows], self.linear_BT, (len(rows), m))
        e, a = space.expertise, space.slots
        _fill(total, e.a_empty[rows], None, 0.5 * w["expertise"])
        _fill(total, a.a_empty[rows], a.b_empty, 0.5 * w["availability"])
        total[row_cells(self.pref, rows)] += np.float32(w["preference"])
        self.lookups.add_to(total, rows)
        if w["experience_gap"] > 0 and "experience_gap" not in self.tabled:
            if self.gap_ok:
                rise = np.subtract(self.rise_b[None, :], self.rise_a[rows, None])
                fall = np.add(self.fall_b[None, :], self.fall_a[rows, None])
                np.minimum(rise, fall, out=rise)
                np.clip(rise, 0.0, w["experience_gap"], out=rise)
                total += rise
            else:
                total += w["experience_gap"] * space._gap(rows[:, None], cols[None, :])
        for name, sets in (("career_goals", space.goals), ("interests", space.interests)):
            if w[name] > 0 and name not in self.tabled:
                shared = sets.count(rows[:, None], cols[None, :])
                union = np.add(sets.a_size[rows, None], sets.b_size[None, :])
                union -= shared
                np.maximum(union, np.float32(1.0), out=union)
                np.divide(shared, union, out=shared)
                shared *= np.float32(w[name])
                total += shared
        for name, sets in (("language", space.language), ("meeting_mode", space.mode)):
            if w[name] > 0 and name not in self.tabled:
                held = sets.any_shared(rows[:, None], cols[None, :])
                np.add(total, np.float32(w[name]), out=total, where=held)
                _fill(total, sets.a_empty[rows], sets.b_empty, 0.5 * w[name])
        for name, codes in (("department", space.department), ("site", space.site)):
            if w[name] > 0 and name not in self.tabled:
                ca = codes.a[rows]
                held = ca[:, None] == codes.b[None, :]
                if getattr(space.settings, name).value != "same":
                    np.logical_not(held, out=held)
                held[ca < 0, :] = False  # blanks are unknown: neither same nor different
                held[:, codes.b < 0] = False
                np.add(total, np.float32(w[name]), out=total, where=held)
                _fill(total, ca < 0, codes.b < 0, 0.5 * w[name])
        return total


# features scored together from one table: each depends on a small value per person
LOOKUP_GROUPS: tuple[tuple[str, ...], ...] = (
    ("language", "meeting_mode", "department", "site"),
    ("career_goals",),
    ("interests",),
    ("experience_gap",),
)


def _lookup_keys(space: FeatureSpace, name: str) -> tuple[np.ndarray, np.ndarray] | None:
    """(mentee keys, mentor keys) that decide the feature, or None when there are none
    small enough (a set of more than 64 members, or no popcount in this numpy)."""
    if name == "experience_gap":
        return space.mentee_years, space.mentor_years
    if name in ("department", "site"):
        codes: Codes = getattr(space, name)
        return codes.a, codes.b
    sets: Sets = {"language": space.language, "meeting_mode": space.mode,
                  "career_goals": space.goals, "interests": space.interests}[name]
    counted = name in ("career_goals", "interests")
    if sets.bits is None or (counted and not hasattr(np, "bitwise_count")):
        return None
    return sets.bits


def _fill(total: np.ndarray, rows_empty: np.ndarray, cols_empty: np.ndarray | None,
          amount: float) -> None:
    """Add `amount` to the cells where either side is unknown (once per cell)."""
    if amount <= 0:
        return
    if rows_empty.any():
        total[rows_empty, :] += np.float32(amount)
    if cols_empty is not None and cols_empty.any():
        keep = np.flatnonzero(~rows_empty)
        cols = np.flatnonzero(cols_empty)
        total[np.ix_(keep, cols)] += np.float32(amount)


def _dense_or_sparse(matrix: sparse.spmatrix) -> np.ndarray | sparse.csr_matrix:
    if matrix.shape[0] * matrix.shape[1] <= DENSE_VOCAB_CELLS:
        return np.asarray(matrix.toarray(), dtype=np.float32)
    return sparse.csr_matrix(matrix, dtype=np.float32)


def _product(left: sparse.csr_matrix, right: np.ndarray | sparse.csr_matrix,
             shape: tuple[int, int]) -> np.ndarray:
    if isinstance(right, np.ndarray):
        # sparse rows times a dense matrix: scipy's single-threaded kernel, ten times
        # faster here than a BLAS product of the densified rows (and no BLAS threads
        # fighting the scoring threads for the cores)
        return np.asarray(left @ right, dtype=np.float32).reshape(shape)
    return np.asarray((left @ right).toarray(), dtype=np.float32).reshape(shape)


def _preference_cells(space: FeatureSpace) -> sparse.csr_matrix:
    """Mentee × mentor matrix of 1 where the mentee named the mentor."""
    pref = space.preference
    product = (pref.A @ pref.B.T).tocsr()
    product.data = np.minimum(product.data, 1.0).astype(np.float32)
    return product
