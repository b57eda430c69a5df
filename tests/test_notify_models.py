"""Hypothesis: program.yaml's `messages:` block and the sent log survive model → YAML →
model, including the `from` key (a Python keyword, so an alias in the model)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from mentorkit.models.messages import SHAREABLE_FIELDS, MessageSettings, SentLog, SentMessage
from mentorkit.models.program import Program
from mentorkit.vocab import Security
from tests.test_models_roundtrip import SETTINGS, any_text, emails, nonblank, roundtrip

optional_emails = st.none() | emails
settings_strategy = st.builds(
    lambda sender, name, reply, coordinator, host, port, security, user, rate, shareable:
    MessageSettings.model_validate({
        "from": sender, "sender_name": name, "reply_to": reply, "coordinator": coordinator,
        "smtp": {"host": host, "port": port, "security": security, "username": user},
        "rate_per_minute": rate, "shareable": shareable}),
    optional_emails, any_text, optional_emails, optional_emails, st.none() | nonblank,
    st.none() | st.integers(1, 65535), st.sampled_from(Security), st.none() | nonblank,
    st.integers(1, 10_000), st.lists(st.sampled_from(sorted(SHAREABLE_FIELDS)), unique=True),
)
times = st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1),
                     timezones=st.none() | st.just(dt.UTC)).map(lambda t: t.replace(microsecond=0))
sent = st.builds(
    lambda key, subject, at: SentMessage(key=key, kind="reminder", to="a@b.org", recipient="a",
                                         pair="a--b", subject=subject, message_id="<x@b.org>",
                                         at=at, via="smtp"),  # type: ignore[arg-type]
    nonblank, any_text, times)


@SETTINGS
@given(settings_strategy)
def test_program_with_messages_roundtrip(messages: MessageSettings) -> None:
    program = Program(name="P", start_date=dt.date(2026, 1, 5), messages=messages)
    document = program.to_document()
    assert "from" in document["messages"] or messages.sender is None
    assert roundtrip(program) == program


@SETTINGS
@given(st.lists(sent, max_size=5))
def test_sent_log_roundtrip(messages: list[SentMessage]) -> None:
    log = SentLog(day=dt.date(2026, 4, 6), messages=messages)
    assert roundtrip(log) == log


@pytest.mark.parametrize("field", ["notes", "manager", "email", "capacity"])
def test_private_or_unknown_fields_are_never_shareable(field: str) -> None:
    with pytest.raises(ValidationError, match="shareable"):
        MessageSettings.model_validate({"shareable": [field]})
