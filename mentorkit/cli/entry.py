"""The `mentorkit` command's entry point.

A `report` or `due` run again on an unchanged folder is answered from the result cache
before Typer and the commands are imported (services/quick.py): that import alone cost
more than the whole replay. Everything else runs the CLI (cli/app.py).
"""

from __future__ import annotations

import sys


def main() -> None:
    """Console entry point."""
    try:
        _run()
    except BrokenPipeError:  # `mentorkit report | head -5`: the reader has all it wants
        from mentorkit.cli.pipe import output_closed

        sys.exit(output_closed())
    except KeyboardInterrupt:  # Ctrl-C before the CLI could take it (in a quick replay)
        from mentorkit.errors import ExitCode

        print("\ninterrupted", file=sys.stderr)
        sys.exit(int(ExitCode.INTERRUPTED))


def _run() -> None:
    from mentorkit.services.quick import quick

    answer = quick(sys.argv[1:])
    if answer is not None:
        sys.stdout.write(answer.stdout)
        sys.stdout.flush()
        sys.exit(answer.exit_code)
    from mentorkit.cli.app import main as run_cli

    run_cli()
