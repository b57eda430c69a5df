"""`match` starts from its last answer (services/matching/last_answer.py): nothing is
solved again while nothing changed, an edit is solved again from the old answer (only
near where it no longer fits: tests/test_matching_certificate.py), and the answer is
the same optimum a fresh run finds."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import yaml

from benchmarks.gen_program import write as write_program
from mentorkit.engine import certificate, solver
from mentorkit.services.matching import last_answer
from mentorkit.services.matching.propose import propose
from mentorkit.store import results
from mentorkit.store.folder import ProgramFolder


@pytest.fixture
def generated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ProgramFolder:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # the user's secret
    return ProgramFolder(write_program(tmp_path / "program", 300, 120, seed=5))


@pytest.fixture
def solves(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The size of every graph scipy is given, from now on."""
    sizes: list[int] = []
    original = solver._sparse_scipy

    def counted(*args: Any, **kwargs: Any) -> Any:
        sizes.append(len(args[0]))
        return original(*args, **kwargs)

    monkeypatch.setattr(solver, "_sparse_scipy", counted)
    return sizes


def pairs(folder: ProgramFolder) -> tuple[list[tuple[str, str]], float]:
    found = propose(folder, method="sparse")
    return sorted((p.mentee, p.mentor) for p in found.pairs), found.total


def test_nothing_is_solved_again_while_nothing_changed(
    generated: ProgramFolder, solves: list[int],
) -> None:
    first = pairs(generated)
    assert solves  # the first run solves
    solves.clear()
    assert pairs(generated) == first
    assert solves == []


def test_after_an_edit_the_answer_is_the_fresh_optimum(
    generated: ProgramFolder, monkeypatch: pytest.MonkeyPatch,
) -> None:
    first, _ = pairs(generated)
    mentor = first[0][1]
    # the coordinator takes a mentor out of this round, and edits a mentee's interests
    path = generated.root / "participants" / f"{mentor}.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["status"] = "paused"
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    mentee = first[-1][0]
    path = generated.root / "participants" / f"{mentee}.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["interests"] = ["sailing"]
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    with mock.patch.object(certificate, "_guessed", side_effect=AssertionError(
            "the start from the last answer was not proven: solved from scratch")):
        started = pairs(generated)
    assert mentor not in {j for _, j in started[0]}
    monkeypatch.setattr(last_answer, "recall", lambda *_: None)
    fresh = pairs(generated)
    assert started[1] == pytest.approx(fresh[1], abs=1e-6)


def test_a_record_that_fails_its_signature_is_not_used(
    generated: ProgramFolder, solves: list[int],
) -> None:
    first = pairs(generated)
    db = generated.root / ".mentorkit" / results.RESULTS_FILE
    import sqlite3

    with sqlite3.connect(db) as conn:  # someone with write access to the folder only
        conn.execute(f"UPDATE {results.TABLE} SET mac = zeroblob(32)")
    solves.clear()
    assert pairs(generated) == first
    assert solves  # solved from scratch: the record was ignored


def test_the_record_holds_ids_and_prices_only(generated: ProgramFolder) -> None:
    pairs(generated)
    with results.open_results(generated.root) as cache:
        assert cache is not None
        record = cache.get_json(cache.key(last_answer.REQUEST, b""))
    assert set(record) == {"mentees", "mentors", "prices", "added"}
    assert all(isinstance(v, float) and v > 0 for v in record["prices"].values())
    assert oct(os.stat(generated.root / ".mentorkit" / results.RESULTS_FILE).st_mode & 0o777) \
        == oct(0o600)
