"""Shared fixtures: program folders in tmp_path, a CliRunner, and a `cli` helper."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mentorkit.cli.app import app
from mentorkit.models.participant import Participant
from mentorkit.models.program import Program
from mentorkit.store.folder import ProgramFolder
from mentorkit.store.ids import slugify
from tests.browser import BrowserMissing, Chromium, find_chromium


@pytest.fixture(autouse=True, scope="session")
def user_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The user's cache folder (the result cache's signing secret, store/results.py) is
    the test session's own, never the real home's."""
    import os

    folder = tmp_path_factory.mktemp("user-cache")
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(folder)
    yield folder
    if before is None:
        del os.environ["XDG_CACHE_HOME"]
    else:
        os.environ["XDG_CACHE_HOME"] = before


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def program_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty program folder (made by the service, not the CLI), and the cwd inside it."""
    from mentorkit.services.enrolment.program import create_program

    root = tmp_path / "program"
    create_program(root, {"name": "Test Program", "start_date": dt.date(2026, 1, 5)}, None)
    monkeypatch.chdir(root)
    monkeypatch.delenv("MENTORKIT_PROGRAM", raising=False)
    return root


@pytest.fixture
def folder(program_dir: Path) -> ProgramFolder:
    return ProgramFolder(program_dir)


@pytest.fixture
def forbid(monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """`forbid((module, "name"), ...)`: from then on, calling any of those fails the test,
    so only a cache (a replay, the name index) can have answered."""

    def apply(*targets: tuple[object, str]) -> None:
        for owner, name in targets:
            def fail(*_: object, _name: str = name, **__: object) -> None:
                raise AssertionError(f"{_name} was called: worked out again, not from a cache")

            monkeypatch.setattr(owner, name, fail)

    return apply


@pytest.fixture
def trusted(folder: ProgramFolder, monkeypatch: pytest.MonkeyPatch) -> ProgramFolder:
    """`folder` holding tests/report_program.py's program, its files trusted by the result
    cache at once: files written a moment ago never are (same-tick edits), and the tests
    that use this edit files on purpose, so that safety margin is switched off."""
    from mentorkit.store import results
    from tests import report_program

    report_program.build(folder)
    monkeypatch.setattr(results, "RACY_WINDOW_NS", 0)
    return folder


@pytest.fixture
def cli(runner: CliRunner) -> Callable[..., Any]:
    """Run mentorkit with arguments; `input=` answers prompts."""

    def run(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Any:
        return runner.invoke(app, list(args), input=input, env=env)

    return run


def make_person(folder: ProgramFolder, name: str, **fields: Any) -> str:
    """Write a participant straight to the store and return the id."""
    fields.setdefault("email", f"{slugify(name)}@example.org")
    fields.setdefault("role", "mentee")
    person = Participant.model_validate({"kind": "participant", "name": name, **fields})
    person_id = slugify(name)
    folder.save_participant(person_id, person)
    return person_id


def program_of(folder: ProgramFolder) -> Program:
    return folder.load_program()


@pytest.fixture
def pair(folder: ProgramFolder) -> str:
    """Dan Ortiz mentoring Maria Lopez, proposed 120 days ago (tests/toolkit_support.py)."""
    from toolkit_support import make_pair

    return make_pair(folder)


@pytest.fixture
def with_goal(folder: ProgramFolder, pair: str, cli: Callable[..., Any]) -> str:
    """`pair` with one goal, g1."""
    result = cli("goals", pair, "--goal", "Run the morning huddle alone|3 huddles led")
    assert result.exit_code == 0, result.stderr
    return pair


@pytest.fixture
def busy_pair(cli: Callable[..., Any], folder: ProgramFolder) -> str:
    """`pair` with every kind of form filled (tests/toolkit_support.py fill_every_form)."""
    from toolkit_support import fill_every_form

    return fill_every_form(cli, folder)


@pytest.fixture(scope="session")
def browser() -> Iterator[Chromium]:
    """One headless Chromium for every browser test (tests/browser.py installs it where
    it can; where it cannot, the test fails saying what to install, never skips)."""
    try:
        executable = find_chromium()
    except BrowserMissing as missing:
        pytest.fail(str(missing), pytrace=False)
    with Chromium(executable) as chromium:
        yield chromium
