"""Every `--json` output has the one envelope ({"kind", "version", ...}) and the README
documents it: its kind, version and every top-level field.

The walk finds the commands from the command registry (every command or subcommand that
offers --json), so a new command cannot forget the envelope or its README row: the test
fails until STEPS runs it and README's "JSON output" table names its kind and fields.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorkit.render import to_json_text
from mentorkit.render.envelope import envelope

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
PAIR = "dan-ortiz--maria-lopez"


def json_commands() -> set[str]:
    """Every command path whose options include --json, found by walking the registry."""
    import typer.main

    from mentorkit.cli.app import app

    spec = importlib.util.spec_from_file_location(
        "cli_reference", ROOT / "scripts" / "cli_reference.py")
    assert spec and spec.loader
    reference = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(reference)
    root = typer.main.get_command(app)
    found = set()
    for path in reference.command_paths():
        command: Any = root
        for name in path:
            command = command.get_command(None, name)
        if any("--json" in getattr(p, "opts", ()) for p in command.params):
            found.add(" ".join(path))
    return found


def documented() -> dict[str, tuple[set[str], int, set[str]]]:
    """README's JSON table: kind -> (commands, version, top-level fields)."""
    section = README.split("## JSON output", 1)[1].split("\n## ", 1)[0]
    rows: dict[str, tuple[set[str], int, set[str]]] = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 4 or not cells[1].startswith("`"):
            continue
        commands = {c.removeprefix("mentorkit ") for c in re.findall(r"`([^`]+)`", cells[0])}
        rows[cells[1].strip("`")] = (commands, int(cells[2]), set(re.findall(r"`(\w+)`",
                                                                            cells[3])))
    return rows


def _people_csv(path: Path) -> Path:
    path.write_text(
        "Name,Email,Role,Years of experience,Department,Joined\n"
        "Dan Ortiz,dan@example.org,mentor,12,ICU,2026-01-05\n"
        "Maria Lopez,maria@example.org,mentee,1,ICU,2026-01-05\n"
        "Sam Lee,sam@example.org,mentee,2,ICU,2026-01-05\n"
        "Kim Park,kim@example.org,mentee,1,ICU,2026-01-05\n"
        "Ana Ruiz,ana@example.org,mentor,15,ICU,2026-01-05\n",
        encoding="utf-8",
    )
    return path


def _amended_session(program: Path, out: Path) -> Path:
    text = (program / "relationships" / PAIR / "sessions" / "2026-02-10.yaml").read_text()
    out.write_text(text.replace("duration_minutes: 45", "duration_minutes: 50"))
    return out


def _with_training(program: Path) -> bool:
    """Give the program a training for mentors (training commands need one named)."""
    with (program / "program.yaml").open("a", encoding="utf-8") as f:
        f.write("training:\n  courses:\n  - name: Mentoring 101\n    role: mentor\n")
    return True


def _made(folder: Path) -> Path:
    folder.mkdir()
    return folder


def _attendance(tmp: Path) -> Path:
    path = tmp / "attendance.csv"
    path.write_text("Email,Date\nana@example.org,2026-01-12\n", encoding="utf-8")
    return path


@dataclass
class Step:
    """One command run with --json: `args` is a list, or a callable of (tmp, program)."""

    command: str
    args: list[str] | Callable[[Path, Path], list[str]]


# In order, on one small program (program_dir: Test Program from 2026-01-05).
STEPS = [
    Step("init", lambda t, _: ["init", str(t / "other"), "--name", "Other",
                               "--start-date", "2026-01-05", "--no-interactive"]),
    Step("import", lambda t, _: ["import", str(_people_csv(t / "people.csv"))]),
    Step("add", ["add", "Lee Kim", "--email", "lee@example.org", "--role", "mentee",
                 "--years", "3", "--department", "ICU", "--no-interactive"]),
    Step("participants list", ["participants", "list"]),
    Step("participants show", ["participants", "show", "dan-ortiz"]),
    Step("participants edit", ["participants", "edit", "dan-ortiz", "--site", "North"]),
    Step("match", ["match"]),
    Step("match suggest", ["match", "suggest", "maria-lopez"]),
    Step("match explain", ["match", "explain", "maria-lopez", "dan-ortiz"]),
    Step("pair", ["pair", "dan-ortiz", "maria-lopez", "--date", "2026-01-20"]),
    Step("request", ["request", "sam-lee", "ana-ruiz", "--date", "2026-01-21"]),
    Step("accept", ["accept", "ana-ruiz--sam-lee", "--date", "2026-01-22"]),
    Step("request", ["request", "kim-park", "ana-ruiz", "--date", "2026-01-21"]),
    Step("decline", ["decline", "ana-ruiz--kim-park", "--reason", "Full this term",
                     "--date", "2026-01-23"]),
    Step("unpair", ["unpair", "ana-ruiz--sam-lee"]),
    Step("start", ["start", PAIR, "--date", "2026-02-01"]),
    Step("needs-analysis", ["needs-analysis", PAIR, "--wants", "Lead a huddle",
                            "--date", "2026-02-01", "--no-interactive"]),
    Step("goals", ["goals", PAIR, "--goal", "Run the huddle alone|3 huddles",
                   "--no-interactive"]),
    Step("action-plan", ["action-plan", PAIR, "--action", "Shadow the charge nurse|2026-03-01|g1",
                         "--no-interactive"]),
    Step("log-session", ["log-session", PAIR, "--date", "2026-02-10", "--duration", "45",
                         "--progress", "g1|in-progress|30", "--next", "2026-03-10",
                         "--next-time", "15:30", "--no-interactive"]),
    Step("amend-session", lambda t, p: ["amend-session", PAIR, "2026-02-10", "--from",
                                        str(_amended_session(p, t / "session.yaml")),
                                        "--reason", "It lasted 50 minutes"]),
    Step("show", ["show", PAIR, "--as-of", "2026-02-11"]),
    Step("partnership", ["partnership", PAIR, "--idea", "Co-present at grand rounds",
                         "--no-interactive"]),
    Step("remove-form", ["remove-form", PAIR, "partnership-ideas", "--reason", "Filed early"]),
    Step("evaluate", ["evaluate", PAIR, "--as", "mentee", "--date", "2026-03-20",
                      "--match-worked", "5", "--recommend", "9", "--no-interactive"]),
    Step("close", ["close", PAIR, "--reason", "Goals met", "--date", "2026-03-21",
                   "--missing-reason", "Mentor away", "--no-interactive"]),
    Step("certificate", lambda t, _: ["certificate", PAIR, "--out", str(_made(t / "certs")),
                                       "--as-of", "2026-03-21"]),
    Step("reopen", ["reopen", PAIR, "--reason", "One more goal", "--date", "2026-03-22"]),
    Step("forms list", ["forms", "list"]),
    Step("forms copy", lambda t, _: ["forms", "copy", "goals", str(t)]),
    Step("forms questions", ["forms", "questions", "session"]),
    Step("forms workbook", lambda t, _: ["forms", "workbook", PAIR, "--out",
                                         str(t / "pair.xlsx")]),
    Step("collect", lambda t, _: ["collect", str(t / "pair.xlsx"), "--dry-run"]),
    Step("report", ["report", "--as-of", "2026-04-01"]),
    Step("report", ["report", "--pair", PAIR, "--as-of", "2026-04-01"]),
    Step("due", ["due", "--as-of", "2026-04-01"]),
    Step("calendar", lambda t, _: ["calendar", "--out", str(t / "meetings.ics"),
                                   "--include-past"]),
    Step("events add", ["events", "add", "Circle", "--date", "2026-03-10", "--as-of",
                        "2026-03-01"]),
    Step("events add", ["events", "add", "Workshop", "--date", "2026-03-12", "--as-of",
                        "2026-03-01"]),
    Step("events attend", ["events", "attend", "circle-2026-03-10", PAIR, "--as-of",
                           "2026-03-11"]),
    Step("events cancel", ["events", "cancel", "workshop-2026-03-12", "--as-of",
                           "2026-03-11"]),
    Step("events list", ["events", "list", "--as-of", "2026-03-11"]),
    Step("notify", ["notify", "--as-of", "2026-03-05"]),
    Step("notify", ["notify", "--preview", "introduction", PAIR]),
    Step("training record", lambda _, p: ["training", "record", "dan-ortiz", "Mentoring 101",
                                           "--date", "2026-01-10"] if _with_training(p) else []),
    Step("training import", lambda t, _: ["training", "import", str(_attendance(t)),
                                           "--training", "Mentoring 101", "--dry-run"]),
    Step("training list", ["training", "list", "--as-of", "2026-04-01"]),
    Step("training remove", ["training", "remove", "dan-ortiz", "Mentoring 101"]),
    Step("validate", ["validate"]),
    Step("outcomes show", ["outcomes", "show"]),
    Step("outcomes import", lambda t, _: ["outcomes", "import", _roster(t), "--dry-run"]),
    Step("schema", ["schema"]),
    Step("participants remove", ["participants", "remove", "lee-kim", "--yes"]),
]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, dict[str, Any]]]:
    """Every step's parsed --json output (one program, run once for the module)."""
    import datetime as dt

    from typer.testing import CliRunner

    from mentorkit.cli.app import app
    from mentorkit.services.enrolment.program import create_program

    tmp = tmp_path_factory.mktemp("envelope")
    program = tmp / "program"
    create_program(program, {"name": "Test Program", "start_date": dt.date(2026, 1, 5)}, None)
    runner = CliRunner()
    done: list[tuple[str, dict[str, Any]]] = []
    env = {"MENTORKIT_PROGRAM": str(program), "TZ": "UTC"}
    for step in STEPS:
        args = step.args(tmp, program) if callable(step.args) else step.args
        result = runner.invoke(app, [*args, "--json"], env=env)
        assert result.exit_code == 0, f"{args}\n{result.stdout}\n{result.stderr}"
        done.append((step.command, json.loads(result.stdout)))
    return done


def _roster(tmp: Path) -> str:
    """An HR roster export for `outcomes import`."""
    path = tmp / "hr-roster.csv"
    path.write_text("Work Email,Hire Date,Termination Date\nmaria-lopez@example.org,"
                    "2025-06-02,\n", encoding="utf-8")
    return str(path)


def test_every_json_command_is_walked() -> None:
    """A command that offers --json and is not in STEPS fails here: add it."""
    assert json_commands() == {step.command for step in STEPS}


def test_every_output_has_the_envelope_first(outputs: list[tuple[str, dict[str, Any]]]) -> None:
    for command, data in outputs:
        assert isinstance(data, dict), command
        assert list(data)[:2] == ["kind", "version"], command
        assert isinstance(data["kind"], str) and re.fullmatch(r"[a-z]+(-[a-z]+)*", data["kind"])
        assert isinstance(data["version"], int) and data["version"] >= 1, command


def test_readme_documents_every_kind_its_commands_version_and_fields(
    outputs: list[tuple[str, dict[str, Any]]],
) -> None:
    table = documented()
    for command, data in outputs:
        kind = data["kind"]
        assert kind in table, f"README's JSON output table has no row for {kind!r} ({command})"
        commands, version, fields = table[kind]
        assert command in commands, f"README: {kind!r} row does not name `{command}`"
        assert version == data["version"], kind
        missing = set(data) - {"kind", "version"} - fields
        assert not missing, f"README: {kind!r} row leaves out top-level fields {missing}"


def test_report_keeps_report_version(outputs: list[tuple[str, dict[str, Any]]]) -> None:
    """Fields are only added within a version: the report's own report_version stays."""
    reports = [d for c, d in outputs if d["kind"] in {"program-report", "pair-report", "due",
                                                       "calendar"}]
    assert len(reports) == 4
    assert all(d["report_version"] == d["version"] == 1 for d in reports)


def test_lists_are_objects_named_by_their_kind(outputs: list[tuple[str, dict[str, Any]]]) -> None:
    by_kind = {d["kind"]: d for _, d in outputs}
    people = by_kind["participants"]
    assert {p["id"] for p in people["participants"]} >= {"dan-ortiz", "maria-lopez"}
    assert people["total"] == people["shown"] == 6
    assert [f["name"] for f in by_kind["forms"]["forms"]][:1] == ["needs-analysis"]


# -- the envelope function itself ------------------------------------------------------
@dataclass
class _Counted:
    JSON_KIND: ClassVar[str] = "counted"
    n: int

    def to_json(self) -> dict[str, Any]:
        return {"n": self.n}


@dataclass
class _Bumped(_Counted):
    JSON_VERSION: ClassVar[int] = 2


class _NoKind:
    def to_json(self) -> dict[str, Any]:
        return {"n": 1}


@dataclass
class _SetsKind(_Counted):
    def to_json(self) -> dict[str, Any]:
        return {"kind": "mine", "n": self.n}


def test_envelope_puts_kind_and_version_before_the_fields() -> None:
    assert envelope(_Counted(3)) == {"kind": "counted", "version": 1, "n": 3}
    assert list(json.loads(to_json_text(_Bumped(3)))) == ["kind", "version", "n"]
    assert envelope(_Bumped(3))["version"] == 2


def test_a_result_without_a_kind_or_that_sets_its_own_is_refused() -> None:
    with pytest.raises(TypeError, match="_NoKind has no JSON_KIND"):
        envelope(_NoKind())
    with pytest.raises(TypeError, match="sets kind"):
        envelope(_SetsKind(1))


def test_readme_json_examples_parse_and_are_documented() -> None:
    section = README.split("## JSON output", 1)[1].split("\n## ", 1)[0]
    examples = [json.loads(block) for block in
                re.findall(r"^```json\n(.*?)^```", section, flags=re.MULTILINE | re.DOTALL)]
    table = documented()
    assert len(examples) >= 8
    for example in examples:
        assert list(example)[:2] == ["kind", "version"]
        _, version, fields = table[example["kind"]]
        assert example["version"] == version
        assert set(example) - {"kind", "version"} <= fields, example["kind"]


_JSON_LEAVES = (st.none() | st.booleans() | st.integers(min_value=-10**30, max_value=10**30)
                | st.floats(allow_nan=False) | st.text())
_JSON_DATA = st.recursive(
    _JSON_LEAVES,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=30,
)


@dataclass
class _Anything:
    JSON_KIND: ClassVar[str] = "anything"
    data: Any

    def to_json(self) -> dict[str, Any]:
        return {"data": self.data}


@settings(max_examples=300, deadline=None)
@given(_JSON_DATA)
def test_json_text_is_the_standard_librarys(data: Any) -> None:
    """`--json` is written by pydantic-core's encoder for speed: the same values as
    `json.dumps(indent=2, ensure_ascii=False)` would write, and the same text wherever
    no float is spelt differently (1e-05 is written 0.00001)."""
    text = to_json_text(_Anything(data))
    expected = json.dumps(envelope(_Anything(data)), indent=2, ensure_ascii=False) + "\n"
    assert json.loads(text) == json.loads(expected)
    if not any("e" in repr(f) for f in _floats(data)):
        assert text == expected


def _floats(value: Any) -> list[float]:
    if isinstance(value, float):
        return [value]
    inner = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    return [f for item in inner for f in _floats(item)]


def test_json_text_of_text_that_is_not_utf8_is_still_written() -> None:
    """A lone surrogate (an undecodable file name kept by surrogateescape) cannot be
    UTF-8: the standard library's encoder writes it as before, rather than failing."""
    text = to_json_text(_Anything("caf\udce9"))
    assert json.loads(text)["data"] == "caf\udce9"
