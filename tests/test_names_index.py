"""The name index (store/names.py): a pair found by a person's name or email without
validating everyone again, and never an answer the files would not give."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mentorkit.services.toolkit import pair as pair_service
from mentorkit.store import names, results
from mentorkit.store.folder import ProgramFolder
from tests import report_program
from tests.test_cache import overwrite_in_place

AS_OF = ("--as-of", "2026-04-01")


def shown(cli: Callable[..., Any], query: str) -> Any:
    return cli("show", query, "--json", *AS_OF)


@pytest.mark.parametrize("query", ["Cara", "cara@example.org", "CARA", "Dev", "ana--c"])
def test_the_index_answers_as_the_files_do(
    trusted: ProgramFolder, cli: Callable[..., Any], forbid: Callable[..., None], query: str,
) -> None:
    first = shown(cli, "Eli")  # any name: the index is made
    assert first.exit_code == 0, first.stderr
    expected = shown(cli, "ana--cara" if query != "Dev" else "ana--dev")
    forbid((pair_service, "load_people_and_pairs"))
    answer = shown(cli, query)
    assert answer.exit_code == 0, answer.stderr
    assert answer.stdout == expected.stdout


@pytest.mark.parametrize("query", ["Ana", "Nobody Here", "ana--"])
def test_errors_are_the_same_from_the_index(
    trusted: ProgramFolder, cli: Callable[..., Any], forbid: Callable[..., None], query: str,
) -> None:
    from_files = shown(cli, query)  # also makes the index
    assert from_files.exit_code != 0
    forbid((pair_service, "load_people_and_pairs"))
    from_index = shown(cli, query)
    assert (from_index.exit_code, from_index.stderr) == (from_files.exit_code, from_files.stderr)


def test_a_renamed_person_is_found_by_the_new_name_only(
    trusted: ProgramFolder, cli: Callable[..., Any],
) -> None:
    assert shown(cli, "Cara").exit_code == 0
    # the edit the cache issue found: same size, same mtime, same inode
    overwrite_in_place(trusted.participants_dir / "cara.yaml", "name: Cara", "name: Kara")
    assert shown(cli, "Kara").exit_code == 0  # (Cara is still found: her id is cara)


def test_a_relationship_gone_is_seen(trusted: ProgramFolder, cli: Callable[..., Any]) -> None:
    assert shown(cli, "Gus").exit_code == 0
    assert cli("unpair", "hal--gus").exit_code == 0
    assert "not in any relationship" in shown(cli, "Gus").stderr


def forge(folder: ProgramFolder) -> None:
    with contextlib.closing(sqlite3.connect(folder.state_dir / results.RESULTS_FILE)) as db, db:
        for key, payload in db.execute(f"SELECT key, payload FROM {results.TABLE}").fetchall():
            value = json.loads(payload)
            if "people" in value:
                ids, people, _emails, keys = value["people"]
                people[ids.index("eli")] = "Forged Name"  # as it would be found, but for
                keys[ids.index("eli")] = "forged name"  # the signature
                db.execute(f"UPDATE {results.TABLE} SET payload = ? WHERE key = ?",
                           (json.dumps(value).encode(), key))


def test_a_forged_index_is_ignored(trusted: ProgramFolder, cli: Callable[..., Any]) -> None:
    assert shown(cli, "Cara").exit_code == 0
    forge(trusted)
    assert shown(cli, "Forged Name").exit_code != 0
    assert shown(cli, "Eli").exit_code == 0


def test_no_index_is_kept_while_a_file_is_broken(trusted: ProgramFolder,
                                                 cli: Callable[..., Any]) -> None:
    (trusted.participants_dir / "zed.yaml").write_text("kind: participant\nname: [\n")
    assert shown(cli, "Cara").exit_code == 0  # one broken file elsewhere does not stop it
    assert names.lookup(trusted.root, names.state(trusted.root)) is None


def test_a_link_means_no_index(trusted: ProgramFolder) -> None:
    assert names.state(trusted.root) is not None
    (trusted.participants_dir / "link.yaml").symlink_to(trusted.participants_dir / "cara.yaml")
    assert names.state(trusted.root) is None


def test_racy_files_mean_no_index(folder: ProgramFolder) -> None:
    report_program.build(folder)  # every file written just now, inside the window
    assert names.state(folder.root) is None


def test_a_relationship_file_moved_to_another_pair_is_seen(trusted: ProgramFolder) -> None:
    # Pair folders are not stated themselves (the relationships/ listing covers adding,
    # removing and renaming them): a relationship.yaml moved from one pair to another
    # leaves both folders' listings alone, and must still change the key.
    first, second = sorted(p for p in trusted.relationships_dir.iterdir())[:2]
    (first / "relationship.yaml").rename(trusted.root / "kept.yaml")
    before = names.state(trusted.root)
    (second / "relationship.yaml").rename(first / "relationship.yaml")
    after = names.state(trusted.root)
    assert before is not None and after is not None
    assert before != after


def test_a_pair_folder_that_is_a_link_means_no_index(trusted: ProgramFolder) -> None:
    first = sorted(trusted.relationships_dir.iterdir())[0]
    (trusted.relationships_dir / "zz--link").symlink_to(first)
    assert names.state(trusted.root) is None


def test_a_participants_folder_that_is_a_link_means_no_index(trusted: ProgramFolder,
                                                             tmp_path: Path) -> None:
    moved = tmp_path / "elsewhere"
    trusted.participants_dir.rename(moved)
    trusted.participants_dir.symlink_to(moved)
    assert names.state(trusted.root) is None


def test_the_key_is_the_same_stated_by_path_or_by_open_folder(
    trusted: ProgramFolder, monkeypatch: pytest.MonkeyPatch
) -> None:
    # (where the system cannot state relative to an open folder, paths are walked)
    by_fd = names.state(trusted.root)
    monkeypatch.setattr(names, "BY_FD", False)
    assert by_fd is not None and names.state(trusted.root) == by_fd
    (trusted.relationships_dir / "zz--link").symlink_to(trusted.participants_dir)
    assert names.state(trusted.root) is None


def test_a_pair_edited_in_place_changes_the_key(trusted: ProgramFolder) -> None:
    # a status typed over (paused for active) keeps the file's size, mtime and inode
    before = names.state(trusted.root)
    pair = sorted(p for p in trusted.relationships_dir.iterdir())[0]
    text = (pair / "relationship.yaml").read_text()
    old = "mentor: " + text.split("mentor: ")[1].split("\n")[0]
    overwrite_in_place(pair / "relationship.yaml", old, old.upper().replace("MENTOR", "mentor"))
    assert before is not None and names.state(trusted.root) not in (None, before)


# -- every pair command, not only show ---------------------------------------------------------
def full_loads(forbid: Callable[..., None]) -> None:
    """From now on, reading every participant and relationship (or every file) fails."""
    from mentorkit.store import snapshot

    forbid((pair_service, "load_people_and_pairs"), (snapshot, "list_files"))


def test_pair_commands_find_a_name_by_the_index_and_read_only_that_pair(
    trusted: ProgramFolder, cli: Callable[..., Any], forbid: Callable[..., None],
    tmp_path: Path,
) -> None:
    # On 5,000 people these read every file of the program (3-4 s) to act on one pair.
    assert shown(cli, "Eli").exit_code == 0  # the index is made
    full_loads(forbid)
    report = cli("report", "--pair", "Cara", "--json", *AS_OF)
    assert report.exit_code == 0, report.stderr
    assert json.loads(report.stdout)["row"]["pair"] == "ana--cara"
    made = cli("certificate", "Eli", "--json", "--out", str(tmp_path / "eli.html"), *AS_OF)
    assert made.exit_code == 0, made.stderr
    assert [c["pair"] for c in json.loads(made.stdout)["certificates"]] == ["ben--eli"]
    listed = cli("notify", "--pair", "Cara", "--json", *AS_OF)
    assert listed.exit_code == 0, listed.stderr
    assert {m["pair"] for m in json.loads(listed.stdout)["messages"]} == {"ana--cara"}
    declined = cli("decline", "Cara", "--reason", "full")
    assert (declined.exit_code, declined.stderr.splitlines()[0]) == (
        4, "error: ana--cara is active, not a request waiting for an answer")
    assert cli("unpair", "Gus").exit_code == 0
    assert not (trusted.relationships_dir / "hal--gus").exists()


def test_a_broken_file_elsewhere_does_not_stop_a_pair_command(
    trusted: ProgramFolder, cli: Callable[..., Any], tmp_path: Path,
) -> None:
    # as for show and the toolkit's forms: a broken file matters only where it may be
    # the one meant
    (trusted.participants_dir / "zed.yaml").write_text("kind: participant\nname: [\n")
    assert cli("report", "--pair", "Cara", *AS_OF).exit_code == 0
    (tmp_path / "out").mkdir()
    assert cli("certificate", "ben--eli", "--out", str(tmp_path / "out")).exit_code == 0
    assert cli("unpair", "Gus").exit_code == 0
    missed = cli("report", "--pair", "Zed")
    assert missed.exit_code == 2 and "zed.yaml" in missed.stderr


def test_unpair_by_name_tells_its_line_without_matching(trusted: ProgramFolder) -> None:
    # the line was matching's renderer's, which imports numpy and scipy (0.25 s) to print it
    from toolkit_support import heavy_imports

    printed, heavy = heavy_imports(trusted.root, ["unpair", "Gus"])
    assert (printed, heavy) == ("Removed proposed relationship hal--gus.", [])


def test_notify_lists_without_matching(trusted: ProgramFolder) -> None:
    # its renderer was found only after trying eleven others, matching's among them (the
    # kinds here attach no certificate: fpdf, which draws those, imports numpy if it can)
    from toolkit_support import heavy_imports

    printed, heavy = heavy_imports(trusted.root,
                                   ["notify", *AS_OF, "--kind", "overdue", "--kind", "actions"])
    assert "Messages as of 2026-04-01" in printed and heavy == []


@pytest.mark.parametrize("argv", [
    ["show", "Cara"], ["log-session", "Cara", "--date", "2026-03-20", "--duration", "30"],
    ["goals", "Cara", "--goal", "Lead a huddle"], ["needs-analysis", "Cara", "--wants", "x"],
    ["partnership", "Cara", "--idea", "Lunch and learn"], ["report", "--pair", "Cara"],
    ["start", "Gus", "--date", "2026-03-20"], ["unpair", "Gus"],
    ["evaluate", "Eli", "--as", "mentor", "--grew", "4"],
    ["reopen", "Eli", "--reason", "one more goal", "--date", "2026-03-20"],
], ids=lambda argv: argv[0])
def test_a_pair_command_by_name_takes_everyones_names_once(
    trusted: ProgramFolder, cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
) -> None:
    """The stat of every participant and relationship file (7,500 on a large program) is
    the most a pair command by name costs: taken once, however many checks use it
    (`reopen` took it twice, to find the pair and to check the mentee's other pairs)."""
    taken: list[object] = []
    state = names.state
    monkeypatch.setattr(names, "state", lambda root: taken.append(root) or state(root))
    done = cli(*argv)
    assert done.exit_code == 0, done.stderr
    assert len(taken) == 1
