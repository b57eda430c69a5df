"""`match` (the proposal, not --apply) replays what it printed while nothing it reads has
changed: proposal.yaml is its output, left out of the key, and put back if it has been
changed or removed since."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mentorkit.services.matching import propose as proposing
from mentorkit.store import results
from mentorkit.store.folder import ProgramFolder
from tests.conftest import make_person
from tests.test_matching_cli import _set_matching, people  # noqa: F401  (a fixture)

Cli = Callable[..., Any]
pytestmark = pytest.mark.usefixtures("people")  # two mentors, three mentees


@pytest.fixture(autouse=True)
def trusted_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # files written a moment ago are never trusted (same-tick edits); these tests edit
    # files on purpose, so that safety margin is switched off
    monkeypatch.setattr(results, "RACY_WINDOW_NS", 0)


@pytest.mark.parametrize("args", [("--json",), (), ("--json", "--out", "round-2.yaml")])
def test_a_replay_prints_and_leaves_the_proposal_as_written(
    cli: Cli, folder: ProgramFolder, forbid: Callable[..., None],
    args: tuple[str, ...],
) -> None:
    first = cli("match", *args)
    assert first.exit_code == 0, first.stderr
    path = folder.root / (args[-1] if "--out" in args else "proposal.yaml")
    written = path.stat()
    forbid((proposing, "propose"))
    again = cli("match", *args)
    assert again.exit_code == 0, again.stderr
    assert again.stdout == first.stdout
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (written.st_ino, written.st_mtime_ns)


@pytest.mark.parametrize("change", ["removed", "edited"])
def test_a_replay_puts_back_a_proposal_changed_since(
    cli: Cli, folder: ProgramFolder, forbid: Callable[..., None],
    change: str,
) -> None:
    assert cli("match").exit_code == 0
    path = folder.root / "proposal.yaml"
    proposal = path.read_bytes()
    if change == "removed":
        path.unlink()
    else:  # a coordinator's edit, which a fresh `match` would replace as well
        path.write_bytes(proposal.replace(b"eve-stone", b"dan-ortiz"))
    forbid((proposing, "propose"))
    assert cli("match").exit_code == 0
    assert path.read_bytes() == proposal


def test_the_proposal_it_puts_back_applies(cli: Cli, folder: ProgramFolder,) -> None:
    proposed = json.loads(cli("match", "--json").stdout)
    (folder.root / "proposal.yaml").unlink()
    assert cli("match", "--json").exit_code == 0
    applied = cli("match", "--apply", "--json")
    assert applied.exit_code == 0, applied.stderr
    assert {p["mentee"] for p in json.loads(applied.stdout)["pairs"]} == {
        p["mentee"] for p in proposed["pairs"]}


def test_a_change_to_what_match_reads_is_matched_afresh(
    cli: Cli, folder: ProgramFolder,
) -> None:
    before = json.loads(cli("match", "--json").stdout)
    assert "zoe-park" not in {p["mentee"] for p in before["pairs"]}
    make_person(folder, "Zoe Park", years_experience=1, wants_help_with=["IV therapy"],
                site="North")
    after = json.loads(cli("match", "--json").stdout)
    assert "zoe-park" in {p["mentee"] for p in after["pairs"]} | {
        u["mentee"] for u in after["unmatched"]}


def test_warnings_are_replayed_on_stderr(cli: Cli, folder: ProgramFolder,
                                         forbid: Callable[..., None]) -> None:
    # Ann's manager is Dan: a pin of the two is not kept, and match says so on stderr
    _set_matching(folder, pinned=[{"mentor": "dan-ortiz", "mentee": "ann-lee"}])
    first = cli("match")
    assert "pinned pair dan-ortiz → ann-lee not kept" in first.stderr
    forbid((proposing, "propose"))
    again = cli("match")
    assert (again.stdout, again.stderr) == (first.stdout, first.stderr)


def test_apply_is_never_replayed(cli: Cli, folder: ProgramFolder) -> None:
    assert cli("match").exit_code == 0
    assert cli("match", "--apply").exit_code == 0
    again = json.loads(cli("match", "--json").stdout)
    assert again["already_matched"] > 0  # the new relationships count: matched afresh


def test_only_the_named_output_is_left_out_of_the_key(tmp_path: Path) -> None:
    (tmp_path / "program.yaml").write_text("x")
    skip = frozenset({"proposal.yaml"})
    before = results.folder_state(tmp_path, skip=skip)
    assert before is not None
    (tmp_path / "proposal.yaml").write_text("y")
    assert results.folder_state(tmp_path, skip=skip) == before
    assert results.folder_state(tmp_path) != before
    (tmp_path / "other.yaml").write_text("z")
    assert results.folder_state(tmp_path, skip=skip) != before
