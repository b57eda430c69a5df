"""Every mentorkit command the README shows runs as shown.

Shell blocks (```bash) run in order in a scratch folder beside a copy of examples/, so
`cd` and relative paths work as they do for a reader; console blocks (`$ mentorkit …`)
run inside a copy of the example program. Usage synopses — lines with [optional parts]
or PLACEHOLDERS — are not commands and are skipped.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
EXAMPLE = ROOT / "examples" / "st-marys-mentoring"
# Commands whose documented job is to exit 1 when they find something.
MAY_REPORT_PROBLEMS = {"due --fail-if-overdue", "validate"}


def _blocks(kind: str) -> list[list[str]]:
    found = re.findall(rf"^```{kind}\n(.*?)^```", README, flags=re.MULTILINE | re.DOTALL)
    return [block.replace("\\\n", " ").splitlines() for block in found]


def _is_synopsis(line: str) -> bool:
    return "[" in line or re.search(r"\b[A-Z]{4,}\b", line) is not None


def _argv(line: str) -> list[str]:
    words = shlex.split(line, comments=True)
    if ">" in words:  # a redirect: the command's output is what matters here
        words = words[: words.index(">")]
    return words[1:]  # drop "mentorkit"


def shell_commands() -> list[str]:
    # `python3.11 -m venv .venv && ... && mentorkit ...`: the mentorkit part
    parts = [p.strip() for block in _blocks("bash") for ln in block for p in ln.split("&&")]
    return [p for p in parts if p.startswith(("mentorkit ", "cd "))]


def console_commands() -> list[str]:
    lines = [ln.strip() for block in _blocks("console") for ln in block]
    commands = [ln[2:] for ln in lines if ln.startswith("$ mentorkit ")]
    return [c for c in commands if not _is_synopsis(c.split("#")[0])]


def _ok(result: Any, command: str) -> None:
    allowed = {0, 1} if any(k in command for k in MAY_REPORT_PROBLEMS) else {0}
    assert result.exit_code in allowed, f"{command}\n{result.stdout}\n{result.stderr}"
    assert "Traceback" not in result.stderr


def test_the_readme_shows_commands() -> None:
    assert len(shell_commands()) >= 5 and len(console_commands()) >= 5


def test_shell_blocks_run_as_shown(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples", ignore=_state)
    here = tmp_path  # stands for the repository root, where a reader runs them
    monkeypatch.chdir(here)
    monkeypatch.delenv("MENTORKIT_PROGRAM", raising=False)
    for command in shell_commands():
        if command.startswith("cd "):
            here = (here / command[3:].strip()).resolve()
            monkeypatch.chdir(here)
            continue
        if command.startswith("mentorkit -p examples/"):
            continue  # the quick start, run from the repository root: see below
        _ok(cli(*_argv(command)), command)


def test_quick_start_report_runs(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    quick = [c for c in shell_commands() if c.startswith("mentorkit -p examples/")]
    assert quick, "the quick start runs mentorkit on the bundled example"
    shutil.copytree(ROOT / "examples", tmp_path / "examples", ignore=_state)
    monkeypatch.chdir(tmp_path)
    for command in quick:
        _ok(cli(*_argv(command)), command)


@pytest.mark.parametrize("command", console_commands())
def test_console_lines_run_as_shown(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    monkeypatch.delenv("MENTORKIT_PROGRAM", raising=False)
    if " -p examples/" in f" {command}":  # run from the repository root
        shutil.copytree(ROOT / "examples", tmp_path / "examples", ignore=_state)
        monkeypatch.chdir(tmp_path)
    else:  # run inside the program folder
        shutil.copytree(EXAMPLE, tmp_path / "program", ignore=_state)
        monkeypatch.chdir(tmp_path / "program")
    _ok(cli(*_argv(command)), command)


def _state(folder: str, names: list[str]) -> list[str]:
    return [n for n in names if n == ".mentorkit"]
