"""The hostile corpus of issue 9: each case is a clean `path:line: field: message`,
exit code 2, and nothing changed on disk. Also: transactions roll forward and back,
privacy on disk, encodings of sign-up sheets."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from mentorkit.models.participant import Participant
from mentorkit.store.folder import ProgramFolder
from mentorkit.store.transaction import JOURNAL, temp_path
from tests.conftest import make_person

Cli = Callable[..., Any]

GOOD = (
    "schema_version: 1\nkind: participant\nname: Ann Lee\nemail: ann@example.org\n"
    "role: mentee\n"
)
BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{b}: &{b} [{', '.join([f'*{a}'] * 10)}]\n" for a, b in zip("abcdefg", "bcdefgh", strict=True)
)

CORPUS = {
    "a 5,000-digit number": (GOOD + "years_experience: " + "9" * 5000 + "\n",
                             ":6: years_experience: a number of 5000 characters"),
    "true as a number": (GOOD + "years_experience: true\n",
                         ":6: years_experience: true is not a number"),
    "false as a capacity": (GOOD + "capacity: false\n", ":6: capacity: false is not a number"),
    "no schema_version": (GOOD.replace("schema_version: 1\n", ""),
                          ":1: schema_version: required field is missing"),
    "no kind": (GOOD.replace("kind: participant\n", ""), ":1: kind: required field is missing"),
    "a !!set": (GOOD + "languages: !!set {English, Spanish}\n",
                ":6: languages: !!set values are not used"),
    "a !!binary": (GOOD + "department: !!binary aGVsbG8=\n",
                   ":6: department: !!binary values are not used"),
    "an alias bomb": (GOOD + BOMB, "aliases (*name) expand to more than 100,000 values"),
    "a self-referring alias": (GOOD + "languages: &x [English, *x]\n",
                               "an alias (*name) refers to itself"),
    "deep nesting": (GOOD + "notes: " + "[" * 3000 + "]" * 3000 + "\n",
                     ":6: not valid YAML: exceeded maximum nesting depth"),
    "a file too large": (GOOD + "# " + "x" * (4 * 1024 * 1024) + "\n", "larger than 4 MB"),
}


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".mentorkit" not in p.parts}


@pytest.mark.parametrize("case", sorted(CORPUS))
def test_hostile_participant_file(cli: Cli, folder: ProgramFolder, case: str) -> None:
    text, expected = CORPUS[case]
    (folder.participants_dir / "ann-lee.yaml").write_text(text)
    before = _snapshot(folder.root)
    for args in (["participants", "list"], ["report"], ["add", "Bo Ek", "--email",
                                                       "bo@example.org", "--role", "mentor",
                                                       "--no-interactive"]):
        result = cli(*args)
        assert result.exit_code == 2, (args, result.stderr)
        assert "Traceback" not in result.stderr
        first = result.stderr.splitlines()[0]
        assert first.startswith("error: participants/ann-lee.yaml"), first
        assert expected in first, first
        assert _snapshot(folder.root) == before
    result = cli("validate")
    assert result.exit_code == 1 and expected in result.stderr


def test_alias_bomb_given_to_log_session_from(cli: Cli, folder: ProgramFolder,
                                              tmp_path: Path) -> None:
    make_person(folder, "Dan Ortiz", role="mentor", years_experience=12)
    make_person(folder, "Ann Lee")
    assert cli("pair", "dan-ortiz", "ann-lee").exit_code == 0
    bomb = tmp_path / "session.yaml"
    bomb.write_text("date: 2026-02-02\n" + BOMB)
    before = _snapshot(folder.root)
    result = cli("log-session", "dan-ortiz--ann-lee", "--from", str(bomb))
    assert result.exit_code == 2, result.stderr
    assert f"{bomb}:" in result.stderr and "expand to more than" in result.stderr
    assert _snapshot(folder.root) == before


def test_a_column_map_with_a_binary_tag(cli: Cli, folder: ProgramFolder,
                                        tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("Name,Email,Role\nA B,a@example.org,mentee\n")
    columns = tmp_path / "map.yaml"
    columns.write_text("columns:\n  Name: !!binary aGVsbG8=\n")
    result = cli("import", str(sheet), "--map", str(columns))
    assert result.exit_code == 2
    assert f"{columns}:2: columns.Name: !!binary" in result.stderr
    assert folder.participant_ids() == []


# -- sign-up sheets in other encodings ----------------------------------------------------

SHEET = "Name,Email,Role\nÅsa Berg,asa@example.org,mentee\n"


def test_a_utf16_csv_with_a_bom_is_read(cli: Cli, folder: ProgramFolder,
                                        tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_bytes(SHEET.encode("utf-16"))
    result = cli("import", str(sheet))
    assert result.exit_code == 0, result.stderr
    assert folder.load_participant("asa-berg").name == "Åsa Berg"


def test_a_csv_in_an_unknown_encoding_is_named(cli: Cli, folder: ProgramFolder,
                                               tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_bytes(SHEET.encode("utf-16-le"))  # no byte-order mark: cannot tell
    result = cli("import", str(sheet))
    assert result.exit_code == 2
    assert "s.csv: not text in an encoding mentorkit reads (UTF-8, UTF-16" in result.stderr
    assert "\\x00" not in result.stderr and folder.participant_ids() == []


# -- transactions ---------------------------------------------------------------------------

def _person(name: str) -> Participant:
    return Participant.model_validate(
        {"kind": "participant", "name": name, "email": f"{name}@example.org", "role": "mentee"}
    )


def test_a_failing_transaction_writes_nothing(folder: ProgramFolder) -> None:
    with pytest.raises(RuntimeError), folder.transaction():
        folder.save_participant("ann", _person("ann"))
        folder.save_participant("bo", _person("bo"))
        raise RuntimeError("a later step failed")
    assert folder.participant_ids() == []
    assert not (folder.state_dir / JOURNAL).exists()


def _interrupted(folder: ProgramFolder, state: str) -> None:
    """Stage two files as a killed commit would leave them: journal and temporaries."""
    targets = [folder.participant_path("ann"), folder.participant_path("bo")]
    for target in targets:
        temp_path(target, "abc123").write_text(GOOD)
    folder.state_dir.mkdir(exist_ok=True)
    (folder.state_dir / JOURNAL).write_text(json.dumps({
        "txid": "abc123", "state": state,
        "writes": [f"participants/{t.name}" for t in targets], "removes": []}))


def test_a_committed_transaction_is_rolled_forward(folder: ProgramFolder) -> None:
    _interrupted(folder, "commit")
    assert ProgramFolder.find(folder.root).participant_ids() == ["ann", "bo"]
    assert not list(folder.participants_dir.glob(".*"))
    assert not (folder.state_dir / JOURNAL).exists()


def test_a_staging_transaction_is_rolled_back(folder: ProgramFolder) -> None:
    _interrupted(folder, "staging")
    assert ProgramFolder.find(folder.root).participant_ids() == []
    assert not list(folder.participants_dir.glob(".*"))


def test_a_rolled_back_pair_leaves_no_empty_folder(folder: ProgramFolder) -> None:
    """A new pair's folder made for a change that is undone goes with it (validate would
    otherwise report a relationship folder without relationship.yaml)."""
    pair = folder.relationships_dir / "dan--ann"
    (pair / "sessions").mkdir(parents=True)
    target = pair / "sessions" / "2026-02-01.yaml"
    temp_path(target, "abc123").write_text(GOOD)
    folder.state_dir.mkdir(exist_ok=True)
    (folder.state_dir / JOURNAL).write_text(json.dumps({
        "txid": "abc123", "state": "staging",
        "writes": ["relationships/dan--ann/sessions/2026-02-01.yaml"], "removes": []}))
    ProgramFolder.find(folder.root)
    assert not pair.exists() and folder.relationships_dir.is_dir()


def test_a_forged_journal_cannot_reach_outside(folder: ProgramFolder, tmp_path: Path) -> None:
    outside = tmp_path / "precious.txt"
    outside.write_text("keep me")
    folder.state_dir.mkdir(exist_ok=True)
    (folder.state_dir / JOURNAL).write_text(json.dumps({
        "txid": "abc", "state": "commit", "writes": [], "removes": [str(outside)]}))
    with pytest.raises(Exception, match="outside the program folder"):
        ProgramFolder.find(folder.root)
    assert outside.read_text() == "keep me"


def test_validate_names_orphan_temporary_files(cli: Cli, folder: ProgramFolder) -> None:
    (folder.participants_dir / ".ann.yaml.x1.tmp").write_text("half")
    result = cli("validate")
    assert result.exit_code == 1
    assert "participants/.ann.yaml.x1.tmp: a temporary file left by an interrupted write" \
        in result.stderr


# -- privacy on disk --------------------------------------------------------------------------

def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_loose_modes_named_and_fixed(cli: Cli, folder: ProgramFolder) -> None:
    make_person(folder, "Dan Ortiz", role="mentor", years_experience=12)
    make_person(folder, "Ann Lee")
    assert cli("pair", "dan-ortiz", "ann-lee").exit_code == 0
    pair = folder.relationship_dir("dan-ortiz--ann-lee")
    pair.chmod(0o755)  # as a git clone leaves them
    (pair / "relationship.yaml").chmod(0o644)
    result = cli("validate")
    assert result.exit_code == 0  # a warning: every clone from git arrives like this
    assert "warning: relationships/dan-ortiz--ann-lee/relationship.yaml: others can read it " \
        "(mode 644)" in result.stderr
    assert "mentorkit validate --fix-permissions" in result.stderr
    assert '"warnings"' in cli("validate", "--json").stdout
    fixed = cli("validate", "--fix-permissions")
    assert fixed.exit_code == 0 and "warning" not in fixed.stderr
    assert _mode(pair) == 0o700 and _mode(pair / "relationship.yaml") == 0o600


def test_writing_in_a_pair_tightens_it(cli: Cli, folder: ProgramFolder) -> None:
    make_person(folder, "Dan Ortiz", role="mentor", years_experience=12)
    make_person(folder, "Ann Lee")
    assert cli("pair", "dan-ortiz", "ann-lee").exit_code == 0
    pair = folder.relationship_dir("dan-ortiz--ann-lee")
    pair.chmod(0o755)
    (pair / "relationship.yaml").chmod(0o644)
    result = cli("log-session", "dan-ortiz--ann-lee", "--duration", "30", "--no-interactive")
    assert result.exit_code == 0, result.stderr
    assert _mode(pair) == 0o700
    assert all(_mode(p) & 0o077 == 0 for p in pair.rglob("*"))


def test_a_pair_report_file_is_owner_only(cli: Cli, folder: ProgramFolder,
                                          tmp_path: Path) -> None:
    make_person(folder, "Dan Ortiz", role="mentor", years_experience=12)
    make_person(folder, "Ann Lee")
    assert cli("pair", "dan-ortiz", "ann-lee").exit_code == 0
    out = tmp_path / "pair.md"
    result = cli("report", "--pair", "dan-ortiz--ann-lee", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert _mode(out) == 0o600


def _outside_pair(folder: ProgramFolder, tmp_path: Path) -> Path:
    """A pair whose folder holds a goals file that is a link to a file outside."""
    make_person(folder, "Dan Ortiz", role="mentor", years_experience=12)
    make_person(folder, "Ann Lee")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "goals.yaml").write_text(
        "schema_version: 1\nkind: goals\ngoals:\n- id: g1\n  statement: Not ours\n")
    return outside


def test_a_form_linked_from_outside_is_refused_on_read(cli: Cli, folder: ProgramFolder,
                                                       tmp_path: Path) -> None:
    outside = _outside_pair(folder, tmp_path)
    assert cli("pair", "dan-ortiz", "ann-lee").exit_code == 0
    pair = folder.relationship_dir("dan-ortiz--ann-lee")
    (pair / "goals.yaml").symlink_to(outside / "goals.yaml")
    for args in (["show", "dan-ortiz--ann-lee"], ["report"], ["due"]):
        result = cli(*args)
        assert result.exit_code == 2, (args, result.stderr)
        assert "relationships/dan-ortiz--ann-lee/goals.yaml" in result.stderr
        assert "link to a place outside the program folder" in result.stderr
        assert "Not ours" not in result.stdout + result.stderr
    result = cli("validate")
    assert result.exit_code == 1
    assert "goals.yaml: is reached through a link to a place outside" in result.stderr


@contextlib.contextmanager
def _stopped_if_it_hangs(seconds: int = 30) -> Iterator[None]:
    """A read that blocks (a named pipe opened as a file) fails the test, not the run."""
    def stop(*_: object) -> None:
        raise TimeoutError("hung reading a named pipe")

    before = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, before)


def _pair(cli: Cli, folder: ProgramFolder) -> None:
    """Dan mentoring Ann: dan-ortiz--ann-lee."""
    make_person(folder, "Dan Ortiz", role="mentor", years_experience=12)
    make_person(folder, "Ann Lee")
    assert cli("pair", "dan-ortiz", "ann-lee").exit_code == 0


def _refused_everywhere(cli: Cli, shown: str, said: str, commands: list[list[str]]) -> None:
    with _stopped_if_it_hangs():
        for args in commands:
            result = cli(*args)
            assert result.exit_code == 2, (args, result.stderr)
            assert f"{shown}: {said}" in result.stderr, (args, result.stderr)
        checked = cli("validate")
    assert checked.exit_code == 1 and f"{shown}: {said}" in checked.stderr


def test_a_named_pipe_for_a_participant_is_named_never_opened(
    cli: Cli, folder: ProgramFolder
) -> None:
    os.mkfifo(folder.participants_dir / "zz-fifo.yaml")
    _refused_everywhere(cli, "participants/zz-fifo.yaml", "is a named pipe, not a plain file",
                        [["participants", "list"], ["report"]])


def test_a_named_pipe_for_a_session_is_named_not_passed_over(
    cli: Cli, folder: ProgramFolder
) -> None:
    # it hung `show` and `validate`; report, due and notify left the session out
    _pair(cli, folder)
    sessions = folder.relationship_dir("dan-ortiz--ann-lee") / "sessions"
    sessions.mkdir()
    os.mkfifo(sessions / "2026-11-20.yaml")
    _refused_everywhere(cli, "relationships/dan-ortiz--ann-lee/sessions/2026-11-20.yaml",
                        "is a named pipe, not a plain file",
                        [["show", "dan-ortiz--ann-lee"], ["report"], ["due"], ["notify"]])


def test_a_folder_by_a_forms_name_is_named_not_taken_for_none_yet(
    cli: Cli, folder: ProgramFolder
) -> None:
    # report and show said "Goals: none yet", and validate never named it
    _pair(cli, folder)
    (folder.relationship_dir("dan-ortiz--ann-lee") / "goals.yaml").mkdir()
    _refused_everywhere(cli, "relationships/dan-ortiz--ann-lee/goals.yaml",
                        "is a folder, not a plain file",
                        [["show", "dan-ortiz--ann-lee"], ["report"], ["due"]])


def test_a_state_folder_linked_from_outside_is_refused(cli: Cli, folder: ProgramFolder,
                                                      tmp_path: Path) -> None:
    # the lock, the journal, scratch copies and the load cache (private session text)
    # all landed in the folder it led to
    _pair(cli, folder)
    elsewhere = tmp_path / "elsewhere-state"
    elsewhere.mkdir()
    shutil.rmtree(folder.state_dir)
    (folder.root / ".mentorkit").symlink_to(elsewhere)
    said = ".mentorkit: is a link; mentorkit keeps its lock and caches"
    adding = ["add", "Cy Day", "--email", "cy@x.org", "--role", "mentee"]
    for args in (["report"], ["due"], ["participants", "list"], ["notify"],
                 ["unpair", "dan-ortiz--ann-lee"], adding):
        result = cli(*args)
        assert result.exit_code == 2, (args, result.stderr)
        assert said in result.stderr and "rm .mentorkit" in result.stderr, result.stderr
    result = cli("validate")
    assert result.exit_code == 1 and said in result.stderr
    assert list(elsewhere.iterdir()) == []
    assert folder.has_relationship("dan-ortiz--ann-lee")


def test_a_relationships_folder_linked_from_outside_is_refused(
    cli: Cli, folder: ProgramFolder, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere-relationships"
    folder.relationships_dir.rename(elsewhere)
    folder.relationships_dir.symlink_to(elsewhere)
    make_person(folder, "Ann Lee")
    for args in (["report"], ["participants", "list"], ["show", "ann-lee"]):
        result = cli(*args)
        assert result.exit_code in (2, 3), (args, result.stderr)
        assert "Traceback" not in result.stderr
    result = cli("report")
    assert "relationships: is reached through a link" in result.stderr


def test_a_proposal_kept_outside_the_folder_is_the_users_own(cli: Cli, folder: ProgramFolder,
                                                             tmp_path: Path) -> None:
    """Only program files reached through a link are refused: a file the user names on
    the command line (a proposal, a --from file) may live anywhere."""
    make_person(folder, "Dan Ortiz", role="mentor", years_experience=12)
    make_person(folder, "Ann Lee")
    assert cli("match", "--out", "wave1.yaml").exit_code == 0
    proposal = tmp_path / "elsewhere" / "wave1.yaml"
    proposal.parent.mkdir()
    (folder.root / "wave1.yaml").rename(proposal)
    result = cli("match", "--apply", "--proposal", str(proposal))
    assert result.exit_code == 0, result.stderr
    assert folder.relationship_dir("dan-ortiz--ann-lee").is_dir()
