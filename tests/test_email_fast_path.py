"""The everyday-address shortcut in check_email must give email_validator's own answer."""

from __future__ import annotations

import pytest
from email_validator import EmailNotValidError, validate_email
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorkit.models.base import _PLAIN_EMAIL, _plain_email, check_email


def _slow(value: str) -> str | None:
    try:
        return str(validate_email(value, check_deliverability=False).normalized).lower()
    except EmailNotValidError:
        return None


@settings(max_examples=400, deadline=None)
@given(st.from_regex(_PLAIN_EMAIL, fullmatch=True))
def test_every_address_the_shortcut_takes_is_valid_and_normalised_the_same(value: str) -> None:
    fast = _plain_email(value)
    if fast is not None:
        assert fast == _slow(value)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZ9._%+-@ë.-\u0142"), min_size=3, max_size=40))
def test_near_misses_get_the_same_answer_as_the_full_check(value: str) -> None:
    slow = _slow(value)
    try:
        assert check_email(value) == slow
    except ValueError:
        assert slow is None


@pytest.mark.parametrize("value, expected", [
    ("Ann.Lee@StMarys.Example.ORG", "ann.lee@stmarys.example.org"),
    ("nurse+night_shift@lab-1.example.org", "nurse+night_shift@lab-1.example.org"),
])
def test_everyday_addresses_are_lower_cased(value: str, expected: str) -> None:
    assert _plain_email(value) == expected
    assert check_email(value) == expected == _slow(value)


@pytest.mark.parametrize("value", [
    "ann@ward.test", "ann@printer.local", "ann@localhost", "ann@b.123", "ann..lee@x.org",
    ".ann@x.org", "ann@-x.org", "ann@xn--bcher-kva.example", "a" * 65 + "@x.org",
])
def test_special_and_odd_addresses_take_the_full_check(value: str) -> None:
    assert _plain_email(value) is None
    slow = _slow(value)
    if slow is None:
        with pytest.raises(ValueError):
            check_email(value)
    else:
        assert check_email(value) == slow
