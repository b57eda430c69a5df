"""The `mentorkit` command's entry point.

A `report` or `due` run again on an unchanged folder is answered from the result cache
before Typer and the commands are imported (services/quick.py): that import alone
cost more than the whole replay. Everything else runs the CLI (cli/app.py).
"""

from __future__ import annotations

import sys


def main() -> None:
    """Console entry point."""
    from mentorkit.services.quick import quick

    answer = quick(sys.argv[1:])
    if answer is not None:
        sys.stdout.write(answer.stdout)
        sys.stdout.flush()
        sys.exit(answer.exit_code)
    from mentorkit.cli.app import main as run_cli

    run_cli()
