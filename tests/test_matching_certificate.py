"""The sparse solver's answer is the exact optimum over every pair, and says why.

Its certificate (dual prices u, v) is checked against scipy's linear_sum_assignment on
the capacity-expanded matrix, and for dual feasibility over every allowed pair — left
out of the candidate graph or not.
"""

from __future__ import annotations

from typing import Any
from unittest import mock

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linear_sum_assignment

from benchmarks.gen_program import people as generated_people
from mentorkit.engine import candidates, certificate, repair, solver
from mentorkit.engine.candidates import Candidates, top_per_row
from mentorkit.engine.certificate import TOLERANCE, NotCertified, Previous, solve_certified
from mentorkit.engine.repair import solve_near
from tests.test_matching_engine import _instance


def dense_optimum(score: np.ndarray, ok: np.ndarray, capacity: np.ndarray) -> float:
    """The reference: linear_sum_assignment on the capacity-expanded matrix."""
    expanded = np.repeat(np.arange(score.shape[1]), capacity)
    if score.shape[0] == 0 or len(expanded) == 0:
        return 0.0
    gain = np.where(ok[:, expanded], score[:, expanded].astype(np.float64), 0.0)
    r, c = linear_sum_assignment(-gain)
    return float(gain[r, c].sum())


def certified(
    score: np.ndarray, ok: np.ndarray, capacity: np.ndarray, top_k: tuple[int, int],
    rows_per_block: int = 3, solve: Any = solver.solve_sparse, previous: Any = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, Any]:
    """The candidate graph built block by block from a score matrix, then certified."""
    n, m = score.shape
    graph = Candidates(n, m, *top_k)
    masked = np.where(ok & (capacity > 0)[None, :], score, np.float32(-1.0))
    for start in range(0, n, rows_per_block):
        graph.add(start, masked[start:start + rows_per_block])
    ei, ej, ew = graph.edges()

    def price(ii: np.ndarray, jj: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return score[ii, jj], ok[ii, jj]

    return solve_certified(ei, ej, ew, n, capacity, graph.row_bound, graph.col_bound,
                           price, solve, guess=solver.solve_filling_every_slot,
                           previous=previous)


def assert_certificate_holds(
    score: np.ndarray, ok: np.ndarray, capacity: np.ndarray, found: Any
) -> None:
    rows, cols, chosen, cert = found
    # a valid matching of allowed pairs
    assert ok[rows, cols].all()
    assert len(set(rows.tolist())) == len(rows)
    assert (np.bincount(cols, minlength=len(capacity)) <= capacity).all()
    assert chosen == pytest.approx(score[rows, cols].astype(np.float64))
    # dual feasible over EVERY allowed pair, not just the graph's
    u, v = cert.mentee_surplus, cert.mentor_price
    room = capacity > 0
    reduced = score.astype(np.float64) - u[:, None] - np.where(room, v, 0.0)[None, :]
    assert (reduced[ok & room[None, :]] <= TOLERANCE).all()
    assert (u >= 0).all() and (v[room] >= 0).all()
    # equal totals: the proof of optimality
    assert cert.dual == pytest.approx(cert.primal, abs=TOLERANCE * max(1, len(u)))


scores = st.integers(0, 40).map(lambda x: np.float32(x * 2.5))  # ties on purpose


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    n=st.integers(0, 14),
    m=st.integers(0, 7),
    data=st.data(),
    k_mentee=st.integers(0, 3),
    k_mentor=st.integers(0, 3),
    rows_per_block=st.integers(1, 5),
)
def test_certified_optimum_equals_the_dense_solver_with_capacities_and_forbidden_pairs(
    n: int, m: int, data: st.DataObject, k_mentee: int, k_mentor: int, rows_per_block: int
) -> None:
    score, ok, capacity = _drawn(n, m, data)
    found = certified(score, ok, capacity, (k_mentee, k_mentor), rows_per_block)
    assert_certificate_holds(score, ok, capacity, found)
    assert found[3].primal == pytest.approx(dense_optimum(score, ok, capacity), abs=1e-6)


def test_pricing_adds_the_pairs_a_small_graph_left_out() -> None:
    # every mentee's best mentor is mentor 0 (room for one): the others must be found
    # by pricing, since the graph keeps only each mentee's best mentor
    score = np.array([[90, 50, 10], [80, 70, 5], [85, 20, 60]], dtype=np.float32)
    ok = np.ones((3, 3), dtype=bool)
    capacity = np.array([1, 1, 1])
    found = certified(score, ok, capacity, (1, 0))
    assert_certificate_holds(score, ok, capacity, found)
    assert found[3].primal == pytest.approx(90 + 70 + 60)
    assert found[3].added > 0 and found[3].rounds > 1


def test_a_guess_that_fills_every_slot_gives_way_when_a_slot_should_stay_empty() -> None:
    # mentee 0 scores 10 with mentor 0 and 90 with mentor 1; mentee 1 can only have
    # mentor 1 (5); mentee 2 has no one. Filling both slots gives 15; the optimum
    # leaves mentor 0's slot empty: 90
    score = np.array([[10, 90], [0, 5], [0, 0]], dtype=np.float32)
    ok = np.array([[True, True], [False, True], [False, False]])
    capacity = np.array([1, 1])
    guessed = solver.solve_filling_every_slot(
        np.array([0, 0, 1]), np.array([0, 1, 1]), np.array([10.0, 90.0, 5.0]), 3, capacity)
    assert guessed is not None and float(guessed[2].sum()) == 15.0
    found = certified(score, ok, capacity, (2, 2))
    assert_certificate_holds(score, ok, capacity, found)
    assert found[3].primal == pytest.approx(90.0)


def test_a_matching_that_is_not_optimal_is_refused() -> None:
    score = np.array([[90, 10], [80, 70]], dtype=np.float32)
    ok = np.ones((2, 2), dtype=bool)

    def worse(*_: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        # mentee 0 with mentor 1 and mentee 1 with mentor 0: 90 points, not 160
        return np.array([0, 1]), np.array([1, 0]), np.array([10.0, 80.0])

    with pytest.raises(NotCertified):
        certified(score, ok, np.array([1, 1]), (2, 2), solve=worse)


@pytest.mark.parametrize(("n", "m", "top_k"), [(400, 150, (2, 3)), (1200, 400, (8, 48))])
def test_generated_programs_match_linear_sum_assignment(
    n: int, m: int, top_k: tuple[int, int]
) -> None:
    _, mentee_ids, mentor_ids, space, cons, capacity = _instance(
        generated_people(n, m, seed=3, capacity=(0, 3), both=0.05)
    )
    found = solver.assign(space, cons, capacity, method="sparse", top_k=top_k)
    rows = np.arange(len(mentee_ids))
    score = space.block(rows)
    ok = cons.feasible(rows[:, None], np.arange(len(mentor_ids))[None, :])
    cert = found.certificate
    assert cert is not None
    assert_certificate_holds(score, ok, capacity,
                             (found.rows, found.cols, found.scores, cert))
    assert found.total == pytest.approx(dense_optimum(score, ok, capacity), rel=1e-7)
    dense = solver.assign(space, cons, capacity, method="dense")
    assert found.total == pytest.approx(dense.total, rel=1e-7)


def test_the_same_input_gives_the_same_matching() -> None:
    _, _, _, space, cons, capacity = _instance(generated_people(300, 100, seed=5))
    first = solver.assign(space, cons, capacity, method="sparse", top_k=(2, 4))
    again = solver.assign(space, cons, capacity, method="sparse", top_k=(2, 4))
    assert first.rows.tolist() == again.rows.tolist()
    assert first.cols.tolist() == again.cols.tolist()


def certified_exactly(score: np.ndarray, ok: np.ndarray, capacity: np.ndarray) -> Any:
    """Certified from a graph of each mentee's best mentor only (pricing adds pairs
    round after round), checked against the dense optimum."""
    found = certified(score, ok, capacity, (1, 0))
    assert_certificate_holds(score, ok, capacity, found)
    assert found[3].primal == pytest.approx(dense_optimum(score, ok, capacity), abs=1e-6)
    return found


def _drawn(n: int, m: int, data: st.DataObject) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    score = np.array(data.draw(st.lists(st.lists(scores, min_size=m, max_size=m),
                                        min_size=n, max_size=n)),
                     dtype=np.float32).reshape(n, m)
    ok = np.array(data.draw(st.lists(st.lists(st.booleans(), min_size=m, max_size=m),
                                     min_size=n, max_size=n)), dtype=bool).reshape(n, m)
    capacity = np.array(data.draw(st.lists(st.integers(0, 3), min_size=m, max_size=m)),
                        dtype=np.int64)
    return score, ok, capacity


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(n=st.integers(1, 14), m=st.integers(1, 7), data=st.data())
def test_a_later_solve_near_the_added_pairs_stays_exact(
    n: int, m: int, data: st.DataObject
) -> None:
    # every solve after the first is local to the pairs pricing added (repair.py)
    score, ok, capacity = _drawn(n, m, data)
    local: list[int] = []

    def counted(*args: Any) -> Any:
        local.append(1)
        return solve_near(*args)

    with mock.patch.object(certificate, "solve_near", counted):
        found = certified_exactly(score, ok, capacity)
    assert len(local) == found[3].rounds - 1


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(n=st.integers(1, 14), m=st.integers(1, 7), data=st.data())
def test_a_local_solve_that_is_wrong_gives_way_to_a_whole_one(
    n: int, m: int, data: st.DataObject
) -> None:
    # a ball that holds nothing keeps the old matching, which is not optimal once a
    # better pair was added: its prices fail the check and the whole graph is solved
    score, ok, capacity = _drawn(n, m, data)

    def nothing(*args: Any) -> tuple[np.ndarray, np.ndarray]:
        return np.zeros(args[3], dtype=bool), np.zeros(args[4], dtype=bool)

    with mock.patch.object(repair, "ball", nothing):
        certified_exactly(score, ok, capacity)


def test_a_later_solve_uses_part_of_the_graph_and_stays_exact(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, _, _, space, cons, capacity = _instance(
        generated_people(400, 150, seed=3, capacity=(0, 3), both=0.05)
    )
    sizes: list[int] = []

    def solve(*args: Any, **kwargs: Any) -> tuple[np.ndarray, np.ndarray]:
        sizes.append(len(args[0]))
        return original(*args, **kwargs)

    original = solver._sparse_scipy  # every solve, guessed or not, ends here
    monkeypatch.setattr(solver, "_sparse_scipy", solve)
    found = solver.assign(space, cons, capacity, method="sparse", top_k=(2, 3))
    assert found.certificate is not None and found.certificate.rounds >= 2
    # a later solve left out graph edges far from paying
    assert min(sizes[1:]) < found.certificate.edges
    dense = solver.assign(space, cons, capacity, method="dense")
    assert found.total == pytest.approx(dense.total, rel=1e-7)


def test_the_packed_prune_keeps_what_the_stable_sort_keeps() -> None:
    # a graph small enough to pack (mentee, mentor, score) in one int64, and one just
    # too large, fed the same blocks (ties on purpose): the same edges and bounds
    rng = np.random.default_rng(4)
    m = 4096
    packed, sorted_ = Candidates(2**19, m, 2, 3), Candidates(2**19 + 1, m, 2, 3)
    for start in range(0, 120, 6):
        masked = (rng.integers(-1, 8, size=(6, m)) * 2.5).astype(np.float32)
        masked[masked < 0] = -1.0
        packed.add(start, masked)
        sorted_.add(start, masked)
        packed._prune()
        sorted_._prune()
    for a, b in zip(packed.edges(), sorted_.edges(), strict=True):
        assert a.tolist() == b.tolist()
    assert packed.col_bound.tolist() == sorted_.col_bound.tolist()


@settings(max_examples=120, deadline=None)
@given(
    b=st.integers(1, 6), m=st.integers(128, 400), k=st.integers(1, 64),
    seed=st.integers(0, 2**32 - 1), levels=st.integers(1, 400), allowed=st.floats(0, 1),
)
def test_each_rows_best_by_chunk_maxima_are_those_partitioning_finds(
    b: int, m: int, k: int, seed: int, levels: int, allowed: float
) -> None:
    # few levels make ties, a low share allowed makes rows with fewer than k cells
    rng = np.random.default_rng(seed)
    masked = (rng.integers(0, levels, size=(b, m)) * (100 / levels)).astype(np.float32)
    masked[rng.random((b, m)) >= allowed] = -1.0
    (rows, cols, values), bound = top_per_row(masked, k, 10)
    with mock.patch.object(candidates, "CHUNKS", m + 1):  # too few columns: partition
        (p_rows, p_cols, p_values), p_bound = top_per_row(masked, k, 10)
    assert rows.tolist() == p_rows.tolist() and cols.tolist() == p_cols.tolist()
    assert values.tolist() == p_values.tolist() and bound.tolist() == p_bound.tolist()


def test_the_local_solve_holds_only_people_an_added_pair_can_reach() -> None:
    # two separate markets: mentees 0-1 with mentors 0-1, mentees 2-3 with mentors 2-3,
    # each matched straight across with prices that make every pair tight or worse;
    # an added pair (mentee 0, mentor 1) gains 5 points, so only the first market can
    # move (the second is joined to it by no pair at all)
    ei = np.array([0, 1, 0, 2, 3, 2, 1])
    ej = np.array([0, 1, 1, 2, 3, 3, 0])
    reduced = np.array([0.0, 0.0, -5.0, 0.0, 0.0, 1.0, 30.0])
    rows, cols = np.array([0, 1, 2, 3]), np.array([0, 1, 2, 3])
    mentees, mentors = repair.ball(ei, ej, reduced, 4, 4, rows, cols)
    assert mentees.tolist() == [True, True, False, False]
    assert mentors.tolist() == [True, True, False, False]


def _changed(
    score: np.ndarray, ok: np.ndarray, capacity: np.ndarray, data: st.DataObject
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The same problem after a coordinator's edits: a few scores, allowed pairs and
    capacities changed."""
    score, ok, capacity = score.copy(), ok.copy(), capacity.copy()
    n, m = score.shape
    for _ in range(data.draw(st.integers(0, 3))):
        i, j = data.draw(st.integers(0, n - 1)), data.draw(st.integers(0, m - 1))
        what = data.draw(st.sampled_from(["score", "allowed", "capacity"]))
        if what == "score":
            score[i, j] = data.draw(scores)
        elif what == "allowed":
            ok[i, j] = not ok[i, j]
        else:
            capacity[j] = data.draw(st.integers(0, 3))
    return score, ok, capacity


def started_exactly(
    score: np.ndarray, ok: np.ndarray, capacity: np.ndarray, previous: Any
) -> None:
    """Certified from `previous`, whose own answer must be proven (no falling back to a
    fresh solve, which would hide a ball that missed someone), and the dense optimum."""
    with mock.patch.object(certificate, "_guessed", side_effect=AssertionError(
            "the start from the previous answer was not proven optimal")):
        found = certified(score, ok, capacity, (1, 0), previous=previous)
    assert_certificate_holds(score, ok, capacity, found)
    assert found[3].primal == pytest.approx(dense_optimum(score, ok, capacity), abs=1e-6)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(n=st.integers(1, 14), m=st.integers(1, 7), data=st.data())
def test_a_start_from_the_previous_answer_stays_exact_after_edits(
    n: int, m: int, data: st.DataObject
) -> None:
    score, ok, capacity = _drawn(n, m, data)
    before = certified_exactly(score, ok, capacity)
    previous = Previous(before[0], before[1], before[3].mentor_price, *before[3].added_pairs)
    score, ok, capacity = _changed(score, ok, capacity, data)
    started_exactly(score, ok, capacity, previous)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(n=st.integers(1, 14), m=st.integers(1, 7), data=st.data())
def test_a_start_from_prices_that_are_nonsense_still_ends_at_the_optimum(
    n: int, m: int, data: st.DataObject
) -> None:
    # the previous run's record is only a start: pairs and prices from anywhere (a
    # record of another program, say) are proven or solved past, never trusted
    score, ok, capacity = _drawn(n, m, data)
    pairs = data.draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, m - 1)),
                               max_size=n))
    v = np.array(data.draw(st.lists(st.floats(-50, 150), min_size=m, max_size=m)))
    rows = np.array([i for i, _ in pairs], dtype=np.int64)
    cols = np.array([j for _, j in pairs], dtype=np.int64)
    previous = Previous(rows, cols, v, rows[::-1] % n, cols % m)
    started_exactly(score, ok, capacity, previous)


def test_a_ball_holding_every_mentee_but_not_every_mentor_is_widened() -> None:
    """Found by the test above: the old answer holds mentee 2 with mentor 1, and mentees
    0 and 1 are unmatched. The first ball (radius 1) reaches every mentee but not mentor
    0, 2.5 points away, where the optimum puts mentee 2; it must be widened, not given
    up for a fresh solve."""
    score = np.array([[0.0, 2.5], [0.0, 5.0], [2.5, 5.0]], dtype=np.float32)
    ok = np.array([[False, True], [False, True], [True, True]])
    capacity = np.array([1, 1])
    previous = Previous(np.array([0, 2]), np.array([0, 1]), np.zeros(2),
                        np.array([2, 0]), np.array([0, 1]))
    started_exactly(score, ok, capacity, previous)


def test_nothing_is_solved_again_when_nothing_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    _, _, _, space, cons, capacity = _instance(
        generated_people(400, 150, seed=3, capacity=(0, 3), both=0.05))
    first = solver.assign(space, cons, capacity, method="sparse")
    assert first.certificate is not None
    solves: list[int] = []

    def solve(*args: Any, **kwargs: Any) -> tuple[np.ndarray, np.ndarray]:
        solves.append(len(args[0]))
        return original(*args, **kwargs)

    original = solver._sparse_scipy  # every solve, guessed or not, ends here
    monkeypatch.setattr(solver, "_sparse_scipy", solve)
    again = solver.assign(space, cons, capacity, method="sparse", previous=Previous(
        first.rows, first.cols, first.certificate.mentor_price,
        *first.certificate.added_pairs))
    assert solves == []
    assert (again.rows.tolist(), again.cols.tolist()) == (first.rows.tolist(),
                                                          first.cols.tolist())


def test_after_one_persons_edit_only_part_of_the_graph_is_solved_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    people = generated_people(400, 150, seed=3, capacity=(0, 3), both=0.05)
    _, _, _, space, cons, capacity = _instance(people)
    first = solver.assign(space, cons, capacity, method="sparse")
    assert first.certificate is not None
    # one mentor leaves the round: their mentees' pairs no longer fit
    gone = int(first.cols[0])
    capacity = capacity.copy()
    capacity[gone] = 0
    sizes: list[int] = []

    def solve(*args: Any, **kwargs: Any) -> tuple[np.ndarray, np.ndarray]:
        sizes.append(len(args[0]))
        return original(*args, **kwargs)

    original = solver._sparse_scipy
    monkeypatch.setattr(solver, "_sparse_scipy", solve)
    again = solver.assign(space, cons, capacity, method="sparse", previous=Previous(
        first.rows, first.cols, first.certificate.mentor_price))
    assert again.certificate is not None
    assert sizes and max(sizes) < again.certificate.edges
    assert gone not in again.cols.tolist()
    dense = solver.assign(space, cons, capacity, method="dense")
    assert again.total == pytest.approx(dense.total, rel=1e-7)
