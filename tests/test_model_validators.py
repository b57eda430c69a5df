"""The models' Python-level checks, made cheaper for bulk loads, answer as they did."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorkit.models.base import _plain_email, _tidy_list
from mentorkit.models.toolkit import _check_item_id, _refuse_repeats


def _item_id_as_written_first(value: str) -> str:
    """The rule as first written: a character loop (models/toolkit.py before 2026-12-02)."""
    if not value or len(value) > 40 or not all(c.isalnum() or c == "-" for c in value):
        raise ValueError("not a valid id")
    return value.lower()


def _answer(check, value):  # type: ignore[no-untyped-def]
    try:
        return check(value)
    except ValueError:
        return ValueError


ids = st.text(alphabet=st.sampled_from("aZ9-_ .é٣ⅷ\u0300\x00"), max_size=42) | st.text(max_size=42)


@settings(max_examples=500, deadline=None)
@given(ids)
def test_item_ids_are_judged_as_before(value: str) -> None:
    assert _answer(_check_item_id, value) == _answer(_item_id_as_written_first, value)


@pytest.mark.parametrize("value", ["-", "--", "g-1", "G1", "a" * 40, "a" * 41, "", "g 1", "g_1"])
def test_item_id_edges(value: str) -> None:
    assert _answer(_check_item_id, value) == _answer(_item_id_as_written_first, value)


@given(st.lists(st.sampled_from(["a", "b", "c", "d"]), max_size=6))
def test_repeats_are_refused_and_named(values: list[str]) -> None:
    repeated = sorted({v for v in values if values.count(v) > 1})
    if repeated:
        with pytest.raises(ValueError, match="repeated: " + ", ".join(repeated)):
            _refuse_repeats("ids must be unique", values)
    else:
        _refuse_repeats("ids must be unique", values)


def test_an_empty_list_stays_empty_and_new() -> None:
    given_list: list[str] = []
    tidy = _tidy_list(given_list)
    assert tidy == [] and tidy is not given_list


def _special_as_written_first(domain: str) -> bool:
    return any(domain == s or domain.endswith("." + s)
               for s in ("arpa", "invalid", "local", "localhost", "onion", "test"))


labels = st.sampled_from(["test", "local", "localhost", "arpa", "onion", "invalid", "org",
                          "testing", "mytest", "example", "nhs", "uk", "x"])


@given(st.lists(labels, min_size=2, max_size=4))  # (one label alone is never plain)
def test_special_use_domains_are_told_as_before(parts: list[str]) -> None:
    domain = ".".join(parts)
    assert (_plain_email(f"someone@{domain}") is None) == _special_as_written_first(domain)


def _every_model() -> list[type]:
    import importlib
    import pkgutil

    import mentorkit.models
    from mentorkit.models.base import Model

    for info in pkgutil.iter_modules(mentorkit.models.__path__):
        importlib.import_module(f"mentorkit.models.{info.name}")
    found: list[type] = []
    todo = list(Model.__subclasses__())
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return sorted(set(found), key=lambda c: c.__qualname__)


def _number_fields() -> list[tuple[type, str]]:
    from mentorkit.models.base import _is_number

    return [(cls, name) for cls in _every_model()
            for name, info in cls.model_fields.items()  # type: ignore[attr-defined]
            if _is_number(info.annotation)]


@pytest.mark.parametrize(("model", "name"), _number_fields(),
                         ids=lambda v: getattr(v, "__qualname__", v))
def test_every_number_field_refuses_a_boolean(model: type, name: str) -> None:
    # the check is added as each model class is made, before its (deferred) validator is
    # built: a build that came first would leave `true` read as 1
    from pydantic import ValidationError

    with pytest.raises(ValidationError) as caught:
        model.model_validate({name: True})  # type: ignore[attr-defined]
    mine = [e for e in caught.value.errors() if e["loc"] == (name,)]
    assert mine and "true is not a number" in mine[0]["msg"], caught.value.errors()


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan")])
@pytest.mark.parametrize(("model", "name"), _number_fields(),
                         ids=lambda v: getattr(v, "__qualname__", v))
def test_every_number_field_refuses_infinity_and_nan(model: type, name: str,
                                                     value: float) -> None:
    # YAML reads `.inf`, `.nan` and 1e999 as floats; a weight of infinity crashed `match`
    from pydantic import ValidationError

    with pytest.raises(ValidationError) as caught:
        model.model_validate({name: value})  # type: ignore[attr-defined]
    assert any(e["loc"] == (name,) for e in caught.value.errors()), caught.value.errors()
