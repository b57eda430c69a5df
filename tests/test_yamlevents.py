"""store/yamlevents.dump: the same text as yamlio.dump for any plain data, and read back
by the safe loader as the data written (hostile text included)."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorkit.store import yamlevents, yamlio

# text that YAML reads as something else when written plain, or must quote or fold
TRICKY = ["", " ", "yes", "No", "on", "null", "~", "true", "1", "-1.5", "0x1F", "1e3",
          ".inf", "2026-12-02", "2026-12-02 10:00:00", "<<", "=", "- a", "a: b", "a #b",
          "#c", "'", '"', "{x}", "[y]", "*z", "&w", "!t", "%p", "@q", "`r", "|", ">",
          "tab\there", "line\nbreak", "trailing\n", "\n\nlead", " lead", "trail ",
          "é ü 漢字 😀", "\u2028", "\x85", "\x07bell", "\ufeffbom", "a" * 200,
          "word " * 40, "12:30", "0o17", "+1", "Yes please", "NaN"]
text = st.one_of(st.sampled_from(TRICKY), st.text(max_size=40))
scalars = st.one_of(
    text, st.integers(min_value=-(10**30), max_value=10**30), st.booleans(), st.none(),
    st.floats(allow_nan=False), st.dates(),
)
plain_data = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=5),
                            st.dictionaries(text, inner, max_size=5)),
    max_leaves=30,
)


@settings(max_examples=400, deadline=None)
@given(plain_data)
def test_same_text_as_the_representer(data: Any) -> None:
    assert yamlevents.dump(data) == yamlio.dump(data)


def _same(read: Any, written: Any) -> bool:
    if isinstance(written, float) and math.isinf(written):
        return read == written
    if isinstance(written, float):
        return isinstance(read, float) and (read == written)
    if isinstance(written, dict):
        return (isinstance(read, dict) and list(read) == list(written)
                and all(_same(read[k], v) for k, v in written.items()))
    if isinstance(written, list):
        return (isinstance(read, list) and len(read) == len(written)
                and all(_same(a, b) for a, b in zip(read, written, strict=True)))
    return type(read) is type(written) and read == written


@settings(max_examples=400, deadline=None)
@given(plain_data)
def test_the_safe_loader_reads_back_what_was_written(data: Any) -> None:
    assert _same(yaml.safe_load(yamlevents.dump(data)), data)


def test_a_proposal_like_document_round_trips() -> None:
    doc = {"schema_version": 1, "kind": "proposal", "created": dt.date(2026, 12, 2),
           "total_score": 385925.756, "pairs": [
               {"mentee": "ana-lee", "mentor": "bo-chen", "score": 76,
                "reasons": ["offers what Ana wants: wound care", "4.5 years ahead",
                            "yes", "both speak English"], "pinned": False}],
           "unmatched": []}
    text = yamlevents.dump(doc)
    assert text == yamlio.dump(doc)
    assert "- 'yes'\n" in text  # quoted, or it would read back as true
    assert yaml.safe_load(text) == doc


record_keys = st.one_of(st.sampled_from(["mentee", "mentor", "score", "reasons", "y",
                                         "a" * 70, "yes", "1", "a: b", ""]), text)
# plain text that reaches past the emitter's width where it stands, or just short of it
long_text = st.integers(min_value=60, max_value=100).map(
    lambda n: ("both free on weekday evenings " * 4)[:n].strip())
record_values = st.one_of(scalars, long_text)
records = st.lists(st.dictionaries(
    record_keys, st.one_of(record_values, st.lists(record_values, max_size=3),
                           st.lists(st.dictionaries(text, scalars, max_size=2), max_size=2)),
    min_size=1, max_size=5), min_size=1, max_size=6)
record_documents = st.dictionaries(
    st.one_of(st.sampled_from(["pairs", "unmatched", "kind", "no"]), text),
    st.one_of(records, scalars, plain_data), min_size=1, max_size=4)


@settings(max_examples=400, deadline=None)
@given(record_documents)
def test_lists_of_records_laid_out_as_text_are_the_representers_text(data: Any) -> None:
    """A proposal's pairs and unmatched mentees are laid out as text, not events
    (`_Records`): the same bytes, whatever the values (tricky text, long text that
    folds, text on several lines, nested lists and mappings that are no records)."""
    assert yamlevents.dump(data) == yamlio.dump(data)


def test_a_long_list_of_records_asks_the_emitter_once_per_distinct_value() -> None:
    rows = [{"mentee": f"mentee-{n:05d}", "mentor": f"mentor-{n % 7}", "score": n / 3,
             "reasons": ["shares career goals: unit manager", f"{n % 5} years ahead",
                         "yes"], "pinned": n % 2 == 0} for n in range(3000)]
    doc = {"schema_version": 1, "kind": "proposal", "pairs": rows, "unmatched": []}
    laid = yamlevents._Records(yaml.CSafeDumper)
    assert laid.document(doc) == yamlio.dump(doc)
    # the quoted reason, the quoted 'yes' and the five 'N years ahead' (text starting
    # with a digit may read back as a number or a date); ids, numbers, flags as they are
    assert len(laid.asked) == 7
    assert "- 'yes'\n" in laid.document(doc)
