"""A command group that imports a command's module only when that command runs.

`mentorkit --help` then costs less than a bare Typer app: it lists names and one-line
help from the registry in cli/app.py without importing, or building, any command.
tests/test_cli_help.py checks that the registry says what the commands' own docstrings say.
"""

from __future__ import annotations

import importlib
from typing import Any, ClassVar, NamedTuple

import typer
from typer.core import TyperGroup


class Entry(NamedTuple):
    module: str  # under mentorkit.cli; it has register(app) that adds the command
    help: str  # the command's one-line help, as its docstring says
    panel: str  # the help panel it is listed in


def load_command(name: str, entry: Entry) -> Any:
    """The real click command: import the module, let it register on a scratch app.

    Its --help is plain text, as the root listing is (and as git, pip and sqlite-utils
    print theirs): drawing rich panels imports about 0.2 s of rich and markdown-it
    before a word is shown, more than the rest of the command's help together, and the
    panels wrap badly on a narrow terminal. `benchmarks/bench_foundation.py --help-only`
    measures it.
    """
    module = importlib.import_module(f"mentorkit.cli.{entry.module}")
    scratch = typer.Typer(rich_markup_mode=None)
    module.register(scratch)
    group = typer.main.get_group(scratch)
    command = group.commands.get(name)
    if command is None:  # a registry entry that names the wrong module
        raise LookupError(f"mentorkit.cli.{entry.module} does not register {name!r}")
    _plain_metavars(command)
    return command


# typer's own names for a value's type, as a programmer reads them, and the words shown
# instead: `--years NUMBER`, not `--years <float range>`.
_PLAIN_METAVAR = {
    "<str>": "TEXT",
    "<list[str]>": "TEXT",
    "<int>": "INTEGER",
    "<int range>": "INTEGER",
    "<float>": "NUMBER",
    "<float range>": "NUMBER",
    "<file>": "FILE",
    "<dir>": "DIR",
    "<path>": "PATH",
}


def _plain_metavars(command: Any) -> None:
    """Give every option that has no metavar of its own a plain one (subcommands too)."""
    for param in command.params:
        if param.param_type_name == "option" and param.metavar is None and not param.is_flag:
            label = param.display_type(None)
            param.metavar = _PLAIN_METAVAR.get(label, label)
    for sub in (getattr(command, "commands", None) or {}).values():
        _plain_metavars(sub)


class LazyGroup(TyperGroup):
    registry: ClassVar[dict[str, Entry]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._loaded: dict[str, Any] = {}

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.registry)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        entry = self.registry.get(cmd_name)
        if entry is None:
            return None
        if cmd_name not in self._loaded:
            self._loaded[cmd_name] = load_command(cmd_name, entry)
        return self._loaded[cmd_name]

    def format_help(self, ctx: Any, formatter: Any) -> None:
        """The root listing as plain sections, one line a command, grouped by panel.

        Drawing two dozen commands in rich panels costs more than the rest of
        `mentorkit --help` together; plain text, as git and pip print it, costs nothing
        and reads the same on every terminal. So does a command's own --help.
        """
        _plain_metavars(self)
        self.format_usage(ctx, formatter)
        self.format_help_text(ctx, formatter)
        options = [r for p in self.get_params(ctx) if (r := p.get_help_record(ctx))]
        with formatter.section("Options"):
            formatter.write_dl(options)
        width = max(map(len, self.registry))  # one column for every section
        panels: dict[str, list[tuple[str, str]]] = {}
        for name, entry in self.registry.items():
            panels.setdefault(entry.panel, []).append((name.ljust(width), entry.help))
        for panel, rows in panels.items():
            with formatter.section(panel):
                formatter.write_dl(rows)
