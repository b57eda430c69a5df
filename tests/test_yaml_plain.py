"""store/yamlplain reads the YAML mentorkit writes to exactly the values PyYAML's safe
loader gives, and leaves everything else to libyaml (NOT_PLAIN)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mentorkit.store import yamlio, yamlplain, yamltext
from tests.test_yaml_loader import pyyaml

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "st-marys-mentoring"


def read(text: str) -> Any:
    """yamlplain's reading, typed as yamltext types plain scalars."""
    return yamlplain.load(text, yamltext._plain_value)


def typed(value: Any) -> Any:
    """The value with every scalar's type beside it: 1, 1.0 and True are equal in
    Python, and a reader that gave one for another would be wrong."""
    if isinstance(value, dict):
        return ("dict", [(typed(k), typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [typed(v) for v in value])
    return (type(value).__name__, repr(value))


def assert_reads_as_pyyaml(text: str) -> bool:
    """Whatever yamlplain gives for `text` is what PyYAML gives (in order and type);
    True if yamlplain read it."""
    data = read(text)
    if data is yamlplain.NOT_PLAIN:
        return False
    assert typed(data) == typed(pyyaml(text)), text
    return True


# Generated lines: keys and values chosen to sit on the edge of what is plain.
KEYS = ["name", "a", "b", "goals", "yes", "null", "True", "x_1", "on"]
VALUES = [
    "", "text", "two words", "1", "-1", "0.5", "1_000", "0x1F", "0o17", "1:30", "1e3",
    ".inf", "-.inf", ".nan", "yes", "No", "off", "~", "null", "2026-01-05",
    "2026-02-30", "2026-01-05 08:30:00", "2026-01-05T08:30:00+01:00", "[]", "{}", "[a]",
    "{a: 1}", "''", "'it''s'", "'a'b'", '"quoted"', '"esc\\n"', "'open", "a: b", "a:b",
    "a #b", "a# b", "#c", "&anchor x", "*alias", "!!str 1", "!tag x", "|", ">", "@x",
    "`x", "%x", "? x", ": x", "- x", "a:", "Zoë", "trailing   ", "<<", "=", "C#",
    "http://example.org", "a, b", "[x]y", "O'Brien", "-x", "...", "---",
]
lines = st.tuples(
    st.sampled_from([0, 0, 0, 1, 2, 2, 4]),  # indent
    st.sampled_from(["", "", "", "- ", "-", "- - ", "-  "]),  # dashes
    st.sampled_from([*(f"{k}:" for k in KEYS), "", "", "'q': ", "k :"]),  # key
    st.sampled_from([*VALUES, " # note"]),  # value
).map(lambda t: " " * t[0] + t[1] + t[2] + (" " if t[2] and t[3] else "") + t[3])
texts = st.lists(lines | st.sampled_from(["", "# comment", "  ", "---", "...", "\t- a"]),
                 min_size=1, max_size=12).map("\n".join)


@settings(max_examples=1500, deadline=None)
@given(texts)
@example("a: 1\n  b: 2\n")  # a value that goes on over the next line
@example("a:\n- 1\nb:\n  - 2\n  c: 3\n")
def test_generated_text_reads_as_pyyaml_or_is_left_to_it(text: str) -> None:
    try:
        expected = pyyaml(text)
    except (yaml.YAMLError, RecursionError):
        assert read(text) is yamlplain.NOT_PLAIN, text
        return
    data = read(text)
    if data is not yamlplain.NOT_PLAIN:
        assert typed(data) == typed(expected), text


scalars = (
    st.none() | st.booleans() | st.integers(-10**12, 10**12)
    | st.floats(allow_nan=False)
    | st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1))
    | st.datetimes(dt.datetime(1900, 1, 1), dt.datetime(2100, 1, 1))
    | st.sampled_from(VALUES)
    | st.text(max_size=30)
)
words = st.from_regex(r"[a-z_][a-z0-9_]{0,8}", fullmatch=True)
documents = st.dictionaries(
    st.one_of(words, words, words, st.text(max_size=8)),  # mostly keys as mentorkit's
    st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                 | st.dictionaries(st.from_regex(r"[a-z][a-z_]{0,6}", fullmatch=True),
                                   inner, max_size=4), max_leaves=20),
    max_size=6,
)


@settings(max_examples=500, deadline=None)
@given(documents, st.sampled_from([None, False]), st.sampled_from([2, 4]),
       st.sampled_from([80, 12]))
def test_dumped_documents_read_as_pyyaml_reads_them(
    data: dict[str, Any], flow: bool | None, indent: int, width: int,
) -> None:
    """As the dumper writes them, long text wrapped over lines (width) included."""
    text = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True,
                          sort_keys=False, indent=indent, width=width)
    try:
        pyyaml(text)
    except yaml.YAMLError:  # `'0':` and `0:` are one key twice: refused by both
        assert read(text) is yamlplain.NOT_PLAIN
        return
    assert_reads_as_pyyaml(text)


def test_every_file_mentorkit_writes_in_the_example_is_read_line_by_line() -> None:
    """The speed is only there if the files mentorkit writes are the plain layout: every
    file of the example program (as `mentorkit` wrote and rewrote them) is read here,
    but for those holding text over several lines (a `|` block)."""
    files = sorted(EXAMPLE.rglob("*.yaml"))
    assert len(files) > 20
    skipped = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        if not assert_reads_as_pyyaml(text):
            skipped.append(path.relative_to(EXAMPLE))
            assert ": |" in text or ": >" in text or "- |" in text, path
    assert len(skipped) < len(files) / 4, skipped


def test_a_freshly_dumped_participant_is_read_line_by_line() -> None:
    from mentorkit.models import Participant

    person = Participant.model_validate({
        "schema_version": 1, "kind": "participant", "name": "Zoë O'Brien-Ng",
        "email": "zoe@example.org", "role": "mentee", "department": "ICU: nights",
        "site": "North #2", "years_experience": 1.5, "interests": ["yes", "1_000", "C#"],
    })
    text = yamlio.dump(person.to_document())
    assert assert_reads_as_pyyaml(text)


@pytest.mark.parametrize("text", [
    "a: 1  # a comment after a value\n",
    "notes: |\n  two\n  lines\n",
    "a: &x 1\nb: *x\n",
    "a: !!str 1\n",
    "a: [1, 2]\n",
    "a: 1\na: 2\n",  # a repeated key: libyaml's error names both lines
    "yes: 1\n",  # a key read as a bool
    "k" * 1025 + ": 1\n",  # libyaml refuses a key this long
    "- " + "k" * 200 + ": 1\n",
    "'a': 1\n",
    "a: two\n\n  paragraphs\n",  # a blank line folds to a line break: left to libyaml
    "a: two\n  # not a line of it\n  lines\n",
    "a: 'quoted\n  # is a line of it'\n",
    "- a\n  - b\n",
    "a:\tb\n",
    "a: b\r\nc: d\r\n",
    "\ufeffa: 1\n",
    "a: next\u2028line\n",
    "date: 2026-02-30\n",  # libyaml's path names the line and says why
    "---\na: 1\n",
    "just a scalar\n",
    "",
])
def test_what_is_not_the_plain_layout_is_left_to_libyaml(text: str) -> None:
    assert read(text) is yamlplain.NOT_PLAIN


@pytest.mark.parametrize(("text", "expected"), [
    ("a: 1\nb: 0.5\nc: yes\nd: ~\ne: 2026-01-05\nf: '2026-01-05'\n",
     {"a": 1, "b": 0.5, "c": True, "d": None, "e": dt.date(2026, 1, 5), "f": "2026-01-05"}),
    ("goals:\n- id: g1\n  tags:\n  - a\n  - b\n  done: false\n- id: g2\nnext: []\n",
     {"goals": [{"id": "g1", "tags": ["a", "b"], "done": False}, {"id": "g2"}], "next": []}),
    ("m:\n  n:\n    - - x\n      - ''\n  o:\n", {"m": {"n": [["x", ""]], "o": None}}),
    ("# written by hand\n\na: 'it''s'   \n\n# more\nb: \"plain quotes\"\n",
     {"a": "it's", "b": "plain quotes"}),
    # text too long for a line, as the dumper wraps it
    ("a: two   \n  lines\nb:\n  on the next line\n  and one more\n",
     {"a": "two lines", "b": "on the next line and one more"}),
    ("reasons:\n- 'wants: ventilator management, RRT exam\n    prep'\n"
     "- \"long\n  one\"\n- same site\n",
     {"reasons": ["wants: ventilator management, RRT exam prep", "long one", "same site"]}),
])
def test_the_plain_layout_reads_to_the_safe_loaders_values(text: str, expected: Any) -> None:
    assert typed(read(text)) == typed(expected) == typed(pyyaml(text))


def test_a_value_read_before_is_a_new_list_each_time() -> None:
    """Values are kept between files for speed; an empty list must not be one shared
    object that a change to one document would change in the next."""
    first, second = read("a: []\n"), read("a: []\n")
    first["a"].append(1)
    assert second == {"a": []}


def test_errors_in_plain_looking_files_still_name_the_line() -> None:
    with pytest.raises(yamlio.InvalidFile) as caught:
        yamlio.parse("name: Ana\nname: Bo\n", "p.yaml")
    assert "given twice (lines 1 and 2)" in caught.value.problems[0].message
