"""The `mentorkit` command's entry point.

A `report` or `due` run again on an unchanged folder is answered from the result cache
before Typer and the commands are imported (services/quick.py): that import alone cost
more than the whole replay. Everything else runs the CLI (cli/app.py).
"""

from __future__ import annotations

import gc
import os
import sys


def main() -> None:
    """Console entry point."""
    # No cyclic garbage collection while Python starts: importing Typer, pydantic, rich and
    # the models makes hundreds of thousands of objects that all live to the end, and the
    # collector scanned them again and again (25 ms of a 0.45 s `show`). The command turns
    # it back on (cli/app.py, `_MentorkitGroup.invoke`) with what was imported frozen.
    gc.disable()
    # No pydantic plugin sees a validation: private pair text passes through the
    # validators, and a plugin installed in the same Python (an observability tool)
    # would be handed every value. It also spares pydantic's search of every installed
    # package for plugins, and a broken plugin's warning on the user's terminal.
    os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
    try:
        _run()
    except BrokenPipeError:  # `mentorkit report | head -5`: the reader has all it wants
        from mentorkit.cli.pipe import output_closed

        sys.exit(output_closed())
    except UnicodeEncodeError as exc:
        if not _of_stdout(exc):
            raise
        # PYTHONIOENCODING=ascii, or a terminal set to a legacy code page: say so plainly
        # rather than print a name wrong (or half a report and a traceback)
        from mentorkit.errors import ExitCode

        shown = exc.object[exc.start:exc.end]
        print(f"error: the output's encoding ({sys.stdout.encoding}) cannot write "
              f"{shown!r}", file=sys.stderr)
        print("Use a UTF-8 locale (LANG=C.UTF-8), or set PYTHONIOENCODING=utf-8.",
              file=sys.stderr)
        sys.exit(int(ExitCode.INVALID))
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


def _of_stdout(exc: UnicodeEncodeError) -> bool:
    """Whether `exc` came from stdout's encoding (not from some other text encoded)."""
    import codecs

    try:
        return codecs.lookup(exc.encoding).name == codecs.lookup(sys.stdout.encoding).name
    except (LookupError, TypeError):
        return False
