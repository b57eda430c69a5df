"""The quick replay (services/quick.py, from cli/entry.py): `report` and `due` run
again on an unchanged folder are answered from their command line before Typer and the
CLI are imported, and never when anything they depend on differs."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from mentorkit.cli import app as cli_app
from mentorkit.cli import entry
from mentorkit.services import quick
from mentorkit.store import results
from mentorkit.store.folder import ProgramFolder
from tests import report_program
from tests.test_cache import overwrite_in_place

AS_OF = ["--as-of", "2026-04-01"]


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    """Run the installed command's entry point with `args`: exit code, stdout, stderr."""

    def invoke(*args: str) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "argv", ["mentorkit", *args])
        with pytest.raises(SystemExit) as exited:
            entry.main()
        out, err = capsys.readouterr()
        code = exited.value.code
        return (code if isinstance(code, int) else 0), out, err

    return invoke


@contextlib.contextmanager
def cli_forbidden(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Within: running the CLI fails the test, so only the quick replay can answer."""
    with monkeypatch.context() as patch:
        def fail() -> None:
            raise AssertionError("the CLI ran: not answered by the quick replay")

        patch.setattr(cli_app, "main", fail)
        yield


def test_a_report_run_again_is_answered_before_the_cli(
    trusted: ProgramFolder, run: Callable[..., tuple[int, str, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    args = ["-p", str(trusted.root), "report", *AS_OF]
    first = run(*args)
    assert first[0] == 0 and "program report" in first[1], first
    with cli_forbidden(monkeypatch):
        assert run(*args) == first


def test_the_overdue_exit_code_is_replayed(
    trusted: ProgramFolder, run: Callable[..., tuple[int, str, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    args = ["--program", str(trusted.root), "due", "--fail-if-overdue", *AS_OF]
    first = run(*args)
    assert first[0] == 1  # ana--dev has been quiet for 76 days
    with cli_forbidden(monkeypatch):
        assert run(*args) == first


def test_an_edit_that_keeps_size_and_mtime_is_seen(
    trusted: ProgramFolder, run: Callable[..., tuple[int, str, str]],
) -> None:
    args = [f"--program={trusted.root}", "report", "--json", *AS_OF]
    first = run(*args)
    overwrite_in_place(trusted.participants_dir / "cara.yaml", "name: Cara", "name: Kara")
    again = run(*args)
    assert '"Kara' in again[1] and '"Kara' not in first[1]


@pytest.mark.parametrize("change", ["cwd", "environment", "options"])
def test_another_directory_environment_or_option_runs_the_cli(
    trusted: ProgramFolder, run: Callable[..., tuple[int, str, str]],
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, change: str,
) -> None:
    args = ["-p", str(trusted.root), "report", *AS_OF]
    run(*args)
    if change == "cwd":
        monkeypatch.chdir(tmp_path)
    elif change == "environment":
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        args = [*args, "--department", "Nursing"]
    assert quick.quick(args) is None


def test_a_report_to_a_file_is_never_quick(
    trusted: ProgramFolder, run: Callable[..., tuple[int, str, str]], tmp_path: Path,
) -> None:
    out = tmp_path / "report.md"
    args = ["-p", str(trusted.root), "report", "--format", "markdown", "--out", str(out),
            *AS_OF]
    assert run(*args)[0] == 0
    out.unlink()
    assert quick.quick(args) is None
    assert run(*args)[0] == 0 and out.is_file()  # written again, by the CLI


def test_private_pair_text_is_never_kept(
    trusted: ProgramFolder, run: Callable[..., tuple[int, str, str]],
) -> None:
    root = str(trusted.root)
    for args in (["report", *AS_OF], ["due", *AS_OF],
                 ["report", "--pair", "ana--cara", "--include-private", *AS_OF]):
        assert run("-p", root, *args)[0] == 0
    assert quick.quick(["-p", root, "report", "--pair", "ana--cara", "--include-private",
                         *AS_OF]) is None
    raw = (trusted.state_dir / results.RESULTS_FILE).read_bytes()
    assert b'"exit_code"' in raw  # the quick entries are there
    assert report_program.MARKER.encode() not in raw


@pytest.mark.parametrize(("argv", "expected"), [
    (["report"], (None, "report")),
    (["-p", "prog", "due"], ("prog", "due")),
    (["--program", "prog", "report", "--json"], ("prog", "report")),
    (["--program=prog", "report"], ("prog", "report")),
    (["--help"], None),
    (["--version"], None),
    (["-p"], None),
    (["--program", "prog"], None),
    (["--progam", "prog", "report"], None),  # a typo: the CLI says what is wrong
    ([], None),
])
def test_the_command_line_is_read_only_as_far_as_it_must_be(
    argv: list[str], expected: tuple[str | None, str] | None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("MENTORKIT_PROGRAM", raising=False)
    assert quick._command(argv) == expected


def test_other_commands_never_open_the_cache(
    trusted: ProgramFolder, monkeypatch: pytest.MonkeyPatch,
) -> None:
    def fail(*_: object) -> None:
        raise AssertionError("opened the result cache")

    monkeypatch.setattr("mentorkit.store.results.open_results", fail)
    for argv in (["show", "ana--cara"], ["match"], ["log-session", "ana--cara"], ["--help"]):
        assert quick.quick(["-p", str(trusted.root), *argv]) is None


def test_a_directory_deleted_under_the_shell_leaves_it_to_the_cli(
    trusted: ProgramFolder, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()  # os.getcwd() now fails: no traceback before the CLI can speak
    assert quick.quick(["-p", str(trusted.root), "report"]) is None
