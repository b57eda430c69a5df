"""The load cache: same models as a fresh read, never stale, never required."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorkit.errors import InvalidFile
from mentorkit.models.toolkit import SessionRecord
from mentorkit.store import cache
from mentorkit.store.folder import ProgramFolder
from mentorkit.store.snapshot import load_people_and_pairs, load_snapshot
from tests import report_program


@pytest.fixture
def built(folder: ProgramFolder, monkeypatch: pytest.MonkeyPatch) -> ProgramFolder:
    report_program.build(folder)
    # Files written a moment ago are never trusted to the cache (same-tick edits); the
    # tests below edit files on purpose, so they switch that safety margin off.
    monkeypatch.setattr(cache, "RACY_WINDOW_NS", 0)
    return folder


def session_file(folder: ProgramFolder) -> Path:
    return folder.relationship_dir("ana--cara") / "sessions" / "2026-02-10.yaml"


def test_cached_models_equal_a_fresh_read(built: ProgramFolder) -> None:
    fresh = load_snapshot(built, use_cache=False)
    cold = load_snapshot(built)
    warm = load_snapshot(built)
    assert (cold.parsed, cold.from_cache) == (fresh.parsed, 0)
    assert (warm.parsed, warm.from_cache) == (0, fresh.parsed)
    assert warm.program == fresh.program
    assert warm.participants == fresh.participants
    assert warm.pairs == fresh.pairs
    for files in warm.pairs.values():
        for _, record in files.sessions:  # rebuilt models behave like validated ones
            assert record.model_dump() == type(record).model_validate(record.model_dump()
                                                                      ).model_dump()


def test_an_edit_is_seen(built: ProgramFolder) -> None:
    load_snapshot(built)
    path = session_file(built)
    path.write_text(path.read_text().replace("duration_minutes: 45", "duration_minutes: 50"))
    after = load_snapshot(built)
    assert after.parsed == 1
    assert after.pairs["ana--cara"].sessions[1][1].duration_minutes == 50


def test_a_same_size_rewrite_is_seen(built: ProgramFolder) -> None:
    load_snapshot(built)
    path = session_file(built)
    before = path.stat()
    path.unlink()  # a new file (new inode) with the same size and modification time
    path.write_text(path.parent.joinpath("2026-01-10.yaml").read_text()
                    .replace("2026-01-10", "2026-02-10").replace("60", "61")[: before.st_size])
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert load_snapshot(built).parsed >= 1


def test_new_and_deleted_files_are_seen(built: ProgramFolder) -> None:
    load_snapshot(built)
    report_program.add_session(built, "ana--dev", report_program.session(
        report_program.D(2026, 3, 20), 40))
    after = load_snapshot(built)
    assert after.parsed == 1
    assert [s.date.isoformat() for _, s in after.pairs["ana--dev"].sessions] == [
        "2026-01-15", "2026-03-20"]
    session_file(built).unlink()
    (built.relationship_dir("ben--fay") / "evaluation-mentee.yaml").unlink()
    built.remove_relationship("hal--gus")
    after = load_snapshot(built)
    assert after.parsed == 0
    assert len(after.pairs["ana--cara"].sessions) == 2
    assert list(after.pairs["ben--fay"].evaluations) == ["mentor"]
    assert "hal--gus" not in after.pairs


def test_recent_files_are_not_trusted(folder: ProgramFolder) -> None:
    report_program.build(folder)
    load_snapshot(folder)
    assert load_snapshot(folder).from_cache == 0  # all files were written within the window


def overwrite_in_place(path: Path, old: str, new: str) -> None:
    """Edit `path` keeping its inode, size and modification time: only ctime moves."""
    assert len(old) == len(new)
    before = path.stat()
    text = path.read_text()
    assert old in text
    with path.open("r+") as handle:  # the same inode: no new file
        handle.write(text.replace(old, new))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (
        before.st_size, before.st_mtime_ns, before.st_ino)


def test_an_edit_keeping_size_mtime_and_inode_is_seen(built: ProgramFolder) -> None:
    load_snapshot(built)
    overwrite_in_place(session_file(built), "duration_minutes: 45", "duration_minutes: 50")
    after = load_snapshot(built)
    assert after.parsed == 1
    assert after.pairs["ana--cara"].sessions[1][1].duration_minutes == 50


def test_an_invalid_value_hidden_that_way_is_reported(built: ProgramFolder) -> None:
    load_snapshot(built)
    overwrite_in_place(session_file(built), "duration_minutes: 45", "duration_minutes: -9")
    with pytest.raises(InvalidFile) as caught:
        load_snapshot(built)
    [problem] = caught.value.problems
    assert problem.path == "relationships/ana--cara/sessions/2026-02-10.yaml"
    assert problem.field == "duration_minutes"


def test_the_cli_sees_a_hidden_edit(built: ProgramFolder, cli: Callable[..., Any]) -> None:
    assert cli("participants", "list", "--json").exit_code == 0  # the cache is made
    overwrite_in_place(built.participants_dir / "ana.yaml", "years_experience: 0",
                       "years_experience: 7")
    listed = json.loads(cli("participants", "list", "--json").stdout)["participants"]
    assert next(p for p in listed if p["id"] == "ana")["years_experience"] == 7


def rows(folder: ProgramFolder) -> sqlite3.Connection:
    return sqlite3.connect(cache.path_of(folder.state_dir))


def forge(folder: ProgramFolder, path: str, **changes: object) -> None:
    """Rewrite one cache row by hand, keeping its key, as an attacker or a bug might."""
    with contextlib.closing(rows(folder)) as db, db:
        [(doc,)] = db.execute("SELECT doc FROM files WHERE path = ?", (path,)).fetchall()
        db.execute("UPDATE files SET doc = ? WHERE path = ?",
                   (json.dumps({**json.loads(doc), **changes}), path))


def test_a_forged_entry_is_never_shown(built: ProgramFolder, cli: Callable[..., Any]) -> None:
    as_of = ("--as-of", "2026-05-01")
    fresh_report = json.loads(cli("report", "--json", *as_of).stdout)
    forge(built, "participants/ana.yaml", email="not an email", years_experience=-99,
          department="Forged")
    forge(built, "relationships/ana--cara/sessions/2026-02-10.yaml", duration_minutes=-99)

    listed = json.loads(cli("participants", "list", "--json").stdout)["participants"]
    ana = next(p for p in listed if p["id"] == "ana")
    assert (ana["email"], ana["years_experience"], ana["department"]) == (
        "ana@example.org", 0, "Nursing")
    forge(built, "participants/ana.yaml", email="x", years_experience=-99, department="Forged")
    shown = cli("report", "--json", *as_of)
    assert shown.exit_code == 0
    assert json.loads(shown.stdout) == fresh_report
    assert "Forged" not in shown.stdout
    with contextlib.closing(rows(built)) as db:  # the bad rows were replaced from the files
        [(doc,)] = db.execute("SELECT doc FROM files WHERE path = 'participants/ana.yaml'")
    assert json.loads(doc)["email"] == "ana@example.org"


@pytest.mark.parametrize("content", [
    b"", b"garbage, not a database" * 100, b"SQLite format 3\x00" + b"\x00" * 200,
])
def test_a_damaged_cache_is_rebuilt(built: ProgramFolder, content: bytes) -> None:
    fresh = load_snapshot(built, use_cache=False)
    load_snapshot(built)
    cache.path_of(built.state_dir).write_bytes(content)
    again = load_snapshot(built)
    assert again.from_cache == 0
    assert again.pairs == fresh.pairs
    assert load_snapshot(built).from_cache == again.parsed  # rebuilt


def test_a_foreign_cache_is_rebuilt(built: ProgramFolder, monkeypatch: pytest.MonkeyPatch) -> None:
    load_snapshot(built)
    with contextlib.closing(rows(built)) as db, db:  # another version's cache
        db.execute("UPDATE meta SET value = '{\"format\": 99}'")
    assert load_snapshot(built).from_cache == 0
    assert load_snapshot(built).parsed == 0
    monkeypatch.setattr(cache, "__version__", "0.0.0")  # another mentorkit
    assert load_snapshot(built).from_cache == 0


def test_another_database_is_not_read(built: ProgramFolder) -> None:
    path = cache.path_of(built.state_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.closing(sqlite3.connect(path)) as db, db:
        db.execute("CREATE TABLE files (path TEXT, doc TEXT)")
        db.execute("INSERT INTO files VALUES ('participants/ana.yaml', '{}')")
    assert load_snapshot(built).from_cache == 0
    assert load_snapshot(built).parsed == 0


@pytest.mark.parametrize("doc", [b"not json", b"[]", b'{"kind": "session"}'])
def test_a_damaged_entry_falls_back_to_the_file(built: ProgramFolder, doc: bytes) -> None:
    load_snapshot(built)
    key = "relationships/ana--cara/sessions/2026-02-10.yaml"
    with contextlib.closing(rows(built)) as db, db:
        db.execute("UPDATE files SET doc = ? WHERE path = ?", (doc, key))
    again = load_snapshot(built)
    assert again.parsed == 1
    assert again.pairs["ana--cara"].sessions[1][1].duration_minutes == 45


def test_cache_is_private_and_optional(built: ProgramFolder) -> None:
    load_snapshot(built)
    path = cache.path_of(built.state_dir)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    path.chmod(0o644)  # loosened (a copy, a clone): tightened again on the next load
    load_snapshot(built)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    path.unlink()
    path.mkdir()  # cannot be used at all: the load still works
    assert len(load_snapshot(built).pairs) == 5


def test_the_old_pickle_is_removed_unread(built: ProgramFolder) -> None:
    old = built.state_dir / cache.OLD_CACHE_FILE
    old.parent.mkdir(parents=True, exist_ok=True)
    old.write_bytes(b"\x80\x04cos\nsystem\n\x94.")  # a pickle that would name os.system
    load_snapshot(built)
    assert not old.exists()

def test_invalid_files_are_all_reported(built: ProgramFolder) -> None:
    session_file(built).write_text("kind: session\ndate: nope\n")
    (built.participants_dir / "gus.yaml").write_text("kind: participant\n")
    with pytest.raises(InvalidFile) as caught:
        load_snapshot(built)
    paths = {p.path for p in caught.value.problems}
    assert paths == {"relationships/ana--cara/sessions/2026-02-10.yaml", "participants/gus.yaml"}


def test_cold_loads_report_progress(built: ProgramFolder) -> None:
    calls: list[tuple[int, int]] = []
    load_snapshot(built, lambda done, total: calls.append((done, total)))
    assert calls and calls[-1][0] == calls[-1][1] == load_snapshot(built).from_cache
    calls.clear()
    load_snapshot(built, lambda done, total: calls.append((done, total)))
    assert calls == []  # nothing to read: no progress at all


def test_progress_bar_only_on_terminals() -> None:
    from mentorkit.render.progress import load_progress

    with load_progress() as update:  # pytest's stderr is not a terminal
        assert update is None


def test_people_and_pairs_alone(built: ProgramFolder) -> None:
    whole = load_snapshot(built)
    people, pairs, problems = load_people_and_pairs(built)
    assert (people, pairs, problems) == (whole.participants, whole.relationships, [])
    with contextlib.closing(rows(built)) as db:  # the other rows were left alone
        assert db.execute("SELECT count(*) FROM files").fetchone()[0] == whole.parsed
    (built.participants_dir / "gus.yaml").write_text("kind: participant\n")
    people, pairs, problems = load_people_and_pairs(built)
    assert "gus" not in people and len(pairs) == 5
    assert {p.path for p in problems} == {"participants/gus.yaml"}


def test_people_and_pairs_see_a_hidden_edit(built: ProgramFolder) -> None:
    load_people_and_pairs(built)
    overwrite_in_place(built.participants_dir / "ana.yaml", "name: Ana", "name: Ann")
    people, _, _ = load_people_and_pairs(built)
    assert people["ana"].name == "Ann"


# -- what the cache stores validates back to the very same model ------------------------------
_day = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 1, 1))
_words = st.text(alphabet="abc xyz-", min_size=1, max_size=12).filter(str.strip)
_progress = st.fixed_dictionaries(
    {"goal": st.sampled_from(["g1", "g2", "g3"]),
     "status": st.sampled_from(["not-started", "in-progress", "achieved", "revised", "dropped"])},
    optional={"progress": st.integers(0, 100), "note": _words},
)


@st.composite
def session_documents(draw: st.DrawFn) -> dict[str, object]:
    day = draw(_day)
    progress = draw(st.lists(_progress, max_size=3, unique_by=lambda p: p["goal"]))
    doc: dict[str, object] = {
        "kind": "session", "date": day, "duration_minutes": draw(st.integers(5, 480)),
        "mode": draw(st.sampled_from(["in-person", "video", "phone", "chat"])),
        "progress": progress,
        "issues": draw(st.lists(st.fixed_dictionaries({"issue": _words}), max_size=2)),
        "learnings": draw(st.lists(_words, max_size=2)),
        "actions": draw(st.lists(st.fixed_dictionaries(
            {"description": _words, "date": _day},
            optional={"time": st.times(), "owner": st.sampled_from(["mentor", "mentee"])}),
            max_size=2)),
        "private_notes": draw(st.text(max_size=20)),
    }
    if draw(st.booleans()):
        doc["next_meeting"] = day + dt.timedelta(days=draw(st.integers(1, 60)))
        if draw(st.booleans()):
            doc["next_meeting_time"] = draw(st.times())
    return doc


@settings(max_examples=60, deadline=None)
@given(session_documents())
def test_stored_documents_validate_to_the_same_model(doc: dict[str, object]) -> None:
    model = SessionRecord.model_validate(doc)
    [again] = cache._validate_all(SessionRecord, [cache._dump(model)])
    assert again == model
    assert again is not None and again.to_document() == model.to_document()


def test_a_stored_document_is_validated_again() -> None:
    good = SessionRecord.model_validate({"kind": "session", "date": "2026-01-10",
                                         "duration_minutes": 30})
    forged = cache._dump(good).replace(b'"duration_minutes":30', b'"duration_minutes":-99')
    assert forged != cache._dump(good)
    assert cache._validate_all(SessionRecord, [cache._dump(good), forged]) == [good, None]


def test_many_invalid_files_are_summed_up(built: ProgramFolder) -> None:
    for n in range(12):
        (built.participants_dir / f"broken-{n:02d}.yaml").write_text("kind: participant\n")
    with pytest.raises(InvalidFile) as caught:
        load_snapshot(built)
    assert len(caught.value.problems) == 11
    # 4 each: schema_version, and three required fields
    assert str(caught.value.problems[-1]) == "...: and 38 more problems"


@pytest.mark.parametrize("kept_pages", [1, 3])  # SQLite's header and schema; + the meta table
def test_a_cache_damaged_inside_is_rebuilt(built: ProgramFolder, kept_pages: int) -> None:
    fresh = load_snapshot(built, use_cache=False)
    load_snapshot(built)
    path = cache.path_of(built.state_dir)
    content = bytearray(path.read_bytes())
    start = 4096 * kept_pages  # SQLite's default page size
    content[start:] = (b"\xff\x00garbage" * len(content))[: len(content) - start]
    path.write_bytes(bytes(content))
    assert load_snapshot(built).pairs == fresh.pairs
    load_snapshot(built)
    assert load_snapshot(built).from_cache == fresh.parsed


def test_loads_at_the_same_time_agree(built: ProgramFolder) -> None:
    """Commands run side by side share the cache (SQLite's locking): none fails, none
    sees another's half-written state, and the cache ends up whole."""
    from concurrent.futures import ThreadPoolExecutor

    fresh = load_snapshot(built, use_cache=False)
    with ThreadPoolExecutor(4) as pool:
        loads = list(pool.map(lambda _: load_snapshot(built), range(8)))
    assert all(s.pairs == fresh.pairs and s.participants == fresh.participants
               for s in loads)
    assert load_snapshot(built).from_cache == fresh.parsed
