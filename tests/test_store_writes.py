"""Writing files: duplicate keys refused, comments and odd characters kept through a
rewrite, exports (private ones owner-only), write errors naming the target."""

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


def test_an_export_with_private_notes_is_owner_only(cli: Any, tmp_path: Path) -> None:
    import shutil

    root = Path(__file__).resolve().parent.parent / "examples" / "st-marys-mentoring"
    program = tmp_path / "program"
    shutil.copytree(root, program, ignore=lambda d, names: [n for n in names if n == ".mentorkit"])
    out = tmp_path / "pair.html"
    result = cli("-p", str(program), "report", "--pair", "aisha-bello", "--include-private",
                 "--format", "html", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert out.stat().st_mode & 0o777 == 0o600
    shared = tmp_path / "program.html"
    result = cli("-p", str(program), "report", "--format", "html", "--out", str(shared))
    assert result.exit_code == 0, result.stderr
    assert shared.stat().st_mode & 0o077 != 0  # a program report is for sharing


def test_a_write_error_names_the_target_not_a_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import os

    from mentorkit.store import atomic

    def refuse(src: str, dst: str) -> None:
        raise OSError(errno.EACCES, "Permission denied", src)

    monkeypatch.setattr(os, "replace", refuse)
    target = tmp_path / "report.md"
    with pytest.raises(OSError) as caught:
        atomic.replace_file(target, "text")
    assert caught.value.filename == str(target)
    assert list(tmp_path.iterdir()) == []  # the temporary file is gone too


@pytest.mark.parametrize("text", ["0\x850", "a\u2028b", "c\u2029d", "bell\x07", "tab\tok"])
def test_line_break_and_control_characters_survive_a_commented_rewrite(text: str) -> None:
    # ruamel would write NEL and the Unicode separators plain; PyYAML reads them as breaks
    new = yamlio.render_update("# a note\nnotes: x\n", {"notes": text})
    assert "# a note" in new
    assert yamlio.parse(new, "x.yaml") == {"notes": text}


def test_a_kill_while_the_journal_was_written_leaves_no_temporary_file(
        folder: ProgramFolder) -> None:
    """Killed before the journal's own rename: only its temporary file is left, and the
    next command that opens the program removes it (nothing was changed yet)."""
    folder.state_dir.mkdir(exist_ok=True)
    leftover = folder.state_dir / ".journal.json.qc7s5tea.tmp"
    leftover.write_text('{"txid": "abc", "sta', encoding="utf-8")
    assert folder.recover() is None
    assert not leftover.exists()


def test_a_stray_rehearsal_folder_with_an_odd_name_is_left_alone(
    cli: Any, folder: ProgramFolder, pair: str
) -> None:
    # a rehearsal copy is named by its process id; "²" is a digit that is no number
    odd = folder.state_dir / "rehearsal-²"
    odd.mkdir(parents=True)
    result = cli("log-session", pair, "--duration", "30", "--no-interactive")
    assert result.exit_code == 0, result.stderr
    assert odd.is_dir()
