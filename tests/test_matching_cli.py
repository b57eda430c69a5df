"""`mentorkit match`, `match suggest`, `match explain`, `pair`, `unpair` end to end."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from mentorkit.models.relationship import MatchMethod
from mentorkit.services.matching.apply import apply
from mentorkit.services.matching.manual import pair
from mentorkit.services.matching.propose import propose, read_proposal
from mentorkit.services.monitoring import validate
from mentorkit.store.folder import ProgramFolder
from tests.conftest import make_person

Cli = Callable[..., Any]


@pytest.fixture
def people(folder: ProgramFolder) -> dict[str, str]:
    """Two mentors (one with room for 1), three mentees; Ann's manager is Dan."""
    ids = {
        "dan": make_person(folder, "Dan Ortiz", role="mentor", years_experience=14,
                           can_help_with=["wound care", "leadership"], capacity=1,
                           site="North", languages=["English", "Spanish"]),
        "eve": make_person(folder, "Eve Stone", role="mentor", years_experience=9,
                           can_help_with=["IV therapy", "budgeting"], capacity=2,
                           site="North"),
        "ann": make_person(folder, "Ann Lee", years_experience=3, manager="dan-ortiz",
                           wants_help_with=["wound care"], site="North"),
        "maria": make_person(folder, "Maria Lopez", years_experience=2,
                             wants_help_with=["wound care", "leadership", "IV therapy"],
                             languages=["Spanish"], site="North"),
        "tom": make_person(folder, "Tom Reid", years_experience=4,
                           wants_help_with=["budgeting"], site="South"),
    }
    return ids


def _pairs(result: dict[str, Any]) -> dict[str, str]:
    return {p["mentee"]: p["mentor"] for p in result["pairs"]}


def _edited_proposal(
    cli: Cli, folder: ProgramFolder, edit: Callable[[dict[str, Any]], None]
) -> Path:
    """Run `mentorkit match`, then change proposal.yaml as a coordinator would."""
    assert cli("match").exit_code == 0
    path = folder.root / "proposal.yaml"
    doc = yaml.safe_load(path.read_text())
    edit(doc)
    path.write_text(yaml.safe_dump(doc))
    return path


def _set_matching(folder: ProgramFolder, **values: Any) -> None:
    program = folder.load_program()
    data = program.model_dump()
    data["matching"].update(values)
    folder.save_program(type(program).model_validate(data))


def test_match_proposes_the_optimum_and_changes_nothing(
    cli: Cli, folder: ProgramFolder, people: dict[str, str]
) -> None:
    result = cli("match", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    # Dan is Ann's manager; Dan has room for one, so Maria (best fit) gets Dan
    assert _pairs(data) == {"maria-lopez": "dan-ortiz", "ann-lee": "eve-stone",
                            "tom-reid": "eve-stone"}
    assert all(0 <= p["score"] <= 100 and p["reasons"] for p in data["pairs"])
    assert not list(folder.relationships_dir.glob("*/relationship.yaml"))
    assert (folder.root / "proposal.yaml").is_file()
    again = json.loads(cli("match", "--json").stdout)
    assert again["pairs"] == data["pairs"]  # deterministic


def test_match_human_output_lists_pairs_unmatched_and_capacity(
    cli: Cli, folder: ProgramFolder, people: dict[str, str]
) -> None:
    make_person(folder, "Zoe Novak", years_experience=30, wants_help_with=["phlebotomy"])
    result = cli("match")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "maria-lopez" in out and "offers" in out
    assert "Unmatched mentees (1)" in out and "zoe-novak" in out
    assert "no mentor passes the constraints" in out
    assert "remaining capacity" in out
    assert "mentorkit match --apply --proposal proposal.yaml" in out


def test_match_apply_creates_proposed_relationships(
    cli: Cli, folder: ProgramFolder, people: dict[str, str]
) -> None:
    result = cli("match", "--apply")
    assert result.exit_code == 0, result.stderr
    relationships = folder.load_relationships()
    assert set(relationships) == {"dan-ortiz--maria-lopez", "eve-stone--ann-lee",
                                  "eve-stone--tom-reid"}
    r = relationships["dan-ortiz--maria-lopez"]
    assert r.status.value == "proposed"
    assert r.match.method is MatchMethod.OPTIMAL and r.match.score and r.match.reasons
    # everyone is matched now: a second run proposes nothing and applies nothing
    again = json.loads(cli("match", "--json").stdout)
    assert again["pairs"] == [] and again["already_matched"] == 3


def test_edited_proposal_is_applied_after_rechecking(
    cli: Cli, folder: ProgramFolder, people: dict[str, str]
) -> None:
    def drop_tom(doc: dict[str, Any]) -> None:
        doc["pairs"] = [p for p in doc["pairs"] if p["mentee"] != "tom-reid"]

    _edited_proposal(cli, folder, drop_tom)
    result = cli("match", "--apply", "--proposal", "proposal.yaml", "--json")
    assert result.exit_code == 0, result.stderr
    assert sorted(json.loads(result.stdout)["applied"]) == [
        "dan-ortiz--maria-lopez", "eve-stone--ann-lee"]
    assert "eve-stone--tom-reid" not in folder.load_relationships()


def test_edited_proposal_breaking_a_constraint_applies_nothing(
    cli: Cli, folder: ProgramFolder, people: dict[str, str]
) -> None:
    def all_to_dan(doc: dict[str, Any]) -> None:
        for p in doc["pairs"]:
            p["mentor"] = "dan-ortiz"  # his report Ann, and over his capacity of 1

    path = _edited_proposal(cli, folder, all_to_dan)
    result = cli("match", "--apply", "--proposal", str(path))
    assert result.exit_code == 2
    assert "manager" in result.stderr and "capacity" in result.stderr
    assert "Nothing was applied" in result.stderr
    assert folder.load_relationships() == {}


def test_bad_proposal_file_is_refused(
    cli: Cli, folder: ProgramFolder, people: dict[str, str]
) -> None:
    (folder.root / "proposal.yaml").write_text("kind: proposal\npairs: [oops\n")
    result = cli("match", "--apply", "--proposal", "proposal.yaml")
    assert result.exit_code == 2 and "not valid YAML" in result.stderr
    (folder.root / "proposal.yaml").write_text(
        "schema_version: 1\nkind: proposal\ncreated: 2026-01-05\npairs:\n"
        "- {mentee: ann-lee, mentor: nobody-here, colour: red}\n"
    )
    result = cli("match", "--apply", "--proposal", "proposal.yaml")
    assert result.exit_code == 2 and "colour" in result.stderr
    missing = cli("match", "--apply", "--proposal", "nope.yaml")
    assert missing.exit_code == 3
    assert cli("match", "--proposal", "proposal.yaml").exit_code == 2
    out_with_apply = cli("match", "--apply", "--out", "round-2.yaml")
    assert out_with_apply.exit_code == 2 and "--out" in out_with_apply.stderr
    assert not (folder.root / "round-2.yaml").exists()
    assert folder.load_relationships() == {}  # nothing applied
    bad_solver = cli("match", "--solver", "quantum")
    assert bad_solver.exit_code == 2 and "--solver" in bad_solver.stderr
    assert "Traceback" not in result.stderr + missing.stderr


def test_unknown_mentee_in_proposal_is_named(
    cli: Cli, folder: ProgramFolder, people: dict[str, str]
) -> None:
    (folder.root / "proposal.yaml").write_text(
        "schema_version: 1\nkind: proposal\ncreated: 2026-01-05\npairs:\n"
        "- {mentee: nobody-here, mentor: eve-stone}\n"
    )
    result = cli("match", "--apply", "--proposal", "proposal.yaml")
    assert result.exit_code == 2
    assert "nobody-here is not enrolled" in result.stderr


def test_suggest_lists_mentors_with_room(
    cli: Cli, folder: ProgramFolder, people: dict[str, str]
) -> None:
    result = cli("match", "suggest", "Maria Lopez", "--top", "1", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [s["mentor"] for s in data["suggestions"]] == ["dan-ortiz"]
    human = cli("match", "suggest", "ann", "--top", "5")
    assert "eve-stone" in human.stdout and "dan-ortiz" not in human.stdout  # his report
    assert cli("match", "suggest", "nobody").exit_code == 3
    not_mentee = cli("match", "suggest", "dan-ortiz")
    assert not_mentee.exit_code == 2 and "not enrolled as a mentee" in not_mentee.stderr


def test_explain_breakdown_constraint_and_cost(
    cli: Cli, folder: ProgramFolder, people: dict[str, str]
) -> None:
    chosen = json.loads(cli("match", "explain", "maria-lopez", "dan-ortiz", "--json").stdout)
    assert chosen["chosen"] is True and chosen["cost_of_forcing"] == 0
    assert {f["feature"] for f in chosen["features"]} >= {"expertise", "experience_gap"}
    forbidden = cli("match", "explain", "ann-lee", "dan-ortiz")
    assert forbidden.exit_code == 0
    assert "forbidden: dan-ortiz is the manager or direct report" in forbidden.stdout
    other = json.loads(cli("match", "explain", "maria-lopez", "eve-stone", "--json").stdout)
    assert other["chosen"] is False and other["optimum_mentor"] == "dan-ortiz"
    assert other["cost_of_forcing"] > 0
    assert cli("match", "explain", "maria-lopez", "nobody").exit_code == 3


def test_pair_weak_fit_refusal_and_forced_override(
    cli: Cli, folder: ProgramFolder, people: dict[str, str]
) -> None:
    weak = cli("pair", "eve-stone", "ann-lee")
    assert weak.exit_code == 0, weak.stderr
    assert "weak fit" in weak.stderr
    r = folder.load_relationship("eve-stone--ann-lee")
    assert r.match.method is MatchMethod.MANUAL and r.status.value == "proposed"

    refused = cli("pair", "dan-ortiz", "ann-lee")
    assert refused.exit_code == 4
    assert "manager" in refused.stderr and "--force --reason" in refused.stderr
    no_reason = cli("pair", "dan-ortiz", "ann-lee", "--force")
    assert no_reason.exit_code == 2 and "--reason" in no_reason.stderr
    assert not folder.relationship_dir("dan-ortiz--ann-lee").exists()

    forced = cli("pair", "dan-ortiz", "ann-lee", "--force", "--reason", "only wound expert")
    assert forced.exit_code == 0, forced.stderr
    r = folder.load_relationship("dan-ortiz--ann-lee")
    assert r.match.forced_reason == "only wound expert"
    assert any("manager" in o for o in r.match.overridden)
    # Dan (capacity 1) is now full
    full = cli("pair", "dan-ortiz", "maria-lopez")
    assert full.exit_code == 4 and "full" in full.stderr
    assert cli("pair", "dan-ortiz", "dan-ortiz").exit_code == 2
    assert cli("pair", "ann-lee", "tom-reid").exit_code == 2  # Ann is no mentor


def test_unpair_removes_only_bare_proposed_relationships(
    cli: Cli, folder: ProgramFolder, people: dict[str, str]
) -> None:
    assert cli("pair", "eve-stone", "tom-reid").exit_code == 0
    assert cli("pair", "eve-stone", "maria-lopez").exit_code == 0
    removed = cli("unpair", "eve-stone--tom-reid")
    assert removed.exit_code == 0, removed.stderr
    assert not folder.relationship_dir("eve-stone--tom-reid").exists()
    (folder.relationship_dir("eve-stone--maria-lopez") / "goals.yaml").write_text("kind: goals\n")
    kept = cli("unpair", "maria-lopez")
    assert kept.exit_code == 4 and "mentorkit close" in kept.stderr
    assert folder.relationship_dir("eve-stone--maria-lopez").is_dir()
    assert cli("unpair", "nobody--here").exit_code == 3


def test_unpair_refuses_an_active_relationship(
    cli: Cli, folder: ProgramFolder, people: dict[str, str]
) -> None:
    assert cli("pair", "eve-stone", "tom-reid").exit_code == 0
    r = folder.load_relationship("eve-stone--tom-reid")
    r.status = r.status.ACTIVE
    folder.save_relationship(r)
    result = cli("unpair", "eve-stone--tom-reid")
    assert result.exit_code == 4 and "active" in result.stderr


def test_pinned_pairs_exclusions_and_paused_people(
    cli: Cli, folder: ProgramFolder, people: dict[str, str]
) -> None:
    _set_matching(folder, pinned=[{"mentor": "eve-stone", "mentee": "maria-lopez"}],
                  exclusions_file="exclusions.csv")
    (folder.root / "exclusions.csv").write_text(
        "mentor,mentee,reason\neve-stone,Tom Reid,family\ndan-ortiz@example.org,tom-reid\n"
    )
    make_person(folder, "Pat Away", years_experience=1, wants_help_with=["wound care"],
                status="paused")
    result = json.loads(cli("match", "--json").stdout)
    pairs = _pairs(result)
    assert pairs["maria-lopez"] == "eve-stone"  # pinned, though Dan fits her better
    assert "tom-reid" not in pairs and "pat-away" not in pairs
    pinned = next(p for p in result["pairs"] if p["mentee"] == "maria-lopez")
    assert pinned["pinned"] and pinned["reasons"][0] == "pinned by the coordinator"
    unmatched = {u["mentee"]: u["reason"] for u in result["unmatched"]}
    assert "exclusion list" in unmatched["tom-reid"]
    assert cli("match", "--apply").exit_code == 0
    assert folder.load_relationship("eve-stone--maria-lopez").match.method is MatchMethod.MANUAL


def test_validate_checks_exclusions_file_and_pinned_pairs(
    folder: ProgramFolder, people: dict[str, str]
) -> None:
    _set_matching(folder, exclusions_file="exclusions.csv",
                  pinned=[{"mentor": "dan-ortiz", "mentee": "ann-lee"}])
    (folder.root / "exclusions.csv").write_text(
        "dan-ortiz\nghost,ann-lee\ndan,ann-lee\nDAN-ORTIZ@example.org,Ann Lee\n")
    found = [str(p) for p in validate.run(folder).problems]
    assert any("exclusions.csv:1" in p and "mentor,mentee" in p for p in found)
    assert any("exclusions.csv:2" in p and "ghost" in p for p in found)
    assert any("exclusions.csv:3" in p and "'dan'" in p for p in found)  # no prefixes
    assert not any("exclusions.csv:4" in p for p in found)  # email and full name
    assert any("matching.pinned.0" in p and "manager" in p for p in found)


def test_bad_exclusions_file_stops_matching(
    cli: Cli, folder: ProgramFolder, people: dict[str, str]
) -> None:
    _set_matching(folder, exclusions_file="exclusions.csv")
    (folder.root / "exclusions.csv").write_text("dan-ortiz,no-such-person\n")
    result = cli("match")
    assert result.exit_code == 2 and "no-such-person" in result.stderr


@pytest.mark.parametrize(("edit", "named"), [
    ({"    expertise: 4\n": "    expertise: .inf\n"}, ["matching.weights.expertise"]),
    ({"    expertise: 4\n": "    expertise: 1e308\n", "    preference: 2\n":
      "    preference: 1e308\n"}, ["matching.weights.expertise", "matching.weights.preference"]),
    ({"- 10\n": "- .inf\n"}, ["matching.ideal_gap_years.1"]),
    ({"  min_mentor_years: 5\n": "  min_mentor_years: .nan\n"}, ["matching.min_mentor_years"]),
])
def test_weights_and_years_past_any_sane_number_are_refused(
    cli: Cli, folder: ProgramFolder, people: dict[str, str], edit: dict[str, str],
    named: list[str]
) -> None:
    # `.inf` (or two weights whose sum overflows) made the solver fail with a traceback
    text = folder.program_path.read_text()
    for old, new in edit.items():
        assert old in text
        text = text.replace(old, new)
    folder.program_path.write_text(text)
    checked = cli("validate")
    assert checked.exit_code == 1 and all(f": {n}: " in checked.stderr for n in named)
    for command in (("match",), ("match", "suggest", "ann-lee")):
        result = cli(*command)
        assert result.exit_code == 2 and "Traceback" not in result.stderr
        assert all(f": {n}: " in result.stderr for n in named), result.stderr


def test_out_option_and_service_round_trip(
    cli: Cli, folder: ProgramFolder, people: dict[str, str], tmp_path: Path
) -> None:
    result = cli("match", "--out", "review/next.yaml")
    assert result.exit_code == 0, result.stderr
    doc = read_proposal(folder, folder.root / "review" / "next.yaml")
    assert {p.mentee for p in doc.pairs} == {"ann-lee", "maria-lopez", "tom-reid"}
    outside = cli("match", "--out", str(tmp_path / "elsewhere.yaml"))
    assert outside.exit_code == 2 and "inside the program folder" in outside.stderr


@pytest.mark.parametrize("out", ["program.yaml", "past-pairs.yaml", "participants/ann-lee.yaml",
                                 "participants/new.yaml", "relationships/x/relationship.yaml",
                                 ".mentorkit/p.yaml", "events/e.yaml", "notes.yaml"])
def test_out_never_overwrites_the_programs_records_or_another_file(
    cli: Cli, folder: ProgramFolder, people: dict[str, str], out: str,
) -> None:
    (folder.root / "notes.yaml").write_text("my own notes\n")
    before = {p: p.read_bytes() for p in folder.root.rglob("*") if p.is_file()}
    result = cli("match", "--out", out)
    assert result.exit_code == 4, result.stdout
    assert result.stderr.startswith(f"error: {out}: ")
    assert "--out" in result.stderr.splitlines()[1]
    after = {p: p.read_bytes() for p in folder.root.rglob("*") if p.is_file()
             and ".mentorkit" not in p.parts}
    assert after == {p: b for p, b in before.items() if ".mentorkit" not in p.parts}


def test_out_replaces_an_earlier_proposal(cli: Cli, folder: ProgramFolder,
                                          people: dict[str, str]) -> None:
    assert cli("match", "--out", "round-2.yaml").exit_code == 0
    assert cli("match", "--out", "round-2.yaml").exit_code == 0  # its own proposal: replaced
    (folder.root / "proposal.yaml").write_text("a file of my own\n")
    refused = cli("match")
    assert refused.exit_code == 4 and "is not a proposal" in refused.stderr
    assert (folder.root / "proposal.yaml").read_text() == "a file of my own\n"


def test_unmatched_reasons_name_full_mentors(folder: ProgramFolder) -> None:
    make_person(folder, "Solo Mentor", role="mentor", years_experience=12, capacity=1,
                can_help_with=["triage"])
    make_person(folder, "First Mentee", years_experience=2, wants_help_with=["triage"])
    make_person(folder, "Second Mentee", years_experience=2, wants_help_with=["budgets"])
    result = propose(folder)
    assert [(p.mentee, p.mentor) for p in result.pairs] == [("first-mentee", "solo-mentor")]
    assert result.unmatched[0].mentee == "second-mentee"
    assert "fits them better" in result.unmatched[0].reason
    assert [(m.mentor, m.remaining) for m in result.mentors] == [("solo-mentor", 0)]
    # once the pair exists, the mentor has no room at all before solving
    apply(folder)
    again = propose(folder)
    assert again.pairs == [] and again.already_matched == 1
    assert again.unmatched[0].reason == "the one fitting mentor is full"


def test_apply_and_pair_record_the_given_date(
    cli: Cli, folder: ProgramFolder, people: dict[str, str]
) -> None:
    import datetime as dt

    assert cli("match", "--date", "2026-09-01").exit_code == 2  # only with --apply
    assert not folder.load_relationships()
    ahead = (dt.date.today() + dt.timedelta(days=28)).isoformat()
    future = cli("match", "--apply", "--date", ahead)  # refused, as `pair --date` is
    assert future.exit_code == 2 and "cannot be made on a future date" in future.stderr
    assert not folder.load_relationships()
    applied = cli("match", "--apply", "--date", "2026-09-01")
    assert applied.exit_code == 0, applied.stderr
    created = {r.created for r in folder.load_relationships().values()}
    assert created == {dt.date(2026, 9, 1)}
    assert cli("unpair", "eve-stone--tom-reid").exit_code == 0
    paired = cli("pair", "eve-stone", "tom-reid", "--date", "2026-09-15")
    assert paired.exit_code == 0, paired.stderr
    assert folder.load_relationship("eve-stone--tom-reid").created == dt.date(2026, 9, 15)
    assert cli("pair", "eve-stone", "ann-lee", "--date", "15/09/2026").exit_code == 2
    # the service: no date means today
    assert cli("unpair", "eve-stone--tom-reid").exit_code == 0
    r = pair(folder, "eve-stone", "tom-reid").relationship
    assert r.created == dt.date.today()


def _closed_on_20_november(cli: Cli, folder: ProgramFolder) -> None:
    """Dan mentored Maria and Eve mentored Tom from 1 September to 20 November."""
    import datetime as dt

    from mentorkit.models.relationship import Relationship

    for mentor, mentee in (("dan-ortiz", "maria-lopez"), ("eve-stone", "tom-reid")):
        r = Relationship(mentor=mentor, mentee=mentee, created=dt.date(2026, 9, 1))
        folder.save_relationship(r)
        closed = cli("close", r.id, "--kind", "rematched", "--reason", "shift clash",
                     "--missing-reason", "rematched", "--date", "2026-11-20",
                     "--no-interactive")
        assert closed.exit_code == 0, closed.stderr


def test_a_back_dated_pair_is_checked_as_the_program_stood_that_day(
    cli: Cli, folder: ProgramFolder, people: dict[str, str]
) -> None:
    # checked only as of today: the report as of October showed Tom in two open pairs
    _closed_on_20_november(cli, folder)
    before = sorted(folder.load_relationships())
    refused = cli("pair", "dan-ortiz", "tom-reid", "--date", "2026-10-01")
    assert refused.exit_code == 4
    assert refused.stderr.splitlines()[0] == (
        "error: cannot pair dan-ortiz with tom-reid: tom-reid is already in relationship "
        "eve-stone--tom-reid; dan-ortiz is full (1 of 1 places taken, requests waiting for "
        "an answer included)")
    fresh = cli("match", "--apply", "--date", "2026-10-01")
    assert fresh.exit_code == 2
    assert "tom-reid is already in relationship eve-stone--tom-reid" in fresh.stderr
    assert "maria-lopez is already in relationship dan-ortiz--maria-lopez" in fresh.stderr
    assert sorted(folder.load_relationships()) == before
    assert cli("pair", "dan-ortiz", "tom-reid", "--date", "2026-11-21").exit_code == 0


def test_a_pair_dated_before_someone_joined_is_refused_until_their_joining_day_is_set(
    cli: Cli, folder: ProgramFolder, people: dict[str, str]
) -> None:
    # `due` as of September showed a pair whose mentee was not enrolled yet
    added = cli("add", "Omar Farouk", "--email", "omar@example.org", "--role", "mentee",
                "--no-interactive")
    assert added.exit_code == 0, added.stderr
    refused = cli("pair", "eve-stone", "omar-farouk", "--date", "2026-08-15")
    assert refused.exit_code == 2
    assert refused.stderr.splitlines()[-1].endswith(
        "say when they joined: mentorkit participants edit omar-farouk --joined DAY")
    assert "eve-stone--omar-farouk" not in folder.load_relationships()
    assert cli("participants", "edit", "omar-farouk", "--joined", "2026-08-01").exit_code == 0
    paired = cli("pair", "eve-stone", "omar-farouk", "--date", "2026-08-15")
    assert paired.exit_code == 0, paired.stderr
    # a joining day after their pair was made, or after today, is refused
    later = cli("participants", "edit", "omar-farouk", "--joined", "2026-09-01")
    assert later.exit_code == 2
    assert later.stderr.splitlines()[0] == (
        "error: omar-farouk is in eve-stone--omar-farouk, made on 2026-08-15, before "
        "2026-09-01")
    future = cli("add", "Pat Soon", "--email", "pat@example.org", "--role", "mentee",
                 "--joined", "2099-01-01", "--no-interactive")
    assert future.exit_code == 2 and "cannot join on a future date" in future.stderr


def _close(cli: Cli, folder: ProgramFolder, pid: str, kind: str) -> None:
    if kind == "completed":  # only a started relationship can be completed
        r = folder.load_relationship(pid)
        r.status = r.status.ACTIVE
        folder.save_relationship(r)
    closed = cli("close", pid, "--kind", kind, "--reason", "done",
                 "--missing-reason", "on paper", "--no-interactive")
    assert closed.exit_code == 0, closed.stderr


def test_closed_pairs_are_never_proposed_again(
    cli: Cli, folder: ProgramFolder, people: dict[str, str]
) -> None:
    make_person(folder, "Fay Grant", role="mentor", years_experience=20, capacity=2,
                can_help_with=["mentoring"])
    assert cli("match", "--apply").exit_code == 0
    assert {"dan-ortiz--maria-lopez", "eve-stone--ann-lee"} <= set(folder.load_relationships())
    _close(cli, folder, "dan-ortiz--maria-lopez", "ended-early")
    _close(cli, folder, "eve-stone--ann-lee", "completed")
    # the mentee whose relationship ended early is matched again; the one who completed
    # only when asked (a new round), and never with the same mentor
    first = json.loads(cli("match", "--json").stdout)
    assert set(_pairs(first)) == {"maria-lopez"}
    assert first["already_completed"] == 1
    proposal = _pairs(json.loads(cli("match", "--json", "--rematch-completed").stdout))
    assert set(proposal) == {"maria-lopez", "ann-lee"}
    assert proposal["maria-lopez"] != "dan-ortiz" and proposal["ann-lee"] == "fay-grant"
    applied = cli("match", "--apply", "--json", "--rematch-completed")
    assert applied.exit_code == 0, applied.stderr
    assert sorted(json.loads(applied.stdout)["applied"]) == sorted(
        f"{mentor}--{mentee}" for mentee, mentor in proposal.items())
    # the reason is given in words
    explained = cli("match", "explain", "maria-lopez", "dan-ortiz")
    assert "already paired before" in explained.stdout
    suggested = json.loads(cli("match", "suggest", "ann-lee", "--json").stdout)
    assert "eve-stone" not in [s["mentor"] for s in suggested["suggestions"]]
    assert "already paired before" in suggested["note"] and "eve-stone" in suggested["note"]


def test_a_mentee_whose_only_mentor_was_tried_is_unmatched_with_the_reason(
    cli: Cli, folder: ProgramFolder
) -> None:
    make_person(folder, "Solo Mentor", role="mentor", years_experience=12, capacity=1)
    make_person(folder, "Only Mentee", years_experience=2)
    assert cli("match", "--apply").exit_code == 0
    _close(cli, folder, "solo-mentor--only-mentee", "ended-early")
    result = propose(folder)
    assert result.pairs == []
    assert "already paired before" in result.unmatched[0].reason


@pytest.mark.parametrize(("paused", "status"), [
    ("rosa", "withdrawn"), ("kevin", "paused"), ("both", "paused")])
def test_manager_conflict_is_named_when_one_side_is_not_active(
    cli: Cli, folder: ProgramFolder, paused: str, status: str
) -> None:
    kevin = {"status": status} if paused in ("kevin", "both") else {}
    rosa = {"status": status} if paused in ("rosa", "both") else {}
    make_person(folder, "Kevin Hart", role="mentor", years_experience=15, **kevin)
    make_person(folder, "Rosa Diaz", years_experience=2, manager="kevin-hart@example.org",
                **rosa)
    explained = json.loads(cli("match", "explain", "rosa-diaz", "kevin-hart", "--json").stdout)
    assert any("manager" in f for f in explained["forbidden"])
    assert any(status in f for f in explained["forbidden"])
    forced = cli("pair", "kevin-hart", "rosa-diaz", "--force", "--reason", "interim", "--json")
    assert forced.exit_code == 0, forced.stderr
    overridden = folder.load_relationship("kevin-hart--rosa-diaz").match.overridden
    assert any("manager" in o for o in overridden), overridden
    assert any(status in o for o in overridden), overridden


def test_applied_proposal_is_removed_and_a_stale_copy_is_refused_in_two_lines(
    cli: Cli, folder: ProgramFolder, people: dict[str, str]
) -> None:
    assert cli("match").exit_code == 0
    path = folder.root / "proposal.yaml"
    copy = folder.root / "old-proposal.yaml"
    copy.write_text(path.read_text())
    applied = cli("match", "--apply", "--proposal", "proposal.yaml")
    assert applied.exit_code == 0, applied.stderr
    assert len(folder.load_relationships()) == 3
    assert not path.exists()  # applied once: it cannot be applied twice
    assert "Removed proposal.yaml" in applied.stdout
    assert cli("match", "--apply", "--proposal", "proposal.yaml").exit_code == 3
    stale = cli("match", "--apply", "--proposal", "old-proposal.yaml")
    assert stale.exit_code == 4
    lines = stale.stderr.strip().splitlines()
    assert len(lines) <= 2, stale.stderr
    assert "old-proposal.yaml was already applied (3 pairs exist)" in lines[0]
    assert "mentorkit match" in stale.stderr
    assert copy.exists()  # refused, so left alone


def test_applying_a_proposal_given_from_another_directory_removes_that_file(
    cli: Cli, folder: ProgramFolder, people: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert cli("match", "--out", "review/next.yaml").exit_code == 0
    monkeypatch.chdir(folder.root.parent)
    given = Path(folder.root.name) / "review" / "next.yaml"
    applied = cli("-p", folder.root.name, "match", "--apply", "--proposal", str(given),
                  "--json")
    assert applied.exit_code == 0, applied.stderr
    assert json.loads(applied.stdout)["proposal_removed"] == "review/next.yaml"
    assert not (folder.root / "review" / "next.yaml").exists()


def test_a_partly_applied_proposal_names_the_pairs_that_exist(
    cli: Cli, folder: ProgramFolder, people: dict[str, str]
) -> None:
    assert cli("match").exit_code == 0
    assert cli("pair", "eve-stone", "tom-reid").exit_code == 0
    result = cli("match", "--apply", "--proposal", "proposal.yaml")
    assert result.exit_code == 2
    assert "eve-stone--tom-reid" in result.stderr and "already" in result.stderr
    assert "Nothing was applied" in result.stderr
    assert (folder.root / "proposal.yaml").exists()


def test_a_manager_who_names_nobody_stops_matching(
    cli: Cli, folder: ProgramFolder, people: dict[str, str]
) -> None:
    # typed into the file by hand: Ann's manager Dan by name, which names no id or email
    make_person(folder, "Ann Lee", years_experience=3, manager="Dan Ortiz",
                wants_help_with=["wound care"], site="North")
    result = cli("match")
    assert result.exit_code == 2, result.stdout
    assert ("participants/ann-lee.yaml: manager: 'dan ortiz' is neither an enrolled "
            "participant nor an email address") in result.stderr
    assert not (folder.root / "proposal.yaml").exists()


def test_an_exclusion_naming_the_mentee_first_is_refused_not_ignored(
    cli: Cli, folder: ProgramFolder, people: dict[str, str]
) -> None:
    # it excluded tom-reid mentoring eve-stone, a pair that cannot happen, and left Eve
    # free to be proposed to Tom; validate said OK
    _set_matching(folder, exclusions_file="exclusions.csv")
    (folder.root / "exclusions.csv").write_text("mentor,mentee\nTom Reid,eve-stone\n")
    expected = ("exclusions.csv:2: 'Tom Reid' is enrolled as a mentee, not as a mentor; "
                "'eve-stone' is enrolled as a mentor, not as a mentee (each exclusion names "
                "the mentor first, then the mentee)")
    assert expected in [str(p) for p in validate.run(folder).problems]
    result = cli("match")
    assert result.exit_code == 2 and expected in result.stderr


def test_a_program_yaml_exclusion_on_the_wrong_sides_is_refused(
    cli: Cli, folder: ProgramFolder, people: dict[str, str]
) -> None:
    _set_matching(folder, exclusions=[{"mentor": "tom-reid", "mentee": "eve-stone"}])
    expected = ["program.yaml: matching.exclusions.0.mentor: 'tom-reid' is enrolled as a "
                "mentee, not as a mentor",
                "program.yaml: matching.exclusions.0.mentee: 'eve-stone' is enrolled as a "
                "mentor, not as a mentee"]
    assert [str(p) for p in validate.run(folder).problems] == expected
    result = cli("match")
    assert result.exit_code == 2 and all(e in result.stderr for e in expected)
