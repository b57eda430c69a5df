"""`mentorkit events`: add, list, attend, cancel; bad input; `validate`; the report's
Events section and --as-of."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
import yaml

from mentorkit.errors import ExitCode
from mentorkit.store.folder import ProgramFolder
from tests.events_support import ADDED_ON, CIRCLE, WORKSHOP, build, ok

Cli = Callable[..., Any]


@pytest.fixture
def built(folder: ProgramFolder, cli: Cli) -> ProgramFolder:
    build(folder, cli)
    return folder


def listing(cli: Cli, as_of: str) -> dict[str, Any]:
    data = json.loads(ok(cli("events", "list", "--json", "--as-of", as_of)).stdout)
    assert data["kind"] == "events" and data["version"] == 1
    return {e["id"]: e for e in data["events"]}


def test_add_writes_one_file_with_the_invitation_as_chosen(built: ProgramFolder,
                                                          cli: Cli) -> None:
    saved = yaml.safe_load((built.root / "events" / f"{CIRCLE}.yaml").read_text())
    assert saved["kind"] == "event" and saved["id"] == CIRCLE
    assert saved["type"] == "conversation-circle" and saved["minutes"] == 60
    assert saved["invite"]["roles"] == ["mentee"]
    events = listing(cli, ADDED_ON)
    circle, workshop = events[CIRCLE], events[WORKSHOP]
    # mentees, but not Fay (paused people are still invited; withdrawn ones are not)
    assert [p["id"] for p in circle["invited"]] == ["cara", "dev", "eli", "fay", "gus", "hal",
                                                    "ivy"]
    # Nursing (Ana, Cara, Dev, Gus) and the pair hal--gus
    assert [p["id"] for p in workshop["invited"]] == ["ana", "cara", "dev", "gus", "hal"]
    assert workshop["minutes"] == 90 and workshop["start"] == "09:00:00"
    assert circle["state"] == "upcoming"
    assert list(events) == [WORKSHOP, CIRCLE]  # date order


def test_the_listing_shows_each_id_whole_on_its_own_line(built: ProgramFolder,
                                                        cli: Cli) -> None:
    """The id is what `events attend` and `cancel` take: never cut short, whatever the
    width of the terminal."""
    lines = ok(cli("events", "list", "--as-of", ADDED_ON)).stdout.splitlines()
    assert f"  id: {WORKSHOP}" in lines and f"  id: {CIRCLE}" in lines
    assert all(len(line) <= 80 for line in lines if not line.startswith("  where:"))


def test_everyone_is_the_default_and_create_is_the_same_command(built: ProgramFolder,
                                                                cli: Cli) -> None:
    out = ok(cli("events", "create", "Kick-off", "--date", "2026-04-20", "--as-of", ADDED_ON))
    assert "invited: everyone (9 people)" in out.stdout
    assert listing(cli, ADDED_ON)["kick-off-2026-04-20"]["start"] is None  # all day


def test_attendance_by_person_and_by_pair(built: ProgramFolder, cli: Cli) -> None:
    out = ok(cli("events", "attend", WORKSHOP, "hal--gus", "Ana", "cara@example.org",
                 "--as-of", "2026-03-26"))
    assert "Recorded at Goal-setting workshop (2026-03-25): hal, gus, ana, cara" in out.stdout
    assert "4 of 5 invited came" in out.stdout
    saved = yaml.safe_load((built.root / "events" / f"{WORKSHOP}.yaml").read_text())
    assert {"person": "gus", "pair": "hal--gus"} in saved["attended"]
    assert {"person": "hal", "pair": "hal--gus"} in saved["attended"]
    again = ok(cli("events", "attend", WORKSHOP, "ana", "ivy", "--as-of", "2026-03-26"))
    assert "already recorded: ana" in again.stdout
    assert "not on the invitation list, recorded all the same: ivy" in again.stdout
    # Ivy came, but was not invited: she is not one of the invited who came (it said 5 of 5)
    assert "  4 of 5 invited came, and 1 not invited" in again.stdout.splitlines()
    back = ok(cli("events", "attend", WORKSHOP, "ivy", "--remove", "--as-of", "2026-03-26"))
    assert "Took back" in back.stdout
    assert listing(cli, "2026-03-26")[WORKSHOP]["attended"] == ["ana", "cara", "gus", "hal"]


def test_cancel_and_what_a_cancelled_event_refuses(built: ProgramFolder, cli: Cli) -> None:
    ok(cli("events", "cancel", CIRCLE, "--reason", "Room flooded", "--as-of", "2026-04-01"))
    assert listing(cli, "2026-04-02")[CIRCLE]["state"] == "cancelled"
    assert listing(cli, "2026-03-31")[CIRCLE]["state"] == "upcoming"  # not yet cancelled then
    again = cli("events", "cancel", CIRCLE, "--as-of", "2026-04-02")
    assert again.exit_code == ExitCode.CONFLICT and "already cancelled" in again.stderr
    came = cli("events", "attend", CIRCLE, "cara", "--as-of", "2026-04-20")
    assert came.exit_code == ExitCode.CONFLICT and "cancelled" in came.stderr


def test_a_held_event_with_attendance_cannot_be_cancelled(built: ProgramFolder,
                                                          cli: Cli) -> None:
    ok(cli("events", "attend", WORKSHOP, "ana", "--as-of", "2026-03-26"))
    out = cli("events", "cancel", WORKSHOP, "--as-of", "2026-03-26")
    assert out.exit_code == ExitCode.CONFLICT and "--remove" in out.stderr


@pytest.mark.parametrize(("args", "code", "words"), [
    (["--start", "25:00"], ExitCode.INVALID, "start: '25:00' is not a time; write the time"),
    (["--start", "noon"], ExitCode.INVALID, "HH:MM"),
    (["--length", "forever"], ExitCode.INVALID, "minutes"),
    (["--type", "party"], ExitCode.INVALID, "type: must be one of"),
    (["--person", "zed"], ExitCode.NOT_FOUND, "no participant 'zed'"),
    (["--pair", "ana--zed"], ExitCode.NOT_FOUND, "ana--zed"),
    (["--department", "Radiology"], ExitCode.INVALID, "nobody is in department 'Radiology'"),
    (["--role", "boss"], ExitCode.INVALID, "'boss' is not a role"),
    (["--id", "Bad Id"], ExitCode.INVALID, "not a valid id"),
])
def test_bad_input_is_one_or_two_plain_lines_and_writes_nothing(
        built: ProgramFolder, cli: Cli, args: list[str], code: ExitCode, words: str) -> None:
    before = sorted(p.name for p in (built.root / "events").iterdir())
    out = cli("events", "add", "Lunch", "--date", "2026-05-01", *args, "--as-of", ADDED_ON)
    assert out.exit_code == code, out.output
    assert words in out.stderr and out.stderr.startswith("error: ")
    assert len(out.stderr.strip().splitlines()) <= 2 and "Traceback" not in out.stderr
    assert sorted(p.name for p in (built.root / "events").iterdir()) == before


def test_bad_date_is_refused_by_the_option(built: ProgramFolder, cli: Cli) -> None:
    out = cli("events", "add", "Lunch", "--date", "2026-02-30")
    assert out.exit_code == ExitCode.INVALID and out.stderr.startswith("error: ")


def test_the_same_event_twice_is_a_conflict(built: ProgramFolder, cli: Cli) -> None:
    out = cli("events", "add", "Conversation Circle", "--date", "2026-04-15",
              "--as-of", ADDED_ON)
    assert out.exit_code == ExitCode.CONFLICT
    assert f"an event '{CIRCLE}' already exists" in out.stderr and "--id" in out.stderr
    ok(cli("events", "add", "Conversation Circle", "--date", "2026-04-15", "--id",
           "second-circle", "--as-of", ADDED_ON))


def test_a_past_event_is_added_with_a_note(built: ProgramFolder, cli: Cli) -> None:
    out = ok(cli("events", "add", "Welcome", "--date", "2026-01-10", "--as-of", ADDED_ON))
    assert out.stderr.startswith("note: 2026-01-10 is before today (2026-03-20)")
    assert listing(cli, ADDED_ON)["welcome-2026-01-10"]["state"] == "held"


def test_attendance_waits_for_the_day_and_names_must_be_known(built: ProgramFolder,
                                                              cli: Cli) -> None:
    early = cli("events", "attend", CIRCLE, "cara", "--as-of", "2026-04-14")
    assert early.exit_code == ExitCode.INVALID and "after 2026-04-14" in early.stderr
    unknown = cli("events", "attend", WORKSHOP, "ana", "zed", "--as-of", "2026-03-26")
    assert unknown.exit_code == ExitCode.NOT_FOUND and "no participant 'zed'" in unknown.stderr
    assert listing(cli, "2026-03-26")[WORKSHOP]["attended"] == []  # not even Ana
    missing = cli("events", "attend", "no-such-event", "ana", "--as-of", "2026-03-26")
    assert missing.exit_code == ExitCode.NOT_FOUND and "no event 'no-such-event'" in missing.stderr


def test_validate_names_the_file_and_field(built: ProgramFolder, cli: Cli) -> None:
    assert ok(cli("validate"))
    path = built.root / "events" / f"{WORKSHOP}.yaml"
    text = path.read_text().replace("start: 09:00", "start: 9am").replace(
        "- Nursing", "- Nursing\n  people:\n  - zed").replace("  people: []\n", "")
    path.write_text(text)
    out = cli("validate")
    assert out.exit_code == ExitCode.PROBLEMS_FOUND
    assert f"events/{WORKSHOP}.yaml:7: start: '9am' is not a time" in out.stdout + out.stderr
    path.write_text(text.replace("start: 9am", "start: 09:00"))
    out = cli("validate")
    assert f"events/{WORKSHOP}.yaml: invite.people.0: 'zed' is not an enrolled participant" \
        in out.stdout + out.stderr
    (built.root / "events" / "other.yaml").write_text(
        path.read_text().replace(f"id: {WORKSHOP}", "id: other-name"))
    out = cli("validate")
    assert "events/other.yaml: id: is 'other-name', but the file is other.yaml" \
        in out.stdout + out.stderr
    listed = cli("events", "list")
    assert listed.exit_code == ExitCode.INVALID and "events/other.yaml" in listed.stderr


def test_the_report_counts_attendance_as_of_its_day(built: ProgramFolder, cli: Cli) -> None:
    ok(cli("events", "attend", WORKSHOP, "hal--gus", "ana", "--as-of", "2026-03-26"))
    ok(cli("events", "attend", CIRCLE, "cara", "ivy", "--as-of", "2026-04-16"))

    def events(as_of: str) -> dict[str, Any]:
        data = json.loads(ok(cli("report", "--json", "--as-of", as_of)).stdout)
        return data["events"]

    before = events("2026-03-24")
    assert before["held"] == 0 and before["upcoming"] == 2 and before["attended"] == 0
    between = events("2026-04-01")
    assert (between["held"], between["upcoming"], between["invited"], between["attended"]) \
        == (1, 1, 5, 3)
    assert between["pairs_together"] == 1 and between["people_attending"] == 3
    after = events("2026-04-30")
    assert after["held"] == 2 and after["invited"] == 5 + 7 and after["attended"] == 5
    assert after["attendance_rate"] == pytest.approx(5 / 12, abs=1e-4)
    assert [(r["type"], r["held"], r["attended"]) for r in after["by_type"]] == [
        ("conversation-circle", 1, 2), ("workshop", 1, 3)]
    text = ok(cli("report", "--as-of", "2026-04-30")).stdout
    assert "Events" in text and "Conversation circle" in text and "42% (5 came" in text
    nursing = json.loads(ok(cli("report", "--json", "--as-of", "2026-04-30", "--department",
                                "Nursing")).stdout)["events"]
    assert nursing["attended"] == 3  # Gus, Ana, Cara


def test_no_events_no_section(folder: ProgramFolder, cli: Cli) -> None:
    from tests import report_program

    report_program.build(folder)
    assert json.loads(ok(cli("report", "--json")).stdout)["events"] is None
    assert "Events" not in ok(cli("report")).stdout
    assert "No events" in ok(cli("events", "list")).stdout


def test_every_report_format_has_the_events_section(built: ProgramFolder, cli: Cli,
                                                    tmp_path: Any) -> None:
    import openpyxl

    ok(cli("events", "attend", WORKSHOP, "ana", "--as-of", "2026-03-26"))
    for fmt in ("markdown", "html", "xlsx"):
        ok(cli("report", "--as-of", "2026-04-30", "--format", fmt, "--out",
               str(tmp_path / f"r.{fmt}")))
    assert "## Events" in (tmp_path / "r.markdown").read_text()
    assert "Events by kind" in (tmp_path / "r.html").read_text()
    book = openpyxl.load_workbook(tmp_path / "r.xlsx")
    rows = list(book["Events by kind"].iter_rows(values_only=True))
    assert rows[1][:4] == ("Conversation circle", 1, 7, 0)
    assert rows[2][:4] == ("Workshop", 1, 5, 1)
