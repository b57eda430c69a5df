"""Cohorts: `init NEW --next-from OLD` starts the next round, past pairs are never
matched again across rounds, and `report --compare` puts rounds side by side."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from mentorkit.errors import ExitCode
from mentorkit.store.folder import ProgramFolder
from mentorkit.store.transaction import is_temp_name
from tests.conftest import make_person

Cli = Callable[..., Any]


def ok(result: Any) -> Any:
    assert result.exit_code == 0, result.stderr
    return result


def first_round(root: Path, cli: Cli) -> ProgramFolder:
    """Ward Mentoring 2026: two mentors, three mentees, Dan with Ann and Eve with Bo."""
    ok(cli("init", str(root), "--name", "Ward Mentoring 2026", "--start-date", "2026-01-05",
           "--no-interactive"))
    folder = ProgramFolder(root)
    for name, years in (("Dan Ortiz", 14), ("Eve Stone", 9)):
        make_person(folder, name, role="mentor", years_experience=years, capacity=2,
                    can_help_with=["wound care"], department="ICU")
    for name, years in (("Ann Lee", 1), ("Bo Chen", 2)):
        make_person(folder, name, years_experience=years, wants_help_with=["wound care"],
                    department="ICU")
    make_person(folder, "Cy Paused", years_experience=1, status="paused", seeking=True)
    make_person(folder, "Wes Gone", years_experience=1, status="withdrawn")
    make_person(folder, "Val Leaving", years_experience=1)
    ok(cli("--program", str(root), "pair", "dan-ortiz", "ann-lee", "--date", "2026-01-10"))
    ok(cli("--program", str(root), "pair", "eve-stone", "bo-chen", "--date", "2026-01-10"))
    return folder


def past_pairs(root: Path) -> list[dict[str, Any]]:
    data: dict[str, Any] = yaml.safe_load((root / "past-pairs.yaml").read_text())
    return list(data["pairs"])


def test_next_round_carries_settings_and_people_not_pairs(tmp_path: Path, cli: Cli) -> None:
    r1, r2 = tmp_path / "2026", tmp_path / "2027"
    first_round(r1, cli)
    # a comment the coordinator wrote is kept beside its key
    text = (r1 / "program.yaml").read_text().replace(
        "cadence: monthly", "cadence: monthly  # the ward asked for monthly")
    (r1 / "program.yaml").write_text(text)

    out = ok(cli("init", str(r2), "--next-from", str(r1), "--start-date", "2027-01-11",
                 "--without", "Val Leaving", "--no-interactive", "--json"))
    data = json.loads(out.stdout)
    assert data["kind"] == "next-round"
    assert data["program"]["name"] == "Ward Mentoring 2027"  # the year moved on
    assert data["dates_shifted_days"] == (dt.date(2027, 1, 11) - dt.date(2026, 1, 5)).days
    assert data["carried"] == ["ann-lee", "bo-chen", "cy-paused", "dan-ortiz", "eve-stone"]
    assert {d["id"]: d["why"] for d in data["left"]} == {
        "val-leaving": "named with --without", "wes-gone": "withdrawn"}

    program = yaml.safe_load((r2 / "program.yaml").read_text())
    assert program["start_date"] == dt.date(2027, 1, 11)
    assert program["cadence"] == "monthly"
    assert "# the ward asked for monthly" in (r2 / "program.yaml").read_text()
    paused = yaml.safe_load((r2 / "participants" / "cy-paused.yaml").read_text())
    assert paused["status"] == "active" and not paused.get("seeking")  # reset
    dan = yaml.safe_load((r2 / "participants" / "dan-ortiz.yaml").read_text())
    assert dan["can_help_with"] == ["wound care"] and dan["capacity"] == 2  # profile kept
    assert list((r2 / "relationships").iterdir()) == []
    assert [(p["mentor"], p["mentee"], p["program"]) for p in past_pairs(r2)] == [
        ("dan-ortiz", "ann-lee", "Ward Mentoring 2026"),
        ("eve-stone", "bo-chen", "Ward Mentoring 2026")]
    # the old round is history: untouched
    assert (r1 / "participants" / "val-leaving.yaml").exists()
    assert ok(cli("--program", str(r2), "validate")).stdout.startswith("OK")


def test_a_pair_from_round_one_is_never_proposed_in_round_three(
    tmp_path: Path, cli: Cli
) -> None:
    r1, r2, r3 = tmp_path / "r1", tmp_path / "r2", tmp_path / "r3"
    first_round(r1, cli)
    ok(cli("init", str(r2), "--next-from", str(r1), "--name", "Ward Mentoring 2026 autumn",
           "--no-interactive"))
    # round 2 (start: the day round 1 ended) swaps the mentors
    assert yaml.safe_load((r2 / "program.yaml").read_text())["start_date"] == dt.date(2026, 7, 5)
    ok(cli("--program", str(r2), "pair", "eve-stone", "ann-lee"))
    ok(cli("init", str(r3), "--next-from", str(r2), "--name", "Ward Mentoring 2027 spring",
           "--no-interactive"))
    assert [(p["mentor"], p["mentee"], p["program"]) for p in past_pairs(r3)] == [
        ("dan-ortiz", "ann-lee", "Ward Mentoring 2026"),
        ("eve-stone", "bo-chen", "Ward Mentoring 2026"),
        ("eve-stone", "ann-lee", "Ward Mentoring 2026 autumn"),
    ]

    proposal = json.loads(ok(cli("--program", str(r3), "match", "--json")).stdout)
    proposed = {(p["mentor"], p["mentee"]) for p in proposal["pairs"]}
    assert ("dan-ortiz", "ann-lee") not in proposed  # round 1
    assert ("eve-stone", "ann-lee") not in proposed  # round 2
    assert ("dan-ortiz", "bo-chen") in proposed  # new to each other
    # Ann has met both mentors: she stays unmatched, and the reason says why
    why = {u["mentee"]: u["reason"] for u in proposal["unmatched"]}
    assert "in an earlier round" in why["ann-lee"]

    refused = cli("--program", str(r3), "pair", "dan-ortiz", "ann-lee")
    assert refused.exit_code == ExitCode.CONFLICT
    assert "were paired in Ward Mentoring 2026" in refused.stderr
    assert "--force --reason" in refused.stderr
    asked = cli("--program", str(r3), "request", "ann-lee", "dan-ortiz")
    assert asked.exit_code == ExitCode.CONFLICT
    assert "paired in Ward Mentoring 2026" in asked.stderr
    explained = ok(cli("--program", str(r3), "match", "explain", "ann-lee", "dan-ortiz",
                       "--json"))
    assert any("Ward Mentoring 2026" in f for f in json.loads(explained.stdout)["forbidden"])
    # the way out the coordinator already has for a hard constraint
    forced = ok(cli("--program", str(r3), "pair", "dan-ortiz", "ann-lee", "--force",
                    "--reason", "Ann asked to continue with Dan"))
    assert "Override recorded: Ann asked to continue with Dan" in forced.stdout


def test_past_pair_found_by_email_when_the_id_changed(tmp_path: Path, cli: Cli) -> None:
    r1, r2 = tmp_path / "r1", tmp_path / "r2"
    first_round(r1, cli)
    ok(cli("init", str(r2), "--next-from", str(r1), "--name", "Next", "--no-interactive"))
    folder = ProgramFolder(r2)
    # Ann left and enrolled again: a new id, the same email
    ann = (r2 / "participants" / "ann-lee.yaml")
    (r2 / "participants" / "ann-lee-2.yaml").write_text(ann.read_text())
    ann.unlink()
    assert folder.participant_ids().count("ann-lee-2") == 1
    refused = cli("--program", str(r2), "pair", "dan-ortiz", "ann-lee-2")
    assert refused.exit_code == ExitCode.CONFLICT
    assert "were paired in Ward Mentoring 2026" in refused.stderr


def test_people_who_do_not_continue_leave_no_dangling_reference(
    tmp_path: Path, cli: Cli
) -> None:
    r1, r2 = tmp_path / "r1", tmp_path / "r2"
    folder = first_round(r1, cli)
    make_person(folder, "Mo Boss", role="mentor", years_experience=20, status="withdrawn")
    make_person(folder, "Ida Report", years_experience=1, manager="mo-boss",
                preferred_mentors=["mo-boss", "dan-ortiz"])
    program = (r1 / "program.yaml").read_text().replace(
        "exclusions: []", "exclusions:\n  - {mentor: mo-boss, mentee: ann-lee}\n"
        "  - {mentor: eve-stone, mentee: ann-lee}")
    (r1 / "program.yaml").write_text(program.replace(
        "  pinned: []", "  exclusions_file: never.csv\n  pinned: []"))
    (r1 / "never.csv").write_text("mentor,mentee,reason\nmo-boss,bo-chen,family\n"
                                  "dan-ortiz,bo-chen,same household\n")
    ok(cli("--program", str(r1), "validate"))

    out = json.loads(ok(cli("init", str(r2), "--next-from", str(r1), "--name", "Next",
                            "--no-interactive", "--json")).stdout)
    ida = yaml.safe_load((r2 / "participants" / "ida-report.yaml").read_text())
    assert ida["manager"] == "mo-boss@example.org"  # the rule still holds, by email
    assert ida["preferred_mentors"] == ["dan-ortiz"]
    program = yaml.safe_load((r2 / "program.yaml").read_text())
    assert program["matching"]["exclusions"] == [{"mentor": "eve-stone", "mentee": "ann-lee"}]
    assert (r2 / "never.csv").read_text().splitlines() == [
        "mentor,mentee,reason", "# does not continue: mo-boss,bo-chen,family",
        "dan-ortiz,bo-chen,same household"]
    assert len(out["notes"]) == 3
    ok(cli("--program", str(r2), "validate"))
    ok(cli("--program", str(r2), "match"))


def test_next_round_bad_input(tmp_path: Path, cli: Cli) -> None:
    r1 = tmp_path / "r1"
    first_round(r1, cli)
    not_a_program = tmp_path / "nothing"
    not_a_program.mkdir()
    result = cli("init", str(tmp_path / "r2"), "--next-from", str(not_a_program),
                 "--no-interactive")
    assert result.exit_code == ExitCode.NOT_FOUND
    assert "not a mentorkit program" in result.stderr

    result = cli("init", str(r1), "--next-from", str(r1), "--no-interactive")
    assert result.exit_code != 0 and "Traceback" not in result.stderr

    ok(cli("init", str(tmp_path / "taken"), "--name", "Taken", "--no-interactive"))
    result = cli("init", str(tmp_path / "taken"), "--next-from", str(r1), "--no-interactive")
    assert result.exit_code == ExitCode.CONFLICT
    assert "already exists" in result.stderr
    assert yaml.safe_load((tmp_path / "taken" / "program.yaml").read_text())["name"] == "Taken"

    # the same year: no name to derive, and the old name is refused
    same_year = ["--start-date", "2026-08-01", "--no-interactive"]
    result = cli("init", str(tmp_path / "r2"), "--next-from", str(r1), *same_year)
    assert result.exit_code == ExitCode.INVALID and "--name" in result.stderr
    result = cli("init", str(tmp_path / "r2"), "--next-from", str(r1), *same_year,
                 "--name", "ward mentoring 2026")
    assert result.exit_code == ExitCode.INVALID and "share the name" in result.stderr

    result = cli("init", str(tmp_path / "r2"), "--next-from", str(r1), "--without", "Nobody",
                 "--name", "Next", "--no-interactive")
    assert result.exit_code == ExitCode.NOT_FOUND and "nobody" in result.stderr.lower()
    result = cli("init", str(tmp_path / "r2"), "--next-from", str(r1), "--cadence", "weekly",
                 "--name", "Next", "--no-interactive")
    assert result.exit_code == ExitCode.INVALID and "--cadence" in result.stderr
    result = cli("init", str(tmp_path / "r3"), "--without", "Ann Lee", "--no-interactive")
    assert result.exit_code == ExitCode.INVALID
    assert not (tmp_path / "r2" / "program.yaml").exists()
    assert not (tmp_path / "r3" / "program.yaml").exists()


def test_next_round_prompts_for_name_and_start(tmp_path: Path, cli: Cli) -> None:
    r1, r2 = tmp_path / "r1", tmp_path / "r2"
    first_round(r1, cli)
    # Enter takes the defaults: the old end date, then the name with the year moved on
    out = ok(cli("init", str(r2), "--next-from", str(r1), "--interactive",
                 input="2027-02-01\n\n"))
    assert "Ward Mentoring 2027" in out.stdout
    program = yaml.safe_load((r2 / "program.yaml").read_text())
    assert program["start_date"] == dt.date(2027, 2, 1)
    assert program["name"] == "Ward Mentoring 2027"


def test_next_round_is_written_whole_or_not_at_all(
    tmp_path: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mentorkit.services.programs.next_round import next_round
    from mentorkit.store import atomic

    r1, r2 = tmp_path / "r1", tmp_path / "r2"
    first_round(r1, cli)
    real = atomic.write_new
    calls = []

    def failing(path: Path, text: str, **kwargs: Any) -> None:
        calls.append(path)
        if len(calls) == 4:
            raise OSError(28, "No space left on device", str(path))
        real(path, text, **kwargs)

    monkeypatch.setattr(atomic, "write_new", failing)
    with pytest.raises(OSError):
        next_round(r2, r1, name="Next")
    left = [p for p in r2.rglob("*") if p.is_file()]
    assert [p for p in left if p.name != "lock"] == []  # no program, no person, no temp
    monkeypatch.setattr(atomic, "write_new", real)
    ok(cli("init", str(r2), "--next-from", str(r1), "--name", "Next", "--no-interactive"))
    assert not [p for p in r2.rglob("*") if is_temp_name(p.name)]
    assert len(list((r2 / "participants").iterdir())) == 6


# -- report --compare ------------------------------------------------------------------------
@pytest.fixture
def rounds(tmp_path: Path, cli: Cli) -> tuple[Path, Path]:
    r1, r2 = tmp_path / "r1", tmp_path / "r2"
    first_round(r1, cli)
    ok(cli("--program", str(r1), "log-session", "dan-ortiz--ann-lee", "--date", "2026-01-20",
           "--duration", "60", "--no-interactive"))
    ok(cli("init", str(r2), "--next-from", str(r1), "--name", "Ward Mentoring 2027",
           "--no-interactive"))
    ok(cli("--program", str(r2), "pair", "dan-ortiz", "bo-chen", "--date", "2026-07-10"))
    return r1, r2


AS_OF = "2026-08-01"


def _own_report(cli: Cli, root: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(ok(cli("--program", str(root), "report", "--json",
                                             "--as-of", AS_OF)).stdout)
    return data


def test_compare_json_has_each_rounds_own_figures(rounds: tuple[Path, Path], cli: Cli) -> None:
    r1, r2 = rounds
    # asked from round 2: the columns still run oldest first
    data = json.loads(ok(cli("--program", str(r2), "report", "--compare", str(r1), "--json",
                             "--as-of", AS_OF)).stdout)
    assert data["kind"] == "program-comparison" and data["report_version"] == 1
    assert [r["program"] for r in data["rounds"]] == ["Ward Mentoring 2026",
                                                      "Ward Mentoring 2027"]
    assert [r["stage"] for r in data["rounds"]] == ["ended", "running"]
    for figures, root in zip(data["rounds"], (r1, r2), strict=True):
        alone = _own_report(cli, root)
        assert figures["participants"] == alone["enrolment"]["participants"]
        assert figures["match_rate"] == alone["enrolment"]["match_rate"]
        assert figures["met_rate"] == alone["enrolment"]["met_rate"]
        assert figures["sessions_held"] == alone["engagement"]["sessions_held"]
        assert figures["sessions_expected"] == alone["engagement"]["sessions_expected"]
        assert figures["hours"] == alone["engagement"]["hours"]
        assert figures["pairs"] == len(alone["engagement"]["pairs"])
    assert data["rounds"][0]["sessions_held"] == 1 and data["rounds"][0]["hours"] == 1
    assert data["rounds"][0]["pairs"] == 2 and data["rounds"][1]["pairs"] == 1
    assert data["rounds"][0]["participants"] == 7 and data["rounds"][1]["participants"] == 6


class _Cells(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._in = False

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag == "tr":
            self.rows.append([])
        self._in = tag in ("td", "th")

    def handle_endtag(self, tag: str) -> None:
        self._in = False

    def handle_data(self, data: str) -> None:
        if self._in and self.rows:
            self.rows[-1].append(data)


def test_compare_in_every_format(rounds: tuple[Path, Path], cli: Cli, tmp_path: Path) -> None:
    r1, r2 = rounds
    base = ["--program", str(r1), "report", "--compare", str(r2), "--as-of", AS_OF]

    terminal = ok(cli(*base)).stdout
    assert "Ward Mentoring 2026" in terminal and "Ward Mentoring 2027" in terminal
    assert "sessions held" in terminal

    md = ok(cli(*base, "--format", "markdown")).stdout
    assert "| figure | Ward Mentoring 2026 | Ward Mentoring 2027 |" in md
    assert "| sessions held | 1 | 0 |" in md
    assert "| paired (mentees in a pair) | 67% (2 of 3) | 25% (1 of 4) |" in md

    ok(cli(*base, "--format", "html", "--out", str(tmp_path / "c.html")))
    parser = _Cells()
    parser.feed((tmp_path / "c.html").read_text())
    table = {row[0]: row[1:] for row in parser.rows if row}
    assert table["figure"] == ["Ward Mentoring 2026", "Ward Mentoring 2027"]
    assert table["pairs"] == ["2", "1"]
    assert table["stage on the day"] == ["ended", "running"]

    text = ok(cli(*base, "--format", "csv")).stdout.lstrip("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["program"] for r in rows] == ["Ward Mentoring 2026", "Ward Mentoring 2027"]
    assert [r["sessions_held"] for r in rows] == ["1", "0"]
    assert {r["as_of"] for r in rows} == {AS_OF}

    from openpyxl import load_workbook

    ok(cli(*base, "--format", "xlsx", "--out", str(tmp_path / "c.xlsx")))
    book = load_workbook(tmp_path / "c.xlsx")
    sheet = book["Headline figures"]
    values = {row[0]: row[1:] for row in sheet.iter_rows(values_only=True)}
    assert values["figure"] == ("Ward Mentoring 2026", "Ward Mentoring 2027")
    assert values["sessions held"] == (1, 0)  # numbers stay numbers
    assert values["paired (mentees in a pair)"] == pytest.approx((2 / 3, 1 / 4))  # shares
    assert values["start"][0].date() == dt.date(2026, 1, 5)


def test_compare_bad_input(rounds: tuple[Path, Path], cli: Cli, tmp_path: Path) -> None:
    r1, r2 = rounds
    base = ["--program", str(r1), "report"]
    result = cli(*base, "--compare", str(tmp_path))
    assert result.exit_code == ExitCode.NOT_FOUND and "not a mentorkit program" in result.stderr
    result = cli(*base, "--compare", str(r1))
    assert result.exit_code == ExitCode.INVALID and "given twice" in result.stderr
    result = cli(*base, "--compare", str(r2), "--since", "2026-01-01")
    assert result.exit_code == ExitCode.INVALID and "--as-of" in result.stderr
    result = cli(*base, "--compare", str(r2), "--department", "Oncology")
    assert result.exit_code == ExitCode.NOT_FOUND and "Ward Mentoring 2026" in result.stderr
    (r2 / "participants" / "ann-lee.yaml").write_text("kind: participant\nname: [\n")
    result = cli(*base, "--compare", str(r2))
    assert result.exit_code != 0 and "Ward Mentoring 2027" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_broken_past_pairs_file_is_named_not_ignored(tmp_path: Path, cli: Cli) -> None:
    r1, r2 = tmp_path / "r1", tmp_path / "r2"
    first_round(r1, cli)
    ok(cli("init", str(r2), "--next-from", str(r1), "--name", "Next", "--no-interactive"))
    path = r2 / "past-pairs.yaml"
    path.write_text(path.read_text().replace("mentee_email: ann-lee@example.org",
                                             "mentee_email: not-an-email"))
    for command in (["match"], ["validate"], ["pair", "dan-ortiz", "ann-lee"]):
        result = cli("--program", str(r2), *command)
        assert result.exit_code in (ExitCode.INVALID, ExitCode.PROBLEMS_FOUND), command
        assert "past-pairs.yaml" in (result.stderr + result.stdout), command
        assert "mentee_email" in (result.stderr + result.stdout), command
        assert "Traceback" not in result.stderr
    assert not (r2 / "relationships" / "dan-ortiz--ann-lee").exists()


def test_past_pairs_has_an_editor_schema(tmp_path: Path, cli: Cli,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A coordinator who edits past-pairs.yaml by hand gets it checked in the editor, by
    the same rules `validate` applies."""
    from jsonschema import Draft202012Validator

    r1, r2 = tmp_path / "2026", tmp_path / "2027"
    first_round(r1, cli)
    ok(cli("init", str(r2), "--next-from", str(r1), "--start-date", "2027-01-11",
           "--no-interactive"))
    monkeypatch.chdir(r2)
    ok(cli("schema"))
    settings = json.loads((r2 / ".vscode" / "settings.json").read_text())
    assert settings["yaml.schemas"]["./schemas/past-pairs.schema.json"] == ["past-pairs.yaml"]
    validator = Draft202012Validator(
        json.loads((r2 / "schemas" / "past-pairs.schema.json").read_text()))
    data = json.loads(json.dumps(yaml.safe_load((r2 / "past-pairs.yaml").read_text()),
                                 default=str))  # dates as the editor sees them: text
    assert list(validator.iter_errors(data)) == []
    data["pairs"][0].pop("mentor")
    assert [e.message for e in validator.iter_errors(data)] == ["'mentor' is a required property"]
