"""The store: atomic writes, the lock, errors with lines, schema versions, safe ids."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import make_person
from filelock import FileLock

from mentorkit.errors import InvalidFile, Locked, MentorkitError, NewerSchema
from mentorkit.models.participant import Participant
from mentorkit.models.relationship import Relationship
from mentorkit.store import atomic, upgrade, yamlio
from mentorkit.store.folder import ProgramFolder, locate, validate

PERSON = (
    "schema_version: 1\n"
    "kind: participant\n"
    "name: Ann Smith\n"
    "email: ann@example.org\n"
    "role: mentor\n"
    "department: ICU\n"
    "years_experience: 12\n"
)


def write(folder: ProgramFolder, name: str, text: str) -> Path:
    path = folder.participants_dir / name
    path.write_text(text, encoding="utf-8")
    return path


def load_problems(folder: ProgramFolder, person_id: str) -> list[str]:
    with pytest.raises(InvalidFile) as info:
        folder.load_participant(person_id)
    return [str(p) for p in info.value.problems]


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*.tmp"))


# -- atomic writes ---------------------------------------------------------------------------


def test_atomic_write_replaces_the_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("old content that is much longer than the new content\n" * 50)
    atomic.write_text(path, "new\n")
    assert path.read_text() == "new\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.yaml"]


def test_atomic_write_creates_folders_and_private_files(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "secret.yaml"
    atomic.write_text(path, "x\n", private=True)
    assert path.read_text() == "x\n"
    assert path.stat().st_mode & 0o777 == 0o600
    public = tmp_path / "public.yaml"
    atomic.write_text(public, "x\n")
    umask = os.umask(0)
    os.umask(umask)
    assert public.stat().st_mode & 0o777 == 0o666 & ~umask


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_a_failure_mid_write_leaves_the_old_file_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("old\n")

    def boom(*args: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(f"mentorkit.store.atomic.os.{failing}", boom)
    with pytest.raises(OSError, match="No space"):
        atomic.write_text(path, "new\n" * 1000)
    assert path.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.yaml"]


def test_interrupted_write_through_the_folder(
    folder: ProgramFolder, monkeypatch: pytest.MonkeyPatch
) -> None:
    person_id = make_person(folder, "Ann Smith", department="ICU")
    path = folder.participant_path(person_id)
    before = path.read_bytes()
    person = folder.load_participant(person_id).model_copy(update={"department": "ED"})

    def interrupted(*args: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("mentorkit.store.atomic.os.replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        folder.save_participant(person_id, person)
    assert path.read_bytes() == before
    assert leftovers(folder.root) == []


def test_write_bytes_is_atomic_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "f.bin"
    atomic.write_bytes(path, b"one")
    assert path.read_bytes() == b"one"

    def boom(*args: Any) -> None:
        raise OSError("disk gone")

    monkeypatch.setattr("mentorkit.store.atomic.os.replace", boom)
    with pytest.raises(OSError):
        atomic.write_bytes(path, b"two")
    assert path.read_bytes() == b"one"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.bin"]


def test_saves_leave_no_temporary_files(folder: ProgramFolder) -> None:
    for n in range(5):
        make_person(folder, f"Person {n}")
    folder.save_program(folder.load_program())
    assert leftovers(folder.root) == []


# -- the lock ----------------------------------------------------------------------------------


@pytest.fixture
def quick_lock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("mentorkit.store.folder.LOCK_TIMEOUT_SECONDS", 0.05)


def test_a_write_waits_for_the_lock_then_gives_up(folder: ProgramFolder, quick_lock: None) -> None:
    make_person(folder, "Ann Smith")
    person = folder.load_participant("ann-smith").model_copy(update={"site": "East"})
    holder = FileLock(str(folder.state_dir / "lock"))
    with holder:
        fresh = ProgramFolder(folder.root)
        with pytest.raises(Locked, match="another mentorkit command"):
            fresh.save_participant("ann-smith", person)
    assert fresh.load_participant("ann-smith").site == ""
    fresh.save_participant("ann-smith", person)  # the lock is free again
    assert fresh.load_participant("ann-smith").site == "East"


def test_the_lock_is_reentrant(folder: ProgramFolder, quick_lock: None) -> None:
    make_person(folder, "Ann Smith")
    person = folder.load_participant("ann-smith")
    with folder.locked(), folder.locked():
        folder.save_participant("ann-smith", person)


def test_a_locked_program_exits_5(cli: Any, folder: ProgramFolder, quick_lock: None) -> None:
    with FileLock(str(folder.state_dir / "lock")):
        result = cli("add", "Ann", "--email", "a@example.org", "--role", "mentee",
                     "--no-interactive")
    assert result.exit_code == 5
    assert "another mentorkit command" in result.stderr
    assert folder.participant_ids() == []


# -- errors name file, line and field ---------------------------------------------------------


def test_wrong_type_names_the_line(folder: ProgramFolder) -> None:
    write(folder, "x.yaml", PERSON.replace("years_experience: 12", "years_experience: twelve"))
    assert load_problems(folder, "x") == [
        "participants/x.yaml:7: years_experience: Input should be a valid number, "
        "unable to parse string as a number"
    ]


def test_nested_and_list_errors_name_the_line(folder: ProgramFolder) -> None:
    text = PERSON + "meeting_modes:\n- video\n- carrier pigeon\njoined: 02/03/2026\n"
    write(folder, "x.yaml", text)
    found = load_problems(folder, "x")
    assert len(found) == 2
    assert found[0].startswith("participants/x.yaml:10: meeting_modes.1: must be one of")
    assert found[1].startswith("participants/x.yaml:11: joined:")
    assert "YYYY-MM-DD" in found[1]


def test_an_impossible_date_names_the_line(cli: Any, folder: ProgramFolder) -> None:
    write(folder, "x.yaml", PERSON + "joined: 2026-02-30\n")
    (problem,) = load_problems(folder, "x")
    assert problem.startswith("participants/x.yaml:8: joined: '2026-02-30' is not a real date")
    result = cli("validate")
    assert result.exit_code == 1
    assert "participants/x.yaml:8:" in result.stderr


def test_missing_field(folder: ProgramFolder) -> None:
    write(folder, "x.yaml", PERSON.replace("email: ann@example.org\n", ""))
    assert load_problems(folder, "x") == [
        "participants/x.yaml:1: email: required field is missing"
    ]


def test_unknown_field_names_the_key_and_suggests(folder: ProgramFolder) -> None:
    write(folder, "x.yaml", PERSON + "deparment: Lab\n")
    (problem,) = load_problems(folder, "x")
    assert problem.startswith("participants/x.yaml:8: deparment: unknown field; did you mean "
                              "'department'?")


def test_unknown_nested_field_suggests_from_the_nested_model(folder: ProgramFolder) -> None:
    text = folder.program_path.read_text().replace("    expertise: 4\n", "    expertize: 4\n")
    folder.program_path.write_text(text)
    with pytest.raises(InvalidFile) as info:
        folder.load_program()
    (problem,) = info.value.problems
    assert problem.field == "matching.weights.expertize"
    assert "did you mean 'expertise'?" in problem.message
    assert problem.line == text.splitlines().index("    expertize: 4") + 1


def test_unknown_field_with_nothing_close(folder: ProgramFolder) -> None:
    write(folder, "x.yaml", PERSON + "zzz: 1\n")
    (problem,) = load_problems(folder, "x")
    assert "unknown field (allowed: availability," in problem


def test_yaml_syntax_error_names_the_line(folder: ProgramFolder) -> None:
    write(folder, "x.yaml", PERSON + "notes: [unclosed\nsite: x\n")
    (problem,) = load_problems(folder, "x")
    assert problem.startswith("participants/x.yaml:")
    assert "not valid YAML" in problem


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "expected a mapping of fields, found empty"),
        ("- a\n- b\n", "expected a mapping of fields, found a list"),
        ("just text\n", "expected a mapping of fields, found a str"),
        (PERSON.replace("kind: participant", "kind: program"), "kind: is 'program', expected"),
    ],
)
def test_not_a_participant(folder: ProgramFolder, text: str, message: str) -> None:
    write(folder, "x.yaml", text)
    (problem,) = load_problems(folder, "x")
    assert message in problem


def test_not_utf8(folder: ProgramFolder) -> None:
    (folder.participants_dir / "x.yaml").write_bytes(b"name: \xff\xfe\n")
    assert load_problems(folder, "x") == ["participants/x.yaml: not UTF-8 text"]


def test_newer_schema_version_is_refused_by_name(folder: ProgramFolder) -> None:
    write(folder, "x.yaml", PERSON.replace("schema_version: 1", "schema_version: 3"))
    with pytest.raises(NewerSchema) as info:
        folder.load_participant("x")
    assert "written by a newer mentorkit (schema_version 3" in str(info.value.problems[0])
    assert "Upgrade mentorkit" in (info.value.hint or "")


def test_newer_program_schema_via_cli(cli: Any, folder: ProgramFolder) -> None:
    text = folder.program_path.read_text().replace("schema_version: 1", "schema_version: 2")
    folder.program_path.write_text(text)
    result = cli("participants", "list")
    assert result.exit_code == 2
    assert "program.yaml: schema_version: written by a newer mentorkit" in result.stderr
    assert "Upgrade mentorkit" in result.stderr


@pytest.mark.parametrize("version", ["0", "-1", "'1'", "true", "1.5", "[1]"])
def test_malformed_schema_version(folder: ProgramFolder, version: str) -> None:
    write(folder, "x.yaml", PERSON.replace("schema_version: 1", f"schema_version: {version}"))
    (problem,) = load_problems(folder, "x")
    assert "schema_version" in problem


def test_older_schema_is_upgraded_on_read(monkeypatch: pytest.MonkeyPatch) -> None:
    def rename(data: dict[str, Any]) -> dict[str, Any]:
        data["name"] = data.pop("full_name")
        return data

    monkeypatch.setitem(upgrade.STEPS, ("participant", 1), rename)
    data = {"schema_version": 1, "kind": "participant", "full_name": "Ann"}
    upgraded = upgrade.upgrade(data, kind="participant", current=2, path="x.yaml")
    assert upgraded == {"schema_version": 2, "kind": "participant", "name": "Ann"}
    assert data["full_name"] == "Ann"  # the caller's dict is not changed


def test_merge_conflict_markers_are_named(folder: ProgramFolder) -> None:
    text = PERSON.replace(
        "department: ICU\n", "<<<<<<< HEAD\ndepartment: ICU\n=======\ndepartment: ED\n>>>>>>> b\n"
    )
    write(folder, "x.yaml", text)
    with pytest.raises(InvalidFile) as info:
        folder.load_participant("x")
    assert [str(p) for p in info.value.problems] == [
        "participants/x.yaml:6: git merge-conflict markers found"
    ]
    assert "Resolve the merge conflict" in (info.value.hint or "")


def test_a_line_of_equals_signs_in_text_is_not_a_conflict(folder: ProgramFolder) -> None:
    write(folder, "x.yaml", PERSON + "notes: |\n  Heading\n  =======\n  body\n")
    assert folder.load_participant("x").notes.startswith("Heading")


def test_scan_reports_every_bad_file(folder: ProgramFolder) -> None:
    make_person(folder, "Good One")
    write(folder, "bad-one.yaml", "kind: participant\n")
    write(folder, "bad-two.yaml", "a: [\n")
    people, found = folder.scan_participants()
    assert list(people) == ["good-one"]
    assert {p.path for p in found} == {"participants/bad-one.yaml", "participants/bad-two.yaml"}
    with pytest.raises(InvalidFile):
        folder.load_participants()


def test_validate_function_on_plain_data() -> None:
    person = validate(
        {"schema_version": 1, "kind": "participant", "name": "A", "email": "a@example.org",
         "role": "mentee"},
        Participant, path="x.yaml",
    )
    assert person.schema_version == 1
    with pytest.raises(InvalidFile) as info:
        validate({"schema_version": 1, "kind": "participant", "name": 3}, Participant,
                 path="x.yaml")
    assert {p.line for p in info.value.problems} == {None}
    with pytest.raises(InvalidFile) as info:  # a file must say which shape it has
        validate({"kind": "participant", "name": "A", "email": "a@example.org",
                  "role": "mentee"}, Participant, path="x.yaml")
    assert [str(p) for p in info.value.problems] == [
        "x.yaml:1: schema_version: required field is missing (write `schema_version: 1` "
        "at the top)"]


# -- ids never escape the program folder ------------------------------------------------------


@pytest.mark.parametrize(
    "bad", ["../x", "../../etc/passwd", "a/b", "/abs", "..", ".", "", "A", "a--b", "a_b", "a.b",
            "-a", "a-", "x" * 81, "a\nb", "a b", "ann\x00"],
)
def test_bad_ids_are_refused(folder: ProgramFolder, bad: str) -> None:
    with pytest.raises(MentorkitError):
        folder.participant_path(bad)
    with pytest.raises(MentorkitError):
        folder.relationship_dir(f"{bad}--ann")
    with pytest.raises(MentorkitError):
        folder.relationship_dir(f"ann--{bad}")


def test_good_ids(folder: ProgramFolder) -> None:
    expected = folder.participants_dir / "maria-lopez-2.yaml"
    assert folder.participant_path("maria-lopez-2") == expected
    assert folder.relationship_dir("dan-ortiz--maria-lopez").name == "dan-ortiz--maria-lopez"
    with pytest.raises(MentorkitError, match="not a pair id"):
        folder.relationship_dir("dan-ortiz")


def test_relationship_models_refuse_path_ids() -> None:
    with pytest.raises(ValueError, match="not a valid id"):
        Relationship(kind="relationship", mentor="../ann", mentee="cy", created=dt.date.today())


@pytest.mark.parametrize("name", ["...yaml", "..yaml", ".hidden.yaml", "Ann Smith.yaml",
                                  "ann_smith.yaml", "ann..smith.yaml"])
def test_files_with_bad_names_are_not_loaded(folder: ProgramFolder, name: str) -> None:
    write(folder, name, PERSON)
    people, found = folder.scan_participants()
    assert people == {}
    assert [p.message for p in found] == [
        "the name is not a valid id (lower-case letters, digits, hyphens)"
    ]


def test_relationship_folders_with_bad_names(folder: ProgramFolder) -> None:
    for name in ("a--b--c", "..--x", "ann", "Ann--Cy"):
        path = folder.relationships_dir / name
        path.mkdir()
        (path / "relationship.yaml").write_text("kind: relationship\n")
    pairs, found = folder.scan_relationships()
    assert pairs == {}
    assert len(found) == 4


@pytest.mark.parametrize("relative", ["../x", "../../etc/passwd", "/etc/passwd",
                                      "participants/../../x", "a/../../x"])
def test_inside_refuses_escaping_paths(folder: ProgramFolder, relative: str) -> None:
    with pytest.raises(MentorkitError, match="outside the program folder"):
        folder.inside(relative)


def test_inside_refuses_symlinks_out(folder: ProgramFolder, tmp_path: Path) -> None:
    (folder.root / "link").symlink_to(tmp_path)
    with pytest.raises(MentorkitError):
        folder.inside("link/x.csv")
    assert folder.inside("participants/../program.yaml") == folder.program_path


def test_save_refuses_a_path_outside(folder: ProgramFolder, tmp_path: Path) -> None:
    person = Participant(kind="participant", name="A", email="a@example.org", role="mentee")
    with pytest.raises(MentorkitError):
        folder.save(tmp_path / "escaped.yaml", person)
    assert not (tmp_path / "escaped.yaml").exists()


def test_a_symlinked_participant_file_is_not_written_through(
    folder: ProgramFolder, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text(PERSON)
    (folder.participants_dir / "ann.yaml").symlink_to(outside)
    with pytest.raises(InvalidFile, match="link to a place outside the program folder"):
        folder.load_participant("ann")  # refused on read as on write
    person = Participant.model_validate(yaml.safe_load(PERSON)).model_copy(
        update={"site": "East"})
    with pytest.raises(MentorkitError):
        folder.save_participant("ann", person)
    assert outside.read_text() == PERSON


# -- locating the program ---------------------------------------------------------------------


def test_locate_from_a_subfolder(program_dir: Path) -> None:
    deep = program_dir / "relationships" / "x" / "y"
    deep.mkdir(parents=True)
    assert locate(start=deep) == program_dir


def test_locate_explicit_and_env(
    program_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert locate(program_dir) == program_dir
    monkeypatch.setenv("MENTORKIT_PROGRAM", str(program_dir))
    assert locate() == program_dir
    monkeypatch.setenv("MENTORKIT_PROGRAM", str(tmp_path))
    with pytest.raises(MentorkitError, match="not a mentorkit program"):
        locate()


# -- rewrites keep what people wrote ----------------------------------------------------------

COMMENTED = """\
# Enrolled at the January induction day
schema_version: 1
kind: participant
name: Ann Smith   # as on her badge
email: ann@example.org
role: mentor
# --- work ---
department: ICU
years_experience: 12
can_help_with:  # from the sign-up form
- Leadership
- Rostering   # asked twice
notes: Works nights
"""


def test_comments_survive_participants_edit(cli: Any, folder: ProgramFolder) -> None:
    path = write(folder, "ann.yaml", COMMENTED)
    result = cli("participants", "edit", "ann", "--site", "North Campus", "--status", "paused")
    assert result.exit_code == 0, result.stderr
    text = path.read_text()
    for comment in ("# Enrolled at the January induction day", "# as on her badge",
                    "# --- work ---", "# from the sign-up form", "# asked twice"):
        assert comment in text, text
    person = folder.load_participant("ann")
    assert person.site == "North Campus"
    assert person.status.value == "paused"
    assert person.can_help_with == ["Leadership", "Rostering"]
    # the hand-written order is kept; new keys go where the model puts them
    lines = text.splitlines()
    assert lines.index("kind: participant") < lines.index("name: Ann Smith   # as on her badge")
    assert lines.index("department: ICU") < lines.index("site: North Campus")
    assert lines.index("site: North Campus") < lines.index("years_experience: 12")


def test_comments_survive_import_updates(cli: Any, folder: ProgramFolder, tmp_path: Path) -> None:
    path = write(folder, "ann.yaml", COMMENTED)
    csv_path = tmp_path / "s.csv"
    csv_path.write_text("Name,Email,Role,Department\nAnn Smith,ann@example.org,mentor,ED\n")
    assert cli("import", str(csv_path)).exit_code == 0
    text = path.read_text()
    assert "# as on her badge" in text and "# --- work ---" in text
    assert folder.load_participant("ann").department == "ED"


def test_rewrite_without_comments_is_a_plain_stable_dump(folder: ProgramFolder) -> None:
    person_id = make_person(folder, "Ann Smith", can_help_with=["a", "b"])
    path = folder.participant_path(person_id)
    first = path.read_text()
    folder.save_participant(person_id, folder.load_participant(person_id))
    assert path.read_text() == first
    assert first.startswith("schema_version: 1\nkind: participant\nname: Ann Smith\n")


def test_render_update_removes_keys_no_longer_present() -> None:
    old = "# c\na: 1\nb: 2  # gone\nc:\n  d: 1  # keep\n  e: 2\n"
    new = yamlio.render_update(old, {"a": 1, "c": {"d": 1}, "f": [1, 2]})
    assert "b:" not in new
    assert "e:" not in new
    assert "# keep" in new and "# c" in new
    assert yamlio.parse(new, "x") == {"a": 1, "c": {"d": 1}, "f": [1, 2]}


@pytest.mark.parametrize("old", ["# just a comment\n", "# c\n- a\n", "# c\na: [\n"])
def test_render_update_of_odd_old_files(old: str) -> None:
    assert yamlio.parse(yamlio.render_update(old, {"a": 1}), "x") == {"a": 1}


def test_line_of() -> None:
    text = "a: 1\nb:\n  c:\n  - x\n  - y\nd: 2\n"
    assert yamlio.line_of(text, ["a"]) == 1
    assert yamlio.line_of(text, ["b", "c", 1]) == 5
    assert yamlio.line_of(text, ["b", "missing"]) == 2
    assert yamlio.line_of(text, ["b", "c", 9]) == 3
    assert yamlio.line_of("a: [\n", ["a"]) is None


def test_yaml_11_words_stay_text_in_commented_files(cli: Any, folder: ProgramFolder) -> None:
    # ruamel writes YAML 1.2, where `no` and `on` are plain text; PyYAML reads YAML 1.1,
    # where they are booleans. Norwegian ("no") must not turn into False.
    path = write(folder, "ann.yaml", COMMENTED)
    result = cli("participants", "edit", "ann", "--language", "no", "--language", "On",
                 "--site", "Yes", "--job-title", "1_000")
    assert result.exit_code == 0, result.stderr
    assert "# as on her badge" in path.read_text()
    person = folder.load_participant("ann")
    assert person.languages == ["no", "On"]
    assert person.site == "Yes"
    assert person.job_title == "1_000"
