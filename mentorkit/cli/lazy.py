"""A command group that imports a command's module only when that command runs.

`mentorkit --help` then costs what a bare Typer app costs: it lists names and one-line
help from the registry in cli/app.py without importing, or building, any command.
tests/test_cli_help.py checks that the registry says what the commands' own docstrings say.
"""

from __future__ import annotations

import importlib
from typing import Any, ClassVar, NamedTuple

import typer
from typer.core import TyperCommand, TyperGroup


class Entry(NamedTuple):
    module: str  # under mentorkit.cli; it has register(app) that adds the command
    help: str  # the command's one-line help, as its docstring says
    panel: str  # the help panel it is listed in


def load_command(name: str, entry: Entry) -> Any:
    """The real click command: import the module, let it register on a scratch app."""
    module = importlib.import_module(f"mentorkit.cli.{entry.module}")
    scratch = typer.Typer()
    module.register(scratch)
    group = typer.main.get_group(scratch)
    command = group.commands.get(name)
    if command is None:  # a registry entry that names the wrong module
        raise LookupError(f"mentorkit.cli.{entry.module} does not register {name!r}")
    return command


class LazyGroup(TyperGroup):
    registry: ClassVar[dict[str, Entry]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._listing = False
        self._loaded: dict[str, Any] = {}

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.registry)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        entry = self.registry.get(cmd_name)
        if entry is None:
            return None
        if self._listing:
            # Only the name, help and panel are shown: a stand-in avoids the import.
            return TyperCommand(
                cmd_name, help=entry.help, short_help=entry.help, rich_help_panel=entry.panel
            )
        if cmd_name not in self._loaded:
            self._loaded[cmd_name] = load_command(cmd_name, entry)
        return self._loaded[cmd_name]

    def format_help(self, ctx: Any, formatter: Any) -> None:
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False
