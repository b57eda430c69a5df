"""What `match` writes and says, built the fast way, is what the models would give:
proposal.yaml's document and text, and why a mentor cannot be matched."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
import yaml

from benchmarks.gen_program import people as generated_people
from mentorkit.engine import solver
from mentorkit.models.participant import Participant
from mentorkit.models.proposal import Proposal
from mentorkit.services.matching.pool import prepare
from mentorkit.services.matching.propose import propose
from mentorkit.services.matching.unmatchable import cannot_match
from mentorkit.store import yamlio
from mentorkit.store.folder import ProgramFolder

Cli = Callable[..., Any]


@pytest.fixture
def generated(folder: ProgramFolder) -> ProgramFolder:
    docs = generated_people(40, 15, seed=11, capacity=(1, 3))
    mentors = sorted(k for k, d in docs.items() if d["role"] == "mentor")
    docs[mentors[0]]["years_experience"] = 5.0  # fewer years than every mentee below
    for doc in docs.values():
        if doc["role"] == "mentee":
            doc["years_experience"] = max(doc["years_experience"], 5.5)
    docs[mentors[1]]["years_experience"] = 2.0  # under the program's minimum of 5
    for person_id, doc in docs.items():
        folder.save_participant(person_id, Participant.model_validate(doc))
    return folder


def test_the_proposal_document_is_the_models(generated: ProgramFolder) -> None:
    path = generated.root / "proposal.yaml"
    result = propose(generated, save_to=path)
    assert len(result.pairs) > 10 and result.unmatched
    expected = result.to_proposal().to_document()
    assert result.to_document() == expected
    text = path.read_text(encoding="utf-8")
    assert text == yamlio.dump(expected)  # byte for byte what the representer wrote
    assert yaml.safe_load(text) == expected
    assert generated.load(path, Proposal) == result.to_proposal()


def test_a_new_proposal_replaces_an_edited_one_whole(cli: Cli, generated: ProgramFolder) -> None:
    path = generated.root / "proposal.yaml"
    path.write_text("# my notes\nschema_version: 1\nkind: proposal\ncreated: 2026-01-01\n")
    assert cli("match").exit_code == 0
    text = path.read_text(encoding="utf-8")
    assert "# my notes" not in text and "created: 2026-01-01" not in text
    assert yaml.safe_load(text)["pairs"]


def test_why_a_mentor_cannot_match_from_the_solvers_counts(generated: ProgramFolder) -> None:
    pool = prepare(generated)
    rows = np.arange(len(pool.mentee_ids))
    sol = solver.assign(pool.space, pool.constraints, pool.capacity, rows=rows)
    assert sol.mentor_feasible is not None
    words = {k: cannot_match(pool, k, j, rows, int(sol.mentor_feasible[j]))
             for j, k in enumerate(pool.mentor_ids)}
    # the same words as checking every constraint one mentor at a time
    assert words == {k: cannot_match(pool, k, j, rows) for j, k in enumerate(pool.mentor_ids)}
    ruled_out = [w for w in words.values() if w and w.startswith("ruled out")]
    assert ruled_out and "fewer than the program's minimum" in " ".join(
        w for w in words.values() if w)
    ok, _ = pool.constraints.block_by_masks(rows)  # the count is the constraints' own
    assert sol.mentor_feasible.tolist() == ok.sum(axis=0).tolist()
