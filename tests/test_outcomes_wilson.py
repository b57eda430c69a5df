"""The Wilson interval and the month arithmetic behind the retention figures."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorkit.services.outcomes.retention import add_months, wilson


@pytest.mark.parametrize(("k", "n", "low", "high"), [
    (11, 12, 0.646120, 0.985135),  # scipy.stats.binomtest(11, 12).proportion_ci("wilson")
    (24, 31, 0.601876, 0.886049),
    (0, 10, 0.0, 0.277533),  # Wilson's interval at 0 %: never a zero-width [0, 0]
    (10, 10, 0.722467, 1.0),
    (50, 100, 0.403832, 0.596168),
])
def test_known_values(k: int, n: int, low: float, high: float) -> None:
    assert wilson(k, n) == pytest.approx((low, high), abs=1e-6)


@settings(deadline=None)  # the first call imports scipy
@given(st.integers(1, 2000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_agrees_with_scipy(case: tuple[int, int]) -> None:
    from scipy.stats import binomtest

    k, n = case
    ci = binomtest(k, n).proportion_ci(confidence_level=0.95, method="wilson")
    assert wilson(k, n) == pytest.approx((ci.low, ci.high), abs=1e-9)


@given(st.integers(1, 10**6).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_bounds_lie_in_zero_one_around_the_share(case: tuple[int, int]) -> None:
    k, n = case
    low, high = wilson(k, n)
    assert 0.0 <= low <= k / n <= high <= 1.0


@pytest.mark.parametrize(("k", "n"), [(1, 0), (-1, 5), (6, 5)])
def test_not_a_proportion_is_refused(k: int, n: int) -> None:
    with pytest.raises(ValueError):
        wilson(k, n)


@pytest.mark.parametrize(("day", "months", "then"), [
    (dt.date(2025, 1, 31), 1, dt.date(2025, 2, 28)),
    (dt.date(2024, 8, 29), 6, dt.date(2025, 2, 28)),
    (dt.date(2023, 8, 29), 6, dt.date(2024, 2, 29)),
    (dt.date(2025, 7, 15), 6, dt.date(2026, 1, 15)),
    (dt.date(2025, 12, 1), 12, dt.date(2026, 12, 1)),
])
def test_add_months(day: dt.date, months: int, then: dt.date) -> None:
    assert add_months(day, months) == then
