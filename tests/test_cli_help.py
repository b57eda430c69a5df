"""The lazy command registry and the generated CLI reference stay true to the commands."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import typer
import typer.main

from mentorkit.cli.app import COMMANDS
from mentorkit.cli.lazy import load_command

ROOT = Path(__file__).resolve().parent.parent


def _first_line(text: str | None) -> str:
    return " ".join((text or "").strip().split("\n\n")[0].split())


def test_registry_help_matches_each_commands_own_help() -> None:
    for name, entry in COMMANDS.items():
        command = load_command(name, entry)
        assert _first_line(command.help) == entry.help, name


def test_every_registered_command_is_in_the_registry() -> None:
    modules = {entry.module for entry in COMMANDS.values()}
    for module_name in modules:
        module = importlib.import_module(f"mentorkit.cli.{module_name}")
        scratch = typer.Typer()
        module.register(scratch)
        registered = set(typer.main.get_group(scratch).commands)
        unlisted = registered - set(COMMANDS)
        assert not unlisted, f"{module_name} registers commands missing from COMMANDS: {unlisted}"


def test_root_help_lists_every_command(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("--help", env={"TERMINAL_WIDTH": "120"})
    assert result.exit_code == 0
    for name in COMMANDS:
        assert name in result.stdout


HEAVY = ("numpy", "scipy", "yaml", "openpyxl", "filelock", "icalendar", "ruamel", "pydantic",
         "jinja2")


def _heavy_modules_after(args: list[str], also: str = "") -> str:
    code = (
        "import sys\n"
        "from mentorkit.cli.app import app\n"
        f"try:\n    app({args!r}, prog_name='mentorkit')\nexcept SystemExit:\n    pass\n"
        f"heavy = [m for m in sys.modules if m.split('.')[0] in {HEAVY!r}{also}]\n"
        "print('HEAVY:' + ','.join(sorted(heavy)))\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip().splitlines()[-1]


def test_help_imports_no_command_module_or_heavy_library() -> None:
    also = " or m.startswith('mentorkit.services') or m.endswith('_cmd')"
    assert _heavy_modules_after(["--help"], also) == "HEAVY:"


def test_a_commands_help_imports_no_heavy_library() -> None:
    """`mentorkit match --help` reads faster than a one-command Typer app: no pydantic
    (typer's value adapters would load it to coerce an absent --program), no YAML, and
    plain text rather than rich panels (rich's markdown and typer's rich_utils)."""
    also = " or m == 'typer.rich_utils' or m.startswith('markdown_it')"
    for command in (["match", "--help"], ["log-session", "--help"], ["report", "--help"]):
        assert _heavy_modules_after(command, also) == "HEAVY:", command


def test_options_show_plain_value_names() -> None:
    """`--years NUMBER`, not typer's programmer's `--years <float range>`."""
    reference = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    options = [line for line in reference.splitlines() if line.lstrip().startswith("-")]
    assert len(options) > 200
    assert [line for line in options if "<" in line.strip().split("  ")[0]] == []


def test_cli_reference_is_up_to_date() -> None:
    script = ROOT / "scripts" / "cli_reference.py"
    spec = importlib.util.spec_from_file_location("cli_reference", script)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    expected = module.render()
    actual = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert actual == expected, "docs/cli.md is stale: run python scripts/cli_reference.py"
