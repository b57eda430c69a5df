"""Output that cannot be written, whether the CLI ran or a quick replay answered, and
never with a traceback: `mentorkit report | head -5` (the reader stops reading) stops
quietly with exit code 141 (OUTPUT_CLOSED); an output encoding that cannot write a name
is said in two plain lines, exit code 2."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from mentorkit.store.folder import ProgramFolder
from tests.conftest import make_person
from tests.test_journeys import mentorkit, own_environment


@pytest.fixture
def settled(trusted: ProgramFolder) -> ProgramFolder:
    """`trusted`, for commands run in processes of their own: those keep the racy
    window (files written within 2 s are never trusted to a cache), so wait it out."""
    time.sleep(2.1)
    return trusted


def closed_reader(folder: ProgramFolder, *args: str) -> subprocess.CompletedProcess[bytes]:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first line is written
    try:
        return subprocess.run([mentorkit(), "-p", str(folder.root), *args], stdout=write_end,
                              stderr=subprocess.PIPE, env=own_environment(), timeout=120,
                              check=False)
    finally:
        os.close(write_end)


def test_a_closed_output_is_a_quiet_141(settled: ProgramFolder) -> None:
    args = ("report", "--format", "markdown", "--as-of", "2026-04-01")
    # the CLI, then (nothing changed) the quick replay from the entry point
    for run in (closed_reader(settled, *args), closed_reader(settled, *args)):
        assert (run.returncode, run.stderr.decode()) == (141, "")
    listed = closed_reader(settled, "participants", "list")
    assert (listed.returncode, listed.stderr.decode()) == (141, "")


def test_the_quick_replay_is_taken_when_nothing_changed(settled: ProgramFolder) -> None:
    # (so the test above did reach the quick replay's own write on its second run)
    args = ["-p", str(settled.root), "report", "--format", "markdown", "--as-of", "2026-04-01"]
    env = own_environment()
    first = subprocess.run([mentorkit(), *args], capture_output=True, env=env, check=False)
    again = subprocess.run([sys.executable, "-X", "importtime", "-m", "mentorkit", *args],
                           capture_output=True, env=env, check=False)
    assert again.stdout == first.stdout
    assert b" typer" not in again.stderr  # answered before the CLI was imported


def test_an_output_encoding_that_cannot_write_a_name_is_named(settled: ProgramFolder) -> None:
    make_person(settled, "José Núñez")
    time.sleep(2.1)  # past the racy window again: the second report may be a replay
    env = own_environment(PYTHONIOENCODING="ascii")
    args = [mentorkit(), "-p", str(settled.root), "participants", "list"]
    for command in (args, [*args[:3], "report", "--format", "csv"],
                    [*args[:3], "report", "--format", "csv"]):
        run = subprocess.run(command, capture_output=True, env=env, timeout=120, check=False)
        err = run.stderr.decode()
        assert run.returncode == 2, (command, err)
        assert "Traceback" not in err and "(ascii) cannot write" in err
        assert len(err.strip().splitlines()) == 2
