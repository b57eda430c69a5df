"""YAML edge cases found in review: duplicate keys, aliases on rewrite, kept comments."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from mentorkit.errors import InvalidFile
from mentorkit.models.relationship import Event, Relationship
from mentorkit.store import yamlio
from mentorkit.store.folder import ProgramFolder
from tests.conftest import make_person


def test_a_key_given_twice_is_refused_with_both_lines() -> None:
    with pytest.raises(InvalidFile) as caught:
        yamlio.parse("name: Ann\nsite: North\nname: Bea\n", "participants/ann.yaml")
    problem = caught.value.problems[0]
    assert problem.line == 3
    assert "'name' is given twice (lines 1 and 3)" in problem.message


def test_validate_reports_a_duplicate_key(cli: Any, folder: ProgramFolder) -> None:
    make_person(folder, "Ann Lee")
    path = folder.participant_path("ann-lee")
    path.write_text(path.read_text() + "name: Someone Else\n")
    result = cli("validate")
    assert result.exit_code == 1
    assert "participants/ann-lee.yaml" in result.stderr and "given twice" in result.stderr


def test_rewrite_of_a_commented_file_writes_no_anchors(folder: ProgramFolder) -> None:
    make_person(folder, "Ann Lee", role="mentor", years_experience=10)
    make_person(folder, "Bo Chan")
    day = dt.date(2026, 9, 1)
    rel = Relationship(mentor="ann-lee", mentee="bo-chan", created=day)
    folder.save_relationship(rel)
    path = folder.relationship_path(rel.id)
    path.write_text("# matched at the launch event\n" + path.read_text())
    rel.started = day
    rel.history = [Event(date=day, event="started")]
    folder.save_relationship(rel)
    text = path.read_text()
    assert "# matched at the launch event" in text
    assert "&id" not in text and "*id" not in text
    assert folder.load_relationship(rel.id) == rel


def test_comments_survive_when_the_old_file_cannot_be_merged(tmp_path: Path) -> None:
    old = "# keep me\nkey: [unclosed\n"
    new = yamlio.render_update(old, {"key": "value"})
    assert "# keep me" in new
    assert yamlio.parse(new, "x.yaml") == {"key": "value"}
