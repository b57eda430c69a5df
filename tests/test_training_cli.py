"""`mentorkit training record/remove/list`, and the training rule in match, due, report."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from training_support import training_program

from mentorkit.store.folder import ProgramFolder

Cli = Callable[..., Any]


@pytest.fixture
def trained(folder: ProgramFolder) -> ProgramFolder:
    training_program(folder)
    return folder


def ok(result: Any) -> Any:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


def fails(result: Any, code: int, *words: str) -> None:
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert result.stderr.startswith("error: ")
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


def completions(folder: ProgramFolder, person: str) -> dict[str, str]:
    return {c.name: c.date.isoformat() for c in folder.load_participant(person).training}


def test_record_by_email_or_name_and_any_case(cli: Cli, trained: ProgramFolder) -> None:
    ok(cli("training", "record", "dan@example.org", "mentoring 101", "--date", "2026-01-10"))
    ok(cli("training", "record", "Maria Lopez", "getting", "--date", "2026-01-12"))
    assert completions(trained, "dan-ortiz") == {"Mentoring 101": "2026-01-10"}
    assert completions(trained, "maria-lopez") == {"Getting the most from mentoring": "2026-01-12"}


def test_record_again_same_day_is_no_change_other_day_needs_replace(
        cli: Cli, trained: ProgramFolder) -> None:
    ok(cli("training", "record", "dan", "Mentoring 101", "--date", "2026-01-10"))
    again = ok(cli("training", "record", "dan", "Mentoring 101", "--date", "2026-01-10", "--json"))
    assert json.loads(again.stdout)["action"] == "unchanged"
    fails(cli("training", "record", "dan", "Mentoring 101", "--date", "2026-01-11"), 4,
          "already completed Mentoring 101 on 2026-01-10", "--replace")
    assert completions(trained, "dan-ortiz") == {"Mentoring 101": "2026-01-10"}
    changed = ok(cli("training", "record", "dan", "Mentoring 101", "--date", "2026-01-11",
                     "--replace", "--json"))
    assert json.loads(changed.stdout)["previous"] == "2026-01-10"
    assert completions(trained, "dan-ortiz") == {"Mentoring 101": "2026-01-11"}


def test_record_refuses_bad_input_and_writes_nothing(cli: Cli, trained: ProgramFolder) -> None:
    before = (trained.root / "participants" / "dan-ortiz.yaml").read_bytes()
    fails(cli("training", "record", "nobody", "Mentoring 101"), 3, "no participant 'nobody'")
    fails(cli("training", "record", "dan", "Knitting"), 3, "no training 'Knitting'",
          "Mentoring 101")
    fails(cli("training", "record", "dan", "Mentoring 101", "--date", "2099-01-01"), 2,
          "in the future")
    fails(cli("training", "record", "dan", "Mentoring 101", "--date", "2026-02-30"), 2,
          "not a real date")
    assert (trained.root / "participants" / "dan-ortiz.yaml").read_bytes() == before


def test_a_program_without_trainings_says_how_to_add_them(cli: Cli, folder: ProgramFolder
                                                          ) -> None:
    from conftest import make_person

    make_person(folder, "Dan Ortiz", role="mentor")
    fails(cli("training", "record", "dan", "Mentoring 101"), 3, "program.yaml names no training",
          "courses")
    sheet = folder.root / "a.csv"
    sheet.write_text("Email,Training,Date\ndan-ortiz@example.org,Mentoring 101,2026-01-01\n")
    result = cli("training", "import", str(sheet))
    fails(result, 3, "program.yaml names no training")
    assert "row" not in result.stderr


def test_record_for_another_role_is_kept_with_a_note(cli: Cli, trained: ProgramFolder) -> None:
    result = ok(cli("training", "record", "maria", "Mentoring 101", "--date", "2026-01-10"))
    assert "Mentoring 101 is for mentors" in result.stdout


def test_remove_takes_back_a_completion(cli: Cli, trained: ProgramFolder) -> None:
    ok(cli("training", "record", "dan", "Mentoring 101", "--date", "2026-01-10"))
    ok(cli("training", "remove", "dan", "mentoring 101"))
    assert completions(trained, "dan-ortiz") == {}
    fails(cli("training", "remove", "dan", "Mentoring 101"), 3, "no completion")


def test_list_and_as_of(cli: Cli, trained: ProgramFolder) -> None:
    ok(cli("training", "record", "dan", "Mentoring 101", "--date", "2026-03-01"))
    now = json.loads(ok(cli("training", "list", "--json")).stdout)
    assert now["kind"] == "training-status"
    by_id = {p["id"]: p for p in now["people"]}
    assert by_id["dan-ortiz"]["completed"] == {"Mentoring 101": "2026-03-01"}
    assert by_id["eve-stone"]["blocks_matching"] is True
    assert by_id["maria-lopez"]["missing"] == ["Getting the most from mentoring"]
    before = json.loads(ok(cli("training", "list", "--json", "--as-of", "2026-02-28")).stdout)
    dan = next(p for p in before["people"] if p["id"] == "dan-ortiz")
    assert dan["completed"] == {"Mentoring 101": None} and dan["blocks_matching"] is True
    due = json.loads(ok(cli("training", "list", "--due", "--role", "mentor", "--json")).stdout)
    assert [p["id"] for p in due["people"]] == ["eve-stone"]
    shown = ok(cli("training", "list")).stdout
    assert "Eve Stone" in shown and "NOT MATCHED" in shown


def test_matching_holds_back_untrained_mentors_and_says_why(cli: Cli, trained: ProgramFolder
                                                            ) -> None:
    proposal = json.loads(ok(cli("match", "--json")).stdout)
    assert proposal["pairs"] == []
    assert "has not completed the training" in proposal["unmatched"][0]["reason"]
    rooms = {m["mentor"]: m["cannot_match"] for m in proposal["mentors"]}
    assert "has not completed Mentoring 101" in rooms["dan-ortiz"]
    explained = json.loads(ok(cli("match", "explain", "maria", "dan", "--json")).stdout)
    assert any("dan-ortiz has not completed Mentoring 101" in f
               for f in explained["forbidden"])
    ok(cli("training", "record", "eve", "Mentoring 101", "--date", "2026-01-10"))
    proposal = json.loads(ok(cli("match", "--json")).stdout)
    assert [(p["mentor"], p["mentee"]) for p in proposal["pairs"]] == [("eve-stone",
                                                                       "maria-lopez")]
    rooms = {m["mentor"]: m["cannot_match"] for m in proposal["mentors"]}
    assert rooms["eve-stone"] is None and "Mentoring 101" in rooms["dan-ortiz"]


def test_pair_by_hand_names_the_missing_training(cli: Cli, trained: ProgramFolder) -> None:
    result = cli("pair", "dan", "maria")
    assert result.exit_code != 0
    assert "dan-ortiz has not completed Mentoring 101" in result.stderr


def test_validate_names_a_pinned_pair_whose_mentor_is_untrained(cli: Cli,
                                                               trained: ProgramFolder) -> None:
    """A pinned pair `match` would refuse is a problem `validate` names, as it names the
    pinned pairs that break the other hard constraints."""
    from training_support import set_program

    set_program(trained, matching={"pinned": [{"mentor": "dan-ortiz", "mentee": "maria-lopez"}]})
    out = cli("validate")
    assert out.exit_code == 1
    assert ("matching.pinned.0: pinned pair breaks a hard constraint: dan-ortiz has not "
            "completed Mentoring 101") in out.stdout + out.stderr
    ok(cli("training", "record", "dan", "Mentoring 101", "--date", "2026-01-10"))
    ok(cli("validate"))


def test_without_the_rule_untrained_mentors_are_matched(cli: Cli, folder: ProgramFolder
                                                        ) -> None:
    training_program(folder, required=False)
    proposal = json.loads(ok(cli("match", "--json")).stdout)
    assert len(proposal["pairs"]) == 1


def test_due_lists_who_still_needs_training(cli: Cli, trained: ProgramFolder) -> None:
    ok(cli("training", "record", "dan", "Mentoring 101", "--date", "2026-03-01"))
    due = json.loads(ok(cli("due", "--json")).stdout)
    assert [(p["id"], p["missing"], p["blocks_matching"]) for p in due["training"]] == [
        ("eve-stone", ["Mentoring 101"], True),
        ("maria-lopez", ["Getting the most from mentoring"], False),
    ]
    assert due["anything_overdue"] is False  # listed, not overdue
    earlier = json.loads(ok(cli("due", "--json", "--as-of", "2026-02-01")).stdout)
    assert "dan-ortiz" in [p["id"] for p in earlier["training"]]
    assert "not matched until done" in ok(cli("due")).stdout


def test_report_shows_completion_by_role(cli: Cli, trained: ProgramFolder) -> None:
    ok(cli("training", "record", "dan", "Mentoring 101", "--date", "2026-03-01"))
    report = json.loads(ok(cli("report", "--json")).stdout)
    t = report["training"]
    assert {r["role"]: (r["people"], r["completed_all"]) for r in t["by_role"]} == {
        "mentor": (2, 1), "mentee": (1, 0)}
    assert t["mentors_held_back"] == 1
    early = json.loads(ok(cli("report", "--json", "--as-of", "2026-02-01")).stdout)
    assert {r["role"]: r["completed_all"] for r in early["training"]["by_role"]}["mentor"] == 0
    markdown = ok(cli("report", "--format", "markdown")).stdout
    assert "Training" in markdown and "Completion by role" in markdown
    ok(cli("report", "--format", "html", "--out", "report.html"))
    html = (trained.root / "report.html").read_text()
    assert "Completion by training" in html and "Mentoring 101" in html


def test_report_leaves_training_out_when_none_is_asked(cli: Cli, folder: ProgramFolder) -> None:
    report = json.loads(ok(cli("report", "--json")).stdout)
    assert report["training"] is None
    assert "Completion by role" not in ok(cli("report")).stdout
