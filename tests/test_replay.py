"""The result cache (store/results.py): `report` and `due` replay what they printed while
nothing has changed, and never otherwise."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mentorkit.services.monitoring import due as due_service
from mentorkit.services.monitoring import report as report_service
from mentorkit.store import results
from mentorkit.store.folder import ProgramFolder
from tests import report_program
from tests.test_cache import overwrite_in_place

AS_OF = ("--as-of", "2026-04-01")
COMPUTING = ((report_service, "program_report"), (due_service, "due"))
COMMANDS = {
    "report terminal": ("report", *AS_OF),
    "report markdown": ("report", "--format", "markdown", *AS_OF),
    "report json": ("report", "--json", *AS_OF),
    "report csv": ("report", "--format", "csv", *AS_OF),
    "report html": ("report", "--format", "html", *AS_OF),
    "report filtered": ("report", "--department", "Nursing", "--since", "2026-02-01", *AS_OF),
    "due": ("due", *AS_OF),
    "due json": ("due", "--json", "--within", "30", *AS_OF),
}


def entries(folder: ProgramFolder) -> int:
    path = folder.state_dir / results.RESULTS_FILE
    if not path.exists():
        return 0
    with contextlib.closing(sqlite3.connect(path)) as db:
        return int(db.execute(f"SELECT count(*) FROM {results.TABLE}").fetchone()[0])


@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_replay_prints_what_the_command_printed(
    trusted: ProgramFolder, cli: Callable[..., Any], forbid: Callable[..., None], name: str,
) -> None:
    first = cli(*COMMANDS[name])
    assert first.exit_code == 0, first.stderr
    assert entries(trusted) == 1
    forbid(*COMPUTING)
    again = cli(*COMMANDS[name])
    assert again.exit_code == 0, again.stderr
    assert again.stdout == first.stdout


def test_the_first_run_on_a_new_folder_is_replayed_by_the_second(
    trusted: ProgramFolder, cli: Callable[..., Any], forbid: Callable[..., None],
) -> None:
    # a program never run before has no .mentorkit/: the first run makes it (lock and
    # caches), and that must not make its own entry unreachable
    shutil.rmtree(trusted.state_dir)
    first = cli("report", *AS_OF)
    assert first.exit_code == 0, first.stderr
    forbid(*COMPUTING)
    again = cli("report", *AS_OF)
    assert (again.exit_code, again.stdout) == (0, first.stdout)


def test_the_overdue_exit_code_is_replayed_too(
    trusted: ProgramFolder, cli: Callable[..., Any], forbid: Callable[..., None],
) -> None:
    first = cli("due", "--fail-if-overdue", *AS_OF)
    assert first.exit_code == 1  # ana--dev has been quiet for 76 days
    forbid(*COMPUTING)
    again = cli("due", "--fail-if-overdue", *AS_OF)
    assert (again.exit_code, again.stdout) == (1, first.stdout)


def test_report_out_file_from_a_replay(trusted: ProgramFolder, cli: Callable[..., Any],
                                       forbid: Callable[..., None], tmp_path: Path) -> None:
    assert cli("report", "--format", "markdown", "--out", str(tmp_path / "a.md"),
               *AS_OF).exit_code == 0
    forbid(*COMPUTING)
    result = cli("report", "--format", "markdown", "--out", str(tmp_path / "b.md"), *AS_OF)
    assert result.exit_code == 0, result.stderr
    assert "Wrote" in result.stderr
    assert (tmp_path / "b.md").read_text() == (tmp_path / "a.md").read_text()


def session_file(folder: ProgramFolder) -> Path:
    return folder.relationship_dir("ana--cara") / "sessions" / "2026-02-10.yaml"


def hours_of_ana_and_cara(stdout: str) -> float:
    report = json.loads(stdout)
    return float(next(p["hours"] for p in report["engagement"]["pairs"]
                      if p["pair"] == "ana--cara"))


CHANGES: dict[str, Callable[[ProgramFolder], None]] = {
    # only the inode change time moves: the edit the issue found served stale
    "an edit keeping size, mtime and inode": lambda f: overwrite_in_place(
        session_file(f), "duration_minutes: 45", "duration_minutes: 50"),
    "a new session file": lambda f: (session_file(f).parent / "2026-03-20.yaml").write_text(
        session_file(f).read_text().replace("2026-02-10", "2026-03-20")),
    "a session file removed": lambda f: session_file(f).unlink(),
    "a file outside the loader's listing": lambda f: (f.root / "notes.txt").write_text("x"),
    "a mode change": lambda f: session_file(f).chmod(0o600),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_any_change_to_the_folder_is_worked_out_afresh(
    trusted: ProgramFolder, cli: Callable[..., Any], change: str,
) -> None:
    before = cli("report", "--json", *AS_OF)
    assert before.exit_code == 0
    CHANGES[change](trusted)
    fresh = cli("report", "--json", *AS_OF)
    with_no_cache = fresh.stdout
    (trusted.state_dir / results.RESULTS_FILE).unlink()
    assert cli("report", "--json", *AS_OF).stdout == with_no_cache  # what the files say
    assert entries(trusted) == 1


def test_the_edit_shows(trusted: ProgramFolder, cli: Callable[..., Any]) -> None:
    before = hours_of_ana_and_cara(cli("report", "--json", *AS_OF).stdout)
    CHANGES["an edit keeping size, mtime and inode"](trusted)  # 45 minutes become 50
    after = hours_of_ana_and_cara(cli("report", "--json", *AS_OF).stdout)
    assert after == round(before + 5 / 60, 2)  # hours, to two places


@pytest.mark.parametrize("other", [
    ("report", "--json", "--as-of", "2026-04-02"),
    ("report", "--format", "markdown", *AS_OF),
    ("report", "--json", "--department", "Laboratory", *AS_OF),
    ("due", "--json", "--within", "7", *AS_OF),
])
def test_another_request_is_not_answered_by_an_entry(
    trusted: ProgramFolder, cli: Callable[..., Any], other: tuple[str, ...],
) -> None:
    cli("report", "--json", *AS_OF)
    cli("due", "--json", *AS_OF)
    assert entries(trusted) == 2
    assert cli(*other).exit_code == 0
    assert entries(trusted) == 3


def test_the_environment_is_part_of_the_request(trusted: ProgramFolder,
                                                cli: Callable[..., Any]) -> None:
    cli("report", *AS_OF)
    cli("report", *AS_OF, env={"NO_COLOR": "1"})
    cli("report", *AS_OF, env={"TZ": "Pacific/Auckland"})
    assert entries(trusted) == 3


def test_a_new_mentorkit_is_not_answered_by_the_old_ones_entries(
    trusted: ProgramFolder, cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch,
) -> None:
    cli("report", *AS_OF)
    monkeypatch.setattr(results, "__version__", "99.0")
    cli("report", *AS_OF)
    assert entries(trusted) == 2
    assert str(Path(results.__file__).resolve()) in results.code_state()


def forge(folder: ProgramFolder, change: Callable[[dict[str, Any]], None]) -> None:
    with contextlib.closing(sqlite3.connect(folder.state_dir / results.RESULTS_FILE)) as db, db:
        [(key, payload)] = db.execute(f"SELECT key, payload FROM {results.TABLE}").fetchall()
        found = json.loads(payload)
        change(found)
        db.execute(f"UPDATE {results.TABLE} SET payload = ? WHERE key = ?",
                   (json.dumps(found).encode(), key))


def test_a_forged_entry_is_never_shown(trusted: ProgramFolder, cli: Callable[..., Any]) -> None:
    first = cli("report", "--json", *AS_OF)
    forge(trusted, lambda p: p.update(stdout=p["stdout"].replace('"Nursing"', '"Forged"')))
    shown = cli("report", "--json", *AS_OF)
    assert shown.stdout == first.stdout
    assert "Forged" not in shown.stdout
    assert cli("report", "--json", *AS_OF).stdout == first.stdout  # remade from the files


def test_an_entry_signed_by_another_user_is_ignored(
    trusted: ProgramFolder, cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path, forbid: Callable[..., None],
) -> None:
    cli("report", "--json", *AS_OF)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "another-home"))
    monkeypatch.setattr(report_service, "program_report", forged_report := Counter())
    cli("report", "--json", *AS_OF)
    assert forged_report.calls == 1  # worked out: the other key's entry does not count


class Counter:
    """Stands in for program_report: counts calls and raises, to show it was called."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, *_: object, **__: object) -> None:
        self.calls += 1
        raise RuntimeError("computed")


@pytest.mark.parametrize("content", [b"", b"garbage, not a database" * 100])
def test_a_damaged_cache_is_remade(trusted: ProgramFolder, cli: Callable[..., Any],
                                   content: bytes) -> None:
    first = cli("report", "--json", *AS_OF).stdout
    (trusted.state_dir / results.RESULTS_FILE).write_bytes(content)
    assert cli("report", "--json", *AS_OF).stdout == first
    assert entries(trusted) == 1


@pytest.mark.parametrize("secret", [b"short", b"x" * 32])
def test_a_secret_others_could_read_or_a_wrong_one_signs_nothing(
    trusted: ProgramFolder, cli: Callable[..., Any], secret: bytes,
) -> None:
    path = results.secret_path()
    path.unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(secret)
    path.chmod(0o644)
    try:
        assert cli("report", "--json", *AS_OF).exit_code == 0
        assert entries(trusted) == 0
    finally:
        path.unlink()


def test_files_are_owner_only(trusted: ProgramFolder, cli: Callable[..., Any]) -> None:
    cli("report", *AS_OF)
    for path in (trusted.state_dir / results.RESULTS_FILE, results.secret_path()):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE(results.secret_path().parent.stat().st_mode) == 0o700


def test_private_pair_text_is_never_kept(trusted: ProgramFolder, cli: Callable[..., Any]) -> None:
    for args in (("report", *AS_OF), ("report", "--json", *AS_OF), ("due", *AS_OF),
                 ("report", "--pair", "ana--cara", "--include-private", *AS_OF),
                 ("report", "--pair", "ana--cara", "--json", *AS_OF)):
        assert cli(*args).exit_code == 0
    assert entries(trusted) == 3  # one pair's report is never kept
    raw = (trusted.state_dir / results.RESULTS_FILE).read_bytes()
    assert report_program.MARKER.encode() not in raw


def test_racy_files_are_not_trusted(folder: ProgramFolder, cli: Callable[..., Any]) -> None:
    report_program.build(folder)  # every file written just now, inside the window
    cli("report", *AS_OF)
    assert entries(folder) == 0


def doubtful_link(folder: ProgramFolder) -> None:
    (folder.root / "link.yaml").symlink_to(folder.program_path)


def doubtful_journal(folder: ProgramFolder) -> None:
    (folder.state_dir / "journal.json").write_text("{}")


def doubtful_fifo(folder: ProgramFolder) -> None:
    os.mkfifo(folder.root / "pipe")


@pytest.mark.parametrize("make_doubt", [doubtful_link, doubtful_journal, doubtful_fifo])
def test_nothing_is_replayed_when_the_folder_is_in_doubt(
    trusted: ProgramFolder, make_doubt: Callable[[ProgramFolder], None],
) -> None:
    assert results.folder_state(trusted.root) is not None
    make_doubt(trusted)
    assert results.folder_state(trusted.root) is None


def test_caches_lock_and_version_control_are_not_program_data(trusted: ProgramFolder) -> None:
    before = results.folder_state(trusted.root)
    (trusted.root / ".git").mkdir()
    (trusted.root / ".git" / "index").write_text("x")
    (trusted.state_dir / "cache").mkdir(exist_ok=True)
    (trusted.state_dir / "cache" / "load.sqlite3").write_text("x")
    (trusted.state_dir / "lock").write_text("")
    assert results.folder_state(trusted.root) == before


def test_only_the_newest_entries_are_kept(trusted: ProgramFolder, cli: Callable[..., Any],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(results, "KEEP", 2)
    for day in ("2026-04-01", "2026-04-02", "2026-04-03"):
        cli("report", "--json", "--as-of", day)
    assert entries(trusted) == 2
