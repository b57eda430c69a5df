"""The solver finds the true optimum and never breaks a hard constraint."""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import sparse
from scipy.optimize import linear_sum_assignment

from benchmarks.gen_program import people as generated_people
from mentorkit.engine import solver
from mentorkit.engine.constraints import Constraints
from mentorkit.engine.features import FeatureSpace
from mentorkit.engine.lookup import row_cells
from mentorkit.engine.rules import not_taking_part
from mentorkit.models.participant import Participant
from mentorkit.models.program import MatchingSettings, PairRef


def brute_force(score: np.ndarray, ok: np.ndarray, capacity: np.ndarray) -> float:
    """Every way of giving each mentee one mentor or nobody."""
    n, m = score.shape
    best = 0.0
    for choice in itertools.product(range(-1, m), repeat=n):
        load = np.zeros(m, dtype=int)
        total = 0.0
        for i, j in enumerate(choice):
            if j < 0:
                continue
            if not ok[i, j]:
                break
            load[j] += 1
            total += float(score[i, j])
        else:
            if (load <= capacity).all():
                best = max(best, total)
    return best


def sparse_all_edges(score: np.ndarray, ok: np.ndarray, capacity: np.ndarray) -> float:
    i, j = np.nonzero(ok)
    _, _, chosen = solver.solve_sparse(i, j, score[i, j].astype(np.float64), score.shape[0],
                                       capacity)
    return float(chosen.sum())


@settings(max_examples=150, deadline=None)
@given(
    n=st.integers(1, 5),
    m=st.integers(1, 3),
    seed=st.integers(0, 2**32 - 1),
    density=st.floats(0.2, 1.0),
)
def test_dense_and_sparse_equal_brute_force(n: int, m: int, seed: int, density: float) -> None:
    rng = np.random.default_rng(seed)
    score = rng.choice([0.0, 10.0, 25.0, 50.0, 90.0, 100.0], size=(n, m)).astype(np.float32)
    ok = rng.random((n, m)) < density
    capacity = rng.integers(0, 3, size=m)
    expected = brute_force(score, ok, capacity)
    rows, cols = solver.solve_dense(score, ok, capacity)
    assert ok[rows, cols].all()
    assert (np.bincount(cols, minlength=m) <= capacity).all()
    assert len(set(rows.tolist())) == len(rows)
    assert float(score[rows, cols].sum()) == pytest.approx(expected)
    assert sparse_all_edges(score, ok, capacity) == pytest.approx(expected)


def test_infeasible_pair_is_never_forced() -> None:
    # the only mentor is forbidden for mentee 0: leaving them unmatched is the optimum
    score = np.array([[100.0], [10.0]], dtype=np.float32)
    ok = np.array([[False], [True]])
    rows, cols = solver.solve_dense(score, ok, np.array([1]))
    assert rows.tolist() == [1] and cols.tolist() == [0]
    assert sparse_all_edges(score, ok, np.array([1])) == pytest.approx(10.0)


def _instance(
    docs: dict[str, dict[str, Any]], matching: MatchingSettings | None = None,
    paired_before: list[tuple[str, str]] | None = None,
) -> Any:
    people = {k: Participant.model_validate(v) for k, v in docs.items()}
    ids = sorted(people)
    mentee_ids = [i for i in ids if not_taking_part(people[i], "mentee") is None]
    mentor_ids = [i for i in ids if not_taking_part(people[i], "mentor") is None]
    s = matching or MatchingSettings()
    mentees = [people[i] for i in mentee_ids]
    mentors = [people[i] for i in mentor_ids]
    space = FeatureSpace(mentees, mentors, mentor_ids, s)
    emails = {p.email: i for i, p in people.items()}
    exclusions = [(e.mentor, e.mentee) for e in s.exclusions]
    cons = Constraints(mentee_ids, mentees, mentor_ids, mentors, s, emails, exclusions,
                       paired_before or [])
    capacity = np.array([people[i].mentor_capacity(2) for i in mentor_ids])
    return people, mentee_ids, mentor_ids, space, cons, capacity


def test_small_programs_match_brute_force() -> None:
    for seed in range(6):
        _, mentee_ids, mentor_ids, space, cons, capacity = _instance(
            generated_people(5, 3, seed=seed, capacity=(1, 2), both=0.3)
        )
        rows = np.arange(len(mentee_ids))
        score = space.block(rows)
        ok = cons.feasible(rows[:, None], np.arange(len(mentor_ids))[None, :])
        expected = brute_force(score, ok, capacity)
        for method in ("dense", "sparse"):
            found = solver.assign(space, cons, capacity, method=method)  # type: ignore[arg-type]
            assert found.total == pytest.approx(expected, rel=1e-6), (seed, method)


def _greedy(score: np.ndarray, ok: np.ndarray, capacity: np.ndarray) -> float:
    i, j = np.nonzero(ok)
    order = np.lexsort((j, i, -score[i, j]))
    room = capacity.copy()
    used = np.zeros(score.shape[0], dtype=bool)
    total = 0.0
    for a, b in zip(i[order].tolist(), j[order].tolist(), strict=True):
        if not used[a] and room[b] > 0:
            used[a] = True
            room[b] -= 1
            total += float(score[a, b])
    return total


def test_2000_by_1000_equals_linear_sum_assignment_and_beats_greedy() -> None:
    _, mentee_ids, mentor_ids, space, cons, capacity = _instance(
        generated_people(2000, 1000, seed=7, capacity=(1, 3))
    )
    found = solver.assign(space, cons, capacity, method="auto")
    assert found.method == "dense"
    rows = np.arange(len(mentee_ids))
    score = space.block(rows)
    ok = cons.feasible(rows[:, None], np.arange(len(mentor_ids))[None, :])
    # the reference: scipy's assignment on the capacity-expanded matrix, built here
    expanded = np.repeat(np.arange(len(mentor_ids)), capacity)
    cost = np.where(ok[:, expanded], -score[:, expanded].astype(np.float64), 0.0)
    r, c = linear_sum_assignment(cost)
    reference = float(-cost[r, c].sum())
    assert abs(found.total - reference) / reference < 1e-6
    assert found.total >= _greedy(score, ok, capacity)
    # every chosen pair is allowed and no mentor is over capacity
    assert ok[found.rows, found.cols].all()
    assert (np.bincount(found.cols, minlength=len(mentor_ids)) <= capacity).all()
    sparse = solver.assign(space, cons, capacity, method="sparse")  # exact, not top-k
    assert sparse.total == pytest.approx(reference, rel=1e-7)


people_docs = st.builds(
    lambda n, m, seed, both: generated_people(n, m, seed=seed, capacity=(0, 3), both=both),
    st.integers(0, 12), st.integers(0, 6), st.integers(0, 10_000), st.sampled_from([0.0, 0.5]),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(docs=people_docs, data=st.data())
def test_every_proposal_respects_every_hard_constraint(
    docs: dict[str, dict[str, Any]], data: st.DataObject
) -> None:
    ids = sorted(docs)
    for person_id in ids:  # random statuses, managers and exclusions on top
        doc = docs[person_id]
        doc["status"] = data.draw(st.sampled_from(["active", "active", "active", "paused"]))
        if data.draw(st.booleans()):
            other = data.draw(st.sampled_from(ids))
            doc["manager"] = data.draw(st.sampled_from([other, docs[other]["email"]]))
    pairs = data.draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)),
                               max_size=8)) if ids else []
    matching = MatchingSettings(
        min_mentor_years=data.draw(st.sampled_from([0, 5, 12])),
        exclusions=[PairRef(mentor=a, mentee=b) for a, b in pairs],
    )
    before = data.draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)),
                                max_size=8)) if ids else []
    people, mentee_ids, mentor_ids, space, cons, capacity = _instance(docs, matching, before)
    all_rows = np.arange(len(mentee_ids))
    fast, fast_counts = cons.block(all_rows)
    slow, slow_counts = cons.block_by_masks(all_rows)
    assert (fast == slow).all()
    assert all((fast_counts[k] == slow_counts[k]).all() for k in slow_counts)
    method = data.draw(st.sampled_from(["dense", "sparse"]))
    found = solver.assign(space, cons, capacity, method=method)
    excluded = {(a, b) for a, b in pairs}
    load: dict[str, int] = {}
    assert len(set(found.rows.tolist())) == len(found.rows)
    for i, j in zip(found.rows.tolist(), found.cols.tolist(), strict=True):
        mentee, mentor = people[mentee_ids[i]], people[mentor_ids[j]]
        e_id, m_id = mentee_ids[i], mentor_ids[j]
        assert mentee.status.value == "active" and mentor.status.value == "active"
        assert mentor.role.mentors and mentee.role.mentees
        assert e_id != m_id
        assert mentor.years_experience >= matching.min_mentor_years
        assert mentor.years_experience > mentee.years_experience
        assert mentee.manager not in (m_id, mentor.email)
        assert mentor.manager not in (e_id, mentee.email)
        assert (m_id, e_id) not in excluded
        assert (m_id, e_id) not in before  # never the same pair twice
        load[m_id] = load.get(m_id, 0) + 1
    for m_id, n in load.items():
        assert n <= people[m_id].mentor_capacity(2)


@pytest.mark.parametrize("seed", range(5))
def test_a_blocks_stored_cells_are_those_slicing_the_matrix_gives(seed: int) -> None:
    rng = np.random.default_rng(seed)
    matrix = sparse.random(40, 30, density=0.05 * seed, format="csr", random_state=seed)
    rows = rng.choice(40, size=17, replace=seed % 2 == 0)  # any order, repeats too
    sub = matrix[rows].tocoo()
    expected = sorted(zip(sub.row.tolist(), sub.col.tolist(), strict=True))
    at, cols = row_cells(matrix, rows)
    assert sorted(zip(at.tolist(), cols.tolist(), strict=True)) == expected
