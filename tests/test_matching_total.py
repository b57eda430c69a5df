"""`match --json`'s total_score is the sum of the pairs' unrounded scores."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
import yaml

from benchmarks.gen_program import people as generated_people
from mentorkit.models.participant import Participant
from mentorkit.services.matching.pool import prepare
from mentorkit.store.folder import ProgramFolder

Cli = Callable[..., Any]


@pytest.fixture
def generated(folder: ProgramFolder) -> ProgramFolder:
    for person_id, doc in generated_people(40, 15, seed=11, capacity=(1, 3)).items():
        folder.save_participant(person_id, Participant.model_validate(doc))
    return folder


def unrounded_total(folder: ProgramFolder, pairs: list[dict[str, Any]]) -> float:
    pool = prepare(folder)
    rows = [pool.row(p["mentee"]) for p in pairs]
    cols = [pool.col(p["mentor"]) for p in pairs]
    return float(np.sum(pool.space.pairs(rows, cols), dtype=np.float64))


def test_total_score_is_the_sum_of_unrounded_scores(cli: Cli, generated: ProgramFolder) -> None:
    result = cli("match", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert len(data["pairs"]) > 10
    exact = unrounded_total(generated, data["pairs"])
    rounded = sum(p["score"] for p in data["pairs"])
    assert abs(rounded - exact) > 1e-3  # this program tells the two sums apart
    assert data["total_score"] == pytest.approx(exact, abs=1e-9)


def test_applied_proposal_total_is_unrounded_too(cli: Cli, generated: ProgramFolder) -> None:
    assert cli("match").exit_code == 0
    path = generated.root / "proposal.yaml"
    doc = yaml.safe_load(path.read_text())
    doc["pairs"] = doc["pairs"][:12]  # the coordinator keeps some of the pairs
    path.write_text(yaml.safe_dump(doc))
    kept = [{"mentee": p["mentee"], "mentor": p["mentor"]} for p in doc["pairs"]]
    exact = unrounded_total(generated, kept)
    result = cli("match", "--apply", "--proposal", str(path), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["total_score"] == pytest.approx(exact, abs=1e-9)
