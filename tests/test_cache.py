"""The load cache: same models as a fresh read, never stale, never required."""

from __future__ import annotations

import datetime as dt
import os
import pickle
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorkit.errors import InvalidFile
from mentorkit.models.toolkit import SessionRecord
from mentorkit.store import cache
from mentorkit.store.folder import ProgramFolder
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
    fresh = built.snapshot(use_cache=False)
    cold = built.snapshot()
    warm = built.snapshot()
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
    built.snapshot()
    path = session_file(built)
    path.write_text(path.read_text().replace("duration_minutes: 45", "duration_minutes: 50"))
    after = built.snapshot()
    assert after.parsed == 1
    assert after.pairs["ana--cara"].sessions[1][1].duration_minutes == 50


def test_a_same_size_rewrite_is_seen(built: ProgramFolder) -> None:
    built.snapshot()
    path = session_file(built)
    before = path.stat()
    path.unlink()  # a new file (new inode) with the same size and modification time
    path.write_text(path.parent.joinpath("2026-01-10.yaml").read_text()
                    .replace("2026-01-10", "2026-02-10").replace("60", "61")[: before.st_size])
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert built.snapshot().parsed >= 1


def test_new_and_deleted_files_are_seen(built: ProgramFolder) -> None:
    built.snapshot()
    report_program.add_session(built, "ana--dev", report_program.session(
        report_program.D(2026, 3, 20), 40))
    after = built.snapshot()
    assert after.parsed == 1
    assert [s.date.isoformat() for _, s in after.pairs["ana--dev"].sessions] == [
        "2026-01-15", "2026-03-20"]
    session_file(built).unlink()
    (built.relationship_dir("ben--fay") / "evaluation-mentee.yaml").unlink()
    built.remove_relationship("hal--gus")
    after = built.snapshot()
    assert after.parsed == 0
    assert len(after.pairs["ana--cara"].sessions) == 2
    assert list(after.pairs["ben--fay"].evaluations) == ["mentor"]
    assert "hal--gus" not in after.pairs


def test_recent_files_are_not_trusted(folder: ProgramFolder) -> None:
    report_program.build(folder)
    folder.snapshot()
    assert folder.snapshot().from_cache == 0  # all files were written within the window


@pytest.mark.parametrize("content", [
    b"", b"not a pickle", pickle.dumps({"header": "other"}),
    pickle.dumps({"header": {"format": 0}, "made_ns": 0, "entries": {}}),
])
def test_corrupt_or_foreign_cache_is_ignored(built: ProgramFolder, content: bytes) -> None:
    fresh = built.snapshot(use_cache=False)
    built.snapshot()
    cache.path_of(built).write_bytes(content)
    again = built.snapshot()
    assert again.from_cache == 0
    assert again.pairs == fresh.pairs
    assert built.snapshot().from_cache == again.parsed  # rebuilt


class Boom:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("touch pwned",))


def test_a_planted_pickle_cannot_run_code(built: ProgramFolder) -> None:
    cache.path_of(built).parent.mkdir(parents=True, exist_ok=True)
    cache.path_of(built).write_bytes(pickle.dumps({"header": cache.header(), "x": Boom()}))
    assert built.snapshot().from_cache == 0
    assert not (built.root / "pwned").exists()
    assert not Path("pwned").exists()


def test_a_damaged_entry_falls_back_to_the_file(built: ProgramFolder) -> None:
    built.snapshot()
    content = pickle.loads(cache.path_of(built).read_bytes())
    key = "relationships/ana--cara/sessions/2026-02-10.yaml"
    content["entries"][key][2].pop("duration_minutes")
    cache.path_of(built).write_bytes(pickle.dumps(content))
    again = built.snapshot()
    assert again.parsed == 1
    assert again.pairs["ana--cara"].sessions[1][1].duration_minutes == 45


def test_cache_is_private_and_optional(built: ProgramFolder) -> None:
    built.snapshot()
    assert stat.S_IMODE(cache.path_of(built).stat().st_mode) == 0o600
    cache.path_of(built).unlink()
    cache.path_of(built).mkdir()  # cannot be written: the load still works
    assert len(built.snapshot().pairs) == 5


def test_other_model_versions_do_not_match(built: ProgramFolder,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    built.snapshot()
    monkeypatch.setattr(cache, "_HEADER", {**cache.header(), "mentorkit": "0.0.0"})
    assert built.snapshot().from_cache == 0


def test_invalid_files_are_all_reported(built: ProgramFolder) -> None:
    session_file(built).write_text("kind: session\ndate: nope\n")
    (built.participants_dir / "gus.yaml").write_text("kind: participant\n")
    with pytest.raises(InvalidFile) as caught:
        built.snapshot()
    paths = {p.path for p in caught.value.problems}
    assert paths == {"relationships/ana--cara/sessions/2026-02-10.yaml", "participants/gus.yaml"}


def test_cold_loads_report_progress(built: ProgramFolder) -> None:
    calls: list[tuple[int, int]] = []
    built.snapshot(lambda done, total: calls.append((done, total)))
    assert calls and calls[-1][0] == calls[-1][1] == built.snapshot().from_cache
    calls.clear()
    built.snapshot(lambda done, total: calls.append((done, total)))
    assert calls == []  # nothing to read: no progress at all


def test_progress_bar_only_on_terminals() -> None:
    from mentorkit.render.progress import load_progress

    with load_progress() as update:  # pytest's stderr is not a terminal
        assert update is None


def test_an_entry_with_other_fields_falls_back(built: ProgramFolder) -> None:
    built.snapshot()
    content = pickle.loads(cache.path_of(built).read_bytes())
    data = content["entries"]["participants/ana.yaml"][2]
    data["nmae"] = data.pop("name")
    cache.path_of(built).write_bytes(pickle.dumps(content))
    again = built.snapshot()
    assert again.parsed == 1
    assert again.participants["ana"].name == "Ana"


# -- the cache's rebuild is exact, for any valid session record --------------------------------
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
def test_rebuild_equals_validation(doc: dict[str, object]) -> None:
    model = SessionRecord.model_validate(doc)
    plain = pickle.loads(pickle.dumps(cache.to_plain(model)))
    rebuilt = cache.rebuild(SessionRecord, plain)
    assert rebuilt == model
    assert rebuilt.to_document() == model.to_document()
    assert type(rebuilt.mode) is type(model.mode)


def test_many_invalid_files_are_summed_up(built: ProgramFolder) -> None:
    for n in range(12):
        (built.participants_dir / f"broken-{n:02d}.yaml").write_text("kind: participant\n")
    with pytest.raises(InvalidFile) as caught:
        built.snapshot()
    assert len(caught.value.problems) == 11
    # 4 each: schema_version, and three required fields
    assert str(caught.value.problems[-1]) == "...: and 38 more problems"
