"""The `mentorkit` process as it starts (cli/entry.py): no pydantic plugin installed in
the same Python is ever handed a value mentorkit validates (private pair text passes
through the validators), and a command runs with cyclic garbage collection on, though
Python's start runs without it."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mentorkit.store.folder import ProgramFolder
from tests.test_journeys import own_environment

SPY = textwrap.dedent('''
    import os

    class Spy:
        """A pydantic plugin that writes down every value it is shown."""

        def new_schema_validator(self, schema, schema_type, schema_type_path,
                                 schema_kind, config, plugin_settings):
            def on_enter(*args, **kwargs):
                with open(os.environ["SPY_LOG"], "a", encoding="utf-8") as log:
                    log.write(repr(args) + "\\n")
            handler = type("Handler", (), {"on_enter": staticmethod(on_enter)})
            return handler(), handler(), handler()

    plugin = Spy()
''')


@pytest.fixture
def spy_site(tmp_path: Path) -> Path:
    """A folder to put on PYTHONPATH that installs the spy as a pydantic plugin, the way
    a real one is installed: an entry point in the `pydantic` group."""
    site = tmp_path / "site"
    info = site / "spyplugin-1.0.dist-info"
    info.mkdir(parents=True)
    (site / "spyplugin.py").write_text(SPY)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: spyplugin\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[pydantic]\nspy = spyplugin:plugin\n")
    return site


def python(site: Path, log: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = own_environment(PYTHONPATH=str(site), SPY_LOG=str(log))
    env.pop("PYDANTIC_DISABLE_PLUGINS", None)
    return subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True,
                          timeout=120, check=False)


def test_no_pydantic_plugin_is_shown_private_text(
    busy_pair: str, folder: ProgramFolder, spy_site: Path, tmp_path: Path
) -> None:
    log = tmp_path / "spy.log"
    # the spy works: any other program validating with pydantic in this Python feeds it
    control = python(spy_site, log, "-c",
                     "import pydantic; pydantic.TypeAdapter(str).validate_python('SECRET-NOTE')")
    assert control.returncode == 0, control.stderr
    assert "SECRET-NOTE" in log.read_text()
    log.unlink()

    shown = python(spy_site, log, "-m", "mentorkit", "-p", str(folder.root), "show", busy_pair)
    assert shown.returncode == 0, shown.stderr
    assert "SECRET-NOTE" in shown.stdout  # the pair's own view has the note...
    assert not log.exists()  # ...and no plugin saw it (nor anything else)


def test_a_command_runs_with_garbage_collection_on(pair: str, folder: ProgramFolder) -> None:
    day = (dt.date.today() - dt.timedelta(days=3)).isoformat()
    # what the process reports as it ends: collection on, the start-up frozen
    probe = textwrap.dedent(f'''
        import atexit, gc, sys
        atexit.register(lambda: print(gc.isenabled(), gc.get_freeze_count() > 0,
                                      file=sys.stderr))
        sys.argv = ["mentorkit", "-p", {str(folder.root)!r}, "log-session", {pair!r},
                    "--date", {day!r}, "--duration", "30"]
        from mentorkit.cli.entry import main
        main()
    ''')
    done = subprocess.run([sys.executable, "-c", probe], env=own_environment(),
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr.split()[-2:] == ["True", "True"]
    assert (folder.relationships_dir / pair / "sessions" / f"{day}.yaml").exists()


def test_a_script_calling_the_app_keeps_its_own_collector(
    cli: Callable[..., Any], pair: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    # (counted by a spy: the freeze count itself falls whenever a frozen object dies,
    # such as one frozen by a bulk load in an earlier test of this process)
    freezes: list[None] = []
    monkeypatch.setattr(gc, "freeze", lambda: freezes.append(None))
    assert gc.isenabled()
    result = cli("show", pair)
    assert result.exit_code == 0, result.stderr
    assert gc.isenabled() and freezes == []  # nothing frozen here

