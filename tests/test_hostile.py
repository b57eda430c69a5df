"""Hypothesis: hostile files end in a clean error, never a traceback.

Random bytes, random YAML documents, wrong types and unknown fields in participant,
relationship and program files; random sign-up sheets for `import`.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from mentorkit.cli.app import app
from mentorkit.services.enrolment.program import create_program

HOSTILE = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

PERSON: dict[str, Any] = {
    "schema_version": 1,
    "kind": "participant",
    "name": "Ann Smith",
    "email": "ann@example.org",
    "role": "mentor",
    "department": "ICU",
    "years_experience": 12,
    "manager": "boss@example.org",
    "can_help_with": ["Leadership"],
    "meeting_modes": ["video"],
    "capacity": 2,
    "status": "active",
    "joined": dt.date(2026, 1, 5),
}
RELATIONSHIP: dict[str, Any] = {
    "schema_version": 1,
    "kind": "relationship",
    "mentor": "ann",
    "mentee": "cy",
    "status": "active",
    "created": dt.date(2026, 1, 5),
    "match": {"method": "manual", "score": 50, "reasons": ["x"]},
    "history": [{"date": dt.date(2026, 1, 5), "event": "matched"}],
}

runner = CliRunner()

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**18), 10**18), st.floats(), st.text(max_size=20),
    st.dates(), st.datetimes(),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=12,
)
documents = st.one_of(values, st.dictionaries(st.text(max_size=12), values, max_size=6))


@pytest.fixture(scope="module")
def program() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "program"
        create_program(root, {"name": "Hostile", "start_date": dt.date(2026, 1, 5)}, None)
        for name, role in (("ann", "mentor"), ("cy", "mentee")):
            (root / "participants" / f"{name}.yaml").write_text(
                yaml.safe_dump({**PERSON, "name": name, "email": f"{name}@example.org",
                                "role": role}, sort_keys=False)
            )
        yield root


def run(program: Path, *args: str) -> Any:
    return runner.invoke(app, ["--program", str(program), *args])


def assert_clean(result: Any, codes: set[int]) -> None:
    assert result.exit_code in codes, (result.exit_code, result.stdout, result.stderr)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.stderr
    assert "Traceback" not in result.stdout


def check_participant_file(program: Path, data: bytes) -> None:
    path = program / "participants" / "hostile.yaml"
    path.write_bytes(data)
    try:
        assert_clean(run(program, "validate"), {1})
        assert_clean(run(program, "participants", "list"), {2})
        assert_clean(run(program, "participants", "show", "ann"), {2})
    finally:
        path.unlink()


def check_program_file(program: Path, data: bytes) -> None:
    path = program / "program.yaml"
    good = path.read_bytes()
    path.write_bytes(data)
    try:
        assert_clean(run(program, "validate"), {1})
        assert_clean(run(program, "participants", "list"), {2})
    finally:
        path.write_bytes(good)


def dump(document: Any) -> bytes:
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True).encode()


# -- participant files ---------------------------------------------------------------------


@HOSTILE
@given(st.binary(max_size=200))
def test_random_bytes_in_a_participant_file(program: Path, data: bytes) -> None:
    check_participant_file(program, data)


@HOSTILE
@given(st.text(max_size=200))
def test_random_text_in_a_participant_file(program: Path, text: str) -> None:
    check_participant_file(program, text.encode("utf-8", "surrogatepass"))


@HOSTILE
@given(documents)
def test_random_yaml_document_as_a_participant(program: Path, document: Any) -> None:
    check_participant_file(program, dump(document))


@HOSTILE
@given(st.sampled_from(sorted(PERSON)), values)
def test_wrong_types_in_a_participant(program: Path, field: str, value: Any) -> None:
    document = {**PERSON, field: value}
    if document == PERSON:
        return
    path = program / "participants" / "hostile.yaml"
    path.write_bytes(dump(document))
    try:
        # A value of the wrong type may still be acceptable (12 for a name, say):
        # either it validates or the error is clean.
        assert_clean(run(program, "validate"), {0, 1})
        assert_clean(run(program, "participants", "list"), {0, 2})
    finally:
        path.unlink()


@HOSTILE
@given(st.text(min_size=1, max_size=20).filter(lambda k: k not in PERSON), values)
def test_unknown_field_in_a_participant(program: Path, key: str, value: Any) -> None:
    path = program / "participants" / "hostile.yaml"
    path.write_bytes(dump({**PERSON, "email": "h@example.org", key: value}))
    try:
        result = run(program, "validate")
        assert_clean(result, {1})
        assert "unknown field" in result.stderr
        assert_clean(run(program, "participants", "list"), {2})
    finally:
        path.unlink()


@HOSTILE
@given(st.text(min_size=1, max_size=30).filter(lambda s: "/" not in s and "\x00" not in s))
def test_odd_participant_file_names(program: Path, stem: str) -> None:
    try:
        path = program / "participants" / f"{stem}.yaml"
        path.write_bytes(dump({**PERSON, "email": "h@example.org"}))
    except (OSError, ValueError):
        return  # the filesystem refuses the name itself
    try:
        result = run(program, "validate")
        assert_clean(result, {0, 1})
        resolved = path.resolve()
        if resolved.parent != (program / "participants").resolve():
            return
        assert_clean(run(program, "participants", "list"), {0, 2})
    finally:
        path.unlink(missing_ok=True)


# -- relationship files ----------------------------------------------------------------------


@HOSTILE
@given(st.one_of(st.binary(max_size=100).map(lambda b: b), documents.map(dump)))
def test_hostile_relationship_file(program: Path, data: bytes) -> None:
    folder = program / "relationships" / "ann--cy"
    folder.mkdir(exist_ok=True)
    (folder / "relationship.yaml").write_bytes(data)
    try:
        assert_clean(run(program, "validate"), {1})
        assert_clean(run(program, "participants", "show", "ann"), {2})
    finally:
        (folder / "relationship.yaml").unlink()


@HOSTILE
@given(st.sampled_from(sorted(RELATIONSHIP)), values)
def test_wrong_types_in_a_relationship(program: Path, field: str, value: Any) -> None:
    folder = program / "relationships" / "ann--cy"
    folder.mkdir(exist_ok=True)
    (folder / "relationship.yaml").write_bytes(dump({**RELATIONSHIP, field: value}))
    try:
        assert_clean(run(program, "validate"), {0, 1})
        assert_clean(run(program, "participants", "remove", "ann", "--yes"), {2, 4})
    finally:
        (folder / "relationship.yaml").unlink()


# -- program.yaml ----------------------------------------------------------------------------


@HOSTILE
@given(st.binary(max_size=200))
def test_random_bytes_in_program_yaml(program: Path, data: bytes) -> None:
    check_program_file(program, data)


@HOSTILE
@given(documents)
def test_random_yaml_document_as_program_yaml(program: Path, document: Any) -> None:
    check_program_file(program, dump(document))


PROGRAM_FIELDS = [
    "name", "start_date", "duration_months", "cadence", "session_minutes", "focus_areas",
    "objectives", "default_mentor_capacity", "matching",
]
MATCHING_FIELDS = [
    "min_mentor_years", "ideal_gap_years", "department", "site", "weights", "exclusions",
    "exclusions_file", "pinned",
]


@HOSTILE
@given(st.sampled_from(PROGRAM_FIELDS), values)
def test_wrong_types_in_program_yaml(program: Path, field: str, value: Any) -> None:
    good = yaml.safe_load((program / "program.yaml").read_text())
    document = {**good, field: value}
    path = program / "program.yaml"
    original = path.read_bytes()
    path.write_bytes(dump(document))
    try:
        assert_clean(run(program, "validate"), {0, 1})
        assert_clean(run(program, "participants", "list"), {0, 2})
    finally:
        path.write_bytes(original)


@HOSTILE
@given(st.sampled_from(MATCHING_FIELDS), values)
def test_wrong_types_in_matching_settings(program: Path, field: str, value: Any) -> None:
    good = yaml.safe_load((program / "program.yaml").read_text())
    good["matching"] = {**good["matching"], field: value}
    path = program / "program.yaml"
    original = path.read_bytes()
    path.write_bytes(dump(good))
    try:
        assert_clean(run(program, "validate"), {0, 1})
    finally:
        path.write_bytes(original)


@pytest.mark.parametrize(
    "text",
    [
        "a: &a [*a]\n",
        "kind: participant\nname: &n [*n]\n",
        "a: &a {b: *a}\nkind: participant\n",
        "lol: &l1 [x, x, x, x, x, x, x, x, x, x]\n"
        "l2: &l2 [*l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1]\n"
        "l3: &l3 [*l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2]\n"
        "l4: &l4 [*l3, *l3, *l3, *l3, *l3, *l3, *l3, *l3, *l3, *l3]\n"
        "kind: participant\ninterests: *l4\n",
        "!!python/object/apply:os.system ['echo pwned']\n",
        "kind: !!python/name:os.system participant\n",
        "kind: participant\nname: !!binary aGVsbG8=\n",
        "kind: participant\njoined: 2026-13-01\n",
        "kind: participant\njoined: 9999-12-31T99:00:00\n",
        "\ufeffkind: participant\n",
        "kind: participant\n" + "nested: " + "[" * 2000 + "]" * 2000 + "\n",
        "kind: " + "[" * 1500 + "]" * 1500 + "\n",  # too deep for repr(), short enough to load
        "kind: participant\nname: " + "[" * 1500 + "]" * 1500 + "\n",
        "kind: " + "x" * 5000 + "\n",
        # deep enough to overflow libyaml's C stack if it ever reached the loader
        "kind: participant\n" + "nested: " + "[" * 100_000 + "]" * 100_000 + "\n",
        "kind: participant\nnested:\n  " + "- " * 100_000 + "x\n",
        "kind: participant\n" + "nested: " + "{a: " * 100_000 + "}" * 100_000 + "\n",
        "--- a\n--- b\n",
        "%YAML 9.9\n---\nkind: participant\n",
        "kind: participant\nname: x\nname: y\n",
    ],
)
def test_nasty_yaml(program: Path, text: str) -> None:
    check_participant_file(program, text.encode())


# -- import ----------------------------------------------------------------------------------


@HOSTILE
@given(
    st.lists(
        st.lists(st.text(max_size=15), min_size=3, max_size=3), min_size=1, max_size=6
    )
)
def test_random_signup_rows(program: Path, rows: list[list[str]]) -> None:
    import csv

    path = program.parent / "signup.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Name", "Email", "Role"])
        writer.writerows(rows)
    result = run(program, "import", str(path), "--dry-run")
    assert_clean(result, {0, 2})


@HOSTILE
@given(st.binary(max_size=300), st.sampled_from([".csv", ".xlsx"]))
def test_random_bytes_as_a_signup_file(program: Path, data: bytes, suffix: str) -> None:
    path = program.parent / f"signup{suffix}"
    path.write_bytes(data)
    assert_clean(run(program, "import", str(path), "--dry-run"), {2})


# -- a folder that is not what it should be ------------------------------------------------


@pytest.fixture
def fresh(tmp_path: Path) -> Path:
    root = tmp_path / "program"
    create_program(root, {"name": "Odd", "start_date": dt.date(2026, 1, 5)}, None)
    return root


@pytest.mark.parametrize("name", ["participants", "relationships"])
def test_a_file_where_a_folder_should_be(fresh: Path, name: str) -> None:
    (fresh / name).rmdir()
    (fresh / name).write_text("oops")
    result = run(fresh, "validate")
    assert_clean(result, {1})
    assert f"{name}: should be a folder" in result.stderr


def test_writing_into_a_file_where_a_folder_should_be(fresh: Path) -> None:
    (fresh / "participants").rmdir()
    (fresh / "participants").write_text("oops")
    result = run(fresh, "add", "Ann", "--email", "a@example.org", "--role", "mentee",
                 "--no-interactive")
    assert_clean(result, {2})
    assert "participants" in result.stderr


def test_state_folder_is_a_file(fresh: Path) -> None:
    import shutil

    shutil.rmtree(fresh / ".mentorkit")
    (fresh / ".mentorkit").write_text("oops")
    result = run(fresh, "add", "Ann", "--email", "a@example.org", "--role", "mentee",
                 "--no-interactive")
    assert_clean(result, {2})
    assert ".mentorkit" in result.stderr


def test_disk_full_is_a_clean_error(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*args: Any, **kwargs: Any) -> None:
        raise OSError(28, "No space left on device", str(fresh / "participants" / "ann.yaml"))

    monkeypatch.setattr("mentorkit.store.atomic.write_new", full)
    result = run(fresh, "add", "Ann", "--email", "a@example.org", "--role", "mentee",
                 "--no-interactive")
    assert_clean(result, {2})
    assert "No space left on device" in result.stderr
    assert list((fresh / "participants").iterdir()) == []


def test_broken_symlink_as_a_participant(fresh: Path) -> None:
    (fresh / "participants" / "gone.yaml").symlink_to(fresh / "nowhere.yaml")
    result = run(fresh, "validate")
    assert_clean(result, {1})
    assert "participants/gone.yaml: cannot read" in result.stderr


def test_a_folder_named_like_a_participant_file(fresh: Path) -> None:
    (fresh / "participants" / "ann.yaml").mkdir()
    assert_clean(run(fresh, "validate"), {1})
    assert_clean(run(fresh, "participants", "list"), {2})


def test_non_string_keys(fresh: Path) -> None:
    (fresh / "participants" / "x.yaml").write_text(
        "schema_version: 1\nkind: participant\nname: X\nemail: x@example.org\nrole: mentee\n"
        "1: 2\n2026-01-01: y\nnull: z\n"
    )
    result = run(fresh, "validate")
    assert_clean(result, {1})
    assert "Keys should be strings" in result.stderr


@HOSTILE
@given(
    st.dictionaries(
        st.sampled_from(["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml",
                         "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml",
                         "xl/sharedStrings.xml", "xl/styles.xml"]),
        st.binary(max_size=80) | st.text(max_size=80).map(str.encode),
        max_size=7,
    )
)
def test_damaged_xlsx(program: Path, members: dict[str, bytes]) -> None:
    import zipfile

    path = program.parent / "damaged.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    assert_clean(run(program, "import", str(path), "--dry-run"), {2})


def test_xlsx_with_a_broken_sheet(tmp_path: Path, program: Path) -> None:
    import zipfile

    from openpyxl import Workbook

    good = tmp_path / "good.xlsx"
    book = Workbook()
    book.active.append(["Name", "Email", "Role"])
    book.save(good)
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]
            target.writestr(item, data)
    result = run(program, "import", str(broken), "--dry-run")
    assert_clean(result, {2})
    assert "not a readable XLSX workbook" in result.stderr


# -- what is typed on the command line -----------------------------------------------------


@pytest.fixture(scope="module")
def paired() -> Iterator[Path]:
    """A program with one active pair, ann-lee--cy-ng, started 20 days ago."""
    from mentorkit.models.relationship import Relationship
    from mentorkit.store.folder import ProgramFolder
    from tests.conftest import make_person

    today = dt.date.today()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "program"
        create_program(root, {"name": "Typed", "start_date": today - dt.timedelta(days=30)},
                       None)
        folder = ProgramFolder(root)
        make_person(folder, "Ann Lee", role="mentor")
        make_person(folder, "Cy Ng", role="mentee")
        folder.save_relationship(Relationship(
            kind="relationship", mentor="ann-lee", mentee="cy-ng", status="active",
            created=today - dt.timedelta(days=20), started=today - dt.timedelta(days=20)))
        yield root


SESSION_OPTIONS = ["--date", "--time", "--duration", "--mode", "--meeting", "--progress",
                   "--issue", "--learning", "--action", "--next", "--next-time", "--notes"]


@HOSTILE
@given(st.sampled_from(SESSION_OPTIONS), st.text(max_size=24))
def test_random_text_in_a_session_option(paired: Path, option: str, text: str) -> None:
    # any value a person can type is recorded or refused in plain words, never a traceback
    # (4: the very same record again, as an earlier example may have logged it)
    result = run(paired, "log-session", "Cy Ng", "--no-interactive", option, text)
    assert_clean(result, {0, 2, 4})


@pytest.mark.parametrize(("option", "value"), [
    ("--progress", "g1|in-progress|" + "9" * 5_000),
    ("--duration", "9" * 400 + " hours"),
    ("--duration", "9" * 5_000),
    ("--action", "Do it|2026-01-01|" + "9" * 5_000),
])
def test_absurd_numbers_typed_on_the_command_line(paired: Path, option: str, value: str) -> None:
    result = run(paired, "log-session", "Cy Ng", "--no-interactive", option, value)
    assert_clean(result, {2})
    assert len(result.stderr) < 1_000  # named by its start and length, not printed whole
