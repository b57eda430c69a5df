"""Every proposal of `mentorkit match` keeps every hard constraint, on random programs
written to disk: statuses, managers, exclusions (program.yaml and CSV), open
relationships counting against capacity, and pinned pairs."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.gen_program import people as generated_people
from mentorkit.services.matching.propose import propose
from mentorkit.store.folder import ProgramFolder


def _write(root: Path, docs: dict[str, dict[str, Any]], matching: dict[str, Any],
           open_pairs: list[tuple[str, str]], csv_rows: list[tuple[str, str]]) -> None:
    (root / "participants").mkdir(parents=True)
    (root / "relationships").mkdir()
    program = {"schema_version": 1, "kind": "program", "name": "Random",
               "start_date": dt.date(2026, 1, 5), "matching": matching}
    (root / "program.yaml").write_text(yaml.safe_dump(program))
    for person_id, doc in docs.items():
        (root / "participants" / f"{person_id}.yaml").write_text(yaml.safe_dump(doc))
    for mentor, mentee in open_pairs:
        folder = root / "relationships" / f"{mentor}--{mentee}"
        folder.mkdir()
        (folder / "relationship.yaml").write_text(yaml.safe_dump({
            "schema_version": 1, "kind": "relationship", "mentor": mentor, "mentee": mentee,
            "status": "active", "created": dt.date(2026, 1, 5)}))
    (root / "exclusions.csv").write_text(
        "mentor,mentee\n" + "".join(f"{a},{b}\n" for a, b in csv_rows))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    n=st.integers(1, 10), m=st.integers(1, 5), seed=st.integers(0, 10_000),
    data=st.data(),
)
def test_proposals_keep_every_hard_constraint(n: int, m: int, seed: int,
                                              data: st.DataObject) -> None:
    docs = generated_people(n, m, seed=seed, capacity=(0, 2), both=0.4)
    ids = sorted(docs)
    mentors = [i for i in ids if docs[i]["role"] in ("mentor", "both")]
    mentees = [i for i in ids if docs[i]["role"] in ("mentee", "both")]
    for person_id in ids:
        doc = docs[person_id]
        doc["status"] = data.draw(st.sampled_from(["active", "active", "paused", "withdrawn"]))
        doc.pop("preferred_mentors", None)
        if data.draw(st.booleans()):
            other = data.draw(st.sampled_from(ids))
            if other != person_id:
                doc["manager"] = data.draw(st.sampled_from([other, docs[other]["email"]]))
    pair = st.tuples(st.sampled_from(mentors), st.sampled_from(mentees))
    excluded = data.draw(st.lists(pair, max_size=4))
    csv_rows = data.draw(st.lists(pair, max_size=4))
    pinned = data.draw(st.lists(pair, max_size=2))
    open_pairs = [p for p in dict.fromkeys(data.draw(st.lists(pair, max_size=2)))
                  if p[0] != p[1]]
    open_pairs = list({mentee: (mentor, mentee) for mentor, mentee in open_pairs}.values())
    matching = {
        "min_mentor_years": data.draw(st.sampled_from([0, 5, 10])),
        "exclusions": [{"mentor": a, "mentee": b} for a, b in excluded],
        "exclusions_file": "exclusions.csv",
        "pinned": [{"mentor": a, "mentee": b} for a, b in pinned],
    }
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        _write(root, docs, matching, open_pairs, csv_rows)
        result = propose(ProgramFolder(root),
                                 method=data.draw(st.sampled_from(["dense", "sparse"])))

    forbidden = set(excluded) | set(csv_rows)
    in_open = {mentee for _, mentee in open_pairs}
    load = {mentor: sum(1 for a, _ in open_pairs if a == mentor) for mentor in mentors}
    seen: set[str] = set()
    for p in result.pairs:
        mentor, mentee = docs[p.mentor], docs[p.mentee]
        assert p.mentee not in seen and p.mentee not in in_open
        seen.add(p.mentee)
        assert mentor["status"] == mentee["status"] == "active"
        assert mentor["role"] in ("mentor", "both") and mentee["role"] in ("mentee", "both")
        assert p.mentor != p.mentee
        assert mentor["years_experience"] >= matching["min_mentor_years"]
        assert mentor["years_experience"] > mentee["years_experience"]
        assert mentee.get("manager") not in (p.mentor, mentor["email"])
        assert mentor.get("manager") not in (p.mentee, mentee["email"])
        assert (p.mentor, p.mentee) not in forbidden
        assert 0 <= p.score <= 100
        load[p.mentor] += 1
    for mentor_id, count in load.items():
        capacity = docs[mentor_id].get("capacity", 2)
        assert count <= max(capacity, sum(1 for a, _ in open_pairs if a == mentor_id))
    # a pinned pair that breaks nothing and finds room is kept
    chosen = {(p.mentor, p.mentee) for p in result.pairs}
    kept = {(p.mentor, p.mentee) for p in result.pairs if p.pinned}
    assert kept <= set(pinned)
    for mentor_id, mentee_id in pinned:
        if (mentor_id, mentee_id) not in kept:
            assert any(mentor_id in w and mentee_id in w for w in result.warnings) or (
                (mentor_id, mentee_id) in open_pairs) or mentee_id in {m for _, m in kept}
    assert chosen >= kept
