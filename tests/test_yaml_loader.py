"""store/yamlio's one-walk construction gives what PyYAML's own constructor gives."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorkit.errors import InvalidFile
from mentorkit.store import yamlio, yamltext

scalars = (
    st.none() | st.booleans() | st.integers(-10**12, 10**12)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1))
    # text that reads as something else (yes, 0o17, 1_000, ~, 2026-01-02) stays text
    | st.sampled_from(["yes", "No", "on", "0o17", "1_000", "~", "2026-01-02", "1e3", ".inf",
                       "", " padded ", "a: b", "- x", "#"])
    | st.text(max_size=30)
)
keys = st.text(min_size=1, max_size=12) | st.integers(0, 99)
documents = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=25,
)


def pyyaml(text: str) -> object:
    """The same loader with PyYAML's own construction (construct_document)."""
    loader = yamltext.SafeLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


@settings(max_examples=300, deadline=None)
@given(documents, st.sampled_from([False, True]))
def test_any_document_reads_as_pyyaml_reads_it(data: object, flow: bool) -> None:
    text = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True)
    try:
        expected = pyyaml(text)  # (PyYAML itself reads back "\x85" as " ": not compared)
    except yaml.constructor.ConstructorError:  # `'0':` and `0:` are one key twice, refused
        with pytest.raises(InvalidFile, match="is given twice"):
            yamlio.parse(text, "x.yaml")
        return
    assert yamlio.parse(text, "x.yaml") == expected


@pytest.mark.parametrize("text", [
    "a: &x 1\nb: 2\n",  # an anchor nobody refers to
    "base: {a: 1}\nmore:\n  <<: {a: 2, b: 3}\n  c: 4\n",  # a merge key, no alias
    "? [1, 2]\n: x\n",  # a list as a key (refused by both)
    "date: 2026-02-30\n",  # not a real date (refused by both)
    "n: 12345678901234567890123456789\nf: 1.5e3\nt: yes\nz: ~\nd: 2026-01-02 08:30:00\n",
    "x: !!set {a, b}\n",  # refused tag
    "x: !custom 1\n",  # unknown tag
    "- !!str 12\n- !!int '7'\n- !!float '2'\n",
    "a:\n  b: 1\n  b: 2\n",  # a repeated key
])
def test_unusual_documents_as_pyyaml(text: str) -> None:
    try:
        expected: object = pyyaml(text)
    except yaml.YAMLError as exc:
        expected = type(exc)
    if expected is yaml.constructor.ConstructorError or isinstance(expected, type):
        with pytest.raises(InvalidFile):
            yamlio.parse(text, "x.yaml")
    else:
        assert yamlio.parse(text, "x.yaml") == expected


def test_a_repeated_key_names_both_lines_and_the_field() -> None:
    with pytest.raises(InvalidFile) as caught:
        yamlio.parse("kind: goals\ngoals:\n  - id: a\n    id: b\n", "g.yaml")
    problem = caught.value.problems[0]
    assert "'id' is given twice (lines 3 and 4)" in problem.message
    assert problem.line == 4


def test_a_tagged_timestamp_that_is_no_date_is_a_plain_error() -> None:
    with pytest.raises(InvalidFile) as caught:
        yamlio.parse("date: !!timestamp 2026-W01-1\n", "s.yaml")
    assert "is not a real date (write it as YYYY-MM-DD)" in caught.value.problems[0].message


@pytest.mark.parametrize("size", [0, 1, 100, yamlio.MAX_FILE_BYTES, yamlio.MAX_FILE_BYTES + 1,
                                  yamlio.MAX_FILE_BYTES + 5000])
def test_a_file_is_read_whole_up_to_one_byte_past_the_limit(tmp_path: Path, size: int) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"x" * size)
    fd = os.open(path, os.O_RDONLY)
    try:
        raw = yamlio._bounded_read(fd, os.fstat(fd).st_size)
    finally:
        os.close(fd)
    assert len(raw) == min(size, yamlio.MAX_FILE_BYTES + 1)


def test_a_file_that_grew_since_its_size_was_taken_is_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"name: Ana\nemail: ana@example.org\n")
    real = yamlio.os.fstat

    class Smaller:  # the size as it was before the editor wrote the second line
        def __init__(self, fd: int) -> None:
            self.st_mode = real(fd).st_mode
            self.st_size = real(fd).st_size - 20

    monkeypatch.setattr(yamlio.os, "fstat", Smaller)
    assert yamlio.read_bytes(path) == path.read_bytes()


def test_pyyaml_is_imported_to_parse_or_write_not_to_read_files() -> None:
    """A `report` or `due` replayed when nothing changed parses nothing: PyYAML, about a
    tenth of such a command, is imported by the first parse, not by the store."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import mentorkit.cli.app, mentorkit.cli.report_cmd, mentorkit.cli.due_cmd\n"
        "import mentorkit.cli.replay, mentorkit.store.folder, mentorkit.store.results\n"
        "print('yaml' in sys.modules)\n"
        "from mentorkit.store import yamlio\n"
        "print(yamlio.parse('a: 1', 'f.yaml'), 'yaml' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.splitlines() == ["False", "{'a': 1} True"]
